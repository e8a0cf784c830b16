import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseTime, parseDate, findZoneName } from '../../server/src/engine/time';
import { buildModel } from '../../server/src/engine/model';
import { lint } from '../../server/src/engine/lint';
import { resolveConfig } from '../../server/src/engine/config';
import { applyEdits } from '../../server/src/engine/edits';
import { incidentWindow } from '../../server/src/engine/import/plan';
import { mergeRows } from '../../server/src/engine/import/merge';
import { assertGrowsLinearly, fastestOfEach } from '../helpers/growth';

test('parseTime reads the forms people write in timelines', () => {
  const cases: [string, Partial<{ date: string; secondsOfDay: number; offsetMinutes: number }>][] = [
    ['10:05', { secondsOfDay: 36300 }],
    ['10:05:30', { secondsOfDay: 36330 }],
    ['10:05 UTC', { secondsOfDay: 36300, offsetMinutes: 0 }],
    ['2025-02-09 10:05 UTC', { date: '2025-02-09', secondsOfDay: 36300, offsetMinutes: 0 }],
    ['2025-02-09T10:05:00Z', { date: '2025-02-09', secondsOfDay: 36300, offsetMinutes: 0 }],
    ['2025-02-09T10:05:00.123+09:00', { date: '2025-02-09', secondsOfDay: 36300.123, offsetMinutes: 540 }],
    ['3:28 PM PST', { secondsOfDay: 15 * 3600 + 28 * 60, offsetMinutes: -480 }],
    ['12:10 AM', { secondsOfDay: 600 }],
    ['**22:40**', { secondsOfDay: 22 * 3600 + 40 * 60 }],
    ['2025年4月18日 10:02 JST', { date: '2025-04-18', secondsOfDay: 36120, offsetMinutes: 540 }],
    ['Feb 9, 2025 10:05', { date: '2025-02-09', secondsOfDay: 36300 }],
    ['10:05 (UTC+2)', { secondsOfDay: 36300, offsetMinutes: 120 }],
    ['10:05 (UTC)', { secondsOfDay: 36300, offsetMinutes: 0 }],
    ['10:05 (UTC) 01:05 server', { secondsOfDay: 36300, offsetMinutes: 0 }],
  ];
  for (const [s, want] of cases) {
    const got = parseTime(s);
    assert.ok(got, `parses ${s}`);
    for (const [k, v] of Object.entries(want)) assert.equal((got as unknown as Record<string, unknown>)[k], v, `${s}: ${k}`);
  }
});

test('a bracket that opens with a zone and then gives a second time is not the first time\'s zone', () => {
  // `15:22:42 (UTC 06:22:42)` under "## タイムライン (JST)": the row is 15:22:42 JST, its UTC twin in brackets.
  for (const s of ['15:22:42 (UTC 06:22:42)', '15:22 (UTC 06:22)', '15:22 (GMT 6:22)', '15:22 (PST 22:22)']) {
    const got = parseTime(s, 2026);
    assert.deepEqual(got && [got.secondsOfDay, got.offsetMinutes, got.zone], [15 * 3600 + 22 * 60 + (s.startsWith('15:22:42') ? 42 : 0), undefined, undefined], s);
  }
  const text = ['# Incident: x', '', '## Timeline (JST)', '', '| Time | Event |', '|---|---|', '| 15:22 | restart |', '| 15:22:42 (UTC 06:22:42) | nginx up |', '| 15:23 | health 200 |', ''].join('\n');
  assert.deepEqual(lint(text, { config: resolveConfig({}) }).findings.filter((d) => d.rule === 'timeline-order'), []);
  // The look-alike: a zone in its own brackets still names the row's zone, so this row is out of order.
  const bad = ['# Incident: x', '', '## Timeline (JST)', '', '| Time | Event |', '|---|---|', '| 15:22 | restart |', '| 15:22:42 (UTC) | nginx up |', '| 15:23 | health 200 |', ''].join('\n');
  assert.equal(lint(bad, { config: resolveConfig({}) }).findings.filter((d) => d.rule === 'timeline-order').length, 1);
});

test('parseTime reads offsets from the incident start at the start of an entry, with no zone', () => {
  const cases: [string, number, number][] = [
    ['T+00:00', 0, 60],
    ['T+00:08', 480, 60],
    ['T+01:02:03', 3723, 1],
    ['T-1h', -3600, 3600],
    ['T+1h30m', 5400, 60],
    ['T+5 min', 300, 60],
    ['+00:08', 480, 60],
    ['+5m: paged', 300, 60],
    ['T+90s', 90, 1],
    ['T+2d', 172800, 86400],
  ];
  for (const [s, seconds, precision] of cases) {
    const got = parseTime(s, 2024, { entry: true });
    assert.deepEqual(got && [got.relative, got.secondsOfDay, got.precision, got.zone], [true, seconds, precision, undefined], s);
  }
  // Not offsets: a percentage or a count, a bare minus, a unit glued to a word, and any offset outside an entry.
  for (const s of ['+5% errors', '+1 node', '-00:05', '+5ms', '+5mx']) assert.ok(!parseTime(s, 2024, { entry: true })?.relative, s);
  assert.equal(parseTime('T+00:05', 2024), undefined);
  assert.ok(!parseTime('+5m', 2024)?.relative);
});

test('parseTime rejects what is not a time', () => {
  for (const s of ['08:xx', 'soon', '25:00', '10:75', '13:00 AM', '0:30 PM', '']) assert.equal(parseTime(s), undefined, s);
});

