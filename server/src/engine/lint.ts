// Runs the registered rules over a report and applies configuration and inline directives.
import { buildModel, textLanguage, type PostMortem } from './model';
import type { ResolvedConfig } from './config';
import { defaultConfig } from './config';
import type { Finding, Locale, Messages, Rule, RuleReport, Severity } from './types';
import { RULES } from './rules';

export interface LintOptions {
  config?: ResolvedConfig;
  locale?: Locale;
  rules?: readonly Rule[];
  /** For `lint(text)`: the model of exactly this text when the caller has already built one (file discovery does, to read a report's structure). */
  model?: PostMortem;
  /**
   * false: the findings carry no fixes and no data (the CLI's outputs show neither). A folder's
   * findings are kept until the output is written, and their fixes were most of what they held.
   */
  details?: boolean;
}

export interface LintResult {
  doc: PostMortem;
  findings: Finding[];
  /** Problems with the report's own directives (unknown rule ids in disable comments). */
  directiveProblems: Finding[];
}

/** Templates split at their `{name}` placeholders: text, name, text, ..., text. */
const templateParts = new Map<string, string[]>();

export function format(template: string, args?: Record<string, string | number>): string {
  if (!args) return template;
  // Split once per template (a folder of reports formats tens of thousands of messages from a
  // few hundred templates); a placeholder without a value stays as written.
  let parts = templateParts.get(template);
  if (!parts) {
    if (templateParts.size > 5000) templateParts.clear();
    templateParts.set(template, (parts = template.split(/\{(\w+)\}/)));
  }
  let out = parts[0];
  for (let i = 1; i < parts.length; i += 2) out += (parts[i] in args ? String(args[parts[i]]) : `{${parts[i]}}`) + parts[i + 1];
  return out;
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
    if (ids.some((id) => !known.has(id))) {
      // Where each id is: the comment's body starts 4 characters (`<!--`) after its start and may
      // run over several lines (joined with \n by the scanner).
      const restAt = c.body.length - m[2].length;
      const cut = m[2].indexOf('--');
      const idRe = /[^\s,]+/g;
      idRe.lastIndex = restAt;
      const end = cut < 0 ? c.body.length : restAt + cut;
      for (let w = idRe.exec(c.body); w && w.index < end; w = idRe.exec(c.body)) {
        const id = w[0];
        if (known.has(id)) continue;
        const nl = c.body.lastIndexOf('\n', w.index);
        const before = c.body.slice(0, w.index);
        let breaks = 0;
        for (let i = before.indexOf('\n'); i >= 0; i = before.indexOf('\n', i + 1)) breaks++;
        d.unknown.push({ line: c.line + breaks, start: nl < 0 ? c.start + 4 + w.index : w.index - nl - 1, id });
      }
    }
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

function suppressed(d: Directives, rule: string, line: number): boolean {
  if (d.file === 'all' || (d.file && d.file.has(rule))) return true;
  const set = d.lines.get(line);
  if (set && (set.has('*') || set.has(rule))) return true;
  for (const r of d.ranges) if (r.from <= line && line <= r.to && (r.ids === 'all' || r.ids.has(rule))) return true;
  return false;
}

/** Lints a report's text. Pure: the same text, config and locale give the same findings. */
export function lint(text: string, opts: LintOptions = {}): LintResult {
  // The model is built here for this one check, so no later check can ask for its parts again:
  // nothing is kept for them (see lintModel's `keep`).
  return tooLarge(text, opts) ?? lintModel(opts.model?.text === text ? opts.model : buildModel(text), opts, false);
}

/**
 * Reports longer than this many characters (16 Mi, about 16 MB of ASCII) are not checked: they get
 * one `too-large` finding instead. The largest real post-mortems are tens of kilobytes; a report of
 * this size is a pasted log or a generated file, which takes seconds and hundreds of megabytes to
 * check, and the findings would mean nothing to a person (see docs/robustness.md).
 */
export const MAX_DOCUMENT_CHARS = 16 * 1024 * 1024;

/** The result for a report over MAX_DOCUMENT_CHARS (one `too-large` finding), else undefined. */
export function tooLarge(text: string, opts: LintOptions = {}): LintResult | undefined {
  if (text.length <= MAX_DOCUMENT_CHARS) return undefined;
  // No model is built for it: its headings say which language it is written in.
  const locale = opts.locale ?? opts.config?.locale ?? textLanguage(text) ?? 'en';
  const mb = (n: number) => (n / (1024 * 1024)).toFixed(1);
  const finding: Finding = {
    rule: 'too-large',
    severity: 'warning',
    message: message(LINT_MESSAGES, locale, 'tooLarge', { size: mb(text.length), max: mb(MAX_DOCUMENT_CHARS) }),
    range: TOP_OF_FILE,
    data: { length: text.length },
  };
  return { doc: buildModel(''), findings: [finding], directiveProblems: [] };
}

/**
 * At most this many findings of one rule, and of all rules, are kept for one report; the rest are
 * counted in one "and N more" finding. A real report has tens of findings; a generated or pasted
 * one can have millions, which no editor or terminal can show.
 */
export const MAX_FINDINGS_PER_RULE = 500;
export const MAX_FINDINGS_PER_DOCUMENT = 1000;

const LINT_MESSAGES: Messages = {
  en: {
    unknownRuleId: 'Unknown rule id "{id}" in a postmortem directive.',
    moreOfRule: '…and {count} more {rule} findings in this report (only the first {max} are shown).',
    moreInDocument: '…and {count} more findings in this report (only the first {max} are shown).',
    configProblem: 'Configuration problem: {problem}',
    unknownConfigRule: 'Configuration problem: unknown rule id "{id}" in rules (ignored).',
    tooLarge: 'This report is too large to check ({size} M characters; the limit is {max} M). Split it, or move pasted logs and data out of it.',
  },
  ja: {
    unknownRuleId: '不明なルールID「{id}」です。',
    moreOfRule: '…ほかに {rule} の指摘が {count} 件あります（最初の {max} 件のみ表示）。',
    moreInDocument: '…ほかに指摘が {count} 件あります（最初の {max} 件のみ表示）。',
    configProblem: '設定の問題: {problem}',
    unknownConfigRule: '設定の問題: rules に不明なルールID「{id}」があります（無視しました）。',
    tooLarge: 'このレポートは大きすぎるためチェックしません（{size} M 文字、上限は {max} M 文字）。分割するか、貼り付けたログやデータを外に移してください。',
  },
};

const SEVERITY_RANK: Record<Severity, number> = { hint: 0, info: 1, warning: 2, error: 3 };
const TOP_OF_FILE = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };

