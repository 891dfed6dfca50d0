/**
 * Property-based tests: random mutations of the fixtures (keys, values, types, deleted/duplicated/inserted nodes,
 * random bytes and lines) never make the lint API throw, every finding's position lies inside its file, the SARIF
 * report validates against SARIF 2.1.0, the JSON report parses, and no report (text, JSON, SARIF, nor a SARIF message
 * once parsed) carries a raw control character.
 *
 * The budget is fixed: each property stops after its number of runs or its time limit, whichever comes first, so the
 * file stays well under a minute on two cores. CMLINT_FUZZ_RUNS and CMLINT_FUZZ_SECONDS raise it for a longer hunt.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import fc from 'fast-check';
import type { ValidateFunction } from 'ajv';
import { stringify as toYaml, parse as fromYaml } from 'yaml';
import { afterAll, describe, expect, test } from 'vitest';
import { createLinter } from '../../src/lint.js';
import { formatJson } from '../../src/report/json.js';
import { formatSarif } from '../../src/report/sarif.js';
import { formatText } from '../../src/report/text.js';
import { decodeSource, firstInvalidUtf8Offset, UnreadableSourceError } from '../../src/source/read-source.js';
import { officialSarifValidator, registrySarifValidator } from '../support/sarif-schemas.js';
import { slots } from '../support/slots.js';

const ROOT = join(import.meta.dirname, '..', '..');
const RUNS = Number(process.env.CMLINT_FUZZ_RUNS ?? 200);
const SECONDS = Number(process.env.CMLINT_FUZZ_SECONDS ?? 10);
/** Small enough that a mutation that doubles a file stays quick; the size limit itself is tested elsewhere. */
const MAX_BYTES = 4 * 1024 * 1024;

function seedFiles(dir: string): string[] {
  const result: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) result.push(...seedFiles(path));
    else if (/\.(ya?ml|json)$/i.test(name)) result.push(path);
  }
  return result;
}

const seeds = seedFiles(join(ROOT, 'fixtures')).map((path) => {
  const bytes = readFileSync(path);
  let data: unknown = {};
  try {
    data =
      fromYaml(bytes.toString('utf8'), {
        schema: 'core',
        merge: false,
        uniqueKeys: false,
        maxAliasCount: 1000,
        logLevel: 'silent',
      }) ?? {};
  } catch {
    // a deliberately broken fixture: text mutations still use it
  }
  return { name: relative(ROOT, path), bytes, data, toString: () => relative(ROOT, path) };
});

const linter = createLinter({ asOf: '2026-06-01' });
const validators: { name: string; validate: ValidateFunction }[] = [
  { name: 'registry SARIF 2.1.0 schema', validate: registrySarifValidator() },
];
const official = officialSarifValidator();
if (official) validators.push({ name: 'official OASIS SARIF 2.1.0 schema (../shared)', validate: official });

/** Characters a report must never pass to a terminal as they are (tab and newline are layout). */
const RAW_CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]/;

const stats = { runs: 0, unreadable: 0, findings: 0, started: Date.now() };
afterAll(() => {
  const seconds = ((Date.now() - stats.started) / 1000).toFixed(1);
  console.log(
    `fuzz: ${stats.runs} inputs (${stats.unreadable} refused as unreadable), ${stats.findings} findings, ${seconds} s; budget ${RUNS} runs or ${SECONDS} s per property, ${seeds.length} seeds`,
  );
});

/** Lints one input through the API and checks every invariant; throws (fails the property) on any violation. */
function lintAndCheck(name: string, bytes: Buffer): void {
  stats.runs++;
  let source;
  try {
    source = decodeSource(name, bytes, MAX_BYTES);
  } catch (error) {
    // The one documented refusal: a file that is not UTF-8 text. It must be one line naming the file.
    expect(error).toBeInstanceOf(UnreadableSourceError);
    expect((error as Error).message.startsWith(`${name}: `)).toBe(true);
    expect((error as Error).message).not.toMatch(/[\r\n]/);
    stats.unreadable++;
    return;
  }
  const result = linter.lintSource(source);
  stats.findings += result.findings.length;
  const lines = source.text.split(/\r\n|\r|\n/);
  for (const f of result.findings) {
    const where = `${f.ruleId} at ${f.region.startLine}:${f.region.startColumn}-${f.region.endLine}:${f.region.endColumn} in a file of ${lines.length} lines`;
    const { startLine, startColumn, endLine, endColumn } = f.region;
    expect(startLine >= 1 && startLine <= lines.length, where).toBe(true);
    expect(endLine >= startLine && endLine <= lines.length, where).toBe(true);
    expect(startColumn >= 1 && startColumn <= lines[startLine - 1]!.length + 1, where).toBe(true);
    expect(endColumn >= 1 && endColumn <= lines[endLine - 1]!.length + 1, where).toBe(true);
    expect(typeof f.message === 'string' && f.message.length > 0, where).toBe(true);
  }
  const input = { files: [result], rules: linter.rules, toolVersion: '0.0.0-fuzz', cwd: ROOT };
  const sarifText = formatSarif(input);
  expect(RAW_CONTROL.exec(sarifText)?.[0], 'raw control character in the SARIF log').toBeUndefined();
  const sarif = JSON.parse(sarifText);
  for (const { name: schema, validate } of validators) {
    expect(validate(sarif), `${schema}: ${JSON.stringify(validate.errors?.slice(0, 3))}`).toBe(true);
  }
  // Messages code scanning shows to people are escaped as the text report escapes them, even once parsed.
  for (const r of sarif.runs[0].results as { message: { text: string } }[]) {
    expect(RAW_CONTROL.exec(r.message.text)?.[0], 'raw control character in a SARIF message').toBeUndefined();
  }
  const jsonText = formatJson(input);
  expect(RAW_CONTROL.exec(jsonText)?.[0], 'raw control character in the JSON report').toBeUndefined();
  const json = JSON.parse(jsonText);
  expect(json.files[0].findings.length).toBe(result.findings.length);
  const text = formatText(input, { color: false });
  expect(RAW_CONTROL.exec(text)?.[0], 'raw control character in the text report').toBeUndefined();
}

