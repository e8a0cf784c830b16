// A line-level block scanner for the Markdown that post-mortems are made of.
//
// Why not remark for everything: remark-parse with GFM tables parses about 0.2 MB/s here, so a
// report with a 5,000-row timeline takes seconds, on every keystroke. This scanner finds block
// boundaries (headings, tables and their rows and cells, lists, code, HTML, quotes, paragraphs)
// in one pass over the lines, which is milliseconds. Inline Markdown (code spans, links, HTML)
// is parsed with remark lazily, only for the text a rule needs (see inline.ts). A differential
// test checks the block structure against remark's own parse on every fixture and the corpus.

export type BlockKind =
  | 'frontmatter'
  | 'heading'
  | 'table'
  | 'list'
  | 'code'
  | 'html'
  | 'blockquote'
  | 'thematic'
  | 'paragraph';

export interface Cell {
  /** Cell text, trimmed, with `\|` left as written. */
  text: string;
  line: number;
  /** Columns of the trimmed text (end exclusive). Empty cells: start === end, inside the cell. */
  start: number;
  end: number;
  /** Columns between the pipes that delimit the cell (end exclusive). */
  outerStart: number;
  outerEnd: number;
}

export interface TableRow {
  line: number;
  cells: Cell[];
}

export interface ListItem {
  line: number;
  endLine: number;
  /** Column where the item's text starts (after marker and optional task box). */
  textStart: number;
  marker: string;
  indent: number;
  task?: 'open' | 'done';
}

export interface Block {
  kind: BlockKind;
  /** First and last line, inclusive. */
  startLine: number;
  endLine: number;
  /** heading */
  level?: number;
  headingText?: string;
  headingTextStart?: number;
  /** table */
  header?: TableRow;
  rows?: TableRow[];
  /** list */
  items?: ListItem[];
  /** html: comment body when the block is one HTML comment */
  comment?: string;
}

export interface Scan {
  text: string;
  lines: string[];
  /** Offset of each line's first character in `text`. */
  lineStarts: number[];
  blocks: Block[];
  /** Every `<!-- ... -->` comment (also inline ones), with its line and body. */
  comments: { line: number; endLine: number; body: string; start: number }[];
}

