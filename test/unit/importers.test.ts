// Log, Prometheus and alert importers: every format, zones, epoch units, nanoseconds, grouping,
// filters, and text made safe for a table cell.
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { importLogs, detectLogFormat, prefilterFor, type LogImportOptions } from '../../server/src/engine/import/sources/logs';
import { compareRows, ImportError } from '../../server/src/engine/import/rows';
import { cellText, codeSpanCell } from '../../server/src/engine/import/cells';
import { chooseStep, MAX_POINTS, parsePromResponse, promRows } from '../../server/src/engine/import/sources/prometheus';
import { alertRowsFromAlertmanager, alertRowsFromSeries } from '../../server/src/engine/import/sources/alerts';
import { epochNumberToMs, parseIsoTimestamp } from '../../server/src/engine/time';
import { parseWindowInput, incidentWindow } from '../../server/src/engine/import/plan';
import { renderChart } from '../../server/src/engine/import/chart';
import { readLines, readTextBlocks } from '../../server/src/node/line-reader';
import { splitRow } from '../../server/src/engine/scan';

const FIX = join(__dirname, '..', 'fixtures-import');
const iso = (ms: number) => new Date(ms).toISOString();
async function logs(text: string, opts: LogImportOptions = {}) {
  return importLogs(text.split('\n'), opts);
}

