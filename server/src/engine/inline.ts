// Inline Markdown, parsed lazily with remark (unified + remark-parse + GFM tables) for the blocks
// a rule actually needs, and cached by text. It answers one question precisely: which characters
// of a block are the author's own prose, as opposed to code spans, HTML, link targets, images,
// autolinks and quotations.
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import { gfmTable } from 'micromark-extension-gfm-table';
import { gfmTableFromMarkdown } from 'mdast-util-gfm-table';
import type { Root, RootContent } from 'mdast';

function remarkGfmTable(this: unknown) {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const data = (this as any).data();
  (data.micromarkExtensions ??= []).push(gfmTable());
  (data.fromMarkdownExtensions ??= []).push(gfmTableFromMarkdown());
}

const processor = unified().use(remarkParse).use(remarkGfmTable);

/** Parses Markdown into mdast with positions (the full-fidelity parser; slow on big tables). */
export function parseMarkdown(text: string): Root {
  return processor.parse(text) as Root;
}

/**
 * `text` with the `<` of every `<!--` that no `-->` follows made a `%` (same length, so offsets
 * hold). remark tries each of them as a comment up to the end of the block, which made a paragraph
 * of thousands of them quadratic (a fuzzed report with 2,905 in one paragraph took 2.7 s); they are
 * text either way. One at the start of a line is left alone: it opens an HTML block.
 */
function unclosedCommentsAsText(text: string): string {
  let at = text.indexOf('<!--', Math.max(0, text.lastIndexOf('-->') - 1));
  if (at < 0) return text;
  const chars = text.split('');
  for (; at >= 0; at = text.indexOf('<!--', at + 4)) {
    let k = at;
    while (k > 0 && (text[k - 1] === ' ' || text[k - 1] === '\t')) k--;
    if (k > 0 && text[k - 1] !== '\n' && text[k - 1] !== '\r') chars[at] = '%';
  }
  return chars.join('');
}

const proseCache = new Map<string, [number, number][]>();
const MAX_CACHE = 20000;
/** Longest block text (characters) read for prose; see proseSpans. */
export const MAX_PROSE_BLOCK = 100_000;

/**
 * Returns [start, end) offsets within `text` that hold asserted prose: text nodes, emphasis and
 * strong, but not inline code, HTML, link or image text, autolinks, or quoted passages ("...",
 * “...”, 「...」) of more than one word.
 */
export function proseSpans(text: string): [number, number][] {
  // A block this long is generated or pasted, not written: parsing it would take remark seconds
  // per megabyte, and the language rules would find nothing a person could act on. It counts as
  // no prose (a miss rather than a false alarm).
  if (text.length > MAX_PROSE_BLOCK) return [];
  const hit = proseCache.get(text);
  if (hit) return hit;
  const spans: [number, number][] = [];
  const visit = (node: RootContent | Root) => {
    if (node.type === 'text' && node.position) {
      spans.push([node.position.start.offset!, node.position.end.offset!]);
      return;
    }
    if (node.type === 'inlineCode' || node.type === 'code' || node.type === 'html' || node.type === 'link' || node.type === 'linkReference' || node.type === 'image' || node.type === 'imageReference' || node.type === 'blockquote' || node.type === 'definition') return;
    if ('children' in node) for (const c of node.children as RootContent[]) visit(c);
  };
  const plain = plainSpan(text);
  if (plain) spans.push(plain);
  else visit(parseMarkdown(unclosedCommentsAsText(text)));
  // Remove quoted passages.
  const quoted: [number, number][] = [];
  const re = /"[^"\n]{3,}?"|“[^“”\n]{3,}?”|「[^「」\n]{2,}?」|'[^'\n]{3,}?'(?!\w)/g;
  for (const m of text.matchAll(re)) {
    if (m[0][0] === "'" && /\w/.test(text[m.index! - 1] ?? '')) continue;
    if (/\s/.test(m[0]) || m[0][0] === '「') quoted.push([m.index!, m.index! + m[0].length]);
  }
  const out = quoted.length ? subtract(spans, quoted) : spans;
  if (proseCache.size > MAX_CACHE) proseCache.clear();
  proseCache.set(text, out);
  return out;
}

/**
 * One line with no character that Markdown gives a meaning inside a paragraph, and no start that
 * opens another block: remark would return one text node over it, trimmed. Answering directly saves
 * a parse for most timeline cells and sentences. (test/unit/inline.test.ts compares the two.)
 */
const MARKUP = /[`<>[\]!&\\*_~#|=]|https?:|www\.|\n/;
const BLOCK_START = /^\s*(?:[-+*]|\d{1,9}[.)])(?:\s|$)|^\s{4}|^\s*-(?:\s*-){2,}\s*$/;
export function plainSpan(text: string): [number, number] | undefined {
  if (MARKUP.test(text) || BLOCK_START.test(text)) return undefined;
  let s = 0;
  let e = text.length;
  while (s < e && /[ \t]/.test(text[s])) s++;
  while (e > s && /[ \t]/.test(text[e - 1])) e--;
  return s < e ? [s, e] : undefined;
}

function subtract(spans: [number, number][], holes: [number, number][]): [number, number][] {
  const out: [number, number][] = [];
  for (const [s, e] of spans) {
    let cur = s;
    for (const [hs, he] of holes) {
      if (he <= cur || hs >= e) continue;
      if (hs > cur) out.push([cur, hs]);
      cur = Math.max(cur, he);
    }
    if (cur < e) out.push([cur, e]);
  }
  return out;
}

/**
 * True when [start, end) is asserted prose: it starts and ends in prose. What lies between may be
 * a quoted word, a code span or a link the sentence uses (「…誤って「宛先」欄に入力した」, "ran `rm` by
 * mistake"); a phrase that starts or ends inside a quotation is the quotation's, not the report's.
 */
export function isProse(text: string, start: number, end: number): boolean {
  const spans = proseSpans(text);
  const inProse = (o: number) => spans.some(([s, e]) => s <= o && o < e);
  return end > start && inProse(start) && inProse(end - 1);
}
