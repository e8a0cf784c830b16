import type { Rule } from '../types';
import { itemRange } from './util';
import { withoutLinkTargets } from '../strip';

/** The words of an action, for comparing: link targets, markup, trailing notes in parentheses and punctuation left out, case folded. */
function actionKey(text: string): string {
  return withoutLinkTargets(text)
    .replace(/[*_`[\]]/g, '')
    .trim()
    .replace(/[(（][^()（）]*[)）]$/, '')
    .replace(/[\s\p{P}]+/gu, ' ')
    .trim()
    .toLowerCase();
}

/** Short actions ("None", "TBD", "Improve alerting", 「検討中」) may come back under each of several incidents in one report as separate work. */
const MIN_KEY = 24;

const rule: Rule = {
  id: 'duplicate-action',
  description: 'Each action is listed once, so it has one owner, one deadline and one status.',
  defaultSeverity: 'warning',
  tags: ['action-items'],
  summary: 'the same action item listed twice in the report',
  messages: {
    en: {
      duplicate: 'This action repeats the one on line {line}. Keep one and delete the other, so the work has one owner, one deadline and one status.',
    },
    ja: {
      duplicate: 'このアクションは {line} 行目と同じです。一つにまとめ、担当者・期限・状態を一か所で管理してください。',
    },
  },
  check(ctx) {
    const { doc } = ctx;
    const seen = new Map<string, number>();
    for (const it of doc.actionItems.items) {
      const text = it.kind === 'list' ? (it.text ?? it.action?.text) : it.action?.text;
      if (!text) continue;
      const key = actionKey(text);
      if (key.length < MIN_KEY) continue;
      const first = seen.get(key);
      if (first === undefined) seen.set(key, it.line);
      else ctx.report({ range: itemRange(it, it.action), messageId: 'duplicate', args: { line: first + 1 } });
    }
  },
};
export default rule;
