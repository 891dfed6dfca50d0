/** Validates parsed data against the export schema and turns each schema error into a finding at its own position. */
import type { DataValidationCxt, ErrorObject } from 'ajv/dist/types/index.js';
import { closest, distance } from 'fastest-levenshtein';
import { MAX_QUOTED, parseJsonPointer, type RawFinding } from '../findings.js';
import { exportValidator, INVENTORY, inventoryItemValidator } from './schemas.js';
import {
  BUILT_IN_VERSIONS,
  buildNumberIn,
  isCurrentBranchVersion,
  type VersionTable,
} from '../versions/version-facts.js';

export function validateExport(data: unknown, versions: VersionTable = BUILT_IN_VERSIONS): RawFinding[] {
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    const found =
      data === undefined
        ? 'nothing (the file is empty or holds only comments)'
        : data === null
          ? 'an empty document'
          : Array.isArray(data)
            ? 'a list'
            : describeValue(data);
    return [
      {
        ruleId: 'CML003',
        severity: 'error',
        message: `The export must be a mapping with schemaVersion, hierarchy, siteSystems and so on; found ${found}.`,
        pointer: [],
      },
    ];
  }
  const findings = collapseAnyOf(schemaErrors(data as Record<string, unknown>)).map(toFinding);
  const versionProblems = versionFindings(data as Record<string, unknown>, versions);
  if (!versionProblems.length) return findings;
  // A version finding says more than the schema's type error at the same value ("5.00.9122.1000" is not an integer).
  const at = new Set(versionProblems.map((f) => (f.pointer ?? []).join('\u0000')));
  return [...findings.filter((f) => !at.has((f.pointer ?? []).join('\u0000'))), ...versionProblems];
}

/** Where the export states a current-branch version: each site's Version and each CMG's CreatedOnVersion. */
function statedVersions(data: Record<string, unknown>): { pointer: (string | number)[]; value: unknown }[] {
  const found: { pointer: (string | number)[]; value: unknown }[] = [];
  const each = (list: unknown, path: (string | number)[], key: string) => {
    if (!Array.isArray(list)) return;
    list.forEach((item, index) => {
      if (
        item !== null &&
        typeof item === 'object' &&
        !Array.isArray(item) &&
        Object.prototype.hasOwnProperty.call(item, key)
      ) {
        found.push({ pointer: [...path, index, key], value: (item as Record<string, unknown>)[key] });
      }
    });
  };
  const hierarchy = data.hierarchy;
  if (hierarchy !== null && typeof hierarchy === 'object')
    each((hierarchy as Record<string, unknown>).sites, ['hierarchy', 'sites'], 'Version');
  each(data.cloudManagementGateways, ['cloudManagementGateways'], 'CreatedOnVersion');
  return found;
}

/**
 * A version that is not a current-branch version (YYMM from 1511, a month from 01 to 12): a build number such as 9122
 * or 5.00.9122.1000 (what Get-CMSite and SMS_Site report) is named with the version it stands for (version-facts.ts).
 */
function versionFindings(data: Record<string, unknown>, versions: VersionTable): RawFinding[] {
  const findings: RawFinding[] = [];
  for (const { pointer, value } of statedVersions(data)) {
    if (isCurrentBranchVersion(value)) continue;
    const field = String(pointer[pointer.length - 1]);
    const build = buildNumberIn(value);
    const shown = clip(asText(value));
    const known = build === undefined ? undefined : versions.forBuildNumber(build);
    if (known) {
      findings.push({
        ruleId: 'CML003',
        severity: 'error',
        message: `${shown} is the build number of version ${known.version} (5.00.${known.buildNumber}), not a version; write ${field}: ${known.version}.`,
        pointer,
        actual: shown,
        expected: known.version,
      });
    } else if (
      typeof value === 'bigint' ||
      typeof value === 'number' ||
      (build !== undefined && typeof value === 'string')
    ) {
      // Integers below 1511 or above 9912 already have the schema's finding; what is left has a month outside 01-12.
      const number = typeof value === 'string' ? build! : Number(value);
      if (typeof value !== 'string' && (number < 1511 || number > 9912)) continue;
      if (typeof value === 'string' && number < 8000) continue; // a version as text: the schema's type finding says it
      findings.push({
        ruleId: 'CML003',
        severity: 'error',
        message:
          number >= 8000
            ? `${shown} looks like a site build number (5.00.${number}) that cmlint's version table does not know; write the current-branch version as YYMM (for example ${versions.latest.version}), or add the version to the config file's versions.`
            : `${shown} is not a current-branch version: ${field} is YYMM with a month from 01 to 12 (for example ${versions.latest.version}).`,
        pointer,
        actual: shown,
        expected: 'a current-branch version (YYMM)',
      });
    }
  }
  return findings;
}

