/**
 * What cmlint writes: never to its inputs; --output atomically (a temporary file and a rename), with one line and exit
 * code 2 when it cannot; JSON and SARIF that stay valid for any export; text with every control character escaped.
 */
import { createHash } from 'node:crypto';
import {
  chmodSync,
  cpSync,
  lstatSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { writeAtomically } from '../../src/write-output.js';
import { UsageError } from '../../src/cli/exit-codes.js';
import { escapeControl } from '../../src/report/escape.js';
import { ROOT, runCli } from '../support/cli.js';
import { tempDir } from '../support/workspace.js';
import { officialSarifValidator, registrySarifValidator } from '../support/sarif-schemas.js';

const IS_ROOT = typeof process.getuid === 'function' && process.getuid() === 0;

function cmlint(args: string[], cwd: string) {
  return runCli(args, { cwd, timeout: 60_000 });
}

/** Every file under a folder: content hash, size, mode and modification time. */
function snapshot(dir: string): Record<string, string> {
  const result: Record<string, string> = {};
  const visit = (path: string) => {
    for (const entry of readdirSync(path, { withFileTypes: true })) {
      const full = join(path, entry.name);
      if (entry.isDirectory()) visit(full);
      else {
        const stat = lstatSync(full);
        const hash = entry.isFile() ? createHash('sha256').update(readFileSync(full)).digest('hex') : 'link';
        result[relative(dir, full)] = `${hash} ${stat.size} ${stat.mode.toString(8)} ${stat.mtimeMs}`;
      }
    }
  };
  visit(dir);
  return result;
}

let work: string;
let inputs: string;

beforeAll(() => {
  work = tempDir('outputs');
  inputs = join(work, 'exports');
  cpSync(join(ROOT, 'fixtures', 'input'), join(inputs, 'input'), { recursive: true });
  for (const id of ['CML001', 'CML002', 'CML003', 'CML008'])
    cpSync(join(ROOT, 'fixtures', 'rules', id), join(inputs, id), { recursive: true });
  // Values no JSON writer may pass through raw: lone surrogates, NUL, every C0 control, DEL, C1, line separators.
  const controls = Array.from({ length: 32 }, (_, i) => `\\x${i.toString(16).padStart(2, '0')}`).join('');
  writeFileSync(
    join(inputs, 'odd-strings.yaml'),
    `schemaVersion: 1\n"k\\ud800x\\udfff\\x7f\\x85\\u2028\\u2029": 1\ndescription: 5\nhierarchy: { "${controls}": 1 }\n`,
  );
  mkdirSync(join(work, 'out'));
}, 120_000);

afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

describe('cmlint never writes to its inputs', () => {
  test('linting a folder in every format leaves every file as it was (content, size, mode, mtime)', () => {
    const before = snapshot(inputs);
    expect(Object.keys(before).length).toBeGreaterThan(20);
    expect(cmlint(['lint', '--no-config', 'exports'], work).code).toBe(1);
    expect(
      cmlint(['lint', '--no-config', '--format', 'json', '--output', 'out/report.json', 'exports'], work).code,
    ).toBe(1);
    expect(
      cmlint(['lint', '--no-config', '--format', 'sarif', '--output', 'out/report.sarif', 'exports'], work).code,
    ).toBe(1);
    expect(snapshot(inputs)).toEqual(before);
  }, 180_000);

  test('--output naming one of the inputs is refused: exit 2, one line, the input untouched', () => {
    const target = join(inputs, 'CML002', 'silent.yaml');
    const before = readFileSync(target, 'utf8');
    const mtime = statSync(target).mtimeMs;
    const run = cmlint(
      ['lint', '--no-config', '--format', 'json', '--output', 'exports/CML002/silent.yaml', 'exports/CML002'],
      work,
    );
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(
      'cmlint: exports/CML002/silent.yaml: refusing to write the report over a file being linted; choose another --output\n',
    );
    expect(readFileSync(target, 'utf8')).toBe(before);
    expect(statSync(target).mtimeMs).toBe(mtime);
  }, 60_000);
});

describe('--output writes atomically', () => {
  test('the report file is complete, replaces an older one, and no temporary file is left', () => {
    writeFileSync(join(work, 'out', 'replace.json'), 'old content');
    const run = cmlint(
      ['lint', '--no-config', '--format', 'json', '--output', 'out/replace.json', 'exports/CML002'],
      work,
    );
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    const report = JSON.parse(readFileSync(join(work, 'out', 'replace.json'), 'utf8'));
    expect(report.tool).toBe('cmlint');
    expect(readdirSync(join(work, 'out')).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  }, 60_000);

  test('a symbolic link at the report path is refused, never written through nor replaced', () => {
    const target = join(work, 'link-target.txt');
    writeFileSync(target, 'must stay');
    symlinkSync(target, join(work, 'out', 'linked.json'));
    const run = cmlint(
      ['lint', '--no-config', '--format', 'json', '--output', 'out/linked.json', 'exports/CML002'],
      work,
    );
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(
      'cmlint: out/linked.json: is a symbolic link; --output writes only to a regular file or a new path\n',
    );
    expect(readFileSync(target, 'utf8')).toBe('must stay');
    expect(lstatSync(join(work, 'out', 'linked.json')).isSymbolicLink()).toBe(true);
  }, 60_000);

  test('missing folders on the way to the report are made', () => {
    const run = cmlint(
      ['lint', '--no-config', '--format', 'json', '--output', 'no-such-folder/deeper/report.json', 'exports/CML002'],
      work,
    );
    expect(run.code, run.stderr).toBe(1);
    expect(JSON.parse(readFileSync(join(work, 'no-such-folder', 'deeper', 'report.json'), 'utf8')).tool).toBe('cmlint');
  }, 60_000);

  const unwritable: Record<string, { output: string; reason: string; setup?: () => void }> = {
    'a path through a regular file': {
      output: 'a-file/report.json',
      reason: 'cannot write report: a part of the path is not a folder',
      setup: () => writeFileSync(join(work, 'a-file'), 'x'),
    },
    'an existing folder': {
      output: 'out',
      reason: 'is a folder; --output writes only to a regular file or a new path',
    },
  };
  for (const [name, c] of Object.entries(unwritable)) {
    test(`an unwritable output path (${name}) → exit 2, one line, nothing left behind`, () => {
      c.setup?.();
      const before = readdirSync(work).sort();
      const run = cmlint(['lint', '--no-config', '--format', 'json', '--output', c.output, 'exports/CML002'], work);
      expect(run.code).toBe(2);
      expect(run.stdout).toBe('');
      expect(run.stderr).toBe(`cmlint: ${c.output}: ${c.reason}\n`);
      expect(readdirSync(work).sort()).toEqual(before);
      expect(readdirSync(join(work, 'out')).filter((f) => f.endsWith('.tmp'))).toEqual([]);
    }, 60_000);
  }

  test.skipIf(IS_ROOT)(
    'an unwritable output path (a read-only folder) → exit 2, "permission denied"',
    () => {
      const folder = join(work, 'read-only');
      mkdirSync(folder);
      chmodSync(folder, 0o555);
      try {
        const run = cmlint(
          ['lint', '--no-config', '--format', 'json', '--output', 'read-only/report.json', 'exports/CML002'],
          work,
        );
        expect(run.code).toBe(2);
        expect(run.stderr).toBe('cmlint: read-only/report.json: cannot write report: permission denied\n');
      } finally {
        chmodSync(folder, 0o755);
      }
    },
    60_000,
  );

  test('writeAtomically: a failure is one UsageError line with the path escaped, and the temporary file is removed', async () => {
    writeFileSync(join(work, 'not-a-folder'), 'x');
    const path = join(work, 'not-a-folder', 'x\u001b[2J.json');
    const error = await writeAtomically(path, '{}').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UsageError);
    expect((error as Error).message).toBe(
      `${join(work, 'not-a-folder')}/x\\e[2J.json: cannot write report: a part of the path is not a folder`,
    );
    await writeAtomically(join(work, 'out', 'direct.json'), '{"ok":true}');
    expect(readFileSync(join(work, 'out', 'direct.json'), 'utf8')).toBe('{"ok":true}');
    expect(readdirSync(join(work, 'out')).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });
});

describe('reports stay well-formed whatever the export holds', () => {
  test('JSON output is valid JSON, with control characters and lone surrogates escaped', () => {
    const run = cmlint(['lint', '--no-config', '--format', 'json', 'exports'], work);
    expect(run.code).toBe(1);
    const report = JSON.parse(run.stdout);
    const messages = report.files
      .flatMap((f: { findings: { message: string }[] }) => f.findings.map((x) => x.message))
      .join('\n');
    expect(messages).toContain('Unknown property');
    // Every character outside printable ASCII that JSON must escape is escaped in the bytes written.
    expect(run.stdout).not.toMatch(
      /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]/,
    );
    expect(run.stdout).toContain('\\ud800x\\udfff\\u007f\\u0085\\u2028\\u2029');
    expect(run.stdout).not.toMatch(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/);
  }, 60_000);

  test('SARIF output validates against SARIF 2.1.0 for the hostile corpus', () => {
    const run = cmlint(['lint', '--no-config', '--format', 'sarif', 'exports'], work);
    expect(run.code).toBe(1);
    const sarif = JSON.parse(run.stdout);
    const registry = registrySarifValidator();
    expect(registry(sarif), JSON.stringify(registry.errors?.slice(0, 3))).toBe(true);
    const official = officialSarifValidator();
    if (official) expect(official(sarif), JSON.stringify(official.errors?.slice(0, 3))).toBe(true);
    expect(sarif.runs[0].results.length).toBeGreaterThan(20);
  }, 60_000);

  test('text output shows every control character escaped, file paths included', () => {
    const run = cmlint(['lint', '--no-config', '--format', 'text', 'exports'], work);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('odd-strings.yaml');
    expect(run.stdout).not.toMatch(
      /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]/,
    );
  }, 60_000);
});

describe('escapeControl', () => {
  test('shows C0, DEL, C1, bidirectional and invisible format characters as escapes; leaves text and tabs alone', () => {
    expect(escapeControl('plain text, ñ, 日本, emoji 😀\tand a tab')).toBe('plain text, ñ, 日本, emoji 😀\tand a tab');
    expect(escapeControl('\u001b[31mred\u001b[0m')).toBe('\\e[31mred\\e[0m');
    expect(escapeControl('a\r\nb\u0000c\u0007d\u0008e\u007f')).toBe('a\\r\\nb\\x00c\\x07d\\x08e\\x7f');
    expect(escapeControl('\u009b31m\u0085')).toBe('\\x9b31m\\x85');
    expect(escapeControl('\u202eevil\u202c \u2066x\u2069 \u200b \u2028 \u061c \ufeff')).toBe(
      '\\u202eevil\\u202c \\u2066x\\u2069 \\u200b \\u2028 \\u061c \\ufeff',
    );
    for (let code = 0; code < 0x20; code++) {
      if (code === 9) continue;
      expect(escapeControl(String.fromCharCode(code))).toMatch(/^\\/);
    }
  });
});
