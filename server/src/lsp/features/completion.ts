// Completions while writing a report: owners, priorities and deadlines in the action items table,
// actors in the timeline, section headings not yet present, and rule ids in disable comments.
import {
  CompletionItemKind,
  InsertTextFormat,
  type CompletionItem,
  type CompletionList,
  type CompletionParams,
  type Connection,
  type Range,
  type TextDocuments,
} from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { DateTime } from 'luxon';
import type { Checker } from '../documents';
import type { PostMortem } from '../../engine/model';
import type { Locale } from '../../engine/types';
import { RULES } from '../../engine/rules';
import { SECTION_ORDER, SECTION_TITLES } from '../../engine/vocabulary';
import { formatDuration, t, table } from './strings';
import { client } from './context';
import { guarded, type Log } from '../guard';

export const TRIGGER_CHARACTERS = ['|', '#', ' ', '@', '-'];

const DIRECTIVES = ['disable-next-line', 'disable-line', 'disable-file', 'disable', 'enable'];
/** The report's own language: Japanese headings make a Japanese report whatever the UI locale. */

function range(line: number, start: number, end: number): Range {
  return { start: { line, character: start }, end: { line, character: end } };
}

/** Cell boundaries around a column of a table row line: [start, end) between pipes, and its index. */
export function cellAt(line: string, character: number): { index: number; start: number; end: number } | undefined {
  const pipes: number[] = [];
  for (let i = 0; i < line.length; i++) {
    if (line[i] === '\\') {
      i++;
      continue;
    }
    if (line[i] === '|') pipes.push(i);
  }
  if (!pipes.length) return undefined;
  const leading = line.slice(0, pipes[0]).trim() === '';
  let before = -1;
  for (let k = 0; k < pipes.length; k++) if (pipes[k] < character) before = k;
  const start = before >= 0 ? pipes[before] + 1 : 0;
  const end = before + 1 < pipes.length ? pipes[before + 1] : line.length;
  const index = leading ? before : before + 1;
  if (index < 0) return undefined;
  return { index, start, end };
}

/** `23.52`, `23h52`, `23時52分`, `２３：５２` as HH:MM, or undefined when it is not that kind of time. */
export function normalizeTime(text: string): string | undefined {
  const s = text.replace(/[０-９：]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0xfee0)).trim();
  const m = /^(\d{1,2})\s*(?:[.:hH時]|\s)\s*(\d{2})\s*(?:分)?(?:\s*([A-Z]{2,5}))?$/.exec(s);
  if (!m || +m[1] > 23 || +m[2] > 59) return undefined;
  return `${m[1].padStart(2, '0')}:${m[2]}${m[3] ? ' ' + m[3] : ''}`;
}

function daysFrom(now: DateTime, days: number): string {
  return now.plus({ days }).toISODate()!;
}

interface CellContext {
  line: number;
  /** Column of the cell's text start/end (trimmed), or the cursor when empty. */
  start: number;
  end: number;
  /** What the person has typed in the cell up to the cursor. */
  typed: string;
  padLeft: boolean;
  padRight: boolean;
}

function cellItems(ctx: CellContext, values: { label: string; detail: string; kind: CompletionItemKind; preselect?: boolean }[]): CompletionItem[] {
  return values.map((v, i) => {
    const newText = `${ctx.padLeft ? ' ' : ''}${v.label}${ctx.padRight ? ' ' : ''}`;
    const filterText = !ctx.typed || v.label.toLowerCase().startsWith(ctx.typed.toLowerCase()) ? v.label : ctx.typed + v.label;
    return { label: v.label, detail: v.detail, kind: v.kind, sortText: String(i).padStart(3, '0'), filterText, preselect: v.preselect, textEdit: { range: range(ctx.line, ctx.start, ctx.end), newText } };
  });
}