/**
 * The export's schema errors: the inventory's items one by one with the item's own validator, the rest with the
 * export's validator on a copy whose inventory is empty. The root schema has no keyword that relates one property to
 * another, so the errors are the export validator's own, in another order (findings are sorted by position).
 */
export function schemaErrors(data: Record<string, unknown>): ErrorObject[] {
  const validate = exportValidator();
  const inventory = data[INVENTORY];
  if (!Array.isArray(inventory) || inventory.length === 0) return validate(data) ? [] : [...(validate.errors ?? [])];
  const rest = { ...data, [INVENTORY]: [] };
  // An error about the export itself names the export as its data, not the copy.
  const errors = validate(rest)
    ? []
    : (validate.errors ?? []).map((error) => (error.data === rest ? { ...error, data } : error));
  const item = inventoryItemValidator();
  // One context for every item, its index updated: ajv's code for the whole export makes a new context object and a
  // new path string ("/devices/" + i) for each item, which was most of the schema step's time on a large inventory
  // (and garbage for the collector). Errors are rare, so their path is made only for them.
  const context: DataValidationCxt = {
    instancePath: '',
    parentData: inventory,
    parentDataProperty: 0,
    rootData: data,
    dynamicAnchors: {},
  };
  for (let index = 0; index < inventory.length; index++) {
    context.parentDataProperty = index;
    if (item(inventory[index], context)) continue;
    const at = `/${INVENTORY}/${index}`;
    for (const error of item.errors ?? []) errors.push({ ...error, instancePath: at + error.instancePath });
  }
  return errors;
}

/** anyOf reports every branch's failure; keep only the branch that matches the value's type, or one summary. */
function collapseAnyOf(errors: ErrorObject[]): ErrorObject[] {
  const anyOfs = errors.filter((e) => e.keyword === 'anyOf');
  if (!anyOfs.length) return errors;
  const drop = new Set<ErrorObject>();
  const add: ErrorObject[] = [];
  for (const anyOf of anyOfs) {
    const prefix = anyOf.schemaPath + '/';
    const branches = new Map<string, ErrorObject[]>();
    for (const e of errors) {
      if (e === anyOf || !e.schemaPath.startsWith(prefix) || !e.instancePath.startsWith(anyOf.instancePath)) continue;
      const branch = e.schemaPath.slice(prefix.length).split('/')[0]!;
      branches.set(branch, [...(branches.get(branch) ?? []), e]);
      drop.add(e);
    }
    drop.add(anyOf);
    const typed = [...branches.values()].find(
      (list) => !list.some((e) => e.instancePath === anyOf.instancePath && e.keyword === 'type'),
    );
    for (const e of typed ?? [anyOf]) add.push(e);
  }
  return [...errors.filter((e) => !drop.has(e)), ...add];
}