describe('log formats', () => {
  test('kubectl --timestamps with --prefix: nanosecond order, non-UTC offset, JSON payload', async () => {
    const r = await importLogs(readLines(join(FIX, 'kubectl-prefix.log')));
    assert.equal(r.format, 'kubectl');
    assert.deepEqual(r.rows.map((x) => [iso(x.epochMs), x.event, x.source]), [
      ['2025-07-14T23:59:58.000Z', 'INFO starting drain', 'pod/api-5f7c9d-abcde/api'],
      ['2025-07-14T23:59:58.000Z', 'WARN slow upstream (upstream=db)', 'pod/api-5f7c9d-abcde/api'],
      ['2025-07-15T00:00:03.250Z', 'ERROR db connection reset \\| retrying', 'pod/api-5f7c9d-fghij/api'],
    ]);
    // The two rows in the same millisecond are ordered by their nanoseconds.
    assert.ok(compareRows(r.rows[0], r.rows[1]) < 0);
  });

  test('kubectl without prefix', async () => {
    const r = await logs('2025-07-14T10:00:00.123456789Z WARN disk 91% full\n2025-07-14T10:00:01.000000000-07:00 ERROR gone');
    assert.equal(r.format, 'kubectl');
    assert.deepEqual(r.rows.map((x) => iso(x.epochMs)), ['2025-07-14T10:00:00.123Z', '2025-07-14T17:00:01.000Z']);
  });

  test('JSON lines: pino (epoch ms), bunyan (ISO), winston, ECS, zap (float s), logrus (offset), zerolog (ms and RFC 3339)', async () => {
    const cases: [string, string, string][] = [
      ['{"level":50,"time":1752537600123,"msg":"pino down","pid":1}', '2025-07-15T00:00:00.123Z', 'ERROR pino down'],
      ['{"name":"svc","level":40,"msg":"bunyan slow","time":"2025-07-15T00:00:00.000Z","v":0}', '2025-07-15T00:00:00.000Z', 'WARN bunyan slow'],
      ['{"level":"error","message":"winston failed","timestamp":"2025-07-15T00:00:01.500Z"}', '2025-07-15T00:00:01.500Z', 'ERROR winston failed'],
      ['{"log.level":"error","@timestamp":"2025-07-15T00:00:02.000Z","message":"ecs failed","ecs.version":"8.10.0"}', '2025-07-15T00:00:02.000Z', 'ERROR ecs failed'],
      ['{"level":"error","ts":1752537603.25,"caller":"x.go:1","msg":"zap failed"}', '2025-07-15T00:00:03.250Z', 'ERROR zap failed'],
      ['{"level":"warning","msg":"logrus slow","time":"2025-07-14T20:00:04-04:00"}', '2025-07-15T00:00:04.000Z', 'WARN logrus slow'],
      ['{"level":"info","time":1752537605000,"message":"zerolog ms"}', '2025-07-15T00:00:05.000Z', 'zerolog ms'],
      ['{"level":"info","time":"2025-07-15T09:00:06+09:00","message":"zerolog rfc3339"}', '2025-07-15T00:00:06.000Z', 'zerolog rfc3339'],
    ];
    for (const [line, when, event] of cases) {
      const r = await logs(line);
      assert.equal(r.format, 'json', line);
      assert.equal(iso(r.rows[0].epochMs), when, line);
      assert.equal(r.rows[0].event, event, line);
    }
  });

  test('epoch units by magnitude: seconds, ms, µs, ns', async () => {
    assert.equal(epochNumberToMs(1752537600), 1752537600000);
    assert.equal(epochNumberToMs(1752537600123), 1752537600123);
    assert.equal(epochNumberToMs(1752537600123456), 1752537600123.456);
    assert.equal(epochNumberToMs(1752537600123456789), 1752537600123.4568);
    const r = await logs('{"ts":"1752537600123456789","msg":"ns string"}\n{"ts":1752537600123456,"msg":"us number"}');
    assert.deepEqual(r.rows.map((x) => iso(x.epochMs)), ['2025-07-15T00:00:00.123Z', '2025-07-15T00:00:00.123Z']);
    assert.equal(r.rows[0].precise ?? r.rows[1].precise, '1752537600123456789');
  });

  test('JSON without a zone is read in the zone given, and says so', async () => {
    const r = await logs('{"time":"2025-07-15 09:00:00","msg":"local"}', { zone: 'Asia/Tokyo' });
    assert.equal(iso(r.rows[0].epochMs), '2025-07-15T00:00:00.000Z');
    assert.equal(r.zoneAssumed, 'Asia/Tokyo');
  });

  test('journalctl -o json: microseconds, priority, byte-array MESSAGE', async () => {
    const bytes = [...Buffer.from('\x1b[31mERROR\x1b[0m pool <empty>')];
    const text = [
      JSON.stringify({ __REALTIME_TIMESTAMP: '1752537600000001', PRIORITY: '3', MESSAGE: 'db down', _SYSTEMD_UNIT: 'api.service', _HOSTNAME: 'n1' }),
      JSON.stringify({ __REALTIME_TIMESTAMP: '1752537600000000', PRIORITY: '6', MESSAGE: bytes, SYSLOG_IDENTIFIER: 'api', _HOSTNAME: 'n1' }),
    ].join('\n');
    const r = await logs(text);
    assert.equal(r.format, 'journald');
    assert.deepEqual(r.rows.map((x) => x.event), ['ERROR pool &lt;empty&gt;', 'ERROR db down']);
    assert.deepEqual(r.rows.map((x) => x.source), ['n1 api', 'n1 api.service']);
  });

  test('nginx combined: local offset, status as level, quotes in the request', async () => {
    const text = '10.0.0.1 - bob [15/Jul/2025:02:00:00 +0200] "GET /a?q=%22x%22 HTTP/1.1" 502 10 "-" "curl/8"\n10.0.0.1 - - [15/Jul/2025:02:00:01 +0200] "GET /ok HTTP/1.1" 200 1 "-" "curl/8"';
    const r = await logs(text, { minLevel: 'error' });
    assert.equal(r.format, 'nginx');
    assert.equal(r.rows.length, 1);
    assert.equal(iso(r.rows[0].epochMs), '2025-07-15T00:00:00.000Z');
    assert.equal(r.rows[0].event, 'ERROR GET /a?q=%22x%22 → 502');
    assert.equal(r.rows[0].actor, 'bob');
  });

  test('syslog RFC 5424 with structured data and an offset', async () => {
    const r = await logs('<131>1 2025-07-15T02:00:00.250+02:00 web1 api 99 ID1 [meta a="1 ]"] upstream failed\n<14>1 2025-07-15T00:00:01Z web1 deploy - - - rollback started');
    assert.equal(r.format, 'rfc5424');
    assert.deepEqual(r.rows.map((x) => [iso(x.epochMs), x.event, x.source]), [
      ['2025-07-15T00:00:00.250Z', 'ERROR upstream failed', 'web1 api[99]'],
      ['2025-07-15T00:00:01.000Z', 'rollback started', 'web1 deploy'],
    ]);
  });

  test('syslog RFC 3164: no year, no zone; year from the reference, rollover at New Year', async () => {
    const text = '<11>Dec 31 23:59:59 web1 api[7]: last of the year\nJan  1 00:00:01 web1 api[7]: first of the next';
    const r = await logs(text, { referenceMs: Date.UTC(2024, 11, 31), zone: '+01:00' });
    assert.equal(r.format, 'rfc3164');
    assert.deepEqual(r.rows.map((x) => iso(x.epochMs)), ['2024-12-31T22:59:59.000Z', '2024-12-31T23:00:01.000Z']);
    assert.equal(r.zoneAssumed, 'UTC+01:00');
    assert.equal(r.rows[0].event, 'ERROR last of the year');
  });

  test('rsyslog file format (RFC 3339 timestamp, host, tag)', async () => {
    const r = await logs('2025-07-15T02:00:00.123456+02:00 web1 api[7]: slow\n2025-07-15T02:00:01+02:00 web1 cron: tick');
    assert.equal(r.format, 'rsyslog');
    assert.deepEqual(r.rows.map((x) => iso(x.epochMs)), ['2025-07-15T00:00:00.123Z', '2025-07-15T00:00:01.000Z']);
  });

  test('Loki query_range streams: newest-first values put in order, nanoseconds kept, JSON lines read', async () => {
    const r = await importLogs(readLines(join(FIX, 'loki-streams.json')), { group: false });
    assert.equal(r.format, 'loki');
    assert.deepEqual(r.rows.map((x) => [iso(x.epochMs), x.precise, x.event, x.source]), [
      ['2025-07-15T00:00:00.500Z', '1752537600500000000', 'queue paused', 'app=worker level=info'],
      ['2025-07-15T00:00:01.000Z', '1752537601000000001', 'ERROR db connection reset', 'app=api level=error'],
      ['2025-07-15T00:00:02.000Z', '1752537602000000002', 'ERROR db connection reset', 'app=api level=error'],
    ]);
  });

  test('format override and detection', async () => {
    assert.equal(detectLogFormat(['', '{"time":1,"msg":"x"}']), 'json');
    assert.equal(detectLogFormat(['hello world']), undefined);
    const r = await logs('2025-07-15T00:00:00Z lenient kubectl line', { format: 'kubectl' });
    assert.equal(r.rows.length, 1);
  });

  test('unknown format: the error names the first bad line', async () => {
    await assert.rejects(logs('\n\nfree text here\n'), (e: unknown) => e instanceof ImportError && e.kind === 'format' && /line 3 .*"free text here"/.test(e.message));
    await assert.rejects(logs('not syslog', { format: 'rfc5424' }), (e: unknown) => e instanceof ImportError && /line 1: "not syslog"/.test(e.message));
    await assert.rejects(logs(''), (e: unknown) => e instanceof ImportError && e.kind === 'empty');
  });
});

