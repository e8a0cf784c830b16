// Each pass of the report model on its own, and the queries the model gives rules and features.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { scan } from '../../server/src/engine/scan';
import { assertGrowsLinearly, fastest } from '../helpers/growth';
import { buildModel } from '../../server/src/engine/model';
import { introSection, nameLine, readLead, readSections, sectionQueries } from '../../server/src/engine/model/sections';
import { labelOnly, readHeader, titleDate, titleMonth } from '../../server/src/engine/model/header';
import { listRuns, readTimeline } from '../../server/src/engine/model/timeline';
import { AsideScope, DeadlineScope, DoneScope, labelOwner, ownersAtEnd, plansWork, readActionItems, saysDone } from '../../server/src/engine/model/actions';
import { readPeople } from '../../server/src/engine/model/people';
import { judgeAction } from '../../server/src/engine/lexicon/vague';
import { blockIndexAt, hasJapanese, isPlaceholderOwner, languageOf, topLevel, twoColumnRow } from '../../server/src/engine/model/queries';

const input = (text: string) => {
  const sc = scan(text);
  return { scan: sc, lines: sc.lines, blocks: sc.blocks };
};
/** The sections pass, and the lead read with the lines the header pass took as fields. */
const sectionsAndLead = (inp: ReturnType<typeof input>) => {
  const r = readSections(inp);
  const { fieldLines } = readHeader(inp, r.sections, r.title);
  return { ...r, lead: readLead(inp, r.sections, r.title, (l) => fieldLines.has(l)) };
};

test('sections pass: headings with their extent, nested headings, bold-label sections', () => {
  const inp = input('# Outage\n\n## Summary\n\nText.\n\n### Detail\n\nMore.\n\n## Timeline\n\n- **Impact**: users\n  - nested\n- other\n');
  const { title, sections, known } = readSections(inp);
  assert.deepEqual(title, { text: 'Outage', line: 0 });
  assert.deepEqual(sections.map((s) => [s.title, s.kind, s.level, s.headingLine, s.endLine]), [
    ['Outage', undefined, 1, 0, 15],
    ['Summary', 'summary', 2, 2, 9],
    ['Detail', undefined, 3, 6, 9],
    ['Timeline', 'timeline', 2, 10, 15],
    ['Impact', 'impact', 7, 12, 13],
  ]);
  assert.deepEqual(known.map((s) => s.kind), ['summary', 'timeline', 'impact']);
  const { sectionOf, sectionAt } = sectionQueries(known, undefined, sections);
  assert.equal(sectionOf('timeline')?.headingLine, 10);
  assert.equal(sectionAt(8)?.kind, 'summary');
  assert.equal(sectionAt(8, true)?.title, 'Detail', 'with anyKind, a heading of no known kind holds its lines too');
  assert.equal(sectionAt(1, true)?.title, 'Outage');
  assert.equal(sectionAt(13)?.kind, 'impact', 'the innermost known section wins');
  assert.equal(sectionAt(14)?.kind, 'timeline');
});

test('sections pass: synonyms in both languages, joined headings, parentheses, label forms, the lead', () => {
  const kinds = (text: string) => {
    const { known, lead } = sectionsAndLead(input(text));
    return { known: known.map((s) => [s.title, s.kind, ...(s.also ?? [])].join(':')), lead: lead && [lead.startLine, lead.endLine] };
  };
  // Headings: synonyms, two names joined, a name in parentheses; the title is never a section.
  assert.deepEqual(
    kinds('# Root cause of the timeline bug\n\n## Scope and Impact\n\n## Timeline of events\n\n## Impact and Root Cause\n\n## Working theory (root cause)\n\n## How are we preventing it from happening again?\n\n## Recovery and Lessons Learned\n\n## Follow-ups\n').known,
    ['Scope and Impact:impact', 'Timeline of events:timeline', 'Impact and Root Cause:impact:contributing-factors', 'Working theory (root cause):contributing-factors', 'How are we preventing it from happening again?:action-items', 'Recovery and Lessons Learned:lessons-learned', 'Follow-ups:action-items'],
  );
  // "Lessons" alone, a bold "Lesson:" label, and "Where we got lucky" are the lessons learned;
  // "What went well" is its own kind, and a "Lesson plan" is not lessons learned.
  assert.deepEqual(
    kinds('# X\n\n## Lessons\n\n## What went well\n\n## What we got lucky on\n\n## Where we got lucky\n\n## Lesson plan for new hires\n\n**Lesson:** state files cannot tell a stop from a redeploy.\n').known,
    ['Lessons:lessons-learned', 'What went well:what-went-well', 'What we got lucky on:lessons-learned', 'Where we got lucky:lessons-learned', 'Lesson:lessons-learned'],
  );
  // The question forms of the same parts ("Where did we get lucky?"), and 「正しく対応できたこと」 as what went well.
  assert.deepEqual(
    kinds('# X\n\n## What went well?\n\n## Where did we get lucky?\n\n## 正しく対応できたこと\n\n## 適切に対応できた点\n\n## 対応できなかったこと\n').known,
    ['What went well?:what-went-well', 'Where did we get lucky?:lessons-learned', '正しく対応できたこと:what-went-well', '適切に対応できた点:what-went-well'],
  );
  assert.deepEqual(kinds('# 障害報告\n\n## 1. 障害の概要\n\n## 経緯\n\n## 原因と再発防止策\n\n## 今後の対策\n').known, ['1. 障害の概要:summary', '経緯:timeline', '原因と再発防止策:contributing-factors:action-items', '今後の対策:action-items']);
  // A conclusion (結論, まとめ) is the summary wherever it stands; a summary of one part (根本原因のまとめ) is that part.
  // Proposals and recommendations are the actions: 「…（提案）」, 推奨事項, "Recommendations", "Proposed actions";
  // "Recommended reading" is not.
  assert.deepEqual(kinds('# 障害報告\n\n## タイムライン\n\n## 結論\n\n## 根本原因のまとめ\n\n## ログの弱点（提案）\n\n## 結論と推奨事項\n\n## まとめ\n').known, ['タイムライン:timeline', '結論:summary', '根本原因のまとめ:contributing-factors', 'ログの弱点（提案）:action-items', '結論と推奨事項:summary:action-items', 'まとめ:summary']);
  assert.deepEqual(kinds('# Outage\n\n## Recommendations\n\n## Proposed actions\n\n## Recommended reading\n\n## Proposals for the storage team\n').known, ['Recommendations:action-items', 'Proposed actions:action-items', 'Proposals for the storage team:action-items']);
  // Labels instead of headings: Japanese marks, a bold line, a plain label with a colon (on the
  // first line of a paragraph only), and a bracketed label; a link is not a label.
  const labels = readSections(input('# 障害報告\n\n【発生日時】2025年6月3日\n\n■原因\nタイムアウト値の誤り\n■影響範囲：決済の一部\n\n[経緯]\n\n- 14:10 発報\n\n**今後の対策**\n\n- 試験を追加する\n\nLessons learned:\n\n- one\n\nThe root cause: was not this line\n\n[Timeline](https://example.com)\n'));
  assert.deepEqual(labels.known.map((s) => [s.title, s.kind, s.level, s.headingLine, s.endLine]), [
    ['原因', 'contributing-factors', 7, 4, 5],
    ['影響範囲', 'impact', 7, 6, 6],
    ['経緯', 'timeline', 7, 8, 10],
    ['今後の対策', 'action-items', 7, 12, 14],
    ['Lessons learned', 'lessons-learned', 7, 16, 22],
  ]);
  assert.equal(labels.known[0].contentStart, '■原因'.length);
  assert.equal(labels.known[1].contentStart, '■影響範囲：'.length);
  // A line that is only a label and its colon, on any line of a paragraph; a first line that is only a section's name.
  assert.deepEqual(kinds('# お知らせ\n\n障害発生日時:2021年3月8日\nサービスへの影響:\n管理画面に接続できませんでした。\n\n原因\nサーバのリソースがひっ迫しました。\n\nImpact\n').known, ['サービスへの影響:impact', '原因:contributing-factors']);
  // A paragraph that is only a part's name, with the part in the blocks below it (a notice with no
  // headings); not a short sentence that mentions the name, not a name with nothing after it.
  assert.deepEqual(kinds('お知らせ\n\n障害発生の経緯\n\n11時頃 障害発生。\n\n原因は調査中\n\n続報します。\n\nシステム(障害)の原因など\n\nファームウェアの故障です。\n\nシステム障害に係る経過\n\n- 11時頃 発生\n\n影響\n').known, ['障害発生の経緯:timeline', 'システム(障害)の原因など:contributing-factors', 'システム障害に係る経過:timeline']);
  assert.deepEqual(kinds('Outage report\n\nROOT CAUSE\n\nA bad upgrade.\n\nPreventive actions\n\nWe test first.\n\nroot cause unknown\n\nSee the root cause below\n\nText.\n').known, ['ROOT CAUSE:contributing-factors', 'Preventive actions:action-items']);
  // A part's name on a line Markdown continues from a list item: a cause or an impact is a section
  // there; a part read item by item (action items) is not, since the list's items above it are not its own.
  assert.deepEqual(kinds('お知らせ\n\n- メール送受信\n※送信されたメールは再送信されます。\n原因\nリソースがひっ迫しました。\n').known, ['原因:contributing-factors']);
  assert.deepEqual(kinds('お知らせ\n\n- メール送受信\n※送信されたメールは再送信されます。\n今後の対策\n監視を追加します。\n').known, []);
  // The lead: prose under the title before the first section; not a link line or header fields.
  assert.deepEqual(kinds('# Outage\n\nInternal notes: https://example.com/x\n\nOn March 3 the push service stopped sending notifications for two hours after a certificate expired.\n\n## Impact\n').lead, [4, 4]);
  assert.equal(kinds('# Outage\n\n**Date**: 2025-01-01\n**Severity**: SEV-2\n\n## Impact\n').lead, undefined);
  // Field lines the header pass read, named or not, are not prose; a sentence with a time in it is.
  assert.equal(kinds('# Outage\n\n**Severity**: Medium (real money lost, CSV corrupted)\n**Exchange loss**: ~$5.75 from 113 spread-reject round-trips\n**CSV damage**: 7 bad trades\n\n## Impact\n').lead, undefined);
  assert.deepEqual(kinds('# Outage\n\nOn March 3 at 18:52 UTC the push service stopped sending notifications to every user.\n\n## Impact\n').lead, [2, 2]);
  assert.deepEqual(kinds('# Outage\n\nNote: on March 3 the push service stopped sending notifications to every user for two hours after a certificate expired.\n\n## Impact\n').lead, [2, 2]);
  const doc = buildModel('# Outage\n\nOn March 3 the push service stopped sending notifications for two hours after a certificate expired.\n\n## Scope and Impact\n');
  assert.ok(doc.hasSection('summary') && doc.hasSection('impact') && !doc.hasSection('timeline'));
});

