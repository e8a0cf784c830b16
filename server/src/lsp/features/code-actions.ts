// Code actions: the rules' fixes as quick fixes, disable comments, fix-all, and sorting the timeline.
//
// Diagnostics carry no fixes (see convert.ts), and a client may ask with diagnostics from an older
// version of the document. Every request is therefore answered from the checker's result for the
// document's current version: a diagnostic is matched to a current finding by rule, range and
// message (what every LSP client sends back as it received it), and the finding's own fixes
// (computed from the current text) are used. A diagnostic with no current match is stale and gets
// no actions: the client asks again with the new diagnostics.
//
// Disable comments keep the Markdown as it renders:
// - a table row gets `<!-- postmortem-disable-line RULE -->` after its last pipe. GFM ignores cells
//   beyond the header's count and the comment renders as nothing, so the table stays one table
//   (a comment on its own line would end the table). Missing cells are padded first so the comment
//   never becomes a real cell;
// - a table's header row (where findings about missing columns sit) gets the own-line comment
//   above the table;
// - the first line of any other block (heading, paragraph, list, the first item of a list) gets
//   `<!-- postmortem-disable-next-line RULE -->` on its own line above, followed by a blank line;
// - a line inside a paragraph or list (not the first) gets the `disable-line` comment at its end
//   (inline HTML, invisible), since a comment line there would split the paragraph or the list.
// An existing directive of the same kind at that place gets the rule added instead of a second one.
import {
  CodeActionKind,
  type CodeAction,
  type CodeActionParams,
  type Connection,
  type Diagnostic,
  type TextDocuments,
  type WorkspaceEdit,
  type TextEdit as LspTextEdit,
} from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Checker, Checked } from '../documents';
import { SOURCE } from '../convert';
import { fixAll } from '../../engine/fix-all';
import { sortTimelineEdits } from '../../engine/rules/timeline-order';
import { ruleById } from '../../engine/rules';
import type { Finding, Fix, Range, TextEdit } from '../../engine/types';
import type { PostMortem } from '../../engine/model';
import type { Block } from '../../engine/scan';
import { client } from './context';
import { t } from './strings';
import { LINK_TICKET_COMMAND } from './action-items-protocol';
import { guarded, type Log } from '../guard';

export const FIX_ALL_KIND = 'source.fixAll.postmortem';
export const SORT_TIMELINE_KIND = CodeActionKind.RefactorRewrite;
export const LINK_TICKET_KIND = CodeActionKind.RefactorRewrite;
export const CODE_ACTION_KINDS = [CodeActionKind.QuickFix, FIX_ALL_KIND, SORT_TIMELINE_KIND];

function wants(only: string[] | undefined, kind: string): boolean {
  return !only || only.some((k) => kind === k || kind.startsWith(k + '.'));
}

function sameRange(a: Range, b: Range): boolean {
  return a.start.line === b.start.line && a.start.character === b.start.character && a.end.line === b.end.line && a.end.character === b.end.character;
}

/** A WorkspaceEdit for one document, in the form the client understands. */
export function workspaceEdit(doc: TextDocument, edits: TextEdit[], snippet?: Fix['snippet']): WorkspaceEdit {
  if (client.documentChanges) {
    let list: unknown[] = edits;
    if (snippet && client.snippetEdits) list = [{ range: snippet.range, snippet: { kind: 'snippet', value: snippet.snippet } }];
    else if (snippet && client.experimentalSnippetEdits) list = [{ range: snippet.range, newText: snippet.snippet, insertTextFormat: 2 }];
    return { documentChanges: [{ textDocument: { uri: doc.uri, version: doc.version }, edits: list as LspTextEdit[] }] };
  }
  return { changes: { [doc.uri]: edits } };
}

function blockAt(model: PostMortem, line: number): Block | undefined {
  return model.scan.blocks[model.blockAt(line)];
}

const DIRECTIVE_COMMENT = (kind: string) => new RegExp(String.raw`<!--\s*postmortem-${kind}(?![\w-])([^]*?)-->`);

/** Adds `rule` to the id list of an existing directive comment found in `line`, if any. */
function extendDirective(model: PostMortem, lineNo: number, kind: string, rule: string): TextEdit | undefined {
  const line = model.lines[lineNo] ?? '';
  const m = DIRECTIVE_COMMENT(kind).exec(line);
  if (!m) return undefined;
  const ids = m[1].replace(/--.*$/s, '').split(/[\s,]+/).filter(Boolean);
  if (!ids.length) return undefined; // already disables every rule
  const idsEnd = m.index + m[0].length - 3 - (m[1].length - m[1].trimEnd().length);
  return { range: { start: { line: lineNo, character: idsEnd }, end: { line: lineNo, character: idsEnd } }, newText: `, ${rule}` };
}

