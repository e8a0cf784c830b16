import type { Rule, TextEdit } from '../types';
import { entrySpans, placeTime, zoneOf, type PostMortem, type TimelineEntry } from '../model';
import { formatClock, zoneOffsetAt, type ZoneSpec } from '../time';
import { offsetAt } from '../edits';
import { lineRange } from './util';

/** A point on the timeline: its start, whether only a day was written, and how long the written time spans (`10:05` is a minute). */
export interface Placed {
  epoch: number;
  dateOnly?: boolean;
  precision?: number;
  /** Written as an estimate (`~16:50`): its seconds do not count. */
  approx?: boolean;
  /** The zone the time was written in (minutes from UTC): days are compared as written. */
  offset?: number;
}

/**
 * How far an estimated time (`~16:50:00`, 17:30頃) may stand before the row above it and still be
 * read as in order: a minute, so seconds do not count against an estimate, but "about 9:45" above
 * "9:42" is still a step back a reader sees.
 */
const ESTIMATE_SLACK = 60;

const localDay = (p: Placed) => Math.floor((p.epoch + (p.offset ?? 0) * 60) / 86400);

/**
 * True when `cur` reads as earlier than `prev`: by day when either names only a day, else when
 * all of what `cur` names ends before `prev` starts (`08:18` after `08:18:20` is the same minute),
 * by more than a minute when either is an estimate (`~16:50:00` after `16:50:25` is in order).
 */
export function isEarlier(prev: Placed, cur: Placed): boolean {
  if (prev.dateOnly || cur.dateOnly) return localDay(cur) < localDay(prev);
  return cur.epoch + (cur.precision ?? 0) + (cur.approx || prev.approx ? ESTIMATE_SLACK : 0) <= prev.epoch;
}

/** The forms of entries, as numbers: an entry is compared with the one above it of the same form and region. */
const KIND_INDEX: Record<TimelineEntry['kind'], number> = { table: 0, list: 1, heading: 2, paragraph: 3 };

/** The offset (minutes) the time of `e`, placed at `epoch`, was written in: its own zone, else its region's, on that day. */
function writtenOffset(t: TimelineEntry['time'], zone: ZoneSpec | undefined, epoch: number): number {
  if (t?.offsetMinutes !== undefined) return t.tz ? zoneOffsetAt({ offsetMinutes: t.offsetMinutes, tz: t.tz }, epoch) : t.offsetMinutes;
  return zone ? zoneOffsetAt(zone, epoch) : 0;
}

/** Where a timed entry stands on the timeline, written into `out` (reused, so a walk over thousands of rows makes no objects). */
function placeInto(doc: PostMortem, e: TimelineEntry, out: Placed): Placed {
  out.epoch = e.epoch!;
  out.dateOnly = e.time?.dateOnly;
  out.precision = e.time?.precision;
  out.approx = e.time?.approx;
  out.offset = writtenOffset(e.time, zoneOf(doc.timeline, e.region), e.epoch!);
  return out;
}

interface Unit {
  /** First and last line of the unit (trailing blank lines excluded: they stay where they are). */
  start: number;
  end: number;
  key: number;
  idx: number;
  entries: TimelineEntry[];
}

/**
 * Whether `units`, in this order, read back in time order. A row without a date takes its day
 * from the rows above it, so moving it can change what it means: `| 14:02 |` below
 * `| 2020-03-17 20:29 |` is the 17th, above it the report's day. A sort that does not read back
 * in order would be undone by the next sort; it is not offered.
 */
function readsInOrder(doc: PostMortem, units: Unit[]): boolean {
  const first = units.flatMap((u) => u.entries).find((e) => e.clockBefore);
  if (!first) return true;
  const st = { ...first.clockBefore! };
  const zone = zoneOf(doc.timeline, first.region);
  let prev: Placed | undefined;
  for (const u of units) {
    for (const e of u.entries) {
      if (!e.time) continue;
      const epoch = placeTime(st, e.time, zone).epoch;
      const cur = { epoch, dateOnly: e.time.dateOnly, precision: e.time.precision, approx: e.time.approx, offset: writtenOffset(e.time, zone, epoch) };
      if (prev && isEarlier(prev, cur)) return false;
      prev = cur;
    }
  }
  return true;
}

