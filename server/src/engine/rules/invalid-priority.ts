import type { Rule } from '../types';
import { itemRange, lineRange } from './util';
import { leadingValue, scaleKey } from './invalid-severity';

const rule: Rule = {
  id: 'invalid-priority',
  description: 'Action item priorities use a value of the team\'s scale (priorityScale; default P0-P4, Critical/High/Medium/Low, 高/中/低).',
  defaultSeverity: 'warning',
  tags: ['action-items'],
  summary: 'priorities outside the configured scale (`priorityScale`; default P0..P4, Critical/High/Medium/Low, 高/中/低)',
  messages: {
    en: {
      invalid: 'Priority "{value}" of action item {id}is not on the scale ({scale}). Use one of its values so items can be sorted and compared; set priorityScale in .postmortemrc if your team uses another.',
      fix: 'Use {value}',
    },
    ja: {
      invalid: 'アクションアイテム {id}の優先度「{value}」は尺度（{scale}）にありません。並べ替えや比較ができるよう尺度の値を使ってください。チームが別の尺度を使う場合は .postmortemrc の priorityScale で設定してください。',
      fix: '{value} にする',
    },
  },
  check(ctx) {
    const { doc, config } = ctx;
    const keys = new Set(config.priorityScale.map(scaleKey));
    for (const it of doc.actionItems.items) {
      const cell = it.priority;
      if (!cell) continue;
      const value = leadingValue(cell.text);
      // Empty and pending priorities are missing-priority's business.
      if (!value || /^(?:tbd|n\/a|-+|—|未定|\?)$/i.test(value)) continue;
      if (keys.has(scaleKey(value))) continue;
      const range = itemRange(it, cell);
      const target = lineRange(cell.line, cell.start, cell.end);
      const fixes = config.priorityScale.slice(0, 5).map((v) => ({ title: ctx.msg('fix', { value: v }), edits: [{ range: target, newText: v }] }));
      ctx.report({ range, messageId: 'invalid', args: { value, id: it.id?.text ? `${it.id.text} ` : '', scale: config.priorityScale.join(', ') }, fixes });
    }
  },
};
export default rule;
