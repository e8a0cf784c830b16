import type { Rule } from '../types';
import { actionRecords, todayOf } from '../actions';
import { itemRange } from './util';

const rule: Rule = {
  id: 'untracked-action',
  description: 'Every open action item links to a ticket (a URL, #123 or ABC-123), so it is tracked where the work happens.',
  defaultSeverity: 'warning',
  enabledByDefault: false,
  tags: ['action-items'],
  summary: 'open action items with no ticket link or id (a URL, `#123`, `ABC-123`); off until turned on',
  messages: {
    en: {
      untracked: 'Action item {id}links to no ticket. Items tracked only in a document are forgotten: create one and write its link or key (URL, #123, ABC-123), e.g. with `postmortem actions link`.',
    },
    ja: {
      untracked: 'アクションアイテム {id}にチケットへのリンクがありません。文書の中だけの項目は忘れられます。チケットを作成し、リンクかキー（URL、#123、ABC-123）を書いてください（`postmortem actions link` でも書けます）。',
    },
  },
  check(ctx) {
    const { doc } = ctx;
    const records = actionRecords(doc, todayOf(ctx.config));
    doc.actionItems.items.forEach((it, i) => {
      const r = records[i];
      if (!r.open || r.ticket) return;
      ctx.report({ range: itemRange(it, it.ticket ?? it.id ?? it.action), messageId: 'untracked', args: { id: r.id ? `${r.id} ` : '' } });
    });
  },
};
export default rule;