function byPosition(a: Finding, b: Finding): number {
  return a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character || byRuleId(a.rule, b.rule);
}

/** Rule ids: lower-case letters, digits and hyphens. */
const PLAIN_ID = /^[a-z0-9-]*$/;

/**
 * The order of `localeCompare`. For rule ids it is their order by code unit (a hyphen before digits
 * before letters, in both), compared so without the collator, whose first use costs a CLI run about
 * 20 ms; anything else goes to `localeCompare`. `test/unit/lint-order.test.ts` checks the two agree.
 */
export function byRuleId(a: string, b: string): number {
  if (a === b) return 0;
  return PLAIN_ID.test(a) && PLAIN_ID.test(b) ? (a < b ? -1 : 1) : a.localeCompare(b);
}

/**
 * What each rule reported for each part of a report (see RuleContext.memo), per rule and part
 * object. Weak: the entries go with the scans that hold the parts, so a closed document leaves
 * nothing behind.
 */
const partMemo = new Map<string, WeakMap<object, { key: string; reports: RuleReport[] }>>();
/** The finding made from a report, per severity and locale, so a replayed report is the same finding. */
const findingOf = new WeakMap<RuleReport, { how: string; finding: Finding }>();

/**
 * `keep`: whether each rule's reports are kept per part of the report (RuleContext.memo), so that
 * a later check of the same part objects (the language server's documents, whose incremental scan
 * hands back the parts an edit did not reach) replays them. Without it the rules check every part
 * and nothing is recorded: the same findings, without the bookkeeping.
 */
