// Incremental vs full: random edit sequences (seeded) over every fixture and example report. After
// each edit, the incrementally updated scan must equal a fresh `scan(text)`, and the findings
// computed from it must equal `lint(text)`.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { scan } from '../../server/src/engine/scan';
import { IncrementalScan, commonPrefix, commonSuffix } from '../../server/src/engine/incremental';
import { buildModel } from '../../server/src/engine/model';
import { lint, lintModel } from '../../server/src/engine/lint';
import { listFixtures } from '../helpers/fixtures';
import { report, rng } from '../../bench/generate.mjs';
import { resolveConfig } from '../../server/src/engine/config';

const repo = join(__dirname, '..', '..');


// Fragments that change block structure when typed or pasted: fences, comments, table rows and
// delimiters, list markers, headings, setext underlines, quotes, front matter markers, blank lines.
const SNIPPETS = [
  'x', ' ', '|', '\n', '\n\n', '```', '```\n', '~~~\n', '<!--', '-->', '<!-- postmortem-disable-next-line -->\n',
  '---', '\n---\n', '===', '# ', '## Timeline\n', '- ', '1. ', '* [ ] ', '> ', '    ', '\t', '\\|', '<div>\n',
  '| a | b |\n| --- | --- |\n', '| 10:00 | Deploy |\n', '| 09:00 | Rollback | x |\n', '| AI-9 | Fix it | | | |\n',
  '- 10:05 Alert fires\n', '\r\n', '**Date**: 2025-01-02\n', '## Action Items\n\n| ID | Action | Owner |\n|---|---|---|\n',
  // Timeline forms: time headings, day headings, time paragraphs and bold lines, nested timed items, dated cells.
  '### 09:12\n', '### 2024-03-09\n', '07:45 CET: paged\n\n', '**12-05-2025 08:30 UTC**\n', '  - 10:20 nested\n', '24/07/25\n',
  '- [03-26 02:50] reported\n', '| 08:10 3rd Feb 2024 UTC | x |\n', '| 10:00 ET | z |\n', '## Timeline (all times Eastern)\n', 'At 09:37 UTC, paged\n', 'By 10:15 ', 'Timeline\nAt 9:37 x\nAt 9:30 y\nImpact\n', '| 2026-06-21 ~13:00 UTC | z |\n', '■ 経緯\n11時30分~\n', '## Lessons\n', '| 09/03/2024 23:58 | y |\n', '翌02:10 ', '23時52分',
  // A notice with no headings: part names alone between blank lines, times in its prose, bullet characters typed as text.
  'システム障害に係る経過\n\n', '\n障害の原因\n\n', '8月29日の17:30頃(日本時間)、', '  • 17:00 x\n', '【12月5日(木曜日)】\n\n',
  // Action sections by other names, and lists in them that are not action items.
  '## Mitigations\n', '## Looking Forward\n', '### Pros\n', 'We added a hook that:\n', '- Already added x\n', '- x didn\'t have a test.\n',
  // Header fields in other words: a window of impact, a signature line.
  '**Impact Window:** 02:00–02:08 CET\n', '\n*Prepared by Ops Team*\n',
];

function randomEdit(text: string, r: () => number): string {
  const pos = Math.floor(r() * (text.length + 1));
  const kind = r();
  if (kind < 0.45) {
    const s = SNIPPETS[Math.floor(r() * SNIPPETS.length)];
    return text.slice(0, pos) + s + text.slice(pos);
  }
  if (kind < 0.7) {
    const len = 1 + Math.floor(r() * (r() < 0.8 ? 3 : 200));
    return text.slice(0, pos) + text.slice(pos + len);
  }
  if (kind < 0.85) {
    // Duplicate or move a whole line (paste, drag).
    const start = text.lastIndexOf('\n', pos - 1) + 1;
    let end = text.indexOf('\n', pos);
    if (end < 0) end = text.length;
    const line = text.slice(start, end);
    const to = Math.floor(r() * (text.length + 1));
    return r() < 0.5 ? text.slice(0, to) + line + '\n' + text.slice(to) : text.slice(0, start) + text.slice(end + 1);
  }
  // Replace a range with a range from elsewhere (paste).
  const from = Math.floor(r() * text.length);
  const piece = text.slice(from, from + Math.floor(r() * 80));
  return text.slice(0, pos) + piece + text.slice(pos + Math.floor(r() * 10));
}

const stripDoc = (x: { findings: unknown; directiveProblems: unknown }) => JSON.stringify({ f: x.findings, d: x.directiveProblems });

const sources = [...listFixtures(join(repo, 'test', 'fixtures')), ...listFixtures(join(repo, 'examples'))];

