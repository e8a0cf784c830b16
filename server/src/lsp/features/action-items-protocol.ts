// The `postmortem/actionItems` request and the `postmortem.linkTicket` command: names, parameters
// and answers, shared by the server, which answers them, and the VS Code client (types only).
import type { ActionRow } from '../../engine/actions';

/** Every action item of the workspace's post-mortems (open documents as edited, the rest from disk). */
export const ACTION_ITEMS_REQUEST = 'postmortem/actionItems';

/**
 * `workspace/executeCommand` arguments `[uri, line, ticket]`: writes the ticket into the action
 * item on that 0-based line of the open document (one workspace/applyEdit). Without the ticket the
 * server answers an InvalidParams error; the VS Code client asks for it first.
 */
export const LINK_TICKET_COMMAND = 'postmortem.linkTicket';

export interface ActionItemsParams {
  /** Only items not done. */
  open?: boolean;
  /** Only open items whose deadline is before today. */
  overdue?: boolean;
  /** Only items this person or team owns. */
  owner?: string;
}

export interface ActionItemEntry extends ActionRow {
  /** The report's document URI. */
  uri: string;
  /** The row or list item, 0-based (LSP). */
  range: { start: { line: number; character: number }; end: { line: number; character: number } };
  open: boolean;
  /** The report's title. */
  title: string;
}

export interface ActionItemsResult {
  items: ActionItemEntry[];
}
