/**
 * `cmlint import <dump> [--overlay parts.yaml] [-o site.yaml]`: read the dump, map it, merge the overlay, write the
 * export, and tell the user on stderr what was imported, each warning and each conflict. A dump or overlay that
 * cannot be read at all is one line (a UsageError, exit 2); everything else is a warning and the export is written.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { parseDocument } from 'yaml';
import { UsageError } from '../errors.js';
import { writeAtomically } from '../write-output.js';
import { escapeControl } from '../report/escape.js';
import { validateExport } from '../validate/validate-export.js';
import { mapDump } from './map-dump.js';
import { type Conflict, mergeOverlay } from './overlay.js';
import { DumpError, type Manifest, readDump } from './read-dump.js';
import { isRecord } from './row.js';
import { plain } from './sourced.js';
import { show } from './values.js';
import { Warnings } from './warnings.js';
import { writeYaml } from './write-yaml.js';

export interface ImportOptions {
  output?: string;
  overlay?: string;
}

export interface ImportResult {
  yaml: string;
  warnings: string[];
  conflicts: string[];
  export: unknown;
}

/** The import without the command line: for tests and the API. */
export function importDump(dumpPath: string, overlayPath?: string): ImportResult {
  const warnings = new Warnings();
  let dump;
  try {
    dump = readDump(dumpPath, warnings);
  } catch (error) {
    if (error instanceof DumpError) throw new UsageError(error.message);
    throw error;
  }
  let root = mapDump(dump, warnings);
  let conflicts: Conflict[] = [];
  if (overlayPath !== undefined) ({ merged: root, conflicts } = mergeOverlay(root, readOverlay(overlayPath)));
  const data = plain(root);
  const problems = validateExport(data);
  if (problems.length) {
    const first = problems.slice(0, 5).map((p) => `/${(p.pointer ?? []).join('/')}: ${p.message}`);
    warnings.add(
      `the export breaks the schema in ${problems.length} place(s); cmlint lint reports each at its line: ${first.join('; ')}${problems.length > 5 ? '; ...' : ''}`,
    );
  }
  const conflictLines = conflicts.map(
    (c) =>
      `${c.path}: the site says ${show(c.site)}${c.source ? ` (${c.source})` : ''}, the overlay ${show(c.overlay)}`,
  );
  const yaml = writeYaml({
    root,
    header: header(dump.manifest, overlayPath),
    warnings: warnings.list,
    conflicts: conflictLines,
  });
  return { yaml, warnings: warnings.list, conflicts: conflictLines, export: data };
}

export async function runImport(dumpPath: string, options: ImportOptions): Promise<number> {
  const result = importDump(dumpPath, options.overlay);
  if (options.output !== undefined) {
    // Never over an input: the overlay or a file of the dump.
    const inputs = [...(options.overlay === undefined ? [] : [options.overlay]), ...dumpFiles(dumpPath)];
    await writeAtomically(options.output, result.yaml, inputs);
  } else {
    process.stdout.write(result.yaml);
  }
  for (const warning of result.warnings) process.stderr.write(`cmlint import: warning: ${escapeControl(warning)}\n`);
  for (const conflict of result.conflicts)
    process.stderr.write(`cmlint import: overlay wins: ${escapeControl(conflict)}\n`);
  const counts = summary(result.export);
  process.stderr.write(
    `cmlint import: ${options.output === undefined ? 'wrote the export to stdout' : `wrote ${escapeControl(options.output)}`}: ${counts}; ${result.warnings.length} warning(s), ${result.conflicts.length} overlay conflict(s)\n`,
  );
  return 0;
}

function dumpFiles(folder: string): string[] {
  try {
    return readdirSync(folder).map((name) => join(folder, name));
  } catch {
    return [];
  }
}

function readOverlay(path: string): Record<string, unknown> {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new UsageError(`${path}: cannot read the overlay: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
  const doc = parseDocument(text, { prettyErrors: false, uniqueKeys: true });
  const error = doc.errors[0];
  if (error) {
    const [line, column] = error.linePos?.[0] ? [error.linePos[0].line, error.linePos[0].col] : [1, 1];
    throw new UsageError(`${path}:${line}:${column}: the overlay is not valid YAML: ${error.message.split('\n')[0]}`);
  }
  const data: unknown = doc.toJS({ maxAliasCount: 1000 });
  if (data === null || data === undefined) return {};
  if (!isRecord(data))
    throw new UsageError(
      `${path}: the overlay must be a mapping in the export's schema (schemaVersion, hierarchy, siteSystems, ...)`,
    );
  return data;
}

function header(manifest: Manifest | undefined, overlayPath: string | undefined): string[] {
  const lines = ['Imported by `cmlint import` from an SMS Provider dump.'];
  const about = [
    manifest?.siteCode && `site ${manifest.siteCode}`,
    manifest?.provider && `provider ${manifest.provider}`,
    manifest?.source && `read through ${manifest.source}`,
    manifest?.collectorVersion && `collector ${manifest.collectorVersion}`,
  ].filter(Boolean);
  if (about.length) lines.push(`Dump: ${about.join(', ')}.`);
  if (overlayPath !== undefined) lines.push(`Overlay: ${basename(overlayPath)}.`);
  lines.push(
    'A value with a comment was read from the site (the comment names the class and property); a value without one comes',
    'from the overlay. Do not edit this file: write what the site cannot tell in the overlay and import again.',
  );
  return lines;
}

function summary(data: unknown): string {
  if (!isRecord(data)) return 'nothing';
  const count = (value: unknown) => (Array.isArray(value) ? value.length : 0);
  const hierarchy = isRecord(data.hierarchy) ? data.hierarchy : {};
  const parts: [string, number][] = [
    ['site(s)', count(hierarchy.sites)],
    ['site system(s)', count(data.siteSystems)],
    ['CMG(s)', count(data.cloudManagementGateways)],
    ['client setting(s)', count(data.clientSettings)],
    ['boundary group(s)', count(data.boundaryGroups)],
    ['population(s)', count(data.clientPopulations)],
  ];
  return parts.map(([what, n]) => `${n} ${what}`).join(', ');
}
