// The words of the post-mortem template, in English and Japanese: section headings, header
// fields and table columns, each with the synonyms teams use.

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
  summary: /^(?:(?:executive |incident |issue |outage )?(?:summary|overview|synopsis)|tl ?;? ?dr|what happened|概要|サマリ[ー]?|要約|障害概要|障害の概要|インシデント概要|インシデントの概要|何が起きたか)$/,
  impact: /^(?:(?:[\w-]+ ){0,3}impact(?:ed)?(?: (?:on|to) [\w ]+)?|(?:customer |user |business |incident )?impact(?: (?:and|&) scope| on (?:users|customers))?|scope(?: of impact)?|what was (?:impacted|affected)|who was affected|affected (?:services|users|customers)|影響|影響範囲|影響内容|影響度|ユーザー影響|顧客影響)$/,
  timeline: /^(?:(?:incident |detailed |event )?timeline|chronology|sequence of events|timeline of events|event log|タイムライン|時系列|経緯|対応経緯|対応の経緯|対応履歴|時系列での経緯)(?: .*)?$/,
  'contributing-factors': /^(?:contributing factors?|root causes?|causes?|causal factors|causal analysis|why did (?:it|this|all this) happen|what went wrong|trigger|triggers|寄与要因|根本原因と寄与要因|寄与要因と根本原因|原因と寄与要因|根本原因|原因|発生原因|要因|原因分析)(?:\b.*)?$/,
  'action-items': /^(?:action items?|follow[- ]?ups?|remediations?|corrective (?:and prevent(?:at)?ive )?(?:actions?|measures?)|prevent(?:at)?ive (?:actions?|measures?)|next steps|prevention|(?:short|long|medium)[- ]term (?:improvements|actions|fixes)|improvements|what we(?:'|’)?re doing about it|what (?:is|we are) being done(?: about (?:it|this))?|what we are doing(?: about (?:it|this))?|what we(?:'|’)?re changing|アクションアイテム|アクション|対応策|再発防止策|再発防止|改善策|今後の対応|今後の対策|対策)(?:\b.*)?$|^.{0,12}(?:再発防止策|改善アクション|アクションアイテム|改善策|恒久対策)/,
  'what-went-well': /^(?:what went well|things that went well|went well|what worked|うまくいったこと|良かったこと|よかったこと|良かった点|よかった点|うまくいった点)(?:\b.*)?$/,
  'lessons-learned': /^(?:.*\blessons? learn(?:ed|t)|learnings|(?:key )?takeaways|what we learned|教訓|学び|学んだこと|得られた教訓)(?:\b.*)?$/,
};

export const SECTION_TITLES: Record<SectionKind, { en: string; ja: string }> = {
  summary: { en: 'Summary', ja: '概要' },
  impact: { en: 'Impact', ja: '影響' },
  timeline: { en: 'Timeline', ja: 'タイムライン' },
  'contributing-factors': { en: 'Contributing Factors', ja: '寄与要因' },
  'action-items': { en: 'Action Items', ja: 'アクションアイテム' },
  'what-went-well': { en: 'What Went Well', ja: 'うまくいったこと' },
  'lessons-learned': { en: 'Lessons Learned', ja: '教訓' },
};

export function normalizeHeading(text: string): string {
  return text
    .replace(/<!--[\s\S]*?-->/g, '')
    .replace(/[*_`]/g, '')
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/\([^)]*\)|（[^）]*）/g, ' ')
    .replace(/^[\s\d.)\-:：#]+/, '')
    .replace(/[:：?？!.。、]+\s*$/, '')
    .replace(/\s+/g, ' ')
    .trim()
    .toLowerCase();
}

export function sectionKindOf(headingText: string): SectionKind | undefined {
  const norm = normalizeHeading(headingText);
  for (const kind of SECTION_ORDER) if (SECTION_PATTERNS[kind].test(norm)) return kind;
  return undefined;
}

export type HeaderFieldName = 'date' | 'duration' | 'severity' | 'authors' | 'reviewed' | 'published' | 'follow-up' | 'status' | 'timezone';

export const HEADER_FIELD_ORDER: HeaderFieldName[] = ['date', 'duration', 'severity', 'authors', 'reviewed', 'published', 'follow-up', 'status', 'timezone'];

export const HEADER_FIELD_PATTERNS: Record<HeaderFieldName, RegExp> = {
  date: /^(?:date|incident date|date of incident|occurred|occurred on|when|incident start|日付|発生日|発生日時|障害発生日|日時)$/,
  duration: /^(?:duration|incident duration|length|time to (?:resolve|recovery|repair|mitigate)|total duration|downtime|期間|継続時間|影響時間|障害時間|障害期間|発生期間|所要時間|障害継続時間|復旧時間|復旧までの時間)$/,
  severity: /^(?:severity|sev|severity level|incident severity|level|impact level|重大度|深刻度|重要度|障害レベル|レベル)$/,
  authors: /^(?:authors?|written by|owner|incident (?:owner|lead|commander)|prepared by|作成者|著者|執筆者|記入者|報告者|担当)$/,
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
  const norm = label.replace(/[*_`]/g, '').replace(/\s+/g, ' ').trim().toLowerCase();
  for (const f of HEADER_FIELD_ORDER) if (HEADER_FIELD_PATTERNS[f].test(norm)) return f;
  return undefined;
}

export type TimelineColumn = 'time' | 'date' | 'event' | 'source' | 'actor';
export type ActionColumn = 'id' | 'action' | 'owner' | 'deadline' | 'priority' | 'status' | 'ticket';

export const TIMELINE_COLUMNS: Record<TimelineColumn, RegExp> = {
  time: /^(?:time|timestamp|when|date ?(?:and|&|\/) ?time|datetime|time ?\(.*\)|時刻|日時|時間|時刻 ?\(.*\)|日時 ?\(.*\))/,
  date: /^(?:date|日付)(?: ?\(.*\))?$/,
  event: /^(?:event|events|description|what happened|details?|activity|action|summary|message|イベント|出来事|内容|事象|詳細|概要)$/,
  source: /^(?:source|sources|evidence|link|links|data|reference|ソース|出典|根拠|参照|リンク)$/,
  actor: /^(?:actor|who|by|person|people|owner|responder|実施者|対応者|担当|担当者|誰が)$/,
};

export const ACTION_COLUMNS: Record<ActionColumn, RegExp> = {
  id: /^(?:id|#|no\.?|number|ref|key|ticket|issue|jira|番号|no)$/,
  action: /^(?:action(?: items?)?|description|task|item|what|follow[- ]?up|remediation|title|summary|アクション|内容|対策|タスク|項目|対応内容|アクションアイテム)$/,
  owner: /^(?:owners?|assignee|assigned to|dri|responsible|who|担当|担当者|担当チーム|責任者|オーナー)$/,
  deadline: /^(?:deadline|due|due (?:date|by)|expected(?: date)?|target(?: date)?|by when|eta|when|completion date|期限|期日|締切|完了予定日|予定日|期限日|対応期限|完了期限)$/,
  priority: /^(?:priority|prio|p|importance|優先度|優先順位|重要度)$/,
  status: /^(?:status|state|done|ステータス|状態|進捗)$/,
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
