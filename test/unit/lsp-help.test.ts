// Help while writing, through the built server: completions, hovers, outline and folding, in
// English and Japanese; and the Japanese vocabulary the report model reads.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CompletionItem, DocumentSymbol, TextEdit } from 'vscode-languageserver-protocol';
import { DateTime } from 'luxon';
import { LspClient, applyTextEdits, fileUri, serverBuilt } from '../helpers/lsp-client';
import { sectionKindOf, headerFieldOf, ACTION_COLUMNS, normalizeColumn } from '../../server/src/engine/vocabulary';
import { buildModel } from '../../server/src/engine/model';
import { completionsAt, normalizeTime } from '../../server/src/lsp/features/completion';

const examples = join(__dirname, '..', '..', 'examples');
const EN = join(examples, 'sample-postmortem.md');
const JA = join(examples, 'sample-postmortem.ja.md');

before(() => assert.ok(serverBuilt(), 'dist/server.js is missing: run `npm run build` first'));

function lineOf(text: string, re: RegExp): number {
  const i = text.split('\n').findIndex((l) => re.test(l));
  assert.ok(i >= 0, `a line matching ${re}`);
  return i;
}

/** The column just after the n-th pipe of a line (inside cell n, 1-based). */
function inCell(line: string, n: number): number {
  let seen = 0;
  for (let i = 0; i < line.length; i++) if (line[i] === '|' && ++seen === n) return i + 1;
  throw new Error(`no cell ${n} in ${line}`);
}

const labels = (items: CompletionItem[]) => items.map((i) => i.label);

test('owner completions leave out the configured placeholder owners, in table cells and header values', () => {
  const text = '# Outage\n\n**Authors**: @ann, ops-team\n**Reviewed**: \n\n## Action Items\n\n| Action | Owner |\n| --- | --- |\n| Add an alert | ops-team |\n| Add a test |  |\n';
  const model = buildModel(text);
  const lines = text.split('\n');
  const row = lines.findIndex((l) => l.startsWith('| Add a test'));
  const at = (placeholders?: readonly string[]) => labels(completionsAt(model, 'en', row, inCell(lines[row], 2) + 1, DateTime.now(), placeholders));
  assert.deepEqual(at(), ['@ann', 'ops-team']);
  assert.deepEqual(at(['ops-team']), ['@ann'], 'a team configured as a placeholder is not offered');
  const reviewed = lines.findIndex((l) => l.startsWith('**Reviewed**'));
  assert.deepEqual(labels(completionsAt(model, 'en', reviewed, lines[reviewed].length, DateTime.now(), ['ops-team'])), ['@ann']);
});

test('completions: owners, priorities, deadlines, times, header values, headings, rule ids (en)', async () => {
  const text = readFileSync(EN, 'utf8');
  const lines = text.split('\n');
  const uri = fileUri(EN);
  const c = await LspClient.start({ folders: [examples], settings: {} });
  try {
    await c.open(uri, text);
    await c.diagnosticsFor(uri);
    const row = lineOf(text, /^\| AI-2 \| Alert when/);

    // Owner column (empty cell): the people the report names.
    const owners = await c.completion(uri, { line: row, character: inCell(lines[row], 3) }, '|');
    assert.ok(labels(owners).includes('@carol') && labels(owners).includes('@dana'), labels(owners).join(' '));
    assert.ok(!labels(owners).some((l) => /^tbd$/i.test(l)));
    const filled = applyTextEdits(text, [owners.find((i) => i.label === '@carol')!.textEdit as TextEdit]);
    assert.match(filled.split('\n')[row], /\| @carol \| 2025-02-01 \|/);

    // Priority column.
    const prio = await c.completion(uri, { line: row, character: inCell(lines[row], 5) });
    assert.deepEqual(labels(prio), ['P0', 'P1', 'P2', 'P3']);

    // Deadline column: today and +7/+14/+30 days, replacing what is there.
    const dl = await c.completion(uri, { line: row, character: inCell(lines[row], 4) + 3 });
    const today = DateTime.now();
    assert.deepEqual(labels(dl), [0, 7, 14, 30].map((d) => today.plus({ days: d }).toISODate()));
    const replaced = applyTextEdits(text, [dl[2].textEdit as TextEdit]);
    assert.match(replaced.split('\n')[row], new RegExp(`\\| ${today.plus({ days: 14 }).toISODate()} \\|`));

    // Time column: an unreadable time written as HH:MM.
    const tr = lineOf(text, /^\| 23\.52 \|/);
    const times = await c.completion(uri, { line: tr, character: 4 });
    assert.equal(times[0].label, '23:52');

    // Section headings not yet present, after `## `.
    await c.change(uri, text + '\n## ');
    const last = c.text(uri).split('\n').length - 1;
    const heads = await c.completion(uri, { line: last, character: 3 }, ' ');
    assert.ok(labels(heads).includes('Lessons Learned'), labels(heads).join(', '));
    assert.ok(!labels(heads).includes('Timeline') && !labels(heads).includes('Summary'));

    // Rule ids inside a disable comment.
    await c.change(uri, text + '\n<!-- postmortem-disable-next-line ');
    const ids = await c.completion(uri, { line: last, character: '<!-- postmortem-disable-next-line '.length }, ' ');
    assert.ok(labels(ids).includes('missing-owner') && labels(ids).includes('timeline-order'), labels(ids).join(' '));
    const kinds = await c.completion(uri, { line: last, character: '<!-- postmortem-'.length });
    assert.ok(labels(kinds).includes('postmortem-disable-line'));

    // Header field values: a Duration from the timeline's span.
    const withDuration = text.replace('**Severity**: SEV-2', '**Duration**: \n**Severity**: SEV-2');
    await c.change(uri, withDuration);
    const dur = lineOf(withDuration, /^\*\*Duration\*\*/);
    const values = await c.completion(uri, { line: dur, character: withDuration.split('\n')[dur].length });
    assert.equal(values[0]?.label, '59m');

    // Nothing in plain prose.
    assert.deepEqual(await c.completion(uri, { line: lineOf(text, /^About 4,200/), character: 5 }), []);
  } finally {
    await c.shutdown();
  }
});