test('common prefix and suffix never overlap and are maximal', () => {
  const r = rng(7);
  for (let k = 0; k < 300; k++) {
    const base = Array.from({ length: Math.floor(r() * 10000) }, () => 'ab\n|'[Math.floor(r() * 4)]).join('');
    const edited = randomEdit(base, r);
    const p = commonPrefix(base, edited);
    const s = commonSuffix(base, edited, p);
    assert.ok(p + s <= Math.min(base.length, edited.length));
    assert.equal(base.slice(0, p), edited.slice(0, p));
    assert.equal(base.slice(base.length - s), edited.slice(edited.length - s));
    if (p < Math.min(base.length, edited.length)) assert.notEqual(base[p], edited[p]);
    if (p + s < Math.min(base.length, edited.length)) assert.notEqual(base[base.length - 1 - s], edited[edited.length - 1 - s]);
  }
});

for (const path of sources) {
  test(`incremental = full after random edits: ${path.slice(repo.length + 1)}`, () => {
    const seedBase = [...path].reduce((h, c) => (Math.imul(h, 31) + c.charCodeAt(0)) | 0, 17);
    let reused = 0;
    for (let seq = 0; seq < 4; seq++) {
      const r = rng(seedBase + seq);
      let text = readFileSync(path, 'utf8');
      const inc = new IncrementalScan();
      inc.update(text);
      for (let step = 0; step < 40; step++) {
        text = randomEdit(text, r);
        const got = inc.update(text);
        const want = scan(text);
        if (!inc.lastUpdate!.full) reused++;
        assert.deepEqual(got, want, `scan differs after step ${step} of sequence ${seq}`);
        if (step % 4 === 0) assert.equal(stripDoc(lintModel(buildModel(text, got))), stripDoc(lint(text)), `findings differ after step ${step} of sequence ${seq}`);
      }
    }
    // The incremental path was actually taken (not a full re-scan every time).
    assert.ok(reused > 0, 'no edit was handled incrementally');
  });
}

test('a one-character edit in a long timeline re-scans only a few blocks', () => {
  const rows = Array.from({ length: 3000 }, (_, i) => `| 2025-03-01 ${String(Math.floor(i / 60) % 24).padStart(2, '0')}:${String(i % 60).padStart(2, '0')}:00Z | Event ${i} | Grafana | - |`);
  const text = ['# Post-Mortem: x', '', '**Date**: 2025-03-01', '', '## Summary', '', 'Text.', '', '## Timeline', '', '| Time | Event | Source | Actor |', '| --- | --- | --- | --- |', ...rows, '', '## Action Items', '', '- Fix it (owner: @a)', ''].join('\n');
  const inc = new IncrementalScan();
  inc.update(text);
  const at = text.indexOf('Event 1500 ') + 6;
  const edited = text.slice(0, at) + '9' + text.slice(at);
  assert.deepEqual(inc.update(edited), scan(edited));
  assert.equal(inc.lastUpdate!.full, false);
  assert.ok(inc.lastUpdate!.rescanned <= 3, `rescanned ${inc.lastUpdate!.rescanned} blocks`);
  // A new line in the paragraph above the table: blocks below are reused, shifted by one line.
  const p = edited.indexOf('Text.') + 5;
  const edited2 = edited.slice(0, p) + '\nMore text.' + edited.slice(p);
  const got = inc.update(edited2);
  assert.deepEqual(got, scan(edited2));
  assert.ok(inc.lastUpdate!.rescanned <= 4, `rescanned ${inc.lastUpdate!.rescanned} blocks`);
});

const corpus = join(repo, '..', 'shared', 'corpus', 'real-postmortems');
test('an edit in a list below a long table does not re-scan the table (issue 15)', () => {
  const rows = Array.from({ length: 3000 }, (_, i) => `| 2025-03-01 ${String(Math.floor(i / 60) % 24).padStart(2, '0')}:${String(i % 60).padStart(2, '0')}:00Z | Event ${i} | Grafana | - |`);
  const items = Array.from({ length: 300 }, (_, i) => `- Factor ${i}: the retry budget was shared`);
  const text = ['# Post-Mortem: x', '', '## Timeline', '', '| Time | Event | Source | Actor |', '| --- | --- | --- | --- |', ...rows, '', '## Contributing Factors', '', ...items, ''].join('\n');
  const inc = new IncrementalScan();
  inc.update(text);
  for (const [from, to] of [['Factor 150:', 'Factor 150 x:'], ['Factor 0:', '| Factor 0 | a |'], ['## Contributing Factors\n\n- Factor 0', '## Contributing Factors\n| a |\n- Factor 0']]) {
    const edited = text.replace(from, to);
    const got = inc.update(edited);
    assert.deepEqual(got, scan(edited), to);
    inc.update(text);
  }
  const table = inc.current!.blocks.find((b) => b.kind === 'table')!;
  const edited = text.replace('Factor 150:', 'Factor 150 x:');
  const got = inc.update(edited);
  // The table's block (and its 3,000 split rows) is the very object of the previous scan.
  assert.equal(got.blocks.find((b) => b.kind === 'table'), table);
  assert.equal(inc.lastUpdate!.full, false);
});

