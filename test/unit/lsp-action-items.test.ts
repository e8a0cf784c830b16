// `postmortem/actionItems` and `postmortem.linkTicket` through the built language server, as any
// LSP editor uses them: the workspace's items (open documents as edited, the rest from disk), the
// "Link a ticket…" code action on a row, and the ticket written with one workspace/applyEdit.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ApplyWorkspaceEditParams, Command } from 'vscode-languageserver-protocol';
import { LspClient, fileUri, serverBuilt } from '../helpers/lsp-client';
import type { ActionItemEntry, ActionItemsResult } from '../../server/src/lsp/features/action-items-protocol';

before(() => assert.ok(serverBuilt(), 'dist/server.js is missing: run `npm run build` first'));

const checkout = `# Post-Mortem: Checkout errors

**Date**: 2025-02-09

## Action Items

| ID | Action | Owner | Deadline | Status |
| --- | --- | --- | --- | --- |
| AI-1 | Add card payments to the canary checks | @alice | 2025-03-01 | Open |
| AI-2 | Pin the SDK timeout | @bob | 2025-02-20 | Done |
| AI-3 | Alert on checkout errors | @carol | 2025-09-01 | Open |
`;

const search = `# Post-mortem: Search lag

**Date**: 2025-05-02

## Action Items

| ID | Action | Owner | Deadline |
| --- | --- | --- | --- |
| S-1 | Alert when lag exceeds 5 minutes | @dana | 2025-05-20 |
`;

function workspace(): string {
  const ws = mkdtempSync(join(tmpdir(), 'pm-lsp-actions-'));
  mkdirSync(join(ws, 'postmortems'));
  writeFileSync(join(ws, 'postmortems', 'checkout.md'), checkout);
  writeFileSync(join(ws, 'postmortems', 'search.md'), search);
  writeFileSync(join(ws, 'notes.md'), '# Notes\n\nNothing here.\n');
  writeFileSync(join(ws, '.postmortemrc.json'), JSON.stringify({ today: '2025-06-01' }));
  return ws;
}

const key = (e: ActionItemEntry) => `${e.file}:${e.line} ${e.id}${e.overdue ? ' overdue' : ''}`;

test('postmortem/actionItems lists the open items of every report in the workspace, overdue first, each with its row', async () => {
  const ws = workspace();
  const c = await LspClient.start({ folders: [ws], settings: {} });
  try {
    const { items } = await c.conn.sendRequest<ActionItemsResult>('postmortem/actionItems', { open: true });
    assert.deepEqual(items.map(key), ['postmortems/checkout.md:9 AI-1 overdue', 'postmortems/search.md:9 S-1 overdue', 'postmortems/checkout.md:11 AI-3']);
    const ai1 = items[0];
    assert.equal(ai1.uri, fileUri(join(ws, 'postmortems', 'checkout.md')));
    assert.deepEqual(ai1.range, { start: { line: 8, character: 0 }, end: { line: 8, character: checkout.split('\n')[8].length } });
    assert.deepEqual([ai1.action, ai1.owner, ai1.deadline, ai1.title, ai1.open], ['Add card payments to the canary checks', '@alice', '2025-03-01', 'Checkout errors', true]);
    const overdue = await c.conn.sendRequest<ActionItemsResult>('postmortem/actionItems', { overdue: true, owner: 'dana' });
    assert.deepEqual(overdue.items.map(key), ['postmortems/search.md:9 S-1 overdue']);
    const all = await c.conn.sendRequest<ActionItemsResult>('postmortem/actionItems', {});
    assert.equal(all.items.length, 4, 'without a filter the done item is listed too');

    // An open document is read as edited: AI-3 marked done in the editor leaves the list before it is saved.
    const uri = fileUri(join(ws, 'postmortems', 'checkout.md'));
    await c.open(uri, checkout);
    await c.change(uri, checkout.replace('| @carol | 2025-09-01 | Open |', '| @carol | 2025-09-01 | Done |'));
    const edited = await c.conn.sendRequest<ActionItemsResult>('postmortem/actionItems', { open: true });
    assert.deepEqual(edited.items.map(key), ['postmortems/checkout.md:9 AI-1 overdue', 'postmortems/search.md:9 S-1 overdue']);
  } finally {
    await c.shutdown();
  }
});

test('"Link a ticket…" on an action row runs postmortem.linkTicket, which writes the ticket with one edit (adding the column)', async () => {
  const ws = workspace();
  const c = await LspClient.start({ folders: [ws], settings: {} });
  const applied: ApplyWorkspaceEditParams[] = [];
  c.conn.onRequest('workspace/applyEdit', async (p: ApplyWorkspaceEditParams) => {
    applied.push(p);
    await c.applyEdit(p.edit);
    return { applied: true };
  });
  try {
    const uri = fileUri(join(ws, 'postmortems', 'search.md'));
    await c.open(uri, search);
    await c.diagnosticsFor(uri);
    const row = { start: { line: 8, character: 3 }, end: { line: 8, character: 3 } };
    const actions = await c.codeActions(uri, row, []);
    const link = actions.find((a) => a.title === 'Link a ticket…');
    assert.ok(link, `no link action among ${actions.map((a) => a.title).join(', ')}`);
    assert.equal(link.kind, 'refactor.rewrite');
    const cmd = link.command as Command;
    assert.deepEqual([cmd.command, cmd.arguments], ['postmortem.linkTicket', [uri, 8]]);
    // Nowhere else: the header row and a paragraph get no such action.
    assert.ok(!(await c.codeActions(uri, { start: { line: 6, character: 1 }, end: { line: 6, character: 1 } }, [])).some((a) => a.title === 'Link a ticket…'));

    // Without the ticket the server says what it needs; with it, one edit.
    await assert.rejects(c.conn.sendRequest('workspace/executeCommand', { command: 'postmortem.linkTicket', arguments: [uri, 8] }), /give the ticket/);
    const r = await c.conn.sendRequest('workspace/executeCommand', { command: 'postmortem.linkTicket', arguments: [uri, 8, 'https://github.com/acme/search/issues/9'] });
    assert.deepEqual(r, { applied: true });
    assert.equal(applied.length, 1);
    assert.equal(c.text(uri), search.replace('| ID | Action | Owner | Deadline |\n| --- | --- | --- | --- |\n| S-1 | Alert when lag exceeds 5 minutes | @dana | 2025-05-20 |', '| ID | Action | Owner | Deadline | Ticket |\n| --- | --- | --- | --- | ------ |\n| S-1 | Alert when lag exceeds 5 minutes | @dana | 2025-05-20 | https://github.com/acme/search/issues/9 |'));
    const { items } = await c.conn.sendRequest<ActionItemsResult>('postmortem/actionItems', { owner: 'dana' });
    assert.equal(items[0].ticket, 'https://github.com/acme/search/issues/9');
    await assert.rejects(c.conn.sendRequest('workspace/executeCommand', { command: 'postmortem.linkTicket', arguments: [uri, 2, 'X-1'] }), /no action item on line 3/);
  } finally {
    await c.shutdown();
  }
});