/** The edit that disables `rule` for one line, keeping tables, paragraphs and lists intact. */
export function disableLineEdit(model: PostMortem, line: number, rule: string): TextEdit | undefined {
  const b = blockAt(model, line);
  if (b && (b.kind === 'frontmatter' || b.kind === 'code')) return undefined;
  const text = model.lines[line] ?? '';
  const ownLineAbove = (at: number): TextEdit => {
    // Reuse a disable-next-line comment just above (blank lines between are allowed).
    let prev = at - 1;
    while (prev >= 0 && model.lines[prev].trim() === '') prev--;
    if (prev >= 0 && /^\s*<!--\s*postmortem-disable-next-line\b[^]*-->\s*$/.test(model.lines[prev])) {
      const ext = extendDirective(model, prev, 'disable-next-line', rule);
      if (ext) return ext;
    }
    const indent = /^[ \t]*/.exec(model.lines[at])![0];
    return { range: { start: { line: at, character: 0 }, end: { line: at, character: 0 } }, newText: `${indent}<!-- postmortem-disable-next-line ${rule} -->\n\n` };
  };
  const atEnd = (extra = ''): TextEdit => {
    const ext = extendDirective(model, line, 'disable-line', rule);
    if (ext) return ext;
    // Before a trailing hard break (two spaces or a backslash), so the break stays a break.
    const body = /^(.*?)(\s{2,}|\\)?$/.exec(text)!;
    const end = body[1].trimEnd().length;
    return { range: { start: { line, character: end }, end: { line, character: end } }, newText: `${extra} <!-- postmortem-disable-line ${rule} -->` };
  };
  if (b?.kind === 'table' && b.header) {
    if (line <= b.startLine + 1) return ownLineAbove(b.startLine);
    const ext = extendDirective(model, line, 'disable-line', rule);
    if (ext) return ext;
    const row = b.rows?.find((r) => r.line === line);
    const trimmed = text.trimEnd();
    let extra = trimmed.endsWith('|') && !trimmed.endsWith('\\|') ? '' : ' |';
    const missing = Math.max(0, b.header.cells.length - (row?.cells.length ?? b.header.cells.length));
    extra += '  |'.repeat(missing);
    return { range: { start: { line, character: trimmed.length }, end: { line, character: text.length } }, newText: `${extra} <!-- postmortem-disable-line ${rule} -->` };
  }
  if (!b || b.kind === 'heading' || line === b.startLine) return ownLineAbove(line);
  if (b.kind === 'list' && b.items) {
    const item = b.items.find((it) => it.line === line);
    // The first item of a nested list that follows a blank line starts its own run of lines.
    if (item && model.lines[line - 1]?.trim() === '') return ownLineAbove(line);
  }
  if (model.lines[line - 1]?.trim() === '') return ownLineAbove(line);
  return atEnd();
}

/** The edit that disables `rule` for the whole file: a comment at the top, after front matter. */
export function disableFileEdit(model: PostMortem, rule: string): TextEdit {
  for (const c of model.scan.comments) {
    if (/^\s*postmortem-disable-file\b/.test(c.body) && c.line === c.endLine) {
      const ext = extendDirective(model, c.line, 'disable-file', rule);
      if (ext) return ext;
    }
  }
  const fm = model.scan.blocks[0]?.kind === 'frontmatter' ? model.scan.blocks[0] : undefined;
  const top = fm ? fm.endLine + 1 : 0;
  const blankAfter = top < model.lines.length && model.lines[top].trim() === '';
  return { range: { start: { line: top, character: 0 }, end: { line: top, character: 0 } }, newText: `<!-- postmortem-disable-file ${rule} -->\n${blankAfter || top >= model.lines.length ? '' : '\n'}` };
}

/** One edit from `before` to `after`: the changed middle, found by common prefix and suffix. */
export function minimalEdit(doc: TextDocument, after: string): LspTextEdit | undefined {
  const before = doc.getText();
  if (before === after) return undefined;
  let p = 0;
  const max = Math.min(before.length, after.length);
  while (p < max && before.charCodeAt(p) === after.charCodeAt(p)) p++;
  let s = 0;
  while (s < max - p && before.charCodeAt(before.length - 1 - s) === after.charCodeAt(after.length - 1 - s)) s++;
  // Do not split a surrogate pair or a CRLF.
  while (p > 0 && (/[\uDC00-\uDFFF]/.test(before[p] ?? '') || (before[p] === '\n' && before[p - 1] === '\r'))) p--;
  return { range: { start: doc.positionAt(p), end: doc.positionAt(before.length - s) }, newText: after.slice(p, after.length - s) };
}

