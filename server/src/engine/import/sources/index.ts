// The import sources, one entry each: what a source reads (a file as lines or JSON, a folder of
// JSON files, a server's API, a local program's output), which arguments it takes, and the pure
// function from that data to timeline rows. Adding a source is adding an entry here; the CLI,
// the language server's `postmortem.import` command and the editors pick it up from this table.
import { formatDurationPromql } from '../../time';
import { ImportError, type Cancellation, type TimelineRow } from '../rows';
import { alertRowsFromAlertmanager, alertRowsFromSeries } from './alerts';
import { INCIDENT_SOURCES } from './incident';
import { importLogs, LOG_FORMATS, parseLevel, type LogFormat, type TextBlocks } from './logs';
import { errorText, parsePromResponse, promRows, type PromSeries } from './prometheus';

/**
 * The arguments of one import: the object the language server's `postmortem.import` command
 * takes (with `uri`), and what the CLI's options map to.
 */
export interface ImportArgs {
  /** A source id from SOURCES. */
  source: string;
  /** A file (or folder, or repository) to read, resolved against the working folder. */
  file?: string;
  /** The text to read instead of a file (an editor's unsaved buffer). */
  text?: string;
  /** A server's base URL. */
  url?: string;
  query?: string;
  /** Window start and end: ISO 8601 or epoch seconds. */
  start?: string;
  end?: string;
  /** A window as typed: `last 2h`, `START END`. */
  window?: string;
  /** A range query's step: `15s`, `1m` or seconds. */
  step?: string | number;
  threshold?: number | string;
  grep?: string;
  format?: string;
  level?: string;
  /** Zone of times written without one. */
  zone?: string;
  year?: number | string;
  maxRows?: number | string;
  /** Group repeated log lines (default true). */
  group?: boolean;
  /** Write an SVG chart beside the report and link it under the timeline (sources with series). */
  chart?: boolean;
  /** Source-specific options (`channel`, `pinned`, `reaction`, `since`, ...). */
  options?: Record<string, string | number | boolean | undefined>;
  /** Rows already made (source `rows`): what a client inserts after letting a person pick among candidates. */
  rows?: TimelineRow[];
}

/** Where the data came from. */
export type Origin = 'file' | 'text' | 'http' | 'command' | 'rows';

export interface SourceContext {
  args: ImportArgs;
  origin: Origin;
  /** The window to read or to keep rows in (from the arguments, or the report's incident window). */
  window?: { startMs: number; endMs: number };
  /** Range query step in seconds (sources with `http` that query ranges). */
  stepSec?: number;
  /** A time near the data (the report's incident day), for formats without a year. */
  referenceMs?: number;
  nowMs: number;
  /** The file's base name, for the Source column. */
  sourceLabel?: string;
  /** The text of each attachment option given (see `ImportSource.attachments`), by option name. */
  attachments?: Record<string, string>;
  /** The server's name when the person named several (for the Source column). */
  serverName?: string;
  /** HTTP status of the answer (origin `http`). */
  httpStatus?: number;
  signal?: Cancellation;
  /** Progress for long reads: a message, and a percentage when known. */
  onProgress?: (message: string, percentage?: number) => void;
}

export interface SourceResult {
  rows: TimelineRow[];
  /** Plain-language notes for the person: why there are no rows, what was left out, counts. */
  notes?: string[];
  /** Numeric series, for a chart. */
  series?: PromSeries[];
}

/**
 * How a source reads a file: streamed lines, streamed blocks of whole lines (`{ blocks }`, for
 * large logs; text given inline still comes as lines), one JSON document, or a JSON file or folder
 * of them (exports).
 */
export type FileInput = 'lines' | 'blocks' | 'json' | 'json-files';

/** 'required': the window given, else the report's; refused without one. 'report': the window given, else the report's, if any. 'filter': only a window given. */
export type WindowNeed = 'required' | 'report' | 'filter';

export interface ImportSource {
  id: string;
  /** Short name shown in pickers and usage text. */
  title: string;
  description: string;
  /** The arguments the source reads, besides `source`. */
  takes: (keyof ImportArgs)[];
  /** Reads `file` (or `text`) this way. */
  file?: FileInput;
  /** With `json-files`: files of the export a folder or file lies in, read with it (Slack's `users.json`). */
  companions?: readonly string[];
  /** Options whose value names a second, small text file read with the main one (into `SourceContext.attachments`); optional, and pickers offer them. */
  attachments?: readonly { option: string; title: string }[];
  /** Reads from a server at `url`: the API path and query parameters of one GET. */
  http?: (ctx: SourceContext) => { path: string; params?: Record<string, string | number | undefined> };
  /** Reads the output lines of a local program run in `file` (e.g. git in a repository). */
  command?: (ctx: SourceContext) => { program: string; args: string[] };
  /** The window it needs, by origin. */
  window?: Partial<Record<Origin, WindowNeed>>;
  /** Data (lines as an iterable, parsed JSON, or path -> JSON for a folder) to rows. */
  parse(data: unknown, ctx: SourceContext): SourceResult | TimelineRow[] | Promise<SourceResult | TimelineRow[]>;
}

