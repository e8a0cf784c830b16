// The import commands: pickers, input boxes with history, progress with cancel, credentials in
// SecretStorage, workspace trust. The data work is the engine's (server/src/engine/import) and
// the node adapters' (HTTP, streaming files); this file only talks to VS Code.
import { randomUUID } from 'node:crypto';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { ExecuteCommandRequest, LanguageClient, ResponseError, WorkDoneProgress } from 'vscode-languageclient/node';
import type { ImportCommandId } from './command-ids';
import { LOG_FORMAT_NAMES, LOG_FORMATS, LEVELS, type Level, type LogFormat } from '../../../server/src/engine/import/sources/logs';
import { chooseStep } from '../../../server/src/engine/import/sources/prometheus';
import { ImportError } from '../../../server/src/engine/import/rows';
import { incidentWindow, parseWindowInput, type TimeWindow } from '../../../server/src/engine/import/plan';
import { IMPORT_COMMAND, type ImportCommandArgs, type ImportCommandResult } from '../../../server/src/lsp/features/import-protocol';
import type { ImportArgs } from '../../../server/src/engine/import/sources';
import { INCIDENT_SOURCES } from '../../../server/src/engine/import/sources/incident';
import { formatDurationPromql, isoUtc, parseDurationSeconds } from '../../../server/src/engine/time';
import type { Credentials, ServerTarget } from '../../../server/src/node/observability-http';

const HISTORY_QUERIES = 'postmortem.import.queryHistory';
const HISTORY_ALERTMANAGER = 'postmortem.import.alertmanagerHistory';
const secretKey = (host: string) => `postmortem.prometheus.credentials:${host.toLowerCase()}`;

interface NamedServer {
  name: string;
  url: string;
  headers?: Record<string, string>;
  /** True when the workspace (not the user) named it. */
  fromWorkspace: boolean;
}

function reportEditor(): vscode.TextEditor {
  const ed = vscode.window.activeTextEditor;
  if (!ed || ed.document.languageId !== 'markdown') throw new ImportError(vscode.l10n.t('Open the post-mortem report (a Markdown file) in the editor first: the rows go into its timeline.'), 'usage');
  return ed;
}

/** Servers from `postmortem.prometheus.url` and `postmortem.prometheus.servers`, marking those the workspace set. */
function configuredServers(scope: vscode.Uri | undefined): NamedServer[] {
  const cfg = vscode.workspace.getConfiguration('postmortem', scope);
  const out: NamedServer[] = [];
  const urlInfo = cfg.inspect<string>('prometheus.url');
  const url = cfg.get<string>('prometheus.url');
  if (url) out.push({ name: 'default', url, fromWorkspace: urlInfo?.workspaceValue === url || urlInfo?.workspaceFolderValue === url });
  const sInfo = cfg.inspect<unknown>('prometheus.servers');
  const fromWs = new Set<string>();
  for (const v of [sInfo?.workspaceValue, sInfo?.workspaceFolderValue]) for (const s of normalizeServers(v)) fromWs.add(s.name + '\u0000' + s.url);
  for (const s of normalizeServers(cfg.get('prometheus.servers'))) out.push({ ...s, fromWorkspace: fromWs.has(s.name + '\u0000' + s.url) });
  return out;
}

function normalizeServers(v: unknown): Omit<NamedServer, 'fromWorkspace'>[] {
  if (Array.isArray(v)) return v.filter((s) => s && typeof s.url === 'string').map((s) => ({ name: String(s.name ?? s.url), url: s.url, headers: s.headers }));
  if (v && typeof v === 'object') return Object.entries(v as Record<string, unknown>).map(([name, s]) => (typeof s === 'string' ? { name, url: s } : { name, url: String((s as { url?: string }).url ?? ''), headers: (s as { headers?: Record<string, string> }).headers })).filter((s) => s.url);
  return [];
}