const ATX = /^ {0,3}(#{1,6})(?:[ \t]|$)/;
const FENCE_START = /^ {0,3}(`{3,}|~{3,})/;
const THEMATIC = /^ {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$/;
const SETEXT = /^ {0,3}(=+|-+)[ \t]*$/;
const LIST = /^( *)([-*+]|\d{1,9}[.)])([ \t]+|$)/;
const TASK = /^\[([ xX])\][ \t]+/;
const QUOTE = /^ {0,3}>/;
const DELIM_CELL = /^\s*:?-+:?\s*$/;
const HTML_START = /^ {0,3}<(?:!--|\/?(?:address|article|aside|blockquote|details|div|dl|fieldset|figcaption|figure|footer|form|h[1-6]|header|hr|iframe|li|main|nav|ol|p|pre|section|summary|table|tbody|td|tfoot|th|thead|tr|ul|img|br|picture|source|video|sub|sup)\b)/i;

const isSpaceOrTab = (c: string | undefined) => c === ' ' || c === '\t';

/**
 * An ATX heading line: its level, its text without the optional closing `#`s, and the column
 * where that text starts. Plain scanning rather than one regular expression: a pattern with lazy
 * text between runs of optional spaces back-tracks quadratically on a long run of spaces.
 */
export function parseAtx(line: string): { level: number; text: string; textStart: number } | undefined {
  const m = ATX.exec(line);
  if (!m) return undefined;
  let s = m[0].length;
  let e = line.length;
  while (s < e && isSpaceOrTab(line[s])) s++;
  while (e > s && isSpaceOrTab(line[e - 1])) e--;
  // A closing sequence: `#`s preceded by a space or tab (or making up the whole text).
  let h = e;
  while (h > s && line[h - 1] === '#') h--;
  if (h < e && (h === s || isSpaceOrTab(line[h - 1]))) {
    e = h;
    while (e > s && isSpaceOrTab(line[e - 1])) e--;
  }
  return { level: m[1].length, text: line.slice(s, e), textStart: s === e ? line.length : s };
}

export function isBlank(line: string): boolean {
  return /^[ \t]*$/.test(line);
}

/** Splits a table row into cells following GFM: pipes split cells unless escaped. */
export function splitRow(line: string, lineNo: number): TableRow {
  const cells: Cell[] = [];
  let i = 0;
  while (i < line.length && (line[i] === ' ' || line[i] === '\t')) i++;
  let end = line.length;
  while (end > i && (line[end - 1] === ' ' || line[end - 1] === '\t' || line[end - 1] === '\r')) end--;
  if (line[i] === '|') i++;
  // A trailing unescaped pipe closes the last cell.
  if (end > i && line[end - 1] === '|' && line[end - 2] !== '\\') end--;
  let cellStart = i;
  const push = (s: number, e: number) => {
    let a = s;
    let b = e;
    while (a < b && (line[a] === ' ' || line[a] === '\t')) a++;
    while (b > a && (line[b - 1] === ' ' || line[b - 1] === '\t')) b--;
    const empty = a === b;
    cells.push({
      text: line.slice(a, b),
      line: lineNo,
      start: empty ? Math.min(s + 1, e) : a,
      end: empty ? Math.min(s + 1, e) : b,
      outerStart: s,
      outerEnd: e,
    });
  };
  // The next pipe and the next backslash are found with indexOf (native) rather than by reading
  // every character (a cold CLI run reads such a loop in V8's interpreter: 5,000 rows of 110
  // characters). A backslash escapes the character after it, a pipe included.
  let slash = line.indexOf('\\', i);
  for (let j = line.indexOf('|', i); j >= 0 && j < end; j = line.indexOf('|', j + 1)) {
    while (slash >= 0 && slash < j - 1) slash = line.indexOf('\\', slash + 2);
    if (slash === j - 1) {
      // This pipe is escaped; the backslash search goes on after it.
      slash = line.indexOf('\\', j + 1);
      continue;
    }
    push(cellStart, j);
    cellStart = j + 1;
  }
  if (cellStart < end || cells.length === 0 || cellStart === end) push(cellStart, end);
  return { line: lineNo, cells };
}

function isDelimiterRow(line: string): number {
  if (!line.includes('-')) return 0;
  if (!/^[ \t|:\-]+$/.test(line.replace(/\r$/, ''))) return 0;
  const row = splitRow(line, 0);
  if (!row.cells.every((c) => DELIM_CELL.test(c.text))) return 0;
  // A lone `---` without a pipe is a thematic break or setext underline, not a table.
  if (!line.includes('|') && row.cells.length === 1) return 0;
  return row.cells.length;
}

/** A fence opener: three backticks or tildes; a backtick fence's info string holds no backtick (else it is inline code). */
function isFenceStart(line: string): boolean {
  const m = FENCE_START.exec(line);
  return !!m && !(m[1][0] === '`' && line.slice(line.indexOf(m[1]) + m[1].length).includes('`'));
}

function markerKind(marker: string): string {
  return /\d/.test(marker) ? marker[marker.length - 1] : marker;
}

export function startsBlock(line: string): boolean {
  return ATX.test(line) || isFenceStart(line) || QUOTE.test(line) || THEMATIC.test(line) || HTML_START.test(line);
}

/**
 * True when `line` cannot be a row of the table above it: GFM ends a table at a blank line or where
 * another block begins, and a list item (even right after a row, with no blank line between) or
 * indented code is one.
 */
export function endsTable(line: string): boolean {
  // A line that opens with a pipe is none of those (each begins with a space, a tab or its own
  // mark): the common case, tried before the expressions (a 5,000-row timeline asks 5,000 times).
  if (line.charCodeAt(0) === 124) return false;
  if (isBlank(line) || startsBlock(line)) return true;
  const lm = LIST.exec(line);
  return (!!lm && lm[1].length <= 3) || /^(?: {4}| {0,3}\t)/.test(line);
}

/**
 * The one line splitter: lines end at `\r\n`, `\r` or `\n`, as LSP clients count them, so a
 * finding's line and column mean the same in the editor. Lines are returned without their ending.
 */
export function splitLines(text: string): { lines: string[]; lineStarts: number[] } {
  const lines: string[] = [];
  const lineStarts: number[] = [];
  let start = 0;
  // Line ends are found with indexOf (native), not a loop over every character: a cold CLI run
  // reads the loop in V8's interpreter, about 15 ms for the 5,000-row report. A text without
  // `\r` (most) needs only the `\n` search.
  if (!text.includes('\r')) {
    for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', start)) {
      lines.push(text.slice(start, i));
      lineStarts.push(start);
      start = i + 1;
    }
  } else {
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c !== 10 && c !== 13) continue;
      lines.push(text.slice(start, i));
      lineStarts.push(start);
      if (c === 13 && text.charCodeAt(i + 1) === 10) i++;
      start = i + 1;
    }
  }
  lines.push(text.slice(start));
  lineStarts.push(start);
  return { lines, lineStarts };
}