/** The current finding a diagnostic was made from: same rule, range and message; undefined when the diagnostic is stale. */
export function matchFinding(checked: Checked, d: Diagnostic): Finding | undefined {
  const same = (f: Finding) => f.rule === d.code && f.message === d.message && sameRange(f.range, d.range);
  return checked.result.findings.find(same) ?? checked.result.directiveProblems.find(same);
}

export async function provideCodeActions(params: CodeActionParams, documents: TextDocuments<TextDocument>, checker: Checker): Promise<CodeAction[]> {
  const doc = documents.get(params.textDocument.uri);
  if (!doc) return [];
  const checked = await checker.current(doc);
  if (!checked) return [];
  const locale = checked.locale;
  const model = checked.result.doc;
  const only = params.context.only;
  const actions: CodeAction[] = [];

  if (wants(only, CodeActionKind.QuickFix)) {
    for (const d of params.context.diagnostics) {
      if (d.source !== SOURCE || typeof d.code !== 'string') continue;
      const finding = matchFinding(checked, d);
      if (!finding) continue; // stale: the client will ask again with the new diagnostics
      for (const fix of finding.fixes ?? []) {
        actions.push({ title: fix.title, kind: CodeActionKind.QuickFix, diagnostics: [d], isPreferred: !!fix.isPreferred, edit: workspaceEdit(doc, fix.edits, fix.snippet) });
      }
    }
    // Disable actions come after every fix, once per rule and line.
    const done = new Set<string>();
    for (const d of params.context.diagnostics) {
      if (d.source !== SOURCE || typeof d.code !== 'string' || !ruleById(d.code)) continue;
      const finding = matchFinding(checked, d);
      if (!finding) continue;
      const lineKey = `${d.code}@${d.range.start.line}`;
      if (!done.has(lineKey)) {
        done.add(lineKey);
        const edit = disableLineEdit(model, d.range.start.line, d.code);
        if (edit) actions.push({ title: t(locale, 'disableLine', { rule: d.code }), kind: CodeActionKind.QuickFix, diagnostics: [d], edit: workspaceEdit(doc, [edit]) });
      }
      if (!done.has(d.code)) {
        done.add(d.code);
        actions.push({ title: t(locale, 'disableFile', { rule: d.code }), kind: CodeActionKind.QuickFix, diagnostics: [d], edit: workspaceEdit(doc, [disableFileEdit(model, d.code)]) });
      }
    }
  }

  // "Link a ticket…" on an action item's row, a rewrite of the row rather than the fix of a finding:
  // it runs a command, and the client asks for the ticket first (see action-items.ts).
  if (wants(only, LINK_TICKET_KIND)) {
    for (const it of model.actionItems.items) {
      if (it.line < params.range.start.line || it.line > params.range.end.line) continue;
      const title = t(locale, 'linkTicket');
      actions.push({ title, kind: LINK_TICKET_KIND, command: { title, command: LINK_TICKET_COMMAND, arguments: [doc.uri, it.line] } });
    }
  }

  // Only when asked for (source actions menu, fix-all on save): it re-lints until the fixes settle.
  // The same fixAll as `postmortem lint --fix`, so the editor and the CLI give the same bytes.
  if (only && wants(only, FIX_ALL_KIND)) {
    const fixed = fixAll(doc.getText(), { config: checked.config, locale });
    const edit = minimalEdit(doc, fixed.text);
    if (edit) actions.push({ title: t(locale, 'fixAll'), kind: FIX_ALL_KIND, edit: workspaceEdit(doc, [edit]) });
  }

  const r = params.range;
  const inTimeline = model.timeline.sections.some((s) => r.start.line <= s.endLine && r.end.line >= s.headingLine);
  if (wants(only, SORT_TIMELINE_KIND) && inTimeline) {
    const edits = sortTimelineEdits(model);
    // The timeline-order finding in the request already carries the same edit as its quick fix.
    const asFix = actions.some((a) => a.kind === CodeActionKind.QuickFix && a.diagnostics?.[0]?.code === 'timeline-order' && a.isPreferred);
    if (asFix) return actions;
    if (edits.length) actions.push({ title: t(locale, 'sortTimeline'), kind: SORT_TIMELINE_KIND, edit: workspaceEdit(doc, edits) });
    else if (client.disabledActions && model.timeline.entries.length > 1) actions.push({ title: t(locale, 'sortTimeline'), kind: SORT_TIMELINE_KIND, disabled: { reason: t(locale, 'timelineSorted') } });
  }
  return actions;
}

export function registerCodeActions(connection: Connection, documents: TextDocuments<TextDocument>, checker: Checker, log: Log): void {
  connection.onCodeAction(guarded(log, 'textDocument/codeAction', (params) => provideCodeActions(params, documents, checker)));
}
