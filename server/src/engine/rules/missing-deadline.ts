import type { Rule } from '../types';
import { addDays, fillCell, itemRange, reportMissingColumn } from './util';
import { todayOf } from '../actions';

const rule: Rule = {
  id: 'missing-deadline',
  description: 'Every open action item has a deadline.',
  defaultSeverity: 'warning',
  tags: ['action-items'],
  summary: 'open action items with no deadline',
  messages: {
    en: {
      empty: 'Action item {id}has no deadline. Give it a date (YYYY-MM-DD) so its progress can be tracked.',
      noColumn: 'The action items table has no Deadline column. Add one with a date for each item.',
      fixDate: 'Set deadline to {date}',
      fixColumn: 'Add a Deadline column',
      listNoDeadline: '{count} open action item(s) in this section name no deadline. Add one to each, e.g. "(due 2025-03-01)", or put them in a table with a Deadline column.',
    },
    ja: {
      empty: 'アクションアイテム {id}に期限がありません。進捗を追えるよう日付（YYYY-MM-DD）を書いてください。',
      noColumn: 'アクションアイテムの表に期限の列がありません。列を追加し、項目ごとに日付を書いてください。',
      fixDate: '期限を {date} にする',
      fixColumn: '期限の列を追加する',
      listNoDeadline: 'このセクションの {count} 件の未完了のアクションアイテムに期限がありません。各項目に「（期限: 2025-03-01）」のように書くか、期限の列のある表にしてください。',
    },
  },
  check(ctx) {
    const { doc } = ctx;
    const inTwoWeeks = addDays(todayOf(ctx.config), 14);
    reportMissingColumn(ctx, 'deadline', { en: 'Deadline', ja: '期限' });
    const open = doc.openActionItems();
    for (const it of open) {
      if (it.kind !== 'table' || !it.deadline || it.deadline.text.replace(/[-—]/g, '').trim()) continue;
      const id = it.id?.text ? `${it.id.text} ` : '';
      ctx.report({
        range: itemRange(it, it.deadline),
        messageId: 'empty',
        args: { id },
        fixes: ctx.details ? [{ title: ctx.msg('fixDate', { date: inTwoWeeks }), edits: [fillCell(doc, it.deadline, inTwoWeeks)] }] : undefined,
      });
    }
    // List-form action items state a deadline in their text ("(due 2025-03-01)", "by March 1",
    // 「期限: 3月末」): one finding for those without, as missing-owner does for owners.
    const without = open.filter((it) => it.kind === 'list' && !it.listDeadline);
    if (without.length) ctx.report({ range: without[0].range, messageId: 'listNoDeadline', args: { count: without.length } });
  },
};
export default rule;
