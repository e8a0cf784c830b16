// Deterministic (seeded) post-mortem reports for the benchmark: big imported timelines and a folder
// of typical reports. The same seed gives byte-identical files on every machine.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** mulberry32: small, fast, seedable. */
export function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SERVICES = ['checkout-api', 'payments', 'search', 'auth-gateway', 'orders-db', 'cart', 'inventory', 'edge-proxy', 'notifications', 'billing-worker'];
const SOURCES = ['Grafana', 'Alertmanager', 'PagerDuty', 'Slack', 'Deploy log', 'Loki', 'kubectl', 'Prometheus'];
const REGIONS = ['eu-west-1', 'us-east-1', 'ap-northeast-1', 'us-west-2'];
const ACTORS = ['@dana', '@carol', '@bob', '@org/sre', '-', '-', '-', 'Ravi Patel', '@mei'];
const EVENTS = [
  (s, r) => `Error rate on ${s} rises to ${(r() * 20).toFixed(1)}%`,
  (s, r) => `p99 latency of ${s} at ${Math.floor(r() * 900 + 100)} ms`,
  (s) => `Alert \`${s.replace(/-/g, '_')}_errors\` fires`,
  (s) => `Pod ${s}-7f9c restarted (OOMKilled)`,
  (s, r) => `Deploy ${s} v${Math.floor(r() * 90 + 10)}.${Math.floor(r() * 10)} rolled out to ${Math.floor(r() * 100)}% of hosts`,
  (s) => `On-call engineer checks the ${s} dashboard`,
  (s, r) => `Connection pool wait on ${s} above ${Math.floor(r() * 400)} ms`,
  (s) => `Traffic shifted away from ${s} in eu-west-1`,
  (s) => `Log: \`upstream connect error\` from ${s}`,
  (s) => `Bob forgot to drain ${s} before restarting it`,
  (s) => `Someone should have noticed the ${s} alert earlier`,
];
const PROSE = [
  'The configuration change lowered the connection pool size of the database clients.',
  'Requests queued behind the pool and timed out after thirty seconds.',
  'Retries from the mobile clients doubled the load during the first ten minutes.',
  'The alert threshold had been tuned for the old traffic pattern and fired late.',
  'The runbook described a rollback path that no longer existed after the migration.',
  'Capacity in the secondary region was enough to take all traffic once it was shifted.',
  'The dashboards showed the saturation clearly, but nobody was looking at them at night.',
  'Obviously, the engineer should have known better than to deploy on a Friday.',
  'Carol failed to follow the checklist when she restarted the service.',
  'We will improve monitoring and make things more robust going forward.',
  'The change passed review because the diff looked like a routine tuning change.',
  'Two teams owned parts of the rollout and neither saw the whole picture.',
];
const ACTIONS = [
  (s) => `Add a CI check that rejects pool sizes below 10 for ${s}`,
  (s) => `Alert when ${s} p99 pool wait exceeds 200 ms for 5 minutes`,
  () => 'Improve monitoring',
  (s) => `Document the rollback procedure for ${s} in the runbook`,
  (s) => `Load-test ${s} with production traffic shape before each release`,
  () => 'Be more careful with config changes',
  (s) => `Make the ${s} deploy pipeline stop at 10% when error rate rises`,
];

const pick = (r, a) => a[Math.floor(r() * a.length)];
const pad = (n) => String(n).padStart(2, '0');

function clock(sec, withSeconds) {
  const h = Math.floor(sec / 3600) % 24;
  const m = Math.floor(sec / 60) % 60;
  const s = sec % 60;
  return withSeconds ? `${pad(h)}:${pad(m)}:${pad(s)}` : `${pad(h)}:${pad(m)}`;
}

function isoAt(baseDay, sec) {
  const d = new Date(Date.UTC(2025, 2, baseDay) + sec * 1000);
  return d.toISOString().replace('T', ' ').replace(/\.\d+Z$/, 'Z');
}

/**
 * One report. `rows` timeline rows; imported-sized timelines (more than 200 rows) use full
 * timestamps, as importers write them; short ones use HH:MM with a midnight rollover.
 */
