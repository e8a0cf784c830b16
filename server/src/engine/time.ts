// Timeline times and report dates.
//
// Timeline cells are written by people: `10:05`, `10:05:30`, `10:05 UTC`, `2025-02-09 10:05 UTC`,
// `2025-02-09T10:05:00Z`, `10:05 JST`, `3:05 PM PDT`, `2025/02/09 10:05`. One regular expression
// splits them, because no date library has a format for "a time, maybe a date before it, maybe a
// zone word after it" and people mix all three; the arithmetic is plain UTC dates. This runs for
// every timeline row, so it stays free of locale and zone look-ups.
//
// Machine timestamps (the second half of this file) are what importers read: ISO 8601 / RFC 3339
// with or without an offset, epoch numbers in any unit, wall-clock times in a named zone (luxon,
// only for IANA zone names), and durations (`15s`, `1m30s`). One module, so there is one answer
// to "what time does this text stand for".
import { DateTime, IANAZone } from 'luxon';

export interface ParsedTime {
  /** YYYY-MM-DD when the cell names a day. */
  date?: string;
  /** Seconds since midnight, in the written zone. */
  secondsOfDay: number;
  /** Offset from UTC in minutes, when the cell names a zone. */
  offsetMinutes?: number;
  zone?: string;
  /** True when only a day was written: ordering uses the start of the day. */
  dateOnly?: boolean;
  /** Columns of the time expression within the parsed string. */
  start: number;
  end: number;
}

/** Named zones people write in timelines, with their UTC offsets in minutes. */
export const ZONE_OFFSETS: Record<string, number> = {
  UTC: 0, GMT: 0, Z: 0, UT: 0,
  JST: 540, KST: 540, CST_CHINA: 480, HKT: 480, SGT: 480, IST: 330, AEST: 600, AEDT: 660,
  CET: 60, CEST: 120, EET: 120, EEST: 180, WET: 0, WEST: 60, BST: 60,
  EST: -300, EDT: -240, CST: -360, CDT: -300, MST: -420, MDT: -360, PST: -480, PDT: -420,
  AKST: -540, AKDT: -480, HST: -600,
  // Generic US zone names as people write them (standard-time offsets; only used for ordering).
  PT: -480, MT: -420, CT: -360, ET: -300,
};

const MONTHS: Record<string, number> = {
  jan: 1, feb: 2, mar: 3, apr: 4, may: 5, jun: 6, jul: 7, aug: 8, sep: 9, sept: 9, oct: 10, nov: 11, dec: 12,
  january: 1, february: 2, march: 3, april: 4, june: 6, july: 7, august: 8, september: 9, october: 10, november: 11, december: 12,
};

const pad = (n: number) => String(n).padStart(2, '0');

function ymd(y: number, m: number, d: number): string | undefined {
  if (m < 1 || m > 12 || d < 1 || d > 31) return undefined;
  // A real calendar day (no 30 February): plain arithmetic, since this runs for every timeline row.
  const dt = new Date(Date.UTC(y, m - 1, d));
  return dt.getUTCFullYear() === y && dt.getUTCMonth() === m - 1 && dt.getUTCDate() === d ? `${y}-${pad(m)}-${pad(d)}` : undefined;
}

const DATE_PART =
  String.raw`(?:(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})|(\d{4})年\s*(\d{1,2})月\s*(\d{1,2})日|(\d{1,2})/(\d{1,2})|([A-Za-z]{3,9})\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?(?:\s+(\d{4}))?|(\d{1,2})\s+([A-Za-z]{3,9})(?:\s+(\d{4}))?)`;
const TIME_PART = String.raw`(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?(?:\s*([AaPp])\.?[Mm]\.?)?`;
const ZONE_PART = String.raw`(?:\s*(Z|[+-]\d{2}:?\d{2}|\(?(?:UTC|GMT|UT)(?:\s*[+-]\s*\d{1,2}(?::?\d{2})?)?\)?|\(?[A-Z]{2,5}\)?(?![a-z])))?`;
// Optional bold around the start. Each run of spaces has one place in the pattern: two optional
// runs of spaces side by side make a failing match try every split of the run between them.
const LEAD = String.raw`^\s*(?:(?:\*\*|__)\s*)?`;
const LEAD_RE = new RegExp(LEAD);
const TIME_RE = new RegExp(LEAD + String.raw`(?:(?:~|≈|approx\.?\s|around\s|ca\.\s|about\s)\s*)?(?:` + DATE_PART + String.raw`\s*(?:[T,]\s*)?)?` + TIME_PART + ZONE_PART, 'u');
const DATE_ONLY_RE = new RegExp(LEAD + String.raw`(\d{4}-\d{2}-\d{2}|\d{4}\/\d{1,2}\/\d{1,2}|\d{4}年\d{1,2}月\d{1,2}日)(?:\*\*|__)?\s*$`);

