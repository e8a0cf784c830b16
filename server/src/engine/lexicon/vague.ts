// What makes an action item vague: it opens with a direction ("improve", "investigate", "be more
// careful", 「改善する」「検討する」) and names nothing that could be checked off: no artifact, no
// place, no threshold, no measure. A direction with a deliverable ("Improve p99 of /search to under
// 300 ms", "Investigate why `pg_dump` skipped the audit schema") is concrete; a linked ticket alone
// is not.

export type VagueCategory = 'monitoring' | 'tests' | 'investigate' | 'care' | 'process' | 'fix' | 'improve';

export interface VagueVerdict {
  /** The direction phrase that opened the item, as written. */
  lead: string;
  category: VagueCategory;
  /** Offsets of the lead in the text given to `judgeAction`. */
  leadStart: number;
  leadEnd: number;
}

// Each lead: a regex at the start of the (cleaned) action, its category, and whether a named
// artifact or measure can redeem it ('never' for "be more careful").
const LEADS: { re: RegExp; category: VagueCategory; redeemable: boolean; question?: boolean }[] = [
  { re: /^(?:be (?:more |extra |very )?(?:careful|cautious|vigilant|diligent|attentive|mindful)|take (?:more |extra )?care|pay (?:more |closer |extra )?attention|stay (?:vigilant|alert)|remember to|don[’']t forget(?: to)?|do not forget(?: to)?|double[- ]check (?:everything|things|changes|your work))\b/i, category: 'care', redeemable: false },
  { re: /^(?:ensure|make sure|ensuring|guarantee)\b/i, category: 'care', redeemable: true },
  { re: /^(?:improve|improving|enhance|enhancing|strengthen|strengthening|harden|hardening|optimi[sz]e|bolster|tighten)\b/i, category: 'improve', redeemable: true },
  { re: /^(?:increase|increasing|boost|raise)\s+(?:our\s+|the\s+)?(?:monitoring|alerting|observability|visibility|awareness|test coverage|coverage|resilience|reliability|robustness|redundancy|stability|quality)\b/i, category: 'improve', redeemable: true },
  { re: /^(?:continue to|keep)\s+(?:attempt|try|work|monitor|investigat|look|improv)\w*/i, category: 'process', redeemable: true },
  { re: /^(?:better|deeper|more (?:robust|reliable|resilient|comprehensive|thorough))\s+\w+/i, category: 'improve', redeemable: true },
  { re: /^(?:(?:need|find|get|have)\s+)?a better way\b|^(?:align|aligning)\b/i, category: 'process', redeemable: true },
  { re: /^(?:establish|establishing|develop|developing|define|defining|create|creating)\s+(?:a\s+)?(?:more\s+)?(?:robust|better|comprehensive|improved|clearer)\s+/i, category: 'improve', redeemable: true },
  { re: /^(?:add|adding|write|create|have|need|get|implement|set ?up|introduce)\s+(?:more|additional|extra|better|further|more robust|proper|some)\s+(?:unit |integration |e2e |end-to-end |automated |[A-Z][\w-]+ )?(?:tests?|testing|test coverage|coverage|monitoring|alerts?|alerting|logging|logs|metrics|observability|documentation|docs|checks|safeguards|validation|guardrails|visibility)\b/i, category: 'tests', redeemable: true },
  { re: /^(?:more\s+(?:tests?|testing|monitoring|alerts?|alerting|logging|metrics|documentation|checks|safeguards|validation|visibility))\b/i, category: 'tests', redeemable: true },
  { re: /^(?:add|write)\s+(?:tests?|testing|monitoring|alerting|logging|metrics|documentation)\s*$/i, category: 'tests', redeemable: true },
  { re: /^(?:investigate|investigating|identify|identifying|spike(?: into| on)?|find (?:a |better )?ways?(?: of| to)?|look into|looking into|look at|dig into|explore|exploring|research|analy[sz]e|understand|figure out|evaluate|assess|consider|think about|discuss|revisit|reconsider|re-?evaluate|reflect on|reflect|brainstorm|follow up on|follow up|check on|check into|determine)\b/i, category: 'investigate', redeemable: true, question: true },
  { re: /^(?:review|re-?review)\s+(?:(?:our|the|all|existing|current|internal)\s+)*(?:process(?:es)?|procedures?|practices?|policies|policy|workflows?|approach|setup|configuration|config|architecture|strategy|documentation|docs|runbooks?|playbooks?|alerts?|alerting|monitoring)\b/i, category: 'process', redeemable: true },
  { re: /^fix\s+(?:the|this|that|these|those|all|any)?\s*(?:issues?|problems?|bugs?|errors?|root cause|underlying (?:issue|problem|cause))\s*$|^fix (?:it|this|things)\b/i, category: 'fix', redeemable: true },
  { re: /^(?:educate|train|raise awareness|increase awareness|spread awareness|communicate (?:better|more)|share (?:the )?learnings|keep an eye on|monitor the situation|continue to monitor|work on|work towards|try to|aim to|strive to|avoid (?:this|such|similar) (?:in the future|issues|incidents))\b/i, category: 'process', redeemable: true },
];

const JA_LEAD = /(?:を|の|に|について)?(?:改善|強化|徹底|検討|見直し?|注意喚起|注意|周知|意識|気を(?:つけ|付け)|心が(?:け|ける)|努め|留意|再発防止に努め|確認を徹底)(?:する|します|していく|を行う|を図る|を進める|す|る|した|して)?[。.]?\s*$/u;
const JA_CATEGORY: [RegExp, VagueCategory][] = [
  [/監視|アラート|モニタリング|可観測/, 'monitoring'],
  [/テスト|検証/, 'tests'],
  [/注意|気を|意識|心が|徹底|留意|周知/, 'care'],
  [/検討|調査/, 'investigate'],
  [/手順|プロセス|運用|体制|ドキュメント|レビュー/, 'process'],
];

const COMMON_HYPHENATED = new Set(['on-call', 'oncall', 'follow-up', 'follow-ups', 'e-mail', 're-run', 'set-up', 'real-time', 'end-to-end', 'long-term', 'short-term', 'self-service', 'pre-production', 'non-production', 'in-house', 'up-to-date', 'day-to-day', 'well-known', 'post-mortem', 'post-mortems', 'postmortem', 'sign-off', 'roll-out', 'roll-back', 'run-book', 'co-ordinate', 'third-party', 're-evaluate', 'e.g', 'i.e', 'etc.', 'and/or', 'n/a', 'high-level', 'low-level', 'first-class', 'best-effort', 'cross-team', 'team-wide', 'company-wide', 'org-wide', 'built-in', 'opt-in', 'opt-out', 'user-facing', 'customer-facing', 'in-depth', 'ad-hoc', 'ad hoc', 'double-check', 'long-running', 'short-lived', 'long-lived', 'fail-safe', 'failsafe', 'fine-grained', 'well-defined', 'step-by-step', 'up-front', 'read-only', 'self-hosted', 'multi-region', 'single-region']);

const MEASURE = /\d|%|\bp(?:50|9\d)\b|(?:>|<|≥|≤|=)|\b(?:above|below|exceeds?|at least|at most|within|less than|more than|greater than|fewer than|daily|weekly|monthly|hourly|quarterly|nightly|every|per|each (?:release|deploy|deployment|change|quarter|sprint|week|month|day)|once an?|twice)\b|以上|以下|未満|超え|以内|毎日|毎週|毎月|ごとに|秒|分以内/i;
const VERSION = /\bv\d+(?:\.\d+)*\b/gi;
const ARTIFACT = /`[^`]+`|"[^"]{2,}"|“[^”]{2,}”|「[^」]+」|'[^'\s][^']*[^'\s]'/;
const IDENT = /(?:^|[\s(])((?:[A-Za-z0-9]+(?:[-_.:][A-Za-z0-9]+)+)|\/[\w.-]+(?:\/[\w.-]+)*)(?=$|[\s),.;:])/g;
const ASCII_NAME_IN_JA = /[A-Za-z][A-Za-z0-9_-]{2,}/;

/** Cleans an action cell: drops Markdown emphasis, link targets, ticket ids, owner notes and a checkbox. */
export function cleanAction(text: string): string {
  return text
    .replace(/<!--[\s\S]*?-->/g, '')
    .replace(/!\[[^\]]*\]\([^)]*\)/g, '')
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/<https?:[^>]+>|https?:\/\/\S+/g, '')
    .replace(/^\s*(?:\[[ xX]\]\s*)?/, '')
    .replace(/[*_]{1,3}(?=\S)|(?<=\S)[*_]{1,3}/g, '')
    .replace(/\((?:[^()]*\b(?:owner|assignee|due|by|pr|issue|ticket|done|jira)\b[^()]*|#\d+|[A-Z][A-Z0-9]+-\d+)\)/gi, '')
    .replace(/\b(?:[A-Z][A-Z0-9]+-\d+|GH-\d+|AI-\d+)\b:?|\[?#\d+\]?:?/g, '')
    .replace(/\b(?:owner|assignee|assigned to|due|deadline)\s*[:=][^,;]*$/i, '')
    .replace(/@[A-Za-z0-9][\w-]*(?:\/[\w-]+)?/g, '')
    .replace(/\b\d{4}-\d{2}-\d{2}\b/g, '')
    .replace(/^\s*(?:todo|action|ai|follow[- ]?up)\s*[:\-–—]\s*/i, '')
    .replace(/^\s*(?:we|the team|team)\s+(?:should|will|need to|must|have to|are going to|plan to|are|'re|’re)\s+/i, '').replace(/^\s*we(?:'re|’re|'ll|’ll)\s+/i, '')
    .replace(/\s+/g, ' ')
    .trim();
}

function isConcrete(rest: string, investigation: boolean): boolean {
  if (MEASURE.test(rest.replace(VERSION, ''))) return true;
  if (ARTIFACT.test(rest)) return true;
  // An investigation stays open-ended whatever component it names; only a measure or an exact
  // artifact (code, a quoted message) pins it down.
  if (investigation) return false;
  for (const m of rest.matchAll(IDENT)) if (!COMMON_HYPHENATED.has(m[1].toLowerCase()) && !/^(?:e\.g|i\.e)$/i.test(m[1])) return true;
  const names = new Set([...rest.matchAll(/(?<=\s)(?:[A-Z][a-z]+[A-Z]\w*|[A-Z]{2,}[a-z]*\w*|[A-Z][a-z]{2,})\b/g)].map((m) => m[0]).filter((w) => !/^(?:I|We|The|A|An|This|That|It|And|Or|If|When|SRE|API|APIs|DNS|CI|CD|UI|UX|TLS|SSL|HTTP|HTTPS|PR|PRs|MR|TODO|ASAP|Make|Ensure|SDK|SDKs|SLA|SLAs|SLO|SLOs|QA|AWS)$/.test(w)));
  // Two or more proper names (a product and a component) name a place precisely enough.
  if (names.size >= 2) return true;
  return false;
}

/** Judges one action. Returns the verdict when it is vague, else undefined. */
export function judgeAction(raw: string, extraVerbs: readonly string[] = []): VagueVerdict | undefined {
  const text = cleanAction(raw);
  // Empty, or a heading for a sub-list that holds the specifics ("Ensure alerting is in place for:").
  if (!text || /[:：]$/.test(text)) return undefined;
  const leadIn = (lead: string) => {
    const i = raw.toLowerCase().indexOf(lead.toLowerCase());
    return i >= 0 ? { leadStart: i, leadEnd: i + lead.length } : { leadStart: 0, leadEnd: raw.length };
  };
  if (/[\u3040-\u30ff\u4e00-\u9fff]/.test(text)) {
    const m = JA_LEAD.exec(text);
    if (!m) return undefined;
    const rest = text.slice(0, m.index);
    const careOnly = /注意|気を|意識|心が|留意|努め/.test(m[0]) && !/確認/.test(m[0]);
    if (!careOnly && (MEASURE.test(rest) || ARTIFACT.test(rest) || ASCII_NAME_IN_JA.test(rest))) return undefined;
    const category = JA_CATEGORY.find(([re]) => re.test(text))?.[1] ?? 'improve';
    const lead = m[0].replace(/^(?:を|の|に|について)/, '').replace(/[。.\s]+$/, '');
    return { lead, category, ...leadIn(lead) };
  }
  for (const l of LEADS) {
    const m = l.re.exec(text);
    if (!m) continue;
    const rest = text.slice(m[0].length);
    if (l.redeemable && isConcrete(rest, !!l.question)) return undefined;
    let category = l.category;
    if (category === 'improve' || category === 'tests' || category === 'process') {
      if (/monitor|alert|observab|visibility|metric|dashboard|logging|logs\b/i.test(text)) category = 'monitoring';
      else if (/\btest/i.test(text)) category = 'tests';
    }
    return { lead: m[0], category, ...leadIn(m[0]) };
  }
  for (const v of extraVerbs) {
    const re = new RegExp(`^${v.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![\\w-])`, 'i');
    const m = re.exec(text);
    if (!m) continue;
    if (isConcrete(text.slice(m[0].length), true)) return undefined;
    return { lead: m[0], category: 'improve', ...leadIn(m[0]) };
  }
  return undefined;
}

/** Concrete templates (VS Code snippet syntax) per category and locale. */
export const TEMPLATES: Record<'en' | 'ja', Record<VagueCategory, string>> = {
  en: {
    monitoring: 'Add ${1:metric} to ${2:dashboard} and alert when ${3:condition}',
    tests: 'Add a test to ${1:suite} that fails when ${2:condition}',
    investigate: 'Find why ${1:symptom} happened and record the answer in ${2:ticket} by ${3:date}',
    care: 'Add a check to ${1:pipeline} that blocks ${2:change} when ${3:condition}',
    process: 'Update ${1:runbook} to cover ${2:case}',
    fix: 'Fix ${1:defect} in ${2:component} and add a test that covers it',
    improve: 'Change ${1:component} so that ${2:measure} reaches ${3:target}',
  },
  ja: {
    monitoring: '${1:ダッシュボード}に${2:指標}を追加し、${3:条件}のときにアラートを出す',
    tests: '${1:テストスイート}に${2:条件}で失敗するテストを追加する',
    investigate: '${1:事象}の原因を調べ、${3:期日}までに${2:チケット}に記録する',
    care: '${1:パイプライン}に${3:条件}のとき${2:変更}を止めるチェックを追加する',
    process: '${1:手順書}に${2:ケース}の手順を追記する',
    fix: '${2:コンポーネント}の${1:不具合}を修正し、それを検出するテストを追加する',
    improve: '${1:コンポーネント}を変更し、${2:指標}を${3:目標}にする',
  },
};

/** The plain-text form of a snippet: `${1:metric}` -> `METRIC` (Japanese: 〈指標〉). */
export function snippetToText(snippet: string): string {
  return snippet.replace(/\$\{\d+:([^}]*)\}/g, (_, p: string) => (/[^\x00-\x7f]/.test(p) ? `〈${p}〉` : p.toUpperCase()));
}
