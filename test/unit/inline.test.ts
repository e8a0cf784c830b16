// The shortcut for plain one-line text must give what remark gives.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parseMarkdown, plainSpan } from '../../server/src/engine/inline';
import { buildModel } from '../../server/src/engine/model';
import { listFixtures } from '../helpers/fixtures';

function remarkTextSpans(text: string): [number, number][] {
  const out: [number, number][] = [];
  const visit = (n: { type: string; position?: { start: { offset?: number }; end: { offset?: number } }; children?: unknown[] }) => {
    if (n.type === 'text' && n.position) out.push([n.position.start.offset!, n.position.end.offset!]);
    else for (const c of (n.children ?? []) as (typeof n)[]) visit(c);
  };
  visit(parseMarkdown(text) as unknown as Parameters<typeof visit>[0]);
  return out;
}

function samples(): string[] {
  const root = join(__dirname, '..', '..');
  const files = [...listFixtures(join(root, 'test', 'fixtures')), join(root, 'examples', 'sample-postmortem.md'), join(root, 'examples', 'sample-postmortem.ja.md')];
  const corpus = join(root, '..', 'shared', 'corpus', 'real-postmortems');
  if (existsSync(corpus)) for (const f of readdirSync(corpus)) files.push(join(corpus, f));
  const out = new Set<string>();
  for (const f of files) {
    const text = readFileSync(f, 'utf8');
    const doc = buildModel(text);
    for (const line of doc.lines) if (line.trim()) out.add(line);
    for (const b of doc.scan.blocks) for (const r of b.rows ?? []) for (const c of r.cells) if (c.text) out.add(c.text);
  }
  for (const s of ['Bob forgot to check', '  padded  ', '- item', '1. item', '    code', 'a `code` span', 'see [x](y)', 'x < y', 'AT&T', '# heading', 'a | b', '***', 'plain "quoted words" here']) out.add(s);
  return [...out];
}

test('plainSpan agrees with remark on every line and cell of the fixtures, examples and corpus', () => {
  let plain = 0;
  const all = samples();
  for (const text of all) {
    const fast = plainSpan(text);
    if (!fast) continue;
    plain++;
    assert.deepEqual([fast], remarkTextSpans(text), JSON.stringify(text));
  }
  // The shortcut must actually apply to most text, or it saves nothing.
  assert.ok(plain > all.length / 3, `${plain} of ${all.length} texts took the shortcut`);
});
