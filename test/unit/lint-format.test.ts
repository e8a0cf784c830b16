// Messages: `format` fills `{name}` placeholders from the arguments and leaves the others as written.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { format } from '../../server/src/engine/lint';
import { RULES } from '../../server/src/engine/rules';

/** What a placeholder fill means, written the plain way. */
const plain = (template: string, args: Record<string, string | number>) => template.replace(/\{(\w+)\}/g, (m, k: string) => (k in args ? String(args[k]) : m));

test('format fills every rule message as a plain replace does, with all, some or none of the arguments', () => {
  const templates = RULES.flatMap((r) => Object.values(r.messages).flatMap((m) => Object.values(m)));
  templates.push('', 'no placeholder', '{a}{b}', '{a', 'a}', '{}', '{ a }', '{a}{a}', '{toString}', 'x {a} y {b} z');
  assert.ok(templates.length > 100);
  for (const t of templates) {
    const names = [...t.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
    const all = Object.fromEntries(names.map((n, i) => [n, i % 2 ? i : `v$&${n}$1`]));
    const some = Object.fromEntries(names.filter((_, i) => i % 2).map((n) => [n, 'x']));
    for (const args of [all, some, {}]) {
      assert.equal(format(t, args), plain(t, args), t);
      assert.equal(format(t, args), plain(t, args), `${t} (again, from the split template)`);
    }
    assert.equal(format(t), t);
  }
});

test('details: false gives the same findings without fixes or data (the rules skip building them), on the samples and every fixture', async () => {
  const { readFileSync, readdirSync } = await import('node:fs');
  const { lint } = await import('../../server/src/engine/lint');
  const fixtures = readdirSync('test/fixtures', { recursive: true }).map(String).filter((f) => f.endsWith('.md')).sort().map((f) => `test/fixtures/${f}`);
  assert.ok(fixtures.length > 50);
  let withFixes = 0;
  for (const file of ['examples/sample-postmortem.md', 'examples/sample-postmortem.ja.md', ...fixtures]) {
    const text = readFileSync(file, 'utf8');
    const full = lint(text);
    const bare = lint(text, { details: false });
    assert.deepEqual(
      bare.findings,
      full.findings.map(({ rule, severity, message, range }) => ({ rule, severity, message, range })),
      file,
    );
    for (const f of bare.findings) assert.ok(!('fixes' in f) && !('data' in f), `${file}: ${f.rule}`);
    withFixes += full.findings.filter((f) => f.fixes?.length).length;
  }
  assert.ok(withFixes > 0);
});

test('the kinds a heading names are a fresh list each time (callers add to it), and the same kinds', async () => {
  const { sectionKindsOf } = await import('../../server/src/engine/vocabulary');
  for (const h of ['Impact and Root Cause', 'Timeline', '原因と再発防止策', 'Working theory (root cause)', 'Nothing here']) {
    const a = sectionKindsOf(h);
    const b = sectionKindsOf(h);
    assert.notEqual(a, b);
    assert.deepEqual(a, b);
    a.push('summary');
    assert.deepEqual(sectionKindsOf(h), b, h);
  }
  assert.deepEqual(sectionKindsOf('Impact and Root Cause'), ['impact', 'contributing-factors']);
});
