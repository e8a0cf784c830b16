// Alert history to timeline rows: one row per state change.
//
// From Prometheus, the `ALERTS` series is 1 while an alert is pending or firing; the raw samples
// (an instant query of `ALERTS[window]`) show when each state began and ended. From Alertmanager
// (`/api/v2/alerts`, `amtool alert query -o json`) only current alerts exist: `startsAt` is when
// it fired, and `endsAt` is a resolution only when it lies in the past (for an active alert it is
// an expiry).
import { clockUtc, parseIsoTimestamp } from '../../time';
import { cellText } from '../cells';
import { distinguishingLabels, labelsInParens } from '../labels';
import { ImportError, sortRows, type TimelineRow } from '../rows';
import type { PromSeries } from './prometheus';

const STATE_LABELS = new Set(['__name__', 'alertstate']);
/** Labels already in an alert row's name or state. */
const NAME_LABELS = new Set([...STATE_LABELS, 'alertname']);

function identity(metric: Record<string, string>): string {
  return Object.keys(metric)
    .filter((k) => !STATE_LABELS.has(k))
    .sort()
    .map((k) => `${k}=${metric[k]}`)
    .join(',');
}

interface Interval {
  state: 'pending' | 'firing';
  start: number;
  last: number;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[s.length >> 1] : NaN;
}

export interface AlertSeriesOptions {
  /** Seconds between rule evaluations; default: inferred from the sample spacing (else 60). */
  intervalSec?: number;
  /** End of the queried window (seconds): an alert active at its end is not resolved. */
  endSec?: number;
  sourceName?: string;
}

/**
 * Rows from `ALERTS` samples: "X pending", "X firing", "X resolved" (or "X pending ended without
 * firing"). A gap of more than 2.5 evaluation intervals between samples ends an interval; the
 * alert is taken to have ended one interval after its last active sample (the evaluation that
 * found it inactive).
 */
export function alertRowsFromSeries(series: PromSeries[], opts: AlertSeriesOptions = {}): TimelineRow[] {
  const alerts = series.filter((s) => s.metric.alertname !== undefined);
  if (series.length && !alerts.length) {
    throw new ImportError('These series have no "alertname" label: they are not the ALERTS series.', 'format');
  }
  const diffs: number[] = [];
  for (const s of alerts) for (let i = 1; i < s.values.length; i++) diffs.push(s.values[i][0] - s.values[i - 1][0]);
  const interval = opts.intervalSec ?? (diffs.length ? median(diffs) : 60);
  const maxGap = interval * 2.5;

  const groups = new Map<string, { metric: Record<string, string>; intervals: Interval[] }>();
  for (const s of alerts) {
    const state = s.metric.alertstate === 'pending' ? 'pending' : 'firing';
    const id = identity(s.metric);
    const g = groups.get(id) ?? { metric: s.metric, intervals: [] };
    groups.set(id, g);
    let cur: Interval | undefined;
    for (const [t, v] of [...s.values].sort((a, b) => a[0] - b[0])) {
      if (!(v > 0)) continue;
      if (cur && t - cur.last <= maxGap) cur.last = t;
      else {
        if (cur) g.intervals.push(cur);
        cur = { state, start: t, last: t };
      }
    }
    if (cur) g.intervals.push(cur);
  }
  const keys = distinguishingLabels([...groups.values()].map((g) => Object.fromEntries(Object.entries(g.metric).filter(([k]) => !STATE_LABELS.has(k)))));
  const source = cellText(opts.sourceName ?? 'Prometheus') + ' `ALERTS`';
  const rows: TimelineRow[] = [];
  for (const g of groups.values()) {
    const name = g.metric.alertname + labelsInParens(g.metric, keys, NAME_LABELS);
    const ivs = g.intervals.sort((a, b) => a.start - b.start || (a.state === 'pending' ? -1 : 1));
    ivs.forEach((iv, i) => {
      rows.push({ epochMs: iv.start * 1000, event: cellText(`${name} ${iv.state}`), source, actor: '' });
      const end = iv.last + interval;
      const stillActive = opts.endSec !== undefined && end > opts.endSec;
      if (stillActive) return;
      const next = ivs[i + 1];
      if (iv.state === 'pending') {
        // Pending that turned into firing ends with the firing row, not a row of its own.
        if (next && next.state === 'firing' && next.start <= end + interval / 2) return;
        rows.push({ epochMs: end * 1000, event: cellText(`${name} pending ended without firing`), source, actor: '' });
      } else {
        rows.push({ epochMs: end * 1000, event: cellText(`${name} resolved (last seen firing ${clockUtc(iv.last * 1000)})`), source, actor: '' });
      }
    });
  }
  return sortRows(rows);
}

interface AmAlert {
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  startsAt?: string;
  endsAt?: string;
  updatedAt?: string;
  status?: { state?: string; silencedBy?: string[]; inhibitedBy?: string[] };
}

/**
 * Rows from Alertmanager alerts (`/api/v2/alerts` or `amtool alert query -o json`): a "firing"
 * row at `startsAt`, and a "resolved" row at `endsAt` when that is before `nowMs` (default: the
 * latest `updatedAt` in the list, so a saved file reads the same later).
 */
export function alertRowsFromAlertmanager(body: unknown, opts: { nowMs?: number; sourceName?: string } = {}): TimelineRow[] {
  if (!Array.isArray(body)) throw new ImportError('This is not an Alertmanager alert list: expected a JSON array of alerts (from /api/v2/alerts or `amtool alert query -o json`).', 'format');
  const alerts = body as AmAlert[];
  for (const a of alerts) {
    if (!a || typeof a !== 'object' || !a.labels || typeof a.startsAt !== 'string') {
      throw new ImportError('This is not an Alertmanager alert list: an entry has no labels or startsAt.', 'format');
    }
  }
  const ms = (s: string | undefined) => (s ? parseIsoTimestamp(s)?.epochMs : undefined);
  const now = opts.nowMs ?? Math.max(...alerts.map((a) => ms(a.updatedAt) ?? 0));
  const keys = distinguishingLabels(alerts.map((a) => a.labels!));
  const source = cellText(opts.sourceName ?? 'Alertmanager');
  const rows: TimelineRow[] = [];
  for (const a of alerts) {
    const start = ms(a.startsAt);
    if (start === undefined) continue;
    const labels = a.labels!;
    const name = `${labels.alertname ?? 'alert'}${labelsInParens(labels, keys, NAME_LABELS)}`;
    const summary = a.annotations?.summary ?? a.annotations?.description;
    const state = a.status?.state;
    const note = state === 'suppressed' ? (a.status?.silencedBy?.length ? ', silenced' : ', inhibited') : '';
    rows.push({ epochMs: start, event: cellText(`${name} firing${note}${summary ? `: ${summary}` : ''}`), source, actor: '' });
    const end = ms(a.endsAt);
    if (end !== undefined && end <= now && end > start) rows.push({ epochMs: end, event: cellText(`${name} resolved`), source, actor: '' });
  }
  return sortRows(rows);
}