function num(v: number | string | undefined, what: string): number | undefined {
  if (v === undefined || v === '') return undefined;
  const n = Number(v);
  if (!Number.isFinite(n)) throw new ImportError(`The ${what} "${v}" is not a number.`, 'usage');
  return n;
}

function serverSource(prefix: string, ctx: SourceContext): string {
  return ctx.serverName ? `${prefix} (${ctx.serverName})` : prefix;
}

const prometheus: ImportSource = {
  id: 'prometheus',
  title: 'Prometheus range',
  description: 'when each series crossed the threshold (or left its baseline), peaked and recovered',
  takes: ['url', 'query', 'file', 'start', 'end', 'window', 'step', 'threshold', 'chart'],
  file: 'json',
  window: { http: 'required' },
  http: (ctx) => {
    if (!ctx.args.query?.trim()) throw new ImportError('The query is empty.', 'usage');
    const w = ctx.window!;
    return {
      path: '/api/v1/query_range',
      params: { query: ctx.args.query, start: Math.floor(w.startMs / 1000), end: Math.ceil(w.endMs / 1000), step: ctx.stepSec, timeout: typeof ctx.args.options?.queryTimeout === 'string' ? ctx.args.options.queryTimeout : undefined },
    };
  },
  parse: (body, ctx) => {
    const w = ctx.window;
    const window = ctx.origin === 'http' && w ? { startSec: Math.floor(w.startMs / 1000), endSec: Math.ceil(w.endMs / 1000), stepSec: ctx.stepSec } : undefined;
    const result = parsePromResponse(body, ctx.httpStatus ?? 200, window);
    const query = ctx.args.query || ctx.sourceLabel || 'query';
    const r = promRows(result, { query, threshold: num(ctx.args.threshold, 'threshold'), sourceName: serverSource('Prometheus', ctx) });
    const notes = [...r.notes];
    if (ctx.origin === 'http' && w) notes.unshift(`Queried ${new Date(w.startMs).toISOString()} .. ${new Date(w.endMs).toISOString()} at step ${formatDurationPromql(ctx.stepSec ?? 0)}: ${result.series.length} series.`);
    return { rows: r.rows, notes, series: result.series };
  },
};

/** A saved alert file: an Alertmanager/amtool alert list, or a Prometheus `ALERTS` query result. */
function alertFileRows(body: unknown, nowMs?: number): TimelineRow[] {
  if (Array.isArray(body)) return alertRowsFromAlertmanager(body, { nowMs });
  if (body && typeof body === 'object' && 'status' in body) return alertRowsFromSeries(parsePromResponse(body).series);
  throw new ImportError('This file is neither an Alertmanager alert list (`amtool alert query -o json`, /api/v2/alerts) nor a Prometheus ALERTS query result.', 'format');
}

const alerts: ImportSource = {
  id: 'alerts',
  title: 'Alert history (Prometheus ALERTS)',
  description: 'pending, firing and resolved times from the ALERTS series, or a saved alert file',
  takes: ['url', 'file', 'start', 'end', 'window'],
  file: 'json',
  window: { http: 'required' },
  http: (ctx) => {
    const w = ctx.window!;
    const endSec = Math.ceil(w.endMs / 1000);
    const rangeSec = Math.max(1, endSec - Math.floor(w.startMs / 1000));
    const matcher = typeof ctx.args.options?.matcher === 'string' ? `{${ctx.args.options.matcher}}` : '';
    return { path: '/api/v1/query', params: { query: `ALERTS${matcher}[${rangeSec}s]`, time: endSec } };
  },
  parse: (body, ctx) => {
    if (ctx.origin !== 'http') return alertFileRows(body);
    const endSec = Math.ceil(ctx.window!.endMs / 1000);
    return alertRowsFromSeries(parsePromResponse(body, ctx.httpStatus ?? 200).series, { endSec, sourceName: serverSource('Prometheus', ctx) });
  },
};

