// `postmortem.import` through the built language server, as any LSP editor runs it: the rows
// arrive as ONE workspace/applyEdit against the version the server read; a document changed
// meanwhile, a failed import or a cancelled one edits nothing; progress is LSP work-done progress.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { WorkspaceEdit } from 'vscode-languageserver-protocol';
import { LspClient, fileUri, serverBuilt } from '../helpers/lsp-client';
import { buildModel } from '../../server/src/engine/model';

/** A report with a dated timeline that imports merge into (the Neovim scenario uses it too). */
const REPORT = readFileSync(join(__dirname, '..', 'fixtures-import', 'checkout-report.md'), 'utf8');

let ws: string;
let slow: Server;
let slowUrl: string;
/** Requests the slow server holds; answered when the test says so. */
const held: (() => void)[] = [];
const PROM_BODY = JSON.stringify({
  status: 'success',
  data: { resultType: 'matrix', result: [{ metric: { __name__: 'errors' }, values: [[1752537000, '0.1'], [1752537600, '5'], [1752538200, '0.1'], [1752538800, '0.1']] }] },
});

before(async () => {
  assert.ok(serverBuilt(), 'dist/server.js is missing: run `npm run build` first');
  ws = mkdtempSync(join(tmpdir(), 'pm-lsp-import-'));
  copyFileSync(join(__dirname, '..', 'fixtures-import', 'kubectl-prefix.log'), join(ws, 'pods.log'));
  slow = createServer((_req, res) => {
    held.push(() => res.writeHead(200, { 'content-type': 'application/json' }).end(PROM_BODY));
  });
  await new Promise<void>((r) => slow.listen(0, '127.0.0.1', r));
  slowUrl = `http://127.0.0.1:${(slow.address() as AddressInfo).port}`;
});
after(() => {
  slow.closeAllConnections();
  slow.close();
  rmSync(ws, { recursive: true, force: true });
});

interface Session {
  c: LspClient;
  edits: WorkspaceEdit[];
  messages: { type: number; message: string }[];
  progress: { token: string | number; value: { kind: string; title?: string; cancellable?: boolean } }[];
}

async function session(capabilities = {}): Promise<Session> {
  const c = new LspClient({ folders: [ws], settings: {}, capabilities });
  const s: Session = { c, edits: [], messages: [], progress: [] };
  c.conn.onRequest('workspace/applyEdit', async (p: { edit: WorkspaceEdit }) => {
    s.edits.push(p.edit);
    await c.applyEdit(p.edit);
    return { applied: true };
  });
  c.conn.onNotification('window/showMessage', (m: { type: number; message: string }) => void s.messages.push(m));
  c.conn.onNotification('$/progress', (p: Session['progress'][number]) => void s.progress.push(p));
  await c.initialize();
  return s;
}

const run = (s: Session, args: Record<string, unknown>) => s.c.conn.sendRequest<{ inserted: number; duplicates: number; summary: string; notes: string[]; rows?: unknown[] }>('workspace/executeCommand', { command: 'postmortem.import', arguments: [args] });

test('the server offers postmortem.import, and a log import lands as one edit against the version it read', async () => {
  const s = await session({ window: { workDoneProgress: true } });
  try {
    assert.ok(s.c.initializeResult!.capabilities.executeCommandProvider?.commands.includes('postmortem.import'));
    const uri = fileUri(join(ws, 'report.md'));
    await s.c.open(uri, REPORT);
    // `file` relative to the workspace folder, as a person types it in Neovim.
    const r = await run(s, { uri, source: 'logs', file: 'pods.log' });
    assert.equal(r.inserted, 3);
    assert.match(r.summary, /^3 rows inserted into report\.md/);
    assert.equal(s.edits.length, 1);
    const dc = s.edits[0].documentChanges![0] as { textDocument: { uri: string; version: number }; edits: unknown[] };
    assert.deepEqual(dc.textDocument, { uri, version: 1 });
    assert.equal(dc.edits.length, 1, 'one text edit: one undo step');
    const entries = buildModel(s.c.text(uri)).timeline.entries.map((e) => e.event?.text);
    assert.deepEqual(entries, ['Deploy started', 'INFO starting drain', 'WARN slow upstream (upstream=db)', 'ERROR db connection reset \\| retrying', 'Rollback completed']);
    // Outcome shown to the person, progress begun and ended with cancel offered.
    assert.match(s.messages.at(-1)!.message, /3 rows inserted/);
    assert.equal(s.messages.at(-1)!.type, 3);
    const kinds = s.progress.map((p) => p.value.kind);
    assert.equal(kinds[0], 'begin');
    assert.equal(kinds.at(-1), 'end');
    assert.equal(s.progress[0].value.cancellable, true);

    // Again: nothing new, and no edit is sent.
    const again = await run(s, { uri, source: 'logs', file: join(ws, 'pods.log') });
    assert.equal(again.inserted, 0);
    assert.equal(again.duplicates, 3);
    assert.equal(s.edits.length, 1);
  } finally {
    await s.c.shutdown();
  }
});

