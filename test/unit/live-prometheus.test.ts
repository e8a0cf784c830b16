// Against real servers: Prometheus 2.42 and Alertmanager 0.25 (Debian packages `prometheus`,
// `prometheus-alertmanager`) on loopback, backfilled BEFORE start with an incident that crosses
// midnight. Skips, saying so, when the binaries are absent (CI installs them).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, readdirSync } from 'node:fs';
import { createServer as createHttpServer, type Server } from 'node:http';
import { createServer as createNetServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { run } from '../../server/src/cli';
import { collectRows } from '../../server/src/node/run-import';
import { getJson, apiUrl } from '../../server/src/node/observability-http';
import { mergeRows } from '../../server/src/engine/import/merge';
import { applyEdits } from '../../server/src/engine/edits';
import { buildModel } from '../../server/src/engine/model';
import { ImportError, type TimelineRow } from '../../server/src/engine/import/rows';

const BINARIES = ['prometheus', 'promtool', 'prometheus-alertmanager'];
const missing = BINARIES.filter((b) => spawnSync('sh', ['-c', `command -v ${b}`]).status !== 0);
const skip = missing.length ? `needs the Debian packages prometheus and prometheus-alertmanager (missing: ${missing.join(', ')})` : false;
if (skip) console.log(`# live tests skipped: ${skip}`);

// The incident (UTC): error ratio 0.005, 0.4 from 23:55:00, a 0.6 sample at 00:05:00, back to
// 0.005 at 00:10:00. ALERTS pending 23:56:00-23:57:45, firing 23:58:00-00:10:45 (15 s evaluations).
const T = (iso: string) => Date.parse(iso) / 1000;
const DAY_START = T('2024-03-01T23:00:00Z');
const OM_START = DAY_START;
const OM_END = T('2024-03-02T01:00:00Z');

function openMetrics(): string {
  const out = ['# TYPE demo_error_ratio gauge'];
  for (let t = OM_START; t <= OM_END; t += 15) {
    let v = 0.005;
    if (t >= T('2024-03-01T23:55:00Z') && t < T('2024-03-02T00:10:00Z')) v = 0.4;
    if (t === T('2024-03-02T00:05:00Z')) v = 0.6;
    out.push(`demo_error_ratio{job="checkout"} ${v} ${t}`);
  }
  out.push('# TYPE ALERTS gauge');
  for (let t = T('2024-03-01T23:56:00Z'); t < T('2024-03-01T23:58:00Z'); t += 15) out.push(`ALERTS{alertname="HighErrorRate",alertstate="pending",job="checkout",severity="page"} 1 ${t}`);
  for (let t = T('2024-03-01T23:58:00Z'); t <= T('2024-03-02T00:10:45Z'); t += 15) out.push(`ALERTS{alertname="HighErrorRate",alertstate="firing",job="checkout",severity="page"} 1 ${t}`);
  out.push('# EOF');
  return out.join('\n') + '\n';
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createNetServer();
    s.listen(0, '127.0.0.1', () => {
      const p = (s.address() as { port: number }).port;
      s.close(() => resolve(p));
    });
    s.on('error', reject);
  });
}

async function waitReady(url: string, ms = 15000): Promise<void> {
  const until = Date.now() + ms;
  for (;;) {
    try {
      const r = await fetch(url);
      if (r.ok) return;
    } catch {
      /* not yet */
    }
    if (Date.now() > until) throw new Error(`not ready: ${url}`);
    await new Promise((r) => setTimeout(r, 150));
  }
}

const REPORT = `# Post-mortem: checkout errors

Date: 2024-03-01

## Summary

Checkout failed for some users.

## Impact

About 40% of checkouts failed.

## Timeline (UTC)

| Time | Event | Source | Actor |
| --- | --- | --- | --- |
| 23:50 | Deploy of checkout v1.8.3 started | CI | Alice |
| 00:20 | Rollback completed | CI | Bob |

## Contributing Factors

A config change.
`;

async function cli(args: string[], cwd: string): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await run(args, { stdout: { write: (s: string) => ((out += s), true) } as never, stderr: { write: (s: string) => ((err += s), true) } as never, cwd });
  return { code, out, err };
}

