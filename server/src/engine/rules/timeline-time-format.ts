import type { Rule } from '../types';
import { lineRange, replace } from './util';
import { dayMonthDate } from '../time';
import { timelineSectionAt, zoneOf } from '../model';

/** A time cell that says the time is not known or is no single moment ("Unknown", 「不明（推定数週間前）」, 「継続的」): honest, and not asked again. */
const NO_MOMENT = /^(?:unknown|not known|n\/a|ongoing|continuous(?:ly)?|various|varies|不明|不定|継続的?|随時|常時|未確認|時刻不明)(?=$|[\s(（:：,、。])/i;

const MONTH_NAMES = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

const rule: Rule = {
  id: 'timeline-time-format',
  description: 'Timeline times can be read: a parsable time, and a zone for the timeline.',
  defaultSeverity: 'warning',
  tags: ['timeline'],
  summary: 'times that cannot be read, or a timeline with no time zone',
  messages: {
    en: {
      unparsable: '"{value}" is not a time this checker can read. Write HH:MM (24-hour), optionally with a date and zone: 10:05, 2025-02-09 10:05 UTC, 2025-02-09T10:05:00Z.',
      noSuchDay: '"{value}" names a day that does not exist. Check the month and the day, and write the date as YYYY-MM-DD.',
      empty: 'This timeline row has no time. Give every event a time so the order and gaps can be seen.',
      noZone: 'Timeline times have no time zone, and the timeline names none. Say which zone they are in, e.g. "## Timeline (all times UTC)", so readers in other zones are not misled.',
      fixZone: 'Add "(all times UTC)" to the Timeline heading',
      ambiguousDate: '"{value}" could be {dmy} or {mdy}, and no date in this report settles whether the day or the month comes first, so these rows are ordered by their time alone. Write the date as YYYY-MM-DD ({iso}).',
    },
    ja: {
      unparsable: '「{value}」は読み取れる時刻ではありません。HH:MM（24時間制）で、必要なら日付とタイムゾーンを付けてください（例: 10:05、2025-02-09 10:05 JST）。',
      noSuchDay: '「{value}」は存在しない日付です。月と日を確かめ、YYYY-MM-DDで書いてください。',
      empty: 'このタイムラインの行に時刻がありません。順序と間隔が分かるよう、すべての出来事に時刻を書いてください。',
      noZone: 'タイムラインの時刻にタイムゾーンがなく、タイムライン全体の指定もありません。「## タイムライン（すべてJST）」のように明記してください。',
      fixZone: 'タイムラインの見出しに「(all times UTC)」を追加する',
      ambiguousDate: '「{value}」は{dmy}とも{mdy}とも読め、日と月のどちらが先かをこのレポートの他の日付からも決められないため、これらの行は時刻だけで並べています。日付はYYYY-MM-DD（{iso}）で書いてください。',
    },
  },
  check(ctx) {
    const { doc } = ctx;
    const tl = doc.timeline;
    // The first row whose time names no zone in a region (section) that states none either; rows
    // of every form are asked alike (a date does not say which zone its time is in).
    let zoneless: (typeof tl.entries)[number] | undefined;
    const needsZone = (e: (typeof tl.entries)[number]) => !zoneless && !!e.time && e.time.zone === undefined && !e.time.dateOnly && !e.time.relative && !zoneOf(tl, e.region);
    for (const e of tl.entries) {
      if (e.kind !== 'table') {
        if (needsZone(e)) zoneless = e;
        continue;
      }
      // The time cell without emphasis marks; asked of every row on every check, so the
      // expression runs only on the cells that have a mark.
      let text = e.timeText;
      if (text.includes('*') || text.includes('_') || text.includes('`')) text = text.replace(/[*_`]/g, '');
      text = text.trim();
      if (!text) {
        const hasOther = e.row!.cells.some((c) => c.text);
        if (hasOther) ctx.report({ range: e.range, messageId: 'empty' });
        continue;
      }
      if (!e.time) {
        if (NO_MOMENT.test(text)) continue;
        ctx.report({ range: e.timeRange, messageId: noSuchDay(text) ? 'noSuchDay' : 'unparsable', args: { value: text } });
        continue;
      }
      if (needsZone(e)) zoneless = e;
    }
    const amb = tl.ambiguousDates[0];
    if (amb?.time?.dayMonth) {
      const dm = amb.time.dayMonth;
      const year = dm.year ?? (doc.incidentDate ? +doc.incidentDate.slice(0, 4) : new Date().getUTCFullYear());
      const day = (d: string | undefined) => (d ? (ctx.locale === 'ja' ? `${+d.slice(5, 7)}月${+d.slice(8, 10)}日` : `${+d.slice(8, 10)} ${MONTH_NAMES[+d.slice(5, 7) - 1]}`) : '?');
      const dmy = dayMonthDate(dm, 'dmy', year);
      const mdy = dayMonthDate(dm, 'mdy', year);
      ctx.report({ range: amb.timeRange, messageId: 'ambiguousDate', args: { value: amb.timeText, dmy: day(dmy), mdy: day(mdy), iso: `${dmy ?? mdy} / ${mdy ?? dmy}` } });
    }
    if (zoneless) {
      const s = timelineSectionAt(tl, zoneless.line) ?? tl.section;
      const fixes = [];
      if (s) {
        const line = doc.lines[s.headingLine];
        // Before a closing `##` sequence, if any (one pass: a regular expression for it searched
        // again from every space of a long heading).
        const trimmed = line.trimEnd();
        let h = trimmed.length;
        while (h > 0 && trimmed[h - 1] === '#') h--;
        const end = h < trimmed.length && h > 0 && /\s/.test(trimmed[h - 1]) ? trimmed.slice(0, h).trimEnd().length : trimmed.length;
        fixes.push({ title: ctx.msg('fixZone'), edits: [replace(lineRange(s.headingLine, end, end), ' (all times UTC)')] });
      }
      ctx.report({ range: zoneless.timeRange, messageId: 'noZone', fixes });
    }
    // List items of a timeline that start with a time or a day that cannot be read.
    for (const u of tl.unreadable) ctx.report({ range: u.range, messageId: noSuchDay(u.text) ? 'noSuchDay' : 'unparsable', args: { value: u.text } });
  },
};

/** A year-month-day that no calendar has (`2015-02-30`, `2024-13-01`). */
function noSuchDay(text: string): boolean {
  const m = /(\d{4})-(\d{1,2})-(\d{1,2})/.exec(text);
  if (!m) return false;
  const [y, mo, d] = [+m[1], +m[2], +m[3]];
  return mo < 1 || mo > 12 || d < 1 || d > new Date(Date.UTC(y, mo, 0)).getUTCDate();
}
export default rule;
