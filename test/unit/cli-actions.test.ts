// `postmortem actions` and `postmortem actions link` as users run them: the built bin as a child process.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureCliBuilt, runCli as run } from '../helpers/cli';

before(ensureCliBuilt);

const checkout = `# Post-Mortem: Checkout errors

**Date**: 2025-02-09
**Severity**: SEV-2

## Summary

Checkout failed.

## Action Items

| ID | Action | Owner | Deadline | Priority | Status | Ticket |
| --- | --- | --- | --- | --- | --- | --- |
| AI-1 | Add card payments to the canary's checks | @alice | 2025-03-01 | P1 | Open | |
| AI-2 | Pin the SDK timeout | @bob | 2025-02-20 | P2 | Done | PAY-7 |
| AI-3 | Alert on checkout errors | @alice, @carol | 2025-09-01 | High | In progress | |
`;

const search = `# Post-mortem: Search lag

**Date**: 2025-05-02

## Action Items

| ID | Action | Owner | Deadline |
| --- | --- | --- | --- |
| S-1 | Alert when lag > 5 minutes; see "runbook" | Dana | 2025-05-20 |

## Lessons Learned

- Lag matters.
`;

const ja = `# ポストモーテム: 決済の障害

**発生日**: 2025-03-10

## アクションアイテム

| ID | アクション | 担当者 | 期限 | 優先度 | 状態 |
| --- | --- | --- | --- | --- | --- |
| J-1 | カナリアにカード決済を追加する | @tanaka | 2025-04-01 | 高 | 対応中 |
`;

function workspace(): string {
  const dir = mkdtempSync(join(tmpdir(), 'pm-actions-'));
  mkdirSync(join(dir, 'postmortems'));
  writeFileSync(join(dir, 'postmortems', '2025-02-09-checkout.md'), checkout);
  writeFileSync(join(dir, 'postmortems', '2025-05-02-search.md'), search);
  writeFileSync(join(dir, 'postmortems', '2025-03-10-payments.ja.md'), ja);
  writeFileSync(join(dir, 'README.md'), '# Notes\n\n| Action | Owner | Deadline |\n| --- | --- | --- |\n| Not a report | @x | 2020-01-01 |\n');
  return dir;
}

type Row = { file: string; line: number; id: string; action: string; owner: string; deadline: string; priority: string; status: string; ticket: string; overdue: boolean };
const json = (r: { stdout: string }) => JSON.parse(r.stdout) as Row[];

test('json: every action item of every report in the folder, with the documented keys', () => {
  const dir = workspace();
  const r = run(['actions', '--format', 'json', '--today', '2025-06-01'], dir);
  assert.equal(r.code, 0, r.stderr);
  const rows = json(r);
  assert.deepEqual(rows.map((x) => `${x.file}:${x.line} ${x.id}`), [
    'postmortems/2025-02-09-checkout.md:14 AI-1',
    'postmortems/2025-02-09-checkout.md:15 AI-2',
    'postmortems/2025-02-09-checkout.md:16 AI-3',
    'postmortems/2025-03-10-payments.ja.md:9 J-1',
    'postmortems/2025-05-02-search.md:9 S-1',
  ]);
  for (const x of rows) assert.deepEqual(Object.keys(x), ['file', 'line', 'id', 'action', 'owner', 'deadline', 'priority', 'status', 'ticket', 'overdue']);
  assert.deepEqual(rows[0], { file: 'postmortems/2025-02-09-checkout.md', line: 14, id: 'AI-1', action: "Add card payments to the canary's checks", owner: '@alice', deadline: '2025-03-01', priority: 'P1', status: 'Open', ticket: '', overdue: true });
  assert.equal(rows[1].ticket, 'PAY-7');
  assert.equal(rows[1].overdue, false, 'a done item is never overdue');
  assert.equal(rows[2].overdue, false, 'due after today');
  assert.equal(rows[4].overdue, true);
});

