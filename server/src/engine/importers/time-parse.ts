// Timestamps as log producers write them: ISO 8601 with or without an offset, epoch numbers in
// seconds, milliseconds, microseconds or nanoseconds, and zone-less local times.
import { DateTime, IANAZone } from 'luxon';

export const MONTH_ABBR: Record<string, number> = {
  Jan: 1, Feb: 2, Mar: 3, Apr: 4, May: 5, Jun: 6, Jul: 7, Aug: 8, Sep: 9, Oct: 10, Nov: 11, Dec: 12,
};

/**
 * A zone for times written without one: `UTC`, an offset (`+01:00`, `-0500`) or an IANA name
 * (`Europe/Berlin`). Returns undefined when the name is not a zone.
 */
export function normalizeZone(z: string | undefined): string | undefined {
  if (!z) return 'UTC';
  const t = z.trim();
  if (/^(?:utc|gmt|z)$/i.test(t)) return 'UTC';
  const m = /^(?:UTC|GMT)?\s*([+-])(\d{1,2}):?(\d{2})?$/i.exec(t);
  if (m) {
    const mins = Number(m[2]) * 60 + Number(m[3] ?? 0);
    if (mins > 18 * 60) return undefined;
    return `UTC${m[1]}${String(Math.floor(mins / 60)).padStart(2, '0')}:${String(mins % 60).padStart(2, '0')}`;
  }
  return IANAZone.isValidZone(t) ? t : undefined;
}

/** Milliseconds since the epoch of a wall-clock time in `zone` (a value from normalizeZone). */
export function wallClockToEpochMs(y: number, mo: number, d: number, h: number, mi: number, s: number, ms: number, zone: string): number {
  const off = /^UTC([+-])(\d{2}):(\d{2})$/.exec(zone);
  if (zone === 'UTC' || off) {
    const offMin = off ? (off[1] === '-' ? -1 : 1) * (Number(off[2]) * 60 + Number(off[3])) : 0;
    return Date.UTC(y, mo - 1, d, h, mi, s, ms) - offMin * 60000;
  }
  return DateTime.fromObject({ year: y, month: mo, day: d, hour: h, minute: mi, second: s, millisecond: ms }, { zone }).toMillis();
}

const ISO = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,12}))?)?\s*(Z|z|[+-]\d{2}(?::?\d{2})?)?$/;

/**
 * Parses an ISO 8601 / RFC 3339 timestamp. Times without an offset are read in `zone`.
 * Returns undefined when `s` is not such a timestamp or names an impossible time.
 */
export function parseIsoTimestamp(s: string, zone = 'UTC'): { epochMs: number; zoneLess: boolean; subMs: boolean } | undefined {
  const m = ISO.exec(s.trim());
  if (!m) return undefined;
  const [y, mo, d, h, mi] = [+m[1], +m[2], +m[3], +m[4], +m[5]];
  const sec = m[6] ? +m[6] : 0;
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || sec > 60) return undefined;
  const frac = m[7] ?? '';
  const ms = frac ? Number((frac + '00').slice(0, 3)) : 0;
  let epochMs: number;
  if (m[8]) {
    const z = m[8].toUpperCase();
    let offMin = 0;
    if (z !== 'Z') {
      const digits = z.replace(':', '');
      offMin = (digits[0] === '-' ? -1 : 1) * (Number(digits.slice(1, 3)) * 60 + Number(digits.slice(3, 5) || 0));
    }
    epochMs = Date.UTC(y, mo - 1, d, h, mi, sec, ms) - offMin * 60000;
  } else {
    epochMs = wallClockToEpochMs(y, mo, d, h, mi, sec, ms, zone);
  }
  if (!Number.isFinite(epochMs)) return undefined;
  // Reject dates that Date.UTC silently rolled over (Feb 30).
  const check = new Date(Date.UTC(y, mo - 1, d));
  if (check.getUTCDate() !== d) return undefined;
  return { epochMs, zoneLess: !m[8], subMs: frac.length > 3 };
}

/** The unit of an epoch number, by magnitude: < 1e11 seconds, < 1e14 ms, < 1e17 µs, else ns. */
export function epochNumberToMs(n: number): number {
  const a = Math.abs(n);
  if (a < 1e11) return n * 1000;
  if (a < 1e14) return n;
  if (a < 1e17) return n / 1000;
  return n / 1e6;
}

/** Epoch digits (possibly beyond 2^53, e.g. nanoseconds) to milliseconds without losing the millisecond. */
export function epochDigitsToMs(s: string): number | undefined {
  const t = s.trim();
  if (/^\d+$/.test(t)) {
    if (t.length >= 18) return Number(BigInt(t) / 1000000n);
    if (t.length >= 15) return Math.floor(Number(t) / 1000);
    return epochNumberToMs(Number(t));
  }
  if (/^\d+\.\d+$/.test(t)) return epochNumberToMs(Number(t));
  return undefined;
}
