// Merging rows into a report's timeline: one edit, time order, duplicates skipped, the table
// style kept, sections created where the template puts them, and nothing else touched.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mergeRows } from '../../server/src/engine/import/merge';
import { applyEdits } from '../../server/src/engine/edits';
import { buildModel } from '../../server/src/engine/model';
import type { TimelineRow } from '../../server/src/engine/import/rows';
import { lint } from '../../server/src/engine/lint';

const row = (isoTime: string, event: string, source = 'Prometheus `up`', actor = ''): TimelineRow => ({ epochMs: Date.parse(isoTime), event, source, actor });
const merge = (text: string, rows: TimelineRow[], opts = {}) => {
  const m = mergeRows(text, rows, opts);
  return { m, text: m.edit ? applyEdits(text, [m.edit]).text : text };
};

const REPORT = `# Post-mortem: API outage

Date: 2025-07-14

## Impact

Most requests failed.

## Timeline

| Time (UTC) | Event | Source | Actor |
| --- | --- | --- | --- |
| 23:40 | Deploy started | CI | Ana |
| 00:30 | Rollback done | CI | Ben |

## Contributing Factors

Config.
`;

test('rows go between existing entries in time order, across midnight, in the table style', () => {
  const { m, text } = merge(REPORT, [row('2025-07-15T00:05:00Z', 'errors rose'), row('2025-07-14T23:50:00Z', 'alert fired')]);
  assert.equal(m.inserted, 2);
  assert.equal(m.timeStyle, 'HH:MM');
  const lines = text.split('\n').filter((l) => l.startsWith('| ') && !l.startsWith('| ---') && !l.startsWith('| Time'));
  assert.deepEqual(lines, ['| 23:40 | Deploy started | CI | Ana |', '| 23:50 | alert fired | Prometheus `up` | |', '| 00:05 | errors rose | Prometheus `up` | |', '| 00:30 | Rollback done | CI | Ben |']);
  const entries = buildModel(text).timeline.entries.map((e) => new Date(e.epoch! * 1000).toISOString().slice(0, 16));
  assert.deepEqual(entries, ['2025-07-14T23:40', '2025-07-14T23:50', '2025-07-15T00:05', '2025-07-15T00:30']);
  // One edit that only inserts: everything else is byte-identical.
  assert.equal(text.replace('| 23:50 | alert fired | Prometheus `up` | |\n', '').replace('| 00:05 | errors rose | Prometheus `up` | |\n', ''), REPORT);
});

test('exact duplicates are skipped, also within the import', () => {
  const first = merge(REPORT, [row('2025-07-14T23:50:00Z', 'alert fired')]).text;
  const again = mergeRows(first, [row('2025-07-14T23:50:00Z', 'alert fired'), row('2025-07-14T23:55:00Z', 'x'), row('2025-07-14T23:55:00Z', 'x')]);
  assert.equal(again.inserted, 1);
  assert.equal(again.duplicates, 2);
});

test('seconds and dates follow the table; dates are added when times alone would be read wrong', () => {
  const withSeconds = REPORT.replace('| 23:40 |', '| 23:40:10 |');
  assert.match(merge(withSeconds, [row('2025-07-14T23:50:05Z', 'a')]).text, /\| 23:50:05 \| a \|/);
  const dated = REPORT.replace('| 23:40 |', '| 2025-07-14 23:40 |').replace('| 00:30 |', '| 2025-07-15 00:30 |');
  assert.match(merge(dated, [row('2025-07-15T00:05:00Z', 'a')]).text, /\| 2025-07-15 00:05 \| a \|/);
  // No report date: times alone name no day, so the rows carry their dates.
  const undated = REPORT.replace('Date: 2025-07-14\n\n', '');
  const { text, m } = merge(undated, [row('2025-07-15T00:05:00Z', 'a')]);
  assert.match(text, /\| 2025-07-15 00:05 \| a \|/);
  assert.equal(m.timeStyle, 'YYYY-MM-DD HH:MM');
});

