// Fix-all (engine/fix-all.ts): settles, keeps line endings, touches nothing outside its edits,
// reports what it fixed, and gives the same bytes through `postmortem lint --fix` and through the
// language server's source.fixAll code action.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { fixAll, MAX_FIX_PASSES } from '../../server/src/engine/fix-all';
import { lint } from '../../server/src/engine/lint';
import { scan } from '../../server/src/engine/scan';
import { buildModel, entrySpans } from '../../server/src/engine/model';
import { listFixtures } from '../helpers/fixtures';
import { LspClient, applyTextEdits, fileUri } from '../helpers/lsp-client';
import { ROOT as root, ensureCliBuilt, runCli } from '../helpers/cli';
import type { TextDocumentEdit, TextEdit } from 'vscode-languageserver-protocol';

before(ensureCliBuilt);

const crlf = (s: string) => s.replace(/\r?\n/g, '\r\n');

/** The same report with the timeline's two rows in either order. */
const SWAP = (first: string, second: string) => `# Post-Mortem: Swap

**Date**: 2020-03-18

## Timeline (UTC)

| Time | Event |
| --- | --- |
${first}
${second}
`;
const DATED = '| 2020-03-17 20:29 | First alert |';
const UNDATED = '| 14:02 | Fix deployed |';

test('the timeline sort settles: | 14:02 | and | 2020-03-17 20:29 | are not swapped back and forth', () => {
  for (const text of [SWAP(DATED, UNDATED), SWAP(UNDATED, DATED)]) {
    // Each order reads as out of order (14:02 takes its day from the row above, or the report's
    // day at the top), and each sorted order would read as out of order again: no sort is offered.
    assert.ok(lint(text).findings.some((f) => f.rule === 'timeline-order'));
    const once = fixAll(text);
    assert.equal(once.text, text);
    assert.equal(once.changed, false);
    assert.equal(once.settled, true);
    assert.equal(fixAll(once.text).text, once.text);
  }
});

test('a sort that does read back in order is still applied, and settles', () => {
  const text = SWAP('| 2020-03-17 22:10 | Rollback |', '| 2020-03-17 20:29 | First alert |') + '| 22:30 | Recovered |\n';
  const once = fixAll(text);
  assert.ok(once.changed);
  assert.match(once.text, /20:29 \| First alert \|\n\| 2020-03-17 22:10 \| Rollback \|\n\| 22:30 \| Recovered \|\n$/);
  assert.deepEqual(once.fixed, { 'timeline-order': 1 });
  assert.equal(fixAll(once.text).changed, false);
});

const SAMPLE = readFileSync(join(root, 'examples', 'sample-postmortem.md'), 'utf8');

test('a CRLF report stays CRLF inside the sorted timeline table, and equals the LF result with CRLF', () => {
  const lf = fixAll(SAMPLE);
  const cr = fixAll(crlf(SAMPLE));
  assert.ok(cr.changed);
  assert.equal(cr.text.split('\n').length, crlf(SAMPLE).split('\n').length);
  assert.doesNotMatch(cr.text, /(^|[^\r])\n/, 'no bare LF');
  assert.equal(cr.text, crlf(lf.text));
  assert.deepEqual(cr.fixed, lf.fixed);
});

test('mixed line endings: every line break stays where it was', () => {
  // Rows 1 and 3 end in CRLF, row 2 in LF; the sort moves rows, not line breaks.
  const text = '# Post-Mortem\n\n## Timeline (UTC)\n\n| Time | Event |\n| --- | --- |\n| 10:05 | b |\r\n| 10:01 | a |\n| 10:09 | c |\r\n\nEnd.\n';
  const r = fixAll(text);
  assert.equal(r.text, '# Post-Mortem\n\n## Timeline (UTC)\n\n| Time | Event |\n| --- | --- |\n| 10:01 | a |\r\n| 10:05 | b |\n| 10:09 | c |\r\n\nEnd.\n');
});

const LIST_AFTER_TABLE = readFileSync(join(root, 'test', 'fixtures', 'rules', 'list-after-table.md'), 'utf8');