test('header pass: front matter, Key: value lines, key/value tables; the incident date', () => {
  let inp = input('---\ndate: 2024-03-09\nseverity: "SEV-2"\n---\n# Outage\n\n**Authors**: @ann, @bo  \nDuration: 1h\n\n## Summary\n\nDate: not a header\n');
  let { sections, title } = readSections(inp);
  let h = readHeader(inp, sections, title);
  assert.deepEqual(h.headerFields.map((f) => [f.name, f.value, f.source]), [
    ['date', '2024-03-09', 'frontmatter'],
    ['severity', 'SEV-2', 'frontmatter'],
    ['authors', '@ann, @bo', 'line'],
    ['duration', '1h', 'line'],
  ]);
  assert.equal(h.incidentDate, '2024-03-09');
  assert.deepEqual(h.headerFields[2].valueRange, { start: { line: 6, character: 13 }, end: { line: 6, character: 22 } });

  inp = input('# Outage on 2023-01-05\n\n| Field | Value |\n| --- | --- |\n| Severity | **S1** |\n\n## Summary\n');
  ({ sections, title } = readSections(inp));
  h = readHeader(inp, sections, title);
  assert.deepEqual(h.headerFields.map((f) => [f.name, f.value, f.source]), [
    ['severity', 'S1', 'table'],
    ['date', 'Outage on 2023-01-05', 'title'],
  ]);
  assert.equal(h.incidentDate, '2023-01-05', 'the date in the title when no field names one');

  // The day the report was written is not the Date (the day the incident started), but horizons count from it.
  inp = input('# シフト生成の不具合\n\n**作成日**: 2025-12-05\n**重大度**: SEV-3\n\n## 概要\n');
  ({ sections, title } = readSections(inp));
  h = readHeader(inp, sections, title);
  assert.deepEqual([h.headerFields.map((f) => f.name), h.incidentDate, h.writtenDate], [['severity'], undefined, '2025-12-05']);
  assert.equal(buildModel('# 不具合\n\n**発生日時**: 2025-12-01 10:00\n**報告日**: 2025年12月5日\n\n## 概要\n').deadlinesFrom, '2025-12-05');
  assert.equal(buildModel('# Outage\n\n**Date**: 2025-12-01\n\n## Summary\n').deadlinesFrom, '2025-12-01');

  // A period written with its day is the Date too when none is written; a period without one is not.
  inp = input('# WiFi down\n\n発生期間:\n2019年5月20日 9時20分頃~10時20分頃\n\nDuration: 2 hours\n');
  ({ sections, title } = readSections(inp));
  h = readHeader(inp, sections, title);
  assert.deepEqual(h.headerFields.map((f) => [f.name, f.value]), [['duration', '2019年5月20日 9時20分頃~10時20分頃'], ['date', '2019年5月20日 9時20分頃~10時20分頃']]);
  assert.equal(h.incidentDate, '2019-05-20');
  inp = input('# Checkout errors\n\nDuration: 2 hours (10:05-12:05 UTC)\n');
  ({ sections, title } = readSections(inp));
  assert.deepEqual(readHeader(inp, sections, title).headerFields.map((f) => f.name), ['duration']);
});

test('header pass: every common form of a field', () => {
  const fields = (text: string) => {
    const inp = input(text);
    const { sections, title } = readSections(inp);
    return readHeader(inp, sections, title).headerFields.map((f) => [f.name, f.value, f.source]);
  };
  // YAML front matter with a list of authors; an owner instead of authors.
  assert.deepEqual(fields('---\ntitle: Queue backlog\nauthors:\n  - ann\n  - bo\nseverity: SEV-3\n---\n\nText.\n'), [
    ['authors', 'ann, bo', 'frontmatter'],
    ['severity', 'SEV-3', 'frontmatter'],
  ]);
  assert.deepEqual(fields('---\nowner: "@ann"\n---\n# Queue backlog\n'), [['authors', '@ann', 'frontmatter']]);
  // A window of impact is the Duration; a signature line, at the end or under the title, the Authors;
  // a sentence that says who wrote something is not a signature.
  assert.deepEqual(fields('# Story network stall\n\n**Impact Window:** **02:00–02:08 CET** (01:00–01:08 UTC)\n\n## Summary\n\nText.\n\n*Prepared by Cumulo Infrastructure Team*\n'), [
    ['duration', '**02:00–02:08 CET** (01:00–01:08 UTC)', 'line'],
    ['authors', 'Cumulo Infrastructure Team', 'line'],
  ]);
  assert.deepEqual(fields('# Story network stall\n\n## Summary\n\nThe runbook was written by the on-call team after the last outage.\n\nWritten by hand, the config had a typo.\n'), []);
  // TOML front matter (Hugo, Zola), with a nested table.
  assert.deepEqual(fields('+++\ntitle = "Queue backlog"\ndate = 2024-03-09\nauthors = ["Ann Lee", "Bo Chan"]\n\n[extra]\nseverity = "SEV-2"\n+++\n\nText.\n'), [
    ['date', '2024-03-09', 'frontmatter'],
    ['authors', 'Ann Lee, Bo Chan', 'frontmatter'],
    ['severity', 'SEV-2', 'frontmatter'],
  ]);
  // A blockquote under the title, plain and as a list.
  assert.deepEqual(fields('# Queue backlog\n\n> **Date**: 2024-03-09  \n> **Severity:** SEV-2\n>\n> - Created by: Ann\n\n## Summary\n'), [
    ['date', '2024-03-09', 'line'],
    ['severity', 'SEV-2', 'line'],
    ['authors', 'Ann', 'line'],
  ]);
  // Sections named after fields (Google's template), and a zone in parentheses after a label.
  assert.deepEqual(fields('# Queue backlog\n\n発生日時（JST）: 2024-03-09 10:00\n\n## Authors\n\n- ann\n- bo\n\n## Severity\n\nSEV-2\n\n## Summary\n\nText.\n\n### Level\n\nnot a field\n'), [
    ['date', '2024-03-09 10:00', 'line'],
    ['authors', 'ann', 'section'],
    ['severity', 'SEV-2', 'section'],
  ]);
  // A date in the title, with or without a year; a title without one gives nothing.
  assert.deepEqual(fields('# March 26th, 2019 Prow outage\n'), [['date', 'March 26th, 2019 Prow outage', 'title']]);
  assert.deepEqual(fields('# May 15th outage: post mortem\n'), [['date', 'May 15th outage: post mortem', 'title']]);
  assert.deepEqual(fields('# Queue backlog\n'), []);
});

test('header pass: a label alone on its line with the value on the next line, or in the block below', () => {
  const fields = (text: string) => {
    const inp = input(text);
    const { sections, title } = readSections(inp);
    return readHeader(inp, sections, title).headerFields.map((f) => [f.name, f.value, f.source, f.line, f.valueRange.start.line, f.valueRange.start.character, f.valueRange.end.character]);
  };
  // Bold labels with the value on the next line (a hard break or not), a definition list, a label
  // whose value is the list below it.
  assert.deepEqual(fields('# Queue backlog\n\n**Date**\n2025-02-11\n**Severity:**  \nSEV-3\n\nAuthors\n: @amal\n\nDuration:\n\n- 1h 20m\n\n## Summary\n'), [
    ['date', '2025-02-11', 'next-line', 2, 3, 0, 10],
    ['severity', 'SEV-3', 'next-line', 4, 5, 0, 5],
    ['authors', '@amal', 'next-line', 7, 8, 2, 7],
    ['duration', '1h 20m', 'next-line', 10, 12, 2, 8],
  ]);
  // A Japanese notice's labels alone on a line, the value below (with or without a full-width colon).
  assert.deepEqual(fields('# 決済APIの遅延\n\n発生日時\n2025年2月11日 10:05\n作成者\n：山田\n\n## 概要\n').map((f) => f.slice(0, 3)), [
    ['date', '2025年2月11日 10:05', 'next-line'],
    ['authors', '山田', 'next-line'],
  ]);
  // Two labels in a row: the second is not the first's value; a label line with its value stays a `Key: value` line.
  assert.deepEqual(fields('# Queue backlog\n\n**Date**\n**Severity**: SEV-2\n\n## Summary\n').map((f) => f.slice(0, 3)), [['severity', 'SEV-2', 'line']]);
  // Below the first section a lone label is not a header field.
  assert.deepEqual(fields('# Queue backlog\n\n## Summary\n\n**Date**\n2025-02-11\n'), []);
  assert.equal(labelOnly('**Date**'), 'Date');
  assert.equal(labelOnly('__発生日時：__'), '発生日時');
  assert.equal(labelOnly('Date: 2025-02-11'), undefined);
});

