// Every string the editor features show (code action titles, hovers, completion details), in
// English and Japanese. Rule messages and fix titles live with their rules.
import type { Locale } from '../../engine/types';
import { format } from '../../engine/lint';

const STRINGS = {
  en: {
    disableLine: 'Disable {rule} for this line',
    linkTicket: 'Link a ticket…',
    disableFile: 'Disable {rule} for this file',
    fixAll: 'Fix all auto-fixable post-mortem problems',
    sortTimeline: 'Sort timeline by time',
    timelineSorted: 'The timeline is already in time order',
    hoverFromFirst: 'T+{offset} from the first event ({first})',
    hoverFirstEvent: 'First event of the timeline',
    hoverAfterAlert: '{offset} after the first alert ({alert})',
    hoverBeforeAlert: '{offset} before the first alert ({alert})',
    hoverAtAlert: 'this is the first alert',
    hoverNoTime: 'This time could not be read, so its place in the timeline is unknown.',
    hoverRuleDoc: 'Rule documentation',
    completionOwner: 'Named in this report',
    completionPriority: { P0: 'Drop everything: do it now', P1: 'Do it first: this week', P2: 'Do it soon: this month', P3: 'Do it when there is room' } as Record<string, string>,
    completionToday: 'Today',
    completionTimeFixed: 'This time as HH:MM (24-hour)',
    completionTimeAbove: 'The time of the row above',
    completionDuration: 'From the first to the last event of the timeline',
    completionTimelineDate: 'The day of the timeline',
    completionInDays: 'In {days} days ({weekday})',
    completionSection: 'Add the "{section}" section',
    completionRule: '{description}',
    completionDirective: { 'disable-next-line': 'Disable rules for the next line', 'disable-line': 'Disable rules for this line', 'disable-file': 'Disable rules for the whole file', disable: 'Disable rules until postmortem-enable', enable: 'Enable rules again' } as Record<string, string>,
    symbolHeader: 'Header',
  },
  ja: {
    disableLine: 'この行で {rule} を無効にする',
    linkTicket: 'チケットを紐付ける…',
    disableFile: 'このファイルで {rule} を無効にする',
    fixAll: '自動修正できるポストモーテムの問題をすべて修正する',
    sortTimeline: 'タイムラインを時刻順に並べ替える',
    timelineSorted: 'タイムラインはすでに時刻順です',
    hoverFromFirst: '最初の出来事（{first}）から T+{offset}',
    hoverFirstEvent: 'タイムラインの最初の出来事',
    hoverAfterAlert: '最初のアラート（{alert}）の {offset} 後',
    hoverBeforeAlert: '最初のアラート（{alert}）の {offset} 前',
    hoverAtAlert: 'これが最初のアラート',
    hoverNoTime: 'この時刻は読み取れないため、タイムライン上の位置が分かりません。',
    hoverRuleDoc: 'ルールの説明',
    completionOwner: 'このレポートに登場する人・チーム',
    completionPriority: { P0: '最優先: すぐに対応', P1: '高: 今週中に対応', P2: '中: 今月中に対応', P3: '低: 余裕のあるときに対応' } as Record<string, string>,
    completionToday: '今日',
    completionTimeFixed: 'この時刻を HH:MM（24時間制）で',
    completionTimeAbove: '一つ上の行の時刻',
    completionDuration: 'タイムラインの最初から最後の出来事まで',
    completionTimelineDate: 'タイムラインの日付',
    completionInDays: '{days}日後（{weekday}）',
    completionSection: '「{section}」セクションを追加する',
    completionRule: '{description}',
    completionDirective: { 'disable-next-line': '次の行でルールを無効にする', 'disable-line': 'この行でルールを無効にする', 'disable-file': 'ファイル全体でルールを無効にする', disable: 'postmortem-enable までルールを無効にする', enable: 'ルールを再び有効にする' } as Record<string, string>,
    symbolHeader: 'ヘッダー',
  },
} as const;

type Key = { [K in keyof (typeof STRINGS)['en']]: (typeof STRINGS)['en'][K] extends string ? K : never }[keyof (typeof STRINGS)['en']];

/** A localized string with `{name}` placeholders filled. */
export function t(locale: Locale, key: Key, args?: Record<string, string | number>): string {
  return format((STRINGS[locale] ?? STRINGS.en)[key] as string, args);
}

export function table(locale: Locale, key: 'completionPriority' | 'completionDirective'): Record<string, string> {
  return (STRINGS[locale] ?? STRINGS.en)[key];
}

/** Durations as people read them: 45s, 12m, 1h05m, 2d3h. */
export function formatDuration(seconds: number, locale: Locale): string {
  const s = Math.round(Math.abs(seconds));
  const d = Math.floor(s / 86400);
  const h = Math.floor((s % 86400) / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = s % 60;
  const u = locale === 'ja' ? { d: '日', h: '時間', m: '分', s: '秒' } : { d: 'd', h: 'h', m: 'm', s: 's' };
  const pad = (n: number) => (locale === 'ja' ? String(n) : String(n).padStart(2, '0'));
  if (d) return `${d}${u.d}${h ? `${h}${u.h}` : ''}`;
  if (h) return `${h}${u.h}${m || sec ? `${pad(m)}${u.m}` : ''}`;
  if (m) return `${m}${u.m}${sec ? `${pad(sec)}${u.s}` : ''}`;
  return `${sec}${u.s}`;
}
