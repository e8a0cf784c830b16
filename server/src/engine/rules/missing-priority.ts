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
      listNoPriority: '{count} open action item(s) in this section have no priority. Add one to each (P1, P2, P3), or put them in a table with a Priority column.',
    },
    ja: {
      empty: 'アクションアイテム {id}に優先度がありません。何から着手するか分かるよう設定してください（P1、P2、P3）。',
      noColumn: 'アクションアイテムの表に優先度の列がありません。列を追加してください。',
      fixSet: '優先度を {priority} にする',
      fixColumn: '優先度の列を追加する',
      listNoPriority: 'このセクションの {count} 件の未完了のアクションアイテムに優先度がありません。各項目に P1、P2、P3 などを書くか、優先度の列のある表にしてください。',
    },
  },
  check(ctx) {
    const { doc } = ctx;
    reportMissingColumn(ctx, 'priority', { en: 'Priority', ja: '優先度' });
    const open = doc.openActionItems();
    for (const it of open) {
      if (it.kind !== 'table' || !it.priority || it.priority.text.replace(/[-—]/g, '').trim()) continue;
      const id = it.id?.text ? `${it.id.text} ` : '';
      const fixes: Fix[] | undefined = !ctx.details ? undefined : ['P1', 'P2', 'P3'].map((p) => ({ title: ctx.msg('fixSet', { priority: p }), edits: [fillCell(doc, it.priority!, p)] }));
      ctx.report({ range: itemRange(it, it.priority), messageId: 'empty', args: { id }, fixes });
    }
    // List-form action items: one finding for those that state no priority ("P1", "Priority: high").
    const without = open.filter((it) => it.kind === 'list' && !it.listPriority);
    if (without.length) ctx.report({ range: without[0].range, messageId: 'listNoPriority', args: { count: without.length } });
  },
};
export default rule;
