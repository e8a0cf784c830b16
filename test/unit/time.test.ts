import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseTime, parseDate, findZoneName } from '../../server/src/engine/time';
import { buildModel } from '../../server/src/engine/model';

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
  ];
  for (const [s, want] of cases) {
    const got = parseTime(s);
    assert.ok(got, `parses ${s}`);
    for (const [k, v] of Object.entries(want)) assert.equal((got as unknown as Record<string, unknown>)[k], v, `${s}: ${k}`);
  }
});

test('parseTime rejects what is not a time', () => {
  for (const s of ['08:xx', 'soon', '25:00', '10:75', '13:00 PM', '']) assert.equal(parseTime(s), undefined, s);
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
  assert.equal(new Date(tl.entries[1].epoch! * 1000).toISOString(), '2021-11-01T08:10:00.000Z');
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
