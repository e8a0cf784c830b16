// Configuration through LSP: config files found from the document's folder up to the workspace
// root, re-checks on watched-file and settings changes, and a clear diagnostic for a broken file.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LspClient, fileUri, serverBuilt } from '../helpers/lsp-client';

const REPORT = `# Post-mortem: queue backlog

**Date**: 2025-05-01
**Duration**: 40m
**Severity**: SEV-3
**Authors**: @lee

## Summary

Jobs waited up to 40 minutes.

## Impact

Emails were late.

## Timeline (all times UTC)

| Time | Event | Source | Actor |
| --- | --- | --- | --- |
| 09:00 | Backlog alert fires | Alertmanager | - |
| 09:40 | Backlog cleared | Grafana | @lee |

## Contributing Factors

- Workers were scaled down the day before.
- The backlog alert threshold was high.

## Action Items

| ID | Action | Owner | Deadline | Priority |
| --- | --- | --- | --- | --- |
| AI-1 | Alert when the queue age exceeds 5 minutes on the jobs dashboard | TBD | 2025-06-01 | P2 |

## Lessons Learned

- Scaling changes need a capacity check.
`;

let ws: string;
before(() => {
  assert.ok(serverBuilt(), 'dist/server.js is missing: run `npm run build` first');
  ws = mkdtempSync(join(tmpdir(), 'pm-lsp-config-'));
  mkdirSync(join(ws, 'postmortems', 'team-a'), { recursive: true });
});
after(() => rmSync(ws, { recursive: true, force: true }));

const codes = (ds: { code?: string | number }[]) => ds.map((d) => d.code);

test('config files: discovered up to the workspace root, re-read on didChangeWatchedFiles, broken files reported', async () => {
  const doc = join(ws, 'postmortems', 'team-a', 'queue.md');
  writeFileSync(doc, REPORT);
  const uri = fileUri(doc);
  const c = await LspClient.start({ folders: [ws], settings: {} });
  try {
    await c.open(uri, REPORT);
    assert.ok(codes(await c.diagnosticsFor(uri)).includes('missing-owner'), 'finding without config');

    // A config at the workspace root turns the rule off.
    const rootCfg = join(ws, '.postmortemrc.json');
    writeFileSync(rootCfg, JSON.stringify({ rules: { 'missing-owner': 'off' } }));
    let mark = c.publications.length;
    await c.conn.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: fileUri(rootCfg), type: 1 }] });
    let p = await c.waitFor((x) => x.uri === uri, 10000, mark);
    assert.ok(!codes(p.diagnostics).includes('missing-owner'), `rule off by the root config: ${codes(p.diagnostics)}`);

    // A config in the document's folder wins over the root one (YAML this time).
    const nearCfg = join(ws, 'postmortems', 'team-a', '.postmortemrc.yaml');
    writeFileSync(nearCfg, 'rules:\n  missing-owner: error\n');
    mark = c.publications.length;
    await c.conn.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: fileUri(nearCfg), type: 1 }] });
    p = await c.waitFor((x) => x.uri === uri, 10000, mark);
    const owner = p.diagnostics.find((d) => d.code === 'missing-owner');
    assert.equal(owner?.severity, 1, 'error severity from the nearer config');

    // A broken config file: a clear diagnostic naming the file, the rest still checked.
    writeFileSync(nearCfg, 'rules: [unclosed\n');
    mark = c.publications.length;
    await c.conn.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: fileUri(nearCfg), type: 2 }] });
    p = await c.waitFor((x) => x.uri === uri, 10000, mark);
    const broken = p.diagnostics.find((d) => d.code === 'config');
    assert.ok(broken, `config diagnostic: ${codes(p.diagnostics)}`);
    assert.match(String(broken.message), /\.postmortemrc\.yaml/);
    assert.equal(broken.severity, 1);

    // Deleting it brings back the root config.
    rmSync(nearCfg);
    mark = c.publications.length;
    await c.conn.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: fileUri(nearCfg), type: 3 }] });
    p = await c.waitFor((x) => x.uri === uri, 10000, mark);
    assert.deepEqual(codes(p.diagnostics).filter((x) => x === 'config' || x === 'missing-owner'), []);
    rmSync(rootCfg);
  } finally {
    await c.shutdown();
  }
});

