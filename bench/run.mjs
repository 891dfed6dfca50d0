/**
 * cmlint's benchmark (`npm run bench`, which builds first). Every figure is a ratio to a baseline measured in the same
 * run, because only ratios hold on a shared machine:
 *
 *   start-up      `cmlint lint` on a small export           vs  `node -e 0`
 *   large export  `cmlint lint` on 100,000 devices           vs  the fastest plain parse of the same file in Node.js:
 *                                                                 JSON.parse (JSON), js-yaml's load (YAML)
 *   linear cost   10,000 / 100,000 / 1,000,000 devices: time and memory per device
 *   default jobs  `cmlint lint` without --jobs (the number of threads it chose each time, and why)  vs  `--jobs 1`
 *                 and `--jobs 2`, for 1,000 exports like the examples, 1,000 and (not with --quick) 20,000 minimal ones
 *   many files    `cmlint lint --jobs 2` on two cores, 1,000 exports  vs  `--jobs 1` pinned to one core (taskset), for
 *                 exports like the bundled examples and for minimal ones;
 *                 and vs `--jobs 1` on two cores (the reports must be equal); with two ceilings measured alike:
 *                 one core's time for 1,000 files over its time for 500, and two processes of 500 at once;
 *                 and the default run vs an absolute baseline: reading and parsing the same 1,000 files (js-yaml)
 *   finding-dense 10,000 / 100,000 devices with 3 findings in every 10 devices  vs  the plain parse (target 3x)
 *   formats       every report format vs the JSON report of the same input (time and peak memory, target 2x), on
 *                 the 100,000-device JSON, the finding-dense exports and hierarchies of 50 and 200 primaries
 *   page          the HTML report of about 40,000 findings opening in Chromium  vs  examples/contoso.yaml's (target 5x)
 *   many elements 3,000 CMGs in one export  vs  1,000 (rules comparing elements with each other stay near linear)
 *   editor        `cmlint lsp`: a change to an open example until its diagnostics  vs  a cold `cmlint lint` of the file
 *
 * Each command runs as a whole process, start-up included, several times in turn with its baseline (A B A B …);
 * figures are medians. Wall time is the headline; CPU time (all threads) and peak memory (RSS) come from the process
 * itself (bench/peak.cjs, preloaded into cmlint and baselines alike). Inputs are generated into bench/.inputs/.
 *
 *   node bench/run.mjs [--quick] [--case N]   (--quick: fewer runs, no 1,000,000-device case, finding-dense up to
 *                                              30,000 devices; --case: only case N)
 *
 * Every ratio with a target is printed with its spread (lowest-highest of the pairwise ratios) and its number of pairs;
 * a ratio near its target gets more pairs until a sign test settles its verdict (see compare).
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { generateExport, hierarchyExport, smallExport } from './generate.mjs';
import { manyCmgsExport } from './many-cmgs.mjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const INPUTS = join(ROOT, 'bench', '.inputs');
const CLI = join(ROOT, 'bin', 'cmlint.js');
const PEAK = join(ROOT, 'bench', 'peak.cjs');
const QUICK = process.argv.includes('--quick');
/** --case N (repeatable): run only those cases, for a quick look at one of them. */
const CASES = process.argv.flatMap((arg, i) => (process.argv[i - 1] === '--case' ? [Number(arg)] : []));
const wanted = (n) => CASES.length === 0 || CASES.includes(n);
const AS_OF = '2026-06-01';
/** Bumped when the generator changes, so that old inputs are made again. */
const INPUT_VERSION = '2';

mkdirSync(INPUTS, { recursive: true });
const stamp = join(INPUTS, 'version');
if (!existsSync(stamp) || readFileSync(stamp, 'utf8') !== INPUT_VERSION) {
  rmSync(INPUTS, { recursive: true, force: true });
  mkdirSync(INPUTS, { recursive: true });
  writeFileSync(stamp, INPUT_VERSION);
}

function input(name, make) {
  const path = join(INPUTS, name);
  if (!existsSync(path)) {
    process.stderr.write(`generating ${name}…\n`);
    writeFileSync(path, make());
  }
  return path;
}

/** The command line of a timed lint: one export, no config, a fixed date, any size (cases 2, 5, 6 and 7). */
function lintArgs(file, format = 'json') {
  return [CLI, 'lint', file, '--no-config', '--as-of', AS_OF, '--format', format, '--max-file-size', String(1024 ** 3)];
}

const usageFile = join(tmpdir(), `cmlint-bench-${process.pid}.txt`);

