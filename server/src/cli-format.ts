// The CLI's output formats: text with an eslint-style summary, SARIF 2.1.0 for code scanning,
// GitHub workflow commands for pull request annotations, and GitLab's Code Quality report.
import type * as Crypto from 'node:crypto';
import { posix, relative } from 'node:path';
import type * as SarifBuilders from 'node-sarif-builder';
import { RULES } from './engine/rules';
import type { Finding, Severity } from './engine/types';
import { PACKAGE, repositoryFileUrl, repositoryWebUrl, ruleDocMarkdown } from './node/rule-docs';

export interface ReportedFile {
  file: string;
  /** The text the findings' ranges point into, when the caller has it (Code Quality fingerprints use it). */
  text?: string;
  findings: Finding[];
}

export const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** The path a report names a file by: relative to the working folder, with forward slashes. */
const relPath = (cwd: string, file: string) => relative(cwd, file).replace(/\\/g, '/');

export function countBySeverity(results: ReportedFile[]): Record<Severity, number> {
  const c: Record<Severity, number> = { error: 0, warning: 0, info: 0, hint: 0 };
  for (const r of results) for (const f of r.findings) c[f.severity]++;
  return c;
}

/** "✖ 12 problems (3 errors, 9 warnings, 0 infos) in 4 files", or "✔ 4 files checked, 0 problems". Hints only when there are some. */
export function summaryLine(results: ReportedFile[]): string {
  const c = countBySeverity(results);
  const total = c.error + c.warning + c.info + c.hint;
  const files = plural(results.length, 'file');
  if (!total) return `✔ ${files} checked, 0 problems`;
  const parts = [plural(c.error, 'error'), plural(c.warning, 'warning'), plural(c.info, 'info')];
  if (c.hint) parts.push(plural(c.hint, 'hint'));
  return `✖ ${plural(total, 'problem')} (${parts.join(', ')}) in ${files}`;
}

/**
 * The text output in the parts the CLI writes one after the other: the finding lines, then the
 * summary line. The summary's ✖ and ✔ are outside Latin-1: joined into one string with the
 * findings, they made V8 store every character of the output in two bytes and encode all of it the
 * slow way (on a folder of 1,000 reports, 100 ms more of writing than the two parts apart).
 */
export function formatTextParts(results: ReportedFile[], cwd: string): string[] {
  const out: string[] = [];
  for (const r of results) {
    const file = relative(cwd, r.file);
    for (const f of r.findings) out.push(`${file}:${f.range.start.line + 1}:${f.range.start.character + 1} ${f.severity} ${f.rule} ${f.message}`);
  }
  const summary = summaryLine(results) + '\n';
  return out.length ? [out.join('\n') + '\n', summary] : [summary];
}

/** `file:line:column severity rule message`, one finding a line (the `$postmortem` problem matcher reads this), then the summary line. */
export function formatText(results: ReportedFile[], cwd: string): string {
  return formatTextParts(results, cwd).join('');
}

export function formatJson(results: ReportedFile[], cwd: string): string {
  const rows = results.flatMap((r) => {
    const file = relPath(cwd, r.file);
    return r.findings.map((f) => ({
      file,
      line: f.range.start.line + 1,
      column: f.range.start.character + 1,
      endLine: f.range.end.line + 1,
      endColumn: f.range.end.character + 1,
      rule: f.rule,
      severity: f.severity,
      message: f.message,
    }));
  });
  return JSON.stringify(rows, null, 2) + '\n';
}

// --- GitHub Actions workflow commands -------------------------------------------------------

const GITHUB_LEVEL: Record<Severity, string> = { error: 'error', warning: 'warning', info: 'notice', hint: 'notice' };
/** As @actions/core escapes a command's message and its properties. */
const escapeData = (s: string) => s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
const escapeProperty = (s: string) => escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');

