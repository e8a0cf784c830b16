// Configuration as data: what `.postmortemrc.json` / `.postmortemrc.yaml` and editor settings hold,
// merged into one resolved object. Finding and reading the files is the adapters' job
// (server/src/node/config-files.ts); the engine only merges and validates.
import type { Locale, SeveritySetting } from './types';
import { parseDate } from './time';
import { DEFAULT_PLACEHOLDER_OWNERS, type HeaderFieldName, type SectionKind } from './vocabulary';

export interface RuleSetting {
  severity?: SeveritySetting;
  options?: Record<string, unknown>;
  /** Set by `true`: on with the rule's default severity, also for rules that are off by default. */
  on?: boolean;
}

/** The shape of a config file and of the `postmortem.*` settings. Every key is optional. */
export interface ConfigInput {
  /** Rule id -> severity, or { severity, options }. `"default": "off"` turns every rule off first. */
  rules?: Record<string, SeveritySetting | RuleSetting | boolean>;
  requiredSections?: SectionKind[];
  requiredHeaderFields?: HeaderFieldName[];
  /** Extra direction verbs/phrases that make an action vague ("harden", "revisit"). */
  vagueVerbs?: string[];
  /** Terms never flagged as blame (e.g. a product called "Careless Whisper"). */
  allowedTerms?: string[];
  placeholderOwners?: string[];
  /** Names of people the blame check should treat as people even when not @handles. */
  people?: string[];
  /** Globs of files that are post-mortems (besides name, heading and front matter detection). */
  files?: string[];
  /** Globs never checked. */
  ignore?: string[];
  locale?: Locale;
  /** "Today" for overdue-action and `postmortem actions`, YYYY-MM-DD (reproducible CI and tests); the clock when absent. */
  today?: string;
  /** Severity values a report may use (invalid-severity); default SEV-1..SEV-4 and their spellings. */
  severityScale?: string[];
  /** Priority values an action item may use (invalid-priority); default P0..P4, Critical/High/Medium/Low, 高/中/低. */
  priorityScale?: string[];
}

export interface ResolvedConfig {
  rules: Record<string, RuleSetting>;
  defaultOff: boolean;
  requiredSections: SectionKind[];
  requiredHeaderFields: HeaderFieldName[];
  vagueVerbs: string[];
  allowedTerms: string[];
  placeholderOwners: string[];
  people: string[];
  files: string[];
  ignore: string[];
  locale?: Locale;
  today?: string;
  severityScale: string[];
  priorityScale: string[];
  /**
   * Entries that were dropped because they could not be used (wrong type, unknown value, a glob
   * too complex to match in bounded time), each as one line naming the file and the key. The
   * rest of the configuration applies; lint reports these on every report they concern.
   */
  problems: string[];
}

export const DEFAULT_REQUIRED_SECTIONS: SectionKind[] = ['summary', 'impact', 'timeline', 'contributing-factors', 'action-items', 'lessons-learned'];
export const DEFAULT_REQUIRED_HEADER_FIELDS: HeaderFieldName[] = ['date', 'duration', 'severity', 'authors'];
// SEV-1..4 as the guide writes them, and the words teams use for the same four levels.
export const DEFAULT_SEVERITY_SCALE = ['SEV-1', 'SEV-2', 'SEV-3', 'SEV-4', 'Critical', 'High', 'Medium', 'Low', 'Major', 'Minor'];
export const DEFAULT_PRIORITY_SCALE = ['P0', 'P1', 'P2', 'P3', 'P4', 'Critical', 'High', 'Medium', 'Low', '高', '中', '低'];
export const DEFAULT_FILE_GLOBS = ['**/*{postmortem,post-mortem,post_mortem,postmortems,incident,incidents,retro,retrospective,pir}*/**/*.md', '**/*{postmortem,post-mortem,post_mortem,incident,retro,retrospective,pir}*.md'];

