/**
 * The package as a team installs it: `npm pack` of the built repository, installed into an empty folder without the
 * network, then `npx cmlint lint` on an example and a strict TypeScript consumer that imports the API and its types.
 *
 * Offline: `npm install <tarball>` would ask the registry for each dependency's metadata, which `npm ci` never caches.
 * The consumer gets a lockfile instead, made from this repository's package-lock.json (cmlint's dependencies at the
 * versions tested here, and @types/node for the consumer), so `npm ci --offline` takes every tarball from the npm
 * cache that installing this repository filled. The tarball's size and file list are left in test-output/package/.
 */
import { execFile } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, posix } from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { ROOT } from '../support/cli.js';
import { tempDir } from '../support/workspace.js';

const NPM = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const OUT = join(ROOT, 'test-output', 'package');
const work = tempDir('package');
const consumer = join(work, 'consumer');
let tarball = '';
let files: string[] = [];

/** Runs a command without blocking the test worker (tsc takes tens of seconds on a busy machine). */
function run(
  command: string,
  args: string[],
  cwd: string,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const env = {
      ...process.env,
      NO_COLOR: '1',
      npm_config_audit: 'false',
      npm_config_fund: 'false',
      npm_config_update_notifier: 'false',
    };
    execFile(
      command,
      args,
      { cwd, env, encoding: 'utf8', timeout: 240_000, maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) => {
        resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr });
      },
    );
  });
}

/** A lockfile for the consumer: the tarball, cmlint's dependencies as this repository locks them, and @types/node. */
function consumerLock(tarballName: string) {
  const lock = JSON.parse(readFileSync(join(ROOT, 'package-lock.json'), 'utf8'));
  const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
  const typesNode = lock.packages['node_modules/@types/node'];
  const dependencies = { cmlint: `file:${tarballName}` };
  const devDependencies = { '@types/node': typesNode.version };
  const packages: Record<string, unknown> = { '': { name: 'consumer', dependencies, devDependencies } };
  packages['node_modules/cmlint'] = {
    version: manifest.version,
    resolved: `file:${tarballName}`,
    license: manifest.license,
    dependencies: manifest.dependencies,
    bin: manifest.bin,
    engines: manifest.engines,
  };
  for (const [path, entry] of Object.entries<any>(lock.packages))
    if (path && !entry.dev && !entry.devOptional) packages[path] = entry;
  for (const name of ['@types/node', ...Object.keys(typesNode.dependencies ?? {})])
    packages[`node_modules/${name}`] = { ...lock.packages[`node_modules/${name}`], dev: true };
  return {
    manifest: { name: 'consumer', private: true, type: 'module', dependencies, devDependencies },
    lock: { name: 'consumer', lockfileVersion: 3, requires: true, packages },
  };
}