test('parseDate reads header and deadline dates', () => {
  assert.equal(parseDate('2025-02-09'), '2025-02-09');
  assert.equal(parseDate('Feb 9, 2025'), '2025-02-09');
  assert.equal(parseDate('9 February 2025'), '2025-02-09');
  assert.equal(parseDate('2025年2月9日'), '2025-02-09');
  assert.equal(parseDate('2025-02-30'), undefined);
  assert.equal(parseDate('next sprint'), undefined);
});

test('findZoneName finds the zone named for a timeline', () => {
  assert.deepEqual(findZoneName('Timeline (all times UTC)'), { zone: 'UTC', offsetMinutes: 0 });
  assert.deepEqual(findZoneName('All times in PST'), { zone: 'PST', offsetMinutes: -480 });
  assert.equal(findZoneName('Timeline')?.zone, undefined);
  assert.equal(findZoneName('タイムライン（日本時間）')?.zone, 'JST');
});

test('findZoneName reads zones written out in words, and the abbreviations that do not end in T', () => {
  const cases: [string, string, number][] = [
    ['Timeline (all times West African Time)', 'WAT', 60],
    ['All times are in West Africa Time', 'WAT', 60],
    ['Timeline (Central European Summer Time)', 'CEST', 120],
    ['Times: Central European Time', 'CET', 60],
    ['Timeline (Japan Standard Time)', 'JST', 540],
    ['All times Indian Standard Time', 'IST', 330],
    ['Timeline (Coordinated Universal Time)', 'UTC', 0],
    ['Timeline in Australian Eastern Daylight Time', 'AEDT', 660],
    ['Timeline (Moscow Time)', 'MSK', 180],
    ['Timeline (MSK)', 'MSK', 180],
    ['Timeline (WIB)', 'WIB', 420],
  ];
  for (const [text, zone, offset] of cases) assert.deepEqual(findZoneName(text), { zone, offsetMinutes: offset }, text);
  // Words that only look like a zone's name say nothing.
  assert.equal(findZoneName('Timeline of the European rollout'), undefined);
  assert.equal(findZoneName('Time to recovery was long for Japan customers'), undefined);
});

const report = (rows: string[], heading = '## Timeline (all times UTC)', header = '**Date**: 2025-06-30') =>
  ['# Post-mortem: x', '', header, '', heading, '', '| Time | Event |', '| --- | --- |', ...rows.map((r) => `| ${r} | e |`), ''].join('\n');

test('a timeline crossing midnight is a rollover, not disorder', () => {
  const m = buildModel(report(['23:50', '23:58', '00:05', '00:40']));
  const e = m.timeline.entries;
  assert.deepEqual(e.map((x) => x.rollover ?? false), [false, false, true, false]);
  assert.ok(e.every((x, i) => i === 0 || x.epoch! > e[i - 1].epoch!));
  assert.equal(new Date(e[2].epoch! * 1000).toISOString(), '2025-07-01T00:05:00.000Z');
});

test('a long backward step is disorder, not a rollover', () => {
  const e = buildModel(report(['10:00', '09:00'])).timeline.entries;
  assert.ok(e[1].epoch! < e[0].epoch!);
  assert.equal(e[1].rollover, undefined);
});

test('zones in cells and in the heading are applied before ordering', () => {
  const e = buildModel(report(['10:00 UTC', '19:30 JST'], '## Timeline')).timeline.entries;
  // 19:30 JST is 10:30 UTC.
  assert.equal(e[1].epoch! - e[0].epoch!, 1800);
  const h = buildModel(report(['10:00', '11:00'], '## Timeline (all times JST)')).timeline;
  assert.equal(h.zone?.offsetMinutes, 540);
  assert.equal(new Date(h.entries[0].epoch! * 1000).toISOString(), '2025-06-30T01:00:00.000Z');
});

test('separate Date and Time columns combine, with the year from the Date header', () => {
  const text = ['# Post-mortem: x', '', '## Timeline', '', '| Day | Date (2021) | Time (PT) | Event |', '| - | - | - | - |', '| Sun | Oct 31 | 23:50 | a |', '| Mon | Nov 1 | 00:10 | b |', ''].join('\n');
  const tl = buildModel(text).timeline;
  assert.equal(tl.zone?.zone, 'PT');
  assert.equal(tl.entries[0].time?.date, '2021-10-31');
  // PT on 2021-11-01 is still daylight time (PDT, UTC-7): US clocks went back on November 7.
  assert.equal(new Date(tl.entries[1].epoch! * 1000).toISOString(), '2021-11-01T07:10:00.000Z');
});

test('approximate times and day-only rows are read', () => {
  assert.equal(parseTime('~2025-03-03 19:30')?.date, '2025-03-03');
  assert.deepEqual(parseTime('2023-07-10'), { date: '2023-07-10', secondsOfDay: 0, start: 0, end: 10, dateOnly: true });
});

test('bold-label sections (`- **Impact**:`) count as sections, and their nested items as action items', () => {
  const text = ['# Incident on 2022-01-22 - DNS records deleted', '', '- **Key events**', '  - First detected 2022-01-22 11:57', '', '- **Impact**:', '  - 2 sites were unavailable', '', '- **Review actions**:', '  - Create pingdom alerts for test apps', '  - Investigate the issue', ''].join('\n');
  const m = buildModel(text);
  assert.equal(m.sectionOf('impact')?.title, 'Impact');
  assert.equal(m.sectionOf('timeline')?.title, 'Key events');
  assert.deepEqual(m.actionItems.items.map((i) => i.text), ['Create pingdom alerts for test apps', 'Investigate the issue']);
  assert.equal(m.incidentDate, '2022-01-22');
});

