/**
 * Reads and validates the config file against schemas/config.schema.json. Every problem is one line naming the file,
 * the line when known, and the key (the CLI prints it and exits 2).
 */
import { readFileSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import type { ErrorObject, ValidateFunction } from 'ajv';
import { closest } from 'fastest-levenshtein';
import { ConfigError } from '../errors.js';
import type { Severity } from '../findings.js';
import { SCHEMAS_DIR } from '../paths.js';
import type { Rule } from '../rules/rule.js';
import { parseDataFile, type ParsedDataFile } from '../parse/data-file.js';
import { runtime } from '../runtime.js';
import { createAjv } from '../validate/schemas.js';
import { compileGlob, GlobSyntaxError, type GlobMatcher } from './glob.js';
import { isCurrentBranchVersion, type VersionFacts } from '../versions/version-facts.js';

export { ConfigError };

export type RuleSetting = Severity | 'off' | 'on';

/** The config file as written (see schemas/config.schema.json). */
export interface ConfigFile {
  $schema?: string;
  rules?: Record<string, RuleSetting>;
  ignore?: string[];
  asOf?: string;
  maxFileSize?: number;
  maxWarnings?: number;
  customRuleFolders?: string[];
  suppressions?: { files: string; pointer: string; rule: string; justification: string }[];
  versions?: { version: number; buildNumber: number; available?: string; supportEnds?: string }[];
}

export interface ExternalSuppression {
  files: GlobMatcher;
  /** JSON pointer text; '' is the whole export. */
  pointer: string;
  rule: string;
  justification: string;
  /** Folder the glob is relative to. */
  baseDir: string;
  /** Where it was written, for messages: "cmlint.config.yaml: suppressions[2]". */
  origin: string;
}

export interface Config {
  /** Absolute path of the file; undefined for the empty default. */
  path?: string;
  dir: string;
  ruleSeverity: Record<string, Severity | 'off'>;
  /** Rule ids the file names, with the key they appear under, for checking them against the loaded rules. */
  namedRules: { id: string; key: string }[];
  ignore: GlobMatcher[];
  asOf?: string;
  maxFileSize?: number;
  maxWarnings?: number;
  /** Absolute folders. */
  customRuleFolders: string[];
  suppressions: ExternalSuppression[];
  /** Version facts the file adds to the built-in table (versions released after this cmlint, or corrections). */
  versionFacts?: VersionFacts[];
}

export function emptyConfig(dir = process.cwd()): Config {
  return { dir, ruleSeverity: {}, namedRules: [], ignore: [], customRuleFolders: [], suppressions: [] };
}

let configValidator: ValidateFunction | undefined;

function validator(): ValidateFunction {
  configValidator ??=
    runtime.validators.configSchema ??
    createAjv().compile(JSON.parse(readFileSync(join(SCHEMAS_DIR, 'config.schema.json'), 'utf8')));
  return configValidator;
}

/** `/suppressions/0/rule` → `suppressions[0].rule`. */
function keyPath(segments: (string | number)[]): string {
  let out = '';
  for (const s of segments) {
    if (typeof s === 'number' || /^\d+$/.test(String(s))) out += `[${s}]`;
    else out += out ? `.${s}` : String(s);
  }
  return out || '(top level)';
}

function segmentsOf(instancePath: string): (string | number)[] {
  if (!instancePath) return [];
  return instancePath
    .slice(1)
    .split('/')
    .map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((p) => (/^\d+$/.test(p) ? Number(p) : p));
}

const TOP_KEYS = [
  '$schema',
  'rules',
  'ignore',
  'asOf',
  'maxFileSize',
  'maxWarnings',
  'customRuleFolders',
  'suppressions',
  'versions',
];
const SUPPRESSION_KEYS = ['files', 'pointer', 'rule', 'justification'];
const VERSION_KEYS = ['version', 'buildNumber', 'available', 'supportEnds'];

function describeError(error: ErrorObject): { segments: (string | number)[]; message: string } {
  const segments = segmentsOf(error.instancePath);
  const shown = (value: unknown) => JSON.stringify(value);
  switch (error.keyword) {
    case 'additionalProperties': {
      const key = String(error.params.additionalProperty);
      const known = segments.length === 0 ? TOP_KEYS : segments[0] === 'versions' ? VERSION_KEYS : SUPPRESSION_KEYS;
      const suggestion = closest(key, known);
      return {
        segments: [...segments, key],
        message: `unknown key${suggestion ? ` (did you mean "${suggestion}"?)` : ''}`,
      };
    }
    case 'propertyNames':
    case 'pattern': {
      const name = (error.params.propertyName ?? (error as ErrorObject & { propertyName?: string }).propertyName) as
        string | undefined;
      if (name !== undefined)
        return {
          segments: [...segments, name],
          message: 'not a rule id (rule ids are upper-case letters and three digits, like CMG009)',
        };
      const last = segments[segments.length - 1];
      if (last === 'rule') return { segments, message: `${shown(error.data)} is not a rule id (like CMG009)` };
      if (last === 'asOf' || last === 'available' || last === 'supportEnds')
        return { segments, message: `must be a date as YYYY-MM-DD, not ${shown(error.data)}` };
      if (last === 'pointer')
        return {
          segments,
          message: `must be a JSON pointer starting with / (or "" for the whole export), not ${shown(error.data)}`,
        };
      if (last === 'justification') return { segments, message: 'must say why the finding is accepted (it is empty)' };
      return { segments, message: error.message ?? 'is invalid' };
    }
    case 'enum':
      return {
        segments,
        message: `must be one of ${(error.params.allowedValues as unknown[]).join(', ')}, not ${shown(error.data)}`,
      };
    case 'required':
      return { segments: [...segments, String(error.params.missingProperty)], message: 'is required' };
    case 'type':
      return {
        segments,
        message: `must be ${error.params.type === 'object' ? 'a mapping' : error.params.type === 'array' ? 'a list' : `a${/^[aeiou]/.test(String(error.params.type)) ? 'n' : ''} ${error.params.type}`}`,
      };
    default:
      return { segments, message: error.message ?? 'is invalid' };
  }
}

/**
 * Parses the config with the export's parsers and their defences (src/parse/data-file.ts): a config file can
 * arrive in a pull request like any export.
 */
function parseConfigText(path: string, text: string, shown: string): ParsedDataFile {
  const parsed = parseDataFile(path, text);
  if (parsed.problem) {
    throw new ConfigError(
      `${shown}:${parsed.problem.line}: cannot parse ${/\.json$/i.test(path) ? 'JSON' : 'YAML'}: ${parsed.problem.message}`,
    );
  }
  return { ...parsed, data: parsed.data ?? {} };
}

/** Reads, parses and validates a config file. Relative paths in it are resolved against its folder. */
export function loadConfig(path: string, cwd = process.cwd()): Config {
  const absolute = resolve(cwd, path);
  const shownPath = relative(cwd, absolute);
  const shown = shownPath && !shownPath.startsWith('..') && !isAbsolute(shownPath) ? shownPath : absolute;
  let text: string;
  try {
    text = readFileSync(absolute, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new ConfigError(
      `${shown}: cannot read config file (${code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory' : (code ?? 'error')})`,
    );
  }
  const { data, document } = parseConfigText(absolute, text, shown);
  const validate = validator();
  if (!validate(data)) {
    const errors = validate.errors ?? [];
    // Prefer the most specific error (deepest path); ajv lists parents' errors too.
    const first = [...errors].sort((a, b) => b.instancePath.length - a.instancePath.length)[0]!;
    const { segments, message } = describeError(first);
    const line = document.locate(segments, segments.length > 0).startLine;
    throw new ConfigError(`${shown}:${line}: ${keyPath(segments)}: ${message}`);
  }
  const file = data as ConfigFile;
  const dir = dirname(absolute);
  const ruleSeverity: Record<string, Severity | 'off'> = {};
  const namedRules: { id: string; key: string }[] = [];
  for (const [id, setting] of Object.entries(file.rules ?? {})) {
    namedRules.push({ id, key: `rules.${id}` });
    if (setting !== 'on') ruleSeverity[id] = setting;
  }
  // A pattern that is no glob is a config error at its own line.
  const glob = (pattern: string, segments: (string | number)[]): GlobMatcher => {
    try {
      return compileGlob(pattern);
    } catch (error) {
      if (!(error instanceof GlobSyntaxError)) throw error;
      throw new ConfigError(
        `${shown}:${document.locate(segments, false).startLine}: ${keyPath(segments)}: not a valid glob: ${error.message}`,
      );
    }
  };
  const suppressions = (file.suppressions ?? []).map((s, index): ExternalSuppression => {
    namedRules.push({ id: s.rule, key: `suppressions[${index}].rule` });
    return {
      files: glob(s.files, ['suppressions', index, 'files']),
      pointer: s.pointer === '/' ? '' : s.pointer,
      rule: s.rule,
      justification: s.justification.trim(),
      baseDir: dir,
      origin: `${shown}: suppressions[${index}]`,
    };
  });
  const versionFacts = (file.versions ?? []).map((entry, index) => {
    const problem = !isCurrentBranchVersion(entry.version)
      ? `${entry.version} is not a current-branch version (YYMM with a month from 01 to 12)`
      : [entry.available, entry.supportEnds].find((date) => date !== undefined && !isCalendarDate(date))
        ? 'dates must be calendar dates (YYYY-MM-DD)'
        : undefined;
    if (problem) {
      const line = document.locate(['versions', index], false).startLine;
      throw new ConfigError(`${shown}:${line}: versions[${index}]: ${problem}`);
    }
    return { ...entry, version: String(entry.version) };
  });
  return {
    ...(versionFacts.length ? { versionFacts } : {}),
    path: absolute,
    dir,
    ruleSeverity,
    namedRules,
    ignore: (file.ignore ?? []).map((pattern, index) => glob(pattern, ['ignore', index])),
    asOf: file.asOf,
    maxFileSize: file.maxFileSize,
    maxWarnings: file.maxWarnings,
    customRuleFolders: (file.customRuleFolders ?? []).map((folder) => resolve(dir, folder)),
    suppressions,
  };
}

function isCalendarDate(text: string): boolean {
  const time = Date.parse(`${text}T00:00:00Z`);
  return !Number.isNaN(time) && new Date(time).toISOString().slice(0, 10) === text;
}

/** Rule ids in the config that no loaded rule has: a typo would otherwise silently do nothing. */
export function checkRuleIds(config: Config, rules: Rule[]): void {
  const ids = rules.map((r) => r.id);
  for (const { id, key } of config.namedRules) {
    if (ids.includes(id)) continue;
    const suggestion = closest(id, ids);
    const where = config.path ? relative(process.cwd(), config.path) || config.path : 'config';
    throw new ConfigError(
      `${where}: ${key}: no rule ${id}${suggestion ? ` (did you mean ${suggestion}?)` : ''}; \`cmlint rules\` lists them`,
    );
  }
}

/** Whether a file (as given on the command line, relative to cwd) is ignored by the config's globs. */
export function isIgnored(config: Config, file: string, cwd = process.cwd()): boolean {
  if (!config.ignore.length || file === '-') return false;
  const rel = relative(config.dir, resolve(cwd, file));
  if (rel.startsWith('..') || isAbsolute(rel)) return false;
  const path = rel.split(sep).join('/');
  return config.ignore.some((glob) => glob.matches(path));
}