/** The line break after `line` as written (CRLF, LF or none at the end). */
function breakAfter(doc: PostMortem, line: number): string {
  const { text, lineStarts } = doc.scan;
  return line + 1 < lineStarts.length ? text.slice(lineStarts[line] + doc.lines[line].length, lineStarts[line + 1]) : '';
}

const blank = (doc: PostMortem, l: number) => doc.lines[l].trim() === '';

/**
 * One edit per timeline group (table, list, time headings, time paragraphs) that reorders its
 * units by time (stable; units kept byte for byte; the blank lines between units and the line
 * breaks stay where they were, so a CRLF file stays CRLF). A group whose units are not
 * contiguous, or whose sorted order would not read back in order, gets no edit.
 */
export function sortTimelineEdits(doc: PostMortem): TextEdit[] {
  const groups = new Map<number, TimelineEntry[]>();
  // A group's entries mostly follow one another (a table's rows): the map is asked only when the group changes.
  let last: TimelineEntry[] | undefined;
  let lastGroup = -1;
  for (const e of doc.timeline.entries) {
    if (e.group !== lastGroup) {
      lastGroup = e.group;
      last = groups.get(e.group);
      if (!last) groups.set(e.group, (last = []));
    }
    last!.push(e);
  }
  const edits: TextEdit[] = [];
  for (const [gi, entries] of groups) {
    const g = doc.timeline.groups[gi];
    const edit = g.kind === 'table' ? tableSortEdit(doc, gi, entries) : groupSortEdit(doc, gi, entries);
    if (edit) edits.push(edit);
  }
  return edits;
}

/**
 * A table's sort edit, remembered per table block. The incremental scan keeps the very block
 * object of a table an edit did not reach (a new one whenever its rows or lines change), and the
 * edit depends, besides the rows, only on where the clock stood before the table and on the
 * report's zone, date and day-month order; so typing elsewhere in a report with a long,
 * unsorted timeline does not sort its rows again.
 */
const tableSorts = new WeakMap<object, { key: string; edit: TextEdit | undefined }>();
/**
 * A table's sorted order, per header row (kept by the incremental scan while the header is not
 * edited): typing in a row without changing its time gives the rows the same times and places,
 * so the same order; only the text is put together again.
 */
const tableOrders = new WeakMap<object, { key: string; times: unknown[]; epochs: (number | undefined)[]; order: number[] | undefined }>();

function tableSortEdit(doc: PostMortem, gi: number, entries: TimelineEntry[]): TextEdit | undefined {
  const block = doc.block(doc.timeline.groups[gi].block!);
  const first = entries.find((e) => e.clockBefore);
  const tl = doc.timeline;
  const key = JSON.stringify([first?.clockBefore, entries[0] && zoneOf(tl, entries[0].region), tl.baseDate, tl.dayMonthOrder, doc.incidentDate, entries.length, entries[0]?.line]);
  const hit = tableSorts.get(block);
  if (hit && hit.key === key) return hit.edit;
  let edit: TextEdit | undefined;
  // A table's units are its body rows, one line each with nothing between them (see entrySpans):
  // row k's time and place say whether the kept order still holds, without building the units.
  const top = block.startLine + 2;
  const n = block.endLine - top + 1;
  const kept = block.header ? tableOrders.get(block.header) : undefined;
  let same = n > 0 && !!kept && kept.key === key && kept.times.length === n;
  if (same) {
    let k = 0;
    for (const e of entries) {
      const at = e.line - top;
      // Rows without an entry between two entries: their kept time must be none.
      for (; k < at && same; k++) same = kept!.times[k] === undefined && kept!.epochs[k] === undefined;
      if (!same || at !== k) {
        same = false;
        break;
      }
      same = e.time === kept!.times[k] && e.epoch === kept!.epochs[k];
      k++;
    }
    for (; k < n && same; k++) same = kept!.times[k] === undefined && kept!.epochs[k] === undefined;
  }
  if (same) {
    const order = kept!.order;
    if (order)
      edit = sortEdit(doc, top, top + n - 1, () => {
        const rows: Unit[] = [];
        for (let k = 0; k < n; k++) rows.push({ start: top + k, end: top + k, key: 0, idx: k, entries: [] });
        return { units: rows, sorted: order.map((k) => rows[k]) };
      });
  } else {
    const units = sortUnits(doc, gi, entries);
    if (units) {
      const sorted = sortedUnits(doc, units);
      const order = sorted?.map((u) => u.idx);
      if (block.header) tableOrders.set(block.header, { key, times: units.map((u) => u.entries[0]?.time), epochs: units.map((u) => u.entries[0]?.epoch), order });
      if (sorted) edit = sortEdit(doc, units[0].start, units[units.length - 1].end, () => ({ units, sorted }));
    }
  }
  tableSorts.set(block, { key, edit });
  return edit;
}

