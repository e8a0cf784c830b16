// Prometheus query results to the moments a reader of the timeline needs: when each series left
// its normal range (crossed the threshold), its peak, and when it came back. Pure: the HTTP client
// in server/src/node hands in the parsed body.
import { formatDurationPromql } from '../../time';
import { codeSpanCell, cellText, formatNumber } from '../cells';
import { distinguishingLabels, seriesLabel } from '../labels';
import { ImportError, sortRows, type TimelineRow } from '../rows';

/** Prometheus refuses range queries with more points than this per series. */
export const MAX_POINTS = 11000;

export interface PromSeries {
  metric: Record<string, string>;
  /** [seconds since the epoch, value]; NaN and ±Inf kept as numbers. */
  values: [number, number][];
}

export interface PromResult {
  resultType: 'matrix' | 'vector' | 'scalar' | 'string';
  series: PromSeries[];
  warnings: string[];
}

export function parseSampleValue(v: unknown): number {
  if (typeof v === 'number') return v;
  if (typeof v !== 'string') return NaN;
  if (v === '+Inf' || v === 'Inf') return Infinity;
  if (v === '-Inf') return -Infinity;
  const n = Number(v);
  return Number.isNaN(n) ? NaN : n;
}

const NICE_STEPS = [1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 10800, 21600, 43200, 86400];

/**
 * Default step for a window: fine enough to place a crossing within ~1/500 of the window, never
 * under 15 s (the usual scrape interval), and always within Prometheus's 11,000-point limit.
 */
export function chooseStep(startSec: number, endSec: number, targetPoints = 500): number {
  const range = Math.max(1, endSec - startSec);
  const wanted = Math.max(15, range / targetPoints, minimumStep(startSec, endSec));
  return NICE_STEPS.find((s) => s >= wanted && range / s + 1 <= MAX_POINTS) ?? Math.ceil(Math.max(wanted, minimumStep(startSec, endSec)));
}

/** The smallest whole-second step Prometheus accepts for the window. */
export function minimumStep(startSec: number, endSec: number): number {
  return Math.max(1, Math.ceil((endSec - startSec) / (MAX_POINTS - 1)));
}

/**
 * Words of an error field: a string as it is; an object (some proxies and Prometheus-compatible
 * servers send `{"message": ...}` or `{"error": ...}`) by its message; anything else as JSON.
 */
export function errorText(v: unknown, fallback = 'no detail given'): string {
  if (v === undefined || v === null || v === '') return fallback;
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (typeof v === 'object' && !Array.isArray(v)) {
    const o = v as Record<string, unknown>;
    for (const k of ['message', 'error', 'msg', 'detail', 'reason']) if (typeof o[k] === 'string' && o[k]) return o[k] as string;
  }
  try {
    return JSON.stringify(v).slice(0, 300);
  } catch {
    return fallback;
  }
}

/**
 * Turns a Prometheus API body (and its HTTP status) into series, or an ImportError that says in
 * plain words what went wrong. `window` lets the 11,000-point error name a step that works.
 */
