// Timeline times and report dates.
//
// Timeline cells are written by people: `10:05`, `10:05:30`, `10:05 UTC`, `2025-02-09 10:05 UTC`,
// `2025-02-09T10:05:00Z`, `10:05 JST`, `3:05 PM PDT`, `2025/02/09 10:05`. One regular expression
// splits them, because no date library has a format for "a time, maybe a date before it, maybe a
// zone word after it" and people mix all three; the arithmetic is plain UTC dates. This runs for
// every timeline row, so it stays free of locale and zone look-ups; only a US zone named without a
// season (`ET`, `Eastern`) asks the zone database, when a row is placed on its day (wallOffset).
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
  /** Offset from UTC in minutes, when the cell names a zone (for a US zone named without a season, its standard time). */
  offsetMinutes?: number;
  zone?: string;
  /** The IANA zone whose rules give the offset on the row's day, when the zone is a US zone named without a season (`ET`, `Pacific`). */
  tz?: string;
  /** True when only a day was written: ordering uses the start of the day. */
  dateOnly?: boolean;
  /** A numeric date written with day and month both 12 or less: which is which is the report's to say. */
  dayMonth?: DayMonth;
  /** The order a numeric date settled by itself (`26/03/2024` is day-first): evidence for the report's other dates. */
  order?: DayMonthOrder;
  /** 翌 before the time: the day after the report's day. */
  nextDay?: boolean;
  /** The date was written without a year (`Feb 9`, `03-26`, 3月9日): the year is the one nearest the rows around it. */
  yearless?: boolean;
  /**
   * Seconds the written time spans: 60 for `10:05`, 1 for `10:05:30`, 3600 for `9am` or `10時`
   * (less for fractions of a second). `10:05` after `10:05:30` is the same minute, not earlier.
   */
  precision?: number;
  /**
   * An offset from the start of the incident, not a time of day: `T+00:05`, `T+5m`, `+00:08`,
   * `T-1h`. `secondsOfDay` holds the offset (it may be negative or pass a day); no zone applies.
   */
  relative?: boolean;
  /** Written as an estimate (`~16:50`, `approx. 09:40`, `2024-03-05 about 16:50`, `17:30頃`): its seconds do not count. */
  approx?: boolean;
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
  AKST: -540, AKDT: -480, HST: -600, WAT: 60, CAT: 120, EAT: 180, SAST: 120, NZST: 720, NZDT: 780, AWST: 480,
  ACST: 570, ACDT: 630, MSK: 180, BRT: -180, PHT: 480, ICT: 420, WIB: 420,
  GST: 240, PKT: 300, NPT: 345, MYT: 480, TRT: 180, IDT: 180,
  // Generic US zone names as people write them: the standard-time offsets, used when no day is
  // known; on a known day the zone's own rules decide (US_TZ, wallOffset).
  PT: -480, MT: -420, CT: -360, ET: -300,
};

/** The zone whose rules say whether a US zone named without a season (`ET`, `Eastern`, `US/Pacific`) is on daylight time that day. */
const US_TZ: Record<string, string> = { ET: 'America/New_York', CT: 'America/Chicago', MT: 'America/Denver', PT: 'America/Los_Angeles' };

/** A zone as the timeline knows it: a fixed offset, or (`tz`) one that follows a US zone's daylight-saving rules. */
export interface ZoneSpec {
  zone: string;
  offsetMinutes: number;
  tz?: string;
}

/** US zones written as words: `Eastern`, `Pacific Time`, `Central Daylight Time`, `US/Eastern`. */
const US_ZONE_WORDS: Record<string, string> = { eastern: 'ET', central: 'CT', mountain: 'MT', pacific: 'PT' };
const US_ZONE = /^(?:US\/)?(Eastern|Central|Mountain|Pacific)(Standard|Daylight)?(?:Time)?$/i;

const MONTHS: Record<string, number> = {
  jan: 1, feb: 2, mar: 3, apr: 4, may: 5, jun: 6, jul: 7, aug: 8, sep: 9, sept: 9, oct: 10, nov: 11, dec: 12,
  january: 1, february: 2, march: 3, april: 4, june: 6, july: 7, august: 8, september: 9, october: 10, november: 11, december: 12,
};

/** The number of a month named in English, whole or abbreviated, in any case (`Nov`, `november`, `Sept`). */
export function monthNumber(name: string): number | undefined {
  return MONTHS[name.toLowerCase()];
}

const pad = (n: number) => String(n).padStart(2, '0');

function ymd(y: number, m: number, d: number): string | undefined {
  if (m < 1 || m > 12 || d < 1 || d > 31) return undefined;
  // A real calendar day (no 30 February): plain arithmetic, since this runs for every timeline row.
  const dt = new Date(Date.UTC(y, m - 1, d));
  // Four digits for the year, as every reader of a YYYY-MM-DD string slices it ("0226-01-05", not "226-01-05").
  return dt.getUTCFullYear() === y && dt.getUTCMonth() === m - 1 && dt.getUTCDate() === d ? `${String(y).padStart(4, '0')}-${pad(m)}-${pad(d)}` : undefined;
}