function groupSortEdit(doc: PostMortem, gi: number, entries: TimelineEntry[]): TextEdit | undefined {
  const units = sortUnits(doc, gi, entries);
  const sorted = units && sortedUnits(doc, units);
  return sorted ? sortEdit(doc, units![0].start, units![units!.length - 1].end, () => ({ units: units!, sorted })) : undefined;
}

/** The units of a group with their sort keys, or undefined when the group cannot be sorted. */
function sortUnits(doc: PostMortem, gi: number, entries: TimelineEntry[]): Unit[] | undefined {
  const spans = entrySpans(doc, gi, entries);
  if (!spans.length) return undefined;
  // Only blank lines between units: anything else would be moved with a unit or left behind.
  for (let k = 1; k < spans.length; k++) for (let l = spans[k - 1].end + 1; l < spans[k].start; l++) if (!blank(doc, l)) return undefined;
  let lastKey = -Infinity;
  return spans.map((sp, k) => {
    // By where the written time ends, so `08:18` stays after `08:18:20` (the same minute).
    if (sp.entry?.epoch !== undefined) lastKey = sp.entry.epoch + (sp.entry.time?.dateOnly ? 0 : (sp.entry.time?.precision ?? 0));
    return { start: sp.start, end: sp.end, key: lastKey, idx: k, entries: sp.entry ? [sp.entry] : [] };
  });
}

/** The units in time order, or undefined when they are in order already or the order would not read back. */
function sortedUnits(doc: PostMortem, units: Unit[]): Unit[] | undefined {
  const sorted = [...units].sort((a, b) => a.key - b.key || a.idx - b.idx);
  if (sorted.every((u, i) => u === units[i])) return undefined;
  if (!readsInOrder(doc, sorted)) return undefined;
  return sorted;
}

/**
 * The edit that puts the units into the slots in order; the blank lines after each slot stay where
 * they are. Its text is put together when it is first read (a quick fix, fix-all, `--fix`), not on
 * every check: sorting a 5,000-row table is half a megabyte of text, and typing in one of its rows
 * would otherwise build it again on every keystroke. The edit is still plain data to whoever reads
 * it (an own enumerable property, copied and serialized like any other).
 */
function sortEdit(doc: PostMortem, firstLine: number, lastLine: number, plan: () => { units: Unit[]; sorted: Unit[] }): TextEdit {
  const build = () => {
    const { units, sorted } = plan();
    const out: string[] = [];
    sorted.forEach((u, k) => {
      for (let l = u.start; l <= u.end; l++) out.push(doc.lines[l]);
      if (k + 1 < units.length) for (let l = units[k].end + 1; l < units[k + 1].start; l++) out.push(doc.lines[l]);
    });
    const parts: string[] = [];
    for (let i = 0; i < out.length; i++) parts.push(out[i], i + 1 < out.length ? breakAfter(doc, firstLine + i) : '');
    return parts.join('');
  };
  let text: string | undefined;
  return {
    range: { start: { line: firstLine, character: 0 }, end: { line: lastLine, character: doc.lines[lastLine].length } },
    get newText() {
      return (text ??= build());
    },
  };
}

