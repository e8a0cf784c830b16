// `postmortem stats`: time to detect, to mitigate and to resolve per report (the engine reads them
// from the timeline), as a table or JSON, and the trend as an SVG chart written with --svg.
import { resolve } from 'node:path';
import { Option, type Command } from 'commander';
import { renderStatsChart, reportStats, sortStats, statsJson, statsTable, type ReportStats } from './engine/stats';
import { writeFileAtomic } from './node/atomic-write';
import { discoverReports, modelOf, type FileProblem } from './node/discover';

interface Io {
  stdout: { write(s: string): unknown };
  stderr: { write(s: string): unknown };
  cwd: string;
}

export function collectStats(paths: string[], o: { cwd: string; config?: string }): { rows: ReportStats[]; problems: FileProblem[] } {
  const problems: FileProblem[] = [];
  const rows = Array.from(discoverReports(paths, { cwd: o.cwd, config: o.config }, problems), (r) => reportStats(r.rel, modelOf(r)));
  return { rows: sortStats(rows), problems };
}

export function registerStatsCommand(program: Command, io: Io, setCode: (code: number) => void): void {
  program
    .command('stats')
    .description('time to detect, to mitigate and to resolve per report, read from the timelines, and the trend as an SVG chart')
    .argument('[paths...]', 'files, folders or globs (default: the current folder)')
    .addOption(new Option('-f, --format <format>', 'output format').choices(['table', 'json']).default('table'))
    .option('--svg <file>', 'also write the trend over time as an SVG chart to this file (never through a symbolic link)')
    .option('-c, --config <file>', 'use this config file instead of searching for .postmortemrc.*')
    .action((paths: string[], o: { format: 'table' | 'json'; svg?: string; config?: string }) => {
      const { rows, problems } = collectStats(paths, { cwd: io.cwd, config: o.config });
      io.stdout.write(o.format === 'json' ? statsJson(rows) : statsTable(rows));
      if (o.svg) {
        writeFileAtomic(resolve(io.cwd, o.svg), renderStatsChart(rows), { noFollow: true });
        io.stderr.write(`postmortem: wrote the chart to ${o.svg}\n`);
      }
      for (const p of problems) io.stderr.write(`postmortem: ${p.message}\n`);
      setCode(problems.length ? 2 : 0);
    });
}
