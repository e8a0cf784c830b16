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
import { fileURLToPath } from 'node:url';
import { Checker } from './lsp/documents';
import { PACKAGE } from './node/rule-docs';
import { SettingsCache } from './lsp/settings';
import { registerFeatures, capabilities as featureCapabilities } from './lsp/features';

const connection = createConnection(ProposedFeatures.all);
const documents = new TextDocuments(TextDocument);
let hasConfigurationCapability = false;
let hasDidChangeConfigurationDynamic = false;
const settings = new SettingsCache(connection, () => hasConfigurationCapability);
const checker = new Checker(connection, documents, settings);

connection.onInitialize((params): InitializeResult => {
  const caps = params.capabilities;
  hasConfigurationCapability = !!caps.workspace?.configuration;
  hasDidChangeConfigurationDynamic = !!caps.workspace?.didChangeConfiguration?.dynamicRegistration;
  const folders = params.workspaceFolders?.map((f) => f.uri) ?? (params.rootUri ? [params.rootUri] : []);
  checker.workspaceFolders = folders.filter((u) => u.startsWith('file:')).map((u) => fileURLToPath(u));
  checker.clientLocale = (params.locale ?? '').toLowerCase().startsWith('ja') ? 'ja' : 'en';
  return {
    capabilities: {
      textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: false },
      workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
      ...featureCapabilities(params),
    },
    serverInfo: { name: 'postmortem-language-server', version: PACKAGE.version },
  };
});

connection.onInitialized(() => {
  if (hasDidChangeConfigurationDynamic) void connection.client.register(DidChangeConfigurationNotification.type, { section: 'postmortem' });
  connection.workspace.onDidChangeWorkspaceFolders?.((e) => {
    const removed = new Set(e.removed.map((f) => fileURLToPath(f.uri)));
    checker.workspaceFolders = [...checker.workspaceFolders.filter((f) => !removed.has(f)), ...e.added.filter((f) => f.uri.startsWith('file:')).map((f) => fileURLToPath(f.uri))];
    checker.scheduleAll();
  });
});

// Settings changed: forget cached settings and re-check every open document.
connection.onDidChangeConfiguration(() => {
  settings.clear();
  checker.scheduleAll();
});

// A config file changed (clients watch `**/.postmortemrc*`): re-check everything.
connection.onDidChangeWatchedFiles(() => checker.scheduleAll());

documents.onDidOpen((e) => checker.schedule(e.document, 0));
documents.onDidChangeContent((e) => checker.schedule(e.document));
documents.onDidClose((e) => checker.forget(e.document.uri));

registerFeatures(connection, documents, checker);

documents.listen(connection);
connection.listen();
