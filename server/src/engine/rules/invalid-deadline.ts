import type { Rule } from '../types';
import { dueDate } from '../due';
import { itemRange } from './util';

const rule: Rule = {
  id: 'invalid-deadline',
  description: 'A deadline is a real date, on or after the incident.',
  defaultSeverity: 'warning',
  tags: ['action-items'],
  summary: 'deadlines that are not dates, or fall before the incident',
  messages: {
    en: {
      notDate: 'Deadline "{value}" is not a date. Write it as YYYY-MM-DD (e.g. 2025-03-01) so it can be tracked.',
      beforeIncident: 'Deadline {value} is before the incident ({date}). A follow-up cannot be due before the incident it follows.',
    },
    ja: {
      notDate: '期限「{value}」は日付ではありません。YYYY-MM-DD（例: 2025-03-01）で書いてください。',
      beforeIncident: '期限 {value} がインシデント発生日（{date}）より前です。',
    },
  },
  check(ctx) {
    const { doc } = ctx;
    for (const it of doc.actionItems.items) {
      const cell = it.deadline;
      if (!cell) continue;
      const value = cell.text.replace(/[*_`~]/g, '').trim();
      if (!value || /^[-—]+$/.test(value) || /^(?:tbd|n\/a|未定)$/i.test(value)) continue;
      // One answer with overdue-action: a quarter or a horizon ("Q3", "within 30 days") falls due on
      // the day dueDate gives; what names no day ("next sprint", or "Q3" in an undated report) is not a date.
      const date = dueDate(value, doc.deadlinesFrom);
      if (!date) {
        ctx.report({ range: itemRange(it, cell), messageId: 'notDate', args: { value } });
        continue;
      }
      if (doc.incidentDate && date < doc.incidentDate) ctx.report({ range: itemRange(it, cell), messageId: 'beforeIncident', args: { value, date: doc.incidentDate } });
    }
  },
};
export default rule;
