// What CI reads from the CLI: the summary line, --quiet, --max-warnings, GitHub workflow commands
// and GitLab's Code Quality report. The built bin runs as a child process, as CI runs it.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { formatGithub } from '../../server/src/cli-format';
import { ROOT as root, ensureCliBuilt, runCli as run } from '../helpers/cli';

const sample = join(root, 'examples', 'sample-postmortem.md');

before(ensureCliBuilt);

interface Row {
  file: string;
  line: number;
  rule: string;
  severity: string;
  message: string;
}

/** A report whose only finding, on 2025-06-01, is one overdue action item (a warning). */
const oneWarning = readFileSync(join(__dirname, '..', 'helpers', 'reports', 'search-index-lag.md'), 'utf8');

function workspace(): string {
  const dir = mkdtempSync(join(tmpdir(), 'pm-ci-'));
  mkdirSync(join(dir, 'postmortems'));
  cpSync(sample, join(dir, 'postmortems', '2025-02-09-checkout.md'));
  writeFileSync(join(dir, 'postmortems', '2025-05-02-search.md'), oneWarning);
  return dir;
}

test('the summary line counts findings per severity, like eslint, and agrees with the JSON output', () => {
  const rows = JSON.parse(run(['lint', '--format', 'json', sample]).stdout) as Row[];
  const n = (s: string) => rows.filter((r) => r.severity === s).length;
  assert.ok(n('error') > 0 && n('warning') > 0 && n('info') > 0);
  const text = run(['lint', sample]);
  const last = text.stdout.trimEnd().split('\n').at(-1);
  assert.equal(last, `✖ ${rows.length} problems (${n('error')} error${n('error') === 1 ? '' : 's'}, ${n('warning')} warnings, ${n('info')} infos) in 1 file`);
  // Next to a machine-readable format the summary goes to stderr, and stdout stays parseable.
  const json = run(['lint', '--format', 'json', sample]);
  assert.equal(json.stderr, last + '\n');
});

test('--quiet reports errors only, in every format, and the summary counts what was reported', () => {
  const quiet = run(['lint', '--quiet', sample]);
  assert.equal(quiet.code, 1);
  const lines = quiet.stdout.trimEnd().split('\n');
  assert.ok(lines.slice(0, -1).length > 0);
  for (const l of lines.slice(0, -1)) assert.match(l, /^examples\/sample-postmortem\.md:\d+:\d+ error /);
  assert.match(lines.at(-1)!, /^✖ \d+ problems? \(\d+ errors?, 0 warnings, 0 infos\) in 1 file$/);
  const rows = JSON.parse(run(['lint', '--quiet', '--format', 'json', sample]).stdout) as Row[];
  assert.deepEqual([...new Set(rows.map((r) => r.severity))], ['error']);
  assert.equal(rows.length, lines.length - 1);
});

test('--max-warnings N: exit 1 when there are more than N warnings; errors decide as before; -1 is no limit', () => {
  const dir = workspace();
  const report = 'postmortems/2025-05-02-search.md';
  const base = ['lint', '--today', '2025-06-01', report];
  const plain = run(base, dir);
  assert.equal(plain.code, 0, plain.stdout + plain.stderr);
  assert.match(plain.stdout, /warning overdue-action /);
  assert.match(plain.stdout, /✖ 1 problem \(0 errors, 1 warning, 0 infos\) in 1 file\n$/);
  assert.equal(run([...base, '--max-warnings', '1'], dir).code, 0);
  assert.equal(run([...base, '--max-warnings', '-1'], dir).code, 0);
  const over = run([...base, '--max-warnings', '0'], dir);
  assert.equal(over.code, 1);
  assert.equal(over.stderr, 'postmortem: too many warnings (1; maximum: 0)\n');
  // --quiet leaves warnings out, so they do not count (as in eslint).
  assert.equal(run([...base, '--max-warnings', '0', '--quiet'], dir).code, 0);
  // A report with errors exits 1 whatever the limit.
  assert.equal(run(['lint', '--max-warnings', '1000', 'postmortems/2025-02-09-checkout.md'], dir).code, 1);
  for (const bad of ['abc', '1.5', '-2']) {
    const r = run([...base, '--max-warnings', bad], dir);
    assert.equal(r.code, 2, bad);
    assert.match(r.stderr, /--max-warnings: expected a whole number/);
  }
});