test('header pass: a list item that is only the label takes its value from the items nested under it', () => {
  const header = (text: string) => {
    const inp = input(text);
    const { sections, title } = readSections(inp);
    return readHeader(inp, sections, title);
  };
  // `- **Duration:**` over nested Start Time / End Time items: the value is the nested items, and
  // the start gives the incident date.
  const h = header('**Postmortem: WordPress 500s**\n\n- **Duration:**\n\n  - Start Time: January 22, 2018, 17:23 PST\n  - End Time: January 22, 2018, 17:31 PST\n\n- **Severity:**\n- **Impact:**\n  - All users\n');
  const duration = h.headerFields.find((f) => f.name === 'duration')!;
  assert.equal(duration.value, 'Start Time: January 22, 2018, 17:23 PST; End Time: January 22, 2018, 17:31 PST');
  assert.deepEqual([duration.line, duration.valueRange.start.line, duration.valueRange.start.character], [2, 4, 4]);
  assert.equal(h.incidentDate, '2018-01-22');
  // A label item with nothing nested under it stays empty (the next item at its level is not its value).
  assert.equal(h.headerFields.find((f) => f.name === 'severity')!.value, '');
  // A start that is only a time dates nothing.
  const t = header('# Outage\n\n- **Duration:**\n  - Start: 17:23 UTC\n  - End: 17:31 UTC\n');
  assert.equal(t.headerFields.find((f) => f.name === 'duration')!.value, 'Start: 17:23 UTC; End: 17:31 UTC');
  assert.equal(t.incidentDate, undefined);
  assert.ok(!t.headerFields.some((f) => f.name === 'date'));
});

test('header pass: dates in titles, and a month in the title completed by the lead', () => {
  assert.deepEqual(titleDate('Website Outage 5-26-21'), { date: '2021-05-26', day: true });
  assert.deepEqual(titleDate('Outage 26/05/2021'), { date: '2021-05-26', day: true });
  assert.deepEqual(titleDate('[Public] 4/26 Transaction Delays Post-Mortem'), { date: undefined, day: true });
  assert.deepEqual(titleDate('Outage 03/04/2021'), { day: false }, 'either way round: a date, day unknown');
  assert.equal(titleDate('24/7 support paging failed'), undefined);
  assert.equal(titleDate('Release 1.24.0 broke installs'), undefined);
  assert.equal(titleDate('Outage 5-26'), undefined, 'a dash without a year is a range or an id, not a date');
  assert.equal(titleDate('Data processing delays (November 2025)'), undefined, 'a month is not a day');
  assert.deepEqual(titleMonth('Data processing delays (November 2025)'), [2025, 11]);
  assert.deepEqual(titleMonth('Sept. 2024 review'), [2024, 9]);
  const header = (text: string) => {
    const inp = input(text);
    const { sections, title } = readSections(inp);
    const h = readHeader(inp, sections, title);
    return [h.headerFields.map((f) => f.name), h.incidentDate];
  };
  assert.deepEqual(header('# Delays (November 2025)\n\nBetween November 11 and November 15, 2025 events were late.\n\n## Summary\n'), [['date'], '2025-11-11']);
  assert.deepEqual(header('# Delays (November 2025)\n\nOn October 30, 2025 events were late.\n\n## Summary\n'), [[], undefined], 'a day of another month does not complete it');
  assert.deepEqual(header('# Delays (November 2025)\n\nEvents were late.\n\n## Summary\n'), [[], undefined]);
  assert.deepEqual(header('# Website Outage 5-26-21\n'), [['date'], '2021-05-26']);
});

test('sections pass: a list introduced by a sentence is the section the sentence names', () => {
  const known = (text: string) => readSections(input(text)).known.map((s) => [s.kind, s.headingLine, s.endLine, s.blocks]);
  assert.deepEqual(
    known('# Cert expiry\n\nOur main findings as to why this incident occurred were:\n\n- manual renewal\n- stale dashboard\n\nTo address these findings and to prevent a recurrence, we have planned the following work:\n\n- alert 14 days ahead\n'),
    [
      ['contributing-factors', 2, 5, [2]],
      ['action-items', 7, 9, [4]],
    ],
  );
  assert.deepEqual(known('# X\n\nGoing forward, we will do the following in an effort to avoid similar issues:\n- add lag monitoring\n').map((k) => k[0]), ['action-items']);
  assert.deepEqual(known('# X\n\nThe lessons that we are taking away from this incident are as follows:\n\n  - document deploys\n').map((k) => k[0]), ['lessons-learned']);
  assert.deepEqual(known('# X\n\n再発防止策として、以下を実施します。\n\n- 監視の追加\n').map((k) => k[0]), ['action-items']);
  assert.deepEqual(known('# X\n\nSome possible actions in the future:\n* add a second proxy\n').map((k) => k[0]), ['action-items']);
  assert.deepEqual(known('# X\n\nFurther improvements we are considering:\n- a second proxy\n').map((k) => k[0]), ['action-items']);
  // Not sections: a sentence that does not point at the list, a list of changes already made, a
  // long paragraph, a sentence with no list after it.
  assert.deepEqual(known('# X\n\nThe root cause was a stale cache.\n\n- one\n'), []);
  assert.deepEqual(known('# X\n\nThe following changes were deployed during the incident:\n\n- new cert\n'), []);
  assert.deepEqual(known('# X\n\nWe found the root cause\nafter a long search\nthrough the logs\nof every node:\n\n- one\n'), []);
  assert.deepEqual(known('# X\n\nThe root causes were:\n\nnot a list\n'), []);
  const sc = scan('# X\n\nRoot causes:\n\n- one\n');
  assert.equal(introSection(sc.lines, sc.blocks, 1)?.kind, 'contributing-factors');
  assert.equal(readSections(input('# X\n\nRoot causes:\n\n- one\n')).known.length, 1, 'a one-line label is read once, as a label');
});

test('sections pass: with a title in the front matter, a first # heading that names a section is that section', () => {
  const read = (text: string) => {
    const r = sectionsAndLead(input(text));
    return { title: r.title?.text, known: r.known.map((s) => s.kind), lead: !!r.lead };
  };
  const lead = 'On December 13th the site answered every request with a 504 for seven minutes, in all regions of the world.\n\n';
  assert.deepEqual(read(`---\ntitle: "Global outage"\n---\n\n${lead}# Timeline\n\n- 18:53 first report\n\n## Resulting Action\n\n## Opportunities\n`), { title: undefined, known: ['timeline', 'action-items', 'lessons-learned'], lead: true });
  // The same heading without a front matter title is the report's title; a title-like first # heading stays the title.
  assert.deepEqual(read('# Timeline\n\n- 18:53 first report\n').title, 'Timeline');
  assert.deepEqual(read('---\ntitle: Global outage\n---\n\n# Global outage on the CDN\n\n## Timeline\n').title, 'Global outage on the CDN');
  assert.deepEqual(read('# 報告\n\n## 事実\n\n- 誤ったアカウントでマージした\n').known, ['summary']);
});

test('header pass is linear in leading whitespace (20,000 spaces, indented nested lists)', () => {
  // The forms of the regressions, at n and 4n: each took seconds to minutes at 20,000 before.
  const forms: ((n: number) => string)[] = [
    (n) => '# Post-Mortem\n\n' + ' '.repeat(n) + '\n\n## Summary\n',
    (n) => '# Post-Mortem\n\n- ' + ' '.repeat(n) + 'x\n\n## Summary\n',
    (n) => '# Post-Mortem\n\nDate: x' + ' '.repeat(n) + 'y\n\n## Summary\n',
    (n) => '# Post-Mortem\n\n' + Array.from({ length: n / 25 }, (_, i) => ' '.repeat(i * 2) + '- item ' + i).join('\n') + '\n\n## Summary\n',
  ];
  // Each run gets its own text (`k` marks the title), since the model keeps what it read of a block by its text.
  const time = (make: (k: number) => string) => fastest((k) => buildModel(make(k)), 5);
  const titled = (text: string, k: number) => text.replace('# Post-Mortem', `# Post-Mortem ${'Q'.repeat(k + 1)}`);
  for (const form of forms) {
    assert.equal(buildModel(form(20000)).sectionOf('summary')?.title, 'Summary');
    assertGrowsLinearly(`${JSON.stringify(form(4).slice(15, 30))}… of ${form(20000).length} characters`, () => ({
      small: time((k) => titled(form(5000), k)),
      large: time((k) => titled(form(20000), k)),
      control: time((k) => titled('# Post-Mortem\n\n' + 'Plain words. '.repeat(form(20000).length / 13) + '\n\n## Summary\n', k)),
    }));
  }
  assert.equal(buildModel('# P\n\nDate: x' + ' '.repeat(20000) + 'y\n\n## Summary\n').headerFields[0].value, 'x' + ' '.repeat(20000) + 'y');
});