/** Characters an edit replaces. A sort edit's text moves whole lines and keeps the line breaks in place, so it is exactly as long. */
function spanLength(doc: PostMortem, e: TextEdit): number {
  const { lineStarts, text } = doc.scan;
  return offsetAt(lineStarts, text.length, e.range.end) - offsetAt(lineStarts, text.length, e.range.start);
}

/** Characters of sort edits small enough to attach to every out-of-order finding. */
const SMALL_FIX = 16 * 1024;

const rule: Rule = {
  id: 'timeline-order',
  description: 'Timeline rows are in time order (midnight rollovers and day headings understood).',
  defaultSeverity: 'warning',
  tags: ['timeline'],
  summary: 'a timeline row earlier than the one above it (midnight rollovers, day headings and zones understood)',
  messages: {
    en: {
      earlier: 'This event ({time}) is earlier than the one above it ({prev}). Keep the timeline in time order so readers can follow cause and effect.',
      fixSort: 'Sort timeline by time',
    },
    ja: {
      earlier: 'この出来事（{time}）は一つ上の行（{prev}）より前の時刻です。因果関係を追えるよう、タイムラインを時刻順に並べてください。',
      fixSort: 'タイムラインを時刻順に並べ替える',
    },
  },
  check(ctx) {
    const { doc } = ctx;
    // Each entry is compared with the one above it of the same form (table rows with rows, list
    // items with items...) in the same region (the timeline section, or one timeline-shaped list).
    // Per form and region (KIND_INDEX + 4 * region): the entry above and where it was placed,
    // kept in arrays and compared in place, so the walk over thousands of rows makes no objects.
    const prevEntry: (TimelineEntry | undefined)[] = [];
    const prevAt: Placed[] = [];
    let edits: TextEdit[] | undefined;
    // The sort fix rewrites whole tables. It travels with each finding while that stays small; in
    // imported timelines of thousands of rows it goes with the first finding only, so diagnostics
    // do not carry the same big edit hundreds of times on every keystroke.
    let fixSize = 0;
    let fixGiven = false;
    let spare: Placed = { epoch: 0 };
    for (const e of doc.timeline.entries) {
      if (e.epoch === undefined) continue;
      const k = KIND_INDEX[e.kind] + 4 * e.region;
      const prev = prevEntry[k];
      const at = placeInto(doc, e, spare);
      // A row with only a day is ordered against its neighbours by day.
      const earlier = prev !== undefined && isEarlier(prevAt[k], at);
      prevEntry[k] = e;
      spare = prevAt[k] ?? { epoch: 0 };
      prevAt[k] = at;
      if (earlier && prev) {
        if (!edits) {
          edits = sortTimelineEdits(doc);
          for (const ed of edits) fixSize += spanLength(doc, ed);
        }
        const withFix: boolean = edits.length > 0 && (!fixGiven || fixSize <= SMALL_FIX);
        fixGiven ||= withFix;
        const withSec = (e.time?.secondsOfDay ?? 0) % 60 !== 0 || (prev.time?.secondsOfDay ?? 0) % 60 !== 0;
        ctx.report({
          range: lineRange(e.line, e.timeRange.start.character, e.timeRange.end.character),
          messageId: 'earlier',
          args: { time: e.timeText || formatClock(e.epoch, withSec), prev: prev.timeText || formatClock(prev.epoch!, withSec) },
          fixes: withFix ? [{ title: ctx.msg('fixSort'), edits, fixAll: true, isPreferred: true }] : undefined,
        });
      }
    }
  },
};
export default rule;
