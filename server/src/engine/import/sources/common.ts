// What every source parser shares: the window it keeps, and reading the loosely typed JSON that
// tools write (a value may be missing, null, or of another type than documented).
import { clockUtc, isoUtc, parseIsoTimestamp } from '../../time';

/** The window a source keeps rows in (milliseconds since the epoch, inclusive); open when absent. */
export interface SourceWindow {
  startMs?: number;
  endMs?: number;
}

export function inWindow(ms: number, w: SourceWindow): boolean {
  return (w.startMs === undefined || ms >= w.startMs) && (w.endMs === undefined || ms <= w.endMs);
}

export type Json = Record<string, unknown>;

export function isObject(v: unknown): v is Json {
  return !!v && typeof v === 'object' && !Array.isArray(v);
}

/** A string field, or undefined when it is absent, empty or not a string. */
export function str(v: unknown): string | undefined {
  return typeof v === 'string' && v !== '' ? v : undefined;
}

/** A field down a path of keys (`get(o, 'metadata', 'name')`). */
export function get(o: unknown, ...keys: string[]): unknown {
  let cur = o;
  for (const k of keys) {
    if (!isObject(cur)) return undefined;
    cur = cur[k];
  }
  return cur;
}

/**
 * An RFC 3339 time as an epoch and, when it is finer than a millisecond, the original text (kept
 * so rows in the same millisecond stay in order). Times without an offset are read as UTC.
 */
export function isoTime(v: unknown): { epochMs: number; precise?: string } | undefined {
  if (typeof v !== 'string') return undefined;
  const t = parseIsoTimestamp(v);
  if (!t) return undefined;
  return t.subMs ? { epochMs: t.epochMs, precise: v } : { epochMs: t.epochMs };
}

/** `until 23:55:05`, with the date when it is another day than `firstMs`. */
export function untilText(firstMs: number, lastMs: number): string {
  const sameDay = isoUtc(lastMs).slice(0, 10) === isoUtc(firstMs).slice(0, 10);
  return `until ${sameDay ? clockUtc(lastMs) : isoUtc(lastMs)}`;
}

/** ` (x23 until 23:55:05)` for something seen `count` times, nothing for once. */
export function repeatSuffix(count: number, firstMs: number, lastMs: number): string {
  return count > 1 ? ` (x${count} ${untilText(firstMs, lastMs)})` : '';
}
