// The report as a reviewer sees it: header fields, sections, timeline entries, action items and
// the people it names. Pure data; built by the passes in this folder (see index.ts).
import type { Block, Cell, ListItem, Scan, TableRow } from '../scan';
import type { Locale, Range } from '../types';
import type { ActionColumn, HeaderFieldName, SectionKind, TimelineColumn } from '../vocabulary';
import type { ParsedTime, ZoneSpec } from '../time';

export interface Section {
  kind?: SectionKind;
  /** Other kinds a heading that joins two names also covers ("Impact and Root Cause"). */
  also?: SectionKind[];
  title: string;
  /** Heading level; 7 for a label section (`- **Impact**:`, `【原因】`, `Lessons learned:`). */
  level: number;
  /** For bold-label sections: the list item that holds the section (its nested items are the content). */
  labelItem?: ListItem;
  /** For label sections: the column on the label's line where the text after the label starts. */
  contentStart?: number;
  /** Index of the heading block in `scan.blocks`. */
  headingBlock: number;
  headingLine: number;
  /** Last line of the section (inclusive): the line before the next heading of the same or higher level. */
  endLine: number;
  /** Blocks after the heading up to endLine (indices into scan.blocks, consecutive). */
  blocks: number[];
}

export interface HeaderField {
  name: HeaderFieldName;
  label: string;
  value: string;
  line: number;
  /** Range of the value text (empty at the end of the label when there is no value). */
  valueRange: Range;
  /** Where it was written: a `Key: value` line (also in a list or a blockquote), a table, front matter,
   *  a section named after the field (`## Severity`), the title (a date in it), a block of
   *  `Key: value` lines below the header (a "Stats" list), or a label alone on its line with the
   *  value on the next (`**Date**` then `2024-03-09`, a definition list's `: 2024-03-09`); for
   *  those, `line` is the label's and `valueRange` is on the value's line. */
  source: 'line' | 'table' | 'frontmatter' | 'section' | 'title' | 'block' | 'next-line';
}

