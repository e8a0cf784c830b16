// Timeline rows produced by the import sources, their order, and the error an import reports.
// Text for the cells is made safe in `cells.ts`.

/** One candidate timeline row. Sources produce these; `merge.ts` writes them. */
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
