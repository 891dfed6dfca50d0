/**
 * The linter for a document, set up as `cmlint lint` run from the document's folder would set it up: the nearest
 * config file above it, its rule severities, suppressions, version facts and custom rule folders. A linter (every rule
 * loaded and compiled) is made once per config file and kept; it is made again only when the config file changes,
 * which is checked on each lint by its modification time (one stat) and when the editor reports a change to it.
 */
import { statSync } from 'node:fs';
import { dirname } from 'node:path';
import { findConfig } from '../config/find-config.js';
import { checkRuleIds, emptyConfig, loadConfig, type Config } from '../config/load-config.js';
import { createLinter, today, type Linter } from '../lint.js';

export interface ProjectLinter {
  config: Config;
  linter: Linter;
}

interface Cached extends ProjectLinter {
  /** The config file's modification time when it was read; -1 without a config file. */
  mtime: number;
  /** The day the linter was made for: date-based rules compare with today unless the config fixes asOf. */
  day: string;
}

const NO_CONFIG = '';

export class ProjectLinters {
  private readonly cache = new Map<string, Cached>();

  /**
   * The linter for a file at `path`. A broken config file or rule folder throws (ConfigError, RuleLoadError) with
   * a one-line message; the server shows it in place of findings.
   */
  forFile(path: string): ProjectLinter {
    const dir = dirname(path);
    const configPath = findConfig(dir) ?? NO_CONFIG;
    const mtime = configPath ? modified(configPath) : -1;
    const cached = this.cache.get(configPath);
    if (cached && cached.mtime === mtime && cached.day === today()) return cached;
    const config = configPath ? loadConfig(configPath, dir) : emptyConfig(dir);
    const linter = createLinter({
      asOf: config.asOf ?? today(),
      maxFileSize: config.maxFileSize,
      customRuleFolders: config.customRuleFolders,
      ruleSeverity: config.ruleSeverity,
      suppressions: config.suppressions,
      versionFacts: config.versionFacts,
    });
    checkRuleIds(config, linter.rules);
    const made: Cached = { config, linter, mtime, day: today() };
    this.cache.set(configPath, made);
    return made;
  }

  /** Forgets every linter (a watched config or rule file changed): the next lint reads the config again. */
  clear(): void {
    this.cache.clear();
  }
}

function modified(path: string): number {
  try {
    return statSync(path).mtimeMs;
  } catch {
    return -1;
  }
}