// The time expression is read left to right with small sticky patterns (lead-in, date, time,
// date or zone after the time), never one pattern with optional parts side by side: each run of
// spaces is consumed by exactly one pattern, so a failing match cannot retry splits of it and
// reading stays linear in the length of the text whatever it holds.
const WS = /[\s\u00a0]*/y;
/** What may open an entry before its time: bold, a bracket, a backtick, or a bullet character typed as text (`  • 17:00 …`, `・10:00 …`). */
const OPENER = /(?:\*\*|__|\[|`|\*|_|[•・‣◦])/y;
const APPROX = /(?:~|≈|±|\+\/-|約|approx(?:imately|\.)?(?![A-Za-z])|around(?![A-Za-z])|about(?![A-Za-z])|circa(?![A-Za-z])|ca\.|c\.|between(?![A-Za-z])|from(?![A-Za-z]))/iy;
const NEXT_DAY = /翌(?:日)?/y;
// A timeline told in sentences: `At 9:37 ...`, `At 09:37 UTC, ...`, `By 10:15 ...`, `As of 11:00 ...` (see ParseTimeOptions.lead).
// Capitalized, as a sentence starts: a line of a wrapped paragraph that begins "at 9:40 ..." continues a sentence.
const PROSE_LEAD = /(?:A[tT]|B[yY]|A[sS][\s\u00a0]+[oO][fF])(?=[\s\u00a0])/y;
const WEEKDAY = /(?:mon|tue|wed|thu|fri|sat|sun)[a-z]{0,6}\.?,?(?=[\s\u00a0])/iy;
const D_YMD = /(\d{4})([-/.])(\d{1,2})\2(\d{1,2})(?!\d)/y;
const D_YMD_JA = /(\d{4})年[\s\u00a0]*(\d{1,2})月[\s\u00a0]*(\d{1,2})日/y;
const D_MD_JA = /(\d{1,2})月[\s\u00a0]*(\d{1,2})日/y;
const D_NUM_Y = /(\d{1,2})([-/.])(\d{1,2})\2(\d{4}|\d{2})(?![\d:])/y;
const D_NUM = /(\d{1,2})([-/])(\d{1,2})(?![\d:/.-])/y;
const D_MON_DAY = /([A-Za-z]{3,9})\.?[\s\u00a0]+(\d{1,2})(?:st|nd|rd|th)?(?![\d:])(?:,?[\s\u00a0]+(\d{4})(?![\d:]))?/y;
const D_DAY_MON = /(\d{1,2})(?:st|nd|rd|th|\.)?[\s\u00a0]+(?:of[\s\u00a0]+)?([A-Za-z]{3,9})\.?(?:,?[\s\u00a0]+(\d{4})(?![\d:]))?/y;
/** The marks of an estimate between a date and its time (`2024-03-05 ~16:50`, `2024-03-05 about 16:50`). */
const ESTIMATE_BEFORE_TIME = String.raw`~|≈|約|approx(?:imately|\.)?[\s\u00a0]|around[\s\u00a0]|about[\s\u00a0]|ca\.|c\.`;
const DATE_TIME_SEP = new RegExp(String.raw`(?:T|\/(?=\d{1,2}:\d{2})|[\s\u00a0,*_\`]*(?:[（(][月火水木金土日](?:曜日?)?[)）][\s\u00a0]*)?(?:の[\s\u00a0]*)?(?:(?:at|@|-|–|—)[\s\u00a0]+)?(?:(?:${ESTIMATE_BEFORE_TIME})[\s\u00a0]*)?)`, 'y');
const T_CLOCK = /(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?/y;
const T_AMPM = /[\s\u00a0]*([AaPp])\.?[Mm]\.?(?![A-Za-z])/y;
// `14.43`: a time with a dot, as European reports write it. Never `1.34.2` or `14.43.20` (a
// version, or a dotted date), and only where its context says it is a time (see dottedTimeOk).
const T_DOT = /(\d{1,2})\.([0-5]\d)(?![\d.,]\d|\d)/y;
// Words before a time that say "at (the clock)": Swedish/Danish/Norwegian kl., Finnish klo, German um.
const CLOCK_WORD = /(?:kl\.?|klo\.?|kello|klockan|um)(?=[\s\u00a0])/iy;
const UHR = /[\s\u00a0]*(?:Uhr|uur)(?![A-Za-z])/y;
// What a number of that shape is when a unit follows: `10.15 seconds`, `12.50%`, `99.95 EUR`.
const UNIT_AFTER = /[\s\u00a0]*(?:%|(?:ms|s|secs?|seconds?|mins?|minutes?|hrs?|hours?|h|days?|percent|[KMGTP]i?B|x|times|req|rps|qps|users?|USD|EUR|GBP|JPY|CHF|SEK|NOK|DKK)(?![A-Za-z\u00c0-\u024f]))/iy;
// The end of a time at the start of a timeline entry: the end, or punctuation before the event text.
const ENTRY_SEP = /[\s\u00a0]*(?:$|[:：|\])]|[-–—](?=[\s\u00a0]|$)|\*\*|__|`)/y;
const WORD_AFTER = /[\s\u00a0]+[^\d\s\u00a0]/y;
/**
 * A relative time at the start of an entry: `T+00:05`, `T+00:05:30`, `T-1h`, `T+1h30m`, `T+5 min`,
 * `+00:08`, `+5m` (a bare sign needs the plus; `T` allows minus too).
 */
const REL = /(?:T[\s\u00a0]?([+\-−])|[+＋])[\s\u00a0]?(?:(\d{1,3}):([0-5]\d)(?::([0-5]\d))?(?![\d:])|(?:(\d{1,3})d)?(?:(\d{1,3}) ?h(?:ours?|rs?)?)?(?:(\d{1,4}) ?m(?:in(?:ute)?s?)?)?(?:(\d{1,5}) ?s(?:ec(?:ond)?s?)?)?(?![A-Za-z\d]))/y;
const T_JA = /(\d{1,2})時(?:(\d{1,2})分(?:(\d{1,2})秒)?)?/y;
// Not the year of a date that follows (`2024-03-09 - 2024-03-10`, `2026-06-21 ~ 2026-06-22`: a range of days).
const T_HHMM = /([01]\d|2[0-3])([0-5]\d)(?!\d|:\d|[-/.年]\d)/y;
const T_H_AMPM = /(\d{1,2})[\s\u00a0]*([AaPp])\.?[Mm]\.?(?![A-Za-z])/y;
const AFTER_TIME_DATE_SEP = /[\s\u00a0,]*(?:on[\s\u00a0]+)?/y;
const ZONE = /[\s\u00a0]*(Z(?![A-Za-z])|[+-]\d{2}:?\d{2}(?!\d)|\(?(?:UTC|GMT|UT)(?:[\s\u00a0]*[+-][\s\u00a0]*\d{1,2}(?::?\d{2})?)?\)?(?![A-Za-z])|\(?(?:US\/)?(?:Eastern|Pacific)(?:[\s\u00a0]+(?:Standard|Daylight))?(?:[\s\u00a0]+Time)?\)?(?![A-Za-z])|\(?(?:US\/)?(?:Central|Mountain)(?:[\s\u00a0]+(?:Standard|Daylight))?[\s\u00a0]+Time\)?(?![A-Za-z])|\((?:US\/)?(?:Central|Mountain)\)|\(?[A-Z]{2,5}\)?(?![A-Za-z]))/y;
/** Zones written in Japanese words, after a time (`17:30頃(日本時間)`) or anywhere in a timeline's heading or note. */
const JA_ZONE_WORDS: Record<string, ZoneSpec> = { 日本時間: { zone: 'JST', offsetMinutes: 540 }, 協定世界時: { zone: 'UTC', offsetMinutes: 0 } };
/** A zone written in Japanese words after a time: `(日本時間)`, `（協定世界時）`. */
const JA_ZONE = /[\s\u00a0]*[(（]?(日本時間|協定世界時)[)）]?/y;
/** 頃 / ごろ / 過ぎ after a time, before its zone (`17:30頃(日本時間)`). */
const JA_APPROX_TAIL = /(?:頃|ごろ|過ぎ)/y;
/**
 * Parts of the day Japanese timelines give when the minute is not known, each as the hour it starts
 * and how many hours it spans (wide, so a row inside the part is never read as before it).
 */
const JA_DAY_PARTS: Record<string, [number, number]> = {
  早朝: [4, 3], 朝: [5, 5], 午前中: [6, 6], 午前: [0, 12], 昼前: [10, 2], 正午: [12, 1], お昼: [11, 3], 昼過ぎ: [12, 3], 昼: [11, 3], 午後: [12, 12], 夕方: [15, 4], 夕刻: [15, 4], 夜間: [17, 12], 夜: [17, 7], 深夜: [22, 6],
};
const JA_DAY_PART = new RegExp(`(${Object.keys(JA_DAY_PARTS).sort((a, b) => b.length - a.length).join('|')})(?:頃|ごろ|以降)?(?![\\d０-９\\p{Script=Han}\\p{Script=Hiragana}\\p{Script=Katakana}])`, 'uy');
/** Whether the separator DATE_TIME_SEP took holds an estimate mark. */
const ESTIMATE_MARK = new RegExp(ESTIMATE_BEFORE_TIME);
// What may follow a day written alone for it to count as a day: the end, or punctuation before the text.
// A day in bold, brackets or backticks (`**Feb 10**`, `[2024-03-09]`) is a label whatever follows it.
// A day followed by an unknown time (`2019-12-03 --:--`, `2022-02-02 X:`) or by the end of a
// range (`2023-07-10 to 2023-07-16`) is that day too, and so is a day with a note in place of its
// time (`2026-04-20 (詳細時刻不明)`, `2024-03-09 (time unknown)`).
const DAY_END = /(?:\*\*|__|`|\]|[\s\u00a0*_`\])]*(?:$|[:：|]|[-–—](?=[\s\u00a0]|$)|[(（][^()（）]{1,40}[)）][\s\u00a0]*$)|[\s\u00a0]+(?:--:--|\?\?:\?\?|[xX]{1,2}:[xX]{2}|\?{1,3}|[xX](?=[\s\u00a0:]|$)|(?:to|until|and|through|-|–|—|~|〜)[\s\u00a0]))/y;

/** A numeric date whose day and month could be either way round (`09/03/2024`, `03-26`). */
export interface DayMonth {
  /** The first and second numbers as written. */
  a: number;
  b: number;
  year?: number;
}

/** Which number comes first in a report's numeric dates: day (`26/03`) or month (`03/26`). */
export type DayMonthOrder = 'dmy' | 'mdy';

interface DateRead {
  date?: string;
  dayMonth?: DayMonth;
  order?: DayMonthOrder;
  /** Written with a year (or as YYYY-MM-DD). */
  full: boolean;
  /** A numeric date without a year (`03-26`): only a date when a time follows. */
  needsTime?: boolean;
  yearless?: boolean;
}

function zoneOffset(z: string): number | undefined {
  return zoneRule(z)?.offsetMinutes;
}

/** The offset a written zone stands for (`+05:30`, `UTC-5`, `JST`, `Eastern`), and for a US zone without a season, the rules of its day. */
function zoneRule(z: string): { offsetMinutes: number; tz?: string } | undefined {
  const s = z.replace(/[()\s\u00a0]/g, '');
  if (s === 'Z') return { offsetMinutes: 0 };
  let m = /^([+-])(\d{2}):?(\d{2})$/.exec(s);
  if (m) return { offsetMinutes: (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3])) };
  m = /^(?:UTC|GMT|UT)([+-])(\d{1,2})(?::?(\d{2}))?$/.exec(s);
  if (m) return { offsetMinutes: (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3] ?? 0)) };
  if (s in ZONE_OFFSETS) return US_TZ[s] ? { offsetMinutes: ZONE_OFFSETS[s], tz: US_TZ[s] } : { offsetMinutes: ZONE_OFFSETS[s] };
  const w = US_ZONE.exec(s);
  if (w) return usZoneOffset(w[1], w[2]);
  return undefined;
}

/**
 * A US zone written as a word (`Eastern`, `pacific`): `Standard` and `Daylight` fix the offset
 * (EST, EDT); without either it is the zone as its clocks show it, on daylight time in summer.
 */
function usZoneOffset(name: string, season: string | undefined): { offsetMinutes: number; tz?: string } {
  const abbr = US_ZONE_WORDS[name.toLowerCase()];
  if (!season) return { offsetMinutes: ZONE_OFFSETS[abbr], tz: US_TZ[abbr] };
  return { offsetMinutes: ZONE_OFFSETS[abbr] + (/^daylight$/i.test(season) ? 60 : 0) };
}

// Offsets of the zones that follow daylight-saving rules, per zone and UTC hour (they change only
// on the hour): a look-up in the zone database costs microseconds, and a timeline has many rows.
const tzOffsets = new Map<string, number>();

/** The offset from UTC (minutes) of `z` at an instant (seconds since the epoch). */
export function zoneOffsetAt(z: { offsetMinutes: number; tz?: string }, epochSeconds: number): number {
  if (!z.tz || !Number.isFinite(epochSeconds)) return z.offsetMinutes;
  const hour = Math.floor(epochSeconds / 3600);
  const key = `${z.tz}@${hour}`;
  let off = tzOffsets.get(key);
  if (off === undefined) {
    off = IANAZone.create(z.tz).offset(hour * 3600 * 1000);
    if (!Number.isFinite(off)) off = z.offsetMinutes;
    if (tzOffsets.size >= 100_000) tzOffsets.clear();
    tzOffsets.set(key, off);
  }
  return off;
}

/**
 * The offset from UTC (minutes) of a wall-clock time in `z` on a day (days since 1970-01-01):
 * `10:00 ET` on 2024-07-01 is UTC-4, on 2024-01-15 UTC-5. The one answer to what a zone's clock
 * meant on a day, for placing timeline rows, the timeline sort and the import window alike.
 */
export function wallOffset(z: { offsetMinutes: number; tz?: string }, day: number, secondsOfDay: number): number {
  if (!z.tz) return z.offsetMinutes;
  const local = day * 86400 + secondsOfDay;
  const first = zoneOffsetAt(z, local - z.offsetMinutes * 60);
  return zoneOffsetAt(z, local - first * 60);
}

function stick(re: RegExp, s: string, pos: number): RegExpExecArray | null {
  re.lastIndex = pos;
  return re.exec(s);
}

const fullYear = (y: string) => (y.length === 2 ? 2000 + +y : +y);

/** The date of a day and month written in numbers, in a given order. */
export function dayMonthDate(dm: DayMonth, order: DayMonthOrder, defaultYear: number): string | undefined {
  return order === 'dmy' ? ymd(dm.year ?? defaultYear, dm.b, dm.a) : ymd(dm.year ?? defaultYear, dm.a, dm.b);
}

function numericDate(a: number, b: number, year: number | undefined, sep: string, defaultYear: number): DateRead | undefined {
  const dm: DayMonth = year === undefined ? { a, b } : { a, b, year };
  // A day above 12 settles the order; dotted dates (09.03.2024) are day-first everywhere they are written.
  const order: DayMonthOrder | undefined = a > 12 ? 'dmy' : b > 12 ? 'mdy' : sep === '.' ? 'dmy' : undefined;
  if (a > 12 && b > 12) return undefined;
  if (order) {
    const date = dayMonthDate(dm, order, defaultYear);
    return date ? { date, order, dayMonth: dm, full: year !== undefined } : undefined;
  }
  if (!ymd(dm.year ?? defaultYear, a, b) && !ymd(dm.year ?? defaultYear, b, a)) return undefined;
  return { dayMonth: dm, full: year !== undefined };
}

function readDate(s: string, pos: number, defaultYear: number): { d: DateRead; end: number } | undefined {
  let m = stick(D_YMD, s, pos);
  if (m) {
    const date = ymd(+m[1], +m[3], +m[4]);
    return date ? { d: { date, full: true }, end: D_YMD.lastIndex } : undefined;
  }
  if ((m = stick(D_YMD_JA, s, pos))) {
    const date = ymd(+m[1], +m[2], +m[3]);
    return date ? { d: { date, full: true }, end: D_YMD_JA.lastIndex } : undefined;
  }
  if ((m = stick(D_MD_JA, s, pos))) {
    const date = ymd(defaultYear, +m[1], +m[2]);
    return date ? { d: { date, full: false, yearless: true }, end: D_MD_JA.lastIndex } : undefined;
  }
  if ((m = stick(D_NUM_Y, s, pos))) {
    const d = numericDate(+m[1], +m[3], fullYear(m[4]), m[2], defaultYear);
    return d ? { d, end: D_NUM_Y.lastIndex } : undefined;
  }
  if ((m = stick(D_NUM, s, pos))) {
    const d = numericDate(+m[1], +m[3], undefined, m[2], defaultYear);
    return d ? { d: { ...d, needsTime: true, yearless: true }, end: D_NUM.lastIndex } : undefined;
  }
  if ((m = stick(D_MON_DAY, s, pos))) {
    const mon = MONTHS[m[1].toLowerCase()];
    const date = mon ? ymd(m[3] ? +m[3] : defaultYear, mon, +m[2]) : undefined;
    if (date) return { d: { date, full: !!m[3], yearless: !m[3] }, end: D_MON_DAY.lastIndex };
  }
  if ((m = stick(D_DAY_MON, s, pos))) {
    const mon = MONTHS[m[2].toLowerCase()];
    const date = mon ? ymd(m[3] ? +m[3] : defaultYear, mon, +m[1]) : undefined;
    if (date) return { d: { date, full: !!m[3], yearless: !m[3] }, end: D_DAY_MON.lastIndex };
  }
  return undefined;
}

function readTime(s: string, pos: number, afterFullDate: boolean): { seconds: number; end: number; precision: number; dot?: { twoDigitHour: boolean; ampm: boolean } } | undefined {
  let m = stick(T_CLOCK, s, pos);
  if (m) {
    let h = +m[1];
    const min = +m[2];
    const sec = m[3] ? +m[3] : 0;
    const frac = m[4] ? Number('0.' + m[4]) : 0;
    let end = T_CLOCK.lastIndex;
    const ap = stick(T_AMPM, s, end);
    if (ap) {
      // `17:14pm` says the same twice; `17:14am` and `0:30 PM` say nothing readable.
      const pm = ap[1].toLowerCase() === 'p';
      if (h < 1 || (h > 12 && !pm) || h > 23) return undefined;
      h = h > 12 ? h : (h % 12) + (pm ? 12 : 0);
      end = T_AMPM.lastIndex;
    }
    if (h > 24 || min > 59 || sec > 60 || (h === 24 && (min > 0 || sec > 0))) return undefined;
    return { seconds: h * 3600 + min * 60 + sec + frac, end, precision: m[4] ? 10 ** -Math.min(m[4].length, 9) : m[3] ? 1 : 60 };
  }
  if ((m = stick(T_DOT, s, pos))) {
    let h = +m[1];
    const min = +m[2];
    let end = T_DOT.lastIndex;
    const ap = stick(T_AMPM, s, end);
    if (ap) {
      if (h < 1 || h > 12) return undefined;
      h = (h % 12) + (ap[1].toLowerCase() === 'p' ? 12 : 0);
      end = T_AMPM.lastIndex;
    } else if (h > 24 || (h === 24 && min > 0) || stick(UNIT_AFTER, s, end)) return undefined;
    return { seconds: h * 3600 + min * 60, end, precision: 60, dot: { twoDigitHour: m[1].length === 2, ampm: !!ap } };
  }
  if ((m = stick(T_JA, s, pos))) {
    const h = +m[1];
    const min = m[2] ? +m[2] : 0;
    const sec = m[3] ? +m[3] : 0;
    if (h > 24 || min > 59 || sec > 60) return undefined;
    return { seconds: h * 3600 + min * 60 + sec, end: T_JA.lastIndex, precision: m[3] ? 1 : m[2] ? 60 : 3600 };
  }
  if ((m = stick(T_H_AMPM, s, pos))) {
    const h = +m[1];
    if (h < 1 || h > 12) return undefined;
    return { seconds: ((h % 12) + (m[2].toLowerCase() === 'p' ? 12 : 0)) * 3600, end: T_H_AMPM.lastIndex, precision: 3600 };
  }
  // 1625 after a full date (`2022-02-02 1625`): a time without its colon. Alone, four digits are a year.
  if (afterFullDate && (m = stick(T_HHMM, s, pos))) return { seconds: +m[1] * 3600 + +m[2] * 60, end: T_HHMM.lastIndex, precision: 60 };
  return undefined;
}

function readZone(s: string, pos: number, iso: boolean): { zone: string; offsetMinutes: number; tz?: string; end: number } | undefined {
  const ja = stick(JA_ZONE, s, pos);
  if (ja) return { ...JA_ZONE_WORDS[ja[1]], end: JA_ZONE.lastIndex };
  const m = stick(ZONE, s, pos);
  if (!m) return undefined;
  // `13:30-13:45` is a range, not a zone 13 hours 45 minutes behind UTC: a negative offset written
  // right after the time only counts in an ISO timestamp (`2024-03-09T10:05:00-05:00`) or after seconds.
  if (!iso && m[1][0] === '-' && m.index === pos) return undefined;
  // `15:22:42 (UTC 06:22:42)`: a bracket that opens with a zone and goes on to a time gives that
  // second time's zone, not this one's (the row stays in the timeline's zone).
  if (m[1][0] === '(' && !m[1].endsWith(')') && /^[\s\u00a0]*\d/.test(s.slice(ZONE.lastIndex, ZONE.lastIndex + 8))) return undefined;
  const r = zoneRule(m[1]);
  if (!r) return undefined;
  const out: { zone: string; offsetMinutes: number; tz?: string; end: number } = { zone: m[1].replace(/[()\s\u00a0]/g, ''), offsetMinutes: r.offsetMinutes, end: ZONE.lastIndex };
  if (r.tz) out.tz = r.tz;
  return out;
}

/**
 * Parses the time at the start of `s` (a timeline cell, or the start of a list item, heading or
 * paragraph): an optional lead-in (`**`, `[`, a backtick, `~`, `±`, `approx.`, 翌), a date in any
 * common order (`2024-03-09`, `09/03/2024`, `12-05-2025`, `03-26`, `3rd Feb 2024`, `Feb 3, 2024`,
 * 2024年3月9日, 3月9日), a time (`23:58`, `9:05:30.120`, `3:05 PM`, `9am`, 23時52分, and `1625`
 * after a full date), then a date or zone after the time (`08:10 3rd Feb 2024 UTC`). A day alone
 * (`2023-07-10`, `- 2021-08-17: ...`) reads as the start of that day (`dateOnly`).
 *
 * A numeric date whose day and month could be either way round has `dayMonth` and no `date`: the
 * report's other dates decide (see dayMonthDate). `defaultYear` fills dates written without a year.
 */
export function parseTime(s: string, defaultYear?: number, opts: ParseTimeOptions = {}): ParsedTime | undefined {
  const year = defaultYear ?? new Date().getUTCFullYear();
  let pos = stick(WS, s, 0) ? WS.lastIndex : 0;
  for (let k = 0; k < 2 && stick(OPENER, s, pos); k++) pos = stick(WS, s, OPENER.lastIndex) ? WS.lastIndex : OPENER.lastIndex;
  if (opts.lead && stick(PROSE_LEAD, s, pos)) pos = stick(WS, s, PROSE_LEAD.lastIndex) ? WS.lastIndex : PROSE_LEAD.lastIndex;
  const start = pos;
  if (opts.entry) {
    const rel = stick(REL, s, pos);
    if (rel) {
      const [, sign, ch, cm, cs, d, h, m, sec] = rel;
      const clock = ch !== undefined;
      if (clock || d || h || m || sec) {
        const seconds = clock ? +ch * 3600 + +cm * 60 + +(cs ?? 0) : +(d ?? 0) * 86400 + +(h ?? 0) * 3600 + +(m ?? 0) * 60 + +(sec ?? 0);
        const precision = clock ? (cs !== undefined ? 1 : 60) : sec ? 1 : m ? 60 : h ? 3600 : 86400;
        return { secondsOfDay: sign === '-' || sign === '−' ? -seconds : seconds, precision, relative: true, start, end: REL.lastIndex };
      }
    }
  }
  const clockWord = !!stick(CLOCK_WORD, s, pos);
  if (clockWord) pos = stick(WS, s, CLOCK_WORD.lastIndex) ? WS.lastIndex : CLOCK_WORD.lastIndex;
  const lead = stick(APPROX, s, pos);
  if (lead) pos = stick(WS, s, APPROX.lastIndex) ? WS.lastIndex : APPROX.lastIndex;
  // "between" and "from" open a range; the other lead-ins say the time is an estimate.
  let approx = !!lead && !/^(?:between|from)$/i.test(lead[0]);
  let nextDay = false;
  if (stick(NEXT_DAY, s, pos)) {
    nextDay = true;
    pos = stick(WS, s, NEXT_DAY.lastIndex) ? WS.lastIndex : NEXT_DAY.lastIndex;
  }
  let date: DateRead | undefined;
  const wd = stick(WEEKDAY, s, pos);
  const datePos = wd ? (stick(WS, s, WEEKDAY.lastIndex), WS.lastIndex) : pos;
  const dr = readDate(s, datePos, year);
  let timePos = pos;
  if (dr) {
    date = dr.d;
    timePos = stick(DATE_TIME_SEP, s, dr.end) ? DATE_TIME_SEP.lastIndex : dr.end;
    if (timePos > dr.end && ESTIMATE_MARK.test(s.slice(dr.end, timePos))) approx = true;
  }
  let tm = readTime(s, timePos, !!date?.full);
  // A part of the day after a date (「2026-05-09 昼頃」「5月9日 午後」): an estimate spanning that part.
  if (!tm && date && !date.needsTime) {
    const part = stick(JA_DAY_PART, s, timePos);
    if (part) {
      const [from, hours] = JA_DAY_PARTS[part[1]];
      tm = { seconds: from * 3600, end: JA_DAY_PART.lastIndex, precision: hours * 3600 };
      approx = true;
    }
  }
  if (!tm && date) {
    // A day alone: a full date, or a month and day in words or kanji, then the end or punctuation.
    if (date.needsTime || stick(DAY_END, s, dr!.end) === null) return undefined;
    return withDate({ secondsOfDay: 0, start, end: dr!.end, dateOnly: true }, date, nextDay);
  }
  if (!tm) {
    // `2024-03-09` read as the start of `2024-03-09 23:58` failed to find its time; try the time alone.
    tm = readTime(s, pos, false);
    date = undefined;
  }
  if (!tm) return undefined;
  let end = tm.end;
  const iso = s[timePos - 1] === 'T' || /:\d\d:\d\d/.test(s.slice(timePos, end));
  // `17:30頃(日本時間)`: the zone after an approximate time's 頃.
  const tail = stick(JA_APPROX_TAIL, s, end);
  if (tail && tail[0] !== '過ぎ') approx = true;
  let zone = readZone(s, tail ? JA_APPROX_TAIL.lastIndex : end, iso);
  if (zone) end = zone.end;
  if (tm.dot) {
    if (stick(UHR, s, end)) end = UHR.lastIndex;
    else if (!dottedTimeOk(s, end, tm.dot, !!zone, clockWord, !!opts.entry || !!date?.full)) {
      // Not a time (`2024-03-09 1.34 released`): what stands before it may still be a day alone.
      if (!date || date.needsTime || stick(DAY_END, s, dr!.end) === null) return undefined;
      return withDate({ secondsOfDay: 0, start, end: dr!.end, dateOnly: true }, date, nextDay);
    }
  }
  if (!date) {
    // A date after the time: `08:10 3rd Feb 2024 UTC`, `10:05, Feb 9 2025`.
    const datePos2 = stick(AFTER_TIME_DATE_SEP, s, end) ? AFTER_TIME_DATE_SEP.lastIndex : end;
    const d2 = datePos2 > end ? readDate(s, datePos2, year) : undefined;
    if (d2 && !d2.d.needsTime) {
      date = d2.d;
      end = d2.end;
      if (!zone) {
        zone = readZone(s, end, false);
        if (zone) end = zone.end;
      }
    }
  }
  const out: ParsedTime = { secondsOfDay: tm.seconds, precision: tm.precision, start, end };
  if (approx) out.approx = true;
  if (zone) {
    out.offsetMinutes = zone.offsetMinutes;
    out.zone = zone.zone;
    if (zone.tz) out.tz = zone.tz;
  }
  return date ? withDate(out, date, nextDay) : nextDay ? { ...out, nextDay } : out;
}

/**
 * Whether `14.43` (a dotted time read up to `end`) is a time and not a version, a decimal or a
 * section number (`1.34`, `10.15 seconds`, `2.1 Detection`): it is when a zone follows
 * (`14.43 UTC`), a clock word stands before it (`kl. 14.43`), AM/PM follows (`2.30pm`), or it
 * starts a timeline entry or follows a full date (`2024-04-15 14.43`) and either punctuation
 * follows (`14.43:`, `14.43 –`, the end of a cell) or, with a two-digit hour, the event text.
 */
function dottedTimeOk(s: string, end: number, dot: { twoDigitHour: boolean; ampm: boolean }, zone: boolean, clockWord: boolean, entry: boolean): boolean {
  if (zone || clockWord || dot.ampm) return true;
  if (!entry) return false;
  return !!stick(ENTRY_SEP, s, end) || (dot.twoDigitHour && !!stick(WORD_AFTER, s, end));
}

export interface ParseTimeOptions {
  /**
   * The text starts a timeline entry (a time cell, or a list item, heading or paragraph in the
   * timeline): a dotted time (`14.43`) needs no zone there to be read as a time.
   */
  entry?: boolean;
  /**
   * The text starts an entry of a timeline section, where a timeline told in sentences puts a
   * word before the time: `At 9:37 ...`, `At 09:37 UTC, ...`, `By 10:15 ...`, `As of 11:00 ...`
   * (the time starts after the word). Never in other prose, where "at 9:37" is part of a sentence.
   */
  lead?: boolean;
}

function withDate(t: ParsedTime, d: DateRead, nextDay: boolean): ParsedTime {
  const out: ParsedTime = d.date ? { date: d.date, ...t } : { ...t };
  if (d.dayMonth && !d.order) out.dayMonth = d.dayMonth;
  if (d.order) out.order = d.order;
  if (nextDay) out.nextDay = true;
  if (d.yearless) out.yearless = true;
  return out;
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

/** `days` days after `date` (YYYY-MM-DD), or before when negative. */
export function addDays(date: string, days: number): string {
  return new Date(Date.parse(date) + days * 86400000).toISOString().slice(0, 10);
}

export function dateOfDay(day: number): string {
  return new Date(day * 86400000).toISOString().slice(0, 10);
}

/** Zones written out in words, outside the US (see US_ZONE_WORDS), by the name's words before "Time". */
const ZONE_IN_WORDS = /\b(Coordinated\s+Universal|Greenwich\s+Mean|(?:Japan(?:ese)?|Korean?|India(?:n)?|Singapore|Moscow|South\s+African?|Philippine)(?:\s+Standard)?|Hong\s+Kong|Indochina|Gulf(?:\s+Standard)?|Pakistan(?:\s+Standard)?|Malaysia(?:n)?|Western\s+Indonesia(?:n)?|Bras[ií]lia|(?:Central|Eastern|Western)\s+European(?:\s+(?:Summer|Standard))?|British\s+Summer|(?:West|Central|East)\s+African?|Australian\s+(?:Eastern|Central|Western)\s+(?:Standard|Daylight)|New\s+Zealand\s+(?:Standard|Daylight))\s+Time\b/i;
const ZONE_WORD_ABBR: Record<string, string> = {
  'coordinated universal': 'UTC', 'greenwich mean': 'GMT', japan: 'JST', korea: 'KST', india: 'IST', singapore: 'SGT',
  moscow: 'MSK', 'south africa': 'SAST', philippine: 'PHT', 'hong kong': 'HKT', indochina: 'ICT', gulf: 'GST', pakistan: 'PKT', malaysia: 'MYT', 'western indonesia': 'WIB',
  'western indonesian': 'WIB', brasilia: 'BRT', 'central european': 'CET', 'central european summer': 'CEST', 'eastern european': 'EET',
  'eastern european summer': 'EEST', 'western european': 'WET', 'western european summer': 'WEST', 'british summer': 'BST',
  'west africa': 'WAT', 'central africa': 'CAT', 'east africa': 'EAT', 'australian eastern standard': 'AEST',
  'australian eastern daylight': 'AEDT', 'australian central standard': 'ACST', 'australian central daylight': 'ACDT',
  'australian western standard': 'AWST', 'new zealand standard': 'NZST', 'new zealand daylight': 'NZDT',
};

/** An hours offset after UTC or GMT: "+9", "-05:00", " + 9:30". */
const UTC_OFFSET = String.raw`(?:\s*[+-]\s*\d{1,2}(?::?\d{2})?)?`;
/** A zone written as letters, with its offset after UTC or GMT: "UTC+9", "GMT-5", "JST", "PDT". One answer for findZoneName and the timeline's zone-only lines. */
export const ZONE_ABBREVIATION = String.raw`(?:UTC|GMT|[A-Z]{2,5})${UTC_OFFSET}`;
const ZONE_NAMED = new RegExp(String.raw`(?:\b|\()(UTC${UTC_OFFSET}|GMT${UTC_OFFSET}|[A-Z]{2,4}T|[PMCE]T|MSK|WIB)\b`, 'g');

/** A zone named for the whole timeline: `## Timeline (all times UTC)`, `Time (JST)`, "All times are in UTC". */
export function findZoneName(s: string): ZoneSpec | undefined {
  // Both seasons named (`PST/PDT`, `EDT/EST`): the zone as its clocks show it, season by day.
  const both = /\b([PMCE])([SD])T\s*\/\s*\1(?!\2)[SD]T\b/.exec(s);
  if (both) {
    const abbr = `${both[1]}T`;
    return { zone: abbr, ...zoneRule(abbr)! };
  }
  const re = ZONE_NAMED;
  re.lastIndex = 0;
  for (let m = re.exec(s); m; m = re.exec(s)) {
    const r = zoneRule(m[1].replace(/\s/g, ''));
    if (r) return { zone: m[1].replace(/\s/g, ''), ...r };
  }
  // Other zones in words: "(all times West Africa Time)", "Central European Summer Time".
  const named = ZONE_IN_WORDS.exec(s);
  if (named) {
    const key = named[1].toLowerCase().replace(/\s+/g, ' ').replace(/(africa|india|korea|malaysia)n\b/, '$1').replace(/^japanese\b/, 'japan').replace('brasília', 'brasilia');
    const zone = ZONE_WORD_ABBR[key] ?? ZONE_WORD_ABBR[key.replace(/ standard$/, '')];
    if (zone) return { zone, ...zoneRule(zone)! };
  }
  // US zones in words: "Eastern Time", "US/Pacific", "Central Daylight Time"; a bare "Eastern" only
  // where it can only be a zone (in brackets, or after "in", "times", "zone").
  const w = /(?:\bUS\/|\b)(Eastern|Central|Mountain|Pacific)(?:\s+(Standard|Daylight))?\s+Time\b|(?:\bUS\/|\(\s*|\b(?:in|times?|zone|are)[:\s]+(?:US\s+)?)(Eastern|Central|Mountain|Pacific)\b(?:\s+(Standard|Daylight)\b)?/.exec(s);
  if (w) {
    const name = w[1] ?? w[3];
    return { zone: name, ...usZoneOffset(name, w[2] ?? w[4]) };
  }
  const ja = /日本時間|協定世界時/.exec(s);
  if (ja) return { ...JA_ZONE_WORDS[ja[0]] };
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
  const iso = parseIsoTimestamp(t.replace(/(?<!\s)\s*UTC$/i, 'Z'), 'UTC');
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
