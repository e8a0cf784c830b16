// Which files are post-mortems: the file discovery of `lint`, `actions` and `stats`. Files named on
// the command line are taken as named; folders and globs are searched for Markdown files that the
// config's `files` / `ignore` and the detection (path, title, front matter or structure) say are
// post-mortems.
import { lstatSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import picomatch from 'picomatch';
import { resolveConfig, type ConfigInput, type ResolvedConfig } from '../engine/config';
import { detectPostMortem, isIgnored } from '../engine/detect';
import type { Locale } from '../engine/types';
import { buildModel, type PostMortem } from '../engine/model';
import { loadConfigInputs, readConfigFile } from './config-files';
import { describeFsError, describeKind } from './fs-errors';

/** A path that could not be checked (or, with --fix, written): reported, and the run goes on. */
export interface FileProblem {
  file: string;
  message: string;
}

/** A file a folder or glob gave that is not checked, and why (`lint --verbose` prints these). */
export interface SkippedFile {
  file: string;
  reason: string;
}

/** A bad command line: exit 2 with the message. */
export class UsageError extends Error {}

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

/**
 * The configuration of each file: `--config` when given, else the config files from the file's
 * folder up. Looked up once per folder in a run (a folder of 1,000 reports asked the file system
 * about the same config files 1,000 times), and resolved once per set of config files.
 */
function configResolver(explicit: ResolvedConfig | undefined, cli: ConfigInput, root: string): (file: string) => ResolvedConfig {
  const byFiles = new Map<string, ResolvedConfig>();
  const byDir = new Map<string, ResolvedConfig>();
  return (file) => {
    if (explicit) return explicit;
    const dir = dirname(file);
    let c = byDir.get(dir);
    if (c) return c;
    const { files, inputs } = loadConfigInputs(dir, root.startsWith('/') && dir.startsWith(root) ? root : undefined);
    const key = files.join('\0');
    c = byFiles.get(key);
    if (!c) {
      c = resolveConfig(...inputs, cli);
      byFiles.set(key, c);
    }
    byDir.set(dir, c);
    return c;
  };
}

/** A post-mortem found by the file discovery of `lint` (and `actions`, `stats`), with its text and config. */
export interface FoundReport {
  file: string;
  /** Relative to the working folder, forward slashes. */
  rel: string;
  text: string;
  config: ResolvedConfig;
  /** The report's model, when telling whether the file is a post-mortem needed its structure: use it rather than build it again. */
  model?: PostMortem;
}

/** The model of a discovered report: the one detection built when it had to, else built now. */
export function modelOf(r: FoundReport): PostMortem {
  return r.model ?? buildModel(r.text);
}

export interface DiscoverOptions {
  cwd: string;
  config?: string;
  locale?: Locale;
  /** "Today" for overdue-action and `actions --overdue`, YYYY-MM-DD. */
  today?: string;
  /** Files named on the command line too are taken only when they are post-mortems and not ignored (pre-commit, lint-staged). */
  onlyPostmortems?: boolean;
}

/**
 * The reports named by the arguments: files as named; folders and globs searched for post-mortems
 * (config `files` / `ignore` apply). A path that cannot be read is a problem, and the rest go on.
 * One report at a time, read when the caller asks for it: a report's model built to tell whether
 * it is a post-mortem is handed on, and is not kept for a whole folder (about 50 KB a report).
 */
export function* discoverReports(paths: string[], opts: DiscoverOptions, problems: FileProblem[], skipped: SkippedFile[] = []): Generator<FoundReport> {
  const cli: ConfigInput = { ...(opts.locale ? { locale: opts.locale } : {}), ...(opts.today ? { today: opts.today } : {}) };
  // Options given on the command line are checked as a whole: a bad one is a usage error (exit 2).
  const optionProblems = resolveConfig(cli).problems;
  if (optionProblems.length) throw new UsageError(optionProblems.map((p) => p.replace(/ \(ignored\)$/, '')).join('; '));
  const explicit = opts.config ? resolveConfig(readConfigFile(resolve(opts.cwd, opts.config)), cli) : undefined;
  const configFor = configResolver(explicit, cli, opts.cwd);
  for (const { file, explicit: givenByName } of expand(paths, opts.cwd, problems)) {
    const named = givenByName && !opts.onlyPostmortems;
    const config = configFor(file);
    const rel = relative(opts.cwd, file).replace(/\\/g, '/');
    if (!named && isIgnored(rel, config.ignore)) {
      skipped.push({ file, reason: 'it matches an ignore glob of the configuration' });
      continue;
    }
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (e) {
      problems.push({ file, message: `cannot read ${rel}: ${describeFsError(e, file)}` });
      continue;
    }
    let model: PostMortem | undefined;
    if (!named) {
      const found = detectPostMortem(rel, text, config.files);
      if (!found.postMortem) {
        skipped.push({ file, reason: found.reason });
        continue;
      }
      model = found.model;
    }
    yield { file, rel, text, config, model };
  }
}