/** Runs a command once: wall seconds, CPU seconds and peak RSS bytes (from bench/peak.cjs), exit code, output. */
function once(args, options = {}) {
  rmSync(usageFile, { force: true });
  const started = process.hrtime.bigint();
  // options.pin: run on these CPUs only (taskset), to measure what a run gets from one core.
  const command = options.pin ? ['taskset', '--cpu-list', options.pin, process.execPath] : [process.execPath];
  const run = spawnSync(command[0], [...command.slice(1), '--require', PEAK, ...args], {
    cwd: options.cwd ?? ROOT,
    env: { ...process.env, CMLINT_BENCH_OUT: usageFile, NO_COLOR: '1', FORCE_COLOR: undefined, ...options.env },
    encoding: 'utf8',
    maxBuffer: 512 * 1024 * 1024,
  });
  const wall = Number(process.hrtime.bigint() - started) / 1e9;
  if (run.error) throw run.error;
  if (run.status !== 0 && run.status !== 1) throw new Error(`${args.join(' ')} exited ${run.status}: ${run.stderr}`);
  const [cpu, rss] = readFileSync(usageFile, 'utf8').trim().split('\n').pop().split(' ').map(Number);
  return { wall, cpu, rss, stdout: run.stdout, stderr: run.stderr };
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};

/**
 * Runs A and B in turn (after one warm-up each): `runs` pairs, then, when options.limit is given, more pairs until the
 * verdict is settled or options.cap pairs have run. Medians of each, and of the pairwise ratios.
 *
 * Settled: a sign test on the pairwise ratios (options.measure, default wall A / wall B) says on which side of the
 * limit their median lies, at 95% (one-sided; with 5 pairs, all five on one side). A figure far from its limit is
 * settled after the first pairs; one near it gets more runs, so that its printed verdict does not flip between runs.
 */
function compare(a, b, runs, options = {}) {
  // A pinned run takes each CPU in turn: on a shared machine one CPU may be busier than the other for a while.
  const pinned = (pin, i) => (pin === 'each' ? String(i % cpus().length) : pin);
  const optionsA = (i) => ({ ...options, pin: pinned(options.pinA, i) });
  const optionsB = (i) => ({ ...options, pin: pinned(options.pinB, i) });
  const measure = options.measure ?? ((x, y) => x.wall / y.wall);
  once(a, optionsA(0));
  once(b, optionsB(0));
  const as = [];
  const bs = [];
  const cap = Math.max(runs, options.cap ?? runs * 2);
  for (let i = 0; i < cap; i++) {
    as.push(once(a, optionsA(i)));
    bs.push(once(b, optionsB(i)));
    if (as.length < runs) continue;
    if (
      options.limit === undefined ||
      settled(
        as.map((r, j) => measure(r, bs[j])),
        options.limit,
      )
    )
      break;
  }
  const pick = (list, key) => median(list.map((r) => r[key]));
  const measured = as.map((r, i) => measure(r, bs[i]));
  return {
    a: { wall: pick(as, 'wall'), cpu: pick(as, 'cpu'), rss: pick(as, 'rss'), stdout: as[0].stdout },
    b: { wall: pick(bs, 'wall'), cpu: pick(bs, 'cpu'), rss: pick(bs, 'rss'), stdout: bs[0].stdout },
    samples: { a: as, b: bs },
    ratio: {
      wall: median(as.map((r, i) => r.wall / bs[i].wall)),
      cpu: median(as.map((r, i) => r.cpu / bs[i].cpu)),
      rss: median(as.map((r, i) => r.rss / bs[i].rss)),
    },
    // The measure the verdict is taken on (the wall ratio unless options.measure), its median and spread.
    measured: median(measured),
    // The spread of the pairwise ratios, so that a figure near its threshold shows whether its verdict could flip.
    spread: spreadOf(measured),
    pairs: as.length,
    settled: options.limit === undefined || settled(measured, options.limit),
  };
}

/**
 * Whether the median of `ratios` lies on one side of `limit` at 95%, one-sided: a sign test, distribution-free, so one
 * slow run on a busy machine counts as one pair on one side and no more.
 */
function settled(ratios, limit) {
  const n = ratios.length;
  const below = ratios.filter((r) => r <= limit).length;
  const k = Math.max(below, n - below);
  // P(X >= k) for X ~ Binomial(n, 1/2).
  let tail = 0;
  let choose = 1;
  for (let i = 0; i <= n; i++) {
    if (i >= k) tail += choose;
    choose = (choose * (n - i)) / (i + 1);
  }
  return tail / 2 ** n < 0.05;
}

/** Lowest and highest of a list of ratios, as "1.62-1.81x". */
function spreadOf(ratios) {
  return `${Math.min(...ratios).toFixed(2)}-${Math.max(...ratios).toFixed(2)}x`;
}