test('a list right after the Action Items table (no blank line) is a list: no rows, no "-2" ids', () => {
  const s = scan(LIST_AFTER_TABLE);
  const table = s.blocks.find((b) => b.kind === 'table' && b.header?.cells[0].text === 'ID')!;
  const list = s.blocks[s.blocks.indexOf(table) + 1];
  assert.equal(table.endLine, table.startLine + 2);
  assert.equal(list.kind, 'list');
  assert.equal(list.startLine, table.endLine + 1);
  assert.equal(list.items!.length, 2);
  const doc = buildModel(LIST_AFTER_TABLE);
  assert.deepEqual(doc.actionItems.items.map((i) => i.kind), ['table', 'list', 'list']);
  const r = fixAll(LIST_AFTER_TABLE);
  assert.equal(r.changed, false);
  assert.equal(r.text, LIST_AFTER_TABLE);
  assert.doesNotMatch(r.text, /queue-team\)-2|^- .*-2$/m);
});

test('three identical ids without digits become X, X-2, X-3 in one run, and settle', () => {
  const text = `# Post-Mortem

## Action Items

| ID | Action | Owner | Deadline | Priority |
| --- | --- | --- | --- | --- |
| AUTH | Add a login error-rate alert at 2% for 5 minutes | @id-team | 2025-06-01 | P1 |
| AUTH | Add a token expiry dashboard panel to the auth board | @id-team | 2025-06-01 | P2 |
| AUTH | Add a load test of 500 logins per second to CI | @id-team | 2025-06-01 | P2 |
`;
  const r = fixAll(text);
  assert.deepEqual(
    r.text.split('\n').filter((l) => l.startsWith('| AUTH')).map((l) => l.split('|')[1].trim()),
    ['AUTH', 'AUTH-2', 'AUTH-3'],
  );
  assert.deepEqual(r.fixed, { 'duplicate-action-id': 2 });
  assert.equal(r.fixedCount, 2);
  assert.equal(fixAll(r.text).changed, false);
});

test('fixes that never settle leave the text unchanged and say so', () => {
  // Two fixes that undo each other: the passes run out, nothing is applied.
  const rule = {
    id: 'flip',
    description: 'test rule',
    defaultSeverity: 'warning' as const,
    tags: [],
    messages: { en: { m: 'flip' }, ja: { m: 'flip' } },
    check(ctx: import('../../server/src/engine/types').RuleContext) {
      const l = ctx.doc.lines[0];
      const next = l === 'a' ? 'b' : 'a';
      ctx.report({ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } }, messageId: 'm', fixes: [{ title: 'flip', fixAll: true, edits: [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } }, newText: next }] }] });
    },
  };
  const r = fixAll('a\n', { rules: [rule] });
  assert.equal(r.text, 'a\n');
  assert.equal(r.settled, false);
  assert.deepEqual(r.unsettled, ['flip']);
  assert.equal(r.passes, MAX_FIX_PASSES);
});

// ---------- generated reports ----------

function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A report with a shuffled timeline (dated, undated, unreadable rows), duplicate ids, lists after tables. */
export function generateReport(seed: number): string {
  const r = rng(seed);
  const pick = <T>(xs: T[]): T => xs[Math.floor(r() * xs.length)];
  const pad = (n: number) => String(n).padStart(2, '0');
  const out: string[] = ['# Post-Mortem: generated ' + seed, '', '**Date**: 2024-03-0' + (1 + Math.floor(r() * 8)), '**Severity**: SEV-2', '', '## Timeline (UTC)', ''];
  const rows: string[] = [];
  const n = 2 + Math.floor(r() * 12);
  for (let i = 0; i < n; i++) {
    const h = Math.floor(r() * 24);
    const m = Math.floor(r() * 60);
    const kind = r();
    const time = kind < 0.2 ? `2024-03-0${1 + Math.floor(r() * 8)} ${pad(h)}:${pad(m)}` : kind < 0.25 ? `${pad(h)}.${pad(m)}` : kind < 0.3 ? `${h}:${pad(m)} ${pick(['PM', 'AM'])}` : `${pad(h)}:${pad(m)}`;
    rows.push(`| ${time} | event ${i} ${pick(['deploy', 'alert', 'page', 'rollback'])} | ${pick(['Grafana', 'CI', '-'])} |`);
  }
  if (r() < 0.7) out.push('| Time | Event | Source |', '| --- | --- | --- |', ...rows);
  else out.push(...rows.map((row) => `- ${row.split('|')[1].trim()} ${row.split('|')[2].trim()}`));
  if (r() < 0.3) out.push(`- ${pad(Math.floor(r() * 24))}:00 a list right after`);
  out.push('', '## Action Items', '');
  out.push('| ID | Action | Owner | Deadline | Priority |', '| --- | --- | --- | --- | --- |');
  const ids = ['AI-1', 'AI-1', 'AI-2', 'AI-02', 'X', 'X', '', 'AI-3'];
  const k = 1 + Math.floor(r() * 6);
  for (let i = 0; i < k; i++) out.push(`| ${pick(ids)} | Add alert ${i} at 5% for 5 minutes | @team | 2024-04-01 | P2 |`);
  if (r() < 0.5) out.push('- Follow up with vendor', '- Follow up with vendor');
  out.push('', '## Lessons Learned', '', '- One.');
  let text = out.join('\n') + (r() < 0.8 ? '\n' : '');
  if (r() < 0.4) text = crlf(text);
  return text;
}

