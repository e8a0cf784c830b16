import type { Rule } from '../types';
import type { Block } from '../scan';
import { SECTION_ORDER, SECTION_TITLES, type SectionKind } from '../vocabulary';
import { insertAt, lineRange } from './util';

const HINTS: Record<SectionKind, { en: string; ja: string }> = {
  summary: { en: 'two or three sentences on what happened and how it ended', ja: '何が起き、どう収束したかを2〜3文で' },
  impact: { en: 'who was affected, how, for how long, with numbers', ja: '誰が、どのように、どれだけの時間影響を受けたかを数字で' },
  timeline: { en: 'a | Time | Event | Source | Actor | table from the first signal to resolution', ja: '最初の兆候から収束までの | 時刻 | 出来事 | ソース | 実施者 | の表' },
  'contributing-factors': { en: 'the conditions that together allowed the incident', ja: 'インシデントを可能にした複数の条件' },
  'action-items': { en: 'a | ID | Action | Owner | Deadline | Priority | table', ja: '| ID | アクション | 担当者 | 期限 | 優先度 | の表' },
  'what-went-well': { en: 'what helped detection and recovery', ja: '検知と復旧に役立ったこと' },
  'lessons-learned': { en: 'what the team now knows that it did not before', ja: 'チームが新たに学んだこと' },
};

const SKELETON: Record<SectionKind, { en: string; ja: string }> = {
  summary: { en: '', ja: '' },
  impact: { en: '', ja: '' },
  timeline: { en: '| Time | Event | Source | Actor |\n| --- | --- | --- | --- |\n', ja: '| 時刻 | 出来事 | ソース | 実施者 |\n| --- | --- | --- | --- |\n' },
  'contributing-factors': { en: '- \n', ja: '- \n' },
  'action-items': { en: '| ID | Action | Owner | Deadline | Priority |\n| --- | --- | --- | --- | --- |\n', ja: '| ID | アクション | 担当者 | 期限 | 優先度 |\n| --- | --- | --- | --- | --- |\n' },
  'what-went-well': { en: '- \n', ja: '- \n' },
  'lessons-learned': { en: '- \n', ja: '- \n' },
};

/** Whether a section's blocks hold nothing to read: sub-headings with nothing under them, comments. */
function isEmpty(blocks: Block[]): boolean {
  return blocks.every((b) => b.kind === 'heading' || (b.kind === 'html' && b.comment !== undefined));
}

const rule: Rule = {
  id: 'missing-section',
  description: 'The report has the sections reviewers expect (configurable with requiredSections), and none of them is left empty.',
  defaultSeverity: 'warning',
  tags: ['structure'],
  summary: 'Summary, Impact, Timeline, Contributing Factors, Action Items, Lessons Learned (configurable)',
  messages: {
    en: {
      missing: 'The report has no "{section}" section. Add one: {hint}.',
      empty: 'The "{section}" section is empty. Write {hint}.',
      fix: 'Add a "{section}" section',
    },
    ja: {
      missing: '「{section}」のセクションがありません。追加してください: {hint}。',
      empty: '「{section}」のセクションが空です。書いてください: {hint}。',
      fix: '「{section}」セクションを追加する',
    },
  },
  check(ctx) {
    const { doc, config, locale } = ctx;
    const lang = doc.writingLanguage(locale);
    const anchor = doc.title?.line ?? 0;
    const level = Math.max(2, Math.min(...doc.sections.filter((s) => s.kind).map((s) => s.level), 2));
    for (const kind of config.requiredSections) {
      if (doc.hasSection(kind)) {
        // A heading with nothing under it (only sub-headings or comments): a template part left unwritten.
        const own = doc.sections.filter((s) => s.kind === kind || s.also?.includes(kind));
        if (own.length && own.every((s) => s.level < 7 && isEmpty(s.blocks.map((b) => doc.block(b)))) && !(kind === 'summary' && doc.lead)) {
          const s = own[0];
          ctx.report({ range: lineRange(s.headingLine, 0, doc.lines[s.headingLine].length), messageId: 'empty', args: { section: s.title, hint: HINTS[kind]?.[locale] ?? '' }, data: { section: kind } });
        }
        continue;
      }
      const title = SECTION_TITLES[kind]?.[lang] ?? kind;
      // Insert before the first present section that comes after this one in the template.
      const order = SECTION_ORDER.indexOf(kind);
      const after = doc.sections.find((s) => s.kind && SECTION_ORDER.indexOf(s.kind) > order && s.level <= level);
      const body = `${'#'.repeat(level)} ${title}\n\n${SKELETON[kind]?.[lang] ?? ''}`;
      const edit = after
        ? insertAt(after.headingLine, 0, body + (body.endsWith('\n\n') ? '' : '\n'))
        : insertAt(doc.lines.length - 1, doc.lines[doc.lines.length - 1].length, (doc.lines[doc.lines.length - 1].trim() ? '\n\n' : doc.lines.length > 1 && doc.lines[doc.lines.length - 2].trim() ? '\n' : '') + body.replace(/(?<!\n)\n+$/, '\n'));
      ctx.report({
        range: lineRange(anchor, 0, doc.lines[anchor]?.length ?? 0),
        messageId: 'missing',
        args: { section: title, hint: HINTS[kind]?.[locale] ?? '' },
        fixes: [{ title: ctx.msg('fix', { section: title }), edits: [edit], fixAll: false }],
        data: { section: kind },
      });
    }
  },
};
export default rule;
