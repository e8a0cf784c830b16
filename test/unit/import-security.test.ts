// What an import must never do, each against real local servers (node:http / node:https on
// 127.0.0.1) and real files: send a token in clear text after an https -> http redirect, send a
// server's own headers to another host, read an unbounded answer (a huge JSON, a gzip bomb), show
// a password written into a URL, print "[object Object]", write a chart through a symbolic link,
// write an SVG that is not XML, or break the report's image line with a query's newline.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync, lstatSync } from 'node:fs';
import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { createServer as createNetServer, type AddressInfo, type Server as NetServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { run } from '../../server/src/cli';
import { getJson } from '../../server/src/node/observability-http';
import { collectRows, planReportImport } from '../../server/src/node/run-import';
import { writeChart } from '../../server/src/node/chart-file';
import { renderChart } from '../../server/src/engine/import/chart';
import { ImportError } from '../../server/src/engine/import/rows';
import { buildModel } from '../../server/src/engine/model';
import { applyEdits } from '../../server/src/engine/edits';

let dir: string;
const servers: (Server | NetServer)[] = [];
interface Seen { port: number; url: string; auth?: string; org?: string; secure: boolean }
const seen: Seen[] = [];

async function listen(s: Server | NetServer): Promise<number> {
  servers.push(s);
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  return (s.address() as AddressInfo).port;
}

function record(port: () => number, secure: boolean, req: IncomingMessage): void {
  seen.push({ port: port(), url: req.url ?? '', auth: req.headers.authorization, org: req.headers['x-scope-orgid'] as string | undefined, secure });
}

const EMPTY_MATRIX = '{"status":"success","data":{"resultType":"matrix","result":[]}}';

before(() => {
  dir = mkdtempSync(join(tmpdir(), 'pm-import-security-'));
});
after(() => {
  for (const s of servers) {
    (s as Server).closeAllConnections?.();
    s.close();
  }
  rmSync(dir, { recursive: true, force: true });
});

async function cli(args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await run(args, { stdout: { write: (s: string) => ((out += s), true) } as never, stderr: { write: (s: string) => ((err += s), true) } as never, cwd: dir });
  return { code, out, err };
}

test('a bearer token does not follow an https -> http redirect, even to the same host and port', async () => {
  // A self-signed certificate for 127.0.0.1, and one port that speaks TLS and plain HTTP alike.
  const key = join(dir, 'key.pem');
  const cert = join(dir, 'cert.pem');
  const r = spawnSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-subj', '/CN=127.0.0.1', '-days', '1', '-keyout', key, '-out', cert], { encoding: 'utf8' });
  assert.equal(r.status, 0, `openssl: ${r.stderr}`);
  let port = 0;
  const handler = (secure: boolean) => (req: IncomingMessage, res: ServerResponse) => {
    record(() => port, secure, req);
    if (secure) res.writeHead(302, { location: `http://127.0.0.1:${port}${req.url}` }).end();
    else res.writeHead(200, { 'content-type': 'application/json' }).end(EMPTY_MATRIX);
  };
  const tls = createHttpsServer({ key: readFileSync(key), cert: readFileSync(cert) }, handler(true));
  const plain = createHttpServer(handler(false));
  const both = createNetServer((socket) => {
    socket.once('readable', () => {
      const head = socket.read(1) as Buffer | null;
      if (!head) return socket.destroy();
      socket.unshift(head);
      (head[0] === 0x16 ? tls : plain).emit('connection', socket);
    });
  });
  servers.push(tls, plain);
  port = await listen(both);
  const previous = process.env.NODE_TLS_REJECT_UNAUTHORIZED;
  process.env.NODE_TLS_REJECT_UNAUTHORIZED = '0';
  try {
    seen.length = 0;
    const base = `https://127.0.0.1:${port}`;
    const res = await getJson({ url: base, credentials: { kind: 'bearer', token: 's3cret' }, headers: { 'X-Scope-OrgID': 'tenant-1' } }, `${base}/api/v1/query?query=up`);
    assert.equal(res.status, 200);
    assert.deepEqual(seen.map((s) => [s.secure, s.auth, s.org]), [
      [true, 'Bearer s3cret', 'tenant-1'],
      [false, undefined, undefined],
    ]);
  } finally {
    if (previous === undefined) delete process.env.NODE_TLS_REJECT_UNAUTHORIZED;
    else process.env.NODE_TLS_REJECT_UNAUTHORIZED = previous;
  }
});

test('a server\'s own headers (Authorization, X-Scope-OrgID) do not follow a redirect to another host', async () => {
  let otherPort = 0;
  const other = createHttpServer((req, res) => {
    record(() => otherPort, false, req);
    res.writeHead(200, { 'content-type': 'application/json' }).end(EMPTY_MATRIX);
  });
  otherPort = await listen(other);
  let homePort = 0;
  const home = createHttpServer((req, res) => {
    record(() => homePort, false, req);
    res.writeHead(307, { location: `http://127.0.0.1:${otherPort}${req.url}` }).end();
  });
  homePort = await listen(home);
  seen.length = 0;
  const c = await collectRows(
    { source: 'prometheus', url: `http://127.0.0.1:${homePort}`, query: 'up', window: '2024-03-01T00:00Z 2024-03-01T01:00Z' },
    undefined,
    { cwd: dir, server: { headers: { Authorization: 'Bearer from-settings', 'X-Scope-OrgID': 'tenant-1' } } },
  );
  assert.equal(c.rows.length, 0);
  assert.deepEqual(seen.map((s) => [s.port, s.auth, s.org]), [
    [homePort, 'Bearer from-settings', 'tenant-1'],
    [otherPort, undefined, undefined],
  ]);
});

test('answers are read up to a limit: an endless JSON and a gzip bomb stop there with a clear message', async () => {
  let written = 0;
  const endless = createHttpServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.write('{"status":"success","data":{"resultType":"matrix","result":[');
    const chunk = Buffer.from('{"metric":{},"values":[]},'.repeat(40000));
    const pump = () => {
      while (written < 600 * 1024 * 1024) {
        written += chunk.length;
        if (!res.write(chunk)) return void res.once('drain', pump);
      }
      res.end(']}}');
    };
    res.on('close', () => undefined);
    pump();
  });
  const endlessUrl = `http://127.0.0.1:${await listen(endless)}`;
  const args = { source: 'prometheus', query: 'up', window: '2024-03-01T00:00Z 2024-03-01T01:00Z' };
  await assert.rejects(collectRows({ ...args, url: endlessUrl }, undefined, { cwd: dir, maxResponseBytes: 8 * 1024 * 1024 }), (e: unknown) => {
    assert.ok(e instanceof ImportError, String(e));
    assert.equal(e.kind, 'too_large');
    assert.match(e.message, /larger than 8 MB/);
    assert.doesNotMatch(e.message, /Could not reach/);
    return true;
  });
  assert.ok(written < 100 * 1024 * 1024, `the server wrote ${written} bytes before the client stopped reading`);

  // 256 gzip members of 16 MiB of zeros each: 4 GiB decompressed from about 4 MB on the wire.
  const member = gzipSync(Buffer.alloc(16 * 1024 * 1024, 0x20));
  const bomb = createHttpServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json', 'content-encoding': 'gzip' });
    let n = 0;
    const pump = () => {
      while (n < 256) {
        n++;
        if (!res.write(member)) return void res.once('drain', pump);
      }
      res.end();
    };
    pump();
  });
  const bombUrl = `http://127.0.0.1:${await listen(bomb)}`;
  const rss = process.memoryUsage().rss;
  await assert.rejects(collectRows({ ...args, url: bombUrl }, undefined, { cwd: dir, maxResponseBytes: 32 * 1024 * 1024 }), (e: unknown) => {
    assert.ok(e instanceof ImportError, String(e));
    assert.match(e.message, /larger than 32 MB/);
    assert.doesNotMatch(e.message, /Could not reach/);
    return true;
  });
  assert.ok(process.memoryUsage().rss - rss < 1024 * 1024 * 1024, 'decompressing stopped near the limit');
});

