// Writes a chart SVG beside the report (the engine renders it; this only puts it on disk).
import { mkdirSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, relative } from 'node:path';
import { renderChart, type ChartMark } from '../engine/import/chart';
import type { PromSeries } from '../engine/import/sources/prometheus';

/**
 * Writes the chart SVG to `<report folder>/postmortem-charts/` and returns the Markdown image
 * line to put under the timeline (path relative to the report, forward slashes).
 */
export function writeChart(reportPath: string, series: PromSeries[], opts: { query: string; startMs: number; endMs: number; marks: ChartMark[]; threshold?: number; nowMs?: number }): { file: string; markdown: string } {
  const svg = renderChart(series, { title: opts.query, startMs: opts.startMs, endMs: opts.endMs, marks: opts.marks, threshold: opts.threshold });
  const dir = join(dirname(reportPath), 'postmortem-charts');
  mkdirSync(dir, { recursive: true });
  const stamp = new Date(opts.nowMs ?? Date.now()).toISOString().replace(/[-:]/g, '').replace(/\..*$/, '');
  const name = `${basename(reportPath).replace(/\.[^.]+$/, '')}-prometheus-${stamp}.svg`;
  const file = join(dir, name);
  writeFileSync(file, svg);
  const rel = relative(dirname(reportPath), file).replace(/\\/g, '/');
  const alt = `Prometheus: ${opts.query.replace(/[[\]\\]/g, ' ').slice(0, 80)}`;
  return { file, markdown: `![${alt}](${rel.replace(/ /g, '%20')})` };
}
