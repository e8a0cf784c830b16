// Pass: header fields (Date, Duration, Severity, Authors ...) and the incident date, in the forms
// reports write them: front matter (YAML or TOML), `Key: value` lines (bold or plain, in a list or
// a blockquote) and key/value tables before the first section, a section named after the field
// (`## Severity` with the value below), and a date in the title.
import type { Block } from '../scan';
import { headerFieldOf, normalizeFieldLabel, spanEndOf } from '../vocabulary';
import { monthNumber, parseDate, parseTime } from '../time';
import type { HeaderField, PassInput, PostMortem, Section } from './types';
import { BRACKETED_LABEL, bracketedName, cellRange, childrenOf, isPlaceholderOwner, keyValueCells, lineRange, topLevel, twoColumnRow } from './queries';

// Leading whitespace and the list marker's spaces are matched atomically (`(?=(x*))\1`): a line of
// thousands of spaces must cost one pass, not one per split. The value is taken greedily and
// trimmed in code for the same reason.
const HEADER_LINE = /^(?=(\s*))\1(?:[-*+](?=(\s+))\2)?(?:\*\*|__)?([^:：*_|#\n]{1,40}?)(?:\*\*|__)?\s*[:：]\s*(?:\*\*|__)?(?!\/\/)(.*)$/;
/** The `>` markers of a blockquote line. */
const QUOTE = /^(?=(\s*))\1(?:>[ \t]?)+/;
/**
 * The marks Japanese notices put before a label (`■発生日時：`, `・影響範囲：`) and the brackets
 * around one (`【発生日時】2024年3月9日`, `[原因]`): read as a plain `label: value`.
 */
const JA_MARK = /^(\s*)[■□●○◆◇▼▽▶・※][ \t　]*/;
const BRACKET_LABEL = new RegExp(String.raw`^(\s*)(?:${BRACKETED_LABEL})[ \t　]*[:：]?[ \t　]*`);

/** A line with its label marks made plain, same length up to the value (so columns still point into the line). */
export function plainLabelLine(line: string): string {
  let l = line.replace(JA_MARK, (m, sp: string) => sp + ' '.repeat(m.length - sp.length));
  const m = BRACKET_LABEL.exec(l);
  const label = m ? bracketedName(m, 2, l) : undefined;
  if (m && label !== undefined) l = (m[1] + ' ' + label + ':').padEnd(m[0].length, ' ') + l.slice(m[0].length);
  return l;
}

/** A row of a two-column table typed without its delimiter row (`Date | 2023-08-02 13:33 |`) as the `Date: 2023-08-02 13:33` it stands for, same length; other lines as they are. */
function rowAsLabelLine(lines: readonly string[], i: number): string {
  const row = twoColumnRow(lines, i);
  return row ? `${lines[i].slice(0, row.keyStart + row.key.length)}:`.padEnd(row.valueStart, ' ') + row.value : lines[i];
}

/** A line that is only a label: `**Date**`, `__Date:__`, `Date:`, `発生日時` (the value is on the next line). */
const LABEL_ONLY = /^(?:\*\*|__)?([^:：*_|#\n]{1,30})(?:\*\*|__)?[:：]?(?:\*\*|__)?$/;
/** The mark of a definition list's value (`: 2024-03-09`), as Pandoc and PHP Markdown Extra write it. */
const DEFINITION = /^(?:[:~][ \t　]|：[ \t　]?)/;

/** The label of a line that holds only a label, or undefined. */
export function labelOnly(line: string): string | undefined {
  const t = line.trim().replace(/\\$/, '').trim();
  const m = LABEL_ONLY.exec(t);
  return m ? m[1].trim() : undefined;
}

/** `key: value` (YAML) or `key = value` (TOML), at any indentation. */
const FM_LINE = /^([ \t]*)([A-Za-z_][\w-]*)([ \t]*[:=][ \t]*)(.*)/;

/** A numeric date with a year (`5-26-21`, `26/05/2021`), or a month and day alone with a slash (`4/26`). */
const TITLE_NUMERIC = /(?<![\d/.-])(\d{1,2})([-/])(\d{1,2})(?:\2(\d{4}|\d{2}))?(?![\d/-])/;
/** A month and year alone: `November 2025`, `Nov. 2025`. */
const TITLE_MONTH = /\b([A-Za-z]{3})[a-z]{0,6}\.? (\d{4})\b/;

/**
 * The title of a page typed as plain text, with no heading and no front matter for one: its first
 * line, when it reads as a title rather than a sentence ("Out of Cards Incident Report - 2020-10-17",
 * "Site Incident Report - June 8, 2024"): short, not ending a sentence, and not a posting date.
 */
function plainTitle(lines: string[], blocks: PassInput['blocks']): string | undefined {
  const first = blocks[0];
  if (first?.kind !== 'paragraph') return undefined;
  const t = lines[first.startLine].trim();
  if (t.length > 80 || /[.!?。！？:：,、]$/.test(t)) return undefined;
  // A line that starts with a date is the page's posting date ("2016年12月9日 7:09 PM", 「令和2年2月26日」,
  // 「2018年07月02日【6月27日に発生した障害について】」), unless the title goes on about that day (「8月25日のフィード取得障害について」).
  if (/^(?:\d|令和|平成)/.test(t) && !/^(?:\d{4}年)?\d{1,2}月\d{1,2}日[のに]/.test(t)) return undefined;
  return t;
}

/**
 * The date a title gives (YYYY-MM-DD when the day is known), in the forms titles use beyond the
 * ones parseDate reads: a numeric date in either order with a two- or four-digit year (`Website
 * Outage 5-26-21`), a month and day with a slash (`4/26 Transaction Delays`; `24/7` is not a
 * date). `day` is false when the numbers could be read either way round. A month and year alone
 * (`(November 2025)`) is not a date: the field asks for the day the incident started (see
 * readHeader for when the text below the title completes it).
 */
export function titleDate(text: string): { date?: string; day: boolean } | undefined {
  const d = parseDate(text) ?? parseDate(text, 1970);
  if (d) return { date: d, day: true };
  const m = TITLE_NUMERIC.exec(text);
  if (!m || (m[2] === '-' && !m[4]) || `${m[1]}/${m[3]}` === '24/7') return undefined;
  const a = +m[1];
  const b = +m[3];
  const y = m[4] ? (m[4].length === 2 ? 2000 + +m[4] : +m[4]) : undefined;
  const valid = (mo: number, da: number) => mo >= 1 && mo <= 12 && da >= 1 && da <= 31;
  const mdy = valid(a, b);
  const dmy = valid(b, a);
  if (!mdy && !dmy) return undefined;
  const pad = (n: number) => String(n).padStart(2, '0');
  if (mdy && dmy && a !== b) return { day: false };
  const [mo, da] = mdy ? [a, b] : [b, a];
  return { date: y ? `${y}-${pad(mo)}-${pad(da)}` : undefined, day: true };
}

/** The month of a title that names only a month and a year (`November 2025`): [year, month]. */
export function titleMonth(text: string): [number, number] | undefined {
  const m = TITLE_MONTH.exec(text);
  const mo = m ? monthNumber(m[1]) : undefined;
  return m && mo ? [+m[2], mo] : undefined;
}

/** The first day of a given month that a text names ("Between November 11 and November 15, 2025" gives the 11th). */
function firstDayOfMonth(text: string, year: number, month: number): string | undefined {
  const names = /\b[A-Za-z]{3,9}\b/g;
  for (let m = names.exec(text); m; m = names.exec(text)) {
    if (monthNumber(m[0].slice(0, 3)) !== month) continue;
    const d = parseDate(text.slice(Math.max(0, m.index - 5), m.index + 25), year);
    if (d && +d.slice(0, 4) === year && +d.slice(5, 7) === month) return d;
  }
  return undefined;
}

/** A line that is only a signature, naming someone: "*Prepared by Cumulo Infrastructure Team*", "Written by @alice." ("Written by hand, ..." names no one). */
const SIGNATURE = /^\s*(?:\*\*|__|\*|_)?(?:[Pp]repared|[Ww]ritten|[Cc]ompiled|[Aa]uthored)\s+by[:\s]\s*((?:the\s+)?[A-Z@\p{Script=Han}\p{Script=Katakana}][^*_\n.;]{1,59}?)\.?(?:\*\*|__|\*|_)?\s*$/u;

/** A period with its end: a time, a range mark, then the end's time (`14:54〜15:14`, `10:05 - 11:40`, `9時20分頃~10時20分頃`, `午前3時34分 から午前4時36分`), the end's day allowed before it. */
const PERIOD_WITH_END = /\d{1,2}(?::\d{2}|時(?:\d{1,2}分)?)(?:頃|ごろ)?[ \t]*(?:[A-Z]{2,4}[ \t]*)?(?:〜|~|～|–|—|-|to|から)[ \t]*(?:\d{4}[-/.年]\d{1,2}[-/.月]\d{1,2}日?[ \t]*)?(?:午前|午後)?\d{1,2}(?::\d{2}|時)/;
/**
 * How long the incident lasted, said in a header row or line whatever its label (the recovery row's
 * 「(3 時間 23 分継続)」, "Resolved | 15:23 (lasted 3h 23m)"). A sentence in the prose that says so ("The
 * outage lasted 47 minutes.") is not a field a reader finds under the title, and is not read.
 */
const LASTED = /\d{1,4}(?:\.\d{1,2})?[ \t]{0,3}(?:日|時間|分)(?:[ \t]{0,3}\d{1,3}[ \t]{0,3}(?:時間|分)){0,2}[ \t]{0,3}間?[ \t]{0,3}継続|\blast(?:ed|ing)[ \t]+(?:for[ \t]+)?(?:(?:about|approximately|around)[ \t]+)?\d{1,4}(?:\.\d{1,2})?[ \t]{0,3}(?:minutes?|mins?|hours?|hrs?|h|m|days?)\b(?:[ \t]{0,3}\d{1,3}[ \t]{0,3}(?:minutes?|mins?|m)\b)?/i;

const BARE_LEVEL = /^(?:level|レベル)$/;
/** A value that reads as a severity: a number, a level code (SEV-2, S1, P0), or a severity word. */
const SEVERITY_SHAPED = /^(?:[\d０-９]|(?:sev|s|p|l)-?\d|(?:critical|high|medium|moderate|low|major|minor|urgent|severe|trivial|blocker)\b|[重高中低緊])/i;

/** A period that starts with its day, after an optional "Start Time:" / "From" / 「開始:」 label. */
const PERIOD_START = /^\s*(?:(?:start(?:ed)?(?: time| at)?|from|began|開始(?:日時|時刻)?)\s*(?:[:：]\s*)?)?(?:\d{4}[-/.年]|[A-Za-z]{3,9}\.? \d{1,2}(?:st|nd|rd|th)?,? \d{4})/i;

export interface HeaderResult {
  frontMatter?: Record<string, unknown>;
  headerFields: HeaderField[];
  incidentDate?: string;
  /** The day the report was written, when its header says (「作成日: 2025-12-05」, 「**報告日**: 2024年10月31日」). */
  writtenDate?: string;
  /** The lines under the title the pass read as `label: value` field lines, of a known field or not ("**Exchange loss**: ~$5.75"). */
  fieldLines: Set<number>;
}

/**
 * The labels of the day the report was written: 作成日, 報告日, "Report date". Not the Date field, which
 * is the day the incident started (発生日, 発生日時, インシデント発生日: the template's 日付 is 発生日); a
 * deadline written as a horizon in the report (「1ヶ月以内」, "within 30 days") counts from it.
 */
const WRITTEN_LABEL = /^(?:作成日|作成日時|報告日|報告日時|報告書作成日|起票日|report date|date of (?:the )?report)$/i;

/**
 * Whether a `label: value` line reads as a field of the header, named or not: a label that is not a
 * clause's start before the colon of a time ("at 18:52 UTC"), and a short value, not a paragraph.
 */
function isFieldLine({ m }: LabelLine): boolean {
  return !/^\s*\d/.test(m[3]) && !(/\d$/.test(m[3]) && /^\d/.test(m[4])) && m[4].replace(/\s+/g, '').length <= 80;
}

/** A front matter value as text: quotes dropped, `["a", "b"]` and a following `- a` list joined with commas. */
function fmValue(lines: string[], i: number, end: number, raw: string): { value: string; last: number } {
  let v = raw.trim();
  let last = i;
  if (!v || v === '|' || v === '>' || v === '>-') {
    const items: string[] = [];
    for (let k = i + 1; k < end && /^\s+\S|^-\s/.test(lines[k]); k++) {
      items.push(lines[k].trim().replace(/^-\s*/, ''));
      last = k;
    }
    v = items.join(v ? ' ' : ', ');
  } else if (/^\[.*\]$/.test(v)) v = v.slice(1, -1).split(',').map((x) => x.trim()).join(', ');
  return { value: v.replace(/(^|, )["']|["'](?=$|, )/g, '$1'), last };
}

function readFrontMatter(lines: string[], block: Block | undefined, fields: HeaderField[]): Record<string, unknown> | undefined {
  if (!block || block.kind !== 'frontmatter') return undefined;
  // Flat `key: value` pairs are all the report needs (nested keys, such as TOML's `[extra]` tables, are read flat).
  const out: Record<string, unknown> = {};
  for (let i = block.startLine + 1; i < block.endLine; i++) {
    const m = FM_LINE.exec(lines[i]);
    if (!m) continue;
    const key = m[2].toLowerCase();
    const { value, last } = fmValue(lines, i, block.endLine, m[4]);
    if (!(key in out)) out[key] = value;
    const name = headerFieldOf(m[2]);
    if (name && !fields.some((f) => f.name === name)) {
      const vs = m[1].length + m[2].length + m[3].length;
      fields.push({ name, label: m[2], value, line: i, valueRange: lineRange(i, vs, lines[i].length), source: 'frontmatter' });
    }
    i = last;
  }
  return out;
}

/** The line of a front matter key, for a field read from it. */
function findKeyLine(lines: string[], block: Block | undefined, key: string): number {
  if (block?.kind === 'frontmatter') for (let i = block.startLine + 1; i < block.endLine; i++) if (FM_LINE.exec(lines[i])?.[2].toLowerCase() === key) return i;
  return 0;
}

/** A bold label after the value of another on the same line (`**Date:** 2023-03-12 **Authors:** kim`, `| **Severity**: 2`). */
const NEXT_BOLD_LABEL = /(?<=[ \t])(?:[|·•,;][ \t]*)?(?:\*\*|__)([^:：*_|#\n]{1,40}?)(?:[:：](?:\*\*|__)|(?:\*\*|__)[ \t]*[:：])[ \t]*/g;

/**
 * The fields of a `label: value` line: one, or several in a row when each after the first is a bold
 * label of a field (`**Date:** 2023-03-12 **Authors:** kim, ravi`); each as HEADER_LINE's groups (3 the label, 4 the value).
 */
function fieldsOnLine(m: RegExpExecArray): RegExpExecArray[] {
  const value = m[4];
  if (!value.includes('**') && !value.includes('__')) return [m];
  const out: RegExpExecArray[] = [];
  let label = m[3];
  let from = 0;
  NEXT_BOLD_LABEL.lastIndex = 0;
  for (let n = NEXT_BOLD_LABEL.exec(value); n; n = NEXT_BOLD_LABEL.exec(value)) {
    if (!headerFieldOf(n[1])) continue;
    out.push(Object.assign([m[0], m[1], m[2], label, value.slice(from, n.index)], { index: m.index, input: m.input }) as RegExpExecArray);
    label = n[1];
    from = n.index + n[0].length;
  }
  if (!out.length) return [m];
  out.push(Object.assign([m[0], m[1], m[2], label, value.slice(from)], { index: m.index, input: m.input }) as RegExpExecArray);
  return out;
}

interface LabelLine {
  line: number;
  m: RegExpExecArray;
  name?: HeaderField['name'];
}

/** The `label: value` lines of a block, per block object of the scan (a long list below the header is read once). */
const labelLinesIn = new WeakMap<Block, LabelLine[]>();

export function readHeader({ lines, blocks }: PassInput, sections: Section[], title: PostMortem['title']): HeaderResult {
  const headerFields: HeaderField[] = [];
  const has = (name: HeaderField['name']) => headerFields.some((f) => f.name === name);
  const frontMatter = readFrontMatter(lines, blocks[0], headerFields);
  const firstSection = sections.find((s) => s.level >= 2 && s.level <= 6 && s.kind) ?? sections.find((s) => s.level >= 2 && s.level <= 6);
  const headerEnd = firstSection ? firstSection.headingLine : Math.min(lines.length, 40);
  /** The `label: value` lines of a text block (with their field, when the label names one). */
  const labelLines = (b: Block) => {
    const kept = labelLinesIn.get(b);
    if (kept) return kept;
    const out: LabelLine[] = [];
    for (let i = b.startLine; i <= b.endLine; i++) {
      const quote = b.kind === 'blockquote' ? QUOTE.exec(lines[i])?.[0].length ?? 0 : 0;
      const m = HEADER_LINE.exec(plainLabelLine(quote ? lines[i].slice(quote) : b.kind === 'paragraph' ? rowAsLabelLine(lines, i) : lines[i]));
      if (m) for (const f of fieldsOnLine(m)) out.push({ line: i, m: f, name: headerFieldOf(f[3]) });
    }
    labelLinesIn.set(b, out);
    return out;
  };
  const addLines = (b: Block, found: ReturnType<typeof labelLines>, source: 'line' | 'block' = 'line') => {
    for (const { line: i, m, name } of found) {
      if (!name || has(name)) continue;
      let value = m[4].trim().replace(/\\$/, '').trim();
      let vs = value ? lines[i].lastIndexOf(value) : lines[i].length;
      let valueRange = lineRange(i, vs, vs + value.length);
      // A list item that is only the label, with the value on the items nested under it
      // (`- **Duration:**` over `- Start Time: ...` / `- End Time: ...`): the nested items are the value.
      const item = value || !b.items ? undefined : b.items.find((it) => it.line === i);
      const kids = item ? childrenOf(b.items!, item) : [];
      if (kids.length) {
        value = kids.map((k) => lines[k.line].slice(k.textStart).trim()).join('; ');
        vs = kids[0].textStart;
        valueRange = lineRange(kids[0].line, vs, lines[kids[0].line].trimEnd().length);
      }
      headerFields.push({ name, label: m[3].trim(), value, line: i, valueRange, source });
    }
  };
  /** The text of a line without its blockquote markers, and where that text starts. */
  const unquoted = (b: Block, i: number) => {
    const quote = b.kind === 'blockquote' ? QUOTE.exec(lines[i])?.[0].length ?? 0 : 0;
    return { text: lines[i].slice(quote), at: quote };
  };
  const isFieldLabel = (b: Block, i: number) => {
    const t = plainLabelLine(unquoted(b, i).text);
    const only = labelOnly(t);
    if (only !== undefined) return !!headerFieldOf(only);
    const m = HEADER_LINE.exec(t);
    return !!m && !!headerFieldOf(m[3]);
  };
  /**
   * A label alone on its line with the value on the next line (`**Date**` then `2024-03-09`, a
   * definition list's `: 2024-03-09`, a notice's `発生日時` then the time), or in the paragraph or
   * list right below it (`Authors:` then `- alice`).
   */
  const addNextLine = (bi: number) => {
    const b = blocks[bi];
    if (b.kind !== 'paragraph' && b.kind !== 'blockquote') return;
    for (let i = b.startLine; i <= b.endLine; i++) {
      const label = labelOnly(plainLabelLine(unquoted(b, i).text));
      const name = label ? headerFieldOf(label) : undefined;
      if (!label || !name || has(name)) continue;
      let vl = -1;
      let value = '';
      let vs = 0;
      if (i < b.endLine) {
        if (isFieldLabel(b, i + 1)) continue;
        vl = i + 1;
        const { text, at } = unquoted(b, vl);
        const lead = text.length - text.trimStart().length;
        const def = DEFINITION.exec(text.trimStart());
        vs = at + lead + (def ? def[0].length : 0);
        value = lines[vl].slice(vs).trim().replace(/\\$/, '').trim();
        vs = value ? lines[vl].indexOf(value, vs) : vs;
      } else {
        const next = blocks[bi + 1];
        if (!next || next.startLine > i + 2 || next.startLine >= headerEnd || (next.kind !== 'paragraph' && next.kind !== 'list')) continue;
        if (next.kind === 'paragraph' && isFieldLabel(next, next.startLine)) continue;
        vl = next.startLine;
        const items = next.items ? topLevel(next.items) : [];
        value = items.length ? items.map((it) => lines[it.line].slice(it.textStart).trim()).join(', ') : lines[vl].trim();
        vs = items.length ? items[0].textStart : lines[vl].length - lines[vl].trimStart().length;
      }
      const end = vl === -1 ? vs : Math.min(lines[vl].length, vs + value.length);
      headerFields.push({ name, label, value, line: i, valueRange: lineRange(vl, vs, end), source: 'next-line' });
      if (vl <= b.endLine) i = vl;
    }
  };
  const textBlock = (b: Block) => b.kind === 'paragraph' || b.kind === 'list' || b.kind === 'blockquote';
  const fieldLines = new Set<number>();
  /** The first header row or line, of a field or not, that says how long the incident lasted. */
  let lasted: HeaderField | undefined;
  const lastedIn = (label: string, value: string, line: number, valueStart: number, source: HeaderField['source']) => {
    const m = lasted ? null : LASTED.exec(value);
    if (m) lasted = { name: 'duration', label, value: m[0], line, valueRange: lineRange(line, valueStart + m.index, valueStart + m.index + m[0].length), source };
  };
  /** The first rows or lines that give the incident's start and its end, each with a time of day. */
  const span: { start?: HeaderField; end?: HeaderField } = {};
  const spanIn = (label: string, value: string, line: number, valueRange: HeaderField['valueRange'], source: HeaderField['source']) => {
    const which = spanEndOf(label);
    if (!which || span[which]) return;
    const t = parseTime(value.replace(/[*_`]/g, ''));
    if (t && !t.dateOnly) span[which] = { name: 'duration', label, value: value.trim(), line, valueRange, source };
  };
  let writtenDate: string | undefined;
  for (let bi = 0; bi < blocks.length; bi++) {
    const b = blocks[bi];
    if (b.startLine >= headerEnd) break;
    if (textBlock(b)) addNextLine(bi);
    if (textBlock(b)) {
      const found = labelLines(b);
      addLines(b, found);
      for (const f of found) {
        const valueStart = lines[f.line].length - f.m[4].length;
        if (!f.name) lastedIn(f.m[3].trim(), f.m[4], f.line, valueStart, 'line');
        spanIn(f.m[3].trim(), f.m[4], f.line, lineRange(f.line, valueStart, lines[f.line].length), 'line');
        if (f.name || isFieldLine(f)) fieldLines.add(f.line);
        if (!writtenDate && !f.name && WRITTEN_LABEL.test(f.m[3].trim())) writtenDate = parseDate(f.m[4]);
      }
    }
    else if (b.kind === 'table' && b.header && b.rows) {
      // | Field | Value | tables (also two such pairs a row: | Start | ... | End | ... |), and one-row
      // tables whose header names the fields.
      for (const [key, c, r] of keyValueCells(b)) {
        const name = headerFieldOf(key.text);
        if (!name) lastedIn(key.text, c.text, r.line, c.start, 'table');
        spanIn(key.text, c.text, r.line, cellRange(c), 'table');
        if (name && !has(name)) headerFields.push({ name, label: key.text, value: c.text.replace(/[*_]/g, ''), line: r.line, valueRange: cellRange(c), source: 'table' });
      }
      if (b.rows.length >= 1) {
        b.header.cells.forEach((h, ci) => {
          const name = headerFieldOf(h.text);
          const c = b.rows![0].cells[ci];
          if (name && c && !has(name)) headerFields.push({ name, label: h.text, value: c.text, line: c.line, valueRange: cellRange(c), source: 'table' });
        });
      }
    }
  }
  // Below the first section, a block made only of `label: value` lines that names a field (a
  // "Stats" list with "Time to recovery: 68 minutes", a notice's 概要 with 発生日時 and 影響範囲).
  // A list whose own items are all `label: value` lines, with notes nested under them (a Summary's
  // "- **Outage Start (UTC):** ..." and "- **Duration:**" over "- Full outage: about 56 hours"), is one too.
  for (const b of blocks) {
    if (b.startLine < headerEnd || !textBlock(b) || b.endLine === b.startLine) continue;
    const found = labelLines(b);
    const rows = b.kind === 'list' && b.items ? b.items.length : b.endLine - b.startLine + 1;
    if (found.length >= 2 && found.length >= rows && found.some((f) => f.name)) addLines(b, found, 'block');
    else if (b.kind === 'list' && b.items) {
      const own = new Set(topLevel(b.items).map((it) => it.line));
      const top = found.filter((f) => own.has(f.line));
      if (top.length >= 2 && top.length >= own.size && top.some((f) => f.name)) addLines(b, top, 'block');
    }
  }
  // A section named after a field (`## Date`, `## Authors`), as Google's template writes them:
  // the value is the first line of text below the heading.
  const top = Math.min(...sections.filter((s) => s.level >= 2 && s.level <= 6).map((s) => s.level));
  for (const s of sections) {
    if (s.level !== top || s.kind) continue;
    const name = headerFieldOf(s.title.replace(/[:：]\s*$/, ''));
    if (!name || has(name)) continue;
    const first = s.blocks.map((bi) => blocks[bi]).find((b) => b.kind === 'paragraph' || b.kind === 'list' || b.kind === 'table');
    if (!first || first.kind === 'table') continue;
    const line = first.startLine;
    const item = first.items?.[0];
    const start = item ? item.textStart : lines[line].length - lines[line].trimStart().length;
    const value = lines[line].slice(start).trim();
    headerFields.push({ name, label: s.title, value, line, valueRange: lineRange(line, start, start + value.length), source: 'section' });
  }
  // A heading that is itself a `label: value` line of a field (`## Date: 12th March 2023`, `### Authors: kim, ravi`).
  for (const s of sections) {
    if (s.level < 2 || s.level > 6 || s.kind) continue;
    const m = HEADER_LINE.exec(s.title);
    const name = m && m[4].trim() && isFieldLine({ line: s.headingLine, m }) ? headerFieldOf(m[3]) : undefined;
    if (!name || has(name)) continue;
    const value = m![4].trim();
    const vs = lines[s.headingLine].lastIndexOf(value);
    headerFields.push({ name, label: m![3].trim(), value, line: s.headingLine, valueRange: lineRange(s.headingLine, vs, vs + value.length), source: 'section' });
  }
  // A line that is only a signature, at the end as often as under the title ("*Prepared by Cumulo
  // Infrastructure Team*", "Written by @alice"): the Authors.
  if (!has('authors')) {
    for (const b of blocks) {
      if (b.kind !== 'paragraph' || b.startLine !== b.endLine) continue;
      const m = SIGNATURE.exec(lines[b.startLine]);
      if (!m) continue;
      const start = lines[b.startLine].indexOf(m[1]);
      headerFields.push({ name: 'authors', label: 'Prepared by', value: m[1], line: b.startLine, valueRange: lineRange(b.startLine, start, start + m[1].length), source: 'line' });
      break;
    }
  }
  // A period written with its day (`発生期間: 2019年5月20日 9時20分頃~10時20分頃`, `Duration: 2024-03-09
  // 10:05-11:40 UTC`) says when the incident started too: it is the Date when none is written.
  // So does a period given as its start and end (`Start Time: January 22, 2018, 17:23 PST; End Time: ...`).
  const period = has('date') ? undefined : headerFields.find((f) => f.name === 'duration' && PERIOD_START.test(f.value) && parseDate(f.value));
  if (period) headerFields.push({ ...period, name: 'date' });
  // The other way round: a Date written as a period with its end (`【発生日時】2020/8/26 14:54〜15:14頃`)
  // says how long it lasted, so it is the Duration when none is written.
  const dated = has('duration') ? undefined : headerFields.find((f) => f.name === 'date' && f.source !== 'title' && PERIOD_WITH_END.test(f.value));
  if (dated) headerFields.push({ ...dated, name: 'duration' });
  if (!has('duration') && lasted) headerFields.push(lasted);
  // The start and the end given apart (`Start | 2022-08-16 17:57` and `End | 2022-08-17 00:57`) say how
  // long it lasted; the start's day is the Date when none is written.
  if (!has('duration') && span.start && span.end) headerFields.push({ ...span.start, label: `${span.start.label} / ${span.end.label}` });
  if (!has('date') && span.start && parseDate(span.start.value)) headerFields.push({ ...span.start, name: 'date' });
  // The date in the title ("# Checkout outage on 2025-02-09", "# March 26th, 2019 Prow outage"),
  // or in the front matter's title when the report has no heading for one.
  const fmTitle = frontMatter?.title ? String(frontMatter.title) : undefined;
  const titleText = title?.text ?? fmTitle ?? plainTitle(lines, blocks);
  let leadDate: string | undefined;
  if (titleText && !has('date')) {
    // A month and day without a year ("# May 15th outage") still dates the report for a reader.
    const line = title?.line ?? (fmTitle ? findKeyLine(lines, blocks[0], 'title') : blocks[0].startLine);
    let d = !!titleDate(titleText);
    // A title that names only a month ("(November 2025)") dates the report when the first paragraph
    // under it names a day of that month ("Between November 11 and November 15, 2025 ...").
    const month = d ? undefined : titleMonth(titleText);
    if (month) {
      const first = blocks.find((b) => b.startLine > line && b.startLine < headerEnd && b.kind === 'paragraph');
      const day = first ? firstDayOfMonth(lines.slice(first.startLine, first.endLine + 1).join(' '), month[0], month[1]) : undefined;
      if (day && +day.slice(0, 4) === month[0] && +day.slice(5, 7) === month[1]) d = !!(leadDate = day);
    }
    if (d) headerFields.push({ name: 'date', label: titleText, value: titleText, line, valueRange: lineRange(line, 0, lines[line].length), source: 'title' });
  }
  const dateField = headerFields.find((f) => f.name === 'date' && f.source !== 'title');
  const incidentDate = dateField ? parseDate(dateField.value) : frontMatter?.date ? parseDate(String(frontMatter.date)) : titleText ? (parseDate(titleText) ?? leadDate ?? titleDate(titleText)?.date) : undefined;
  // A bare "Level" is the severity only when its value is one ("Level: 2", "Level: High"); "## Level:
  // Internal" says who may read the document.
  const level = headerFields.findIndex((f) => f.name === 'severity' && BARE_LEVEL.test(normalizeFieldLabel(f.label)) && !SEVERITY_SHAPED.test(f.value.replace(/[*_`]/g, '').trim()));
  if (level >= 0) headerFields.splice(level, 1);
  // "Owner: (unassigned)", "Owner: TBD": nobody is named, so no author is (an empty value is left to the rules).
  const nobody = headerFields.findIndex((f) => f.name === 'authors' && f.value.trim() && isPlaceholderOwner(f.value.trim().replace(/^[(（[]/, '').replace(/[)）\]]$/, '')));
  if (nobody >= 0) headerFields.splice(nobody, 1);
  for (const f of headerFields) if (f.source === 'line' || f.source === 'next-line') fieldLines.add(f.line).add(f.valueRange.start.line);
  return { frontMatter, headerFields, incidentDate, writtenDate, fieldLines };
}
