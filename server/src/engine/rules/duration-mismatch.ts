import { languageOf } from '../model';
import type { Rule } from '../types';
import { incidentPhases } from '../phases';
import { parseHumanDuration } from '../time';

/** `1h 35m`, `40m`, `2d 3h`; `1時間35分` in Japanese. */
export function writeDuration(seconds: number, lang: 'en' | 'ja'): string {
  const m = Math.round(seconds / 60);
  const d = Math.floor(m / 1440);
  const h = Math.floor((m % 1440) / 60);
  const min = m % 60;
  if (lang === 'ja') return [d && `${d}日`, h && `${h}時間`, (min || (!d && !h)) && `${min}分`].filter(Boolean).join('');
  return [d && `${d}d`, h && `${h}h`, (min || (!d && !h)) && `${min}m`].filter(Boolean).join(' ');
}

const differ = (a: number, b: number) => Math.abs(a - b) > 15 * 60 && Math.abs(a - b) > 0.2 * Math.max(a, b);

const rule: Rule = {
  id: 'duration-mismatch',
  description: 'The Duration field agrees with the timeline: with the span from the first impact, first row or detection to the mitigation, recovery or last row.',
  defaultSeverity: 'warning',
  tags: ['timeline', 'structure'],
  summary: 'a Duration that disagrees with every span of the timeline (from the first impact, first row or detection to the mitigation, recovery or last row) by more than 15 minutes and 20%',
  messages: {
    en: {
      mismatch: 'Duration "{value}" disagrees with the timeline, which runs {span} from "{from}" to the recovery at "{to}". Correct whichever is wrong: readers compare incidents by this number.',
      fix: 'Set the duration to {span}',
    },
    ja: {
      mismatch: '期間「{value}」がタイムラインと一致しません。タイムラインは「{from}」から復旧の「{to}」まで{span}です。インシデントの比較に使われる値なので、誤っている方を直してください。',
      fix: '期間を {span} にする',
    },
  },
  check(ctx) {
    const { doc } = ctx;
    const field = doc.headerFields.find((f) => f.name === 'duration');
    if (!field) return;
    const stated = parseHumanDuration(field.value);
    if (stated === undefined) return;
    const p = incidentPhases(doc);
    // Only a timeline that is in order and says when service recovered can contradict the header;
    // one that stops before the end, or has no times, says nothing about the duration.
    if (!p.ordered || !p.start || !p.resolve || p.first === undefined || p.last === undefined || p.rows.length < 2) return;
    const span = p.resolve.epoch - p.start.epoch;
    if (span <= 0) return;
    // Teams measure a duration between different rows: impact to recovery, first row to last,
    // detection or impact to mitigation ("Time to repair"). A figure that agrees with any of these
    // spans is one a reviewer would accept; only one that fits none contradicts the timeline.
    const starts = [p.start.epoch, p.first, p.detect?.epoch];
    const ends = [p.resolve.epoch, p.last, p.mitigate?.epoch];
    for (const s of starts) for (const e of ends) if (s !== undefined && e !== undefined && e > s && !differ(stated, e - s)) return;
    const lang = languageOf(field.value, ctx.locale);
    const text = writeDuration(span, lang);
    const range = field.valueRange;
    ctx.report({
      range,
      messageId: 'mismatch',
      args: { value: field.value, span: text, from: p.start.entry.timeText, to: p.resolve.entry.timeText },
      fixes: [{ title: ctx.msg('fix', { span: text }), edits: [{ range, newText: text }], isPreferred: true }],
      data: { stated, span },
    });
  },
};
export default rule;