/** In restricted mode, a URL or headers named by the workspace are used only when the person agrees. */
async function trusted(server: NamedServer): Promise<boolean> {
  if (vscode.workspace.isTrusted || !server.fromWorkspace) return true;
  const host = safeHost(server.url);
  const yes = vscode.l10n.t('Use this server');
  const pick = await vscode.window.showWarningMessage(
    server.headers
      ? vscode.l10n.t('This workspace is not trusted, and its settings name the server {0} with extra headers. Send the query there?', host)
      : vscode.l10n.t('This workspace is not trusted, and its settings name the server {0}. Send the query there?', host),
    { modal: true },
    yes,
  );
  return pick === yes;
}

function safeHost(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}

async function pickServer(context: vscode.ExtensionContext, scope: vscode.Uri | undefined, what = 'Prometheus'): Promise<ServerTarget | undefined> {
  const servers = configuredServers(scope);
  let chosen: NamedServer | undefined;
  if (servers.length === 1) chosen = servers[0];
  else if (servers.length > 1) {
    const p = await vscode.window.showQuickPick(servers.map((s) => ({ label: s.name, description: s.url, s })), { title: vscode.l10n.t('{0} server', what), ignoreFocusOut: true });
    chosen = p?.s;
    if (!p) return undefined;
  }
  if (!chosen) {
    const url = await vscode.window.showInputBox({ title: vscode.l10n.t('{0} URL', what), prompt: vscode.l10n.t('No server in the settings (postmortem.prometheus.url): type its base URL'), placeHolder: 'http://127.0.0.1:9090', ignoreFocusOut: true, validateInput: (v) => (/^https?:\/\/\S+$/.test(v.trim()) ? undefined : vscode.l10n.t('An http:// or https:// URL')) });
    if (!url) return undefined;
    chosen = { name: safeHost(url), url: url.trim(), fromWorkspace: false };
  }
  if (!(await trusted(chosen))) return undefined;
  const host = safeHost(chosen.url);
  const saved = await context.secrets.get(secretKey(host));
  let credentials: Credentials | undefined;
  if (saved) {
    try {
      credentials = JSON.parse(saved) as Credentials;
    } catch {
      credentials = undefined;
    }
  }
  return { url: chosen.url, name: servers.length > 1 ? chosen.name : undefined, headers: chosen.headers, credentials, credentialsHost: host };
}

async function historyPick(context: vscode.ExtensionContext, key: string, title: string, placeholder: string): Promise<string | undefined> {
  const history = context.globalState.get<string[]>(key, []);
  return new Promise((resolve) => {
    const qp = vscode.window.createQuickPick();
    qp.title = title;
    qp.placeholder = placeholder;
    qp.ignoreFocusOut = true;
    const items = () => [...(qp.value && !history.includes(qp.value) ? [{ label: qp.value, description: vscode.l10n.t('new') }] : []), ...history.map((h) => ({ label: h, description: vscode.l10n.t('recent') }))];
    qp.items = items();
    qp.onDidChangeValue(() => (qp.items = items()));
    qp.onDidAccept(() => {
      const v = (qp.selectedItems[0]?.label ?? qp.value).trim();
      // Resolve before hiding: onDidHide (which resolves undefined) can fire before an awaited update returns.
      resolve(v || undefined);
      qp.hide();
      if (v) void context.globalState.update(key, [v, ...history.filter((h) => h !== v)].slice(0, 30));
    });
    qp.onDidHide(() => resolve(undefined));
    qp.show();
  });
}

function windowText(w: TimeWindow): string {
  return `${new Date(w.startMs).toISOString().replace(/\.000Z$/, 'Z')} ${new Date(w.endMs).toISOString().replace(/\.000Z$/, 'Z')}`;
}

