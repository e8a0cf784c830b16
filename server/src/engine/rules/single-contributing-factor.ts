import type { Rule } from '../types';
import { lineRange } from './util';

/** The headings of a "what went wrong" part. */
const WENT_WRONG = /\b(?:went (?:wrong|poorly|badly)|didn['’]t go (?:well|right)|did not go (?:well|right)|could have gone better)\b|うまくいかなかった|上手くいかなかった|悪かった(?:こと|点)/i;
/** A paragraph that counts its factors as it goes ("Firstly, ... Secondly, ...", 「第一に…第二に…」). */
const ENUMERATES = /\b(?:secondly|second(?:ly)?,|thirdly|additionally|in addition,|another (?:factor|cause|contributing|reason))|第二に|二つ目|2つ目|加えて、/i;

const rule: Rule = {
  id: 'single-contributing-factor',
  description: 'Contributing Factors lists more than one factor; incidents rarely have a single cause.',
  defaultSeverity: 'info',
  tags: ['structure', 'language'],
  summary: 'a Contributing Factors section with only one factor',
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
    // Every section of this kind counts (a report may have "Root Causes" and "Trigger"), and so do
    // nested items: a factor with sub-factors, or a five-whys chain, is more than one factor.
    // A "What went wrong" list tells what went badly in the response, not the causes: how many it has says nothing of them.
    const sections = doc.sections.filter((x) => x.kind === 'contributing-factors' && x.level <= 6 && !WENT_WRONG.test(x.title));
    const s = sections[0];
    if (!s) return;
    let factors = 0;
    let paragraphs = 0;
    let enumerated = false;
    for (const sec of sections) {
      for (const bi of sec.blocks) {
        const b = doc.block(bi);
        if (b.kind === 'list') factors += b.items!.length;
        else if (b.kind === 'heading' && (b.level ?? 0) > sec.level) factors++;
        else if (b.kind === 'table') factors += b.rows!.length;
        else if (b.kind === 'paragraph') {
          paragraphs++;
          if (ENUMERATES.test(doc.lines.slice(b.startLine, b.endLine + 1).join(' '))) enumerated = true;
        }
      }
    }
    // Prose-only sections: several paragraphs usually describe several factors.
    if (factors === 0 && (paragraphs !== 1 || enumerated)) return;
    if (factors > 1 || (factors === 0 && paragraphs > 1)) return;
    ctx.report({ range: lineRange(s.headingLine, 0, doc.lines[s.headingLine].length), messageId: 'single' });
  },
};
export default rule;
