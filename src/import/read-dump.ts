/**
 * Reads a dump folder: one `<ClassName>.json` per class, each in the AdminService's form (`{"value": [...]}`) or as
 * ConvertTo-Json wrote it from either PowerShell edition (an array, or one object), and the collector's manifest when
 * there is one. A file that cannot be read or parsed is a warning naming it, and the class counts as not collected.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { DUMP_CLASSES, MANIFEST_FILE } from './classes.js';
import { isRecord, Row } from './row.js';
import { show } from './values.js';
import type { Warnings } from './warnings.js';
import { DumpError } from '../errors.js';

export interface Manifest {
  collectorVersion?: string;
  provider?: string;
  siteCode?: string;
  source?: string;
  /** Per class: how many instances were written, or why the class could not be read. */
  classes: Map<string, { count?: number; error?: string }>;
}

export interface Dump {
  /** Rows of each class that was read, by lower-case class name. */
  readonly rows: Map<string, Row[]>;
  readonly manifest?: Manifest;
}

export { DumpError };

/** The rows of a class; none when the class was not read (a warning already said so). */
export function rowsOf(dump: Dump, className: string): Row[] {
  return dump.rows.get(className.toLowerCase()) ?? [];
}

export function hasClass(dump: Dump, className: string): boolean {
  return dump.rows.has(className.toLowerCase());
}

export function readDump(folder: string, warnings: Warnings): Dump {
  let names: string[];
  try {
    if (!statSync(folder).isDirectory())
      throw new DumpError(
        `${folder}: not a folder; give the folder the collector wrote (one <ClassName>.json per class)`,
      );
    names = readdirSync(folder).sort();
  } catch (error) {
    if (error instanceof DumpError) throw error;
    throw new DumpError(
      `${folder}: cannot read the dump folder: ${(error as NodeJS.ErrnoException).code ?? String(error)}`,
    );
  }
  const files = new Map(
    names.filter((name) => name.toLowerCase().endsWith('.json')).map((name) => [name.toLowerCase(), name]),
  );
  const manifestName = files.get(MANIFEST_FILE.toLowerCase());
  const manifest = manifestName === undefined ? undefined : readManifest(join(folder, manifestName), warnings);
  const known = new Set(DUMP_CLASSES.map((name) => `${name.toLowerCase()}.json`));
  if (![...files.keys()].some((name) => known.has(name))) {
    throw new DumpError(
      `${folder}: no class files (${DUMP_CLASSES[0]}.json, ${DUMP_CLASSES[2]}.json, ...) in this folder; is it a dump written by collector/Export-CmlintSite.ps1?`,
    );
  }

  const rows = new Map<string, Row[]>();
  const missing: string[] = [];
  for (const className of DUMP_CLASSES) {
    const entry = manifest?.classes.get(className.toLowerCase());
    if (entry?.error !== undefined) {
      warnings.add(`${className} could not be collected (manifest: ${entry.error}); what it holds is not imported`);
      continue;
    }
    const fileName = files.get(`${className.toLowerCase()}.json`);
    if (fileName === undefined) {
      missing.push(className);
      continue;
    }
    const read = readClassFile(join(folder, fileName), fileName, className, warnings);
    if (read === undefined) continue;
    if (entry?.count !== undefined && entry.count !== read.length) {
      warnings.add(
        `${fileName} holds ${read.length} instances but the manifest counted ${entry.count}; the file may be incomplete`,
      );
    }
    rows.set(className.toLowerCase(), read);
  }
  if (missing.length) warnings.add(`not in the dump, so what they hold is not imported: ${missing.join(', ')}`);
  for (const [lower, name] of files) {
    if (!known.has(lower) && lower !== MANIFEST_FILE.toLowerCase())
      warnings.add(`${name}: not a class the importer reads; ignored`);
  }
  return manifest ? { rows, manifest } : { rows };
}

