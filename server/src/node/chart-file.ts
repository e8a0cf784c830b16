// Writes a chart SVG beside the report (the engine renders it; this only puts it on disk). It
// never follows a symbolic link: a `postmortem-charts` folder or a `.svg` name planted as a link
// to somewhere else is refused, so a chart can only ever create a new file of its own.
import { closeSync, constants, lstatSync, mkdirSync, openSync, writeSync } from 'node:fs';
import { basename, dirname, join, relative } from 'node:path';
import { renderChart, type ChartMark } from '../engine/import/chart';
import { ImportError } from '../engine/import/rows';
import type { PromSeries } from '../engine/import/sources/prometheus';

function lstatOrUndefined(p: string) {
  try {
    return lstatSync(p);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new ImportError(`Cannot write the chart: ${p}: ${(e as Error).message}`, 'usage');
  }
}

/** The `postmortem-charts` folder beside the report: created if missing; refused if it is a link or not a folder. */
function chartFolder(reportPath: string): string {
  const dir = join(dirname(reportPath), 'postmortem-charts');
  let st = lstatOrUndefined(dir);
  if (!st) {
    try {
      mkdirSync(dir);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw new ImportError(`Cannot create ${dir} for the chart: ${(e as Error).message}`, 'usage');
    }
    st = lstatOrUndefined(dir);
  }
  if (st?.isSymbolicLink()) throw new ImportError(`${dir} is a symbolic link; the chart is written only into a real folder beside the report, so it was not written. Remove the link (or make it a folder) and import again.`, 'usage');
  if (!st?.isDirectory()) throw new ImportError(`${dir} is not a folder, so the chart was not written.`, 'usage');
  return dir;
}

/** Creates `file` and writes `text`, never through a link and never over an existing file. */
function writeNew(file: string, text: string): boolean {
  const st = lstatOrUndefined(file);
  if (st?.isSymbolicLink()) throw new ImportError(`${file} is a symbolic link; the chart would be written through it to another file, so it was not written. Remove the link and import again.`, 'usage');
  if (st) return false;
  let fd: number;
  try {
    fd = openSync(file, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | (constants.O_NOFOLLOW ?? 0), 0o644);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') return false;
    if (code === 'ELOOP') throw new ImportError(`${file} is a symbolic link, so the chart was not written.`, 'usage');
    throw new ImportError(`Cannot write the chart ${file}: ${(e as Error).message}`, 'usage');
  }
  try {
    const buf = Buffer.from(text, 'utf8');
    for (let off = 0; off < buf.length; ) off += writeSync(fd, buf, off, buf.length - off);
  } finally {
    closeSync(fd);
  }
  return true;
}

/** Text for the image's alt: one line, no brackets or backslashes that would end it early. */
function altText(query: string): string {
  return query.replace(/[[\]\\]/g, ' ').replace(/[\x00-\x1f\x7f\u2028\u2029\s]+/g, ' ').trim().slice(0, 80);
}

/**
 * Writes the chart SVG to `<report folder>/postmortem-charts/` and returns the Markdown image
 * line to put under the timeline (path relative to the report, forward slashes).
 */
export function writeChart(reportPath: string, series: PromSeries[], opts: { query: string; startMs: number; endMs: number; marks: ChartMark[]; threshold?: number; nowMs?: number }): { file: string; markdown: string } {
  const svg = renderChart(series, { title: opts.query, startMs: opts.startMs, endMs: opts.endMs, marks: opts.marks, threshold: opts.threshold });
  const dir = chartFolder(reportPath);
  const stamp = new Date(opts.nowMs ?? Date.now()).toISOString().replace(/[-:]/g, '').replace(/\..*$/, '');
  const stem = `${basename(reportPath).replace(/\.[^.]+$/, '')}-prometheus-${stamp}`;
  let file = '';
  for (let n = 1; ; n++) {
    if (n > 100) throw new ImportError(`Cannot find a free chart file name in ${dir}.`, 'usage');
    file = join(dir, `${stem}${n > 1 ? `-${n}` : ''}.svg`);
    if (writeNew(file, svg)) break;
  }
  const rel = relative(dirname(reportPath), file).replace(/\\/g, '/');
  // Each path segment percent-encoded (spaces, parentheses, control characters) so the link stays one link on one line.
  const target = rel.split('/').map((seg) => encodeURIComponent(seg).replace(/\(/g, '%28').replace(/\)/g, '%29')).join('/');
  return { file, markdown: `![Prometheus: ${altText(opts.query)}](${target})` };
}