/** `::warning file=a.md,line=3,endLine=3,col=1,endColumn=9,title=postmortem missing-owner::message`, then the summary line. */
export function formatGithub(results: ReportedFile[], cwd: string): string {
  const out: string[] = [];
  for (const r of results) {
    const file = escapeProperty(relPath(cwd, r.file));
    for (const f of r.findings) {
      const props = [
        `file=${file}`,
        `line=${f.range.start.line + 1}`,
        `endLine=${f.range.end.line + 1}`,
        `col=${f.range.start.character + 1}`,
        `endColumn=${f.range.end.character + 1}`,
        `title=${escapeProperty(`postmortem ${f.rule}`)}`,
      ];
      out.push(`::${GITHUB_LEVEL[f.severity]} ${props.join(',')}::${escapeData(f.message)}`);
    }
  }
  out.push(summaryLine(results));
  return out.join('\n') + '\n';
}

// --- GitLab Code Quality ----------------------------------------------------------------------

const CODE_QUALITY_SEVERITY: Record<Severity, 'info' | 'minor' | 'major' | 'critical' | 'blocker'> = { error: 'major', warning: 'minor', info: 'info', hint: 'info' };

export interface CodeQualityIssue {
  description: string;
  check_name: string;
  fingerprint: string;
  severity: 'info' | 'minor' | 'major' | 'critical' | 'blocker';
  location: { path: string; lines: { begin: number } };
}

/** The text a finding's range covers, with runs of white space made one space. */
function flaggedText(lines: string[] | undefined, f: Finding): string {
  if (!lines) return '';
  const { start, end } = f.range;
  const covered = lines.slice(start.line, end.line + 1);
  if (!covered.length) return '';
  covered[covered.length - 1] = covered[covered.length - 1].slice(0, end.character);
  covered[0] = covered[0].slice(start.character);
  return covered.join('\n').replace(/\s+/g, ' ').trim();
}

/**
 * GitLab's Code Quality report (a JSON array). The fingerprint hashes the path, the rule, the text
 * the finding points at, the message with its numbers left out ("already used on line 37"), and
 * how many such findings come before it in the file, never the line number: a finding keeps its
 * fingerprint when lines above it are added or removed, so merge requests show only what changed.
 */
export function formatCodeQuality(results: ReportedFile[], cwd: string): string {
  const issues: CodeQualityIssue[] = [];
  for (const r of results) {
    const path = relPath(cwd, r.file);
    const lines = r.text?.split(/\r?\n/);
    const seen = new Map<string, number>();
    for (const f of r.findings) {
      const key = [path, f.rule, flaggedText(lines, f), f.message.replace(/\d+/g, '#')].join('\0');
      const n = seen.get(key) ?? 0;
      seen.set(key, n + 1);
      issues.push({
        description: f.message,
        check_name: f.rule,
        fingerprint: loadCrypto().createHash('sha256').update(`${key}\0${n}`).digest('hex').slice(0, 32),
        severity: CODE_QUALITY_SEVERITY[f.severity],
        location: { path, lines: { begin: f.range.start.line + 1 } },
      });
    }
  }
  return JSON.stringify(issues, null, 2) + '\n';
}

// --- SARIF 2.1.0 --------------------------------------------------------------------------------

function sarifLevel(s: Severity): 'error' | 'warning' | 'note' {
  return s === 'error' ? 'error' : s === 'warning' ? 'warning' : 'note';
}

export interface SarifMeta {
  name: string;
  version: string;
  repository?: Parameters<typeof repositoryWebUrl>[0];
}

/** The sentence under a docs page's title that says what the rule wants, when the page starts with one. */
function intro(markdown: string): string | undefined {
  const first = markdown.split(/\n\s*\n/).map((b) => b.trim()).find((b) => b && !b.startsWith('#'));
  return first && !/^Default severity/.test(first) ? first.replace(/\s*\n\s*/g, ' ') : undefined;
}

/**
 * A docs page made to stand alone in a SARIF file: links relative to docs/rules/ point into the
 * repository when it is known, and become plain text when it is not (the user's checkout does not
 * have our docs/).
 */
