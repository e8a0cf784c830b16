// `postmortem actions` output: the action items of many reports as a table, JSON, CSV, the
// `gh issue create` commands that put them into GitHub, or a CSV for Jira's importer.
// Pure: takes the rows, returns the text.
import { stringify } from 'csv-stringify/sync';
import stringWidth from 'string-width';
import { actionRow, ownersOf, type ReportAction } from './actions';

export const ACTION_FORMATS = ['table', 'json', 'csv', 'github', 'jira-csv'] as const;
export type ActionFormat = (typeof ACTION_FORMATS)[number];

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** "5 action items in 2 reports: 3 open, 1 overdue". */
export function actionsSummary(rows: ReportAction[]): string {
  if (!rows.length) return 'no action items';
  const reports = new Set(rows.map((r) => r.file)).size;
  return `${plural(rows.length, 'action item')} in ${plural(reports, 'report')}: ${rows.filter((r) => r.open).length} open, ${rows.filter((r) => r.overdue).length} overdue`;
}

/** Cuts text to `width` terminal columns (East Asian wide characters count two), ending in "…". */
function fit(s: string, width: number): string {
  if (stringWidth(s) <= width) return s;
  let out = '';
  for (const ch of s) {
    if (stringWidth(out + ch) > width - 1) break;
    out += ch;
  }
  return out + '…';
}

const padTo = (s: string, width: number) => s + ' '.repeat(Math.max(0, width - stringWidth(s)));

/** A plain-text table, one row per item, columns aligned for terminals (wide characters included). */
export function actionsTable(rows: ReportAction[]): string {
  const head = ['REPORT', 'ID', 'ACTION', 'OWNER', 'DEADLINE', 'PRIORITY', 'STATUS', 'TICKET'];
  const body = rows.map((r) => [`${r.file}:${r.line}`, r.id, fit(r.action, 60), fit(r.owner, 20), r.overdue ? `${r.deadline} (overdue)` : r.deadline, r.priority, fit(r.status || (r.open ? 'open' : 'done'), 16), fit(r.ticket, 40)]);
  const widths = head.map((h, i) => Math.max(stringWidth(h), ...body.map((b) => stringWidth(b[i]))));
  const line = (cells: string[]) => cells.map((c, i) => (i === cells.length - 1 ? c : padTo(c, widths[i]))).join('  ').trimEnd();
  return [...(rows.length ? [line(head), ...body.map(line)] : []), actionsSummary(rows)].join('\n') + '\n';
}

export function actionsJson(rows: ReportAction[]): string {
  return JSON.stringify(rows.map(actionRow), null, 2) + '\n';
}

/** RFC 4180: CRLF between records, fields with a comma, quote or line break quoted, quotes doubled. */
function csv(records: (string | number | boolean)[][]): string {
  return stringify(records, { record_delimiter: 'windows', quoted_match: /[\r\n]/, cast: { boolean: (b) => (b ? 'true' : 'false') } });
}

export function actionsCsv(rows: ReportAction[]): string {
  const keys = ['file', 'line', 'id', 'action', 'owner', 'deadline', 'priority', 'status', 'ticket', 'overdue'] as const;
  return csv([[...keys], ...rows.map((r) => { const o = actionRow(r); return keys.map((k) => o[k]); })]);
}

/** GitHub handles in an Owner value (`@alice`, `@bob`); teams (`@org/team`) cannot be assignees. */
export function ownerHandles(owner: string): string[] {
  return owner
    .split(/[\s,;&、]+|\/(?=@)/)
    .filter((w) => /^@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?$/.test(w))
    .map((w) => w.slice(1));
}

/** The issue text for one item: what it is, where it came from, and its fields. */
export function issueText(r: ReportAction): { title: string; body: string } {
  const title = fit(r.action || r.id || `Action item on line ${r.line}`, 200);
  const from = r.title ? ` of the post-mortem "${r.title}"` : '';
  const lines = [`Action item${r.id ? ` ${r.id}` : ''}${from}.`, '', r.action, '', `Report: ${r.file}:${r.line}`];
  if (r.owner) lines.push(`Owner: ${r.owner}`);
  if (r.deadline) lines.push(`Deadline: ${r.deadline}`);
  if (r.priority) lines.push(`Priority: ${r.priority}`);
  return { title, body: lines.join('\n') };
}

/**
 * One argument for a POSIX shell: single-quoted, a quote inside written as '\''. Nothing inside
 * single quotes is special to the shell ($, `, \, !, newlines), so any text survives as is.
 * NUL, which no argument can hold, is dropped.
 */
export function shellQuote(s: string): string {
  return `'${s.replace(/\0/g, '').replace(/'/g, `'\\''`)}'`;
}

/** The items that still need a ticket: open ones that name none (a done or tracked item would make a duplicate). */
export function exportable(rows: ReportAction[]): { rows: ReportAction[]; done: number; tracked: number } {
  const out = rows.filter((r) => r.open && !r.ticket);
  const done = rows.filter((r) => !r.open).length;
  return { rows: out, done, tracked: rows.length - out.length - done };
}

/** A shell script of `gh issue create` commands, each followed by the `postmortem actions link` that records its issue. */
export function actionsGithub(rows: ReportAction[]): string {
  const out = ['#!/bin/sh', '# Issues for the action items that have no ticket yet (postmortem actions --format github).', '# Each `gh issue create` prints the new issue\'s URL; write it into the report with the line below it.'];
  for (const r of rows) {
    const { title, body } = issueText(r);
    const args = ['gh issue create', `--title=${shellQuote(title)}`, `--body=${shellQuote(body)}`];
    for (const h of ownerHandles(r.owner)) args.push(`--assignee=${shellQuote(h)}`);
    if (r.priority) args.push(`--label=${shellQuote(r.priority)}`);
    out.push('', args.join(' '));
    out.push(`#   postmortem actions link ${shellQuote(r.file)} ${shellQuote(r.id || String(r.line))} <issue URL>`);
  }
  return out.join('\n') + '\n';
}

/** Jira's default priority names for the usual scales (P0-P4, Critical-Low, 高中低); other values as written. */
export function jiraPriority(p: string): string {
  const v = p.trim();
  const map: Record<string, string> = { p0: 'Highest', p1: 'High', p2: 'Medium', p3: 'Low', p4: 'Lowest', critical: 'Highest', blocker: 'Highest', urgent: 'Highest', highest: 'Highest', high: 'High', medium: 'Medium', low: 'Low', lowest: 'Lowest', 最高: 'Highest', 高: 'High', 中: 'Medium', 低: 'Low' };
  return map[v.toLowerCase()] ?? v;
}

/** A CSV for Jira's importer: Summary, Description, Assignee, Due date (yyyy-MM-dd), Priority. */
export function actionsJiraCsv(rows: ReportAction[]): string {
  return csv([
    ['Summary', 'Description', 'Assignee', 'Due date', 'Priority'],
    ...rows.map((r) => {
      const { title, body } = issueText(r);
      return [title, body, ownerHandles(r.owner)[0] ?? (ownersOf(r.owner).length === 1 && !/\s/.test(r.owner.trim()) ? r.owner.trim() : ''), r.due ?? '', jiraPriority(r.priority)];
    }),
  ]);
}

export function formatActions(rows: ReportAction[], format: ActionFormat): string {
  switch (format) {
    case 'json':
      return actionsJson(rows);
    case 'csv':
      return actionsCsv(rows);
    case 'github':
      return actionsGithub(rows);
    case 'jira-csv':
      return actionsJiraCsv(rows);
    default:
      return actionsTable(rows);
  }
}
