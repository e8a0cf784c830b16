// The language server never exits on bad input (issue 9): URIs it cannot map to a path, wrong
// value types in a configuration file, a 50 MB one-line document, and an engine that throws in
// the middle of a check. Every case ends with the same server answering a normal request.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LspClient, fileUri, serverBuilt } from '../helpers/lsp-client';
import { guarded, guardedNotification } from '../../server/src/lsp/guard';
import { MAX_DOCUMENT_CHARS } from '../../server/src/engine/lint';

const PRELOAD = join(__dirname, '..', 'helpers', 'throw-in-engine.cjs');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { MARKER, ENGINE_ERROR } = require(PRELOAD) as { MARKER: string; ENGINE_ERROR: string };
const SAMPLE = readFileSync(join(__dirname, '..', '..', 'examples', 'sample-postmortem.md'), 'utf8');
const skip = !serverBuilt() && 'run `npm run build` first';

let dir: string;
before(() => {
  dir = mkdtempSync(join(tmpdir(), 'pm-guard-'));
});
after(() => rmSync(dir, { recursive: true, force: true }));

/** The server is alive and answering: a fresh untitled report gets its findings. */
async function assertAlive(c: LspClient): Promise<void> {
  const uri = `untitled:alive-${c.publications.length}`;
  await c.open(uri, SAMPLE);
  const d = await c.diagnosticsFor(uri);
  assert.ok(d.length > 0);
  assert.ok((await c.symbols(uri)).length > 0);
  assert.equal(c.proc.exitCode, null, c.stderr);
  assert.equal(c.proc.signalCode, null, c.stderr);
}

// --- The guard itself.

test('guarded: a throwing or rejecting handler is logged and answers null; others pass through', async () => {
  const logged: string[] = [];
  const log = (m: string) => void logged.push(m);
  assert.equal(guarded(log, 'sync', () => 7)(), 7);
  assert.equal(await guarded(log, 'async', async (x: number) => x + 1)(1), 2);
  assert.equal(
    guarded(log, 'textDocument/hover', () => {
      throw new TypeError('bad hover');
    })(),
    null,
  );
  assert.equal(await guarded(log, 'textDocument/completion', () => Promise.reject(new RangeError('bad completion')))(), null);
  guardedNotification(log, 'textDocument/didOpen', () => {
    throw 'a string';
  })();
  await guardedNotification(log, 'textDocument/didClose', async () => {
    throw { code: 3 };
  })();
  await new Promise((r) => setImmediate(r));
  assert.equal(logged.length, 4, logged.join('\n'));
  assert.match(logged[0], /^textDocument\/hover failed: TypeError: bad hover\n\s+at /);
  assert.match(logged[1], /^textDocument\/completion failed: RangeError: bad completion/);
  assert.equal(logged[2], 'textDocument/didOpen failed: a string');
  assert.equal(logged[3], 'textDocument/didClose failed: {"code":3}');
  // A log that throws (the connection is gone) does not throw out of the guard either.
  const broken = guarded(
    () => {
      throw new Error('closed');
    },
    'x',
    () => {
      throw new Error('y');
    },
  );
  assert.equal(broken(), null);
});

// --- The server, end to end.

test('didOpen with file URIs that name no local path: checked like an untitled report', { skip }, async () => {
  const c = await LspClient.start({ folders: [dir] });
  try {
    const untitled = 'untitled:reference';
    await c.open(untitled, SAMPLE);
    const expected = (await c.diagnosticsFor(untitled)).map((d) => `${d.code} ${d.range.start.line}`).sort();
    for (const uri of ['file://otherhost/share/incident.md', 'file://%zz/..']) {
      await c.open(uri, SAMPLE);
      const got = (await c.diagnosticsFor(uri)).map((d) => `${d.code} ${d.range.start.line}`).sort();
      assert.deepEqual(got, expected, uri);
      assert.ok((await c.hover(uri, { line: 0, character: 2 })) !== undefined);
      await c.close(uri);
    }
    await assertAlive(c);
  } finally {
    await c.shutdown();
  }
});

test('a .postmortemrc.json with wrong value types inside rule options: config findings, the report still checked', { skip }, async () => {
  const ws = mkdtempSync(join(dir, 'ws-'));
  writeFileSync(
    join(ws, '.postmortemrc.json'),
    JSON.stringify({ rules: { 'vague-action': { options: { vagueVerbs: [1] } }, 'blameful-language': { options: { people: [null], allowedTerms: [5] } } } }),
  );
  const c = await LspClient.start({ folders: [ws] });
  try {
    const uri = fileUri(join(ws, 'incident.md'));
    await c.open(uri, SAMPLE);
    const d = await c.diagnosticsFor(uri);
    const config = d.filter((x) => x.code === 'config').map((x) => x.message);
    assert.equal(config.length, 3, config.join('\n'));
    for (const m of config) assert.match(String(m), /expected a string, got (1|null|5) \(ignored\)/);
    assert.ok(d.some((x) => x.code !== 'config'));
    await assertAlive(c);
    assert.equal(c.logs.filter((l) => l.type === 1).length, 0, JSON.stringify(c.logs));
  } finally {
    await c.shutdown();
  }
});

