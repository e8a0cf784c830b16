// Runs one import for every front end (the CLI and the language server's `postmortem.import`
// command, which VS Code and other editors call): plans it with the engine (window, step,
// reference year, chart marks, the merge edit), reads the data the source asks for (a file, a
// folder, a server, a local program), and hands it to the source's pure parse function.
import { basename, resolve } from 'node:path';
import { buildModel, type PostMortem } from '../engine/model';
import { isoUtc } from '../engine/time';
import type { MergeResult } from '../engine/import/merge';
import { chartMarks, insertSummary, planInsert, planStep, planWindow, referenceMs, seriesWindow, type TimeWindow } from '../engine/import/plan';
import { ImportError, type TimelineRow } from '../engine/import/rows';
import { normalizeResult, sourceById, type ImportArgs, type ImportSource, type Origin, type SourceContext, type SourceResult } from '../engine/import/sources';
import { writeChart } from './chart-file';
import { commandLines, readJsonFile, readJsonTree, readLines, readSmallText, readTextBlocks } from './line-reader';
import { apiUrl, getJson, type Credentials, type ServerTarget } from './observability-http';

export interface ImportHost {
  /** Folder that relative `file` arguments are resolved against. */
  cwd: string;
  nowMs?: number;
  signal?: AbortSignal;
  progress?: (message: string, percentage?: number) => void;
  /** Connection details for `url` besides the URL itself (a named server's headers, saved credentials). Default: credentials from the environment. */
  server?: Omit<ServerTarget, 'url'>;
  env?: NodeJS.ProcessEnv;
  /** HTTP timeout (default 30 s). */
  timeoutMs?: number;
  /** Largest HTTP answer read, after decompression (default MAX_RESPONSE_BYTES, 100 MB). */
  maxResponseBytes?: number;
}

/** Credentials for the CLI and the language server: PROMETHEUS_BEARER_TOKEN, or PROMETHEUS_BASIC_AUTH=user:password. */
export function credentialsFromEnv(env: NodeJS.ProcessEnv): Credentials | undefined {
  if (env.PROMETHEUS_BEARER_TOKEN) return { kind: 'bearer', token: env.PROMETHEUS_BEARER_TOKEN };
  const basic = env.PROMETHEUS_BASIC_AUTH;
  if (basic && basic.includes(':')) return { kind: 'basic', username: basic.slice(0, basic.indexOf(':')), password: basic.slice(basic.indexOf(':') + 1) };
  return undefined;
}

export interface Collected extends SourceResult {
  source: ImportSource;
  origin: Origin;
  notes: string[];
  window?: TimeWindow;
  stepSec?: number;
}

function originOf(source: ImportSource, args: ImportArgs): Origin {
  if (source.id === 'rows') return 'rows';
  const given = [args.file !== undefined && args.file !== '', args.url !== undefined && args.url !== '', args.text !== undefined].filter(Boolean).length;
  const ways = [source.file || source.command ? 'a file' : undefined, source.http ? 'a URL' : undefined].filter(Boolean).join(' or ');
  if (given > 1) throw new ImportError(`Give one of ${ways} for ${source.title}, not several.`, 'usage');
  if (args.url) {
    if (!source.http) throw new ImportError(`${source.title} is not read from a server: give ${ways}.`, 'usage');
    return 'http';
  }
  if (args.text !== undefined) {
    if (!source.file) throw new ImportError(`${source.title} does not read text: give ${ways}.`, 'usage');
    return 'text';
  }
  if (args.file) return source.command ? 'command' : 'file';
  throw new ImportError(`Nothing to read: give ${ways} for ${source.title}.`, 'usage');
}

