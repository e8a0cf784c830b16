import type { Rule, TextEdit } from '../types';

/** Insertions at the same point become one edit, in order, so they can be applied together. */
function mergeInsertions(edits: TextEdit[]): TextEdit[] {
  const out: TextEdit[] = [];
  for (const e of edits) {
    const prev = out.find((o) => o.range.start.line === e.range.start.line && o.range.start.character === e.range.start.character);
    if (prev) prev.newText += e.newText.startsWith('\n\n') ? e.newText.replace(/^\n\n/, '\n') : e.newText;
    else out.push({ range: e.range, newText: e.newText });
  }
  return out;
}
import { HEADER_FIELD_ORDER, HEADER_FIELD_TITLES } from '../vocabulary';
import { endsWithHardBreak, insertAt, lineRange, lineStyle } from './util';

const HINTS = {
  date: { en: 'the day the incident started, YYYY-MM-DD', ja: '発生日（YYYY-MM-DD）' },
  duration: { en: 'how long users were affected', ja: 'ユーザーに影響があった時間' },
  severity: { en: 'the severity level, e.g. SEV-2', ja: '重大度（例: SEV-2）' },
  authors: { en: 'who wrote this report', ja: 'このレポートの作成者' },
  reviewed: { en: 'who reviewed it, and when', ja: 'レビューした人と日付' },
  published: { en: 'the day it was shared with stakeholders', ja: '関係者に共有した日' },
  'follow-up': { en: 'the day of the follow-up review, about four weeks later', ja: '約4週間後のフォローアップの日' },
  status: { en: 'draft, in review or final', ja: '下書き・レビュー中・確定' },
  timezone: { en: 'the zone of the timeline', ja: 'タイムラインのタイムゾーン' },
};

const PLACEHOLDERS = {
  date: { en: 'YYYY-MM-DD', ja: 'YYYY-MM-DD' },
  duration: { en: '1h 05m', ja: '1時間5分' },
  severity: { en: 'SEV-2', ja: 'SEV-2' },
  authors: { en: '@you', ja: '@you' },
  reviewed: { en: 'YYYY-MM-DD by @reviewer', ja: 'YYYY-MM-DD @reviewer' },
  published: { en: 'YYYY-MM-DD', ja: 'YYYY-MM-DD' },
  'follow-up': { en: 'YYYY-MM-DD', ja: 'YYYY-MM-DD' },
  status: { en: 'Draft', ja: '下書き' },
  timezone: { en: 'UTC', ja: 'JST' },
};

const rule: Rule = {
  id: 'missing-header-field',
  description: 'The header names the Date, Duration, Severity and Authors (configurable).',
  defaultSeverity: 'warning',
  tags: ['structure'],
  summary: 'Date, Duration, Severity, Authors under the title (configurable)',
  messages: {
    en: {
      missing: 'The header has no {fields} field. Reviewers and readers look for it under the title: {hints}.',
      missingMany: 'The header lacks {fields}. Reviewers and readers look for these under the title: {hints}.',
      empty: 'The "{field}" field is empty ({hint}).',
      fix: 'Add the "{field}" field',
      fixAll: 'Add all missing header fields',
    },
    ja: {
      missing: 'ヘッダーに{fields}がありません。タイトルの下に書いてください: {hints}。',
      missingMany: 'ヘッダーに{fields}がありません。タイトルの下に書いてください: {hints}。',
      empty: '「{field}」が空です（{hint}）。',
      fix: '「{field}」を追加する',
      fixAll: '不足しているヘッダー項目をすべて追加する',
    },
  },
  check(ctx) {
    const { doc, config, locale } = ctx;
    const lang = doc.writingLanguage(locale);
    const present = new Map(doc.headerFields.map((f) => [f.name, f]));
    const lineFields = doc.headerFields.filter((f) => f.source === 'line');
    const anchor = doc.title?.line ?? 0;
    // New lines follow the style of the fields already there: a list item, a blockquote line.
    const style = lineFields[0] ? lineStyle(doc.lines[lineFields[0].line]) : '';
    const required = HEADER_FIELD_ORDER.filter((f) => config.requiredHeaderFields.includes(f));
    const missing: { name: (typeof required)[number]; title: string; hint: string; edit: TextEdit }[] = [];
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
      const hardBreak = lineFields.length && endsWithHardBreak(doc.lines[lineFields[0].line]) ? '  ' : '';
      let edit: TextEdit;
      if (before) edit = insertAt(before.line, doc.lines[before.line].length, `\n${text}${hardBreak}`);
      else if (after) edit = insertAt(after.line, 0, `${text}${hardBreak}\n`);
      else if (doc.title) edit = insertAt(anchor, doc.lines[anchor].length, `\n\n${text}`);
      else edit = insertAt(0, 0, `${text}\n\n`);
      missing.push({ name, title, hint, edit });
    }
    if (!missing.length) return;
    // One finding for the header, not one per field: the fix inserts them all in template order.
    const quoted = missing.map((m) => (lang === 'ja' ? `「${m.title}」` : `"${m.title}"`));
    const fields = lang === 'ja' ? quoted.join('') : quoted.length > 1 ? `${quoted.slice(0, -1).join(', ')} and ${quoted[quoted.length - 1]}` : quoted[0];
    const hints = missing.map((m) => `${m.title}: ${m.hint}`).join('; ');
    if (!ctx.details) {
      ctx.report({ range: lineRange(anchor, 0, doc.lines[anchor]?.length ?? 0), messageId: missing.length > 1 ? 'missingMany' : 'missing', args: { fields, hints } });
      return;
    }
    const merged = mergeInsertions(missing.map((m) => m.edit));
    let snippet: { range: TextEdit['range']; snippet: string } | undefined;
    if (merged.length === 1) {
      let k = 0;
      let body = merged[0].newText.replace(/[$}\\]/g, (c) => '\\' + c);
      for (const m of missing) body = body.replace(`**${m.title}**: `, () => `**${m.title}**: \${${++k}:${PLACEHOLDERS[m.name][lang]}}`);
      snippet = { range: merged[0].range, snippet: body };
    }
    const fixes = [{ title: ctx.msg(missing.length > 1 ? 'fixAll' : 'fix', { field: missing[0].title }), edits: merged, snippet, isPreferred: true }];
    ctx.report({ range: lineRange(anchor, 0, doc.lines[anchor]?.length ?? 0), messageId: missing.length > 1 ? 'missingMany' : 'missing', args: { fields, hints }, fixes, data: { fields: missing.map((m) => m.name) } });
  },
};
export default rule;