test('timeline pass: tables, lists, zones, day headings and rollover', () => {
  const inp = input('# Outage\n\n## Timeline (all times UTC)\n\n### 2024-03-09\n\n| Time | Event |\n| --- | --- |\n| 23:50 | a |\n| 00:10 | b |\n\n### 2024-03-11\n\n- 09:00 c\n- not a time\n');
  const { known } = readSections(inp);
  const { sectionOf } = sectionQueries(known);
  const tl = readTimeline(inp, { section: sectionOf('timeline'), headerFields: [] });
  assert.equal(tl.zone?.zone, 'UTC');
  assert.equal(tl.tables.length, 1);
  assert.deepEqual(tl.entries.map((e) => [e.kind, e.timeText, new Date(e.epoch! * 1000).toISOString(), !!e.rollover]), [
    ['table', '23:50', '2024-03-09T23:50:00.000Z', false],
    ['table', '00:10', '2024-03-10T00:10:00.000Z', true],
    ['list', '09:00', '2024-03-11T09:00:00.000Z', false],
  ]);
});

test('timeline pass: without a Timeline section, a | Time | Event | table anywhere is the timeline, unless it has owners', () => {
  const inp = input('# Outage\n\n| Time | Event |\n| --- | --- |\n| 10:00 | a |\n\n| Time | Event | Owner |\n| --- | --- | --- |\n| 11:00 | b | ann |\n');
  const tl = readTimeline(inp, { headerFields: [], incidentDate: '2024-01-02' });
  assert.deepEqual(tl.entries.map((e) => e.timeText), ['10:00']);
  assert.equal(tl.baseDate, '2024-01-02');
});

test('action items pass: tables anywhere, lists in the section, done sub-headings, bold-label sections', () => {
  let inp = input('# Outage\n\n## Action Items\n\n| Action | Owner | Status |\n| --- | --- | --- |\n| Add alert | ann | Done |\n\n### Completed\n\n- Rolled back (owner: bo)\n- [ ] Add test @cy\n');
  let { known } = readSections(inp);
  let q = sectionQueries(known);
  const tl = readTimeline(inp, { headerFields: [] });
  let ai = readActionItems(inp, { section: q.sectionOf('action-items'), timeline: tl });
  assert.deepEqual(ai.items.map((i) => [i.kind, i.action?.text, i.owner?.text ?? i.listOwner, i.task]), [
    ['table', 'Add alert', 'ann', undefined],
    ['list', 'Rolled back (owner: bo)', 'bo', 'done'],
    ['list', '[ ] Add test @cy'.replace('[ ] ', ''), '@cy', 'done'],
  ]);
  const m = buildModel(inp.scan.text);
  assert.deepEqual(m.actionItems.items.map((i) => m.isDone(i)), [true, true, true]);

  inp = input('# Outage\n\n- **Review actions**:\n  - Add a runbook\n  - [x] Page the DB team\n- **Impact**: none\n');
  ({ known } = readSections(inp));
  q = sectionQueries(known);
  ai = readActionItems(inp, { section: q.sectionOf('action-items'), timeline: readTimeline(inp, { headerFields: [] }) });
  assert.deepEqual(ai.items.map((i) => [i.text, i.task]), [['Add a runbook', undefined], ['Page the DB team', 'done']]);
});

test('action items pass: items already done are done (status, [x], a done sub-heading or label, their own words)', () => {
  const doc = buildModel(
    '# Outage\n\n## Action items\n\n| Action | Owner | Status |\n| --- | --- | --- |\n| Add a canary stage | - | Done |\n| Add a lag alert | @a | Open |\n| We added a disk alert | - | |\n\n### Completed\n\n| Action | Owner |\n| --- | --- |\n| Rotate the token | - |\n\n**Actions taken:**\n\n- Revoke the leaked key\n\n**Actions planned:**\n\n- [x] Enable branch protection\n- We added 2FA for every maintainer\n- タイムアウト値を修正しました\n- Added a delivery probe (#12)\n- The job was moved to the new cluster\n- Add a delivery probe\n- Set up an alert on queue depth\n- Update the runbook with a check for running backups [Completed]\n- Rename the [Done] column in the tracker\n- Reset the bot credentials every 90 days\n- We need to add alerts\n- Created a ticket to track the cleanup\n- 監視を追加する\n\nLessons learned:\n\n- Not an action item\n',
  );
  const items = doc.actionItems.items.map((it) => [(it.action?.text ?? '').replace(/^\[[ x]\]\s*/, ''), doc.isDone(it)]);
  assert.deepEqual(items, [
    ['Add a canary stage', true],
    ['Add a lag alert', false],
    ['We added a disk alert', true],
    ['Rotate the token', true],
    ['Revoke the leaked key', true],
    ['Enable branch protection', true],
    ['We added 2FA for every maintainer', true],
    ['タイムアウト値を修正しました', true],
    ['Added a delivery probe (#12)', true],
    ['The job was moved to the new cluster', true],
    ['Add a delivery probe', false],
    ['Set up an alert on queue depth', false],
    ['Update the runbook with a check for running backups [Completed]', true],
    ['Rename the [Done] column in the tracker', false],
    ['Reset the bot credentials every 90 days', false],
    ['We need to add alerts', false],
    ['Created a ticket to track the cleanup', false],
    ['監視を追加する', false],
  ]);
  // The open items are one query, the same list every rule and `postmortem actions` read.
  assert.deepEqual(doc.openActionItems(), doc.actionItems.items.filter((it) => !doc.isDone(it)));
  assert.equal(doc.openActionItems(), doc.openActionItems());
  // An action section's own heading marked done ("(completed)", a check mark after the words,
  // 「（対応済み）」) and every heading below a done sub-heading; a check mark before the words is
  // decoration, and "What is being done about it" names the section.
  const marked = buildModel(
    '# Outage\n\n## Remediation (completed)\n\n- Restore the schema\n\n## Corrective actions ✅\n\n- Add the model\n\n## 再発防止策（対応済み）\n\n- 監視を追加する\n\n## Preventive measures\n\n### Immediate (Done)\n\n#### Restore\n\n- Restore the table\n\n### Later\n\n- Add a restore drill\n\n## ✅ Follow-ups\n\n- Alert on a dropped table\n\n## What is being done about this?\n\n- Page the data team\n',
  );
  assert.deepEqual(marked.openActionItems().map((it) => it.text), ['Add a restore drill', 'Alert on a dropped table', 'Page the data team']);
  // "Actions taken" as a section's heading is done; a done-word with the work still ahead of it
  // ("Steps to be taken", "to be completed", 完了予定) is not.
  const ahead = buildModel(
    '# Outage\n\n## Immediate Actions Taken\n\n- Roll back the deploy\n\n## Action Items\n\n### Steps to be taken\n\n- Add a canary stage\n\n### Next steps to be completed\n\n- Add a restore drill\n\n### 完了予定\n\n- 監視を追加する\n\n### Actions taken\n\n- Disable the flag\n',
  );
  assert.deepEqual(ahead.openActionItems().map((it) => it.text), ['Add a canary stage', 'Add a restore drill', '監視を追加する']);
  // The same for a list item that labels the items under it.
  const labels = buildModel('# Outage\n\n## Corrective and Preventive Measures\n\n- **Immediate Actions Taken**:\n  - Monitoring confirmed the scope\n- **Short-term Actions**:\n  - Alert on block time spikes\n- **Steps to be taken**:\n  - Add a canary stage\n');
  assert.deepEqual(labels.openActionItems().map((it) => it.text), ['Alert on block time spikes', 'Add a canary stage']);
});

test('action items pass: instructions and links for readers are not action items; a sub-heading that states a time gives its items that deadline', () => {
  const asides = buildModel(
    '# Outage\n\n## Next steps\n\nNode operators should now:\n\n1. Update their clients\n\n### Disabling protection\n\nInstructions for how to disable it per client.\n\n**Teku**\n\n1. Stop teku\n\n### Releases and resources\n\n- Geth: [v1.15.3](https://example.com)\n\n### Monitoring\n\nThe dashboards need work:\n\n- Add a fork-parameter check to CI\n\n### 復旧手順の整備\n\n- 復旧手順を手順書に追記する\n',
  );
  assert.deepEqual(asides.actionItems.items.map((it) => it.text), ['Add a fork-parameter check to CI', '復旧手順を手順書に追記する']);
  // Lists that describe (an algorithm's steps, pros and cons, alternatives), a list of findings,
  // the scope of work named done above it: not action items. An imperative over its scope, and an
  // item that only mentions "never", are.
  const described = buildModel(readFileSync(join(__dirname, '..', 'fixtures', 'structure', 'action-lists-not-items.md'), 'utf8'));
  assert.deepEqual(described.openActionItems().map((it) => it.text), ['Make sure the sync job never runs twice at once.', "compares the entity's relations before and after the upgrade", 'fails the build on any difference']);
  const ja = buildModel('# 障害報告\n\n## 再発防止策\n\n### Pre-commit Hook\n`.git/hooks/pre-commit` に自動チェック機能を実装：\n- ステージされたファイルの BOM を確認\n- BOM がない場合、コミットを拒否\n\n### 監視\nディスク使用率の監視を追加する：\n- 80% で通知\n\n### 補足\n- テストがなかった。\n- レビューが行われていなかった。\n');
  assert.deepEqual(ja.openActionItems().map((it) => it.text), ['80% で通知']);
  const horizons = buildModel('# Outage\n\n## Action items\n\n### Short-term (Next 2h)\n\n- Restore the certificates\n- Rotate the key (due 2026-01-09)\n\n#### Ingress\n\n- Re-issue the ingress certificate\n\n### Long-term (Q3)\n\n- Move state to a managed store\n\n### 短期（1週間以内）\n\n- 監視を追加する\n\n### Immediate (this week)\n\n- Page on a destroy plan\n\n### Short-term\n\n- Add a plan check\n');
  assert.deepEqual(horizons.actionItems.items.map((it) => [it.text, it.listDeadline]), [
    ['Restore the certificates', 'Next 2h'],
    ['Rotate the key (due 2026-01-09)', '2026-01-09'],
    ['Re-issue the ingress certificate', 'Next 2h'],
    ['Move state to a managed store', 'Q3'],
    ['監視を追加する', '1週間以内'],
    ['Page on a destroy plan', 'this week'],
    ['Add a plan check', undefined],
  ]);
});

