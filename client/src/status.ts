// The status bar item: the active report's findings by severity; a click opens the Problems view.
// Shown for Markdown files the language server checked (it published diagnostics for them, even
// an empty list for a clean report), and for Markdown files when checking is turned off.
import * as vscode from 'vscode';

export interface StatusView {
  text: string;
  tooltip: string;
  command: string;
  visible: boolean;
}

export class FindingsStatus implements vscode.Disposable {
  private item = vscode.window.createStatusBarItem('postmortem.status', vscode.StatusBarAlignment.Right, 100);
  private checked = new Set<string>();
  private disposables: vscode.Disposable[] = [];
  private view: StatusView = { text: '', tooltip: '', command: '', visible: false };

  constructor() {
    this.item.name = vscode.l10n.t('Post-Mortem findings');
    this.disposables.push(
      this.item,
      vscode.languages.onDidChangeDiagnostics((e) => {
        const active = vscode.window.activeTextEditor?.document.uri.toString();
        if (active && e.uris.some((u) => u.toString() === active)) this.update();
      }),
      vscode.window.onDidChangeActiveTextEditor(() => this.update()),
      vscode.workspace.onDidCloseTextDocument((d) => this.checked.delete(d.uri.toString())),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('postmortem.enable')) this.update();
      }),
    );
    this.update();
  }

  /** The server published diagnostics for this document: it is a report it checks. */
  published(uri: vscode.Uri): void {
    this.checked.add(uri.toString());
  }

  /** What the item shows now (for the end-to-end tests: status bar items cannot be read back). */
  current(): StatusView {
    return { ...this.view };
  }

  update(): void {
    const doc = vscode.window.activeTextEditor?.document;
    if (!doc || doc.languageId !== 'markdown') return this.show(undefined);
    if (!vscode.workspace.getConfiguration('postmortem', doc.uri).get<boolean>('enable', true)) {
      return this.show({
        text: `$(circle-slash) ${vscode.l10n.t('Post-Mortem')}`,
        tooltip: vscode.l10n.t('Post-mortem linting is off. Click to turn it on.'),
        command: 'postmortem.toggleLinting',
        visible: true,
      });
    }
    if (!this.checked.has(doc.uri.toString())) return this.show(undefined);
    const ours = vscode.languages.getDiagnostics(doc.uri).filter((d) => d.source === 'postmortem');
    const count = (s: vscode.DiagnosticSeverity) => ours.filter((d) => d.severity === s).length;
    const [errors, warnings, infos] = [count(vscode.DiagnosticSeverity.Error), count(vscode.DiagnosticSeverity.Warning), count(vscode.DiagnosticSeverity.Information)];
    const parts = [errors && `$(error) ${errors}`, warnings && `$(warning) ${warnings}`, infos && `$(info) ${infos}`].filter(Boolean);
    this.show({
      text: `${vscode.l10n.t('Post-Mortem')}: ${parts.length ? parts.join(' ') : '$(check)'}`,
      tooltip: vscode.l10n.t('{0} errors, {1} warnings, {2} infos in this report. Click to open the Problems view.', errors, warnings, infos),
      command: 'workbench.actions.view.problems',
      visible: true,
    });
  }

  private show(v: StatusView | undefined): void {
    if (!v) {
      this.view = { text: '', tooltip: '', command: '', visible: false };
      this.item.hide();
      return;
    }
    this.view = v;
    this.item.text = v.text;
    this.item.tooltip = v.tooltip;
    this.item.command = v.command;
    this.item.show();
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}
