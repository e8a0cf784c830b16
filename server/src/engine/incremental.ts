// Incremental block scan: after an edit, re-scan only the blocks the edit can affect and keep the
// rest. Typing in a 5,000-row timeline then costs a few lines of scanning instead of the whole
// report. The result is always identical to `scan(newText)` (a differential test checks it after
// random edit sequences over every fixture), so everything built on the scan (model, rules,
// directives) gives the same findings as a full check.
//
// How: the edit is located by comparing the old and new text (common prefix and suffix), so any
// sequence of client edits, coalesced or not, is handled the same way. Scanning restarts two
// blocks before the first changed line (a block's extent depends on its own lines and a few lines
// of look-ahead after it, never on lines before it) and stops at the first block that starts, after
// the changed lines, on a line where an old block started: from there the text, and so the scan,
// is the same as before, shifted by the number of lines the edit added or removed.
import { lineOfOffset } from './edits';
import { endsTable, splitLines, scan, scanBlocks, scanComments, splitRow, type Block, type Scan, type TableRow } from './scan';

export interface ScanUpdate {
  scan: Scan;
  /** True when the whole text was scanned again (first scan, front matter edits, large changes). */
  full: boolean;
  /** Blocks scanned again (the rest were reused). */
  rescanned: number;
}

const CHUNK = 4096;

/** Length of the common prefix of a and b. */
export function commonPrefix(a: string, b: string): number {
  const max = Math.min(a.length, b.length);
  let i = 0;
  // Native comparison of whole chunks first, then characters within the first differing chunk.
  while (i + CHUNK <= max && a.substring(i, i + CHUNK) === b.substring(i, i + CHUNK)) i += CHUNK;
  while (i < max && a.charCodeAt(i) === b.charCodeAt(i)) i++;
  return i;
}

/** Length of the common suffix of a and b that does not reach into the first `floor` characters of either. */
export function commonSuffix(a: string, b: string, floor: number): number {
  const max = Math.min(a.length, b.length) - floor;
  let i = 0;
  while (i + CHUNK <= max && a.substring(a.length - i - CHUNK, a.length - i) === b.substring(b.length - i - CHUNK, b.length - i)) i += CHUNK;
  while (i < max && a.charCodeAt(a.length - 1 - i) === b.charCodeAt(b.length - 1 - i)) i++;
  return i;
}

/**
 * `s` as a string of its own. A slice of the document's text is, in V8, a view that keeps the
 * whole text alive; the lines split from the changed region live on in the scan and as keys of the
 * caches by text (times, blame matches, handles), so every keystroke would keep one more copy of
 * the document (about 0.5 MB per edit of the 5,000-row report, and a collector that has more to
 * mark). Concatenating makes a new string; slicing that one flattens it into a copy of the region.
 */
function ownCopy(s: string): string {
  return s.length < 13 ? s : (' ' + s).slice(1);
}

function shiftRow(r: TableRow, d: number): TableRow {
  return { line: r.line + d, cells: r.cells.map((c) => ({ ...c, line: c.line + d })) };
}

/** A copy of a block moved by `d` lines (the old scan stays intact for whoever still holds it). */
function shiftBlock(b: Block, d: number): Block {
  if (d === 0) return b;
  const out: Block = { ...b, startLine: b.startLine + d, endLine: b.endLine + d };
  if (b.header) out.header = shiftRow(b.header, d);
  if (b.rows) out.rows = b.rows.map((r) => shiftRow(r, d));
  if (b.items) out.items = b.items.map((it) => ({ ...it, line: it.line + d, endLine: it.endLine + d }));
  return out;
}

