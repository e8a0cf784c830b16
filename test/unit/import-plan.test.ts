// The one orchestration of an import: the source table, the window each source reads, the step,
// the reference year, and the usage errors every front end shares.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildModel } from '../../server/src/engine/model';
import { planStep, planWindow, referenceMs, windowFromArgs } from '../../server/src/engine/import/plan';
import { ImportError } from '../../server/src/engine/import/rows';
import { SOURCES, sourceById } from '../../server/src/engine/import/sources';
import { collectRows, planReportImport } from '../../server/src/node/run-import';

const REPORT = `# Post-mortem: x

**Date**: 2024-03-01

## Timeline

| Time (UTC) | Event |
| --- | --- |
| 2024-03-01 23:50 | Deploy |
| 2024-03-02 00:20 | Rollback |
`;
const model = buildModel(REPORT);
const usage = (re: RegExp) => (e: unknown) => e instanceof ImportError && e.kind === 'usage' && re.test(e.message);

test('the source table: unique ids, each reads something, unknown ids named with the known ones', () => {
  const ids = SOURCES.map((s) => s.id);
  assert.deepEqual(ids, [...new Set(ids)]);
  for (const s of SOURCES) assert.ok(s.file || s.http || s.command || s.id === 'rows', `${s.id} reads nothing`);
  assert.throws(() => sourceById('slak'), usage(/Unknown import source "slak": use one of prometheus, alerts, alertmanager, logs, slack, pagerduty, opsgenie, grafana, k8s-events, cloudwatch, elasticsearch, gcp-logging, git, argocd, rows/));
});

test('windows: given, else the report\'s when the source reads ranges, never for a log filter', () => {
  const now = Date.parse('2024-03-02T12:00:00Z');
  const prom = sourceById('prometheus');
  const logs = sourceById('logs');
  // The report's incident window, widened by 30 minutes.
  assert.deepEqual(planWindow(prom, 'http', { source: 'prometheus' }, model, now), { startMs: Date.parse('2024-03-01T23:20:00Z'), endMs: Date.parse('2024-03-02T00:50:00Z') });
  assert.equal(planWindow(logs, 'file', { source: 'logs' }, model, now), undefined);
  assert.throws(() => planWindow(prom, 'http', { source: 'prometheus' }, undefined, now), usage(/No window/));
  assert.equal(planWindow(prom, 'file', { source: 'prometheus' }, undefined, now), undefined);
  assert.deepEqual(windowFromArgs({ window: 'last 2h' }, now), { startMs: now - 7200000, endMs: now });
  assert.throws(() => windowFromArgs({ start: '2024-03-01T00:00Z' }, now), usage(/both a start and an end/));
  assert.throws(() => windowFromArgs({ start: '2024-03-01T02:00Z', end: '2024-03-01T01:00Z' }, now), usage(/end must be after/));
  assert.throws(() => windowFromArgs({ start: 'yesterday', end: '2024-03-01T01:00Z' }, now), usage(/start "yesterday" is not a time/));
});

test('step and reference year', () => {
  const w = { startMs: Date.parse('2024-03-01T00:00:00Z'), endMs: Date.parse('2024-03-01T02:00:00Z') };
  assert.equal(planStep(w, undefined), 15);
  assert.equal(planStep(w, '1m'), 60);
  assert.equal(planStep(w, 30), 30);
  assert.throws(() => planStep(w, 'fast'), usage(/step "fast" is not a duration/));
  assert.equal(referenceMs(model), Date.parse('2024-03-01T00:00:00Z'));
  assert.equal(referenceMs(undefined), undefined);
});

test('what to read: one of a file, a URL or text, as the source allows', async () => {
  const host = { cwd: tmpdir(), env: {} };
  await assert.rejects(collectRows({ source: 'logs' }, undefined, host), usage(/Nothing to read: give a file for Logs/));
  await assert.rejects(collectRows({ source: 'logs', url: 'http://x' }, undefined, host), usage(/Logs is not read from a server/));
  await assert.rejects(collectRows({ source: 'prometheus', url: 'http://x', file: 'y.json' }, undefined, host), usage(/not several/));
  const text = await collectRows({ source: 'logs', text: '2025-07-14T10:00:00.000000000Z ERROR gone' }, undefined, host);
  assert.equal(text.rows.length, 1);
  assert.equal(text.origin, 'text');
});

test('a year-less syslog line takes the report\'s year, through the one plan', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'pm-plan-'));
  try {
    writeFileSync(join(dir, 'sys.log'), 'Mar  1 23:55:00 web1 nginx[12]: upstream timed out\n');
    const p = await planReportImport({ source: 'logs', file: 'sys.log' }, { text: REPORT, path: join(dir, 'r.md') }, { cwd: dir });
    assert.equal(new Date(p.rows[0].epochMs).toISOString(), '2024-03-01T23:55:00.000Z');
    assert.equal(p.merge.inserted, 1);
    assert.match(p.summary, /^1 row inserted into r\.md/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
