// Scanner vs remark: the block structure the line scanner (scan.ts) finds must equal what remark
// (remark-parse + GFM tables, `parseMarkdown` in inline.ts) finds at the top level, on every
// fixture, the example report, and the real post-mortem corpus when it is present beside the repo.
//
// What is compared is what the report model uses: headings (level, lines, text), tables (lines,
// row count, cell texts), lists (lines, the lines of top-level items, and the lines of all items
// at every level, which the timeline reads as runs), code blocks (line spans) and the first line
// of paragraphs that start with a time (timeline entries), and the span and timed lines of
// paragraphs written as lines that each start with a time. Other paragraphs, HTML, quotes and
// thematic breaks are not compared one for one: remark splits
// and joins them in ways the model never looks at (link reference definitions, HTML that continues
// a paragraph, lazy continuation lines in quotes); only the blocks the model reads must agree.
// Nested containers (lists inside quotes, tables inside lists) are out of scope for the same
// reason: the model reads top-level blocks only.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { List, RootContent } from 'mdast';
import { scan, type Block } from '../../server/src/engine/scan';
import { parseMarkdown } from '../../server/src/engine/inline';
import { parseTime } from '../../server/src/engine/time';
import { listFixtures } from '../helpers/fixtures';

const repo = join(__dirname, '..', '..');

type Shape = Record<string, unknown>;

/** Plain heading text, for comparing scanner text (raw Markdown) with remark's (parsed). */
function plain(s: string): string {
  return s
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/<!--[\s\S]*?-->/g, '')
    .replace(/<[^>]+>/g, '')
    .replace(/\\([\\`*_{}[\]()#+\-.!|])/g, '$1')
    .replace(/[*_`]/g, '')
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ')
    .trim();
}

function nodeText(n: RootContent): string {
  if ('value' in n && typeof n.value === 'string') return n.type === 'html' ? '' : n.value;
  if ('children' in n) return (n.children as RootContent[]).map(nodeText).join('');
  return '';
}

function fromScanner(text: string): Shape[] {
  const sc = scan(text);
  const out: Shape[] = [];
  const fmEnd = sc.blocks[0]?.kind === 'frontmatter' ? sc.blocks[0].endLine : -1;
  for (const b of sc.blocks as Block[]) {
    if (b.startLine <= fmEnd) continue;
    if (b.kind === 'heading') out.push({ kind: 'heading', lines: [b.startLine, b.endLine], level: b.level, text: plain(b.headingText ?? '') });
    else if (b.kind === 'table') {
      const rows = [b.header!, ...b.rows!];
      const width = b.header!.cells.length;
      out.push({ kind: 'table', lines: [b.startLine, b.endLine], rows: rows.length, cells: rows.map((r) => r.cells.slice(0, width).map((c) => c.text)) });
    } else if (b.kind === 'list') {
      const base = Math.min(...b.items!.map((i) => i.indent));
      // Every item line at every level: the timeline reads runs of nested items (`- **Context**:` and the events under it).
      out.push({ kind: 'list', lines: [b.startLine, b.endLine], items: b.items!.filter((i) => i.indent <= base + 1).map((i) => i.line), all: b.items!.map((i) => i.line) });
    } else if (b.kind === 'code') out.push({ kind: 'code', lines: [b.startLine, b.endLine] });
    else if (b.kind === 'paragraph') pushTimeParagraph(out, sc.lines, b.startLine, b.endLine);
  }
  return out;
}

/** Paragraphs that start with a time are timeline entries (`07:45 CET: paged`, `**08:52 UTC** ...`, `14.43 – paged`, `At 09:37 UTC, ...` in a timeline section): both parsers must start them on the same line. */
function startsWithTime(line: string): boolean {
  const t = parseTime(line, undefined, { entry: true, lead: true });
  return !!t && !t.dateOnly;
}