test('people pass: authors, actors, owners (not placeholders) and @handles outside code', () => {
  const text = '# Outage\n\n**Authors**: Ann and Bo\n\n## Timeline\n\n| Time | Event | Actor |\n| --- | --- | --- |\n| 10:00 | a | Cy, ? |\n\n## Action Items\n\n| Action | Owner |\n| --- | --- |\n| x | TBD |\n| y | **Dee** |\n\nThanks @eve.\n\n```\n@notaperson\n```\n';
  const m = buildModel(text);
  const inp = input(text);
  assert.deepEqual(readPeople(inp, m.headerFields, m.timeline, m.actionItems), ['Ann', 'Bo', 'Cy', 'Dee', '@eve']);
});

test('queries: blockAt, topLevelItems, language, writingLanguage, languageOf, isPlaceholderOwner, owners, isDone', () => {
  const m = buildModel('# 障害報告\n\n- a\n  - b\n- c\n\ntext\n');
  assert.equal(m.blockAt(0), 0);
  assert.equal(m.blockAt(1), -1, 'a blank line is in no block');
  assert.equal(m.blockAt(3), 1);
  assert.equal(m.blockAt(6), 2);
  assert.equal(m.blockAt(99), -1);
  assert.deepEqual(m.topLevelItems(1).map((i) => i.line), [2, 4]);
  assert.equal(m.language, 'ja');
  assert.equal(buildModel('# Outage\n').language, 'en');
  assert.equal(buildModel('no headings\n').language, undefined);
  for (const v of ['', ' TBD ', '**?**', 'someone', '未定']) assert.equal(isPlaceholderOwner(v), true, v);
  for (const v of ['ann', '@sre-team']) assert.equal(isPlaceholderOwner(v), false, v);
  // An owner of marks alone names no one, whatever the list; a closing full stop does not hide a placeholder.
  for (const v of ['???', '?!', '…', '(?)', '- -', 'N/A', 'N/A.', 'tbd.']) assert.equal(isPlaceholderOwner(v), true, v);
  for (const v of ['Q.A.', 'ops.', '7', 'A. Lee']) assert.equal(isPlaceholderOwner(v), false, v);
  assert.equal(isPlaceholderOwner('???', ['Nobody']), true);
  assert.equal(isPlaceholderOwner('nobody', ['Nobody']), true, 'a configured list replaces the built-in one');
  assert.equal(isPlaceholderOwner('TBD', ['Nobody']), false);
  assert.equal(hasJapanese('再発防止策'), true);
  assert.equal(hasJapanese('ｱｸｼｮﾝ'), true, 'half-width katakana');
  assert.equal(hasJapanese('Action'), false);
  const blocks = scan('a\n\n| x |\n| - |\n| 1 |\n').blocks;
  assert.deepEqual([0, 1, 2, 4, 5].map((l) => blockIndexAt(blocks, l)), [0, -1, 1, 1, -1]);
  assert.deepEqual(topLevel([]), []);
  // The language to write new text in: the report's own, else the messages' locale.
  assert.equal(m.writingLanguage('en'), 'ja');
  assert.equal(buildModel('no headings\n').writingLanguage('ja'), 'ja');
  // The language of one value: its own script, else the fallback.
  assert.equal(languageOf('完了', 'en'), 'ja');
  assert.equal(languageOf('Done', 'ja'), 'ja');
  assert.equal(languageOf('Done', 'en'), 'en');
  // Owners the report names, each once, without placeholders (the built-in list, or the configured one).
  const o = buildModel('# Outage\n\n**Authors**: @ann, ops-team\n\n## Action Items\n\n| Action | Owner |\n| --- | --- |\n| Add an alert | @ann |\n| Add a test | TBD |\n| Add a runbook | ops-team |\n');
  assert.deepEqual(o.owners(), ['@ann', 'ops-team']);
  assert.deepEqual(o.owners(['ops-team']), ['@ann']);
});

test('timeline pass: list items, nested runs, time headings, paragraphs and timeline-shaped lists outside the section', () => {
  const text = [
    '# Outage', '', '- **Key events**', '  - Detected: 2024-03-09 10:00', '- **Context**:', '  - 2024-03-09 10:00: a', '  - 2024-03-09 10:20: b', '  - 2024-03-09 10:10: c', '',
    '## Timeline', '', '### 2024-03-09', '', '#### 23:50', '', 'Alert fired.', '', '#### 23:58 UTC', '', '01:45 CET: paged', '', '**01:50 UTC** rolled back', '',
    '- Day two', '  - 01:00 x', '  - 02:00 y', '',
  ].join('\n');
  const inp = input(text);
  const { known } = readSections(inp);
  const { sectionOf } = sectionQueries(known);
  const tl = readTimeline(inp, { section: sectionOf('timeline'), headerFields: [] });
  assert.deepEqual(tl.entries.map((e) => [e.line + 1, e.kind, e.region, e.timeText, new Date(e.epoch! * 1000).toISOString().slice(0, 16)]), [
    [6, 'list', 1, '2024-03-09 10:00', '2024-03-09T10:00'],
    [7, 'list', 1, '2024-03-09 10:20', '2024-03-09T10:20'],
    [8, 'list', 1, '2024-03-09 10:10', '2024-03-09T10:10'],
    [14, 'heading', 0, '23:50', '2024-03-09T23:50'],
    [18, 'heading', 0, '23:58 UTC', '2024-03-09T23:58'],
    [20, 'paragraph', 0, '01:45 CET', '2024-03-10T00:45'],
    [22, 'paragraph', 0, '01:50 UTC', '2024-03-10T01:50'],
    [25, 'list', 0, '01:00', '2024-03-10T01:00'],
    [26, 'list', 0, '02:00', '2024-03-10T02:00'],
  ]);
  assert.deepEqual(tl.groups.map((g) => g.kind), ['list', 'heading', 'paragraph', 'list']);
  assert.deepEqual(listRuns(inp.blocks[inp.blocks.length - 1].items!).map((r) => r.map((i) => i.line + 1)), [[24], [25, 26]]);
});

test('action items pass: owners in parentheses at the end of an item, and the words that are not owners', () => {
  const doc = buildModel(
    '# Outage\n\n## Action items\n\n- More descriptive logs (agree on a log format) (Hazal)\n- Fake drills (Scott/Paul)\n- Rotate the keys (Ana Lima, Bo)\n- Shard the queue (Optional)\n- Move the worker (see #12)\n- Add a canary stage (Done)\n- Page on lag (High)\n- Tidy the dashboards (Hazal) next week\n',
  );
  assert.deepEqual(
    doc.actionItems.items.map((i) => i.listOwner),
    ['Hazal', 'Scott/Paul', 'Ana Lima, Bo', undefined, undefined, undefined, undefined, undefined],
  );
  // The same reading tells vague-action where the item's topic ends.
  assert.deepEqual(ownersAtEnd('Fake drills (Scott/Paul)'), { owners: 'Scott/Paul', index: 12 });
  assert.equal(ownersAtEnd('Page on lag (High)'), undefined);
});

test('action items pass: one vocabulary of planned work for an item ("We must add ...") and for a commitment in prose', () => {
  assert.deepEqual(['We will add an alert.', "We'll add an alert.", 'We must add an alert.', 'The SRE team needs to add an alert.', 'They are going to add an alert.', 'We added an alert.'].map(plansWork), [true, true, true, false, true, false]);
  const doc = buildModel('# Outage\n\n## Action items\n\nThe cache was cold. We must pre-warm it before each deploy. We are committed to\nkeeping a spare node.\n');
  assert.deepEqual(doc.actionItems.sentences.map((s) => s.text), ['We must pre-warm it before each deploy', 'We are committed to keeping a spare node']);
});

