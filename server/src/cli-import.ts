// `postmortem import <source>`: the same imports as the editors (one orchestration in
// node/run-import.ts over the engine's plan and source table). Without --into the rows are
// printed as Markdown table rows; with it they are merged into the report's timeline exactly as
// the editors do it (one edit, time order, duplicates skipped).
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { Option, type Command } from 'commander';
import { applyEdits } from './engine/edits';
import { ImportError } from './engine/import/rows';
import { LOG_FORMATS } from './engine/import/sources/logs';
import type { ImportArgs } from './engine/import/sources';
import { writeFileAtomic, WriteFileError } from './node/atomic-write';
import { collectRows, planReportImport, rowsAsMarkdown } from './node/run-import';

interface Io {
  stdout: { write(s: string): unknown };
  stderr: { write(s: string): unknown };
  cwd: string;
}

const defaultIo: Io = { stdout: process.stdout, stderr: process.stderr, cwd: process.cwd() };

function readReport(path: string, io: Io): string {
  try {
    return readFileSync(resolve(io.cwd, path), 'utf8');
  } catch (e) {
    throw new ImportError(`Cannot read the report ${path}: ${(e as Error).message}`, 'usage');
  }
}

/**
 * Runs one import: prints the rows, or merges them into the report named by `into`. Notes go to
 * stderr. Returns the exit code (1 when there was nothing to insert).
 */
async function runCli(args: ImportArgs, o: { into?: string; timeout?: string }, io: Io): Promise<number> {
  const timeoutMs = o.timeout !== undefined ? Number(o.timeout) * 1000 : undefined;
  if (timeoutMs !== undefined && !(timeoutMs > 0)) throw new ImportError(`--timeout "${o.timeout}" is not a number of seconds.`, 'usage');
  const host = { cwd: io.cwd, timeoutMs };
  if (!o.into) {
    if (args.chart) throw new ImportError('--chart needs --into: the chart is written beside the report.', 'usage');
    const c = await collectRows(args, undefined, host);
    for (const n of c.notes) io.stderr.write(`${n}\n`);
    io.stdout.write(rowsAsMarkdown(c.rows));
    return c.rows.length ? 0 : 1;
  }
  const path = resolve(io.cwd, o.into);
  const text = readReport(o.into, io);
  let p;
  try {
    p = await planReportImport(args, { text, path }, host);
  } catch (e) {
    // Nothing to insert is not a failure to explain twice: the notes say why.
    if (e instanceof ImportError && e.kind === 'empty') {
      io.stderr.write(`${e.message}\n`);
      return 1;
    }
    throw e;
  }
  for (const n of p.notes) io.stderr.write(`${n}\n`);
  if (p.chartFile) io.stderr.write(`Chart written to ${p.chartFile}\n`);
  if (p.merge.edit) {
    try {
      writeFileAtomic(path, applyEdits(text, [p.merge.edit]).text);
    } catch (e) {
      if (e instanceof WriteFileError) throw new ImportError(e.message, 'usage');
      throw e;
    }
  }
  io.stderr.write(`${p.summary}\n`);
  return 0;
}

