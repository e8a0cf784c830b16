// The VS Code client: starts the post-mortem language server for Markdown documents and adds the
// commands that only make sense in VS Code (imports with pickers and progress, credentials; fix
// all, the configuration file, turning checking off and on) and the status bar item.
import * as path from 'node:path';
import * as vscode from 'vscode';
import { IMPORT_COMMAND_IDS } from './import/command-ids';
import { lazyCommands } from './lazy';
import { linkTicketMiddleware, registerActionItemCommands } from './action-items';
import { registerLinterCommands } from './commands';
import { FindingsStatus, type StatusView } from './status';
import { ExecuteCommandRequest, LanguageClient, ResponseError, TransportKind, WorkDoneProgress, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';

let client: LanguageClient | undefined;

export function getClient(): LanguageClient | undefined {
  return client;
}

export interface ExtensionApi {
  getClient: () => LanguageClient | undefined;
  /** What the status bar item shows. */
  status: () => StatusView;
}

export async function activate(context: vscode.ExtensionContext): Promise<ExtensionApi> {
  const status = new FindingsStatus();
  context.subscriptions.push(status);
  const serverModule = context.asAbsolutePath(path.join('dist', 'server.js'));
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc },
    debug: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6019'] } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { scheme: 'file', language: 'markdown' },
      { scheme: 'untitled', language: 'markdown' },
      { scheme: 'vscode-remote', language: 'markdown' },
    ],
    synchronize: {
      configurationSection: 'postmortem',
      fileEvents: vscode.workspace.createFileSystemWatcher('**/.postmortemrc{,.json,.yaml,.yml}'),
    },
    // Not localized: the setting `postmortem.trace.server` names this channel in every language.
    outputChannelName: 'Post-Mortem',
    middleware: {
      ...linkTicketMiddleware,
      handleDiagnostics(uri, diagnostics, next) {
        status.published(uri);
        next(uri, diagnostics);
      },
    },
  };
  client = new LanguageClient('postmortem', vscode.l10n.t('Post-Mortem Language Server'), serverOptions, clientOptions);

  context.subscriptions.push(
    vscode.commands.registerCommand('postmortem.restartServer', async () => {
      if (client) await client.restart();
    }),
    vscode.commands.registerCommand('postmortem.newReport', async (lang?: 'en' | 'ja') => {
      const doc = await vscode.workspace.openTextDocument({ language: 'markdown', content: '' });
      const editor = await vscode.window.showTextDocument(doc);
      // Snippet names from snippets/postmortem.code-snippets (identifiers, not shown text).
      const name = lang === 'ja' || (!lang && vscode.env.language.startsWith('ja')) ? 'Post-mortem report (Japanese)' : 'Post-mortem report';
      await vscode.commands.executeCommand('editor.action.insertSnippet', { langId: 'markdown', name });
      return editor.document.uri.toString();
    }),
  );

  // The import commands are loaded on their first run (client/src/lazy.ts).
  const lc = { ExecuteCommandRequest, ResponseError, WorkDoneProgress };
  for (const id of IMPORT_COMMAND_IDS) context.subscriptions.push(vscode.commands.registerCommand(id, () => lazyCommands(context).runImportCommand(id, context, getClient, lc)));
  registerActionItemCommands(context, getClient);
  registerLinterCommands(context);
  await client.start();
  context.subscriptions.push({ dispose: () => void client?.stop() });
  return { getClient, status: () => status.current() };
}

export async function deactivate(): Promise<void> {
  if (client) await client.stop();
  client = undefined;
}