async function askWindow(doc: vscode.TextDocument, optional = false): Promise<TimeWindow | null | undefined> {
  const def = incidentWindow(doc.getText());
  const example = '2024-03-01T23:30Z 2024-03-02T01:00Z';
  const v = await vscode.window.showInputBox({
    title: vscode.l10n.t('Time window (UTC)'),
    prompt: def
      ? optional
        ? vscode.l10n.t('The incident window from the report, widened by a margin. Or type "last 2h", or two ISO times. Empty: all lines.')
        : vscode.l10n.t('The incident window from the report, widened by a margin. Or type "last 2h", or two ISO times.')
      : optional
        ? vscode.l10n.t('Type "last 2h", or two ISO times: {0} (empty: all lines)', example)
        : vscode.l10n.t('Type "last 2h", or two ISO times: {0}', example),
    value: def ? windowText(def) : '',
    ignoreFocusOut: true,
    validateInput: (s) => (!s.trim() && optional ? undefined : parseWindowInput(s, Date.now()) ? undefined : vscode.l10n.t('Type "last 2h", or START END as ISO times')),
  });
  if (v === undefined) return undefined;
  if (!v.trim()) return null;
  return parseWindowInput(v, Date.now());
}

/**
 * Sends one import to the language server (`workspace/executeCommand` `postmortem.import`, the
 * same command every LSP editor runs). The server reads the data and applies the rows to the
 * report as ONE edit (one undo step) against the version it read; the progress it reports shows
 * here, and cancelling here cancels it.
 */
async function serverImport(title: string, doc: vscode.TextDocument, args: Omit<ImportCommandArgs, 'uri'>): Promise<ImportCommandResult> {
  const lc = languageClient();
  if (!lc) throw new ImportError(vscode.l10n.t('The Post-Mortem language server is not running: run "Post-Mortem: Restart language server" and try again.'), 'usage');
  return withProgress(title, async (_signal, report, token) => {
    const workDoneToken = randomUUID();
    const progress = lc.onProgress(api.WorkDoneProgress.type, workDoneToken, (v) => {
      if (v.kind !== 'end' && v.message) report(v.message);
    });
    try {
      const a: ImportCommandArgs = { ...args, uri: doc.uri.toString(), notify: false };
      return (await lc.sendRequest(api.ExecuteCommandRequest.type, { command: IMPORT_COMMAND, arguments: [a], workDoneToken }, token)) as ImportCommandResult;
    } catch (e) {
      if (e instanceof api.ResponseError) throw new ImportError(e.message, (e.data as { kind?: string } | undefined)?.kind ?? 'http');
      throw e;
    } finally {
      progress.dispose();
    }
  });
}

/** Runs one import into the report in `editor` and says what it did. */
async function importInto(editor: vscode.TextEditor, title: string, args: ImportArgs, server?: Omit<ServerTarget, 'url'>): Promise<string> {
  const m = await serverImport(title, editor.document, { ...args, server });
  if (!m.inserted) return [vscode.l10n.t('Nothing new: all {0} rows are already in the timeline.', m.duplicates), ...m.notes].join(' ');
  const inserted = m.duplicates
    ? m.inserted === 1
      ? vscode.l10n.t('{0} row inserted, {1} already there.', m.inserted, m.duplicates)
      : vscode.l10n.t('{0} rows inserted, {1} already there.', m.inserted, m.duplicates)
    : m.inserted === 1
      ? vscode.l10n.t('{0} row inserted.', m.inserted)
      : vscode.l10n.t('{0} rows inserted.', m.inserted);
  return [m.createdSection ? `${inserted} ${vscode.l10n.t('Timeline section created.')}` : inserted, ...m.notes].join(' ');
}

async function withProgress<T>(title: string, fn: (signal: AbortSignal, report: (msg: string, increment?: number) => void, token: vscode.CancellationToken) => Promise<T>): Promise<T> {
  return vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title, cancellable: true }, async (progress, token) => {
    const ac = new AbortController();
    token.onCancellationRequested(() => ac.abort());
    return fn(ac.signal, (message, increment) => progress.report({ message, increment }), token);
  });
}

async function run(name: string, fn: () => Promise<string | undefined>): Promise<void> {
  try {
    const msg = await fn();
    if (msg) void vscode.window.showInformationMessage(msg);
  } catch (e) {
    if (e instanceof ImportError) {
      if (e.kind !== 'cancelled') void vscode.window.showErrorMessage(vscode.l10n.t('{0}: {1}', name, e.message));
      return;
    }
    void vscode.window.showErrorMessage(vscode.l10n.t('{0} failed: {1}', name, (e as Error).message));
  }
}