// ---------------------------------------------------------------------------------------------------------------
// Arbitraries

const hostileStrings = [
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  'hasOwnProperty',
  '<<',
  '',
  ' ',
  '~',
  'null',
  'true',
  '0x1F',
  '1e400',
  '-.inf',
  '.nan',
  '\u001b[2J\u001b[31m',
  '\u001b]0;title\u0007',
  'a\r\nb',
  '\u202eevil',
  '\ufeff',
  '\u0085',
  '\u2028',
  '\ud800',
  '{{ it.SiteCode }}',
  '${process.exit(1)}',
  '!!js/function',
  '*alias',
  '&anchor',
  '%YAML 1.1',
  '---',
  '...',
  '#',
  '"',
  "'",
  'SiteCode',
  'SiteType',
  'Version',
  'schemaVersion',
  'hierarchy',
  'sites',
  'siteSystems',
  'cloudManagementGateways',
];
const keyArb = fc.oneof(
  fc.constantFrom(...hostileStrings),
  fc.string({ maxLength: 12 }),
  fc.string({ unit: 'binary', maxLength: 8 }),
);
const scalarArb = fc.oneof(
  fc.constantFrom<unknown>(
    null,
    true,
    false,
    0,
    -0,
    -1,
    2403,
    2 ** 53 + 2,
    1e308,
    -1e-308,
    0.5,
    'Primary',
    'Cas',
    'Secondary',
    'HttpsOnly',
    ...hostileStrings,
  ),
  fc.integer(),
  fc.double({ noNaN: true }),
  fc.string({ maxLength: 20 }),
  fc.string({ unit: 'binary', maxLength: 10 }),
);
const valueArb: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 3, arbitrary: scalarArb },
  { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
  { weight: 1, arbitrary: fc.dictionary(keyArb, scalarArb, { maxKeys: 4 }) },
  { weight: 1, arbitrary: fc.array(scalarArb, { maxLength: 4 }) },
);

type Mutation = {
  kind: 'rename' | 'set' | 'retype' | 'delete' | 'duplicate' | 'insert';
  at: number;
  key: string;
  value: unknown;
};
const mutationArb: fc.Arbitrary<Mutation> = fc.record({
  kind: fc.constantFrom('rename', 'set', 'retype', 'delete', 'duplicate', 'insert'),
  at: fc.nat(),
  key: keyArb,
  value: valueArb,
});