export function scan(text: string): Scan {
  const { lines, lineStarts } = splitLines(text);
  const blocks: Block[] = [];
  scanBlocks(lines, 0, blocks);
  return { text, lines, lineStarts, blocks, comments: scanComments(lines, blocks) };
}

/**
 * Scans blocks from line `from` and appends them to `blocks`. `from` must be 0, a blank line or
 * the first line of a block. A block's extent depends only on its own lines and the lines after
 * it, never on those before (front matter aside, which only line 0 starts), which is what lets
 * the incremental scanner (incremental.ts) re-scan from a block boundary and stop at the first
 * block that starts where an old one did. Returns the line where `stop` halted the scan, else
 * `lines.length`.
 */
export function scanBlocks(lines: string[], from: number, blocks: Block[], stop?: (line: number) => boolean): number {
  const n = lines.length;
  let i = from;

  // Front matter: only at the very top. YAML (`---`, closed by `---` or `...`) or TOML (`+++`, as
  // Hugo and Zola write it).
  if (from === 0 && (lines[0] === '---' || lines[0] === '+++')) {
    const toml = lines[0] === '+++';
    for (let j = 1; j < n; j++) {
      if (toml ? lines[j] === '+++' : lines[j] === '---' || lines[j] === '...') {
        blocks.push({ kind: 'frontmatter', startLine: 0, endLine: j });
        i = j + 1;
        break;
      }
    }
  }

  while (i < n) {
    const line = lines[i];
    if (isBlank(line)) {
      i++;
      continue;
    }
    if (stop && stop(i)) return i;

    const atx = parseAtx(line);
    if (atx) {
      blocks.push({ kind: 'heading', startLine: i, endLine: i, level: atx.level, headingText: atx.text.trim(), headingTextStart: atx.textStart });
      i++;
      continue;
    }

    const fence = /^( {0,3})(`{3,}(?!`)|~{3,}(?!~))(.*)$/.exec(line);
    if (fence && !(fence[2][0] === '`' && fence[3].includes('`'))) {
      const ch = fence[2][0];
      const len = fence[2].length;
      let j = i + 1;
      for (; j < n; j++) {
        const m = /^ {0,3}(`{3,}|~{3,})[ \t]*$/.exec(lines[j]);
        if (m && m[1][0] === ch && m[1].length >= len) break;
      }
      const endLine = Math.min(j, n - 1);
      blocks.push({ kind: 'code', startLine: i, endLine });
      i = endLine + 1;
      continue;
    }

    if (/^ {0,3}<!--/.test(line)) {
      let j = i;
      while (j < n && !lines[j].includes('-->', j === i ? lines[j].indexOf('<!--') + 4 : 0)) j++;
      const endLine = Math.min(j, n - 1);
      const body = lines.slice(i, endLine + 1).join('\n');
      const m = /<!--([\s\S]*?)(?:-->|$)/.exec(body);
      blocks.push({ kind: 'html', startLine: i, endLine, comment: m ? m[1] : undefined });
      // CommonMark HTML block type 2: it ends on the line that holds `-->`.
      i = endLine + 1;
      continue;
    }

    if (HTML_START.test(line)) {
      let j = i;
      while (j + 1 < n && !isBlank(lines[j + 1])) j++;
      blocks.push({ kind: 'html', startLine: i, endLine: j });
      i = j + 1;
      continue;
    }

    if (THEMATIC.test(line)) {
      blocks.push({ kind: 'thematic', startLine: i, endLine: i });
      i++;
      continue;
    }

    if (QUOTE.test(line)) {
      let j = i;
      while (j + 1 < n && !isBlank(lines[j + 1]) && (QUOTE.test(lines[j + 1]) || !startsBlock(lines[j + 1]))) j++;
      blocks.push({ kind: 'blockquote', startLine: i, endLine: j });
      i = j + 1;
      continue;
    }

    // Table: a header row and a delimiter row with the same number of cells.
    if (line.includes('|') && i + 1 < n) {
      const cols = isDelimiterRow(lines[i + 1]);
      if (cols && splitRow(line, i).cells.length === cols && !/^ {4}/.test(line)) {
        const header = splitRow(line, i);
        const rows: TableRow[] = [];
        let j = i + 2;
        for (; j < n; j++) {
          const l = lines[j];
          if (endsTable(l)) break;
          rows.push(splitRow(l, j));
        }
        blocks.push({ kind: 'table', startLine: i, endLine: j - 1, header, rows });
        i = j;
        continue;
      }
    }

    const li = LIST.exec(line);
    if (li && li[1].length <= 3) {
      const items: ListItem[] = [];
      let j = i;
      let lastNonBlank = i;
      const baseIndent = li[1].length;
      while (j < n) {
        const l = lines[j];
        if (isBlank(l)) {
          // A blank line ends the list unless an indented line or another item follows.
          let k = j + 1;
          while (k < n && isBlank(lines[k])) k++;
          if (k >= n) break;
          const next = lines[k];
          const m = LIST.exec(next);
          const indented = /^( {2,}|\t)/.test(next) && next.search(/\S/) > baseIndent;
          if ((m && m[1].length <= baseIndent + 3 && m[1].length >= baseIndent) || indented) {
            j = k;
            continue;
          }
          break;
        }
        const m = LIST.exec(l);
        if (j > i && (ATX.test(l) || isFenceStart(l) && l.search(/\S/) <= baseIndent || (THEMATIC.test(l) && !m) || (QUOTE.test(l) && l.search(/\S/) <= baseIndent) || /^ {0,3}<!--/.test(l) && l.search(/\S/) <= baseIndent)) break;
        if (j > i && !m && l.search(/\S/) <= baseIndent && isBlank(lines[j - 1])) break;
        // A different bullet character or ordered delimiter at the list's own level starts a new list.
        if (m && j > i && m[1].length <= baseIndent + 1 && markerKind(m[2]) !== markerKind(li[2])) break;
        if (m) {
          const indent = m[1].length;
          const textStart = m[0].length;
          const rest = l.slice(textStart);
          const t = TASK.exec(rest);
          const item: ListItem = { line: j, endLine: j, textStart: t ? textStart + t[0].length : textStart, marker: m[2], indent };
          if (t) item.task = t[1] === ' ' ? 'open' : 'done';
          items.push(item);
        } else if (items.length) {
          items[items.length - 1].endLine = j;
        }
        lastNonBlank = j;
        j++;
      }
      for (const it of items) if (it.endLine > lastNonBlank) it.endLine = lastNonBlank;
      // Close each item at the line before the next one.
      for (let k = 0; k < items.length - 1; k++) {
        let e = items[k + 1].line - 1;
        while (e > items[k].line && isBlank(lines[e])) e--;
        items[k].endLine = Math.max(items[k].endLine, e);
      }
      blocks.push({ kind: 'list', startLine: i, endLine: lastNonBlank, items });
      i = lastNonBlank + 1;
      continue;
    }

    // Indented code (only where a paragraph cannot continue).
    if (/^( {4}|\t)/.test(line)) {
      let j = i;
      while (j + 1 < n && (/^( {4}|\t)/.test(lines[j + 1]) || isBlank(lines[j + 1]))) j++;
      while (j > i && isBlank(lines[j])) j--;
      blocks.push({ kind: 'code', startLine: i, endLine: j });
      i = j + 1;
      continue;
    }

    // Paragraph, possibly a setext heading, possibly ended by a table whose header is its last line.
    let j = i;
    let setext = 0;
    while (j + 1 < n) {
      const next = lines[j + 1];
      if (isBlank(next)) break;
      const st = SETEXT.exec(next);
      if (st) {
        setext = st[1][0] === '=' ? 1 : 2;
        break;
      }
      if (startsBlock(next)) break;
      const lm = LIST.exec(next);
      if (lm && lm[1].length <= 3 && (lm[2] === '-' || lm[2] === '*' || lm[2] === '+' || lm[2] === '1.' || lm[2] === '1)') && !isBlank(next.slice(lm[0].length))) break;
      if (next.includes('|') && j + 2 < n && isDelimiterRow(lines[j + 2]) === splitRow(next, 0).cells.length) break;
      j++;
    }
    if (setext) {
      const textLines = lines.slice(i, j + 1).map((l) => l.trim());
      blocks.push({ kind: 'heading', startLine: i, endLine: j + 1, level: setext, headingText: textLines.join(' '), headingTextStart: lines[i].search(/\S/) });
      i = j + 2;
      continue;
    }
    blocks.push({ kind: 'paragraph', startLine: i, endLine: j });
    i = j + 1;
  }
  return n;
}

/** Every `<!-- ... -->` comment outside code blocks (inline disable directives can sit in a paragraph). */
export function scanComments(lines: string[], blocks: Block[]): Scan['comments'] {
  const comments: Scan['comments'] = [];
  const n = lines.length;
  let b = 0;
  for (let ln = 0; ln < n; ln++) {
    while (b < blocks.length && blocks[b].endLine < ln) b++;
    const blk = blocks[b];
    if (blk && blk.kind === 'code' && blk.startLine <= ln) {
      ln = blk.endLine;
      continue;
    }
    const l = lines[ln];
    let from = 0;
    for (;;) {
      const s = l.indexOf('<!--', from);
      if (s < 0) break;
      let endLine = ln;
      let e = l.indexOf('-->', s + 4);
      let body: string;
      if (e >= 0) body = l.slice(s + 4, e);
      else {
        const parts = [l.slice(s + 4)];
        let k = ln + 1;
        for (; k < n; k++) {
          e = lines[k].indexOf('-->');
          if (e >= 0) {
            parts.push(lines[k].slice(0, e));
            break;
          }
          parts.push(lines[k]);
        }
        body = parts.join('\n');
        endLine = Math.min(k, n - 1);
      }
      comments.push({ line: ln, endLine, body, start: s });
      // An unclosed comment runs to the end of the report: nothing after it is another comment.
      if (e < 0) return comments;
      if (endLine !== ln) {
        ln = endLine;
        // The rest of the closing line is rarely another comment; stop here.
        break;
      }
      from = e + 3;
    }
  }

  return comments;
}