test('--format github: one workflow command per finding, with file, line, column and the rule as title', () => {
  const dir = workspace();
  const r = run(['lint', '--format', 'github', '--today', '2025-06-01', 'postmortems'], dir);
  assert.equal(r.code, 1);
  const rows = JSON.parse(run(['lint', '--format', 'json', '--today', '2025-06-01', 'postmortems'], dir).stdout) as (Row & { column: number; endLine: number; endColumn: number })[];
  const lines = r.stdout.trimEnd().split('\n');
  assert.equal(lines.length, rows.length + 1);
  const level: Record<string, string> = { error: 'error', warning: 'warning', info: 'notice', hint: 'notice' };
  rows.forEach((row, i) => {
    const props = `file=${row.file},line=${row.line},endLine=${row.endLine},col=${row.column},endColumn=${row.endColumn},title=postmortem ${row.rule}`;
    assert.equal(lines[i], `::${level[row.severity]} ${props}::${row.message.replace(/%/g, '%25')}`);
  });
  assert.match(lines.at(-1)!, /^✖ \d+ problems \(1 error, \d+ warnings, \d+ infos\) in 2 files$/);
  assert.match(r.stdout, /^::error file=postmortems\/2025-02-09-checkout\.md,line=38,endLine=38,col=3,endColumn=7,title=postmortem duplicate-action-id::Action item id AI-2/m);
  assert.match(r.stdout, /^::warning file=postmortems\/2025-05-02-search\.md,line=33,.*title=postmortem overdue-action::/m);
});

test('--format github escapes what would end a command early: %, line breaks, and , : in properties', () => {
  const out = formatGithub(
    [{ file: '/w/a,b:c.md', findings: [{ rule: 'vague-action', severity: 'info', message: '50% done\r\nnext: line', range: { start: { line: 0, character: 0 }, end: { line: 0, character: 4 } } }] }],
    '/w',
  );
  assert.equal(out.split('\n')[0], '::notice file=a%2Cb%3Ac.md,line=1,endLine=1,col=1,endColumn=5,title=postmortem vague-action::50%25 done%0D%0Anext: line');
});

interface CodeQualityIssue {
  description: string;
  check_name: string;
  fingerprint: string;
  severity: string;
  location: { path: string; lines: { begin: number } };
}

test('--format codequality: GitLab Code Quality issues, one per finding, with severities GitLab knows', () => {
  const dir = workspace();
  const r = run(['lint', '--format', 'codequality', '--today', '2025-06-01', 'postmortems'], dir);
  assert.equal(r.code, 1);
  const issues = JSON.parse(r.stdout) as CodeQualityIssue[];
  const rows = JSON.parse(run(['lint', '--format', 'json', '--today', '2025-06-01', 'postmortems'], dir).stdout) as Row[];
  assert.equal(issues.length, rows.length);
  const severity: Record<string, string> = { error: 'major', warning: 'minor', info: 'info', hint: 'info' };
  issues.forEach((issue, i) => {
    assert.deepEqual(Object.keys(issue), ['description', 'check_name', 'fingerprint', 'severity', 'location']);
    assert.deepEqual(issue.location, { path: rows[i].file, lines: { begin: rows[i].line } });
    assert.equal(issue.description, rows[i].message);
    assert.equal(issue.check_name, rows[i].rule);
    assert.equal(issue.severity, severity[rows[i].severity]);
    assert.match(issue.fingerprint, /^[0-9a-f]{32}$/);
  });
  assert.equal(new Set(issues.map((x) => x.fingerprint)).size, issues.length, 'fingerprints are unique');
  assert.match(r.stderr, /^✖ \d+ problems/);
});

test('Code Quality fingerprints are stable: the same on a second run, and when lines are added above a finding', () => {
  const dir = workspace();
  const args = ['lint', '--format', 'codequality', '--today', '2025-06-01', 'postmortems/2025-02-09-checkout.md'];
  const first = JSON.parse(run(args, dir).stdout) as CodeQualityIssue[];
  assert.deepEqual(JSON.parse(run(args, dir).stdout), first);
  const file = join(dir, 'postmortems', '2025-02-09-checkout.md');
  const text = readFileSync(file, 'utf8');
  const at = text.indexOf('\n## ') + 1;
  writeFileSync(file, text.slice(0, at) + 'An extra paragraph.\n\nAnd another one.\n\n' + text.slice(at));
  const moved = JSON.parse(run(args, dir).stdout) as CodeQualityIssue[];
  const below = first.filter((x) => x.location.lines.begin > text.slice(0, at).split('\n').length);
  assert.ok(below.length > 5);
  for (const issue of below) {
    const same = moved.find((m) => m.fingerprint === issue.fingerprint);
    assert.ok(same, `${issue.check_name} keeps its fingerprint`);
    assert.equal(same.location.lines.begin, issue.location.lines.begin + 4);
  }
});
