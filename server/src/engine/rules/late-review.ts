import type { Rule } from '../types';
import { dayNumber, parseDate } from '../time';
import { incidentPhases } from '../phases';

/** The day the incident ended, as late as the report lets us say: its date, its timeline's recovery or last row. */
export function incidentEndDay(doc: Parameters<Rule['check']>[0]['doc']): number | undefined {
  const days: number[] = [];
  if (doc.incidentDate) days.push(dayNumber(doc.incidentDate));
  const p = incidentPhases(doc);
  const dated = p.rows.filter((r) => r.entry.dated);
  if (dated.length) days.push(Math.floor(Math.max(...dated.map((r) => r.epoch)) / 86400));
  return days.length ? Math.max(...days) : undefined;
}

const rule: Rule = {
  id: 'late-review',
  description: 'The report was reviewed or shared within 48 hours (configurable) of the end of the incident.',
  defaultSeverity: 'warning',
  tags: ['process'],
  summary: 'a Reviewed / Published / Shared date (レビュー日, 共有日, 公開日) more than 48 hours after the incident ended',
  options: {
    hours: { type: 'number', minimum: 1, default: 48, markdownDescription: 'How many hours after the end of the incident the review may come. Dates are compared by calendar day: 48 hours allows the second day after the incident.' },
  },
  messages: {
    en: {
      late: '{field} {date} is {days} days after the incident ended ({end}). Review and share a post-mortem within {hours} hours, while memories and logs are fresh.',
    },
    ja: {
      late: '{field} {date} はインシデント終了日（{end}）から{days}日後です。記憶とログが新しいうちに、{hours}時間以内にレビュー・共有してください。',
    },
  },
  check(ctx) {
    const { doc } = ctx;
    const hours = typeof ctx.options.hours === 'number' && ctx.options.hours > 0 ? ctx.options.hours : 48;
    const allowedDays = Math.ceil(hours / 24);
    const fields = doc.headerFields.filter((f) => f.name === 'reviewed' || f.name === 'published');
    if (!fields.length) return;
    const end = incidentEndDay(doc);
    if (end === undefined) return;
    const year = doc.incidentDate ? +doc.incidentDate.slice(0, 4) : undefined;
    // The earliest review or sharing date counts: sharing on time and reviewing later is fine.
    let best: { f: (typeof fields)[number]; date: string } | undefined;
    for (const f of fields) {
      const date = parseDate(f.value, year);
      if (date && (!best || date < best.date)) best = { f, date };
    }
    if (!best) return;
    const days = dayNumber(best.date) - end;
    if (days <= allowedDays) return;
    const endDate = new Date(end * 86400000).toISOString().slice(0, 10);
    ctx.report({ range: best.f.valueRange, messageId: 'late', args: { field: best.f.label, date: best.date, days, end: endDate, hours } });
  },
};
export default rule;
