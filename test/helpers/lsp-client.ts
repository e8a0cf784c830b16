// A small LSP client for tests: starts the BUILT server (`node dist/server.js --stdio`) as a child
// process and speaks JSON-RPC to it, the way an editor does.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { join } from 'node:path';
import { existsSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-jsonrpc/node';
import type {
  ClientCapabilities,
  CodeAction,
  CompletionItem,
  CompletionList,
  Diagnostic,
  DocumentSymbol,
  FoldingRange,
  Hover,
  InitializeResult,
  Position,
  Range,
  TextEdit,
  WorkspaceEdit,
} from 'vscode-languageserver-protocol';

export const SERVER = join(__dirname, '..', '..', 'dist', 'server.js');

export function serverBuilt(): boolean {
  return existsSync(SERVER);
}

export interface ClientOptions {
  /** Workspace folders (paths). */
  folders?: string[];
  /** Answers to workspace/configuration for section `postmortem` (per scopeUri or for all). */
  settings?: Record<string, unknown> | ((scopeUri: string | undefined) => Record<string, unknown> | null);
  locale?: string;
  /** Capability overrides (merged into the defaults below). */
  capabilities?: ClientCapabilities;
  /** Whether the client answers workspace/configuration at all. */
  configuration?: boolean;
  /** Node options for the server process (e.g. `--require` of a preload). */
  nodeArgs?: string[];
}

export const DEFAULT_CAPABILITIES: ClientCapabilities = {
  workspace: {
    configuration: true,
    workspaceFolders: true,
    didChangeConfiguration: { dynamicRegistration: false },
    didChangeWatchedFiles: { dynamicRegistration: false },
    workspaceEdit: { documentChanges: true },
  },
  textDocument: {
    synchronization: { dynamicRegistration: false },
    publishDiagnostics: { relatedInformation: true, versionSupport: true, codeDescriptionSupport: true, dataSupport: true },
    codeAction: {
      codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix', 'refactor', 'refactor.rewrite', 'source', 'source.fixAll'] } },
      isPreferredSupport: true,
      disabledSupport: true,
      dataSupport: true,
    },
    completion: { completionItem: { snippetSupport: false } },
    hover: { contentFormat: ['markdown', 'plaintext'] },
    documentSymbol: { hierarchicalDocumentSymbolSupport: true },
    foldingRange: {},
  },
};

function merge<T>(a: T, b: unknown): T {
  if (!b || typeof b !== 'object' || Array.isArray(b)) return (b ?? a) as T;
  const out: Record<string, unknown> = { ...(a as Record<string, unknown>) };
  for (const [k, v] of Object.entries(b)) out[k] = k in out && typeof out[k] === 'object' && !Array.isArray(out[k]) ? merge(out[k], v) : v;
  return out as T;
}

interface Published {
  uri: string;
  version?: number;
  diagnostics: Diagnostic[];
}

export class LspClient {
  readonly proc: ChildProcessWithoutNullStreams;
  readonly conn: MessageConnection;
  /** Latest diagnostics per URI, and every publication in order. */
  readonly diagnostics = new Map<string, Published>();
  readonly publications: Published[] = [];
  /** Text and version of the documents this client has open. */
  readonly texts = new Map<string, { text: string; version: number }>();
  initializeResult?: InitializeResult;
  stderr = '';
  /** window/logMessage notifications, in order. */
  readonly logs: { type: number; message: string }[] = [];
  private waiters: (() => void)[] = [];
  settings: ClientOptions['settings'];
  configurationRequests = 0;

  constructor(private opts: ClientOptions = {}) {
    this.settings = opts.settings;
    this.proc = spawn(process.execPath, [...(opts.nodeArgs ?? []), SERVER, '--stdio'], { stdio: 'pipe' });
    this.proc.stderr.on('data', (d: Buffer) => (this.stderr += d.toString()));
    this.conn = createMessageConnection(new StreamMessageReader(this.proc.stdout), new StreamMessageWriter(this.proc.stdin));
    this.conn.onNotification('textDocument/publishDiagnostics', (p: Published) => {
      this.diagnostics.set(p.uri, p);
      this.publications.push(p);
      for (const w of this.waiters.splice(0)) w();
    });
    this.conn.onRequest('workspace/configuration', (p: { items: { scopeUri?: string; section?: string }[] }) => {
      this.configurationRequests++;
      return p.items.map((it) => {
        const s = typeof this.settings === 'function' ? this.settings(it.scopeUri) : (this.settings ?? null);
        return it.section === 'postmortem' || !it.section ? s : null;
      });
    });
    this.conn.onRequest('client/registerCapability', () => null);
    this.conn.onRequest('window/workDoneProgress/create', () => null);
    this.conn.onNotification('window/logMessage', (m: { type: number; message: string }) => void this.logs.push(m));
    this.conn.listen();
  }

  static async start(opts: ClientOptions = {}): Promise<LspClient> {
    const c = new LspClient(opts);
    await c.initialize();
    return c;
  }

  async initialize(): Promise<InitializeResult> {
    const folders = this.opts.folders ?? [];
    const caps = merge(DEFAULT_CAPABILITIES, this.opts.capabilities);
    if (this.opts.configuration === false) caps.workspace!.configuration = false;
    this.initializeResult = await this.conn.sendRequest<InitializeResult>('initialize', {
      processId: process.pid,
      rootUri: folders[0] ? pathToFileURL(folders[0]).toString() : null,
      workspaceFolders: folders.map((f) => ({ uri: pathToFileURL(f).toString(), name: f })),
      capabilities: caps,
      locale: this.opts.locale ?? 'en',
    });
    await this.conn.sendNotification('initialized', {});
    return this.initializeResult;
  }

  /** Resolves when a publication satisfying `pred` arrives (checked against all so far first). */
  async waitFor(pred: (p: Published) => boolean, timeoutMs = 10000, from = 0): Promise<Published> {
    const deadline = Date.now() + timeoutMs;
    let seen = from;
    for (;;) {
      for (; seen < this.publications.length; seen++) if (pred(this.publications[seen])) return this.publications[seen];
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`timed out waiting for diagnostics; last: ${JSON.stringify([...this.diagnostics.values()].map((p) => ({ uri: p.uri, version: p.version, n: p.diagnostics.length })))}\n${this.stderr}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  /** Diagnostics for `uri` at exactly the version this client last sent. */
  async diagnosticsFor(uri: string, timeoutMs = 10000): Promise<Diagnostic[]> {
    const version = this.texts.get(uri)?.version;
    const p = await this.waitFor((x) => x.uri === uri && (x.version === undefined || x.version === version), timeoutMs, this.sinceChange.get(uri) ?? 0);
    return p.diagnostics;
  }

  /** Index into publications when the last change of each document was sent. */
  private sinceChange = new Map<string, number>();

  async open(uri: string, text: string, languageId = 'markdown'): Promise<void> {
    this.texts.set(uri, { text, version: 1 });
    this.sinceChange.set(uri, this.publications.length);
    await this.conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId, version: 1, text } });
  }

  /** Replaces the whole text (the simplest change event every server must accept). */
  async change(uri: string, text: string): Promise<void> {
    const cur = this.texts.get(uri)!;
    const version = cur.version + 1;
    this.texts.set(uri, { text, version });
    this.sinceChange.set(uri, this.publications.length);
    await this.conn.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ text }] });
  }

  async close(uri: string): Promise<void> {
    this.texts.delete(uri);
    await this.conn.sendNotification('textDocument/didClose', { textDocument: { uri } });
  }

  text(uri: string): string {
    return this.texts.get(uri)!.text;
  }

  async codeActions(uri: string, range: Range, diagnostics: Diagnostic[], only?: string[]): Promise<CodeAction[]> {
    return (await this.conn.sendRequest<CodeAction[] | null>('textDocument/codeAction', { textDocument: { uri }, range, context: { diagnostics, only, triggerKind: 1 } })) ?? [];
  }

  async completion(uri: string, position: Position, triggerCharacter?: string): Promise<CompletionItem[]> {
    const r = await this.conn.sendRequest<CompletionList | CompletionItem[] | null>('textDocument/completion', {
      textDocument: { uri },
      position,
      context: triggerCharacter ? { triggerKind: 2, triggerCharacter } : { triggerKind: 1 },
    });
    return !r ? [] : Array.isArray(r) ? r : r.items;
  }

  async hover(uri: string, position: Position): Promise<Hover | null> {
    return this.conn.sendRequest<Hover | null>('textDocument/hover', { textDocument: { uri }, position });
  }

  async symbols(uri: string): Promise<DocumentSymbol[]> {
    return (await this.conn.sendRequest<DocumentSymbol[] | null>('textDocument/documentSymbol', { textDocument: { uri } })) ?? [];
  }

  async folding(uri: string): Promise<FoldingRange[]> {
    return (await this.conn.sendRequest<FoldingRange[] | null>('textDocument/foldingRange', { textDocument: { uri } })) ?? [];
  }

  /** Applies a WorkspaceEdit to this client's copy and sends it to the server as a change. */
  async applyEdit(edit: WorkspaceEdit): Promise<void> {
    const byUri = new Map<string, TextEdit[]>();
    for (const dc of edit.documentChanges ?? []) {
      if (!('textDocument' in dc)) throw new Error('resource operations are not expected');
      const cur = this.texts.get(dc.textDocument.uri);
      if (dc.textDocument.version !== null && dc.textDocument.version !== undefined && cur && dc.textDocument.version !== cur.version) {
        throw new Error(`edit for version ${dc.textDocument.version} but the document is at ${cur.version}`);
      }
      byUri.set(dc.textDocument.uri, dc.edits.map((e) => ('snippet' in e ? { range: e.range, newText: snippetToText((e as { snippet: { value: string } }).snippet.value) } : (e as TextEdit))));
    }
    for (const [uri, edits] of Object.entries(edit.changes ?? {})) byUri.set(uri, edits);
    for (const [uri, edits] of byUri) await this.change(uri, applyTextEdits(this.text(uri), edits));
  }

  async shutdown(): Promise<void> {
    try {
      await Promise.race([this.conn.sendRequest('shutdown'), new Promise((r) => setTimeout(r, 3000))]);
      await this.conn.sendNotification('exit');
    } catch {
      // The server may already be gone.
    }
    const exited = new Promise<void>((resolve) => {
      if (this.proc.exitCode !== null || this.proc.signalCode !== null) resolve();
      else this.proc.once('exit', () => resolve());
    });
    await Promise.race([exited, new Promise((r) => setTimeout(r, 3000))]);
    if (this.proc.exitCode === null && this.proc.signalCode === null && this.proc.pid) {
      try {
        process.kill(this.proc.pid, 'SIGKILL');
      } catch {
        // already exited
      }
    }
    this.conn.dispose();
  }
}

/** The text a snippet inserts when every placeholder keeps its default. */
export function snippetToText(snippet: string): string {
  let s = snippet;
  for (let i = 0; i < 5; i++) s = s.replace(/\$\{\d+:([^{}]*)\}/g, '$1').replace(/\$\{\d+\|([^,|}]*)[^}]*\}/g, '$1');
  return s.replace(/\$\{?\d+\}?/g, '').replace(/\\([$}\\])/g, '$1');
}

export function offsetOf(text: string, p: Position): number {
  let line = 0;
  let i = 0;
  while (line < p.line) {
    const nl = text.indexOf('\n', i);
    if (nl < 0) return text.length;
    i = nl + 1;
    line++;
  }
  const nl = text.indexOf('\n', i);
  const end = nl < 0 ? text.length : nl;
  return Math.min(i + p.character, end);
}

/** Applies LSP text edits (non-overlapping, as LSP requires) to a text. */
export function applyTextEdits(text: string, edits: TextEdit[]): string {
  const withOffsets = edits.map((e, i) => ({ e, i, s: offsetOf(text, e.range.start), t: offsetOf(text, e.range.end) }));
  withOffsets.sort((a, b) => b.s - a.s || b.i - a.i);
  let out = text;
  let lastStart = Infinity;
  for (const w of withOffsets) {
    if (w.t > lastStart) throw new Error(`overlapping edits at ${JSON.stringify(w.e.range)}`);
    out = out.slice(0, w.s) + w.e.newText + out.slice(w.t);
    lastStart = w.s;
  }
  return out;
}

export function fileUri(path: string): string {
  return pathToFileURL(path).toString();
}