test('incremental = full after random edits on the real post-mortem corpus', { skip: existsSync(corpus) ? false : `corpus not found at ${corpus}` }, () => {
  const files = listFixtures(corpus);
  for (const [i, path] of files.entries()) {
    const r = rng(1000 + i);
    let text = readFileSync(path, 'utf8');
    const inc = new IncrementalScan();
    inc.update(text);
    for (let step = 0; step < 15; step++) {
      text = randomEdit(text, r);
      assert.deepEqual(inc.update(text), scan(text), `scan differs in ${path} after step ${step}`);
    }
  }
});

// Typing anywhere in a long report, as the language server checks it: one scan kept edit by edit,
// rules answering untouched blocks, rows and items from the last check (RuleContext.memo). After
// every edit the findings must equal a fresh `lint(text)`, also when what a block's findings depend
// on changes elsewhere (a new name in the header or an Actor cell, the locale, the configuration).
const modelFacts = (doc: ReturnType<typeof buildModel>) =>
  JSON.stringify({
    entries: doc.timeline.entries.map((e) => [e.line, e.kind, e.group, e.region, e.table, e.timeText, e.epoch, e.dated, e.rollover, e.clockBefore, e.event?.text, e.actor?.text]),
    groups: doc.timeline.groups,
    people: doc.people,
    header: doc.headerFields,
    actions: doc.actionItems.items.map((it) => [it.line, it.action?.text, it.owner?.text]),
  });

for (const [seed, rows, factors] of [[77, 400, 200], [78, 150, 60]]) {
  test(`findings after edits in every kind of block of a long report = lint(text): ${rows} rows, ${factors} factors`, () => {
    const r = rng(seed * 31);
    let text: string = report(seed, rows, { factors, actions: 40 });
    // Timeline rows (dated, or times of the report's day), list items, action rows, paragraphs,
    // headings, and the header lines the timeline's day and the people come from.
    const lineKinds: Record<string, RegExp> = { row: /^\| (?:\d{4}-|\d\d:)/, item: /^- /, action: /^\| AI-/, paragraph: /^[A-Z][a-z]/, heading: /^#{1,6} /, header: /^\*\*(?:Date|Authors)\*\*/ };
    const typed = ['x', ' ', '1', 'Bob forgot to ', 'Obviously, ', 'should have ', '@mei ', '`', '*', '| ', '\n', '<!-- postmortem-disable-line -->', 'Carol Jones ', 'Improve monitoring ', 'Zed failed to check ', ' (all times JST)', '### 2025-03-09\n\n'];
    const configs = [resolveConfig({}), resolveConfig({ people: ['Zed'], allowedTerms: ['human error'], rules: { 'blameful-language': 'error' } }), resolveConfig({ rules: { 'blameful-language': 'info' } })];
    const inc = new IncrementalScan();
    inc.update(text);
    for (let step = 0; step < 180; step++) {
      const lines = text.split('\n');
      const kinds = Object.keys(lineKinds);
      const kind = kinds[step % kinds.length];
      const pool = lines.flatMap((l, i) => (lineKinds[kind].test(l) ? [i] : []));
      const at = pool.length ? pool[Math.floor(r() * pool.length)] : Math.floor(r() * lines.length);
      const l = lines[at];
      // A list item is typed into at the start of its text one time in four: an item's findings
      // are kept per item (its place and text), and its first words decide many of them.
      const col = kind === 'item' && step % 4 === 1 ? 2 : Math.floor(r() * (l.length + 1));
      const op = r();
      // Another day in the header: the timeline's times move to it, its rows stay as they were.
      if (kind === 'header' && op < 0.4 && /\d{4}-\d\d-\d\d/.test(l)) lines[at] = l.replace(/(\d{4}-\d\d-)\d\d/, `$1${String(1 + Math.floor(r() * 28)).padStart(2, '0')}`);
      else if (op < 0.6) lines[at] = l.slice(0, col) + typed[Math.floor(r() * typed.length)] + l.slice(col);
      else if (op < 0.85) lines[at] = l.slice(0, col) + l.slice(col + 1 + Math.floor(r() * 4));
      else if (op < 0.93) lines.splice(at, 1);
      else lines.splice(at, 0, l);
      text = lines.join('\n');
      const config = configs[Math.floor(step / 7) % 3];
      const locale = step % 11 < 3 ? 'ja' : undefined;
      const got = lintModel(buildModel(text, inc.update(text)), { config, locale });
      const want = lint(text, { config, locale });
      assert.equal(stripDoc(got), stripDoc(want), `findings differ after step ${step} (${kind} line ${at + 1})`);
      // The model facts kept from the last check (timeline entries placed on the clock, people, header) too.
      assert.equal(modelFacts(got.doc), modelFacts(want.doc), `model differs after step ${step} (${kind} line ${at + 1})`);
    }
  });
}
