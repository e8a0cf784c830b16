// Deadlines as people write them, and the day each falls due: one vocabulary for the deadline a
// cell or list item states (overdue-action, invalid-deadline, `postmortem actions`) and the one a
// sub-heading of the action section states for the items under it ("Short-term (Next 2h)",
// 「中期（1ヶ月以内）」).
import { addDays, parseDate } from './time';

/** A quarter: "Q3", "Q3 2026", "Q1 FY26". */
const QUARTER = String.raw`Q([1-4])(?:\s{0,3}(?:FY\s{0,3})?(\d{4}|\d{2}))?`;
/** A half year: "H2 2026". */
const HALF = String.raw`H([12])\s*(\d{4})`;
/** A part of a month: 「3月末」「4月中」「5月上旬」. */
const JA_MONTH_PART = String.raw`(\d{1,2})月(末|中|上旬|中旬|下旬)`;
/** A horizon counted from the report's date, in English. */
const N_UNITS = String.raw`(?:next|within(?: the next)?|in the next) (\d{1,3}) ?(m|mins?|minutes?|h|hrs?|hours?|d|days?|weeks?|months?)`;
const THIS_NEXT = String.raw`(this|next) (week|month|quarter|sprint|year)`;
const END_OF = String.raw`(?:by )?(?:the )?end of (?:the )?(day|week|month|quarter|sprint|year)`;
const DAY = '(today|tomorrow)';
/** 今週 / 今月 / 今期 / 来週 / 来月, and 「2時間以内」「1ヶ月以内」. */
const JA_PERIOD = '(今週|今月|今期|来週|来月)';
const JA_WITHIN = String.raw`(\d{1,3}) ?(時間|日|週間|か月|ヶ月)以内`;
/** Dates a heading states: "2026-04-01", "By March 31". */
const HEADING_DATE = String.raw`\d{4}-\d{2}-\d{2}|(?:by|before|until|due) [a-z]{3,9}\.? \d{1,2}(?:st|nd|rd|th)?(?:,? \d{4})?`;

const QUARTERS = new RegExp(String.raw`\b${QUARTER}\b`, 'gi');
const HALF_RE = new RegExp(String.raw`\b${HALF}\b`);
const JA_MONTH_PART_RE = new RegExp(JA_MONTH_PART);
const HORIZON = new RegExp(String.raw`\b(?:${N_UNITS}|${THIS_NEXT}|${END_OF}|${DAY})\b|${JA_PERIOD}|${JA_WITHIN}`, 'i');
/**
 * A time a sub-heading states for what it holds: a date or quarter ("Long-term (Q3)", "By March 31",
 * "Q4 2025 - Q1 2026"), a horizon ("Short-term (next 2h)", "Immediate (this week)", "Within 30 days"),
 * 「今週中」「1か月以内」「3月末」. "Short-term" or "Immediate" alone states none.
 */
const HEADING_DEADLINE = new RegExp(
  String.raw`\b(?:${QUARTER}(?: ?[-–—~] ?${QUARTER})?|${HALF}|${HEADING_DATE}|${N_UNITS}|${THIS_NEXT}|${END_OF}|${DAY})\b|${JA_PERIOD}|${JA_WITHIN}|${JA_MONTH_PART}`,
  'i',
);

/** The deadline a heading's text states for the items under it, as written; undefined when it states none. */
export function headingDeadline(text: string): string | undefined {
  return HEADING_DEADLINE.exec(text)?.[0].trim();
}