describe('live Prometheus and Alertmanager', { skip }, () => {
  let dir = '';
  const procs: ChildProcess[] = [];
  let prom = '';
  let am = '';

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'pm-live-'));
    writeFileSync(join(dir, 'incident.om'), openMetrics());
    const data = join(dir, 'data');
    const b = spawnSync('promtool', ['tsdb', 'create-blocks-from', 'openmetrics', join(dir, 'incident.om'), data], { encoding: 'utf8' });
    assert.equal(b.status, 0, b.stderr);
    writeFileSync(join(dir, 'prometheus.yml'), 'global:\n  scrape_interval: 15s\n');
    writeFileSync(join(dir, 'alertmanager.yml'), 'route:\n  receiver: "null"\nreceivers:\n  - name: "null"\n');
    const pp = await freePort();
    const ap = await freePort();
    prom = `http://127.0.0.1:${pp}`;
    am = `http://127.0.0.1:${ap}`;
    procs.push(spawn('prometheus', [`--config.file=${join(dir, 'prometheus.yml')}`, `--storage.tsdb.path=${data}`, '--storage.tsdb.retention.time=100y', `--web.listen-address=127.0.0.1:${pp}`], { stdio: 'ignore' }));
    procs.push(spawn('prometheus-alertmanager', [`--config.file=${join(dir, 'alertmanager.yml')}`, `--storage.path=${join(dir, 'am')}`, `--web.listen-address=127.0.0.1:${ap}`, '--cluster.listen-address='], { stdio: 'ignore' }));
    await waitReady(`${prom}/-/ready`);
    await waitReady(`${am}/-/ready`);
  });

  after(async () => {
    // Wait for the exits: Alertmanager writes its state on shutdown, racing a recursive delete.
    await Promise.all(procs.map((p) => new Promise<void>((res) => {
      if (!p.pid || p.exitCode !== null || p.signalCode !== null) return res();
      p.once('exit', () => res());
      process.kill(p.pid, 'SIGTERM');
    })));
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const window = { start: '2024-03-01T23:30:00Z', end: '2024-03-02T00:40:00Z' };
  const host = { cwd: tmpdir(), env: {} };

  test('range query: crossing, peak and recovery across midnight, with a threshold', async () => {
    const r = await collectRows({ source: 'prometheus', url: prom, query: 'demo_error_ratio', ...window, step: 15, threshold: 0.05 }, undefined, host);
    assert.deepEqual(
      r.rows.map((x) => [new Date(x.epochMs).toISOString(), x.event]),
      [
        ['2024-03-01T23:55:00.000Z', 'demo_error_ratio: rose above 0.05 (0.4)'],
        ['2024-03-02T00:05:00.000Z', 'demo_error_ratio: peaked at 0.6'],
        ['2024-03-02T00:10:00.000Z', 'demo_error_ratio: back below 0.05 (0.005)'],
      ],
    );
    assert.match(r.rows[0].source, /^Prometheus `demo_error_ratio`$/);
  });

  test('range query: threshold found from the baseline, default step', async () => {
    const r = await collectRows({ source: 'prometheus', url: prom, query: 'demo_error_ratio', ...window }, undefined, host);
    assert.equal(r.stepSec, 15);
    assert.deepEqual(r.rows.map((x) => new Date(x.epochMs).toISOString()), ['2024-03-01T23:55:00.000Z', '2024-03-02T00:05:00.000Z', '2024-03-02T00:10:00.000Z']);
    assert.match(r.rows[0].event, /baseline 0\.005/);
  });

  test('an empty result is explained', async () => {
    const r = await collectRows({ source: 'prometheus', url: prom, query: 'no_such_metric', ...window }, undefined, host);
    assert.equal(r.rows.length, 0);
    assert.ok(r.notes.some((n) => /no series/.test(n)), r.notes.join('\n'));
  });

  test('alert history from ALERTS: pending, firing, resolved in order', async () => {
    const { rows } = await collectRows({ source: 'alerts', url: prom, ...window }, undefined, host);
    assert.deepEqual(
      rows.map((x) => [new Date(x.epochMs).toISOString(), x.event]),
      [
        ['2024-03-01T23:56:00.000Z', 'HighErrorRate pending'],
        ['2024-03-01T23:58:00.000Z', 'HighErrorRate firing'],
        ['2024-03-02T00:11:00.000Z', 'HighErrorRate resolved (last seen firing 00:10:45)'],
      ],
    );
  });

  test('CLI merges metrics and alerts into the report in time order across midnight', async () => {
    const report = join(dir, 'report.md');
    writeFileSync(report, REPORT);
    const a = await cli(['import', 'prometheus', '--url', prom, '--query', 'demo_error_ratio', '--threshold', '0.05', '--start', '2024-03-01T23:30:00Z', '--end', '2024-03-02T00:40:00Z', '--into', report, '--chart'], dir);
    assert.equal(a.code, 0, a.err);
    const b = await cli(['import', 'alerts', '--prometheus', prom, '--into', report], dir);
    assert.equal(b.code, 0, b.err);
    const text = readFileSync(report, 'utf8');
    const model = buildModel(text);
    const entries = model.timeline.entries.map((e) => [new Date(e.epoch! * 1000).toISOString().slice(0, 16), e.event?.text]);
    assert.deepEqual(entries, [
      ['2024-03-01T23:50', 'Deploy of checkout v1.8.3 started'],
      ['2024-03-01T23:55', 'demo_error_ratio: rose above 0.05 (0.4)'],
      ['2024-03-01T23:56', 'HighErrorRate pending'],
      ['2024-03-01T23:58', 'HighErrorRate firing'],
      ['2024-03-02T00:05', 'demo_error_ratio: peaked at 0.6'],
      ['2024-03-02T00:10', 'demo_error_ratio: back below 0.05 (0.005)'],
      ['2024-03-02T00:11', 'HighErrorRate resolved (last seen firing 00:10:45)'],
      ['2024-03-02T00:20', 'Rollback completed'],
    ]);
    // The chart is beside the report and linked under the timeline.
    const charts = readdirSync(join(dir, 'postmortem-charts'));
    assert.equal(charts.length, 1);
    assert.match(readFileSync(join(dir, 'postmortem-charts', charts[0]), 'utf8'), /^<svg[\s\S]*<polyline[\s\S]*<\/svg>\n$/);
    assert.ok(text.includes(`](postmortem-charts/${charts[0]})`));
    assert.ok(text.indexOf('postmortem-charts/') < text.indexOf('## Contributing Factors'));
    // Importing again inserts nothing new.
    const again = await cli(['import', 'alerts', '--prometheus', prom, '--into', report], dir);
    assert.equal(again.code, 0);
    assert.match(again.err, /0 rows inserted.*3 already there/);
    assert.equal(readFileSync(report, 'utf8'), text);
  });

  test('Alertmanager: current alerts with their summary, made safe for the table', async () => {
    const now = Date.now();
    const startsAt = new Date(now - 30 * 60000).toISOString();
    const res = await fetch(`${am}/api/v2/alerts`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify([{ labels: { alertname: 'CheckoutErrors', severity: 'page' }, annotations: { summary: 'errors | 5xx <b>high</b> `now`' }, startsAt }]),
    });
    assert.equal(res.status, 200);
    let rows: TimelineRow[] = [];
    for (let i = 0; i < 20 && !rows.length; i++) {
      rows = (await collectRows({ source: 'alertmanager', url: am }, undefined, host)).rows;
      if (!rows.length) await new Promise((r) => setTimeout(r, 100));
    }
    assert.equal(rows.length, 1);
    assert.equal(rows[0].epochMs, Date.parse(startsAt));
    assert.equal(rows[0].event, 'CheckoutErrors firing: errors \\| 5xx &lt;b&gt;high&lt;/b&gt; \\`now\\`');
  });

  describe('failures insert nothing and say why', () => {
    const cases: { name: string; args: () => string[]; message: RegExp }[] = [
      { name: 'bad_data (parse error)', args: () => ['--url', prom, '--query', 'rate(demo_error_ratio[1m]', '--window', '2024-03-01T23:30Z 2024-03-02T00:40Z'], message: /could not read the query \(bad_data\).*parse error/ },
      { name: 'bad_data: the 11,000-point limit, with a step that works', args: () => ['--url', prom, '--query', 'demo_error_ratio', '--window', '2024-03-01T00:00Z 2024-03-02T00:00Z', '--step', '1s'], message: /more than 11,000 points.*at least 8s/ },
      { name: 'execution error', args: () => ['--url', prom, '--query', 'label_replace(ALERTS, "alertstate", "x", "", "")', '--window', '2024-03-01T23:30Z 2024-03-02T00:40Z', '--step', '60'], message: /could not evaluate the query \(execution error, HTTP 422\)/ },
      { name: 'Prometheus timeout', args: () => ['--url', prom, '--query', 'quantile_over_time(0.5, demo_error_ratio[2h])', '--window', '2024-03-01T23:00Z 2024-03-02T01:00Z', '--step', '1s', '--query-timeout', '1ms'], message: /gave up on the query \(timeout, HTTP 503\)/ },
      { name: 'TLS to a plain-HTTP port', args: () => ['--url', prom.replace('http:', 'https:'), '--query', 'up', '--window', 'last 1h'], message: /TLS failed/ },
    ];
    for (const c of cases) {
      test(c.name, async () => {
        const report = join(dir, `fail-${c.name.replace(/\W+/g, '-')}.md`);
        writeFileSync(report, REPORT);
        const r = await cli(['import', 'prometheus', ...c.args(), '--into', report], dir);
        assert.equal(r.code, 1, r.err);
        assert.match(r.err, c.message);
        assert.equal(readFileSync(report, 'utf8'), REPORT);
      });
    }
  });
});