function zoneOffset(z: string): number | undefined {
  const s = z.replace(/[()\s]/g, '');
  if (s === 'Z') return 0;
  let m = /^([+-])(\d{2}):?(\d{2})$/.exec(s);
  if (m) return (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3]));
  m = /^(?:UTC|GMT|UT)([+-])(\d{1,2})(?::?(\d{2}))?$/.exec(s);
  if (m) return (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3] ?? 0));
  if (s in ZONE_OFFSETS) return ZONE_OFFSETS[s];
  return undefined;
}

/**
 * Parses the time at the start of `s` (a timeline cell or the start of a list item).
 * `defaultYear` fills dates written without a year ("Feb 9 10:05").
 */
export function parseTime(s: string, defaultYear?: number): ParsedTime | undefined {
  const m = TIME_RE.exec(s);
  if (!m) {
    // A day without a time ("2023-07-10", "Oct 31 2021") orders as the start of that day.
    const d = DATE_ONLY_RE.exec(s);
    const date = d ? parseDate(d[1]) : undefined;
    return date ? { date, secondsOfDay: 0, start: s.indexOf(d![1]), end: s.indexOf(d![1]) + d![1].length, dateOnly: true } : undefined;
  }
  let date: string | undefined;
  const year = defaultYear ?? new Date().getUTCFullYear();
  if (m[1]) date = ymd(+m[1], +m[2], +m[3]);
  else if (m[4]) date = ymd(+m[4], +m[5], +m[6]);
  else if (m[7]) date = ymd(year, +m[7], +m[8]);
  else if (m[9]) {
    const mon = MONTHS[m[9].toLowerCase()];
    if (!mon) return undefined;
    date = ymd(m[11] ? +m[11] : year, mon, +m[10]);
  } else if (m[12]) {
    const mon = MONTHS[m[13].toLowerCase()];
    if (!mon) return undefined;
    date = ymd(m[14] ? +m[14] : year, mon, +m[12]);
  }
  let h = +m[15];
  const min = +m[16];
  const sec = m[17] ? +m[17] : 0;
  const frac = m[18] ? Number('0.' + m[18]) : 0;
  const ampm = m[19];
  if (ampm) {
    if (h < 1 || h > 12) return undefined;
    if (ampm.toLowerCase() === 'p' && h !== 12) h += 12;
    if (ampm.toLowerCase() === 'a' && h === 12) h = 0;
  }
  if (h > 24 || min > 59 || sec > 60 || (h === 24 && (min > 0 || sec > 0))) return undefined;
  let zone: string | undefined = m[20]?.trim();
  let offsetMinutes: number | undefined;
  if (zone) {
    offsetMinutes = zoneOffset(zone);
    if (offsetMinutes === undefined) zone = undefined;
  }
  // End of the expression: without an unknown trailing word.
  let end = m[0].length;
  if (m[20] && zone === undefined) end -= m[20].length;
  const lead = LEAD_RE.exec(s)![0].length;
  return {
    date,
    secondsOfDay: h * 3600 + min * 60 + sec + frac,
    offsetMinutes,
    zone: zone?.replace(/[()]/g, ''),
    start: lead,
    end,
  };
}

/** Parses a calendar date as people write it in headers and deadlines; returns YYYY-MM-DD. */
export function parseDate(s: string, defaultYear?: number): string | undefined {
  const t = s.trim();
  let m = /(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})/.exec(t);
  if (m) return ymd(+m[1], +m[2], +m[3]);
  m = /(\d{4})年\s*(\d{1,2})月\s*(\d{1,2})日/.exec(t);
  if (m) return ymd(+m[1], +m[2], +m[3]);
  m = /\b([A-Za-z]{3,9})\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})\b/.exec(t);
  if (m && MONTHS[m[1].toLowerCase()]) return ymd(+m[3], MONTHS[m[1].toLowerCase()], +m[2]);
  m = /\b(\d{1,2})(?:st|nd|rd|th)?\s+([A-Za-z]{3,9})\.?,?\s+(\d{4})\b/.exec(t);
  if (m && MONTHS[m[2].toLowerCase()]) return ymd(+m[3], MONTHS[m[2].toLowerCase()], +m[1]);
  m = /(\d{1,2})月\s*(\d{1,2})日/.exec(t);
  if (m && defaultYear) return ymd(defaultYear, +m[1], +m[2]);
  m = /\b([A-Za-z]{3,9})\.?\s+(\d{1,2})(?:st|nd|rd|th)?\b/.exec(t);
  if (m && defaultYear && MONTHS[m[1].toLowerCase()]) return ymd(defaultYear, MONTHS[m[1].toLowerCase()], +m[2]);
  return undefined;
}