export function report(seed, rows, opts = {}) {
  const r = rng(seed);
  const svc = pick(r, SERVICES);
  const day = 1 + Math.floor(r() * 27);
  const out = [];
  out.push(`# Post-Mortem: ${svc} outage ${seed}`, '');
  out.push(`**Date**: 2025-03-${pad(day)}`);
  out.push(`**Severity**: SEV-${1 + Math.floor(r() * 3)}`);
  out.push(`**Authors**: ${pick(r, ['Dana Kim (@dana)', '@carol', 'Ravi Patel', '@org/sre'])}`);
  out.push(`**Status**: ${pick(r, ['Draft', 'In review', 'Final'])}`, '');
  out.push('## Summary', '');
  for (let p = 0; p < 3; p++) out.push(Array.from({ length: 3 }, () => pick(r, PROSE)).join(' '), '');
  out.push('## Impact', '');
  out.push(`About ${Math.floor(r() * 9000 + 100)} requests to ${svc} failed over ${Math.floor(r() * 90 + 5)} minutes.`, '');
  const full = rows > 200;
  out.push(`## Timeline${full ? '' : ' (all times UTC)'}`, '');
  out.push(full ? '| Time (UTC) | Event | Source | Actor |' : '| Time | Event | Source | Actor |', '| --- | --- | --- | --- |');
  let sec = full ? Math.floor(r() * 3600) : 22 * 3600 + Math.floor(r() * 7200);
  for (let i = 0; i < rows; i++) {
    sec += full ? Math.floor(r() * 7) : Math.floor(r() * 600 + 30);
    // A few rows out of order, as when a source's clock or an importer lags.
    const t = r() < 0.01 ? sec - 120 : sec;
    const when = full ? isoAt(day, t) : clock(t, false);
    out.push(`| ${when} | ${pick(r, EVENTS)(pick(r, SERVICES), r)} (${pick(r, REGIONS)}, cluster prod-${1 + Math.floor(r() * 9)}) | ${pick(r, SOURCES)} | ${pick(r, ACTORS)} |`);
  }
  out.push('');
  out.push('## Contributing Factors', '');
  const nf = opts.factors ?? 1 + Math.floor(r() * 3);
  for (let i = 0; i < nf; i++) out.push(`- ${pick(r, PROSE)}`);
  out.push('');
  out.push('## Action Items', '');
  out.push('| ID | Action | Owner | Deadline | Priority |', '| --- | --- | --- | --- | --- |');
  const na = opts.actions ?? 3 + Math.floor(r() * 6);
  for (let i = 0; i < na; i++) {
    const owner = r() < 0.2 ? 'TBD' : pick(r, ['@dana', '@carol', '@org/sre', 'Ravi Patel']);
    const deadline = r() < 0.15 ? '' : `2025-${pad(4 + Math.floor(r() * 6))}-${pad(1 + Math.floor(r() * 28))}`;
    const prio = r() < 0.15 ? '' : `P${1 + Math.floor(r() * 3)}`;
    out.push(`| AI-${i + 1} | ${pick(r, ACTIONS)(pick(r, SERVICES))} | ${owner} | ${deadline} | ${prio} |`);
  }
  out.push('');
  out.push('## What Went Well', '');
  out.push(`- ${pick(r, PROSE)}`, '');
  out.push('## Lessons Learned', '');
  for (let p = 0; p < 2; p++) out.push(Array.from({ length: 3 }, () => pick(r, PROSE)).join(' '), '');
  return out.join('\n');
}

/** Writes the benchmark inputs under `dir` and returns their paths. */
export function generate(dir) {
  mkdirSync(join(dir, 'folder', 'postmortems'), { recursive: true });
  const files = {};
  for (const rows of [500, 5000, 50000]) {
    const p = join(dir, `postmortem-${rows}.md`);
    // The 5,000-row report also has a long list: 1,000 contributing factors.
    writeFileSync(p, report(rows, rows, rows === 5000 ? { factors: 1000 } : {}));
    files[rows] = p;
  }
  const typical = [];
  for (let i = 0; i < 1000; i++) {
    const seed = 100000 + i;
    const rows = 15 + Math.floor(rng(seed ^ 0x5bd1e995)() * 16);
    const p = join(dir, 'folder', 'postmortems', `incident-${String(i).padStart(4, '0')}.md`);
    writeFileSync(p, report(seed, rows));
    typical.push(p);
  }
  files.typical = typical;
  files.folder = join(dir, 'folder');
  return files;
}
