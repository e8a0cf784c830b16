// The review checklist's pieces: durations as people write them, what timeline rows mark, action
// items as tracked records, and the quick fixes of the new rules applied to real text.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseHumanDuration } from '../../server/src/engine/time';
import { buildModel } from '../../server/src/engine/model';
import { incidentPhases, incidentTimes, phasesOf } from '../../server/src/engine/phases';
import { actionRecords, dueDate } from '../../server/src/engine/actions';
import { headingDeadline, listDeadline } from '../../server/src/engine/due';
import { lint } from '../../server/src/engine/lint';
import { applyEdits } from '../../server/src/engine/edits';
import { resolveConfig } from '../../server/src/engine/config';
import { RULES } from '../../server/src/engine/rules/index';

test('parseHumanDuration reads the ways people write a duration, and nothing else', () => {
  const cases: [string, number | undefined][] = [
    ['1h 35min', 5700], ['95 minutes', 5700], ['1 hour 35 minutes', 5700], ['1.5 hours', 5400], ['~45m', 2700],
    ['1時間35分', 5700], ['約2時間', 7200], ['2日', 172800], ['01:35', 5700], ['2 hours (10:05-12:05 UTC)', 7200],
    ['2 hours and 5 minutes', 7500], ['**40 minutes**', 2400],
    ['N/A', undefined], ['ongoing', undefined], ['between 10:05 and 10:40', undefined], ['SEV 2', undefined], ['v2 rollout, 3 hours', undefined],
  ];
  for (const [s, want] of cases) assert.equal(parseHumanDuration(s), want, s);
});

const TIMELINE = `# Outage

**Date**: 2025-02-09

## Timeline (UTC)

| Time | Event |
| --- | --- |
| 09:50 | Deploy of v2.3 started |
| 10:05 | Checkout errors began |
| 10:12 | PagerDuty alert fired for the error rate |
| 10:25 | Rolled back to v2.2 |
| 10:40 | Error rate back to normal, incident resolved |
| 11:30 | Post-incident cleanup of the canary pool |
`;

test('timeline rows are classified by their words, and the spans follow', () => {
  const doc = buildModel(TIMELINE);
  const kinds = doc.timeline.entries.map((e) => [...phasesOf(doc, e)].sort().join('+'));
  assert.deepEqual(kinds, ['', 'impact', 'detect', 'mitigate', 'resolve', '']);
  const p = incidentPhases(doc);
  assert.equal(p.start?.entry.timeText, '10:05');
  assert.deepEqual(incidentTimes(p), { detect: 7 * 60, mitigate: 20 * 60, resolve: 35 * 60 });
  const ja = buildModel('# 障害\n\n**日付**: 2025-02-09\n\n## タイムライン（JST）\n\n| 時刻 | イベント |\n| --- | --- |\n| 10:05 | 決済エラーが発生 |\n| 10:09 | アラートを検知 |\n| 10:20 | 切り戻しを実施 |\n| 10:31 | 復旧を確認 |\n');
  assert.deepEqual(incidentTimes(incidentPhases(ja)), { detect: 4 * 60, mitigate: 15 * 60, resolve: 26 * 60 });
  // Error responses told as seen ("Status 503 messages witnessed") mark the impact; a status code in passing does not.
  const seen = buildModel('# x\n\n## Timeline\n\n| Time | Event |\n| --- | --- |\n| 08:32 | Kubernetes upgrade commenced |\n| 09:59 | Release 0.2.119 of the modules |\n| 10:00 | Status 503 messages witnessed |\n| 10:04 | Target group reattached (resolved) |\n');
  assert.equal(incidentPhases(seen).start?.entry.timeText, '10:00');
  const passing = buildModel('# x\n\n## Timeline\n\n| Time | Event |\n| --- | --- |\n| 08:32 | Upgrade commenced |\n| 09:59 | Runbook for 503 responses reviewed |\n| 10:04 | Resolved |\n');
  assert.equal(incidentPhases(passing).start?.entry.timeText, '08:32');
  // "not yet resolved" is not a recovery.
  const notYet = buildModel('# x\n\n## Timeline\n\n| Time | Event |\n| --- | --- |\n| 10:00 | Errors began |\n| 10:30 | Still not resolved |\n');
  assert.equal(incidentPhases(notYet).resolve, undefined);
  // Out of order: no spans.
  const unordered = buildModel('# x\n\n## Timeline\n\n| Time | Event |\n| --- | --- |\n| 10:00 | Errors began |\n| 09:30 | Resolved |\n| 09:40 | Alert fired |\n');
  assert.deepEqual(incidentTimes(incidentPhases(unordered)), {});
});

