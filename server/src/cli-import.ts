// `postmortem import prometheus|alerts|logs`: the same importers as the editor commands. Without
// --into the rows are printed as Markdown table rows; with it they are merged into the report's
// timeline exactly as the editor does it (one edit, time order, duplicates skipped).
import { readFileSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { Option, type Command } from 'commander';
import { importLogs, LOG_FORMATS, parseLevel, type LogFormat } from './engine/importers/logs';
import { parseDurationSeconds } from './engine/importers/prometheus';
import { ImportError, isoUtc, type TimelineRow } from './engine/importers/rows';
import { incidentWindow, parseInstant, parseWindowInput, type TimeWindow } from './engine/importers/window';
import { mergeRows } from './engine/timeline-merge';
import { applyEdits } from './engine/edits';
import { buildModel } from './engine/model';
import { readJsonFile, readLines } from './node/line-reader';
import { writeFileAtomic, WriteFileError } from './node/atomic-write';
import { alertRowsFromFile, importAlertmanager, importPromAlerts, importPromRange, promImportFromFile, writeChart, type PromImport } from './node/imports';
import type { Credentials, ServerTarget } from './node/observability-http';

interface Io {
  stdout: { write(s: string): unknown };
  stderr: { write(s: string): unknown };
  cwd: string;
}

const defaultIo: Io = { stdout: process.stdout, stderr: process.stderr, cwd: process.cwd() };

function credentialsFromEnv(env: NodeJS.ProcessEnv): Credentials | undefined {
  if (env.PROMETHEUS_BEARER_TOKEN) return { kind: 'bearer', token: env.PROMETHEUS_BEARER_TOKEN };
  const basic = env.PROMETHEUS_BASIC_AUTH;
  if (basic && basic.includes(':')) return { kind: 'basic', username: basic.slice(0, basic.indexOf(':')), password: basic.slice(basic.indexOf(':') + 1) };
  return undefined;
}

function target(url: string): ServerTarget {
  return { url, credentials: credentialsFromEnv(process.env) };
}

function parseTime(s: string, what: string): number {
  const t = parseInstant(s);
  if (t === undefined) throw new ImportError(`${what} "${s}" is not a time: use ISO 8601 (2024-03-01T23:30:00Z) or epoch seconds.`, 'usage');
  return t;
}

/** The window from --start/--end, --window, or the report named by --into. */
function windowFrom(o: { start?: string; end?: string; window?: string; into?: string }, io: Io): TimeWindow | undefined {
  if (o.window) {
    const w = parseWindowInput(o.window, Date.now());
    if (!w) throw new ImportError(`--window "${o.window}" is not a window: use "last 2h" or "START END" in ISO 8601.`, 'usage');
    return w;
  }
  if (o.start || o.end) {
    if (!o.start || !o.end) throw new ImportError('Give both --start and --end (or --window).', 'usage');
    const w = { startMs: parseTime(o.start, '--start'), endMs: parseTime(o.end, '--end') };
    if (w.endMs <= w.startMs) throw new ImportError('--end must be after --start.', 'usage');
    return w;
  }
  if (o.into) return incidentWindow(readReport(o.into, io));
  return undefined;
}

function readReport(path: string, io: Io): string {
  try {
    return readFileSync(resolve(io.cwd, path), 'utf8');
  } catch (e) {
    throw new ImportError(`Cannot read the report ${path}: ${(e as Error).message}`, 'usage');
  }
}

function printRows(rows: TimelineRow[], io: Io): void {
  for (const r of rows) io.stdout.write(`| ${isoUtc(r.epochMs)} | ${r.event} | ${r.source} | ${r.actor} |\n`.replace(/\| \|/g, '|  |'));
}

/** Merges rows into the report file, or prints them. Returns the exit code. */
function deliver(rows: TimelineRow[], o: { into?: string }, io: Io, appendBelow?: string[]): number {
  if (!o.into) {
    printRows(rows, io);
    return 0;
  }
  const path = resolve(io.cwd, o.into);
  const text = readReport(o.into, io);
  const m = mergeRows(text, rows, { appendBelow });
  if (m.edit) {
    try {
      writeFileAtomic(path, applyEdits(text, [m.edit]).text);
    } catch (e) {
      if (e instanceof WriteFileError) throw new ImportError(e.message, 'usage');
      throw e;
    }
  }
  io.stderr.write(
    `${m.inserted} row${m.inserted === 1 ? '' : 's'} inserted into ${basename(path)}` +
      (m.duplicates ? `, ${m.duplicates} already there` : '') +
      (m.createdSection ? ' (Timeline section created)' : '') +
      ` [times ${m.timeStyle}].\n`,
  );
  return 0;
}

function num(s: string | undefined, what: string): number | undefined {
  if (s === undefined) return undefined;
  const n = Number(s);
  if (!Number.isFinite(n)) throw new ImportError(`${what} "${s}" is not a number.`, 'usage');
  return n;
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
        const threshold = num(o.threshold, '--threshold');
        let imported: PromImport;
        let window: TimeWindow | undefined;
        if (o.file) {
          imported = promImportFromFile(await readJsonFile(resolve(io.cwd, o.file)), o.query ?? basename(o.file), threshold);
          const ts = imported.series.flatMap((s) => s.values.map((v) => v[0] * 1000));
          window = ts.length ? { startMs: Math.min(...ts), endMs: Math.max(...ts) } : undefined;
        } else {
          if (!o.url || !o.query) throw new ImportError('Give --url and --query (or --file with a saved query_range response).', 'usage');
          window = windowFrom(o, io);
          if (!window) throw new ImportError('No window: give --start and --end, --window, or --into a report whose timeline has dated times.', 'usage');
          const step = o.step !== undefined ? parseDurationSeconds(o.step) : undefined;
          if (o.step !== undefined && !step) throw new ImportError(`--step "${o.step}" is not a duration.`, 'usage');
          imported = await importPromRange({ target: target(o.url), query: o.query, startMs: window.startMs, endMs: window.endMs, stepSec: step, threshold, timeoutMs: Number(o.timeout) * 1000, queryTimeout: o.queryTimeout });
          io.stderr.write(`Queried ${new Date(window.startMs).toISOString()} .. ${new Date(window.endMs).toISOString()} at step ${imported.stepSec}s: ${imported.series.length} series.\n`);
        }
        for (const n of imported.notes) io.stderr.write(`${n}\n`);
        let below: string[] | undefined;
        if (o.chart && o.into && window) {
          const reportPath = resolve(io.cwd, o.into);
          const model = buildModel(readReport(o.into, io));
          const marks = [
            ...model.timeline.entries.filter((e) => e.epoch !== undefined && e.dated).map((e) => ({ epochMs: e.epoch! * 1000, label: e.event?.text ?? e.timeText })),
            ...imported.rows.map((r) => ({ epochMs: r.epochMs, label: r.event })),
          ];
          const chart = writeChart(reportPath, imported.series, { query: o.query ?? basename(o.file ?? ''), startMs: window.startMs, endMs: window.endMs, marks, threshold });
          io.stderr.write(`Chart written to ${chart.file}\n`);
          below = [chart.markdown];
        }
        if (!imported.rows.length && !below) return 1;
        return deliver(imported.rows, o, io, below);
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
        let rows: TimelineRow[];
        if (o.file) rows = alertRowsFromFile(await readJsonFile(resolve(io.cwd, o.file)));
        else if (o.alertmanager) rows = await importAlertmanager(target(o.alertmanager), { timeoutMs: Number(o.timeout) * 1000 });
        else {
          const window = windowFrom(o, io);
          if (!window) throw new ImportError('No window: give --start and --end, --window, or --into a report whose timeline has dated times.', 'usage');
          rows = await importPromAlerts(target(o.prometheus!), window.startMs, window.endMs, { timeoutMs: Number(o.timeout) * 1000 });
        }
        if (!rows.length) {
          io.stderr.write('No alerts in the answer.\n');
          return 1;
        }
        return deliver(rows, o, io);
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
      guard(async (file: string, o: { format: LogFormat | 'auto'; grep?: string; level?: string; start?: string; end?: string; window?: string; zone: string; year?: string; group: boolean; maxRows: string; into?: string }) => {
        const minLevel = parseLevel(o.level);
        if (o.level && !minLevel) throw new ImportError(`--level "${o.level}" is not a level: use trace, debug, info, warn, error or fatal.`, 'usage');
        const window = o.window || o.start || o.end ? windowFrom({ ...o, into: undefined }, io) : undefined;
        const report = o.into ? buildModel(readReport(o.into, io)) : undefined;
        const ref = report?.incidentDate ? Date.parse(report.incidentDate + 'T00:00:00Z') : undefined;
        const res = await importLogs(readLines(resolve(io.cwd, file)), {
          format: o.format,
          grep: o.grep,
          minLevel,
          window,
          zone: o.zone,
          year: num(o.year, '--year'),
          referenceMs: ref,
          sourceLabel: basename(file),
          group: o.group,
          maxRows: Number(o.maxRows),
        });
        io.stderr.write(`${res.format}: ${res.linesRead} lines, ${res.parsed} read, ${res.matched} matched, ${res.rows.length} rows` + (res.unparsed ? `; ${res.unparsed} lines not in the format (first: line ${res.firstUnparsed!.line})` : '') + (res.truncated ? `; ${res.truncated} more left out (narrow with --grep, --level or a window)` : '') + (res.zoneAssumed ? `; times without a zone read as ${res.zoneAssumed}` : '') + '.\n');
        if (!res.rows.length) return 1;
        return deliver(res.rows, o, io);
      }),
    );
}
