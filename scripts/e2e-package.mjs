// Builds what the end-to-end suites and `npm start` need:
//   - the packaged extension (.vsix, via @vscode/vsce) from a fresh `npm run build`;
//   - the in-host mocha suite bundled as CommonJS to out/test/index.js (it runs inside the VS Code
//     extension host, which loads it with require()).
//
//   node scripts/e2e-package.mjs [vsix] [suite]     (both when no argument)
import { spawnSync } from 'node:child_process';
import { cpSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { defaultVsixPath, packVsix } from './package.mjs';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const IN_HOST_ENTRY = join(ROOT, 'out', 'test', 'index.js');

function run(cmd, args, opts = {}) {
  const r = spawnSync(cmd, args, { cwd: ROOT, stdio: ['ignore', 'inherit', 'inherit'], ...opts });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed (exit ${r.status})`);
  return r;
}

export function buildProject() {
  run('npm', ['run', '--silent', 'build']);
}

/**
 * Packages the extension (scripts/package.mjs, the same package as `npm run package`); returns the
 * path of the .vsix. Expects a fresh build in dist/. The README keeps its relative links, which
 * point into the package: the local VS Code has no network.
 */
export function packageExtension() {
  const out = defaultVsixPath();
  const files = packVsix(out, { rewriteLinks: false });
  for (const need of ['extension/package.json', 'extension/dist/client.js', 'extension/dist/server.js']) {
    if (!files.includes(need)) throw new Error(`the .vsix lacks ${need}`);
  }
  return out;
}

/**
 * The workspace the in-host suite and the UI scenarios open: copies of the example report, the
 * rule fixtures and the end-to-end fixtures, so edits never touch the repository.
 */
export function prepareWorkspace(dir, settings = {}) {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(join(dir, '.vscode'), { recursive: true });
  cpSync(join(ROOT, 'examples', 'sample-postmortem.md'), join(dir, 'sample-postmortem.md'));
  cpSync(join(ROOT, 'test', 'fixtures'), join(dir, 'fixtures'), { recursive: true });
  cpSync(join(ROOT, 'test', 'e2e', 'fixtures'), join(dir, 'e2e'), { recursive: true });
  writeFileSync(join(dir, '.vscode', 'settings.json'), JSON.stringify(settings, null, 2));
  // "Today" is pinned for the whole workspace, as for the unit fixture test, so date rules
  // (overdue-action, missing-follow-up) give the same findings whatever the clock says.
  cpSync(join(ROOT, 'test', 'helpers', 'fixture-config.json'), join(dir, '.postmortemrc.json'));
  return dir;
}

/** Bundles the in-host mocha suite to out/test/index.js. */
export async function bundleInHostTests() {
  await build({
    entryPoints: [join(ROOT, 'test', 'e2e', 'suite', 'index.ts')],
    outfile: IN_HOST_ENTRY,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    sourcemap: 'inline',
    external: ['vscode', 'mocha'],
    logLevel: 'warning',
  });
  return IN_HOST_ENTRY;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const what = process.argv.slice(2);
  const all = what.length === 0;
  if (all || what.includes('vsix')) {
    buildProject();
    console.log(packageExtension());
  }
  if (all || what.includes('suite')) {
    bundleInHostTests().then(
      (p) => console.log(p),
      (e) => {
        console.error(e);
        process.exit(1);
      },
    );
  }
}
