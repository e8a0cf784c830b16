// Pass: action items. Tables with action columns (anywhere, or any table in the Action Items
// section), list items in that section, and items nested under a bold-label section.
import type { Cell, ListItem, TableRow } from '../scan';
import { ACTION_COLUMNS, type ActionColumn } from '../vocabulary';
import type { ActionItem, ActionItems, PassInput, Section, Timeline } from './types';
import { DONE_STATUS, inSection, lineRange, mapColumns, topLevel } from './queries';

const DONE_HEADING = /\b(?:completed?|done|taken|finished|already (?:done|fixed))\b|完了|実施済|対応済/i;
const LIST_OWNER = /(?:\b(?:owner|assignee|assigned to|dri)\s*[:=]\s*|担当(?:者)?\s*[:：]\s*)([^,;)\]|]+)|(@[A-Za-z0-9][\w-]*(?:\/[\w-]+)?)/i;

export interface ActionsInput {
  section?: Section;
  /** Later action sections of the report (heading sections only). */
  more?: Section[];
  /** The timeline: its tables are not action tables, and lists in its section are its own. */
  timeline: Timeline;
}

export function readActionItems({ lines, blocks }: PassInput, { section: aiSection, more = [], timeline }: ActionsInput): ActionItems {
  const actionItems: ActionItems = { section: aiSection, tables: [], items: [], lists: [] };
  const timelineTables = new Set(timeline.tables.map((t) => t.block));
  // The nearest sub-heading above a list in the section, e.g. "Immediate actions (completed)".
  let subHeading: number | undefined;
  blocks.forEach((b, bi) => {
    const inActions = inSection(aiSection, bi) || more.some((s) => inSection(s, bi));
    if (inActions && b.kind === 'heading') subHeading = bi;
    if (b.kind === 'table' && b.header && b.rows) {
      if (timelineTables.has(bi)) return;
      const acols = mapColumns(b.header, ACTION_COLUMNS);
      const isActions = inActions || (acols.action !== undefined && (acols.owner !== undefined || acols.deadline !== undefined));
      if (!isActions) return;
      const aIndex = actionItems.tables.length;
      if (acols.action === undefined) {
        // In the Action Items section, the widest text column is the action.
        const firstText = b.header.cells.findIndex((_, i) => !Object.values(acols).includes(i));
        if (firstText >= 0) acols.action = firstText;
      }
      actionItems.tables.push({ block: bi, columns: acols, header: b.header });
      for (const r of b.rows) {
        if (r.cells.every((c) => !c.text)) continue;
        const get = (k: ActionColumn) => (acols[k] !== undefined ? r.cells[acols[k]!] ?? emptyCellAtEnd(r, lines) : undefined);
        actionItems.items.push({
          line: r.line,
          range: lineRange(r.line, 0, lines[r.line].length),
          kind: 'table',
          id: get('id'),
          action: get('action'),
          owner: get('owner'),
          deadline: get('deadline'),
          priority: get('priority'),
          status: get('status'),
          ticket: get('ticket'),
          row: r,
          table: aIndex,
        });
      }
      return;
    }
    if (b.kind === 'list' && b.items && inActions && !inSection(timeline.section, bi)) {
      actionItems.lists.push(bi);
      // Under a sub-heading such as "Immediate actions (completed)", the items are already done.
      const doneHere = subHeading !== undefined && DONE_HEADING.test(blocks[subHeading].headingText ?? '');
      for (const it of topLevel(b.items)) {
        // A category label over nested items (「- スタティックPod運用」, "- Monitoring:"): the nested items are the actions.
        const kids = childrenOf(b.items, it);
        const units = kids.length && isCategoryLabel(textOf(lines, it)) ? kids : [it];
        for (const u of units) {
          const itemText = lines.slice(u.line, u.endLine + 1).map((l, k) => (k === 0 ? l.slice(u.textStart) : l.trim())).join(' ').trim();
          actionItems.items.push(listItem(lines, u, itemText, textOf(lines, u), doneHere ? 'done' : u.task));
        }
      }
    }
  });

  // Action items nested under a bold-label section (`- **Review actions**:` with sub-items).
  if (aiSection?.labelItem) {
    const b = blocks[aiSection.headingBlock];
    const nested = b.items!.filter((it) => it.line > aiSection.headingLine && it.line <= aiSection.endLine && it.indent > aiSection.labelItem!.indent);
    const depth = nested.length ? Math.min(...nested.map((it) => it.indent)) : 0;
    if (nested.length) actionItems.lists.push(aiSection.headingBlock);
    for (const it of nested.filter((x) => x.indent <= depth + 1)) {
      const itemText = textOf(lines, it);
      actionItems.items.push(listItem(lines, it, itemText, itemText, it.task));
    }
  }
  return actionItems;
}

/**
 * True when an item is finished: a checked task box, a done sub-heading, a Status cell saying so,
 * a state written beside the ticket when there is no Status column ("Bug 5554823 **DONE**"), or
 * an action struck through.
 */
export function isDone(item: ActionItem): boolean {
  if (item.task === 'done') return true;
  if (item.status) return DONE_STATUS.test(item.status.text.replace(/[*_`~]/g, '').trim());
  if (/\bDONE\b/.test(item.ticket?.text ?? '')) return true;
  return /^~~[^]*~~$/.test((item.action?.text ?? '').trim());
}

/** The items nested directly under `it`. */
function childrenOf(items: ListItem[], it: ListItem): ListItem[] {
  const at = items.indexOf(it);
  const kids: ListItem[] = [];
  for (let k = at + 1; k < items.length && items[k].indent > it.indent; k++) kids.push(items[k]);
  if (!kids.length) return kids;
  const depth = Math.min(...kids.map((x) => x.indent));
  return kids.filter((x) => x.indent <= depth + 1);
}

/** A short heading-like item: ends with a colon, or is a Japanese noun phrase with no verb or sentence end. */
function isCategoryLabel(text: string): boolean {
  const t = text.replace(/[*_`]/g, '').trim();
  if (!t || t.length > 30) return false;
  if (/[:：]$/.test(t)) return true;
  return /[\u3040-\u30ff\u4e00-\u9fff]/.test(t) && !/[。．.!?！？、]|[るすたいうくしだ]$/.test(t);
}

function textOf(lines: string[], it: ListItem): string {
  return lines[it.line].slice(it.textStart).trim();
}

function listItem(lines: string[], it: ListItem, itemText: string, actionText: string, task: ActionItem['task']): ActionItem {
  const textLine = lines[it.line];
  const om = LIST_OWNER.exec(itemText);
  return {
    line: it.line,
    range: lineRange(it.line, it.textStart, textLine.length),
    kind: 'list',
    text: itemText,
    action: { text: actionText, line: it.line, start: it.textStart, end: textLine.trimEnd().length, outerStart: it.textStart, outerEnd: textLine.length },
    listOwner: om ? (om[1] ?? om[2]).trim() : undefined,
    task,
  };
}

function emptyCellAtEnd(r: TableRow, lines: string[]): Cell {
  const end = lines[r.line].length;
  return { text: '', line: r.line, start: end, end, outerStart: end, outerEnd: end };
}
