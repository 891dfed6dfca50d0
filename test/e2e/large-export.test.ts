/**
 * Large exports are read the fast way (src/parse/json/fast.ts, yaml/fast.ts): plain parsers for the data, positions
 * located afterwards. These tests hold the fast way to the precise one (parseJson, parseYaml): the same data, the same
 * findings at the same positions, and for any pointer the same region, on generated inventories with findings deep in
 * the file, on every fixture and example, on hand-picked awkward YAML, and on random documents.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { stringify as toYaml } from 'yaml';
import { describe, expect, test } from 'vitest';
// @ts-expect-error the benchmark's generator is plain JavaScript
import { generateExport } from '../../bench/generate.mjs';
import type { Pointer, Region } from '../../src/findings.js';
import { createLinter } from '../../src/lint.js';
import { parseJsonFast } from '../../src/parse/json/fast.js';
import { parseJson } from '../../src/parse/json/precise.js';
import { LineIndex, linesOf } from '../../src/parse/lines.js';
import { locateAll } from '../../src/parse/locate-all.js';
import { PARSE_DEFAULTS, parseSource } from '../../src/parse/parse.js';
import type { ParsedDocument } from '../../src/parse/parsed-document.js';
import { FAST_YAML_DEFAULTS, parseYamlFast, type FastYamlOptions } from '../../src/parse/yaml/fast.js';
import { parseYaml } from '../../src/parse/yaml/precise.js';
import { decodeSource } from '../../src/source/read-source.js';

const ROOT = join(import.meta.dirname, '..', '..');
const AS_OF = '2026-06-01';
/** The fast YAML way as it reads a large text: no node index while reading, and never one afterwards. */
const SLICES_ONLY: FastYamlOptions = { nodeIndexBelow: 0, slicesBeforeIndex: Infinity };

/**
 * Runs a check three ways: with small YAML texts placed by the node index (src/parse/yaml/node-index.ts), as they are
 * by default, with every position found by parsing a collection's text, as large texts are, and with a few such
 * parses before an index of the whole text.
 */
function bothWaysOfPlacing(check: (way: string, options: FastYamlOptions) => void): void {
  const ways: [string, FastYamlOptions][] = [
    ['node index', FAST_YAML_DEFAULTS],
    ['collection parses', SLICES_ONLY],
    ['collection parses, then an index of the whole text', { nodeIndexBelow: 0, slicesBeforeIndex: 3 }],
  ];
  for (const [way, options] of ways) check(way, options);
}

/** Every pointer into the data (and, for each mapping, one key that is not there), up to `limit` of them. */
function pointersOf(data: unknown, limit = Infinity): Pointer[] {
  const result: Pointer[] = [];
  const visit = (value: unknown, pointer: (string | number)[]): void => {
    if (result.length >= limit) return;
    result.push(pointer);
    if (value === null || typeof value !== 'object') return;
    if (Array.isArray(value)) {
      value.forEach((item, index) => visit(item, [...pointer, index]));
      result.push([...pointer, value.length]);
    } else {
      for (const key of Object.keys(value)) visit((value as Record<string, unknown>)[key], [...pointer, key]);
      result.push([...pointer, 'NoSuchKey', 'deeper']);
    }
  };
  visit(data, []);
  return result;
}

/** The fast document agrees with the precise one: data, no problems, and every region asked for. */
function expectSameDocument(fast: ParsedDocument, precise: ParsedDocument, pointers: Pointer[], label: string): void {
  expect(precise.problems, label).toEqual([]);
  expect(fast.problems, label).toEqual([]);
  expect(fast.data, label).toEqual(precise.data);
  expect(fast.comments(), label).toEqual(precise.comments());
  for (const pointer of pointers) {
    for (const atKey of [false, true]) {
      expect(fast.locate(pointer, atKey), `${label} ${JSON.stringify(pointer)} atKey=${atKey}`).toEqual(
        precise.locate(pointer, atKey),
      );
    }
  }
}