/** Values for a header field, from what the report already says. */
function headerValues(model: PostMortem, name: string, locale: Locale, now: DateTime, placeholders?: readonly string[]): { label: string; detail: string }[] {
  const timed = model.timeline.entries.filter((e) => e.epoch !== undefined);
  switch (name) {
    case 'duration': {
      if (timed.length < 2) return [];
      const first = Math.min(...timed.map((e) => e.epoch!));
      const last = Math.max(...timed.map((e) => e.epoch!));
      return [{ label: formatDuration(last - first, locale), detail: t(locale, 'completionDuration') }];
    }
    case 'date': {
      const out: { label: string; detail: string }[] = [];
      if (model.timeline.baseDate) out.push({ label: model.timeline.baseDate, detail: t(locale, 'completionTimelineDate') });
      out.push({ label: now.toISODate()!, detail: t(locale, 'completionToday') });
      return out;
    }
    case 'severity':
      return ['SEV-1', 'SEV-2', 'SEV-3', 'SEV-4'].map((s) => ({ label: s, detail: '' }));
    case 'authors':
    case 'reviewed':
      return model.owners(placeholders).map((p) => ({ label: p, detail: t(locale, 'completionOwner') }));
    case 'status':
      return (locale === 'ja' ? ['下書き', 'レビュー中', '確定'] : ['Draft', 'In review', 'Final']).map((s) => ({ label: s, detail: '' }));
    case 'timezone':
      return ['UTC', 'JST'].map((s) => ({ label: s, detail: '' }));
  }
  return [];
}

