// The `postmortem` command: the same engine as the language server, for CI.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { Command, CommanderError, Option } from 'commander';
import picomatch from 'picomatch';
import { SarifBuilder, SarifResultBuilder, SarifRuleBuilder, SarifRunBuilder } from 'node-sarif-builder';
import { lint } from './engine/lint';
import { resolveConfig, ConfigError, type ConfigInput, type ResolvedConfig } from './engine/config';
import { isIgnored, isPostMortem } from './engine/detect';
import { RULES } from './engine/rules';
import { applyEdits } from './engine/edits';
import type { Finding, Locale } from './engine/types';
import { loadConfigInputs, readConfigFile } from './node/config-files';
import { registerImportCommands } from './cli-import';
import { writeFileAtomic, WriteFileError } from './node/atomic-write';

const VERSION = '0.1.0';

export interface FileResult {
  file: string;
  findings: Finding[];
}

class UsageError extends Error {}

const IGNORED_DIRS = new Set(['node_modules', '.git', 'dist', 'out', '.vscode-test']);

function walk(dir: string, out: string[]): void {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch (e) {
    throw new UsageError(`cannot read ${dir}: ${(e as Error).message}`);
  }
  for (const e of entries) {
    if (e.isDirectory()) {
      if (!IGNORED_DIRS.has(e.name)) walk(join(dir, e.name), out);
    } else if (e.isFile() && /\.(md|markdown)$/i.test(e.name)) out.push(join(dir, e.name));
  }
}

/** Expands arguments: files are taken as named; folders and globs give the post-mortems in them. */
function expand(args: string[], cwd: string): { file: string; explicit: boolean }[] {
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
    try {
      st = statSync(abs);
    } catch {
      st = undefined;
    }
    if (st?.isFile()) add(abs, true);
    else if (st?.isDirectory()) {
      const files: string[] = [];
      walk(abs, files);
      for (const f of files.sort()) add(f, false);
    } else if (picomatch.scan(arg).isGlob) {
      const { base } = picomatch.scan(arg);
      const match = picomatch(arg, { dot: false });
      const files: string[] = [];
      walk(resolve(cwd, base || '.'), files);
      for (const f of files.sort()) if (match(relative(cwd, f).replace(/\\/g, '/'))) add(f, false);
    } else throw new UsageError(`no such file or folder: ${arg}`);
  }
  return out;
}

function severityLevel(s: Finding['severity']): 'error' | 'warning' | 'note' {
  return s === 'error' ? 'error' : s === 'warning' ? 'warning' : 'note';
}