test('a password written into --url is used for that host and never shown', async () => {
  let port = 0;
  const s = createHttpServer((req, res) => {
    record(() => port, false, req);
    res.writeHead(200, { 'content-type': 'text/html' }).end('<html>login</html>');
  });
  port = await listen(s);
  seen.length = 0;
  const answered = await cli(['import', 'prometheus', '--url', `http://admin:secret@127.0.0.1:${port}/`, '--query', 'up', '--window', 'last 1h']);
  assert.equal(answered.code, 1);
  assert.equal(seen[0].auth, `Basic ${Buffer.from('admin:secret').toString('base64')}`);
  // Nothing listening, and a name that does not resolve: the messages name the host, not the password.
  const closed = createNetServer();
  const closedPort = await listen(closed);
  await new Promise<void>((r) => closed.close(() => r()));
  const refused = await cli(['import', 'prometheus', '--url', `http://admin:secret@127.0.0.1:${closedPort}/`, '--query', 'up', '--window', 'last 1h']);
  assert.match(refused.err, /Connection refused by 127\.0\.0\.1/);
  const unresolved = await cli(['import', 'alerts', '--alertmanager', 'http://admin:secret@no-such-host.invalid/']);
  assert.match(unresolved.err, /no-such-host\.invalid/);
  const bad = await cli(['import', 'prometheus', '--url', 'http://admin:secret@[bad/', '--query', 'up', '--window', 'last 1h']);
  assert.equal(bad.code, 2);
  for (const r of [answered, refused, unresolved, bad]) {
    assert.doesNotMatch(r.err + r.out, /secret/, r.err);
  }
});

test('an object-typed Prometheus error prints its message, not [object Object]', async () => {
  const s = createHttpServer((_req, res) => res.writeHead(400, { 'content-type': 'application/json' }).end('{"status":"error","errorType":"bad_data","error":{"message":"1:5: parse error: unexpected character"}}'));
  const url = `http://127.0.0.1:${await listen(s)}`;
  const r = await cli(['import', 'prometheus', '--url', url, '--query', 'up{', '--window', 'last 1h']);
  assert.equal(r.code, 1);
  assert.match(r.err, /could not read the query \(bad_data\): 1:5: parse error: unexpected character/);
  assert.doesNotMatch(r.err, /object Object/);
});

