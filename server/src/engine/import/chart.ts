// An SVG line chart of queried series over a window, with the incident's timeline rows marked as
// vertical lines. Pure: returns the SVG text; the adapter writes it beside the report.
import { formatNumber } from './cells';
import type { PromSeries } from './sources/prometheus';

export interface ChartMark {
  epochMs: number;
  label: string;
}

export interface ChartOptions {
  title: string;
  startMs: number;
  endMs: number;
  /** Names of the series in the legend (same order as `series`). */
  names?: string[];
  marks?: ChartMark[];
  threshold?: number;
  width?: number;
  height?: number;
}

const COLORS = ['#1f77b4', '#d62728', '#2ca02c', '#ff7f0e', '#9467bd', '#8c564b', '#e377c2', '#7f7f7f', '#bcbd22', '#17becf'];

/**
 * Text safe inside SVG (XML 1.0) content and attributes: markup characters escaped, and the
 * characters XML forbids (control characters other than tab and newline, lone surrogates,
 * U+FFFE/U+FFFF), which labels and queries can carry, replaced by U+FFFD.
 */
export function xmlEscape(s: string): string {
  return s
    .replace(/[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

const pad = (n: number) => String(n).padStart(2, '0');
function tickLabel(ms: number, withDate: boolean): string {
  const d = new Date(ms);
  const clock = `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
  return withDate ? `${d.getUTCMonth() + 1}/${d.getUTCDate()} ${clock}` : clock;
}

export function niceStep(range: number, count: number): number {
  const raw = range / count;
  const mag = 10 ** Math.floor(Math.log10(raw));
  for (const m of [1, 2, 2.5, 5, 10]) if (m * mag >= raw) return m * mag;
  return 10 * mag;
}

/** Renders the chart. Non-finite samples break the line; the y axis covers finite values and the threshold. */
export function renderChart(series: PromSeries[], opts: ChartOptions): string {
  const W = opts.width ?? 900;
  const legendRows = Math.ceil(Math.min(series.length, COLORS.length) / 4);
  const H = (opts.height ?? 340) + legendRows * 14;
  const left = 70;
  const right = 20;
  const top = 40;
  const bottom = 46 + legendRows * 14;
  const pw = W - left - right;
  const ph = H - top - bottom;
  const t0 = opts.startMs;
  const t1 = Math.max(opts.endMs, t0 + 1);
  const shown = series.slice(0, COLORS.length);
  let lo = Infinity;
  let hi = -Infinity;
  for (const s of shown) for (const [, v] of s.values) if (Number.isFinite(v)) { lo = Math.min(lo, v); hi = Math.max(hi, v); }
  if (opts.threshold !== undefined && Number.isFinite(opts.threshold)) { lo = Math.min(lo, opts.threshold); hi = Math.max(hi, opts.threshold); }
  if (!Number.isFinite(lo)) { lo = 0; hi = 1; }
  if (lo > 0 && lo < hi / 3) lo = 0;
  if (hi === lo) { hi = lo + 1; lo = lo - 1; }
  const yStep = niceStep(hi - lo, 5);
  lo = Math.floor(lo / yStep) * yStep;
  hi = Math.ceil(hi / yStep) * yStep;
  const x = (ms: number) => left + ((ms - t0) / (t1 - t0)) * pw;
  const y = (v: number) => top + ph - ((v - lo) / (hi - lo)) * ph;
  const f = (n: number) => n.toFixed(1);
  const out: string[] = [];
  out.push(`<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-family="sans-serif" font-size="11">`);
  out.push(`<title>${xmlEscape(opts.title)}</title>`);
  out.push(`<rect x="0" y="0" width="${W}" height="${H}" fill="#ffffff"/>`);
  out.push(`<text x="${left}" y="20" font-size="13" font-weight="bold">${xmlEscape(opts.title.length > 110 ? opts.title.slice(0, 109) + '…' : opts.title)}</text>`);
  // Grid and axes.
  for (let v = lo; v <= hi + yStep / 2; v += yStep) {
    out.push(`<line x1="${left}" y1="${f(y(v))}" x2="${left + pw}" y2="${f(y(v))}" stroke="#e5e5e5"/>`);
    out.push(`<text x="${left - 6}" y="${f(y(v) + 4)}" text-anchor="end">${xmlEscape(formatNumber(Number(v.toPrecision(6))))}</text>`);
  }
  const withDate = new Date(t0).toISOString().slice(0, 10) !== new Date(t1).toISOString().slice(0, 10);
  const tStep = [60e3, 120e3, 300e3, 600e3, 900e3, 1800e3, 3600e3, 7200e3, 10800e3, 21600e3, 43200e3, 86400e3].find((s) => (t1 - t0) / s <= 8) ?? 86400e3;
  for (let t = Math.ceil(t0 / tStep) * tStep; t <= t1; t += tStep) {
    out.push(`<line x1="${f(x(t))}" y1="${top}" x2="${f(x(t))}" y2="${top + ph}" stroke="#f0f0f0"/>`);
    out.push(`<text x="${f(x(t))}" y="${top + ph + 16}" text-anchor="middle">${xmlEscape(tickLabel(t, withDate))}</text>`);
  }
  out.push(`<text x="${left + pw}" y="${top + ph + 32}" text-anchor="end" fill="#555">UTC</text>`);
  out.push(`<rect x="${left}" y="${top}" width="${pw}" height="${ph}" fill="none" stroke="#999"/>`);
  if (opts.threshold !== undefined && Number.isFinite(opts.threshold)) {
    out.push(`<line x1="${left}" y1="${f(y(opts.threshold))}" x2="${left + pw}" y2="${f(y(opts.threshold))}" stroke="#d62728" stroke-dasharray="6 4"/>`);
  }
  // Series.
  shown.forEach((s, i) => {
    const segs: string[] = [];
    let cur: string[] = [];
    for (const [t, v] of s.values) {
      const ms = t * 1000;
      if (!Number.isFinite(v) || ms < t0 || ms > t1) {
        if (cur.length) segs.push(cur.join(' '));
        cur = [];
        continue;
      }
      cur.push(`${f(x(ms))},${f(y(v))}`);
    }
    if (cur.length) segs.push(cur.join(' '));
    for (const pts of segs) {
      if (pts.includes(' ')) out.push(`<polyline fill="none" stroke="${COLORS[i]}" stroke-width="1.5" points="${pts}"/>`);
      else { const [cx, cy] = pts.split(','); out.push(`<circle cx="${cx}" cy="${cy}" r="2" fill="${COLORS[i]}"/>`); }
    }
  });
  // Marks: numbered vertical lines, the labels listed below the plot.
  const marks = (opts.marks ?? []).filter((m) => m.epochMs >= t0 && m.epochMs <= t1).slice(0, 30);
  marks.forEach((m, i) => {
    const mx = f(x(m.epochMs));
    out.push(`<line x1="${mx}" y1="${top}" x2="${mx}" y2="${top + ph}" stroke="#444" stroke-dasharray="2 3"><title>${xmlEscape(m.label)}</title></line>`);
    out.push(`<text x="${mx}" y="${top - 4}" text-anchor="middle" font-size="9">${i + 1}</text>`);
  });
  // Legend.
  const names = opts.names ?? shown.map((s) => Object.entries(s.metric).map(([k, v]) => `${k}=${v}`).join(', ') || 'value');
  shown.forEach((_, i) => {
    const lx = left + (i % 4) * (pw / 4);
    const ly = top + ph + 40 + Math.floor(i / 4) * 14;
    out.push(`<rect x="${lx}" y="${ly - 8}" width="10" height="3" fill="${COLORS[i]}"/><text x="${lx + 14}" y="${ly - 4}">${xmlEscape((names[i] ?? '').slice(0, 40))}</text>`);
  });
  out.push('</svg>');
  return out.join('\n') + '\n';
}