test('parseTime reads dates in any common order, Japanese dates and times, and the lead-ins people write', () => {
  const cases: [string, Record<string, unknown>][] = [
    ['2024-03-09 23:58', { date: '2024-03-09', secondsOfDay: 86280 }],
    ['26/03/2024 10:00', { date: '2024-03-26', secondsOfDay: 36000, order: 'dmy' }],
    ['03-26-2024 10:00', { date: '2024-03-26', order: 'mdy' }],
    ['09.03.2024 10:00', { date: '2024-03-09', order: 'dmy' }],
    ['3rd Feb 2024 08:10', { date: '2024-02-03', secondsOfDay: 29400 }],
    ['Feb 3, 2024 08:10', { date: '2024-02-03', secondsOfDay: 29400 }],
    ['08:10 3rd Feb 2024 UTC', { date: '2024-02-03', secondsOfDay: 29400, offsetMinutes: 0, end: 22 }],
    ['2024年3月9日 23時52分', { date: '2024-03-09', secondsOfDay: 85920 }],
    ['2024年3月9日（土）23:52', { date: '2024-03-09', secondsOfDay: 85920 }],
    ['3月9日 23:52', { date: '2024-03-09', yearless: true }],
    ['23時52分', { secondsOfDay: 85920 }],
    ['翌02:10', { secondsOfDay: 7800, nextDay: true }],
    ['~09:40', { secondsOfDay: 34800 }],
    ['9:40 PM', { secondsOfDay: 78000 }],
    ['9am', { secondsOfDay: 32400 }],
    ['07:45 CET: paged', { secondsOfDay: 27900, offsetMinutes: 60, end: 9 }],
    ['[03-26 02:50] reported', { date: '2024-03-26', start: 1, end: 12, yearless: true }],
    ['2022-02-02 1625: huddle', { date: '2022-02-02', secondsOfDay: 59100 }],
    ['Feb 28th **01:52** `@a`', { date: '2024-02-28', secondsOfDay: 6720 }],
    ['`07:35` funded', { secondsOfDay: 27300, start: 1, end: 6 }],
    ['**± 17:20 UTC:** snapshot', { secondsOfDay: 62400, start: 2, offsetMinutes: 0 }],
    ['2021-08-17: report received', { date: '2021-08-17', dateOnly: true }],
    ['`May 31` contract deployed', { date: '2024-05-31', dateOnly: true }],
    ['24/07/25', { date: '2025-07-24', dateOnly: true }],
    ['Sat 3 Feb 2024 10:00', { date: '2024-02-03', secondsOfDay: 36000 }],
    ['19. April, 11:00', { date: '2024-04-19', secondsOfDay: 39600 }],
    ['2018-01-17 17:14pm', { date: '2018-01-17', secondsOfDay: 17 * 3600 + 14 * 60 }],
    // A range is its start, not a zone 13:45 behind UTC; a negative offset counts in ISO timestamps and after seconds.
    ['~13:30-13:45', { secondsOfDay: 48600, offsetMinutes: undefined, end: 6 }],
    ['2025-02-09T10:05:00-05:00', { offsetMinutes: -300 }],
    ['10:05:00-05:00', { offsetMinutes: -300 }],
    ['10:05+09:00', { offsetMinutes: 540 }],
    // A day with its time unknown, or the first day of a range, orders as that day.
    ['2019-12-03 --:--', { date: '2019-12-03', dateOnly: true }],
    ['2022-02-02 X: messaged', { date: '2022-02-02', dateOnly: true }],
    ['Between 2023-07-10 to 2023-07-16', { date: '2023-07-10', dateOnly: true }],
    // A notice's prose and rows: the date joined to its time by の, the zone after 頃, a bullet typed as a character.
    ['8月29日の17:30頃(日本時間)、クローラで障害', { date: '2024-08-29', secondsOfDay: 63000, offsetMinutes: 540, zone: 'JST' }],
    ['17:30頃（協定世界時）', { secondsOfDay: 63000, offsetMinutes: 0 }],
    ['  • 17:00 データベースの負荷を検知', { secondsOfDay: 61200, start: 4 }],
    ['・10:05 再起動', { secondsOfDay: 36300, start: 1 }],
  ];
  for (const [s, want] of cases) {
    const got = parseTime(s, 2024) as unknown as Record<string, unknown> | undefined;
    assert.ok(got, `parses ${s}`);
    for (const [k, v] of Object.entries(want)) assert.equal(got[k], v, `${s}: ${k}`);
  }
  // Day and month both 12 or less: the report decides, the parser does not guess.
  assert.deepEqual(parseTime('09/03/2024 10:00')?.dayMonth, { a: 9, b: 3, year: 2024 });
  assert.equal(parseTime('09/03/2024 10:00')?.date, undefined);
  assert.deepEqual(parseTime('**12-05-2025 08:30 UTC**')?.dayMonth, { a: 12, b: 5, year: 2025 });
  for (const s of ['1625', '10-12 users', 'May cause issues', '8月29日の件', '• item', '2024-03-09 xyz', '[???] degraded', 'between us', '3 users']) assert.equal(parseTime(s, 2024), undefined, s);
});

test('the time patterns stay linear on long runs of spaces, digits and separators', () => {
  // Each input at n and 4n characters of its run; parsing 20 copies makes a run longer than the timer's noise.
  const inputs: ((n: number) => string)[] = [
    (n) => '2024-03-09' + ' '.repeat(n) + 'x',
    (n) => '1'.repeat(n),
    (n) => '12/'.repeat(n / 2.5),
    (n) => '**'.repeat(n / 2.5),
    (n) => 'Feb' + ' '.repeat(n) + '3',
    (n) => '10:00' + ' '.repeat(n) + 'on' + ' '.repeat(n),
    (n) => '3rd' + '\u00a0'.repeat(n) + 'Feb',
    (n) => '2024年' + ' '.repeat(n) + '3月',
    (n) => 'T+' + '1'.repeat(n),
    (n) => '+' + '5'.repeat(n) + 'm',
  ];
  const n = 12_500;
  const parse20 = (s: string) => () => {
    for (let i = 0; i < 20; i++) parseTime(s, 2024, { entry: true });
  };
  for (const input of inputs) {
    assertGrowsLinearly(`${JSON.stringify(input(4).slice(0, 12))}… of ${input(4 * n).length} characters`, () =>
      fastestOfEach({ small: parse20(input(n)), large: parse20(input(4 * n)), control: parse20('x'.repeat(input(4 * n).length)) }),
    );
  }
});