/** A ratio with its spread and pairs, and its verdict against its limit: "1.64x (1.50-1.81x, 5 pairs) ok (at most 2)". */
function judged(result, limit, value = result.measured) {
  const unsettled = result.settled ? '' : `, unsettled after ${result.pairs}`;
  return `${value.toFixed(2)}x (${result.spread}, ${result.pairs} pairs${unsettled})  ${verdict(value, limit)}`;
}

const seconds = (s) => (s < 1 ? `${(s * 1000).toFixed(0)} ms` : `${s.toFixed(2)} s`);
const mb = (bytes) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;
const row = (cells, widths) => cells.map((cell, i) => String(cell)[i ? 'padStart' : 'padEnd'](widths[i])).join('  ');
const verdict = (value, limit) => (value <= limit ? `ok (at most ${limit})` : `OVER ${limit}`);

function findingsOf(stdout) {
  const report = JSON.parse(stdout);
  return report.files.reduce((n, file) => n + file.findings.length, 0);
}

console.log(`cmlint benchmark — Node.js ${process.version}, ${cpus().length} CPUs${QUICK ? ', quick' : ''}\n`);

// 1. Start-up -----------------------------------------------------------------------------------------------------
if (wanted(1)) {
  const small = input(
    'small.yaml',
    () => 'schemaVersion: 1\nhierarchy:\n  sites:\n    - SiteCode: P01\n      SiteType: Primary\n      Version: 2403\n',
  );
  const runs = QUICK ? 10 : 25;
  console.log(
    '1. Start-up: `cmlint lint` on a small export vs `node -e 0` (medians; at least %d pairs, more near the target)',
    runs,
  );
  const widths = [34, 10, 10, 8, 44];
  console.log(row(['export', 'cmlint', 'node -e 0', 'cpu', 'ratio (spread, pairs)'], widths).trimEnd());
  // The minimal export has the target; the realistic bundled example is measured alike, for the table.
  for (const [name, file, limit] of [
    ['minimal (6 lines)', small, 2],
    ['examples/contoso.yaml (667 lines)', join(ROOT, 'examples', 'contoso.yaml')],
  ]) {
    const result = compare([CLI, 'lint', file, '--no-config', '--as-of', AS_OF], ['-e', '0'], runs, {
      limit,
      cap: runs * 2,
    });
    const figure = limit
      ? judged(result, limit)
      : `${result.measured.toFixed(2)}x (${result.spread}, ${result.pairs} pairs)  table`;
    console.log(
      row(
        [name, seconds(result.a.wall), seconds(result.b.wall), `${result.ratio.cpu.toFixed(2)}x`, figure],
        widths,
      ).trimEnd(),
    );
  }
  console.log();
}

// 2 and 3. Large exports and linear cost ----------------------------------------------------------------------------
input('parse.mjs', () =>
  [
    '// The baseline: read and parse an export with the fastest plain parser, and nothing else.',
    "import { readFileSync } from 'node:fs';",
    'const [file] = process.argv.slice(2);',
    "const text = readFileSync(file, 'utf8');",
    "if (file.endsWith('.json')) JSON.parse(text);",
    "else (await import('js-yaml')).load(text);",
    '',
  ].join('\n'),
);
// The baseline script lives in bench/.inputs but must find js-yaml: run it from the project root.
const sizes = QUICK ? [10_000, 100_000] : [10_000, 100_000, 1_000_000];
const table = [];
if (wanted(2) || wanted(3)) {
  console.log('2. Large exports: `cmlint lint` vs the fastest plain parse of the same file (JSON.parse; js-yaml load)');
  {
    const widths = [22, 9, 10, 10, 8, 9, 9, 46];
    console.log(row(['export', 'size', 'cmlint', 'parse', 'cpu', 'peak', 'findings', 'ratio (spread, pairs)'], widths));
    for (const devices of sizes) {
      for (const format of ['yaml', 'json']) {
        // 1,000,000 devices as YAML: js-yaml alone holds more than 1 GB for the 130 MB file, over the memory target.
        if (devices === 1_000_000 && format === 'yaml') continue;
        const file = input(`devices-${devices}.${format}`, () => generateExport(devices, format));
        const runs = devices >= 1_000_000 ? 3 : QUICK ? 3 : 5;
        const lint = lintArgs(file);
        const headline = devices === 100_000;
        const result = compare(lint, [join(INPUTS, 'parse.mjs'), file], runs, headline ? { limit: 2 } : {});
        const findings = findingsOf(result.a.stdout);
        const bytes = statSync(file).size;
        table.push({ devices, format, bytes, ...result.a, findings });
        console.log(
          row(
            [
              `${devices.toLocaleString('en-US')} devices ${format.toUpperCase()}`,
              mb(bytes),
              seconds(result.a.wall),
              seconds(result.b.wall),
              `${result.ratio.cpu.toFixed(2)}x`,
              mb(result.a.rss),
              findings,
              headline ? judged(result, 2) : `${result.measured.toFixed(2)}x (${result.spread}, ${result.pairs} pairs)`,
            ],
            widths,
          ).trimEnd(),
        );
        if (headline && result.a.rss > 400 * 1024 * 1024)
          console.log(`   peak memory ${mb(result.a.rss)} is OVER 400 MB`);
      }
    }
    console.log();
  }

  console.log('3. Linear cost: time and memory per device (cmlint lint, whole process)');
  {
    const widths = [8, 10, 9, 10, 14, 9, 16];
    console.log(row(['format', 'devices', 'size', 'time', 'time/device', 'peak', 'peak/device'], widths));
    for (const r of table) {
      console.log(
        row(
          [
            r.format.toUpperCase(),
            r.devices.toLocaleString('en-US'),
            mb(r.bytes),
            seconds(r.wall),
            `${((r.wall / r.devices) * 1e6).toFixed(1)} µs`,
            mb(r.rss),
            `${(r.rss / r.devices / 1024).toFixed(2)} KB`,
          ],
          widths,
        ),
      );
    }
    if (!sizes.includes(1_000_000)) console.log('(--quick: no 1,000,000-device case)');
    else
      console.log(
        '1,000,000 devices: JSON only; as YAML (130 MB) js-yaml alone needs more than 1 GB, over the memory target.',
      );
    console.log();
  }
}

