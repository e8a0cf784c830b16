// Action items as records a team tracks across reports: one answer to "is it open, is it overdue,
// is it tracked" for the rules (overdue-action, untracked-action), `postmortem actions` and the
// editor's open-items list.
import { isDone, type ActionItem, type PostMortem } from './model';
import { parseDate } from './time';
import type { ResolvedConfig } from './config';

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
const TICKET_RE = /\bhttps?:\/\/[^\s)>\]|]+|(?<![\w&/])#\d+\b|\b[A-Z][A-Z0-9]{1,9}-\d+\b|\b[\w.-]+\/[\w.-]+#\d+\b/;

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

export function actionRecords(doc: PostMortem, today: string): ActionRecord[] {
  const year = doc.incidentDate ? +doc.incidentDate.slice(0, 4) : undefined;
  return doc.actionItems.items.map((it) => {
    const deadline = clean(it.deadline?.text);
    const due = deadline ? parseDate(deadline, year) : undefined;
    const done = isDone(it);
    const status = clean(it.status?.text) || (it.task ? it.task : done ? 'done' : '');
    return {
      line: it.line + 1,
      id: clean(it.id?.text),
      action: clean(it.kind === 'list' ? it.text : it.action?.text).replace(/^\[[ xX]\]\s*/, ''),
      owner: clean(it.owner?.text ?? it.listOwner),
      deadline,
      due,
      priority: clean(it.priority?.text),
      status,
      ticket: ticketOf(it),
      open: !done,
      overdue: !done && !!due && due < today,
    };
  });
}
