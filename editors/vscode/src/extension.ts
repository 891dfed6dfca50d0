/**
 * The cmlint extension: starts `cmlint lsp` (the language server of the cmlint package the workspace installed, or
 * the one on the PATH) for YAML and JSON files, and leaves the rest to it: the server lints exports only.
 */
import { existsSync } from 'node:fs';
import { workspace, type ExtensionContext } from 'vscode';
import {
  LanguageClient,
  TransportKind,
  type LanguageClientOptions,
  type ServerOptions,
} from 'vscode-languageclient/node';
import { serverCommand } from './server-path';

let client: LanguageClient | undefined;

export async function activate(context: ExtensionContext): Promise<void> {
  const configured = workspace.getConfiguration('cmlint').get<string>('path') ?? '';
  const folders = (workspace.workspaceFolders ?? []).map((f) => f.uri.fsPath);
  const server = serverCommand(configured, folders, existsSync);
  // A cmlint.js is run with VS Code's own Node.js (module); the command on the PATH is run as it is.
  const serverOptions: ServerOptions =
    server.kind === 'module'
      ? { module: server.path, args: ['lsp'], transport: TransportKind.stdio }
      : { command: server.path, args: ['lsp', '--stdio'], options: { shell: process.platform === 'win32' } };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { scheme: 'file', language: 'yaml' },
      { scheme: 'file', language: 'json' },
    ],
    // The server rereads its config file when it changes.
    synchronize: { fileEvents: workspace.createFileSystemWatcher('**/cmlint.config.{yaml,yml,json}') },
  };
  client = new LanguageClient('cmlint', 'cmlint', serverOptions, clientOptions);
  context.subscriptions.push({ dispose: () => void client?.stop() });
  await client.start();
}

export function deactivate(): Promise<void> | undefined {
  return client?.stop();
}
