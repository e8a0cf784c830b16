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
