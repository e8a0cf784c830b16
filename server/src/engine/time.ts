// Timeline times and report dates.
//
// Timeline cells are written by people: `10:05`, `10:05:30`, `10:05 UTC`, `2025-02-09 10:05 UTC`,
// `2025-02-09T10:05:00Z`, `10:05 JST`, `3:05 PM PDT`, `2025/02/09 10:05`. One regular expression
// splits them, because no date library has a format for "a time, maybe a date before it, maybe a
// zone word after it" and people mix all three; the arithmetic is plain UTC dates. (The importers,
// which read machine formats with real zones, use luxon.) This runs for every timeline row, so it
// stays free of locale and zone look-ups.

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
const TIME_RE = new RegExp(String.raw`^\s*(?:\*\*|__)?\s*(?:~|≈|approx\.?\s|around\s|ca\.\s|about\s)?\s*(?:` + DATE_PART + String.raw`(?:\s*[T,]?\s*|\s+))?` + TIME_PART + ZONE_PART, 'u');

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
    const d = /^\s*(?:\*\*|__)?\s*(\d{4}-\d{2}-\d{2}|\d{4}\/\d{1,2}\/\d{1,2}|\d{4}年\d{1,2}月\d{1,2}日)(?:\*\*|__)?\s*$/.exec(s);
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
  const lead = /^\s*(?:\*\*|__)?\s*/.exec(s)![0].length;
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