/** Lints the text the fast way (with these YAML options) and the precise way. */
function lintBothWays(text: string, path: string, yaml: FastYamlOptions = FAST_YAML_DEFAULTS) {
  const source = () => decodeSource(path, Buffer.from(text, 'utf8'));
  const fast = createLinter({ asOf: AS_OF, parse: { fastFrom: 0, yaml } }).lintSource(source());
  const precise = createLinter({ asOf: AS_OF, parse: { ...PARSE_DEFAULTS, fastFrom: Infinity } }).lintSource(source());
  return { fast, precise };
}

/**
 * The regions of the findings' pointers placed in one fast document as lint places them (all at once, in pointer
 * order), held to the precise lint's regions; the document, to read what the placing cost.
 */
function placeAsLintDoes<D extends ParsedDocument>(
  document: D,
  findings: { pointer?: Pointer; atKey?: boolean; region: Region }[],
): D {
  const placed = findings.filter((f) => f.pointer);
  const regions = locateAll(
    document,
    placed.map((f) => ({ pointer: f.pointer!, atKey: f.atKey })),
  );
  expect(regions).toEqual(placed.map((f) => f.region));
  return document;
}

describe('a generated inventory with findings deep in the file', () => {
  for (const format of ['yaml', 'json'] as const) {
    test(`${format}: the same findings at the same positions as the precise way`, () => {
      // 3,000 devices, a finding on three in every 500 (CMG013, CLIENT003, CLIENT002 and whatever else they trip).
      const text: string = generateExport(3000, format, 500);
      const path = `inventory.${format}`;
      const fastDoc = parseSource(decodeSource(path, Buffer.from(text)), { ...PARSE_DEFAULTS, fastFrom: 0 });
      expect(fastDoc.problems).toEqual([]);
      // The fast way was taken (parseJson and parseYaml build every position up front; the fast documents do not).
      expect(format === 'json' ? parseJsonFast(text) : parseYamlFast(text)).toBeDefined();

      const { fast, precise } = lintBothWays(text, path);
      const deviceFindings = precise.findings.filter((f) => f.pointer?.[0] === 'devices');
      expect(deviceFindings.length).toBeGreaterThanOrEqual(18);
      expect(deviceFindings.map((f) => f.ruleId)).toEqual(expect.arrayContaining(['CMG013', 'CLIENT003', 'CLIENT002']));
      expect(fast.findings).toEqual(precise.findings);
      expect([...fast.outcomes]).toEqual([...precise.outcomes]);
    });

    test(`${format}: every region, value or key, is the precise way's`, () => {
      const text: string = generateExport(600, format, 200);
      const fast = format === 'json' ? parseJsonFast(text)! : parseYamlFast(text)!;
      const precise = format === 'json' ? parseJson(text) : parseYaml(text);
      expect(fast).toBeDefined();
      expectSameDocument(fast, precise, pointersOf(precise.data), format);
    });
  }

  test('a device that is not a mapping, a misspelt key, a value out of its enum: schema findings in place', () => {
    const base = generateExport(400, 'yaml', 100) as string;
    const text = base
      .replace('  - Name: DEV-0000150\n', '  - just a name\n  - Name: DEV-0000150\n')
      .replace('    Population: Entra joined new devices\n', '    Populaton: Entra joined new devices\n')
      .replace('    Network: DualStack\n', '    Network: Carrier pigeon\n');
    const { fast, precise } = lintBothWays(text, 'schema.yaml');
    expect(precise.findings.map((f) => f.ruleId)).toEqual(expect.arrayContaining(['CML002', 'CML003']));
    expect(fast.findings).toEqual(precise.findings);
    const json = JSON.stringify({ ...JSON.parse(generateExport(400, 'json', 100)), extra: 1 }, null, 1).replace(
      '"Name": "DEV-0000010"',
      '"Nmae": "DEV-0000010"',
    );
    const both = lintBothWays(json, 'schema.json');
    expect(both.precise.findings.map((f) => f.ruleId)).toEqual(expect.arrayContaining(['CML002', 'CML004']));
    expect(both.fast.findings).toEqual(both.precise.findings);
  });
});

