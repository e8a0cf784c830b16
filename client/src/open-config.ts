// "Open the configuration file": the team's configuration file for the active report, created
// from the schema's defaults when there is none. Loaded on first use (dist/client-commands.js).
import { existsSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { findConfigFiles } from '../../server/src/node/config-files';
import { starterConfigText } from './starter-config';

/**
 * Opens the configuration file that applies to the active report (the nearest one up to its
 * workspace folder), or creates `.postmortemrc.json` at the folder's root from the schema's
 * defaults. Resolves to the file's path.
 */
export async function openConfig(context: vscode.ExtensionContext): Promise<string | undefined> {
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