beforeAll(async () => {
  // The declarations are not part of the quick `npm run build`; `npm pack` makes them (prepack), here too.
  const types = await run(
    process.execPath,
    [join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.types.json'],
    ROOT,
  );
  expect(types.stdout + types.stderr).toBe('');
  // --ignore-scripts: dist/ is already built (test/support/global-setup.ts); rebuilding it would pull it away from
  // test files running beside this one.
  const packed = await run(NPM, ['pack', '--ignore-scripts', '--json', '--pack-destination', work], ROOT);
  expect(packed.code, packed.stderr).toBe(0);
  const [info] = JSON.parse(packed.stdout);
  tarball = info.filename;
  files = info.files.map((f: { path: string }) => f.path).sort();
  mkdirSync(OUT, { recursive: true });
  writeFileSync(
    join(OUT, 'files.txt'),
    `${info.filename}: ${info.size} bytes packed, ${info.unpackedSize} unpacked, ${info.entryCount} files\n${info.files.map((f: { path: string; size: number }) => `${f.size}\t${f.path}`).join('\n')}\n`,
  );
  mkdirSync(consumer);
  const { manifest, lock } = consumerLock(`../${tarball}`);
  writeFileSync(join(consumer, 'package.json'), JSON.stringify(manifest, null, 2));
  writeFileSync(join(consumer, 'package-lock.json'), JSON.stringify(lock, null, 2));
}, 300_000);

describe('npm pack', () => {
  test('ships what runs, its licence and its documentation, and nothing built for development', () => {
    for (const path of [
      'LICENSE',
      'README.md',
      'package.json',
      'bin/cmlint.js',
      'dist/cli-loader.cjs',
      'dist/cli.cjs',
      'dist/index.js',
      'dist/rules.json',
      'dist/types/index.d.ts',
      'schemas/export.schema.json',
      'schemas/config.schema.json',
      'docs/api.md',
      '.github/cmlint-problem-matcher.json',
    ]) {
      expect(files, path).toContain(path);
    }
    // The development generator, a code cache for one Node.js build, the Action's bundle, sources and tests stay out.
    expect(
      files.filter((f) =>
        /^dist\/(generate\.js|cli\.cjs\.cache|action\/|.*-validator\.cjs$)|^(src|test|scripts|bench|fixtures)\//.test(
          f,
        ),
      ),
    ).toEqual([]);
    const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
    expect(manifest.license).toBe('MIT');
    expect(readFileSync(join(ROOT, 'LICENSE'), 'utf8')).toMatch(/^MIT License/);
    expect(manifest.repository.url).toMatch(/^git\+https:\/\/github\.com\//);
    expect(manifest.homepage).toMatch(/^https:\/\//);
    expect(manifest.bugs.url).toMatch(/^https:\/\/.*\/issues$/);
    expect(manifest.types).toBe('./dist/types/index.d.ts');
  });

  test('every relative link in the README names a file the package ships', () => {
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    const targets = [...readme.matchAll(/\]\(([^)\s]+)\)/g)]
      .map((m) => m[1]!)
      .filter((t) => !/^[a-z]+:/i.test(t) && !t.startsWith('#'));
    expect(targets.length).toBeGreaterThan(10);
    for (const target of new Set(targets)) {
      const path = posix.normalize(target.split('#')[0]!).replace(/\/$/, '');
      expect(
        files.some((f) => f === path || f.startsWith(`${path}/`)),
        target,
      ).toBe(true);
    }
  });
});

describe('the installed package', () => {
  test('installs offline into an empty folder and lints an example with npx cmlint', async () => {
    const install = await run(NPM, ['ci', '--offline'], consumer);
    expect(install.code, install.stderr).toBe(0);
    const lint = await run(
      'npx',
      [
        '--no-install',
        'cmlint',
        'lint',
        'node_modules/cmlint/examples/contoso.yaml',
        '--as-of',
        '2026-06-01',
        '--format',
        'compact',
      ],
      consumer,
    );
    expect(lint.code, lint.stderr).toBe(0);
    expect(lint.stdout).toMatch(
      /^node_modules\/cmlint\/examples\/contoso\.yaml:\d+:\d+: (warning|note) .* \[[A-Z]+\d{3}\]$/m,
    );
    const schema = await run('npx', ['--no-install', 'cmlint', 'schema', '--path'], consumer);
    expect(schema.stdout.trim()).toBe(join(consumer, 'node_modules', 'cmlint', 'schemas', 'export.schema.json'));
  }, 300_000);

  test("a strict TypeScript consumer type-checks `import { lint, type Finding } from 'cmlint'` and runs it", async () => {
    writeFileSync(
      join(consumer, 'index.ts'),
      [
        "import { lint, type Finding } from 'cmlint';",
        '',
        "const findings: Finding[] = await lint(['node_modules/cmlint/examples/contoso.yaml'], { asOf: '2026-06-01' });",
        'const lines: string[] = findings.map((f) => `${f.file}:${f.region.startLine} ${f.severity} ${f.ruleId}`);',
        '// @ts-expect-error a rule id is a string: the declarations are real types, not any',
        'const wrong: number = findings[0]!.ruleId;',
        '// @ts-expect-error lint takes a list of paths',
        "export const notAList = () => lint('one.yaml');",
        'console.log(JSON.stringify({ lines, wrong }));',
        '',
      ].join('\n'),
    );
    writeFileSync(
      join(consumer, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: {
          strict: true,
          module: 'NodeNext',
          moduleResolution: 'NodeNext',
          target: 'ES2022',
          skipLibCheck: false,
          outDir: 'out',
          types: ['node'],
        },
        files: ['index.ts'],
      }),
    );
    const tsc = await run(
      process.execPath,
      [join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', '.'],
      consumer,
    );
    expect(tsc.stdout + tsc.stderr).toBe('');
    expect(tsc.code).toBe(0);
    const ran = await run(process.execPath, ['out/index.js'], consumer);
    expect(ran.code, ran.stderr).toBe(0);
    expect(JSON.parse(ran.stdout).lines).toContain('node_modules/cmlint/examples/contoso.yaml:190 note SCALE002');
  }, 300_000);
});
