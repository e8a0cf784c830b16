// The server's stdio writer puts a publishDiagnostics message together from each diagnostic's
// bytes, made once per Diagnostic object (server/src/lsp/writer.ts): the bytes must be exactly
// those of JSON.stringify, whatever the diagnostics hold and however often they are sent.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import type { Message } from 'vscode-languageserver/node';
import { encodeMessage } from '../../server/src/lsp/writer';
import { toDiagnostic } from '../../server/src/lsp/convert';
import { lint } from '../../server/src/engine/lint';

const publish = (params: object): Message => ({ jsonrpc: '2.0', method: 'textDocument/publishDiagnostics', params }) as Message;
const same = (msg: Message) => assert.equal(encodeMessage(msg).toString('utf8'), JSON.stringify(msg));

test('publishDiagnostics is written byte for byte as JSON.stringify writes it, sent once or again', () => {
  const texts = [
    readFileSync('test/fixtures/structure/plain-text-section-lines.md', 'utf8'),
    '# ポストモーテム: 決済の障害\n\n## 概要\n\n担当者のミスで、彼は確認を怠った。\n\n## タイムライン\n\n| 時刻 | 出来事 |\n| --- | --- |\n| 10:05 | "引用" と \\ と \t |\n| 09:00 | 前 |\n',
  ];
  for (const text of texts) {
    const diagnostics = lint(text).findings.map(toDiagnostic);
    assert.ok(diagnostics.length > 0);
    const msg = publish({ uri: 'file:///r%20"q".md', version: 3, diagnostics });
    same(msg);
    same(msg); // the diagnostics' bytes are now kept
    same(publish({ uri: 'file:///r.md', diagnostics: [...diagnostics].reverse() }));
    same(publish({ uri: 'file:///r.md', version: 4, diagnostics: diagnostics.slice(1) }));
  }
});

test('messages without diagnostics, and odd ones, are written as JSON.stringify writes them', () => {
  same(publish({ uri: 'file:///r.md', version: 1, diagnostics: [] }));
  same(publish({ uri: 'file:///"diagnostics":"\u0000diagnostics\u0000".md', diagnostics: [{ message: '"diagnostics":\u0000' }] }));
  same(publish({ uri: 'file:///r.md', diagnostics: [null, 1, 'x', undefined] }));
  same(publish({ uri: 'file:///r.md' }));
  same({ jsonrpc: '2.0', id: 1, result: { diagnostics: [{ message: 'a' }] } } as Message);
  same({ jsonrpc: '2.0', method: 'window/logMessage', params: { type: 3, message: 'ログ "x"' } } as Message);
});
