// The `postmortem` command as installed (dist/cli.js): loads the CLI bundle (dist/cli-main.js)
// with the V8 code cache the build made for it (dist/cli-main.cache, see scripts/build.mjs), so
// a run does not parse and compile the 1 MB bundle again (about 40 ms of CPU per run). A cache
// that does not fit (another Node version, other V8 flags, a bundle built since) is rejected by
// V8, which then compiles the bundle as `require` would; without the file, the same.
import { readFileSync } from 'node:fs';
import { wrap } from 'node:module';
import { join } from 'node:path';
import { Script } from 'node:vm';

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