describe('many findings in a large YAML file', () => {
  // Locating a finding parses the innermost collection that holds it; these count the parses (no timing: a file with
  // hundreds of thousands of findings once took hours here, re-parsing a collection for each finding).
  /**
   * A list of 5,000 items read the fast way; `locateAll` locates every item, value and key alike, in a scrambled order,
   * and `expectAsPrecise` holds a sample of those regions to the precise way's.
   */
  function longList(options: FastYamlOptions) {
    const items = 5000;
    const text = `schemaVersion: 1\nboundaries:\n${Array.from({ length: items }, (_, i) => `  - boundary-${i}\n`).join('')}`;
    const fast = parseYamlFast(text, options)!;
    expect(fast).toBeDefined();
    const order = Array.from({ length: items }, (_, i) => (i * 2399) % items);
    return {
      items,
      counters: fast.counters,
      locateAll: () =>
        order.flatMap((i) => [fast.locate(['boundaries', i], false), fast.locate(['boundaries', i], true)]),
      expectAsPrecise: (regions: ReturnType<ParsedDocument['locate']>[]) => {
        const precise = parseYaml(text);
        for (const [n, i] of order.entries()) {
          if (n % 97 !== 0) continue;
          expect(regions[2 * n]).toEqual(precise.locate(['boundaries', i], false));
          expect(regions[2 * n + 1]).toEqual(precise.locate(['boundaries', i], true));
        }
      },
    };
  }

  test('findings throughout one long list parse the list once, in any order', () => {
    // A text this short would be placed by its node index.
    const list = longList({ ...FAST_YAML_DEFAULTS, nodeIndexBelow: 0 });
    const regions = list.locateAll();
    expect(list.counters.sliceParses).toBe(1);
    list.expectAsPrecise(regions);
  });

  test('placed by the node index, findings throughout one long list list its items once', () => {
    const list = longList(FAST_YAML_DEFAULTS);
    const regions = list.locateAll();
    // The root and the list: each listed once, however many findings.
    expect(list.counters.listings).toBe(2);
    expect(list.counters.indexAnswers).toBe(2 * list.items);
    expect(list.counters.sliceParses).toBe(0);
    list.expectAsPrecise(regions);
  });

  test('a finding on every device: each device parsed at most once, the same findings as the precise way', () => {
    // 3,000 devices, a finding on three in every ten; each device also holds a flow list, cut from its skeleton.
    // A text this short would be placed by its node index, and this many findings by a second reading of the whole text.
    const text: string = generateExport(3000, 'yaml', 10);
    const { fast, precise } = lintBothWays(text, 'inventory.yaml', SLICES_ONLY);
    const parses = placeAsLintDoes(parseYamlFast(text, SLICES_ONLY)!, precise.findings).counters.sliceParses;
    const deviceFindings = fast.findings.filter((f) => f.pointer?.[0] === 'devices');
    expect(deviceFindings.length).toBeGreaterThanOrEqual(900);
    const devicesWithFindings = new Set(deviceFindings.map((f) => f.pointer![1])).size;
    // Findings come rule by rule, each over every device; positions are still worked out collection by collection.
    expect(parses).toBeLessThanOrEqual(devicesWithFindings + 50);
    expect(fast.findings).toEqual(precise.findings);
  });
});

describe('finding-dense YAML above the index threshold', () => {
  test('after a few collection parses the whole text is read once more with every node noted; positions as the precise way', () => {
    // 3 findings in every 10 devices; the text counts as large (no index while reading), as 10,000 devices would.
    const options = { ...FAST_YAML_DEFAULTS, nodeIndexBelow: 0 };
    const text: string = generateExport(3000, 'yaml', 10);
    const { fast, precise } = lintBothWays(text, 'dense.yaml', options);
    const { counters } = placeAsLintDoes(parseYamlFast(text, options)!, precise.findings);
    const deviceFindings = fast.findings.filter((f) => f.pointer?.[0] === 'devices');
    expect(deviceFindings.length).toBeGreaterThanOrEqual(900);
    // At most the threshold's parses (and a few the index cannot answer), the rest from the index.
    expect(counters.sliceParses).toBeLessThanOrEqual(options.slicesBeforeIndex + 10);
    expect(counters.indexAnswers).toBeGreaterThan(deviceFindings.length / 2);
    expect(fast.findings).toEqual(precise.findings);
  });
});