export function registerImportCommands(program: Command, io: Io = defaultIo, setCode: (code: number) => void = (c) => (process.exitCode = c)): void {
  const imp = program.command('import').description('import observability data into a post-mortem timeline (prints Markdown rows, or merges them with --into)');

  // Errors are the user's to read: plain words on stderr, exit 1 (2 for usage).
  const guard =
    <A extends unknown[]>(fn: (...a: A) => Promise<number>) =>
    async (...a: A) => {
      try {
        setCode(await fn(...a));
      } catch (e) {
        if (!(e instanceof ImportError)) throw e;
        io.stderr.write(`postmortem: ${e.message}\n`);
        setCode(e.kind === 'usage' ? 2 : 1);
      }
    };

  imp
    .command('prometheus')
    .description('rows for when each series crossed the threshold (or left its baseline), peaked and recovered')
    .option('--url <url>', 'Prometheus base URL (credentials from PROMETHEUS_BEARER_TOKEN or PROMETHEUS_BASIC_AUTH=user:password)')
    .option('--query <promql>', 'PromQL expression')
    .option('--file <file>', 'a saved /api/v1/query_range JSON response instead of --url')
    .option('--start <time>', 'window start (ISO 8601 or epoch seconds)')
    .option('--end <time>', 'window end')
    .option('--window <window>', '"last 2h", or "START END"')
    .option('--step <duration>', 'resolution step (15s, 1m, or seconds); default keeps every series under 11,000 points')
    .option('--threshold <number>', 'value that marks the incident; default: departure from the window\'s baseline')
    .option('--into <report>', 'merge the rows into this report\'s timeline')
    .option('--chart', 'with --into: write an SVG chart beside the report and link it under the timeline')
    .option('--timeout <seconds>', 'HTTP timeout', '30')
    .option('--query-timeout <duration>', 'evaluation timeout for Prometheus (its `timeout` parameter)')
    .action(
      guard(async (o: { queryTimeout?: string; url?: string; query?: string; file?: string; start?: string; end?: string; window?: string; step?: string; threshold?: string; into?: string; chart?: boolean; timeout: string }) => {
        if (!o.file && (!o.url || !o.query)) throw new ImportError('Give --url and --query (or --file with a saved query_range response).', 'usage');
        if (o.threshold !== undefined && !Number.isFinite(Number(o.threshold))) throw new ImportError(`--threshold "${o.threshold}" is not a number.`, 'usage');
        const args: ImportArgs = { source: 'prometheus', url: o.file ? undefined : o.url, file: o.file, query: o.query, start: o.start, end: o.end, window: o.window, step: o.step, threshold: o.threshold, chart: o.chart, options: { queryTimeout: o.queryTimeout } };
        return runCli(args, o, io);
      }),
    );

  imp
    .command('alerts')
    .description('one row per alert state change, from Prometheus ALERTS, Alertmanager, or a saved file')
    .option('--prometheus <url>', 'Prometheus base URL: pending/firing/resolved from the ALERTS series')
    .option('--alertmanager <url>', 'Alertmanager base URL: current alerts from /api/v2/alerts')
    .option('--file <file>', 'an `amtool alert query -o json` or /api/v2/alerts file, or a saved ALERTS query result')
    .option('--start <time>', 'window start (Prometheus)')
    .option('--end <time>', 'window end (Prometheus)')
    .option('--window <window>', '"last 2h", or "START END"')
    .option('--into <report>', 'merge the rows into this report\'s timeline')
    .option('--timeout <seconds>', 'HTTP timeout', '30')
    .action(
      guard(async (o: { prometheus?: string; alertmanager?: string; file?: string; start?: string; end?: string; window?: string; into?: string; timeout: string }) => {
        const given = [o.prometheus, o.alertmanager, o.file].filter(Boolean).length;
        if (given !== 1) throw new ImportError('Give exactly one of --prometheus, --alertmanager or --file.', 'usage');
        const args: ImportArgs = o.alertmanager
          ? { source: 'alertmanager', url: o.alertmanager }
          : { source: 'alerts', url: o.prometheus, file: o.file, start: o.start, end: o.end, window: o.window };
        return runCli(args, o, io);
      }),
    );

  imp
    .command('logs')
    .description('one row per matching log line, repeated lines grouped')
    .argument('<file>', 'log file (streamed; any size)')
    .addOption(new Option('--format <format>', 'log format (default: detected)').choices(['auto', ...LOG_FORMATS]).default('auto'))
    .option('--grep <regexp>', 'keep lines matching this regular expression (case-insensitive)')
    .option('--level <level>', 'keep lines at this level or above (debug, info, warn, error, fatal)')
    .option('--start <time>', 'keep lines from this time')
    .option('--end <time>', 'keep lines until this time')
    .option('--window <window>', '"START END"')
    .option('--zone <zone>', 'zone of times written without one (UTC, +01:00, Europe/Berlin)', 'UTC')
    .option('--year <year>', 'year of syslog RFC 3164 lines (default: the report\'s year, else this year)')
    .option('--no-group', 'one row per line, even for repeated lines')
    .option('--max-rows <n>', 'at most this many rows', '500')
    .option('--into <report>', 'merge the rows into this report\'s timeline')
    .action(
      guard(async (file: string, o: { format: string; grep?: string; level?: string; start?: string; end?: string; window?: string; zone: string; year?: string; group: boolean; maxRows: string; into?: string }) => {
        const args: ImportArgs = { source: 'logs', file, format: o.format, grep: o.grep, level: o.level, start: o.start, end: o.end, window: o.window, zone: o.zone, year: o.year, group: o.group, maxRows: o.maxRows };
        return runCli(args, o, io);
      }),
    );

  // The sources of where incidents happen: a saved file (or folder, or repository) each.
  const fileSource = (id: string, arg: string, argHelp: string, description: string) =>
    imp
      .command(id)
      .description(description)
      .argument(`<${arg}>`, argHelp)
      .option('--start <time>', 'keep rows from this time (ISO 8601 or epoch seconds)')
      .option('--end <time>', 'keep rows until this time')
      .option('--window <window>', '"START END"')
      .option('--into <report>', "merge the rows into this report's timeline");
  type WindowOpts = { start?: string; end?: string; window?: string; into?: string };
  const windowArgs = (o: WindowOpts) => ({ start: o.start, end: o.end, window: o.window });

  fileSource('slack', 'path', 'a workspace export folder, one channel folder or day file, or a saved conversations.history answer', 'one row per message, thread replies folded into their parent')
    .option('--channel <name>', 'the channel of an export with several (also the name in the Source column)')
    .option('--pinned', 'keep only pinned messages')
    .option('--reaction <name>', 'keep only messages with this reaction (e.g. white_check_mark)')
    .action(
      guard(async (file: string, o: WindowOpts & { channel?: string; pinned?: boolean; reaction?: string }) =>
        runCli({ source: 'slack', file, ...windowArgs(o), options: { channel: o.channel, pinned: !!o.pinned, reaction: o.reaction } }, o, io),
      ),
    );

  for (const [id, what, description] of [
    ['pagerduty', 'a saved /incidents/{id}/log_entries answer', 'triggered, acknowledged, escalated, notes and resolved, the agent as actor'],
    ['opsgenie', "a saved alert log, notes, or alert answer (/v2/alerts/{id}/logs, /notes, /v2/alerts/{id})", 'alert log entries and notes, or the alert created, acknowledged and closed'],
    ['grafana', 'a saved /api/annotations answer', 'one row per annotation'],
  ] as const) {
    fileSource(id, 'file', what, description).action(guard(async (file: string, o: WindowOpts) => runCli({ source: id, file, ...windowArgs(o) }, o, io)));
  }

  fileSource('k8s-events', 'file', '`kubectl get events -o json` output (also -A, `kubectl events -o json`)', 'one row per event, repeated events counted')
    .option('--rollout <file>', '`kubectl rollout history deployment/NAME --revision=N` output (one or several revisions): rows name the revision and change of each replica set')
    .action(guard(async (file: string, o: WindowOpts & { rollout?: string }) => runCli({ source: 'k8s-events', file, ...windowArgs(o), options: { rollout: o.rollout } }, o, io)));

  for (const [id, what, description] of [
    ['cloudwatch', '`aws logs filter-log-events` output', 'CloudWatch Logs events, repeated lines grouped'],
    ['elasticsearch', 'a saved _search answer (Elasticsearch or OpenSearch)', 'search hits read as log documents, repeated lines grouped'],
    ['gcp-logging', '`gcloud logging read --format json` output', 'Google Cloud log entries, repeated lines grouped'],
  ] as const) {
    fileSource(id, 'file', what, description)
      .option('--grep <regexp>', 'keep entries matching this regular expression (case-insensitive)')
      .option('--level <level>', 'keep entries at this level or above (debug, info, warn, error, fatal)')
      .option('--zone <zone>', 'zone of times written without one (UTC, +01:00, Europe/Berlin)', 'UTC')
      .option('--no-group', 'one row per entry, even for repeated ones')
      .option('--max-rows <n>', 'at most this many rows', '500')
      .action(
        guard(async (file: string, o: WindowOpts & { grep?: string; level?: string; zone: string; group: boolean; maxRows: string }) =>
          runCli({ source: id, file, ...windowArgs(o), grep: o.grep, level: o.level, zone: o.zone, group: o.group, maxRows: o.maxRows }, o, io),
        ),
      );
  }

  imp
    .command('git')
    .description('merges on the main line and tagged commits in the window, the author as actor')
    .argument('<repo>', 'a git repository (git is run in it, without a shell)')
    .option('--since <time>', 'from this time (ISO 8601 or epoch seconds); default: the report\'s incident window')
    .option('--until <time>', 'until this time')
    .option('--start <time>', 'the same as --since')
    .option('--end <time>', 'the same as --until')
    .option('--window <window>', '"START END"')
    .option('--ref <branch>', 'the branch or commit whose main line is read', 'HEAD')
    .option('--all-commits', 'every commit of the main line, not only merges and tagged ones')
    .option('--into <report>', "merge the rows into this report's timeline")
    .action(
      guard(async (repo: string, o: WindowOpts & { since?: string; until?: string; ref: string; allCommits?: boolean }) =>
        runCli({ source: 'git', file: repo, start: o.since ?? o.start, end: o.until ?? o.end, window: o.window, options: { ref: o.ref, allCommits: !!o.allCommits } }, o, io),
      ),
    );

  fileSource('argocd', 'file', 'an Application as JSON or YAML (kubectl get application NAME -o json, argocd app get NAME -o json), or `argocd app history NAME` output', 'one row per deploy in the application\'s history')
    .option('--app <name>', 'the application\'s name, for `argocd app history` output (which does not say it)')
    .action(guard(async (file: string, o: WindowOpts & { app?: string }) => runCli({ source: 'argocd', file, ...windowArgs(o), options: { app: o.app } }, o, io)));
}