function standaloneMarkdown(markdown: string, meta: SarifMeta): string {
  return markdown.replace(/\[([^\]]*)\]\((?![a-z][\w+.-]*:|#)([^)\s]+)\)/gi, (_, text: string, target: string) => {
    const [path, hash] = target.split('#');
    const url = repositoryFileUrl(meta.repository, posix.normalize(posix.join('docs/rules', path)));
    return url ? `[${text}](${url}${hash ? `#${hash}` : ''})` : text;
  });
}

/** Plain text of a docs page: no heading marks, emphasis or link syntax outside code blocks (a link keeps its address in brackets). */
function plainText(markdown: string): string {
  let fence: string | undefined;
  return markdown
    .split('\n')
    .map((line) => {
      const f = /^\s*(`{3,}|~{3,})/.exec(line);
      if (f && (!fence || f[1].startsWith(fence))) {
        fence = fence ? undefined : f[1];
        return line;
      }
      if (fence) return line;
      return line
        .replace(/^#{1,6}\s+/, '')
        .replace(/\*\*([^*]+)\*\*/g, '$1')
        .replace(/\[([^\]]*)\]\(([^)\s]+)\)/g, '$1 ($2)');
    })
    .join('\n');
}

/** The text of a docs page's "## <title>" section, without its heading; undefined when there is none. */
function section(markdown: string, title: string): string | undefined {
  const m = new RegExp(`^## ${title}\\s*\\n([\\s\\S]*?)(?=^## |(?![\\s\\S]))`, 'm').exec(markdown);
  return m?.[1].trim() || undefined;
}

/**
 * node-sarif-builder, loaded by the first SARIF output and not before: it loads fs-extra, whose
 * start-up every other run of the CLI paid (docs/performance.md).
 */
let sarifBuilders: typeof SarifBuilders | undefined;
// eslint-disable-next-line @typescript-eslint/no-require-imports
const loadSarifBuilders = (): typeof SarifBuilders => (sarifBuilders ??= require('node-sarif-builder') as typeof SarifBuilders);

/** node:crypto, loaded by the first Code Quality output (its fingerprints): `lint` otherwise never needs it, and loading it cost every run a few ms. */
// eslint-disable-next-line @typescript-eslint/no-require-imports
const loadCrypto = (): typeof Crypto => require('node:crypto') as typeof Crypto;

export function formatSarif(results: ReportedFile[], cwd: string, meta: SarifMeta = PACKAGE, docsDir?: string): string {
  const { SarifBuilder, SarifResultBuilder, SarifRuleBuilder, SarifRunBuilder } = loadSarifBuilders();
  const builder = new SarifBuilder();
  const informationUri = repositoryWebUrl(meta.repository) ?? `https://www.npmjs.com/package/${meta.name}`;
  const run = new SarifRunBuilder().initSimple({ toolDriverName: 'postmortem', toolDriverVersion: meta.version, url: informationUri });
  run.run.tool.driver.semanticVersion = meta.version;
  for (const r of RULES) {
    const rb = new SarifRuleBuilder().initSimple({ ruleId: r.id, shortDescriptionText: r.description });
    const page = ruleDocMarkdown(r.id, docsDir);
    const markdown = page && standaloneMarkdown(page, meta);
    rb.rule.name = r.id;
    const checks = markdown && section(markdown, 'What it checks');
    rb.rule.fullDescription = { text: [(markdown && intro(markdown)) ?? r.description, checks && plainText(checks)].filter(Boolean).join('\n\n') };
    if (markdown) rb.rule.help = { text: plainText(markdown), markdown };
    const helpUri = repositoryFileUrl(meta.repository, `docs/rules/${r.id}.md`);
    if (helpUri) rb.rule.helpUri = helpUri;
    else delete rb.rule.helpUri;
    rb.rule.defaultConfiguration = { level: sarifLevel(r.defaultSeverity), enabled: r.enabledByDefault !== false };
    rb.rule.properties = { tags: r.tags };
    run.addRule(rb);
  }
  for (const fr of results) {
    for (const f of fr.findings) {
      const rb = new SarifResultBuilder().initSimple({
        level: sarifLevel(f.severity),
        messageText: f.message,
        ruleId: f.rule,
        fileUri: relPath(cwd, fr.file),
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
