// The report as a reviewer sees it: header fields, sections, timeline entries, action items,
// contributing factors and the people it names. Built from the block scan in one pass.
import { scan, isBlank, type Block, type Cell, type Scan, type TableRow, type ListItem } from './scan';
import type { Range } from './types';
import {
  ACTION_COLUMNS,
  DEFAULT_PLACEHOLDER_OWNERS,
  type ActionColumn,
  type HeaderFieldName,
  type SectionKind,
  TIMELINE_COLUMNS,
  type TimelineColumn,
  headerFieldOf,
  normalizeColumn,
  sectionKindOf,
} from './vocabulary';
import { dayNumber, findZoneName, parseDate, parseTime, type ParsedTime } from './time';

export interface Section {
  kind?: SectionKind;
  title: string;
  /** Heading level; 7 for a bold-label section (`- **Impact**:` as a list item or paragraph). */
  level: number;
  /** For bold-label sections: the list item that holds the section (its nested items are the content). */
  labelItem?: ListItem;
  /** Index of the heading block in `scan.blocks`. */
  headingBlock: number;
  headingLine: number;
  /** Last line of the section (inclusive): the line before the next heading of the same or higher level. */
  endLine: number;
  /** Blocks after the heading up to endLine (indices into scan.blocks). */
  blocks: number[];
}

export interface HeaderField {
  name: HeaderFieldName;
  label: string;
  value: string;
  line: number;
  /** Range of the value text (empty at the end of the label when there is no value). */
  valueRange: Range;
  source: 'line' | 'table' | 'frontmatter';
}

export interface TimelineEntry {
  line: number;
  /** The whole row or list item line. */
  range: Range;
  kind: 'table' | 'list';
  /** The cell or text that holds the time. */
  timeText: string;
  timeRange: Range;
  time?: ParsedTime;
  /** Seconds since the epoch (UTC) after day, zone and rollover handling; undefined when unparsed. */
  epoch?: number;
  /** True when this entry's day was advanced by a midnight rollover. */
  rollover?: boolean;
  /** Whether the epoch is anchored to a real date (header, heading or cell) or only relative. */
  dated: boolean;
  event?: Cell;
  source?: Cell;
  actor?: Cell;
  /** Table row when kind === 'table'. */
  row?: TableRow;
  /** Index into timeline.tables when kind === 'table'. */
  table?: number;
}

export interface TimelineTable {
  block: number;
  columns: Partial<Record<TimelineColumn, number>>;
  header: TableRow;
}

export interface Timeline {
  section?: Section;
  tables: TimelineTable[];
  entries: TimelineEntry[];
  /** Zone named for the whole timeline (heading, column header, a note in the section, header field). */
  zone?: { zone: string; offsetMinutes: number };
  /** The report's day (YYYY-MM-DD) used for entries that name none. */
  baseDate?: string;
}

export interface ActionItem {
  line: number;
  range: Range;
  kind: 'table' | 'list';
  id?: Cell;
  action?: Cell;
  owner?: Cell;
  deadline?: Cell;
  priority?: Cell;
  status?: Cell;
  row?: TableRow;
  /** Index into actionItems.tables when kind === 'table'. */
  table?: number;
  /** For list items: the item's text and the owner found inside it. */
  text?: string;
  listOwner?: string;
  task?: 'open' | 'done';
}

export interface ActionTable {
  block: number;
  columns: Partial<Record<ActionColumn, number>>;
  header: TableRow;
}

export interface ActionItems {
  section?: Section;
  tables: ActionTable[];
  items: ActionItem[];
  /** List blocks (indices into scan.blocks) that hold list-form action items. */
  lists: number[];
}

