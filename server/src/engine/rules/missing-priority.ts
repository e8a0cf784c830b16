import type { Rule, Fix } from '../types';
import { fillCell, itemRange, reportMissingColumn } from './util';

const rule: Rule = {
  id: 'missing-priority',
  description: 'Every action item has a priority.',
  defaultSeverity: 'info',
  tags: ['action-items'],
  summary: 'action items with no priority',
  messages: {
    en: {
      empty: 'Action item {id}has no priority. Set one (P1, P2, P3) so the team knows what to do first.',
      noColumn: 'The action items table has no Priority column. Add one so the team knows what to do first.',
      fixSet: 'Set priority to {priority}',
      fixColumn: 'Add a Priority column',
    },
    ja: {
      empty: 'アクションアイテム {id}に優先度がありません。何から着手するか分かるよう設定してください（P1、P2、P3）。',
      noColumn: 'アクションアイテムの表に優先度の列がありません。列を追加してください。',
      fixSet: '優先度を {priority} にする',
      fixColumn: '優先度の列を追加する',
    },
  },
  check(ctx) {
    const { doc } = ctx;
    const ai = doc.actionItems;
    reportMissingColumn(ctx, 'priority', { en: 'Priority', ja: '優先度' });
    for (const it of ai.items) {
      if (it.kind !== 'table' || !it.priority || it.priority.text.replace(/[-—]/g, '').trim() || doc.isDone(it)) continue;
      const id = it.id?.text ? `${it.id.text} ` : '';
      const fixes: Fix[] = ['P1', 'P2', 'P3'].map((p) => ({ title: ctx.msg('fixSet', { priority: p }), edits: [fillCell(doc, it.priority!, p)] }));
      ctx.report({ range: itemRange(it, it.priority), messageId: 'empty', args: { id }, fixes });
    }
  },
};
export default rule;
