// The CI integrations, run as their hosts run them, from the packed CLI with no network: the
// GitHub Action's script (action.yml -> action/run.mjs), the pre-commit hook
// (.pre-commit-hooks.yaml, and the root package pre-commit installs it from), and the GitLab and
// pre-commit examples of docs/ci.md.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { ROOT, freshProject, npm, offlineNpmEnv, packCliPackage, repoCliRows, type Packed } from '../helpers/cli-package';

const version = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).version as string;
let packed: Packed;

before(async () => {
  packed = await packCliPackage();
});

/** The YAML block after `<!-- ci-example: name ... -->` in docs/ci.md. */
function ciExample(name: string): { text: string; value: unknown } {
  const doc = readFileSync(join(ROOT, 'docs', 'ci.md'), 'utf8');
  const m = new RegExp(`<!-- ci-example: ${name} [^>]*-->\\n\`\`\`yaml\\n([\\s\\S]*?)\`\`\``).exec(doc);
  assert.ok(m, `docs/ci.md has the ${name} example`);
  return { text: m[1], value: parse(m[1]) };
}

// --- GitHub Action --------------------------------------------------------------------------

interface Step {
  id?: string;
  name?: string;
  if?: string;
  uses?: string;
  run?: string;
  shell?: string;
  env?: Record<string, string>;
  with?: Record<string, string>;
}

