// "Post-Mortem: Open action items": a quick pick over the server's `postmortem/actionItems`
// (open and overdue items of every report in the workspace), each opening its row. And the
// prompt for a ticket when the "Link a ticket…" code action runs `postmortem.linkTicket`.
import * as vscode from 'vscode';
import type { LanguageClient, Middleware } from 'vscode-languageclient/node';
import { ACTION_ITEMS_REQUEST, LINK_TICKET_COMMAND, type ActionItemEntry, type ActionItemsParams, type ActionItemsResult } from '../../server/src/lsp/features/action-items-protocol';

export const OPEN_ACTION_ITEMS = 'postmortem.openActionItems';

interface Pick extends vscode.QuickPickItem {
  entry: ActionItemEntry;
}

function pickOf(e: ActionItemEntry): Pick {
  const due = e.deadline ? (e.overdue ? vscode.l10n.t('overdue since {0}', e.deadline) : vscode.l10n.t('due {0}', e.deadline)) : vscode.l10n.t('no deadline');
  return {
    label: `${e.overdue ? '$(warning) ' : '$(circle-large-outline) '}${e.id ? `${e.id}: ` : ''}${e.action}`,
    description: [e.owner, due, e.priority].filter(Boolean).join(' · '),
    detail: `${e.file}:${e.line}${e.title ? ` — ${e.title}` : ''}`,
    entry: e,
  };
}

/** Opens the report at the item's row, the row selected. */
export async function revealItem(e: ActionItemEntry): Promise<vscode.TextEditor> {
  const doc = await vscode.workspace.openTextDocument(vscode.Uri.parse(e.uri));
  const range = new vscode.Range(e.range.start.line, e.range.start.character, e.range.end.line, e.range.end.character);
  return vscode.window.showTextDocument(doc, { selection: range, preview: false });
}

export function registerActionItemCommands(context: vscode.ExtensionContext, getClient: () => LanguageClient | undefined): void {
  context.subscriptions.push(
    vscode.commands.registerCommand(OPEN_ACTION_ITEMS, async (params?: ActionItemsParams): Promise<ActionItemEntry | undefined> => {
      const client = getClient();
      if (!client) return undefined;
      const { items } = await client.sendRequest<ActionItemsResult>(ACTION_ITEMS_REQUEST, params ?? { open: true });
      if (!items.length) {
        void vscode.window.showInformationMessage(vscode.l10n.t('No open action items in the workspace\'s post-mortems.'));
        return undefined;
      }
      const overdue = items.filter((e) => e.overdue).length;
      const picked = await vscode.window.showQuickPick(items.map(pickOf), {
        title: vscode.l10n.t('Open action items: {0} ({1} overdue)', items.length, overdue),
        placeHolder: vscode.l10n.t('Type to filter by action, owner, date or report'),
        matchOnDescription: true,
        matchOnDetail: true,
      });
      if (!picked) return undefined;
      await revealItem(picked.entry);
      return picked.entry;
    }),
  );
}

/** Asks for the ticket when `postmortem.linkTicket` comes without one (the code action's command). */
export const linkTicketMiddleware: Middleware = {
  async executeCommand(command, args, next) {
    if (command !== LINK_TICKET_COMMAND || args.length >= 3) return next(command, args);
    const ticket = await vscode.window.showInputBox({
      title: vscode.l10n.t('Link a ticket'),
      prompt: vscode.l10n.t('The ticket\'s URL or key, e.g. https://github.com/acme/shop/issues/42, #42 or OPS-7'),
      validateInput: (v) => (v.trim() ? undefined : vscode.l10n.t('Type the ticket\'s URL or key')),
    });
    if (!ticket) return undefined;
    return next(command, [...args.slice(0, 2), ticket.trim()]);
  },
};