/** A pattern's text with its groups made non-capturing, to be embedded in a larger one. */
const bare = (source: string) => source.replace(/\((?!\?)/g, '(?:');
const MONTH = String.raw`(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]{0,6}\.?`;
/** Dates as a list item writes them: "2025-03-01", "3/1", "March 1st, 2025", "1 Mar", "end of March 2025", "Q3 FY26", 2025年3月, 3月15日, 3月末. */
const ITEM_DATE = String.raw`(?:\d{4}[-/.]\d{1,2}[-/.]\d{1,2}|\d{1,2}/\d{1,2}(?:/\d{2,4})?|${MONTH}\s+\d{1,2}(?:st|nd|rd|th)?(?:,?\s+\d{4})?|\d{1,2}(?:st|nd|rd|th)?\s+${MONTH}(?:\s+\d{4})?|(?:end of\s+)?${MONTH}\s+\d{4}|${bare(QUARTER)}|\d{4}年\s*\d{1,2}月(?:\s*\d{1,2}日)?|\d{1,2}月\s*\d{1,2}日|${bare(JA_MONTH_PART)})`;
/**
 * A deadline written in a list item: "(due 2025-03-01)", "by March 1", "Deadline: Q3", "ETA: 2025/03/01",
 * 「期限: 3月末」 after a label, 「3月15日まで」 before one. The date as written (a placeholder such as
 * "TBD" is no deadline). Two patterns, the first match in the text winning, as one alternation would.
 */
const LABELLED_DEADLINE = new RegExp(String.raw`(?:\b(?:due(?:\s+(?:date|by|on))?|deadline|target(?:\s+(?:date|completion))?|eta|by|before|until)\s*[:=]?\s*|期限\s*[:：]?\s*)(${ITEM_DATE})`, 'i');
const DEADLINE_UNTIL = new RegExp(String.raw`\b(${ITEM_DATE})\s*(?:まで|迄)`, 'i');

/** The deadline a list item's text states, as written; undefined when it states none. */
export function listDeadline(text: string): string | undefined {
  const a = LABELLED_DEADLINE.exec(text);
  const b = DEADLINE_UNTIL.exec(text);
  const m = a && (!b || a.index <= b.index) ? a : b;
  return m?.[1].trim();
}

/** The last day of month `m` (1-12, or past 12 into the next years) of year `y`. */
const monthEnd = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
/** `n` months after `date`, on the same day or the month's last. */
function plusMonths(date: string, n: number): string {
  const y = +date.slice(0, 4);
  const m = +date.slice(5, 7) + n;
  const end = monthEnd(y, m);
  return +date.slice(8, 10) > +end.slice(8, 10) ? end : `${end.slice(0, 8)}${date.slice(8, 10)}`;
}
/** The Sunday ending the week that holds `date`. */
const weekEnd = (date: string) => addDays(date, (7 - new Date(Date.parse(date)).getUTCDay()) % 7);

/** The last day of the period (`day`, `week`, `month`, `quarter`, `year`) holding `date`, `ahead` periods later; undefined for a sprint, whose length the report does not say. */
function periodEnd(date: string, unit: string, ahead: number): string | undefined {
  const y = +date.slice(0, 4);
  const m = +date.slice(5, 7);
  if (unit === 'day') return addDays(date, ahead);
  if (unit === 'week') return addDays(weekEnd(date), 7 * ahead);
  if (unit === 'month') return monthEnd(y, m + ahead);
  if (unit === 'quarter') return monthEnd(y, Math.ceil(m / 3) * 3 + 3 * ahead);
  if (unit === 'sprint') return undefined;
  return `${y + ahead}-12-31`;
}

/**
 * The day a deadline falls due: a date as written; a quarter, a half or a part of a month, in the
 * report's year or the next when that one has passed ("Q3", "H2 2026", 「3月末」); a horizon counted
 * from the report's date ("Next 2h", "within 30 days", "this week", 「1か月以内」). A deadline written
 * this way is the team's commitment as much as a date is, so overdue-action judges it too. Undefined
 * when it names no day ("next sprint", 今期), or names one only relative to a report that has no date.
 */
export function dueDate(deadline: string, reportDate: string | undefined): string | undefined {
  const year = reportDate ? +reportDate.slice(0, 4) : undefined;
  const date = parseDate(deadline, year);
  if (date) return date;
  // Not before the report: a period already past on its date is the next year's.
  const notBefore = (d: string, written: boolean) => (!written && reportDate && d < reportDate ? `${+d.slice(0, 4) + 1}${d.slice(4)}` : d);
  // The last quarter named: "Q4 2025 - Q1 2026" is due at the end of the range.
  let m: RegExpExecArray | null = null;
  for (const q of deadline.matchAll(QUARTERS)) m = q;
  if (m) {
    const y = m[2] ? (m[2].length === 2 ? 2000 + +m[2] : +m[2]) : year;
    return y ? notBefore(monthEnd(y, +m[1] * 3), !!m[2]) : undefined;
  }
  if ((m = HALF_RE.exec(deadline))) return monthEnd(+m[2], +m[1] * 6);
  if ((m = JA_MONTH_PART_RE.exec(deadline)) && year) {
    const day = m[2] === '上旬' ? 10 : m[2] === '中旬' ? 20 : undefined;
    const end = monthEnd(year, +m[1]);
    return notBefore(day ? `${end.slice(0, 8)}${day}` : end, false);
  }
  if (!reportDate || !(m = HORIZON.exec(deadline))) return undefined;
  const [, n, unit, thisNext, period, endOf, day, ja, jaN, jaUnit] = m;
  if (n) {
    const u = unit.toLowerCase();
    if (/^m/.test(u)) return reportDate;
    if (/^h/.test(u)) return addDays(reportDate, Math.floor(+n / 24));
    if (/^d|^day/.test(u)) return addDays(reportDate, +n);
    if (u.startsWith('week')) return addDays(reportDate, 7 * +n);
    return plusMonths(reportDate, +n);
  }
  if (thisNext) return periodEnd(reportDate, period.toLowerCase(), thisNext.toLowerCase() === 'next' ? 1 : 0);
  if (endOf) return periodEnd(reportDate, endOf.toLowerCase(), 0);
  if (day) return addDays(reportDate, day.toLowerCase() === 'tomorrow' ? 1 : 0);
  if (ja === '今期') return undefined;
  if (ja) return periodEnd(reportDate, ja.endsWith('週') ? 'week' : 'month', ja.startsWith('来') ? 1 : 0);
  if (jaUnit === '時間') return addDays(reportDate, Math.floor(+jaN / 24));
  if (jaUnit === '日') return addDays(reportDate, +jaN);
  if (jaUnit === '週間') return addDays(reportDate, 7 * +jaN);
  return plusMonths(reportDate, +jaN);
}