export function defaultConfig(): ResolvedConfig {
  return {
    rules: {},
    defaultOff: false,
    requiredSections: [...DEFAULT_REQUIRED_SECTIONS],
    requiredHeaderFields: [...DEFAULT_REQUIRED_HEADER_FIELDS],
    vagueVerbs: [],
    allowedTerms: [],
    placeholderOwners: [...DEFAULT_PLACEHOLDER_OWNERS],
    people: [],
    files: [],
    ignore: [],
    severityScale: [...DEFAULT_SEVERITY_SCALE],
    priorityScale: [...DEFAULT_PRIORITY_SCALE],
    problems: [],
  };
}

const SEVERITIES = new Set(['off', 'hint', 'info', 'warning', 'error']);
const KNOWN_KEYS = new Set(['rules', 'requiredSections', 'requiredHeaderFields', 'vagueVerbs', 'allowedTerms', 'placeholderOwners', 'people', 'files', 'ignore', 'locale', 'today', 'severityScale', 'priorityScale', '$schema']);

/** A configuration that cannot be used at all (not an object, unreadable): the CLI exits with 2. */
export class ConfigError extends Error {}

/** Where a config input came from (its file), for problem messages; set by whoever read it. */
const sources = new WeakMap<object, string>();
export function setConfigSource(input: object, source: string): void {
  sources.set(input, source);
}

function show(v: unknown): string {
  const s = v === undefined ? 'undefined' : JSON.stringify(v) ?? String(v);
  return s.length > 40 ? s.slice(0, 40) + '…' : s;
}

/**
 * Glob complexity that stays fast to match: picomatch turns each `*` into a lazy run, so `k`
 * stars in one path segment make a failing match try about n^k splits of the segment.
 */
