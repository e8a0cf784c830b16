import type { Rule } from '../types';
import { fillCell, itemRange } from './util';

const rule: Rule = {
  id: 'duplicate-action-id',
  description: 'Action item ids are unique, so tickets and discussions can refer to one item.',
  defaultSeverity: 'error',
  tags: ['action-items'],
  summary: 'two action items with the same id',
  messages: {
    en: {
      duplicate: 'Action item id {id} is already used on line {line}. Give each item its own id.',
      fixRenumber: 'Change id to {next}',
    },
    ja: {
      duplicate: 'アクションアイテムID {id} は {line} 行目ですでに使われています。項目ごとに別のIDにしてください。',
      fixRenumber: 'IDを {next} に変更する',
    },
  },
  check(ctx) {
    const { doc } = ctx;
    const seen = new Map<string, number>();
    const all = doc.actionItems.items.map((i) => i.id?.text.trim()).filter((x): x is string => !!x);
    const used = new Set(all.map((s) => s.toUpperCase()));
    for (const it of doc.actionItems.items) {
      const id = it.id?.text.trim();
      if (!id || /^[-—]$/.test(id)) continue;
      const key = id.toUpperCase();
      const first = seen.get(key);
      if (first === undefined) {
        seen.set(key, it.line);
        continue;
      }
      // Next free id with the same prefix and width: AI-003 -> AI-004 ...
      const m = /^(\D*(?:\d+\D+)*)(\d+)$/.exec(id);
      let next = id + '-2';
      for (let k = 3; used.has(next.toUpperCase()); k++) next = `${id}-${k}`;
      if (m) {
        let n = 1;
        for (const other of used) {
          const om = /^(\D*(?:\d+\D+)*)(\d+)$/.exec(other);
          if (om && om[1] === m[1].toUpperCase()) n = Math.max(n, +om[2] + 1);
        }
        next = m[1] + String(n).padStart(m[2].length, '0');
      }
      used.add(next.toUpperCase());
      ctx.report({ range: itemRange(it, it.id), messageId: 'duplicate', args: { id, line: first + 1 }, fixes: [{ title: ctx.msg('fixRenumber', { next }), edits: [fillCell(doc, it.id!, next)], fixAll: true, isPreferred: true }] });
    }
  },
};
export default rule;