function toSarif(results: FileResult[], cwd: string): string {
  const builder = new SarifBuilder();
  const run = new SarifRunBuilder().initSimple({ toolDriverName: 'postmortem', toolDriverVersion: VERSION, url: 'https://example.invalid/postmortem' });
  run.run.tool.driver.informationUri = undefined;
  for (const r of RULES) {
    const rb = new SarifRuleBuilder().initSimple({ ruleId: r.id, shortDescriptionText: r.description });
    rb.rule.helpUri = undefined;
    rb.rule.fullDescription = { text: r.description };
    rb.rule.help = { text: `See docs/rules/${r.id}.md`, markdown: `See [docs/rules/${r.id}.md](docs/rules/${r.id}.md)` };
    run.addRule(rb);
  }
  for (const fr of results) {
    for (const f of fr.findings) {
      const rb = new SarifResultBuilder().initSimple({
        level: severityLevel(f.severity),
        messageText: f.message,
        ruleId: f.rule,
        fileUri: relative(cwd, fr.file).replace(/\\/g, '/'),
        startLine: f.range.start.line + 1,
        startColumn: f.range.start.character + 1,
        endLine: f.range.end.line + 1,
        endColumn: Math.max(f.range.end.character + 1, f.range.end.line > f.range.start.line ? 1 : f.range.start.character + 2),
      });
      run.addResult(rb);
    }
  }
  builder.addRun(run);
  return builder.buildSarifJsonString({ indent: true });
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

export function lintFiles(paths: string[], opts: { cwd: string; config?: string; locale?: Locale; fix?: boolean }): FileResult[] {
  const cli: ConfigInput = opts.locale ? { locale: opts.locale } : {};
  const explicit = opts.config ? resolveConfig(readConfigFile(resolve(opts.cwd, opts.config)), cli) : undefined;
  const cache = new Map<string, ResolvedConfig>();
  const results: FileResult[] = [];
  for (const { file, explicit: named } of expand(paths, opts.cwd)) {
    const config = configFor(file, explicit, cli, cache, opts.cwd);
    const rel = relative(opts.cwd, file).replace(/\\/g, '/');
    if (!named && isIgnored(rel, config.ignore)) continue;
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (e) {
      throw new UsageError(`cannot read ${file}: ${(e as Error).message}`);
    }
    if (!named && !isPostMortem(rel, text, config.files)) continue;
    const all = (t: string) => {
      const r = lint(t, { config });
      return [...r.findings, ...r.directiveProblems];
    };
    let findings = all(text);
    if (opts.fix) {
      // Apply safe fixes until nothing changes (bounded), like markdownlint --fix.
      for (let pass = 0; pass < 5; pass++) {
        const edits = findings.flatMap((f) => f.fixes?.find((x) => x.fixAll)?.edits ?? []);
        if (!edits.length) break;
        const next = applyEdits(text, edits).text;
        if (next === text) break;
        text = next;
        findings = all(text);
      }
      writeFileAtomic(file, text);
    }
    results.push({ file, findings });
  }
  return results;
}

function printText(results: FileResult[], cwd: string): string {
  const out: string[] = [];
  let count = 0;
  for (const r of results) {
    for (const f of r.findings) {
      count++;
      out.push(`${relative(cwd, r.file)}:${f.range.start.line + 1}:${f.range.start.character + 1} ${f.severity} ${f.rule} ${f.message}`);
    }
  }
  const files = results.length;
  out.push(count ? `${count} finding${count === 1 ? '' : 's'} in ${files} file${files === 1 ? '' : 's'}` : `${files} file${files === 1 ? '' : 's'} checked, no findings`);
  return out.join('\n') + '\n';
}

export function run(argv: string[], io = { stdout: process.stdout, stderr: process.stderr, cwd: process.cwd() }): Promise<number> {
  const program = new Command();
  let code = 0;
  program
    .name('postmortem')
    .description('Checks incident post-mortems written in Markdown, and imports observability data into their timeline.')
    .version(VERSION)
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.stdout.write(s), writeErr: (s) => io.stderr.write(s) });

  program
    .command('lint')
    .description('check post-mortem reports (files are checked as named; folders and globs are searched for post-mortems)')
    .argument('[paths...]', 'files, folders or globs (default: the current folder)')
    .addOption(new Option('-f, --format <format>', 'output format').choices(['text', 'json', 'sarif']).default('text'))
    .option('-c, --config <file>', 'use this config file instead of searching for .postmortemrc.*')
    .addOption(new Option('--locale <locale>', 'language of the messages').choices(['en', 'ja']))
    .option('--fix', 'apply the fixes that are safe without a person choosing, and write the files')
    .action((paths: string[], o: { format: string; config?: string; locale?: Locale; fix?: boolean }) => {
      const results = lintFiles(paths, { cwd: io.cwd, config: o.config, locale: o.locale, fix: o.fix });
      if (o.format === 'json') {
        const rows = results.flatMap((r) =>
          r.findings.map((f) => ({
            file: relative(io.cwd, r.file).replace(/\\/g, '/'),
            line: f.range.start.line + 1,
            column: f.range.start.character + 1,
            endLine: f.range.end.line + 1,
            endColumn: f.range.end.character + 1,
            rule: f.rule,
            severity: f.severity,
            message: f.message,
          })),
        );
        io.stdout.write(JSON.stringify(rows, null, 2) + '\n');
      } else if (o.format === 'sarif') io.stdout.write(toSarif(results, io.cwd));
      else io.stdout.write(printText(results, io.cwd));
      code = results.some((r) => r.findings.some((f) => f.severity === 'error')) ? 1 : 0;
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
