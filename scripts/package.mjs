// Packages the VS Code extension (.vsix) with @vscode/vsce, and publishes it.
//
//   node scripts/package.mjs                       minified build, then <name>-<version>.vsix
//   node scripts/package.mjs publish marketplace   the same, then `vsce publish` (token: VSCE_PAT)
//   node scripts/package.mjs publish openvsx       the same, then `ovsx publish` (token: OVSX_PAT)
//
// What goes into the package is .vscodeignore's allow-list; test/unit/package.test.ts packs it and
// checks the file list. The package's README is README.extension.md (for users of the extension),
// not the developers' README.md.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const EXTENSION_README = 'README.extension.md';
/** Open VSX's publishing client, run with npx at this exact version. */
export const OVSX = 'ovsx@1.4.0';
const VSCE = join(ROOT, 'node_modules', '@vscode', 'vsce', 'vsce');

function manifest() {
  return JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
}

/** The .vsix path `npm run package` writes. */
export function defaultVsixPath() {
  const pkg = manifest();
  return join(ROOT, `${pkg.name}-${pkg.version}.vsix`);
}

/**
 * Packs dist/ (built beforehand) and the assets into a .vsix at `out`; returns its file list.
 * `rewriteLinks: false` keeps the README's relative links pointing into the package (for a local
 * VS Code with no network); the default rewrites them to the repository, as the Marketplace needs.
 */
export function packVsix(out = defaultVsixPath(), { rewriteLinks = true } = {}) {
  rmSync(out, { force: true });
  const args = [VSCE, 'package', '--no-dependencies', '--readme-path', EXTENSION_README, '--out', out];
  if (!rewriteLinks) args.push('--no-rewrite-relative-links');
  const r = spawnSync(process.execPath, args, { cwd: ROOT, encoding: 'utf8', input: 'n\n' });
  if (r.status !== 0 || !existsSync(out)) throw new Error(`vsce package failed (exit ${r.status}):\n${r.stdout}\n${r.stderr}`);
  return vsixFiles(out);
}

/** The entries of a .vsix (a zip), in archive order. */
export function vsixFiles(vsix) {
  const list = spawnSync('unzip', ['-Z1', vsix], { encoding: 'utf8' });
  if (list.status !== 0) throw new Error(`unzip -Z1 ${vsix} failed: ${list.stderr}`);
  return list.stdout.split('\n').filter(Boolean);
}

function run(cmd, args) {
  const r = spawnSync(cmd, args, { cwd: ROOT, stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const [what, where] = process.argv.slice(2);
  if (what && what !== 'publish') {
    console.error('usage: node scripts/package.mjs [publish marketplace|openvsx]');
    process.exit(2);
  }
  if (what === 'publish' && where !== 'marketplace' && where !== 'openvsx') {
    console.error('usage: node scripts/package.mjs publish marketplace|openvsx');
    process.exit(2);
  }
  run(process.execPath, [join(ROOT, 'scripts', 'build.mjs'), '--minify']);
  const out = defaultVsixPath();
  const files = packVsix(out);
  console.log(`${out}: ${files.length} entries, ${(statSync(out).size / 1024).toFixed(0)} KB`);
  if (where === 'marketplace') run(process.execPath, [VSCE, 'publish', '--packagePath', out]);
  if (where === 'openvsx') run('npx', ['--yes', OVSX, 'publish', out]);
}