export function parsePromResponse(body: unknown, httpStatus = 200, window?: { startSec: number; endSec: number; stepSec?: number }): PromResult {
  const b = body as { status?: string; errorType?: unknown; error?: unknown; data?: { resultType?: string; result?: unknown }; warnings?: unknown[] } | undefined;
  if (!b || typeof b !== 'object' || (b.status !== 'success' && b.status !== 'error')) {
    throw new ImportError(`The answer (HTTP ${httpStatus}) is not a Prometheus API response: it has no "status" of success or error.`, 'json');
  }
  if (b.status === 'error') {
    const err = errorText(b.error);
    const type = errorText(b.errorType, 'unknown');
    if (type === 'bad_data' && /maximum resolution of 11,?000 points/i.test(err)) {
      const step = window ? minimumStep(window.startSec, window.endSec) : undefined;
      throw new ImportError(
        `Prometheus refused the query: the window at this step would give more than 11,000 points per series.` +
          (step ? ` Use a step of at least ${formatDurationPromql(step)} (${step}s) for this window, or a shorter window.` : ' Use a larger step or a shorter window.'),
        'bad_data',
        { minimumStep: step },
      );
    }
    if (type === 'bad_data') throw new ImportError(`Prometheus could not read the query (bad_data): ${err}`, 'bad_data');
    if (type === 'execution') throw new ImportError(`Prometheus could not evaluate the query (execution error, HTTP ${httpStatus}): ${err}`, 'execution');
    if (type === 'timeout') throw new ImportError(`Prometheus gave up on the query (timeout, HTTP ${httpStatus}): ${err}. Try a shorter window, a larger step or a simpler query.`, 'timeout');
    if (type === 'canceled') throw new ImportError(`Prometheus cancelled the query: ${err}`, 'timeout');
    throw new ImportError(`Prometheus answered with an error (${type}, HTTP ${httpStatus}): ${err}`, 'http');
  }
  const data = b.data;
  if (!data || typeof data !== 'object') throw new ImportError('The Prometheus response has no "data".', 'json');
  const warnings = [...(Array.isArray(b.warnings) ? b.warnings : []), ...(Array.isArray((b as { infos?: unknown[] }).infos) ? (b as { infos: unknown[] }).infos : [])].map(String);
  const rt = data.resultType;
  const res = data.result as unknown;
  const series: PromSeries[] = [];
  if (rt === 'matrix' && Array.isArray(res)) {
    for (const s of res as { metric?: Record<string, string>; values?: unknown[]; histograms?: unknown[] }[]) {
      const values: [number, number][] = [];
      for (const v of s.values ?? []) if (Array.isArray(v)) values.push([Number(v[0]), parseSampleValue(v[1])]);
      series.push({ metric: s.metric ?? {}, values });
    }
  } else if (rt === 'vector' && Array.isArray(res)) {
    for (const s of res as { metric?: Record<string, string>; value?: unknown[] }[]) {
      if (Array.isArray(s.value)) series.push({ metric: s.metric ?? {}, values: [[Number(s.value[0]), parseSampleValue(s.value[1])]] });
    }
  } else if (rt === 'scalar' && Array.isArray(res)) {
    series.push({ metric: {}, values: [[Number(res[0]), parseSampleValue(res[1])]] });
  } else if (rt === 'string') {
    throw new ImportError('The query returns a string, not numbers over time: there is nothing to put on the timeline.', 'empty');
  } else {
    throw new ImportError(`The Prometheus response has an unexpected result type "${String(rt)}".`, 'json');
  }
  return { resultType: rt, series, warnings };
}

export interface PromRowOptions {
  query: string;
  /** Fixed threshold. Without it each series is compared with its own baseline (the start of the window). */
  threshold?: number;
  /** Source column prefix (default `Prometheus`); a server name can be added by the caller. */
  sourceName?: string;
  /** Series with a departure kept at most (largest departures first); default 10. */
  maxSeries?: number;
  /** Crossing episodes kept per series (default 5). */
  maxEpisodes?: number;
}

export interface SeriesFinding {
  label: string;
  direction: 'up' | 'down';
  threshold: number;
  baseline?: number;
  episodes: { startSec: number; peakSec: number; peak: number; endSec?: number; endValue?: number; startValue: number; fromWindowStart: boolean }[];
}