// 4. Many files -----------------------------------------------------------------------------------------------------
// Two sets of 1,000 exports: exports like the two bundled examples (a site design without a device inventory, about
// 34 KB each: what a consultant holds for each customer), and minimal ones (one site system, about 1 KB).
if (wanted(4)) {
  const runs = QUICK ? 3 : 5;
  // What two threads of plain computation gain on this machine now: no split of the work can gain more.
  const parallel = spawnSync(process.execPath, [join(ROOT, 'bench', 'parallel-check.cjs')], {
    encoding: 'utf8',
  }).stdout.trim();
  const canPin = spawnSync('taskset', ['--cpu-list', '0', process.execPath, '-e', '0']).status === 0;
  console.log(
    `4. Many files (medians; at least ${runs} pairs, more near a target; ${cpus().length} CPUs; the machine gave two threads of plain computation ${parallel}x just now)`,
  );
  const examples = ['contoso.yaml', 'fourth-coffee.yaml'].map((name) =>
    readFileSync(join(ROOT, 'examples', name), 'utf8'),
  );
  await manyFiles(
    '1,000 exports like the bundled examples (34 KB each)',
    'many-examples',
    (i) => `# export ${i}\n${examples[i % 2]}`,
    runs,
    canPin,
  );
  await manyFiles('1,000 minimal exports (1 KB each)', 'many', smallExport, runs, canPin);
}

// 8. The default number of threads on a long run of small files ------------------------------------------------------
// 20,000 minimal exports took 20.2 s with the former automatic pool against 11.8 s with --jobs 1 (issue 21): the
// default must be the faster of the two on the machine as it is when the run starts.
if (wanted(8) && !QUICK) {
  const folder = join(INPUTS, 'many-20000');
  if (!existsSync(folder) || readdirSync(folder).length !== 20_000) {
    rmSync(folder, { recursive: true, force: true });
    mkdirSync(folder, { recursive: true });
    process.stderr.write('generating many-20000…\n');
    for (let i = 0; i < 20_000; i++)
      writeFileSync(join(folder, `export-${String(i).padStart(5, '0')}.yaml`), smallExport(i));
  }
  console.log('8. Default threads: 20,000 minimal exports, `cmlint lint` without --jobs (median of 3 pairs)');
  console.log(row(['', 'baseline', 'cmlint', 'speed-up', 'cpu', 'reports'], [44, 10, 10, 10, 9, 11]));
  await defaultJobs(folder, 3);
  console.log();
} else if (wanted(8)) console.log('8. Default threads on 20,000 files: not with --quick\n');

