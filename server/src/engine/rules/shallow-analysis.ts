import type { Rule } from '../types';
import { lineRange } from './util';

const FIVE_WHYS = /\b(?:five|5) ?whys?\b|\bwhys? analysis\b|なぜなぜ(?:分析)?/i;
// A line that asks or numbers a why: "Why did ...?", "**Why 3:** ...", "1. Why ...", "なぜ1: ...", "| Why? | ... |".
const WHY_LINE = /^\s*(?:[-*+]\s+|\d+[.)]\s+|\|\s*)?(?:\*\*|__)?(?:why\b|なぜ(?!なぜ))/i;
// A last answer that stops at a person or a mistake rather than a condition of the system.
const PERSON_OR_MISTAKE = /\b(?:human error|(?:made|makes|make|making) (?:a |an |the )?(?:mistake|error|typo)|mistakes?\b|careless(?:ness|ly)?|forgot|forgetting|overlooked|negligen(?:ce|t)|did(?:n'?t| not) (?:check|notice|follow|read|test|verify|pay attention)|failed to (?:check|notice|follow|test|verify|pay attention)|lack of (?:attention|care|diligence)|was(?:n'?t| not) careful|not careful enough|should have (?:known|checked|noticed))\b|人為的(?:な)?ミス|ヒューマンエラー|ミス(?:を|が|した|で)|不注意|確認不足|うっかり|忘れ(?:た|ていた)|注意(?:が)?足りな/i;

const rule: Rule = {
  id: 'shallow-analysis',
  description: 'A Five Whys analysis asks why at least five times and ends at a condition of the system, not at a person or a mistake.',
  defaultSeverity: 'warning',
  tags: ['analysis'],
  summary: 'a Five Whys (なぜなぜ分析) with fewer than five whys, or whose last answer is a person or a mistake',
  messages: {
    en: {
      few: 'This Five Whys asks why {count} times. Keep asking until you reach conditions the team can change (at least five times): the first answers are usually symptoms.',
      person: 'The last answer of this Five Whys is a person or a mistake ("{phrase}"). Ask why once more: what made the mistake possible or likely (a missing check, a confusing tool, a step left to memory)?',
    },
    ja: {
      few: 'このなぜなぜ分析は「なぜ」が{count}回です。チームが変えられる条件に届くまで（少なくとも5回）問い続けてください。最初の答えはたいてい症状です。',
      person: 'なぜなぜ分析の最後の答えが人やミス（「{phrase}」）で止まっています。もう一度なぜと問い、ミスを起こしやすくした条件（チェックの欠如、分かりにくい道具、記憶に頼る手順など）まで掘り下げてください。',
    },
  },
  check(ctx) {
    const { doc } = ctx;
    for (const s of doc.sections) {
      if (!FIVE_WHYS.test(s.title)) continue;
      const first = s.labelItem ? s.headingLine + 1 : s.headingLine + 1;
      const end = s.endLine;
      const skip = new Set<number>();
      for (const bi of s.blocks) {
        const b = doc.block(bi);
        if (b.kind === 'code' || b.kind === 'html') for (let l = b.startLine; l <= b.endLine; l++) skip.add(l);
      }
      const whyLines: number[] = [];
      for (let l = first; l <= end; l++) if (!skip.has(l) && WHY_LINE.test(doc.lines[l]) && !/^\s*(?:\|\s*)?(?:\*\*)?whys?\s*(?:\*\*\s*)?\|\s*(?:\*\*)?(?:answer|because|理由|答え)/i.test(doc.lines[l])) whyLines.push(l);
      let count = whyLines.length;
      let lastLine = whyLines[whyLines.length - 1];
      if (!count) {
        // No line says "why": the numbered or bulleted items are the whys.
        const items = s.blocks.map((bi) => doc.block(bi)).filter((b) => b.kind === 'list' && b.items).flatMap((b) => doc.topLevelItems(b));
        count = items.length;
        lastLine = items[items.length - 1]?.line;
      }
      if (!count) continue;
      const range = lineRange(s.headingLine, 0, doc.lines[s.headingLine].length);
      if (count < 5) {
        ctx.report({ range, messageId: 'few', args: { count } });
        continue;
      }
      // The last answer: after the question on the last why line, and the lines below it.
      let answer = doc.lines[lastLine].replace(/^[^?？]*[?？]/, '').replace(/^[^:：]*(?:why|なぜ)\s*(?:\d+\s*)?(?:\*\*)?[:：]/i, '');
      for (let l = lastLine + 1; l <= end && !/^#/.test(doc.lines[l]); l++) answer += ' ' + doc.lines[l];
      const m = PERSON_OR_MISTAKE.exec(answer);
      if (m) ctx.report({ range: lineRange(lastLine, 0, doc.lines[lastLine].length), messageId: 'person', args: { phrase: m[0] } });
    }
  },
};
export default rule;
