// Action items as records a team tracks across reports: one answer to "is it open, is it overdue,
// is it tracked" for the rules (overdue-action, untracked-action), `postmortem actions` and the
// editor's open-items list.
import { lineRange, type ActionItem, type PostMortem } from './model';
import { addColumn, fillCell } from './rules/util';
import type { TextEdit } from './types';
import { dueDate } from './due';
import type { ResolvedConfig } from './config';

export { dueDate };

export interface ActionRecord {
  /** 1-based line of the row or list item. */
  line: number;
  id: string;
  action: string;
  owner: string;
  /** The deadline as written. */
  deadline: string;
  /** The deadline as YYYY-MM-DD when it is a date. */
  due?: string;
  priority: string;
  /** The status as written; `done` / `open` when only a checkbox or a "completed" heading says. */
  status: string;
  ticket: string;
  open: boolean;
  overdue: boolean;
}


const clean = (s: string | undefined) => (s ?? '').replace(/<br\s*\/?>/gi, ' ').replace(/[*_`~]/g, '').replace(/\s+/g, ' ').trim();

// A ticket: a URL, a GitHub-style #123, or a tracker key such as ABC-123 / OPS-7.
const TICKET_RE = /\bhttps?:\/\/[^\s)>\]|]+|(?<![\w&/])#\d+\b|\b[A-Z][A-Z0-9]{1,9}-\d+\b|(?<![\w.-])[\w.-]+\/[\w.-]+#\d+\b/;

/** The ticket an item names: its Ticket cell, else a ticket-shaped id, else a link or key in its text. */
export function ticketOf(it: ActionItem): string {
  // The state some teams write beside the ticket ("n/a **TODO**") is not a ticket.
  const cell = clean(clean(it.ticket?.text).replace(/\b(?:DONE|TODO|FIXED|WIP|n\/a|none|tbd)\b|^[-—]+$/gi, ''));
  if (cell) return cell;
  const id = clean(it.id?.text);
  // Template ids (AI-1, AI-001, A-1) name the row, not a tracker.
  if (id && TICKET_RE.test(id) && !/^(?:AI|A|AC|ACT|ACTION|FU|TODO)-\d+$/i.test(id)) return id;
  for (const text of [it.action?.text, it.text, it.owner?.text, it.status?.text]) {
    const m = text ? TICKET_RE.exec(text.replace(/`[^`]*`/g, '')) : null;
    if (m) return m[0];
  }
  return '';
}

/** Today as YYYY-MM-DD: the config's `today` (for reproducible CI and tests), else the clock. */
export function todayOf(config: Pick<ResolvedConfig, 'today'>): string {
  return config.today ?? new Date().toISOString().slice(0, 10);
}

/** An action item's deadline as written, and as YYYY-MM-DD when it is a date. */
function deadlineOf(doc: PostMortem, it: ActionItem): { deadline: string; due?: string } {
  const deadline = clean(it.deadline?.text ?? it.listDeadline);
  return { deadline, due: deadline ? dueDate(deadline, doc.deadlinesFrom) : undefined };
}

/** Whether an item is overdue: open, with a deadline that is a date before today (YYYY-MM-DD). */
const isOverdue = (open: boolean, due: string | undefined, today: string) => open && !!due && due < today;

/** An overdue action item: its id and deadline as records give them (see actionRecords). */
export interface OverdueItem {
  item: ActionItem;
  id: string;
  deadline: string;
  due: string;
}

/**
 * The overdue items of a report, in its order: the records' `overdue` without the rest of each
 * record (overdue-action needs only these, and a folder's check builds them for every report).
 */
export function overdueItems(doc: PostMortem, today: string): OverdueItem[] {
  const out: OverdueItem[] = [];
  for (const it of doc.openActionItems()) {
    const { deadline, due } = deadlineOf(doc, it);
    if (isOverdue(true, due, today)) out.push({ item: it, id: clean(it.id?.text), deadline, due: due! });
  }
  return out;
}

export function actionRecords(doc: PostMortem, today: string): ActionRecord[] {
  const open = new Set(doc.openActionItems());
  return doc.actionItems.items.map((it) => {
    const { deadline, due } = deadlineOf(doc, it);
    const done = !open.has(it);
    const status = clean(it.status?.text) || (it.task ? it.task : done ? 'done' : '');
    return {
      line: it.line + 1,
      id: clean(it.id?.text),
      action: clean(it.kind === 'list' ? it.text : it.action?.text).replace(/^\[[ xX]\]\s*/, ''),
      owner: clean(it.owner?.text ?? it.listOwner),
      deadline,
      due,
      priority: clean(it.priority?.text ?? it.listPriority),
      status,
      ticket: ticketOf(it),
      open: !done,
      overdue: isOverdue(!done, due, today),
    };
  });
}