test('a timeline in another zone gets explicit UTC times', () => {
  const jst = REPORT.replace('Time (UTC)', 'Time (JST)').replace('| 23:40 |', '| 08:40 |').replace('| 00:30 |', '| 09:30 |');
  const { text } = merge(jst, [row('2025-07-14T00:05:00Z', 'a')]);
  assert.match(text, /\| 08:40 \| Deploy started \| CI \| Ana \|\n\| 00:05 UTC \| a \|/);
  const e = buildModel(text).timeline.entries[1];
  assert.equal(e.epoch, Date.parse('2025-07-14T00:05:00Z') / 1000);
});

test('CRLF and no final newline are kept', () => {
  const crlf = REPORT.replace(/\n/g, '\r\n');
  const { text } = merge(crlf, [row('2025-07-15T00:40:00Z', 'late')]);
  assert.ok(!/[^\r]\n/.test(text));
  assert.match(text, /\| 00:30 \| Rollback done \| CI \| Ben \|\r\n\| 00:40 \| late \| Prometheus `up` \| \|\r\n/);
  const bare = '# Post-mortem\n\nDate: 2025-07-14\n\n## Timeline\n\n| Time | Event |\n| --- | --- |\n| 10:00 | a |';
  const t2 = merge(bare, [row('2025-07-14T10:05:00Z', 'b', 'logs')]).text;
  assert.equal(t2, bare + '\n| 10:05 | b (logs) |');
});

test('a separate Date column gets the day', () => {
  const t = '# Post-mortem\n\n## Timeline\n\n| Date | Time | Event |\n| --- | --- | --- |\n| 2025-07-14 | 23:40 | a |\n';
  const { text } = merge(t, [row('2025-07-15T00:05:00Z', 'b', '')]);
  assert.match(text, /\| 2025-07-15 \| 00:05 \| b \|/);
});

test('list timelines get list items', () => {
  const t = '# Post-mortem\n\nDate: 2025-07-14\n\n## Timeline\n\n- 10:00 deploy\n- 10:30 rollback\n\n## Action Items\n';
  const { text } = merge(t, [row('2025-07-14T10:10:00Z', 'errors', 'Prometheus `x`')]);
  assert.match(text, /- 10:00 deploy\n- 10:10 errors \(Prometheus `x`\)\n- 10:30 rollback/);
});