async function manyFiles(title, name, make, runs, canPin) {
  const folder = join(INPUTS, name);
  if (!existsSync(folder) || readdirSync(folder).length !== 1000) {
    rmSync(folder, { recursive: true, force: true });
    mkdirSync(folder, { recursive: true });
    process.stderr.write(`generating ${name}…\n`);
    for (let i = 0; i < 1000; i++) writeFileSync(join(folder, `export-${String(i).padStart(4, '0')}.yaml`), make(i));
  }
  const args = (jobs) => [CLI, 'lint', '.', '--no-config', '--as-of', AS_OF, '--jobs', String(jobs)];
  console.log(title);
  const widths = [44, 10, 10, 10, 9, 11];
  console.log(row(['', 'baseline', 'cmlint', 'speed-up', 'cpu', 'reports'], widths));
  const report = (label, result, target) => {
    const speedup = 1 / result.ratio.wall;
    const same = result.a.stdout === result.b.stdout;
    // Speed-ups are the inverse of the wall ratios: the spread is of the pairwise speed-ups.
    const ups = result.samples.a.map((r, i) => result.samples.b[i].wall / r.wall);
    const spread = `${spreadOf(ups)}, ${result.pairs} pairs${result.settled ? '' : `, unsettled after ${result.pairs}`}`;
    const mark = target ? (speedup >= target ? `ok (at least ${target})` : `UNDER ${target}`) : '';
    console.log(
      row(
        [
          label,
          seconds(result.b.wall),
          seconds(result.a.wall),
          `${speedup.toFixed(2)}x`,
          `${result.ratio.cpu.toFixed(2)}x`,
          same ? 'identical' : 'DIFFERENT',
        ],
        widths,
      ) + `  (${spread})  ${mark}`,
    );
  };
  await defaultJobs(folder, runs);
  // An absolute baseline: reading and parsing the same files in one plain Node.js process (js-yaml), against
  // cmlint's run with its default number of threads.
  const readAll = input('read-all.mjs', () =>
    [
      '// The many-files baseline: read and parse every export of a folder with js-yaml, and nothing else.',
      "import { readdirSync, readFileSync } from 'node:fs';",
      "const { load } = await import('js-yaml');",
      "for (const name of readdirSync('.').sort()) load(readFileSync(name, 'utf8'));",
      '',
    ].join('\n'),
  );
  {
    const defaultArgs = [CLI, 'lint', '.', '--no-config', '--as-of', AS_OF];
    const result = compare(defaultArgs, [readAll], runs, { cwd: folder });
    console.log(
      row(
        [
          'default threads  vs  reading + parsing them',
          seconds(result.b.wall),
          seconds(result.a.wall),
          `${result.ratio.wall.toFixed(2)}x`,
          `${result.ratio.cpu.toFixed(2)}x`,
          '',
        ],
        widths,
      ) + `  (slower by; spread ${result.spread}, ${result.pairs} pairs)`,
    );
  }
  // The target: the run on two cores (worker threads) against the same run on one core. taskset pins every thread of
  // the one-core run, V8's compiler and garbage-collector threads included, to one CPU (each in turn).
  if (canPin)
    report(
      'two cores, --jobs 2  vs  one core, --jobs 1',
      compare(args(2), args(1), runs, { cwd: folder, pinB: 'each', limit: 1 / 1.6, cap: runs * 2 }),
      1.6,
    );
  else console.log('one core vs two: skipped (taskset, from util-linux, is not installed)');
  // What worker threads add on top of one lint thread when both runs have two cores: one lint thread's V8 helper
  // threads (optimizing compiler, garbage collector) already keep part of the second core busy.
  report('two cores, --jobs 2  vs  two cores, --jobs 1', compare(args(2), args(1), runs, { cwd: folder }));
  // Two ceilings for the first row, measured now. Each thread of a split compiles and warms up the linter's code on
  // its own, so no split in two can beat one core's time for all the files over its time for half of them. And two
  // whole processes, each linting half the files on one thread at the same time: what this machine gives a split now,
  // whatever threads in one process share (each process also starts Node.js and cmlint, which threads do not).
  if (canPin) {
    const names = readdirSync(folder).sort();
    const half = (part) => [CLI, 'lint', ...part, '--no-config', '--as-of', AS_OF, '--jobs', '1'];
    const first = names.slice(0, names.length / 2);
    const second = names.slice(names.length / 2);
    const ceiling = compare(half(first), args(1), runs, { cwd: folder, pinA: 'each', pinB: 'each' });
    console.log(
      row(
        [
          'ceiling: one core, 500 files  vs  1,000',
          seconds(ceiling.b.wall),
          seconds(ceiling.a.wall),
          `${(1 / ceiling.ratio.wall).toFixed(2)}x`,
          '',
          '',
        ],
        widths,
      ) + '  (warm-up paid once per thread)',
    );
    const pairs = [];
    for (let i = 0; i < runs; i++) {
      const alone = once(args(1), { cwd: folder, pin: String(i % cpus().length) }).wall;
      const both = await together([half(first), half(second)], { cwd: folder });
      pairs.push({ alone, both });
    }
    console.log(
      row(
        [
          'ceiling: two processes of 500, at once',
          seconds(median(pairs.map((p) => p.alone))),
          seconds(median(pairs.map((p) => p.both))),
          `${median(pairs.map((p) => p.alone / p.both)).toFixed(2)}x`,
          '',
          '',
        ],
        widths,
      ) + '  (vs one core, 1,000; each process starts Node.js and cmlint)',
    );
  }
  console.log();
}

