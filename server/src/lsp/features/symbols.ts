// The outline (sections by heading level, with header fields, timeline rows and action items
// inside them) and folding ranges (sections, tables, lists, code, comments, front matter).
import {
  FoldingRangeKind,
  SymbolKind,
  type Connection,
  type DocumentSymbol,
  type DocumentSymbolParams,
  type FoldingRange,
  type FoldingRangeParams,
  type SymbolInformation,
  type TextDocuments,
} from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Checker } from '../documents';
import type { PostMortem, Section } from '../../engine/model';
import type { Locale, Range } from '../../engine/types';
import { client } from './context';
import { t } from './strings';
import { guarded, type Log } from '../guard';

export const ACTION_ITEM_KIND = SymbolKind.Field;

function lastContentLine(model: PostMortem, from: number, to: number): number {
  let l = to;
  while (l > from && model.lines[l].trim() === '') l--;
  return l;
}

function lineRange(model: PostMortem, from: number, to: number): Range {
  return { start: { line: from, character: 0 }, end: { line: to, character: model.lines[to]?.length ?? 0 } };
}

function short(s: string, max = 80): string {
  const one = s.replace(/\s+/g, ' ').trim();
  return one.length > max ? one.slice(0, max - 1) + '…' : one;
}

export function documentSymbols(model: PostMortem, locale: Locale): DocumentSymbol[] {
  const roots: DocumentSymbol[] = [];
  const nodes = new Map<Section, DocumentSymbol>();
  const stack: { section: Section; symbol: DocumentSymbol }[] = [];
  for (const s of model.sections) {
    const end = lastContentLine(model, s.headingLine, s.endLine);
    const symbol: DocumentSymbol = {
      name: s.title || '#'.repeat(s.level),
      kind: s.level === 1 ? SymbolKind.File : SymbolKind.Namespace,
      range: lineRange(model, s.headingLine, end),
      selectionRange: lineRange(model, s.headingLine, s.headingLine),
      children: [],
    };
    while (stack.length && stack[stack.length - 1].section.level >= s.level) stack.pop();
    if (stack.length) stack[stack.length - 1].symbol.children!.push(symbol);
    else roots.push(symbol);
    stack.push({ section: s, symbol });
    nodes.set(s, symbol);
  }
  const innermost = (line: number): DocumentSymbol[] => {
    const best = model.sectionAt(line, true);
    return best ? nodes.get(best)!.children! : roots;
  };
  const rowRange = (line: number, from: number, to: number): Range => ({ start: { line, character: from }, end: { line, character: to } });

  // The header's own fields; a date in the title, a `## Date` section or a Stats list below has a symbol of its own.
  const header = model.headerFields.filter((f) => f.source !== 'title' && f.source !== 'section' && f.source !== 'block');
  if (header.length) {
    const fields: DocumentSymbol[] = header.map((f) => ({
      name: short(`${f.label}: ${f.value}`),
      kind: SymbolKind.Property,
      // A label alone on its line has its value on the next: the symbol spans both.
      range: lineRange(model, f.line, Math.max(f.line, f.valueRange.end.line)),
      selectionRange: f.valueRange.start.character !== f.valueRange.end.character ? f.valueRange : lineRange(model, f.line, f.line),
    }));
    const first = Math.min(...header.map((f) => f.line));
    const last = Math.max(...header.map((f) => Math.max(f.line, f.valueRange.end.line)));
    const group: DocumentSymbol = { name: t(locale, 'symbolHeader'), kind: SymbolKind.Object, range: lineRange(model, first, last), selectionRange: lineRange(model, first, first), children: fields };
    const parent = innermost(first);
    // Keep document order: the header comes before the sections below the title.
    const at = parent.findIndex((c) => c.range.start.line > first);
    parent.splice(at < 0 ? parent.length : at, 0, group);
  }
  for (const e of model.timeline.entries) {
    const event = e.kind === 'table' ? (e.event?.text ?? '') : model.lines[e.line].slice(e.timeRange.end.character);
    const name = short(`${e.timeText.replace(/[*_`]/g, '')} ${event.replace(/^[\s:：\-–—]+/, '')}`);
    innermost(e.line).push({ name, kind: SymbolKind.Event, range: e.range, selectionRange: e.timeRange.start.character !== e.timeRange.end.character ? e.timeRange : e.range });
  }
  for (const it of model.actionItems.items) {
    const action = it.kind === 'table' ? (it.action?.text ?? '') : (it.text ?? model.lines[it.line].trim());
    const name = short([it.id?.text, action].filter(Boolean).join(' ')) || model.lines[it.line].trim();
    const sel = it.id && it.id.start !== it.id.end ? rowRange(it.line, it.id.start, it.id.end) : it.range;
    innermost(it.line).push({ name, kind: ACTION_ITEM_KIND, range: it.range, selectionRange: sel });
  }
  const order = (list: DocumentSymbol[]) => {
    list.sort((a, b) => a.range.start.line - b.range.start.line);
    for (const s of list) if (s.children) order(s.children);
  };
  order(roots);
  return roots;
}

function flatten(symbols: DocumentSymbol[], uri: string, container?: string, out: SymbolInformation[] = []): SymbolInformation[] {
  for (const s of symbols) {
    out.push({ name: s.name, kind: s.kind, location: { uri, range: s.range }, containerName: container });
    if (s.children) flatten(s.children, uri, s.name, out);
  }
  return out;
}

export function foldingRanges(model: PostMortem): FoldingRange[] {
  const out: FoldingRange[] = [];
  for (const s of model.sections) {
    const end = lastContentLine(model, s.headingLine, s.endLine);
    if (end > s.headingLine) out.push({ startLine: s.headingLine, endLine: end });
  }
  for (const b of model.scan.blocks) {
    if (b.endLine <= b.startLine) continue;
    if (b.kind === 'table' || b.kind === 'list' || b.kind === 'code' || b.kind === 'blockquote') out.push({ startLine: b.startLine, endLine: b.endLine });
    else if (b.kind === 'frontmatter') out.push({ startLine: b.startLine, endLine: b.endLine, kind: FoldingRangeKind.Imports });
    else if (b.kind === 'html' && b.comment !== undefined) out.push({ startLine: b.startLine, endLine: b.endLine, kind: FoldingRangeKind.Comment });
  }
  return out;
}

export function registerSymbols(connection: Connection, documents: TextDocuments<TextDocument>, checker: Checker, log: Log): void {
  connection.onDocumentSymbol(guarded(log, 'textDocument/documentSymbol', async (params: DocumentSymbolParams) => {
    const doc = documents.get(params.textDocument.uri);
    if (!doc) return [];
    const checked = await checker.current(doc);
    if (!checked) return [];
    const symbols = documentSymbols(checked.result.doc, checked.locale);
    return client.hierarchicalSymbols ? symbols : flatten(symbols, doc.uri);
  }));
  connection.onFoldingRanges(guarded(log, 'textDocument/foldingRange', async (params: FoldingRangeParams) => {
    const doc = documents.get(params.textDocument.uri);
    if (!doc) return [];
    const checked = await checker.current(doc);
    if (!checked) return [];
    return foldingRanges(checked.result.doc);
  }));
}
