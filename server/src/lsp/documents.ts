// Open documents: which are post-mortems, their latest lint result, and publishing diagnostics.
// Work is scheduled per document; a newer version supersedes an older one before it is published.
import type { Connection, Diagnostic, TextDocuments } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { lintModel, tooLarge, MAX_DOCUMENT_CHARS, type LintResult } from '../engine/lint';
import { buildModel, textLanguage, type PostMortem } from '../engine/model';
import { IncrementalScan } from '../engine/incremental';
import { resolveConfig, ConfigError, type ResolvedConfig } from '../engine/config';
import { isIgnored, isPostMortem } from '../engine/detect';
import type { Finding, Locale } from '../engine/types';
import { loadConfigInputs } from '../node/config-files';
import { SettingsCache, settingsToConfig } from './settings';
import { pathOfUri, toDiagnostic } from './convert';
import { errorDetail, errorMessage } from './guard';

export interface Checked {
  uri: string;
  version: number;
  result: LintResult;
  config: ResolvedConfig;
  locale: Locale;
}

/** The diagnostic of a finding, made once: findings of the blocks an edit did not reach are kept from the last check (see lintModel), and so are their diagnostics. */
function diagnosticOf(f: Finding): Diagnostic {
  let d = diagnostics.get(f);
  if (!d) diagnostics.set(f, (d = toDiagnostic(f)));
  return d;
}

const diagnostics = new WeakMap<Finding, Diagnostic>();

/** The one diagnostic of a document whose check threw. */
export function checkFailed(e: unknown, locale: Locale): Finding {
  const why = errorMessage(e);
  return {
    rule: 'check-failed',
    severity: 'error',
    message: locale === 'ja' ? `ポストモーテムのチェックに失敗しました: ${why}` : `The post-mortem check failed: ${why}`,
    range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
  };
}

export class Checker {
  private results = new Map<string, Checked>();
  private timers = new Map<string, NodeJS.Timeout>();
  /** Per scheduled check: true when only edits asked for it (see schedule). */
  private pendingEdit = new Map<string, boolean>();
  /** Per document, a block scan kept current edit by edit: only the blocks an edit reaches are scanned again. */
  private scans = new Map<string, IncrementalScan>();
  /** Documents that had diagnostics published, so they can be cleared when they stop qualifying. */
  private published = new Set<string>();
  workspaceFolders: string[] = [];
  clientLocale: Locale = 'en';
  /**
   * Milliseconds to wait for more keystrokes before checking. None: people type tens of
   * milliseconds apart, so a wait only delays the check. Each check reads the document's latest
   * text, a change that comes in while a check runs is handled after it (and replaces the next
   * scheduled check), and a check for an older version is never published over a newer one.
   */
  delay = 0;

  constructor(
    private connection: Connection,
    private documents: TextDocuments<TextDocument>,
    readonly settings: SettingsCache,
  ) {}

  get(uri: string): Checked | undefined {
    return this.results.get(uri);
  }

  /** The latest result for the document's current version, computing it now if needed. */
  async current(doc: TextDocument): Promise<Checked | undefined> {
    const r = this.results.get(doc.uri);
    if (r && r.version === doc.version) return r;
    return this.check(doc);
  }

  /**
   * Checks the document after `delay` ms, replacing a check already scheduled. `edit`: the check is
   * for an edit, skipped when `postmortem.run` is `onSave`; a pending check for another reason
   * (opening, a save, new settings) stays one when an edit replaces its timer.
   */
  schedule(doc: TextDocument, delay = this.delay, edit = false): void {
    const t = this.timers.get(doc.uri);
    if (t) clearTimeout(t);
    const forEdit = edit && this.pendingEdit.get(doc.uri) !== false;
    this.pendingEdit.set(doc.uri, forEdit);
    this.timers.set(
      doc.uri,
      setTimeout(() => {
        this.timers.delete(doc.uri);
        this.pendingEdit.delete(doc.uri);
        const latest = this.documents.get(doc.uri);
        if (latest) void this.checkAndPublish(latest, forEdit);
      }, delay),
    );
  }

  /** A save: checked now when `postmortem.run` is `onSave` (as you type, it was checked already). */
  async saved(doc: TextDocument): Promise<void> {
    if ((await this.settings.get(doc.uri)).run === 'onSave') this.schedule(doc, 0);
  }

  scheduleAll(): void {
    for (const d of this.documents.all()) this.schedule(d, 0);
  }

  forget(uri: string): void {
    const t = this.timers.get(uri);
    if (t) clearTimeout(t);
    this.timers.delete(uri);
    this.pendingEdit.delete(uri);
    this.results.delete(uri);
    this.scans.delete(uri);
    this.settings.delete(uri);
    if (this.published.delete(uri)) void this.connection.sendDiagnostics({ uri, diagnostics: [] });
  }

  private rootOf(path: string): string | undefined {
    return this.workspaceFolders.filter((f) => path === f || path.startsWith(f.endsWith('/') ? f : f + '/')).sort((a, b) => b.length - a.length)[0];
  }

