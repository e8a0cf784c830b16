// The incident sources: Slack, PagerDuty, Opsgenie, Grafana, Kubernetes events, CloudWatch,
// Elasticsearch, Cloud Logging, git and Argo CD, each read from the published or captured samples
// in test/fixtures-import/ (see its README.md for where each one comes from).
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { slackPlainText, slackRows, slackRowsFromFiles } from '../../server/src/engine/import/sources/slack';
import { pagerDutyRows } from '../../server/src/engine/import/sources/pagerduty';
import { opsgenieRows } from '../../server/src/engine/import/sources/opsgenie';
import { grafanaRows } from '../../server/src/engine/import/sources/grafana';
import { k8sEventRows } from '../../server/src/engine/import/sources/k8s-events';
import { cloudwatchRows } from '../../server/src/engine/import/sources/cloudwatch';
import { searchRows } from '../../server/src/engine/import/sources/elasticsearch';
import { gcpLoggingRows } from '../../server/src/engine/import/sources/gcp-logging';
import { GIT_LOG_FORMAT, gitLogArgs, gitLogRows } from '../../server/src/engine/import/sources/git';
import { argoHistoryTableRows, argoRows } from '../../server/src/engine/import/sources/argocd';
import { parseRolloutHistory } from '../../server/src/engine/import/sources/k8s-rollouts';
import { importLogs } from '../../server/src/engine/import/sources/logs';
import { ImportError, type TimelineRow } from '../../server/src/engine/import/rows';
import type { ImportArgs } from '../../server/src/engine/import/sources';
import { collectRows } from '../../server/src/node/run-import';
import { LspClient, fileUri } from '../helpers/lsp-client';
import { ensureCliBuilt, runCli } from '../helpers/cli';

const FIX = join(__dirname, '..', 'fixtures-import');
const json = (f: string): unknown => JSON.parse(readFileSync(join(FIX, f), 'utf8'));
const text = (f: string): string => readFileSync(join(FIX, f), 'utf8');
const iso = (ms: number) => new Date(ms).toISOString();
/** [time, event, source, actor] of each row. */
const table = (rows: TimelineRow[]) => rows.map((r) => [iso(r.epochMs), r.event, r.source, r.actor]);
const ms = (s: string) => Date.parse(s);

function rejects(fn: () => unknown, pattern: RegExp): void {
  assert.throws(fn, (e: unknown) => e instanceof ImportError && pattern.test(e.message));
}

