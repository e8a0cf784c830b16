// Re-checking a report after an edit, as the language server does: rules answer the blocks, rows
// and list items an edit did not reach from the last check (RuleContext.memo), so their findings
// are kept as they were. (differential-incremental.test.ts checks that the result always equals a
// fresh lint(text); this file checks that the work is actually kept.)
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { IncrementalScan } from '../../server/src/engine/incremental';
import { buildModel } from '../../server/src/engine/model';
import { lint, lintModel } from '../../server/src/engine/lint';
import { RULES } from '../../server/src/engine/rules';
import type { Rule } from '../../server/src/engine/types';
import { report } from '../../bench/generate.mjs';

function session() {
  const inc = new IncrementalScan();
  return (text: string, rules?: readonly Rule[]) => lintModel(buildModel(text, inc.update(text)), { rules });
}

const blameful = RULES.filter((r) => r.id === 'blameful-language');

test('typing in one list item keeps the findings of every other block as they were', () => {
  const text: string = report(5000, 300, { factors: 200 });
  const check = session();
  const before = check(text).findings;
  const at = text.indexOf('\n- ', text.indexOf('## Contributing Factors')) + 40;
  const edited = text.slice(0, at) + 'x' + text.slice(at);
  const after = check(edited).findings;
  assert.equal(JSON.stringify(after), JSON.stringify(lint(edited).findings));
  const list = buildModel(edited).scan.blocks.find((b) => b.kind === 'list' && b.items!.length >= 200)!;
  const outside = (f: { range: { start: { line: number } } }) => f.range.start.line < list.startLine || f.range.start.line > list.endLine;
  const kept = new Set(before);
  const out = after.filter(outside);
  assert.ok(out.some((f) => f.rule === 'blameful-language'), 'the report has blameful findings outside the list');
  for (const f of out.filter((x) => x.rule === 'blameful-language')) assert.ok(kept.has(f), `a finding outside the list was made again: ${f.message}`);
});

test('typing in one item of a long list reads that item again and keeps the other items\' findings', () => {
  const text: string = report(5000, 30, { factors: 300 });
  const check = session();
  const before = check(text, blameful).findings;
  const list = buildModel(text).scan.blocks.find((b) => b.kind === 'list' && b.items!.length >= 300)!;
  const inList = before.filter((f) => f.range.start.line >= list.startLine && f.range.start.line <= list.endLine);
  assert.ok(inList.length > 20, `the list has blameful findings (${inList.length})`);
  // Type into the middle of an item that has a finding.
  const line = inList[Math.floor(inList.length / 2)].range.start.line;
  const lines = text.split('\n');
  lines[line] = lines[line].slice(0, 2) + 'x' + lines[line].slice(2);
  const edited = lines.join('\n');
  const after = check(edited, blameful).findings;
  assert.equal(JSON.stringify(after), JSON.stringify(lint(edited, { rules: blameful }).findings));
  const kept = new Set(before);
  for (const f of after) if (f.range.start.line !== line && f.rule === 'blameful-language') assert.ok(kept.has(f), `a finding of another item was made again: line ${f.range.start.line}`);
});

test('an edit in one timeline row reads that row again and keeps the other rows\' findings', () => {
  const text: string = report(5000, 300, {});
  const check = session();
  let calls = 0;
  const counting: Rule[] = blameful.map((r) => ({
    ...r,
    check(ctx) {
      r.check({ ...ctx, report: ctx.report, msg: ctx.msg, memo: (part, key, run) => ctx.memo(part, key, () => (calls++, run())) });
    },
  }));
  check(text, counting);
  const first = calls;
  const row = text.indexOf('\n| 2025-', text.indexOf('## Timeline')) + 1;
  const at = text.indexOf(' | ', text.indexOf(' | ', row) + 3) - 1;
  const edited = text.slice(0, at) + 'x' + text.slice(at);
  calls = 0;
  const got = check(edited, counting).findings;
  assert.equal(JSON.stringify(got), JSON.stringify(lint(edited, { rules: blameful }).findings));
  // Checked again: the table and the one row (every other row and block is answered from memory).
  assert.ok(first > 300, `first check ran ${first} parts`);
  assert.equal(calls, 2);
});

test('the first item of a list is read like the others: it starts a sentence', () => {
  const text = '# Post-Mortem: x\n\n## Contributing Factors\n\n- Obviously, the engineer should have known better.\n- Obviously, the engineer should have known better.\n';
  const found = lint(text, { rules: blameful }).findings.filter((f) => f.data?.kind === 'hindsight');
  assert.deepEqual(found.map((f) => f.range.start), [{ line: 4, character: 2 }, { line: 5, character: 2 }]);
});

test('typing in the event cell of a timeline\'s first, middle and last row gives the model and the sort fix a fresh check gives', () => {
  // The rows keep their times, so the table keeps its place on the clock and its sort order (see
  // tableRuns in model/timeline.ts and tableOrders in rules/timeline-order.ts); the typed row is a
  // new entry that must take over the kept row's place, clock included.
  const base: string = report(7, 300, {});
  // Two rows swapped, so the timeline has an order finding and a sort fix.
  const lines = base.split('\n');
  const rows = lines.map((l, i) => (/^\| \d{4}-\d\d-\d\d/.test(l) ? i : -1)).filter((i) => i >= 0);
  [lines[rows[10]], lines[rows[11]]] = [lines[rows[11]], lines[rows[10]]];
  const text = lines.join('\n');
  const facts = (t: string, m = buildModel(t)) => JSON.stringify(m.timeline.entries.map((e) => [e.line, e.time === undefined, e.epoch, e.dated, e.rollover, e.clockBefore]));
  const check = session();
  check(text);
  let cur = text;
  for (const row of [rows[0], rows[150], rows[rows.length - 1], rows[0]]) {
    const ls = cur.split('\n');
    const at = ls[row].indexOf(' | ', 3) + 3;
    ls[row] = ls[row].slice(0, at) + 'x' + ls[row].slice(at);
    cur = ls.join('\n');
    const inc = check(cur);
    assert.equal(facts(cur, inc.doc), facts(cur), `row ${row}: entries placed as a fresh model places them`);
    const full = lint(cur).findings;
    assert.ok(full.some((f) => f.rule === 'timeline-order' && f.fixes?.length), 'an order finding with its sort fix');
    assert.equal(JSON.stringify(inc.findings), JSON.stringify(full), `row ${row}: findings and fixes as a fresh check gives them`);
  }
});
