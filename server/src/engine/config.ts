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
  };
}

const SEVERITIES = new Set(['off', 'hint', 'info', 'warning', 'error']);

export class ConfigError extends Error {}

function normalizeRule(id: string, v: unknown): RuleSetting {
  if (v === true) return { on: true };
  if (v === false) return { severity: 'off' };
  if (typeof v === 'string') {
    if (!SEVERITIES.has(v)) throw new ConfigError(`rules.${id}: "${v}" is not one of off, hint, info, warning, error`);
    return { severity: v as SeveritySetting };
  }
  if (v && typeof v === 'object') {
    const o = v as RuleSetting;
    if (o.severity !== undefined && !SEVERITIES.has(o.severity)) throw new ConfigError(`rules.${id}.severity: "${o.severity}" is not one of off, hint, info, warning, error`);
    return { severity: o.severity, options: o.options };
  }
  throw new ConfigError(`rules.${id}: expected a severity or { "severity": ..., "options": {...} }`);
}

function strings(name: string, v: unknown): string[] | undefined {
  if (v === undefined) return undefined;
  if (!Array.isArray(v) || !v.every((x) => typeof x === 'string')) throw new ConfigError(`${name}: expected a list of strings`);
  return v;
}

/** Merges inputs in order: later ones win where they speak (settings first, then config files from the root down). */
export function resolveConfig(...inputs: (ConfigInput | undefined)[]): ResolvedConfig {
  const out = defaultConfig();
  for (const inp of inputs) {
    if (!inp) continue;
    if (typeof inp !== 'object' || Array.isArray(inp)) throw new ConfigError('the configuration must be an object');
    if (inp.rules !== undefined) {
      if (typeof inp.rules !== 'object' || Array.isArray(inp.rules)) throw new ConfigError('rules: expected an object of rule id -> severity');
      for (const [id, v] of Object.entries(inp.rules)) {
        if (id === 'default') {
          out.defaultOff = v === 'off' || v === false;
          continue;
        }
        const r = normalizeRule(id, v);
        const prev = out.rules[id];
        // `true` turns the rule on with its default severity, whatever an earlier input said.
        const severity = r.on ? undefined : r.severity ?? prev?.severity;
        const on = r.on || (r.severity === undefined && !!prev?.on);
        out.rules[id] = { severity, options: { ...(prev?.options ?? {}), ...(r.options ?? {}) }, ...(on ? { on } : {}) };
      }
    }
    const rs = strings('requiredSections', inp.requiredSections);
    if (rs) out.requiredSections = rs as SectionKind[];
    const rh = strings('requiredHeaderFields', inp.requiredHeaderFields);
    if (rh) out.requiredHeaderFields = rh as HeaderFieldName[];
    out.vagueVerbs.push(...(strings('vagueVerbs', inp.vagueVerbs) ?? []));
    out.allowedTerms.push(...(strings('allowedTerms', inp.allowedTerms) ?? []));
    const po = strings('placeholderOwners', inp.placeholderOwners);
    if (po) out.placeholderOwners = po;
    out.people.push(...(strings('people', inp.people) ?? []));
    out.files.push(...(strings('files', inp.files) ?? []));
    out.ignore.push(...(strings('ignore', inp.ignore) ?? []));
    if (inp.locale !== undefined) {
      if (inp.locale !== 'en' && inp.locale !== 'ja') throw new ConfigError(`locale: "${inp.locale}" is not en or ja`);
      out.locale = inp.locale;
    }
    if (inp.today !== undefined) {
      if (typeof inp.today !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(inp.today) || parseDate(inp.today) !== inp.today) throw new ConfigError(`today: "${inp.today}" is not a date YYYY-MM-DD`);
      out.today = inp.today;
    }
    const ss = strings('severityScale', inp.severityScale);
    if (ss) out.severityScale = ss;
    const ps = strings('priorityScale', inp.priorityScale);
    if (ps) out.priorityScale = ps;
  }
  return out;
}
