// The `postmortem` command as installed (dist/cli.js): loads the CLI bundle (dist/cli-main.js)
// with the V8 code cache the build made for it (dist/cli-main.cache, see scripts/build.mjs), so
// a run does not parse and compile the 1 MB bundle again (about 40 ms of CPU per run). A cache
// that does not fit (another Node version, other V8 flags, a bundle built since) is rejected by
// V8, which then compiles the bundle as `require` would; without the file, the same.
import { readFileSync } from 'node:fs';
import { wrap } from 'node:module';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { Script } from 'node:vm';
import V8_FLAGS from './cli-v8-flags.json';

// `lint` is a short run of many different functions, mostly regular expressions, each over a few
// thousand short texts: V8's optimizing compiler spent more on them than it saved (a folder of
// 1,000 reports took 30 % less CPU with it asked 16 times later, the 50,000-row report 8 % less;
// docs/performance.md). Set before the bundle is compiled; the build makes the code cache under
// the same flag, as V8 only accepts a cache made under the flags in use.
if (process.argv.slice(2).find((a) => !a.startsWith('-')) === 'lint') setFlagsFromString(V8_FLAGS.lint);

const file = join(__dirname, 'cli-main.js');
let cachedData: Buffer | undefined;
try {
  cachedData = readFileSync(join(__dirname, 'cli-main.cache'));
} catch {
  // No cache: compiled as usual.
}
const script = new Script(wrap(readFileSync(file, 'utf8')), { filename: file, cachedData });
// The bundle needs no package (esbuild put them in it), only Node's own modules.
const bundle = { exports: {} as { run(argv: string[]): Promise<number> } };
script.runInThisContext()(bundle.exports, require, bundle, file, __dirname);
bundle.exports.run(process.argv.slice(2)).then((c) => {
  process.exitCode = c;
});
