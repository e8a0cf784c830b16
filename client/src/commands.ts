// Commands a linter extension is expected to have: fix everything that can be fixed, open (or
// create) the team's configuration file, turn checking off and on. The work is the server's
// (fix-all is its `source.fixAll.postmortem` code action) or VS Code's (settings, editors).
import * as vscode from 'vscode';
import { lazyCommands } from './lazy';

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
    vscode.commands.registerCommand('postmortem.openConfig', () => lazyCommands(context).openConfig(context)),
    vscode.commands.registerCommand('postmortem.toggleLinting', toggleLinting),
  );
}