test('no timeline: the section is created after Impact, before Contributing Factors', () => {
  const t = REPORT.replace(/## Timeline[\s\S]*?(?=## Contributing)/, '');
  const { text, m } = merge(t, [row('2025-07-14T23:50:00Z', 'alert | fired', 'Alertmanager')], { appendBelow: ['![chart](postmortem-charts/c.svg)'] });
  assert.ok(m.createdSection);
  assert.match(text, /Most requests failed\.\n\n## Timeline\n\n\| Time \(UTC\) \| Event \| Source \| Actor \|\n\| --- \| --- \| --- \| --- \|\n\| 23:50 \| alert \\\| fired \| Alertmanager \| \|\n\n!\[chart\]\(postmortem-charts\/c\.svg\)\n\n## Contributing Factors/);
  const model = buildModel(text);
  assert.equal(model.timeline.entries.length, 1);
  assert.equal(model.timeline.entries[0].epoch, Date.parse('2025-07-14T23:50:00Z') / 1000);
});

test('Japanese reports get a Japanese section', () => {
  const t = '# ポストモーテム\n\n日付: 2025-07-14\n\n## 影響\n\nすべて\n\n## 寄与要因\n\nx\n';
  const { text } = merge(t, [row('2025-07-14T23:50:00Z', 'a')]);
  assert.match(text, /## 影響\n\nすべて\n\n## タイムライン\n\n\| 時刻 \(UTC\) \| 内容 \| ソース \| 対応者 \|/);
});

test('a chart link under an existing table, in the same edit', () => {
  const { text, m } = merge(REPORT, [row('2025-07-15T00:40:00Z', 'x')], { appendBelow: ['![c](postmortem-charts/c.svg)'] });
  assert.ok(m.edit);
  assert.match(text, /\| 00:40 \| x \| Prometheus `up` \| \|\n\n!\[c\]\(postmortem-charts\/c\.svg\)\n\n## Contributing Factors/);
});

test('rows merge into a timeline whose cells carry their own dates in another order (08:10 3rd Feb 2024 UTC), and read back at their times', () => {
  const text = ['# Post-mortem: Index rebuild', '', 'Date: 2024-02-02', '', '## Timeline', '', '| Time | Event | Source | Actor |', '| --- | --- | --- | --- |',
    '| 16:40 2nd Feb 2024 UTC | Job scheduled | CI | |', '| 08:10 3rd Feb 2024 UTC | Alert seen | Pager | |', '| 13/02/2024 09:10 UTC | Review held | Meeting | |', ''].join('\n');
  const { m, text: out } = merge(text, [row('2024-02-02T23:52:00Z', 'rebuild started'), row('2024-02-03T08:30:00Z', 'shard stalled')]);
  assert.equal(m.inserted, 2);
  assert.match(m.timeStyle, /^YYYY-MM-DD HH:MM/);
  const entries = buildModel(out).timeline.entries;
  assert.deepEqual(entries.map((e) => new Date(e.epoch! * 1000).toISOString().slice(0, 16)), ['2024-02-02T16:40', '2024-02-02T23:52', '2024-02-03T08:10', '2024-02-03T08:30', '2024-02-13T09:10']);
  assert.deepEqual(entries.map((e) => e.event?.text), ['Job scheduled', 'rebuild started', 'Alert seen', 'shard stalled', 'Review held']);
});

/** The times, in UTC, of the timeline entries the model reads, and any timeline-order finding. */
const readBack = (text: string) => buildModel(text).timeline.entries.map((e) => new Date(e.epoch! * 1000).toISOString().slice(11, 16));

test('every text form of a timeline gets rows in its own form, in time order, one edit that only inserts', () => {
  const head = '# Post-mortem: webhooks\n\nDate: 2025-05-12\n\n## Timeline (all times UTC)\n\n';
  const tail = '\n## Contributing Factors\n\n- x\n';
  const rows = [row('2025-05-12T09:00:00Z', 'queue paused', 'PagerDuty'), row('2025-05-12T09:40:00Z', 'backlog drained', 'Grafana')];
  const forms: [string, string, string][] = [
    ['list with a dash', '- 08:30 UTC — migration starts\n- 09:12 UTC — consumers restarted\n', '- 08:30 UTC — migration starts\n- 09:00 UTC — queue paused (PagerDuty)\n- 09:12 UTC — consumers restarted\n- 09:40 UTC — backlog drained (Grafana)\n'],
    ['bold list times', '* **08:30** migration starts\n* **09:12** consumers restarted\n', '* **08:30** migration starts\n* **09:00** queue paused (PagerDuty)\n* **09:12** consumers restarted\n* **09:40** backlog drained (Grafana)\n'],
    ['ordered list', '1. 08:30: migration starts\n2. 09:12: consumers restarted\n', '1. 08:30: migration starts\n1. 09:00: queue paused (PagerDuty)\n2. 09:12: consumers restarted\n1. 09:40: backlog drained (Grafana)\n'],
    ['time headings', '### 08:30\n\nMigration starts.\n\n### 09:12\n\nConsumers restarted.\n', '### 08:30\n\nMigration starts.\n\n### 09:00\n\nqueue paused (PagerDuty)\n\n### 09:12\n\nConsumers restarted.\n\n### 09:40\n\nbacklog drained (Grafana)\n'],
    ['headings with the event', '### 08:30 — Migration starts\n\n### 09:12 — Consumers restarted\n', '### 08:30 — Migration starts\n\n### 09:00 — queue paused (PagerDuty)\n\n### 09:12 — Consumers restarted\n\n### 09:40 — backlog drained (Grafana)\n'],
    ['paragraphs', '08:30 UTC: migration starts.\n\n09:12 UTC: consumers restarted.\n', '08:30 UTC: migration starts.\n\n09:00 UTC: queue paused (PagerDuty)\n\n09:12 UTC: consumers restarted.\n\n09:40 UTC: backlog drained (Grafana)\n'],
    ['bold time lines', '**08:30 UTC**\n\nMigration starts.\n\n**09:12 UTC**\n\nConsumers restarted.\n', '**08:30 UTC**\n\nMigration starts.\n\n**09:00 UTC**\n\nqueue paused (PagerDuty)\n\n**09:12 UTC**\n\nConsumers restarted.\n\n**09:40 UTC**\n\nbacklog drained (Grafana)\n'],
    ['bold paragraphs', '**08:30 UTC:** migration starts.\n\n**09:12 UTC:** consumers restarted.\n', '**08:30 UTC:** migration starts.\n\n**09:00 UTC:** queue paused (PagerDuty)\n\n**09:12 UTC:** consumers restarted.\n\n**09:40 UTC:** backlog drained (Grafana)\n'],
    ['plain lines of one paragraph', '08:30 UTC - migration starts\n09:12 UTC - consumers restarted\n', '08:30 UTC - migration starts\n09:00 UTC - queue paused (PagerDuty)\n09:12 UTC - consumers restarted\n09:40 UTC - backlog drained (Grafana)\n'],
    ['times with a dot', '- 08.30 migration starts\n- 09.12 consumers restarted\n', '- 08.30 migration starts\n- 09.00 queue paused (PagerDuty)\n- 09.12 consumers restarted\n- 09.40 backlog drained (Grafana)\n'],
  ];
  for (const [name, before, after] of forms) {
    const { m, text } = merge(head + before + tail, rows);
    assert.equal(m.inserted, 2, name);
    assert.equal(text, head + after + tail, name);
    assert.deepEqual(readBack(text), ['08:30', '09:00', '09:12', '09:40'], name);
    assert.equal(lint(text).findings.filter((f) => f.rule === 'timeline-order').length, 0, name);
    // Again: nothing new.
    assert.equal(mergeRows(text, rows).inserted, 0, name);
    // CRLF stays CRLF.
    const crlf = merge((head + before + tail).replace(/\n/g, '\r\n'), rows).text;
    assert.equal(crlf, (head + after + tail).replace(/\n/g, '\r\n'), `${name} (CRLF)`);
  }
});

test('a text timeline ending the file without a final newline, under a day heading, and across midnight', () => {
  const t = '# Post-mortem\n\nDate: 2025-05-12\n\n## Timeline (UTC)\n\n### 2025-05-12\n\n- 23:40 deploy\n- 23:55 alert';
  const { text } = merge(t, [row('2025-05-12T23:50:00Z', 'errors'), row('2025-05-13T00:10:00Z', 'rollback')]);
  assert.equal(text, t.replace('- 23:55 alert', '- 23:50 errors (Prometheus `up`)\n- 23:55 alert') + '\n- 00:10 rollback (Prometheus `up`)');
  assert.deepEqual(buildModel(text).timeline.entries.map((e) => new Date(e.epoch! * 1000).toISOString().slice(0, 16)), ['2025-05-12T23:40', '2025-05-12T23:50', '2025-05-12T23:55', '2025-05-13T00:10']);
});

test('a time heading section followed directly by another heading keeps a blank line before it', () => {
  const t = '# Post-mortem\n\nDate: 2025-05-12\n\n## Timeline (UTC)\n\n### 08:30\n\nMigration starts.\n## Action Items\n';
  const { text } = merge(t, [row('2025-05-12T09:00:00Z', '# not a heading')]);
  assert.equal(text, '# Post-mortem\n\nDate: 2025-05-12\n\n## Timeline (UTC)\n\n### 08:30\n\nMigration starts.\n\n### 09:00\n\n\\# not a heading (Prometheus `up`)\n\n## Action Items\n');
  assert.deepEqual(readBack(text), ['08:30', '09:00']);
});
