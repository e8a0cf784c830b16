// The one orchestration of an import, as pure planning: which time window to read, at which
// step, which year a year-less log line belongs to, which moments the chart marks, and how the
// rows go into the report's timeline as one edit. The CLI, the language server (and through it
// VS Code and every other LSP editor) call these; the adapters in server/src/node only fetch and
// read the data.
import { buildModel, zoneOf, type PostMortem } from '../model';
import { dayNumber, parseDurationSeconds, parseInstant, wallOffset } from '../time';
import type { ChartMark } from './chart';
import { mergeRows, type MergeResult } from './merge';
import { ImportError, type TimelineRow } from './rows';
import { chooseStep, type PromSeries } from './sources/prometheus';
import type { ImportArgs, ImportSource, Origin } from './sources';

export interface TimeWindow {
  startMs: number;
  endMs: number;
}

/**
 * The incident window of a report: from its first to its last timeline entry, widened by
 * `marginMs` (default: 30 minutes or a quarter of the span, whichever is larger). Without dated
 * timeline entries, the whole incident day from the header. Undefined when the report names no time.
 */
export function incidentWindow(text: string | PostMortem, marginMs?: number): TimeWindow | undefined {
  const model = typeof text === 'string' ? buildModel(text) : text;
  const times = model.timeline.entries.filter((e) => e.epoch !== undefined && e.dated).map((e) => e.epoch! * 1000);
  if (times.length) {
    let start = Infinity;
    let end = -Infinity;
    for (const t of times) {
      if (t < start) start = t;
      if (t > end) end = t;
    }
    const margin = marginMs ?? Math.max(30 * 60 * 1000, (end - start) / 4);
    return { startMs: start - margin, endMs: end + margin };
  }
  const date = model.timeline.baseDate ?? model.incidentDate;
  if (date) {
    const zone = zoneOf(model.timeline, 0);
    const day = dayNumber(date) * 86400000 - (zone ? wallOffset(zone, dayNumber(date), 0) : 0) * 60000;
    const margin = marginMs ?? 0;
    return { startMs: day - margin, endMs: day + 86400000 + margin };
  }
  return undefined;
}

/** Longest `--window` / import dialog window text read (see parseWindowInput). */
export const MAX_WINDOW_INPUT = 200;

/**
 * Reads a window as people type it: `last 2h`, `2h` (both ending now), `START END`,
 * `START/END` or `START..END` with ISO times (`2024-03-01T23:30Z`, `2024-03-01 23:30`, read as
 * UTC when they name no zone), or `START +90m`.
 */
export function parseWindowInput(input: string, nowMs: number): TimeWindow | undefined {
  const t = input.trim();
  // A window is two times (at most about 70 characters with zones and seconds); anything much
  // longer is not one, and the separators below are only ever searched in a short text.
  if (t.length > MAX_WINDOW_INPUT) return undefined;
  const rel = /^(?:last\s+|past\s+)?(\d+(?:\.\d+)?\s*(?:ms|s|m|h|d|w)(?:\s*\d+(?:\.\d+)?\s*(?:ms|s|m|h|d|w))*)$/i.exec(t);
  if (rel) {
    const sec = parseDurationSeconds(rel[1].replace(/\s+/g, '').toLowerCase());
    if (!sec) return undefined;
    return { startMs: nowMs - sec * 1000, endMs: nowMs };
  }
  const parts = t.split(/\s*(?:\.\.|\/|\s+to\s+|\s+[-–]\s+)\s*|\s+(?=\d{4}-\d{2}-\d{2}|\+)/).filter(Boolean);
  if (parts.length !== 2) {
    // "2024-03-01 23:30 2024-03-02 01:00": split after the second field.
    const m = /^(\d{4}-\d{2}-\d{2}[ T]\S+)\s+(\d{4}-\d{2}-\d{2}[ T]\S+)$/.exec(t);
    if (!m) return undefined;
    parts.splice(0, parts.length, m[1], m[2]);
  }
  const start = parseInstant(parts[0]);
  if (start === undefined) return undefined;
  let end: number | undefined;
  const plus = /^\+(.+)$/.exec(parts[1]);
  if (plus) {
    const sec = parseDurationSeconds(plus[1]);
    end = sec === undefined ? undefined : start + sec * 1000;
  } else end = parseInstant(parts[1]);
  if (end === undefined || end <= start) return undefined;
  return { startMs: start, endMs: end };
}