describe('many findings in one JSON list below the index', () => {
  test('3,000 sites under hierarchy.sites, each with findings: the list is listed once, positions as the precise way', () => {
    // hierarchy.sites lies below the index (the root's members and their members), so its items are located by
    // listing them from the list's text; once for every finding made a 400 KB file take minutes.
    const sites = Array.from({ length: 3000 }, (_, i) => ({
      SiteCode: `S${i}`,
      SiteType: 'Secondary',
      ParentSiteCode: 'P01',
      Version: 2403,
    }));
    const text = JSON.stringify(
      { schemaVersion: 1, hierarchy: { sites: [{ SiteCode: 'P01', SiteType: 'Primary', Version: 2403 }, ...sites] } },
      null,
      2,
    );
    const { fast, precise } = lintBothWays(text, 'sites.json');
    expect(fast.findings.filter((f) => f.pointer?.[1] === 'sites').length).toBeGreaterThanOrEqual(3000);
    // The list once, and each site whose fields hold a finding once: never a listing per finding.
    expect(placeAsLintDoes(parseJsonFast(text)!, precise.findings).counters.listings).toBeLessThanOrEqual(
      sites.length + 5,
    );
    expect(fast.findings).toEqual(precise.findings);
  });
});

function exportFiles(dir: string): string[] {
  const result: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) result.push(...exportFiles(path));
    else if (/\.(ya?ml|json)$/i.test(name)) result.push(path);
  }
  return result;
}

describe('every fixture and example', () => {
  const files = [...exportFiles(join(ROOT, 'fixtures')), ...exportFiles(join(ROOT, 'examples'))];
  test('read the fast way, gives what the precise way gives, or is left to the precise way', () => {
    let indexAnswers = 0;
    bothWaysOfPlacing((way, options) => {
      let fastCount = 0;
      for (const file of files) {
        const raw = readFileSync(file, 'utf8');
        const json = file.endsWith('.json');
        const text = json && raw.charCodeAt(0) === 0xfeff ? ' ' + raw.slice(1) : raw;
        const fast = json ? parseJsonFast(text) : parseYamlFast(text, options);
        if (!fast) continue;
        fastCount++;
        const precise = json ? parseJson(text) : parseYaml(text);
        expectSameDocument(fast, precise, pointersOf(precise.data, 400), `${file} (${way})`);
        if ('indexAnswers' in fast.counters) indexAnswers += fast.counters.indexAnswers;
      }
      // Most fixtures are ordinary exports; the hostile ones (tags, anchors, duplicates, syntax errors) are not read fast.
      expect(fastCount).toBeGreaterThan(files.length / 2);
    });
    // The node index placed most of them (it leaves some to the parses: empty values, comments after a collection).
    expect(indexAnswers).toBeGreaterThan(10_000);
  }, 240_000);

  test('files the precise way reports anything about are never read the fast way', () => {
    for (const file of files) {
      const raw = readFileSync(file, 'utf8');
      const json = file.endsWith('.json');
      const text = json && raw.charCodeAt(0) === 0xfeff ? ' ' + raw.slice(1) : raw;
      const precise = json ? parseJson(text) : parseYaml(text);
      if (
        precise.problems.length === 0 &&
        precise.data !== null &&
        typeof precise.data === 'object' &&
        !Array.isArray(precise.data)
      )
        continue;
      expect(json ? parseJsonFast(text) : parseYamlFast(text), file).toBeUndefined();
    }
  });
});