export interface TimelineEntry {
  line: number;
  /** The whole row or list item line. */
  range: Range;
  /** A table row, a list item, a heading (`### 09:12`) or a paragraph that starts with a time. */
  kind: 'table' | 'list' | 'heading' | 'paragraph';
  /** Index into timeline.groups: the table, list run, headings or paragraphs it belongs to. */
  group: number;
  /** 0 for the timeline section (and timeline tables found without one); n for the n-th list outside it shaped like a timeline. */
  region: number;
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
  /** The clock before this entry was placed (on each list entry and the first timed row of each table). */
  clockBefore?: import('./timeline').ClockState;
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

/** A container of timeline entries, the unit the sort fix reorders within. */
export interface TimelineGroup {
  /** `lines`: plain lines of one paragraph, each starting with a time. */
  kind: 'table' | 'list' | 'heading' | 'paragraph' | 'lines';
  /** The table, list or paragraph block. */
  block?: number;
  /** For lists: the sibling items of the run (items without a time included). */
  items?: ListItem[];
  /** For headings: their level. */
  level?: number;
  /** For lines: the last line of the run when it ends before its paragraph does (a label section's lines in a paragraph of several sections). */
  endLine?: number;
}

export interface Timeline {
  /** The first timeline section. */
  section?: Section;
  /** Every timeline section, the first one first, then in document order; each is read (and its order checked) on its own. */
  sections: Section[];
  tables: TimelineTable[];
  groups: TimelineGroup[];
  entries: TimelineEntry[];
  /** The report's zone for its timeline: a timeline heading's, the Time zone header field, else the first a timeline states (a note, a column header). */
  zone?: ZoneSpec;
  /** The zone each region states itself (its section heading, a note or table header in it), by region; see zoneOf. */
  zones: (ZoneSpec | undefined)[];
  /** The report's day (YYYY-MM-DD) used for entries that name none. */
  baseDate?: string;
  /** Whether the report's numeric dates (`09/03/2024`) are day-first or month-first, when it settles that. */
  dayMonthOrder?: import('../time').DayMonthOrder;
  /** Entries with a numeric date whose day and month the report does not settle (ordered by their time alone). */
  ambiguousDates: TimelineEntry[];
  /** Items of a timeline's lists that start with a time or date that cannot be read (`07:7:47`, `2015-02-30 10:00`): that time and where it is. */
  unreadable: { line: number; text: string; range: Range }[];
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
  /** The Ticket / Issue / Bug column's cell, when the table has one. */
  ticket?: Cell;
  row?: TableRow;
  /** Index into actionItems.tables when kind === 'table'. */
  table?: number;
  /** For list items: the item's text and the owner found inside it. */
  text?: string;
  listOwner?: string;
  /** For list items: the deadline written in the item ("(due 2025-03-01)", "by March 1", 「期限: 3月末」), as written. */
  listDeadline?: string;
  /** For list items: the priority written in the item ("P1", "Priority: high", 「優先度: 高」), as written. */
  listPriority?: string;
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
  /**
   * Follow-ups written as sentences of a paragraph in an action section: a Japanese notice's
   * measures (「(1) …周知徹底いたします。」「今後は、…徹底してまいります。」), or an English paragraph's
   * commitments ("in the short term I intend to ..."), each from its subject to the next commitment.
   * They have no owner or deadline cells; only language rules read them.
   */
  sentences: ActionSentence[];
  /**
   * When the report states no follow-up at all (no item, no sentence above), its promises in prose
   * to prevent a recurrence (「再発防止に努めてまいります」, "we will strive to prevent this from
   * recurring") are its follow-ups. Empty otherwise.
   */
  pledges: ActionSentence[];
}

export interface ActionSentence {
  text: string;
  line: number;
  /** Columns of the sentence on its line (the numbering before it left out); a sentence wrapped onto later lines ends at the end of its first line. */
  start: number;
  end: number;
}

export interface PostMortem {
  scan: Scan;
  text: string;
  lines: string[];
  title?: { text: string; line: number };
  frontMatter?: Record<string, unknown>;
  headerFields: HeaderField[];
  /** Whether the header pass read a line under the title as a field line: `Key: value` of a known field or not ("**Exchange loss**: ~$5.75"), or a label alone on its line and the value under it. */
  isHeaderFieldLine(line: number): boolean;
  sections: Section[];
  timeline: Timeline;
  actionItems: ActionItems;
  /** The report's incident date, from the header (YYYY-MM-DD). */
  incidentDate?: string;
  /**
   * The day a deadline written as a horizon (「1ヶ月以内」, "within 30 days", "this week") or a quarter
   * counts from: the day the report was written when its header says (作成日, 報告日), else the incident date.
   */
  deadlinesFrom?: string;
  /** People, teams and roles the report names: Authors, Actor cells, Owner cells, @handles. */
  people: string[];
  /**
   * The language the report is written in, from its section headings: 'ja' when any of them is
   * Japanese, 'en' when it has headings and none is. A report with no headings (an incident notice
   * written as plain paragraphs) is decided by its prose; undefined when there is too little to tell.
   */
  language: Locale | undefined;
  /**
   * The language to write new text in (headings, header labels, table headers): the report's own
   * language when it has one, else the messages' locale. Quick fixes and completions both ask this.
   */
  writingLanguage(locale: Locale): Locale;
  sectionOf(kind: SectionKind): Section | undefined;
  /**
   * Whether the report has a section of a kind: a heading or a label of that kind, a heading that
   * joins it with another, or, for the summary, a lead paragraph under the title.
   */
  hasSection(kind: SectionKind): boolean;
  /** The text under the title before the first section, when it reads as a summary (a blog post's lead). */
  lead?: { startLine: number; endLine: number };
  /** Section that contains a line (innermost known kind wins for nested headings); with `anyKind`, sections of no known kind count too (the outline's "Background"). */
  sectionAt(line: number, anyKind?: boolean): Section | undefined;
  block(i: number): Block;
  /** Index of the block that holds a line, or -1 (a blank line between blocks). */
  blockAt(line: number): number;
  /** The items of a list block at its outermost level (nested items excluded). */
  topLevelItems(block: number | Block): ListItem[];
  /** True when an owner value is empty or a placeholder (`TBD`, `?`, `someone`...); `placeholders` defaults to the built-in list. */
  isPlaceholderOwner(value: string, placeholders?: readonly string[]): boolean;
  /** The people, teams and roles the report names that can own an item: `people` without duplicates and placeholders (of `placeholders`, the built-in list by default). */
  owners(placeholders?: readonly string[]): string[];
  /** True when an action item is already done (a checked task, a done status, a "Completed" sub-heading). */
  isDone(item: ActionItem): boolean;
  /**
   * The action items still open (not done), in report order: the one answer to "which items must
   * have an owner, a deadline, a priority, a concrete action". Computed once per model.
   */
  openActionItems(): ActionItem[];
}

/** What every pass reads: the scan of the report. */
export interface PassInput {
  scan: Scan;
  lines: string[];
  blocks: Block[];
  /**
   * Whether results are kept per object of the scan (table rows, blocks) for a later build from a
   * scan that shares those objects: the language server's incremental scan. A build from a scan of
   * its own, which no later build is given, keeps nothing (the CLI checks a folder that way).
   */
  keep?: boolean;
}
