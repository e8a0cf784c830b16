import type { Rule } from '../types';
import { parseDate } from '../time';
import { HEADER_FIELD_TITLES } from '../vocabulary';
import { addDays, addHeaderLine, lineRange } from './util';

const rule: Rule = {
  id: 'missing-follow-up',
  description: 'The header schedules a follow-up review after the incident (about four weeks later) to check the action items.',
  defaultSeverity: 'info',
  tags: ['process'],
  summary: 'a header with no Follow-up review date (フォローアップ), or one not after the incident',
  messages: {
    en: {
      missing: 'The header schedules no follow-up review. Add a "Follow-up review" date, about four weeks after the incident, to check that the action items were done and worked.',
      notAfter: 'The follow-up review ({date}) is not after the incident ({incident}). Schedule it about four weeks later.',
      fix: 'Add "Follow-up review: {date}" (four weeks after the incident)',
    },
    ja: {
      missing: 'ヘッダーにフォローアップの予定がありません。アクションアイテムが実施され効果があったかを確認するため、インシデントの約4週間後の「フォローアップ」日を書いてください。',
      notAfter: 'フォローアップ（{date}）がインシデント（{incident}）より後ではありません。約4週間後に設定してください。',
      fix: '「フォローアップ: {date}」を追加する（インシデントの4週間後）',
    },
  },
  check(ctx) {
    const { doc } = ctx;
    // A report with no header gets missing-header-field; this rule speaks to headers. Front matter
    // alone (a blog post's date and author) is publishing metadata, a date in the title is the
    // title, and a "Stats" list far below is not where a review date goes: none is a review header.
    const reviewHeader = (f: (typeof doc.headerFields)[number]) => f.source !== 'frontmatter' && f.source !== 'title' && f.source !== 'block';
    if (!doc.headerFields.some(reviewHeader)) return;
    const field = doc.headerFields.find((f) => f.name === 'follow-up');
    if (field) {
      const date = parseDate(field.value, doc.incidentDate ? +doc.incidentDate.slice(0, 4) : undefined);
      if (date && doc.incidentDate && date <= doc.incidentDate) ctx.report({ range: field.valueRange, messageId: 'notAfter', args: { date, incident: doc.incidentDate } });
      return;
    }
    const firstField = doc.headerFields.find(reviewHeader)!;
    const anchor = doc.title && doc.title.line < firstField.line ? doc.title.line : firstField.line;
    const fixes = [];
    if (doc.incidentDate && ctx.details) {
      const date = addDays(doc.incidentDate, 28);
      const label = HEADER_FIELD_TITLES['follow-up'][doc.writingLanguage(ctx.locale)];
      fixes.push({ title: ctx.msg('fix', { date }), edits: [addHeaderLine(doc, label, date)], isPreferred: true });
    }
    ctx.report({ range: lineRange(anchor, 0, doc.lines[anchor].length), messageId: 'missing', fixes });
  },
};
export default rule;