test('action records: open, done, overdue and tickets', () => {
  const doc = buildModel(`# Outage

**Date**: 2025-02-09

## Action Items

| ID | Action | Owner | Deadline | Priority | Status | Bug |
| --- | --- | --- | --- | --- | --- | --- |
| AI-1 | Add a canary | @alice | 2025-03-01 | P1 | Open | OPS-12 |
| AI-2 | Pin the timeout | @bob | 2025-02-20 | P2 | Done | |
| OPS-7 | Alert on errors | @carol | March 30, 2025 | High | In progress | n/a **TODO** |
| AI-4 | Write runbook, see https://wiki.example/rb | team-x | Q3 | | | |
`);
  const r = actionRecords(doc, '2025-03-15');
  assert.deepEqual(r.map((x) => [x.id, x.open, x.overdue, x.ticket, x.due]), [
    ['AI-1', true, true, 'OPS-12', '2025-03-01'],
    ['AI-2', false, false, '', '2025-02-20'],
    ['OPS-7', true, false, 'OPS-7', '2025-03-30'],
    // A quarter falls due at its end, in the report's year.
    ['AI-4', true, false, 'https://wiki.example/rb', '2025-09-30'],
  ]);
  assert.equal(r[0].line, 9);
  assert.equal(r[0].owner, '@alice');
  const list = actionRecords(buildModel('# x\n\n## Action Items\n\n- [x] Pin the timeout, owner: @bob\n- [ ] Add a canary (#42), owner: @alice\n'), '2025-01-01');
  assert.deepEqual(list.map((x) => [x.action, x.owner, x.open, x.ticket, x.status]), [
    ['Pin the timeout, owner: @bob', '@bob', false, '', 'done'],
    ['Add a canary (#42), owner: @alice', '@alice', true, '#42', 'open'],
  ]);
});

test('a deadline written as a quarter, a part of a month or a horizon falls due on a day; a horizon needs the report\'s date', () => {
  const cases: [string, string | undefined, string | undefined][] = [
    ['2026-03-01', undefined, '2026-03-01'],
    ['Q3', '2026-01-05', '2026-09-30'],
    ['Q1', '2026-11-05', '2027-03-31'],
    ['Q4 2025 - Q1 2026', '2025-09-29', '2026-03-31'],
    ['H2 2026', undefined, '2026-12-31'],
    ['3月末', '2026-01-05', '2026-03-31'],
    ['3月上旬', '2026-01-05', '2026-03-10'],
    ['Next 2h', '2026-01-05', '2026-01-05'],
    ['Next 24h', '2026-01-05', '2026-01-06'],
    ['within 30 days', '2026-01-05', '2026-02-04'],
    ['next 2 weeks', '2026-01-05', '2026-01-19'],
    ['this week', '2026-01-05', '2026-01-11'],
    ['Next week', '2026-01-05', '2026-01-18'],
    ['this month', '2026-01-31', '2026-01-31'],
    ['end of quarter', '2026-01-05', '2026-03-31'],
    ['1ヶ月以内', '2026-01-31', '2026-02-28'],
    ['今週', '2026-01-05', '2026-01-11'],
    ['来月', '2026-01-05', '2026-02-28'],
    ['Next 2h', undefined, undefined],
    ['Q3', undefined, undefined],
    ['TBD', '2026-01-05', undefined],
    ['Short-term', '2026-01-05', undefined],
  ];
  for (const [deadline, report, want] of cases) assert.equal(dueDate(deadline, report), want, `${deadline} from ${report}`);
});

