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
import { Checker } from './lsp/documents';
import { PACKAGE } from './node/rule-docs';
import { pathOfUri } from './lsp/convert';
import { guarded, guardedNotification, errorDetail, type Log } from './lsp/guard';
import { SettingsCache } from './lsp/settings';
import { registerFeatures, capabilities as featureCapabilities } from './lsp/features';

const connection = createConnection(ProposedFeatures.all);
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
