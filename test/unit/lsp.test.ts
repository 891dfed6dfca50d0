/**
 * `cmlint lsp` spoken to by a real LSP client over stdio: diagnostics on open and after an edit, hover, each quick fix
 * (applied, its finding is gone), definition, references, completion, the config file reloaded, non-exports left alone.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { CodeAction, CompletionItem, Diagnostic, Hover, Location } from 'vscode-languageserver-protocol';
import { ROOT } from '../support/cli.js';
import { applyEdits, LspClient } from '../support/lsp-client.js';
import { BROKEN_JSON, CLEAN_EXPORT, tempDir, writeTree } from '../support/workspace.js';

const example = readFileSync(join(ROOT, 'examples', 'contoso.yaml'), 'utf8');
const lines = example.split('\n');
/** The first line (0-based) matching, from a line on. */
const lineOf = (pattern: RegExp, from = 0) => lines.findIndex((l, i) => i >= from && pattern.test(l));
const siteName = lineOf(/^ {6}SiteName:/);
const secondSiteCode = lineOf(/^ {4}SiteCode: NYC$/);
// A misspelt key and a site code that names no site, in an otherwise unchanged example.
const broken = lines
  .map((l, i) =>
    i === siteName ? l.replace('SiteName:', 'SiteNme:') : i === secondSiteCode ? l.replace('NYC', 'NYX') : l,
  )
  .join('\n');

const dir = tempDir('lsp');
const file = join(dir, 'contoso.yaml');
writeFileSync(file, broken);
const uri = pathToFileURL(file).href;
const ours = (diagnostics: Diagnostic[], code: string) => diagnostics.filter((d) => d.code === code);

let client: LspClient;
beforeAll(async () => {
  client = new LspClient(dir);
  await client.initialize(dir);
});
afterAll(async () => {
  await client?.close();
});