describe('awkward YAML', () => {
  const cases: Record<string, string> = {
    'byte-order mark': '\ufeffschemaVersion: 1\nhierarchy:\n  sites:\n    - SiteCode: P01\n',
    'CRLF line ends': 'schemaVersion: 1\r\nhierarchy:\r\n  sites:\r\n    - SiteCode: P01\r\n      Version: 2403\r\n',
    'flow style':
      '{schemaVersion: 1, hierarchy: {sites: [{SiteCode: P01, Version: 2403}, {SiteCode: P02}]}, devices: [{Name: a}, {Name: b, Authentication: [Pki, Token]}]}\n',
    'flow collections in block items':
      'devices:\n  - {Name: a, Network: IPv6Only}\n  - [1, 2, {x: y}]\n  -\n  - ~\n  - Name: c\n',
    'comments everywhere':
      '# head\nschemaVersion: 1 # one\nhierarchy: # the sites\n  # sites follow\n  sites:\n    - SiteCode: P01 # primary\n      # a comment line\n      Version: 2403\n# tail\n',
    'quoted and integer-like keys':
      '"1": one\n\'2\': two\n"a b": {"c:d": 3}\n10: ten\n__proto__: {polluted: true}\nconstructor: x\n',
    'empty values and nulls': 'a:\nb: ~\nc: null\nd: []\ne: {}\nf:\n  -\n  - null\ng: ""\n',
    'block scalars':
      'description: |\n  line one\n  line two\nnote: >-\n  folded\n  text\nlist:\n  - |\n    item\n  - plain\n',
    'multi-line scalars': 'a: this is a\n  long plain scalar\nb: "a quoted\n  one"\nc:\n  - d: 1\n    e: two words\n',
    'scalars of every kind':
      'i: [0, -12, +7, 0o17, 0x1F, 012, 1_000, 0b11]\nf: [1.5, -.5, 1e3, .inf, -.Inf, .nan, 1.]\nb: [true, False, TRUE, yes, no, on]\nn: [~, Null, NULL, null]\ns: [2001-12-14, "1", \'2\', 1.2.3]\n',
    'compact nested sequences': 'a:\n- - 1\n  - 2\n- - 3\nb:\n  - - x\n    - y\n',
    'document markers': '---\nschemaVersion: 1\nhierarchy: {}\n...\n',
    'deep paths': 'a:\n  b:\n    c:\n      - d:\n          e: [f, {g: h}]\n',
    'comments after collections, deeper and shallower':
      'a:\n  - b: 1\n    c: 2\n      # deeper\n\n  # at the items\n  - d: 3\n# at the root\ne:\n  f: [1, 2]\n  # last\n',
    'blank lines between and after': 'a:\n  b: 1\n\n\nc:\n  - 1\n\n  - 2\n\n\n',
    'a text without a final line break': 'a:\n  b: [1, 2]\n  c:\n    - x',
    'an end marker after a flow value': 'a: 1\nb: {}\n...\n',
    'empty items and values among others': 'a:\n  -\n  - 1\n  - {}\nb:\nc: {d: , e: 1}\nf: x\n',
    'comments on the lines of values': 'a: 1 # one\nb: # two\n  - c # three\n  - [d] # four\n# five\n',
    'block scalars last in collections': 'a:\n  b: |\n    x\n\n  c: >+\n    y\n\nd: |-\n  z\n',
  };
  for (const [name, text] of Object.entries(cases)) {
    test(name, () => {
      const precise = parseYaml(text);
      const fast = parseYamlFast(text);
      if (
        precise.problems.length ||
        precise.data === null ||
        typeof precise.data !== 'object' ||
        Array.isArray(precise.data)
      ) {
        expect(fast).toBeUndefined();
        return;
      }
      expect(fast, 'read the fast way').toBeDefined();
      bothWaysOfPlacing((way, options) =>
        expectSameDocument(parseYamlFast(text, options)!, precise, pointersOf(precise.data), `${name} (${way})`),
      );
    });
  }

  const preciseOnly: Record<string, string> = {
    'an anchor and alias': 'a: &x {k: v}\nb: *x\n',
    'a tag': 'a: !!str 1\n',
    'a merge key': 'base: {k: v}\nm:\n  <<: {k: w}\n',
    'a duplicate key': 'a: 1\na: 2\n',
    'a null key': '~: 1\n',
    'a collection as a key': '[a, b]: 1\n',
    'an explicit key': '? a\n: 1\n',
    'a directive': '%YAML 1.1\n---\na: 1\n',
    'two documents': 'a: 1\n---\nb: 2\n',
    'a syntax error': 'a: [1, 2\nb: 3\n',
    'a list at the root': '- a\n- b\n',
  };
  for (const [name, text] of Object.entries(preciseOnly)) {
    test(`${name}: left to the precise way`, () => {
      expect(parseYamlFast(text)).toBeUndefined();
    });
  }
});

