// Code actions through the built language server: every quick fix, fix-all, disable comments
// (paragraph, list, table row, table header, file), stale diagnostics, timeline sorting and
// the edit forms (documentChanges, changes, snippet edits).
import { hasPlaceholders, typeOverPlaceholders } from '../helpers/placeholders';
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CodeAction, Diagnostic, TextDocumentEdit } from 'vscode-languageserver-protocol';
import { LspClient, fileUri, serverBuilt, snippetToText, type ClientOptions } from '../helpers/lsp-client';
import { buildModel } from '../../server/src/engine/model';
import { parseMarkdown } from '../../server/src/engine/inline';
import { lint } from '../../server/src/engine/lint';

const root = join(__dirname, '..', '..');
const examples = join(root, 'examples');
const SAMPLES = [
  ['en', join(examples, 'sample-postmortem.md')],
  ['ja', join(examples, 'sample-postmortem.ja.md')],
] as const;

const isDisable = (a: CodeAction) => JSON.stringify(a.edit ?? {}).includes('postmortem-disable');

function countByRule(ds: Diagnostic[]): Map<string, number> {
  const m = new Map<string, number>();
  for (const d of ds) m.set(String(d.code), (m.get(String(d.code)) ?? 0) + 1);
  return m;
}

async function withClient<T>(opts: ClientOptions, fn: (c: LspClient) => Promise<T>): Promise<T> {
  const c = await LspClient.start({ folders: [examples], settings: {}, ...opts });
  try {
    return await fn(c);
  } finally {
    await c.shutdown();
  }
}

before(() => assert.ok(serverBuilt(), 'dist/server.js is missing: run `npm run build` first'));

for (const [lang, path] of SAMPLES) {
  test(`every quick fix on the ${lang} example resolves its finding and adds none`, async (t) => {
    const original = readFileSync(path, 'utf8');
    const uri = fileUri(path);
    let tried = 0;
    const engine = lint(original, { locale: lang });
    // A client like VS Code: versioned edits and snippet edits (placeholders keep their defaults).
    await withClient({ locale: lang, capabilities: { workspace: { workspaceEdit: { documentChanges: true, snippetEditSupport: true } as object } } }, async (c) => {
      await c.open(uri, original);
      const initial = await c.diagnosticsFor(uri);
      for (let i = 0; i < initial.length; i++) {
        const d = initial[i];
        await c.change(uri, original);
        await c.diagnosticsFor(uri);
        assert.equal(d.data, undefined, `${d.code}: diagnostics carry no fixes (the server keeps them)`);
        const fixes = (await c.codeActions(uri, d.range, [d])).filter((a) => a.kind === 'quickfix' && !isDisable(a));
        // The same report checked in process: the finding the diagnostic was made from, and its fixes.
        const finding = engine.findings.find((f) => f.rule === d.code && f.message === d.message && f.range.start.line === d.range.start.line && f.range.start.character === d.range.start.character);
        assert.ok(finding, `${d.code}: the engine has the finding of ${JSON.stringify(d.range)}`);
        assert.deepEqual(fixes.map((a) => a.title), (finding.fixes ?? []).map((f) => f.title), `${d.code}: one quick fix per fix of the finding`);
        for (const fix of fixes) {
          // Reset to the original text, re-ask (edits carry the document version), apply.
          await c.change(uri, original);
          const before = await c.diagnosticsFor(uri);
          const same = before.find((x) => x.code === d.code && x.range.start.line === d.range.start.line && x.range.start.character === d.range.start.character)!;
          const again = (await c.codeActions(uri, same.range, [same])).find((a) => a.title === fix.title)!;
          assert.ok(again, `${d.code}: "${fix.title}" offered again after reset`);
          const edits = (again.edit!.documentChanges![0] as TextDocumentEdit).edits;
          await c.applyEdit(again.edit!);
          // A placeholder the fix leaves (OWNER, METRIC...) is typed over, as the writer would.
          if (hasPlaceholders(c.text(uri))) await c.change(uri, typeOverPlaceholders(c.text(uri)));
          const text = c.text(uri);
          assert.notEqual(text, original, `${d.code}: "${fix.title}" changed the text`);
          for (const e of edits) {
            const inserted = ('snippet' in e ? snippetToText((e as { snippet: { value: string } }).snippet.value) : e.newText).trim();
            if (inserted && !hasPlaceholders(`| ${inserted} |`)) assert.ok(text.includes(inserted), `${d.code}: "${fix.title}" text contains ${JSON.stringify(inserted)}`);
          }
          const after = await c.diagnosticsFor(uri);
          const b = countByRule(before);
          const a = countByRule(after);
          assert.ok((a.get(String(d.code)) ?? 0) < (b.get(String(d.code)) ?? 0), `${d.code}: "${fix.title}" removes the finding (${b.get(String(d.code))} -> ${a.get(String(d.code)) ?? 0})\n${text}`);
          for (const [rule, n] of a) assert.ok(n <= (b.get(rule) ?? 0), `${d.code}: "${fix.title}" added a ${rule} finding: ${after.filter((x) => x.code === rule).map((x) => x.message).join(' / ')}`);
          tried++;
        }
      }
    });
    t.diagnostic(`${tried} quick fixes applied and checked`);
    assert.ok(tried >= 10, `quick fixes tried: ${tried}`);
  });
}

