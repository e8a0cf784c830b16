// Regressions for reports that made the engine hang, crash or misplace findings. Each test checks
// an exact input that once took seconds to minutes; the time limits are generous by design (the
// fixed code takes milliseconds) and only catch a return of super-linear behaviour.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lint } from '../../server/src/engine/lint';
import { findBlame, buildLexicon } from '../../server/src/engine/lexicon/blame';

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