function define(target: Record<string, unknown>, key: string, value: unknown): void {
  // defineProperty keeps "__proto__" an ordinary key, as the parsers do.
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

function retype(value: unknown): unknown {
  if (Array.isArray(value)) return value.length ? value[0] : {};
  if (value && typeof value === 'object') return Object.values(value);
  if (typeof value === 'string') return Number.isNaN(Number(value)) ? [value] : Number(value);
  if (typeof value === 'number') return String(value);
  if (typeof value === 'boolean') return value ? 'yes' : 0;
  return {};
}

function mutate(data: unknown, mutations: Mutation[]): unknown {
  let root: unknown = structuredClone(data);
  for (const m of mutations) {
    const all = slots(root);
    if (!all.length) {
      root = m.kind === 'delete' ? root : { [m.key]: m.value, ...(root && typeof root === 'object' ? root : {}) };
      continue;
    }
    const { parent, key } = all[m.at % all.length]!;
    const current = (parent as Record<string | number, unknown>)[key];
    if (Array.isArray(parent)) {
      const index = key as number;
      if (m.kind === 'delete') parent.splice(index, 1);
      else if (m.kind === 'duplicate') parent.splice(index, 0, structuredClone(current));
      else if (m.kind === 'insert') parent.splice(index, 0, m.value);
      else if (m.kind === 'retype') parent[index] = retype(current);
      else parent[index] = m.value;
      continue;
    }
    const object = parent as Record<string, unknown>;
    switch (m.kind) {
      case 'delete':
        delete object[key as string];
        break;
      case 'rename': {
        delete object[key as string];
        define(object, m.key, current);
        break;
      }
      case 'duplicate':
        define(object, `${String(key)}${m.key.slice(0, 1)}`, structuredClone(current));
        break;
      case 'insert':
        define(object, m.key, m.value);
        break;
      case 'retype':
        object[key as string] = retype(current);
        break;
      default:
        object[key as string] = m.value;
    }
  }
  return root;
}

function serialise(data: unknown, format: 'yaml' | 'json', flow: boolean): string {
  if (format === 'json') return JSON.stringify(data, null, flow ? undefined : 2) ?? 'null';
  return toYaml(data, { aliasDuplicateObjects: false, collectionStyle: flow ? 'flow' : 'any', lineWidth: 0 });
}

const hostileLines = [
  '\t- tab',
  '<<: *base',
  'a: &a [*a]',
  'x: !!js/function "function(){}"',
  'x: !!binary aGk=',
  '---',
  '...',
  '%YAML 1.1',
  '? [complex, key]',
  ': value',
  '- - - -',
  '[[[[[[[[',
  ']]]]',
  '{{{{',
  'key: "unterminated',
  "key: 'unterminated",
  '# comment',
  '__proto__: {polluted: true}',
  '"\\e[31mred": 1',
  'schemaVersion: 1',
  'schemaVersion: 1',
  '\u202e',
  '\ufeffbom: 1',
  '|',
  '>-',
  'a: *undefined',
  '&anchor',
  '!tag',
  'key: value # cmlint-disable-line CML002 -- fuzz',
  '# cmlint-disable -- fuzz',
];

type TextOp =
  | { op: 'bytes'; at: number; bytes: Uint8Array }
  | { op: 'line'; at: number; line: string }
  | { op: 'delete'; at: number; length: number }
  | { op: 'duplicateLine'; at: number }
  | { op: 'swapLines'; at: number; other: number }
  | { op: 'crlf' };

const textOpArb: fc.Arbitrary<TextOp> = fc.oneof(
  fc.record({ op: fc.constant('bytes' as const), at: fc.nat(), bytes: fc.uint8Array({ minLength: 1, maxLength: 8 }) }),
  fc.record({
    op: fc.constant('line' as const),
    at: fc.nat(),
    line: fc.oneof(
      fc.constantFrom(...hostileLines),
      fc.string({ maxLength: 30 }),
      fc.string({ unit: 'binary', maxLength: 12 }),
    ),
  }),
  fc.record({ op: fc.constant('delete' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 40 }) }),
  fc.record({ op: fc.constant('duplicateLine' as const), at: fc.nat() }),
  fc.record({ op: fc.constant('swapLines' as const), at: fc.nat(), other: fc.nat() }),
  fc.constant({ op: 'crlf' as const }),
);

function applyTextOps(bytes: Buffer, ops: TextOp[]): Buffer {
  let buffer = bytes;
  for (const op of ops) {
    if (op.op === 'bytes') {
      const at = op.at % (buffer.length + 1);
      buffer = Buffer.concat([buffer.subarray(0, at), Buffer.from(op.bytes), buffer.subarray(at)]);
    } else if (op.op === 'delete') {
      const at = op.at % (buffer.length + 1);
      buffer = Buffer.concat([buffer.subarray(0, at), buffer.subarray(at + op.length)]);
    } else if (op.op === 'crlf') {
      buffer = Buffer.from(buffer.toString('latin1').replace(/\r?\n/g, '\r\n'), 'latin1');
    } else {
      // Line operations work on the bytes as latin1 so invalid UTF-8 survives them unchanged.
      const lines = buffer.toString('latin1').split('\n');
      const at = op.at % lines.length;
      if (op.op === 'line') lines.splice(at, 0, Buffer.from(op.line, 'utf8').toString('latin1'));
      else if (op.op === 'duplicateLine') lines.splice(at, 0, lines[at]!);
      else {
        const other = op.other % lines.length;
        [lines[at], lines[other]] = [lines[other]!, lines[at]!];
      }
      buffer = Buffer.from(lines.join('\n'), 'latin1');
    }
  }
  return buffer;
}

