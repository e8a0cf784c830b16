// A real Prometheus for the import scenario: historical samples are backfilled with
// `promtool tsdb create-blocks-from openmetrics`, then `prometheus` serves them on 127.0.0.1.
// Started in its own process group and stopped by its PID.
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { freePort, stopGroup, waitFor } from '../../scripts/code-server.mjs';

export interface Series { name: string; help: string; labels: Record<string, string>; samples: [epochSec: number, value: number][] }

export interface PrometheusServer { url: string; pid: number; stop(): Promise<void>; output(): string }

function openMetrics(series: Series[]): string {
  const out: string[] = [];
  for (const name of [...new Set(series.map((s) => s.name))]) {
    out.push(`# HELP ${name} ${series.find((s) => s.name === name)!.help}`, `# TYPE ${name} gauge`);
    for (const s of series.filter((x) => x.name === name)) {
      const labels = Object.entries(s.labels).map(([k, v]) => `${k}="${v}"`).join(',');
      for (const [t, v] of s.samples) out.push(`${name}{${labels}} ${v} ${t}`);
    }
  }
  out.push('# EOF', '');
  return out.join('\n');
}

export async function startPrometheus(dir: string, series: Series[]): Promise<PrometheusServer> {
  mkdirSync(dir, { recursive: true });
  const data = join(dir, 'data');
  const om = join(dir, 'backfill.om');
  writeFileSync(om, openMetrics(series));
  const fill = spawnSync('promtool', ['tsdb', 'create-blocks-from', 'openmetrics', om, data], { encoding: 'utf8', timeout: 120000 });
  if (fill.status !== 0) throw new Error(`promtool backfill failed: ${fill.stdout}${fill.stderr}`);
  writeFileSync(join(dir, 'prometheus.yml'), 'global:\n  scrape_interval: 15s\nscrape_configs: []\n');
  const port = await freePort();
  const child = spawn('prometheus', [
    `--config.file=${join(dir, 'prometheus.yml')}`,
    `--storage.tsdb.path=${data}`,
    '--storage.tsdb.retention.time=100y',
    `--web.listen-address=127.0.0.1:${port}`,
  ], { detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  let log = '';
  child.stdout.on('data', (d) => (log += d));
  child.stderr.on('data', (d) => (log += d));
  let exited = false;
  child.on('exit', () => (exited = true));
  const url = `http://127.0.0.1:${port}`;
  const stop = () => stopGroup(child.pid!, () => exited);
  try {
    await waitFor('Prometheus to be ready', async () => {
      if (exited) throw new Error(`prometheus exited:\n${log}`);
      return (await fetch(`${url}/-/ready`)).ok;
    }, 60000, 250);
    // The backfilled blocks are queryable once loaded.
    const first = series[0];
    const t = first.samples[Math.floor(first.samples.length / 2)][0];
    await waitFor('the backfilled samples', async () => {
      const r = await fetch(`${url}/api/v1/query?query=${encodeURIComponent(first.name)}&time=${t}`);
      const j = (await r.json()) as { data?: { result?: unknown[] } };
      return (j.data?.result?.length ?? 0) > 0;
    }, 60000, 250);
  } catch (e) {
    await stop();
    throw e;
  }
  return { url, pid: child.pid!, stop, output: () => log };
}