const GENERATED = Array.from({ length: 60 }, (_, i) => generateReport(1000 + i));

/** Lines outside timeline tables/lists and action items tables are the same, line breaks are the same everywhere. */
function assertTouchesOnlyItsEdits(input: string, output: string, label: string): void {
  const breaks = (s: string) => s.match(/\r\n|\n/g) ?? [];
  assert.deepEqual(breaks(output), breaks(input), `${label}: line breaks`);
  const a = input.split(/\r?\n/);
  const b = output.split(/\r?\n/);
  assert.equal(b.length, a.length, `${label}: line count`);
  const doc = buildModel(input);
  const movable = new Set<number>();
  // What the sort moves: each entry's span (a row, an item with its sub-items, a time heading with
  // its section, a time paragraph with the text below it), and the blank lines between them.
  const groups = new Map<number, typeof doc.timeline.entries>();
  for (const e of doc.timeline.entries) groups.set(e.group, [...(groups.get(e.group) ?? []), e]);
  for (const [gi, entries] of groups) {
    const spans = entrySpans(doc, gi, entries);
    if (!spans.length) continue;
    for (let l = spans[0].start; l <= spans[spans.length - 1].end; l++) movable.add(l);
  }
  const idRows = new Set(doc.actionItems.items.filter((i) => i.kind === 'table').map((i) => i.line));
  const moved: string[] = [];
  const movedTo: string[] = [];
  for (let i = 0; i < a.length; i++) {
    if (a[i] === b[i]) continue;
    if (movable.has(i)) {
      moved.push(a[i]);
      movedTo.push(b[i]);
    } else if (idRows.has(i)) {
      // Only the id cell changes.
      assert.deepEqual(b[i].split('|').slice(2), a[i].split('|').slice(2), `${label}: line ${i + 1} changed beyond its id`);
    } else assert.fail(`${label}: line ${i + 1} changed outside any fix: ${JSON.stringify(a[i])} -> ${JSON.stringify(b[i])}`);
  }
  assert.deepEqual([...movedTo].sort(), [...moved].sort(), `${label}: timeline rows are only reordered`);
}

const FIXTURES = listFixtures(join(root, 'test', 'fixtures')).map((p) => [`fixtures/${basename(p)}`, readFileSync(p, 'utf8')] as const);
const EXAMPLES = ['sample-postmortem.md', 'sample-postmortem.ja.md'].map((n) => [`examples/${n}`, readFileSync(join(root, 'examples', n), 'utf8')] as const);
const corpusDir = [join(root, '..', 'shared', 'corpus', 'real-postmortems'), join(root, '..', '..', 'shared', 'corpus', 'real-postmortems')].find(existsSync);
const CORPUS = corpusDir ? listFixtures(corpusDir).map((p) => [`corpus/${basename(p)}`, readFileSync(p, 'utf8')] as const) : [];
const ALL: (readonly [string, string])[] = [
  ...FIXTURES,
  ...EXAMPLES,
  ...EXAMPLES.map(([n, t]) => [`${n} (CRLF)`, crlf(t)] as const),
  ...GENERATED.map((t, i) => [`generated #${i}`, t] as const),
];

test('applying fix-all twice equals once, and it touches nothing outside its edits (fixtures, examples, generated, corpus)', (t) => {
  let changed = 0;
  for (const [label, text] of [...ALL, ...CORPUS]) {
    const once = fixAll(text);
    assert.equal(once.settled, true, `${label}: did not settle`);
    const twice = fixAll(once.text);
    assert.equal(twice.text, once.text, `${label}: a second fix-all changed the text`);
    assert.equal(twice.changed, false, label);
    if (once.changed) {
      changed++;
      assertTouchesOnlyItsEdits(text, once.text, label);
      assert.ok(once.fixedCount > 0, `${label}: changed but reports no fixed findings`);
    }
  }
  t.diagnostic(`${ALL.length + CORPUS.length} reports, ${changed} changed by fix-all${CORPUS.length ? '' : ' (corpus not found)'}`);
  assert.ok(changed >= 20, `only ${changed} reports changed: the generator should produce fixable reports`);
});