async function askChart(): Promise<boolean | undefined> {
  const pick = await vscode.window.showQuickPick([{ label: vscode.l10n.t('Insert the rows'), chart: false }, { label: vscode.l10n.t('Insert the rows and an SVG chart'), description: vscode.l10n.t('written beside the report, linked under the timeline'), chart: true }], { title: vscode.l10n.t('Chart'), ignoreFocusOut: true });
  return pick?.chart;
}

async function importPrometheusRange(context: vscode.ExtensionContext): Promise<string | undefined> {
  const editor = reportEditor();
  const doc = editor.document;
  const title = vscode.l10n.t('Import Prometheus range');
  const from = await vscode.window.showQuickPick([{ label: vscode.l10n.t('Query a Prometheus server'), id: 'server' }, { label: vscode.l10n.t('A saved query_range JSON file'), id: 'file' }], { title, ignoreFocusOut: true });
  if (!from) return;
  let threshold: number | undefined;
  const askThreshold = async () => {
    const t = await vscode.window.showInputBox({ title: vscode.l10n.t('Threshold (optional)'), prompt: vscode.l10n.t('The value that marks the incident. Empty: each series is compared with its baseline at the start of the window.'), ignoreFocusOut: true, validateInput: (s) => (!s.trim() || Number.isFinite(Number(s)) ? undefined : vscode.l10n.t('A number, or empty')) });
    if (t === undefined) return false;
    threshold = t.trim() ? Number(t) : undefined;
    return true;
  };
  if (from.id === 'file') {
    const uri = await vscode.window.showOpenDialog({ canSelectMany: false, filters: { JSON: ['json'] }, title: vscode.l10n.t('query_range response') });
    if (!uri?.[0]) return;
    const query = await historyPick(context, HISTORY_QUERIES, vscode.l10n.t('Query the file came from (for the Source column)'), 'PromQL');
    if (!query) return;
    if (!(await askThreshold())) return;
    const chart = await askChart();
    if (chart === undefined) return;
    return importInto(editor, title, { source: 'prometheus', file: uri[0].fsPath, query, threshold, chart });
  }
  const query = await historyPick(context, HISTORY_QUERIES, vscode.l10n.t('PromQL query'), vscode.l10n.t('e.g. {0}', 'sum by (code) (rate(http_requests_total{job="checkout"}[5m]))'));
  if (!query) return;
  const server = await pickServer(context, doc.uri);
  if (!server) return;
  const w = await askWindow(doc);
  if (!w) return;
  const defStep = chooseStep(w.startMs / 1000, w.endMs / 1000);
  const step = await vscode.window.showInputBox({ title: vscode.l10n.t('Step'), prompt: vscode.l10n.t('Resolution (15s, 1m, ...). The default keeps every series under 11,000 points.'), value: formatDurationPromql(defStep), ignoreFocusOut: true, validateInput: (s) => (parseDurationSeconds(s) ? undefined : vscode.l10n.t('A duration such as 15s or 1m')) });
  if (!step) return;
  if (!(await askThreshold())) return;
  const chart = await askChart();
  if (chart === undefined) return;
  const { url, ...details } = server;
  return importInto(editor, title, { source: 'prometheus', url, query, window: windowText(w), step, threshold, chart }, details);
}