test('settings: didChangeConfiguration re-reads workspace/configuration and re-checks open documents', async () => {
  const doc = join(ws, 'postmortems', 'settings.md');
  const uri = fileUri(doc);
  let rules: Record<string, string> = {};
  const c = await LspClient.start({ folders: [ws], settings: () => ({ rules, locale: 'auto' }) });
  try {
    await c.open(uri, REPORT);
    const first = await c.diagnosticsFor(uri);
    assert.ok(codes(first).includes('missing-owner'));
    const asked = c.configurationRequests;
    assert.ok(asked >= 1, 'the server asked for settings');

    rules = { 'missing-owner': 'off' };
    let mark = c.publications.length;
    await c.conn.sendNotification('workspace/didChangeConfiguration', { settings: null });
    let p = await c.waitFor((x) => x.uri === uri, 10000, mark);
    assert.ok(!codes(p.diagnostics).includes('missing-owner'), 'rule off by settings');
    assert.ok(c.configurationRequests > asked, 'settings read again');

    // Japanese from the settings.
    c.settings = () => ({ rules: {}, locale: 'ja' });
    mark = c.publications.length;
    await c.conn.sendNotification('workspace/didChangeConfiguration', { settings: null });
    p = await c.waitFor((x) => x.uri === uri, 10000, mark);
    const owner = p.diagnostics.find((d) => d.code === 'missing-owner');
    assert.match(String(owner?.message ?? ""), /担当者/);

    // A config file wins over settings where both speak.
    writeFileSync(join(ws, '.postmortemrc.json'), JSON.stringify({ rules: { 'missing-owner': 'off' } }));
    mark = c.publications.length;
    await c.conn.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: fileUri(join(ws, '.postmortemrc.json')), type: 1 }] });
    p = await c.waitFor((x) => x.uri === uri, 10000, mark);
    assert.ok(!codes(p.diagnostics).includes('missing-owner'));

    // postmortem.enable = false clears the document's diagnostics.
    c.settings = () => ({ enable: false });
    mark = c.publications.length;
    await c.conn.sendNotification('workspace/didChangeConfiguration', { settings: null });
    p = await c.waitFor((x) => x.uri === uri, 10000, mark);
    assert.deepEqual(p.diagnostics, []);
  } finally {
    rmSync(join(ws, '.postmortemrc.json'), { force: true });
    await c.shutdown();
  }
});

test('settings: with locale "auto" a Japanese report gets Japanese messages in an English editor; an explicit setting wins', async () => {
  const doc = join(ws, 'postmortems', 'ja-auto.md');
  const uri = fileUri(doc);
  const text = '# ポストモーテム: キューの滞留\n\n## 概要\n\n担当者が事前の確認を怠った。ジョブが最大40分待たされた。\n\n## アクションアイテム\n\n| ID | アクション | 担当者 | 期限 |\n| --- | --- | --- | --- |\n| AI-1 | 監視を改善いたします | | 2025-06-01 |\n';
  const c = await LspClient.start({ folders: [ws], settings: () => ({ rules: {}, locale: 'auto' }), locale: 'en' });
  try {
    await c.open(uri, text);
    const auto = await c.diagnosticsFor(uri);
    const vague = auto.find((d) => d.code === 'vague-action');
    assert.match(String(vague?.message ?? ''), /アクションアイテム/);
    const blame = auto.find((d) => d.code === 'blameful-language');
    assert.match(String(blame?.message ?? ''), /^「/);

    c.settings = () => ({ rules: {}, locale: 'en' });
    const mark = c.publications.length;
    await c.conn.sendNotification('workspace/didChangeConfiguration', { settings: null });
    const p = await c.waitFor((x) => x.uri === uri, 10000, mark);
    assert.match(String(p.diagnostics.find((d) => d.code === 'vague-action')?.message ?? ''), /^Action item/);
  } finally {
    await c.shutdown();
  }
});

test('detection by structure: a saved report outside any post-mortem folder and an untitled one are checked; a plain note is not', async () => {
  const body = '# Payments migration stalled captures\n\n## Chronology (UTC)\n\n| Time | Event |\n| --- | --- |\n| 10:00 | Captures stall |\n\n## Contributing factors\n\n- The migration held a table lock.\n- No alert on capture lag.\n';
  mkdirSync(join(ws, 'docs', 'reviews'), { recursive: true });
  const saved = fileUri(join(ws, 'docs', 'reviews', '2025-03-14-payments-migration.md'));
  const untitled = 'untitled:Untitled-1';
  const note = fileUri(join(ws, 'docs', 'notes.md'));
  const c = await LspClient.start({ folders: [ws], settings: {} });
  try {
    await c.open(saved, body);
    assert.ok(codes(await c.diagnosticsFor(saved)).includes('missing-section'));
    await c.open(untitled, body);
    assert.ok(codes(await c.diagnosticsFor(untitled)).includes('missing-section'));
    // The note becomes a post-mortem when a timeline and action items are typed into it.
    await c.open(note, '# Notes\n\nNothing yet.\n');
    const mark = c.publications.length;
    await c.change(note, '# Notes\n\n## Timeline\n\n- 10:00 UTC deploy\n\n## Action items\n\n- Add a canary stage\n');
    const p = await c.waitFor((x) => x.uri === note && x.diagnostics.length > 0, 10000, mark);
    assert.ok(codes(p.diagnostics).includes('missing-owner'));
  } finally {
    await c.shutdown();
  }
});