test('--open, --overdue and --owner filter; --today moves what is overdue', () => {
  const dir = workspace();
  const ids = (args: string[]) => json(run(['actions', '--format', 'json', ...args], dir)).map((x) => x.id);
  assert.deepEqual(ids(['--open', '--today', '2025-06-01']), ['AI-1', 'AI-3', 'J-1', 'S-1']);
  assert.deepEqual(ids(['--overdue', '--today', '2025-06-01']), ['AI-1', 'J-1', 'S-1']);
  assert.deepEqual(ids(['--overdue', '--today', '2025-03-15']), ['AI-1']);
  assert.deepEqual(ids(['--overdue', '--today', '2026-01-01']), ['AI-1', 'AI-3', 'J-1', 'S-1']);
  assert.deepEqual(ids(['--owner', 'alice', '--today', '2025-06-01']), ['AI-1', 'AI-3']);
  assert.deepEqual(ids(['--owner', '@Carol', '--today', '2025-06-01']), ['AI-3']);
  assert.deepEqual(ids(['--owner', 'dana', '--today', '2025-06-01']), ['S-1']);
  assert.deepEqual(ids(['--owner', 'ali', '--today', '2025-06-01']), [], 'a name matches whole, not in part');
});

test('the `today` config key is used without --today; --today wins over it', () => {
  const dir = workspace();
  writeFileSync(join(dir, '.postmortemrc.json'), JSON.stringify({ today: '2025-03-15' }));
  assert.deepEqual(json(run(['actions', '--overdue', '--format', 'json'], dir)).map((x) => x.id), ['AI-1']);
  assert.deepEqual(json(run(['actions', '--overdue', '--format', 'json', '--today', '2025-06-01'], dir)).map((x) => x.id), ['AI-1', 'J-1', 'S-1']);
});

test('files, globs and config ignore are discovered like lint; a missing path exits 2 and the rest is listed', () => {
  const dir = workspace();
  assert.deepEqual([...new Set(json(run(['actions', '--format', 'json', 'postmortems/*-search.md'], dir)).map((x) => x.file))], ['postmortems/2025-05-02-search.md']);
  const named = json(run(['actions', '--format', 'json', 'README.md'], dir));
  assert.deepEqual(named.map((x) => x.action), ['Not a report'], 'a file named explicitly is read even when it is not a report');
  writeFileSync(join(dir, '.postmortemrc.json'), JSON.stringify({ ignore: ['**/*.ja.md'] }));
  assert.ok(!json(run(['actions', '--format', 'json'], dir)).some((x) => x.id === 'J-1'));
  const missing = run(['actions', '--format', 'json', 'nope.md', 'postmortems/2025-05-02-search.md'], dir);
  assert.equal(missing.code, 2);
  assert.match(missing.stderr, /no such file or folder: nope\.md/);
  assert.deepEqual(JSON.parse(missing.stdout).map((x: Row) => x.id), ['S-1']);
  const bad = run(['actions', '--today', '2025-13-01'], dir);
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, /today: "2025-13-01" is not a date/);
});

