// Builds what the end-to-end suites and `npm start` need:
//   - the packaged extension (.vsix, via @vscode/vsce) from a fresh `npm run build`;
//   - the in-host mocha suite bundled as CommonJS to out/test/index.js (it runs inside the VS Code
//     extension host, which loads it with require()).
//
//   node scripts/e2e-package.mjs [vsix] [suite]     (both when no argument)
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const IN_HOST_ENTRY = join(ROOT, 'out', 'test', 'index.js');

// Used only when the project has no .vscodeignore of its own: ship the bundles and the assets,
// never sources, tests, local VS Code installs or results.
const FALLBACK_IGNORE = `**
!package.json
!README.md
!CHANGELOG.md
!LICENSE*
!dist/client.js
!dist/server.js
!dist/cli.js
!docs/rules/**
!docs/screenshot.png
!snippets/**
!syntaxes/*.json
!images/**
!l10n/**
!package.nls*.json
!examples/sample-postmortem.md
`;

function run(cmd, args, opts = {}) {
  const r = spawnSync(cmd, args, { cwd: ROOT, stdio: ['ignore', 'inherit', 'inherit'], ...opts });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed (exit ${r.status})`);
  return r;
}

export function buildProject() {
  run('npm', ['run', '--silent', 'build']);
}

/** Packages the extension; returns the path of the .vsix. Expects a fresh build in dist/. */
export function packageExtension() {
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
  const out = join(ROOT, `${pkg.name}-${pkg.version}.vsix`);
  rmSync(out, { force: true });
  const args = ['vsce', 'package', '--no-dependencies', '--allow-missing-repository', '--skip-license', '--no-rewrite-relative-links', '--out', out];
  if (!existsSync(join(ROOT, '.vscodeignore'))) {
    const ignore = join(ROOT, '.vscode-test', 'vscodeignore');
    mkdirSync(dirname(ignore), { recursive: true });
    writeFileSync(ignore, FALLBACK_IGNORE);
    args.push('--ignoreFile', ignore);
  }
  const r = spawnSync('npx', ['--no-install', ...args], { cwd: ROOT, encoding: 'utf8', input: 'n\n' });
  if (r.status !== 0 || !existsSync(out)) {
    throw new Error(`vsce package failed (exit ${r.status}):\n${r.stdout}\n${r.stderr}`);
  }
  // A package that carries a local VS Code or node_modules is a broken package.
  const list = spawnSync('unzip', ['-Z1', out], { encoding: 'utf8' });
  if (list.status === 0) {
    const bad = list.stdout.split('\n').filter((f) => /^extension\/(\.vscode-test|node_modules|test-results|server\/src|client\/src)\//.test(f));
    if (bad.length) throw new Error(`the .vsix holds files it must not ship: ${bad.slice(0, 5).join(', ')}`);
    for (const need of ['extension/package.json', 'extension/dist/client.js', 'extension/dist/server.js']) {
      if (!list.stdout.split('\n').includes(need)) throw new Error(`the .vsix lacks ${need}`);
    }
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
