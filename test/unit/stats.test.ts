// `postmortem stats`: the times read from timelines (engine), the chart, and the command as users run it.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync, execFileSync } from 'node:child_process';
import { existsSync, lstatSync, mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { XMLValidator } from 'fast-xml-parser';
import { buildModel } from '../../server/src/engine/model';
import { median, renderStatsChart, reportStats, statsSummary, type ReportStats } from '../../server/src/engine/stats';

const root = join(__dirname, '..', '..');
const cli = join(root, 'dist', 'cli.js');

before(() => {
  if (!existsSync(cli)) execFileSync(process.execPath, [join(root, 'scripts', 'build.mjs')], { cwd: root });
});

function run(args: string[], cwd: string) {
  const r = spawnSync(process.execPath, [cli, ...args], { cwd, encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const report = (title: string, date: string, rows: string[]) => `# Post-mortem: ${title}

**Date**: ${date}

## Timeline (all times UTC)

| Time | Event |
| --- | --- |
${rows.map((r) => `| ${r} |`).join('\n')}
`;

const checkout = report('Checkout errors', '2025-02-09', [
  '10:01 | Deploy of payments 4.2 started',
  '10:05 | Checkout errors began after the deploy',
  '10:12 | Alert fired: checkout error rate above 5%',
  '10:25 | Rolled back the SDK upgrade',
  '10:40 | Error rate back to normal, incident resolved',
  '11:30 | Follow-up: wrote the timeline',
]);
const search = report('Search lag', '2025-05-02', ['09:00 | Indexer errors started', '09:30 | Paged the search on-call', '10:30 | Service restored']);
const ja = `# ポストモーテム: 決済障害

**発生日**: 2025-03-10

## タイムライン (JST)

| 時刻 | 出来事 |
| --- | --- |
| 23:50 | 決済エラーが急増 |
| 00:05 | アラートで検知 |
| 00:20 | ロールバックを実施 |
| 01:10 | 復旧を確認 |
`;

test('detect, mitigate and resolve from the first impact row; a follow-up row after the recovery does not count', () => {
  const s = reportStats('a.md', buildModel(checkout));
  assert.deepEqual(s, { file: 'a.md', title: 'Checkout errors', date: '2025-02-09', startLine: 10, detectSeconds: 7 * 60, mitigateSeconds: 20 * 60, resolveSeconds: 35 * 60, note: '' });
});

test('a Japanese timeline that crosses midnight gives its spans', () => {
  const s = reportStats('ja.md', buildModel(ja));
  assert.equal(s.title, '決済障害');
  assert.deepEqual([s.detectSeconds, s.mitigateSeconds, s.resolveSeconds], [15 * 60, 30 * 60, 80 * 60]);
});

test('what cannot be read is left empty with the reason, never guessed', () => {
  const unordered = reportStats('u.md', buildModel(report('U', '2025-01-01', ['10:40 | Resolved', '10:05 | Errors began'])));
  assert.deepEqual([unordered.detectSeconds, unordered.resolveSeconds, unordered.startLine, unordered.note], [null, null, null, 'the timeline is not in time order']);
  const noAlert = reportStats('n.md', buildModel(report('N', '2025-01-01', ['10:05 | Errors began', '10:40 | Recovered'])));
  assert.deepEqual([noAlert.detectSeconds, noAlert.mitigateSeconds, noAlert.resolveSeconds], [null, 35 * 60, 35 * 60]);
  assert.equal(noAlert.note, 'no row marks an alert or detection');
  const none = reportStats('x.md', buildModel('# Post-mortem: X\n\n**Date**: 2025-01-01\n\n## Summary\n\nText.\n'));
  assert.equal(none.note, 'no timeline rows with a time');
  assert.equal(none.date, '2025-01-01');
});

test('medians over the reports that have each time', () => {
  assert.equal(median([]), null);
  assert.equal(median([5, 1, 3]), 3);
  assert.equal(median([4, 1, 3, 2]), 2.5);
  const rows = [checkout, search].map((t, i) => reportStats(`${i}.md`, buildModel(t)));
  rows.push(reportStats('n.md', buildModel(report('N', '2025-01-01', ['10:05 | Errors began', '10:40 | Recovered']))));
  assert.deepEqual(statsSummary(rows), { reports: 3, medianDetectSeconds: (7 * 60 + 30 * 60) / 2, medianMitigateSeconds: 35 * 60, medianResolveSeconds: 35 * 60 });
});

const row = (date: string | null, title: string, d: number | null, m: number | null, r: number | null): ReportStats => ({ file: `${title}.md`, title, date, startLine: 1, detectSeconds: d, mitigateSeconds: m, resolveSeconds: r, note: '' });

test('the chart is valid XML with every label escaped, one point per dated report and time, in date order', () => {
  const nasty = 'Quotes "a" & <script>alert(1)</script> \'b\' \u0001';
  const svg = renderStatsChart([row('2025-03-01', 'second', 600, 1200, 3600), row('2025-01-01', nasty, 300, null, 1800), row(null, 'undated', 60, 60, 60)]);
  assert.equal(XMLValidator.validate(svg), true);
  assert.ok(!svg.includes('<script>'));
  assert.ok(svg.includes('Quotes &quot;a&quot; &amp; &lt;script&gt;'));
  const circles = [...svg.matchAll(/<circle cx="([\d.]+)" cy="([\d.]+)"[^>]*><title>([^<]*)<\/title>/g)];
  assert.equal(circles.length, 5, 'two detect, one mitigate, two resolve points; the undated report is left out');
  const first = circles.find((c) => c[3].startsWith('2025-01-01'))!;
  const second = circles.find((c) => c[3].startsWith('2025-03-01'))!;
  assert.ok(Number(first[1]) < Number(second[1]), 'earlier incidents are further left');
  // The y axis is in minutes here (nothing runs past three hours), and a longer time sits higher.
  assert.match(svg, />minutes</);
  const resolve60 = circles.find((c) => c[3].includes('time to resolve 1h 00m'))!;
  const detect10 = circles.find((c) => c[3].includes('time to detect 10m'))!;
  assert.ok(Number(resolve60[2]) < Number(detect10[2]));
  // Hours when the times run long.
  assert.match(renderStatsChart([row('2025-01-01', 'long', 3600, 7200, 5 * 86400)]), />hours</);
  const empty = renderStatsChart([]);
  assert.equal(XMLValidator.validate(empty), true);
  assert.match(empty, /No dated report with timeline times/);
});

function workspace(): string {
  const dir = mkdtempSync(join(tmpdir(), 'pm-stats-'));
  mkdirSync(join(dir, 'pm'));
  writeFileSync(join(dir, 'pm', 'checkout.md'), checkout);
  writeFileSync(join(dir, 'pm', 'search.md'), search);
  writeFileSync(join(dir, 'pm', 'payments.ja.md'), ja);
  return dir;
}

test('stats: a table in date order with a median row; json with the reports and the summary', () => {
  const dir = workspace();
  const r = run(['stats'], dir);
  assert.equal(r.code, 0, r.stderr);
  assert.deepEqual(r.stdout.trimEnd().split('\n').map((l) => l.split(/\s{2,}/)), [
    ['DATE', 'REPORT', 'DETECT', 'MITIGATE', 'RESOLVE', 'NOTE'],
    ['2025-02-09', 'pm/checkout.md', '7m', '20m', '35m'],
    ['2025-03-10', 'pm/payments.ja.md', '15m', '30m', '1h 20m'],
    ['2025-05-02', 'pm/search.md', '30m', '1h 30m', '1h 30m'],
    ['median', '3 reports', '15m', '30m', '1h 20m'],
  ]);
  const j = JSON.parse(run(['stats', '--format', 'json', 'pm/checkout.md'], dir).stdout);
  assert.deepEqual(j.reports.map((x: ReportStats) => [x.file, x.detectSeconds, x.mitigateSeconds, x.resolveSeconds]), [['pm/checkout.md', 420, 1200, 2100]]);
  assert.deepEqual(j.summary, { reports: 1, medianDetectSeconds: 420, medianMitigateSeconds: 1200, medianResolveSeconds: 2100 });
});

test('--svg writes the chart (over an old one too) and never through a symbolic link', { skip: process.platform === 'win32' ? 'symbolic links' : false }, () => {
  const dir = workspace();
  const r = run(['stats', '--svg', 'trend.svg'], dir);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stderr, /wrote the chart to trend\.svg/);
  const svg = readFileSync(join(dir, 'trend.svg'), 'utf8');
  assert.equal(XMLValidator.validate(svg), true);
  assert.equal((svg.match(/<circle /g) ?? []).length, 9);
  writeFileSync(join(dir, 'trend.svg'), 'old');
  assert.equal(run(['stats', '--svg', 'trend.svg'], dir).code, 0);
  assert.equal(readFileSync(join(dir, 'trend.svg'), 'utf8'), svg);
  // A link planted where the chart goes: refused, the file it points to untouched.
  writeFileSync(join(dir, 'precious.txt'), 'keep me');
  symlinkSync(join(dir, 'precious.txt'), join(dir, 'linked.svg'));
  const linked = run(['stats', '--svg', 'linked.svg'], dir);
  assert.equal(linked.code, 2);
  assert.match(linked.stderr, /linked\.svg: it is a symbolic link/);
  assert.equal(readFileSync(join(dir, 'precious.txt'), 'utf8'), 'keep me');
  assert.ok(lstatSync(join(dir, 'linked.svg')).isSymbolicLink());
});
