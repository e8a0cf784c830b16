// Questions that passes, rules and editor features share, each answered once.
import type { Block, Cell, ListItem, TableRow } from '../scan';
import type { Range } from '../types';
import { DEFAULT_PLACEHOLDER_OWNERS, normalizeColumn } from '../vocabulary';

export function lineRange(line: number, start: number, end: number): Range {
  return { start: { line, character: start }, end: { line, character: end } };
}

export function cellRange(c: Cell): Range {
  return lineRange(c.line, c.start, c.end);
}

/** Japanese script (kana and CJK ideographs): the one test of "is this text Japanese". */
export const JAPANESE = /[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uff66-\uff9f]/;

const JAPANESE_ALL = new RegExp(JAPANESE.source, 'g');
const LATIN_ALL = /[A-Za-z]/g;

export function hasJapanese(text: string): boolean {
  return JAPANESE.test(text);
}

/** The language of a piece of text (a cell, a field's value): Japanese when it has Japanese script, else `fallback`. */
export function languageOf(text: string, fallback: 'en' | 'ja'): 'en' | 'ja' {
  return hasJapanese(text) ? 'ja' : fallback;
}

/**
 * The language of a report's prose: Japanese when Japanese script makes up at least a tenth as many
 * characters as Latin letters in its first 8 Ki characters (a Japanese report full of English
 * product names and code still passes; an English one with a Japanese name or two does not). For a
 * report whose headings do not say: one with no headings at all, such as an incident notice. Undefined
 * when there is too little prose to tell (an empty or new document keeps the editor's language).
 */
export function proseLanguage(text: string): 'en' | 'ja' | undefined {
  const head = text.length > 8192 ? text.slice(0, 8192) : text;
  const ja = head.match(JAPANESE_ALL)?.length ?? 0;
  const latin = head.match(LATIN_ALL)?.length ?? 0;
  if (ja > 0 && ja * 10 >= latin) return 'ja';
  return latin >= 200 ? 'en' : undefined;
}

/**
 * The report's language from its raw text, for the messages of a report no model is built for (one
 * too large to check, one whose check failed), decided as the model's `language` is: Japanese when a
 * heading near the top is, English when headings are there and none is, else by its prose. Reads at
 * most the first 64 Ki characters.
 */
export function textLanguage(text: string): 'en' | 'ja' | undefined {
  let seen = false;
  for (const raw of text.slice(0, 65536).split('\n')) {
    const line = raw.trimStart();
    if (!line.startsWith('#') && !line.startsWith('【') && !line.startsWith('■')) continue;
    if (hasJapanese(line)) return 'ja';
    if (line.startsWith('#')) seen = true;
  }
  return seen ? 'en' : proseLanguage(text);
}

/** The items of a list at its outermost level (nested items excluded). */
export function topLevel(items: ListItem[]): ListItem[] {
  if (!items.length) return items;
  let base = Infinity;
  for (const i of items) if (i.indent < base) base = i.indent;
  return items.filter((i) => i.indent <= base + 1);
}

/** The items nested directly under `it`. */
export function childrenOf(items: ListItem[], it: ListItem): ListItem[] {
  const at = items.indexOf(it);
  const kids: ListItem[] = [];
  for (let k = at + 1; k < items.length && items[k].indent > it.indent; k++) kids.push(items[k]);
  if (!kids.length) return kids;
  const depth = Math.min(...kids.map((x) => x.indent));
  return kids.filter((x) => x.indent <= depth + 1);
}

/** Index of the block that holds `line` (blocks are sorted and do not overlap), or -1. */
export function blockIndexAt(blocks: Block[], line: number): number {
  let lo = 0;
  let hi = blocks.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const b = blocks[mid];
    if (line < b.startLine) hi = mid - 1;
    else if (line > b.endLine) lo = mid + 1;
    else return mid;
  }
  return -1;
}

/**
 * A name in the brackets notices put around a label, as the source of a pattern with four groups, the
 * name in the one that matched: `【発生日時】`, `[原因]` (not a link), `［経緯］`, `<今後の対応>` / `＜影響＞` /
 * `《原因》` (an ASCII `<...>` only around Japanese: see bracketedName). The header and sections passes read labels with it.
 */
export const BRACKETED_LABEL = String.raw`【([^】\n]{1,30})】|\[([^\]\n]{1,30})\](?![(:[])|［([^］\n]{1,30})］|[<＜〈《]([^<>＜＞〈〉《》\n]{1,30})[>＞〉》]`;

/** The name of a BRACKETED_LABEL match whose groups start at `first`; undefined for an HTML tag (`<summary>`, `<Date>`). */
export function bracketedName(m: RegExpExecArray, first: number, text: string): string | undefined {
  const name = m[first] ?? m[first + 1] ?? m[first + 2] ?? m[first + 3];
  if (m[first + 3] !== undefined && text.trimStart().startsWith('<') && !hasJapanese(name)) return undefined;
  return name;
}

const DEFAULT_PLACEHOLDERS = new Set(DEFAULT_PLACEHOLDER_OWNERS.map((p) => p.toLowerCase()));
const placeholderSets = new WeakMap<readonly string[], Set<string>>();

