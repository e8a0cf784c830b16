// Core types of the post-mortem engine. Pure data: no VS Code, no LSP, no I/O.
// Positions are 0-based lines and UTF-16 code-unit columns (the LSP default), so
// adapters can hand them to editors unchanged; the CLI adds 1 for people.

export type Severity = 'error' | 'warning' | 'info' | 'hint';
export type SeveritySetting = Severity | 'off';
export type Locale = 'en' | 'ja';

export interface Position {
  line: number;
  character: number;
}

export interface Range {
  start: Position;
  end: Position;
}

export interface TextEdit {
  range: Range;
  newText: string;
}

/** A fix is data: edits against the text the finding was computed from. */
export interface Fix {
  title: string;
  edits: TextEdit[];
  /**
   * Optional snippet form of `edits` (VS Code snippet syntax: `${1:placeholder}`), for clients that
   * support snippet edits. Must have exactly one edit; `edits` stays the plain-text fallback.
   */
  snippet?: { range: Range; snippet: string };
  /** True when the fix is safe to apply without a person choosing (source.fixAll). */
  fixAll?: boolean;
  isPreferred?: boolean;
}

export interface Finding {
  rule: string;
  severity: Severity;
  message: string;
  range: Range;
  fixes?: Fix[];
  /** Extra machine-readable detail (e.g. the matched phrase). */
  data?: Record<string, unknown>;
}

/** Messages of one rule, in every supported locale. `{name}` placeholders are filled by `msg`. */
export type Messages = Record<Locale, Record<string, string>>;

export interface Rule {
  id: string;
  /** One line, English; the docs page and the localized messages say more. */
  description: string;
  defaultSeverity: Severity;
  messages: Messages;
  /** Tags for grouping (e.g. 'action-items', 'language', 'timeline', 'structure'). */
  tags: string[];
  /** False for rules a team opts into (`"<id>": true` or a severity turns them on). Default true. */
  enabledByDefault?: boolean;
  /** Markdown for the README's rule table ("what it finds"); the description when absent. */
  summary?: string;
  /** JSON Schema of each key of `rules.<id>.options`, for the generated config schema. */
  options?: Record<string, Record<string, unknown>>;
  check(ctx: RuleContext): void;
}

export interface RuleReport {
  range: Range;
  /** Message key in the rule's `messages`. */
  messageId: string;
  args?: Record<string, string | number>;
  fixes?: Fix[];
  data?: Record<string, unknown>;
}

export interface RuleContext {
  readonly doc: import('./model').PostMortem;
  readonly config: import('./config').ResolvedConfig;
  readonly locale: Locale;
  /** Options for this rule from the config (`rules.<id>.options`), or an empty object. */
  readonly options: Record<string, unknown>;
  /**
   * false when the findings will carry no fixes and no data (the CLI's outputs show neither, see
   * LintOptions.details): a rule then need not build them. The range, message and args are the same.
   */
  readonly details: boolean;
  report(report: RuleReport): void;
  /** Format one of this rule's messages in the current locale. */
  msg(messageId: string, args?: Record<string, string | number>): string;
  /**
   * Runs `check` for one part of the report (a block, table row or list item of `doc.scan`) and
   * remembers what it reported; on the next check of the same document the reports are replayed
   * instead when the part is the same object and `key` is the same. The incremental scan keeps the
   * very objects of the parts an edit did not reach (and makes new ones for the rest), so `check`
   * must report only about that part, and `key` must hold everything else it reads (options,
   * names, the section or column the part is in). The locale is part of the key already.
   * `part` may be a function that gives the part object: it is called only when reports are
   * remembered (a one-off check, as the CLI's, remembers none).
   */
  memo(part: object | (() => object), key: string, check: () => void): void;
}