function readJson(path: string, fileName: string, warnings: Warnings): { ok: true; value: unknown } | { ok: false } {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    warnings.add(
      `${fileName}: cannot read: ${(error as NodeJS.ErrnoException).code ?? String(error)}; the class is not imported`,
    );
    return { ok: false };
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1); // Windows PowerShell writes a byte-order mark
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (error) {
    warnings.add(`${fileName}: not valid JSON (${describeJsonError(error, text)}); the class is not imported`);
    return { ok: false };
  }
}

function readClassFile(path: string, fileName: string, className: string, warnings: Warnings): Row[] | undefined {
  const parsed = readJson(path, fileName, warnings);
  if (!parsed.ok) return undefined;
  const items = instancesOf(parsed.value);
  if (items === undefined) {
    warnings.add(
      `${fileName}: holds ${show(parsed.value)}, not instances (an array, one object, or {"value": [...]}); the class is not imported`,
    );
    return undefined;
  }
  const rows: Row[] = [];
  items.forEach((item, index) => {
    if (isRecord(item)) rows.push(new Row(className, item));
    else warnings.add(`${fileName}: instance ${index + 1} is ${show(item)}, not an object; skipped`);
  });
  return rows;
}

/** The instances in any of the forms: `{"value": [...]}` (AdminService; Windows PowerShell's `{value, Count}`), an array, one object. */
function instancesOf(value: unknown): unknown[] | undefined {
  if (value === null) return [];
  if (Array.isArray(value)) return value;
  if (isRecord(value)) {
    const inner = Object.entries(value).find(([key]) => key.toLowerCase() === 'value')?.[1];
    if (Array.isArray(inner)) return inner;
    return [value];
  }
  return undefined;
}

function readManifest(path: string, warnings: Warnings): Manifest | undefined {
  const parsed = readJson(path, MANIFEST_FILE, warnings);
  if (!parsed.ok) return undefined;
  if (!isRecord(parsed.value)) {
    warnings.add(`${MANIFEST_FILE}: not an object; ignored`);
    return undefined;
  }
  const data = new Row('manifest', parsed.value);
  const classes = new Map<string, { count?: number; error?: string }>();
  const listed = data.get('classes');
  if (isRecord(listed)) {
    for (const [name, entry] of Object.entries(listed)) {
      if (!isRecord(entry)) continue;
      const row = new Row('manifest', entry);
      const count = row.get('count');
      const error = row.get('error');
      classes.set(name.toLowerCase(), {
        ...(typeof count === 'number' ? { count } : {}),
        ...(typeof error === 'string' && error !== '' ? { error } : {}),
      });
    }
  } else {
    warnings.add(`${MANIFEST_FILE}: has no "classes" object; per-class counts and errors are not known`);
  }
  const text = (name: string) => (typeof data.get(name) === 'string' ? (data.get(name) as string) : undefined);
  const manifest: Manifest = { classes };
  for (const key of ['collectorVersion', 'provider', 'siteCode', 'source'] as const) {
    const value = text(key);
    if (value !== undefined) manifest[key] = value;
  }
  const format = data.get('formatVersion');
  if (format !== undefined && format !== 1)
    warnings.add(
      `${MANIFEST_FILE}: formatVersion ${show(format)} is newer than this importer knows (1); read as version 1`,
    );
  return manifest;
}

function describeJsonError(error: unknown, text: string): string {
  const message = error instanceof Error ? error.message : String(error);
  const position = /position (\d+)/.exec(message);
  if (position) {
    const offset = Number(position[1]);
    const before = text.slice(0, offset);
    const line = before.split('\n').length;
    const column = offset - before.lastIndexOf('\n');
    return `${message.replace(/\s*(in JSON )?at position \d+.*$/, '')} at line ${line} column ${column}`;
  }
  if (/end of JSON input/i.test(message)) {
    const lines = text.split('\n');
    return `the file ends early, at line ${lines.length} column ${(lines[lines.length - 1]?.length ?? 0) + 1}: truncated?`;
  }
  return message;
}