async function importAlertHistory(context: vscode.ExtensionContext): Promise<string | undefined> {
  const editor = reportEditor();
  const doc = editor.document;
  const title = vscode.l10n.t('Import alert history');
  const from = await vscode.window.showQuickPick(
    [
      { label: vscode.l10n.t('Prometheus ALERTS'), description: vscode.l10n.t('pending, firing and resolved times in the window'), id: 'prometheus' },
      { label: vscode.l10n.t('Alertmanager'), description: vscode.l10n.t('current alerts from /api/v2/alerts'), id: 'alertmanager' },
      { label: vscode.l10n.t('A saved file'), description: vscode.l10n.t('amtool alert query -o json, /api/v2/alerts, or an ALERTS query result'), id: 'file' },
    ],
    { title, ignoreFocusOut: true },
  );
  if (!from) return;
  if (from.id === 'file') {
    const uri = await vscode.window.showOpenDialog({ canSelectMany: false, filters: { JSON: ['json'] }, title: vscode.l10n.t('Alert file') });
    if (!uri?.[0]) return;
    return importInto(editor, title, { source: 'alerts', file: uri[0].fsPath });
  }
  if (from.id === 'alertmanager') {
    const url = await historyPick(context, HISTORY_ALERTMANAGER, vscode.l10n.t('Alertmanager URL'), 'http://127.0.0.1:9093');
    if (!url) return;
    if (!/^https?:\/\//.test(url)) throw new ImportError(vscode.l10n.t('"{0}" is not an http:// or https:// URL.', url), 'usage');
    const host = safeHost(url);
    const saved = await context.secrets.get(secretKey(host));
    return importInto(editor, title, { source: 'alertmanager', url }, { credentials: saved ? (JSON.parse(saved) as Credentials) : undefined, credentialsHost: host });
  }
  const server = await pickServer(context, doc.uri);
  if (!server) return;
  const w = await askWindow(doc);
  if (!w) return;
  const { url, ...details } = server;
  return importInto(editor, title, { source: 'alerts', url, window: windowText(w) }, details);
}

async function importLogsCommand(): Promise<string | undefined> {
  const editor = reportEditor();
  const doc = editor.document;
  const title = vscode.l10n.t('Import logs');
  const others = vscode.window.visibleTextEditors.filter((e) => e.document !== doc);
  const source = await vscode.window.showQuickPick(
    [{ label: vscode.l10n.t('A log file…'), id: 'file' }, ...others.map((e) => ({ label: vscode.l10n.t('Open editor: {0}', path.basename(e.document.fileName)), id: 'editor', doc: e.document }))],
    { title: vscode.l10n.t('Import logs from'), ignoreFocusOut: true },
  );
  if (!source) return;
  let input: Pick<ImportArgs, 'file' | 'text'>;
  let label: string;
  if (source.id === 'file') {
    const uri = await vscode.window.showOpenDialog({ canSelectMany: false, title: vscode.l10n.t('Log file') });
    if (!uri?.[0]) return;
    input = { file: uri[0].fsPath };
    label = path.basename(uri[0].fsPath);
  } else {
    const d = (source as { doc: vscode.TextDocument }).doc;
    label = path.basename(d.fileName);
    // A saved file is streamed from disk; an unsaved buffer is sent as text.
    input = d.uri.scheme === 'file' && !d.isDirty ? { file: d.uri.fsPath } : { text: d.getText() };
  }
  const fmt = await vscode.window.showQuickPick([{ label: vscode.l10n.t('Detect automatically'), id: 'auto' as LogFormat | 'auto' }, ...LOG_FORMATS.map((f) => ({ label: LOG_FORMAT_NAMES[f], id: f as LogFormat | 'auto' }))], { title: vscode.l10n.t('Log format'), ignoreFocusOut: true });
  if (!fmt) return;
  const grep = await vscode.window.showInputBox({ title: vscode.l10n.t('Pattern (optional)'), prompt: vscode.l10n.t('Keep lines matching this regular expression (case-insensitive). Empty: all lines.'), ignoreFocusOut: true, validateInput: (s) => { try { new RegExp(s); return undefined; } catch (e) { return (e as Error).message; } } });
  if (grep === undefined) return;
  const lvl = await vscode.window.showQuickPick([{ label: vscode.l10n.t('Any level'), id: undefined as Level | undefined }, ...LEVELS.slice(1).map((l) => ({ label: vscode.l10n.t('{0} and above', l), id: l as Level | undefined }))], { title: vscode.l10n.t('Level'), ignoreFocusOut: true });
  if (!lvl) return;
  const w = await askWindow(doc, true);
  if (w === undefined) return;
  // Times written without a zone (syslog RFC 3164) are read as UTC; the pick list says so.
  const args: ImportArgs = { source: 'logs', ...input, format: fmt.id, grep: grep || undefined, level: lvl.id, window: w ? windowText(w) : undefined, zone: 'UTC', maxRows: 2000 };
  const preview = await serverImport(vscode.l10n.t('Reading {0}', label), doc, { ...args, preview: true });
  if (!preview.rows?.length) throw new ImportError(preview.notes.join(' ') || vscode.l10n.t('Nothing to insert.'), 'empty');
  const picks = await vscode.window.showQuickPick(
    preview.rows.map((r) => ({ label: `${isoUtc(r.epochMs)}  ${r.event.replace(/\\([\\|`])/g, '$1')}`, description: r.source, picked: true, row: r })),
    { canPickMany: true, title: vscode.l10n.t('{0} candidate rows', preview.rows.length) + ' — ' + preview.notes.join(' '), ignoreFocusOut: true, matchOnDescription: true },
  );
  if (!picks?.length) return;
  return importInto(editor, title, { source: 'rows', rows: picks.map((p) => p.row) });
}

/**
 * The sources of where incidents happen (Slack, PagerDuty, Kubernetes events, git, ...): a pick
 * over the source table, the saved file, folder or repository, and the few choices a source has.
 */
async function importFromSource(): Promise<string | undefined> {
  const editor = reportEditor();
  const title = vscode.l10n.t('Import incident data');
  const picked = await vscode.window.showQuickPick(
    INCIDENT_SOURCES.map((s) => ({ label: s.title, description: s.id, detail: s.description, source: s })),
    { title, ignoreFocusOut: true, matchOnDescription: true, matchOnDetail: true },
  );
  if (!picked) return;
  const source = picked.source;
  // A folder for an export or a repository, a file for everything else.
  const folders = source.file === 'json-files' || !!source.command;
  const uri = await vscode.window.showOpenDialog({ canSelectMany: false, canSelectFiles: !source.command, canSelectFolders: folders, title: source.command ? vscode.l10n.t('Repository') : folders ? vscode.l10n.t('File or folder') : vscode.l10n.t('File') });
  if (!uri?.[0]) return;
  const options: NonNullable<ImportArgs['options']> = {};
  if (source.id === 'slack') {
    const channel = await vscode.window.showInputBox({ title: vscode.l10n.t('Channel (optional)'), prompt: vscode.l10n.t('The channel of an export with several; also shown in the Source column.'), ignoreFocusOut: true });
    if (channel === undefined) return;
    options.channel = channel.trim() || undefined;
    const keep = await vscode.window.showQuickPick(
      [
        { label: vscode.l10n.t('Every message in the window'), id: 'all' },
        { label: vscode.l10n.t('Pinned messages'), id: 'pinned' },
        { label: vscode.l10n.t('Messages with a reaction…'), id: 'reaction' },
      ],
      { title: vscode.l10n.t('Messages'), ignoreFocusOut: true },
    );
    if (!keep) return;
    if (keep.id === 'pinned') options.pinned = true;
    if (keep.id === 'reaction') {
      const reaction = await vscode.window.showInputBox({ title: vscode.l10n.t('Reaction'), value: 'white_check_mark', ignoreFocusOut: true, validateInput: (v) => (v.trim() ? undefined : vscode.l10n.t('A reaction name, such as white_check_mark')) });
      if (!reaction) return;
      options.reaction = reaction.trim();
    }
  }
  // A second file some sources can read with the first (Kubernetes events: rollout history).
  for (const a of source.attachments ?? []) {
    const choice = await vscode.window.showQuickPick(
      [{ label: vscode.l10n.t('No'), id: 'no' }, { label: vscode.l10n.t('Choose a file…'), id: 'file' }],
      { title: vscode.l10n.t('Also read {0}?', a.title), ignoreFocusOut: true },
    );
    if (!choice) return;
    if (choice.id === 'file') {
      const extra = await vscode.window.showOpenDialog({ canSelectMany: false, canSelectFiles: true, title: a.title });
      if (!extra?.[0]) return;
      options[a.option] = extra[0].fsPath;
    }
  }
  return importInto(editor, title, { source: source.id, file: uri[0].fsPath, options });
}

async function setCredentials(context: vscode.ExtensionContext): Promise<string | undefined> {
  const servers = configuredServers(vscode.window.activeTextEditor?.document.uri);
  const pick = await vscode.window.showQuickPick([...servers.map((s) => ({ label: safeHost(s.url), description: s.name, url: s.url })), { label: vscode.l10n.t('Another server…'), description: '', url: '' }], { title: vscode.l10n.t('Credentials for which server?'), ignoreFocusOut: true });
  if (!pick) return;
  let url = pick.url;
  if (!url) {
    url = (await vscode.window.showInputBox({ title: vscode.l10n.t('Server URL'), placeHolder: 'https://prometheus.example.com', ignoreFocusOut: true, validateInput: (v) => (/^https?:\/\/\S+$/.test(v.trim()) ? undefined : vscode.l10n.t('An http:// or https:// URL')) }))?.trim() ?? '';
    if (!url) return;
  }
  const host = safeHost(url);
  const kind = await vscode.window.showQuickPick([{ label: vscode.l10n.t('Bearer token'), id: 'bearer' }, { label: vscode.l10n.t('Basic auth (user and password)'), id: 'basic' }, { label: vscode.l10n.t('Remove saved credentials'), id: 'remove' }], { title: vscode.l10n.t('Credentials for {0}', host), ignoreFocusOut: true });
  if (!kind) return;
  if (kind.id === 'remove') {
    await context.secrets.delete(secretKey(host));
    return vscode.l10n.t('Credentials for {0} removed.', host);
  }
  let creds: Credentials;
  if (kind.id === 'bearer') {
    const token = await vscode.window.showInputBox({ title: vscode.l10n.t('Bearer token for {0}', host), password: true, ignoreFocusOut: true });
    if (!token) return;
    creds = { kind: 'bearer', token };
  } else {
    const username = await vscode.window.showInputBox({ title: vscode.l10n.t('User for {0}', host), ignoreFocusOut: true });
    if (!username) return;
    const password = await vscode.window.showInputBox({ title: vscode.l10n.t('Password for {0}', `${username}@${host}`), password: true, ignoreFocusOut: true });
    if (password === undefined) return;
    creds = { kind: 'basic', username, password };
  }
  await context.secrets.store(secretKey(host), JSON.stringify(creds));
  return vscode.l10n.t("Credentials saved for {0} (in VS Code's secret storage; sent to {0} only).", host);
}

/**
 * What the commands use of vscode-languageclient, handed over by the extension's bundle: this file
 * is bundled apart (dist/client-commands.js, loaded on a command's first run) and must use the
 * client's own classes (`instanceof ResponseError`) without a second copy of the library.
 */
export interface LanguageClientApi {
  ExecuteCommandRequest: typeof ExecuteCommandRequest;
  ResponseError: typeof ResponseError;
  WorkDoneProgress: typeof WorkDoneProgress;
}

let languageClient: () => LanguageClient | undefined = () => undefined;
let api: LanguageClientApi;

const COMMANDS: Record<ImportCommandId, (context: vscode.ExtensionContext) => Promise<void>> = {
  'postmortem.importPrometheusRange': (context) => run(vscode.l10n.t('Import Prometheus range'), () => importPrometheusRange(context)),
  'postmortem.importAlertHistory': (context) => run(vscode.l10n.t('Import alert history'), () => importAlertHistory(context)),
  'postmortem.importLogs': () => run(vscode.l10n.t('Import logs'), () => importLogsCommand()),
  'postmortem.importFromSource': () => run(vscode.l10n.t('Import incident data'), () => importFromSource()),
  'postmortem.setPrometheusCredentials': (context) => run(vscode.l10n.t('Set Prometheus credentials'), () => setCredentials(context)),
};

/** Runs the import command `id` (registered by the extension under that id). */
export function runImportCommand(id: ImportCommandId, context: vscode.ExtensionContext, client: () => LanguageClient | undefined, lc: LanguageClientApi): Promise<void> {
  languageClient = client;
  api = lc;
  return COMMANDS[id](context);
}
