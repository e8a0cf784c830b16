// The `postmortem` command: the same engine as the language server, for CI.
import { relative } from 'node:path';
import { Command, CommanderError, Option } from 'commander';
import { lint } from './engine/lint';
import { ConfigError } from './engine/config';
import { RULES } from './engine/rules';
import { formatCodeQuality, formatGithub, formatJson, formatSarif, formatTextParts, summaryLine, countBySeverity, plural } from './cli-format';
import { PACKAGE } from './node/rule-docs';
import { fixAll, type FixAllResult } from './engine/fix-all';
import type { Finding, Locale } from './engine/types';
import { registerImportCommands } from './cli-import';
import { registerActionCommands } from './cli-actions';
import { registerStatsCommand } from './cli-stats';
import { writeFileAtomic, WriteFileError } from './node/atomic-write';
import { discoverReports, UsageError, type DiscoverOptions, type FileProblem, type SkippedFile } from './node/discover';
import { createTwoFilesPatch } from 'diff';

export interface FileResult {
  file: string;
  /** The text the findings' ranges point into. */
  text?: string;
  findings: Finding[];
  /** With --fix or --fix-dry-run: what fix-all did to this file, and the text it started from. */
  fix?: FixAllResult;
  original?: string;
}

export type { FileProblem } from './node/discover';

export interface LintRun {
  results: FileResult[];
  problems: FileProblem[];
  /** Files found in folders and globs that were not checked, and why (for --verbose). */
  skipped: SkippedFile[];
}

// Each gives the output as one string, or as parts written one after the other (formatTextParts says why).
const FORMATTERS = { text: formatTextParts, json: formatJson, sarif: (r: FileResult[], cwd: string) => formatSarif(r, cwd), github: formatGithub, codequality: formatCodeQuality } satisfies Record<string, (r: FileResult[], cwd: string) => string | string[]>;
type Format = keyof typeof FORMATTERS;
const FORMATS = Object.keys(FORMATTERS) as Format[];

export interface LintFilesOptions extends DiscoverOptions {
  /** Apply the fixes that need no choice and write the files. */
  fix?: boolean;
  /** Compute the fixes but write nothing. */
  dryRun?: boolean;
}

export function lintFiles(paths: string[], opts: LintFilesOptions): LintRun {
  const results: FileResult[] = [];
  const problems: FileProblem[] = [];
  const skipped: SkippedFile[] = [];
  for (const { file, text, config, rel, model } of discoverReports(paths, opts, problems, skipped)) {
    if (opts.fix || opts.dryRun) {
      const fix = fixAll(text, { config });
      if (!fix.settled) problems.push({ file, message: `${rel}: the fixes for ${fix.unsettled.join(', ')} did not settle; the file was left as it was` });
      if (fix.changed && !opts.dryRun) {
        try {
          writeFileAtomic(file, fix.text);
        } catch (e) {
          if (!(e instanceof WriteFileError)) throw e;
          problems.push({ file, message: e.message });
          const r = lint(text, { config });
          results.push({ file, text, findings: [...r.findings, ...r.directiveProblems] });
          continue;
        }
      }
      results.push({ file, text: fix.text, findings: fix.findings, fix, original: text });
      continue;
    }
    const r = lint(text, { config, model, details: false });
    results.push({ file, text, findings: [...r.findings, ...r.directiveProblems] });
  }
  return { results, problems, skipped };
}

/** "fixed 3 findings in 1 file (timeline-order 2, duplicate-action-id 1)". */
export function fixSummary(results: FileResult[], dryRun = false): string {
  const fixed = results.filter((r) => r.fix?.changed);
  const byRule: Record<string, number> = {};
  let n = 0;
  for (const r of fixed) {
    for (const [rule, k] of Object.entries(r.fix!.fixed)) byRule[rule] = (byRule[rule] ?? 0) + k;
    n += r.fix!.fixedCount;
  }
  const detail = Object.entries(byRule).map(([rule, k]) => `${rule} ${k}`).join(', ');
  return `${dryRun ? 'would fix' : 'fixed'} ${plural(n, 'finding')} in ${plural(fixed.length, 'file')}${detail ? ` (${detail})` : ''}`;
}

/** The changes of --fix-dry-run as one unified diff (paths relative to the working folder, git style). */
function fixDiff(results: FileResult[], cwd: string): string {
  let out = '';
  for (const r of results) {
    if (!r.fix?.changed) continue;
    const rel = relative(cwd, r.file).replace(/\\/g, '/');
    out += createTwoFilesPatch(`a/${rel}`, `b/${rel}`, r.original ?? '', r.fix.text, undefined, undefined, { context: 3 }).replace(/^={10,}\n/m, '');
  }
  return out;
}

