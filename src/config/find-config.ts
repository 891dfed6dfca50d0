/** Finds the config file: cmlint.config.yaml, .yml or .json in the working directory or the nearest folder above it. */
import { existsSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { ConfigError } from './load-config.js';

export const CONFIG_NAMES = ['cmlint.config.yaml', 'cmlint.config.yml', 'cmlint.config.json'] as const;
export const CONFIG_NAME_PATTERN = /^cmlint\.config\.(ya?ml|json)$/i;

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

/** The config files in one folder (none, one, or — a mistake — several). */
export function configFilesIn(dir: string): string[] {
  return CONFIG_NAMES.map((name) => join(dir, name)).filter((path) => existsSync(path) && isFile(path));
}

/** The nearest config file from `start` upward, or undefined. Two config files in one folder are an error. */
export function findConfig(start: string = process.cwd()): string | undefined {
  let dir = resolve(start);
  for (;;) {
    const found = configFilesIn(dir);
    if (found.length > 1)
      throw new ConfigError(`${found.join(' and ')}: more than one config file in ${dir}; keep one`);
    if (found.length === 1) return found[0];
    const parent = dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}
