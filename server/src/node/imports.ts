// The imports as the CLI and the VS Code client run them: fetch or read the data, hand it to the
// pure importers, write a chart beside the report. No VS Code here.
import { mkdirSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, relative } from 'node:path';
import { alertRowsFromAlertmanager, alertRowsFromSeries } from '../engine/importers/alerts';
import { chooseStep, parsePromResponse, promRows, type PromResult, type PromSeries } from '../engine/importers/prometheus';
import { ImportError, type TimelineRow } from '../engine/importers/rows';
import { renderChart, type ChartMark } from '../engine/chart';
import { apiUrl, getJson, type ServerTarget } from './observability-http';

export interface PromRangeRequest {
  target: ServerTarget;
  query: string;
  startMs: number;
  endMs: number;
  stepSec?: number;
  threshold?: number;
  timeoutMs?: number;
  /** Evaluation timeout Prometheus applies (`timeout` parameter, e.g. `20s`). */
  queryTimeout?: string;
  signal?: AbortSignal;
}

export interface PromImport {
  rows: TimelineRow[];
  notes: string[];
  series: PromSeries[];
  stepSec: number;
  result: PromResult;
}

export async function fetchPromRange(req: PromRangeRequest): Promise<{ result: PromResult; stepSec: number }> {
  if (!req.query.trim()) throw new ImportError('The query is empty.', 'usage');
  if (!(req.endMs > req.startMs)) throw new ImportError('The window is empty: its end is not after its start.', 'usage');
  const startSec = Math.floor(req.startMs / 1000);
  const endSec = Math.ceil(req.endMs / 1000);
  const stepSec = req.stepSec ?? chooseStep(startSec, endSec);
  const url = apiUrl(req.target.url, '/api/v1/query_range', { query: req.query, start: startSec, end: endSec, step: stepSec, timeout: req.queryTimeout });
  const res = await getJson(req.target, url, { timeoutMs: req.timeoutMs, signal: req.signal });
  return { result: parsePromResponse(res.body, res.status, { startSec, endSec, stepSec }), stepSec };
}

export async function importPromRange(req: PromRangeRequest): Promise<PromImport> {
  const { result, stepSec } = await fetchPromRange(req);
  const r = promRows(result, { query: req.query, threshold: req.threshold, sourceName: req.target.name ? `Prometheus (${req.target.name})` : 'Prometheus' });
  return { rows: r.rows, notes: r.notes, series: result.series, stepSec, result };
}

/** Alert history from Prometheus: the raw `ALERTS` samples of the window (an instant query of a range selector). */
export async function importPromAlerts(target: ServerTarget, startMs: number, endMs: number, opts: { matcher?: string; timeoutMs?: number; signal?: AbortSignal } = {}): Promise<TimelineRow[]> {
  const endSec = Math.ceil(endMs / 1000);
  const rangeSec = Math.max(1, endSec - Math.floor(startMs / 1000));
  const query = `ALERTS${opts.matcher ? `{${opts.matcher}}` : ''}[${rangeSec}s]`;
  const res = await getJson(target, apiUrl(target.url, '/api/v1/query', { query, time: endSec }), { timeoutMs: opts.timeoutMs, signal: opts.signal });
  const result = parsePromResponse(res.body, res.status);
  return alertRowsFromSeries(result.series, { endSec, sourceName: target.name ? `Prometheus (${target.name})` : 'Prometheus' });
}

/** Current alerts from Alertmanager's `/api/v2/alerts` (active, silenced and inhibited). */
export async function importAlertmanager(target: ServerTarget, opts: { timeoutMs?: number; signal?: AbortSignal; nowMs?: number } = {}): Promise<TimelineRow[]> {
  const res = await getJson(target, apiUrl(target.url, '/api/v2/alerts'), { timeoutMs: opts.timeoutMs, signal: opts.signal });
  if (res.status >= 400) {
    const msg = (res.body as { message?: string })?.message ?? JSON.stringify(res.body).slice(0, 200);
    throw new ImportError(`Alertmanager answered HTTP ${res.status}: ${msg}`, 'http');
  }
  return alertRowsFromAlertmanager(res.body, { nowMs: opts.nowMs ?? Date.now(), sourceName: target.name ? `Alertmanager (${target.name})` : 'Alertmanager' });
}

/** Alert history from a saved file: an Alertmanager/amtool alert list, or a Prometheus `ALERTS` query result. */
export function alertRowsFromFile(body: unknown, nowMs?: number): TimelineRow[] {
  if (Array.isArray(body)) return alertRowsFromAlertmanager(body, { nowMs });
  if (body && typeof body === 'object' && 'status' in body) return alertRowsFromSeries(parsePromResponse(body).series);
  throw new ImportError('This file is neither an Alertmanager alert list (`amtool alert query -o json`, /api/v2/alerts) nor a Prometheus ALERTS query result.', 'format');
}

/** Rows from a saved `query_range` JSON file. */
export function promImportFromFile(body: unknown, query: string, threshold?: number): PromImport {
  const result = parsePromResponse(body);
  const r = promRows(result, { query, threshold });
  const diffs = result.series[0]?.values.slice(1).map((v, i) => v[0] - result.series[0].values[i][0]) ?? [];
  return { rows: r.rows, notes: r.notes, series: result.series, stepSec: diffs.length ? Math.min(...diffs) : 0, result };
}

/**
 * Writes the chart SVG to `<report folder>/postmortem-charts/` and returns the Markdown image
 * line to put under the timeline (path relative to the report, forward slashes).
 */
export function writeChart(reportPath: string, series: PromSeries[], opts: { query: string; startMs: number; endMs: number; marks: ChartMark[]; threshold?: number; nowMs?: number }): { file: string; markdown: string } {
  const svg = renderChart(series, { title: opts.query, startMs: opts.startMs, endMs: opts.endMs, marks: opts.marks, threshold: opts.threshold });
  const dir = join(dirname(reportPath), 'postmortem-charts');
  mkdirSync(dir, { recursive: true });
  const stamp = new Date(opts.nowMs ?? Date.now()).toISOString().replace(/[-:]/g, '').replace(/\..*$/, '');
  const name = `${basename(reportPath).replace(/\.[^.]+$/, '')}-prometheus-${stamp}.svg`;
  const file = join(dir, name);
  writeFileSync(file, svg);
  const rel = relative(dirname(reportPath), file).replace(/\\/g, '/');
  const alt = `Prometheus: ${opts.query.replace(/[[\]\\]/g, ' ').slice(0, 80)}`;
  return { file, markdown: `![${alt}](${rel.replace(/ /g, '%20')})` };
}
