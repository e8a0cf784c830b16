// The installed `postmortem` (dist/cli.js) loads the bundle with the code cache the build made
// (server/src/cli-loader.ts, scripts/build.mjs): the cache must fit the bundle, or every run
// compiles it again and the cache is only weight.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { ROOT, ensureCliBuilt } from '../helpers/cli';

before(ensureCliBuilt);

test('the build leaves a code cache that V8 accepts for the CLI bundle', () => {
  const check = `
const { readFileSync } = require('node:fs');
const { wrap } = require('node:module');
const { Script } = require('node:vm');
const file = ${JSON.stringify(join(ROOT, 'dist', 'cli-main.js'))};
const script = new Script(wrap(readFileSync(file, 'utf8')), { filename: file, cachedData: readFileSync(${JSON.stringify(join(ROOT, 'dist', 'cli-main.cache'))}) });
process.stdout.write(String(script.cachedDataRejected));`;
  assert.equal(execFileSync(process.execPath, ['-e', check], { encoding: 'utf8' }), 'false');
});
