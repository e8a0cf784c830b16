import { languageOf } from '../model';
import type { Rule } from '../types';
import { overdueItems, todayOf } from '../actions';
import { dayNumber, parseDate } from '../time';
import { addDays, fillCell, itemRange } from './util';

const rule: Rule = {
  id: 'overdue-action',
  description: 'No open action item is past its deadline.',
  defaultSeverity: 'warning',
  tags: ['action-items'],
  summary: 'open action items whose deadline is before today (`--today` / `today` for reproducible CI)',
  messages: {
    en: {
      overdue: 'Action item {id}was due {due} ({days} days ago) and is not marked done. Finish it, mark it done, or agree a new date with its owner.',
      overdueRead: 'Action item {id}was due {due} (its deadline "{deadline}" read as a day; {days} days ago) and is not marked done. Finish it, mark it done, or agree a new date with its owner.',
      fixDate: 'Move the deadline to {date} (two weeks from today)',
      fixDone: 'Mark it done',
    },
    ja: {
      overdue: 'アクションアイテム {id}の期限 {due} を{days}日過ぎていますが、完了になっていません。完了させるか、完了と記録するか、担当者と新しい期限を決めてください。',
      overdueRead: 'アクションアイテム {id}の期限 {due}（期限「{deadline}」を日付として読んだもの）を{days}日過ぎていますが、完了になっていません。完了させるか、完了と記録するか、担当者と新しい期限を決めてください。',
      fixDate: '期限を {date}（今日から2週間後）にする',
      fixDone: '完了にする',
    },
  },
  check(ctx) {
    const { doc } = ctx;
    const today = todayOf(ctx.config);
    const year = doc.incidentDate ? +doc.incidentDate.slice(0, 4) : undefined;
    for (const r of overdueItems(doc, today)) {
      const it = r.item;
      // Both are a person's decision, so neither is applied by fix-all.
      const fixes = [];
      const args = { id: r.id ? `${r.id} ` : '', due: r.due, days: dayNumber(today) - dayNumber(r.due) };
      if (it.deadline && it.kind === 'table' && ctx.details) {
        const date = addDays(today, 14);
        fixes.push({ title: ctx.msg('fixDate', { date }), edits: [fillCell(doc, it.deadline, date)] });
      }
      if (it.status && it.kind === 'table' && ctx.details) fixes.push({ title: ctx.msg('fixDone'), edits: [fillCell(doc, it.status, languageOf(it.status.text, ctx.locale) === 'ja' ? '完了' : 'Done')] });
      ctx.report({
        fixes,
        range: itemRange(it, it.deadline),
        // A deadline that is not a date ("Q3", "within 1 week", 「1か月以内」) says how its day was read.
        ...(parseDate(r.deadline, year) ? { messageId: 'overdue', args } : { messageId: 'overdueRead', args: { ...args, deadline: r.deadline } }),
        data: { due: r.due, today },
      });
    }
  },
};
export default rule;
