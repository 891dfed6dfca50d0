/** The config of a command: the file named with --config, none (--no-config), or the nearest one from the working folder up. */
import { findConfig } from './find-config.js';
import { emptyConfig, loadConfig, type Config } from './load-config.js';

/** `config` is commander's value: a path for --config, false for --no-config, undefined when neither is given. */
export function resolveConfig(config: string | false | undefined, cwd = process.cwd()): Config {
  if (config === false) return emptyConfig(cwd);
  if (config !== undefined) return loadConfig(config, cwd);
  const found = findConfig(cwd);
  return found ? loadConfig(found, cwd) : emptyConfig(cwd);
}