test(`a 50 MB one-line document gets one too-large finding (limit ${MAX_DOCUMENT_CHARS} characters), and is checked again once small`, { skip }, async () => {
  const c = await LspClient.start();
  try {
    const uri = 'untitled:huge';
    const line = 'x'.repeat(50 * 1024 * 1024);
    await c.open(uri, `# Post-Mortem: huge ${line}`);
    const d = await c.diagnosticsFor(uri, 60_000);
    assert.equal(d.length, 1, JSON.stringify(d.slice(0, 3)));
    assert.equal(d[0].code, 'too-large');
    assert.match(String(d[0].message), /^This report is too large to check \(50\.0 M characters; the limit is 16\.0 M\)/);
    assert.deepEqual(await c.symbols(uri), []);
    await c.change(uri, SAMPLE);
    assert.ok((await c.diagnosticsFor(uri, 30_000)).some((x) => x.code !== 'too-large'));
    await assertAlive(c);
  } finally {
    await c.shutdown();
  }
});

test('a Japanese report gets its too-large and check-failed messages in Japanese from an English editor, with no locale set', { skip }, async () => {
  const c = await LspClient.start({ nodeArgs: ['--require', PRELOAD] });
  try {
    const ja = readFileSync(join(__dirname, '..', '..', 'examples', 'sample-postmortem.ja.md'), 'utf8');
    await c.open('untitled:huge-ja', `${ja}\n${'x'.repeat(MAX_DOCUMENT_CHARS)}\n`);
    const large = await c.diagnosticsFor('untitled:huge-ja', 60_000);
    assert.deepEqual(large.map((x) => x.code), ['too-large']);
    assert.match(String(large[0].message), /^このレポートは大きすぎるためチェックしません/);
    await c.open('untitled:throws-ja', `${ja}\n${'キューが伸びた。'.repeat(300)}\n\n${MARKER}\n`);
    const failed = await c.diagnosticsFor('untitled:throws-ja');
    assert.deepEqual(failed.map((x) => x.code), ['check-failed']);
    assert.equal(failed[0].message, `ポストモーテムのチェックに失敗しました: ${ENGINE_ERROR}`);
  } finally {
    await c.shutdown();
  }
});

test('an engine that throws mid-check: one check-failed diagnostic with its message, a logged error, requests answer null, the rest goes on', { skip }, async () => {
  const c = await LspClient.start({ nodeArgs: ['--require', PRELOAD] });
  try {
    const uri = 'untitled:throws';
    // The marker sits past the 4,000 characters read to recognise a report, at the end of a real
    // one, so the check gets into the engine's scanner before a regular expression meets it.
    await c.open(uri, `${SAMPLE}\n${'The queue grew. '.repeat(300)}\n\n${MARKER}\n`);
    const d = await c.diagnosticsFor(uri);
    assert.equal(d.length, 1, JSON.stringify(d));
    assert.equal(d[0].code, 'check-failed');
    assert.equal(d[0].severity, 1);
    assert.equal(d[0].message, `The post-mortem check failed: ${ENGINE_ERROR}`);
    const errors = c.logs.filter((l) => l.type === 1);
    assert.equal(errors.length, 1, JSON.stringify(c.logs));
    assert.match(errors[0].message, new RegExp(`^Checking ${uri} failed: Error: ${ENGINE_ERROR}\\n\\s+at `));
    assert.match(errors[0].message, /\bat scanBlocks\b/);
    assert.doesNotMatch(errors[0].message, /isPostMortem/);
    // Requests on the same document go through the engine again: each fails, is logged, answers null.
    assert.equal(await c.hover(uri, { line: 0, character: 2 }), null);
    assert.deepEqual(await c.symbols(uri), []);
    assert.deepEqual(await c.folding(uri), []);
    assert.deepEqual(await c.completion(uri, { line: 0, character: 0 }), []);
    assert.deepEqual(await c.codeActions(uri, d[0].range, d), []);
    const failed = c.logs.filter((l) => l.type === 1).map((l) => l.message.split(':')[0]);
    for (const what of ['textDocument/hover failed', 'textDocument/documentSymbol failed', 'textDocument/foldingRange failed', 'textDocument/completion failed', 'textDocument/codeAction failed']) {
      assert.ok(failed.includes(what), `${what} in ${failed.join(', ')}`);
    }
    // Other documents are checked as usual, and the same one once the marker is gone.
    await assertAlive(c);
    await c.change(uri, SAMPLE);
    const again = await c.diagnosticsFor(uri);
    assert.ok(again.length > 1 && again.every((x) => x.code !== 'check-failed'), JSON.stringify(again.map((x) => x.code)));
  } finally {
    await c.shutdown();
  }
});
