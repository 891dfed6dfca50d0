/**
 * The linter for a document, set up as `cmlint lint` run from the document's folder would set it up: the nearest
 * config file above it, its rule severities, suppressions, version facts and custom rule folders. A linter (every rule
 * loaded and compiled) is made once per config file and kept; it is made again only when the config file or a file of
 * its custom rule folders changes, which is checked on each lint by modification times (a stat each) and when the
 * editor reports a change to the config file.
 */
import { readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { findConfig } from '../config/find-config.js';
import { checkRuleIds, emptyConfig, loadConfig, type Config } from '../config/load-config.js';
import { createLinter, today, type Linter } from '../lint.js';

export interface ProjectLinter {
  config: Config;
  linter: Linter;
}

interface Cached extends ProjectLinter {
  /** The config file's modification time and size when it was read, then its rule folders' files'. */
  stamp: string;
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
    const cached = this.cache.get(configPath);
    if (cached && cached.stamp === stampOf(configPath, cached.config.customRuleFolders) && cached.day === today())
      return cached;
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
    const made: Cached = { config, linter, stamp: stampOf(configPath, config.customRuleFolders), day: today() };
    this.cache.set(configPath, made);
    return made;
  }

  /** Forgets every linter (a watched config or rule file changed): the next lint reads the config again. */
  clear(): void {
    this.cache.clear();
  }
}

/** What tells a change: the modification times of the config file and of every file in its custom rule folders. */
function stampOf(configPath: string, ruleFolders: readonly string[]): string {
  const times: (string | number)[] = [configPath ? modified(configPath) : '-'];
  for (const folder of ruleFolders) {
    let names: string[] = [];
    try {
      names = readdirSync(folder).sort();
    } catch {
      // a folder that went away: the next load says so
    }
    times.push(names.length, ...names.map((name) => modified(join(folder, name))));
  }
  return times.join(' ');
}

/** A file's modification time and size (two saves within the clock's resolution seldom keep the size). */
function modified(path: string): string {
  try {
    const stat = statSync(path);
    return `${stat.mtimeMs}:${stat.size}`;
  } catch {
    return '-';
  }
}
