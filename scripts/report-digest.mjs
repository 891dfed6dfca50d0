#!/usr/bin/env node
// Writes every report format for every fixture and example into one folder, so that a refactoring can show its
// reports are byte-identical before and after: run it on both commits and compare the folders (`diff -r A B`).
// Usage: node scripts/report-digest.mjs <out-folder>   (uses the built bin/cmlint.js; run `npm run build` first)
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(fileURLToPath(import.meta.url), '../..');
const out = process.argv[2];
if (!out) {
  console.error('usage: node scripts/report-digest.mjs <out-folder>');
  process.exit(2);
}
mkdirSync(out, { recursive: true });
const formats = ['text', 'json', 'sarif', 'junit', 'github', 'compact', 'html', 'dot'];
// A fixed date and no config file: the reports depend only on the code, the rules and the inputs.
const sets = { fixtures: ['fixtures'], examples: ['examples'] };
const digests = [];
for (const [name, paths] of Object.entries(sets)) {
  for (const format of formats) {
    const file = join(out, `${name}.${format}`);
    const run = spawnSync(
      process.execPath,
      [
        join(root, 'bin/cmlint.js'),
        'lint',
        ...paths,
        '--as-of',
        '2026-06-01',
        '--no-config',
        '-f',
        format,
        '-o',
        resolve(file),
      ],
      { cwd: root, encoding: 'utf8', maxBuffer: 1 << 28 },
    );
    writeFileSync(`${file}.exit`, `${run.status}\n${run.stderr}`);
    // The HTML page says when it was made: the one part of a report that may differ between two identical runs.
    const report = readFileSync(file, 'utf8').replace(/run \d{4}-\d\d-\d\d \d\d:\d\d UTC/g, 'run <time>');
    writeFileSync(file, report);
    digests.push(`${createHash('sha256').update(report).digest('hex')}  ${name}.${format}`);
  }
}
writeFileSync(join(out, 'SHA256SUMS'), `${digests.join('\n')}\n`);
console.log(digests.join('\n'));