describe('HTTP failures and credentials (loopback servers)', () => {
  const servers: Server[] = [];
  const seen: { host: string; auth?: string; path: string }[] = [];
  let dir = '';
  const listen = (handler: Parameters<typeof createHttpServer>[1]) =>
    new Promise<string>((resolve) => {
      const s = createHttpServer((req, res) => {
        seen.push({ host: req.headers.host ?? '', auth: req.headers.authorization, path: req.url ?? '' });
        handler!(req, res);
      });
      servers.push(s);
      s.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${(s.address() as { port: number }).port}`));
    });
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'pm-http-'));
  });
  after(() => {
    for (const s of servers) {
      s.closeAllConnections?.();
      s.close();
    }
    rmSync(dir, { recursive: true, force: true });
  });

  async function expectFailure(url: string, message: RegExp, extra: string[] = []) {
    const report = join(dir, 'r.md');
    writeFileSync(report, REPORT);
    const r = await cli(['import', 'prometheus', '--url', url, '--query', 'up', '--window', '2024-03-01T23:30Z 2024-03-02T00:40Z', '--into', report, ...extra], dir);
    assert.equal(r.code, 1, r.err);
    assert.match(r.err, message);
    assert.equal(readFileSync(report, 'utf8'), REPORT);
  }

  test('connection refused', async () => {
    const port = await freePort();
    await expectFailure(`http://127.0.0.1:${port}`, /Connection refused by 127\.0\.0\.1:\d+/);
  });

  test('timeout', async () => {
    const url = await listen(() => {
      /* never answers */
    });
    await expectFailure(url, /No answer from .* within 1 s \(timeout\)/, ['--timeout', '1']);
  });

  test('401 and 403', async () => {
    const u401 = await listen((_q, res) => res.writeHead(401).end('no'));
    await expectFailure(u401, /needs credentials \(HTTP 401 Unauthorized\)/);
    const u403 = await listen((_q, res) => res.writeHead(403).end('no'));
    await expectFailure(u403, /HTTP 403 Forbidden/);
  });

  test('a body that is not JSON', async () => {
    const url = await listen((_q, res) => res.writeHead(200, { 'content-type': 'text/html' }).end('<html><body>Grafana login</body></html>'));
    await expectFailure(url, /not JSON \(text\/html\): "<html><body>Grafana login/);
  });

  test('a token is sent to its own host only, redirects included', async () => {
    const other = await listen((_q, res) => res.writeHead(200, { 'content-type': 'application/json' }).end('{"status":"success","data":{"resultType":"matrix","result":[]}}'));
    const home = await listen((req, res) => res.writeHead(302, { location: `${other}${req.url}` }).end());
    seen.length = 0;
    const res = await getJson({ url: home, credentials: { kind: 'bearer', token: 's3cret' } }, apiUrl(home, '/api/v1/query_range', { query: 'up' }));
    assert.equal(res.status, 200);
    assert.equal(seen.length, 2);
    assert.equal(seen[0].auth, 'Bearer s3cret');
    assert.equal(seen[1].auth, undefined);
    // Saved for another host: never sent.
    seen.length = 0;
    await getJson({ url: other, credentials: { kind: 'basic', username: 'u', password: 'p' }, credentialsHost: 'prom.example.com' }, apiUrl(other, '/api/v1/query', { query: 'up' }));
    assert.equal(seen[0].auth, undefined);
  });

  test('errors are ImportErrors with a kind', async () => {
    const port = await freePort();
    await assert.rejects(getJson({ url: `http://127.0.0.1:${port}` }, `http://127.0.0.1:${port}/api/v1/query`), (e: unknown) => e instanceof ImportError && e.kind === 'connection');
  });

  test('merge of an unknown-format log inserts nothing and names the first bad line', async () => {
    const report = join(dir, 'logs.md');
    writeFileSync(report, REPORT);
    writeFileSync(join(dir, 'bad.log'), '\nthis is not a log line\nnor this\n');
    const r = await cli(['import', 'logs', join(dir, 'bad.log'), '--into', report], dir);
    assert.equal(r.code, 1);
    assert.match(r.err, /Unknown log format: line 2 .*"this is not a log line"/);
    assert.equal(readFileSync(report, 'utf8'), REPORT);
  });

  test('mergeRows leaves the text alone when everything is a duplicate', () => {
    const m = mergeRows(REPORT, [{ epochMs: Date.parse('2024-03-01T23:50:00Z'), event: 'Deploy of checkout v1.8.3 started', source: 'CI', actor: 'Alice' }]);
    assert.equal(m.edit, undefined);
    assert.equal(m.duplicates, 1);
    assert.equal(applyEdits(REPORT, []).text, REPORT);
  });
});