const SERIES = [{ metric: { __name__: 'errors', job: 'a\u0001b\u001b[31m\ud800' }, values: [[1709251200, 1], [1709251260, 5], [1709251320, 1]] as [number, number][] }];
const chartOpts = (nowMs: number) => ({ query: 'errors', startMs: 1709251200000, endMs: 1709251320000, marks: [], nowMs });

test('the chart writer never writes through a symbolic link', () => {
  // A planted postmortem-charts link to another folder.
  const a = join(dir, 'linked-folder');
  mkdirSync(a);
  const elsewhere = join(dir, 'elsewhere');
  mkdirSync(elsewhere);
  writeFileSync(join(a, 'r.md'), '# r\n');
  symlinkSync(elsewhere, join(a, 'postmortem-charts'));
  assert.throws(() => writeChart(join(a, 'r.md'), SERIES, chartOpts(Date.UTC(2024, 2, 1, 12))), (e: unknown) => e instanceof ImportError && /postmortem-charts is a symbolic link/.test(e.message));
  assert.deepEqual(readdirSync(elsewhere), []);

  // A planted .svg link at the very name the chart takes, pointing at a file worth keeping.
  const b = join(dir, 'linked-file');
  mkdirSync(join(b, 'postmortem-charts'), { recursive: true });
  const precious = join(dir, 'precious.txt');
  writeFileSync(precious, 'keep me\n');
  symlinkSync(precious, join(b, 'postmortem-charts', 'r-prometheus-20240301T120000.svg'));
  assert.throws(() => writeChart(join(b, 'r.md'), SERIES, chartOpts(Date.UTC(2024, 2, 1, 12))), (e: unknown) => e instanceof ImportError && /r-prometheus-20240301T120000\.svg is a symbolic link/.test(e.message));
  assert.equal(readFileSync(precious, 'utf8'), 'keep me\n');
  assert.ok(lstatSync(join(b, 'postmortem-charts', 'r-prometheus-20240301T120000.svg')).isSymbolicLink());

  // A file already there is never overwritten: the chart takes the next free name.
  const c = join(dir, 'taken');
  mkdirSync(join(c, 'postmortem-charts'), { recursive: true });
  writeFileSync(join(c, 'postmortem-charts', 'r-prometheus-20240301T120000.svg'), 'older chart');
  const w = writeChart(join(c, 'r.md'), SERIES, chartOpts(Date.UTC(2024, 2, 1, 12)));
  assert.match(w.file, /r-prometheus-20240301T120000-2\.svg$/);
  assert.equal(readFileSync(join(c, 'postmortem-charts', 'r-prometheus-20240301T120000.svg'), 'utf8'), 'older chart');
});

test('control characters from labels and queries leave the SVG valid XML', () => {
  const svg = renderChart(SERIES, { title: 'errors{job="a\u0001b"}\u0000\u000b\u000c\ufffe', startMs: 1709251200000, endMs: 1709251320000, marks: [{ epochMs: 1709251260000, label: 'mark \u0007 \udc00' }], names: ['a\u0002\u001fb'] });
  // XML 1.0 Char: tab, newline, carriage return, U+0020..U+D7FF, U+E000..U+FFFD, supplementary pairs.
  const forbidden = /[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\ud800-\udbff\udc00-\udfff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/u;
  assert.doesNotMatch(svg, forbidden);
  assert.match(svg, /^<svg[\s\S]*<\/svg>\n$/);
  assert.ok(svg.includes('a\ufffdb'));
});

test('a query with a newline keeps the chart\'s image line one line under the timeline', async () => {
  const report = join(dir, 'nl.md');
  const text = '# Post-mortem: x\n\n**Date**: 2024-03-01\n\n## Timeline\n\n| Time (UTC) | Event |\n| --- | --- |\n| 2024-03-01 00:00 | Start |\n\n## Contributing Factors\n\n- a\n';
  writeFileSync(report, text);
  const saved = join(dir, 'range.json');
  writeFileSync(saved, JSON.stringify({ status: 'success', data: { resultType: 'matrix', result: [{ metric: {}, values: [[1709251200, '1'], [1709251260, '9'], [1709251320, '1']] }] } }));
  const p = await planReportImport({ source: 'prometheus', file: saved, query: 'sum(\n  rate(errors[5m])\n) [x]\\', threshold: 5, chart: true }, { text, path: report }, { cwd: dir });
  const out = applyEdits(text, [p.merge.edit!]).text;
  const image = out.split('\n').filter((l) => l.startsWith('!['));
  assert.equal(image.length, 1);
  assert.match(image[0], /^!\[Prometheus: sum\( rate\(errors 5m \) \) x\]\(postmortem-charts\/nl-prometheus-\d{8}T\d{6}\.svg\)$/);
  // The timeline still reads: the start, the crossing, the recovery.
  assert.equal(buildModel(out).timeline.entries.length, 3);
});
