// The CLI as a team adds it to its own repository: `npm run pack:cli` makes the tarball, which is
// installed into a fresh project with no network and an empty npm cache, and run with npx both ways
// the README gives (`npm install --save-dev` then `npx postmortem lint`; `npx --package`).
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { builtinModules } from 'node:module';
import { ROOT as root, freshProject, npm, packCliPackage, repoCliRows, type Packed } from '../helpers/cli-package';

let packed: Packed;

before(async () => {
  packed = await packCliPackage();
});

const expectedRows = (cwd: string) => repoCliRows(['docs/incidents'], cwd);

test('the tarball holds the bundle, the rule pages, README and LICENSE; package.json has bin, files, engines, license and no dependencies or install scripts', () => {
  const pkg = JSON.parse(readFileSync(join(packed.packageDir, 'package.json'), 'utf8'));
  const rootPkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  assert.equal(pkg.name, 'postmortem-lint');
  assert.notEqual(pkg.name, 'postmortem', 'not the unrelated npm package');
  assert.equal(pkg.version, rootPkg.version);
  assert.deepEqual(pkg.bin, { postmortem: 'dist/cli.js' });
  assert.equal(pkg.license, 'MIT');
  assert.equal(pkg.engines.node, rootPkg.engines.node);
  assert.deepEqual(pkg.repository, rootPkg.repository);
  assert.equal(pkg.dependencies, undefined);
  assert.equal(pkg.scripts, undefined, 'nothing runs on install');
  const rules = packed.files.filter((f) => f.startsWith('docs/rules/'));
  assert.ok(rules.length >= 20);
  assert.deepEqual(packed.files.filter((f) => !f.startsWith('docs/rules/')), ['LICENSE', 'README.md', 'dist/cli.js', 'package.json']);
  assert.ok(packed.tarball.endsWith(`postmortem-lint-${pkg.version}.tgz`));
  // The bundle is minified and carries its dependencies: no require() of a package.
  const bundle = readFileSync(join(packed.packageDir, 'dist', 'cli.js'), 'utf8');
  assert.ok(bundle.startsWith('#!/usr/bin/env node\n'));
  const required = [...bundle.matchAll(/require\("([^"]+)"\)/g)].map((m) => m[1]).filter((m) => !m.startsWith('node:'));
  const builtins = new Set(builtinModules);
  assert.deepEqual(required.filter((m) => !builtins.has(m)), []);
  // The README says how to install it.
  const readme = readFileSync(join(packed.packageDir, 'README.md'), 'utf8');
  assert.match(readme, /npm install --save-dev postmortem-lint\nnpx postmortem lint/);
  assert.match(readme, /npx --package postmortem-lint postmortem lint/);
});

test('npm install --save-dev <tarball> with no network, then npx postmortem lint: the findings and exit code of the repository CLI', () => {
  const { dir, cache } = freshProject();
  const install = npm('npm', ['install', '--save-dev', packed.tarball], dir, cache);
  assert.equal(install.code, 0, install.stdout + install.stderr);
  const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
  assert.ok(manifest.devDependencies['postmortem-lint'], JSON.stringify(manifest));
  assert.ok(existsSync(join(dir, 'node_modules', '.bin', 'postmortem')));

  const text = npm('npx', ['postmortem', 'lint'], dir, cache);
  assert.equal(text.code, 1, text.stderr);
  assert.match(text.stdout, /^docs\/incidents\/2025-02-09-checkout\.md:38:3 error duplicate-action-id /m);
  assert.doesNotMatch(text.stdout, /README\.md/);
  const expected = expectedRows(dir);
  assert.match(text.stdout, new RegExp(`✖ ${expected.length} problems \\(1 error, \\d+ warnings, \\d+ infos\\) in 1 file\\n$`));

  const json = npm('npx', ['postmortem', 'lint', '--format', 'json', 'docs/incidents'], dir, cache);
  assert.deepEqual(
    (JSON.parse(json.stdout) as { rule: string; line: number; severity: string }[]).map((r) => [r.rule, r.line, r.severity]),
    expected.map((r) => [r.rule, r.line, r.severity]),
  );
  // SARIF help comes from the rule pages inside the installed package.
  const sarif = JSON.parse(npm('npx', ['postmortem', 'lint', '--format', 'sarif'], dir, cache).stdout);
  const rule = sarif.runs[0].tool.driver.rules.find((r: { id: string }) => r.id === 'missing-owner');
  assert.match(rule.help.markdown, /^# missing-owner\n/);
  // Gating on warnings works from the installed package too.
  assert.equal(npm('npx', ['postmortem', 'lint', '--quiet', '--max-warnings', '0', 'docs/incidents'], dir, cache).code, 1);
  const version = npm('npx', ['postmortem', '--version'], dir, cache);
  assert.equal(version.stdout.trim(), JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).version);
});

test('npx --package <tarball> postmortem lint, in a project that does not install it, with no network', () => {
  const { dir, cache } = freshProject();
  const r = npm('npx', ['--package', packed.tarball, 'postmortem', 'lint', 'docs/incidents/2025-02-09-checkout.md'], dir, cache);
  assert.equal(r.code, 1, r.stderr);
  assert.equal(r.stdout.trimEnd().split('\n').length, expectedRows(dir).length + 1);
  assert.match(r.stdout, /:38:3 error duplicate-action-id /);
  assert.ok(!existsSync(join(dir, 'node_modules')), 'nothing installed into the project');
  const clean = npm('npx', ['--package', packed.tarball, 'postmortem', 'lint', 'README.md', '--quiet'], dir, cache);
  assert.equal(clean.code, 0, clean.stdout + clean.stderr);
});