/** First block index whose endLine >= line (blocks sorted by line). */
function firstBlockEndingAtOrAfter(blocks: Block[], line: number): number {
  let lo = 0;
  let hi = blocks.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (blocks[mid].endLine < line) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Updates `prev` (a scan of some older text) to a scan of `text`, re-scanning only what changed. */
export function rescan(prev: Scan | undefined, text: string): ScanUpdate {
  if (!prev) {
    const s = scan(text);
    return { scan: s, full: true, rescanned: s.blocks.length };
  }
  const old = prev.text;
  if (old === text) return { scan: prev, full: false, rescanned: 0 };
  let p = commonPrefix(old, text);
  // Never split a \r\n between the unchanged and the changed text: "\r" then an inserted "\n"
  // is one line ending, not two.
  if (p > 0 && old.charCodeAt(p - 1) === 13) p--;
  let s = commonSuffix(old, text, p);
  if (s > 0 && old.charCodeAt(old.length - s) === 10 && (old.charCodeAt(old.length - s - 1) === 13 || text.charCodeAt(text.length - s - 1) === 13)) s--;
  const oldEnd = old.length - s; // changed old characters: [p, oldEnd)

  const oldLines = prev.lines;
  const a = lineOfOffset(prev.lineStarts, p); // first changed line
  const b = lineOfOffset(prev.lineStarts, oldEnd); // last changed line (old numbering)

  const oldBlocks = prev.blocks;
  const fm = oldBlocks[0]?.kind === 'frontmatter' ? oldBlocks[0].endLine : -1;
  // Front matter is decided by line 0 and its closing line: re-scan all when an edit gets near it,
  // or when line 0 opens front matter that is not closed yet (any later line could close it).
  if (a <= fm + 1 || (fm < 0 && (a === 0 || oldLines[0] === '---' || oldLines[0] === '+++'))) {
    const sc = scan(text);
    return { scan: sc, full: true, rescanned: sc.blocks.length };
  }

  // New lines: unchanged before a, re-split a..bNew, unchanged (shifted) after b.
  const regionStart = prev.lineStarts[a];
  // The end of line b's text, before its line ending (which may be one or two characters).
  const oldRegionEnd = prev.lineStarts[b] + oldLines[b].length;
  const newRegionEnd = oldRegionEnd + (text.length - old.length);
  const mid = splitLines(ownCopy(text.slice(regionStart, newRegionEnd)));
  const delta = mid.lines.length - (b - a + 1);
  const bNew = b + delta;
  const lines = oldLines.slice(0, a);
  for (const l of mid.lines) lines.push(l);
  for (let k = b + 1; k < oldLines.length; k++) lines.push(oldLines[k]);
  const lineStarts = prev.lineStarts.slice(0, a);
  for (const o of mid.lineStarts) lineStarts.push(regionStart + o);
  const charDelta = text.length - old.length;
  for (let k = b + 1; k < prev.lineStarts.length; k++) lineStarts.push(prev.lineStarts[k] + charDelta);

  const k = firstBlockEndingAtOrAfter(oldBlocks, a);

  // An edit inside a table's body (the common case: typing in a timeline row) keeps the table one
  // table when every changed line is still a row: the scanner's own test for a table going on. Only
  // those rows are split again; blocks before a table body never look into it.
  const t = oldBlocks[k];
  if (t && t.kind === 'table' && t.rows && a >= t.startLine + 2 && b <= t.endLine) {
    let rowsOnly = true;
    for (let l = a; l <= bNew && rowsOnly; l++) rowsOnly = !endsTable(lines[l]);
    if (rowsOnly) {
      const first = t.startLine + 2;
      const rows = t.rows.slice(0, a - first);
      for (let l = a; l <= bNew; l++) rows.push(splitRow(lines[l], l));
      for (let r = b - first + 1; r < t.rows.length; r++) rows.push(delta ? shiftRow(t.rows[r], delta) : t.rows[r]);
      const blocks = oldBlocks.slice(0, k);
      blocks.push({ ...t, endLine: t.endLine + delta, rows });
      for (let j = k + 1; j < oldBlocks.length; j++) blocks.push(shiftBlock(oldBlocks[j], delta));
      return { scan: { text, lines, lineStarts, blocks, comments: scanComments(lines, blocks) }, full: false, rescanned: 0 };
    }
  }

  // Restart two blocks before the first block that reaches the changed lines; but a table followed
  // by an unchanged blank line has ended for good (nothing below can make it go on), so an edit
  // below it (a list item under a 5,000-row timeline) restarts after it and never re-splits its rows.
  let restart = Math.max(0, k - 2);
  for (let j = restart; j < k; j++) {
    const t = oldBlocks[j];
    if (t.kind === 'table' && t.endLine + 1 < a && !oldLines[t.endLine + 1].trim()) restart = j + 1;
  }
  const from = restart < oldBlocks.length ? Math.min(oldBlocks[restart].startLine, a) : a;
  const blocks = oldBlocks.slice(0, restart);
  if (restart === 0 && fm >= 0) {
    // Keep the front matter (unchanged: the edit is at least two lines below it).
    blocks.push(oldBlocks[0]);
  }
  const scanFrom = restart === 0 && fm >= 0 ? fm + 1 : from;
  // Old block starts after the changed lines, in new numbering, to stop at.
  const oldStarts = new Map<number, number>();
  for (let j = k; j < oldBlocks.length; j++) if (oldBlocks[j].startLine > b) oldStarts.set(oldBlocks[j].startLine + delta, j);
  const before = blocks.length;
  const stoppedAt = scanBlocks(lines, scanFrom, blocks, (line) => line > bNew && oldStarts.has(line));
  const rescanned = blocks.length - before;
  if (stoppedAt < lines.length) {
    for (let j = oldStarts.get(stoppedAt)!; j < oldBlocks.length; j++) blocks.push(shiftBlock(oldBlocks[j], delta));
  }
  const comments = scanComments(lines, blocks);
  return { scan: { text, lines, lineStarts, blocks, comments }, full: false, rescanned };
}

/** Holds the latest scan of a document and keeps it current as its text changes. */
export class IncrementalScan {
  private last?: Scan;
  /** Statistics of the last update, for tests and the benchmark. */
  lastUpdate?: Omit<ScanUpdate, 'scan'>;

  update(text: string): Scan {
    const u = rescan(this.last, text);
    this.last = u.scan;
    this.lastUpdate = { full: u.full, rescanned: u.rescanned };
    return u.scan;
  }

  get current(): Scan | undefined {
    return this.last;
  }
}