describe('awkward JSON', () => {
  const precise: Record<string, string> = {
    'a duplicate key': '{"a": 1, "b": {"c": 1, "c": 2}}',
    'a syntax error': '{"a": [1, 2}',
    'a comment': '{"a": 1 // one\n}',
    'a trailing comma': '{"a": 1,}',
  };
  for (const [name, text] of Object.entries(precise)) {
    test(`${name}: left to the precise way`, () => {
      expect(parseJsonFast(text)).toBeUndefined();
    });
  }
  test('escaped keys, integer-like keys, __proto__, nested lists', () => {
    const text =
      '{"a\\"b": {"\\u0041": [1, [2, {"3": "x"}]]}, "10": {"9": true}, "__proto__": {"polluted": 1}, "list": [[], {}, null, "s"]}';
    const fast = parseJsonFast(text);
    expect(fast).toBeDefined();
    expectSameDocument(fast!, parseJson(text), pointersOf(JSON.parse(text)), 'json');
    expect(Object.getPrototypeOf(fast!.data)).toBe(Object.prototype);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe('positions in large texts', () => {
  test('linesOf gives what LineIndex gives, for any offset', () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom('a', 'b', ' ', '\n', '\n\n', 'xyz'), { maxLength: 3000 }),
        fc.array(fc.integer({ min: -2, max: 9000 }), { maxLength: 20 }),
        (parts, offsets) => {
          const text = parts.join('');
          const sparse = linesOf(text);
          const full = new LineIndex(text);
          for (const offset of offsets)
            expect(sparse.region(offset, offset + 3)).toEqual(full.region(offset, offset + 3));
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('awkward JSON', () => {
  // Many lines, so that positions are counted from the line checkpoints the locator's one pass finds (every 256th).
  const inventory = {
    devices: Array.from({ length: 300 }, (_, i) => ({
      Name: `d${i}`,
      Tags: ['a', { b: i }],
      Note: i % 7 ? 'x' : 'has "quotes", {braces} and [brackets] \\',
    })),
  };
  const cases: Record<string, string> = {
    'strings with quotes, backslashes and brackets': JSON.stringify(
      { a: ['\\', '"', '\\"', '{[', ']}'], 'b"{': { c: [[1], { '\\': ['}'] }] } },
      null,
      2,
    ),
    'lists mixing values and collections three levels deep':
      '{"a": {"b": [1, {"c": 2}, "x", [3, [4]], null, {}]}, "d": [[{"e": [5]}], 7]}',
    'an inventory over many lines': JSON.stringify(inventory, null, 2),
    'the same with CRLF line ends': JSON.stringify(inventory, null, 2).replace(/\n/g, '\r\n'),
    'the same with CR line ends': JSON.stringify(inventory, null, 2).replace(/\n/g, '\r'),
    'the same on one line': JSON.stringify(inventory),
    'tabs and blank lines': '{\n\t"a":\n\n\t[\n\t\t{"b": [1,\n2]},\n\n\t\t3\n\t]\n}\n',
  };
  for (const [name, text] of Object.entries(cases)) {
    test(name, () => {
      const fast = parseJsonFast(text);
      expect(fast, 'read the fast way').toBeDefined();
      const precise = parseJson(text);
      expectSameDocument(fast!, precise, pointersOf(precise.data), name);
    });
  }
});

describe('the bracket scan by indexOf', () => {
  // Used when the text has as many brackets as its data has objects and lists, twice over: no string holds one.
  const inventory = (note: (i: number) => string) =>
    JSON.stringify(
      {
        a: { b: 1 },
        devices: Array.from({ length: 300 }, (_, i) => ({ Name: `d${i}`, Tags: ['a', { b: i }], Note: note(i) })),
      },
      null,
      2,
    );
  const cases: [string, string, boolean][] = [
    ['no string holds a bracket', inventory((i) => `note ${i}`), true],
    [
      'brackets escaped in strings (\\u007b): none in the text',
      inventory((i) => `n${i}`).replace(/"n(\d+)"/g, '"\\u007b$1\\u005d"'),
      true,
    ],
    ['one string holds a bracket', inventory((i) => (i === 250 ? 'see ] below' : 'x')), false],
    ['a key holds a bracket', inventory(() => 'x').replace('"b": 1', '"b{": 1'), false],
    ['a string holds as many opening as closing brackets', inventory((i) => (i === 299 ? '{}[]' : 'x')), false],
  ];
  for (const [name, text, quick] of cases) {
    test(`${name}: ${quick ? 'indexOf' : 'the scan that skips strings'}`, () => {
      const fast = parseJsonFast(text);
      expect(fast, 'read the fast way').toBeDefined();
      const precise = parseJson(text);
      expectSameDocument(fast!, precise, pointersOf(precise.data), name);
      expect(fast!.counters.bracketOnlyScans).toBe(quick ? 1 : 0);
    });
  }
});

describe('a JSON text with a very long run of strings between brackets', () => {
  test('is placed as the precise way would place it (the bracket scan takes such a run character by character)', () => {
    const members = Array.from({ length: 1_200_000 }, (_, i) => `"k${i}": "v\\"}${i}]"`).join(', ');
    const text = `{"a": {"b": [{"x": 1}, [2]]},\n "flat": [{${members}}],\n "c": {"d": [{"e": [3]}, {"f": 4}]}}\n`;
    const fast = parseJsonFast(text)!;
    const lines = new LineIndex(text);
    // Where `needle` is in the text (it is there once), from `skip` characters into it, `length` long.
    const at = (needle: string, skip = 0, length = needle.length - skip) =>
      lines.region(text.indexOf(needle) + skip, text.indexOf(needle) + skip + length);
    const expected: [Pointer, Region][] = [
      [['a', 'b', 0, 'x'], at('"x": 1', 5)],
      [['a', 'b', 1, 0], at('[2]', 1, 1)],
      [['flat', 0], at('{"k0"', 0, members.length + 2)],
      [['c', 'd', 0, 'e', 0], at('[3]', 1, 1)],
      [['c', 'd', 1, 'f'], at('"f": 4', 5)],
      [['c', 'd', 2], at('[{"e": [3]}, {"f": 4}]')],
    ];
    for (const [pointer, region] of expected)
      expect(fast.locate(pointer, false), JSON.stringify(pointer)).toEqual(region);
    expect(fast.counters.bracketLoops).toBeGreaterThan(0);
  });
});

describe('random documents', () => {
  const key = fc.oneof(
    fc.constantFrom('Name', 'a', 'b c', '1', '10', 'x:y', '#h', '- d', 'true', "it's"),
    fc.string({ maxLength: 6 }),
  );
  const scalar = fc.oneof(
    fc.integer(),
    fc.double({ noNaN: true, noDefaultInfinity: true }),
    fc.boolean(),
    fc.constant(null),
    fc.string({ maxLength: 12 }),
    fc.constantFrom(
      '1e3',
      '0x1F',
      'null',
      'yes',
      '~',
      ' lead',
      'trail ',
      'a: b',
      '- x',
      '[x]',
      '#c',
      "'q'",
      '"q"',
      'multi\nline',
    ),
  );
  const value = fc.letrec((tie) => ({
    node: fc.oneof({ depthSize: 'small', withCrossShrink: true }, scalar, tie('list'), tie('map')),
    list: fc.array(tie('node'), { maxLength: 4 }),
    map: fc.dictionary(key, tie('node'), { maxKeys: 4 }),
  })).map;

  test('the fast way agrees with the precise way on random data, as YAML in both styles and as JSON', () => {
    fc.assert(
      fc.property(value, fc.constantFrom('block', 'flow', 'json', 'json-compact'), (data, style) => {
        const text =
          style === 'json'
            ? JSON.stringify(data, null, 2)
            : style === 'json-compact'
              ? JSON.stringify(data)
              : toYaml(data, style === 'flow' ? { collectionStyle: 'flow' } : {});
        const json = style.startsWith('json');
        const precise = json ? parseJson(text) : parseYaml(text);
        if (json) {
          const fast = parseJsonFast(text);
          if (fast) expectSameDocument(fast, precise, pointersOf(precise.data, 200), `${style}:\n${text}`);
          return;
        }
        bothWaysOfPlacing((way, options) => {
          const fast = parseYamlFast(text, options);
          if (fast) expectSameDocument(fast, precise, pointersOf(precise.data, 200), `${style} (${way}):\n${text}`);
        });
      }),
      { numRuns: 300 },
    );
  });
});
