// Regressions for reports that made the engine hang, crash or misplace findings. Each test checks
// an exact input that once took seconds to minutes; the time limits are generous by design (the
// fixed code takes milliseconds) and only catch a return of super-linear behaviour.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lint } from '../../server/src/engine/lint';
import { findBlame, buildLexicon } from '../../server/src/engine/lexicon/blame';
import { parseAtx } from '../../server/src/engine/scan';

function timed<T>(f: () => T): { value: T; ms: number } {
  const t = performance.now();
  const value = f();
  return { value, ms: performance.now() - t };
}

test('blame: a run of ", then" before a word that is not a verb does not back-track (issue 9)', () => {
  // Took 111 s: the comma between adverbs could belong to either repetition.
  const text = '# Post-Mortem\n\nIt never broke. Dave' + ', then'.repeat(30) + ' x\n';
  const { ms } = timed(() => lint(text));
  assert.ok(ms < 2000, `took ${ms.toFixed(0)} ms`);
});

test('blame: adverbs with commas between the person and the verb are still read', () => {
  const lex = buildLexicon(['Dave Smith'], [], []);
  const found = findBlame('Dave, then, accidentally deleted the table.', lex);
  assert.equal(found.length, 1);
  assert.equal(found[0].start, 0);
});

test('an unclosed <!-- at the end of the report ends the comment scan (issue 9)', () => {
  // Searched again from the same place for ever, growing memory until the process died.
  const text = '# Post-Mortem\n\nText <!--';
  const { value, ms } = timed(() => lint(text));
  assert.ok(ms < 2000, `took ${ms.toFixed(0)} ms`);
  assert.deepEqual(value.doc.scan.comments.map((c) => [c.line, c.endLine, c.body]), [[2, 2, '']]);
});

test('a heading of # and a tab, 4,000 spaces and a carriage return does not back-track (issue 9)', () => {
  const text = '#\t' + ' '.repeat(4000) + '\rx\n';
  const { value, ms } = timed(() => lint(text));
  assert.ok(ms < 2000, `took ${ms.toFixed(0)} ms`);
  assert.equal(value.doc.scan.blocks[0].kind, 'heading');
});

test('a timeline cell of non-breaking spaces and a * does not back-track (issue 9)', () => {
  const text = '# Post-Mortem\n\n## Timeline\n\n| Time | Event |\n| --- | --- |\n| ' + '\u00a0'.repeat(20000) + '* | x |\n';
  const { ms } = timed(() => lint(text));
  assert.ok(ms < 2000, `took ${ms.toFixed(0)} ms`);
});

test('ATX headings: closing sequences as CommonMark reads them', () => {
  const cases: [string, string | undefined, number?][] = [
    ['## Timeline ##', 'Timeline', 3],
    ['# ###', '', 5],
    ['# foo#', 'foo#', 2],
    ['#', '', 1],
    ['   ### Impact   ', 'Impact', 7],
    ['#\tTabbed\t#\t', 'Tabbed', 2],
    ['####### seven', undefined],
    ['#no-space', undefined],
  ];
  for (const [line, text, start] of cases) {
    const h = parseAtx(line);
    assert.equal(h?.text, text, line);
    if (h) assert.equal(h.textStart, start, line);
  }
});