describe('filters and grouping', () => {
  const lines: string[] = [];
  for (let i = 0; i < 312; i++) lines.push(JSON.stringify({ time: Date.UTC(2025, 6, 15, 10, 0, i), level: 'error', msg: `upstream timeout req=${1000 + i}` }));
  lines.push(JSON.stringify({ time: Date.UTC(2025, 6, 15, 10, 20), level: 'info', msg: 'recovered' }));

  test('repeated lines become one row with a count and an end', async () => {
    const r = await importLogs(lines);
    assert.equal(r.rows.length, 2);
    assert.equal(r.rows[0].event, 'ERROR upstream timeout req=1000 (x312 until 10:05:11)');
  });

  test('grep, level and window', async () => {
    assert.equal((await importLogs(lines, { grep: 'recover' })).rows.length, 1);
    assert.equal((await importLogs(lines, { minLevel: 'warn' })).rows.length, 1);
    const w = await importLogs(lines, { window: { startMs: Date.UTC(2025, 6, 15, 10, 10), endMs: Date.UTC(2025, 6, 15, 11) }, group: false });
    assert.deepEqual(w.rows.map((x) => x.event), ['recovered']);
    await assert.rejects(importLogs(lines, { grep: '(' }), (e: unknown) => e instanceof ImportError && e.kind === 'usage');
  });

  test('cancellation stops the read', async () => {
    const many = Array.from({ length: 30000 }, (_, i) => JSON.stringify({ time: 1752537600000 + i, msg: 'm' + i }));
    await assert.rejects(importLogs(many, { signal: { aborted: true } }), (e: unknown) => e instanceof ImportError && e.kind === 'cancelled');
  });

  test('a large file is streamed line by line', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pm-big-'));
    try {
      const file = join(dir, 'big.log');
      const chunk = Array.from({ length: 10000 }, (_, i) => `2025-07-15T00:00:${String(i % 60).padStart(2, '0')}.000000000Z INFO request ${i} ok`).join('\n') + '\n';
      writeFileSync(file, chunk.repeat(20));
      let progress = 0;
      const r = await importLogs(readLines(file), { grep: 'request 9999 ', onProgress: (n) => (progress = n) });
      assert.equal(r.linesRead, 200000);
      assert.equal(progress, 200000);
      assert.equal(r.rows.length, 1);
      assert.match(r.rows[0].event, /x20 until/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('cells', () => {
  test('pipes, backticks, HTML, newlines and control characters cannot break a row', () => {
    const s = cellText('a | b `c` <script>x</script>\nnext\\|line &amp;');
    assert.equal(s, 'a \\| b \\`c\\` &lt;script&gt;x&lt;/script&gt; next\\\\\\|line &amp;amp;');
    const row = splitRow(`| 10:00 | ${s} | src |`, 0);
    assert.equal(row.cells.length, 3);
    assert.equal(codeSpanCell('rate(x{a=~"b|c"}[5m])'), '`rate(x{a=~"b\\|c"}[5m])`');
    assert.equal(codeSpanCell('a`b'), '``a`b``');
    assert.equal(splitRow(`| ${codeSpanCell('x\\|y')} | z |`, 0).cells.length, 2);
  });

  test('ISO parsing rejects impossible dates', () => {
    assert.equal(parseIsoTimestamp('2025-02-30T00:00:00Z'), undefined);
    assert.equal(parseIsoTimestamp('2025-07-15T00:00:00.123456789+05:30')!.epochMs, Date.UTC(2025, 6, 14, 18, 30, 0, 123));
  });
});

describe('Prometheus results', () => {
  const body = (result: unknown, extra = {}) => ({ status: 'success', data: { resultType: 'matrix', result }, ...extra });
  const series = (metric: Record<string, string>, vals: (number | string)[], t0 = 1752537600, step = 60) => ({ metric, values: vals.map((v, i) => [t0 + i * step, String(v)]) });

  test('per series: crossing, peak, recovery; labels reduced to what differs', () => {
    const r = promRows(parsePromResponse(body([series({ code: '500', job: 'api' }, [1, 1, 1, 1, 9, 30, 12, 1, 1]), series({ code: '200', job: 'api' }, [100, 100, 100, 100, 100, 100, 100, 100, 100])])), { query: 'sum by (code) (rate(x[1m]))', threshold: 5 });
    assert.deepEqual(r.rows.map((x) => [iso(x.epochMs).slice(11, 16), x.event]), [
      ['00:04', 'code=500: rose above 5 (9)'],
      ['00:05', 'code=500: peaked at 30'],
      ['00:07', 'code=500: back below 5 (1)'],
    ]);
    assert.equal(r.rows[0].source, 'Prometheus `sum by (code) (rate(x[1m]))`');
    // The 200 series starts above the threshold: watched for a fall, which never comes.
    assert.match(r.notes.join(' '), /1 series stayed within the threshold/);
  });

  test('baseline departure downwards, NaN gaps and infinities', () => {
    const r = promRows(parsePromResponse(body([series({ __name__: 'rps' }, [100, 101, 99, 100, 'NaN', 40, '-Inf', 45, 100])])), { query: 'rps' });
    assert.deepEqual(r.rows.map((x) => x.event), ['rps: fell below 80 (40, baseline 100)', 'rps: lowest at -Inf', 'rps: back above 80 (100)']);
  });

  test('empty results and flat series are explained', () => {
    assert.match(promRows(parsePromResponse(body([])), { query: 'x' }).notes[0], /no series in this window/);
    assert.match(promRows(parsePromResponse(body([series({}, [1, 1, 1, 1])])), { query: 'x', threshold: 10 }).notes[0], /No series crossed 10/);
    assert.match(promRows(parsePromResponse(body([]), 200), { query: 'x' }).notes[0], /widen the window/);
    assert.deepEqual(parsePromResponse(body([], { warnings: ['remote_read down'] })).warnings, ['remote_read down']);
  });

  test('errors: bad_data, the 11,000-point limit with a working step, execution, timeout, not Prometheus', () => {
    const err = (b: unknown, status: number, w?: { startSec: number; endSec: number }) => {
      try {
        parsePromResponse(b, status, w);
      } catch (e) {
        return e as ImportError;
      }
      assert.fail('no error');
    };
    assert.equal(err({ status: 'error', errorType: 'bad_data', error: '1:5: parse error: unexpected' }, 400).kind, 'bad_data');
    const limit = err({ status: 'error', errorType: 'bad_data', error: 'exceeded maximum resolution of 11,000 points per timeseries. Try decreasing the query resolution (?step=XX)' }, 400, { startSec: 0, endSec: 86400 });
    assert.match(limit.message, /at least 8s/);
    assert.ok(86400 / 8 + 1 <= MAX_POINTS);
    assert.equal(err({ status: 'error', errorType: 'execution', error: 'dup' }, 422).kind, 'execution');
    assert.equal(err({ status: 'error', errorType: 'timeout', error: 'query timed out' }, 503).kind, 'timeout');
    assert.equal(err({ hello: 1 }, 200).kind, 'json');
  });

  test('default step stays under the point limit', () => {
    assert.equal(chooseStep(0, 7200), 15);
    for (const range of [3600, 86400, 30 * 86400, 400 * 86400]) assert.ok(range / chooseStep(0, range) + 1 <= MAX_POINTS, String(range));
  });

  test('vector and scalar results', () => {
    assert.equal(parsePromResponse({ status: 'success', data: { resultType: 'scalar', result: [1752537600, '2'] } }).series[0].values[0][1], 2);
    assert.throws(() => parsePromResponse({ status: 'success', data: { resultType: 'string', result: [1, 'x'] } }), /string/);
  });
});

describe('alerts', () => {
  test('ALERTS raw samples: pending, firing, resolved; a pending that never fired', () => {
    const s = (state: string, name: string, from: number, to: number) => ({ metric: { __name__: 'ALERTS', alertname: name, alertstate: state }, values: Array.from({ length: (to - from) / 30 + 1 }, (_, i) => [from + i * 30, 1] as [number, number]) });
    const t = 1752537600;
    const rows = alertRowsFromSeries([s('pending', 'A', t, t + 60), s('firing', 'A', t + 90, t + 300), s('pending', 'B', t + 120, t + 150)], { endSec: t + 3600 });
    assert.deepEqual(rows.map((r) => [r.epochMs / 1000 - t, r.event]), [
      [0, 'A pending'],
      [90, 'A firing'],
      [120, 'B pending'],
      [180, 'B pending ended without firing'],
      [330, 'A resolved (last seen firing 00:05:00)'],
    ]);
  });

  test('still firing at the end of the window: no resolved row', () => {
    const rows = alertRowsFromSeries([{ metric: { alertname: 'A', alertstate: 'firing' }, values: [[100, 1], [130, 1]] }], { endSec: 140 });
    assert.deepEqual(rows.map((r) => r.event), ['A firing']);
  });

  test('Alertmanager: endsAt is a resolution only when in the past', () => {
    const list = [
      { labels: { alertname: 'Old', instance: 'a' }, annotations: { summary: 'was bad' }, startsAt: '2025-07-15T00:00:00.000Z', endsAt: '2025-07-15T00:10:00.000Z', updatedAt: '2025-07-15T00:10:00.000Z', status: { state: 'active' } },
      { labels: { alertname: 'Live', instance: 'b' }, startsAt: '2025-07-15T00:05:00.000Z', endsAt: '2025-07-15T00:20:00.000Z', updatedAt: '2025-07-15T00:10:00.000Z', status: { state: 'suppressed', silencedBy: ['x'] } },
    ];
    const rows = alertRowsFromAlertmanager(list);
    assert.deepEqual(rows.map((r) => [iso(r.epochMs).slice(11, 16), r.event]), [
      ['00:00', 'Old (instance=a) firing: was bad'],
      ['00:05', 'Live (instance=b) firing, silenced'],
      ['00:10', 'Old (instance=a) resolved'],
    ]);
    assert.throws(() => alertRowsFromAlertmanager({}), /not an Alertmanager alert list/);
  });
});

describe('windows and charts', () => {
  test('typed windows', () => {
    const now = Date.UTC(2025, 6, 15, 12);
    assert.deepEqual(parseWindowInput('last 2h', now), { startMs: now - 7200000, endMs: now });
    assert.deepEqual(parseWindowInput('2025-07-14T23:30Z 2025-07-15T00:30Z', now), { startMs: Date.UTC(2025, 6, 14, 23, 30), endMs: Date.UTC(2025, 6, 15, 0, 30) });
    assert.deepEqual(parseWindowInput('2025-07-14 23:30 / 2025-07-15 00:30', now), { startMs: Date.UTC(2025, 6, 14, 23, 30), endMs: Date.UTC(2025, 6, 15, 0, 30) });
    assert.deepEqual(parseWindowInput('2025-07-14T23:30Z +90m', now), { startMs: Date.UTC(2025, 6, 14, 23, 30), endMs: Date.UTC(2025, 6, 15, 1, 0) });
    assert.equal(parseWindowInput('yesterday-ish', now), undefined);
  });

  test('incident window from the report, across midnight, widened by a margin', () => {
    const w = incidentWindow('# Post-mortem\n\nDate: 2025-07-14\n\n## Timeline\n\n| Time | Event |\n| --- | --- |\n| 23:40 | a |\n| 00:20 | b |\n');
    assert.deepEqual(w, { startMs: Date.UTC(2025, 6, 14, 23, 10), endMs: Date.UTC(2025, 6, 15, 0, 50) });
  });

  test('the chart draws each series and marks the rows', () => {
    const svg = renderChart([{ metric: { code: '500' }, values: [[1752537600, 1], [1752537660, NaN], [1752537720, 5], [1752537780, 6]] }], { title: 'rate <x> & "y"', startMs: 1752537600000, endMs: 1752537780000, marks: [{ epochMs: 1752537720000, label: 'crossed' }], threshold: 3 });
    assert.match(svg, /<title>rate &lt;x&gt; &amp; &quot;y&quot;<\/title>/);
    assert.equal((svg.match(/<polyline/g) ?? []).length, 1);
    assert.equal((svg.match(/<circle/g) ?? []).length, 1);
    assert.match(svg, /<title>crossed<\/title>/);
    assert.match(svg, /stroke-dasharray="6 4"/);
  });
});

test('fixtures are readable', () => {
  assert.ok(readFileSync(join(FIX, 'loki-streams.json'), 'utf8').includes('streams'));
});

describe('log import in blocks with a pattern prefilter', () => {
  // 60 lines before the pattern's first line, so the prefilter (not the read-ahead) decides.
  const filler = Array.from({ length: 60 }, (_, i) => `2024-03-01T23:00:${String(i % 60).padStart(2, '0')}.000000000Z INFO request ${i} served`);
  const tail = [
    '2024-03-01T23:55:00.123456789Z {"level":"error","ts":1709337300.1234567,"msg":"upstream request failed","upstream":"payments"}',
    '2024-03-01T23:59:59.999999999Z ERROR circuit breaker opened for payments',
    '[pod-a] 2024-03-02T00:00:00.000000000Z WARN retry 3 error budget burning',
    '2024-03-02T00:01:00.000000000Z INFO nothing to see',
    'not a log line at all error',
    '',
    '2024-03-02T00:02:00.000000000Z error lower case at the start',
    // JSON messages are rebuilt from their fields: an escape or a number can make text the raw line lacks.
    '2024-03-02T00:03:00.000000000Z {"level":"info","ts":1709337780,"msg":"request served","path":"/cart"}',
    '2024-03-02T00:04:00.000000000Z {"level":"info","ts":1709337840,"msg":"upstream \\u0065rror hidden by an escape"}',
    '2024-03-02T00:05:00.000000000Z {"level":"info","ts":1709337900,"msg":"budget","left":1e999}',
  ];
  const lines = [...filler, ...tail];
  const text = lines.join('\n');
  const patterns = ['error', 'ERROR circuit', 'upstream=payments', '^error', 'error$', 'pod-a', 'retry|breaker', '\\berror\\b', 'served|hidden', 'infinity', 'nit', 'path=/cart'];

  for (const grep of patterns) {
    test(`blocks of any size give the rows of plain lines for ${JSON.stringify(grep)}`, async () => {
      const plain = await importLogs(lines, { grep, referenceMs: Date.UTC(2024, 2, 1) });
      // A RegExp pattern is never prefiltered: every line is parsed and then tested.
      const unfiltered = await importLogs(lines, { grep: new RegExp(grep, 'i'), referenceMs: Date.UTC(2024, 2, 1) });
      assert.deepEqual(plain.rows, unfiltered.rows);
      assert.equal(plain.matched, unfiltered.matched);
      for (const size of [1, 7, 100, text.length]) {
        const blocks: string[] = [];
        // Blocks end at line ends, as the file reader hands them over.
        for (let p = 0; p < text.length; ) {
          const nl = text.indexOf('\n', p + size);
          const end = nl < 0 ? text.length : nl + 1;
          blocks.push(text.slice(p, end));
          p = end;
        }
        const got = await importLogs({ blocks }, { grep, referenceMs: Date.UTC(2024, 2, 1) });
        assert.deepEqual(got.rows, plain.rows, `${grep} in blocks of ${size}`);
        assert.equal(got.matched, plain.matched);
        assert.equal(got.linesRead, plain.linesRead);
        // Every line is parsed, not in the format, or skipped (an empty line is skipped either way).
        const counted = got.parsed + got.skipped + got.unparsed;
        assert.ok(counted <= got.linesRead && counted >= got.linesRead - lines.filter((l) => !l.trim()).length, `${counted} of ${got.linesRead}`);
      }
    });
  }

  test('the prefilter exists only when a skipped line cannot match', () => {
    assert.ok(prefilterFor('error', 'kubectl'));
    assert.ok(prefilterFor('timeout|refused', 'rfc3164'));
    // Words of letters search JSON-message lines too (only escapes send them to the parser); other patterns parse every `{` line.
    assert.equal(prefilterFor('timeout|refused', 'kubectl')!.mark, '\\');
    assert.equal(prefilterFor('upstream=payments', 'kubectl')!.mark, '{');
    assert.equal(prefilterFor('inf', 'kubectl')!.mark, '{');
    assert.equal(prefilterFor('^error', 'kubectl'), undefined);
    assert.equal(prefilterFor('error$', 'kubectl'), undefined);
    assert.equal(prefilterFor('\\berror', 'kubectl'), undefined);
    assert.equal(prefilterFor('(?<!x)error', 'kubectl'), undefined);
    assert.equal(prefilterFor('error', 'json'), undefined);
    assert.equal(prefilterFor('error', 'nginx'), undefined);
    assert.equal(prefilterFor(undefined, 'kubectl'), undefined);
  });

  test('cancelling a file import while its blocks are searched stops it at the next read', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pm-cancel-'));
    try {
      const f = join(dir, 'k.log');
      // 3 MiB of lines the pattern skips, so no line is parsed after the first block.
      writeFileSync(f, `${filler.join('\n')}\n`.repeat(600));
      const ac = new AbortController();
      let reads = 0;
      const blocks = readTextBlocks(f, { signal: ac.signal, onBytes: () => (++reads === 2 ? ac.abort() : undefined) });
      await assert.rejects(importLogs({ blocks }, { grep: 'error', signal: ac.signal }), (e: unknown) => e instanceof ImportError && e.kind === 'cancelled');
      assert.equal(reads, 2);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('the file reader yields blocks of whole lines, without the byte order mark', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pm-blocks-'));
    try {
      const f = join(dir, 'k.log');
      const long = 'x'.repeat(3 << 20); // longer than one read
      // Blocks of ASCII and blocks with UTF-8 (é, エラー) after them read the same.
      writeFileSync(f, '\uFEFFa é\r\nb\n' + long + '\nlast エラー');
      const blocks: string[] = [];
      for await (const b of readTextBlocks(f)) blocks.push(b);
      for (const b of blocks.slice(0, -1)) assert.ok(b.endsWith('\n'));
      assert.equal(blocks.join(''), 'a é\r\nb\n' + long + '\nlast エラー');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
