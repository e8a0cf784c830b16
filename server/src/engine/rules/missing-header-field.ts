import type { Rule } from '../types';
import { HEADER_FIELD_ORDER, HEADER_FIELD_TITLES } from '../vocabulary';
import { insertAt, lineRange } from './util';

const HINTS = {
  date: { en: 'the day the incident started, YYYY-MM-DD', ja: '発生日（YYYY-MM-DD）' },
  duration: { en: 'how long users were affected', ja: 'ユーザーに影響があった時間' },
  severity: { en: 'the severity level, e.g. SEV-2', ja: '重大度（例: SEV-2）' },
  authors: { en: 'who wrote this report', ja: 'このレポートの作成者' },
  reviewed: { en: 'who reviewed it, and when', ja: 'レビューした人と日付' },
  status: { en: 'draft, in review or final', ja: '下書き・レビュー中・確定' },
  timezone: { en: 'the zone of the timeline', ja: 'タイムラインのタイムゾーン' },
};

const rule: Rule = {
  id: 'missing-header-field',
  description: 'The header names the Date, Duration, Severity and Authors (configurable).',
  defaultSeverity: 'warning',
  tags: ['structure'],
  messages: {
    en: {
      missing: 'The header has no "{field}" field ({hint}). Add a line like "**{field}**: ..." under the title.',
      empty: 'The "{field}" field is empty ({hint}).',
      fix: 'Add the "{field}" field',
    },
    ja: {
      missing: 'ヘッダーに「{field}」がありません（{hint}）。タイトルの下に「**{field}**: ...」の行を追加してください。',
      empty: '「{field}」が空です（{hint}）。',
      fix: '「{field}」を追加する',
    },
  },
  check(ctx) {
    const { doc, config, locale } = ctx;
    const japanese = locale === 'ja' || /[\u3040-\u30ff\u4e00-\u9faf]/.test(doc.title?.text ?? '');
    const lang = japanese ? 'ja' : 'en';
    const present = new Map(doc.headerFields.map((f) => [f.name, f]));
    const lineFields = doc.headerFields.filter((f) => f.source === 'line');
    const anchor = doc.title?.line ?? 0;
    const style = lineFields[0] ? (/^\s*[-*+]\s/.test(doc.lines[lineFields[0].line]) ? '- ' : '') : '';
    const required = HEADER_FIELD_ORDER.filter((f) => config.requiredHeaderFields.includes(f));
    for (const name of required) {
      const field = present.get(name);
      const title = HEADER_FIELD_TITLES[name][lang];
      const hint = HINTS[name][locale];
      if (field) {
        if (!field.value.replace(/[*_\-—]/g, '').trim()) ctx.report({ range: lineRange(field.line, 0, doc.lines[field.line].length), messageId: 'empty', args: { field: field.label, hint } });
        continue;
      }
      // Insert after the header field that precedes this one in the template, else after the title.
      const order = HEADER_FIELD_ORDER.indexOf(name);
      const before = lineFields.filter((f) => HEADER_FIELD_ORDER.indexOf(f.name) < order).pop();
      const after = lineFields.find((f) => HEADER_FIELD_ORDER.indexOf(f.name) > order);
      const text = `${style}**${title}**: `;
      const hardBreak = lineFields.length && /\s{2,}$|\\$/.test(doc.lines[lineFields[0].line]) ? '  ' : '';
      let edit;
      if (before) edit = insertAt(before.line, doc.lines[before.line].length, `\n${text}${hardBreak}`);
      else if (after) edit = insertAt(after.line, 0, `${text}${hardBreak}\n`);
      else if (doc.title) edit = insertAt(anchor, doc.lines[anchor].length, `\n\n${text}`);
      else edit = insertAt(0, 0, `${text}\n\n`);
      ctx.report({ range: lineRange(anchor, 0, doc.lines[anchor]?.length ?? 0), messageId: 'missing', args: { field: title, hint }, fixes: [{ title: ctx.msg('fix', { field: title }), edits: [edit] }], data: { field: name } });
    }
  },
};
export default rule;