/** `placeholders`: the configured placeholder owners, which are never offered as owners or actors. */
export function completionsAt(model: PostMortem, locale: Locale, line: number, character: number, now = DateTime.now(), placeholders?: readonly string[]): CompletionItem[] {
  const text = model.lines[line] ?? '';
  const prefix = text.slice(0, character);
  const block = model.scan.blocks[model.blockAt(line)];
  if (block?.kind === 'code' || block?.kind === 'frontmatter') return [];

  // Rule ids and directive names inside `<!-- postmortem-... -->`.
  const dm = /<!--\s*postmortem-(?:disable|enable)(?:-next-line|-line|-file)?\s+(?:[\w-]+[\s,]+)*([\w-]*)$/.exec(prefix);
  if (dm) {
    const word = dm[1];
    const present = new Set(prefix.slice(prefix.lastIndexOf('<!--')).split(/[\s,]+/));
    return RULES.filter((r) => !present.has(r.id) || r.id === word).map((r) => ({
      label: r.id,
      kind: CompletionItemKind.EnumMember,
      detail: t(locale, 'completionRule', { description: r.description }),
      textEdit: { range: range(line, character - word.length, character), newText: r.id },
    }));
  }
  const km = /<!--\s*(p[\w-]*)?$/.exec(prefix);
  if (km && (!km[1] || 'postmortem-'.startsWith(km[1]) || km[1].startsWith('postmortem-'))) {
    const word = km[1] ?? '';
    const labels = table(locale, 'completionDirective');
    const closed = /^\s*-->/.test(text.slice(character));
    return DIRECTIVES.map((d, i) => {
      const item: CompletionItem = { label: `postmortem-${d}`, kind: CompletionItemKind.Keyword, detail: labels[d], sortText: String(i), textEdit: { range: range(line, character - word.length, character), newText: `postmortem-${d} ` } };
      if (!closed && client.completionSnippets) {
        item.textEdit!.newText = `postmortem-${d} \$1 -->`;
        item.insertTextFormat = InsertTextFormat.Snippet;
      }
      return item;
    });
  }

  // Section headings not yet present, after `## ` at the start of a line.
  const hm = /^(#{1,6})([ \t]+)(.*)$/.exec(prefix) ?? /^(#{2,6})()$/.exec(prefix);
  if (hm && block?.kind !== 'table' && block?.kind !== 'paragraph' && block?.kind !== 'list') {
    const lang = model.writingLanguage(locale);
    // A finished heading counts as present, so it is never offered again in its own place.
    const start = hm[1].length + hm[2].length;
    return SECTION_ORDER.filter((k) => !model.hasSection(k)).map((k, i) => {
      const title = SECTION_TITLES[k][lang];
      return {
        label: title,
        kind: CompletionItemKind.Module,
        detail: t(locale, 'completionSection', { section: title }),
        sortText: String(i),
        filterText: title,
        textEdit: { range: range(line, start, text.length), newText: hm[2] ? title : ' ' + title },
      };
    });
  }

  // Header field values: `**Duration**: ` offers the timeline's span, and so on.
  const field = model.headerFields.find((f) => f.line === line && f.source === 'line');
  if (field && /[:：]/.test(prefix) && (!field.value || character >= field.valueRange.start.character)) {
    const start = field.value ? field.valueRange.start.character : character;
    const end = field.value ? field.valueRange.end.character : character;
    const ctx: CellContext = { line, start, end, typed: text.slice(start, Math.max(start, character)).trim(), padLeft: !field.value && !/\s$/.test(prefix), padRight: false };
    const values = headerValues(model, field.name, locale, now, placeholders);
    return cellItems(ctx, values.map((v) => ({ ...v, kind: CompletionItemKind.Value })));
  }

  // Table cells: action items (Owner, Priority, Deadline) and the timeline (Actor).
  if (block?.kind === 'table' && line >= block.startLine + 2) {
    const cell = cellAt(text, character);
    if (!cell) return [];
    const raw = text.slice(cell.start, cell.end);
    const lead = raw.length - raw.trimStart().length;
    const content = raw.trim();
    const empty = !content;
    const ctx: CellContext = empty
      ? { line, start: character, end: character, typed: '', padLeft: text[character - 1] === '|', padRight: text[character] === '|' }
      : { line, start: cell.start + lead, end: cell.start + lead + content.length, typed: text.slice(cell.start + lead, Math.max(character, cell.start + lead)).trim(), padLeft: false, padRight: false };
    const bi = model.scan.blocks.indexOf(block);
    const at = model.actionItems.tables.find((x) => x.block === bi);
    const people = model.owners(placeholders);
    if (at) {
      const col = at.columns;
      if (cell.index === col.owner) return cellItems(ctx, people.map((p) => ({ label: p, detail: t(locale, 'completionOwner'), kind: CompletionItemKind.Reference })));
      if (cell.index === col.priority) {
        const labels = table(locale, 'completionPriority');
        return cellItems(ctx, ['P0', 'P1', 'P2', 'P3'].map((p) => ({ label: p, detail: labels[p], kind: CompletionItemKind.EnumMember })));
      }
      if (cell.index === col.deadline) {
        const loc = locale === 'ja' ? 'ja' : 'en';
        return cellItems(ctx, [
          { label: daysFrom(now, 0), detail: t(locale, 'completionToday'), kind: CompletionItemKind.Value },
          ...[7, 14, 30].map((d) => ({ label: daysFrom(now, d), detail: t(locale, 'completionInDays', { days: d, weekday: now.plus({ days: d }).setLocale(loc).toFormat('cccc') }), kind: CompletionItemKind.Value, preselect: d === 14 })),
        ]);
      }
      return [];
    }
    const tt = model.timeline.tables.find((x) => x.block === bi);
    if (tt && cell.index === tt.columns.time) {
      // The same time written the way the checker reads it (23.52, 23h52, 23時52分 -> 23:52),
      // else the time of the row above as a starting point.
      const values: { label: string; detail: string; kind: CompletionItemKind }[] = [];
      const fixed = normalizeTime(content);
      if (fixed && fixed !== content) values.push({ label: fixed, detail: t(locale, 'completionTimeFixed'), kind: CompletionItemKind.Value });
      const above = model.timeline.entries.filter((e) => e.line < line && e.time).pop();
      if (above && !values.some((v) => v.label === above.timeText)) values.push({ label: above.timeText, detail: t(locale, 'completionTimeAbove'), kind: CompletionItemKind.Value });
      return cellItems(ctx, values);
    }
    if (tt && cell.index === tt.columns.actor) return cellItems(ctx, people.map((p) => ({ label: p, detail: t(locale, 'completionOwner'), kind: CompletionItemKind.Reference })));
  }
  return [];
}

export function registerCompletion(connection: Connection, documents: TextDocuments<TextDocument>, checker: Checker, log: Log): void {
  connection.onCompletion(guarded(log, 'textDocument/completion', async (params: CompletionParams): Promise<CompletionList> => {
    const doc = documents.get(params.textDocument.uri);
    if (!doc) return { isIncomplete: false, items: [] };
    const checked = await checker.current(doc);
    if (!checked) return { isIncomplete: false, items: [] };
    const items = completionsAt(checked.result.doc, checked.locale, params.position.line, params.position.character, DateTime.now(), checked.config.placeholderOwners);
    return { isIncomplete: false, items };
  }));
}