test('action items pass: commitments told as work in progress or in the future passive are read as sentences; a passive inside a clause or in the past is not', () => {
  const doc = buildModel(
    '# Outage\n\n## Next steps\n\nWe are working diligently to make sure this does not recur. We\'re committed to a weekly restore test.\nThe root cause will be analyzed. A page, which will be sent by the new check, was added. The worker was restarted.\n',
  );
  assert.deepEqual(doc.actionItems.sentences.map((s) => s.text), ['We are working diligently to make sure this does not recur', "We're committed to a weekly restore test", 'The root cause will be analyzed']);
  // A notice with no follow-up list: its promises in prose, wrapped or in the passive, and not what the system will do on its own.
  const notice = buildModel(
    '# Incident report: DNS errors\n\nResolvers failed for 50 minutes. Traffic will be routed to Paris automatically if it happens again.\n\nWe are working hard to prevent a recurrence, and we\nwill be reviewing our change procedures. The cause will be investigated further.\n',
  );
  assert.deepEqual(notice.actionItems.pledges.map((s) => s.text), ['We are working hard to prevent a recurrence', 'we will be reviewing our change procedures', 'The cause will be investigated further']);
});

test('action items pass: work under way told by its doers in an action section is a follow-up; a status in a notice is not', () => {
  const doc = buildModel('# Outage\n\n## Next steps\n\nWe are also looking into ways to make failover safer. Our team is adding a lag alert. We are going to page at 10k.\n');
  assert.deepEqual(doc.actionItems.sentences.map((s) => s.text), ['We are also looking into ways to make failover safer', 'Our team is adding a lag alert', 'We are going to page at 10k']);
  const notice = buildModel('# Incident report: DNS errors\n\nResolvers failed for 50 minutes. We are investigating the cause and monitoring the resolvers.\n');
  assert.deepEqual(notice.actionItems.pledges, []);
  assert.equal(judgeAction('We are working on improving the rotation runbook')?.lead, 'improving');
  assert.equal(judgeAction('We are working on setting up a second signing key in `eu-west-2`'), undefined);
});

test('action items pass: with no action section, lessons told as work are the follow-ups; lessons told as findings are not', () => {
  const doc = buildModel('# Outage\n\n## Summary\n\nThe queue fell behind.\n\n## Lessons learned\n\n- Better monitoring of consumer lag\n- Add a lag alert at 100k messages\n- Crash loops look like slow consumers.\n- More than one consumer crashed at once.\n');
  assert.deepEqual(doc.actionItems.pledges.map((s) => s.text), ['Better monitoring of consumer lag', 'Add a lag alert at 100k messages']);
  const withActions = buildModel('# Outage\n\n## Lessons learned\n\n- Better monitoring of consumer lag\n\n## Action items\n\n- Add a lag alert at 100k messages\n');
  assert.deepEqual(withActions.actionItems.pledges, []);
});

test('a part named only "Actions" is the action section when its list plans work, not when it reports work done or ticks off the template', () => {
  const kindOf = (list: string) => buildModel(`# Outage\n\n## Summary\n\nThe queue fell behind.\n\n## Actions\n\n${list}\n`).sections.find((s) => s.title === 'Actions')?.kind;
  assert.equal(kindOf('- Better alerting on consumer lag\n- Look into the consumer crash loop\n- Add a lag alert at 100k messages'), 'action-items');
  assert.equal(kindOf('- Failed over the consumers to the second zone\n- Moved the malformed message to the dead-letter queue'), undefined);
  assert.equal(kindOf('- [ ] Incident is over\n- [ ] Sections above are filled out'), undefined);
  assert.equal(kindOf('- [x] Add a lag alert\n- [ ] Look into the crash loop'), undefined);
  assert.equal(kindOf('- Add a lag alert at 100k messages'), undefined);
});

test('action items pass: "Open follow-ups" is an action section, and a list introduced by "we can minimize the impact by following ... rules:" is what will be done', () => {
  const doc = buildModel(
    '# Outage\n\n## Impact\n\nThe impact was limited to:\n\n- 14 missed attestations\n\n## Prevention\n\nWe can minimize the impact by following a few extra rules:\n\n1. Every host runs its node on its own disk.\n\n## Open follow-ups\n\n- Move the archive database to its own volume\n',
  );
  assert.deepEqual(doc.openActionItems().map((i) => i.action?.text), ['Every host runs its node on its own disk.', 'Move the archive database to its own volume']);
});

test('action items pass, its small parts alone: which items are done, what deadline a heading gives, which lists are for readers', () => {
  // Done: a done sub-heading covers deeper headings up to one at its level; a label paragraph covers what follows it.
  const done = new DoneScope();
  const seen: boolean[] = [];
  done.heading(2, 'Action Items', false, true);
  seen.push(done.done);
  done.heading(3, 'Completed', true, false);
  seen.push(done.done);
  done.heading(4, 'Rotate the token', true, false);
  seen.push(done.done);
  done.heading(3, 'Next steps to be completed', true, false);
  seen.push(done.done);
  done.label('**Actions taken:**');
  seen.push(done.done);
  done.heading(3, 'Later', true, false);
  seen.push(done.done);
  assert.deepEqual(seen, [false, true, true, false, true, false]);
  const own = new DoneScope();
  own.heading(2, 'Remediation (completed)', false, true);
  assert.equal(own.done, true, "an action section's own heading can mark it done");
  own.heading(2, 'Remediation', false, true);
  assert.equal(own.done, false);
  // A "Mitigations" section: done, unless an item's own words plan work.
  const mit = new DoneScope();
  mit.heading(2, 'Mitigations', false, true);
  assert.deepEqual(['Rolled back the deploy.', 'Test coverage was added for the parser.', 'Rate limiting on the gateway', 'We will add an alert.', 'Add a runbook entry.'].map((t) => mit.itemDone(t)), [true, true, true, false, false]);
  mit.label('**Actions taken:**');
  assert.equal(mit.itemDone('Add a runbook entry.'), true, 'a done label decides for what follows it');

  assert.deepEqual(['We will add an alert', "We'll move the job", 'Will add a test', 'Add a canary', 'Monitor the queue depth', 'Added a canary', 'Monitoring was added', 'Review was done by the team', 'Rate limiting'].map(plansWork), [true, true, true, true, true, false, false, false, false]);

  // Deadlines: stated by a heading, kept for deeper headings, dropped at one at its level.
  const dl = new DeadlineScope();
  const dls: (string | undefined)[] = [];
  for (const [level, text] of [[3, 'Short-term (Next 2h)'], [4, 'Ingress'], [3, 'Long-term'], [3, '中期（1ヶ月以内）']] as const) {
    dl.heading(level, text, true);
    dls.push(dl.deadline);
  }
  assert.deepEqual(dls, ['Next 2h', 'Next 2h', undefined, '1ヶ月以内']);
  const outside = new DeadlineScope();
  outside.heading(3, 'Short-term (Next 2h)', false);
  assert.equal(outside.deadline, undefined, 'a heading outside the action section states no deadline');

  // Asides: an aside heading to the next at its level; a paragraph opening instructions to the next
  // heading; a sentence telling readers what to do, for the next block only.
  const aside = new AsideScope();
  const asides = [
    aside.at('heading', true, 'Useful links', 3),
    aside.at('list', true, ''),
    aside.at('heading', true, 'Fixes', 3),
    aside.at('list', true, ''),
    aside.at('paragraph', true, 'Node operators should now:'),
    aside.at('list', true, ''),
    aside.at('list', true, ''),
    aside.at('paragraph', true, 'Instructions for how to disable the flag'),
    aside.at('list', true, ''),
    aside.at('list', true, ''),
    aside.at('heading', true, 'Later', 3),
    aside.at('list', true, ''),
  ];
  assert.deepEqual(asides, [true, true, false, false, false, true, false, false, true, true, false, false]);
  // A procedure's heading: its numbered lists are for readers, its bullet lists and other headings' are not.
  const proc = new AsideScope();
  assert.deepEqual(
    [
      proc.at('heading', true, 'Visual Studio での設定', 3),
      proc.at('list', true, '', 1, true),
      proc.at('list', true, '', 1, false),
      proc.at('heading', true, '監視設定の追加', 3),
      proc.at('list', true, '', 1, true),
      proc.at('heading', true, 'Steps to configure the CLI', 3),
      proc.at('list', true, '', 1, true),
      proc.at('heading', true, 'Steps to prevent a recurrence', 3),
      proc.at('list', true, '', 1, true),
    ],
    [false, true, false, false, false, false, true, false, false],
  );
  // Lists that are not tasks, under a heading or a label naming them: a checklist's entries, what to
  // verify and how, the files concerned, trade-offs; to the next heading or label.
  const named = new AsideScope();
  assert.deepEqual(
    [
      named.at('heading', true, '3. Migration Review Checklist', 3),
      named.at('list', true, ''),
      named.at('heading', true, 'Checks to add', 3),
      named.at('list', true, ''),
      named.at('paragraph', true, '【検証手順（Windows／PowerShell）】'),
      named.at('list', true, ''),
      named.at('paragraph', true, '【再発防止策】'),
      named.at('list', true, ''),
      named.at('paragraph', true, '**トレードオフ**:'),
      named.at('list', true, ''),
      named.at('heading', true, '手動確認チェックリスト', 3),
      named.at('list', true, ''),
      named.at('heading', true, 'チェックリストの整備', 3),
      named.at('list', true, ''),
    ],
    [true, true, false, false, true, true, false, false, true, true, true, true, false, false],
  );
  // Done in an item's own words, or nothing to do; the planned look-alike stays open.
  assert.deepEqual(
    [
      // A report's own wording of work that names no result ("Re-worked our Github secrets management",
      // "Team discussed performing restarts") stays open: the development set labels such items vague.
      'Re-worked our Github secrets management.',
      'Rework the Github secrets management.',
      'Downgraded the check to a warning.',
      'Team discussed performing restarts when the WAL count is lower.',
      'Team to discuss performing restarts when the WAL count is lower.',
      'Manager needs to use our PSPs - this has already been done.',
      'Manager needs to use our PSPs.',
      '回復確認: app-okの200を確認した。',
      '恒久対応: 不要。',
      '再発防止: 起動失敗とruntime errorを自動テストで区別する。',
      '一時対応: 再起動する。',
      'We have for several years enabled 2FA for the organisation.',
      'The committee took a vote on signing and it was rejected.',
      'We decided not to move the queue.',
      '署名付きの配布は採用見送り',
      'Sign the packages.',
    ].map(saysDone),
    [false, false, true, false, false, true, false, true, true, false, false, true, true, true, true, false],
  );
  // A label naming a party owns the items under it.
  assert.deepEqual(['【支部】', '【健診機関】', '**Platform team:**', '**運用**:', '【再発防止策】', 'Next:'].map(labelOwner), ['支部', '健診機関', 'Platform team', undefined, undefined, undefined]);
  // A sub-heading or label saying its work was applied or landed.
  const applied = new DoneScope();
  applied.heading(3, 'Applied (immediate)', true, false);
  assert.equal(applied.done, true);
  applied.heading(3, 'To be applied', true, false);
  assert.equal(applied.done, false);
  applied.heading(3, '5.1 Daily ping cron (本 PR で着地)', true, false);
  assert.equal(applied.done, true);
  applied.label('**対策（CLAUDE.md反映済み）**:');
  assert.equal(applied.done, true);
  applied.label('**対策**:');
  assert.equal(applied.done, false);
});