function toFinding(error: ErrorObject): RawFinding {
  const pointer = parseJsonPointer(error.instancePath);
  const where = describeObject(error.parentSchema);
  switch (error.keyword) {
    case 'additionalProperties': {
      const key = String(error.params.additionalProperty);
      const allowed = Object.keys((error.parentSchema as { properties?: object })?.properties ?? {});
      const meant = closestKey(key, allowed);
      const finding: RawFinding = {
        ruleId: 'CML002',
        severity: 'error',
        message: `Unknown property ${quote(key)}${where}.${meant ? ` Did you mean "${meant}"?` : ''}`,
        pointer: [...pointer, key],
        atKey: true,
        actual: clip(key),
        expected: allowed.join(', '),
      };
      // The key it is probably a slip of is a fact the export meant to state: rules that need it do not judge it.
      if (meant) finding.fact = meant;
      return finding;
    }
    case 'required': {
      const key = String(error.params.missingProperty);
      return {
        ruleId: 'CML004',
        severity: 'error',
        message: `Missing required property ${quote(key)}${where}; add it.`,
        pointer,
        atKey: pointer.length > 0,
        expected: key,
      };
    }
    case 'enum': {
      const allowed = (error.params.allowedValues as unknown[]).map(String);
      const value = asText(error.data);
      return {
        ruleId: 'CML003',
        severity: 'error',
        message: `${clip(JSON.stringify(error.data) ?? value)} is not an allowed value for ${fieldName(pointer)}; use one of ${allowed.join(', ')}.${suggest(value, allowed)}`,
        pointer,
        actual: clip(value),
        expected: allowed.join(', '),
      };
    }
    case 'type':
      return {
        ruleId: 'CML003',
        severity: 'error',
        message: `${fieldName(pointer)} must be ${article(String(error.params.type))}, not ${describeValue(error.data)}.`,
        pointer,
        actual: describeValue(error.data),
        expected: String(error.params.type),
      };
    case 'anyOf':
      return {
        ruleId: 'CML003',
        severity: 'error',
        message: `${fieldName(pointer)} has the wrong form (${describeValue(error.data)}); see the schema for the forms it may take.`,
        pointer,
        actual: describeValue(error.data),
      };
    default:
      return {
        ruleId: 'CML003',
        severity: 'error',
        message: `${fieldName(pointer)} ${error.message ?? 'is invalid'}.`,
        pointer,
        actual: describeValue(error.data),
      };
  }
}

/** Export text quoted for a message, cut short: a message names a value, it does not repeat a megabyte of it. */
function quote(text: string): string {
  return JSON.stringify(text.length > MAX_QUOTED ? text.slice(0, MAX_QUOTED - 3) + '...' : text);
}

function clip(text: string): string {
  return text.length > MAX_QUOTED ? text.slice(0, MAX_QUOTED - 3) + '...' : text;
}

function suggest(word: string, candidates: string[]): string {
  const best = closestKey(word, candidates);
  return best ? ` Did you mean "${best}"?` : '';
}

function closestKey(word: string, candidates: string[]): string | undefined {
  // Beyond this length nothing is a typo of a key name, and comparing would only cost time.
  if (!candidates.length || word.length > 100) return undefined;
  const lower = candidates.find((c) => c.toLowerCase() === word.toLowerCase());
  const best = lower ?? closest(word, candidates);
  const limit = Math.max(2, Math.floor(word.length / 3));
  return lower || distance(word.toLowerCase(), best.toLowerCase()) <= limit ? best : undefined;
}

function describeObject(schema: unknown): string {
  const title = (schema as { title?: string })?.title;
  return title ? ` in ${title}` : '';
}

function fieldName(pointer: (string | number)[]): string {
  const last = [...pointer].reverse().find((p) => typeof p === 'string');
  return last === undefined ? 'The value' : quote(last);
}

function article(type: string): string {
  return /^[aeiou]/.test(type) ? `an ${type}` : `a ${type}`;
}

/** A value as text; a mapping's own toString (an export may hold a key named toString) is never called. */
function asText(value: unknown): string {
  return value !== null && typeof value === 'object' ? JSON.stringify(value) : String(value);
}

function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  if (typeof value === 'string') return `the string ${quote(value)}`;
  return `${typeof value} ${String(value)}`;
}