// 9. Many elements of one kind ----------------------------------------------------------------------------------------
// Rules that compare elements with each other (CMG name clashes, shared certificates, CMGs in several regions) must
// stay close to linear: 3,000 CMGs against 1,000 should cost about three times as much, not nine.
if (wanted(9)) {
  const runs = QUICK ? 1 : 3;
  console.log('9. Many CMGs in one export: 3,000 vs 1,000 (one site, one certificate, four regions)');
  const widths = [30, 10, 10, 8, 9, 9];
  console.log(row(['export', '3,000', '1,000', 'ratio', 'peak', ''], widths));
  const file = (count) => input(`cmgs-${count}.yaml`, () => manyCmgsExport(count));
  const lint = (count) => [CLI, 'lint', file(count), '--no-config', '--as-of', AS_OF, '--format', 'json'];
  const result = compare(lint(3000), lint(1000), runs, { limit: 4.5 });
  console.log(
    row(
      [
        'cloudManagementGateways[]',
        seconds(result.a.wall),
        seconds(result.b.wall),
        '',
        mb(result.a.rss),
        judged(result, 4.5),
      ],
      widths,
    ),
  );
  console.log();
}

/**
 * Without --jobs, cmlint chooses the number of threads from the cores idle when it starts (src/cli/lint-pool.ts,
 * defaultJobs). The default's runs against --jobs 1 and against --jobs 2, interleaved, with the threads it chose in
 * each run (CMLINT_DEBUG=1 makes cmlint say so) and the spread of the pairwise ratios.
 */
async function defaultJobs(folder, runs) {
  const args = (jobs) => [CLI, 'lint', '.', '--no-config', '--as-of', AS_OF, ...(jobs ? ['--jobs', String(jobs)] : [])];
  const widths = [44, 10, 10, 10, 9, 11];
  for (const jobs of [1, 2]) {
    const result = compare(args(undefined), args(jobs), runs, { cwd: folder, env: { CMLINT_DEBUG: '1' } });
    const chosen = result.samples.a.map((r) => /in (\d+) threads? \(([^)]*)\)/.exec(r.stderr)?.[1] ?? '?');
    const ratios = result.samples.a.map((r, i) => result.samples.b[i].wall / r.wall).sort((x, y) => x - y);
    const same = result.a.stdout === result.b.stdout;
    console.log(
      row(
        [
          `default  vs  --jobs ${jobs}`,
          seconds(result.b.wall),
          seconds(result.a.wall),
          `${(1 / result.ratio.wall).toFixed(2)}x`,
          `${result.ratio.cpu.toFixed(2)}x`,
          same ? 'identical' : 'DIFFERENT',
        ],
        widths,
      ) +
        `  speed-ups ${ratios[0].toFixed(2)}x to ${ratios[ratios.length - 1].toFixed(2)}x; threads chosen: ${chosen.join(' ')}`,
    );
  }
  const reason = /\(no --jobs, ([^)]*)\)/.exec(
    once(args(undefined), { cwd: folder, env: { CMLINT_DEBUG: '1' } }).stderr,
  )?.[1];
  if (reason) console.log(`   (the default's reason just now: ${reason})`);
}