/** Reads the data a source asks for and turns it into rows (nothing is written). */
export async function collectRows(args: ImportArgs, report: PostMortem | undefined, host: ImportHost): Promise<Collected> {
  const source = sourceById(args.source);
  const origin = originOf(source, args);
  const nowMs = host.nowMs ?? Date.now();
  const window = planWindow(source, origin, args, report, nowMs);
  const stepSec = origin === 'http' && window && source.takes.includes('step') ? planStep(window, args.step) : undefined;
  const path = args.file ? resolve(host.cwd, args.file) : undefined;
  const ctx: SourceContext = {
    args,
    origin,
    window,
    stepSec,
    referenceMs: referenceMs(report),
    nowMs,
    sourceLabel: path ? basename(path) : undefined,
    serverName: host.server?.name,
    signal: host.signal,
    onProgress: host.progress,
  };
  for (const { option } of source.attachments ?? []) {
    const given = args.options?.[option];
    if (typeof given !== 'string' || !given.trim()) continue;
    (ctx.attachments ??= {})[option] = await readSmallText(resolve(host.cwd, given), { signal: host.signal });
  }
  let data: unknown;
  if (origin === 'file') {
    const onBytes = (read: number, total: number) => host.progress?.(`${Math.floor((read / Math.max(1, total)) * 100)}%`, total ? Math.floor((read / total) * 100) : undefined);
    if (source.file === 'lines') data = readLines(path!, { signal: host.signal, onBytes });
    else if (source.file === 'blocks') data = { blocks: readTextBlocks(path!, { signal: host.signal, onBytes }) };
    else if (source.file === 'json-files') data = await readJsonTree(path!, { signal: host.signal, companions: source.companions });
    else data = await readJsonFile(path!, { signal: host.signal });
  } else if (origin === 'text') {
    const text = args.text ?? '';
    if (source.file === 'lines' || source.file === 'blocks') data = text.split(/\r\n|\n|\r/);
    else {
      try {
        data = JSON.parse(text);
      } catch (e) {
        throw new ImportError(`The text is not JSON (${(e as Error).message}).`, 'format');
      }
      if (source.file === 'json-files') data = { [ctx.sourceLabel ?? 'text.json']: data };
    }
  } else if (origin === 'http') {
    const target: ServerTarget = { ...(host.server ?? { credentials: credentialsFromEnv(host.env ?? process.env) }), url: args.url! };
    const req = source.http!(ctx);
    host.progress?.(`Asking ${safeHost(args.url!)}`);
    const res = await getJson(target, apiUrl(target.url, req.path, req.params ?? {}), { timeoutMs: host.timeoutMs, signal: host.signal, maxBytes: host.maxResponseBytes });
    ctx.httpStatus = res.status;
    data = res.body;
  } else if (origin === 'command') {
    const cmd = source.command!(ctx);
    data = commandLines(cmd.program, cmd.args, path!, { signal: host.signal });
  }
  const result = normalizeResult(await source.parse(data, ctx));
  return { ...result, notes: result.notes ?? [], source, origin, window, stepSec };
}

function safeHost(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return 'the server';
  }
}

export interface ReportTarget {
  text: string;
  /** The report's file, when it has one: a chart is written beside it. */
  path?: string;
}

export interface PlannedImport extends Collected {
  merge: MergeResult;
  /** The chart written beside the report (remove it if the edit is not applied). */
  chartFile?: string;
  /** One sentence: what the edit does. */
  summary: string;
}

/**
 * An import into a report: the rows, and the one edit that merges them into the timeline of
 * `report.text` (time order, duplicates skipped; a chart link below when asked). The caller
 * applies the edit to the version of the report it read the text from.
 */
export async function planReportImport(args: ImportArgs, report: ReportTarget, host: ImportHost): Promise<PlannedImport> {
  const model = buildModel(report.text);
  const c = await collectRows(args, model, host);
  let below: string[] | undefined;
  let chartFile: string | undefined;
  const wantChart = !!args.chart && !!c.series;
  if (!c.rows.length && !wantChart) throw new ImportError(c.notes.join(' ') || 'Nothing to insert: the data has no rows for the timeline.', 'empty', { notes: c.notes });
  if (wantChart) {
    if (!report.path) throw new ImportError('Save the report first: the chart is written to a folder beside it.', 'usage');
    const w = c.window ?? seriesWindow(c.series!);
    if (w) {
      const chart = writeChart(report.path, c.series!, { query: args.query || (args.file ? basename(args.file) : 'query'), startMs: w.startMs, endMs: w.endMs, marks: chartMarks(model, c.rows), threshold: args.threshold === undefined || args.threshold === '' ? undefined : Number(args.threshold), nowMs: host.nowMs });
      chartFile = chart.file;
      below = [chart.markdown];
    }
  }
  const merge = planInsert(report.text, c.rows, below);
  return { ...c, merge, chartFile, summary: insertSummary(merge, report.path ? basename(report.path) : undefined) };
}

/** Rows as Markdown table rows with full UTC times (the CLI without a report). */
export function rowsAsMarkdown(rows: TimelineRow[]): string {
  return rows.map((r) => `| ${isoUtc(r.epochMs)} | ${r.event} | ${r.source} | ${r.actor} |\n`.replace(/\| \|/g, '|  |')).join('');
}
