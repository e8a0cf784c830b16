// `postmortem.run`: as you type (`onType`, the default) or on save (`onSave`), through the real
// server over LSP. No timing: a third document, changed last, is the barrier. The server handles
// messages in order and schedules every edit check with the same delay, so when the barrier's
// diagnostics for its edit arrive, an earlier edit checked as you type has been published before.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { LspClient, serverBuilt } from '../helpers/lsp-client';

const root = join(__dirname, '..', '..');
const sample = readFileSync(join(root, 'examples', 'sample-postmortem.md'), 'utf8');
const BLAME = '\nAlice forgot to renew the certificate.\n';

before(() => assert.ok(serverBuilt(), 'dist/server.js is missing: run `npm run build` first'));

const blameful = (ds: { code?: string | number }[]) => ds.filter((d) => d.code === 'blameful-language').length;

test('postmortem.run onSave checks an edited report when it is saved, onType as it changes', async () => {
  const uris = { onSave: 'file:///ws/on-save-postmortem.md', onType: 'file:///ws/on-type-postmortem.md', barrier: 'file:///ws/barrier-postmortem.md' };
  const runOf: Record<string, string> = { [uris.onSave]: 'onSave', [uris.onType]: 'onType', [uris.barrier]: 'onType' };
  const c = await LspClient.start({ settings: (scope) => ({ run: runOf[scope ?? ''] ?? 'onType' }) });
  try {
    assert.deepEqual(c.initializeResult?.capabilities.textDocumentSync, { openClose: true, change: 2, save: { includeText: false } });
    for (const uri of Object.values(uris)) await c.open(uri, sample);
    // Opening checks in both modes.
    const before = blameful(await c.diagnosticsFor(uris.onSave));
    assert.ok(before > 0);
    assert.equal(blameful(await c.diagnosticsFor(uris.onType)), before, 'opened, onType');
    await c.diagnosticsFor(uris.barrier);

    const mark = c.publications.length;
    await c.change(uris.onSave, sample + BLAME);
    await c.change(uris.onType, sample + BLAME);
    await c.change(uris.barrier, sample + BLAME);
    await c.diagnosticsFor(uris.barrier);
    const since = c.publications.slice(mark);
    const v2 = (uri: string) => since.filter((p) => p.uri === uri && p.version === 2);
    assert.equal(v2(uris.onType).length, 1, 'onType: the edit was checked');
    assert.equal(blameful(v2(uris.onType)[0].diagnostics), before + 1, 'edited, onType');
    assert.deepEqual(v2(uris.onSave), [], 'onSave: the edit is not checked before the save');

    await c.conn.sendNotification('textDocument/didSave', { textDocument: { uri: uris.onSave } });
    const saved = await c.diagnosticsFor(uris.onSave);
    assert.equal(blameful(saved), before + 1, 'onSave: the save checks the edited text');

    // Switching the setting back to onType applies to the next edit without a save.
    runOf[uris.onSave] = 'onType';
    await c.conn.sendNotification('workspace/didChangeConfiguration', { settings: {} });
    await c.change(uris.onSave, sample);
    // The first publication for this version is its own result: a check of the previous version
    // that was still waiting for the new settings is not published under the newer version.
    assert.equal(blameful(await c.diagnosticsFor(uris.onSave)), before, 'edited back after switching to onType');
  } finally {
    await c.shutdown();
  }
});