/**
 * True when an owner is empty, names no one (only marks: `???`, `-`, `…`, `(?)`), or is a
 * placeholder of the given list (the built-in one by default), a closing full stop aside (`N/A.`).
 */
export function isPlaceholderOwner(value: string, placeholders: readonly string[] = DEFAULT_PLACEHOLDER_OWNERS): boolean {
  const v = value.replace(/[*_`]/g, '').trim().toLowerCase();
  if (!v || !/[\p{L}\p{N}]/u.test(v)) return true;
  let set = placeholders === DEFAULT_PLACEHOLDER_OWNERS ? DEFAULT_PLACEHOLDERS : placeholderSets.get(placeholders);
  if (!set) placeholderSets.set(placeholders, (set = new Set(placeholders.map((p) => p.toLowerCase()))));
  if (set.has(v)) return true;
  // A closing full stop (`N/A.`), trimmed in a loop: a pattern anchored at the end would search again from every dot.
  let end = v.length;
  while (end > 0 && (v[end - 1] === '.' || v[end - 1] === '。')) end--;
  return end < v.length && set.has(v.slice(0, end));
}

/** A Status (or decision) cell that says the item is finished, or that nobody is to do it. */
export const DONE_STATUS = /^(?:done|closed|complete|completed|fixed|resolved|shipped|merged|finished|implemented|deployed|won'?t (?:do|fix)|wontfix|cancel(?:l)?ed|obsolete|rejected|declined|✅|✔️?|☑️?|\[x\]|完了|済|対応済|実施済|解決済|クローズ|中止|不要|不採用|見送り)/i;

/** Maps a table's header cells to the column kinds of `patterns` (first match wins, one column per kind). */
export function mapColumns<K extends string>(header: TableRow, patterns: Record<K, RegExp>): Partial<Record<K, number>> {
  const out: Partial<Record<K, number>> = {};
  header.cells.forEach((c, i) => {
    const name = normalizeColumn(c.text);
    // A note in parentheses after the name ("Owner (team)", 「主担当(ロール)」, "Due (proposed)") does not change the column.
    const bare = name.replace(/ ?[(（][^()（）]*[)）]$/, '');
    for (const k of Object.keys(patterns) as K[]) {
      if (out[k] === undefined && (patterns[k].test(name) || (bare !== name && patterns[k].test(bare)))) {
        out[k] = i;
        break;
      }
    }
  });
  return out;
}

/**
 * The key/value pairs of a table of fields, header row included: `| Date | 2024-03-09 |` rows (the
 * first two cells of each row), or two or more pairs a row (`| Start | 2022-08-16 17:57 | End |
 * 2022-08-17 00:57 |`) when every row has an even number of cells. None when a row has fewer than two.
 */
export function keyValueCells(b: Block): [key: Cell, value: Cell, row: TableRow][] {
  if (!b.header || !b.rows) return [];
  const rows = [b.header, ...b.rows];
  if (!rows.every((r) => r.cells.length >= 2)) return [];
  const pairs = rows.every((r) => r.cells.length >= 4 && r.cells.length % 2 === 0);
  const out: [Cell, Cell, TableRow][] = [];
  for (const r of rows) for (let k = 0; k < (pairs ? r.cells.length : 2); k += 2) out.push([r.cells[k], r.cells[k + 1], r]);
  return out;
}

/** A section's blocks are consecutive indices, so membership is a range test. */
export function inSection(s: { blocks: number[] } | undefined, bi: number): boolean {
  return !!s && s.blocks.length > 0 && bi >= s.blocks[0] && bi <= s.blocks[s.blocks.length - 1];
}

/** `Key | value |`: a row of a two-column table, with its closing pipe. */
const TWO_COLUMN_ROW = /^([ \t]*)([^|\s][^|\n]{0,39}?)[ \t]{1,8}\|(?=[ \t])([^|\n]*)\|[ \t]*$/;

/**
 * A line of a paragraph that is a row of a two-column table typed without its delimiter row (a page
 * saved as plain text: `Date | 2023-08-02 13:33 |`, `Root cause(s) | The compilation ... |`), when
 * the line above or below is one too: its key and its value, and the column where each starts.
 * A single piped line ("A | B |") in prose is not a table.
 */
export function twoColumnRow(lines: readonly string[], l: number): { key: string; keyStart: number; value: string; valueStart: number } | undefined {
  const m = TWO_COLUMN_ROW.exec(lines[l]);
  if (!m || !(TWO_COLUMN_ROW.test(lines[l - 1] ?? '') || TWO_COLUMN_ROW.test(lines[l + 1] ?? ''))) return undefined;
  const keyStart = m[1].length;
  const value = m[3].trim();
  const pipe = keyStart + m[2].length + lines[l].slice(keyStart + m[2].length).indexOf('|');
  const valueStart = value ? lines[l].indexOf(value, pipe + 1) : pipe + 1;
  return { key: m[2], keyStart, value, valueStart };
}