export function lintModel(doc: PostMortem, opts: LintOptions = {}, keep = true): LintResult {
  const config = opts.config ?? defaultConfig();
  // Nobody chose a language: the report's own decides (a Japanese report gets Japanese messages).
  const locale = opts.locale ?? config.locale ?? doc.language ?? 'en';
  const rules = opts.rules ?? RULES;
  const details = opts.details !== false;
  const known = new Set(rules.map((r) => r.id));
  // Directives first, so a suppressed finding never takes a place under the caps.
  const directives = readDirectives(doc, known);
  let findings: Finding[] = [];
  const capped: Finding[] = [];
  for (const rule of rules) {
    const severity = severityOf(rule, config);
    if (severity === 'off') continue;
    const options = config.rules[rule.id]?.options ?? {};
    let kept = 0;
    let dropped = 0;
    let last: Finding | undefined;
    let memo = partMemo.get(rule.id);
    if (!memo) partMemo.set(rule.id, (memo = new WeakMap()));
    const how = `${severity}\u0000${locale}${details ? '' : '\u0000bare'}`;
    // Reports of the parts being checked under memo (nested: a table and its rows).
    const recording: RuleReport[][] = [];
    let lastKey: string | undefined;
    let fullKey = '';
    const report = (r: RuleReport) => {
      for (const rec of recording) rec.push(r);
      if (suppressed(directives, rule.id, r.range.start.line)) return;
      if (kept >= MAX_FINDINGS_PER_RULE) {
        dropped++;
        return;
      }
      kept++;
      const known = keep ? findingOf.get(r) : undefined;
      if (known && known.how === how) last = known.finding;
      else {
        last = details
          ? { rule: rule.id, severity, message: message(rule.messages, locale, r.messageId, r.args), range: r.range, fixes: r.fixes, data: r.data }
          : { rule: rule.id, severity, message: message(rule.messages, locale, r.messageId, r.args), range: r.range };
        if (keep) findingOf.set(r, { how, finding: last });
      }
      findings.push(last);
    };
    const ctx = {
      doc,
      config,
      locale,
      options,
      details,
      msg: (id: string, args?: Record<string, string | number>) => message(rule.messages, locale, id, args),
      report,
      memo: (partOrMake: object | (() => object), key: string, check: () => void) => {
        if (!keep) return check();
        const part = typeof partOrMake === 'function' ? (partOrMake as () => object)() : partOrMake;
        // One key string for all the parts that share a key (the rows of a table): compared by
        // reference, and no copy kept per part.
        if (key !== lastKey) fullKey = `${locale}\u0000${(lastKey = key)}`;
        const full = fullKey;
        const hit = memo.get(part);
        if (hit && hit.key === full) {
          for (const r of hit.reports) report(r);
          return;
        }
        const reports: RuleReport[] = [];
        recording.push(reports);
        try {
          check();
        } finally {
          recording.pop();
        }
        memo.set(part, { key: full, reports });
      },
    };
    rule.check(ctx);
    if (dropped && last) {
      capped.push({ rule: rule.id, severity, message: message(LINT_MESSAGES, locale, 'moreOfRule', { count: dropped, rule: rule.id, max: MAX_FINDINGS_PER_RULE }), range: last.range, data: { omitted: dropped } });
    }
  }
  findings.sort(byPosition);
  if (findings.length > MAX_FINDINGS_PER_DOCUMENT) {
    const rest = findings.slice(MAX_FINDINGS_PER_DOCUMENT);
    findings = findings.slice(0, MAX_FINDINGS_PER_DOCUMENT);
    const severity = rest.reduce<Severity>((s, f) => (SEVERITY_RANK[f.severity] > SEVERITY_RANK[s] ? f.severity : s), 'hint');
    capped.push({ rule: 'too-many-findings', severity, message: message(LINT_MESSAGES, locale, 'moreInDocument', { count: rest.length, max: MAX_FINDINGS_PER_DOCUMENT }), range: findings[findings.length - 1].range, data: { omitted: rest.length } });
  }
  for (const c of capped) findings.push(c);
  findings.sort(byPosition);
  const directiveProblems: Finding[] = directives.unknown.map((u) => ({
    rule: 'unknown-rule-id',
    severity: 'warning',
    message: message(LINT_MESSAGES, locale, 'unknownRuleId', { id: u.id }),
    range: { start: { line: u.line, character: u.start }, end: { line: u.line, character: u.start + u.id.length } },
  }));
  // Configuration problems (bad entries were dropped when the configuration was resolved), shown
  // on every report they apply to, so the editor and the CLI both tell where a setting went.
  const configured = Object.keys(config.rules);
  const allIds = configured.length ? new Set([...RULES.map((r) => r.id), ...known]) : known;
  for (const id of configured) {
    if (!allIds.has(id)) directiveProblems.push({ rule: 'config', severity: 'error', message: message(LINT_MESSAGES, locale, 'unknownConfigRule', { id }), range: TOP_OF_FILE });
  }
  for (const problem of config.problems) directiveProblems.push({ rule: 'config', severity: 'error', message: message(LINT_MESSAGES, locale, 'configProblem', { problem }), range: TOP_OF_FILE });
  return { doc, findings, directiveProblems };
}