const alertmanager: ImportSource = {
  id: 'alertmanager',
  title: 'Alertmanager',
  description: 'current alerts from /api/v2/alerts (active, silenced, inhibited), or a saved alert file',
  takes: ['url', 'file'],
  file: 'json',
  http: () => ({ path: '/api/v2/alerts' }),
  parse: (body, ctx) => {
    if (ctx.origin !== 'http') return alertFileRows(body);
    if ((ctx.httpStatus ?? 200) >= 400) {
      const msg = errorText(body);
      throw new ImportError(`Alertmanager answered HTTP ${ctx.httpStatus}: ${msg}`, 'http');
    }
    return alertRowsFromAlertmanager(body, { nowMs: ctx.nowMs, sourceName: serverSource('Alertmanager', ctx) });
  },
};

const logs: ImportSource = {
  id: 'logs',
  title: 'Logs',
  description: 'one row per matching log line, repeated lines grouped (kubectl, JSON lines, journald, nginx, syslog, Loki)',
  takes: ['file', 'text', 'format', 'grep', 'level', 'start', 'end', 'window', 'zone', 'year', 'group', 'maxRows'],
  file: 'blocks',
  window: { file: 'filter', text: 'filter' },
  parse: async (lines, ctx) => {
    const a = ctx.args;
    const format = (a.format ?? 'auto') as LogFormat | 'auto';
    if (format !== 'auto' && !LOG_FORMATS.includes(format)) throw new ImportError(`"${a.format}" is not a log format: use auto or one of ${LOG_FORMATS.join(', ')}.`, 'usage');
    const minLevel = parseLevel(a.level);
    if (a.level && !minLevel) throw new ImportError(`"${a.level}" is not a level: use trace, debug, info, warn, error or fatal.`, 'usage');
    const res = await importLogs(lines as AsyncIterable<string> | Iterable<string> | TextBlocks, {
      format,
      grep: a.grep || undefined,
      minLevel,
      window: ctx.window,
      zone: a.zone,
      year: num(a.year, 'year'),
      referenceMs: ctx.referenceMs,
      sourceLabel: ctx.sourceLabel,
      group: a.group,
      maxRows: num(a.maxRows, 'maximum number of rows'),
      signal: ctx.signal,
      onProgress: (n) => ctx.onProgress?.(`${n.toLocaleString('en-US')} lines read`),
    });
    const note =
      `${res.format}: ${res.linesRead} lines, ` +
      (res.skipped ? `${res.skipped} without the pattern (skipped unread), ` : '') +
      `${res.parsed} read, ${res.matched} matched, ${res.rows.length} rows` +
      (res.unparsed ? `; ${res.unparsed} lines not in the format (first: line ${res.firstUnparsed!.line})` : '') +
      (res.truncated ? `; ${res.truncated} more left out (narrow with a pattern, a level or a window)` : '') +
      (res.zoneAssumed ? `; times without a zone read as ${res.zoneAssumed}` : '') +
      '.';
    return { rows: res.rows, notes: [note] };
  },
};

const rows: ImportSource = {
  id: 'rows',
  title: 'Rows',
  description: 'rows already made (a client inserting the candidates a person picked)',
  takes: ['rows'],
  parse: (_data, ctx) => {
    const given = ctx.args.rows;
    if (!Array.isArray(given)) throw new ImportError('No rows given: "rows" must be a list of {epochMs, event, source, actor}.', 'usage');
    return given.map((r, i) => {
      if (!r || typeof r !== 'object' || !Number.isFinite(r.epochMs) || typeof r.event !== 'string') throw new ImportError(`Row ${i + 1} is not {epochMs, event, source, actor}.`, 'usage');
      return { epochMs: r.epochMs, precise: typeof r.precise === 'string' ? r.precise : undefined, event: r.event, source: typeof r.source === 'string' ? r.source : '', actor: typeof r.actor === 'string' ? r.actor : '' };
    });
  },
};

/** Every source, in the order pickers show them. */
export const SOURCES: readonly ImportSource[] = [prometheus, alerts, alertmanager, logs, ...INCIDENT_SOURCES, rows];

export function sourceById(id: string | undefined): ImportSource {
  const s = SOURCES.find((x) => x.id === id);
  if (!s) throw new ImportError(`Unknown import source "${id ?? ''}": use one of ${SOURCES.map((x) => x.id).join(', ')}.`, 'usage');
  return s;
}

/** A source's result in one shape. */
export function normalizeResult(r: SourceResult | TimelineRow[]): SourceResult {
  return Array.isArray(r) ? { rows: r } : r;
}