const MAX_GLOB_LENGTH = 500;
const MAX_STARS_PER_SEGMENT = 4;
const MAX_EXTGLOBS = 4;
export function globProblem(glob: string): string | undefined {
  if (glob.length > MAX_GLOB_LENGTH) return `longer than ${MAX_GLOB_LENGTH} characters`;
  for (const seg of glob.split('/')) {
    if (seg === '**') continue;
    let stars = 0;
    for (const c of seg) if (c === '*' || c === '?') stars++;
    if (stars > MAX_STARS_PER_SEGMENT) return `more than ${MAX_STARS_PER_SEGMENT} wildcards in one path segment ("${seg.slice(0, 40)}")`;
  }
  const ext = glob.match(/[*+?@!]\(/g)?.length ?? 0;
  if (ext > MAX_EXTGLOBS) return `more than ${MAX_EXTGLOBS} extended glob groups`;
  return undefined;
}

/** Merges inputs in order: later ones win where they speak (settings first, then config files from the root down). */
export function resolveConfig(...inputs: (ConfigInput | undefined)[]): ResolvedConfig {
  const out = defaultConfig();
  for (const inp of inputs) {
    if (!inp) continue;
    if (typeof inp !== 'object' || Array.isArray(inp)) throw new ConfigError('the configuration must be an object');
    const where = sources.get(inp);
    const problem = (key: string, text: string) => out.problems.push(`${where ? where + ': ' : ''}${key}: ${text}`);
    /** The strings of a list; other entries are dropped and reported. Undefined when absent or not a list. */
    const strings = (key: string, v: unknown, check?: (s: string) => string | undefined): string[] | undefined => {
      if (v === undefined) return undefined;
      if (!Array.isArray(v)) {
        problem(key, `expected a list of strings, got ${show(v)} (ignored)`);
        return undefined;
      }
      const kept: string[] = [];
      for (let i = 0; i < v.length; i++) {
        const x: unknown = v[i];
        if (typeof x !== 'string') problem(`${key}[${i}]`, `expected a string, got ${show(x)} (ignored)`);
        else {
          const bad = check?.(x);
          if (bad) problem(`${key}[${i}]`, `${bad} (ignored)`);
          else kept.push(x);
        }
      }
      return kept;
    };
    const append = (to: string[], from: string[] | undefined) => {
      // A loop, not push(...from): a spread of a very long list overflows the stack.
      if (from) for (const x of from) to.push(x);
    };
    for (const key of Object.keys(inp)) if (!KNOWN_KEYS.has(key)) problem(key, key === '<<' ? 'YAML merge keys are not supported; write the keys out (ignored)' : 'unknown key (ignored)');
    const rules: unknown = inp.rules;
    if (rules !== undefined) {
      if (!rules || typeof rules !== 'object' || Array.isArray(rules)) problem('rules', 'expected an object of rule id -> severity (ignored)');
      else {
        for (const [id, v] of Object.entries(rules as Record<string, unknown>)) {
          if (id === 'default') {
            out.defaultOff = v === 'off' || v === false;
            continue;
          }
          const r = normalizeRule(`rules.${id}`, v, problem, strings);
          if (!r) continue;
          const prev = out.rules[id];
          const options = { ...(prev?.options ?? {}) };
          if (r.options) for (const [k, o] of Object.entries(r.options)) options[k] = o;
          // `true` turns the rule on with its default severity, whatever an earlier input said.
          const severity = r.on ? undefined : r.severity ?? prev?.severity;
          const on = r.on || (r.severity === undefined && !!prev?.on);
          out.rules[id] = { severity, options, ...(on ? { on } : {}) };
        }
      }
    }
    const rs = strings('requiredSections', inp.requiredSections);
    if (rs) out.requiredSections = rs as SectionKind[];
    const rh = strings('requiredHeaderFields', inp.requiredHeaderFields);
    if (rh) out.requiredHeaderFields = rh as HeaderFieldName[];
    append(out.vagueVerbs, strings('vagueVerbs', inp.vagueVerbs));
    append(out.allowedTerms, strings('allowedTerms', inp.allowedTerms));
    const po = strings('placeholderOwners', inp.placeholderOwners);
    if (po) out.placeholderOwners = po;
    append(out.people, strings('people', inp.people));
    append(out.files, strings('files', inp.files, globProblem));
    append(out.ignore, strings('ignore', inp.ignore, globProblem));
    if (inp.locale !== undefined) {
      if (inp.locale !== 'en' && inp.locale !== 'ja') problem('locale', `${show(inp.locale)} is not "en" or "ja" (ignored)`);
      else out.locale = inp.locale;
    }
    if (inp.today !== undefined) {
      if (typeof inp.today !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(inp.today) || parseDate(inp.today) !== inp.today) problem('today', `${show(inp.today)} is not a date YYYY-MM-DD (ignored)`);
      else out.today = inp.today;
    }
    const ss = strings('severityScale', inp.severityScale);
    if (ss) out.severityScale = ss;
    const ps = strings('priorityScale', inp.priorityScale);
    if (ps) out.priorityScale = ps;
  }
  return out;
}

/**
 * A rule's setting, or undefined when it cannot be used (reported). Options that are lists keep
 * only their strings: every list option of the rules is a list of words, names or terms.
 */
function normalizeRule(
  key: string,
  v: unknown,
  problem: (key: string, text: string) => void,
  strings: (key: string, v: unknown) => string[] | undefined,
): RuleSetting | undefined {
  if (v === true) return { on: true };
  if (v === false) return { severity: 'off' };
  if (typeof v === 'string') {
    if (!SEVERITIES.has(v)) {
      problem(key, `${show(v)} is not one of off, hint, info, warning, error (ignored)`);
      return undefined;
    }
    return { severity: v as SeveritySetting };
  }
  if (v && typeof v === 'object' && !Array.isArray(v)) {
    const o = v as { severity?: unknown; options?: unknown };
    let severity: SeveritySetting | undefined;
    if (o.severity !== undefined) {
      if (typeof o.severity === 'string' && SEVERITIES.has(o.severity)) severity = o.severity as SeveritySetting;
      else problem(`${key}.severity`, `${show(o.severity)} is not one of off, hint, info, warning, error (ignored)`);
    }
    let options: Record<string, unknown> | undefined;
    if (o.options !== undefined) {
      if (!o.options || typeof o.options !== 'object' || Array.isArray(o.options)) problem(`${key}.options`, `expected an object, got ${show(o.options)} (ignored)`);
      else {
        options = {};
        for (const [k, x] of Object.entries(o.options as Record<string, unknown>)) {
          if (Array.isArray(x)) options[k] = strings(`${key}.options.${k}`, x);
          else options[k] = x;
        }
      }
    }
    return { severity, options };
  }
  problem(key, 'expected a severity or { "severity": ..., "options": {...} } (ignored)');
  return undefined;
}
