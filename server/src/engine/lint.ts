// Runs the registered rules over a report and applies configuration and inline directives.
import { buildModel, type PostMortem } from './model';
import type { ResolvedConfig } from './config';
import { defaultConfig } from './config';
import type { Finding, Locale, Messages, Rule, RuleReport, Severity } from './types';
import { RULES } from './rules';

export interface LintOptions {
  config?: ResolvedConfig;
  locale?: Locale;
  rules?: readonly Rule[];
}

export interface LintResult {
  doc: PostMortem;
  findings: Finding[];
  /** Problems with the report's own directives (unknown rule ids in disable comments). */
  directiveProblems: Finding[];
}

export function format(template: string, args?: Record<string, string | number>): string {
  if (!args) return template;
  return template.replace(/\{(\w+)\}/g, (m, k: string) => (k in args ? String(args[k]) : m));
}

export function message(messages: Messages, locale: Locale, id: string, args?: Record<string, string | number>): string {
  const t = messages[locale]?.[id] ?? messages.en[id] ?? id;
  return format(t, args);
}

export function severityOf(rule: Rule, config: ResolvedConfig): Severity | 'off' {
  const setting = config.rules[rule.id];
  if (setting?.severity) return setting.severity;
  if (setting?.on) return rule.defaultSeverity;
  return config.defaultOff || rule.enabledByDefault === false ? 'off' : rule.defaultSeverity;
}

const DIRECTIVE = /^\s*postmortem-(disable-next-line|disable-line|disable-file|disable|enable)(?![\w-])([^]*)$/;

interface Directives {
  file: Set<string> | 'all' | null;
  /** Per line: rule ids disabled ('*' = all). */
  lines: Map<number, Set<string>>;
  ranges: { from: number; to: number; ids: Set<string> | 'all' }[];
  unknown: { line: number; start: number; id: string }[];
}

function parseIds(rest: string): string[] {
  return rest.replace(/--.*$/s, '').split(/[\s,]+/).map((s) => s.trim()).filter(Boolean);
}

export function readDirectives(doc: PostMortem, known: Set<string>): Directives {
  const d: Directives = { file: null, lines: new Map(), ranges: [], unknown: [] };
  const open = new Map<string, number>();
  let openAll: number | undefined;
  const lastLine = doc.lines.length - 1;
  const addLine = (line: number, ids: string[]) => {
    const set = d.lines.get(line) ?? new Set<string>();
    for (const id of ids.length ? ids : ['*']) set.add(id);
    d.lines.set(line, set);
  };
  for (const c of doc.scan.comments) {
    const m = DIRECTIVE.exec(c.body);
    if (!m) continue;
    const ids = parseIds(m[2]);
    for (const id of ids) if (!known.has(id)) d.unknown.push({ line: c.line, start: c.start + c.body.indexOf(id) + 4, id });
    const valid = ids.filter((id) => known.has(id));
    if (ids.length && !valid.length) continue;
    switch (m[1]) {
      case 'disable-file':
        if (!valid.length) d.file = 'all';
        else if (d.file !== 'all') {
          d.file ??= new Set();
          for (const id of valid) d.file.add(id);
        }
        break;
      case 'disable-line':
        addLine(c.line, valid);
        break;
      case 'disable-next-line': {
        let next = c.endLine + 1;
        while (next <= lastLine && doc.lines[next].trim() === '') next++;
        addLine(next, valid);
        break;
      }
      case 'disable':
        if (!valid.length) openAll ??= c.line;
        else for (const id of valid) if (!open.has(id)) open.set(id, c.line);
        break;
      case 'enable':
        if (!valid.length) {
          if (openAll !== undefined) d.ranges.push({ from: openAll, to: c.line, ids: 'all' });
          openAll = undefined;
          for (const [id, from] of open) d.ranges.push({ from, to: c.line, ids: new Set([id]) });
          open.clear();
        } else {
          for (const id of valid) {
            const from = open.get(id);
            if (from !== undefined) d.ranges.push({ from, to: c.line, ids: new Set([id]) });
            open.delete(id);
          }
        }
        break;
    }
  }
  if (openAll !== undefined) d.ranges.push({ from: openAll, to: lastLine, ids: 'all' });
  for (const [id, from] of open) d.ranges.push({ from, to: lastLine, ids: new Set([id]) });
  return d;
}

function suppressed(d: Directives, f: Finding): boolean {
  if (d.file === 'all' || (d.file && d.file.has(f.rule))) return true;
  const line = f.range.start.line;
  const set = d.lines.get(line);
  if (set && (set.has('*') || set.has(f.rule))) return true;
  for (const r of d.ranges) if (r.from <= line && line <= r.to && (r.ids === 'all' || r.ids.has(f.rule))) return true;
  return false;
}

/** Lints a report's text. Pure: the same text, config and locale give the same findings. */
export function lint(text: string, opts: LintOptions = {}): LintResult {
  return lintModel(buildModel(text), opts);
}

export function lintModel(doc: PostMortem, opts: LintOptions = {}): LintResult {
  const config = opts.config ?? defaultConfig();
  // Nobody chose a language: the report's own decides (a Japanese report gets Japanese messages).
  const locale = opts.locale ?? config.locale ?? doc.language ?? 'en';
  const rules = opts.rules ?? RULES;
  const findings: Finding[] = [];
  for (const rule of rules) {
    const severity = severityOf(rule, config);
    if (severity === 'off') continue;
    const options = config.rules[rule.id]?.options ?? {};
    const ctx = {
      doc,
      config,
      locale,
      options,
      msg: (id: string, args?: Record<string, string | number>) => message(rule.messages, locale, id, args),
      report: (r: RuleReport) => {
        findings.push({ rule: rule.id, severity, message: message(rule.messages, locale, r.messageId, r.args), range: r.range, fixes: r.fixes, data: r.data });
      },
    };
    rule.check(ctx);
  }
  const known = new Set((opts.rules ?? RULES).map((r) => r.id));
  const directives = readDirectives(doc, known);
  const kept = findings.filter((f) => !suppressed(directives, f));
  kept.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character || a.rule.localeCompare(b.rule));
  const directiveProblems: Finding[] = directives.unknown.map((u) => ({
    rule: 'unknown-rule-id',
    severity: 'warning',
    message: locale === 'ja' ? `不明なルールID「${u.id}」です。` : `Unknown rule id "${u.id}" in a postmortem directive.`,
    range: { start: { line: u.line, character: u.start }, end: { line: u.line, character: u.start + u.id.length } },
  }));
  return { doc, findings: kept, directiveProblems };
}
