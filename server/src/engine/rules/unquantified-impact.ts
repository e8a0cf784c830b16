import type { Rule } from '../types';
import type { Section } from '../model/types';
import { lineRange } from './util';
import { removeComments, withoutLinkTargets } from '../strip';

// A number in any form a reader can count with: digits (3, 1.5k, 40%, $2,000), number words,
// Japanese numerals with a counter (三件, 数百人). Words between are at most 40 letters, so a run of
// letters with no space is not searched again from every position.
const NUMBER = /\d|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty|sixty|hundreds?|thousands?|millions?|billions?|dozens?|half|a third|a quarter|single)\b|\b(?:no|none of the|zero) (?:\w{1,40} ){0,2}(?:users?|customers?|packages?|data|impact|requests?|accounts?|funds|services?)\b|\b(?:all|every)\s+(?:of\s+)?(?:the\s+|our\s+)?(?:[\w-]{1,40}\s+){0,2}[\w-]{0,39}s\b|\b(?:every|entire|whole)\s+(?:[\w-]{1,40}\s+){0,2}(?:user|customer|request|region|service|site|cluster|fleet|platform)\b|\b(?:full|complete|total) (?:\w{1,40} ){0,2}outage\b|[一二三四五六七八九十百千万億半数全][件人名社台回分時間日割%％]|全(?:ユーザー|顧客|リクエスト|サービス)|[０-９]/i;

const rule: Rule = {
  id: 'unquantified-impact',
  description: 'The Impact section quantifies the impact: users, requests, a percentage, money or minutes.',
  defaultSeverity: 'warning',
  tags: ['structure'],
  summary: 'an Impact section with no number at all (users, requests, percentage, money, minutes)',
  messages: {
    en: {
      vague: 'The Impact section gives no number. Say how many users or requests were affected, what share, for how many minutes, and at what cost, so the incident can be compared with others.',
    },
    ja: {
      vague: '影響セクションに数値がありません。影響を受けたユーザー数・リクエスト数、割合、時間（分）、金額などを書き、他のインシデントと比較できるようにしてください。',
    },
  },
  check(ctx) {
    const { doc } = ctx;
    const s = doc.sectionOf('impact');
    if (!s) return;
    // Every part that tells the impact counts: a header table may give it in two rows ("Affected
    // metrics/SLOs" beside "Impact"), and a number in any of them quantifies it.
    const parts = doc.sections.filter((p) => p.kind === 'impact');
    const bodies = (parts.length ? parts : [s]).map((p) => impactText(doc.lines, p));
    // An empty section says nothing yet; a section made only of sub-headings is read through them.
    if (bodies.every((body) => !body.replace(/^#+.*$/gm, '').trim())) return;
    if (bodies.some((body) => NUMBER.test(body))) return;
    ctx.report({ range: lineRange(s.headingLine, 0, doc.lines[s.headingLine].length), messageId: 'vague' });
  },
};

/** A part's text, without comments and link targets; a label part (`- **Impact**: ...`, `【影響範囲】...`) may have its text on the label's line. */
function impactText(docLines: string[], s: Section): string {
  const from = s.contentStart !== undefined ? s.headingLine : s.headingLine + 1;
  const lines: string[] = [];
  for (let l = from; l <= s.endLine; l++) {
    let text = docLines[l];
    if (l === s.headingLine) text = text.slice(s.contentStart);
    lines.push(withoutLinkTargets(removeComments(text)));
  }
  return lines.join('\n');
}
export default rule;
