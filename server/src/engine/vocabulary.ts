// The words of the post-mortem template, in English and Japanese: section headings, header
// fields and table columns, each with the synonyms teams use.
import { PARENTHESES, linkText, removeComments, replaceEnclosed } from './strip';

export type SectionKind =
  | 'summary'
  | 'impact'
  | 'timeline'
  | 'contributing-factors'
  | 'action-items'
  | 'what-went-well'
  | 'lessons-learned';

export const SECTION_ORDER: SectionKind[] = [
  'summary',
  'impact',
  'timeline',
  'contributing-factors',
  'action-items',
  'what-went-well',
  'lessons-learned',
];

/** Regular expressions over a normalized heading (lower case, numbering and punctuation removed). */
export const SECTION_PATTERNS: Record<SectionKind, RegExp> = {
  summary: /^(?:(?:executive |incident |issue |outage |event )?(?:summary|overview|synopsis)|(?:(?:incident|issue|problem|outage|event) )?description(?: of (?:the )?(?:incident|issue|problem|outage|event))?|conclusions?|tl ?;? ?dr|what happened|サマリ[ー]?|要約|(?:最終)?結論|まとめ|何が起きたか|(?:発生した)?事象(?:の内容|の概要)?|発生事象|事実(?:関係)?)$/,
  impact: /^(?:(?:[\w-]+ ){0,3}impact(?:ed)?(?: (?:on|to) [\w ]+)?|(?:customer |user |business |incident )?impact(?: (?:and|&) scope| on (?:users|customers)| assessment)?|scope(?: of impact)?|blast radius|(?:what|who) (?:is|was|were) (?:impacted|affected)|what (?:is|was|were) the (?:[\w-]+ )?impacts?(?: [\w-]+){0,2}|affected [\w-]+(?: [\w-]+)?)$/,
  timeline: /^(?:sequence of events|order of events|event log|log of events)$/,
  'contributing-factors': /^(?:(?:contributing|causal|underlying) (?:factors?|issues?|causes?)|root causes?|causes?|causal analysis|(?:incident |technical |failure |post-?mortem )?analysis|how did (?:it|this|that) happen|(?:what|things that) went (?:wrong|poorly|badly)|what (?:didn'?t|did not) go (?:well|right)|problems? encountered|trigger|triggers)(?:\b.*)?$/,
  'action-items': /^(?:action (?:items?|points?|plan)|actionables|actionable items?|(?:immediate |planned |follow-up |future |remediation |corrective |proposed |recommended |suggested )actions?|recommendations|recommended (?:changes|fixes|improvements|next steps)|proposed (?:changes|fixes|improvements)|proposals|actions? planned|(?:open |outstanding |remaining |pending )?follow[- ]?ups?|remediations?|corrective (?:and prevent(?:at)?ive )?(?:actions?|measures?)|prevent(?:at)?ive (?:actions?|measures?)|next steps|future work|prevention|preventing (?:it|this|recurrence|(?:the|this|a) (?:issue|incident|problem|outage|failure)s?)|what(?:'|’)?s next|what next|(?:planned|future|further) measures|countermeasures|(?:short|long|medium|mid)[- ]term|improvements|improving|what we(?:'|’)?re doing about it|what (?:is|we are) being done(?: about (?:it|this))?|what we are doing(?: about (?:it|this))?|resulting actions?|what we(?:'|’)?re changing|what (?:we|we'?re|we are|we will|we'?ll) (?:do|doing|change|changing|fix|fixing)|how (?:we(?:'|’)?re|we are|we will|we'?ll|are we|will we|we) (?:fix|fixing|prevent|preventing|going to|improve|improving|address|addressing|make sure)|actions? to be taken|looking (?:forward|ahead))(?:\b.*)?$|^mitigations?$/,
  'what-went-well': /^(?:what went (?:well|right)|things that went well|went well|what worked|うまくいったこと|良かったこと|よかったこと|良かった点|よかった点|うまくいった点|(?:正しく|適切に|うまく)対応できた(?:こと|点))(?:\b.*)?$/,
  // A section called "Postmortem" inside a report is its reflection: what went wrong and what was learned.
  // "Lessons" alone, and "Where we got lucky" (with What went well / What went wrong, the parts of the usual Lessons Learned).
  'lessons-learned': /^(?:post-?mortem|retrospective|(?:improvement )?opportunities(?: for improvement)?|lessons?|(?:where|what|how) (?:we got|did we get) lucky(?: on| with)?|things we got lucky (?:on|with))$|^(?:learnings|(?:key )?(?:takeaways|insights)|what we(?:(?:'|’)ve| have)? learn(?:ed|t)|(?:主要な|主な)?教訓|学び|学んだこと|得られた教訓|振り返り)(?:\b.*)?$/,
};

/**
 * Words that name a section wherever they stand in the heading ("障害の概要", "Detailed timeline",
 * "お客様への影響"). Unanchored and without `.*`, so a long heading costs one pass.
 */
export const SECTION_WORDS: Partial<Record<SectionKind, RegExp>> = {
  summary: /概要/,
  impact: /影響/,
  timeline: /\b(?:time ?line|chronology)\b|タイムライン|時系列|経緯|経過(?!観察|時間|状況)|^発生から[^ ]{0,20}まで/,
  'contributing-factors': /^why\b|原因|要因|^なぜ/,
  'action-items': /アクション|対策|防止策|再発防止|^今後の|^改善|^是正|^提案(?:事項)?$|^推奨(?:事項|対応)?$/,
  'lessons-learned': /\blessons? learn(?:ed|t)/,
};

/**
 * What a sentence that introduces a list says when the list is a section written without a heading
 * ("Our main findings as to why this incident occurred were:", "To prevent a recurrence ... we have
 * planned the following work:", 「再発防止策として以下を実施します。」). Read in this order over the
 * sentence in lower case; the first that matches names the list. Plans come before causes because a
 * plan's sentence often names the causes it answers ("To address these findings ...").
 */
export const SECTION_INTRO_WORDS: [SectionKind, RegExp][] = [
  ['action-items', /\b(?:action items?|(?:possible|potential|future|further|proposed|suggested) (?:actions?|improvements)|follow[- ]?up (?:work|items|actions|tasks)|next steps|remediation (?:items|work|steps|plan)|(?:planned|plan|will (?:take|make|do|implement)|are (?:taking|making|planning)|will be (?:taking|making|doing|implementing)) the following|(?:to|will|help) prevent (?:a |this |the |it |similar |such |further )?(?:recurrence|from happening|happening again|incidents?|outages?|issues?)|(?:minimi[sz]e|reduce|limit|lessen|mitigate) (?:the |its |their |this |that )?(?:impact|risk|likelihood|chance)s?)\b|再発防止|今後の対策|対策として|対策を/],
  ['contributing-factors', /\b(?:root causes?|contributing factors?|causes? (?:of|were|was|included?)|caused by|why (?:this|the|it) (?:[a-z]+ )?(?:occurred|happened)|what went wrong)\b|原因|要因/],
  ['lessons-learned', /\b(?:lessons?|takeaways|we (?:have )?(?:learned|learnt))\b|教訓|学んだ/],
  ['timeline', /\b(?:timeline|sequence of events|chronology)\b|経緯|時系列/],
  ['impact', /\b(?:impact(?:ed|s)?|affected)\b|影響/],
];

export const SECTION_TITLES: Record<SectionKind, { en: string; ja: string }> = {
  summary: { en: 'Summary', ja: '概要' },
  impact: { en: 'Impact', ja: '影響' },
  timeline: { en: 'Timeline', ja: 'タイムライン' },
  'contributing-factors': { en: 'Contributing Factors', ja: '寄与要因' },
  'action-items': { en: 'Action Items', ja: 'アクションアイテム' },
  'what-went-well': { en: 'What Went Well', ja: 'うまくいったこと' },
  'lessons-learned': { en: 'Lessons Learned', ja: '教訓' },
};

const PICTOGRAPH = /^[\s\p{Extended_Pictographic}\u200d\ufe0f]$/u;
const LEADING_PICTOGRAPHS = /^[\s\p{Extended_Pictographic}\u200d\ufe0f]+/u;

/**
 * The text without the pictographs put before or after a heading's words ("## 🚨 Incident Summary",
 * "## ✅ Action Items 🎉"). The end is trimmed character by character: a pattern anchored at the end
 * would back-track over every run of spaces inside the text.
 */
function withoutPictographs(text: string): string {
  const t = text.replace(LEADING_PICTOGRAPHS, '');
  let end = t.length;
  while (end > 0) {
    const width = end >= 2 && /[\udc00-\udfff]/.test(t[end - 1]) ? 2 : 1;
    if (!PICTOGRAPH.test(t.slice(end - width, end))) break;
    end -= width;
  }
  return t.slice(0, end);
}

/** A heading as the patterns read it: no markup, numbering, label marks or parentheses; lower case. */
export function normalizeHeading(text: string, keepParentheses = false): string {
  let t = linkText(removeComments(text).replace(/[*_`]/g, ''))
    .replace(/[【】■□●○◆◇▼▽▶]/g, ' ')
    .replace(/^\s*\[([^\]]*)\]\s*$/, '$1');
  if (!keepParentheses) t = replaceEnclosed(t, PARENTHESES, ' ');
  return withoutPictographs(t)
    .replace(/^[\s\d０-９.．、)）(（\-:：#①-⑳第章]+/, '')
    .replace(/(?<![:：?？!.。、])[:：?？!.。、]+\s*$/, '')
    .replace(/\s+/g, ' ')
    .trim()
    .toLowerCase();
}

function kindOfNormalized(norm: string): SectionKind | undefined {
  if (!norm) return undefined;
  for (const kind of SECTION_ORDER) if (SECTION_PATTERNS[kind].test(norm) || SECTION_WORDS[kind]?.test(norm)) return kind;
  return undefined;
}

/** Words that join two section names in one heading ("Scope and Impact", "原因と対策"); the heading's spaces are single. */
const JOINER = / ?(?:\band\b|&|\+|\/|,|・|と|及び|および|、) ?/;

/**
 * The kinds of section a heading names: one, or several for a heading that joins names
 * ("Impact and Root Cause", "Recovery and Lessons Learned", "原因と再発防止策"). The first is the
 * heading's own kind. A heading that names none in its words may in its parentheses
 * ("Working theory (root cause)").
 */
export function sectionKindsOf(headingText: string): SectionKind[] {
  // Remembered by text: the same few headings and labels ("## Timeline", "**Impact:**") come back
  // in every report of a folder, and normalizing them is most of the work. A copy, as callers add to it.
  let kinds = kindsByText.get(headingText);
  if (!kinds) {
    if (kindsByText.size >= MAX_KIND_TEXTS) kindsByText.clear();
    kindsByText.set(headingText, (kinds = kindsOfUncached(headingText)));
  }
  return kinds.slice();
}

const kindsByText = new Map<string, SectionKind[]>();
const MAX_KIND_TEXTS = 20000;

function kindsOfUncached(headingText: string): SectionKind[] {
  const norm = normalizeHeading(headingText);
  const out: SectionKind[] = [];
  const parts = norm.split(JOINER);
  for (const p of parts.length > 1 ? parts : []) {
    const k = kindOfNormalized(p.trim());
    if (k && !out.includes(k)) out.push(k);
  }
  // The kind the whole heading names comes first ("教訓と再発防止策" is an action section that also holds lessons).
  const whole = kindOfNormalized(norm);
  if (whole) out.splice(0, out.length, whole, ...out.filter((k) => k !== whole));
  if (!out.length) {
    const inner = /[(（]([^()（）]{1,60})[)）]/.exec(headingText)?.[1];
    const k = inner ? kindOfNormalized(normalizeHeading(inner)) : undefined;
    if (k) out.push(k);
  }
  return out;
}

export function sectionKindOf(headingText: string): SectionKind | undefined {
  return sectionKindsOf(headingText)[0];
}

export type HeaderFieldName = 'date' | 'duration' | 'severity' | 'authors' | 'reviewed' | 'published' | 'follow-up' | 'status' | 'timezone';

export const HEADER_FIELD_ORDER: HeaderFieldName[] = ['date', 'duration', 'severity', 'authors', 'reviewed', 'published', 'follow-up', 'status', 'timezone'];

export const HEADER_FIELD_PATTERNS: Record<HeaderFieldName, RegExp> = {
  date: /^(?:date|incident date|date of (?:the )?(?:incident|outage)|outage date|occurred|occurred on|when|incident start|start date|日付|発生日|発生日時|発生時刻|発生時間|障害発生時間|障害発生時刻|障害発生日|障害発生日時|インシデント発生日|インシデント発生日時|日時)$/,
  duration: /^(?:duration|incident duration|outage duration|impact duration|duration of (?:the )?(?:impact|outage|incident|downtime|disruption)|(?:impact|outage|incident|downtime) window|length|time to (?:resolve|resolution|recover|recovery|restore|repair|mitigate)|total duration|(?:total )?downtime|影響期間|障害発生期間|期間|継続時間|影響時間|障害時間|障害期間|発生期間|所要時間|障害継続時間|復旧時間|復旧までの時間)$/,
  severity: /^(?:severity|sev|sev level|severity level|incident severity|incident level|level|impact level|重大度|深刻度|重要度|障害レベル|レベル)$/,
  authors: /^(?:authors?|written by|created by|authored by|owner|document owner|post-?mortem owner|incident (?:owner|lead|commander)|prepared by|作成者|著者|執筆者|記入者|報告者|担当)$/,
  reviewed: /^(?:reviewed(?: by| on)?|reviewers?|review date|date reviewed|レビュー|レビュアー|レビュー者|レビュー日)$/,
  published: /^(?:published(?: on)?|shared(?: on| with stakeholders)?|publication date|date published|date shared|公開日|共有日|公開|共有)$/,
  'follow-up': /^(?:follow[- ]?up(?: review)?(?: date| meeting| on)?|next review|フォローアップ(?:レビュー)?(?:日)?)$/,
  status: /^(?:status|document status|ステータス|状態)$/,
  timezone: /^(?:time ?zone|tz|タイムゾーン)$/,
};

export const HEADER_FIELD_TITLES: Record<HeaderFieldName, { en: string; ja: string }> = {
  date: { en: 'Date', ja: '日付' },
  duration: { en: 'Duration', ja: '期間' },
  severity: { en: 'Severity', ja: '重大度' },
  authors: { en: 'Authors', ja: '作成者' },
  reviewed: { en: 'Reviewed', ja: 'レビュー' },
  published: { en: 'Published', ja: '公開日' },
  'follow-up': { en: 'Follow-up review', ja: 'フォローアップ' },
  status: { en: 'Status', ja: 'ステータス' },
  timezone: { en: 'Timezone', ja: 'タイムゾーン' },
};

export function headerFieldOf(label: string): HeaderFieldName | undefined {
  const norm = normalizeFieldLabel(label);
  for (const f of HEADER_FIELD_ORDER) if (HEADER_FIELD_PATTERNS[f].test(norm)) return f;
  return undefined;
}

/** A field's label in lower case, without markup, brackets and a zone or unit in parentheses ("発生日時（JST）", "Duration (minutes)"), which do not change the field. */
export function normalizeFieldLabel(label: string): string {
  let t = label.replace(/[*_`]/g, '').trim();
  if (/[)）]$/.test(t)) {
    const open = Math.max(t.lastIndexOf('('), t.lastIndexOf('（'));
    if (open > 0) t = t.slice(0, open);
  }
  return t.replace(/\s+/g, ' ').trim().toLowerCase();
}

/**
 * The labels of a period's two ends, each on its own line or row (`Start | 2022-08-16 17:57:00`,
 * `- End (UTC): 2024-01-09T20:38:39Z`, 【発生日時】 … 【復旧日時】): together they say how long the
 * incident lasted.
 */
const SPAN_START = /^(?:(?:incident|outage|impact|problem|issue|event|downtime) )?(?:start(?:ed)?|began|begin(?:ning)?)(?: (?:time|at|date|on|date ?(?:\/|and|&) ?time|datetime))?$|^(?:(?:障害|インシデント)?(?:発生|開始)(?:日時|時刻)|開始)$/;
const SPAN_END = /^(?:(?:incident|outage|impact|problem|issue|event|downtime) )?(?:end(?:ed)?|resolved|recovered|restored|mitigated)(?: (?:time|at|date|on|date ?(?:\/|and|&) ?time|datetime))?$|^(?:(?:障害|インシデント)?(?:終了|復旧|回復|収束|解消)(?:日時|時刻)|終了)$/;

/** Whether a label names the start or the end of the incident's period. */
export function spanEndOf(label: string): 'start' | 'end' | undefined {
  const norm = normalizeFieldLabel(label);
  return SPAN_END.test(norm) ? 'end' : SPAN_START.test(norm) ? 'start' : undefined;
}

export type TimelineColumn = 'time' | 'date' | 'event' | 'source' | 'actor';
export type ActionColumn = 'id' | 'action' | 'owner' | 'deadline' | 'priority' | 'status' | 'ticket';

export const TIMELINE_COLUMNS: Record<TimelineColumn, RegExp> = {
  time: /^(?:time|timestamp|when|date ?(?:and|&|\/) ?time|datetime|time ?\(.*\)|時刻|日時|時間|時刻 ?\(.*\)|日時 ?\(.*\))/,
  date: /^(?:date|日付)(?: ?\(.*\))?$/,
  event: /^(?:event|events|description|what happened|details?|activity|action|summary|message|イベント|出来事|できごと|内容|事象|詳細|概要|対応|対応内容|対応状況|状況|経過|発生事象)$/,
  source: /^(?:source|sources|evidence|link|links|data|reference|ソース|出典|根拠|参照|リンク)$/,
  actor: /^(?:actor|who|by|person|people|owner|responder|実施者|対応者|担当|担当者|誰が)$/,
};

export const ACTION_COLUMNS: Record<ActionColumn, RegExp> = {
  id: /^(?:id|#|no\.?|number|ref|key|ticket|issue|jira|番号|no)$/,
  action: /^(?:action(?: items?)?|description|task|item|what|follow[- ]?up|remediation|title|summary|アクション|内容|対策|タスク|項目|対応内容|アクションアイテム)$/,
  owner: /^(?:owners?|assignee|assigned to|dri|responsible|who|(?:主|主な)?担当|担当者|担当チーム|責任者|オーナー)$/,
  deadline: /^(?:deadline|due|due (?:date|by)|expected(?: date)?|target(?: date)?|by when|eta|when|completion date|期限|期日|締切|完了予定日|予定日|期限日|対応期限|完了期限|期限案|目標期限|期限目安|(?:proposed|target) (?:deadline|due date))$/,
  priority: /^(?:priority|prio|p|importance|優先度|優先順位|重要度)$/,
  status: /^(?:status|state|done|decision|ステータス|状態|進捗|決定|採否)$/,
  // A table whose only such column is "Ticket" uses it as the id (the id pattern comes first).
  ticket: /^(?:ticket|tickets|issue|issues|bug|bugs|jira|tracking|tracker|tracked in|link|チケット|課題|起票)$/,
};

export function normalizeColumn(text: string): string {
  return text.replace(/[*_`]/g, '').replace(/\s+/g, ' ').trim().toLowerCase();
}

/** Owners that are not owners. */
export const DEFAULT_PLACEHOLDER_OWNERS = ['-', '--', '—', 'tbd', 'tba', 'tbc', '?', '??', 'n/a', 'na', 'none', 'someone', 'somebody', 'team', 'anyone', 'unassigned', 'unknown', 'todo', 'xxx', 'owner', '@owner', '未定', '担当者', '〈担当者〉', '未割当', '未定義', '誰か', 'チーム', 'なし'];

export const PRIORITIES = ['P0', 'P1', 'P2', 'P3', 'P4', 'High', 'Medium', 'Low', 'Critical'];
export const PRIORITY_RE = /^(?:P[0-4]|SEV-?[0-4]|S[0-4]|critical|high|medium|med|low|urgent|normal|高|中|低|緊急|最優先)$/i;