test('queries: twoColumnRow reads a two-column row typed without its table, only beside another', () => {
  const lines = ['Summary', 'Date | 2023-08-02 13:33 |', 'Root cause(s) | The build failed. |', '', 'Impact | see the status page |'];
  assert.deepEqual(twoColumnRow(lines, 1), { key: 'Date', keyStart: 0, value: '2023-08-02 13:33', valueStart: 7 });
  assert.equal(twoColumnRow(lines, 2)?.key, 'Root cause(s)');
  assert.equal(twoColumnRow(lines, 4), undefined, 'a single piped line in prose is no row');
  assert.equal(twoColumnRow(lines, 0), undefined);
});

test('header and sections passes: the header table typed without its delimiter row, a Date given as a period, a row that says how long it lasted', () => {
  const plain = buildModel('A theme change broke the site.\nSummary\nDate | 2023-08-02 13:33 |\nAuthor(s) | Joel C. |\nImpact | No toots could be sent. |\nRoot cause(s) | The build failed. |\nCorrective action(s)\nItem | Owner |\n---|---|\nSet up staging. | Joel C. |\n');
  assert.deepEqual(plain.headerFields.map((f) => [f.name, f.value]), [['date', '2023-08-02 13:33'], ['authors', 'Joel C.']]);
  assert.deepEqual(plain.sections.filter((s) => s.kind).map((s) => [s.kind, s.headingLine]), [['summary', 1], ['impact', 4], ['contributing-factors', 5], ['action-items', 6]]);
  const ja = buildModel('# 障害報告\n\n| 項目 | 値 |\n|---|---|\n| 発生日時 | 2026-05-12 12:00 JST |\n| 復旧 | 15:23 に復旧 (3 時間 23 分継続) |\n| 影響範囲 | 全リクエストが 502 |\n');
  assert.deepEqual(ja.headerFields.find((f) => f.name === 'duration')?.value, '3 時間 23 分継続');
  assert.equal(ja.sectionOf('impact')?.headingLine, 6);
  const period = buildModel('お知らせ\n\n【発生日時】\n2020/8/26 14:54〜15:14頃\n');
  assert.deepEqual(period.headerFields.map((f) => f.name), ['date', 'duration']);
});

test('sections pass: one reading of a line that is a part name alone (numbered, marked, bare), asked by the action items pass', () => {
  // Numbered: a dot, a bracket, and in Japanese a number and a space; a count or a sentence is not a name.
  assert.deepEqual(nameLine('5.再発防止策'), { kinds: ['action-items'], form: 'numbered', style: '0.', itemNumber: false });
  assert.deepEqual(nameLine('4 再発防止対策'), { kinds: ['action-items'], form: 'numbered', style: '0', itemNumber: false });
  assert.deepEqual(nameLine('２　発生原因'), { kinds: ['contributing-factors'], form: 'numbered', style: '0', itemNumber: false });
  assert.deepEqual(nameLine('(3)今後の取り組み'), { kinds: ['action-items'], form: 'numbered', style: '(0)', itemNumber: true });
  assert.deepEqual(nameLine('6.お問い合わせ先'), { kinds: [], form: 'numbered', style: '0.', itemNumber: false });
  assert.equal(nameLine('12 月に実施します'), undefined);
  assert.equal(nameLine('3 件のエラーが発生'), undefined);
  assert.equal(nameLine('1.監視を強化します。'), undefined);
  assert.equal(nameLine('1.5 hours later the queue drained'), undefined);
  // Marked: the name alone, or with the part's text after its colon.
  assert.deepEqual(nameLine('【今後の対策】'), { kinds: ['action-items'], form: 'marked', style: '【', itemNumber: false });
  assert.deepEqual(nameLine('■原因：設定の誤り'), { kinds: ['contributing-factors'], form: 'marked', style: '■', itemNumber: false });
  assert.deepEqual(nameLine('［是正策］'), { kinds: ['action-items'], form: 'marked', style: '［', itemNumber: false });
  // Bare: only a name of a known kind.
  assert.deepEqual(nameLine('障害の原因'), { kinds: ['contributing-factors'], form: 'bare', style: '', itemNumber: false });
  assert.equal(nameLine('原因は不明'), undefined);
  assert.equal(nameLine('お問い合わせ先'), undefined);
  assert.deepEqual(nameLine('Root cause'), { kinds: ['contributing-factors'], form: 'bare', style: '', itemNumber: false });
  assert.equal(nameLine('root cause was a typo'), undefined);

  // The action items pass reads a notice's measures from their label to the next part's name.
  const pledges = (text: string) => buildModel(text).actionItems.pledges.map((p) => p.text);
  const notice = (label: string, next: string) =>
    `# 配信遅延のお詫び\n\n1.概要\n配信が遅れました。\n${label}\n・配信キューの監視を強化します。\n(1) 手順書を見直します。\n${next}\n今後、再発防止に努めてまいります。\n`;
  for (const label of ['4 再発防止対策', '4.再発防止策', '【今後の対策】', '■改善策', '４　再発防止に向けた取り組み'])
    assert.deepEqual(pledges(notice(label, '5.お問い合わせ先')), ['配信キューの監視を強化します。', '手順書を見直します。'], label);
  // Parts numbered (n): the next (n) name is the next part; an (n) item written as a sentence is still a measure.
  assert.deepEqual(pledges(notice('(4)再発防止対策', '(5)お問い合わせ先')), ['配信キューの監視を強化します。', '手順書を見直します。']);
  // Under a part numbered 4., an item's (5) name is not the next part: the measures go on.
  assert.deepEqual(pledges(notice('4.再発防止策', '(2)手順の整備')), ['配信キューの監視を強化します。', '手順書を見直します。', '手順の整備', '今後、再発防止に努めてまいります。']);
  // A line that is not a part's name (a sentence after a number) does not end the measures.
  assert.deepEqual(pledges(notice('4 再発防止対策', '5.今後も継続して監視を強化します。')), ['配信キューの監視を強化します。', '手順書を見直します。', '今後も継続して監視を強化します。', '今後、再発防止に努めてまいります。']);
});

test('timeline pass: list items starting with a time or a day that cannot be read', () => {
  const tl = buildModel('# Outage\n\n## Timeline\n\n- 10:00 UTC start\n- 10:7:40 UTC second start\n- 2026-02-30 10:20 UTC alert\n- 1:1 with the owner\n- 2026-11-03[^1]: restored\n- 10:60 UTC nothing\n').timeline;
  assert.deepEqual(tl.unreadable.map((u) => `${u.line}:${u.text}`), ['5:10:7:40', '6:2026-02-30 10:20', '9:10:60']);
  assert.deepEqual(tl.unreadable[0].range, { start: { line: 5, character: 2 }, end: { line: 5, character: 9 } });
  // Outside a timeline, a list of such lines is not read at all.
  assert.deepEqual(buildModel('# Outage\n\n## Summary\n\n- 10:7:40 a\n- 2026-02-30 b\n').timeline.unreadable, []);

});

