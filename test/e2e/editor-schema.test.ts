/**
 * A new user's editor, offline: yaml-language-server (the YAML support of VS Code, Neovim, Helix, Zed...) driven over
 * stdio through the Language Server Protocol, on an export whose first line points at the schema of the installed
 * package, `# yaml-language-server: $schema=./node_modules/cmlint/schemas/export.schema.json`, as `cmlint schema
 * --path` and the docs say. The server must complete keys and report a misspelt key from the files on disk: its HTTP
 * proxy is set to a closed port and the schema store is off, so any schema it tried to download would fail.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  createMessageConnection,
  StreamMessageReader,
  StreamMessageWriter,
  type MessageConnection,
} from 'vscode-jsonrpc/node';
import type { CompletionItem, CompletionList } from 'vscode-languageserver-protocol';

/** A diagnostic as yaml-language-server publishes it (its messages are plain strings). */
interface Diagnostic {
  message: string;
  range: { start: { line: number; character: number } };
  data?: unknown;
}
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ROOT, runCli } from '../support/cli.js';
import { tempDir } from '../support/workspace.js';

const SERVER = join(ROOT, 'node_modules', 'yaml-language-server', 'bin', 'yaml-language-server');
const SETTINGS = {
  yaml: { validate: true, completion: true, hover: true, schemaStore: { enable: false }, schemas: {} },
  // Nothing may come from the network: a request through this proxy fails at once.
  http: { proxy: 'http://127.0.0.1:9', proxyStrictSSL: true },
};

// What a new user writes after `npm install --save-dev cmlint`: the schema comment, then a site with a typo.
const EXPORT = [
  '# yaml-language-server: $schema=./node_modules/cmlint/schemas/export.schema.json',
  'schemaVersion: 1',
  'hierarchy:',
  '  sites:',
  '    - SiteCode: P01',
  '      SiteTyp: Primary',
  '      ',
  '',
].join('\n');

let server: ChildProcessWithoutNullStreams;
let connection: MessageConnection;
const diagnostics = new Map<string, Diagnostic[]>();
let uri = '';

beforeAll(async () => {
  // A project that installed cmlint: node_modules/cmlint is this package.
  const project = tempDir('editor');
  mkdirSync(join(project, 'node_modules'));
  symlinkSync(ROOT, join(project, 'node_modules', 'cmlint'), 'dir');
  writeFileSync(join(project, 'site.yaml'), EXPORT);
  uri = pathToFileURL(join(project, 'site.yaml')).href;

  server = spawn(process.execPath, [SERVER, '--stdio'], {
    cwd: project,
    env: { ...process.env, HTTP_PROXY: SETTINGS.http.proxy, HTTPS_PROXY: SETTINGS.http.proxy },
  });
  connection = createMessageConnection(new StreamMessageReader(server.stdout), new StreamMessageWriter(server.stdin));
  connection.onNotification('textDocument/publishDiagnostics', (params: { uri: string; diagnostics: Diagnostic[] }) => {
    diagnostics.set(params.uri, params.diagnostics);
  });
  connection.onRequest('workspace/configuration', (params: { items: { section?: string }[] }) =>
    params.items.map((item) =>
      item.section ? ((SETTINGS as Record<string, unknown>)[item.section] ?? null) : SETTINGS,
    ),
  );
  connection.onRequest('client/registerCapability', () => null);
  connection.onRequest('window/workDoneProgress/create', () => null);
  connection.onNotification(() => {});
  connection.listen();
  await connection.sendRequest('initialize', {
    processId: process.pid,
    rootUri: pathToFileURL(project).href,
    capabilities: {
      workspace: { configuration: true, didChangeConfiguration: { dynamicRegistration: true } },
      textDocument: {
        completion: { completionItem: { snippetSupport: true } },
        publishDiagnostics: {},
        synchronization: { didSave: true },
      },
    },
  });
  await connection.sendNotification('initialized', {});
  await connection.sendNotification('workspace/didChangeConfiguration', { settings: SETTINGS });
  await connection.sendNotification('textDocument/didOpen', {
    textDocument: { uri, languageId: 'yaml', version: 1, text: EXPORT },
  });
}, 60_000);

afterAll(() => {
  connection?.dispose();
  server?.kill();
});

async function diagnosticsFor(target: string, until: (list: Diagnostic[]) => boolean): Promise<Diagnostic[]> {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    const list = diagnostics.get(target);
    if (list && until(list)) return list;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return diagnostics.get(target) ?? [];
}

function labels(result: CompletionList | CompletionItem[] | null): string[] {
  const items = Array.isArray(result) ? result : (result?.items ?? []);
  return items.map((item) => item.label);
}

describe('yaml-language-server with the installed schema, offline', () => {
  test('the docs and `cmlint schema --path` point at the installed schema, not a web address', () => {
    expect(runCli(['schema', '--path']).stdout.trim()).toBe(join(ROOT, 'schemas', 'export.schema.json'));
  });

  test('reports the misspelt key at its line', async () => {
    const list = await diagnosticsFor(uri, (l) => l.some((d) => /\bSiteTyp\b.*not allowed/.test(d.message)));
    const typo = list.find((d) => /\bSiteTyp\b.*not allowed/.test(d.message));
    expect(typo, JSON.stringify(list)).toBeDefined();
    expect(typo!.range.start).toEqual({ line: 5, character: 6 });
    expect(typo!.data).toMatchObject({
      schemaUri: [expect.stringMatching(/\/node_modules\/cmlint\/schemas\/export\.schema\.json$/)],
    });
    // The required key the typo left out is named too.
    expect(list.some((d) => d.message === 'Missing property "SiteType".')).toBe(true);
    // Nothing about a schema that could not be loaded.
    expect(list.filter((d) => /schema/i.test(d.message) && /load|resolve|request/i.test(d.message))).toEqual([]);
  }, 40_000);

  test("completes a site's keys and the export's top-level keys from the schema", async () => {
    const inSite = labels(
      await connection.sendRequest('textDocument/completion', {
        textDocument: { uri },
        position: { line: 6, character: 6 },
      }),
    );
    expect(inSite).toEqual(expect.arrayContaining(['SiteType', 'Version', 'SiteName']));
    const top = labels(
      await connection.sendRequest('textDocument/completion', {
        textDocument: { uri },
        position: { line: 7, character: 0 },
      }),
    );
    expect(top).toEqual(expect.arrayContaining(['cloudManagementGateways', 'clientPopulations']));
  }, 40_000);
});