test('the timeline sort edit, put together only when read, is exactly as long as the lines it replaces, and is the same data when copied', () => {
  let sorts = 0;
  for (const [label, text] of [...ALL, ...CORPUS]) {
    const r = lint(text);
    const starts = scan(text).lineStarts;
    const at = (p: { line: number; character: number }) => starts[p.line] + p.character;
    for (const f of r.findings) {
      if (f.rule !== 'timeline-order') continue;
      for (const fix of f.fixes ?? []) {
        for (const e of fix.edits) {
          sorts++;
          // Whether every finding carries the fix is decided from the span's length, before the text exists.
          assert.equal(e.newText.length, at(e.range.end) - at(e.range.start), `${label}: sort edit length`);
          assert.deepEqual(JSON.parse(JSON.stringify(e)), { range: e.range, newText: e.newText }, label);
          assert.deepEqual({ ...e }, { range: e.range, newText: e.newText }, label);
        }
      }
    }
  }
  assert.ok(sorts >= 10, `only ${sorts} sort edits seen`);
});

test('postmortem lint --fix and the server\'s source.fixAll give byte-identical results on every fixture and generated report', async (t) => {
  // Under a postmortems/ folder, so the server checks every file whatever its title or structure
  // (it publishes nothing for a file it does not read as a post-mortem, and the wait would time out).
  const base = mkdtempSync(join(tmpdir(), 'pm-fixall-'));
  const dir = join(base, 'postmortems');
  mkdirSync(dir);
  const files = ALL.map(([label, text], i) => {
    const file = join(dir, `r${String(i).padStart(3, '0')}-${label.replace(/[^\w.-]+/g, '_')}${label.endsWith('.md') ? '' : '.md'}`);
    writeFileSync(file, text);
    return { file, text, label };
  });
  const r = runCli(['lint', '--fix', ...files.map((f) => f.file)], dir);
  assert.notEqual(r.code, 2, r.stderr);
  const summary = /fixed (\d+) findings? in (\d+) files?/.exec(r.stdout);
  assert.ok(summary, r.stdout.slice(-500));
  const c = await LspClient.start({ folders: [base] });
  try {
    let changed = 0;
    let fixedTotal = 0;
    for (const { file, text, label } of files) {
      const uri = fileUri(file);
      await c.open(uri, text);
      await c.diagnosticsFor(uri);
      const actions = await c.codeActions(uri, { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, [], ['source.fixAll']);
      const edits = actions.flatMap((a) => (a.edit?.documentChanges as TextDocumentEdit[] | undefined)?.flatMap((d) => d.edits as TextEdit[]) ?? []);
      const server = applyTextEdits(text, edits);
      const fromCli = readFileSync(file, 'utf8');
      assert.equal(server, fromCli, `${label}: the server's fix-all differs from lint --fix`);
      const engine = fixAll(text);
      assert.equal(fromCli, engine.text, label);
      if (engine.changed) {
        changed++;
        fixedTotal += engine.fixedCount;
      }
      await c.close(uri);
    }
    assert.deepEqual([+summary[1], +summary[2]], [fixedTotal, changed], 'the summary counts what changed');
    t.diagnostic(`${files.length} reports compared, ${changed} changed, "${summary[0]}"`);
  } finally {
    await c.shutdown();
  }
});

test('a timeline of plain lines in one paragraph is sorted line by line, its header line kept in place', () => {
  const text = readFileSync(join(root, 'test', 'fixtures', 'timeline', 'paragraph-lines.md'), 'utf8');
  const r = fixAll(text);
  const at = r.text.indexOf('Time (UTC)\tEvent\n');
  assert.ok(at > 0);
  assert.equal(r.text.slice(at).split('\n').slice(0, 6).join('\n'), 'Time (UTC)\tEvent\n14:02\tDeploy 412 starts\n14:05\tOn-call paged\n14:09\tError rate alert fires\n14:20\tRollback started\n14:42\tError rate back to normal');
  assert.deepEqual(lint(r.text).findings.filter((f) => f.rule === 'timeline-order'), []);
  // Each line is its own entry, in the one paragraph the Markdown makes of them.
  const doc = buildModel(r.text);
  assert.equal(doc.timeline.entries.length, 5);
  assert.equal(new Set(doc.timeline.entries.map((e) => doc.blockAt(e.line))).size, 1);
});
