import type { Rule, Fix } from '../types';
import { fillCell, itemRange, reportMissingColumn } from './util';

const rule: Rule = {
  id: 'missing-owner',
  description: 'Every action item names an owner: a person, a team or a role, not a placeholder.',
  defaultSeverity: 'warning',
  tags: ['action-items'],
  summary: 'action items whose owner is empty or a placeholder (`TBD`, `?`, `-`, `someone`, `team`); a table with no Owner column',
  messages: {
    en: {
      empty: 'Action item {id}has no owner. Name the person, team or role who will do it (e.g. @alice or "SRE team"); items without an owner rarely get done.',
      placeholder: 'Action item {id}has the placeholder owner "{owner}". Name the person, team or role who will do it.',
      noColumn: 'The action items table has no Owner column. Add one and name an owner for each item.',
      listNoOwner: '{count} action item(s) in this section name no owner. Put them in a table with an Owner column, or add "owner: @name" to each.',
      fixCandidate: 'Set owner to {owner}',
      fixPlaceholder: 'Set owner to a placeholder to fill in',
      fixColumn: 'Add an Owner column',
      placeholderText: 'OWNER',
    },
    ja: {
      empty: 'アクションアイテム {id}に担当者がいません。実施する人・チーム・役割を書いてください（例: @alice、SREチーム）。担当者のいない項目はほとんど実行されません。',
      placeholder: 'アクションアイテム {id}の担当者「{owner}」は仮の値です。実施する人・チーム・役割を書いてください。',
      noColumn: 'アクションアイテムの表に担当者の列がありません。列を追加し、項目ごとに担当者を書いてください。',
      listNoOwner: 'このセクションの {count} 件のアクションアイテムに担当者がいません。担当者列のある表にするか、各項目に「担当: @name」を書いてください。',
      fixCandidate: '担当者を {owner} にする',
      fixPlaceholder: '担当者に仮の値を入れる',
      fixColumn: '担当者の列を追加する',
      placeholderText: '〈担当者〉',
    },
  },
  check(ctx) {
    const { doc, config } = ctx;
    const ai = doc.actionItems;
    const candidates = doc.owners(config.placeholderOwners).slice(0, 8);
    reportMissingColumn(ctx, 'owner', { en: 'Owner', ja: '担当者' });
    const open = doc.openActionItems();
    for (const it of open) {
      if (it.kind !== 'table') continue;
      const table = ai.tables[it.table!];
      if (table.columns.owner === undefined) continue;
      const cell = it.owner!;
      if (!doc.isPlaceholderOwner(cell.text, config.placeholderOwners)) continue;
      const id = it.id?.text ? `${it.id.text} ` : '';
      if (!ctx.details) {
        ctx.report({ range: itemRange(it, cell), messageId: cell.text ? 'placeholder' : 'empty', args: { id, owner: cell.text } });
        continue;
      }
      const fixes: Fix[] = candidates.map((c, i) => ({ title: ctx.msg('fixCandidate', { owner: c }), edits: [fillCell(doc, cell, c)], isPreferred: i === 0 && candidates.length === 1 }));
      fixes.push({ title: ctx.msg('fixPlaceholder'), edits: [fillCell(doc, cell, ctx.msg('placeholderText'))], snippet: undefined });
      ctx.report({ range: itemRange(it, cell), messageId: cell.text ? 'placeholder' : 'empty', args: { id, owner: cell.text }, fixes, data: { owner: cell.text } });
    }
    // List-form action items: one finding for the section, since the structure is what is missing
    // (a section may hold many short lists; a finding per list would be a flood).
    const without = open.filter((it) => it.kind === 'list' && (!it.listOwner || doc.isPlaceholderOwner(it.listOwner, config.placeholderOwners)));
    if (without.length) ctx.report({ range: without[0].range, messageId: 'listNoOwner', args: { count: without.length } });
  },
};
export default rule;