/** A window typed in `window`, or `start` and `end`; undefined when none was given. Throws on a malformed one. */
export function windowFromArgs(args: Pick<ImportArgs, 'start' | 'end' | 'window'>, nowMs: number): TimeWindow | undefined {
  if (args.window) {
    const w = parseWindowInput(args.window, nowMs);
    if (!w) throw new ImportError(`The window "${args.window}" is not a window: use "last 2h" or "START END" in ISO 8601.`, 'usage');
    return w;
  }
  if (args.start || args.end) {
    if (!args.start || !args.end) throw new ImportError('Give both a start and an end (or a window).', 'usage');
    const instant = (s: string, what: string) => {
      const t = parseInstant(s);
      if (t === undefined) throw new ImportError(`The ${what} "${s}" is not a time: use ISO 8601 (2024-03-01T23:30:00Z) or epoch seconds.`, 'usage');
      return t;
    };
    const w = { startMs: instant(args.start, 'start'), endMs: instant(args.end, 'end') };
    if (w.endMs <= w.startMs) throw new ImportError('The end must be after the start.', 'usage');
    return w;
  }
  return undefined;
}

/**
 * The window an import reads: the one given, else (when the source takes the report's) the
 * report's incident window. Refused when the source needs one and there is none.
 */
export function planWindow(source: ImportSource, origin: Origin, args: ImportArgs, report: PostMortem | undefined, nowMs: number): TimeWindow | undefined {
  const need = source.window?.[origin];
  const given = windowFromArgs(args, nowMs);
  if (given || !need || need === 'filter') return given;
  const fromReport = report ? incidentWindow(report) : undefined;
  if (!fromReport && need === 'required') {
    throw new ImportError('No window: give a start and an end (or a window such as "last 2h"), or import into a report whose timeline has dated times.', 'usage');
  }
  return fromReport;
}

/** The step of a range query: the one given (`15s`, `1m`, seconds), else one that keeps every series under Prometheus's limit. */
export function planStep(window: TimeWindow, step: string | number | undefined): number {
  if (step === undefined || step === '') return chooseStep(Math.floor(window.startMs / 1000), Math.ceil(window.endMs / 1000));
  const sec = typeof step === 'number' ? step : parseDurationSeconds(step);
  if (!sec || !(sec > 0)) throw new ImportError(`The step "${step}" is not a duration: use 15s, 1m, or a number of seconds.`, 'usage');
  return sec;
}

/** A time near the data (the report's incident day): gives year-less timestamps (syslog) their year. */
export function referenceMs(report: PostMortem | undefined): number | undefined {
  const date = report?.incidentDate ?? report?.timeline.baseDate;
  return date ? Date.parse(date + 'T00:00:00Z') : undefined;
}

/** The span of the samples: the window of a chart drawn from a saved file. */
export function seriesWindow(series: PromSeries[]): TimeWindow | undefined {
  let start = Infinity;
  let end = -Infinity;
  for (const s of series) for (const [t] of s.values) {
    if (t * 1000 < start) start = t * 1000;
    if (t * 1000 > end) end = t * 1000;
  }
  return Number.isFinite(start) ? { startMs: start, endMs: end } : undefined;
}

/** What a chart marks: the report's dated timeline entries and the imported rows. */
export function chartMarks(report: PostMortem, rows: TimelineRow[]): ChartMark[] {
  return [
    ...report.timeline.entries.filter((e) => e.epoch !== undefined && e.dated).map((e) => ({ epochMs: e.epoch! * 1000, label: e.event?.text ?? e.timeText })),
    ...rows.map((r) => ({ epochMs: r.epochMs, label: r.event })),
  ];
}

/** The rows as one edit of the report (time order, duplicates skipped), with lines such as a chart link below the timeline. */
export function planInsert(text: string, rows: TimelineRow[], appendBelow?: string[]): MergeResult {
  return mergeRows(text, rows, { appendBelow });
}

/** One sentence saying what the edit does, e.g. "3 rows inserted into r.md, 1 already there [times HH:MM UTC]." */
export function insertSummary(m: MergeResult, fileName?: string): string {
  return (
    `${m.inserted} row${m.inserted === 1 ? '' : 's'} inserted${fileName ? ` into ${fileName}` : ''}` +
    (m.duplicates ? `, ${m.duplicates} already there` : '') +
    (m.createdSection ? ' (Timeline section created)' : '') +
    ` [times ${m.timeStyle}].`
  );
}
