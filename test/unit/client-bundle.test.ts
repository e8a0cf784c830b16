// The extension's two bundles: dist/client.js, loaded at activation, and dist/client-commands.js,
// loaded on the first run of an import command or "Open the configuration file"
// (client/src/lazy.ts). Read from the built bundles' source maps.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import Module from 'node:module';
import { join } from 'node:path';
import { IMPORT_COMMAND_IDS } from '../../client/src/import/command-ids';
import { lazyCommands } from '../../client/src/lazy';

const root = join(__dirname, '..', '..');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const sources = (bundle: string): string[] => (JSON.parse(readFileSync(join(root, 'dist', `${bundle}.js.map`), 'utf8')).sources as string[]).map((s) => s.replace(/^(\.\.\/)+/, ''));

before(() => {
  if (!existsSync(join(root, 'dist', 'client-commands.js.map')) || !existsSync(join(root, 'dist', 'client.js.map'))) {
    execFileSync(process.execPath, [join(root, 'scripts', 'build.mjs')], { cwd: root });
  }
});

test('activation loads the language client, not the import code, the YAML reader or luxon', () => {
  const main = sources('client');
  assert.ok(main.some((s) => s.startsWith('node_modules/vscode-languageclient/')), 'the language client is in dist/client.js');
  for (const late of ['server/src/engine/', 'node_modules/yaml/', 'node_modules/luxon/', 'client/src/import/commands.ts', 'client/src/open-config.ts']) {
    assert.deepEqual(main.filter((s) => s.startsWith(late)), [], `${late} is not in dist/client.js`);
  }
});

test('the commands bundle holds the import commands and the configuration command, without a second language client', () => {
  const late = sources('client-commands');
  for (const s of ['client/src/import/commands.ts', 'client/src/open-config.ts', 'node_modules/yaml/dist/index.js']) assert.ok(late.some((x) => x.startsWith(s)), `${s} is in dist/client-commands.js`);
  assert.deepEqual(late.filter((s) => /node_modules\/vscode-(languageclient|jsonrpc|languageserver-protocol)\//.test(s)), []);
});

test('every import command that package.json declares is registered, and the commands bundle loads', () => {
  const declared = (pkg.contributes.commands as { command: string }[]).map((c) => c.command).filter((c) => /^postmortem\.(import|set\w*Credentials)/.test(c));
  assert.deepEqual([...IMPORT_COMMAND_IDS].sort(), declared.sort());
  // The bundle needs `vscode`, which exists only inside the editor: a stand-in that answers anything.
  const any: object = new Proxy(function () {}, { get: (_t, k) => (k === 'prototype' ? {} : any), apply: () => any, construct: () => any });
  const load = (Module as unknown as { _load: (req: string, ...rest: unknown[]) => unknown })._load;
  (Module as unknown as { _load: typeof load })._load = function (req: string, ...rest: unknown[]) {
    return req === 'vscode' ? any : load.call(this, req, ...rest);
  };
  try {
    const late = lazyCommands({ asAbsolutePath: (p: string) => join(root, p) } as never);
    assert.equal(typeof late.runImportCommand, 'function');
    assert.equal(typeof late.openConfig, 'function');
  } finally {
    (Module as unknown as { _load: typeof load })._load = load;
  }
});
