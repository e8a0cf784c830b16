import type { Rule, TextEdit } from '../types';
import { placeTime, type PostMortem, type TimelineEntry } from '../model';
import { formatClock } from '../time';
import { lineRange, replace } from './util';

/** True when `cur` reads as earlier than `prev`: by day when either names only a day, else by time. */
export function isEarlier(prev: { epoch: number; dateOnly?: boolean }, cur: { epoch: number; dateOnly?: boolean }): boolean {
  if (prev.dateOnly || cur.dateOnly) return Math.floor(cur.epoch / 86400) < Math.floor(prev.epoch / 86400);
  return prev.epoch > cur.epoch;
}

interface Unit {
  lines: string[];
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
  const offset = doc.timeline.zone?.offsetMinutes ?? 0;
  let prev: { epoch: number; dateOnly?: boolean } | undefined;
  for (const u of units) {
    for (const e of u.entries) {
      if (!e.time) continue;
      const cur = { epoch: placeTime(st, e.time, offset).epoch, dateOnly: e.time.dateOnly };
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

/**
 * One edit per timeline table or list that reorders its rows by time (stable; rows kept byte for
 * byte, and the line breaks between them stay as they were, so a CRLF file stays CRLF). A table or
 * list whose sorted order would not read back in order gets no edit.
 */
export function sortTimelineEdits(doc: PostMortem): TextEdit[] {
  const groups = new Map<number, TimelineEntry[]>();
  for (const e of doc.timeline.entries) {
    const key = e.kind === 'table' ? doc.timeline.tables[e.table!].block : -1 - doc.blockAt(e.line);
    const g = groups.get(key) ?? [];
    g.push(e);
    groups.set(key, g);
  }
  const edits: TextEdit[] = [];
  for (const [key, entries] of groups) {
    let firstLine: number;
    let lastLine: number;
    let units: Unit[];
    const byLine = new Map(entries.map((e) => [e.line, e]));
    if (key >= 0) {
      const b = doc.block(key);
      firstLine = b.startLine + 2;
      lastLine = b.endLine;
      units = [];
      let lastKey = -Infinity;
      for (let l = firstLine; l <= lastLine; l++) {
        const e = byLine.get(l);
        if (e?.epoch !== undefined) lastKey = e.epoch;
        units.push({ lines: [doc.lines[l]], key: lastKey, idx: units.length, entries: e ? [e] : [] });
      }
    } else {
      const b = doc.block(-1 - key);
      const items = doc.topLevelItems(b);
      firstLine = items[0].line;
      lastLine = b.endLine;
      units = [];
      let lastKey = -Infinity;
      items.forEach((it, k) => {
        const end = k + 1 < items.length ? items[k + 1].line - 1 : lastLine;
        const e = byLine.get(it.line);
        if (e?.epoch !== undefined) lastKey = e.epoch;
        units.push({ lines: doc.lines.slice(it.line, end + 1), key: lastKey, idx: k, entries: e ? [e] : [] });
      });
    }
    const sorted = [...units].sort((a, b) => a.key - b.key || a.idx - b.idx);
    if (sorted.every((u, i) => u === units[i])) continue;
    if (!readsInOrder(doc, sorted)) continue;
    const out = sorted.flatMap((u) => u.lines);
    let text = '';
    for (let i = 0; i < out.length; i++) text += out[i] + (i + 1 < out.length ? breakAfter(doc, firstLine + i) : '');
    edits.push(replace({ start: { line: firstLine, character: 0 }, end: { line: lastLine, character: doc.lines[lastLine].length } }, text));
  }
  return edits;
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
    let prev: TimelineEntry | undefined;
    let edits: TextEdit[] | undefined;
    // The sort fix rewrites whole tables. It travels with each finding while that stays small; in
    // imported timelines of thousands of rows it goes with the first finding only, so diagnostics
    // do not carry the same big edit hundreds of times on every keystroke.
    let fixSize = 0;
    let fixGiven = false;
    for (const e of doc.timeline.entries) {
      if (e.epoch === undefined) continue;
      // A row with only a day is ordered against its neighbours by day.
      const earlier = prev && isEarlier({ epoch: prev.epoch!, dateOnly: prev.time?.dateOnly }, { epoch: e.epoch, dateOnly: e.time?.dateOnly });
      if (prev && earlier && prev.kind === e.kind) {
        if (!edits) {
          edits = sortTimelineEdits(doc);
          for (const ed of edits) fixSize += ed.newText.length;
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
      prev = e;
    }
  },
};
export default rule;