test('the growth check fails work that grows with the square of its input', () => {
  // `a*b` searched in a run of a without b tries every start and every length: quadratic in V8.
  const search = (s: string) => () => /a*b/.test(s);
  const n = 2_000;
  assert.throws(
    () => assertGrowsLinearly('a*b in a run of a', () => fastestOfEach({ small: search('a'.repeat(n)), large: search('a'.repeat(4 * n)), control: search('x'.repeat(4 * n)) })),
    /the input of 4n took/,
  );
});

const lintOrder = (text: string) => lint(text).findings.filter((d) => d.rule === 'timeline-order').map((d) => d.range.start.line + 1);

test('a time-only row belongs to the day that puts it nearest the row before it', () => {
  // 23:52 -> 00:04 crosses midnight; 00:04 -> 23:30 is a step back; 23:30 -> 00:19 crosses again.
  const text = report(['23:52', '00:04', '23:30', '00:19']);
  assert.deepEqual(lintOrder(text), [11]);
  const e = buildModel(text).timeline.entries;
  assert.deepEqual(e.map((x) => new Date(x.epoch! * 1000).toISOString().slice(0, 16)), ['2025-06-30T23:52', '2025-07-01T00:04', '2025-06-30T23:30', '2025-07-01T00:19']);
  // A long day is not a step back: 10:00 -> 22:30 is the same day, and 23:55 -> 07:00 the next.
  assert.deepEqual(lintOrder(report(['10:00', '22:30', '23:55', '07:00'])), []);
  // Never before the report's day: 10:00 -> 09:00 is a step back on the same day.
  assert.deepEqual(lintOrder(report(['10:00', '09:00'])), [10]);
});

test('a date and a zone in the cell are read: 08:10 3rd Feb after 16:40 2nd Feb is in order', () => {
  const text = report(['16:40 2nd Feb 2024 UTC', '08:10 3rd Feb 2024 UTC'], '## Timeline');
  assert.deepEqual(lint(text).findings.filter((d) => d.rule.startsWith('timeline')).map((d) => d.rule), []);
  assert.deepEqual(lintOrder(report(['16:40 3rd Feb 2024 UTC', '08:10 3rd Feb 2024 UTC'])), [10]);
  // 翌 is the day after the report's day.
  assert.deepEqual(lintOrder(report(['23:40', '翌00:10', '翌02:10'])), []);
});

test('numeric dates: the report settles day-month order, or they are reported as ambiguous', () => {
  // 26/03 settles day-first for the whole report, so 09/03 is 9 March and 10/03 10 March.
  let tl = buildModel(report(['09/03/2024 23:50', '10/03/2024 00:10', '26/03/2024 09:00'], '## Timeline (all times UTC)', '')).timeline;
  assert.equal(tl.dayMonthOrder, 'dmy');
  assert.deepEqual(tl.entries.map((e) => new Date(e.epoch! * 1000).toISOString().slice(0, 10)), ['2024-03-09', '2024-03-10', '2024-03-26']);
  // Nothing settles it, but the report's date does: 12-05-2025 is 12 May when the report is of 2025-05-12.
  tl = buildModel(report(['12-05-2025 08:30 UTC', '12-05-2025 09:10 UTC'], '## Timeline', '**Date**: 2025-05-12')).timeline;
  assert.equal(tl.dayMonthOrder, 'dmy');
  assert.equal(tl.ambiguousDates.length, 0);
  // Nothing settles it: reported once, and ordered by time alone.
  const text = report(['09/03/2024 10:00', '10/03/2024 09:00'], '## Timeline (all times UTC)', '');
  tl = buildModel(text).timeline;
  assert.equal(tl.dayMonthOrder, undefined);
  assert.equal(tl.ambiguousDates.length, 2);
  const f = lint(text).findings.filter((d) => d.rule === 'timeline-time-format');
  assert.equal(f.length, 1);
  assert.match(f[0].message, /09\/03\/2024/);
});

test('dates without a year take the year nearest the rows around them', () => {
  const text = ['# Post-mortem: x', '', '**Date**: 2019-03-26', '', '## Timeline (UTC)', '', '- [12-05 16:21] bug introduced', '- [03-20 16:46] spec updated', '- [03-26 23:04] drained', '- [03-26 02:50] reported', ''].join('\n');
  const e = buildModel(text).timeline.entries;
  assert.equal(new Date(e[0].epoch! * 1000).toISOString().slice(0, 10), '2018-12-05');
  assert.deepEqual(lintOrder(text), [10]);
});