test('a sub-heading states a deadline in the words dueDate reads, and each one it finds falls due', () => {
  const cases: [string, string | undefined, string | undefined][] = [
    ['Short-term (Next 2h)', 'Next 2h', '2026-01-05'],
    ['Long-term (Q3)', 'Q3', '2026-09-30'],
    ['Roadmap: Q4 2025 - Q1 2026', 'Q4 2025 - Q1 2026', '2026-03-31'],
    ['H2 2026 goals', 'H2 2026', '2026-12-31'],
    ['Immediate (this week)', 'this week', '2026-01-11'],
    ['By the end of the month', 'By the end of the month', '2026-01-31'],
    ['Next sprint', 'Next sprint', undefined],
    ['中期（1ヶ月以内）', '1ヶ月以内', '2026-02-05'],
    ['短期（今週中）', '今週', '2026-01-11'],
    ['長期（3月末まで）', '3月末', '2026-03-31'],
    ['今期の取り組み', '今期', undefined],
    ['Short-term', undefined, undefined],
    ['Immediate actions', undefined, undefined],
    ['Quality gates', undefined, undefined],
  ];
  for (const [heading, phrase, due] of cases) {
    assert.equal(headingDeadline(heading), phrase, heading);
    if (phrase) assert.equal(dueDate(phrase, '2026-01-05'), due, phrase);
  }
});

test('a list item states its deadline in the dates due.ts reads, and each one falls due', () => {
  const cases: [string, string | undefined, string | undefined][] = [
    ['Add a canary (due 2026-03-01)', '2026-03-01', '2026-03-01'],
    ['Rotate the keys by March 1st', 'March 1st', '2026-03-01'],
    ['Shard the queue, target Q3 FY26', 'Q3 FY26', '2026-09-30'],
    ['監視を追加する（期限: 3月末）', '3月末', '2026-03-31'],
    ['手順書を更新する 2月15日まで', '2月15日', '2026-02-15'],
    ['Add a runbook (deadline: TBD)', undefined, undefined],
  ];
  for (const [item, written, due] of cases) {
    assert.equal(listDeadline(item), written, item);
    if (written) assert.equal(dueDate(written, '2026-01-05'), due, written);
  }
});

test('today: a config key checked as a date; overdue-action uses it', () => {
  // A date that is not one is dropped and reported (the clock is used instead).
  assert.deepEqual(resolveConfig({ today: '2025-13-45' }).problems, ['today: "2025-13-45" is not a date YYYY-MM-DD (ignored)']);
  assert.equal(resolveConfig({ today: 'yesterday' }).today, undefined);
  const text = '# x\n\n**Date**: 2025-01-01\n\n## Action Items\n\n| ID | Action | Owner | Deadline | Status |\n| --- | --- | --- | --- | --- |\n| AI-1 | Add a canary | @a | 2025-02-01 | Open |\n';
  const rule = RULES.filter((r) => r.id === 'overdue-action');
  assert.equal(lint(text, { rules: rule, config: resolveConfig({ today: '2025-02-01' }) }).findings.length, 0, 'due today is not overdue');
  const f = lint(text, { rules: rule, config: resolveConfig({ today: '2025-02-02' }) }).findings;
  assert.equal(f.length, 1);
  assert.match(f[0].message, /was due 2025-02-01 \(1 days ago\)/);
  // Its fixes: a new deadline two weeks from today, or done.
  const moved = applyEdits(text, f[0].fixes![0].edits).text;
  assert.ok(moved.includes('| 2025-02-16 | Open |'), moved);
  const done = applyEdits(text, f[0].fixes![1].edits).text;
  assert.ok(done.includes('| 2025-02-01 | Done |'), done);
  assert.equal(lint(done, { rules: rule, config: resolveConfig({ today: '2025-02-02' }) }).findings.length, 0);
});