// 10. Findings as you type -----------------------------------------------------------------------------------------------
// The language server keeps its rules compiled and re-lints only the changed document: from a change sent by the
// client to the diagnostics of that change, against a whole cold `cmlint lint` of the same file, in turn.
if (wanted(10)) {
  const runs = QUICK ? 5 : 15;
  const { createProtocolConnection, StreamMessageReader, StreamMessageWriter } =
    await import('vscode-languageserver-protocol/node');
  const { pathToFileURL } = await import('node:url');
  console.log(
    `10. Editor: \`cmlint lsp\` change to diagnostics vs a cold \`cmlint lint\` of the same file (median of ${runs} pairs)`,
  );
  const widths = [28, 12, 12, 8, 14];
  console.log(row(['export', 'lsp change', 'cold lint', 'ratio', ''], widths));
  const folder = join(INPUTS, 'editor');
  mkdirSync(folder, { recursive: true });
  const server = spawn(process.execPath, [CLI, 'lsp', '--stdio'], { cwd: folder, stdio: ['pipe', 'pipe', 'inherit'] });
  const connection = createProtocolConnection(
    new StreamMessageReader(server.stdout),
    new StreamMessageWriter(server.stdin),
  );
  const waiting = new Map();
  connection.onNotification('textDocument/publishDiagnostics', (params) =>
    waiting.get(`${params.uri}#${params.version}`)?.(params),
  );
  connection.listen();
  await connection.sendRequest('initialize', {
    processId: process.pid,
    rootUri: pathToFileURL(folder).href,
    capabilities: {},
  });
  await connection.sendNotification('initialized', {});
  const published = (uri, version) => new Promise((resolve) => waiting.set(`${uri}#${version}`, resolve));
  for (const name of ['contoso.yaml', 'fourth-coffee.yaml']) {
    const file = join(folder, name);
    const text = readFileSync(join(ROOT, 'examples', name), 'utf8');
    writeFileSync(file, text);
    const uri = pathToFileURL(file).href;
    let version = 1;
    let done = published(uri, version);
    await connection.sendNotification('textDocument/didOpen', {
      textDocument: { uri, languageId: 'yaml', version, text },
    });
    await done;
    const pairs = [];
    for (let i = 0; i <= runs; i++) {
      const cold = once([CLI, 'lint', file, '--no-config'], { cwd: folder }).wall;
      version++;
      done = published(uri, version);
      const started = process.hrtime.bigint();
      // An edit a person makes: one value changed in place (the description grows a word each time).
      const edited = text.replace(/^description: >-\n  /m, `description: >-\n  edit ${i} `);
      await connection.sendNotification('textDocument/didChange', {
        textDocument: { uri, version },
        contentChanges: [{ text: edited }],
      });
      await done;
      const change = Number(process.hrtime.bigint() - started) / 1e9;
      if (i > 0) pairs.push({ change, cold }); // the first pair warms up
    }
    const ratio = median(pairs.map((p) => p.change / p.cold));
    console.log(
      row(
        [
          `examples/${name}`,
          seconds(median(pairs.map((p) => p.change))),
          seconds(median(pairs.map((p) => p.cold))),
          `${ratio.toFixed(3)}x`,
          verdict(Number(ratio.toFixed(3)), 0.2),
        ],
        widths,
      ),
    );
  }
  await connection.sendRequest('shutdown');
  await connection.sendNotification('exit');
  connection.dispose();
  console.log();
}

/** Runs commands at the same time, each a whole process; the wall seconds until the last has ended. */
function together(commands, options) {
  const started = process.hrtime.bigint();
  return Promise.all(
    commands.map(
      (args) =>
        new Promise((resolve, reject) => {
          const child = spawn(process.execPath, args, {
            cwd: options.cwd,
            env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: undefined },
            stdio: 'ignore',
          });
          child.on('error', reject);
          child.on('exit', (code) =>
            code === 0 || code === 1 ? resolve() : reject(new Error(`${args.join(' ')} exited ${code}`)),
          );
        }),
    ),
  ).then(() => Number(process.hrtime.bigint() - started) / 1e9);
}

// 5. Finding-dense exports ------------------------------------------------------------------------------------------
// 3 findings in every 10 devices: placing each finding at its line and column is most of the extra work here.
const denseSizes = QUICK ? [10_000, 30_000] : [10_000, 100_000];
const denseInput = (devices, format) => input(`dense-${devices}.${format}`, () => generateExport(devices, format, 10));
if (wanted(5)) {
  const runs = QUICK ? 3 : 5;
  console.log(
    `5. Finding-dense exports (3 findings in every 10 devices): \`cmlint lint\` vs the plain parse (medians; at least ${runs} pairs, more near the target)`,
  );
  const widths = [28, 10, 10, 9, 9, 46];
  console.log(row(['export', 'cmlint', 'parse', 'peak', 'findings', 'ratio (spread, pairs)'], widths));
  for (const devices of denseSizes) {
    for (const format of ['yaml', 'json']) {
      const file = denseInput(devices, format);
      const result = compare(lintArgs(file), [join(INPUTS, 'parse.mjs'), file], runs, { limit: 3 });
      console.log(
        row(
          [
            `${devices.toLocaleString('en-US')} devices ${format.toUpperCase()}`,
            seconds(result.a.wall),
            seconds(result.b.wall),
            mb(result.a.rss),
            findingsOf(result.a.stdout),
            judged(result, 3),
          ],
          widths,
        ),
      );
    }
  }
  console.log();
}

