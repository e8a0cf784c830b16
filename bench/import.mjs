// Import speed: `postmortem import logs FILE --grep ERROR` (whole process) on a generated ~200 MB
// kubectl log, beside a plain line scan in Node of the same file (read in 1 MiB pieces, decode,
// split at line ends, indexOf) and `grep -c`, in the same run. Memory is the CLI's peak RSS.
import { spawnSync } from 'node:child_process';
import { closeSync, existsSync, openSync, readSync, statSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';

const SAMPLE = [
  '2024-03-01T23:55:00.123456789Z {"level":"error","ts":1709337300.1234567,"msg":"upstream request failed","upstream":"payments"}',
  '2024-03-01T23:55:00.120000000Z WARN retrying payments call (attempt 2/3)',
  '2024-03-01T23:59:59.999999999Z ERROR circuit breaker opened for payments',
  '2024-03-02T00:00:00.000000000Z INFO health check failed: 503',
  '2024-03-02T01:10:02.500000000+01:00 INFO node clock is not UTC (offset preserved by kubelet)',
].join('\n') + '\n';

/** Writes a kubectl log of about `mb` MB (the sample repeated) unless it is there already. */
export function generateLog(dir, mb = 200) {
  const file = join(dir, `kubectl-${mb}mb.log`);
  if (existsSync(file)) return file;
  const piece = SAMPLE.repeat(Math.ceil((1 << 20) / SAMPLE.length));
  const fd = openSync(file, 'w');
  for (let n = 0; n < mb * 1e6; n += piece.length) writeSync(fd, piece);
  closeSync(fd);
  return file;
}

/** The floor for a line reader in Node: read, decode, split at line ends, look for the pattern. */
export function plainScan(file, pattern) {
  const fd = openSync(file, 'r');
  const buf = Buffer.allocUnsafe(1 << 20);
  let rest = '';
  let lines = 0;
  let hits = 0;
  for (;;) {
    const n = readSync(fd, buf, 0, buf.length, null);
    if (!n) break;
    const text = rest + buf.toString('utf8', 0, n);
    const end = text.lastIndexOf('\n') + 1;
    rest = text.slice(end);
    for (let p = 0; p < end; ) {
      const nl = text.indexOf('\n', p);
      if (text.slice(p, nl).indexOf(pattern) >= 0) hits++;
      lines++;
      p = nl + 1;
    }
  }
  closeSync(fd);
  return { lines, hits };
}

export function measureImport(root, work, rounds) {
  const file = generateLog(work);
  const size = statSync(file).size;
  const preload = join(work, 'maxrss.cjs');
  writeFileSync(preload, "process.on('exit', () => process.stderr.write(`\\nmaxrss ${process.resourceUsage().maxRSS}\\n`));\n");
  const cli = [];
  const scan = [];
  const grep = [];
  let note = '';
  let rssKiB = 0;
  for (let r = 0; r < rounds; r++) {
    let t = performance.now();
    const res = spawnSync(process.execPath, ['--require', preload, join(root, 'dist', 'cli.js'), 'import', 'logs', file, '--grep', 'ERROR'], { cwd: work, stdio: ['ignore', 'ignore', 'pipe'], maxBuffer: 64 << 20 });
    cli.push(performance.now() - t);
    if (res.status !== 0) throw new Error(`import logs exited ${res.status}: ${res.stderr.toString().slice(0, 500)}`);
    const err = res.stderr.toString();
    note = (/kubectl: [^\n]*/.exec(err) ?? [''])[0];
    rssKiB = Math.max(rssKiB, Number((/maxrss (\d+)/.exec(err) ?? [0, 0])[1]));
    t = performance.now();
    plainScan(file, 'ERROR');
    scan.push(performance.now() - t);
    t = performance.now();
    const g = spawnSync('grep', ['-c', 'ERROR', file], { stdio: 'ignore' });
    if (!g.error) grep.push(performance.now() - t);
    console.error(`  import logs ${cli.at(-1).toFixed(0)} ms, plain scan ${scan.at(-1).toFixed(0)} ms${grep.length ? `, grep -c ${grep.at(-1).toFixed(0)} ms` : ''}`);
  }
  return { file, size, cli, scan, grep, note, rssMiB: rssKiB / 1024 };
}