test('sections and header passes: bold run-in labels on any line, a heading that is a field, two bold fields on a line, a marked name with an edit stamp', () => {
  const kinds = (text: string) => readSections(input(text)).known.map((s) => `${s.kind}:${s.title}`);
  const fields = (text: string) => buildModel(text).headerFields.map((f) => `${f.name}=${f.value}`);
  // A bold label and its colon on a later line of the header paragraph starts its part; a header field does not, nor a bold word in a sentence.
  const header = '# Outage\n\n**Authors:** Lee\n**Follow-up review**: 2026-12-20\n**Summary**: The queue stalled.\nThe\n**impact** was small.\n';
  assert.deepEqual(kinds(header), ['summary:Summary']);
  assert.deepEqual(fields(header), ['authors=Lee', 'follow-up=2026-12-20']);
  // A heading written as `Field: value`; a part's heading with a colon is not a field.
  assert.deepEqual(fields('# Outage\n\n## Date: 12th March 2023\n\n### Authors: kim, ravi\n\n## Timeline: two steps\n\nText.\n'), ['date=12th March 2023', 'authors=kim, ravi']);
  assert.equal(buildModel('# Outage\n\n## Date: 12th March 2023\n\nText.\n').incidentDate, '2023-03-12');
  // A bare "Level" is the severity only with a severity's value; "Level: Internal" says who may read the report.
  assert.deepEqual(fields('# Outage\n\n## Level: Internal\n\n## Summary\n\nText.\n'), []);
  assert.deepEqual(fields('# Outage\n\nLevel: 2\n\n## Summary\n\nText.\n'), ['severity=2']);
  assert.deepEqual(fields('# Outage\n\n**Severity level:** Internal\n'), ['severity=Internal']);
  // Fields in a row on one line, each after the first with a bold label; a bold word with no colon is not one.
  assert.deepEqual(fields('# Outage\n\n**Date:** 2026-11-04 **Authors:** Lee, Kim | **Severity**: SEV-2\n'), ['date=2026-11-04', 'authors=Lee, Kim', 'severity=SEV-2']);
  assert.deepEqual(fields('# Outage\n\n**Severity:** SEV-3 (once the **duration** passed an hour)\n'), ['severity=SEV-3 (once the **duration** passed an hour)']);
  // A name in angle brackets (Japanese), with an edit stamp after it; an HTML tag is not a name.
  assert.deepEqual(kinds('# 障害報告\n\n<今後の対応について>(12/3 追記)\n\n- アラートを追加する\n\n＜影響＞\n\n約100名\n'), ['action-items:今後の対応について', 'impact:影響']);
  assert.deepEqual(kinds('# Outage\n\n<summary>Logs</summary>\n\n<Impact>\n\nText.\n'), []);
});

test('action items pass: a legend of a table\'s values is not items', () => {
  const items = (text: string) => buildModel(text).actionItems.items.map((it) => it.text ?? it.action?.text);
  const table = '# Outage\n\n## Action Items\n\n| Action | Owner | Kind |\n| --- | --- | --- |\n| Add a test | @a | Prevent |\n| Add an alert | @b | **Detect** |\n\n';
  assert.deepEqual(items(table + '- Prevent: it cannot happen again\n- `Detect` - we learn of it first\n'), ['Add a test', 'Add an alert']);
  // Items that plan work after the value, a value the tables do not hold, or one item alone are items.
  assert.equal(items(table + '- Prevent: add a schema check\n- Detect: page on lag\n').length, 4);
  assert.equal(items(table + '- Prevent: it cannot happen again\n- Mitigate: it hurts less\n').length, 4);
  assert.equal(items(table + '- Prevent: it cannot happen again\n').length, 3);
  assert.equal(items('# 障害\n\n## 今後の対策\n\n| 対策 | 担当者 | 区分 |\n| --- | --- | --- |\n| テストを追加する | 森 | 恒久 |\n| 再生成する | 森 | 暫定 |\n\n- 恒久：同じ原因で起きないようにする対応\n- 暫定：影響を小さくする対応\n\n### 作業\n\n- 恒久：フォントを同梱する\n- 暫定：毎朝再生成する\n').length, 4);
});

test('header and sections passes: one reading of a name in brackets (【】, [], ［］, <> around Japanese, ＜＞, 《》)', () => {
  const fields = (text: string) => buildModel(text).headerFields.map((f) => `${f.name}=${f.value}`);
  assert.deepEqual(fields('# 障害報告\n\n【発生日時】2026年11月4日 10:00\n［重大度］SEV-2\n＜作成者＞佐藤\n'), ['date=2026年11月4日 10:00', 'severity=SEV-2', 'authors=佐藤']);
  assert.deepEqual(fields('# 障害報告\n\n<発生日時>2026年11月4日 10:00\n'), ['date=2026年11月4日 10:00']);
  // An HTML tag is not a label in either pass.
  assert.deepEqual(fields('# Outage\n\n<Date>2026-11-04</Date>\n'), []);
  assert.deepEqual(readSections(input('# 障害報告\n\n［原因］設定の誤り\n\n<Impact>\n\nText.\n')).known.map((s) => s.kind), ['contributing-factors']);
});

test('header and sections passes: a metadata table with two pairs a row, and a period given as its start and its end apart', () => {
  const wiki = buildModel('# Cache tier outage\n\n| Incident metadata | | | |\n| --- | --- | --- | --- |\n| Incident ID | 2025-04-02 cache | Start | 2025-04-02 09:10:00 |\n| Task | T1234 | End | 2025-04-02 11:40:00 |\n| Impact | For 150 minutes no page was served from cache. | | |\n\n## Timeline\n\n- 09:10 Hit rate drops\n');
  assert.deepEqual(wiki.headerFields.map((f) => [f.name, f.value]), [['duration', '2025-04-02 09:10:00'], ['date', '2025-04-02 09:10:00']]);
  assert.equal(wiki.headerFields[0].label, 'Start / End');
  assert.equal(wiki.sectionOf('impact')?.headingLine, 6);
  // Lines: the end's time is needed; a start alone, or an end with only a day, says no duration.
  const lines = buildModel('# Queue backlog\n\n- Start (UTC): 2025-01-09T06:31:43Z\n- End (UTC): 2025-01-09T20:38:39Z\n\n## Summary\n\nText.\n');
  assert.deepEqual(lines.headerFields.map((f) => f.name).sort(), ['date', 'duration']);
  const dayOnly = buildModel('# Queue backlog\n\n- Start: 2025-01-09 06:31\n- End: 2025-01-10\n\n## Summary\n\nText.\n');
  assert.deepEqual(dayOnly.headerFields.map((f) => f.name), ['date']);
  const ja = buildModel('# 障害報告\n\n【発生日時】2025年3月18日 10:00\n【復旧日時】2025年3月18日 12:08\n\n## 概要\n\n本文。\n');
  assert.deepEqual(ja.headerFields.map((f) => f.name), ['date', 'duration']);
  // Two columns of ordinary data are not pairs: a three-column table is read by its first pair only.
  const three = buildModel('# Cache tier outage\n\n| Key | Value | Note |\n| --- | --- | --- |\n| Date | 2025-04-02 | x |\n| Start | 09:10 | End |\n');
  assert.deepEqual(three.headerFields.map((f) => f.name), ['date']);
});

test('queries: a column named with a note in parentheses, and a decision column that rejects the work', () => {
  const m = buildModel('# Outage\n\n## Action Items\n\n| # | Measure | Decision | Owner (role) | Deadline (proposed) |\n| --- | --- | --- | --- | --- |\n| 1 | Add a staleness alert | Adopted | infra on-call | 2025-05-01 |\n| 2 | Pin the base image | Rejected | — | — |\n');
  const items = m.actionItems.items;
  assert.deepEqual(items.map((i) => [i.owner?.text, i.deadline?.text, m.isDone(i)]), [['infra on-call', '2025-05-01', false], ['—', '—', true]]);
  const ja = buildModel('# 障害報告\n\n## 再発防止策\n\n| # | 対策 | 決定 | 主担当(ロール) | 期限案 |\n| --- | --- | --- | --- | --- |\n| 1 | 監視の追加 | **採用** | 監視担当 | 2025-05-01 |\n| 2 | パッケージの固定 | **不採用** | — | — |\n');
  assert.deepEqual(ja.actionItems.items.map((i) => [i.owner?.text, i.deadline?.text, ja.isDone(i)]), [['監視担当', '2025-05-01', false], ['—', '—', true]]);
});

test('header and sections passes: labels people give the period, its length and the impact; an owner that names nobody is no author', () => {
  const fields = (text: string) => buildModel(text).headerFields.map((f) => `${f.name}=${f.value}`);
  const kinds = (text: string) => buildModel(text).sections.filter((s) => s.kind).map((s) => `${s.kind}:${s.title}`);
  // 【障害発生時間】 with its end is the Date and the Duration; an end after 午前/午後 too.
  assert.deepEqual(fields('# 障害報告\n\n【障害発生時間】 2026年3月18日(水) 10:00頃~0:08\n\n本文\n'), ['date=2026年3月18日(水) 10:00頃~0:08', 'duration=2026年3月18日(水) 10:00頃~0:08']);
  assert.deepEqual(fields('# 障害報告\n\n■障害発生時間:2018/05/11 午前3時34分 から午前4時36分\n\n本文\n').map((f) => f.split('=')[0]), ['date', 'duration']);
  // "Duration of impact" is the Duration, not an Impact part; "What was the impact identified?" is the Impact.
  const d = '# Outage\n\n**Duration of impact:** 3 hours\n\n## What was the impact identified?\n\nx\n';
  assert.deepEqual(fields(d), ['duration=3 hours']);
  assert.deepEqual(kinds(d), ['impact:What was the impact identified?']);
  // An owner that names nobody is no author; a name is.
  assert.deepEqual(fields('# Outage\n\n- Owner: (unassigned)\n\n## Summary\n\nx\n'), []);
  assert.deepEqual(fields('# Outage\n\nOwner: TBD\n\n## Summary\n\nx\n'), []);
  assert.deepEqual(fields('# Outage\n\nOwner: Kim\n\n## Summary\n\nx\n'), ['authors=Kim']);
});