/** Days since 1970-01-01 of a YYYY-MM-DD string. */
export function dayNumber(date: string): number {
  return Math.floor(Date.UTC(+date.slice(0, 4), +date.slice(5, 7) - 1, +date.slice(8, 10)) / 86400000);
}

export function dateOfDay(day: number): string {
  return new Date(day * 86400000).toISOString().slice(0, 10);
}

/** A zone named for the whole timeline: `## Timeline (all times UTC)`, `Time (JST)`, "All times are in UTC". */
export function findZoneName(s: string): { zone: string; offsetMinutes: number } | undefined {
  const re = /(?:\b|\()(UTC(?:\s*[+-]\s*\d{1,2}(?::?\d{2})?)?|GMT(?:\s*[+-]\s*\d{1,2}(?::?\d{2})?)?|[A-Z]{2,4}T|[PMCE]T)\b/g;
  for (let m = re.exec(s); m; m = re.exec(s)) {
    const off = zoneOffset(m[1].replace(/\s/g, ''));
    if (off !== undefined) return { zone: m[1].replace(/\s/g, ''), offsetMinutes: off };
  }
  if (/日本時間/.test(s)) return { zone: 'JST', offsetMinutes: 540 };
  if (/協定世界時/.test(s)) return { zone: 'UTC', offsetMinutes: 0 };
  return undefined;
}

/** Formats seconds since the epoch as `HH:MM` or `HH:MM:SS` (UTC). */
export function formatClock(epochSeconds: number, withSeconds: boolean): string {
  const d = new Date(epochSeconds * 1000);
  const hh = pad(d.getUTCHours());
  const mm = pad(d.getUTCMinutes());
  return withSeconds ? `${hh}:${mm}:${pad(d.getUTCSeconds())}` : `${hh}:${mm}`;
}

/** Human duration: `12m`, `1h 05m`, `2d 3h`. */
export function formatDuration(seconds: number): string {
  const s = Math.round(Math.abs(seconds));
  if (s < 60) return `${s}s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m}m`;
  const h = Math.floor(m / 60);
  if (h < 48) return `${h}h ${pad(m % 60)}m`;
  return `${Math.floor(h / 24)}d ${h % 24}h`;
}

// ---------------------------------------------------------------- machine timestamps

/** Month abbreviations as syslog and nginx write them (`Jan` .. `Dec`). */
export const MONTH_ABBR: Record<string, number> = Object.fromEntries(
  Object.entries(MONTHS).filter(([k]) => k.length === 3).map(([k, v]) => [k[0].toUpperCase() + k.slice(1), v]),
);

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
    return `UTC${m[1]}${pad(Math.floor(mins / 60))}:${pad(mins % 60)}`;
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
  // A real calendar day (no 30 February) and a real time of day.
  if (!ymd(y, mo, d) || h > 23 || mi > 59 || sec > 60) return undefined;
  const frac = m[7] ?? '';
  const ms = frac ? Number((frac + '00').slice(0, 3)) : 0;
  let epochMs: number;
  if (m[8]) {
    const z = m[8].toUpperCase();
    const offMin = z === 'Z' ? 0 : zoneOffset(z.length === 3 ? z + '00' : z)!;
    epochMs = Date.UTC(y, mo - 1, d, h, mi, sec, ms) - offMin * 60000;
  } else {
    epochMs = wallClockToEpochMs(y, mo, d, h, mi, sec, ms, zone);
  }
  if (!Number.isFinite(epochMs)) return undefined;
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

/** One instant as people type it for an import: ISO 8601 (UTC when no zone is named), a date, or epoch seconds. */
export function parseInstant(s: string): number | undefined {
  const t = s.trim();
  if (/^\d{9,11}(?:\.\d+)?$/.test(t)) return Number(t) * 1000;
  const iso = parseIsoTimestamp(t.replace(/\s*UTC$/i, 'Z'), 'UTC');
  if (iso) return iso.epochMs;
  const dateOnly = /^(\d{4})-(\d{2})-(\d{2})$/.exec(t);
  if (dateOnly && ymd(+dateOnly[1], +dateOnly[2], +dateOnly[3])) return Date.UTC(+dateOnly[1], +dateOnly[2] - 1, +dateOnly[3]);
  return undefined;
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

// ---------------------------------------------------------------- durations

const DURATION_UNITS: Record<string, number> = { ms: 0.001, s: 1, m: 60, h: 3600, d: 86400, w: 604800, y: 31536000 };

/** Parses a duration as Prometheus writes them (`15s`, `1m30s`, `2h`, `1d`) or plain seconds. */
export function parseDurationSeconds(s: string): number | undefined {
  const t = s.trim();
  if (/^\d+(?:\.\d+)?$/.test(t)) return Number(t);
  const re = /(\d+(?:\.\d+)?)(ms|s|m|h|d|w|y)/gy;
  let total = 0;
  let matched = 0;
  for (let m = re.exec(t); m; m = re.exec(t)) {
    total += Number(m[1]) * DURATION_UNITS[m[2]];
    matched += m[0].length;
  }
  return matched === t.length && matched > 0 ? total : undefined;
}

/** Whole seconds as a Prometheus duration: `2h`, `5m`, `90s`. */
export function formatDurationPromql(sec: number): string {
  const s = Math.max(1, Math.ceil(sec));
  if (s % 3600 === 0) return `${s / 3600}h`;
  if (s % 60 === 0) return `${s / 60}m`;
  return `${s}s`;
}

const HUMAN_DURATION_UNITS: [RegExp, number][] = [
  [/^(?:d|days?|日間?)$/i, 86400],
  [/^(?:h|hrs?|hours?|時間)$/i, 3600],
  [/^(?:m|mins?|minutes?|分間?)$/i, 60],
  [/^(?:s|secs?|seconds?|秒間?)$/i, 1],
];
const HUMAN_DURATION_TOKEN = /(\d+(?:[.,]\d+)?)\s*(days?|d|hours?|hrs?|h|minutes?|mins?|m|seconds?|secs?|s|日間?|時間|分間?|秒間?)(?![A-Za-z])/gy;

/**
 * Reads a duration as people write it in a header: `1h 35min`, `95 minutes`, `1 hour 35 minutes`,
 * `1.5 hours`, `~45m`, `1時間35分`, `2日`, `01:35` (hours:minutes). The first run of amounts is
 * read ("2 hours (10:05-12:05 UTC)" is 2 hours); returns seconds, or undefined when none is there.
 * (Prometheus's compact form, `1m30s`, is parseDurationSeconds above.)
 */
export function parseHumanDuration(s: string): number | undefined {
  const t = s.replace(/[*_`]/g, '').trim();
  const clock = /^(?:~|≈|about\s+|approx(?:\.|imately)?\s+)?(\d{1,3}):([0-5]\d)(?::([0-5]\d))?(?:\s*(?:h|hours?))?$/i.exec(t);
  if (clock) return +clock[1] * 3600 + +clock[2] * 60 + (clock[3] ? +clock[3] : 0);
  const start = /\d/.exec(t);
  if (!start) return undefined;
  // Only a lead-in may stand before the amount ("about", "~", "approx.", "約"), not other numbers or words.
  if (!/^(?:~|≈|about|approx(?:\.|imately)?|around|roughly|nearly|over|under|less than|more than|約|およそ)?\s*$/i.test(t.slice(0, start.index))) return undefined;
  HUMAN_DURATION_TOKEN.lastIndex = start.index;
  let total = 0;
  let any = false;
  for (;;) {
    const m = HUMAN_DURATION_TOKEN.exec(t);
    if (!m) break;
    const unit = HUMAN_DURATION_UNITS.find(([re]) => re.test(m[2]))![1];
    total += Number(m[1].replace(',', '.')) * unit;
    any = true;
    // Separators between parts: spaces, "and", commas.
    const sep = /^(?:\s*(?:,|and|&|と)?\s*)/.exec(t.slice(HUMAN_DURATION_TOKEN.lastIndex))![0];
    HUMAN_DURATION_TOKEN.lastIndex += sep.length;
  }
  return any ? Math.round(total) : undefined;
}