test('parseTime reads 14.43 where its context says it is a time, and leaves versions and decimals alone', () => {
  const hm = (s: string, entry: boolean) => {
    const t = parseTime(s, 2024, { entry });
    return t && !t.dateOnly ? `${t.date ? t.date + ' ' : ''}${Math.floor(t.secondsOfDay / 3600)}:${String((t.secondsOfDay % 3600) / 60).padStart(2, '0')}${t.zone ? ' ' + t.zone : ''}` : undefined;
  };
  // A zone, a clock word, AM/PM or a full date next to it: a time wherever it stands.
  assert.equal(hm('14.43 UTC', false), '14:43 UTC');
  assert.equal(hm('14.43 CET: paged', false), '14:43 CET');
  assert.equal(hm('kl. 14.43', false), '14:43');
  assert.equal(hm('klo 9.05 hälytys', false), '9:05');
  assert.equal(hm('um 14.43 Uhr', false), '14:43');
  assert.equal(hm('2.30pm', false), '14:30');
  assert.equal(hm('2024-04-15 14.43', false), '2024-04-15 14:43');
  assert.equal(hm('15.04.2024 14.43', true), '2024-04-15 14:43');
  // At the start of a timeline entry: followed by punctuation, the end, or (two-digit hour) the event.
  assert.equal(hm('14.43', true), '14:43');
  assert.equal(hm('**14.43**', true), '14:43');
  assert.equal(hm('09.12 – page sent', true), '9:12');
  assert.equal(hm('14.43 Incident declared', true), '14:43');
  assert.equal(hm('1.34: release tagged', true), '1:34');
  // Look-alikes: versions, decimals, amounts and section numbers.
  for (const s of ['1.34 rolled out', '1.34.2', '3.5 seconds', '2.1 Detection', '10.15 seconds later', '12.50%', '99.95', '14.43.20', '12.05.', '2.51 EUR']) {
    assert.equal(hm(s, true), undefined, `entry: ${s}`);
  }
  for (const s of ['14.43', '1.34', '14.43 Incident declared', '1.34: release tagged', 'Kubernetes 1.34 upgrade']) assert.equal(hm(s, false), undefined, `prose: ${s}`);
  // A day before a number that is not a time is still that day.
  assert.equal(parseTime('2024-03-09 10.15 seconds', 2024)?.dateOnly, undefined);
  assert.deepEqual(parseTime('**2024-03-09** 10.15 seconds', 2024, { entry: true })?.dateOnly, true);
});

test('a time says how long it spans: a minute written after a second of that minute is not earlier', () => {
  assert.equal(parseTime('10:05')?.precision, 60);
  assert.equal(parseTime('10:05:30')?.precision, 1);
  assert.equal(parseTime('10:05:30.120')?.precision, 0.001);
  assert.equal(parseTime('9am')?.precision, 3600);
  assert.equal(parseTime('10時')?.precision, 3600);
  assert.equal(parseTime('10時05分')?.precision, 60);
  const report = (rows: string[]) => `# Post-mortem: x\n\nDate: 2026-05-15\n\n## Timeline (JST)\n\n| Time | Event |\n| --- | --- |\n${rows.map((r) => `| ${r} | e |`).join('\n')}\n`;
  // `08:18` (the minute) after `08:18:20`: the same minute, in order. `08:17` after it: earlier.
  assert.deepEqual(lintOrder(report(['2026-05-15 08:18:19', '2026-05-15 08:18:20', '2026-05-15 08:18 〜 2026-05-17'])), []);
  assert.deepEqual(lintOrder(report(['08:18:20', '08:17'])), [10]);
  assert.deepEqual(lintOrder(report(['08:18:20', '08:18:19'])), [10]);
});

test('an estimated time (~, approx., about, 頃) is read to the minute: a step back of seconds beside one is in order, a step back of minutes is not', () => {
  for (const t of ['~16:50', '≈16:50', 'approx. 16:50', 'about 16:50', '2024-03-05 ~16:50', '2024-03-05 about 16:50', '16時50分頃', '16:50頃']) assert.equal(parseTime(t, 2024)?.approx, true, t);
  for (const t of ['16:50', 'between 16:50 and 17:00', 'from 16:50', '16時50分過ぎ', '2024-03-05 16:50']) assert.equal(parseTime(t, 2024)?.approx, undefined, t);
  const report = (rows: string[]) => `# Post-mortem: x\n\nDate: 2026-05-15\n\n## Timeline (UTC)\n\n| Time | Event |\n| --- | --- |\n${rows.map((r) => `| ${r} | e |`).join('\n')}\n`;
  assert.deepEqual(lintOrder(report(['16:50:25', '~16:50:00', '16:52'])), []);
  assert.deepEqual(lintOrder(report(['~16:53', '16:52'])), []);
  assert.deepEqual(lintOrder(report(['~16:55', '16:52'])), [10]);
  assert.deepEqual(lintOrder(report(['16:50:25', '~16:48'])), [10]);
  assert.deepEqual(lintOrder(report(['16:50:25', '16:50:00'])), [10]);
});

test('a date and its time joined by a slash ("2023-01-04/11:34") is that time; a range of days is not', () => {
  assert.deepEqual(parseTime('*2023-01-04/11:34* Attack starts', 2023, { entry: true })?.date, '2023-01-04');
  assert.equal(parseTime('*2023-01-04/11:34* Attack starts', 2023, { entry: true })?.secondsOfDay, 41640);
  assert.equal(parseTime('2023-01-04/05 planned', 2023, { entry: true }), undefined);
});

test('a part of the day after a date (「2026-05-09 昼頃」「午後」「夕方」) is an estimate spanning that part: a row inside it is in order, a row before it is not', () => {
  assert.deepEqual(['2026-05-09 昼頃', '2026-05-09 午後', '5月9日 夕方'].map((t) => { const p = parseTime(t, 2026, { entry: true }); return p && [p.secondsOfDay / 3600, p.precision! / 3600, p.approx]; }), [[11, 3, true], [12, 12, true], [15, 4, true]]);
  // Not a part of the day: another word that starts with one (昼休み), or a time after it.
  assert.equal(parseTime('2026-05-09 昼休みに', 2026, { entry: true }), undefined);
  assert.equal(parseTime('2026-05-09 午後3時', 2026, { entry: true })?.precision === 43200, false);
  const report = (rows: string[]) => `# 障害報告\n\nDate: 2026-05-09\n\n## タイムライン（JST）\n\n| 日時 | 出来事 |\n| --- | --- |\n${rows.map((r) => `| ${r} | e |`).join('\n')}\n`;
  assert.deepEqual(lintOrder(report(['2026-05-09 昼頃', '2026-05-09 午後', '2026-05-09 13:30', '2026-05-09 夕方'])), []);
  assert.deepEqual(lintOrder(report(['2026-05-09 昼頃', '2026-05-09 午後', '2026-05-09 01:01'])), [11]);
});