  async check(doc: TextDocument): Promise<Checked | undefined> {
    const version = doc.version;
    const s = await this.settings.get(doc.uri);
    if (!s.enable) return undefined;
    const path = pathOfUri(doc.uri);
    const root = path ? this.rootOf(path) : undefined;
    let config: ResolvedConfig;
    let configError: string | undefined;
    try {
      const fileInputs = path ? loadConfigInputs(path, root).inputs : [];
      config = resolveConfig(settingsToConfig(s), ...fileInputs);
    } catch (e) {
      configError = e instanceof ConfigError ? e.message : String(e);
      config = resolveConfig(settingsToConfig(s));
    }
    const text = doc.getText();
    const rel = path ? (root ? path.slice(root.length + 1) : path) : doc.uri;
    if (path && isIgnored(rel, config.ignore)) return undefined;
    // A newer version arrived while settings were read: let its own check run.
    const latest = this.documents.get(doc.uri);
    if (latest && latest.version !== version) return this.results.get(doc.uri);
    // 'auto': a Japanese report gets Japanese messages whatever the editor's language; others follow the editor.
    const chosen: Locale | undefined = config.locale ?? (s.locale === 'auto' ? undefined : s.locale);
    let locale: Locale = chosen ?? this.clientLocale;
    // Too large to build a model of: its headings say whether it is a Japanese report.
    if (text.length > MAX_DOCUMENT_CHARS) locale = chosen ?? (textLanguage(text) === 'ja' ? 'ja' : this.clientLocale);
    const large = tooLarge(text, { config, locale });
    // The model is built (from the kept scan) only when the path and title do not decide whether
    // this is a post-mortem, and then reused; never for a document too large to check.
    let model: PostMortem | undefined;
    const modelOf = (): PostMortem | undefined => {
      if (large) return undefined;
      if (!model) {
        let inc = this.scans.get(doc.uri);
        if (!inc) this.scans.set(doc.uri, (inc = new IncrementalScan()));
        model = buildModel(text, inc.update(text));
      }
      return model;
    };
    if (!isPostMortem(rel, text, config.files, modelOf)) return undefined;
    let result: LintResult;
    if (large) {
      this.scans.delete(doc.uri);
      result = large;
    } else {
      const m = modelOf()!;
      locale = chosen ?? (m.language === 'ja' ? 'ja' : this.clientLocale);
      result = lintModel(m, { config, locale });
    }
    if (configError) {
      result.directiveProblems.push({
        rule: 'config',
        severity: 'error',
        message: locale === 'ja' ? `設定ファイルを読めません: ${configError}` : `The post-mortem configuration could not be read: ${configError}`,
        range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      });
    }
    const checked: Checked = { uri: doc.uri, version, result, config, locale };
    this.results.set(doc.uri, checked);
    return checked;
  }

  /**
   * Checks and publishes; never rejects. When the check throws, the error is logged and the
   * document gets one `check-failed` diagnostic with the error's message instead of its findings
   * (the next edit checks it again). `edit`: the check is for an edit (see schedule).
   */
  async checkAndPublish(doc: TextDocument, edit = false): Promise<void> {
    // The document object is updated in place by later changes: keep the version being checked.
    const version = doc.version;
    try {
      await this.publish(doc, version, edit);
    } catch (e) {
      try {
        this.connection.console.error(`Checking ${doc.uri} failed: ${errorDetail(e)}`);
        this.results.delete(doc.uri);
        this.scans.delete(doc.uri); // it may be half updated
        const latest = this.documents.get(doc.uri);
        if (!latest || latest.version !== version) return;
        this.published.add(doc.uri);
        await this.connection.sendDiagnostics({ uri: doc.uri, version, diagnostics: [toDiagnostic(checkFailed(e, textLanguage(latest.getText()) === 'ja' ? 'ja' : this.clientLocale))] });
      } catch (e2) {
        try {
          this.connection.console.error(`Reporting the failed check of ${doc.uri} failed: ${errorDetail(e2)}`);
        } catch {
          // The connection is gone.
        }
      }
    }
  }

  private async publish(doc: TextDocument, version: number, edit: boolean): Promise<void> {
    // `postmortem.run` is `onSave`: an edit waits for the save.
    if (edit && (await this.settings.get(doc.uri)).run === 'onSave') return;
    const checked = await this.check(doc);
    const latest = this.documents.get(doc.uri);
    // Superseded: a newer version arrived meanwhile (check() then answers with an older result,
    // which must not be published under the newer version); the newer version's own check publishes.
    if (!latest || latest.version !== version || (checked && checked.version !== version)) return;
    if (!checked) {
      if (this.published.delete(doc.uri)) await this.connection.sendDiagnostics({ uri: doc.uri, diagnostics: [] });
      return;
    }
    const diagnostics = [...checked.result.findings, ...checked.result.directiveProblems].map(diagnosticOf);
    this.published.add(doc.uri);
    await this.connection.sendDiagnostics({ uri: doc.uri, version, diagnostics });
  }
}
