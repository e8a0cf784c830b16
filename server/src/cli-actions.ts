// `postmortem actions`: every action item of every report (the same file discovery as `lint`),
// filtered and printed in one of the engine's formats; `postmortem actions link` writes a ticket
// into a report's row. The engine reads and edits; this only reads files, writes them and prints.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { Option, type Command } from 'commander';
import { filterActions, findActionItem, linkTicketEdits, reportActions, todayOf, type ReportAction } from './engine/actions';
import { ACTION_FORMATS, exportable, formatActions, type ActionFormat } from './engine/actions-export';
import { applyEdits } from './engine/edits';
import { buildModel } from './engine/model';
import { writeFileAtomic } from './node/atomic-write';
import { discoverReports, modelOf, UsageError, type FileProblem } from './node/discover';
import { describeFsError } from './node/fs-errors';

interface Io {
  stdout: { write(s: string): unknown };
  stderr: { write(s: string): unknown };
  cwd: string;
}

export interface ActionsOptions {
  cwd: string;
  config?: string;
  today?: string;
  open?: boolean;
  overdue?: boolean;
  owner?: string;
}

/** The action items of the reports the paths name, filtered; problems are the paths that could not be read. */
export function collectActions(paths: string[], o: ActionsOptions): { rows: ReportAction[]; problems: FileProblem[] } {
  const problems: FileProblem[] = [];
  const rows = Array.from(discoverReports(paths, { cwd: o.cwd, config: o.config, today: o.today }, problems), (r) => reportActions(r.rel, modelOf(r), todayOf(r.config))).flat();
  return { rows: filterActions(rows, { open: o.open, overdue: o.overdue, owner: o.owner }), problems };
}

/** Writes `ticket` into the row of action item `ref` (ID or line) of `report`; returns what it did. */
export function linkTicket(report: string, ref: string, ticket: string, cwd: string): string {
  const file = resolve(cwd, report);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new UsageError(`cannot read ${report}: ${describeFsError(e, file)}`);
  }
  if (!ticket.trim()) throw new UsageError('the ticket is empty: give a URL, #123 or ABC-123');
  const doc = buildModel(text);
  const found = findActionItem(doc, ref);
  if ('error' in found) throw new UsageError(`${report}: ${found.error}`);
  const edits = linkTicketEdits(doc, found.item, ticket);
  const next = applyEdits(text, edits).text;
  const where = `${report}:${found.item.line + 1}`;
  if (next === text) return `${where}: the ticket was already ${ticket.trim()}`;
  writeFileAtomic(file, next);
  const before = found.item.ticket?.text.trim();
  return `${where}: ticket ${ticket.trim()} written${before ? ` (it was ${before})` : found.item.kind === 'table' && !found.item.ticket ? ' (added a Ticket column)' : ''}`;
}

export function registerActionCommands(program: Command, io: Io, setCode: (code: number) => void): void {
  const actions = program
    .command('actions')
    .description('list the action items of post-mortem reports (files as named; folders and globs searched like lint)')
    .argument('[paths...]', 'files, folders or globs (default: the current folder)')
    .option('--open', 'only items that are not done')
    .option('--overdue', 'only open items whose deadline is before today')
    .option('--owner <name>', 'only items this person or team owns (@alice and alice are the same)')
    .addOption(new Option('-f, --format <format>', 'output format: table, json, csv, github (gh issue create commands), jira-csv (for Jira\'s CSV importer)').choices([...ACTION_FORMATS]).default('table'))
    .option('-c, --config <file>', 'use this config file instead of searching for .postmortemrc.*')
    .option('--today <date>', 'the day deadlines are compared with, YYYY-MM-DD (default: the `today` config key, else the clock)')
    .action((paths: string[], o: { format: ActionFormat; config?: string; today?: string; open?: boolean; overdue?: boolean; owner?: string }) => {
      const { rows, problems } = collectActions(paths, { cwd: io.cwd, ...o });
      let shown = rows;
      if (o.format === 'github' || o.format === 'jira-csv') {
        // A done item needs no issue, and one that names a ticket has one: exporting them would make duplicates.
        const e = exportable(rows);
        shown = e.rows;
        const left = [e.done && `${e.done} done`, e.tracked && `${e.tracked} that already name a ticket`].filter(Boolean);
        if (left.length) io.stderr.write(`postmortem: left out ${left.join(' and ')} (of ${rows.length} action items)\n`);
      }
      io.stdout.write(formatActions(shown, o.format));
      for (const p of problems) io.stderr.write(`postmortem: ${p.message}\n`);
      setCode(problems.length ? 2 : 0);
    });

  actions
    .command('link')
    .description('write a ticket (URL, #123, ABC-123) into the Ticket column of an action item, adding the column when the table has none')
    .argument('<report>', 'the post-mortem file')
    .argument('<id>', 'the action item\'s ID (e.g. AI-3), or its line number when it has none')
    .argument('<ticket>', 'the ticket\'s URL or key')
    .action((report: string, id: string, ticket: string) => {
      io.stdout.write(linkTicket(report, id, ticket, io.cwd) + '\n');
      setCode(0);
    });
}
