/**
 * `cmlint lsp`: a Language Server Protocol server over stdio. Open exports are linted on open and on change with the
 * same engine, config and custom rules as `cmlint lint` (project-linter.ts), from the editor's text rather than the
 * file on disk; findings become diagnostics. Hover, quick fixes, definition, references and completion are served
 * from the last lint and, for references, from the document parsed when first asked.
 */
import { fileURLToPath } from 'node:url';
import {
  createConnection,
  DiagnosticSeverity,
  DidChangeWatchedFilesNotification,
  ProposedFeatures,
  TextDocuments,
  TextDocumentSyncKind,
  type Connection,
  type Diagnostic,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { isIgnored } from '../config/load-config.js';
import { CONFIG_NAME_PATTERN } from '../config/find-config.js';
import type { Finding } from '../findings.js';
import type { Rule } from '../rules/rule.js';
import { parseSource } from '../parse/parse.js';
import { decodeSource } from '../source/read-source.js';
import { codeActionsFor } from './code-actions.js';
import { toDiagnostic } from './diagnostics.js';
import { hoverAt } from './hover.js';
import { isExportText } from './is-export.js';
import { ExportNavigation } from './navigation.js';
import { ProjectLinters } from './project-linter.js';
import { LintScheduler } from './schedule.js';

interface LintedDocument {
  version: number;
  format: 'yaml' | 'json';
  findings: Finding[];
  rules: Map<string, Rule>;
}

export function startServer(connection: Connection = createConnection(ProposedFeatures.all)): void {
  const documents = new TextDocuments(TextDocument);
  const linters = new ProjectLinters();
  const linted = new Map<string, LintedDocument>();

  const pathOf = (uri: string): string | undefined => (uri.startsWith('file:') ? fileURLToPath(uri) : undefined);

  const lint = (uri: string): void => {
    const document = documents.get(uri);
    if (!document) return;
    const path = pathOf(uri) ?? uri;
    const diagnostics: Diagnostic[] = [];
    linted.delete(uri);
    if (
      isExportText(document.getText(), document.languageId || path) &&
      !CONFIG_NAME_PATTERN.test(path.split(/[\\/]/).pop() ?? '')
    ) {
      try {
        const { linter, config } = linters.forFile(path);
        if (!isIgnored(config, path)) {
          const result = linter.lintSource(
            decodeSource(path, Buffer.from(document.getText(), 'utf8'), config.maxFileSize),
          );
          const rules = new Map(linter.rules.map((r) => [r.id, r]));
          const findings = result.findings.filter((f) => !f.suppression);
          linted.set(uri, { version: document.version, format: result.document.format, findings, rules });
          for (const f of findings) diagnostics.push(toDiagnostic(f, uri, rules));
        }
      } catch (error) {
        // A broken config file or rule folder, or a file over the size limit: one line, where the findings would be.
        const message = error instanceof Error ? error.message.split('\n')[0]! : String(error);
        diagnostics.push({
          range: { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } },
          severity: DiagnosticSeverity.Error,
          source: 'cmlint',
          message: `cmlint could not lint this file: ${message}`,
        });
      }
    }
    void connection.sendDiagnostics({ uri, version: document.version, diagnostics });
  };

  const scheduler = new LintScheduler(lint);

  /** The last lint of a document, if it is still of the text the editor has. */
  const current = (uri: string): LintedDocument | undefined => {
    const state = linted.get(uri);
    const document = documents.get(uri);
    return state && document && state.version === document.version ? state : undefined;
  };

  // References are read from the document parsed when first asked for, once per version: a completion asked while
  // typing does not wait for the lint.
  const navigations = new Map<string, { version: number; navigation?: ExportNavigation }>();
  const navigation = (uri: string): ExportNavigation | undefined => {
    const document = documents.get(uri);
    if (!document || !isExportText(document.getText(), document.languageId)) return undefined;
    let cached = navigations.get(uri);
    if (!cached || cached.version !== document.version) {
      const parsed = parseSource({ path: pathOf(uri) ?? uri, text: document.getText(), bytes: Buffer.alloc(0) });
      cached = {
        version: document.version,
        navigation: parsed.data === undefined ? undefined : new ExportNavigation(parsed, uri),
      };
      navigations.set(uri, cached);
    }
    return cached.navigation;
  };

  connection.onInitialize(() => ({
    capabilities: {
      textDocumentSync: TextDocumentSyncKind.Incremental,
      hoverProvider: true,
      codeActionProvider: { codeActionKinds: ['quickfix'] },
      definitionProvider: true,
      referencesProvider: true,
      completionProvider: { triggerCharacters: [' ', ':', '"', "'"] },
    },
    serverInfo: { name: 'cmlint' },
  }));

  connection.onInitialized(() => {
    // Ask to be told of config and rule file changes where the client can watch files; the modification time is
    // checked on every lint anyway, for clients that cannot.
    void connection.client
      .register(DidChangeWatchedFilesNotification.type, {
        watchers: [{ globPattern: '**/cmlint.config.{yaml,yml,json}' }],
      })
      .catch(() => undefined);
  });

  connection.onDidChangeWatchedFiles((change) => {
    const names = change.changes.map((c) => (pathOf(c.uri) ?? c.uri).split(/[\\/]/).pop() ?? '');
    if (!names.some((name) => CONFIG_NAME_PATTERN.test(name))) return;
    linters.clear();
    for (const document of documents.all()) scheduler.changed(document.uri);
  });

  documents.onDidOpen((event) => lint(event.document.uri));
  documents.onDidChangeContent((event) => {
    linted.delete(event.document.uri);
    scheduler.changed(event.document.uri);
  });
  documents.onDidClose((event) => {
    scheduler.forget(event.document.uri);
    linted.delete(event.document.uri);
    navigations.delete(event.document.uri);
    void connection.sendDiagnostics({ uri: event.document.uri, diagnostics: [] });
  });

  connection.onHover((params) => {
    const state = current(params.textDocument.uri);
    return state ? hoverAt(state.findings, params.position, state.rules) : null;
  });
  connection.onCodeAction((params) => {
    const state = current(params.textDocument.uri);
    const document = documents.get(params.textDocument.uri);
    return state && document ? codeActionsFor(document, state.format, params.context.diagnostics, state.findings) : [];
  });
  connection.onDefinition((params) => navigation(params.textDocument.uri)?.definition(params.position) ?? null);
  connection.onReferences(
    (params) =>
      navigation(params.textDocument.uri)?.referencesTo(params.position, params.context.includeDeclaration) ?? [],
  );
  connection.onCompletion((params) => navigation(params.textDocument.uri)?.completion(params.position) ?? []);

  documents.listen(connection);
  connection.listen();
}