test('completions in Japanese: headings in Japanese, localized details', async () => {
  const text = readFileSync(JA, 'utf8');
  const uri = fileUri(JA);
  const c = await LspClient.start({ folders: [examples], settings: {}, locale: 'ja' });
  try {
    await c.open(uri, text + '\n## ');
    await c.diagnosticsFor(uri);
    const last = text.split('\n').length;
    const heads = await c.completion(uri, { line: last, character: 3 });
    assert.ok(labels(heads).includes('教訓'), labels(heads).join(', '));
    assert.ok(!labels(heads).includes('タイムライン'));
    const row = lineOf(text, /^\| AI-2 \| checkout-api/);
    const dl = await c.completion(uri, { line: row, character: inCell(text.split('\n')[row], 4) + 2 });
    assert.equal(dl[0].detail, '今日');
    assert.match(dl[1].detail ?? '', /^7日後（.曜日）$/);
    const tr = lineOf(text, /^\| 23時52分 \|/);
    const times = await c.completion(uri, { line: tr, character: 4 });
    assert.equal(times[0].label, '23:52');
  } finally {
    await c.shutdown();
  }
});

test('hovers: timeline offsets from the first event and the first alert; rule and doc link on findings', async () => {
  const text = readFileSync(EN, 'utf8');
  const uri = fileUri(EN);
  const c = await LspClient.start({ folders: [examples], settings: {} });
  try {
    await c.open(uri, text);
    await c.diagnosticsFor(uri);
    const value = async (line: number, character: number) => {
      const h = await c.hover(uri, { line, character });
      return h && typeof h.contents === 'object' && 'value' in h.contents ? h.contents.value : '';
    };
    assert.match(await value(lineOf(text, /^\| 23:52|^\| 23\.52/) + 1, 3), /T\+53m from the first event \(23:38\); 47m after the first alert \(23:44\)/);
    assert.match(await value(lineOf(text, /^\| 23:41/), 3), /T\+3m from the first event \(23:38\); 3m before the first alert \(23:44\)/);
    assert.match(await value(lineOf(text, /^\| 23:38/), 3), /First event of the timeline/);
    assert.match(await value(lineOf(text, /^\| 23:44/), 3), /this is the first alert/);
    const owner = await value(lineOf(text, /^\| AI-1/), lines(text)[lineOf(text, /^\| AI-1/)].indexOf('TBD') + 1);
    assert.match(owner, /`missing-owner`: Every action item names an owner/);
    assert.match(owner, /\[Rule documentation\]\(file:\/\/.*\/docs\/rules\/missing-owner\.md\)/);
    assert.equal(await c.hover(uri, { line: lineOf(text, /^About 4,200/), character: 3 }), null);
  } finally {
    await c.shutdown();
  }
});

function lines(text: string): string[] {
  return text.split('\n');
}

test('hovers in Japanese', async () => {
  const text = readFileSync(JA, 'utf8');
  const uri = fileUri(JA);
  const c = await LspClient.start({ folders: [examples], settings: {}, locale: 'ja' });
  try {
    await c.open(uri, text);
    await c.diagnosticsFor(uri);
    const h = await c.hover(uri, { line: lineOf(text, /^\| 00:31/), character: 3 });
    const v = h && typeof h.contents === 'object' && 'value' in h.contents ? h.contents.value : '';
    assert.match(v, /最初の出来事（23:38）から T\+53分、最初のアラート（23:44）の 47分 後/);
  } finally {
    await c.shutdown();
  }
});

