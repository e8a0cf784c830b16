import type { Rule } from '../types';
import { lineRange } from './util';

const rule: Rule = {
  id: 'single-contributing-factor',
  description: 'Contributing Factors lists more than one factor; incidents rarely have a single cause.',
  defaultSeverity: 'info',
  tags: ['structure', 'language'],
  messages: {
    en: {
      single: 'Only one contributing factor is listed. Incidents come from several conditions together (a change, a missing safeguard, a signal nobody saw); list each as its own item.',
    },
    ja: {
      single: '寄与要因が一つしか挙げられていません。インシデントは複数の条件の重なりで起きます（変更、欠けていた安全策、気づかれなかった兆候など）。それぞれを別の項目として書いてください。',
    },
  },
  check(ctx) {
    const { doc } = ctx;
    const s = doc.sectionOf('contributing-factors');
    if (!s) return;
    let factors = 0;
    let paragraphs = 0;
    for (const bi of s.blocks) {
      const b = doc.block(bi);
      if (b.kind === 'list') factors += b.items!.filter((it) => it.indent <= Math.min(...b.items!.map((x) => x.indent)) + 1).length;
      else if (b.kind === 'heading' && (b.level ?? 0) > s.level) factors++;
      else if (b.kind === 'table') factors += b.rows!.length;
      else if (b.kind === 'paragraph') paragraphs++;
    }
    // Prose-only sections: several paragraphs usually describe several factors.
    if (factors === 0 && paragraphs !== 1) return;
    if (factors > 1 || (factors === 0 && paragraphs > 1)) return;
    ctx.report({ range: lineRange(s.headingLine, 0, doc.lines[s.headingLine].length), messageId: 'single' });
  },
};
export default rule;