test('a failed import changes nothing and says why; bad arguments are refused', async () => {
  const s = await session();
  try {
    const uri = fileUri(join(ws, 'failed.md'));
    await s.c.open(uri, REPORT);
    writeFileSync(join(ws, 'noise.log'), 'this is not a log line\n');
    await assert.rejects(run(s, { uri, source: 'logs', file: 'noise.log' }), /Unknown log format: line 1/);
    await assert.rejects(run(s, { uri, source: 'nosuch', file: 'noise.log' }), /Unknown import source "nosuch"/);
    await assert.rejects(run(s, { uri: fileUri(join(ws, 'not-open.md')), source: 'logs', file: 'pods.log' }), /Open the report first/);
    await assert.rejects(s.c.conn.sendRequest('workspace/executeCommand', { command: 'postmortem.import', arguments: ['pods.log'] }), /one argument object/);
    assert.equal(s.edits.length, 0);
    assert.equal(s.c.text(uri), REPORT);
    assert.ok(s.messages.some((m) => m.type === 1 && /Unknown log format/.test(m.message)), JSON.stringify(s.messages));
    // notify: false leaves the messages to the client.
    const before = s.messages.length;
    await assert.rejects(run(s, { uri, source: 'logs', file: 'noise.log', notify: false }));
    assert.equal(s.messages.length, before);
  } finally {
    await s.c.shutdown();
  }
});

test('a report edited while the data is on its way is left alone, and the chart written for it is removed', async () => {
  const s = await session();
  try {
    const path = join(ws, 'moving.md');
    writeFileSync(path, REPORT);
    const uri = fileUri(path);
    await s.c.open(uri, REPORT);
    const pending = run(s, { uri, source: 'prometheus', url: slowUrl, query: 'errors', start: '2025-07-14T23:45:00Z', end: '2025-07-15T00:30:00Z', threshold: 1, chart: true });
    while (!held.length) await new Promise((r) => setTimeout(r, 20));
    // The person types while the server waits for Prometheus.
    await s.c.change(uri, REPORT.replace('Checkout failed', 'Checkout failed badly'));
    await s.c.diagnosticsFor(uri);
    held.shift()!();
    await assert.rejects(pending, /The report changed while the import ran, so nothing was inserted/);
    assert.equal(s.edits.length, 0);
    assert.deepEqual(readdirSync(join(ws, 'postmortem-charts')), [], 'the chart of a refused import is removed');
    // Unchanged, the same import goes in, chart link included.
    const second = run(s, { uri, source: 'prometheus', url: slowUrl, query: 'errors', start: '2025-07-14T23:45:00Z', end: '2025-07-15T00:30:00Z', threshold: 1, chart: true });
    while (!held.length) await new Promise((r) => setTimeout(r, 20));
    held.shift()!();
    const r = await second;
    assert.equal(r.inserted, 2);
    assert.match(s.c.text(uri), /\]\(postmortem-charts\/moving-prometheus-\d{8}T\d{6}\.svg\)/);
  } finally {
    await s.c.shutdown();
  }
});

test('cancelling through work-done progress stops the import and edits nothing', async () => {
  const s = await session({ window: { workDoneProgress: true } });
  try {
    const uri = fileUri(join(ws, 'cancel.md'));
    await s.c.open(uri, REPORT);
    const pending = run(s, { uri, source: 'prometheus', url: slowUrl, query: 'errors', start: '2025-07-14T23:45:00Z', end: '2025-07-15T00:30:00Z' });
    while (!s.progress.some((p) => p.value.kind === 'begin')) await new Promise((r) => setTimeout(r, 20));
    await s.c.conn.sendNotification('window/workDoneProgress/cancel', { token: s.progress[0].token });
    await assert.rejects(pending, /cancelled/);
    for (const h of held.splice(0)) h();
    assert.equal(s.edits.length, 0);
    assert.equal(s.c.text(uri), REPORT);
  } finally {
    await s.c.shutdown();
  }
});

test('preview returns the candidate rows; the picked ones go in with source "rows"', async () => {
  const s = await session();
  try {
    const uri = fileUri(join(ws, 'preview.md'));
    await s.c.open(uri, REPORT);
    const p = await run(s, { uri, source: 'logs', file: 'pods.log', preview: true });
    assert.equal(p.rows!.length, 3);
    assert.equal(s.edits.length, 0);
    const r = await run(s, { uri, source: 'rows', rows: [p.rows![2]] });
    assert.equal(r.inserted, 1);
    assert.match(s.c.text(uri), /db connection reset \\\| retrying/);
    assert.doesNotMatch(s.c.text(uri), /starting drain/);
  } finally {
    await s.c.shutdown();
  }
});
