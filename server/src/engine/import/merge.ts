// Merges imported rows into a report's timeline as ONE text edit: rows go in time order among
// the existing entries, exact duplicates are skipped, times are written in UTC in the style of
// the timeline (date or not, seconds or not, `14:02` or `14.02`), in the timeline's own form (a
// table row, a list item, a time heading, a paragraph or a bold time line, as its entries are
// written), and the result is read back through the report model to check every row lands at the
// time it stands for. A report without a timeline gets the section and table where the template
// puts them (after Impact, before Contributing Factors).
import { buildModel, entrySpans, zoneOf, type PostMortem, type TimelineEntry } from '../model';
import { applyEdits, positionAt } from '../edits';
import type { TextEdit } from '../types';
import { ensureCellSafe } from './cells';
import { sortRows, type TimelineRow } from './rows';

export interface MergeOptions {
  /** Markdown lines placed under the timeline (e.g. a chart image link), in the same edit. */
  appendBelow?: string[];
  /** Force dates in the time column (default: when the timeline has them or the rows need them). */
  withDate?: boolean;
}

export interface MergeResult {
  /** Undefined when there is nothing to insert (every row already present). */
  edit?: TextEdit;
  inserted: number;
  duplicates: number;
  /** True when a Timeline section (and table) was created. */
  createdSection: boolean;
  /** The time style used, e.g. `HH:MM:SS`, `YYYY-MM-DD HH:MM UTC`. */
  timeStyle: string;
}

interface TimeStyle {
  date: boolean;
  isoT: boolean;
  seconds: boolean;
  suffix: string;
  bold: boolean;
  /** `14.02` rather than `14:02`, as the timeline writes its times. */
  dot?: boolean;
}

const pad = (n: number) => String(n).padStart(2, '0');