/**
 * A paragraph that starts with a time is one entry; a paragraph with two or more lines that start
 * with a time (`14:02 UTC - paged` then `14:10 UTC - rolled back`) is read line by line, so its
 * span and those lines must agree too.
 */
function pushTimeParagraph(out: Shape[], lines: string[], start: number, end: number): void {
  const timed: number[] = [];
  for (let l = start; l <= end; l++) if (startsWithTime(lines[l])) timed.push(l);
  if (timed.length >= 2) out.push({ kind: 'time-lines', lines: [start, end], timed });
  else if (timed[0] === start) out.push({ kind: 'time-paragraph', line: start });
}

/** The lines of every list item in a remark list, nested lists included (those directly inside items). */
function itemLines(list: List): number[] {
  return list.children.flatMap((i) => [i.position!.start.line - 1, ...i.children.flatMap((c) => (c.type === 'list' ? itemLines(c) : []))]);
}

function fromRemark(text: string): Shape[] {
  const sc = scan(text);
  const fmEnd = sc.blocks[0]?.kind === 'frontmatter' ? sc.blocks[0].endLine : -1;
  // remark has no front matter extension here: parse the rest with the front matter blanked out.
  const body = fmEnd >= 0 ? sc.lines.map((l, i) => (i <= fmEnd ? '' : l)).join('\n') : text;
  const out: Shape[] = [];
  const bodyLines = body.split('\n');
  for (const n of parseMarkdown(body).children) {
    const lines = [n.position!.start.line - 1, n.position!.end.line - 1];
    // A block that ends at the start of a line (an unclosed fence at the end) ends on the line before.
    if (n.position!.end.column === 1 && lines[1] > lines[0]) lines[1]--;
    if (n.type === 'heading') out.push({ kind: 'heading', lines, level: n.depth, text: plain(nodeText(n)) });
    else if (n.type === 'table') {
      const width = n.children[0].children.length;
      out.push({
        kind: 'table',
        lines,
        rows: n.children.length,
        cells: n.children.map((r) => r.children.slice(0, width).map((c) => (c.position ? body.slice(c.position.start.offset, c.position.end.offset).trim().replace(/^\|/, '').replace(/\|$/, '').trim() : ''))),
      });
    } else if (n.type === 'list') out.push({ kind: 'list', lines, items: n.children.map((i) => i.position!.start.line - 1), all: itemLines(n) });
    else if (n.type === 'code') out.push({ kind: 'code', lines });
    else if (n.type === 'paragraph') pushTimeParagraph(out, bodyLines, lines[0], lines[1]);
  }
  return out;
}

/** Trailing blank lines inside a remark list or code end are not lines the scanner counts. */
function trimEnds(shapes: Shape[], text: string): Shape[] {
  const lines = text.split('\n');
  return shapes.map((s) => {
    if (!s.lines) return s;
    const [a, b] = s.lines as number[];
    let e = b;
    while (e > a && /^[ \t]*$/.test(lines[e] ?? '')) e--;
    return { ...s, lines: [a, e] };
  });
}

function compare(path: string) {
  const text = readFileSync(path, 'utf8');
  assert.deepEqual(trimEnds(fromScanner(text), text), trimEnds(fromRemark(text), text), `block structure differs in ${path}`);
}

const sources = [...listFixtures(join(repo, 'test', 'fixtures')), ...listFixtures(join(repo, 'examples'))];
for (const path of sources) test(`scanner = remark: ${path.slice(repo.length + 1)}`, () => compare(path));

const corpus = join(repo, '..', 'shared', 'corpus', 'real-postmortems');
const corpusFiles = existsSync(corpus) ? listFixtures(corpus) : [];
if (!corpusFiles.length) test('scanner = remark on the real post-mortem corpus', { skip: `corpus not found at ${corpus}` }, () => {});
for (const path of corpusFiles) test(`scanner = remark: corpus/${path.slice(corpus.length + 1)}`, () => compare(path));
