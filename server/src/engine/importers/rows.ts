// Timeline rows produced by the importers, and the text rules that keep them safe in a table cell.

/** One candidate timeline row. Importers produce these; `timeline-merge.ts` writes them. */
export interface TimelineRow {
  /** Milliseconds since the epoch (UTC). */
  epochMs: number;
  /**
   * The original timestamp when it is finer than a millisecond (`2024-03-01T23:55:00.123456789Z`,
   * a Loki nanosecond string, a journald microsecond count): used to order rows that share a
   * millisecond.
   */
  precise?: string;
  event: string;
  source: string;
  actor: string;
}

/** Nanoseconds below the millisecond carried by a precise timestamp (0..999999). */
export function subMillisecondNanos(precise: string | undefined): number {
  if (!precise) return 0;
  const digits = /^\d+$/.exec(precise.trim());
  if (digits) {
    const s = digits[0];
    if (s.length >= 18) return Number(s.slice(-6)); // nanoseconds since the epoch
    if (s.length >= 15) return Number(s.slice(-3)) * 1000; // microseconds since the epoch
    return 0;
  }
  const frac = /[T ]\d{1,2}:\d{2}:\d{2}[.,](\d+)/.exec(precise);
  if (!frac) return 0;
  const nine = (frac[1] + '000000000').slice(0, 9);
  return Number(nine.slice(3));
}

/** Time order, then sub-millisecond order; stable for equal times when used with a stable sort. */
export function compareRows(a: TimelineRow, b: TimelineRow): number {
  return a.epochMs - b.epochMs || subMillisecondNanos(a.precise) - subMillisecondNanos(b.precise);
}

export function sortRows<T extends TimelineRow>(rows: T[]): T[] {
  return rows
    .map((r, i) => ({ r, i }))
    .sort((x, y) => compareRows(x.r, y.r) || x.i - y.i)
    .map((x) => x.r);
}

const MAX_CELL = 300;

/**
 * Makes text safe for one GFM table cell: one line, pipes and backslashes escaped, backticks
 * escaped (so no code span swallows a pipe), HTML tags and entities neutralised, control
 * characters (ANSI colour codes included) removed, long text shortened.
 */
export function cellText(s: string, max = MAX_CELL): string {
  let t = s
     
    .replace(/\x1b\[[0-9;?]*[A-Za-z]/g, '')
    .replace(/\r\n|\r|\n|\u2028|\u2029/g, ' ')
     
    .replace(/[\x00-\x08\x0b-\x1f\x7f]/g, ' ')
    .replace(/\t/g, ' ')
    .replace(/\s{2,}/g, ' ')
    .trim();
  if (t.length > max) t = t.slice(0, max - 1).trimEnd() + '…';
  return t
    .replace(/\\/g, '\\\\')
    .replace(/\|/g, '\\|')
    .replace(/`/g, '\\`')
    .replace(/&(?=#?\w+;)/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;');
}

/** A code span safe inside a table cell (for queries): fence longer than any backtick run, pipes escaped. */
export function codeSpanCell(s: string, max = 200): string {
  let t = s.replace(/\s+/g, ' ').trim();
  if (t.length > max) t = t.slice(0, max - 1) + '…';
  // A backslash before a pipe would pair with the escape we add: fall back to escaped text.
  if (/\\(?=\|)|\\$/.test(t)) return cellText(t, max);
  const runs = t.match(/`+/g) ?? [];
  const fence = '`'.repeat(Math.max(0, ...runs.map((r) => r.length)) + 1);
  const pad = t.startsWith('`') || t.endsWith('`') ? ' ' : '';
  // Inside a table a pipe must be escaped even in a code span.
  t = t.replace(/\|/g, '\\|');
  return `${fence}${pad}${t}${pad}${fence}`;
}

/** Numbers as people read them: up to 4 significant digits, no exponent for ordinary sizes. */
export function formatNumber(v: number): string {
  if (Number.isNaN(v)) return 'NaN';
  if (v === Infinity) return '+Inf';
  if (v === -Infinity) return '-Inf';
  if (v === 0) return '0';
  const a = Math.abs(v);
  if (a >= 1e15 || a < 1e-6) return v.toExponential(3).replace(/\.?0+e/, 'e');
  if (Number.isInteger(v)) return String(v);
  const p = Number(v.toPrecision(4));
  return String(p);
}

/** `2024-03-01 23:55:00` (UTC) of milliseconds since the epoch. */
export function isoUtc(ms: number, withSeconds = true): string {
  const s = new Date(ms).toISOString();
  return withSeconds ? `${s.slice(0, 10)} ${s.slice(11, 19)}` : `${s.slice(0, 10)} ${s.slice(11, 16)}`;
}

/** `23:55:00` (UTC). */
export function clockUtc(ms: number): string {
  return new Date(ms).toISOString().slice(11, 19);
}

/** An import that cannot go ahead; `message` is written for the person who asked for it. */
export class ImportError extends Error {
  constructor(
    message: string,
    /** Machine-readable kind: 'format', 'empty', 'bad_data', 'execution', 'timeout', 'http', 'connection', 'tls', 'auth', 'json', 'cancelled', 'conflict', 'usage'. */
    readonly kind: string,
    readonly detail?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'ImportError';
  }
}

/** Minimal cancellation token (an AbortSignal fits). */
export interface Cancellation {
  readonly aborted: boolean;
}