test('fix-all applies every fixAll fix as one edit and is stable when applied again', async () => {
  const [, path] = SAMPLES[0];
  const uri = fileUri(path);
  await withClient({}, async (c) => {
    await c.open(uri, readFileSync(path, 'utf8'));
    const before = await c.diagnosticsFor(uri);
    assert.ok(before.some((d) => d.code === 'timeline-order') && before.some((d) => d.code === 'duplicate-action-id'));
    const actions = await c.codeActions(uri, { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, [], ['source.fixAll']);
    assert.equal(actions.length, 1);
    assert.equal(actions[0].kind, 'source.fixAll.postmortem');
    const dc = actions[0].edit!.documentChanges!;
    assert.equal(dc.length, 1);
    assert.equal((dc[0] as TextDocumentEdit).edits.length, 1, 'one edit');
    await c.applyEdit(actions[0].edit!);
    const after = await c.diagnosticsFor(uri);
    assert.deepEqual(after.filter((d) => d.code === 'timeline-order' || d.code === 'duplicate-action-id'), []);
    // Findings without a safe fix stay for a person.
    assert.ok(after.some((d) => d.code === 'missing-owner'));
    const text = c.text(uri);
    assert.match(text, /\| AI-3 \| Alert when/);
    const rows = text.split('\n').filter((l) => /^\| \d\d[:.]\d\d \|/.test(l)).map((l) => l.slice(2, 7));
    assert.ok(rows.indexOf('23:44') < rows.indexOf('23:47'), rows.join(' '));
    // Again: nothing left to do.
    const second = await c.codeActions(uri, { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, [], ['source.fixAll.postmortem']);
    assert.deepEqual(second, []);
  });
});

const TABLE_DOC = `# Post-mortem: cache outage

**Date**: 2025-03-02
**Duration**: 20m
**Severity**: SEV-3
**Authors**: @kim

## Summary

The cache cluster refused writes for twenty minutes.
The on-call engineer forgot to check the eviction policy before the change went out.

## Impact

Slow pages for 10% of users.

## Timeline (all times UTC)

| Time | Event | Source | Actor |
| --- | --- | --- | --- |
| 10:00 | Eviction policy changed | Deploy log | @kim |
| 10:05 | Alert fires | Alertmanager | - |
| 10:20 | Policy restored | Deploy log | @kim |

## Contributing Factors

- The policy change was not reviewed.
- No alert on write refusals.

## Action Items

| ID | Action | Owner | Deadline | Priority |
| --- | --- | --- | --- | --- |
| AI-1 | Add a write-refusal alert to the cache dashboard at 1% for 5 minutes | TBD | 2025-04-01 | P1 |
| AI-2 | Require review for cache policy changes in the deploy pipeline | @kim | 2025-04-01 |

## Lessons Learned

- Policy changes need the same review as code.
`;

async function disableAndCheck(c: LspClient, uri: string, pick: (d: Diagnostic) => boolean, kind: 'line' | 'file'): Promise<{ before: Diagnostic[]; after: Diagnostic[]; text: string }> {
  const before = await c.diagnosticsFor(uri);
  const d = before.find(pick);
  assert.ok(d, `a finding to disable among ${before.map((x) => x.code).join(', ')}`);
  const actions = await c.codeActions(uri, d.range, [d]);
  const want = kind === 'line' ? `Disable ${d.code} for this line` : `Disable ${d.code} for this file`;
  const action = actions.find((a) => a.title === want);
  assert.ok(action, `"${want}" offered: ${actions.map((a) => a.title).join(' | ')}`);
  await c.applyEdit(action.edit!);
  return { before, after: await c.diagnosticsFor(uri), text: c.text(uri) };
}

test('disable comments: a paragraph continuation line, a table row, a table header, a list item, the file', async () => {
  const uri = 'file:///tmp/lsp-disable/postmortem-cache.md';
  await withClient({}, async (c) => {
    await c.open(uri, TABLE_DOC);

    // A table row: the comment goes after the last pipe and the table stays one table.
    let r = await disableAndCheck(c, uri, (d) => d.code === 'missing-owner', 'line');
    assert.match(r.text, /\| AI-1 \| .* \| TBD \| 2025-04-01 \| P1 \| <!-- postmortem-disable-line missing-owner -->\n/);
    assert.equal(r.after.filter((d) => d.code === 'missing-owner').length, 0);
    let model = buildModel(r.text);
    assert.equal(model.actionItems.items.length, 2, 'both action rows still in the table');
    const tables = parseMarkdown(r.text).children.filter((n) => n.type === 'table');
    assert.equal(tables.length, 2);
    assert.equal((tables[1] as { children: unknown[] }).children.length, 3, 'remark: header + 2 rows');

    // A row with fewer cells than the header: padded first, so the comment is never a real cell.
    r = await disableAndCheck(c, uri, (d) => d.code === 'missing-priority', 'line');
    assert.match(r.text, /\| AI-2 \| .* \| @kim \| 2025-04-01 \|\s+\| <!-- postmortem-disable-line missing-priority -->\n/);
    assert.equal(r.after.filter((d) => d.code === 'missing-priority').length, 0);
    model = buildModel(r.text);
    assert.equal(model.actionItems.items[1].priority?.text, '');

    // A second rule on a line that already has a directive extends it.
    await c.change(uri, r.text.replace('| AI-1 | Add a write-refusal alert to the cache dashboard at 1% for 5 minutes | TBD | 2025-04-01 | P1 |', '| AI-2 | Add a write-refusal alert to the cache dashboard at 1% for 5 minutes | TBD | 2025-04-01 | P1 |'));
    r = await disableAndCheck(c, uri, (d) => d.code === 'duplicate-action-id', 'line');
    assert.match(r.text, /<!-- postmortem-disable-line missing-priority, duplicate-action-id -->/);
    assert.equal(r.after.filter((d) => d.code === 'duplicate-action-id').length, 0);

    // A paragraph's second line: the comment goes at the end of the line (own line would split it).
    assert.ok(r.after.find((d) => d.code === 'blameful-language' && d.range.start.line === 10), 'blame on the paragraph\'s second line');
    {
      r = await disableAndCheck(c, uri, (d) => d.code === 'blameful-language', 'line');
      assert.match(r.text, /before the change went out\. <!-- postmortem-disable-line blameful-language -->\n/);
      const paragraphs = parseMarkdown(r.text).children.filter((n) => n.type === 'paragraph');
      assert.ok(paragraphs.some((p) => JSON.stringify(p).includes('twenty minutes') && JSON.stringify(p).includes('eviction policy')), 'still one paragraph');
      assert.equal(r.after.filter((d) => d.code === 'blameful-language').length, 0);
    }
  });
});

const TABLE_DOC_LINE = (c: LspClient, uri: string, line: number) => c.text(uri).split('\n')[line];

test('disable comments: a table header row, a heading and a list item get an own line above; the file directive', async () => {
  const uri = 'file:///tmp/lsp-disable/postmortem-header.md';
  const doc = TABLE_DOC.replace('| ID | Action | Owner | Deadline | Priority |\n| --- | --- | --- | --- | --- |', '| ID | Action | Deadline | Priority |\n| --- | --- | --- | --- |')
    .replace(/\| TBD \| 2025-04-01 \| P1 \|/, '| 2025-04-01 | P1 |')
    .replace('| @kim | 2025-04-01 |', '| 2025-04-01 | P2 |')
    .replace('- The policy change was not reviewed.\n- No alert on write refusals.', '- Bob forgot to review the policy change.');
  await withClient({}, async (c) => {
    await c.open(uri, doc);
    let r = await disableAndCheck(c, uri, (d) => d.code === 'missing-owner', 'line');
    assert.match(r.text, /## Action Items\n\n<!-- postmortem-disable-next-line missing-owner -->\n\n\| ID \| Action \| Deadline \| Priority \|\n/);
    assert.equal(r.after.filter((d) => d.code === 'missing-owner').length, 0);
    assert.equal(buildModel(r.text).actionItems.tables.length, 1, 'the table is still read as the action items table');

    // A finding on a heading: own line above it.
    r = await disableAndCheck(c, uri, (d) => d.code === 'single-contributing-factor', 'line');
    assert.match(r.text, /<!-- postmortem-disable-next-line single-contributing-factor -->\n\n## Contributing Factors/);
    assert.equal(r.after.filter((d) => d.code === 'single-contributing-factor').length, 0);

    // A list item (the first line of its list): own line above it.
    r = await disableAndCheck(c, uri, (d) => d.code === 'blameful-language' && /^- Bob/.test(TABLE_DOC_LINE(c, uri, d.range.start.line)), 'line');
    assert.match(r.text, /<!-- postmortem-disable-next-line blameful-language -->\n\n- Bob forgot/);
    assert.equal(r.after.filter((d) => d.code === 'blameful-language').length, r.before.filter((d) => d.code === 'blameful-language').length - 1);

    // The file: at the top, and later rules extend the same comment.
    r = await disableAndCheck(c, uri, (d) => d.code === 'missing-section' || d.code === 'blameful-language' || d.code === 'timeline-time-format' || d.code === 'missing-header-field' || d.code === 'missing-deadline' || d.code === 'missing-priority' || d.code === 'missing-owner' || d.code === 'invalid-deadline' || d.code === 'vague-action' || d.code === 'timeline-order' || d.code === 'duplicate-action-id', 'file');
    const first = r.before.find((d) => r.text.startsWith(`<!-- postmortem-disable-file ${d.code} -->\n\n# Post-mortem`));
    assert.ok(first, r.text.slice(0, 200));
    assert.equal(r.after.filter((d) => d.code === first.code).length, 0);
    if (r.after.length) {
      const next = r.after[0];
      r = await disableAndCheck(c, uri, (d) => d === next || (d.code === next.code && d.range.start.line === next.range.start.line), 'file');
      assert.ok(r.text.startsWith(`<!-- postmortem-disable-file ${first.code}, ${next.code} -->\n`), r.text.slice(0, 120));
    }
  });
});

test('stale diagnostics get no actions; current ones get fixes computed from the current text', async () => {
  const uri = 'file:///tmp/lsp-stale/postmortem-stale.md';
  await withClient({}, async (c) => {
    await c.open(uri, TABLE_DOC);
    const old = (await c.diagnosticsFor(uri)).find((d) => d.code === 'missing-owner')!;
    // Insert two lines above: the finding moves down, the old diagnostic no longer matches.
    await c.change(uri, TABLE_DOC.replace('## Summary\n', '## Summary\n\nNew first paragraph.\n'));
    const fresh = (await c.diagnosticsFor(uri)).find((d) => d.code === 'missing-owner')!;
    assert.equal(fresh.range.start.line, old.range.start.line + 2);
    assert.deepEqual(await c.codeActions(uri, old.range, [old]), []);
    const actions = await c.codeActions(uri, fresh.range, [fresh]);
    const fix = actions.find((a) => a.title === 'Set owner to @kim')!;
    assert.ok(fix);
    const e = fix.edit!.documentChanges![0] as TextDocumentEdit;
    assert.equal(e.textDocument.version, 2);
    assert.equal(e.edits[0].range.start.line, fresh.range.start.line);
  });
});

test('a stale diagnostic at the same place as a current finding gets no actions; fixes come from the server, never from the diagnostic', async () => {
  const uri = 'file:///tmp/lsp-stale/postmortem-same-place.md';
  await withClient({}, async (c) => {
    await c.open(uri, TABLE_DOC);
    const old = (await c.diagnosticsFor(uri)).find((d) => d.code === 'missing-owner')!;
    assert.match(String(old.message), /AI-1/);
    // Version 2 renames the item: a missing-owner finding at the very same range, about AI-7.
    await c.change(uri, TABLE_DOC.replace('| AI-1 | Add', '| AI-7 | Add'));
    const fresh = (await c.diagnosticsFor(uri)).find((d) => d.code === 'missing-owner')!;
    assert.deepEqual(fresh.range, old.range);
    assert.match(String(fresh.message), /AI-7/);
    // (Link a ticket… is offered by the row, whatever the diagnostics; no quick fix is.)
    const stale = (await c.codeActions(uri, old.range, [old])).filter((a) => a.kind === 'quickfix');
    assert.deepEqual(stale, [], 'the version 1 diagnostic is about an item that is gone');
    // A client that sends back data of its own (or of an older server) does not choose the edit.
    const bogus = { title: 'Set owner to @mallory', edits: [{ range: fresh.range, newText: '@mallory' }] };
    const actions = await c.codeActions(uri, fresh.range, [{ ...fresh, data: { fixes: [bogus] } }]);
    const titles = actions.map((a) => a.title);
    assert.ok(!titles.includes(bogus.title), titles.join(' | '));
    const fix = actions.find((a) => a.title === 'Set owner to @kim');
    assert.ok(fix, titles.join(' | '));
    const e = fix.edit!.documentChanges![0] as TextDocumentEdit;
    assert.equal(e.textDocument.version, 2);
    await c.applyEdit(fix.edit!);
    assert.match(c.text(uri), /\| AI-7 \| Add a write-refusal alert[^\n]*\| @kim \|/);
    assert.ok(!(await c.diagnosticsFor(uri)).some((d) => d.code === 'missing-owner'));
  });
});

test('sort timeline is offered anywhere in the Timeline section, also with the rule off', async () => {
  const uri = 'file:///tmp/lsp-sort/postmortem-sort.md';
  const unsorted = TABLE_DOC.replace('| 10:05 | Alert fires | Alertmanager | - |\n| 10:20 | Policy restored | Deploy log | @kim |', '| 10:20 | Policy restored | Deploy log | @kim |\n| 10:05 | Alert fires | Alertmanager | - |');
  await withClient({ settings: { rules: { 'timeline-order': 'off' } } }, async (c) => {
    await c.open(uri, unsorted);
    const diags = await c.diagnosticsFor(uri);
    assert.equal(diags.filter((d) => d.code === 'timeline-order').length, 0, 'the rule is off');
    const line = unsorted.split('\n').findIndex((l) => l.startsWith('## Timeline'));
    const outside = await c.codeActions(uri, { start: { line: 1, character: 0 }, end: { line: 1, character: 0 } }, []);
    assert.equal(outside.filter((a) => a.kind === 'refactor.rewrite').length, 0);
    const actions = await c.codeActions(uri, { start: { line: line + 1, character: 0 }, end: { line: line + 1, character: 0 } }, []);
    const sort = actions.find((a) => a.kind === 'refactor.rewrite');
    assert.equal(sort?.title, 'Sort timeline by time');
    await c.applyEdit(sort!.edit!);
    assert.ok(c.text(uri).includes('| 10:05 | Alert fires | Alertmanager | - |\n| 10:20 | Policy restored'));
    const again = await c.codeActions(uri, { start: { line: line + 3, character: 2 }, end: { line: line + 3, character: 2 } }, []);
    const disabled = again.find((a) => a.kind === 'refactor.rewrite');
    assert.equal(disabled?.disabled?.reason, 'The timeline is already in time order');
  });
});

test('edit forms: changes without documentChanges, snippet edits when the client supports them', async () => {
  const path = SAMPLES[0][1];
  const uri = fileUri(path);
  const text = readFileSync(path, 'utf8');
  const vague = async (opts: ClientOptions) =>
    withClient(opts, async (c) => {
      await c.open(uri, text);
      const d = (await c.diagnosticsFor(uri)).find((x) => x.code === 'missing-header-field')!;
      return (await c.codeActions(uri, d.range, [d])).find((a) => !isDisable(a))!;
    });
  const plain = await vague({ capabilities: { workspace: { workspaceEdit: { documentChanges: false } } } });
  assert.ok(plain.edit!.changes && !plain.edit!.documentChanges);
  assert.match(plain.edit!.changes![uri][0].newText, /\*\*Duration\*\*: $/);
  const snippet = await vague({ capabilities: { workspace: { workspaceEdit: { documentChanges: true, snippetEditSupport: true } as object } } });
  const se = (snippet.edit!.documentChanges![0] as TextDocumentEdit).edits[0] as unknown as { snippet: { kind: string; value: string } };
  assert.equal(se.snippet.kind, 'snippet');
  assert.match(se.snippet.value, /\*\*Duration\*\*: \$\{1:/);
  const experimental = await vague({ capabilities: { experimental: { snippetTextEdit: true } } });
  const ee = (experimental.edit!.documentChanges![0] as TextDocumentEdit).edits[0] as unknown as { newText: string; insertTextFormat: number };
  assert.equal(ee.insertTextFormat, 2);
  assert.match(ee.newText, /\$\{1:/);
});

test('Japanese code action titles', async () => {
  const [, path] = SAMPLES[1];
  const uri = fileUri(path);
  await withClient({ locale: 'ja' }, async (c) => {
    await c.open(uri, readFileSync(path, 'utf8'));
    const d = (await c.diagnosticsFor(uri)).find((x) => x.code === 'missing-owner')!;
    const titles = (await c.codeActions(uri, d.range, [d])).map((a) => a.title);
    assert.ok(titles.includes('この行で missing-owner を無効にする'), titles.join(' | '));
    assert.ok(titles.includes('このファイルで missing-owner を無効にする'));
    assert.ok(titles.some((x) => x.startsWith('担当者を ')));
    const all = await c.codeActions(uri, d.range, [], ['source.fixAll.postmortem']);
    assert.equal(all[0]?.title, '自動修正できるポストモーテムの問題をすべて修正する');
  });
});