describe('cmlint lsp', () => {
  test('publishes the findings of an opened export, placed, graded, with the rule and its page', async () => {
    client.open(uri, broken);
    const diagnostics = await client.diagnostics(uri, 1);
    const [typo] = ours(diagnostics, 'CML002');
    expect(typo).toBeDefined();
    expect(typo!.range.start).toEqual({ line: siteName, character: 6 });
    expect(typo!.range.end).toEqual({ line: siteName, character: 6 + 'SiteNme'.length });
    expect(typo!.severity).toBe(1);
    expect(typo!.source).toBe('cmlint');
    expect(typo!.codeDescription?.href).toMatch(/docs\/rules\/CML002\.md$/);
    const [dangling] = ours(diagnostics, 'CML012');
    expect(dangling!.range.start.line).toBe(secondSiteCode);
    expect(dangling!.message).toContain('did you mean "NYC"');
  });

  test('hover on a finding shows the rule documentation cmlint explain prints', async () => {
    const hover = (await client.connection.sendRequest('textDocument/hover', {
      textDocument: { uri },
      position: { line: siteName, character: 8 },
    })) as Hover;
    const value = (hover.contents as { value: string }).value;
    expect(value).toBe(readFileSync(join(ROOT, 'docs', 'rules', 'CML002.md'), 'utf8'));
    const nothing = await client.connection.sendRequest('textDocument/hover', {
      textDocument: { uri },
      position: { line: 0, character: 0 },
    });
    expect(nothing).toBeNull();
  });

  /** Asks for the quick fixes of one diagnostic, applies the one titled like `title`, and lints the result. */
  async function applyFix(
    text: string,
    version: number,
    code: string,
    title: RegExp,
    after: (fixed: string) => string = (t) => t,
  ) {
    const diagnostics = await client.diagnostics(uri, version);
    const diagnostic = ours(diagnostics, code)[0]!;
    const actions = (await client.connection.sendRequest('textDocument/codeAction', {
      textDocument: { uri },
      range: diagnostic.range,
      context: { diagnostics: [diagnostic] },
    })) as CodeAction[];
    const action = actions.find((a) => title.test(a.title));
    expect(action, actions.map((a) => a.title).join('; ')).toBeDefined();
    const fixed = after(applyEdits(text, action!.edit!.changes![uri]!));
    client.change(uri, fixed, version + 1);
    return { fixed, diagnostics: await client.diagnostics(uri, version + 1) };
  }

  test('the did-you-mean fix of a misspelt key removes its finding', async () => {
    const { fixed, diagnostics } = await applyFix(broken, 1, 'CML002', /Change to "SiteName"/);
    expect(fixed.split('\n')[siteName]).toMatch(/^ {6}SiteName: Contoso New York/);
    expect(ours(diagnostics, 'CML002')).toEqual([]);
    expect(ours(diagnostics, 'CML012')).toHaveLength(1); // the other finding stays
  });

  test('the did-you-mean fix of a name that names nothing removes its finding', async () => {
    const { fixed, diagnostics } = await applyFix(broken, 2, 'CML012', /Change to "NYC"/);
    expect(fixed.split('\n')[secondSiteCode]).toBe('    SiteCode: NYC');
    expect(ours(diagnostics, 'CML012')).toEqual([]);
  });

  test('suppress with a reason inserts the comment above the line; with a reason typed the finding is gone', async () => {
    client.change(uri, broken, 4);
    const { fixed, diagnostics } = await applyFix(broken, 4, 'CML002', /Suppress CML002/, (t) =>
      t.replace(/(# cmlint-disable-next-line CML002 -- )\n/, '$1kept while the site is renamed\n'),
    );
    expect(fixed.split('\n')[siteName]).toBe(
      '      # cmlint-disable-next-line CML002 -- kept while the site is renamed',
    );
    expect(ours(diagnostics, 'CML002')).toEqual([]);
    expect(ours(diagnostics, 'CML010')).toEqual([]);
  });

  test('go to definition from a site code to the site; references of the site', async () => {
    client.change(uri, example, 7);
    await client.diagnostics(uri, 7);
    const at = { line: secondSiteCode, character: 15 };
    const definition = (await client.connection.sendRequest('textDocument/definition', {
      textDocument: { uri },
      position: at,
    })) as Location;
    expect(definition.range.start).toEqual({ line: lineOf(/^ {4}- SiteCode: NYC/), character: 16 });
    const references = (await client.connection.sendRequest('textDocument/references', {
      textDocument: { uri },
      position: at,
      context: { includeDeclaration: false },
    })) as Location[];
    expect(references.length).toBeGreaterThan(3);
    expect(references.map((r) => r.range.start.line)).toContain(secondSiteCode);
    for (const r of references) expect(lines[r.range.start.line]).toContain('NYC');
  });

  test('completion of a site code offers the sites of the export', async () => {
    const text = lines.map((l, i) => (i === secondSiteCode ? '    SiteCode: ' : l)).join('\n');
    client.change(uri, text, 8);
    const items = (await client.connection.sendRequest('textDocument/completion', {
      textDocument: { uri },
      position: { line: secondSiteCode, character: 14 },
    })) as CompletionItem[];
    expect(items.map((i) => i.label)).toEqual(['NYC']);
  });

  test('the config file is reloaded when it changes', async () => {
    client.change(uri, broken, 9);
    expect(ours(await client.diagnostics(uri, 9), 'CML012')).toHaveLength(1);
    const mark = client.mark();
    writeFileSync(join(dir, 'cmlint.config.yaml'), 'rules:\n  CML012: off\n');
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', {
      changes: [{ uri: pathToFileURL(join(dir, 'cmlint.config.yaml')).href, type: 1 }],
    });
    expect(ours(await client.diagnosticsAfter(mark, uri), 'CML012')).toEqual([]);
  });

  test('a YAML file that is not an export gets no diagnostics', async () => {
    const other = pathToFileURL(join(dir, 'pipeline.yaml')).href;
    client.open(other, 'steps:\n  - run: npm test\nschemaVersoin: 1\n');
    expect(await client.diagnostics(other, 1)).toEqual([]);
  });
});