test('quick fixes of missing-follow-up and duration-mismatch resolve their findings', () => {
  const text = '# Outage\n\n**Date**: 2025-02-09  \n**Duration**: 1h 35min  \n**Authors**: @a\n\n## Timeline (UTC)\n\n| Time | Event |\n| --- | --- |\n| 10:05 | Errors began |\n| 10:40 | Recovered |\n';
  const rules = RULES.filter((r) => r.id === 'missing-follow-up' || r.id === 'duration-mismatch');
  const before = lint(text, { rules }).findings;
  assert.deepEqual(before.map((f) => f.rule).sort(), ['duration-mismatch', 'missing-follow-up']);
  let fixed = text;
  for (const f of before) fixed = applyEdits(fixed, f.fixes![0].edits).text;
  assert.ok(fixed.includes('**Duration**: 35m  \n'), fixed);
  assert.ok(fixed.includes('**Authors**: @a\n**Follow-up review**: 2025-03-09\n'), fixed);
  assert.deepEqual(lint(fixed, { rules }).findings, []);
});

test('duration-mismatch stays quiet without a recovery row, or when either span agrees', () => {
  const rules = RULES.filter((r) => r.id === 'duration-mismatch');
  const head = '# x\n\n**Date**: 2025-02-09\n**Duration**: 3 hours\n\n## Timeline (UTC)\n\n| Time | Event |\n| --- | --- |\n';
  assert.equal(lint(head + '| 10:00 | Errors began |\n| 10:30 | Alert fired |\n', { rules }).findings.length, 0, 'no recovery row');
  assert.equal(lint(head + '| 07:40 | Deploy |\n| 10:00 | Errors began |\n| 10:30 | Resolved |\n', { rules }).findings.length, 0, 'first to last row agrees');
  assert.equal(lint(head + '| 10:00 | Errors began |\n| 10:30 | Resolved |\n', { rules }).findings.length, 1);
  // Within 20%: 3 hours against 2h 40m is 11% off.
  assert.equal(lint(head + '| 10:00 | Errors began |\n| 12:40 | Resolved |\n', { rules }).findings.length, 0);
  // "Time to repair": detection to the repair, while the timeline goes on to a later resolution.
  const repair = '# x\n\n**Date**: 2025-02-09\n**Time to repair**: 0h 55m\n\n## Timeline (UTC)\n\n| Time | Event |\n| --- | --- |\n';
  const rows = '| 10:23 | Users reported pods deleted |\n| 10:26 | Alert fired |\n| 10:50 | DPS service is down |\n| 11:21 | Incident repaired |\n| 13:11 | Incident resolved |\n';
  assert.equal(lint(repair + rows, { rules }).findings.length, 0, 'detection to repair agrees');
  assert.equal(lint(repair.replace('0h 55m', '5h 30m') + rows, { rules }).findings.length, 1, 'a figure no span fits is still flagged');
});

test('invalid-severity takes the common ways of writing a level of the scale and flags values off it', () => {
  const rules = RULES.filter((r) => r.id === 'invalid-severity');
  const doc = (v: string) => `# x\n\n**Date**: 2025-02-09\n**Severity**: ${v}\n\n## Summary\n\nA queue stalled.\n`;
  for (const v of ['SEV-2', 'Sev 2', 'S2', 'P1', 'P1 High', 'P0', 'SEV0', '🔴 Critical', 'S3。ローカルの意図的な障害で', 'Medium — log noise', 'High (customer facing)']) {
    assert.deepEqual(lint(doc(v), { rules }).findings.map((f) => f.rule), [], v);
  }
  for (const v of ['banana', 'very high', 'P7', 'SEV-9', '🔴 Urgent']) {
    assert.deepEqual(lint(doc(v), { rules }).findings.map((f) => f.rule), ['invalid-severity'], v);
  }  // A team's own scale without SEV levels takes no P or level-0 aliases.
  const config = resolveConfig({ severityScale: ['Low', 'High'] });
  assert.deepEqual(lint(doc('P1'), { rules, config }).findings.map((f) => f.rule), ['invalid-severity']);
  assert.deepEqual(lint(doc('High impact'), { rules, config }).findings.map((f) => f.rule), []);
});
