// Commands a linter extension is expected to have: fix everything that can be fixed, open (or
// create) the team's configuration file, turn checking off and on. The work is the server's
// (fix-all is its `source.fixAll.postmortem` code action) or VS Code's (settings, editors).
import { existsSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { findConfigFiles } from '../../server/src/node/config-files';
import { starterConfigText } from './starter-config';

/** The kind of the server's fix-all code action (LSP's `source.fixAll` and our diagnostics' source). */
export const FIX_ALL_KIND = vscode.CodeActionKind.SourceFixAll.append('postmortem');

/** Applies the server's fix-all to the active report; resolves to true when the report changed. */
async function fixAll(): Promise<boolean> {
  const editor = vscode.window.activeTextEditor;
  if (!editor || editor.document.languageId !== 'markdown') {
    void vscode.window.showInformationMessage(vscode.l10n.t('Open a post-mortem report (a Markdown file) first.'));
    return false;
  }
  const doc = editor.document;
  const whole = new vscode.Range(0, 0, doc.lineCount, 0);
  const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', doc.uri, whole, FIX_ALL_KIND.value);
  const action = (actions ?? []).find((a) => a.kind && FIX_ALL_KIND.contains(a.kind) && a.edit);
  if (!action?.edit) {
    void vscode.window.showInformationMessage(vscode.l10n.t('Nothing in this report can be fixed automatically.'));
    return false;
  }
  return vscode.workspace.applyEdit(action.edit);
}

/**
 * Opens the configuration file that applies to the active report (the nearest one up to its
 * workspace folder), or creates `.postmortemrc.json` at the folder's root from the schema's
 * defaults. Resolves to the file's path.
 */
async function openConfig(context: vscode.ExtensionContext): Promise<string | undefined> {
  const active = vscode.window.activeTextEditor?.document.uri;
  const folder = (active && vscode.workspace.getWorkspaceFolder(active)) ?? vscode.workspace.workspaceFolders?.[0];
  if (!folder || folder.uri.scheme !== 'file') {
    void vscode.window.showInformationMessage(vscode.l10n.t('Open a folder first: the configuration file goes next to your reports.'));
    return undefined;
  }
  const root = folder.uri.fsPath;
  const from = active?.scheme === 'file' && vscode.workspace.getWorkspaceFolder(active) === folder ? active.fsPath : root;
  let file = findConfigFiles(from, root).at(-1);
  if (!file) {
    file = path.join(root, '.postmortemrc.json');
    if (!existsSync(file)) {
      const schema = JSON.parse((await vscode.workspace.fs.readFile(vscode.Uri.file(context.asAbsolutePath(path.join('schemas', 'postmortemrc.schema.json'))))).toString());
      writeFileSync(file, starterConfigText(schema), { flag: 'wx' });
      void vscode.window.showInformationMessage(vscode.l10n.t('Created {0} with the default settings. Commit it so the team and CI use the same rules.', path.basename(file)));
    }
  }
  await vscode.window.showTextDocument(vscode.Uri.file(file), { preview: false });
  return file;
}

/** Turns `postmortem.enable` over, for the workspace when one is open, else for the user. */
async function toggleLinting(): Promise<boolean> {
  const scope = vscode.window.activeTextEditor?.document.uri;
  const cfg = vscode.workspace.getConfiguration('postmortem', scope);
  const next = !cfg.get<boolean>('enable', true);
  const target = vscode.workspace.workspaceFolders?.length ? vscode.ConfigurationTarget.Workspace : vscode.ConfigurationTarget.Global;
  await cfg.update('enable', next, target);
  void vscode.window.setStatusBarMessage(next ? vscode.l10n.t('Post-mortem linting is on.') : vscode.l10n.t('Post-mortem linting is off.'), 3000);
  return next;
}

export function registerLinterCommands(context: vscode.ExtensionContext): void {
  context.subscriptions.push(
    vscode.commands.registerCommand('postmortem.fixAll', fixAll),
    vscode.commands.registerCommand('postmortem.openConfig', () => openConfig(context)),
    vscode.commands.registerCommand('postmortem.toggleLinting', toggleLinting),
  );
}