export interface PostMortem {
  scan: Scan;
  text: string;
  lines: string[];
  title?: { text: string; line: number };
  frontMatter?: Record<string, unknown>;
  headerFields: HeaderField[];
  sections: Section[];
  timeline: Timeline;
  actionItems: ActionItems;
  /** The report's incident date, from the header (YYYY-MM-DD). */
  incidentDate?: string;
  /** People, teams and roles the report names: Authors, Actor cells, Owner cells, @handles. */
  people: string[];
  sectionOf(kind: SectionKind): Section | undefined;
  /** Section that contains a line (innermost known kind wins for nested headings). */
  sectionAt(line: number): Section | undefined;
  block(i: number): Block;
}

export function lineRange(line: number, start: number, end: number): Range {
  return { start: { line, character: start }, end: { line, character: end } };
}

export function cellRange(c: Cell): Range {
  return lineRange(c.line, c.start, c.end);
}

const PLACEHOLDERS = new Set(DEFAULT_PLACEHOLDER_OWNERS.map((p) => p.toLowerCase()));
const DONE_HEADING = /\b(?:completed?|done|taken|finished|already (?:done|fixed))\b|完了|実施済|対応済/i;
const BOLD_LABEL = /^(?:\*\*|__)([^*_:]{2,40}?):?(?:\*\*|__):?\s*(.*)$/;
const LABEL_KINDS: Record<string, SectionKind> = { 'key events': 'timeline', 'review actions': 'action-items', 'actions following review': 'action-items', 'identified': 'summary' };
const HEADER_LINE = /^\s*(?:[-*+]\s+)?(?:\*\*|__)?([^:：*_|#\n]{1,40}?)(?:\*\*|__)?\s*[:：]\s*(?:\*\*|__)?(?!\/\/)\s*(.*?)\s*$/;
const HANDLE = /(?<![\w.`/])@[A-Za-z0-9][\w-]*(?:\/[\w-]+)?/g;
const LIST_OWNER = /(?:\b(?:owner|assignee|assigned to|dri)\s*[:=]\s*|担当(?:者)?\s*[:：]\s*)([^,;)\]|]+)|(@[A-Za-z0-9][\w-]*(?:\/[\w-]+)?)/i;

function mapColumns<K extends string>(header: TableRow, patterns: Record<K, RegExp>): Partial<Record<K, number>> {
  const out: Partial<Record<K, number>> = {};
  header.cells.forEach((c, i) => {
    const name = normalizeColumn(c.text);
    for (const k of Object.keys(patterns) as K[]) {
      if (out[k] === undefined && patterns[k].test(name)) {
        out[k] = i;
        break;
      }
    }
  });
  return out;
}

function parseFrontMatter(lines: string[], block: Block | undefined): Record<string, unknown> | undefined {
  if (!block || block.kind !== 'frontmatter') return undefined;
  // Flat `key: value` pairs are all the report needs; nested YAML is left to the YAML library
  // only when the simple reading fails, to keep the common case free of a parser load.
  const out: Record<string, unknown> = {};
  for (let i = block.startLine + 1; i < block.endLine; i++) {
    const m = /^([A-Za-z_][\w-]*)\s*:\s*(.*)$/.exec(lines[i]);
    if (m) out[m[1].toLowerCase()] = m[2].replace(/^["']|["']$/g, '');
  }
  return out;
}

/**
 * Builds the report model. `scanned` is a block scan of exactly this text when the caller already
 * has one (the language server keeps an incrementally updated scan, see incremental.ts).
 */
export function buildModel(text: string, scanned?: Scan): PostMortem {
  const sc = scanned && scanned.text === text ? scanned : scan(text);
  const { lines, blocks } = sc;

  // Sections.
  const sections: Section[] = [];
  let title: PostMortem['title'];
  blocks.forEach((b, i) => {
    if (b.kind !== 'heading') return;
    if (!title && b.level === 1) title = { text: b.headingText ?? '', line: b.startLine };
    sections.push({ kind: sectionKindOf(b.headingText ?? ''), title: b.headingText ?? '', level: b.level ?? 1, headingBlock: i, headingLine: b.startLine, endLine: lines.length - 1, blocks: [] });
  });
  for (let s = 0; s < sections.length; s++) {
    for (let t = s + 1; t < sections.length; t++) {
      if (sections[t].level <= sections[s].level) {
        sections[s].endLine = sections[t].headingLine - 1;
        break;
      }
    }
    const first = sections[s].headingBlock + 1;
    for (let k = first; k < blocks.length && blocks[k].startLine <= sections[s].endLine; k++) sections[s].blocks.push(k);
  }
  // Bold-label sections: some teams write `- **Impact**:` / `**Review actions**:` instead of headings.
  blocks.forEach((b, bi) => {
    if (b.kind !== 'list' || !b.items) return;
    for (const it of topLevel(b.items)) {
      const m = BOLD_LABEL.exec(lines[it.line].slice(it.textStart));
      const kind = m ? sectionKindOf(m[1]) ?? LABEL_KINDS[m[1].trim().toLowerCase()] : undefined;
      if (!kind) continue;
      // The label's content runs to the next item at its level (nested items close earlier).
      const next = b.items.find((x) => x.line > it.line && x.indent <= it.indent);
      let endLine = next ? next.line - 1 : b.endLine;
      while (endLine > it.line && isBlank(lines[endLine])) endLine--;
      sections.push({ kind, title: m![1].trim(), level: 7, headingBlock: bi, headingLine: it.line, endLine, blocks: [], labelItem: it });
    }
  });
  const known = sections.filter((s) => s.kind && s.level >= 1);
  const sectionOf = (kind: SectionKind) => known.find((s) => s.kind === kind);
  const sectionAt = (line: number): Section | undefined => {
    let best: Section | undefined;
    for (const s of known) if (s.headingLine <= line && line <= s.endLine && (!best || s.level > best.level)) best = s;
    return best;
  };

  // Header fields: front matter, then `Key: value` lines and key/value tables before the first section.
  const frontMatter = parseFrontMatter(lines, blocks[0]);
  const headerFields: HeaderField[] = [];
  if (frontMatter && blocks[0].kind === 'frontmatter') {
    for (let i = blocks[0].startLine + 1; i < blocks[0].endLine; i++) {
      const m = /^([A-Za-z_][\w-]*)(\s*:\s*)(.*)$/.exec(lines[i]);
      const name = m && headerFieldOf(m[1]);
      if (m && name) {
        const vs = m[1].length + m[2].length;
        headerFields.push({ name, label: m[1], value: m[3].replace(/^["']|["']$/g, ''), line: i, valueRange: lineRange(i, vs, lines[i].length), source: 'frontmatter' });
      }
    }
  }
  const firstSection = sections.find((s) => s.level >= 2 && s.level <= 6 && s.kind) ?? sections.find((s) => s.level >= 2 && s.level <= 6);
  const headerEnd = firstSection ? firstSection.headingLine : Math.min(lines.length, 40);
  for (const b of blocks) {
    if (b.startLine >= headerEnd) break;
    if (b.kind === 'paragraph' || b.kind === 'list') {
      for (let i = b.startLine; i <= b.endLine; i++) {
        const m = HEADER_LINE.exec(lines[i]);
        if (!m) continue;
        const name = headerFieldOf(m[1]);
        if (!name || headerFields.some((f) => f.name === name)) continue;
        let value = m[2].replace(/\s{2,}$/, '').replace(/\\$/, '').trim();
        const vs = value ? lines[i].lastIndexOf(value) : lines[i].length;
        headerFields.push({ name, label: m[1].trim(), value, line: i, valueRange: lineRange(i, vs, vs + value.length), source: 'line' });
        value = '';
      }
    } else if (b.kind === 'table' && b.header && b.rows) {
      // | Field | Value | tables, and one-row tables whose header names the fields.
      const rowsAsPairs = [b.header, ...b.rows].every((r) => r.cells.length >= 2);
      for (const r of [b.header, ...b.rows]) {
        const name = rowsAsPairs ? headerFieldOf(r.cells[0].text) : undefined;
        if (name && r.cells[1] && !headerFields.some((f) => f.name === name)) {
          const c = r.cells[1];
          headerFields.push({ name, label: r.cells[0].text, value: c.text.replace(/[*_]/g, ''), line: r.line, valueRange: cellRange(c), source: 'table' });
        }
      }
      if (b.rows.length >= 1) {
        b.header.cells.forEach((h, ci) => {
          const name = headerFieldOf(h.text);
          const c = b.rows![0].cells[ci];
          if (name && c && !headerFields.some((f) => f.name === name)) headerFields.push({ name, label: h.text, value: c.text, line: c.line, valueRange: cellRange(c), source: 'table' });
        });
      }
    }
  }

  const dateField = headerFields.find((f) => f.name === 'date');
  const incidentDate = dateField ? parseDate(dateField.value) : frontMatter?.date ? parseDate(String(frontMatter.date)) : title ? parseDate(title.text) : undefined;
  const defaultYear = incidentDate ? +incidentDate.slice(0, 4) : undefined;

  // Timeline.
  const tlSection = sectionOf('timeline');
  const timeline: Timeline = { section: tlSection, tables: [], entries: [] };
  const tzField = headerFields.find((f) => f.name === 'timezone');
  timeline.zone = (tlSection && findZoneName(tlSection.title)) ?? (tzField ? findZoneName(tzField.value.toUpperCase()) : undefined);
  timeline.baseDate = (tlSection && parseDate(tlSection.title, defaultYear)) ?? incidentDate;

  // Action items.
  const aiSection = sectionOf('action-items');
  const actionItems: ActionItems = { section: aiSection, tables: [], items: [], lists: [] };

  // A section's blocks are consecutive indices, so membership is a range test (this runs per block).
  const inSection = (s: Section | undefined, bi: number) => !!s && s.blocks.length > 0 && bi >= s.blocks[0] && bi <= s.blocks[s.blocks.length - 1];
  const pendingDayHeadings = new Map<number, string>();

  blocks.forEach((b, bi) => {
    const inTimeline = inSection(tlSection, bi);
    if (inTimeline && b.kind === 'heading') {
      const d = parseDate(b.headingText ?? '', defaultYear);
      if (d) pendingDayHeadings.set(bi, d);
      return;
    }
    if (inTimeline && b.kind === 'paragraph' && b.startLine === b.endLine) {
      // A paragraph that is only a date ("2019-01-23", "**Feb 10**") starts a new day.
      const t = lines[b.startLine].replace(/[*_:]/g, '').trim();
      const d = t.length <= 40 && !/\d{1,2}:\d{2}/.test(t) ? parseDate(t, defaultYear) : undefined;
      if (d) pendingDayHeadings.set(bi, d);
    }
    if (inTimeline && b.kind === 'paragraph' && !timeline.zone) {
      const z = /(?:all times|times are|times in|時刻は|時間は|タイムゾーン)/i.test(lines.slice(b.startLine, b.endLine + 1).join(' '))
        ? findZoneName(lines.slice(b.startLine, b.endLine + 1).join(' '))
        : undefined;
      if (z) timeline.zone = z;
    }
    if (b.kind === 'table' && b.header && b.rows) {
      const tcols = mapColumns(b.header, TIMELINE_COLUMNS);
      const acols = mapColumns(b.header, ACTION_COLUMNS);
      // A separate Date column (| Date | Time | Event |) gives the day; alone, it is the time column.
      const dateCol = tcols.time !== undefined ? tcols.date : undefined;
      if (tcols.time === undefined && tcols.date !== undefined) tcols.time = tcols.date;
      const dateYear = dateCol !== undefined ? /\b((?:19|20)\d\d)\b/.exec(b.header.cells[dateCol].text)?.[1] : undefined;
      const isTimeline = tcols.time !== undefined && (inTimeline || (!tlSection && tcols.event !== undefined && acols.owner === undefined));
      const inActions = inSection(aiSection, bi);
      const isActions = !isTimeline && (inActions ? true : acols.action !== undefined && (acols.owner !== undefined || acols.deadline !== undefined));
      if (isTimeline) {
        const tIndex = timeline.tables.length;
        timeline.tables.push({ block: bi, columns: tcols, header: b.header });
        if (!timeline.zone) {
          const z = findZoneName(b.header.cells[tcols.time!].text);
          if (z) timeline.zone = z;
        }
        for (const r of b.rows) {
          const tc = r.cells[tcols.time!] ?? { text: '', line: r.line, start: 0, end: 0, outerStart: 0, outerEnd: 0 };
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
      } else if (isActions) {
        const aIndex = actionItems.tables.length;
        if (acols.action === undefined) {
          // In the Action Items section, the widest text column is the action.
          const firstText = b.header.cells.findIndex((_, i) => !Object.values(acols).includes(i));
          if (firstText >= 0) acols.action = firstText;
        }
        actionItems.tables.push({ block: bi, columns: acols, header: b.header });
        for (const r of b.rows) {
          if (r.cells.every((c) => !c.text)) continue;
          const get = (k: ActionColumn) => (acols[k] !== undefined ? r.cells[acols[k]!] ?? emptyCellAtEnd(r, lines) : undefined);
          actionItems.items.push({
            line: r.line,
            range: lineRange(r.line, 0, lines[r.line].length),
            kind: 'table',
            id: get('id'),
            action: get('action'),
            owner: get('owner'),
            deadline: get('deadline'),
            priority: get('priority'),
            status: get('status'),
            row: r,
            table: aIndex,
          });
        }
      }
      return;
    }
    if (b.kind === 'list' && b.items) {
      if (inTimeline) {
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
          // Day headings before this list apply to it.
        }
      } else if (inSection(aiSection, bi)) {
        actionItems.lists.push(bi);
        // Under a sub-heading such as "Immediate actions (completed)", the items are already done.
        const sub = [...aiSection!.blocks].reverse().find((k) => k < bi && blocks[k].kind === 'heading');
        const doneHere = sub !== undefined && DONE_HEADING.test(blocks[sub].headingText ?? '');
        for (const it of topLevel(b.items)) {
          const itemText = lines.slice(it.line, it.endLine + 1).map((l, k) => (k === 0 ? l.slice(it.textStart) : l.trim())).join(' ').trim();
          const om = LIST_OWNER.exec(itemText);
          const textLine = lines[it.line];
          actionItems.items.push({
            line: it.line,
            range: lineRange(it.line, it.textStart, textLine.length),
            kind: 'list',
            text: itemText,
            action: { text: textLine.slice(it.textStart).trim(), line: it.line, start: it.textStart, end: textLine.trimEnd().length, outerStart: it.textStart, outerEnd: textLine.length },
            listOwner: om ? (om[1] ?? om[2]).trim() : undefined,
            task: doneHere ? 'done' : it.task,
          });
        }
      }
    }
  });

  // Action items nested under a bold-label section (`- **Review actions**:` with sub-items).
  if (aiSection?.labelItem) {
    const b = blocks[aiSection.headingBlock];
    const nested = b.items!.filter((it) => it.line > aiSection.headingLine && it.line <= aiSection.endLine && it.indent > aiSection.labelItem!.indent);
    const depth = nested.length ? Math.min(...nested.map((it) => it.indent)) : 0;
    if (nested.length) actionItems.lists.push(aiSection.headingBlock);
    for (const it of nested.filter((x) => x.indent <= depth + 1)) {
      const textLine = lines[it.line];
      const itemText = textLine.slice(it.textStart).trim();
      const om = LIST_OWNER.exec(itemText);
      actionItems.items.push({
        line: it.line,
        range: lineRange(it.line, it.textStart, textLine.length),
        kind: 'list',
        text: itemText,
        action: { text: itemText, line: it.line, start: it.textStart, end: textLine.trimEnd().length, outerStart: it.textStart, outerEnd: textLine.length },
        listOwner: om ? (om[1] ?? om[2]).trim() : undefined,
        task: it.task,
      });
    }
  }

  resolveTimeline(timeline, blocks, pendingDayHeadings, timeline.baseDate);

  // People named in the report.
  const people = new Set<string>();
  const authors = headerFields.find((f) => f.name === 'authors');
  if (authors) for (const a of authors.value.split(/\s*(?:,|、|;|\band\b|&)\s*/)) if (a.trim()) people.add(a.trim().replace(/[*_]/g, ''));
  for (const e of timeline.entries) if (e.actor?.text) for (const a of e.actor.text.split(/\s*(?:,|、|;)\s*/)) if (a && !/^[-—?]$/.test(a)) people.add(a.replace(/[*_`]/g, ''));
  for (const it of actionItems.items) {
    const o = it.owner?.text;
    if (o && !PLACEHOLDERS.has(o.replace(/[*_`]/g, '').trim().toLowerCase())) people.add(o.replace(/[*_`]/g, ''));
  }
  let bi = 0;
  for (let i = 0; i < lines.length; i++) {
    while (bi < blocks.length && blocks[bi].endLine < i) bi++;
    if (blocks[bi]?.kind === 'code' && blocks[bi].startLine <= i) continue;
    if (!lines[i].includes('@')) continue;
    for (const m of lines[i].matchAll(HANDLE)) people.add(m[0]);
  }

  return {
    scan: sc,
    text,
    lines,
    title,
    frontMatter,
    headerFields,
    sections,
    timeline,
    actionItems,
    incidentDate,
    people: [...people].filter((p) => p.length <= 60),
    sectionOf,
    sectionAt,
    block: (i) => blocks[i],
  };
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

function emptyCellAtEnd(r: TableRow, lines: string[]): Cell {
  const end = lines[r.line].length;
  return { text: '', line: r.line, start: end, end, outerStart: end, outerEnd: end };
}

function topLevel(items: ListItem[]): ListItem[] {
  if (!items.length) return items;
  const base = Math.min(...items.map((i) => i.indent));
  return items.filter((i) => i.indent <= base + 1);
}

const ROLLOVER_MAX_GAP = 12 * 3600;

/** Gives each entry an absolute time: its own date, else the day heading or report date, with midnight rollover. */
function resolveTimeline(tl: Timeline, blocks: Block[], dayHeadings: Map<number, string>, base: string | undefined): void {
  // Day headings in the timeline section apply to the entries below them.
  const headingDays = [...dayHeadings.entries()].map(([bi, d]) => ({ line: blocks[bi].startLine, day: dayNumber(d) }));
  let day = base ? dayNumber(base) : 0;
  let dated = !!base;
  let hd = 0;
  let prev: number | undefined;
  const fallbackOffset = tl.zone?.offsetMinutes ?? 0;
  for (const e of tl.entries) {
    while (hd < headingDays.length && headingDays[hd].line < e.line) {
      day = headingDays[hd].day;
      dated = true;
      prev = undefined;
      hd++;
    }
    const t = e.time;
    if (!t) continue;
    const offset = t.offsetMinutes ?? fallbackOffset;
    if (t.date) {
      day = dayNumber(t.date);
      dated = true;
      e.epoch = day * 86400 + t.secondsOfDay - offset * 60;
      e.dated = true;
    } else {
      let epoch = day * 86400 + t.secondsOfDay - offset * 60;
      if (prev !== undefined && epoch < prev && epoch + 86400 - prev < ROLLOVER_MAX_GAP && epoch + 86400 >= prev) {
        day += 1;
        epoch += 86400;
        e.rollover = true;
      }
      e.epoch = epoch;
      e.dated = dated;
    }
    prev = e.epoch;
  }
}

export { scan };