test('a day with a note in place of its time is that day, compared by day in the zone it is written in', () => {
  assert.deepEqual(parseTime('2026-04-20 (詳細時刻不明)'), { date: '2026-04-20', secondsOfDay: 0, start: 0, end: 10, dateOnly: true });
  assert.equal(parseTime('2024-03-09 (time unknown)')?.dateOnly, true);
  assert.equal(parseTime('2024-03-09 (see below) 10:00 more'), undefined);
  const report = `# Post-mortem: x\n\nDate: 2026-04-20\n\n## Timeline\n\n全時刻は JST。\n\n| 時刻 (JST) | イベント |\n| --- | --- |\n| 2026-04-20 19:00:51 | キック |\n| 2026-04-20 (報告時刻) | 報告 |\n| 2026-04-21 00:30 | 復旧 |\n| 2026-04-20 (執筆時点) | 執筆 |\n`;
  // 2026-04-20 in JST starts at 15:00 UTC on the 19th; as written it is the day of the row above, not before it.
  assert.deepEqual(lintOrder(report), [14]);
});

// A US zone named without a season (ET, Eastern, PT, US/Pacific) is what its clocks showed that
// day: daylight time in summer, standard time in winter, by the zone database's rules.
const iso = (epoch: number | undefined) => new Date(epoch! * 1000).toISOString().slice(0, 16);

test('a US zone named without a season is on daylight time in summer and standard time in winter', () => {
  const summer = buildModel(report(['10:00', '14:30 UTC'], '## Timeline (all times Eastern)', '**Date**: 2025-06-30')).timeline;
  assert.equal(summer.zone?.zone, 'Eastern');
  assert.deepEqual(summer.entries.map((e) => iso(e.epoch)), ['2025-06-30T14:00', '2025-06-30T14:30']);
  assert.deepEqual(lintOrder(report(['10:00', '14:30 UTC'], '## Timeline (all times Eastern)', '**Date**: 2025-06-30')), []);
  const winter = buildModel(report(['10:00', '14:30 UTC'], '## Timeline (all times Eastern)', '**Date**: 2025-01-15')).timeline;
  assert.deepEqual(winter.entries.map((e) => iso(e.epoch)), ['2025-01-15T15:00', '2025-01-15T14:30']);
  assert.deepEqual(lintOrder(report(['10:00', '14:30 UTC'], '## Timeline (all times Eastern)', '**Date**: 2025-01-15')), [10]);
  // In a cell, the same: `10:00 ET` and `07:05 PT` in July; `US/Pacific` in the heading.
  assert.deepEqual(buildModel(report(['10:00 ET', '07:05 PT', '14:10 UTC'], '## Timeline', '**Date**: 2025-07-14')).timeline.entries.map((e) => iso(e.epoch)), ['2025-07-14T14:00', '2025-07-14T14:05', '2025-07-14T14:10']);
  assert.deepEqual(buildModel(report(['2025-07-14 07:05'], '## Timeline (US/Pacific)', '')).timeline.entries.map((e) => iso(e.epoch)), ['2025-07-14T14:05']);
  // A season written is kept as written: Eastern Standard Time is UTC-5 even in July, EDT UTC-4 in January.
  assert.deepEqual(buildModel(report(['10:00 EST', '10:00 EDT'], '## Timeline', '**Date**: 2025-07-14')).timeline.entries.map((e) => iso(e.epoch)), ['2025-07-14T15:00', '2025-07-14T14:00']);
  assert.deepEqual(buildModel(report(['10:00'], '## Timeline (Eastern Standard Time)', '**Date**: 2025-07-14')).timeline.entries.map((e) => iso(e.epoch)), ['2025-07-14T15:00']);
  // With no day known at all, the standard offset (as before).
  assert.equal(buildModel(report(['10:00 ET'], '## Timeline', '')).timeline.entries[0].epoch! % 86400, 15 * 3600);
});

test('a timeline crossing a daylight-saving change is placed on each side by that side\'s offset', () => {
  // 2025-03-09: US clocks go from 02:00 EST to 03:00 EDT. 01:30 ET is 06:30 UTC, 03:10 ET is 07:10 UTC.
  const spring = report(['01:30', '03:10', '07:15 UTC'], '## Timeline (all times ET)', '**Date**: 2025-03-09');
  assert.deepEqual(buildModel(spring).timeline.entries.map((e) => iso(e.epoch)), ['2025-03-09T06:30', '2025-03-09T07:10', '2025-03-09T07:15']);
  assert.deepEqual(lintOrder(spring), []);
  // 2025-11-02: clocks go back. 23:50 ET on the 1st (EDT) to 08:40 ET on the 2nd (EST) is 9 h 50 min.
  const fall = buildModel(report(['23:50', '08:40', '13:45 UTC'], '## Timeline (all times Pacific Time)', '**Date**: 2025-11-01')).timeline.entries;
  assert.deepEqual(fall.map((e) => iso(e.epoch)), ['2025-11-02T06:50', '2025-11-02T16:40', '2025-11-02T13:45']);
  assert.equal(fall[1].epoch! - fall[0].epoch!, 9 * 3600 + 50 * 60);
  // Dated rows across the change, each on its own day's offset.
  const dated = buildModel(report(['2025-03-08 22:00 ET', '2025-03-09 22:00 ET'], '## Timeline', '')).timeline.entries;
  assert.deepEqual(dated.map((e) => iso(e.epoch)), ['2025-03-09T03:00', '2025-03-10T02:00']);
});