export function formatRowTime(ms: number, s: TimeStyle): string {
  const d = new Date(ms);
  const sep = s.dot ? '.' : ':';
  const clock = `${pad(d.getUTCHours())}${sep}${pad(d.getUTCMinutes())}${s.seconds ? sep + pad(d.getUTCSeconds()) : ''}`;
  const day = `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
  const t = s.date ? `${day}${s.isoT ? 'T' : ' '}${clock}${s.isoT && s.suffix === ' UTC' ? 'Z' : s.suffix}` : `${clock}${s.suffix}`;
  return s.bold ? `**${t}**` : t;
}

function styleName(s: TimeStyle): string {
  return `${s.date ? (s.isoT ? 'YYYY-MM-DDT' : 'YYYY-MM-DD ') : ''}HH:MM${s.seconds ? ':SS' : ''}${s.suffix}`;
}

const tableLine = (cells: string[]) => `|${cells.map((c) => (c ? ` ${c} ` : ' ')).join('|')}|`;

const norm = (s: string | undefined) => (s ?? '').replace(/\*\*|__/g, '').replace(/\s+/g, ' ').trim();
const cellOf = (e: TimelineEntry, k: number | undefined) => (k !== undefined ? norm(e.row?.cells[k]?.text) : '');

function styleFrom(entries: TimelineEntry[], model: PostMortem, rows: TimelineRow[]): TimeStyle {
  const timed = entries.filter((e) => e.time);
  // The zone the rows are read in: their section's own, else the report's.
  const zoneOff = zoneOf(model.timeline, entries[0]?.region ?? 0)?.offsetMinutes;
  const explicit = timed.map((e) => e.time!.zone).filter(Boolean) as string[];
  let suffix = '';
  if (explicit.length) suffix = explicit.filter((z) => z === 'Z').length > explicit.length / 2 ? 'Z' : ' UTC';
  else if (zoneOff !== undefined && zoneOff !== 0) suffix = ' UTC';
  const withSeconds = timed.length ? timed.some((e) => /\d:\d{2}:\d{2}/.test(e.timeText)) : rows.some((r) => Math.floor(r.epochMs / 1000) % 60 !== 0);
  // Times written with a dot (`14.43`) and never with a colon: new rows are written the same way.
  const dot = timed.length > 0 && timed.every((e) => !/\d:\d/.test(e.timeText) && /\d\.\d\d(?!\d)/.test(e.timeText));
  const dated = timed.filter((e) => e.time!.date);
  return {
    date: dated.length > 0,
    isoT: dated.length > 0 && dated.every((e) => /\d{4}-\d{2}-\d{2}T/.test(e.timeText)),
    seconds: withSeconds,
    suffix: suffix === 'Z' && !(dated.length > 0) ? ' UTC' : suffix,
    bold: timed.length > 0 && timed.every((e) => {
      const l = model.lines[e.line];
      return /(?:\*\*|__)\s*$/.test(l.slice(0, e.timeRange.start.character)) || /^(?:\*\*|__)/.test(l.slice(e.timeRange.start.character));
    }),
    dot,
  };
}

function expectedEpoch(ms: number, s: TimeStyle): number {
  return s.seconds ? Math.floor(ms / 1000) : Math.floor(ms / 60000) * 60;
}

function isJapanese(model: PostMortem): boolean {
  return model.language === 'ja';
}

interface Insertion {
  offset: number;
  text: string;
  order: number;
}


function oneEdit(text: string, lineStarts: number[], ins: Insertion[]): TextEdit {
  ins.sort((a, b) => a.offset - b.offset || a.order - b.order);
  const from = ins[0].offset;
  const to = ins[ins.length - 1].offset;
  let out = '';
  let pos = from;
  for (const i of ins) {
    out += text.slice(pos, i.offset) + i.text;
    pos = i.offset;
  }
  return { range: { start: positionAt(lineStarts, from), end: positionAt(lineStarts, to) }, newText: out };
}

/** Offset of the start of the line after `line`, or the end of the text (with `needsEol`). */
function afterLine(model: PostMortem, text: string, line: number): { offset: number; needsEol: boolean } {
  const starts = model.scan.lineStarts;
  if (line + 1 < starts.length) return { offset: starts[line + 1], needsEol: false };
  return { offset: text.length, needsEol: true };
}

/** How a timeline written as text (a list, time headings, paragraphs) writes an entry. */
interface TextForm {
  /** `lines`: plain lines of one paragraph, so no blank line between entries. */
  kind: 'list' | 'heading' | 'paragraph' | 'lines';
  /** What stands before the time on its line: `- `, `* **`, `### `, `**`, `1. `. */
  prefix: string;
  /** What closes the time: `**`, `:**`, `]`, or nothing. */
  closer: string;
  /** Between the time and the event: ` — `, `: `, ` - `, ` `. */
  sep: string;
  /** The event stands in its own paragraph below the time (`### 09:12`, a bold time line alone). */
  below: boolean;
}

const CLOSERS = [':**', ':__', '**', '__', '`', ']', ')'];

/** The parts of an entry's line around its time: what closes it, the separator, the event text. */
function splitAfterTime(rest: string): { closer: string; sep: string; event: string } {
  const closer = CLOSERS.find((c) => rest.startsWith(c)) ?? '';
  let i = closer.length;
  const sepStart = i;
  while (i < rest.length && (rest[i] === ' ' || rest[i] === '\u00a0')) i++;
  if (i < rest.length && ':：—–-'.includes(rest[i])) {
    i++;
    while (i < rest.length && (rest[i] === ' ' || rest[i] === '\u00a0')) i++;
  }
  return { closer, sep: rest.slice(sepStart, i), event: rest.slice(i) };
}

/** The form of a text timeline, from its last timed entry (the one new rows most often follow). */
function textForm(model: PostMortem, entries: TimelineEntry[]): TextForm {
  const e = [...entries].reverse().find((x) => x.time) ?? entries[entries.length - 1];
  const line = model.lines[e.line];
  let prefix = line.slice(0, e.timeRange.start.character);
  // An ordered list is renumbered by Markdown: new items are `1.`.
  prefix = prefix.replace(/^(\s*)\d{1,9}([.)])/, '$11$2');
  const { closer, sep, event } = splitAfterTime(line.slice(e.timeRange.end.character));
  const kind = model.timeline.groups[e.group]?.kind === 'lines' ? 'lines' : e.kind === 'list' || e.kind === 'heading' ? e.kind : 'paragraph';
  return { kind, prefix, closer, sep, below: kind !== 'list' && kind !== 'lines' && event.trim() === '' };
}

