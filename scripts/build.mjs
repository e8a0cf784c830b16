// Bundles the client, the language server and the CLI into dist/ (CommonJS, Node 20).
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { build } from 'esbuild';

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: true,
  minify: process.argv.includes('--minify'),
  logLevel: 'warning',
};

// commander loads node:child_process when it is loaded, for subcommands that are programs of
// their own (`git-foo` style), which this CLI never declares; with it come net, dgram and their
// helpers, which every run of the CLI loaded for nothing. In the CLI's bundle it is loaded by its
// first use instead. The build fails if commander's line changes, so this cannot silently go stale.
const CHILD_PROCESS_LINE = "const childProcess = require('node:child_process');";
const lazyChildProcess = {
  name: 'lazy-child-process',
  setup(b) {
    b.onLoad({ filter: /[\\/]commander[\\/]lib[\\/]command\.js$/ }, ({ path }) => {
      const src = readFileSync(path, 'utf8');
      if (!src.includes(CHILD_PROCESS_LINE)) throw new Error(`${path}: no "${CHILD_PROCESS_LINE}" line to make lazy (commander changed; see scripts/build.mjs)`);
      const lazy = "const childProcess = { spawn: (...args) => require('node:child_process').spawn(...args) };";
      return { contents: src.replace(CHILD_PROCESS_LINE, lazy), loader: 'js' };
    });
  },
};

await Promise.all([
  build({ ...common, entryPoints: ['client/src/extension.ts'], outfile: 'dist/client.js', external: ['vscode'] }),
  // The commands the extension loads on their first run (client/src/lazy.ts), not at activation.
  build({ ...common, entryPoints: ['client/src/lazy-commands.ts'], outfile: 'dist/client-commands.js', external: ['vscode'] }),
  build({ ...common, entryPoints: ['server/src/server.ts'], outfile: 'dist/server.js', banner: { js: '#!/usr/bin/env node' } }),
  // The CLI: the bundle, and the small entry that loads it with its code cache (below).
  build({ ...common, entryPoints: ['server/src/cli.ts'], outfile: 'dist/cli-main.js', plugins: [lazyChildProcess] }),
  build({ ...common, entryPoints: ['server/src/cli-loader.ts'], outfile: 'dist/cli.js', banner: { js: '#!/usr/bin/env node' } }),
]);

// The CLI bundle's V8 code cache (dist/cli-main.cache, read by server/src/cli-loader.ts): the
// bundle is compiled as the entry compiles it for `lint` (under the same V8 flags) and checks the
// examples, so the cache holds the functions a check runs, not only the top level. It fits the
// Node that ran the build; another Node, or another command, rejects it and compiles the bundle.
const v8Flags = JSON.parse(readFileSync('server/src/cli-v8-flags.json', 'utf8'));
execFileSync(process.execPath, ['-e', `
require('node:v8').setFlagsFromString(${JSON.stringify(v8Flags.lint)});
const { readFileSync, writeFileSync } = require('node:fs');
const { wrap } = require('node:module');
const { Script } = require('node:vm');
const file = ${JSON.stringify(resolve('dist/cli-main.js'))};
const script = new Script(wrap(readFileSync(file, 'utf8')), { filename: file });
const bundle = { exports: {} };
script.runInThisContext()(bundle.exports, require, bundle, file, ${JSON.stringify(resolve('dist'))});
const quiet = { write: () => true };
const io = { stdout: quiet, stderr: quiet, cwd: process.cwd() };
bundle.exports
  .run(['lint', 'examples/sample-postmortem.md', 'examples/sample-postmortem.ja.md'], io)
  .then(() => bundle.exports.run(['lint', '--format', 'json', 'examples'], io))
  .then(() => writeFileSync(${JSON.stringify(resolve('dist/cli-main.cache'))}, script.createCachedData()));
`]);