test('the timeline sort and the import window see the same offset as the order check', () => {
  // 10:00 Eastern in July is 14:00 UTC: before the 14:30 UTC row above it.
  const text = report(['14:30 UTC', '10:00'], '## Timeline (all times Eastern)', '**Date**: 2025-07-14');
  const found = lint(text).findings.filter((d) => d.rule === 'timeline-order');
  assert.equal(found.length, 1);
  const fixed = applyEdits(text, found[0].fixes![0].edits).text;
  assert.match(fixed, /\| 10:00 \| e \|\n\| 14:30 UTC \| e \|/);
  assert.deepEqual(lintOrder(fixed), []);
  // A report with only its day: the window is that day in the zone's clocks (EDT in July, EST in January).
  const w = incidentWindow('# Post-mortem\n\nDate: 2025-07-14\n\n## Timeline (all times US Eastern)\n\n- the day of the outage\n', 0)!;
  assert.equal(new Date(w.startMs).toISOString(), '2025-07-14T04:00:00.000Z');
  const jan = incidentWindow('# Post-mortem\n\nDate: 2025-01-14\n\n## Timeline (all times US Eastern)\n\n- the day of the outage\n', 0)!;
  assert.equal(new Date(jan.startMs).toISOString(), '2025-01-14T05:00:00.000Z');
});

/** One row imported at `iso` lands between the "10:00 deploy" and "11:00 rollback" rows, written as `written`, in order. */
function assertImportedBetween(text: string, iso: string, written: string): void {
  const m = mergeRows(text, [{ epochMs: Date.parse(iso), event: 'alert fired', source: 'x', actor: '' }]);
  const out = applyEdits(text, [m.edit!]).text;
  assert.ok(out.includes(`| 10:00 | deploy |\n| ${written} | alert fired (x) |\n| 11:00 | rollback |`), out);
  assert.deepEqual(lintOrder(out), []);
}

test('imported rows go between the rows of a summer Eastern timeline by their real instants', () => {
  const text = '# Post-mortem: x\n\nDate: 2025-07-14\n\n## Timeline (all times Eastern)\n\n| Time | Event |\n| --- | --- |\n| 10:00 | deploy |\n| 11:00 | rollback |\n';
  // 14:30 UTC is 10:30 EDT: between the two rows (with EST it would have gone before both).
  assertImportedBetween(text, '2025-07-14T14:30:00Z', '14:30 UTC');
});

test('a timeline told in sentences: "At 9:37 ...", "By 10:15 ..." start entries only where the caller says the text starts one in a timeline section', () => {
  const lead = (s: string) => parseTime(s, 2025, { entry: true, lead: true });
  assert.equal(lead('At 9:37 there was an abnormally high number of requests')?.secondsOfDay, 9 * 3600 + 37 * 60);
  assert.deepEqual(lead('At 09:37 UTC, the alert fired'), { secondsOfDay: 34620, precision: 60, start: 3, end: 12, offsetMinutes: 0, zone: 'UTC' });
  assert.equal(lead('At about 9:45 I identified the path')?.secondsOfDay, 35100);
  assert.equal(lead('By 10:15 the queue had drained')?.secondsOfDay, 36900);
  assert.equal(lead('As of 11:00 UTC, all hosts were back')?.offsetMinutes, 0);
  assert.equal(lead('Around 14:05 the queue drained')?.secondsOfDay, 50700);
  // Not a time after the word; a wrapped line that continues a sentence ("... and the queue / at 09:40 held ...").
  assert.equal(lead('At around the exact same time, requests fell'), undefined);
  assert.equal(lead('At this point 10:00 was long gone'), undefined);
  assert.equal(lead('at 09:40 held 20,000 items'), undefined);
  // Without the caller saying so (prose anywhere else), "At 9:37" is part of a sentence.
  assert.equal(parseTime('At 9:37 there was an abnormally high number', 2025, { entry: true }), undefined);
});

test('the lines of a timeline label inside a plain-text paragraph are its entries, and the sort moves only them', () => {
  const text = ['Incident: orders slowed', 'Summary', 'Orders slowed for 40 minutes.', 'Timeline', 'All times are UTC.', 'At 9:37 requests rose.', 'At 9:45 paged.', 'At 9:42 found the path.', 'By 10:20 rate limiting was deployed.', 'Root Cause Analysis', 'At 11:00 nothing: this is another section.', 'Each request called a logging service.', ''].join('\n');
  const m = buildModel(text);
  assert.deepEqual(m.timeline.entries.map((e) => e.line + 1), [6, 7, 8, 9]);
  assert.equal(m.timeline.zone?.zone, 'UTC');
  const found = lint(text).findings.filter((d) => d.rule === 'timeline-order');
  assert.deepEqual(found.map((d) => d.range.start.line + 1), [8]);
  const fixed = applyEdits(text, found[0].fixes![0].edits).text;
  assert.deepEqual(fixed.split('\n').slice(5, 11), ['At 9:37 requests rose.', 'At 9:42 found the path.', 'At 9:45 paged.', 'By 10:20 rate limiting was deployed.', 'Root Cause Analysis', 'At 11:00 nothing: this is another section.']);
});