test('outline and folding: sections by level, header fields, timeline rows (Event), action items', async () => {
  const text = readFileSync(EN, 'utf8');
  const uri = fileUri(EN);
  const c = await LspClient.start({ folders: [examples], settings: {} });
  try {
    await c.open(uri, text);
    await c.diagnosticsFor(uri);
    const symbols = await c.symbols(uri);
    assert.equal(symbols.length, 1, 'the title holds everything');
    const top = symbols[0];
    assert.equal(top.name, 'Post-Mortem: Checkout API outage');
    const names = top.children!.map((s) => s.name);
    assert.deepEqual(names.slice(0, 4), ['Header', 'Summary', 'Impact', 'Timeline (all times UTC)']);
    const header = top.children![0];
    assert.deepEqual(header.children!.map((s) => s.name), ['Date: 2025-02-09', 'Severity: SEV-2', 'Authors: Dana Kim (@dana), @org/sre']);
    const timeline = top.children!.find((s) => s.name.startsWith('Timeline'))!;
    assert.equal(timeline.children!.length, 7);
    assert.ok(timeline.children!.every((s: DocumentSymbol) => s.kind === 24 /* Event */));
    assert.equal(timeline.children![0].name, '23:38 Config change `pool_size: 20 -> 5` deployed to checkout-api');
    const actions = top.children!.find((s) => s.name === 'Action Items')!;
    assert.deepEqual(actions.children!.map((s) => s.name.slice(0, 22)), ['AI-1 Improve monitorin', 'AI-2 Add a CI check th', 'AI-2 Alert when checko']);
    const folds = await c.folding(uri);
    const tl = lineOf(text, /^## Timeline/);
    assert.ok(folds.some((f) => f.startLine === tl && f.endLine === tl + 10), 'Timeline section folds');
    assert.ok(folds.some((f) => f.startLine === tl + 2 && f.endLine === tl + 10), 'Timeline table folds');
    const ja = await c.symbols(uri);
    assert.ok(ja.length);
  } finally {
    await c.shutdown();
  }
});

test('Japanese outline: sections, header, rows', async () => {
  const text = readFileSync(JA, 'utf8');
  const uri = fileUri(JA);
  const c = await LspClient.start({ folders: [examples], settings: {}, locale: 'ja' });
  try {
    await c.open(uri, text);
    await c.diagnosticsFor(uri);
    const top = (await c.symbols(uri))[0];
    assert.deepEqual(top.children!.map((s) => s.name), ['ヘッダー', '概要', '影響', 'タイムライン（すべてJST）', '寄与要因', 'アクションアイテム', 'うまくいったこと']);
    assert.equal(top.children!.find((s) => s.name === 'アクションアイテム')!.children!.length, 3);
  } finally {
    await c.shutdown();
  }
});

test('Japanese vocabulary: headings, header fields and columns teams write', () => {
  for (const [h, kind] of [
    ['良かったこと', 'what-went-well'],
    ['根本原因と寄与要因', 'contributing-factors'],
    ['今後の対策', 'action-items'],
    ['対応の経緯', 'timeline'],
    ['障害の概要', 'summary'],
  ] as const) assert.equal(sectionKindOf(h), kind, h);
  assert.equal(headerFieldOf('所要時間'), 'duration');
  assert.equal(headerFieldOf('報告者'), 'authors');
  for (const [col, kind] of [
    ['期限日', 'deadline'],
    ['対応期限', 'deadline'],
    ['担当チーム', 'owner'],
    ['重要度', 'priority'],
  ] as const) assert.ok(ACTION_COLUMNS[kind].test(normalizeColumn(col)), col);
  const model = buildModel('# 障害報告\n\n**発生日**: 2025-01-10\n**所要時間**: 30分\n\n## 今後の対策\n\n| No. | 対策 | 担当チーム | 期限日 | 重要度 |\n| --- | --- | --- | --- | --- |\n| 1 | 監視を追加する | SRE | 2025-02-01 | 高 |\n');
  assert.ok(model.headerFields.some((f) => f.name === 'duration'));
  const it = model.actionItems.items[0];
  assert.equal(it.owner?.text, 'SRE');
  assert.equal(it.deadline?.text, '2025-02-01');
  assert.equal(it.priority?.text, '高');
  assert.equal(normalizeTime('23時52分'), '23:52');
  assert.equal(normalizeTime('9.05'), '09:05');
  assert.equal(normalizeTime('２３：５２'), '23:52');
  assert.equal(normalizeTime('soon'), undefined);
});