export interface PromRowResult {
  rows: TimelineRow[];
  findings: SeriesFinding[];
  /** Plain-language notes: why there are no rows, series skipped, warnings from Prometheus. */
  notes: string[];
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** The baseline of a series: median of the first fifth of its finite samples (at least 3), and a robust spread. */
export function baselineOf(values: number[]): { baseline: number; delta: number } | undefined {
  const finite = values.filter((v) => Number.isFinite(v));
  if (finite.length < 3) return undefined;
  const head = finite.slice(0, Math.max(3, Math.floor(finite.length / 5)));
  const base = median(head);
  const mad = median(head.map((v) => Math.abs(v - base))) * 1.4826;
  const delta = Math.max(4 * mad, 0.2 * Math.abs(base), 1e-9);
  return { baseline: base, delta };
}

function analyse(s: PromSeries, label: string, threshold: number | undefined, maxEpisodes: number): SeriesFinding | undefined {
  const pts = s.values.filter(([, v]) => !Number.isNaN(v)).sort((a, b) => a[0] - b[0]);
  if (!pts.length) return undefined;
  let thr: number;
  let dir: 'up' | 'down';
  let baseline: number | undefined;
  if (threshold !== undefined) {
    thr = threshold;
    // Watch for the series going the other way from where it starts.
    dir = pts[0][1] > thr ? 'down' : 'up';
  } else {
    const b = baselineOf(pts.map((p) => p[1]));
    if (!b) return undefined;
    baseline = b.baseline;
    // The direction of the largest departure.
    let maxUp = -Infinity;
    let maxDown = Infinity;
    for (const [, v] of pts) {
      if (v > maxUp) maxUp = v;
      if (v < maxDown) maxDown = v;
    }
    dir = maxUp - b.baseline >= b.baseline - maxDown ? 'up' : 'down';
    thr = dir === 'up' ? b.baseline + b.delta : b.baseline - b.delta;
  }
  const beyond = (v: number) => (dir === 'up' ? v > thr : v < thr);
  const episodes: SeriesFinding['episodes'] = [];
  let cur: SeriesFinding['episodes'][number] | undefined;
  pts.forEach(([t, v], i) => {
    if (beyond(v)) {
      if (!cur) cur = { startSec: t, startValue: v, peakSec: t, peak: v, fromWindowStart: i === 0 };
      else if (dir === 'up' ? v > cur.peak : v < cur.peak) {
        cur.peak = v;
        cur.peakSec = t;
      }
    } else if (cur) {
      cur.endSec = t;
      cur.endValue = v;
      episodes.push(cur);
      cur = undefined;
    }
  });
  if (cur) episodes.push(cur);
  if (!episodes.length) return { label, direction: dir, threshold: thr, baseline, episodes };
  return { label, direction: dir, threshold: thr, baseline, episodes: episodes.slice(0, maxEpisodes) };
}

/** Rows for a query result: per series, the crossing, the peak and the recovery of each episode. */
export function promRows(result: PromResult, opts: PromRowOptions): PromRowResult {
  const notes = result.warnings.map((w) => `Prometheus warned: ${w}`);
  if (!result.series.length) {
    notes.unshift('The query returned no series in this window: check the metric name and labels, or widen the window.');
    return { rows: [], findings: [], notes };
  }
  const keys = distinguishingLabels(result.series.map((s) => s.metric));
  const findings: SeriesFinding[] = [];
  let flat = 0;
  let empty = 0;
  for (const s of result.series) {
    const f = analyse(s, seriesLabel(s.metric, keys), opts.threshold, opts.maxEpisodes ?? 5);
    if (!f) empty++;
    else if (!f.episodes.length) flat++;
    else findings.push(f);
  }
  const size = (f: SeriesFinding) => Math.max(...f.episodes.map((e) => (Number.isFinite(e.peak) ? Math.abs(e.peak - f.threshold) / (Math.abs(f.threshold) || 1) : Infinity)));
  findings.sort((a, b) => size(b) - size(a));
  const maxSeries = opts.maxSeries ?? 10;
  if (findings.length > maxSeries) notes.push(`${findings.length - maxSeries} more series crossed the threshold; only the ${maxSeries} largest departures are listed. Narrow the query to see the others.`);
  const kept = findings.slice(0, maxSeries);
  if (!kept.length) {
    notes.unshift(
      opts.threshold !== undefined
        ? `No series crossed ${formatNumber(opts.threshold)} in this window (${result.series.length} series${empty ? `, ${empty} without numeric samples` : ''}).`
        : `No series departed from its baseline in this window (${result.series.length} series${empty ? `, ${empty} with too few numeric samples` : ''}). Give a threshold to look for a specific value.`,
    );
  } else if (flat) {
    notes.push(`${flat} series stayed within ${opts.threshold !== undefined ? 'the threshold' : 'their baseline'}.`);
  }
  const source = cellText(opts.sourceName ?? 'Prometheus') + ' ' + codeSpanCell(opts.query);
  const rows: TimelineRow[] = [];
  for (const f of kept) {
    const who = f.label ? `${f.label}: ` : '';
    const word = f.direction === 'up' ? 'above' : 'below';
    const thr = formatNumber(f.threshold);
    const base = f.baseline !== undefined ? `, baseline ${formatNumber(f.baseline)}` : '';
    for (const e of f.episodes) {
      const cross = e.fromWindowStart ? `already ${word} ${thr} at the start of the window (${formatNumber(e.startValue)}${base})` : `${f.direction === 'up' ? 'rose above' : 'fell below'} ${thr} (${formatNumber(e.startValue)}${base})`;
      rows.push({ epochMs: e.startSec * 1000, event: cellText(who + cross), source, actor: '' });
      if (e.peakSec !== e.startSec) rows.push({ epochMs: e.peakSec * 1000, event: cellText(`${who}${f.direction === 'up' ? 'peaked at' : 'lowest at'} ${formatNumber(e.peak)}`), source, actor: '' });
      if (e.endSec !== undefined) rows.push({ epochMs: e.endSec * 1000, event: cellText(`${who}back ${f.direction === 'up' ? 'below' : 'above'} ${thr} (${formatNumber(e.endValue!)})`), source, actor: '' });
      else notes.push(`${f.label || 'The series'} was still ${word} ${thr} at the end of the window.`);
    }
  }
  return { rows: sortRows(rows), findings: kept, notes };
}
