// Pass: the timeline. Its tables and list items, the zone and day they are written in, and an
// absolute time for each entry (its own date, else the day heading or report date, with midnight
// rollover).
import type { Block, Cell, TableRow } from '../scan';
import { ACTION_COLUMNS, TIMELINE_COLUMNS } from '../vocabulary';
import { dayNumber, findZoneName, parseDate, parseTime, type ParsedTime } from '../time';
import type { HeaderField, PassInput, Section, Timeline } from './types';
import { cellRange, inSection, lineRange, mapColumns, topLevel } from './queries';

export interface TimelineInput {
  section?: Section;
  headerFields: HeaderField[];
  incidentDate?: string;
}

export function readTimeline({ lines, blocks }: PassInput, { section: tlSection, headerFields, incidentDate }: TimelineInput): Timeline {
  const defaultYear = incidentDate ? +incidentDate.slice(0, 4) : undefined;
  const timeline: Timeline = { section: tlSection, tables: [], entries: [] };
  const tzField = headerFields.find((f) => f.name === 'timezone');
  timeline.zone = (tlSection && findZoneName(tlSection.title)) ?? (tzField ? findZoneName(tzField.value.toUpperCase()) : undefined);
  timeline.baseDate = (tlSection && parseDate(tlSection.title, defaultYear)) ?? incidentDate;
  const dayHeadings = new Map<number, string>();

  blocks.forEach((b, bi) => {
    const inTimeline = inSection(tlSection, bi);
    if (inTimeline && b.kind === 'heading') {
      const d = parseDate(b.headingText ?? '', defaultYear);
      if (d) dayHeadings.set(bi, d);
      return;
    }
    if (inTimeline && b.kind === 'paragraph' && b.startLine === b.endLine) {
      // A paragraph that is only a date ("2019-01-23", "**Feb 10**") starts a new day.
      const t = lines[b.startLine].replace(/[*_:]/g, '').trim();
      const d = t.length <= 40 && !/\d{1,2}:\d{2}/.test(t) ? parseDate(t, defaultYear) : undefined;
      if (d) dayHeadings.set(bi, d);
    }
    if (inTimeline && b.kind === 'paragraph' && !timeline.zone) {
      const z = /(?:all times|times are|times in|時刻は|時間は|タイムゾーン)/i.test(lines.slice(b.startLine, b.endLine + 1).join(' '))
        ? findZoneName(lines.slice(b.startLine, b.endLine + 1).join(' '))
        : undefined;
      if (z) timeline.zone = z;
    }
    if (b.kind === 'table' && b.header && b.rows) {
      const tcols = mapColumns(b.header, TIMELINE_COLUMNS);
      // A separate Date column (| Date | Time | Event |) gives the day; alone, it is the time column.
      const dateCol = tcols.time !== undefined ? tcols.date : undefined;
      if (tcols.time === undefined && tcols.date !== undefined) tcols.time = tcols.date;
      if (tcols.time === undefined) return;
      const isTimeline = inTimeline || (!tlSection && tcols.event !== undefined && mapColumns(b.header, ACTION_COLUMNS).owner === undefined);
      if (!isTimeline) return;
      const dateYear = dateCol !== undefined ? /\b((?:19|20)\d\d)\b/.exec(b.header.cells[dateCol].text)?.[1] : undefined;
      const tIndex = timeline.tables.length;
      timeline.tables.push({ block: bi, columns: tcols, header: b.header });
      if (!timeline.zone) {
        const z = findZoneName(b.header.cells[tcols.time].text);
        if (z) timeline.zone = z;
      }
      for (const r of b.rows) {
        const tc = r.cells[tcols.time] ?? emptyCell(r);
        const dc = dateCol !== undefined ? r.cells[dateCol] : undefined;
        const timeSource = dc?.text && tc.text ? `${dc.text.replace(/[*_]/g, '')} ${tc.text}` : tc.text;
        const year = dateYear ? +dateYear : defaultYear;
        timeline.entries.push({
          line: r.line,
          range: lineRange(r.line, 0, lines[r.line].length),
          kind: 'table',
          timeText: tc.text,
          timeRange: cellRange(tc),
          time: cachedTime(timeSource, year),
          dated: false,
          event: tcols.event !== undefined ? r.cells[tcols.event] : undefined,
          source: tcols.source !== undefined ? r.cells[tcols.source] : undefined,
          actor: tcols.actor !== undefined ? r.cells[tcols.actor] : undefined,
          row: r,
          table: tIndex,
        });
      }
      return;
    }
    if (inTimeline && b.kind === 'list' && b.items) {
      for (const it of topLevel(b.items)) {
        const textLine = lines[it.line];
        const body = textLine.slice(it.textStart);
        const t = cachedTime(body, defaultYear);
        if (!t) continue;
        const start = it.textStart + t.start;
        timeline.entries.push({
          line: it.line,
          range: lineRange(it.line, 0, textLine.length),
          kind: 'list',
          timeText: body.slice(t.start, t.end).replace(/\*\*|__/g, '').trim(),
          timeRange: lineRange(it.line, start, it.textStart + t.end),
          time: t,
          dated: false,
        });
      }
    }
  });

  resolveTimeline(timeline, blocks, dayHeadings, timeline.baseDate);
  return timeline;
}