export function run(argv: string[], io = { stdout: process.stdout, stderr: process.stderr, cwd: process.cwd() }): Promise<number> {
  const program = new Command();
  let code = 0;
  program
    .name('postmortem')
    .description('Checks incident post-mortems written in Markdown, and imports observability data into their timeline.')
    .version(PACKAGE.version)
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.stdout.write(s), writeErr: (s) => io.stderr.write(s) });

  program
    .command('lint')
    .description('check post-mortem reports (files are checked as named; folders and globs are searched for post-mortems)')
    .argument('[paths...]', 'files, folders or globs (default: the current folder)')
    .addOption(new Option('-f, --format <format>', 'output format').choices(FORMATS).default('text'))
    .option('-c, --config <file>', 'use this config file instead of searching for .postmortemrc.*')
    .addOption(new Option('--locale <locale>', 'language of the messages (default: the language each report is written in)').choices(['en', 'ja']))
    .option('--fix', 'apply the fixes that are safe without a person choosing, and write the files')
    .option('--fix-dry-run', 'show the changes --fix would make as a unified diff, and write nothing')
    .option('--today <date>', 'the day overdue-action compares deadlines with, YYYY-MM-DD (default: the clock)')
    .option('--only-postmortems', 'check the files named too only when they are post-mortems and not ignored, as in folders (for pre-commit and lint-staged, which name every changed Markdown file)')
    .option('--quiet', 'report errors only (warnings, infos and hints are left out and not counted)')
    .option('--max-warnings <n>', 'exit 1 when there are more than n warnings (default: -1, no limit)', '-1')
    .option('--verbose', 'say on stderr which files in the folders and globs were skipped, and why')
    .action((paths: string[], o: { format: string; config?: string; locale?: Locale; fix?: boolean; fixDryRun?: boolean; today?: string; quiet?: boolean; maxWarnings: string; onlyPostmortems?: boolean; verbose?: boolean }) => {
      if (!/^-?\d+$/.test(o.maxWarnings) || Number(o.maxWarnings) < -1) throw new UsageError(`--max-warnings: expected a whole number, -1 for no limit, got "${o.maxWarnings}"`);
      const maxWarnings = Number(o.maxWarnings);
      if (o.fixDryRun && o.format !== 'text') throw new UsageError('--fix-dry-run prints a diff: it cannot be combined with --format ' + o.format);
      const linted = lintFiles(paths, { cwd: io.cwd, config: o.config, locale: o.locale, fix: o.fix, dryRun: o.fixDryRun, today: o.today, onlyPostmortems: o.onlyPostmortems });
      const problems = linted.problems;
      const results = o.quiet ? linted.results.map((r) => ({ ...r, findings: r.findings.filter((f) => f.severity === 'error') })) : linted.results;
      if (o.fixDryRun) {
        io.stdout.write(fixDiff(results, io.cwd));
        io.stdout.write(fixSummary(results, true) + '\n');
      } else for (const part of [FORMATTERS[o.format as Format](results, io.cwd)].flat()) io.stdout.write(part);
      // Next to a machine-readable format, the summaries go to stderr.
      const side = o.format === 'text' || o.format === 'github' ? io.stdout : io.stderr;
      if (o.fix && !o.fixDryRun) side.write(fixSummary(results) + '\n');
      if (side === io.stderr && !o.fixDryRun) io.stderr.write(summaryLine(results) + '\n');
      if (o.verbose) for (const k of linted.skipped) io.stderr.write(`postmortem: skipped ${relative(io.cwd, k.file).replace(/\\/g, '/')}: ${k.reason}\n`);
      for (const p of problems) io.stderr.write(`postmortem: ${p.message}\n`);
      const counts = countBySeverity(results);
      const tooManyWarnings = maxWarnings >= 0 && counts.warning > maxWarnings;
      if (tooManyWarnings) io.stderr.write(`postmortem: too many warnings (${counts.warning}; maximum: ${maxWarnings})\n`);
      code = problems.length ? 2 : counts.error || tooManyWarnings ? 1 : 0;
    });

  program
    .command('rules')
    .description('list the rules with their default severity')
    .action(() => {
      for (const r of RULES) io.stdout.write(`${r.id.padEnd(28)} ${r.defaultSeverity.padEnd(8)} ${r.description}\n`);
    });

  registerImportCommands(program, io, (c) => (code = c));
  registerActionCommands(program, io, (c) => (code = c));
  registerStatsCommand(program, io, (c) => (code = c));

  return program
    .parseAsync(argv, { from: 'user' })
    .then(() => code)
    .catch((e: unknown) => {
      if (e instanceof CommanderError) return e.exitCode === 0 ? 0 : 2;
      if (e instanceof UsageError || e instanceof ConfigError || e instanceof WriteFileError) {
        io.stderr.write(`postmortem: ${(e as Error).message}\n`);
        return 2;
      }
      io.stderr.write(`postmortem: ${(e as Error).stack ?? e}\n`);
      return 2;
    });
}

if (require.main === module) {
  run(process.argv.slice(2)).then((c) => {
    process.exitCode = c;
  });
}
