// The `postmortem` command: the same engine as the language server, for CI.
import { lstatSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { Command, CommanderError, Option } from 'commander';
import picomatch from 'picomatch';
import { lint } from './engine/lint';
import { resolveConfig, ConfigError, type ConfigInput, type ResolvedConfig } from './engine/config';
import { isIgnored, isPostMortem } from './engine/detect';
import { RULES } from './engine/rules';
import { formatCodeQuality, formatGithub, formatJson, formatSarif, formatText, summaryLine, countBySeverity, plural } from './cli-format';
import { PACKAGE } from './node/rule-docs';
import { fixAll, type FixAllResult } from './engine/fix-all';
import type { Finding, Locale } from './engine/types';
import { loadConfigInputs, readConfigFile } from './node/config-files';
import { registerImportCommands } from './cli-import';
import { writeFileAtomic, WriteFileError } from './node/atomic-write';
import { describeFsError, describeKind } from './node/fs-errors';
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

/** A path that could not be checked (or, with --fix, written): reported, and the run goes on. */
export interface FileProblem {
  file: string;
  message: string;
}

export interface LintRun {
  results: FileResult[];
  problems: FileProblem[];
}

class UsageError extends Error {}

const FORMATTERS = { text: formatText, json: formatJson, sarif: (r: FileResult[], cwd: string) => formatSarif(r, cwd), github: formatGithub, codequality: formatCodeQuality };
type Format = keyof typeof FORMATTERS;
const FORMATS = Object.keys(FORMATTERS) as Format[];

const IGNORED_DIRS = new Set(['node_modules', '.git', 'dist', 'out', '.vscode-test']);
const MARKDOWN = /\.(md|markdown)$/i;

function walk(dir: string, out: string[], problems: FileProblem[]): void {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch (e) {
    problems.push({ file: dir, message: `cannot read the folder ${dir}: ${describeFsError(e, dir)}` });
    return;
  }
  for (const e of entries) {
    const p = join(dir, e.name);
    if (e.isDirectory()) {
      if (!IGNORED_DIRS.has(e.name)) walk(p, out, problems);
    } else if (MARKDOWN.test(e.name)) {
      if (e.isFile()) out.push(p);
      else if (e.isSymbolicLink()) {
        // A linked report is checked like the file it points to (linked folders are not followed).
        try {
          if (statSync(p).isFile()) out.push(p);
        } catch (err) {
          problems.push({ file: p, message: `cannot read ${p}: ${describeFsError(err, p)}` });
        }
      }
    }
  }
}

/** Expands arguments: files are taken as named; folders and globs give the post-mortems in them. */
function expand(args: string[], cwd: string, problems: FileProblem[]): { file: string; explicit: boolean }[] {
  const out: { file: string; explicit: boolean }[] = [];
  const seen = new Set<string>();
  const add = (file: string, explicit: boolean) => {
    const abs = resolve(cwd, file);
    if (!seen.has(abs)) {
      seen.add(abs);
      out.push({ file: abs, explicit });
    }
  };
  for (const arg of args.length ? args : ['.']) {
    const abs = resolve(cwd, arg);
    let st;
    let err: unknown;
    try {
      st = statSync(abs);
    } catch (e) {
      err = e;
    }
    if (st?.isFile()) add(abs, true);
    else if (st?.isDirectory()) {
      const files: string[] = [];
      walk(abs, files, problems);
      for (const f of files.sort()) add(f, false);
    } else if (st) problems.push({ file: abs, message: `cannot read ${arg}: ${describeKind(st)}` });
    else if (lstatSync(abs, { throwIfNoEntry: false }) || (err as NodeJS.ErrnoException).code !== 'ENOENT') {
      // There is something by that name (a broken or looping link, a file not allowed to be seen).
      problems.push({ file: abs, message: `cannot read ${arg}: ${describeFsError(err, abs)}` });
    } else if (picomatch.scan(arg).isGlob) {
      const { base } = picomatch.scan(arg);
      const match = picomatch(arg, { dot: false });
      const files: string[] = [];
      walk(resolve(cwd, base || '.'), files, problems);
      for (const f of files.sort()) if (match(relative(cwd, f).replace(/\\/g, '/'))) add(f, false);
    } else problems.push({ file: abs, message: `no such file or folder: ${arg}` });
  }
  return out;
}

function configFor(file: string, explicit: ResolvedConfig | undefined, cli: ConfigInput, cache: Map<string, ResolvedConfig>, root: string): ResolvedConfig {
  if (explicit) return explicit;
  const { files, inputs } = loadConfigInputs(file, root.startsWith('/') && file.startsWith(root) ? root : undefined);
  const key = files.join('\0');
  let c = cache.get(key);
  if (!c) {
    c = resolveConfig(...inputs, cli);
    cache.set(key, c);
  }
  return c;
}

export interface LintFilesOptions {
  cwd: string;
  config?: string;
  locale?: Locale;
  /** Apply the fixes that need no choice and write the files. */
  fix?: boolean;
  /** Compute the fixes but write nothing. */
  dryRun?: boolean;
  /** "Today" for overdue-action, YYYY-MM-DD. */
  today?: string;
}

export function lintFiles(paths: string[], opts: LintFilesOptions): LintRun {
  const cli: ConfigInput = { ...(opts.locale ? { locale: opts.locale } : {}), ...(opts.today ? { today: opts.today } : {}) };
  // Options given on the command line are checked as a whole: a bad one is a usage error (exit 2).
  const optionProblems = resolveConfig(cli).problems;
  if (optionProblems.length) throw new UsageError(optionProblems.map((p) => p.replace(/ \(ignored\)$/, '')).join('; '));
  const explicit = opts.config ? resolveConfig(readConfigFile(resolve(opts.cwd, opts.config)), cli) : undefined;
  const cache = new Map<string, ResolvedConfig>();
  const results: FileResult[] = [];
  const problems: FileProblem[] = [];
  for (const { file, explicit: named } of expand(paths, opts.cwd, problems)) {
    const config = configFor(file, explicit, cli, cache, opts.cwd);
    const rel = relative(opts.cwd, file).replace(/\\/g, '/');
    if (!named && isIgnored(rel, config.ignore)) continue;
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (e) {
      problems.push({ file, message: `cannot read ${rel}: ${describeFsError(e, file)}` });
      continue;
    }
    if (!named && !isPostMortem(rel, text, config.files)) continue;
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
    const r = lint(text, { config });
    results.push({ file, text, findings: [...r.findings, ...r.directiveProblems] });
  }
  return { results, problems };
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
    .addOption(new Option('--locale <locale>', 'language of the messages').choices(['en', 'ja']))
    .option('--fix', 'apply the fixes that are safe without a person choosing, and write the files')
    .option('--fix-dry-run', 'show the changes --fix would make as a unified diff, and write nothing')
    .option('--today <date>', 'the day overdue-action compares deadlines with, YYYY-MM-DD (default: the clock)')
    .option('--quiet', 'report errors only (warnings, infos and hints are left out and not counted)')
    .option('--max-warnings <n>', 'exit 1 when there are more than n warnings (default: -1, no limit)', '-1')
    .action((paths: string[], o: { format: string; config?: string; locale?: Locale; fix?: boolean; fixDryRun?: boolean; today?: string; quiet?: boolean; maxWarnings: string }) => {
      if (!/^-?\d+$/.test(o.maxWarnings) || Number(o.maxWarnings) < -1) throw new UsageError(`--max-warnings: expected a whole number, -1 for no limit, got "${o.maxWarnings}"`);
      const maxWarnings = Number(o.maxWarnings);
      if (o.fixDryRun && o.format !== 'text') throw new UsageError('--fix-dry-run prints a diff: it cannot be combined with --format ' + o.format);
      const linted = lintFiles(paths, { cwd: io.cwd, config: o.config, locale: o.locale, fix: o.fix, dryRun: o.fixDryRun, today: o.today });
      const problems = linted.problems;
      const results = o.quiet ? linted.results.map((r) => ({ ...r, findings: r.findings.filter((f) => f.severity === 'error') })) : linted.results;
      if (o.fixDryRun) {
        io.stdout.write(fixDiff(results, io.cwd));
        io.stdout.write(fixSummary(results, true) + '\n');
      } else io.stdout.write(FORMATTERS[o.format as Format](results, io.cwd));
      // Next to a machine-readable format, the summaries go to stderr.
      const side = o.format === 'text' || o.format === 'github' ? io.stdout : io.stderr;
      if (o.fix && !o.fixDryRun) side.write(fixSummary(results) + '\n');
      if (side === io.stderr && !o.fixDryRun) io.stderr.write(summaryLine(results) + '\n');
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