function emptyCell(r: TableRow): Cell {
  return { text: '', line: r.line, start: 0, end: 0, outerStart: 0, outerEnd: 0 };
}

// Timeline cells repeat across re-checks of the same document (and imported rows share formats),
// and parsing a time is the largest per-row cost of building the model: results are memoized.
// ParsedTime values are shared between entries and must be treated as read-only.
const timeCache = new Map<number, Map<string, ParsedTime | null>>();
const TIME_CACHE_MAX = 200_000;
const thisYear = () => new Date().getUTCFullYear();

function cachedTime(s: string, defaultYear: number | undefined): ParsedTime | undefined {
  const year = defaultYear ?? thisYear();
  let byText = timeCache.get(year);
  if (!byText) timeCache.set(year, (byText = new Map()));
  let t = byText.get(s);
  if (t === undefined) {
    t = parseTime(s, defaultYear) ?? null;
    if (byText.size >= TIME_CACHE_MAX) byText.clear();
    byText.set(s, t);
  }
  return t ?? undefined;
}

const ROLLOVER_MAX_GAP = 12 * 3600;

/** Where the clock stands while reading a timeline top to bottom: the current day and the last time seen. */
export interface ClockState {
  day: number;
  dated: boolean;
  prev?: number;
}

/**
 * Places one parsed time on the clock and advances it: its own date, else the current day, with
 * midnight rollover. The one rule for what a row's time means given the rows above it; the
 * timeline sort uses it too, to check that a sorted order reads back in order.
 */
export function placeTime(st: ClockState, t: ParsedTime, fallbackOffset: number): { epoch: number; dated: boolean; rollover: boolean } {
  const offset = t.offsetMinutes ?? fallbackOffset;
  let out: { epoch: number; dated: boolean; rollover: boolean };
  if (t.date) {
    st.day = dayNumber(t.date);
    st.dated = true;
    out = { epoch: st.day * 86400 + t.secondsOfDay - offset * 60, dated: true, rollover: false };
  } else {
    let epoch = st.day * 86400 + t.secondsOfDay - offset * 60;
    let rollover = false;
    if (st.prev !== undefined && epoch < st.prev && epoch + 86400 - st.prev < ROLLOVER_MAX_GAP && epoch + 86400 >= st.prev) {
      st.day += 1;
      epoch += 86400;
      rollover = true;
    }
    out = { epoch, dated: st.dated, rollover };
  }
  st.prev = out.epoch;
  return out;
}

/** Gives each entry an absolute time: its own date, else the day heading or report date, with midnight rollover. */
function resolveTimeline(tl: Timeline, blocks: Block[], dayHeadings: Map<number, string>, base: string | undefined): void {
  // Day headings in the timeline section apply to the entries below them.
  const headingDays = [...dayHeadings.entries()].map(([bi, d]) => ({ line: blocks[bi].startLine, day: dayNumber(d) }));
  const st: ClockState = { day: base ? dayNumber(base) : 0, dated: !!base };
  let hd = 0;
  const fallbackOffset = tl.zone?.offsetMinutes ?? 0;
  let lastKey: unknown;
  for (const e of tl.entries) {
    while (hd < headingDays.length && headingDays[hd].line < e.line) {
      st.day = headingDays[hd].day;
      st.dated = true;
      st.prev = undefined;
      hd++;
    }
    const t = e.time;
    if (!t) continue;
    // The clock as it stood before the first timed entry of each table or list (the sort replays from there).
    const key = e.kind === 'table' ? e.table : undefined;
    if (e.kind === 'list' || key !== lastKey) e.clockBefore = { ...st };
    lastKey = key;
    const r = placeTime(st, t, fallbackOffset);
    e.epoch = r.epoch;
    e.dated = r.dated;
    if (r.rollover) e.rollover = true;
  }
}
