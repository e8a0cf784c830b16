// The time window an import looks at: read from the report (its header date and timeline), or
// typed by a person ("last 2h", two ISO times).
import { buildModel } from '../model';
import { dayNumber } from '../time';
import { parseDurationSeconds } from './prometheus';
import { parseIsoTimestamp } from './time-parse';

export interface TimeWindow {
  startMs: number;
  endMs: number;
}

/**
 * The incident window of a report: from its first to its last timeline entry, widened by
 * `marginMs` (default: 30 minutes or a quarter of the span, whichever is larger). Without dated
 * timeline entries, the whole incident day from the header. Undefined when the report names no time.
 */
export function incidentWindow(text: string, marginMs?: number): TimeWindow | undefined {
  const model = buildModel(text);
  const times = model.timeline.entries.filter((e) => e.epoch !== undefined && e.dated).map((e) => e.epoch! * 1000);
  if (times.length) {
    const start = Math.min(...times);
    const end = Math.max(...times);
    const margin = marginMs ?? Math.max(30 * 60 * 1000, (end - start) / 4);
    return { startMs: start - margin, endMs: end + margin };
  }
  const date = model.timeline.baseDate ?? model.incidentDate;
  if (date) {
    const day = dayNumber(date) * 86400000 - (model.timeline.zone?.offsetMinutes ?? 0) * 60000;
    const margin = marginMs ?? 0;
    return { startMs: day - margin, endMs: day + 86400000 + margin };
  }
  return undefined;
}

/**
 * Reads a window as people type it: `last 2h`, `2h` (both ending now), `START END`,
 * `START/END` or `START..END` with ISO times (`2024-03-01T23:30Z`, `2024-03-01 23:30`, read as
 * UTC when they name no zone), or `START +90m`.
 */
export function parseWindowInput(input: string, nowMs: number): TimeWindow | undefined {
  const t = input.trim();
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

/** One instant: ISO 8601 (UTC when no zone is named), a date, or epoch seconds. */
export function parseInstant(s: string): number | undefined {
  const t = s.trim();
  if (/^\d{9,11}(?:\.\d+)?$/.test(t)) return Number(t) * 1000;
  const iso = parseIsoTimestamp(t.replace(/\s*UTC$/i, 'Z'), 'UTC');
  if (iso) return iso.epochMs;
  const dateOnly = /^(\d{4})-(\d{2})-(\d{2})$/.exec(t);
  if (dateOnly) return Date.UTC(+dateOnly[1], +dateOnly[2] - 1, +dateOnly[3]);
  return undefined;
}
