// Import speed: `postmortem import logs FILE` (whole process) with and without `--grep ERROR` on a
// generated ~200 MB kubectl log, beside two plain line scans in Node of the same file (each a whole
// process too) and `grep -c`, in the same run. Memory is each import's peak RSS.
//
//   node bench/import.mjs scan-text FILE PATTERN    the plain scans, run by measureImport
//   node bench/import.mjs scan-bytes FILE PATTERN
import { spawnSync } from 'node:child_process';
import { closeSync, createReadStream, existsSync, openSync, statSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { rng } from './generate.mjs';

// `kubectl logs --timestamps --prefix` of three pods of one deployment, in the format of
// /work/shared/formats/kubectl_logs_timestamps_prefix.log: a Go service writing plain-text lines
// and zap JSON lines. Levels: about 2 % errors, 5 % warnings, 8 % debug, the rest info.
const PODS = ['checkout-7d9f8b6c5-x2kqz', 'checkout-7d9f8b6c5-h4vnm', 'checkout-7d9f8b6c5-q8rtp'];
const PATHS = ['/api/v1/cart', '/api/v1/orders', '/api/v1/payments', '/healthz', '/api/v1/catalog/items'];

function logLine(r, ms, ns) {
  const pod = PODS[Math.floor(r() * PODS.length)];
  const ts = `${new Date(ms).toISOString().slice(0, 19)}.${String(ms % 1000).padStart(3, '0')}${ns}Z`;
  const id = Math.floor(r() * 1e6);
  const took = Math.floor(r() * 900 + 3);
  const p = r();
  const level = p < 0.02 ? 'error' : p < 0.07 ? 'warn' : p < 0.15 ? 'debug' : 'info';
  let msg;
  if (r() < 0.3) {
    const t = (ms / 1000).toFixed(7);
    if (level === 'error') msg = `{"level":"error","ts":${t},"caller":"payments/client.go:88","msg":"upstream request failed","upstream":"payments","attempt":${1 + (id % 3)}}`;
    else if (level === 'warn') msg = `{"level":"warn","ts":${t},"caller":"db/pool.go:140","msg":"slow query","table":"orders","duration_ms":${took * 3}}`;
    else msg = `{"level":"${level}","ts":${t},"caller":"http/server.go:212","msg":"request served","method":"GET","path":"${PATHS[id % PATHS.length]}/${id}","status":200,"duration_ms":${took}}`;
  } else if (level === 'error') msg = id % 2 ? 'ERROR circuit breaker opened for payments' : `ERROR upstream connect error: connection refused (payments:8443) after ${took}ms`;
  else if (level === 'warn') msg = `WARN retrying payments call (attempt ${1 + (id % 3)}/3)`;
  else if (level === 'debug') msg = `DEBUG cache miss for key cart:${id}`;
  else msg = id % 7 ? `INFO GET ${PATHS[id % PATHS.length]}/${id} 200 ${took}ms` : 'INFO health check ok';
  return `[pod/${pod}/checkout] ${ts} ${msg}\n`;
}

/** Writes the kubectl log of about `mb` MB (seeded, the same bytes on every machine) unless it is there already. */
export function generateLog(dir, mb = 200) {
  const file = join(dir, `kubectl-prefix-${mb}mb.log`);
  if (existsSync(file)) return file;
  const r = rng(15);
  const fd = openSync(file, 'w');
  let ms = Date.UTC(2024, 2, 1, 22, 0, 0);
  let piece = '';
  for (let n = 0; n < mb * 1e6; ) {
    ms += Math.floor(r() * 12);
    piece += logLine(r, ms, String(Math.floor(r() * 1e6)).padStart(6, '0'));
    if (piece.length >= 1 << 20) {
      n += writeSync(fd, piece);
      piece = '';
    }
  }
  if (piece) writeSync(fd, piece);
  closeSync(fd);
  return file;
}

/**
 * Plain line scans, the floor for a line reader in Node, counting the lines that hold `pattern`
 * (case-sensitive). `text`: a read stream decoded as UTF-8, split at line ends, `includes` per
 * line (what a Node script reading a log line by line does). `bytes`: the same on the raw bytes,
 * nothing decoded: look for the pattern, count it once per line.
 */
export async function plainScan(file, pattern, mode) {
  let lines = 0;
  let hits = 0;
  if (mode === 'text') {
    let rest = '';
    for await (const chunk of createReadStream(file, 'utf8')) {
      const text = rest + chunk;
      let p = 0;
      for (let nl = text.indexOf('\n'); nl >= 0; nl = text.indexOf('\n', p)) {
        if (text.slice(p, nl).includes(pattern)) hits++;
        lines++;
        p = nl + 1;
      }
      rest = text.slice(p);
    }
    if (rest) {
      lines++;
      if (rest.includes(pattern)) hits++;
    }
    return { lines, hits };
  }
  const pat = Buffer.from(pattern);
  let rest = Buffer.alloc(0);
  for await (const chunk of createReadStream(file)) {
    const buf = rest.length ? Buffer.concat([rest, chunk]) : chunk;
    const end = buf.lastIndexOf(10) + 1;
    for (let p = 0, nl = buf.indexOf(10); nl >= 0 && nl < end; p = nl + 1, nl = buf.indexOf(10, p)) lines++;
    // Hits: one per line that holds the pattern.
    for (let h = buf.indexOf(pat); h >= 0 && h < end; ) {
      hits++;
      const nl = buf.indexOf(10, h);
      h = nl < 0 ? -1 : buf.indexOf(pat, nl + 1);
    }
    rest = Buffer.from(buf.subarray(end));
  }
  if (rest.length) {
    lines++;
    if (rest.includes(pat)) hits++;
  }
  return { lines, hits };
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

export function measureImport(root, work, rounds) {
  const file = generateLog(work);
  const size = statSync(file).size;
  const preload = join(work, 'maxrss.cjs');
  writeFileSync(preload, "process.on('exit', () => process.stderr.write(`\\nmaxrss ${process.resourceUsage().maxRSS}\\n`));\n");
  const runs = {
    grep: { args: ['--grep', 'ERROR'], ms: [], rssKiB: 0, note: '' },
    all: { args: [], ms: [], rssKiB: 0, note: '' },
  };
  const scans = { text: [], bytes: [] };
  const scanHits = {};
  const grep = [];
  const timed = (args) => {
    const t = performance.now();
    const res = spawnSync(process.execPath, args, { cwd: work, stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 64 << 20 });
    return { ms: performance.now() - t, res };
  };
  for (let r = 0; r < rounds; r++) {
    const line = [];
    for (const [name, run] of Object.entries(runs)) {
      const { ms, res } = timed(['--require', preload, join(root, 'dist', 'cli.js'), 'import', 'logs', file, ...run.args]);
      if (res.status !== 0) throw new Error(`import logs ${run.args.join(' ')} exited ${res.status}: ${res.stderr.toString().slice(0, 500)}`);
      run.ms.push(ms);
      const err = res.stderr.toString();
      run.note = (/kubectl: [^\n]*/.exec(err) ?? [''])[0];
      run.rssKiB = Math.max(run.rssKiB, Number((/maxrss (\d+)/.exec(err) ?? [0, 0])[1]));
      line.push(`import logs${name === 'grep' ? ' --grep ERROR' : ''} ${ms.toFixed(0)} ms`);
    }
    for (const mode of Object.keys(scans)) {
      const { ms, res } = timed([fileURLToPath(import.meta.url), `scan-${mode}`, file, 'ERROR']);
      if (res.status !== 0) throw new Error(`plain scan exited ${res.status}: ${res.stderr.toString().slice(0, 500)}`);
      scans[mode].push(ms);
      scanHits[mode] = res.stdout.toString().trim();
      line.push(`plain scan (${mode}) ${ms.toFixed(0)} ms`);
    }
    const t = performance.now();
    const g = spawnSync('grep', ['-c', 'ERROR', file], { stdio: 'ignore' });
    if (!g.error) {
      grep.push(performance.now() - t);
      line.push(`grep -c ${grep.at(-1).toFixed(0)} ms`);
    }
    console.error(`  ${line.join(', ')}`);
  }
  return {
    file,
    size,
    runs: Object.fromEntries(Object.entries(runs).map(([k, v]) => [k, { ...v, median: median(v.ms), rssMiB: v.rssKiB / 1024 }])),
    scans: Object.fromEntries(Object.entries(scans).map(([k, v]) => [k, { ms: v, median: median(v), counted: scanHits[k] }])),
    grep: grep.length ? { ms: grep, median: median(grep) } : undefined,
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [mode, file, pattern] = process.argv.slice(2);
  if (mode !== 'scan-text' && mode !== 'scan-bytes') throw new Error('usage: node bench/import.mjs scan-text|scan-bytes FILE PATTERN');
  const { lines, hits } = await plainScan(file, pattern, mode.slice(5));
  console.log(`${lines} lines, ${hits} with ${pattern}`);
}