test('action.yml is a composite action whose steps lint, then upload the SARIF report to code scanning', () => {
  const action = parse(readFileSync(join(ROOT, 'action.yml'), 'utf8'));
  assert.ok(action.name && action.description);
  assert.equal(action.runs.using, 'composite');
  for (const [name, def] of Object.entries(action.inputs as Record<string, { description: string; default?: string }>)) {
    assert.ok(def.description, `input ${name} is described`);
    assert.equal(typeof def.default, 'string', `input ${name} has a string default`);
  }
  assert.equal(action.inputs.package.default, `postmortem-lint@${version}`, 'the action runs the version it ships with');
  const steps = action.runs.steps as Step[];
  const lint = steps.find((s) => s.id === 'lint')!;
  assert.equal(lint.shell, 'bash', 'a composite run step names its shell');
  assert.equal(lint.run, 'node "$GITHUB_ACTION_PATH/action/run.mjs"');
  // Every input the script reads is passed, from the input of the same name; no input is spliced into a command.
  const script = readFileSync(join(ROOT, 'action', 'run.mjs'), 'utf8');
  const read = [...script.matchAll(/input\('([A-Z_]+)'/g)].map((m) => m[1]);
  assert.ok(read.length >= 6);
  for (const name of new Set(read)) {
    const input = name.toLowerCase().replace(/_/g, '-');
    assert.ok(action.inputs[input], `input ${input} exists`);
    assert.equal(lint.env![`INPUT_${name}`], `\${{ inputs.${input} }}`);
  }
  for (const s of steps) assert.doesNotMatch(s.run ?? '', /\$\{\{/, 'no expression inside a run script');
  const upload = steps.find((s) => s.uses?.startsWith('github/codeql-action/upload-sarif@'))!;
  assert.ok(upload, 'uploads with github/codeql-action/upload-sarif');
  assert.ok(steps.indexOf(upload) > steps.indexOf(lint));
  assert.equal(upload.with!.sarif_file, '${{ steps.lint.outputs.sarif-file }}');
  assert.match(upload.if!, /!cancelled\(\)/, 'uploads even when the lint step failed on findings');
  assert.match(upload.if!, /inputs\.upload-sarif == 'true'/);
  assert.equal(action.outputs['exit-code'].value, '${{ steps.lint.outputs.exit-code }}');
});

function runAction(cwd: string, cache: string, inputs: Record<string, string>) {
  const out = mkdtempSync(join(tmpdir(), 'pm-gh-'));
  const env = offlineNpmEnv(cache, { GITHUB_ACTION_PATH: ROOT, GITHUB_OUTPUT: join(out, 'output'), GITHUB_STEP_SUMMARY: join(out, 'summary'), INPUT_PACKAGE: packed.tarball });
  const action = parse(readFileSync(join(ROOT, 'action.yml'), 'utf8'));
  // The defaults of action.yml, then the workflow's `with:`.
  for (const [name, def] of Object.entries(action.inputs as Record<string, { default: string }>)) {
    const key = `INPUT_${name.toUpperCase().replace(/-/g, '_')}`;
    if (name !== 'package') env[key] = def.default;
  }
  for (const [k, v] of Object.entries(inputs)) env[`INPUT_${k.toUpperCase().replace(/-/g, '_')}`] = v;
  const r = spawnSync('bash', ['-c', 'node "$GITHUB_ACTION_PATH/action/run.mjs"'], { cwd, env, encoding: 'utf8' });
  const read = (f: string) => (existsSync(join(out, f)) ? readFileSync(join(out, f), 'utf8') : '');
  const outputs = Object.fromEntries(read('output').trim().split('\n').filter(Boolean).map((l) => l.split(/=(.*)/s).slice(0, 2)));
  return { code: r.status, stdout: r.stdout, stderr: r.stderr, outputs, summary: read('summary') };
}

test('the action script annotates the pull request, writes the SARIF report and fails on an error', () => {
  const { dir, cache } = freshProject();
  writeFileSync(join(dir, 'docs', 'notes.md'), '# Notes\n\nNot a post-mortem.\n');
  const r = runAction(dir, cache, { files: 'docs\nREADME.md' });
  assert.equal(r.code, 1, r.stderr);
  const expected = repoCliRows(['docs', 'README.md'], dir);
  const commands = r.stdout.split('\n').filter((l) => l.startsWith('::'));
  assert.equal(commands.length, expected.length);
  assert.match(r.stdout, /^::error file=docs\/incidents\/2025-02-09-checkout\.md,line=38,endLine=38,col=3,endColumn=7,title=postmortem duplicate-action-id::/m);
  assert.match(r.stdout, /^::warning file=README\.md,/m, 'a file named in `files` is checked as named');
  assert.doesNotMatch(r.stdout, /notes\.md/);
  assert.deepEqual(r.outputs, { 'sarif-file': 'postmortem.sarif', 'exit-code': '1' });
  const sarif = JSON.parse(readFileSync(join(dir, 'postmortem.sarif'), 'utf8'));
  assert.equal(sarif.version, '2.1.0');
  assert.equal(sarif.runs[0].results.length, expected.length);
  assert.match(r.summary, /^### Post-mortem lint\n\n✖ \d+ problems \(1 error, \d+ warnings, \d+ infos\) in 2 files\n$/);
});

test('the action script: max-warnings gates on warnings; annotate false prints text; an empty sarif-file writes none', () => {
  const { dir, cache } = freshProject();
  const files = 'README.md';
  const warnings = repoCliRows([files], dir).filter((r) => r.severity === 'warning').length;
  assert.ok(warnings > 0);
  const ok = runAction(dir, cache, { files, 'max-warnings': String(warnings), annotate: 'false', 'sarif-file': '' });
  assert.equal(ok.code, 0, ok.stdout + ok.stderr);
  assert.match(ok.stdout, /^README\.md:\d+:\d+ warning /m);
  assert.doesNotMatch(ok.stdout, /^::/m);
  assert.deepEqual(ok.outputs, { 'sarif-file': '', 'exit-code': '0' });
  assert.ok(!existsSync(join(dir, 'postmortem.sarif')));
  const over = runAction(dir, cache, { files, 'max-warnings': '0' });
  assert.equal(over.code, 1);
  assert.match(over.stderr, /postmortem: too many warnings \(\d+; maximum: 0\)/);
  assert.match(over.summary, /too many warnings/);
  // A bad input is a usage error (exit 2), not a pass.
  const bad = runAction(dir, cache, { files, 'max-warnings': 'many' });
  assert.equal(bad.code, 2);
  assert.equal(bad.outputs['exit-code'], '2');
  // Spaces separate files on one line; a file name is never run as a command.
  const odd = runAction(dir, cache, { files: 'README.md $(touch pwned) ;ls', 'sarif-file': '' });
  assert.equal(odd.code, 2);
  assert.match(odd.stderr, /no such file or folder: ;ls/);
  assert.ok(!existsSync(join(dir, 'pwned')));
});

// --- pre-commit -----------------------------------------------------------------------------

test('.pre-commit-hooks.yaml: a node hook for Markdown files that runs the CLI on the post-mortems among them', () => {
  const hooks = parse(readFileSync(join(ROOT, '.pre-commit-hooks.yaml'), 'utf8')) as { id: string; entry: string; language: string; files: string; name: string }[];
  assert.equal(hooks.length, 1);
  const [hook] = hooks;
  assert.equal(hook.id, 'postmortem-lint');
  assert.equal(hook.language, 'node');
  assert.equal(hook.entry, 'postmortem lint --only-postmortems');
  const files = new RegExp(hook.files);
  for (const f of ['docs/incidents/2025-02-09.md', 'README.md', 'a/b.markdown']) assert.ok(files.test(f), f);
  for (const f of ['notes.txt', 'md', 'docs/x.mdx', 'a.md.bak']) assert.ok(!files.test(f), f);
  // pre-commit installs the hook from this repository: `npm pack` (prepack builds dist/), then
  // `npm install -g` of the tarball, whose bin must be in it and run on its own.
  const root = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
  assert.equal(root.scripts.prepack, 'node scripts/build.mjs');
  assert.equal(root.scripts.prepare, undefined, 'nothing builds on every npm install');
  const bin = root.bin[hook.entry.split(' ')[0]];
  assert.equal(bin, './dist/cli.js');
  const dest = mkdtempSync(join(tmpdir(), 'pm-root-pack-'));
  const pack = spawnSync('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', dest], { cwd: ROOT, env: offlineNpmEnv(join(dest, 'cache')), encoding: 'utf8' });
  assert.equal(pack.status, 0, pack.stderr);
  const listed = (JSON.parse(pack.stdout)[0].files as { path: string }[]).map((f) => f.path);
  assert.ok(['dist/cli.js', 'dist/cli-main.js', 'dist/cli-main.cache', 'docs/rules/missing-owner.md'].every((f) => listed.includes(f)), listed.join(' '));
  assert.ok(!listed.some((f) => /^(server|client|test|node_modules)\//.test(f)), 'no sources in the hook package');
  const tar = spawnSync('tar', ['xzf', join(dest, JSON.parse(pack.stdout)[0].filename), '-C', dest]);
  assert.equal(tar.status, 0);
  // As pre-commit runs a hook: the entry, then the staged files that match `files`.
  const { dir } = freshProject();
  const staged = ['README.md', 'docs/incidents/2025-02-09-checkout.md'].filter((f) => files.test(f));
  const [, ...entryArgs] = hook.entry.split(' ');
  const r = spawnSync(process.execPath, [join(dest, 'package', bin), ...entryArgs, ...staged], { cwd: dir, encoding: 'utf8' });
  assert.equal(r.status, 1, r.stderr);
  assert.match(r.stdout, /^docs\/incidents\/2025-02-09-checkout\.md:38:3 error duplicate-action-id/m);
  assert.doesNotMatch(r.stdout, /README/, 'the README is not a post-mortem');
  assert.equal(r.stdout.trimEnd().split('\n').length, repoCliRows(['docs/incidents'], dir).length + 1);
});

test('docs/ci.md: the pre-commit local hook installs the npm package and runs the same entry', () => {
  const config = ciExample('pre-commit-local').value as { repos: { repo: string; hooks: { id: string; entry: string; language: string; additional_dependencies: string[]; files: string }[] }[] };
  const [hook] = config.repos[0].hooks;
  const manifest = parse(readFileSync(join(ROOT, '.pre-commit-hooks.yaml'), 'utf8'))[0];
  assert.equal(config.repos[0].repo, 'local');
  assert.deepEqual([hook.id, hook.entry, hook.language, hook.files], [manifest.id, manifest.entry, 'node', manifest.files]);
  assert.deepEqual(hook.additional_dependencies, [`postmortem-lint@${version}`]);
  // pre-commit's node environment: `npm install -g` of the additional dependencies into its own prefix.
  const { dir, cache } = freshProject();
  const prefix = join(dir, '..', 'pre-commit-env');
  const install = npm('npm', ['install', '-g', '--prefix', prefix, packed.tarball], dir, cache);
  assert.equal(install.code, 0, install.stderr);
  const [cmd, ...args] = hook.entry.split(' ');
  const r = spawnSync(join(prefix, 'bin', cmd), [...args, 'README.md', 'docs/incidents/2025-02-09-checkout.md'], { cwd: dir, encoding: 'utf8' });
  assert.equal(r.status, 1, r.stderr);
  assert.match(r.stdout, /2025-02-09-checkout\.md:38:3 error duplicate-action-id/);
  assert.doesNotMatch(r.stdout, /README/);
});

test('--only-postmortems: named files are checked when they are post-mortems and not ignored; without it, always', () => {
  const { dir } = freshProject();
  writeFileSync(join(dir, '.postmortemrc.json'), JSON.stringify({ ignore: ['docs/incidents/drafts/**'] }));
  spawnSync('mkdir', ['-p', join(dir, 'docs', 'incidents', 'drafts')]);
  writeFileSync(join(dir, 'docs', 'incidents', 'drafts', 'wip.md'), readFileSync(join(dir, 'docs', 'incidents', '2025-02-09-checkout.md')));
  const named = ['README.md', 'docs/incidents/drafts/wip.md', 'docs/incidents/2025-02-09-checkout.md'];
  const files = (args: string[]) => [...new Set(repoCliRows(args, dir).map((r) => r.file))].sort();
  assert.deepEqual(files(named), ['README.md', 'docs/incidents/2025-02-09-checkout.md', 'docs/incidents/drafts/wip.md']);
  assert.deepEqual(files(['--only-postmortems', ...named]), ['docs/incidents/2025-02-09-checkout.md']);
});

// --- GitLab -----------------------------------------------------------------------------------

test('docs/ci.md: the GitLab job writes the Code Quality report its artifacts name, and fails on an error', () => {
  const job = (ciExample('gitlab').value as Record<string, { script: string[]; artifacts: { when: string; reports: { codequality: string } } }>)['postmortem-lint'];
  const report = job.artifacts.reports.codequality;
  assert.equal(job.artifacts.when, 'always', 'the report is kept when the job fails');
  assert.equal(job.script.length, 1);
  assert.ok(job.script[0].includes(`--package postmortem-lint@${version} postmortem lint --format codequality > ${report}`), job.script[0]);
  const { dir, cache } = freshProject();
  const script = job.script[0].replace(`postmortem-lint@${version}`, packed.tarball);
  const r = spawnSync('bash', ['-c', script], { cwd: dir, env: offlineNpmEnv(cache), encoding: 'utf8' });
  assert.equal(r.status, 1, r.stderr);
  assert.match(r.stderr, /✖ \d+ problems \(1 error/);
  const issues = JSON.parse(readFileSync(join(dir, report), 'utf8')) as { check_name: string; severity: string; location: { path: string; lines: { begin: number } } }[];
  const rows = repoCliRows(['.'], dir);
  assert.equal(issues.length, rows.length);
  assert.ok(issues.some((i) => i.check_name === 'duplicate-action-id' && i.severity === 'major' && i.location.path === 'docs/incidents/2025-02-09-checkout.md' && i.location.lines.begin === 38));
});

test('docs/ci.md: the GitHub workflow checks out, sets up Node and runs this action at the released version with code scanning permission', () => {
  const wf = ciExample('github').value as { permissions: Record<string, string>; jobs: Record<string, { steps: Step[] }> };
  assert.equal(wf.permissions['security-events'], 'write');
  const steps = wf.jobs.lint.steps;
  assert.match(steps[0].uses!, /^actions\/checkout@v\d+$/);
  const ours = steps.find((s) => s.uses?.startsWith('postmortem-tools/postmortem-lint@'))!;
  assert.equal(ours.uses, `postmortem-tools/postmortem-lint@v${version}`);
  const action = parse(readFileSync(join(ROOT, 'action.yml'), 'utf8'));
  for (const key of Object.keys(ours.with ?? {})) assert.ok(action.inputs[key], `the workflow's ${key} is an input of action.yml`);
});
