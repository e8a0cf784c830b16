// Pass: the timeline. Its tables and list items, the zone and day they are written in, and an
// absolute time for each entry (its own date, else the day heading or report date, with midnight
// rollover).
import type { Block, Cell, ListItem, TableRow } from '../scan';
import { ACTION_COLUMNS, TIMELINE_COLUMNS, normalizeColumn } from '../vocabulary';
import { ZONE_ABBREVIATION, dayMonthDate, dayNumber, findZoneName, parseDate, parseTime, wallOffset, type DayMonthOrder, type ParsedTime, type ZoneSpec } from '../time';
import type { HeaderField, PassInput, PostMortem, Section, Timeline, TimelineEntry, TimelineGroup } from './types';
import { cellRange, lineRange, mapColumns } from './queries';

export interface TimelineInput {
  /** The first timeline section. */
  section?: Section;
  /** Every timeline section ("Timeline" and "Detailed timeline", one per day, 経緯 and 時系列), the first included. */
  sections?: Section[];
  headerFields: HeaderField[];
  incidentDate?: string;
}

/** The start of a text shaped like a time or a day (`07:7:47`, `10:5`, `2015-02-30 10:00`), read or not. */
const TIME_SHAPED = /^(?:\*\*|__|`)?((?:19|20)\d{2}-\d{1,2}-\d{1,2}(?:[ T]\d{1,2}:\d{1,2}(?::\d{1,2})?)?|\d{1,2}:\d{1,2}(?::\d{1,2})?)(?![\d:])/;

export function readTimeline({ lines, blocks, keep }: PassInput, { section: tlSection, sections, headerFields, incidentDate }: TimelineInput): Timeline {
  const defaultYear = incidentDate ? +incidentDate.slice(0, 4) : undefined;
  // Every timeline section, first the one named first (its zone and day lead), then in document order.
  const tlSections = [...new Set([...(tlSection ? [tlSection] : []), ...(sections ?? [])])];
  const timeline: Timeline = { section: tlSection, sections: tlSections, tables: [], groups: [], entries: [], ambiguousDates: [], unreadable: [], zones: [] };
  const tzField = headerFields.find((f) => f.name === 'timezone');
  // The zone each region states (its section's heading, a note or table header in it): each
  // timeline section is read in its own zone, falling back to the report's (timeline.zone).
  const zones = timeline.zones;
  timeline.baseDate = (tlSection && parseDate(tlSection.title, defaultYear)) ?? incidentDate;
  const dayHeadings = new Map<number, ParsedTime>();
  // Which timeline section holds each block: the innermost one (a "Detailed timeline" inside
  // "Timeline" is its own). Each section is a region of its own, read on its own clock from its
  // own day (`## Timeline — March 10`), so order is checked within each.
  const sectionOfBlock = new Int32Array(blocks.length).fill(-1);
  const byStart = tlSections.map((s, k) => ({ s, k })).sort((a, b) => a.s.headingLine - b.s.headingLine || b.s.endLine - a.s.endLine);
  for (const { s, k } of byStart) for (const bi of s.blocks) sectionOfBlock[bi] = k;
  const headingBlocks = new Set(tlSections.map((s) => s.headingBlock));

  // Containers of entries: each table, each run of sibling list items, the time headings of one
  // level under one parent, the time paragraphs under one heading. Entries are compared (and
  // sorted) within their region: the timeline section, or one list outside it shaped like a timeline.
  const groupKeys = new Map<string, number>();
  const groupOf = (key: string, make: () => TimelineGroup): number => {
    let g = groupKeys.get(key);
    if (g === undefined) {
      g = timeline.groups.length;
      timeline.groups.push(make());
      groupKeys.set(key, g);
    }
    return g;
  };
  let regions = 0;
  const sectionRegion = tlSections.map((_, k) => (k === 0 ? 0 : ++regions));
  // The zone a timeline heading names is its section's.
  tlSections.forEach((s, k) => {
    const z = findZoneName(s.title);
    if (z && !zones[sectionRegion[k]]) zones[sectionRegion[k]] = z;
  });
  const regionBase = new Map<number, string | undefined>();
  tlSections.forEach((s, k) => {
    if (k > 0) regionBase.set(sectionRegion[k], parseDate(s.title, defaultYear) ?? incidentDate);
  });
  // A label section's lines in its label's own paragraph: a report typed as plain text (`Timeline`
  // on its own line, `At 9:37 ...` lines below it, then `Root Cause Analysis`, all one paragraph),
  // or a notice whose first event follows its label on the next line (`■ 経緯` then `11時30分~`)
  // are read as the section's timeline lines.
  const labelRuns = new Map<number, { k: number; from: number; to: number }[]>();
  tlSections.forEach((s, k) => {
    if (s.level !== 7 || s.labelItem || blocks[s.headingBlock]?.kind !== 'paragraph') return;
    const run = { k, from: s.headingLine + 1, to: Math.min(s.endLine, blocks[s.headingBlock].endLine) };
    if (run.to >= run.from) labelRuns.set(s.headingBlock, [...(labelRuns.get(s.headingBlock) ?? []), run]);
  });
  const outside: OutsidePara[] = [];
  let noteZone: Zone | undefined;
  let parentHeading = -1;
  const headingStack: { level: number; block: number }[] = [];

  blocks.forEach((b, bi) => {
    const sk = sectionOfBlock[bi];
    const inTimeline = sk >= 0;
    const here = inTimeline ? sectionRegion[sk] : 0;
    if (b.kind === 'heading') {
      while (headingStack.length && headingStack[headingStack.length - 1].level >= (b.level ?? 1)) headingStack.pop();
      parentHeading = headingStack.length ? headingStack[headingStack.length - 1].block : -1;
      headingStack.push({ level: b.level ?? 1, block: bi });
    }
    if (inTimeline && b.kind === 'heading') {
      const text = b.headingText ?? '';
      // A zone a sub-heading of the timeline states ("### 22:04-23:00 UTC: Network split",
      // "## 2024-03-09 (JST)") is the zone of the rows under it, when its region states none.
      if (!headingBlocks.has(bi) && !zones[here]) {
        const z = findZoneName(text);
        if (z) zones[here] = z;
      }
      const d = dayLabel(text, defaultYear);
      if (d) {
        dayHeadings.set(bi, d);
        return;
      }
      // A time as a heading (`### 09:12`, `### 2024-03-09 23:58 UTC — Alert fired`).
      const t = cachedTime(text, defaultYear, true, true);
      if (t && !headingBlocks.has(bi)) {
        const col = b.headingTextStart ?? 0;
        const group = groupOf(`h:${parentHeading}:${b.level}`, () => ({ kind: 'heading', level: b.level }));
        timeline.entries.push({ ...textEntry(lines, b.startLine, col, text, t, 'heading', group), region: here });
      }
      return;
    }
    if (b.kind === 'paragraph' && labelRuns.has(bi)) {
      for (const run of labelRuns.get(bi)!) {
        const timed = timedLines(lines, run.from, run.to, defaultYear, true);
        if (!timed.length) continue;
        const region = sectionRegion[run.k];
        // The zone stated on its lines above the first event ("All times are Mountain Time.").
        const note = lines.slice(run.from, timed[0].line).join(' ');
        const z = ZONE_NOTE.test(note) ? findZoneName(note) : undefined;
        if (z && !zones[region]) zones[region] = z;
        const group = groupOf(`pl:${bi}:${run.k}`, () => ({ kind: 'lines', block: bi, endLine: run.to }));
        for (const { line, t } of timed) timeline.entries.push({ ...textEntry(lines, line, 0, lines[line], t, 'paragraph', group), region });
      }
      return;
    }
    if (b.kind === 'paragraph' && b.endLine > b.startLine) {
      // Plain lines of one paragraph, each starting with a time (`14:02 UTC - paged` then
      // `14:10 UTC - rolled back`, a pasted tab-separated table): each line is an entry. In a
      // timeline section, also lines told as sentences (`At 9:37 ...`, `By 10:15 ...`).
      const timed = timedLines(lines, b.startLine, b.endLine, defaultYear, inTimeline);
      const count = b.endLine - b.startLine + 1;
      if (inTimeline ? timed.length >= 2 : timed.length >= 3 && timed.length >= count * 0.7) {
        let region = here;
        if (!inTimeline) {
          region = ++regions;
          outside.push({ bi, kind: 'break' });
        }
        // A zone named on the lines above the first row (`Time (WAT)  Actions`), or for lines
        // outside a timeline section, on a one-line label just above them (`Timeline (all times in WAT)`).
        const head = lines.slice(b.startLine, timed[0].line).join(' ');
        const prev = bi > 0 ? blocks[bi - 1] : undefined;
        const label = !inTimeline && prev?.kind === 'paragraph' && prev.startLine === prev.endLine && TIMELINE_LABEL.test(lines[prev.startLine]) ? lines[prev.startLine] : '';
        const z = findZoneName(head) ?? (label ? findZoneName(label) : undefined);
        if (z && !zones[region]) zones[region] = z;
        const group = groupOf(`pl:${bi}`, () => ({ kind: 'lines', block: bi }));
        for (const { line, t } of timed) timeline.entries.push({ ...textEntry(lines, line, 0, lines[line], t, 'paragraph', group), region });
        return;
      }
    }
    if (inTimeline && b.kind === 'paragraph') {
      const first = lines[b.startLine];
      const t = cachedTime(first, defaultYear, true, true);
      const bare = b.startLine === b.endLine ? first.replace(/[*_:]/g, '').trim() : '';
      if (bare && bare.length <= 40 && !/\d{1,2}:\d{2}/.test(first) && !(t && !t.dateOnly)) {
        // A paragraph that is only a date ("2019-01-23", "**Feb 10**", "24/07/25") starts a new day.
        const d = dayLabel(bare, defaultYear);
        if (d) dayHeadings.set(bi, d);
      } else if (t && !(t.dateOnly && b.startLine === b.endLine && !first.slice(t.end).replace(/[\s*_`:：\])]/g, ''))) {
        // A paragraph that starts with a time (`07:45 CET: ...`, `**12-05-2025 08:30 UTC**`, `**± 17:20 UTC:** ...`).
        const group = groupOf(`p:${headingStack.length ? headingStack[headingStack.length - 1].block : -1}`, () => ({ kind: 'paragraph' }));
        timeline.entries.push({ ...textEntry(lines, b.startLine, 0, first, t, 'paragraph', group), region: here });
      }
    }
    if (!inTimeline && b.kind === 'heading') outside.push({ bi, kind: 'break' });
    if (!inTimeline && b.kind === 'paragraph') {
      // Outside the section, paragraphs that start with a time are a timeline when enough of them
      // follow one another (see below); a line that is only a day may start a new day among them.
      const first = lines[b.startLine];
      const t = cachedTime(first, defaultYear);
      const bare = b.startLine === b.endLine ? first.replace(/[*_:]/g, '').trim() : '';
      const d = bare && bare.length <= 40 && !(t && !t.dateOnly) ? dayLabel(bare, defaultYear) : undefined;
      if (d) outside.push({ bi, kind: 'day', t: d });
      else if (t && !t.dateOnly) outside.push({ bi, kind: 'time', t });
      else outside.push({ bi, kind: 'break' });
    }
    if (!inTimeline && b.kind === 'paragraph' && !noteZone && b.endLine - b.startLine < 3 && REPORT_ZONE_NOTE.test(lines[b.startLine])) {
      // A note for the whole report outside the timeline ("All times PDT." under the title).
      noteZone = findZoneName(lines.slice(b.startLine, b.endLine + 1).join(' '));
    }
    if (!inTimeline && !noteZone && (b.kind === 'paragraph' || b.kind === 'list')) {
      // A zone stated for the rest of the report beside a time above the timeline: 「(日本時間、以下同様)」.
      const text = lines.slice(b.startLine, b.endLine + 1).join('\n');
      const m = text.includes('以下') || /below/i.test(text) ? ZONE_FROM_HERE.exec(text) : null;
      const z = m ? findZoneName(m[1]) : undefined;
      if (z) noteZone = z;
    }
    if (inTimeline && b.kind === 'paragraph' && !zones[here]) {
      // The zone stated once in the section's intro: "All times in PDT", "Times are US Eastern".
      const text = lines.slice(b.startLine, b.endLine + 1).join(' ');
      const z = ZONE_NOTE.test(text) || ZONE_ONLY.test(text) ? findZoneName(text) : undefined;
      if (z) zones[here] = z;
    }
    if (b.kind === 'table' && b.header && b.rows) {
      const tcols = mapColumns(b.header, TIMELINE_COLUMNS);
      // A separate Date column (| Date | Time | Event |) gives the day; alone, it is the time column.
      let dateCol = tcols.time !== undefined ? tcols.date : undefined;
      if (tcols.time === undefined && tcols.date !== undefined) tcols.time = tcols.date;
      if (tcols.time === undefined) return;
      if (dateCol === undefined) dateCol = dayColumn(b.header, b.rows, tcols.time, defaultYear);
      const isTimeline = inTimeline || (!tlSection && tcols.event !== undefined && mapColumns(b.header, ACTION_COLUMNS).owner === undefined);
      if (!isTimeline) return;
      // In the timeline section, a table with a Time column but no event column and not one
      // readable time (`| 時刻 | トラフィック |` with `平日 09時（ピーク）`) is a table of something else.
      if (tcols.event === undefined && !b.rows.some((r) => r.cells[tcols.time!]?.text && cachedTime(r.cells[tcols.time!].text, defaultYear, true))) return;
      const dateYear = dateCol !== undefined ? /\b((?:19|20)\d\d)\b/.exec(b.header.cells[dateCol].text)?.[1] : undefined;
      const tIndex = timeline.tables.length;
      timeline.tables.push({ block: bi, columns: tcols, header: b.header });
      const group = groupOf(`t:${bi}`, () => ({ kind: 'table', block: bi }));
      if (!zones[here]) {
        const z = findZoneName(b.header.cells[tcols.time].text);
        if (z) zones[here] = z;
      }
      const year = dateYear ? +dateYear : defaultYear;
      // A row's entry depends on the row, its columns, the year and where the table stands among
      // the timeline's tables, groups and sections: rows the incremental scan kept get their entry back.
      const key = `${tcols.time},${dateCol},${tcols.event},${tcols.source},${tcols.actor},${year},${tIndex},${group},${here}`;
      for (const r of b.rows) {
        const kept = keep ? rowEntries.get(r) : undefined;
        if (kept && kept.key === key) {
          timeline.entries.push(kept.entry);
          continue;
        }
        const tc = r.cells[tcols.time] ?? emptyCell(r);
        const dc = dateCol !== undefined ? r.cells[dateCol] : undefined;
        const timeSource = dc?.text && tc.text ? `${dc.text.replace(/[*_]/g, '')} ${tc.text}` : tc.text;
        const entry: TimelineEntry = {
          line: r.line,
          range: lineRange(r.line, 0, lines[r.line].length),
          kind: 'table',
          timeText: tc.text,
          timeRange: cellRange(tc),
          time: cachedTime(timeSource, year, true),
          dated: false,
          event: tcols.event !== undefined ? r.cells[tcols.event] : undefined,
          source: tcols.source !== undefined ? r.cells[tcols.source] : undefined,
          actor: tcols.actor !== undefined ? r.cells[tcols.actor] : undefined,
          row: r,
          table: tIndex,
          group,
          region: here,
        };
        if (keep) rowEntries.set(r, { key, entry });
        timeline.entries.push(entry);
      }
      return;
    }
    if (b.kind === 'list' && b.items) {
      for (const run of listRuns(b.items)) {
        const times = run.map((it) => cachedTime(lines[it.line].slice(it.textStart), defaultYear, inTimeline, inTimeline));
        let region = here;
        if (!inTimeline) {
          // Outside the timeline section, a list is a timeline when it is shaped like one: three or
          // more items, nearly all starting with a time of day (a list of dates may be deadlines).
          const clocks = times.filter((t) => t && !t.dateOnly).length;
          if (clocks < 3 || clocks < run.length * 0.8) continue;
          region = ++regions;
        } else if (!times.some(Boolean)) continue;
        const group = groupOf(`l:${bi}:${run[0].line}`, () => ({ kind: 'list', block: bi, items: run }));
        run.forEach((it, k) => {
          const t = times[k];
          if (!t) {
            // An item that starts with a time or a day no clock or calendar has (`07:7:47`, `2015-02-30`).
            const body = lines[it.line].slice(it.textStart);
            const m = TIME_SHAPED.exec(body);
            // The time alone cannot be read either: the item is not read for what follows it (a footnote mark, `2023-03-03[^3]:`).
            if (m && m[1].replace(/\D/g, '').length >= 3 && !cachedTime(m[1], defaultYear)) timeline.unreadable.push({ line: it.line, text: m[1], range: lineRange(it.line, it.textStart + m.index + m[0].length - m[1].length, it.textStart + m.index + m[0].length) });
            return;
          }
          const e = textEntry(lines, it.line, it.textStart, lines[it.line].slice(it.textStart), t, 'list', group);
          e.region = region;
          timeline.entries.push(e);
        });
      }
    }
  });

  // Runs of three or more time paragraphs outside the section, with nothing but lists, code and
  // day lines between them (`15:35 – Plan pushed`, ..., `24/07/25`, `12:34 – ...`): one region each.
  let run: OutsidePara[] = [];
  const closeRun = () => {
    if (run.filter((o) => o.kind === 'time').length >= 3) {
      const region = ++regions;
      const group = groupOf(`op:${run[0].bi}`, () => ({ kind: 'paragraph' }));
      for (const o of run) {
        const b = blocks[o.bi];
        if (o.kind === 'day') dayHeadings.set(o.bi, o.t!);
        else timeline.entries.push({ ...textEntry(lines, b.startLine, 0, lines[b.startLine], o.t!, 'paragraph', group), region });
      }
    }
    run = [];
  };
  for (const o of outside) {
    if (o.kind === 'break') closeRun();
    else if (o.kind === 'time' || run.length) run.push(o);
  }
  closeRun();

  // The report's zone, for the timeline sections and lists that state none of their own: the Time
  // zone header field (its value is a zone's name alone: "Eastern", "utc"), else a note for the
  // whole report ("All times PDT." under the title), else the zone the main timeline states (its
  // heading, a note or table header in it), else the one zone the report's timelines state, when
  // they state only one ("## 経緯" beside "## 時系列（JST）"). Not one of several: beside
  // "## Timeline: us-west (PDT)" and "## Timeline: customers (Eastern)", a section that names none
  // is in neither.
  // A region that states no zone of its own but whose first timed entry names one (a notice's
  // prose: 「8月29日の17:30頃(日本時間)、…」 then 「19:30頃になり、…」) is in that zone.
  const firstSeen = new Set<number>();
  for (const e of timeline.entries) {
    if (zones[e.region] || firstSeen.has(e.region) || !e.time || e.time.dateOnly || e.time.relative) continue;
    firstSeen.add(e.region);
    if (e.time.offsetMinutes !== undefined) zones[e.region] = { zone: e.time.zone ?? '', offsetMinutes: e.time.offsetMinutes, ...(e.time.tz ? { tz: e.time.tz } : {}) };
  }
  const fieldZone = tzField ? (findZoneName(tzField.value) ?? findZoneName(`in ${tzField.value.toUpperCase()}`) ?? findZoneName(`in ${tzField.value}`)) : undefined;
  const stated = zones.filter((z): z is Zone => !!z);
  const onlyZone = stated.length && stated.every((z) => z.offsetMinutes === stated[0].offsetMinutes && z.tz === stated[0].tz) ? stated[0] : undefined;
  timeline.zone = fieldZone ?? noteZone ?? zones[0] ?? onlyZone;
  resolveTimeline(timeline, blocks, dayHeadings, timeline.baseDate, regionBase, defaultYear ?? thisYear(), !!keep);
  return timeline;
}

type Zone = ZoneSpec;

/** A note that states the timeline's zone: "All times in PDT", "Times are UTC", "時刻はJST", 「以下は日本時間の出来事です。」, 「日本時間で記載」. */
const ZONE_NOTE = /(?:all times?|times are|times in|time zone|timezone|時刻は|時間は|タイムゾーン|(?:日本時間|協定世界時)(?:で|表記|基準|の(?:出来事|時刻)))/i;
/**
 * A paragraph in the timeline that is only a zone or the zones its times are written in, with no
 * other words: "UTC/ACDT" (over rows like `03:16/13:46 - ...`), "(UTC+9:30)", "**JST**".
 */
const ZONE_ONLY = new RegExp(String.raw`^[\s(（[*_]*${ZONE_ABBREVIATION}(?:\s*[/,&|]\s*${ZONE_ABBREVIATION}){0,3}[\s)）\]*_:.]*$`);
/** A zone named once for what follows in the report, in brackets after a time: 「(日本時間、以下同様)」, 「（JST。以下同じ）」, "(UTC, here and below)". */
const ZONE_FROM_HERE = /[(（]([^()（）\n]{1,20}?)[、,，。]\s*(?:以下(?:も)?同(?:様|じ)|here and below|(?:the )?same below)[)）]/i;
/** A paragraph that opens by stating the zone of every time in the report: "All times PDT.", "Times are in UTC". */
const REPORT_ZONE_NOTE = /^\W{0,3}(?:all (?:times|timestamps)|(?:times|timestamps) (?:are|in)|時刻は(?:すべて)?|時間は(?:すべて)?)/i;
/** A one-line label that names a timeline (`Timeline (all times in WAT)`, `Chronology:`). */
const TIMELINE_LABEL = /^[\s*_]{0,8}(?:time ?line|chronology|sequence of events|タイムライン|時系列|経緯)(?![A-Za-z])/i;

/** The zone a region's times without their own are in: the one its section states, else the report's. */
export function zoneOf(tl: Timeline, region: number): Zone | undefined {
  return tl.zones[region] ?? tl.zone;
}

/**
 * The lines `from..to` of a paragraph that start with a time of day, with their times; `lead`: in a
 * timeline section (`At 9:37 ...`), where a line that starts with a day alone among them
 * (「1月29日(水) | 対策会議 |」) is a row too: the day of the time-only lines after it.
 */
function timedLines(lines: string[], from: number, to: number, defaultYear: number | undefined, lead: boolean): { line: number; t: ParsedTime }[] {
  const out: { line: number; t: ParsedTime }[] = [];
  const days: { line: number; t: ParsedTime }[] = [];
  for (let l = from; l <= to; l++) {
    const t = cachedTime(lines[l], defaultYear, true, lead);
    if (t && !t.dateOnly) out.push({ line: l, t });
    else if (lead) {
      // A day alone, or in the first cell of a row typed without its table (`1月29日(水) | ... |`).
      const cell = t ? undefined : /^([^|\n]{1,30})\|/.exec(lines[l])?.[1].trim();
      const d = t ?? (cell ? cachedTime(cell, defaultYear) : undefined);
      if (d?.dateOnly) days.push({ line: l, t: d });
    }
  }
  if (!out.length || !days.some((d) => d.line > out[0].line && d.line < out[out.length - 1].line)) return out;
  return [...out, ...days.filter((d) => d.line < out[out.length - 1].line)].sort((a, b) => a.line - b.line);
}

interface OutsidePara {
  bi: number;
  kind: 'time' | 'day' | 'break';
  t?: ParsedTime;
}

/** An entry whose time starts a text at column `col` of `line` (a list item, heading or paragraph). */
function textEntry(lines: string[], line: number, col: number, body: string, t: ParsedTime, kind: TimelineEntry['kind'], group: number): TimelineEntry {
  return {
    line,
    range: lineRange(line, 0, lines[line].length),
    kind,
    timeText: body.slice(t.start, t.end).replace(/\*\*|__/g, '').trim(),
    timeRange: lineRange(line, col + t.start, col + t.end),
    time: t,
    dated: false,
    group,
    region: 0,
  };
}

/** The runs of sibling items of a list (the top level, and the items under each item). */
export function listRuns(items: ListItem[]): ListItem[][] {
  const runs = new Map<ListItem | null, ListItem[]>();
  const stack: ListItem[] = [];
  for (const it of items) {
    while (stack.length && it.indent <= stack[stack.length - 1].indent + 1) stack.pop();
    const parent = stack.length ? stack[stack.length - 1] : null;
    const run = runs.get(parent);
    if (run) run.push(it);
    else runs.set(parent, [it]);
    stack.push(it);
  }
  return [...runs.values()];
}

/** A day heading or a line that is only a day: `### 2024-03-09`, `**Feb 10**`, `24/07/25`, `### Day 2 (Feb 10)`. */
function dayLabel(text: string, defaultYear: number | undefined): ParsedTime | undefined {
  const t = cachedTime(text, defaultYear);
  if (t?.dateOnly) return t;
  if (t) return undefined;
  // A day without a year (`【12月5日(木曜日)】`) is in the report's year, else the one nearest the rows around it.
  const d = parseDate(text, defaultYear ?? thisYear());
  if (!d) return undefined;
  return defaultYear === undefined && !/\d{4}/.test(text) ? { date: d, secondsOfDay: 0, start: 0, end: 0, dateOnly: true, yearless: true } : { date: d, secondsOfDay: 0, start: 0, end: 0, dateOnly: true };
}

/**
 * A `Day` / `日` column that holds dates (`| Day | Time (UTC) | Event |` with `2025-03-12`) is the
 * Date column; one that holds weekdays or counts (`Sun`, `Day 1`, `Monday`) is not. Its first
 * written cells decide (at most eight, so a long timeline is not read twice).
 */
function dayColumn(header: TableRow, rows: TableRow[], timeCol: number, defaultYear: number | undefined): number | undefined {
  const col = header.cells.findIndex((c, i) => i !== timeCol && DAY_COLUMN.test(normalizeColumn(c.text)));
  if (col < 0) return undefined;
  let seen = 0;
  for (const r of rows) {
    const text = r.cells[col]?.text.replace(/[*_`]/g, '').trim();
    if (!text) continue;
    if (!parseDate(text, defaultYear)) return undefined;
    if (++seen === 8) break;
  }
  return seen ? col : undefined;
}
const DAY_COLUMN = /^(?:day|日)$/;

function emptyCell(r: TableRow): Cell {
  return { text: '', line: r.line, start: 0, end: 0, outerStart: 0, outerEnd: 0 };
}

// Timeline cells repeat across re-checks of the same document (and imported rows share formats),
// and parsing a time is the largest per-row cost of building the model: results are memoized.
// ParsedTime values are shared between entries and must be treated as read-only.
/**
 * Parsed times by year, then by the flags (entry 1, lead 2), then by text. At most TIME_CACHE_MAX
 * texts in all, whatever the number of years and flags (a server open for days sees reports of many
 * years): past that the whole cache starts again.
 */
const timeCache = new Map<number, Map<string, ParsedTime | null>[]>();
const TIME_CACHE_MAX = 200_000;
let timeCacheSize = 0;
const thisYear = () => new Date().getUTCFullYear();

/**
 * `entry`: the text starts a timeline entry (a time cell, or an item, heading or paragraph in the
 * timeline); `lead`: in a timeline section, where `At 9:37 ...` starts one too.
 */
function cachedTime(s: string, defaultYear: number | undefined, entry = false, lead = false): ParsedTime | undefined {
  // No key string per call: a folder's reports ask for tens of thousands of times.
  const year = defaultYear ?? thisYear();
  let byFlags = timeCache.get(year);
  if (!byFlags) timeCache.set(year, (byFlags = []));
  const flags = (entry ? 1 : 0) + (lead ? 2 : 0);
  let byText = byFlags[flags];
  if (!byText) byFlags[flags] = byText = new Map();
  let t = byText.get(s);
  if (t === undefined) {
    t = parseTime(s, defaultYear, { entry, lead }) ?? null;
    if (timeCacheSize >= TIME_CACHE_MAX) {
      timeCache.clear();
      timeCacheSize = 0;
      timeCache.set(year, (byFlags = []));
      byFlags[flags] = byText = new Map();
    }
    byText.set(s, t);
    timeCacheSize++;
  }
  return t ?? undefined;
}

/** Where the clock stands while reading a timeline top to bottom: the current day and the last time seen. */
export interface ClockState {
  day: number;
  dated: boolean;
  prev?: number;
  /** The day of the last date written (row, day heading or report date); times step back to the day before it only after rolling past it. */
  anchor: number;
  /** The report's order of numeric dates (`09/03/2024`), when its rows or its date settle it. */
  order?: DayMonthOrder;
  /** The year of dates written without one. */
  year: number;
}

/** The day a parsed time names, with the report's day-month order for numeric dates. */
export function dateOf(t: ParsedTime, st: Pick<ClockState, 'order' | 'year'>): string | undefined {
  if (t.date) return t.date;
  return t.dayMonth && st.order ? dayMonthDate(t.dayMonth, st.order, st.year) : undefined;
}

/**
 * Places one parsed time on the clock and advances it. A time with its own date is on that date.
 * A time alone belongs to the day that puts it nearest the row before it: 23:52 then 00:04
 * crosses midnight, and after that 23:30 is a step back to the day before (never before the last
 * written date). 翌 (next day) is the day after the last written date. The one rule for what a
 * row's time means given the rows above it; the timeline sort uses it too, to check that a sorted
 * order reads back in order.
 */
export function placeTime(st: ClockState, t: ParsedTime, fallback: ZoneSpec | undefined): { epoch: number; dated: boolean; rollover: boolean } {
  // The zone the time names, else its region's; a US zone named without a season (`ET`) is on
  // the offset its clocks showed that day.
  // An offset from the incident's start (`T+00:05`) is on no clock: the offsets of a region keep
  // their order from its day, with no zone and no midnight.
  if (t.relative) {
    const epoch = st.anchor * 86400 + t.secondsOfDay;
    st.prev = epoch;
    return { epoch, dated: st.dated, rollover: false };
  }
  const offset = t.offsetMinutes ?? fallback?.offsetMinutes ?? 0;
  const tz = t.offsetMinutes !== undefined ? t.tz : fallback?.tz;
  const at = (day: number) => day * 86400 + t.secondsOfDay - (tz ? wallOffset({ offsetMinutes: offset, tz }, day, t.secondsOfDay) : offset) * 60;
  let date = dateOf(t, st);
  if (date && t.yearless && (st.dated || st.prev !== undefined)) date = nearestYear(date, st.prev !== undefined ? Math.floor(st.prev / 86400) : st.day);
  let out: { epoch: number; dated: boolean; rollover: boolean };
  if (date) {
    st.day = st.anchor = dayNumber(date);
    st.dated = true;
    out = { epoch: at(st.day), dated: true, rollover: false };
  } else if (t.nextDay) {
    st.day = st.anchor + 1;
    out = { epoch: at(st.day), dated: st.dated, rollover: false };
  } else {
    let shift = 0;
    let epoch = at(st.day);
    if (st.prev !== undefined) {
      const prev = st.prev;
      const next = at(st.day + 1);
      if (Math.abs(next - prev) < Math.abs(epoch - prev)) {
        shift = 1;
        epoch = next;
      }
      if (st.day > st.anchor) {
        const back = at(st.day - 1);
        if (Math.abs(back - prev) < Math.abs(epoch - prev)) {
          shift = -1;
          epoch = back;
        }
      }
    }
    st.day += shift;
    out = { epoch, dated: st.dated, rollover: shift > 0 };
  }
  st.prev = out.epoch;
  return out;
}

/** A date written without a year, in the year that puts it nearest `ref` (`12-05` before `03-26` is last December). */
function nearestYear(date: string, ref: number): string {
  let best = date;
  for (const dy of [-1, 1]) {
    const other = parseDate(`${+date.slice(0, 4) + dy}${date.slice(4)}`);
    if (other && Math.abs(dayNumber(other) - ref) < Math.abs(dayNumber(best) - ref)) best = other;
  }
  return best;
}

/**
 * The order of the report's numeric dates: settled by any date whose day is above 12 (all that
 * settle it must agree), else by the report's date when only one reading of every undecided date
 * falls within two days of it. Undefined when neither decides: those dates are reported as
 * ambiguous, never guessed.
 */
export function dayMonthOrder(times: ParsedTime[], reportDate: string | undefined, year: number): DayMonthOrder | undefined {
  const seen = new Set<DayMonthOrder>();
  for (const t of times) if (t.order) seen.add(t.order);
  if (seen.size === 1) return [...seen][0];
  if (seen.size > 1 || !reportDate) return undefined;
  const ref = dayNumber(reportDate);
  const near = (d: string | undefined) => d !== undefined && Math.abs(dayNumber(d) - ref) <= 2;
  let pick: DayMonthOrder | undefined;
  for (const t of times) {
    if (!t.dayMonth || t.order) continue;
    const dmy = near(dayMonthDate(t.dayMonth, 'dmy', year));
    const mdy = near(dayMonthDate(t.dayMonth, 'mdy', year));
    if (dmy === mdy) continue;
    const o: DayMonthOrder = dmy ? 'dmy' : 'mdy';
    if (pick && pick !== o) return undefined;
    pick = o;
  }
  return pick;
}

/**
 * Entries of table rows, per row object of the scan. An entry is shared by the models of successive
 * checks of a document while its row is unchanged; resolveTimeline sets every field it computes
 * on each entry again (or reuses a whole table's, see tableRuns).
 */
const rowEntries = new WeakMap<TableRow, { key: string; entry: TimelineEntry }>();

/**
 * A table's entries as they were last placed on the clock, per the table's header row (kept by the
 * incremental scan while the header is not edited): when the clock stood the same before the table
 * and its entries have the same times (the very parsed times: they are cached by text), they are
 * placed the same, and the clock after it is known. An entry of a row typed in since (a new
 * object, its time unchanged) takes its place from the kept entry of that row, so typing in an
 * event cell of a 5,000-row timeline does not place 5,000 rows on the clock again.
 */
const tableRuns = new WeakMap<TableRow, { before: string; after: ClockState; entries: TimelineEntry[]; timed: boolean }>();

/** Gives `to` the place on the clock that `from`, an entry with the same time at the same point of the same table, was given. */
function placeLike(to: TimelineEntry, from: TimelineEntry): void {
  if (to === from) return;
  if (from.epoch !== undefined) {
    to.epoch = from.epoch;
    to.dated = from.dated;
  }
  if (from.rollover) to.rollover = true;
  else if (to.rollover) delete to.rollover;
  if (from.clockBefore) to.clockBefore = from.clockBefore;
  else if (to.clockBefore) delete to.clockBefore;
}

/** Gives each entry an absolute time: its own date, else the day heading or report date, with midnight rollover. */
function resolveTimeline(tl: Timeline, blocks: Block[], dayHeadings: Map<number, ParsedTime>, base: string | undefined, regionBase: Map<number, string | undefined>, year: number, keep: boolean): void {
  const times: ParsedTime[] = [];
  for (const e of tl.entries) if (e.time) times.push(e.time);
  for (const t of dayHeadings.values()) times.push(t);
  const order = dayMonthOrder(times, base, year);
  tl.dayMonthOrder = order;
  tl.ambiguousDates = tl.entries.filter((e) => e.time?.dayMonth && !order);
  const st: ClockState = { day: base ? dayNumber(base) : 0, dated: !!base, anchor: base ? dayNumber(base) : 0, order, year };
  // Day headings in the timeline section apply to the entries below them.
  const headingDays = [...dayHeadings.entries()].flatMap(([bi, t]) => {
    const d = dateOf(t, st);
    return d ? [{ line: blocks[bi].startLine, day: dayNumber(d) }] : [];
  });
  let hd = 0;
  let fallback = zoneOf(tl, 0);
  let lastGroup: number | undefined;
  let region = 0;
  const fresh = (r: number): ClockState => {
    const b = regionBase.has(r) ? regionBase.get(r) : base;
    return { day: b ? dayNumber(b) : 0, dated: !!b, anchor: b ? dayNumber(b) : 0, order, year };
  };
  // Entries in document order (tables, lists, headings and paragraphs are read block by block).
  if (tl.entries.some((e, i) => i > 0 && e.line < tl.entries[i - 1].line)) tl.entries.sort((a, b) => a.line - b.line);
  const entries = tl.entries;
  let run: { header: TableRow | undefined; start: number; end: number; before: string } | undefined;
  for (let i = 0; i < entries.length; i++) {
    const e = entries[i];
    if (e.region !== region) {
      // A list outside the timeline section, and each further timeline section, is read on its own clock.
      region = e.region;
      fallback = zoneOf(tl, region);
      Object.assign(st, fresh(region));
      st.prev = undefined;
    }
    while (hd < headingDays.length && headingDays[hd].line < e.line) {
      st.day = st.anchor = headingDays[hd].day;
      st.dated = true;
      st.prev = undefined;
      hd++;
    }
    if (e.kind === 'table' && (i === 0 || entries[i - 1].group !== e.group)) {
      // The first row of a table (its rows are consecutive entries, with no day heading between).
      let end = i + 1;
      while (end < entries.length && entries[end].group === e.group) end++;
      // The clock before the table, as a key for the next build (none is kept for a one-off build).
      const before = keep ? JSON.stringify([st, fallback]) : '';
      const header = tl.tables[e.table!]?.header;
      const kept = keep && header && tableRuns.get(header);
      if (kept && kept.before === before && kept.entries.length === end - i && kept.entries.every((x, k) => x === entries[i + k] || (x.time === entries[i + k].time && x.group === entries[i + k].group))) {
        for (let k = 0; k < kept.entries.length; k++) placeLike(entries[i + k], kept.entries[k]);
        kept.entries = entries.slice(i, end);
        Object.assign(st, kept.after);
        if (kept.timed) lastGroup = e.group;
        i = end - 1;
        continue;
      }
      run = { header, start: i, end, before };
    }
    const t = e.time;
    if (t) {
      // The clock as it stood before the first timed entry of each group (the sort replays from there).
      if (e.group !== lastGroup) e.clockBefore = { ...st };
      else if (e.clockBefore) delete e.clockBefore;
      lastGroup = e.group;
      const r = placeTime(st, t, fallback);
      e.epoch = r.epoch;
      e.dated = r.dated;
      if (r.rollover) e.rollover = true;
      else if (e.rollover) delete e.rollover;
    }
    if (run && i === run.end - 1) {
      if (keep && run.header) tableRuns.set(run.header, { before: run.before, after: { ...st }, entries: entries.slice(run.start, run.end), timed: lastGroup === entries[run.start].group });
      run = undefined;
    }
  }
}

// ---------------------------------------------------------------- entry spans

const blankLine = (doc: PostMortem, l: number) => doc.lines[l].trim() === '';

/** The last non-blank line of `start..end`. */
function trimEnd(doc: PostMortem, start: number, end: number): number {
  while (end > start && blankLine(doc, end)) end--;
  return end;
}

/** The innermost timeline section that holds `line`. */
export function timelineSectionAt(tl: Timeline, line: number): Section | undefined {
  let best: Section | undefined;
  for (const s of tl.sections) if (s.headingLine < line && line <= s.endLine && (!best || s.headingLine > best.headingLine)) best = s;
  return best;
}

/**
 * The lines each entry of a timeline group stands on, in document order: what the sort moves and
 * what an import writes beside. Tables: every row. Lists: every item of the run with the items
 * under it. Time headings: the heading and its section (up to the next heading of its level or
 * above, within the timeline section). Time paragraphs: the paragraph and the text below it.
 */
export function entrySpans(doc: PostMortem, gi: number, entries: TimelineEntry[]): { start: number; end: number; entry?: TimelineEntry }[] {
  const g = doc.timeline.groups[gi];
  const byLine = new Map(entries.map((e) => [e.line, e]));
  if (g.kind === 'table') {
    const b = doc.block(g.block!);
    const out = [];
    for (let l = b.startLine + 2; l <= b.endLine; l++) out.push({ start: l, end: l, entry: byLine.get(l) });
    return out;
  }
  if (g.kind === 'list') {
    const b = doc.block(g.block!);
    const items = b.items!;
    return g.items!.map((it) => {
      // The item and everything under it: up to the next item at its level or above.
      const next = items.find((o) => o.line > it.line && o.indent <= it.indent + 1);
      return { start: it.line, end: trimEnd(doc, it.line, next ? next.line - 1 : b.endLine), entry: byLine.get(it.line) };
    });
  }
  if (g.kind === 'heading') {
    const sectionEnd = (entries.length ? timelineSectionAt(doc.timeline, entries[0].line)?.endLine : undefined) ?? doc.lines.length - 1;
    return entries.map((e) => {
      const bi = doc.blockAt(e.line);
      let end = sectionEnd;
      for (let k = bi + 1; k < doc.scan.blocks.length && doc.block(k).startLine <= sectionEnd; k++) {
        const o = doc.block(k);
        if (o.kind === 'heading' && (o.level ?? 1) <= g.level!) {
          end = o.startLine - 1;
          break;
        }
      }
      return { start: e.line, end: trimEnd(doc, e.line, end), entry: e };
    });
  }
  if (g.kind === 'lines') {
    // Lines of one paragraph: each entry's line and the lines after it up to the next entry's.
    const b = doc.block(g.block!);
    return entries.map((e, k) => ({ start: e.line, end: k + 1 < entries.length ? entries[k + 1].line - 1 : (g.endLine ?? b.endLine), entry: e }));
  }
  // Time paragraphs: the paragraph, and the text below it that belongs to it (`**08:30 UTC**` and
  // the paragraph under it), up to the next entry, heading or day line, within the section.
  const entryLines = new Set(doc.timeline.entries.map((x) => x.line));
  return entries.map((e) => {
    const bi = doc.blockAt(e.line);
    const sectionEnd = timelineSectionAt(doc.timeline, e.line)?.endLine ?? doc.block(bi).endLine;
    let end = doc.block(bi).endLine;
    for (let k = bi + 1; k < doc.scan.blocks.length; k++) {
      const o = doc.block(k);
      if (o.startLine > sectionEnd || o.kind === 'heading' || entryLines.has(o.startLine)) break;
      if (o.kind === 'paragraph' && o.startLine === o.endLine && dayLabel(doc.lines[o.startLine].replace(/[*_:]/g, '').trim(), undefined)) break;
      end = o.endLine;
    }
    return { start: e.line, end: trimEnd(doc, e.line, end), entry: e };
  });
}