/** A seed by index, printed by name in a counterexample rather than as its bytes. */
const seedArb = fc.integer({ min: 0, max: seeds.length - 1 }).map(
  (i) => seeds[i]!,
  (seed) => seeds.indexOf(seed as (typeof seeds)[number]),
);
/** Lets the worker answer vitest between runs, so a long hunt (CMLINT_FUZZ_SECONDS) does not starve it. */
const yieldToVitest = () => new Promise<void>((resolve) => setImmediate(resolve));
const budget = { numRuns: RUNS, interruptAfterTimeLimit: SECONDS * 1000, markInterruptAsFailure: false };

describe('fuzzing the lint API with mutated fixtures', () => {
  test('has seeds', () => {
    expect(seeds.length).toBeGreaterThan(10);
  });

  test(
    'structural mutations (keys, values, types, deleted, duplicated and inserted nodes) never throw and report well',
    async () => {
      await fc.assert(
        fc.asyncProperty(
          seedArb,
          fc.array(mutationArb, { minLength: 1, maxLength: 6 }),
          fc.constantFrom('yaml', 'json'),
          fc.boolean(),
          async (seed, mutations, format, flow) => {
            await yieldToVitest();
            const text = serialise(mutate(seed.data, mutations), format as 'yaml' | 'json', flow);
            lintAndCheck(`mutated.${format}`, Buffer.from(text, 'utf8'));
          },
        ),
        budget,
      );
    },
    (SECONDS + 40) * 1000,
  );

  test(
    'text mutations (random bytes, lines, deletions, swapped lines, CRLF) never throw and report well',
    async () => {
      await fc.assert(
        fc.asyncProperty(
          seedArb,
          fc.array(textOpArb, { minLength: 1, maxLength: 8 }),
          fc.constantFrom('yaml', 'json'),
          async (seed, ops, format) => {
            await yieldToVitest();
            lintAndCheck(`mutated.${format}`, applyTextOps(seed.bytes, ops));
          },
        ),
        budget,
      );
    },
    (SECONDS + 40) * 1000,
  );

  test(
    'the reported first bad UTF-8 byte is where the strict decoder fails',
    async () => {
      const utf8Arb = fc.oneof(
        fc.uint8Array({ maxLength: 24 }),
        fc
          .tuple(
            fc.string({ unit: 'binary', maxLength: 8 }),
            fc.uint8Array({ maxLength: 3 }),
            fc.string({ maxLength: 4 }),
          )
          .map(([a, b, c]) => Buffer.concat([Buffer.from(a), b, Buffer.from(c)])),
      );
      await fc.assert(
        fc.asyncProperty(utf8Arb, async (bytes) => {
          const decodes = (part: Uint8Array) => {
            try {
              new TextDecoder('utf-8', { fatal: true }).decode(part);
              return true;
            } catch {
              return false;
            }
          };
          const offset = firstInvalidUtf8Offset(bytes);
          expect(offset === -1).toBe(decodes(bytes));
          if (offset >= 0) {
            expect(decodes(bytes.subarray(0, offset))).toBe(true);
            expect(decodes(bytes.subarray(0, offset + 4 > bytes.length ? bytes.length : offset + 4))).toBe(false);
          }
        }),
        { ...budget, numRuns: RUNS * 5 },
      );
    },
    (SECONDS + 40) * 1000,
  );

  test('decoding gives what the strict UTF-8 decoder gives, ASCII (read as Latin-1) or not', () => {
    const bytesArb = fc.oneof(
      fc.uint8Array({ min: 1, max: 127, maxLength: 40 }),
      fc.uint8Array({ min: 1, maxLength: 40 }),
      fc.string({ unit: 'binary', maxLength: 20 }).map((text) => Buffer.from(text.replace(/\0/g, ''))),
      fc.string({ maxLength: 20 }).map((text) => Buffer.from('\ufeff' + text.replace(/\0/g, ''))),
    );
    fc.assert(
      fc.property(bytesArb, (bytes) => {
        let expected: string | undefined;
        try {
          expected = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
        } catch {
          expected = undefined;
        }
        let actual: string | undefined;
        try {
          actual = decodeSource('x.yaml', Buffer.from(bytes)).text;
        } catch (error) {
          expect(error).toBeInstanceOf(UnreadableSourceError);
          actual = undefined;
        }
        expect(actual).toBe(expected);
      }),
      { numRuns: RUNS * 5 },
    );
  });

  test(
    'random documents (any JSON value, as YAML or JSON) never throw and report well',
    async () => {
      await fc.assert(
        fc.asyncProperty(valueArb, fc.constantFrom('yaml', 'json'), fc.boolean(), async (value, format, flow) => {
          await yieldToVitest();
          lintAndCheck(`random.${format}`, Buffer.from(serialise(value, format as 'yaml' | 'json', flow), 'utf8'));
        }),
        { ...budget, numRuns: Math.ceil(RUNS / 2) },
      );
    },
    (SECONDS + 40) * 1000,
  );
});
