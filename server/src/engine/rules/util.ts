// Small helpers shared by rules.
import type { PostMortem, ActionItem } from '../model';
import { lineRange } from '../model';
import type { Range, RuleContext, TextEdit } from '../types';
import type { ActionColumn } from '../vocabulary';

export { lineRange };

export function insertAt(line: number, character: number, newText: string): TextEdit {
  return { range: lineRange(line, character, character), newText };
}

export function replace(range: Range, newText: string): TextEdit {
  return { range, newText };
}

/** An edit that puts `value` into a table cell, keeping one space of padding each side. */
export function fillCell(doc: PostMortem, cell: { line: number; start: number; end: number; outerStart: number; outerEnd: number; text: string }, value: string): TextEdit {
  if (cell.text) return replace(lineRange(cell.line, cell.start, cell.end), value);
  const line = doc.lines[cell.line];
  if (cell.outerStart === cell.outerEnd && cell.outerStart >= line.trimEnd().length) {
    // The row has fewer cells than the header: append one.
    const trimmed = line.trimEnd();
    const hasPipe = trimmed.endsWith('|');
    return replace(lineRange(cell.line, trimmed.length, line.length), `${hasPipe ? '' : ' |'} ${value} |`);
  }
  return replace(lineRange(cell.line, cell.outerStart, cell.outerEnd), ` ${value} `);
}

/** The range to flag for an action item's missing or bad cell: the cell, else the row. */
export function itemRange(item: ActionItem, cell?: { line: number; start: number; end: number; outerStart: number; outerEnd: number }): Range {
  if (cell) {
    if (cell.start !== cell.end) return lineRange(cell.line, cell.start, cell.end);
    return lineRange(cell.line, cell.outerStart, Math.max(cell.outerEnd, cell.outerStart));
  }
  return item.range;
}

/** The column index just after the last cell of a table header, for inserting a new column. */
export function tableLinesOf(doc: PostMortem, block: number): number[] {
  const b = doc.block(block);
  const out: number[] = [];
  for (let l = b.startLine; l <= b.endLine; l++) out.push(l);
  return out;
}

/** Edits that add a column named `header` (with `fill` in each row) at the end of a table. */
export function addColumn(doc: PostMortem, block: number, header: string, fill: (rowIndex: number) => string): TextEdit[] {
  const lines = tableLinesOf(doc, block);
  return lines.map((l, i) => {
    const text = doc.lines[l];
    const trimmed = text.trimEnd();
    const closed = trimmed.endsWith('|');
    const value = i === 0 ? header : i === 1 ? '-'.repeat(Math.max(3, header.length)) : fill(i - 2);
    const add = `${closed ? '' : ' |'} ${value} |`;
    return replace(lineRange(l, trimmed.length, text.length), add);
  });
}

/**
 * Reports each action items table that lacks a column, once, on its header row, with a fix that
 * adds the column (messages `noColumn` and `fixColumn` of the calling rule).
 */
export function reportMissingColumn(ctx: RuleContext, column: ActionColumn, header: { en: string; ja: string }): void {
  const { doc } = ctx;
  // A table whose every row is done (a Status column saying DONE) needs the column no more.
  const open = new Set(doc.openActionItems().map((it) => it.table));
  doc.actionItems.tables.forEach((t, i) => {
    if (t.columns[column] !== undefined || !open.has(i)) return;
    const b = doc.block(t.block);
    ctx.report({
      range: lineRange(b.startLine, 0, doc.lines[b.startLine].length),
      messageId: 'noColumn',
      fixes: [{ title: ctx.msg('fixColumn'), edits: addColumn(doc, t.block, header[ctx.locale], () => '') }],
    });
  });
}

/**
 * A Markdown hard line break at the end of a line: two or more white-space characters, or a
 * backslash. Without a regular expression: /\s{2,}$/ starts again at every space of a long run
 * of spaces that does not end the line (quadratic on a pasted line).
 */
export function endsWithHardBreak(line: string): boolean {
  return line.endsWith('\\') || line.length - line.trimEnd().length >= 2;
}

/** The start a new header line copies from a field's line: `- ` in a list, `> ` in a blockquote, else nothing. */
export function lineStyle(line: string): string {
  const t = line.trimStart();
  const quoted = t.startsWith('>');
  const rest = quoted ? t.replace(/^(?:>[ \t]?)+/, '').trimStart() : t;
  return (quoted ? '> ' : '') + (/^[-*+][ \t]/.test(rest) ? '- ' : '');
}

/** An edit that adds `**label**: value` to the header: after its last `Key: value` line, else under the title. */
export function addHeaderLine(doc: PostMortem, label: string, value: string): TextEdit {
  const lineFields = doc.headerFields.filter((f) => f.source === 'line');
  const last = lineFields[lineFields.length - 1];
  if (last) {
    const style = lineStyle(doc.lines[last.line]);
    const hardBreak = endsWithHardBreak(doc.lines[last.line]) ? '  ' : '';
    // A hard line break on the line above is kept by ending the new line the same way.
    return insertAt(last.line, doc.lines[last.line].length, `\n${style}**${label}**: ${value}${hardBreak}`);
  }
  if (doc.title) return insertAt(doc.title.line, doc.lines[doc.title.line].length, `\n\n**${label}**: ${value}`);
  return insertAt(0, 0, `**${label}**: ${value}\n\n`);
}

export { addDays } from '../time';
