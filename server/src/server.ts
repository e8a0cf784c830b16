// The post-mortem language server: wires the LSP connection to the engine.
// Works with any LSP client over stdio (`--stdio`), IPC (`--node-ipc`) or sockets.
import {
  createConnection,
  DidChangeConfigurationNotification,
  ProposedFeatures,
  TextDocuments,
  TextDocumentSyncKind,
  type InitializeResult,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { inspect } from 'node:util';
import { messageWriter } from './lsp/writer';
import { Checker } from './lsp/documents';
import { PACKAGE } from './node/rule-docs';
import { pathOfUri } from './lsp/convert';
import { guarded, guardedNotification, errorDetail, type Log } from './lsp/guard';
import { SettingsCache } from './lsp/settings';
import { registerFeatures, capabilities as featureCapabilities } from './lsp/features';

// Over stdio (Neovim, Helix, other editors; VS Code starts the server with --node-ipc) messages go
// out through the server's own writer, which makes each diagnostic's JSON once instead of on every
// keystroke (lsp/writer.ts). stdin is still handed over as a stream, so the connection ends the
// server when it closes, as it does by itself; and console output, which would break the messages
// on stdout, goes to the client's log, as the library's own stdio set-up does.
const stdio = process.argv.includes('--stdio');
const connection = stdio
  ? createConnection(ProposedFeatures.all, process.stdin, messageWriter(process.stdout) as unknown as NodeJS.WritableStream)
  : createConnection(ProposedFeatures.all);
if (stdio) {
  const text = (args: unknown[]) => args.map((a) => (typeof a === 'string' ? a : inspect(a))).join(' ');
  console.log = (...args: unknown[]) => connection.console.log(text(args));
  console.info = (...args: unknown[]) => connection.console.info(text(args));
  console.debug = (...args: unknown[]) => connection.console.log(text(args));
  console.dir = (arg: unknown) => connection.console.log(inspect(arg));
  console.warn = (...args: unknown[]) => connection.console.warn(text(args));
  console.error = (...args: unknown[]) => connection.console.error(text(args));
}
const documents = new TextDocuments(TextDocument);
let hasConfigurationCapability = false;
let hasDidChangeConfigurationDynamic = false;
const settings = new SettingsCache(connection, () => hasConfigurationCapability);
const checker = new Checker(connection, documents, settings);
const log: Log = (m) => connection.console.error(m);
const localPaths = (uris: string[]) => uris.map(pathOfUri).filter((p): p is string => p !== undefined);

// The last net under the guarded handlers below: a rejected promise nobody awaited is logged, and
// the server goes on (Node would otherwise end the process).
process.on('unhandledRejection', (e) => {
  try {
    log(`Unexpected error: ${errorDetail(e)}`);
  } catch {
    // The connection is gone.
  }
});

connection.onInitialize((params): InitializeResult => {
  const caps = params.capabilities;
  hasConfigurationCapability = !!caps.workspace?.configuration;
  hasDidChangeConfigurationDynamic = !!caps.workspace?.didChangeConfiguration?.dynamicRegistration;
  const folders = params.workspaceFolders?.map((f) => f.uri) ?? (params.rootUri ? [params.rootUri] : []);
  checker.workspaceFolders = localPaths(folders);
  checker.clientLocale = (params.locale ?? '').toLowerCase().startsWith('ja') ? 'ja' : 'en';
  return {
    capabilities: {
      textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: { includeText: false } },
      workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
      ...featureCapabilities(params),
    },
    serverInfo: { name: 'postmortem-language-server', version: PACKAGE.version },
  };
});

connection.onInitialized(
  guardedNotification(log, 'initialized', () => {
    if (hasDidChangeConfigurationDynamic) void guarded(log, 'registering for configuration changes', () => connection.client.register(DidChangeConfigurationNotification.type, { section: 'postmortem' }))();
    connection.workspace.onDidChangeWorkspaceFolders?.(
      guardedNotification(log, 'workspace/didChangeWorkspaceFolders', (e) => {
        const removed = new Set(localPaths(e.removed.map((f) => f.uri)));
        checker.workspaceFolders = [...checker.workspaceFolders.filter((f) => !removed.has(f)), ...localPaths(e.added.map((f) => f.uri))];
        checker.scheduleAll();
      }),
    );
  }),
);

// Settings changed: forget cached settings and re-check every open document.
connection.onDidChangeConfiguration(
  guardedNotification(log, 'workspace/didChangeConfiguration', () => {
    settings.clear();
    checker.scheduleAll();
  }),
);

// A config file changed (clients watch `**/.postmortemrc*`): re-check everything.
connection.onDidChangeWatchedFiles(guardedNotification(log, 'workspace/didChangeWatchedFiles', () => checker.scheduleAll()));

documents.onDidOpen(guardedNotification(log, 'textDocument/didOpen', (e) => checker.schedule(e.document, 0)));
// `postmortem.run`: edits are checked as you type (`onType`, the default) or on save (`onSave`).
documents.onDidChangeContent(guardedNotification(log, 'textDocument/didChange', (e) => checker.schedule(e.document, undefined, true)));
documents.onDidSave(guardedNotification(log, 'textDocument/didSave', (e) => void checker.saved(e.document)));
documents.onDidClose(guardedNotification(log, 'textDocument/didClose', (e) => checker.forget(e.document.uri)));

registerFeatures(connection, documents, checker, log);

documents.listen(connection);
connection.listen();