describe('cmlint lsp on other exports', () => {
  test('a JSON export: diagnostics, and the did-you-mean fix keeps the value a JSON string', async () => {
    const jsonDir = tempDir('lsp-json');
    const text = BROKEN_JSON.replace('"SiteCode": "P01"\n    }', '"SiteCode": "P0l"\n    }');
    expect(text).not.toBe(BROKEN_JSON);
    const jsonUri = pathToFileURL(join(jsonDir, 'design.json')).href;
    client.open(jsonUri, text, 'json');
    const [dangling] = ours(await client.diagnostics(jsonUri, 1), 'CML012');
    expect(dangling!.message).toContain('did you mean "P01"');
    const actions = (await client.connection.sendRequest('textDocument/codeAction', {
      textDocument: { uri: jsonUri },
      range: dangling!.range,
      context: { diagnostics: [dangling] },
    })) as CodeAction[];
    // JSON takes no comments: only the correction is offered.
    expect(actions.map((a) => a.title)).toEqual(['Change to "P01"']);
    const fixed = applyEdits(text, actions[0]!.edit!.changes![jsonUri]!);
    expect(JSON.parse(fixed)).toEqual(JSON.parse(BROKEN_JSON));
  });

  test('related locations become related information', async () => {
    const fixture = join(ROOT, 'fixtures', 'rules', 'CMG007', 'fires-scale-set-2103-with-cloud-service.yaml');
    const fixtureUri = pathToFileURL(join(tempDir('lsp-related'), 'design.yaml')).href;
    client.open(fixtureUri, readFileSync(fixture, 'utf8'));
    const [finding] = ours(await client.diagnostics(fixtureUri, 1), 'CMG007');
    expect(finding!.relatedInformation).toEqual([
      {
        location: { uri: fixtureUri, range: expect.objectContaining({ start: { line: 12, character: 4 } }) },
        message: expect.stringContaining('cloudManagementGateways'),
      },
    ]);
  });

  test('custom rule folders are loaded as lint loads them, and read again when a rule file changes', async () => {
    const rule = (message: string) =>
      [
        'id: ACME001',
        'title: Site codes are not P01 in this company',
        'severity: warning',
        'sources:',
        '  - title: Our naming standard',
        '    url: https://example.com/naming',
        'description: Site codes follow the company standard.',
        'rationale: P01 is reserved for the lab.',
        'fix: Rename the site.',
        'check:',
        '  cases:',
        '    - forEach: sites',
        "      assert: it.SiteCode != 'P01'",
        '      at: SiteCode',
        `      message: ${message}`,
      ].join('\n');
    const ruleDir = writeTree(tempDir('lsp-rules'), {
      'cmlint.config.yaml': 'customRuleFolders: [rules]\n',
      'rules/ACME001.yaml': rule('Site code P01 is reserved.'),
    });
    const ruleUri = pathToFileURL(join(ruleDir, 'site.yaml')).href;
    client.open(ruleUri, CLEAN_EXPORT);
    const [custom] = ours(await client.diagnostics(ruleUri, 1), 'ACME001');
    expect(custom).toMatchObject({
      message: 'Site code P01 is reserved.',
      range: { start: { line: 3, character: 16 } },
      codeDescription: { href: 'https://example.com/naming' },
    });
    writeFileSync(join(ruleDir, 'rules', 'ACME001.yaml'), rule('P01 belongs to the lab.'));
    client.change(ruleUri, CLEAN_EXPORT + '\n', 2);
    expect(ours(await client.diagnostics(ruleUri, 2), 'ACME001')[0]!.message).toBe('P01 belongs to the lab.');
  });

  test('a broken config file is said in one line where the findings would be', async () => {
    const badDir = tempDir('lsp-badconfig');
    writeFileSync(join(badDir, 'cmlint.config.yaml'), 'rules:\n  NOPE001: off\n');
    const badUri = pathToFileURL(join(badDir, 'design.yaml')).href;
    client.open(badUri, CLEAN_EXPORT);
    const diagnostics = await client.diagnostics(badUri, 1);
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0]!.message).toMatch(/^cmlint could not lint this file: .*NOPE001/);
  });
});