test('an approximate time after a date is read ("2026-06-21 ~13:00 UTC"), and a range of days stays a day', () => {
  assert.deepEqual(parseTime('2026-06-21 ~13:00 UTC', 2025, { entry: true }), { date: '2026-06-21', secondsOfDay: 46800, precision: 60, approx: true, start: 0, end: 21, offsetMinutes: 0, zone: 'UTC' });
  assert.equal(parseTime('2024-03-09 approx. 10:05', 2025, { entry: true })?.secondsOfDay, 36300);
  assert.equal(parseTime('Feb 3, 2024 ~09:40', 2025, { entry: true })?.secondsOfDay, 34800);
  // Not a time: the year of the second day of a range (`20:26` from 2026), a word after "about".
  assert.equal(parseTime('2026-06-21 ~ 2026-06-22', 2025, { entry: true })?.dateOnly, true);
  assert.equal(parseTime('2024-03-09 - 2024-03-10', 2025, { entry: true })?.dateOnly, true);
  assert.equal(parseTime('2024-03-09 about the deploy', 2025, { entry: true }), undefined);
  assert.equal(parseTime('2022-02-02 1625', 2025, { entry: true })?.secondsOfDay, 59100);
});

test('a timeline zone naming both seasons ("PST/PDT") follows the day, like "Pacific"', () => {
  assert.deepEqual(findZoneName('## Timeline (all times in PST/PDT)'), { zone: 'PT', offsetMinutes: -480, tz: 'America/Los_Angeles' });
  assert.equal(findZoneName('All times PDT')?.tz, undefined);
  const e = buildModel(report(['09:00'], '## Timeline (all times in PST/PDT)', '**Date**: 2024-05-14')).timeline.entries;
  assert.equal(iso(e[0].epoch), '2024-05-14T16:00');
});

test('a timeline section with no zone of its own takes the report\'s (a Time zone field, a note for the whole report, the main timeline\'s), never another section\'s', () => {
  const text = (header: string, note: string) => ['# Post-mortem: x', '', '**Date**: 2025-07-14', header, '', note, '', '## Timeline', '', '- 15:00 a', '', '## Timeline: us-west (PDT)', '', '- 09:00 b', '', '## Timeline: follow-up', '', '- 16:30 c', ''].join('\n');
  const at = (t: string) => buildModel(t).timeline.entries.map((e) => iso(e.epoch));
  // The us-west heading's PDT is that section's only.
  assert.deepEqual(at(text('', 'All times are UTC.')), ['2025-07-14T15:00', '2025-07-14T16:00', '2025-07-14T16:30']);
  assert.deepEqual(at(text('**Time zone**: US Eastern', '')), ['2025-07-14T19:00', '2025-07-14T16:00', '2025-07-14T20:30']);
  // With nothing else stated, the one zone the report's timelines state is the report's ("## 経緯"
  // beside "## 時系列（JST）"); with two different ones, a section that names none is in neither.
  assert.deepEqual(at(text('', '')), ['2025-07-14T22:00', '2025-07-14T16:00', '2025-07-14T23:30']);
  const two = text('', '').replace('## Timeline: follow-up', '## Timeline: follow-up (CEST)');
  assert.equal(buildModel(two).timeline.zone, undefined);
  assert.deepEqual(lint(two).findings.filter((d) => d.rule === 'timeline-time-format').map((d) => d.range.start.line + 1), [10]);
});

test('imported rows are written in the zone of the section they go into, not the report field\'s', () => {
  // The field says UTC; the timeline's heading says JST, so its rows are JST: an imported row is written with its zone.
  const text = '# Post-mortem: x\n\nDate: 2025-07-14\nTime zone: UTC\n\n## Timeline (JST)\n\n| Time | Event |\n| --- | --- |\n| 10:00 | deploy |\n| 11:00 | rollback |\n';
  assertImportedBetween(text, '2025-07-14T01:30:00Z', '01:30 UTC');
});

test('a date with a year under 1000 keeps four digits, and a horizon deadline counted from it does not throw', () => {
  assert.equal(parseDate('0226-01-05'), '0226-01-05');
  assert.equal(parseDate('2014:0226-01-05'), '0226-01-05');
  // Found by the long fuzz run: the date read as "226-01-05" made a horizon deadline's month arithmetic throw.
  const text = '# Post-mortem: Cluster reset\n\n**Date**: 0226-01-05\n\n## Action items\n\n### Short-term (Next 2h)\n\n- [ ] Restore the ingress certificates\n\n### 中期（1ヶ月以内）\n\n- ステージング環境を構築する\n';
  const findings = lint(text, { config: resolveConfig({ today: '2026-02-10' }) }).findings;
  assert.ok(!findings.some((f) => f.rule === 'check-failed'), findings.map((f) => f.message).join('\n'));
  assert.ok(findings.some((f) => f.rule === 'overdue-action'));
});

test('zones: Gulf, Pakistan, Nepal, Malaysia, Turkey and Israel abbreviations and words are zones', () => {
  assert.equal(parseTime('10:05 GST')?.offsetMinutes, 240);
  assert.equal(parseTime('10:05 PKT')?.offsetMinutes, 300);
  assert.equal(parseTime('10:05 NPT')?.offsetMinutes, 345);
  assert.equal(parseTime('10:05 MYT')?.offsetMinutes, 480);
  assert.equal(parseTime('10:05 TRT')?.offsetMinutes, 180);
  assert.equal(parseTime('10:05 IDT')?.offsetMinutes, 180);
  assert.equal(findZoneName('## Timeline (all times GST)')?.offsetMinutes, 240);
  assert.equal(findZoneName('All times are Gulf Standard Time.')?.zone, 'GST');
  assert.equal(findZoneName('Times in Malaysian Time')?.zone, 'MYT');
  // An abbreviation no table knows is still not a zone.
  assert.equal(parseTime('10:05 QQT')?.offsetMinutes, undefined);
});