// 6. Every report format at scale ------------------------------------------------------------------------------------
if (wanted(6)) {
  const runs = QUICK ? 3 : 5;
  const inputs = [
    // --quick: the finding-dense inputs stand for the large one.
    ...(QUICK ? [] : [['100,000 devices JSON', input('devices-100000.json', () => generateExport(100_000, 'json'))]]),
    [`${denseSizes[0].toLocaleString('en-US')} devices, finding-dense YAML`, denseInput(denseSizes[0], 'yaml')],
    [`${denseSizes[1].toLocaleString('en-US')} devices, finding-dense JSON`, denseInput(denseSizes[1], 'json')],
    ['50 primaries, 500 site systems', input('hierarchy-50.yaml', () => hierarchyExport(50, 500))],
    ['200 primaries, 2,000 site systems', input('hierarchy-200.yaml', () => hierarchyExport(200, 2000))],
  ];
  console.log(
    `6. Every report format vs the JSON report of the same input: time and peak memory (medians; at least ${runs} pairs, more near the target; target 2x)`,
  );
  const widths = [40, 7, 10, 8, 8, 46];
  console.log(row(['input', 'format', 'time', 'time', 'memory', 'worse of the two (spread, pairs)'], widths));
  for (const [name, file] of inputs) {
    for (const format of ['sarif', 'html', 'dot', 'junit', 'text', 'github']) {
      // The verdict is on the worse of time and memory in each pair.
      const result = compare(lintArgs(file, format), lintArgs(file, 'json'), runs, {
        limit: 2,
        measure: (x, y) => Math.max(x.wall / y.wall, x.rss / y.rss),
      });
      console.log(
        row(
          [
            name,
            format,
            seconds(result.a.wall),
            `${result.ratio.wall.toFixed(2)}x`,
            `${result.ratio.rss.toFixed(2)}x`,
            judged(result, 2),
          ],
          widths,
        ),
      );
    }
  }
  console.log();
}

// 7. The HTML page of many findings in Chromium ---------------------------------------------------------------------
if (wanted(7)) {
  const runs = QUICK ? 3 : 5;
  let playwright;
  try {
    playwright = await import('playwright-core');
  } catch {
    playwright = undefined;
  }
  if (!playwright || !existsSync('/usr/bin/chromium'))
    console.log('7. HTML page in Chromium: skipped (needs playwright-core and /usr/bin/chromium)\n');
  else {
    // 100,000 devices with 3 findings in every 10: about 40,000 findings (the target's size).
    const big = denseInput(100_000, 'json');
    const pages = join(INPUTS, 'pages');
    mkdirSync(pages, { recursive: true });
    const bigPage = join(pages, 'dense.html');
    const smallPage = join(pages, 'contoso.html');
    const big_ = once(lintArgs(big, 'html'));
    writeFileSync(bigPage, big_.stdout);
    writeFileSync(smallPage, once(lintArgs(join(ROOT, 'examples', 'contoso.yaml'), 'html')).stdout);
    const findings = (big_.stdout.match(/<tr class="finding"/g) ?? []).length;
    const browser = await playwright.chromium.launch({
      executablePath: '/usr/bin/chromium',
      headless: true,
      args: ['--no-sandbox', '--disable-gpu'],
    });
    const openPage = async (file) => {
      const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
      const started = process.hrtime.bigint();
      await page.goto(pathToFileURL(file).href, { waitUntil: 'load', timeout: 600_000 });
      // Until the first frame after load is drawn.
      await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
      const wall = Number(process.hrtime.bigint() - started) / 1e9;
      await page.close();
      return wall;
    };
    await openPage(smallPage);
    const ratios = [];
    const bigs = [];
    const smalls = [];
    // Like compare(): more pairs while the verdict is not settled, up to twice as many.
    for (let i = 0; i < runs * 2; i++) {
      bigs.push(await openPage(bigPage));
      smalls.push(await openPage(smallPage));
      ratios.push(bigs[i] / smalls[i]);
      if (ratios.length >= runs && settled(ratios, 5)) break;
    }
    await browser.close();
    const bytes = statSync(bigPage).size;
    console.log(
      `7. HTML page in Chromium, opened until the first frame after its load event (median of ${ratios.length} pairs; target 5x)`,
    );
    console.log(
      `   ${mb(bytes)} page, ${findings.toLocaleString('en-US')} findings (rows made on demand past the first page): ${seconds(median(bigs))}`,
    );
    console.log(`   examples/contoso.yaml's page: ${seconds(median(smalls))}`);
    const unsettled = settled(ratios, 5) ? '' : `, unsettled after ${ratios.length}`;
    console.log(
      `   ratio ${median(ratios).toFixed(2)}x (${spreadOf(ratios)}, ${ratios.length} pairs${unsettled})  ${verdict(median(ratios), 5)}\n`,
    );
  }
}

rmSync(usageFile, { force: true });
