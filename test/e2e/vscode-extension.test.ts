/**
 * The VS Code extension (editors/vscode): built into a .vsix by `npm run package:vscode` (@vscode/vsce), whose
 * manifest activates on YAML and JSON, starts cmlint's language server from the installed package, and contributes the
 * export schema to the YAML extension. The bundled entry is loaded with a stand-in for VS Code's API module.
 */
import { spawnSync } from 'node:child_process';
import Module from 'node:module';
import { join } from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import yauzl from 'yauzl';
import { serverCommand } from '../../editors/vscode/src/server-path.js';
import { ROOT } from '../support/cli.js';

const EXTENSION = join(ROOT, 'editors', 'vscode');
let files: Map<string, Buffer>;

/** Every file of a zip archive (a .vsix is one), by name. */
function unzip(path: string): Promise<Map<string, Buffer>> {
  return new Promise((resolve, reject) => {
    yauzl.open(path, { lazyEntries: true }, (error, zip) => {
      if (error || !zip) return reject(error);
      const found = new Map<string, Buffer>();
      zip.on('entry', (entry: yauzl.Entry) => {
        zip.openReadStream(entry, (err, stream) => {
          if (err || !stream) return reject(err);
          const chunks: Buffer[] = [];
          stream.on('data', (c: Buffer) => chunks.push(c));
          stream.on('end', () => (found.set(entry.fileName, Buffer.concat(chunks)), zip.readEntry()));
        });
      });
      zip.on('end', () => resolve(found));
      zip.readEntry();
    });
  });
}

beforeAll(async () => {
  const run = spawnSync(process.execPath, [join(ROOT, 'scripts', 'package-vscode.mjs')], {
    cwd: ROOT,
    encoding: 'utf8',
  });
  expect(run.status, run.stderr).toBe(0);
  const vsix = join(ROOT, run.stdout.trim());
  files = await unzip(vsix);
}, 120_000);

describe('the VS Code extension package', () => {
  test('activates on YAML and JSON and starts from its bundled entry', () => {
    const manifest = JSON.parse(files.get('extension/package.json')!.toString('utf8'));
    expect(manifest.activationEvents).toEqual(['onLanguage:yaml', 'onLanguage:json']);
    expect(manifest.main).toBe('./dist/extension.js');
    expect(files.has('extension/dist/extension.js')).toBe(true);
    expect(files.get('extension.vsixmanifest')!.toString('utf8')).toContain('Id="cmlint"');
  });

  test('contributes the export schema, with the files it refers to, to the YAML extension', () => {
    const manifest = JSON.parse(files.get('extension/package.json')!.toString('utf8'));
    const [yaml] = manifest.contributes.yamlValidation;
    expect(yaml.url).toBe('./schemas/export.schema.json');
    expect(yaml.fileMatch).toContain('*.cmlint.yaml');
    const schema = JSON.parse(files.get('extension/schemas/export.schema.json')!.toString('utf8'));
    const refs = [...JSON.stringify(schema).matchAll(/"\$ref":"([^#"]+)/g)].map((m) => m[1]!);
    expect(refs.length).toBeGreaterThan(0);
    for (const ref of refs) expect(files.has(`extension/schemas/${ref}`), ref).toBe(true);
  });

  test("the server is the workspace's installed cmlint, else the configured one, else cmlint on the PATH", () => {
    const installed = join('/w', 'node_modules', 'cmlint', 'bin', 'cmlint.js');
    expect(serverCommand('', ['/w'], (p) => p === installed)).toEqual({ kind: 'module', path: installed });
    expect(serverCommand('', ['/w'], () => false)).toEqual({ kind: 'command', path: 'cmlint' });
    expect(serverCommand('tools/cmlint/bin/cmlint.js', ['/w'], () => true)).toEqual({
      kind: 'module',
      path: join('/w', 'tools/cmlint/bin/cmlint.js'),
    });
  });

  test("the bundled entry loads with only VS Code's API outside it", () => {
    // The stand-in gives a class for whatever the client library extends or constructs while loading.
    const vscode = new Proxy({} as Record<string | symbol, unknown>, {
      get: (cache, name) => (cache[name] ??= class {}),
    });
    const load = (Module as unknown as { _load: (request: string, ...rest: unknown[]) => unknown })._load;
    const original = load;
    (Module as unknown as { _load: typeof load })._load = (request: string, ...rest: unknown[]) =>
      request === 'vscode' ? vscode : original(request, ...rest);
    try {
      const extension = Module.createRequire(import.meta.url)(join(EXTENSION, 'dist', 'extension.js')) as {
        activate: unknown;
        deactivate: unknown;
      };
      expect(typeof extension.activate).toBe('function');
      expect(typeof extension.deactivate).toBe('function');
    } finally {
      (Module as unknown as { _load: typeof load })._load = original;
    }
  });
});