/** One action item of one report, as `postmortem actions --format json` prints it. */
export interface ActionRow {
  /** The report, relative to the folder the command ran in (forward slashes). */
  file: string;
  line: number;
  id: string;
  action: string;
  owner: string;
  deadline: string;
  priority: string;
  status: string;
  ticket: string;
  overdue: boolean;
}

/** An action record with the report it comes from and the report's title. */
export interface ReportAction extends ActionRecord {
  file: string;
  title: string;
}

/** Every action item of one report. */
export function reportActions(file: string, doc: PostMortem, today: string): ReportAction[] {
  const title = clean(doc.title?.text).replace(/^(?:post-?mortem|incident(?: report)?|ポストモーテム|障害報告書?)\s*[:：-]\s*/i, '');
  return actionRecords(doc, today).map((r) => ({ ...r, file, title }));
}

export function actionRow(r: ReportAction): ActionRow {
  return { file: r.file, line: r.line, id: r.id, action: r.action, owner: r.owner, deadline: r.deadline, priority: r.priority, status: r.status, ticket: r.ticket, overdue: r.overdue };
}

export interface ActionFilter {
  /** Only items not done. */
  open?: boolean;
  /** Only open items past their deadline. */
  overdue?: boolean;
  /** Only items this person or team owns (`alice` and `@alice` are the same; case does not matter). */
  owner?: string;
}

const ownerKey = (s: string) => s.trim().replace(/^@/, '').toLowerCase();

/** The people an Owner value names: `@alice, @bob`, `Alice / Bob`, `alice と bob`. */
export function ownersOf(owner: string): string[] {
  return owner.split(/(?<!\s)\s*(?:[,;/&、・＆]|\band\b|(?<=\s)と(?=\s))\s*/).map(ownerKey).filter(Boolean);
}

export function ownerMatches(owner: string, wanted: string): boolean {
  const w = ownerKey(wanted);
  return !!w && (ownerKey(owner) === w || ownersOf(owner).includes(w));
}

export function filterActions<T extends ActionRecord>(rows: T[], f: ActionFilter): T[] {
  return rows.filter((r) => (!f.open || r.open) && (!f.overdue || r.overdue) && (!f.owner || ownerMatches(r.owner, f.owner)));
}

/**
 * The action item a reference names: its ID (case does not matter), or its 1-based line number
 * when it has none. Several items with one ID are an error, so the wrong row is never written.
 */
export function findActionItem(doc: PostMortem, ref: string): { item: ActionItem } | { error: string } {
  const want = ref.trim().toLowerCase();
  const byId = doc.actionItems.items.filter((it) => clean(it.id?.text).toLowerCase() === want);
  if (byId.length === 1) return { item: byId[0] };
  if (byId.length > 1) return { error: `${ref} names ${byId.length} action items (lines ${byId.map((it) => it.line + 1).join(', ')}); give the line number instead` };
  if (/^\d+$/.test(want)) {
    const line = +want - 1;
    const byLine = doc.actionItems.items.find((it) => it.line === line);
    if (byLine) return { item: byLine };
  }
  const ids = doc.actionItems.items.map((it) => clean(it.id?.text)).filter(Boolean);
  return { error: `no action item ${ref} in the report${ids.length ? ` (its IDs: ${ids.join(', ')})` : doc.actionItems.items.length ? ' (its items have no IDs: give the line number)' : ' (it has no action items)'}` };
}

/** A ticket as it can sit in a table cell: one line, pipes escaped. */
export function ticketCellText(ticket: string): string {
  return ticket.replace(/[\r\n]+/g, ' ').trim().replace(/(?<!\\)\|/g, '\\|');
}

/**
 * The edits that write `ticket` into an item's Ticket cell: over the cell's text when it has one,
 * else into the empty cell; a table without a Ticket column gets one (header "Ticket", or
 * "チケット" in a Japanese report). A list item gets the ticket in parentheses at its end.
 * One answer for `postmortem actions link` and the editors' code action.
 */
export function linkTicketEdits(doc: PostMortem, item: ActionItem, ticket: string): TextEdit[] {
  const value = ticketCellText(ticket);
  if (!value) throw new Error('the ticket is empty');
  if (item.kind === 'list') {
    const line = doc.lines[item.line];
    const end = line.trimEnd().length;
    return [{ range: lineRange(item.line, end, end), newText: ` (${value})` }];
  }
  if (item.ticket) return [fillCell(doc, item.ticket, value)];
  const table = doc.actionItems.tables[item.table!];
  const startLine = doc.block(table.block).startLine;
  const header = doc.language === 'ja' ? 'チケット' : 'Ticket';
  return addColumn(doc, table.block, header, (k) => (startLine + 2 + k === item.line ? value : ''));
}
