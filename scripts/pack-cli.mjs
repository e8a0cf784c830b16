// Builds the CLI as its own npm package and packs it:
//   out/cli-package/        package.json (bin `postmortem`), dist/cli.js, docs/rules/, README.md, LICENSE
//   out/<name>-<version>.tgz
//
//   npm run pack:cli              (prints the tarball's path and size)
//
// The bundle carries every dependency (esbuild inlines them), so the package has none and
// installs from the tarball without network. Name, version, license, engines and repository come
// from the root package.json; the README is packages/cli/README.md. Nothing here runs on
// `npm install`: the package is built only when this script is run (see docs/publishing.md).
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** The CLI package's package.json, from the root one. */
export function cliPackageJson(root) {
  const pkg = {
    name: root.name,
    version: root.version,
    description:
      'Lints blameless incident post-mortems written in Markdown: action items without an owner or a deadline, vague actions, blameful language, timelines out of order, missing sections. Text, JSON, SARIF, GitHub annotations and GitLab Code Quality output for CI.',
    keywords: ['postmortem', 'post-mortem', 'incident', 'sre', 'markdown', 'lint', 'linter', 'blameless', 'sarif', 'cli'],
    license: root.license,
    bin: { postmortem: 'dist/cli.js' },
    files: ['dist/cli.js', 'docs/rules/*.md'],
    engines: { node: root.engines.node },
  };
  if (root.repository) pkg.repository = root.repository;
  if (root.homepage) pkg.homepage = root.homepage;
  if (root.bugs) pkg.bugs = root.bugs;
  return pkg;
}

/** Builds out/cli-package/ and packs it to out/ (or under `outDir`, as the tests do, so that runs do not share files). */
export async function packCli({ quiet = false, outDir = join(ROOT, 'out') } = {}) {
  const PACKAGE_DIR = join(outDir, 'cli-package');
  const root = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
  rmSync(PACKAGE_DIR, { recursive: true, force: true });
  mkdirSync(join(PACKAGE_DIR, 'dist'), { recursive: true });
  // The same bundle as scripts/build.mjs makes for dist/cli-main.js, minified and without a source
  // map; here it is the bin itself. The repository's dist/cli.js loads it with a code cache, which
  // fits only the Node that built it, so the package, installed under any Node, goes without.
  await build({
    entryPoints: [join(ROOT, 'server', 'src', 'cli.ts')],
    outfile: join(PACKAGE_DIR, 'dist', 'cli.js'),
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    minify: true,
    legalComments: 'eof',
    banner: { js: '#!/usr/bin/env node' },
    logLevel: 'warning',
  });
  // SARIF help and the README's links read the rule pages beside dist/.
  mkdirSync(join(PACKAGE_DIR, 'docs', 'rules'), { recursive: true });
  for (const f of readdirSync(join(ROOT, 'docs', 'rules'))) if (f.endsWith('.md')) cpSync(join(ROOT, 'docs', 'rules', f), join(PACKAGE_DIR, 'docs', 'rules', f));
  cpSync(join(ROOT, 'packages', 'cli', 'README.md'), join(PACKAGE_DIR, 'README.md'));
  cpSync(join(ROOT, 'LICENSE'), join(PACKAGE_DIR, 'LICENSE'));
  writeFileSync(join(PACKAGE_DIR, 'package.json'), JSON.stringify(cliPackageJson(root), null, 2) + '\n');
  const r = spawnSync('npm', ['pack', '--json', '--pack-destination', outDir], { cwd: PACKAGE_DIR, encoding: 'utf8', shell: process.platform === 'win32' });
  if (r.status !== 0) throw new Error(`npm pack failed: ${r.stderr}`);
  const [info] = JSON.parse(r.stdout);
  const tarball = join(outDir, info.filename);
  const result = { tarball, packageDir: PACKAGE_DIR, size: statSync(tarball).size, unpackedSize: info.unpackedSize, files: info.files.map((f) => f.path).sort() };
  if (!quiet) console.log(`${tarball}\n${result.files.length} files, ${(result.size / 1024).toFixed(0)} KB packed, ${(result.unpackedSize / 1024).toFixed(0)} KB unpacked`);
  return result;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await packCli();
