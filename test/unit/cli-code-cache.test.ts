// The installed `postmortem` (dist/cli.js) loads the bundle with the code cache the build made
// (server/src/cli-loader.ts, scripts/build.mjs): the cache must fit the bundle, or every run
// compiles it again and the cache is only weight.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { ROOT, ensureCliBuilt } from '../helpers/cli';
import V8_FLAGS from '../../server/src/cli-v8-flags.json';

before(ensureCliBuilt);

test('the build leaves a code cache that V8 accepts for the CLI bundle, under the V8 flags of `lint`', () => {
  const check = `
require('node:v8').setFlagsFromString(${JSON.stringify(V8_FLAGS.lint)});
const { readFileSync } = require('node:fs');
const { wrap } = require('node:module');
const { Script } = require('node:vm');
const file = ${JSON.stringify(join(ROOT, 'dist', 'cli-main.js'))};
const script = new Script(wrap(readFileSync(file, 'utf8')), { filename: file, cachedData: readFileSync(${JSON.stringify(join(ROOT, 'dist', 'cli-main.cache'))}) });
process.stdout.write(String(script.cachedDataRejected));`;
  assert.equal(execFileSync(process.execPath, ['-e', check], { encoding: 'utf8' }), 'false');
});

test('the entry and the bundle run alone give the same findings (the flags and the cache change only the speed)', () => {
  const args = ['lint', '--format', 'json', '--today', '2026-12-03', 'examples', 'test/fixtures'];
  const viaEntry = spawnSync(process.execPath, [join(ROOT, 'dist', 'cli.js'), ...args], { cwd: ROOT, encoding: 'utf8' });
  const bundleAlone = spawnSync(process.execPath, [join(ROOT, 'dist', 'cli-main.js'), ...args], { cwd: ROOT, encoding: 'utf8' });
  assert.ok(viaEntry.stdout.length > 1000);
  assert.deepEqual([viaEntry.status, viaEntry.stdout, viaEntry.stderr], [bundleAlone.status, bundleAlone.stdout, bundleAlone.stderr]);
});
