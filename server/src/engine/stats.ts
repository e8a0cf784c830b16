// `postmortem stats`: per report the time to detect, to mitigate and to resolve, read from its
// timeline (phases.ts says which rows mark what; the model's timeline gives each row its time),
// the medians, and the trend over time as an SVG chart. Pure: returns data and text.
import type { PostMortem } from './model';
import { incidentPhases, incidentTimes } from './phases';
import { dateOfDay, formatDuration } from './time';
import { niceStep, xmlEscape } from './import/chart';

export interface ReportStats {
  /** Relative to the folder the command ran in (forward slashes). */
  file: string;
  title: string;
  /** The incident's day, YYYY-MM-DD: the header's date, else the day of the first timeline row. */
  date: string | null;
  /** 1-based line of the row the spans start from (the first impact row, else the first row). */
  startLine: number | null;
  detectSeconds: number | null;
  mitigateSeconds: number | null;
  resolveSeconds: number | null;
  /** Why a span is missing, when one is. */
  note: string;
}

export function reportStats(file: string, doc: PostMortem): ReportStats {
  const p = incidentPhases(doc);
  const t = incidentTimes(p);
  const firstDated = p.rows.find((r) => r.entry.dated);
  const date = doc.incidentDate ?? (firstDated ? dateOfDay(Math.floor(firstDated.epoch / 86400)) : null);
  const title = (doc.title?.text ?? '').replace(/[*_`]/g, '').replace(/^(?:post-?mortem|incident(?: report| review)?|ポストモーテム|障害報告書?)\s*[:：-]\s*/i, '').trim();
  const notes: string[] = [];
  if (!p.rows.length) notes.push('no timeline rows with a time');
  else if (!p.ordered) notes.push('the timeline is not in time order');
  else {
    if (!p.start?.marked) notes.push('no row marks the impact: spans start at the first row');
    if (t.detect === undefined) notes.push('no row marks an alert or detection');
    if (t.resolve === undefined) notes.push('no row marks the recovery');
  }
  return {
    file,
    title,
    date,
    startLine: p.start && p.ordered ? p.start.entry.line + 1 : null,
    detectSeconds: t.detect ?? null,
    mitigateSeconds: t.mitigate ?? null,
    resolveSeconds: t.resolve ?? null,
    note: notes.join('; '),
  };
}

/** Reports by date (undated last), then by file. */
export function sortStats(rows: ReportStats[]): ReportStats[] {
  return [...rows].sort((a, b) => (a.date ?? '9999').localeCompare(b.date ?? '9999') || a.file.localeCompare(b.file));
}

export function median(values: number[]): number | null {
  if (!values.length) return null;
  const v = [...values].sort((a, b) => a - b);
  const mid = v.length >> 1;
  return v.length % 2 ? v[mid] : (v[mid - 1] + v[mid]) / 2;
}

export interface StatsSummary {
  reports: number;
  medianDetectSeconds: number | null;
  medianMitigateSeconds: number | null;
  medianResolveSeconds: number | null;
}

export function statsSummary(rows: ReportStats[]): StatsSummary {
  const of = (k: 'detectSeconds' | 'mitigateSeconds' | 'resolveSeconds') => median(rows.map((r) => r[k]).filter((x): x is number => x !== null));
  return { reports: rows.length, medianDetectSeconds: of('detectSeconds'), medianMitigateSeconds: of('mitigateSeconds'), medianResolveSeconds: of('resolveSeconds') };
}

const span = (s: number | null) => (s === null ? '-' : formatDuration(s));

export function statsTable(rows: ReportStats[]): string {
  const head = ['DATE', 'REPORT', 'DETECT', 'MITIGATE', 'RESOLVE', 'NOTE'];
  const body = rows.map((r) => [r.date ?? '-', r.file, span(r.detectSeconds), span(r.mitigateSeconds), span(r.resolveSeconds), r.note]);
  const s = statsSummary(rows);
  if (rows.length) body.push(['median', `${rows.length} report${rows.length === 1 ? '' : 's'}`, span(s.medianDetectSeconds), span(s.medianMitigateSeconds), span(s.medianResolveSeconds), '']);
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((b) => b[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i]))).join('  ').trimEnd();
  return rows.length ? [line(head), ...body.map(line)].join('\n') + '\n' : 'no reports\n';
}

export function statsJson(rows: ReportStats[]): string {
  return JSON.stringify({ reports: rows, summary: statsSummary(rows) }, null, 2) + '\n';
}

const SERIES = [
  { key: 'detectSeconds', name: 'time to detect', color: '#ff7f0e' },
  { key: 'mitigateSeconds', name: 'time to mitigate', color: '#1f77b4' },
  { key: 'resolveSeconds', name: 'time to resolve', color: '#2ca02c' },
] as const;

/**
 * The trend as an SVG line chart: one point per dated report, in date order, for each of the three
 * times (minutes, or hours when they run long); hovering a point names the report. Every text in
 * it is escaped, so report titles cannot break the XML.
 */
export function renderStatsChart(all: ReportStats[], opts: { title?: string; width?: number; height?: number } = {}): string {
  const rows = sortStats(all).filter((r) => r.date && SERIES.some((s) => r[s.key] !== null));
  const W = opts.width ?? 900;
  const H = opts.height ?? 380;
  const left = 70;
  const right = 20;
  const top = 40;
  const bottom = 70;
  const pw = W - left - right;
  const ph = H - top - bottom;
  const maxSec = Math.max(0, ...rows.flatMap((r) => SERIES.map((s) => r[s.key] ?? 0)));
  const hours = maxSec > 3 * 3600;
  const unit = hours ? 3600 : 60;
  const yStep = niceStep(Math.max(maxSec / unit, 1), 5);
  const hi = Math.max(yStep, Math.ceil(maxSec / unit / yStep) * yStep);
  const x = (i: number) => left + (rows.length <= 1 ? pw / 2 : (i / (rows.length - 1)) * pw);
  const y = (sec: number) => top + ph - (sec / unit / hi) * ph;
  const f = (n: number) => n.toFixed(1);
  const title = opts.title ?? 'Incident response times';
  const out: string[] = [];
  out.push(`<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-family="sans-serif" font-size="11">`);
  out.push(`<title>${xmlEscape(title)}</title>`);
  out.push(`<rect x="0" y="0" width="${W}" height="${H}" fill="#ffffff"/>`);
  out.push(`<text x="${left}" y="20" font-size="13" font-weight="bold">${xmlEscape(title)}</text>`);
  for (let v = 0; v <= hi + yStep / 2; v += yStep) {
    out.push(`<line x1="${left}" y1="${f(top + ph - (v / hi) * ph)}" x2="${left + pw}" y2="${f(top + ph - (v / hi) * ph)}" stroke="#e5e5e5"/>`);
    out.push(`<text x="${left - 6}" y="${f(top + ph - (v / hi) * ph + 4)}" text-anchor="end">${Number(v.toPrecision(6))}</text>`);
  }
  out.push(`<text x="14" y="${f(top + ph / 2)}" transform="rotate(-90 14 ${f(top + ph / 2)})" text-anchor="middle" fill="#555">${hours ? 'hours' : 'minutes'}</text>`);
  out.push(`<rect x="${left}" y="${top}" width="${pw}" height="${ph}" fill="none" stroke="#999"/>`);
  if (!rows.length) out.push(`<text x="${f(left + pw / 2)}" y="${f(top + ph / 2)}" text-anchor="middle" fill="#555">No dated report with timeline times</text>`);
  // Date labels under the points: at most about twelve, evenly picked.
  const every = Math.max(1, Math.ceil(rows.length / 12));
  rows.forEach((r, i) => {
    if (i % every) return;
    out.push(`<text x="${f(x(i))}" y="${top + ph + 16}" text-anchor="middle">${xmlEscape(r.date!)}</text>`);
  });
  for (const s of SERIES) {
    const pts = rows.map((r, i) => (r[s.key] === null ? null : { i, r, sec: r[s.key]! }));
    // A report without this time breaks the line rather than joining across it.
    let seg: string[] = [];
    const flush = () => {
      if (seg.length > 1) out.push(`<polyline fill="none" stroke="${s.color}" stroke-width="1.5" points="${seg.join(' ')}"/>`);
      seg = [];
    };
    for (const p of pts) {
      if (!p) {
        flush();
        continue;
      }
      seg.push(`${f(x(p.i))},${f(y(p.sec))}`);
    }
    flush();
    for (const p of pts) {
      if (!p) continue;
      const label = `${p.r.date} ${p.r.title || p.r.file}: ${s.name} ${formatDuration(p.sec)}`;
      out.push(`<circle cx="${f(x(p.i))}" cy="${f(y(p.sec))}" r="3" fill="${s.color}"><title>${xmlEscape(label)}</title></circle>`);
    }
  }
  SERIES.forEach((s, i) => {
    const lx = left + i * 160;
    const ly = H - 18;
    out.push(`<rect x="${lx}" y="${ly - 8}" width="10" height="3" fill="${s.color}"/><text x="${lx + 14}" y="${ly - 4}">${s.name}</text>`);
  });
  out.push('</svg>');
  return out.join('\n') + '\n';
}
