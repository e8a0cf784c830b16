// Applying text edits (fixes are data; this is the one place that applies them).
import type { Position, TextEdit } from './types';
import { splitLines } from './scan';

export function offsetAt(lineStarts: number[], textLength: number, p: Position): number {
  if (p.line >= lineStarts.length) return textLength;
  return Math.min(lineStarts[p.line] + p.character, p.line + 1 < lineStarts.length ? lineStarts[p.line + 1] - 1 : textLength);
}

/** Index of the line that holds `offset` (binary search over ascending line starts). */
export function lineOfOffset(lineStarts: number[], offset: number): number {
  let lo = 0;
  let hi = lineStarts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (lineStarts[mid] <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

export function positionAt(lineStarts: number[], offset: number): Position {
  const line = lineOfOffset(lineStarts, offset);
  return { line, character: offset - lineStarts[line] };
}

/** Offsets where lines start, with the same line endings as the scanner (see splitLines). */
export function lineStartsOf(text: string): number[] {
  return splitLines(text).lineStarts;
}

/**
 * Applies non-overlapping edits to `text`. Overlapping edits (two fixes touching the same span)
 * keep the first and drop the later ones, as markdownlint's applyFixes does; the dropped ones are
 * returned so fix-all can run again.
 */
export function applyEdits(text: string, edits: TextEdit[]): { text: string; applied: number; skipped: TextEdit[] } {
  const starts = lineStartsOf(text);
  const withOffsets = edits.map((e, i) => ({ e, i, s: offsetAt(starts, text.length, e.range.start), t: offsetAt(starts, text.length, e.range.end) }));
  withOffsets.sort((a, b) => a.s - b.s || a.t - b.t || a.i - b.i);
  const kept: typeof withOffsets = [];
  const skipped: TextEdit[] = [];
  let lastEnd = -1;
  for (const w of withOffsets) {
    if (w.s < lastEnd) {
      skipped.push(w.e);
      continue;
    }
    kept.push(w);
    lastEnd = Math.max(lastEnd, w.t);
  }
  let out = '';
  let pos = 0;
  for (const w of kept) {
    out += text.slice(pos, w.s) + w.e.newText;
    pos = w.t;
  }
  out += text.slice(pos);
  return { text: out, applied: kept.length, skipped };
}
