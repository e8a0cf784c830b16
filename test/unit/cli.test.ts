// The CLI as users run it: the built bin as a child process.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, cpSync, mkdtempSync, mkdirSync, readFileSync, readdirSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT as root, ensureCliBuilt, runCli as run } from '../helpers/cli';

const sample = join(root, 'examples', 'sample-postmortem.md');

before(ensureCliBuilt);

/** A report with no finding on its own dates (one overdue action item once the clock passes 2025-05-20). */
const clean = readFileSync(join(__dirname, '..', 'helpers', 'reports', 'search-index-lag.md'), 'utf8');

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
  assert.match(r.stdout, /\n✖ \d+ problems \(1 error, \d+ warnings, \d+ infos\) in 1 file\n$/);
});

test('exit 0 on a clean report', () => {
  const dir = workspace();
  const r = run(['lint', '--today', '2025-05-10', 'postmortems/2025-05-02-search.md'], dir);
  assert.equal(r.code, 0, r.stdout + r.stderr);
  assert.match(r.stdout, /✔ 1 file checked, 0 problems\n$/);
});

test('--today decides what is overdue; a bad date exits 2', () => {
  const dir = workspace();
  const late = run(['lint', '--today', '2025-06-01', 'postmortems/2025-05-02-search.md'], dir);
  assert.match(late.stdout, /:33:82 warning overdue-action Action item AI-1 was due 2025-05-20 \(12 days ago\)/);
  const bad = run(['lint', '--today', '2025-02-30', 'postmortems/2025-05-02-search.md'], dir);
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, /today: "2025-02-30" is not a date/);
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

test('a report is found by its structure: no post-mortem word in its path or title, with and without arguments and with a quoted glob', () => {
  const dir = workspace();
  mkdirSync(join(dir, 'docs', 'reviews'), { recursive: true });
  const report = 'docs/reviews/2025-03-14-payments-migration.md';
  writeFileSync(join(dir, report), '# Payments migration stalled captures\n\n## Chronology\n\n| Time (UTC) | Event |\n| --- | --- |\n| 10:00 | Captures stall |\n\n## Follow-ups\n\n- Add a capture-lag alert\n');
  writeFileSync(join(dir, 'docs', 'notes.md'), '# Notes\n\n## Timeline\n\nNothing planned yet.\n');
  for (const args of [[], ['.'], ['docs/**/*.md']]) {
    const r = run(['lint', '--format', 'json', '--verbose', ...args], dir);
    const files = new Set((JSON.parse(r.stdout) as { file: string }[]).map((x) => x.file));
    assert.ok(files.has(report), `${args.join(' ')}: ${[...files].join(', ')}`);
    assert.ok(!files.has('docs/notes.md'));
    // --verbose names each file that was skipped, with the reason.
    assert.match(r.stderr, /skipped docs\/notes\.md: no post-mortem word in its path or first heading, and no timeline with action items, contributing factors or a section on the incident/);
    assert.doesNotMatch(r.stderr, /skipped docs\/reviews/);
  }
  assert.doesNotMatch(run(['lint', '--format', 'json', '.'], dir).stderr, /skipped/);
});

test('a report made from the product\'s own template ("# Incident title") is checked', () => {
  const dir = mkdtempSync(join(tmpdir(), 'pm-cli-'));
  const snippets = JSON.parse(readFileSync(join(root, 'snippets', 'postmortem.code-snippets'), 'utf8').replace(/^\s*\/\/.*$/gm, '')) as Record<string, { body: string[] }>;
  // The snippet as the editor expands it with its defaults: ${1:Incident title} -> Incident title.
  const body = snippets['Post-mortem report'].body.join('\n').replace(/\$\{\d+\|([^,|]*)[^}]*\}/g, '$1').replace(/\$\{\d+:([^}]*)\}/g, '$1').replace(/\$\d+/g, '');
  assert.match(body, /^# Incident title\n/);
  writeFileSync(join(dir, 'notes.md'), body);
  const rows = JSON.parse(run(['lint', '--format', 'json', '.'], dir).stdout) as { file: string }[];
  assert.ok(rows.some((x) => x.file === 'notes.md'));
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

test('in one run over several folders, each report gets the config files of its own folder and those above it', () => {
  const dir = workspace();
  // postmortems/ has none; a/ turns duplicate-action-id off; a/deep/ makes it an info again.
  for (const [sub, rc] of [['a', { rules: { 'duplicate-action-id': 'off' } }], ['a/deep', { rules: { 'duplicate-action-id': 'info' } }]] as const) {
    mkdirSync(join(dir, sub), { recursive: true });
    cpSync(sample, join(dir, sub, '2025-02-09-checkout.md'));
    writeFileSync(join(dir, sub, '.postmortemrc.json'), JSON.stringify(rc));
  }
  cpSync(sample, join(dir, 'a', 'deep', '2025-02-10-checkout.md'));
  const r = run(['lint', '--format', 'json', '.'], dir);
  const rows = JSON.parse(r.stdout) as { file: string; rule: string; severity: string }[];
  const dup = (file: string) => rows.filter((x) => x.file === file && x.rule === 'duplicate-action-id').map((x) => x.severity);
  assert.deepEqual(dup('postmortems/2025-02-09-checkout.md'), ['error']);
  assert.deepEqual(dup('a/2025-02-09-checkout.md'), []);
  assert.deepEqual(dup('a/deep/2025-02-09-checkout.md'), ['info']);
  assert.deepEqual(dup('a/deep/2025-02-10-checkout.md'), ['info']);
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
  // An unusable entry is dropped and reported as an error finding of the report (exit 1), not a crash.
  const badConfig = run(['lint', 'postmortems/2025-05-02-search.md'], dir);
  assert.equal(badConfig.code, 1);
  assert.match(badConfig.stdout, /error config Configuration problem: .*\.postmortemrc\.json: rules\.timeline-order: "loud" is not one of/);
  assert.doesNotMatch(badConfig.stdout + badConfig.stderr, /\n\s+at /);
  // A file that is not JSON at all cannot be used: exit 2 with the parser's message.
  writeFileSync(join(dir, '.postmortemrc.json'), '{ "rules": ');
  const broken = run(['lint', 'postmortems/2025-05-02-search.md'], dir);
  assert.equal(broken.code, 2);
  assert.match(broken.stderr, /\.postmortemrc\.json: /);
  assert.doesNotMatch(broken.stderr, /\n\s+at /);
  const unknown = run(['frobnicate']);
  assert.equal(unknown.code, 2);
});

test('--locale ja gives Japanese messages', () => {
  const r = run(['lint', '--locale', 'ja', sample]);
  assert.match(r.stdout, /アクションアイテムID AI-2 は 37 行目ですでに使われています/);
});

test('a Japanese report gets Japanese messages without --locale; --locale and the config still win', () => {
  const ja = join(root, 'examples', 'sample-postmortem.ja.md');
  const auto = run(['lint', '--format', 'json', ja]);
  const messages = (JSON.parse(auto.stdout) as { message: string }[]).map((f) => f.message);
  assert.ok(messages.length > 0);
  for (const m of messages) assert.match(m, /[\u3040-\u30ff]/, m);
  const en = run(['lint', '--format', 'json', '--locale', 'en', ja]);
  for (const f of JSON.parse(en.stdout) as { message: string }[]) assert.doesNotMatch(f.message, /^[\u3040-\u30ff「]/, f.message);
  const english = run(['lint', '--format', 'json', sample]);
  for (const f of JSON.parse(english.stdout) as { message: string }[]) assert.doesNotMatch(f.message, /[\u3040-\u30ff]{3}/, f.message);
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

test('--fix prints what it fixed; --fix-dry-run prints the same change as a unified diff and writes nothing', () => {
  const dir = workspace();
  const file = join(dir, 'postmortems', '2025-02-09-checkout.md');
  const original = readFileSync(file, 'utf8');
  const dry = run(['lint', '--fix-dry-run', 'postmortems/2025-02-09-checkout.md'], dir);
  assert.equal(readFileSync(file, 'utf8'), original, 'dry run writes nothing');
  assert.match(dry.stdout, /^--- a\/postmortems\/2025-02-09-checkout\.md\n\+\+\+ b\/postmortems\/2025-02-09-checkout\.md\n@@ /m);
  assert.match(dry.stdout, /^-\| AI-2 \| Alert when checkout-api pool wait time/m);
  assert.match(dry.stdout, /^\+\| AI-3 \| Alert when checkout-api pool wait time/m);
  assert.match(dry.stdout, /would fix 2 findings in 1 file \(duplicate-action-id 1, timeline-order 1\)\n$/);
  assert.deepEqual(readdirSync(join(dir, 'postmortems')).sort(), ['2025-02-09-checkout.md', '2025-05-02-search.md']);
  const fix = run(['lint', '--fix', 'postmortems'], dir);
  assert.match(fix.stdout, /fixed 2 findings in 1 file \(duplicate-action-id 1, timeline-order 1\)\n$/);
  const again = run(['lint', '--fix', 'postmortems'], dir);
  assert.match(again.stdout, /fixed 0 findings in 0 files\n$/);
  assert.equal(run(['lint', '--fix-dry-run', 'postmortems'], dir).stdout, 'would fix 0 findings in 0 files\n');
  // JSON stays JSON: the summary goes to stderr.
  writeFileSync(file, original);
  const json = run(['lint', '--fix', '--format', 'json', file], dir);
  assert.doesNotThrow(() => JSON.parse(json.stdout));
  assert.match(json.stderr, /fixed 2 findings in 1 file/);
  assert.equal(run(['lint', '--fix-dry-run', '--format', 'json', file], dir).code, 2);
});

test('--fix on the exact inputs of the bug reports: a swapping timeline, a CRLF table, a list after the action table', () => {
  const dir = mkdtempSync(join(tmpdir(), 'pm-cli-fix-'));
  const swap = '# Post-Mortem: Swap\n\n**Date**: 2020-03-18\n\n## Timeline (UTC)\n\n| Time | Event |\n| --- | --- |\n| 2020-03-17 20:29 | First alert |\n| 14:02 | Fix deployed |\n';
  writeFileSync(join(dir, 'swap.md'), swap);
  const crlf = readFileSync(sample, 'utf8').replace(/\n/g, '\r\n');
  writeFileSync(join(dir, 'crlf.md'), crlf);
  const list = readFileSync(join(root, 'test', 'fixtures', 'rules', 'list-after-table.md'), 'utf8');
  writeFileSync(join(dir, 'list.md'), list);
  for (let i = 0; i < 3; i++) run(['lint', '--fix', 'swap.md', 'crlf.md', 'list.md'], dir);
  assert.equal(readFileSync(join(dir, 'swap.md'), 'utf8'), swap, 'the timeline is not swapped');
  const fixed = readFileSync(join(dir, 'crlf.md'), 'utf8');
  assert.notEqual(fixed, crlf);
  assert.doesNotMatch(fixed, /(^|[^\r])\n/, 'CRLF everywhere, also inside the sorted table');
  assert.equal(readFileSync(join(dir, 'list.md'), 'utf8'), list, 'no "-2" on list lines');
});

test('one unreadable path does not stop the run: each is named with what it is, the rest is checked, exit 2', () => {
  // All of these fail as root too: a link loop, a broken link, a named pipe, a folder whose name
  // ends in .md given as a file inside a glob, and a link to a file whose read fails (EIO).
  const dir = workspace();
  const p = join(dir, 'postmortems');
  symlinkSync('loop.md', join(p, 'loop.md'));
  symlinkSync('gone.md', join(p, 'broken.md'));
  spawnSync('mkfifo', [join(p, 'pipe.md')]);
  symlinkSync('/proc/self/mem', join(p, 'eio.md'));
  const named = run(['lint', 'postmortems/loop.md', 'postmortems/broken.md', 'postmortems/pipe.md', 'postmortems/eio.md', 'postmortems/2025-05-02-search.md', 'postmortems/2025-02-09-checkout.md'], dir);
  assert.equal(named.code, 2);
  assert.match(named.stderr, /cannot read postmortems\/loop\.md: symbolic link loop/);
  assert.match(named.stderr, /cannot read postmortems\/broken\.md: broken symbolic link \(it points to gone\.md, which does not exist\)/);
  assert.match(named.stderr, /cannot read postmortems\/pipe\.md: not a regular file \(a named pipe\)/);
  assert.match(named.stderr, /cannot read postmortems\/eio\.md: input\/output error/);
  assert.doesNotMatch(named.stderr, /no such file|\n\s+at /);
  // The readable reports were still checked.
  assert.match(named.stdout, /2025-02-09-checkout\.md:\d+:\d+ error duplicate-action-id/);
  assert.match(named.stdout, /✖ \d+ problems \(.*\) in 2 files/);
  // Found by walking a folder: the links are reported too, the pipe is never opened.
  const walked = run(['lint', 'postmortems'], dir);
  assert.equal(walked.code, 2);
  assert.match(walked.stderr, /loop\.md: symbolic link loop/);
  assert.match(walked.stderr, /broken\.md: broken symbolic link/);
  assert.match(walked.stdout, /2025-02-09-checkout\.md/);
});

test('a file and a folder that cannot be read for permissions (as an unprivileged user) are reported and skipped', { skip: process.platform === 'win32' ? 'POSIX permissions' : false }, () => {
  const dir = workspace();
  chmodSync(dir, 0o777);
  chmodSync(join(dir, 'postmortems'), 0o777);
  const secret = join(dir, 'postmortems', 'secret.md');
  writeFileSync(secret, '# Post-Mortem\n');
  chmodSync(secret, 0o000);
  mkdirSync(join(dir, 'postmortems', 'locked'));
  chmodSync(join(dir, 'postmortems', 'locked'), 0o000);
  const as = process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : undefined;
  const r = run(['lint', 'postmortems'], dir, as);
  assert.equal(r.code, 2, r.stderr);
  assert.match(r.stderr, /cannot read postmortems\/secret\.md: permission denied/);
  assert.match(r.stderr, /cannot read the folder .*locked: permission denied/);
  assert.match(r.stdout, /2025-02-09-checkout\.md/);
  // --fix on a file the user may not write: a message, the file untouched.
  const file = join(dir, 'postmortems', '2025-02-09-checkout.md');
  const before = readFileSync(file);
  const fix = run(['lint', '--fix', file], dir, as);
  assert.equal(fix.code, 2);
  assert.match(fix.stderr, /cannot write .*2025-02-09-checkout\.md: the file is read-only/);
  assert.doesNotMatch(fix.stderr, /\n\s+at /);
  assert.deepEqual(readFileSync(file), before);
});

test('a .postmortemrc.json with wrong value types inside rule options: config findings, no stack trace (issue 9)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'pm-cli-types-'));
  writeFileSync(
    join(dir, '.postmortemrc.json'),
    JSON.stringify({ rules: { 'vague-action': { options: { vagueVerbs: [1] } }, 'blameful-language': { options: { people: [null], allowedTerms: [5] } } } }),
  );
  writeFileSync(join(dir, 'incident.md'), readFileSync(sample, 'utf8'));
  const r = run(['lint', 'incident.md'], dir);
  assert.doesNotMatch(r.stdout + r.stderr, /TypeError|\n\s+at /);
  const config = (r.stdout + r.stderr).split('\n').filter((l) => /\bconfig\b.*Configuration problem:/.test(l));
  assert.equal(config.length, 3, r.stdout + r.stderr);
  for (const l of config) assert.match(l, /expected a string, got (1|null|5) \(ignored\)/);
  // The report is still checked, and an error-level finding fails the run as usual.
  assert.match(r.stdout, /incident\.md:\d+:\d+ error duplicate-action-id /);
  assert.equal(r.code, 1);
});