test('table: one aligned row per item with the overdue ones marked, and a summary line', () => {
  const dir = workspace();
  const r = run(['actions', '--open', '--today', '2025-06-01'], dir);
  assert.equal(r.code, 0);
  const lines = r.stdout.trimEnd().split('\n');
  assert.match(lines[0], /^REPORT\s+ID\s+ACTION\s+OWNER\s+DEADLINE\s+PRIORITY\s+STATUS\s+TICKET$/);
  assert.match(lines[1], /^postmortems\/2025-02-09-checkout\.md:14\s+AI-1\s+Add card payments to the canary's checks\s+@alice\s+2025-03-01 \(overdue\)\s+P1\s+Open$/);
  assert.match(lines[2], /AI-3 .* 2025-09-01 {2,}High/);
  // Columns line up in terminal cells, Japanese (two cells a character) included.
  const col = (l: string) => l.indexOf('@');
  assert.equal(col(lines[1]), col(lines[2]));
  const jaLine = lines.find((l) => l.includes('J-1'))!;
  const before = jaLine.slice(0, jaLine.indexOf('@'));
  const cells = [...before].reduce((n, ch) => n + (/[\u3000-\u9fff\uff00-\uffef]/.test(ch) ? 2 : 1), 0);
  assert.equal(cells, col(lines[1]));
  assert.equal(lines[lines.length - 1], '4 action items in 3 reports: 4 open, 3 overdue');
  assert.equal(run(['actions', '--owner', 'nobody'], dir).stdout, 'no action items\n');
});

/** A tiny RFC 4180 reader for the tests: quoted fields, doubled quotes, CRLF between records. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let i = 0;
  let quoted = false;
  while (i < text.length) {
    const c = text[i];
    const next = text[i + 1];
    i++;
    if (quoted) {
      if (c === '"' && next === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\r' && next === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i++;
    } else {
      assert.notEqual(c, '\n', 'a bare line break outside quotes');
      field += c;
    }
  }
  assert.equal(field, '', 'the last record ends with CRLF');
  return rows;
}

test('csv: RFC 4180 with a header row; commas and quotes survive', () => {
  const dir = workspace();
  const r = run(['actions', '--format', 'csv', '--today', '2025-06-01', 'postmortems/2025-05-02-search.md', 'postmortems/2025-02-09-checkout.md'], dir);
  const rows = parseCsv(r.stdout);
  assert.deepEqual(rows[0], ['file', 'line', 'id', 'action', 'owner', 'deadline', 'priority', 'status', 'ticket', 'overdue']);
  assert.deepEqual(rows[1], ['postmortems/2025-05-02-search.md', '9', 'S-1', 'Alert when lag > 5 minutes; see "runbook"', 'Dana', '2025-05-20', '', '', '', 'true']);
  assert.deepEqual(rows[4].slice(2, 5), ['AI-3', 'Alert on checkout errors', '@alice, @carol']);
});

test('jira-csv: Summary, Description, Assignee, Due date, Priority for the open items without a ticket', () => {
  const dir = workspace();
  const r = run(['actions', '--format', 'jira-csv', '--today', '2025-06-01'], dir);
  assert.equal(r.code, 0);
  assert.match(r.stderr, /left out 1 done \(of 5 action items\)/);
  const rows = parseCsv(r.stdout);
  assert.deepEqual(rows[0], ['Summary', 'Description', 'Assignee', 'Due date', 'Priority']);
  assert.deepEqual(rows.slice(1).map((x) => [x[0], x[2], x[3], x[4]]), [
    ["Add card payments to the canary's checks", 'alice', '2025-03-01', 'High'],
    ['Alert on checkout errors', 'alice', '2025-09-01', 'High'],
    ['カナリアにカード決済を追加する', 'tanaka', '2025-04-01', 'High'],
    ['Alert when lag > 5 minutes; see "runbook"', 'Dana', '2025-05-20', ''],
  ]);
  assert.equal(rows[1][1], 'Action item AI-1 of the post-mortem "Checkout errors".\n\nAdd card payments to the canary\'s checks\n\nReport: postmortems/2025-02-09-checkout.md:14\nOwner: @alice\nDeadline: 2025-03-01\nPriority: P1');
});

test('github: gh issue create commands whose arguments reach gh exactly, whatever the text holds', { skip: process.platform === 'win32' ? 'POSIX shell' : false }, () => {
  const dir = workspace();
  // Text a shell would act on if it were not quoted: quotes, $( ), backticks, a backslash, a newline in the title's source.
  writeFileSync(join(dir, 'postmortems', '2025-06-01-tricky.md'), `# Post-mortem: Tricky $(touch pwned) \`id\`

**Date**: 2025-06-01

## Action Items

| ID | Action | Owner | Deadline | Priority |
| --- | --- | --- | --- | --- |
| T-1 | Don't run $(touch pwned) or \`touch pwned\`; keep C:\\path & "quotes" | @eve-ops | 2025-07-01 | P0 |
| T-2 | Team item | @org/sre | 2025-07-01 | |
| T-3 | Tracked in OPS-5 already | @eve-ops | 2025-07-01 | P1 |
`);
  const r = run(['actions', '--format', 'github', '--today', '2025-06-01'], dir);
  assert.equal(r.code, 0);
  assert.match(r.stderr, /left out 1 done and 1 that already name a ticket \(of 8 action items\)/);
  assert.match(r.stdout, /^#!\/bin\/sh\n/);
  assert.match(r.stdout, /#   postmortem actions link 'postmortems\/2025-06-01-tricky\.md' 'T-1' <issue URL>/);
  // A `gh` on PATH that records its arguments, one JSON array a line.
  const bin = join(dir, 'bin');
  mkdirSync(bin);
  const log = join(dir, 'gh.log');
  writeFileSync(join(bin, 'gh'), `#!${process.execPath}\nrequire('fs').appendFileSync(${JSON.stringify(log)}, JSON.stringify(process.argv.slice(2)) + '\\n');\n`);
  chmodSync(join(bin, 'gh'), 0o755);
  writeFileSync(join(dir, 'issues.sh'), r.stdout);
  const sh = spawnSync('/bin/sh', ['issues.sh'], { cwd: dir, encoding: 'utf8', env: { ...process.env, PATH: `${bin}:${process.env.PATH}` } });
  assert.equal(sh.status, 0, sh.stderr);
  assert.ok(!readdirSync(dir).includes('pwned'), 'nothing in the text was run');
  const calls = readFileSync(log, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as string[]);
  assert.equal(calls.length, 6);
  const t1 = calls.find((c) => c.some((a) => a.includes('T-1')))!;
  assert.deepEqual(t1.slice(0, 2), ['issue', 'create']);
  const arg = (name: string) => t1.filter((a) => a.startsWith(`--${name}=`)).map((a) => a.slice(name.length + 3));
  // (Markdown emphasis and code marks are not part of the item's text.)
  assert.deepEqual(arg('title'), ['Don\'t run $(touch pwned) or touch pwned; keep C:\\path & "quotes"']);
  assert.deepEqual(arg('assignee'), ['eve-ops']);
  assert.deepEqual(arg('label'), ['P0']);
  assert.equal(arg('body')[0], 'Action item T-1 of the post-mortem "Tricky $(touch pwned) id".\n\nDon\'t run $(touch pwned) or touch pwned; keep C:\\path & "quotes"\n\nReport: postmortems/2025-06-01-tricky.md:9\nOwner: @eve-ops\nDeadline: 2025-07-01\nPriority: P0');
  const t2 = calls.find((c) => c.some((a) => a.includes('T-2')))!;
  assert.ok(!t2.some((a) => a.startsWith('--assignee') || a.startsWith('--label')), 'a team is no assignee; no priority, no label');
  const ai3 = calls.find((c) => c.includes('--title=Alert on checkout errors'))!;
  assert.deepEqual(ai3.filter((a) => a.startsWith('--assignee=')), ['--assignee=alice', '--assignee=carol']);
});

test('link writes the ticket into the empty Ticket cell and says so; the same link again changes nothing', () => {
  const dir = workspace();
  const file = join(dir, 'postmortems', '2025-02-09-checkout.md');
  const r = run(['actions', 'link', 'postmortems/2025-02-09-checkout.md', 'ai-3', 'https://github.com/acme/shop/issues/42'], dir);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stdout, 'postmortems/2025-02-09-checkout.md:16: ticket https://github.com/acme/shop/issues/42 written\n');
  const text = readFileSync(file, 'utf8');
  assert.equal(text, checkout.replace('| High | In progress | |', '| High | In progress | https://github.com/acme/shop/issues/42 |'));
  const again = run(['actions', 'link', 'postmortems/2025-02-09-checkout.md', 'AI-3', 'https://github.com/acme/shop/issues/42'], dir);
  assert.match(again.stdout, /already https:\/\/github\.com\/acme\/shop\/issues\/42/);
  assert.equal(readFileSync(file, 'utf8'), text);
  const rows = json(run(['actions', '--format', 'json', file], dir));
  assert.equal(rows.find((x) => x.id === 'AI-3')!.ticket, 'https://github.com/acme/shop/issues/42');
  // A ticket already there is replaced, and the old one named.
  const replaced = run(['actions', 'link', file, 'AI-2', 'PAY-8'], dir);
  assert.match(replaced.stdout, /ticket PAY-8 written \(it was PAY-7\)/);
});

test('link adds a Ticket column to a table without one, keeping CRLF line endings; pipes are escaped', () => {
  const dir = workspace();
  const file = join(dir, 'postmortems', '2025-05-02-search.md');
  writeFileSync(file, search.replace(/\n/g, '\r\n'));
  const r = run(['actions', 'link', file, 'S-1', 'OPS-9|x'], dir);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /ticket OPS-9\|x written \(added a Ticket column\)/);
  const text = readFileSync(file, 'utf8');
  assert.ok(!/[^\r]\n/.test(text), 'every line still ends in CRLF');
  assert.match(text, /\| ID \| Action \| Owner \| Deadline \| Ticket \|\r\n\| --- \| --- \| --- \| --- \| ------ \|\r\n\| S-1 \| .* \| 2025-05-20 \| OPS-9\\\|x \|\r\n/);
  assert.equal(json(run(['actions', '--format', 'json', file], dir))[0].ticket, 'OPS-9\\|x');
  // A Japanese report gets a Japanese header.
  const jaFile = join(dir, 'postmortems', '2025-03-10-payments.ja.md');
  run(['actions', 'link', jaFile, 'J-1', 'PAY-1'], dir);
  assert.match(readFileSync(jaFile, 'utf8'), /\| 状態 \| チケット \|\n.*\n\| J-1 \| .* \| 対応中 \| PAY-1 \|/);
});

test('link by line number for items without an ID; list items get the ticket at their end', () => {
  const dir = workspace();
  const file = join(dir, 'list.md');
  writeFileSync(file, '# Post-mortem: X\n\n## Action Items\n\n- [ ] Add a lag alert (owner: @dana, due 2025-07-01)\n- [x] Fix the config\n');
  const r = run(['actions', 'link', 'list.md', '5', '#77'], dir);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(readFileSync(file, 'utf8'), '# Post-mortem: X\n\n## Action Items\n\n- [ ] Add a lag alert (owner: @dana, due 2025-07-01) (#77)\n- [x] Fix the config\n');
  assert.equal(json(run(['actions', '--format', 'json', 'list.md'], dir))[0].ticket, '#77');
});

test('link refuses what it cannot do, with exit 2 and the file untouched', () => {
  const dir = workspace();
  const file = join(dir, 'postmortems', '2025-02-09-checkout.md');
  const unknown = run(['actions', 'link', file, 'AI-9', 'X-1'], dir);
  assert.equal(unknown.code, 2);
  assert.match(unknown.stderr, /no action item AI-9 in the report \(its IDs: AI-1, AI-2, AI-3\)/);
  const empty = run(['actions', 'link', file, 'AI-1', '  '], dir);
  assert.equal(empty.code, 2);
  assert.match(empty.stderr, /the ticket is empty/);
  writeFileSync(join(dir, 'dup.md'), '# Post-mortem: D\n\n## Action Items\n\n| ID | Action | Owner |\n| --- | --- | --- |\n| A-1 | One | @a |\n| A-1 | Two | @b |\n');
  const dup = run(['actions', 'link', 'dup.md', 'A-1', 'X-1'], dir);
  assert.equal(dup.code, 2);
  assert.match(dup.stderr, /A-1 names 2 action items \(lines 7, 8\); give the line number instead/);
  assert.equal(run(['actions', 'link', 'dup.md', '8', 'X-1'], dir).code, 0);
  assert.match(readFileSync(join(dir, 'dup.md'), 'utf8'), /\| A-1 \| One \| @a \|  \|\n\| A-1 \| Two \| @b \| X-1 \|\n$/);
  assert.equal(readFileSync(file, 'utf8'), checkout);
  const missing = run(['actions', 'link', 'nope.md', 'A-1', 'X-1'], dir);
  assert.equal(missing.code, 2);
  assert.match(missing.stderr, /cannot read nope\.md/);
});