describe('Slack', () => {
  const users = json('slack_export_users.json');

  test('conversations.history: bots and broadcasts, joins skipped, names resolved, mrkdwn made plain', () => {
    const rows = slackRows([json('slack_conversations_history.json')], { users, channel: '#inc-checkout' });
    assert.deepEqual(table(rows), [
      [
        '2024-03-01T23:55:20.000Z',
        '@here checkout 5xx spiking, @Tomáš Novák can you look? — 1 reply: 00:06:41 dana (SRE, she/her): error rate back to baseline, see checkout dashboard',
        'Slack #inc-checkout',
        'priya',
      ],
      ['2024-03-01T23:58:00.000Z', '[FIRING:1] HighErrorRate checkout (page)', 'Slack #inc-checkout', 'Alertmanager'],
      ['2024-03-02T00:10:04.331Z', 'Postmortem doc: PM: checkout 5xx after v1.9.0 cc @S0614TZR7, deploy log in #C0631RZQH4P', 'Slack #inc-checkout', 'Tomáš Novák'],
    ]);
    // The channel_join message is not a row; nor is the broadcast reply, which is folded.
    assert.ok(!rows.some((r) => /joined/.test(r.event)));
    // Microsecond ts kept for ordering within a millisecond.
    assert.equal(rows[2].precise, '1709338204331529');
  });

  test('history and replies together: the whole thread folded into the parent, in reply order, once', () => {
    const rows = slackRows([json('slack_conversations_history.json'), json('slack_conversations_replies.json')], { users });
    assert.equal(rows.length, 3);
    assert.equal(
      rows[0].event,
      '@here checkout 5xx spiking, @Tomáš Novák can you look? — 3 replies: 23:56:50 Tomáš Novák: looking. v1.9.0 went out at 23:48 via argocd, new pods failing readiness; ' +
        '00:05:05 Tomáš Novák: rolled back checkout to v1.8.2; 00:06:41 dana (SRE, she/her): error rate back to baseline, see checkout dashboard',
    );
    assert.equal(rows[0].source, 'Slack');
  });

  test('export channel-day file: embedded profiles name the author without users.json; window', () => {
    const all = slackRows([json('slack_export_channel_day.json')]);
    // The profile embedded in one message of U2147483697 names all of that user's messages.
    assert.deepEqual(all.map((r) => [iso(r.epochMs), r.actor]), [
      ['2012-12-14T20:38:43.000Z', 'priya'],
      ['2024-03-01T23:55:20.000Z', 'priya'],
      ['2024-03-01T23:58:00.000Z', 'Alertmanager'],
    ]);
    // The reply of 00:05:05 is in its parent's row; its <@U024BE7LH> mention has no name without users.json.
    assert.equal(all[1].event, '@here checkout 5xx spiking, @U024BE7LH can you look? — 1 reply: 00:05:05 U024BE7LH: rolled back checkout to v1.8.2');
    const windowed = slackRows([json('slack_export_channel_day.json')], { users, startMs: ms('2024-03-01T23:00:00Z'), endMs: ms('2024-03-02T01:00:00Z') });
    assert.deepEqual(windowed.map((r) => r.actor), ['priya', 'Alertmanager']);
    assert.match(windowed[0].event, /00:05:05 Tomáš Novák: rolled back/);
  });

  test('the Web API documentation examples read too (conversations.history, conversations.replies, users.list)', () => {
    const users = json('slack_users_list_docs.json');
    const rows = slackRows([json('slack_conversations_history_docs.json')], { users });
    assert.deepEqual(table(rows).map((r) => [r[0], r[3]]), [
      ['2017-11-30T23:52:30.000Z', 'U012AB3CDE'],
      ['2017-12-01T05:00:34.000Z', 'U061F7AUR'],
    ]);
    const thread = slackRows([json('slack_conversations_replies_docs.json')]);
    assert.equal(thread.length, 1);
    assert.match(thread[0].event, /^island — 3 replies: .*one island; .*two island; .*three for the land$/);
    const named = slackRows([[{ type: 'message', user: 'W07QCRPA4', text: 'hi <@W012A3CDE>', ts: '1700000000.000100' }]], { users });
    assert.deepEqual([named[0].event, named[0].actor], ['hi @spengler', 'Glinda the Fairly Good']);
  });

  test('--pinned and --reaction keep only those messages (a thread counts when a reply has it)', () => {
    const doc = json('slack_conversations_history.json');
    assert.deepEqual(slackRows([doc], { users, pinned: true }).map((r) => iso(r.epochMs)), ['2024-03-02T00:10:04.331Z']);
    assert.deepEqual(slackRows([doc], { users, reaction: ':white_check_mark:' }).map((r) => iso(r.epochMs)), ['2024-03-02T00:10:04.331Z']);
    assert.deepEqual(slackRows([doc], { users, reaction: 'eyes' }).map((r) => iso(r.epochMs)), ['2024-03-01T23:55:20.000Z']);
    assert.deepEqual(slackRows([doc], { users, reaction: 'tada' }), []);
    const skin = [{ type: 'message', text: 'ok', ts: '1700000000.000100', reactions: [{ name: '+1::skin-tone-3', count: 1 }] }];
    assert.equal(slackRows([skin], { reaction: '+1' }).length, 1);
  });

  test('mrkdwn: every kind of reference, marks, entities; table-breaking text made safe', () => {
    const user = (id: string) => ({ U1: 'Ana' })[id];
    const channel = (id: string) => ({ C9: 'deploys' })[id];
    assert.equal(
      slackPlainText('<@U1> <@U2> <@U3|bob> <#C9> <#C1|ops> <!here> <!channel> <!subteam^S1|@sre> <!date^1392734382^{date}|Feb 18> <https://x.io/a?b=1&amp;c=2|the doc> <https://y.io> <mailto:a@b.io|a@b.io>', user, channel),
      '@Ana @U2 @bob #deploys #ops @here @channel @sre Feb 18 the doc https://y.io a@b.io',
    );
    assert.equal(slackPlainText('*bold* _it_ ~gone~ and snake_case_name, 5 * 3 * 2, a*b*c'), 'bold it gone and snake_case_name, 5 * 3 * 2, a*b*c');
    assert.equal(slackPlainText('a &lt;b&gt; &amp;amp; c'), 'a <b> &amp; c');
    const [row] = slackRows([[{ type: 'message', user: 'U1', text: 'x | y\n`z` &lt;script&gt; &amp;lt;', ts: '1700000000.000100' }]]);
    // Slack sends a typed "<" as &lt;: it is shown as text, never as a tag or an entity.
    assert.equal(row.event, 'x \\| y \\`z\\` &lt;script&gt; &amp;lt;');
  });

  test('edits, deletions and joins are not rows; an orphan reply says it is one', () => {
    const rows = slackRows([
      [
        { type: 'message', subtype: 'message_changed', ts: '1700000001.000000', message: { text: 'new' } },
        { type: 'message', subtype: 'message_deleted', ts: '1700000002.000000' },
        { type: 'message', subtype: 'channel_leave', ts: '1700000003.000000', user: 'U1', text: '<@U1> has left the channel' },
        { type: 'message', subtype: 'channel_topic', ts: '1700000004.000000', user: 'U1', text: 'set the channel topic: SEV1 checkout' },
        { type: 'message', ts: '1700000005.000000', thread_ts: '1699999000.000000', user: 'U1', text: 'late reply' },
      ],
    ]);
    assert.deepEqual(rows.map((r) => r.event), ['set the channel topic: SEV1 checkout', 'late reply (reply in a thread)']);
  });

  test('what is not Slack is refused with the reason', () => {
    rejects(() => slackRows([{ log_entries: [] }]), /^not a Slack export: expected/);
    rejects(() => slackRows([[{ id: 1 }, { id: 2 }]]), /No entry here has a "ts"/);
    rejects(() => slackRows([{ ok: false, error: 'channel_not_found' }]), /Slack answered with an error: channel_not_found/);
    assert.deepEqual(slackRows([[]]), []);
  });

  test('files of an export by path: users.json, channels.json, channel folders; --channel; errors', () => {
    const day = json('slack_export_channel_day.json') as unknown[];
    const files = {
      'users.json': json('slack_export_users.json'),
      'channels.json': [{ id: 'C0631RZQH4P', name: 'deploys' }],
      'integration_logs.json': { logs: [] },
      'general/2012-12-14.json': day.slice(0, 1),
      'inc-checkout/2024-03-01.json': day.slice(1, 3),
      // The thread's reply is in the next day's file.
      'inc-checkout/2024-03-02.json': [day[3], { type: 'message', user: 'U0G9QF9C6', text: 'deploy log in <#C0631RZQH4P>', ts: '1709338300.000100' }],
    };
    rejects(() => slackRowsFromFiles(files), /has 2 channels: choose one with --channel \(general, inc-checkout\)/);
    rejects(() => slackRowsFromFiles(files, { channel: 'random' }), /no channel "random"; it has: general, inc-checkout/);
    const rows = slackRowsFromFiles(files, { channel: '#inc-checkout' });
    assert.deepEqual(table(rows), [
      ['2024-03-01T23:55:20.000Z', '@here checkout 5xx spiking, @Tomáš Novák can you look? — 1 reply: 00:05:05 Tomáš Novák: rolled back checkout to v1.8.2', 'Slack #inc-checkout', 'priya'],
      ['2024-03-01T23:58:00.000Z', '[FIRING:1] HighErrorRate checkout (page)', 'Slack #inc-checkout', 'Alertmanager'],
      ['2024-03-02T00:11:40.000Z', 'deploy log in #deploys', 'Slack #inc-checkout', 'dana (SRE, she/her)'],
    ]);
    // A folder holding an API answer and a users.list answer.
    const api = slackRowsFromFiles({ 'history.json': json('slack_conversations_history.json'), 'members.json': { members: json('slack_export_users.json') } });
    assert.deepEqual(api.map((r) => r.actor), ['priya', 'Alertmanager', 'Tomáš Novák']);
    rejects(() => slackRowsFromFiles({ 'users.json': [] }), /^not a Slack export: .*no message files here, only users/);
  });

  test('export folder through the import: channel folders, users.json found above a channel folder or day file', async () => {
    const root = mkdtempSync(join(tmpdir(), 'slack-export-'));
    const run = (file: string, options: ImportArgs['options'] = {}, window?: string) => collectRows({ source: 'slack', file, options, window }, undefined, { cwd: root });
    try {
      mkdirSync(join(root, 'inc-checkout'));
      mkdirSync(join(root, 'general'));
      copyFileSync(join(FIX, 'slack_export_users.json'), join(root, 'users.json'));
      const day = json('slack_export_channel_day.json') as unknown[];
      writeFileSync(join(root, 'inc-checkout', '2024-03-01.json'), JSON.stringify(day.slice(1, 3)));
      writeFileSync(join(root, 'inc-checkout', '2024-03-02.json'), JSON.stringify([day[3]]));
      writeFileSync(join(root, 'general', '2012-12-14.json'), JSON.stringify(day.slice(0, 1)));
      await assert.rejects(run('.'), /has 2 channels: choose one with --channel \(general, inc-checkout\)/);
      const rows = (await run('.', { channel: 'inc-checkout' })).rows;
      assert.deepEqual(table(rows).map((r) => [r[0], r[2], r[3]]), [
        ['2024-03-01T23:55:20.000Z', 'Slack #inc-checkout', 'priya'],
        ['2024-03-01T23:58:00.000Z', 'Slack #inc-checkout', 'Alertmanager'],
      ]);
      assert.match(rows[0].event, /1 reply: 00:05:05 Tomáš Novák: rolled back/);
      // The channel's own folder: named after it, users.json one folder up.
      assert.deepEqual((await run('inc-checkout')).rows, rows);
      // One day file: users.json two folders up.
      const one = await run('inc-checkout/2024-03-02.json');
      assert.deepEqual(table(one.rows), [['2024-03-02T00:05:05.123Z', 'rolled back checkout to v1.8.2 (reply in a thread)', 'Slack', 'Tomáš Novák']]);
      // A window that holds nothing says so.
      const none = await run('.', { channel: 'general' }, '2024-03-01T00:00Z 2024-03-02T00:00Z');
      assert.deepEqual([none.rows, none.notes], [[], ['No messages between 2024-03-01T00:00:00.000Z and 2024-03-02T00:00:00.000Z.']]);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});

describe('PagerDuty', () => {
  test('trigger and resolve entries of the API reference, with the agent as the actor', () => {
    assert.deepEqual(table(pagerDutyRows(json('pagerduty_incident_log_entries.json'))), [
      ['2015-11-07T00:14:20.000Z', 'PagerDuty incident [#1234] The server is on fire. triggered: Tasks::SFDCValidator - PD_Data__c - duplicates', 'PagerDuty', 'My Mail Service'],
      // "+00:00" offset read as UTC.
      ['2017-09-22T18:37:29.000Z', 'incident "The server is on fire." resolved', 'PagerDuty', 'Earline Greenholt'],
    ]);
  });

  test('escalate, acknowledge and note entries (newest first in the file) in time order; notifications left out', () => {
    assert.deepEqual(table(pagerDutyRows(json('pagerduty_log_entries_ack_escalate_note.json'))), [
      ['2024-03-01T23:58:41.000Z', 'incident #4127 escalated to Tomáš Novák (not acknowledged in time)', 'PagerDuty', 'checkout-api'],
      ['2024-03-01T23:59:12.000Z', 'incident #4127 acknowledged', 'PagerDuty', 'Tomáš Novák'],
      ['2024-03-02T00:05:31.000Z', 'Note on incident #4127: Rolled back checkout to v1.8.2 via Argo CD (history id 44)', 'PagerDuty', 'Tomáš Novák'],
    ]);
  });

  test('window, the schema\'s other spelling of acknowledge, and refusals', () => {
    const doc = json('pagerduty_log_entries_ack_escalate_note.json');
    assert.deepEqual(pagerDutyRows(doc, { startMs: ms('2024-03-01T23:59:00Z'), endMs: ms('2024-03-02T00:00:00Z') }).map((r) => r.event), ['incident #4127 acknowledged']);
    const ack = [{ type: 'acknowledgement_log_entry', created_at: '2024-03-01T23:59:12Z', agent: { summary: 'A' } }];
    assert.deepEqual(pagerDutyRows(ack).map((r) => r.event), ['incident acknowledged']);
    rejects(() => pagerDutyRows(json('pagerduty_analytics_raw_incidents.json')), /^not PagerDuty log entries/);
    rejects(() => pagerDutyRows({ log_entries: [{ id: 'x' }] }), /No entry here has a "type"/);
    rejects(() => pagerDutyRows({ error: { message: 'Invalid Input Provided', code: 2001 } }), /PagerDuty answered with an error: Invalid Input Provided/);
  });
});

describe('Opsgenie', () => {
  test('alert logs: "Viewed on" left out, nanosecond offsets kept for order', () => {
    const rows = opsgenieRows(json('opsgenie_list_alert_logs.json'));
    assert.deepEqual(table(rows), [['2024-03-01T23:55:02.184Z', 'Alert acknowledged via web', 'Opsgenie', 'priya.raman@example.com']]);
    assert.equal(rows[0].precise, '1709337302184096512');
  });

  test('an offset that disagrees with createdAt is not trusted (the XSOAR fixture)', () => {
    const rows = opsgenieRows(json('opsgenie_list_alert_logs_xsoar_fixture.json'));
    assert.deepEqual(table(rows), [['2023-08-03T09:24:58.894Z', 'Alert acknowledged via web[Default API-Acknowledge Alert]', 'Opsgenie', 'demisto@demisto.local']]);
    assert.equal(rows[0].precise, '1691054698894140450');
    const mismatched = opsgenieRows({ data: [{ log: 'x', createdAt: '2023-08-03T09:26:05.03Z', offset: '1621054765030_1691034765030249435', owner: 'o' }] });
    assert.equal(mismatched[0].precise, undefined);
    assert.equal(iso(mismatched[0].epochMs), '2023-08-03T09:26:05.030Z');
  });

  test('notes, and the alert itself (created, acknowledged, closed from report times)', () => {
    assert.deepEqual(table(opsgenieRows(json('opsgenie_list_alert_notes.json'))), [
      ['2024-03-01T23:56:03.917Z', 'Note: Suspect the v1.9.0 deploy at 23:48, checking pods', 'Opsgenie', 'priya.raman@example.com'],
      ['2024-03-02T00:05:31.662Z', 'Note: Rolled back checkout to v1.8.2 via Argo CD (history id 44)', 'Opsgenie', 'tomas.novak@example.com'],
    ]);
    assert.deepEqual(table(opsgenieRows(json('opsgenie_get_alert.json'))), [
      ['2024-03-01T23:53:38.412Z', 'Opsgenie alert #4127 created (P1): [FIRING:1] HighErrorRate checkout (page)', 'Opsgenie', 'Alertmanager'],
      ['2024-03-01T23:55:02.184Z', 'Alert #4127 acknowledged', 'Opsgenie', 'priya.raman@example.com'],
      ['2024-03-02T00:09:10.020Z', 'Alert #4127 closed', 'Opsgenie', 'Alertmanager'],
    ]);
    rejects(() => opsgenieRows(json('grafana_annotations.json')), /^not an Opsgenie answer/);
    rejects(() => opsgenieRows({ message: 'Could not authenticate', took: 0.001, requestId: 'x' }), /Opsgenie answered with an error: Could not authenticate/);
  });
});

describe('Grafana annotations', () => {
  test('the API example: rows in time order with tags', () => {
    assert.deepEqual(table(grafanaRows(json('grafana_annotations.json'))), [
      ['2017-10-06T04:45:11.000Z', 'test [tag1, tag2]', 'Grafana', ''],
      ['2017-10-06T05:06:35.000Z', 'test [tag1, tag2]', 'Grafana', ''],
    ]);
  });

  test('regions, alert state changes, authors, HTML in the text; refusals', () => {
    const rows = grafanaRows([
      { time: 1709336892000, timeEnd: 1709337882000, text: 'Deploy <b>v1.9.0</b> | canary', tags: ['deploy'], login: 'priya' },
      { time: 1709337218000, timeEnd: 1709337218000, alertId: 7, alertName: 'HighErrorRate', prevState: 'Normal', newState: 'Alerting', text: '' },
    ]);
    assert.deepEqual(table(rows), [
      ['2024-03-01T23:48:12.000Z', 'Deploy &lt;b&gt;v1.9.0&lt;/b&gt; \\| canary [deploy] (until 00:04:42)'.replace('00:04:42', '2024-03-02 00:04:42'), 'Grafana', 'priya'],
      ['2024-03-01T23:53:38.000Z', 'HighErrorRate: Normal → Alerting', 'Grafana', ''],
    ]);
    rejects(() => grafanaRows({ annotations: [] }), /^not Grafana annotations/);
    rejects(() => grafanaRows({ message: 'Unauthorized' }), /Grafana answered with an error: Unauthorized/);
  });
});

describe('Kubernetes events', () => {
  const expected = [
    ['2024-03-01T23:48:11.000Z', 'Deployment/checkout ScalingReplicaSet: Scaled up replica set checkout-7d9c6b5f4d to 1', 'Kubernetes shop', 'deployment-controller'],
    ['2024-03-01T23:48:11.402Z', 'Pod/checkout-7d9c6b5f4d-x2kfq Scheduled: Successfully assigned shop/checkout-7d9c6b5f4d-x2kfq to ip-10-20-3-41.ec2.internal', 'Kubernetes shop', 'default-scheduler'],
    ['2024-03-01T23:48:25.000Z', 'WARN Pod/checkout-7d9c6b5f4d-x2kfq Unhealthy: Readiness probe failed: HTTP probe failed with statuscode: 503 (x23 until 23:55:05)', 'Kubernetes shop', 'kubelet'],
    [
      '2024-03-01T23:49:02.118Z',
      'WARN Pod/checkout-7d9c6b5f4d-m4zpt FailedScheduling: 0/3 nodes are available: 3 Insufficient cpu. preemption: 0/3 nodes are available: 3 No preemption victims found for incoming pod. (x5 until 23:53:47)',
      'Kubernetes shop',
      'default-scheduler',
    ],
    [
      '2024-03-01T23:51:02.000Z',
      'WARN Pod/checkout-7d9c6b5f4d-x2kfq BackOff: Back-off restarting failed container checkout in pod checkout-7d9c6b5f4d-x2kfq_shop(c3e1a9f2-7b4d-4c6e-8a15-9e2d4f6b8a07) (x6 until 23:58:40)',
      'Kubernetes shop',
      'kubelet',
    ],
    ['2024-03-02T00:04:41.000Z', 'Deployment/checkout ScalingReplicaSet: Scaled down replica set checkout-7d9c6b5f4d to 0 from 1', 'Kubernetes shop', 'deployment-controller'],
  ];

  test('kubectl get events -o json (List), kubectl events -o json (EventList) and events.k8s.io/v1 read the same', () => {
    for (const f of ['kubectl_get_events_o_json.json', 'kubectl_events_o_json.json', 'kubectl_get_events_events_k8s_io_o_json.json']) {
      const rows = k8sEventRows(json(f));
      assert.deepEqual(table(rows), expected, f);
      // eventTime in microseconds orders the Scheduled event after the ScalingReplicaSet of the same second.
      assert.equal(rows[1].precise, '2024-03-01T23:48:11.402917Z', f);
    }
  });

  test('-A: events of several namespaces name theirs; window; refusals', () => {
    const doc = json('kubectl_get_events_o_json.json') as { items: Record<string, unknown>[] };
    const other = structuredClone(doc.items[0]);
    (other.involvedObject as Record<string, unknown>).namespace = 'payments';
    (other.metadata as Record<string, unknown>).namespace = 'payments';
    const rows = k8sEventRows({ ...doc, items: [...doc.items, other] }, { startMs: ms('2024-03-01T23:48:00Z'), endMs: ms('2024-03-01T23:48:20Z') });
    assert.deepEqual(rows.map((r) => [r.event.split(' ')[0], r.source]), [
      ['shop/Deployment/checkout', 'Kubernetes'],
      ['payments/Deployment/checkout', 'Kubernetes'],
      ['shop/Pod/checkout-7d9c6b5f4d-x2kfq', 'Kubernetes'],
    ]);
    rejects(() => k8sEventRows(json('argocd_application_o_json_history.json')), /^not Kubernetes events/);
    rejects(() => k8sEventRows({ kind: 'List', items: [{ kind: 'Pod' }] }), /No item here is an Event/);
    rejects(() => k8sEventRows({ kind: 'Status', status: 'Failure', message: 'events is forbidden' }), /API answered with an error: events is forbidden/);
  });
});

describe('kubectl rollout history (no times: it names the replica sets of Kubernetes events)', () => {
  test('both layouts, plain and with --revision: revision, pod-template-hash, change-cause, images', () => {
    assert.deepEqual(parseRolloutHistory(text('kubectl_rollout_history_revision.txt')), [
      { workload: 'deployment.apps/checkout', revision: 3, hash: '7d9c6b5f4d', changeCause: 'deploy v1.9.0 (pipeline 4502)', images: ['registry.example.com/shop/checkout:1.9.0'] },
    ]);
    assert.deepEqual(parseRolloutHistory(text('kubectl_rollout_history_revision_docs.txt')), [
      { workload: 'deployments/nginx-deployment', revision: 2, hash: '1159050644', changeCause: 'kubectl set image deployment/nginx-deployment nginx=nginx:1.16.1', images: ['nginx:1.16.1'] },
    ]);
    assert.deepEqual(parseRolloutHistory(text('kubectl_rollout_history.txt')).map((r) => [r.workload, r.revision, r.changeCause, r.hash]), [
      ['deployment.apps/checkout', 1, 'deploy v1.8.1 (pipeline 4411)', undefined],
      ['deployment.apps/checkout', 3, 'deploy v1.9.0 (pipeline 4502)', undefined],
      ['deployment.apps/checkout', 4, 'deploy v1.8.2 (pipeline 4467)', undefined],
    ]);
    assert.equal(parseRolloutHistory(text('kubectl_rollout_history_docs.txt')).length, 3);
    // Several --revision outputs saved into one file are read one after the other.
    const two = text('kubectl_rollout_history_revision.txt') + '\n' + text('kubectl_rollout_history_revision_docs.txt');
    assert.deepEqual(parseRolloutHistory(two).map((r) => r.revision), [3, 2]);
  });

  test('events with --rollout: the scalings of a revision\'s replica set say its revision and change; pods do not', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pm-rollout-'));
    try {
      copyFileSync(join(FIX, 'kubectl_rollout_history_revision.txt'), join(dir, 'rev.txt'));
      copyFileSync(join(FIX, 'kubectl_get_events_o_json.json'), join(dir, 'events.json'));
      copyFileSync(join(FIX, 'kubectl_rollout_history.txt'), join(dir, 'plain.txt'));
      const host = { cwd: dir, nowMs: ms('2024-03-05T00:00:00Z') };
      const r = await collectRows({ source: 'k8s-events', file: 'events.json', options: { rollout: 'rev.txt' } }, undefined, host);
      assert.deepEqual(r.rows.filter((x) => x.event.includes(' — ')).map((x) => x.event), [
        'Deployment/checkout ScalingReplicaSet: Scaled up replica set checkout-7d9c6b5f4d to 1 — revision 3: deploy v1.9.0 (pipeline 4502)',
        'Deployment/checkout ScalingReplicaSet: Scaled down replica set checkout-7d9c6b5f4d to 0 from 1 — revision 3: deploy v1.9.0 (pipeline 4502)',
      ]);
      assert.equal(r.rows.length, 6);
      assert.deepEqual(r.notes, ['2 rows name the revision of their replica set (from rev.txt).']);
      // Plain history has no hashes: the rows stay as they are, and the note says what to save.
      const plain = await collectRows({ source: 'k8s-events', file: 'events.json', options: { rollout: 'plain.txt' } }, undefined, host);
      assert.equal(plain.rows.filter((x) => x.event.includes(' — ')).length, 0);
      assert.match(plain.notes.join(' '), /without their pod-template-hash.*--revision=N/);
      await assert.rejects(collectRows({ source: 'k8s-events', file: 'events.json', options: { rollout: 'events.json' } }, undefined, host), /events\.json is not `kubectl rollout history` output/);
      await assert.rejects(collectRows({ source: 'k8s-events', file: 'events.json', options: { rollout: 'missing.txt' } }, undefined, host), /Cannot read .*missing\.txt: no such file/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('given to the log import, rollout history is refused with the way to use it', async () => {
    for (const f of ['kubectl_rollout_history.txt', 'kubectl_rollout_history_docs.txt', 'kubectl_rollout_history_revision.txt', 'kubectl_rollout_history_revision_docs.txt']) {
      await assert.rejects(importLogs(text(f).split('\n')), (e: unknown) => e instanceof ImportError && /kubectl rollout history` output: it has no times.*import k8s-events events\.json --rollout FILE/.test(e.message), f);
    }
  });
});

describe('log searches (through the log import: grouping, levels, window)', () => {
  test('CloudWatch filter-log-events: the AWS CLI example, log stream as origin', async () => {
    const r = await cloudwatchRows(json('cloudwatch_filter_log_events.json'));
    assert.deepEqual(table(r.rows), [
      ['2024-04-08T09:17:23.827Z', 'Test MESSAGE1', 'CloudWatch teststream', ''],
      ['2024-04-08T09:21:08.991Z', 'Test MESSAGE2', 'CloudWatch 2024/05/09/[$LATEST]abc1024', ''],
    ]);
  });

  test('CloudWatch: JSON and text levels, repeated lines grouped, --level and window apply', async () => {
    const t0 = ms('2024-03-01T23:55:00Z');
    const events = [
      { logStreamName: 's', timestamp: t0, message: '{"level":"error","msg":"upstream timeout id=1"}' },
      { logStreamName: 's', timestamp: t0 + 1000, message: '{"level":"error","msg":"upstream timeout id=2"}' },
      { logStreamName: 's', timestamp: t0 + 2000, message: 'WARN pool 90% used\n' },
      { logStreamName: 's', timestamp: t0 + 3000, message: 'started' },
    ];
    const r = await cloudwatchRows({ events });
    assert.deepEqual(r.rows.map((x) => x.event), ['ERROR upstream timeout id=1 (x2 until 23:55:01)', 'WARN pool 90% used', 'started']);
    const warn = await cloudwatchRows({ events }, { minLevel: 'warn', window: { startMs: t0 + 1500, endMs: t0 + 5000 } });
    assert.deepEqual(warn.rows.map((x) => x.event), ['WARN pool 90% used']);
    await assert.rejects(cloudwatchRows({ events: [] }), /No CloudWatch events/);
    await assert.rejects(cloudwatchRows(json('gcp_logging_read.json')), /not CloudWatch Logs events/);
  });

  test('Elasticsearch hits: the docs example (zone-less @timestamp read as UTC and said so)', async () => {
    const r = await searchRows(json('elasticsearch_search_hits.json'));
    assert.deepEqual(table(r.rows), [['2099-11-15T14:12:12.000Z', 'GET /search HTTP/1.1 200 1070000', 'Elasticsearch', '']]);
    assert.equal(r.zoneAssumed, 'UTC');
    const berlin = await searchRows(json('elasticsearch_search_hits.json'), { zone: 'Europe/Berlin' });
    assert.equal(iso(berlin.rows[0].epochMs), '2099-11-15T13:12:12.000Z');
  });

  test('Elasticsearch: ECS levels and services, `fields` hits, errors', async () => {
    const hits = [
      { _source: { '@timestamp': '2024-03-01T23:55:00.000Z', message: 'db down', log: { level: 'error' }, service: { name: 'checkout' } } },
      { fields: { '@timestamp': ['2024-03-01T23:56:00.000Z'], message: ['recovered'] } },
    ];
    const r = await searchRows({ hits: { hits } });
    assert.deepEqual(table(r.rows), [
      ['2024-03-01T23:55:00.000Z', 'ERROR db down', 'Elasticsearch checkout', ''],
      ['2024-03-01T23:56:00.000Z', 'recovered', 'Elasticsearch', ''],
    ]);
    await assert.rejects(searchRows({ error: { type: 'index_not_found_exception', reason: 'no such index [logs-x]' }, status: 404 }), /no such index \[logs-x\]/);
    await assert.rejects(searchRows({ hits: { hits: [{ _source: { msg: 'x' } }] } }), /None of the 1 hits has a time field/);
    await assert.rejects(searchRows({ hits: { hits: [] } }), /no hits/);
    await assert.rejects(searchRows([1, 2]), /not an Elasticsearch or OpenSearch search answer/);
  });

  test('Cloud Logging: text and JSON payloads, severities, pods; newest first in, time order out', async () => {
    const r = await gcpLoggingRows(json('gcp_logging_read.json'));
    assert.deepEqual(table(r.rows), [
      [
        '2020-11-01T20:34:34.788Z',
        "ERROR:django.security.DisallowedHost:Invalid HTTP_HOST header: '35.235.79.222'. You may need to add '35.235.79.222' to ALLOWED_HOSTS.",
        'Cloud Logging pod/dhrishti-9955b7797-q48lr/dhrishti-backend',
        '',
      ],
      ['2022-06-06T08:21:26.343Z', 'Failed to handle task.', 'Cloud Logging pod/reactor-7cd8547b58-mfrbk/reactor', ''],
    ]);
    assert.equal(r.rows[0].precise, '2020-11-01T20:34:34.788117889Z');
    const audit = await gcpLoggingRows([
      { timestamp: '2024-03-01T23:49:00Z', severity: 'NOTICE', resource: { type: 'k8s_cluster' }, protoPayload: { methodName: 'io.k8s.apps.v1.deployments.patch', resourceName: 'apps/v1/namespaces/shop/deployments/checkout', authenticationInfo: { principalEmail: 'ci@example.iam.gserviceaccount.com' } } },
      { timestamp: '2024-03-01T23:48:00Z', severity: 'WARNING', resource: { type: 'cloud_run_revision', labels: { service_name: 'web' } }, textPayload: 'slow start' },
    ]);
    assert.deepEqual(table(audit.rows), [
      ['2024-03-01T23:48:00.000Z', 'WARN slow start', 'Cloud Logging web', ''],
      ['2024-03-01T23:49:00.000Z', 'io.k8s.apps.v1.deployments.patch apps/v1/namespaces/shop/deployments/checkout', 'Cloud Logging k8s_cluster', 'ci@example.iam.gserviceaccount.com'],
    ]);
    await assert.rejects(gcpLoggingRows({ entries: [] }), /not Google Cloud log entries/);
    await assert.rejects(gcpLoggingRows([{ insertId: 'x' }]), /No entry here has a "timestamp"/);
  });
});

describe('git history', () => {
  test('the command: the window as --since/--until, no option injection', () => {
    assert.deepEqual(gitLogArgs({ startMs: ms('2024-03-01T23:00:00Z'), endMs: ms('2024-03-02T01:00:00.500Z') }), [
      'log', '--first-parent', '--no-color', '--since=2024-03-01T23:00:00Z', '--until=2024-03-02T01:00:00Z', `--format=${GIT_LOG_FORMAT}`, 'HEAD', '--',
    ]);
    rejects(() => gitLogArgs({ startMs: 0, endMs: 1 }, '--output=/tmp/x'), /is not a branch or commit/);
  });

  test('a real repository through the import: merges and tags in the window, the author as actor; --all-commits', async () => {
    const repo = mkdtempSync(join(tmpdir(), 'git-history-'));
    const env = (date: string, name = 'Ana Lima') => ({ ...process.env, GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date, GIT_AUTHOR_NAME: name, GIT_AUTHOR_EMAIL: 'a@example.com', GIT_COMMITTER_NAME: 'Ana Lima', GIT_COMMITTER_EMAIL: 'a@example.com' });
    const g = (args: string[], date: string, name?: string) => execFileSync('git', args, { cwd: repo, env: env(date, name), stdio: 'pipe' }).toString().trim();
    const run = (options: ImportArgs['options'], window = '2024-03-01T23:00Z 2024-03-02T01:00Z', file = repo) => collectRows({ source: 'git', file, window, options }, undefined, { cwd: tmpdir() });
    try {
      g(['init', '-q', '-b', 'main'], '2024-03-01T20:00:00Z');
      writeFileSync(join(repo, 'a.txt'), '1');
      g(['add', '.'], '2024-03-01T20:00:00Z');
      g(['commit', '-q', '-m', 'first'], '2024-03-01T20:00:00Z');
      g(['checkout', '-q', '-b', 'feature'], '2024-03-01T23:40:00Z');
      writeFileSync(join(repo, 'b.txt'), '2');
      g(['add', '.'], '2024-03-01T23:40:00Z');
      g(['commit', '-q', '-m', 'checkout: v1.9.0 | new pool'], '2024-03-01T23:40:00Z');
      g(['checkout', '-q', 'main'], '2024-03-01T23:45:00Z');
      // An offset in the commit date: the row is in UTC.
      g(['merge', '-q', '--no-ff', '-m', 'Merge pull request #7 from shop/v1.9.0', 'feature'], '2024-03-02T00:45:00+01:00', 'Bo Chen');
      const merge = g(['rev-parse', '--short=7', 'HEAD'], '2024-03-01T23:45:00Z');
      writeFileSync(join(repo, 'c.txt'), '3');
      g(['add', '.'], '2024-03-01T23:50:00Z');
      g(['commit', '-q', '-m', 'release 1.9.1'], '2024-03-01T23:50:00Z', 'Cy Diaz');
      const release = g(['rev-parse', '--short=7', 'HEAD'], '2024-03-01T23:50:00Z');
      g(['tag', 'v1.9.1'], '2024-03-01T23:51:00Z');
      const name = repo.split('/').pop();
      const c = await run({});
      assert.deepEqual(table(c.rows), [
        ['2024-03-01T23:45:00.000Z', `Merge pull request #7 from shop/v1.9.0 (${merge})`, `git ${name}`, 'Bo Chen'],
        ['2024-03-01T23:50:00.000Z', `Tag v1.9.1 on ${release}: release 1.9.1`, `git ${name}`, 'Cy Diaz'],
      ]);
      // Every commit of the main line; the feature branch's own commit is not on it.
      const all = await run({ allCommits: true }, '2024-03-01T19:00Z 2024-03-02T01:00Z');
      assert.deepEqual(all.rows.map((r) => r.event.replace(/ \([0-9a-f]{7}\)/, '')), ['first', 'Merge pull request #7 from shop/v1.9.0', 'release 1.9.1, tagged v1.9.1']);
      // Two commits in the same second stay in the order they were made.
      writeFileSync(join(repo, 'd.txt'), '4');
      g(['add', '.'], '2024-03-01T23:55:00Z');
      g(['commit', '-q', '-m', 'same second 1'], '2024-03-01T23:55:00Z');
      writeFileSync(join(repo, 'e.txt'), '5');
      g(['add', '.'], '2024-03-01T23:55:00Z');
      g(['commit', '-q', '-m', 'same second 2'], '2024-03-01T23:55:00Z');
      const same = await run({ allCommits: true }, '2024-03-01T23:54Z 2024-03-01T23:56Z');
      assert.deepEqual(same.rows.map((r) => r.event.replace(/ \([0-9a-f]{7}\)/, '')), ['same second 1', 'same second 2']);
      const none = await run({}, '2024-03-01T19:00Z 2024-03-01T21:00Z');
      assert.deepEqual(none.notes, ['No merges or tags on the main line between 2024-03-01T19:00:00.000Z and 2024-03-01T21:00:00.000Z.']);
      await assert.rejects(run({}, '2024-03-01T19:00Z 2024-03-01T21:00Z', tmpdir()), /git log failed .*not a git repository/);
      await assert.rejects(collectRows({ source: 'git', file: repo }, undefined, { cwd: tmpdir() }), /No window/);
      await assert.rejects(run({ ref: 'no-such-branch' }), /git log failed/);
    } finally {
      rmSync(repo, { recursive: true, force: true });
    }
  });

  test('lines that are not that git log format are refused', async () => {
    await assert.rejects(gitLogRows(['commit 7908616aa3cddbeecdc9b2680739bd9343c6a578', 'Author: x']), /not the output of git log --format=/);
  });
});

describe('Argo CD', () => {
  const expected = [
    ['2024-03-01T23:48:12.000Z', 'Argo CD deployed checkout c3d9e2b (main) [id 43]', 'Argo CD', 'automated sync'],
    ['2024-03-02T00:04:42.000Z', 'Argo CD deployed checkout 9a41c7e (main) again, the revision of history id 42 [id 44]', 'Argo CD', 'tomas.novak@example.com'],
  ];
  const window = { startMs: ms('2024-03-01T23:00:00Z'), endMs: ms('2024-03-02T01:00:00Z') };

  test('Application JSON: deploys in the window, a redeploy of an earlier revision named as such', () => {
    assert.deepEqual(table(argoRows(json('argocd_application_o_json_history.json'), window)), expected);
    assert.equal(argoRows(json('argocd_application_o_json_history.json')).length, 4);
  });

  test('`argocd app history` table reads the same (no actor in it)', () => {
    assert.deepEqual(table(argoHistoryTableRows(text('argocd_app_history.txt'), { ...window, app: 'checkout' })), expected.map((r) => [r[0], r[1], r[2], '']));
    rejects(() => argoHistoryTableRows('ID  DATE\n1 yesterday'), /^not Argo CD history/);
    // kubectl's rollout history has no times: the refusal says where the rollouts can be found.
    for (const f of ['kubectl_rollout_history.txt', 'kubectl_rollout_history_docs.txt', 'kubectl_rollout_history_revision.txt', 'kubectl_rollout_history_revision_docs.txt']) {
      rejects(() => argoHistoryTableRows(text(f)), /^`kubectl rollout history` prints revisions without times.*ScalingReplicaSet/);
    }
  });

  test('Application YAML from the Argo CD test data; a failed sync; refusals', () => {
    const rows = argoRows(parseYaml(text('argocd_application_status_history_testdata.yaml')));
    assert.deepEqual(table(rows), [
      ['2024-03-04T22:00:06.000Z', 'Argo CD deployed ea87599 (test-lla) [id 14]', 'Argo CD', ''],
      ['2024-03-04T22:08:30.000Z', 'Argo CD deployed ea87599 (test-lla) again, the revision of history id 14 [id 15]', 'Argo CD', ''],
    ]);
    const failed = argoRows({ metadata: { name: 'web' }, status: { history: [], operationState: { phase: 'Failed', message: 'one or more objects failed to apply', startedAt: '2024-03-01T23:50:00Z', finishedAt: '2024-03-01T23:50:09Z', operation: { initiatedBy: { username: 'ana' } } } } });
    assert.deepEqual(table(failed), [['2024-03-01T23:50:09.000Z', 'Argo CD sync of web failed: one or more objects failed to apply', 'Argo CD', 'ana']]);
    rejects(() => argoRows(json('kubectl_get_events_o_json.json')), /^not Argo CD history/);
  });
});

describe('the CLI: postmortem import <source> --into a report', () => {
  const report = `# Post-mortem: checkout 5xx

**Date**: 2024-03-01
**Severity**: SEV-2

## Timeline

| Time (UTC) | Event | Source | Actor |
| --- | --- | --- | --- |
| 23:48 | v1.9.0 deployed | Argo CD | |
| 23:55 | Error rate above 5% | Grafana | |
| 00:10 | Incident closed | | |
`;
  const run = (args: string[], cwd: string) => runCli(args, cwd);

  test('Slack, PagerDuty, Kubernetes events and Argo CD into one report: time order across midnight, no duplicates, errors change nothing', () => {
    ensureCliBuilt();
    const dir = mkdtempSync(join(tmpdir(), 'pm-sources-'));
    try {
      writeFileSync(join(dir, 'pm.md'), report);
      mkdirSync(join(dir, 'export', 'inc-checkout'), { recursive: true });
      copyFileSync(join(FIX, 'slack_export_users.json'), join(dir, 'export', 'users.json'));
      copyFileSync(join(FIX, 'slack_export_channel_day.json'), join(dir, 'export', 'inc-checkout', '2024-03-01.json'));
      let r = run(['import', 'slack', 'export', '--into', 'pm.md'], dir);
      assert.equal(r.code, 0, r.stderr);
      // The 2012 "Hello world" of the same file lies outside the report's incident window.
      assert.match(r.stderr, /^2 rows inserted into pm\.md/m);
      r = run(['import', 'pagerduty', join(FIX, 'pagerduty_log_entries_ack_escalate_note.json'), '--into', 'pm.md'], dir);
      assert.equal(r.code, 0, r.stderr);
      r = run(['import', 'k8s-events', join(FIX, 'kubectl_get_events_o_json.json'), '--start', '2024-03-01T23:50Z', '--end', '2024-03-02T00:30Z', '--into', 'pm.md'], dir);
      assert.equal(r.code, 0, r.stderr);
      r = run(['import', 'argocd', join(FIX, 'argocd_application_o_json_history.json'), '--into', 'pm.md'], dir);
      assert.equal(r.code, 0, r.stderr);
      const text = readFileSync(join(dir, 'pm.md'), 'utf8');
      // Written in the timeline's own style (HH:MM); the model reads the midnight rollover.
      const rows = text.split('\n').filter((l) => /^\| \d\d:\d\d \|/.test(l));
      // Time, the event's first words, the source.
      assert.deepEqual(rows.map((l) => l.split(/ \| /).map((c) => c.replace(/^\| /, '')).slice(0, 3).map((c, i) => (i === 1 ? c.split(' ').slice(0, 3).join(' ') : c)).join(' / ')), [
        '23:48 / v1.9.0 deployed / Argo CD',
        '23:48 / Argo CD deployed / Argo CD',
        '23:51 / WARN Pod/checkout-7d9c6b5f4d-x2kfq BackOff: / Kubernetes shop',
        '23:55 / Error rate above / Grafana',
        '23:55 / @here checkout 5xx / Slack #inc-checkout',
        '23:58 / [FIRING:1] HighErrorRate checkout / Slack #inc-checkout',
        '23:58 / incident #4127 escalated / PagerDuty',
        '23:59 / incident #4127 acknowledged / PagerDuty',
        '00:04 / Deployment/checkout ScalingReplicaSet: Scaled / Kubernetes shop',
        '00:04 / Argo CD deployed / Argo CD',
        '00:05 / Note on incident / PagerDuty',
        '00:10 / Incident closed / |',
      ]);
      // Running an import again adds nothing.
      r = run(['import', 'pagerduty', join(FIX, 'pagerduty_log_entries_ack_escalate_note.json'), '--into', 'pm.md'], dir);
      assert.match(r.stderr, /0 rows inserted into pm\.md, 3 already there/);
      assert.equal(readFileSync(join(dir, 'pm.md'), 'utf8'), text);
      // A file of another source changes nothing and says what was expected (exit 1).
      r = run(['import', 'slack', join(FIX, 'pagerduty_incident_log_entries.json'), '--into', 'pm.md'], dir);
      assert.equal(r.code, 1);
      assert.match(r.stderr, /postmortem: not a Slack export: expected/);
      assert.equal(readFileSync(join(dir, 'pm.md'), 'utf8'), text);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('postmortem.import in the language server (any LSP editor)', () => {
  test('Slack with its options and PagerDuty: one edit each; a wrong file is refused and edits nothing', async () => {
    ensureCliBuilt();
    const ws = mkdtempSync(join(tmpdir(), 'pm-lsp-sources-'));
    const c = new LspClient({ folders: [ws], settings: {} });
    const edits: unknown[] = [];
    c.conn.onRequest('workspace/applyEdit', async (p: { edit: Parameters<LspClient['applyEdit']>[0] }) => {
      edits.push(p.edit);
      await c.applyEdit(p.edit);
      return { applied: true };
    });
    try {
      await c.initialize();
      mkdirSync(join(ws, 'export', 'inc-checkout'), { recursive: true });
      copyFileSync(join(FIX, 'slack_export_users.json'), join(ws, 'export', 'users.json'));
      copyFileSync(join(FIX, 'slack_conversations_history.json'), join(ws, 'export', 'inc-checkout', '2024-03-01.json'));
      const uri = fileUri(join(ws, 'pm.md'));
      const text = '# Post-mortem: checkout\n\n**Date**: 2024-03-01\n\n## Timeline\n\n| Time (UTC) | Event | Source | Actor |\n| --- | --- | --- | --- |\n| 23:50 | Alert fired | Alertmanager | |\n';
      await c.open(uri, text);
      const run = (args: Record<string, unknown>) => c.conn.sendRequest<{ inserted: number }>('workspace/executeCommand', { command: 'postmortem.import', arguments: [{ uri, notify: false, ...args }] });
      const r = await run({ source: 'slack', file: 'export', options: { reaction: 'white_check_mark' } });
      assert.equal(r.inserted, 1);
      assert.match(c.text(uri), /\| 00:10 \| Postmortem doc: PM: checkout 5xx after v1\.9\.0 cc @S0614TZR7, deploy log in #C0631RZQH4P \| Slack #inc-checkout \| Tomáš Novák \|/);
      await assert.rejects(run({ source: 'pagerduty', file: join(FIX, 'slack_export_users.json') }), /not PagerDuty log entries/);
      assert.equal(edits.length, 1);
      const p = await run({ source: 'pagerduty', file: join(FIX, 'pagerduty_log_entries_ack_escalate_note.json') });
      assert.equal(p.inserted, 3);
      assert.equal(edits.length, 2);
    } finally {
      await c.shutdown();
      rmSync(ws, { recursive: true, force: true });
    }
  });
});
