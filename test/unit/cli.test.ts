// The CLI as users run it: the built bin as a child process.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync, execFileSync } from 'node:child_process';
import { chmodSync, cpSync, mkdtempSync, mkdirSync, readFileSync, readdirSync, statSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = join(__dirname, '..', '..');
const cli = join(root, 'dist', 'cli.js');
const sample = join(root, 'examples', 'sample-postmortem.md');

before(() => {
  if (!existsSync(cli)) execFileSync(process.execPath, [join(root, 'scripts', 'build.mjs')], { cwd: root });
});

function run(args: string[], cwd = root) {
  const r = spawnSync(process.execPath, [cli, ...args], { cwd, encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const clean = `# Post-mortem: Search index lag

**Date**: 2025-05-02
**Duration**: 35m
**Severity**: SEV-3
**Authors**: @search-team

## Summary

Search results lagged behind catalogue updates by up to 35 minutes.

## Impact

Product updates took up to 35 minutes to appear in search.

## Timeline (all times UTC)

| Time | Event | Source | Actor |
| --- | --- | --- | --- |
| 09:00 | Indexer lag alert fires | Alertmanager | - |
| 09:35 | Lag back under 1 minute | Grafana | - |

## Contributing Factors

- The indexer ran with one worker after a config change.
- The lag alert waited 15 minutes before firing.

## Action Items

| ID | Action | Owner | Deadline | Priority |
| --- | --- | --- | --- | --- |
| AI-1 | Alert when indexer lag exceeds 5 minutes for 3 minutes | @search-team | 2025-05-20 | P2 |

## Lessons Learned

- Worker count belongs in the service's config validation.
`;

function workspace(): string {
  const dir = mkdtempSync(join(tmpdir(), 'pm-cli-'));
  mkdirSync(join(dir, 'postmortems'));
  cpSync(sample, join(dir, 'postmortems', '2025-02-09-checkout.md'));
  writeFileSync(join(dir, 'postmortems', '2025-05-02-search.md'), clean);
  writeFileSync(join(dir, 'README.md'), '# Readme\n\n| ID | Action | Owner |\n| - | - | - |\n| 1 | x | |\n');
  return dir;
}

test('text output lists findings with 1-based positions; exit 1 when an error is found', () => {
  const r = run(['lint', sample]);
  assert.equal(r.code, 1, r.stderr);
  assert.match(r.stdout, /sample-postmortem\.md:38:3 error duplicate-action-id /);
  assert.match(r.stdout, /sample-postmortem\.md:23:3 warning timeline-order /);
  assert.match(r.stdout, /\d+ findings in 1 file\n$/);
});

test('exit 0 on a clean report', () => {
  const dir = workspace();
  const r = run(['lint', 'postmortems/2025-05-02-search.md'], dir);
  assert.equal(r.code, 0, r.stdout + r.stderr);
  assert.match(r.stdout, /1 file checked, no findings/);
});

test('json output: one array of {file,line,column,endLine,endColumn,rule,severity,message}', () => {
  const r = run(['lint', '--format', 'json', sample]);
  assert.equal(r.code, 1);
  const rows = JSON.parse(r.stdout) as Record<string, unknown>[];
  assert.ok(rows.length >= 5);
  for (const row of rows) assert.deepEqual(Object.keys(row), ['file', 'line', 'column', 'endLine', 'endColumn', 'rule', 'severity', 'message']);
  const dup = rows.find((x) => x.rule === 'duplicate-action-id')!;
  assert.deepEqual([dup.file, dup.line, dup.column, dup.endLine, dup.endColumn, dup.severity], ['examples/sample-postmortem.md', 38, 3, 38, 7, 'error']);
});

test('sarif output is SARIF 2.1.0 with rules, results and regions', () => {
  const r = run(['lint', '--format', 'sarif', sample]);
  assert.equal(r.code, 1);
  const log = JSON.parse(r.stdout);
  assert.equal(log.version, '2.1.0');
  const run0 = log.runs[0];
  assert.equal(run0.tool.driver.name, 'postmortem');
  assert.ok(run0.tool.driver.rules.some((x: { id: string }) => x.id === 'timeline-order'));
  const res = run0.results.find((x: { ruleId: string }) => x.ruleId === 'duplicate-action-id');
  assert.equal(res.level, 'error');
  assert.equal(res.locations[0].physicalLocation.artifactLocation.uri, 'examples/sample-postmortem.md');
  assert.deepEqual(res.locations[0].physicalLocation.region, { startLine: 38, startColumn: 3, endLine: 38, endColumn: 7 });
});

test('a folder gives its post-mortems only; a file named explicitly is always checked', () => {
  const dir = workspace();
  const all = JSON.parse(run(['lint', '--format', 'json', '.'], dir).stdout) as { file: string }[];
  const files = new Set(all.map((x) => x.file));
  assert.ok(files.has('postmortems/2025-02-09-checkout.md'));
  assert.ok(!files.has('README.md'));
  const named = JSON.parse(run(['lint', '--format', 'json', 'README.md'], dir).stdout) as { file: string; rule: string }[];
  assert.ok(named.some((x) => x.file === 'README.md' && x.rule === 'missing-owner'));
});

test('globs are expanded and filtered like folders', () => {
  const dir = workspace();
  const r = run(['lint', '--format', 'json', 'postmortems/*-checkout.md'], dir);
  const rows = JSON.parse(r.stdout) as { file: string }[];
  assert.ok(rows.length > 0 && rows.every((x) => x.file === 'postmortems/2025-02-09-checkout.md'));
});

test('a .postmortemrc.json found above the file configures rules; --config overrides discovery', () => {
  const dir = workspace();
  writeFileSync(join(dir, '.postmortemrc.json'), JSON.stringify({ rules: { 'duplicate-action-id': 'off', 'timeline-order': 'error' } }));
  const r = run(['lint', '--format', 'json', 'postmortems/2025-02-09-checkout.md'], dir);
  const rows = JSON.parse(r.stdout) as { rule: string; severity: string }[];
  assert.ok(!rows.some((x) => x.rule === 'duplicate-action-id'));
  assert.equal(rows.find((x) => x.rule === 'timeline-order')?.severity, 'error');
  writeFileSync(join(dir, 'other.yaml'), 'rules:\n  timeline-order: off\n');
  const r2 = run(['lint', '--format', 'json', '--config', 'other.yaml', 'postmortems/2025-02-09-checkout.md'], dir);
  const rows2 = JSON.parse(r2.stdout) as { rule: string }[];
  assert.ok(!rows2.some((x) => x.rule === 'timeline-order'));
  assert.ok(rows2.some((x) => x.rule === 'duplicate-action-id'));
});

test('usage and input errors exit 2 with a message on stderr', () => {
  const missing = run(['lint', 'no-such-file.md']);
  assert.equal(missing.code, 2);
  assert.match(missing.stderr, /no such file or folder: no-such-file\.md/);
  const badFormat = run(['lint', '--format', 'xml', sample]);
  assert.equal(badFormat.code, 2);
  assert.match(badFormat.stderr, /xml/);
  const dir = workspace();
  writeFileSync(join(dir, '.postmortemrc.json'), '{ "rules": { "timeline-order": "loud" } }');
  const badConfig = run(['lint', 'postmortems/2025-05-02-search.md'], dir);
  assert.equal(badConfig.code, 2);
  assert.match(badConfig.stderr, /timeline-order.*"loud" is not one of/);
  const unknown = run(['frobnicate']);
  assert.equal(unknown.code, 2);
});

test('--locale ja gives Japanese messages', () => {
  const r = run(['lint', '--locale', 'ja', sample]);
  assert.match(r.stdout, /アクションアイテムID AI-2 は 37 行目ですでに使われています/);
});

test('--fix applies the safe fixes and a second run changes nothing', () => {
  const dir = workspace();
  const file = join(dir, 'postmortems', '2025-02-09-checkout.md');
  run(['lint', '--fix', file], dir);
  const once = readFileSync(file, 'utf8');
  assert.notEqual(once, readFileSync(sample, 'utf8'));
  assert.match(once, /\| AI-3 \| Alert when checkout-api pool wait time/);
  // Timeline sorted: 23:44 now comes before 23:47.
  assert.ok(once.indexOf('| 23:44 |') < once.indexOf('| 23:47 |'));
  run(['lint', '--fix', file], dir);
  assert.equal(readFileSync(file, 'utf8'), once);
});

test('--fix on a read-only file (mode 0444, refused even for root) says so without a stack trace and leaves it untouched', () => {
  const dir = workspace();
  const file = join(dir, 'postmortems', '2025-02-09-checkout.md');
  const before = readFileSync(file);
  chmodSync(file, 0o444);
  const r = run(['lint', '--fix', file], dir);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /cannot write .*2025-02-09-checkout\.md: the file is read-only/);
  assert.doesNotMatch(r.stderr, /\n\s+at /);
  assert.deepEqual(readFileSync(file), before);
  assert.equal(statSync(file).mode & 0o777, 0o444);
  assert.deepEqual(readdirSync(join(dir, 'postmortems')).sort(), ['2025-02-09-checkout.md', '2025-05-02-search.md']);
});

test('import --into replaces the report atomically: mode kept, CRLF kept, no temporary file left', () => {
  const dir = workspace();
  const file = join(dir, 'postmortems', '2025-05-02-search.md');
  writeFileSync(file, clean.replace(/\n/g, '\r\n'));
  chmodSync(file, 0o640);
  const r = run(['import', 'logs', join(root, 'test', 'fixtures-import', 'kubectl-prefix.log'), '--into', file], dir);
  assert.equal(r.code, 0, r.stderr);
  const after = readFileSync(file, 'utf8');
  assert.match(after, /db connection reset/);
  assert.doesNotMatch(after, /[^\r]\n/, 'every line keeps its CRLF');
  assert.equal(statSync(file).mode & 0o777, 0o640);
  assert.deepEqual(readdirSync(join(dir, 'postmortems')).sort(), ['2025-02-09-checkout.md', '2025-05-02-search.md']);
  chmodSync(file, 0o444);
  writeFileSync(join(dir, 'more.log'), '2025-07-15T00:10:00Z ERROR cache eviction storm\n');
  const ro = run(['import', 'logs', join(dir, 'more.log'), '--into', file], dir);
  assert.equal(ro.code, 2);
  assert.match(ro.stderr, /the file is read-only/);
  assert.equal(readFileSync(file, 'utf8'), after);
});
