// `postmortem/actionItems`: the open and overdue action items of every post-mortem in the
// workspace, for any LSP editor (VS Code shows them in a quick pick). Open documents are read as
// edited; the other reports are found on disk the way `postmortem actions` finds them, so the
// editor and the CLI list the same items. `postmortem.linkTicket` writes a ticket into a row with
// the engine's one edit (the same as `postmortem actions link`).
import { relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { ErrorCodes, ResponseError, type Connection, type ExecuteCommandParams, type TextDocuments } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { filterActions, linkTicketEdits, reportActions, todayOf, type ReportAction } from '../../engine/actions';
import { buildModel, type PostMortem } from '../../engine/model';
import { discoverReports, modelOf, type FileProblem } from '../../node/discover';
import type { Checker } from '../documents';
import { guarded, type Log } from '../guard';
import { workspaceEdit } from './code-actions';
import { ACTION_ITEMS_REQUEST, LINK_TICKET_COMMAND, type ActionItemEntry, type ActionItemsParams, type ActionItemsResult } from './action-items-protocol';

export { ACTION_ITEMS_REQUEST, LINK_TICKET_COMMAND };

function pathOf(uri: string): string | undefined {
  if (!uri.startsWith('file:')) return undefined;
  try {
    return fileURLToPath(uri);
  } catch {
    return undefined;
  }
}

function entries(uri: string, name: string, doc: PostMortem, today: string): ActionItemEntry[] {
  const records: ReportAction[] = reportActions(name, doc, today);
  return records.map((r, i) => ({
    file: r.file, line: r.line, id: r.id, action: r.action, owner: r.owner, deadline: r.deadline, priority: r.priority, status: r.status, ticket: r.ticket, overdue: r.overdue,
    uri,
    range: doc.actionItems.items[i].range,
    open: r.open,
    title: r.title,
  }));
}

export async function workspaceActionItems(params: ActionItemsParams, documents: TextDocuments<TextDocument>, checker: Checker): Promise<ActionItemsResult> {
  const items: ActionItemEntry[] = [];
  const seen = new Set<string>();
  const nameOf = (path: string | undefined, uri: string) => {
    if (!path) return uri;
    const root = checker.workspaceFolders.filter((f) => path.startsWith(f.endsWith('/') ? f : f + '/')).sort((a, b) => b.length - a.length)[0];
    return (root ? relative(root, path) : path).replace(/\\/g, '/');
  };
  // Open documents as they are in the editor, unsaved edits included.
  for (const doc of documents.all()) {
    const checked = await checker.current(doc);
    if (!checked) continue;
    const path = pathOf(doc.uri);
    seen.add(path ?? doc.uri);
    items.push(...entries(doc.uri, nameOf(path, doc.uri), checked.result.doc, todayOf(checked.config)));
  }
  for (const folder of checker.workspaceFolders) {
    const problems: FileProblem[] = [];
    // A folder's items count only when the whole folder could be read.
    const folderItems: typeof items = [];
    const folderSeen = new Set<string>();
    try {
      for (const r of discoverReports(['.'], { cwd: folder }, problems)) {
        if (seen.has(r.file) || folderSeen.has(r.file)) continue;
        folderSeen.add(r.file);
        folderItems.push(...entries(pathToFileURL(r.file).toString(), r.rel, modelOf(r), todayOf(r.config)));
      }
    } catch {
      continue; // a config file that cannot be read: its diagnostics say so in the open reports
    }
    for (const f of folderSeen) seen.add(f);
    items.push(...folderItems);
  }
  const shown = filterActions(items, params ?? {});
  // Overdue first, then by deadline (undated last), then by report and line.
  shown.sort((a, b) => Number(b.overdue) - Number(a.overdue) || (a.deadline ? 0 : 1) - (b.deadline ? 0 : 1) || a.deadline.localeCompare(b.deadline) || a.file.localeCompare(b.file) || a.line - b.line);
  return { items: shown };
}

/** `postmortem.linkTicket [uri, line, ticket]`. */
export async function linkTicketCommand(connection: Connection, documents: TextDocuments<TextDocument>, params: ExecuteCommandParams): Promise<{ applied: boolean }> {
  const [uri, line, ticket] = params.arguments ?? [];
  if (typeof uri !== 'string' || typeof line !== 'number') throw new ResponseError(ErrorCodes.InvalidParams, `${LINK_TICKET_COMMAND} takes [uri, line, ticket].`);
  if (typeof ticket !== 'string' || !ticket.trim()) throw new ResponseError(ErrorCodes.InvalidParams, `${LINK_TICKET_COMMAND}: give the ticket (a URL, #123 or ABC-123) as the third argument.`);
  const doc = documents.get(uri);
  if (!doc) throw new ResponseError(ErrorCodes.InvalidParams, `Open the report first: ${uri} is not open in the editor.`);
  const model = buildModel(doc.getText());
  const item = model.actionItems.items.find((it) => it.line === line);
  if (!item) throw new ResponseError(ErrorCodes.InvalidParams, `There is no action item on line ${line + 1}.`);
  const r = await connection.workspace.applyEdit({ label: `Link ${ticket.trim()}`, edit: workspaceEdit(doc, linkTicketEdits(model, item, ticket)) });
  return { applied: r.applied };
}

export function registerActionItems(connection: Connection, documents: TextDocuments<TextDocument>, checker: Checker, log: Log): void {
  connection.onRequest(ACTION_ITEMS_REQUEST, guarded(log, ACTION_ITEMS_REQUEST, (params: ActionItemsParams) => workspaceActionItems(params, documents, checker)));
}