/** The event an entry names: the text after its time, or the first line of the paragraph below it. */
function eventOf(model: PostMortem, e: TimelineEntry, form: TextForm): string {
  const { event } = splitAfterTime(model.lines[e.line].slice(e.timeRange.end.character));
  if (event.trim() || !form.below) return event;
  for (let l = e.line + 1; l < model.lines.length; l++) if (model.lines[l].trim()) return model.lines[l].trim();
  return '';
}

/** Text that stays one paragraph when it stands alone on a line (not a heading, list item or quote). */
function paragraphSafe(s: string): string {
  return /^(?:#|>|[-*+](?:\s|$)|\d{1,9}[.)](?:\s|$))/.test(s) ? `\\${s}` : s;
}

/**
 * The text timeline to merge into when there is no timeline table: the list, time headings or
 * time paragraphs with the most timed entries, preferring those in a timeline section.
 */
function textTimelineGroup(model: PostMortem): number | undefined {
  const tl = model.timeline;
  const inSection = (line: number) => tl.sections.some((s) => s.headingLine < line && line <= s.endLine);
  const score = new Map<number, number>();
  for (const e of tl.entries) {
    if (e.kind === 'table' || e.epoch === undefined) continue;
    score.set(e.group, (score.get(e.group) ?? 0) + (inSection(e.line) ? 1000 : 1));
  }
  let best: number | undefined;
  for (const [g, n] of score) if (best === undefined || n > score.get(best)!) best = g;
  return best;
}

/**
 * Plans the merge of `rows` into `text`. Pure: returns one edit (or none) and counts; the caller
 * applies it to the document version it read `text` from.
 */
export function mergeRows(text: string, rows: TimelineRow[], opts: MergeOptions = {}): MergeResult {
  const model = buildModel(text);
  const sorted = sortRows(rows);
  const first = attempt(text, model, sorted, opts, opts.withDate ?? undefined);
  if (first.ok || opts.withDate !== undefined || first.style.date) return first.result;
  // Times alone did not read back as the right moments (the rows cross midnight, or the report
  // has no date): write dates.
  return attempt(text, model, sorted, opts, true).result;
}

function attempt(text: string, model: PostMortem, rows: TimelineRow[], opts: MergeOptions, forceDate: boolean | undefined): { ok: boolean; style: TimeStyle; result: MergeResult } {
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const tl = model.timeline;
  const lines = model.lines;
  const ins: Insertion[] = [];
  let order = 0;
  const expected = new Map<string, number>();
  let inserted = 0;
  let duplicates = 0;
  let createdSection = false;
  let style: TimeStyle;

  // The table to merge into: the one with the most entries.
  let tIndex = -1;
  for (let i = 0; i < tl.tables.length; i++) {
    const n = tl.entries.filter((e) => e.table === i).length;
    if (tIndex < 0 || n > tl.entries.filter((e) => e.table === tIndex).length) tIndex = i;
  }
  const textGroup = tIndex < 0 ? textTimelineGroup(model) : undefined;

  if (tIndex >= 0 || textGroup !== undefined) {
    const isTable = tIndex >= 0;
    const entries = isTable ? tl.entries.filter((e) => e.table === tIndex) : tl.entries.filter((e) => e.group === textGroup);
    style = styleFrom(entries, model, rows);
    if (forceDate !== undefined) style.date = forceDate || style.date;
    const seen = new Set<string>();
    /** `line` is the line that carries the time; `block` is all the row writes (the event below a time heading too). */
    let rowText: (r: TimelineRow) => { line: string; key: string; block: string };
    let lastLine: number;
    /** Entries separated by blank lines (time headings, paragraphs). */
    let blank = false;
    if (isTable) {
      const table = tl.tables[tIndex];
      const block = model.block(table.block);
      lastLine = block.endLine;
      const n = table.header.cells.length;
      const c = table.columns;
      for (const e of entries) {
        const cell = (k: number | undefined) => (k !== undefined ? norm(e.row?.cells[k]?.text) : '');
        seen.add([norm(e.timeText), cell(c.event), cell(c.source), cell(c.actor)].join('\u0000'));
      }
      const dateCol = c.date !== undefined && c.date !== c.time ? c.date : undefined;
      if (dateCol !== undefined) {
        // | Date | Time | Event |: the day goes in its own column.
        style.date = false;
        for (const e of entries) seen.add([norm(e.row?.cells[dateCol]?.text) + ' ' + norm(e.timeText), cellOf(e, c.event), cellOf(e, c.source), cellOf(e, c.actor)].join('\u0000'));
      }
      rowText = (r) => {
        const cells = new Array<string>(n).fill('');
        const time = formatRowTime(r.epochMs, style);
        const day = new Date(r.epochMs).toISOString().slice(0, 10);
        if (dateCol !== undefined) cells[dateCol] = day;
        let event = r.event;
        if (c.source === undefined && r.source) event += ` (${r.source})`;
        if (c.actor === undefined && r.actor) event += ` (${r.actor})`;
        cells[c.time!] = time;
        if (c.event !== undefined) cells[c.event] = event;
        else cells[Math.min(n - 1, c.time! + 1)] = event;
        if (c.source !== undefined) cells[c.source] = r.source;
        if (c.actor !== undefined) cells[c.actor] = r.actor;
        const safe = cells.map(ensureCellSafe);
        const key = [dateCol !== undefined ? `${day} ${norm(time)}` : norm(time), c.event !== undefined ? norm(safe[c.event]) : '', c.source !== undefined ? norm(safe[c.source]) : '', c.actor !== undefined ? norm(safe[c.actor]) : ''].join('\u0000');
        const line = tableLine(safe);
        return { line, key, block: line };
      };
    } else {
      // A list, time headings, time paragraphs or bold time lines: new rows are written like the
      // entries already there (marker, heading level, bold, the separator before the event).
      const form = textForm(model, entries);
      style.bold = false;
      blank = form.kind !== 'list' && form.kind !== 'lines';
      const spans = entrySpans(model, textGroup!, entries);
      lastLine = spans[spans.length - 1].end;
      for (const e of entries) seen.add([norm(e.timeText), norm(eventOf(model, e, form))].join('\u0000'));
      rowText = (r) => {
        const time = formatRowTime(r.epochMs, style);
        const ev = ensureCellSafe(r.event + (r.source ? ` (${r.source})` : '') + (r.actor ? ` — ${r.actor}` : ''));
        const line = `${form.prefix}${time}${form.closer}${form.below ? '' : (form.sep || ' ') + ev}`;
        return { line, key: [norm(time), norm(ev)].join('\u0000'), block: form.below ? line + eol + eol + paragraphSafe(ev) : line };
      };
    }
    // Where each row goes: before the first entry (in document order) that is later than it.
    const timedEntries = entries.filter((e) => e.epoch !== undefined);
    const end = afterLine(model, text, lastLine);
    const gap = blank ? eol : '';
    let appended = false;
    for (const r of rows) {
      const { line, key, block } = rowText(r);
      if (seen.has(key)) {
        duplicates++;
        continue;
      }
      seen.add(key);
      const sec = r.epochMs / 1000;
      const before = timedEntries.find((e) => e.epoch! > sec && (style.seconds || e.epoch! >= Math.floor(sec / 60) * 60 + 60));
      if (before) ins.push({ offset: model.scan.lineStarts[before.line], text: block + eol + gap, order: order++ });
      else {
        ins.push({ offset: end.offset, text: end.needsEol ? eol + gap + block : gap + block + eol, order: order++ });
        appended = true;
      }
      expected.set(line, expectedEpoch(r.epochMs, style));
      inserted++;
    }
    // A blank line between the last new entry and what follows it, when the form needs one.
    if (appended && blank && !end.needsEol && (lines[lastLine + 1] ?? '').trim() !== '') ins.push({ offset: end.offset, text: eol, order: 1e9 - 1 });
    if (opts.appendBelow?.length) {
      const next = lines[lastLine + 1];
      const tail = next !== undefined && next.trim() !== '' ? eol : '';
      const body = opts.appendBelow.join(eol);
      ins.push({ offset: end.offset, text: end.needsEol ? eol + eol + body : eol + body + eol + tail, order: 1e9 });
    }
  } else {
    // A new table: in the Timeline section if there is one, else a new section after Impact.
    const ja = isJapanese(model);
    const span = rows.length ? new Date(rows[0].epochMs).toISOString().slice(0, 10) !== new Date(rows[rows.length - 1].epochMs).toISOString().slice(0, 10) : false;
    const day = rows.length ? new Date(rows[0].epochMs).toISOString().slice(0, 10) : undefined;
    style = {
      date: forceDate ?? (span || !model.incidentDate || model.incidentDate !== day),
      isoT: false,
      seconds: rows.some((r) => Math.floor(r.epochMs / 1000) % 60 !== 0),
      suffix: '',
      bold: false,
    };
    const header = ja ? '| 時刻 (UTC) | 内容 | ソース | 対応者 |' : '| Time (UTC) | Event | Source | Actor |';
    const body: string[] = [header, '| --- | --- | --- | --- |'];
    const seen = new Set<string>();
    for (const r of rows) {
      const cells = [formatRowTime(r.epochMs, style), r.event, r.source, r.actor].map(ensureCellSafe);
      const line = tableLine(cells);
      if (seen.has(line)) {
        duplicates++;
        continue;
      }
      seen.add(line);
      body.push(line);
      expected.set(line, expectedEpoch(r.epochMs, style));
      inserted++;
    }
    if (opts.appendBelow?.length) body.push('', ...opts.appendBelow);
    if (tl.section) {
      // After the last non-blank line of the section.
      let last = tl.section.endLine;
      while (last > tl.section.headingLine && lines[last].trim() === '') last--;
      const at = afterLine(model, text, last);
      ins.push({ offset: at.offset, text: (at.needsEol ? eol : '') + eol + body.join(eol) + eol + (at.needsEol ? '' : lines[last + 1]?.trim() === '' ? '' : eol), order: 0 });
    } else {
      createdSection = true;
      const impact = model.sectionOf('impact');
      const later = model.sectionOf('contributing-factors') ?? model.sectionOf('action-items') ?? model.sectionOf('what-went-well') ?? model.sectionOf('lessons-learned');
      const level = (impact ?? later ?? model.sections.find((s) => s.level >= 2))?.level ?? 2;
      const title = `${'#'.repeat(level)} ${ja ? 'タイムライン' : 'Timeline'}`;
      const section = [title, '', ...body, ''].join(eol) + eol;
      let at: { offset: number; needsEol: boolean };
      if (impact) at = afterLine(model, text, impact.endLine);
      else if (later) at = { offset: model.scan.lineStarts[later.headingLine], needsEol: false };
      else at = { offset: text.length, needsEol: true };
      const prevBlank = at.offset === 0 || /\n[ \t]*\r?\n$/.test(text.slice(0, at.offset)) || text.slice(0, at.offset).trim() === '';
      let t = section;
      if (at.needsEol) t = (text.endsWith('\n') ? '' : eol) + (prevBlank ? '' : eol) + section;
      else if (!prevBlank) t = eol + section;
      ins.push({ offset: at.offset, text: t, order: 0 });
    }
  }

  const result: MergeResult = { edit: undefined, inserted, duplicates, createdSection, timeStyle: styleName(style) };
  if (!inserted) return { ok: true, style, result: { ...result, createdSection: false } };
  result.edit = oneEdit(text, model.scan.lineStarts, ins);

  // Read the result back: every inserted row must stand at its own time.
  const after = buildModel(applyEdits(text, [result.edit]).text);
  let ok = true;
  const found = new Set<string>();
  for (const e of after.timeline.entries) {
    const l = after.lines[e.line];
    const want = expected.get(l);
    if (want === undefined) continue;
    found.add(l);
    if (e.epoch === undefined || Math.round(e.epoch) !== want || !e.dated) ok = false;
  }
  if (found.size !== expected.size) ok = false;
  return { ok, style, result };
}
