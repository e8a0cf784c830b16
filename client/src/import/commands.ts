// The import commands: pickers, input boxes with history, progress with cancel, credentials in
// SecretStorage, workspace trust. The data work is the engine's (importers, timeline-merge) and
// the node adapters' (HTTP, streaming files); this file only talks to VS Code.
import * as path from 'node:path';
import * as vscode from 'vscode';
import { importLogs, LOG_FORMAT_NAMES, LOG_FORMATS, LEVELS, type Level, type LogFormat, type LogImportResult } from '../../../server/src/engine/importers/logs';
import { chooseStep, formatDurationPromql, parseDurationSeconds } from '../../../server/src/engine/importers/prometheus';
import { ImportError, isoUtc, type TimelineRow } from '../../../server/src/engine/importers/rows';
import { incidentWindow, parseWindowInput, type TimeWindow } from '../../../server/src/engine/importers/window';
import { mergeRows } from '../../../server/src/engine/timeline-merge';
import { buildModel } from '../../../server/src/engine/model';
import { readJsonFile, readLines } from '../../../server/src/node/line-reader';
import { alertRowsFromFile, importAlertmanager, importPromAlerts, importPromRange, promImportFromFile, writeChart, type PromImport } from '../../../server/src/node/imports';
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
 * Inserts rows as ONE edit against the current text. The merge is recomputed from the text the
 * edit is applied to; if the document changes under it, it is tried again, then refused.
 */
async function insertRows(editor: vscode.TextEditor, rows: TimelineRow[], appendBelow?: string[]): Promise<string> {
  const doc = editor.document;
  for (let attempt = 0; attempt < 3; attempt++) {
    const version = doc.version;
    const text = doc.getText();
    const m = mergeRows(text, rows, { appendBelow });
    if (!m.edit) return vscode.l10n.t('Nothing new: all {0} rows are already in the timeline.', m.duplicates);
    if (doc.version !== version) continue;
    const e = m.edit;
    const ok = await editor.edit((b) => b.replace(new vscode.Range(e.range.start.line, e.range.start.character, e.range.end.line, e.range.end.character), e.newText), { undoStopBefore: true, undoStopAfter: true });
    if (!ok) continue;
    const inserted = m.duplicates
      ? m.inserted === 1
        ? vscode.l10n.t('{0} row inserted, {1} already there.', m.inserted, m.duplicates)
        : vscode.l10n.t('{0} rows inserted, {1} already there.', m.inserted, m.duplicates)
      : m.inserted === 1
        ? vscode.l10n.t('{0} row inserted.', m.inserted)
        : vscode.l10n.t('{0} rows inserted.', m.inserted);
    return m.createdSection ? `${inserted} ${vscode.l10n.t('Timeline section created.')}` : inserted;
  }
  throw new ImportError(vscode.l10n.t('The report kept changing while the rows were being inserted, so nothing was inserted. Run the import again.'), 'conflict');
}

async function withProgress<T>(title: string, fn: (signal: AbortSignal, report: (msg: string, increment?: number) => void) => Promise<T>): Promise<T> {
  return vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title, cancellable: true }, async (progress, token) => {
    const ac = new AbortController();
    token.onCancellationRequested(() => ac.abort());
    return fn(ac.signal, (message, increment) => progress.report({ message, increment }));
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

async function importPrometheusRange(context: vscode.ExtensionContext): Promise<string | undefined> {
  const editor = reportEditor();
  const doc = editor.document;
  const from = await vscode.window.showQuickPick([{ label: vscode.l10n.t('Query a Prometheus server'), id: 'server' }, { label: vscode.l10n.t('A saved query_range JSON file'), id: 'file' }], { title: vscode.l10n.t('Import Prometheus range'), ignoreFocusOut: true });
  if (!from) return;
  let imported: PromImport;
  let window: TimeWindow | undefined;
  let query: string | undefined;
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
    query = await historyPick(context, HISTORY_QUERIES, vscode.l10n.t('Query the file came from (for the Source column)'), 'PromQL');
    if (!query) return;
    if (!(await askThreshold())) return;
    imported = promImportFromFile(await readJsonFile(uri[0].fsPath), query, threshold);
    const ts = imported.series.flatMap((s) => s.values.map((v) => v[0] * 1000));
    window = ts.length ? { startMs: Math.min(...ts), endMs: Math.max(...ts) } : undefined;
  } else {
    query = await historyPick(context, HISTORY_QUERIES, vscode.l10n.t('PromQL query'), vscode.l10n.t('e.g. {0}', 'sum by (code) (rate(http_requests_total{job="checkout"}[5m]))'));
    if (!query) return;
    const server = await pickServer(context, doc.uri);
    if (!server) return;
    const w = await askWindow(doc);
    if (!w) return;
    window = w;
    const defStep = chooseStep(w.startMs / 1000, w.endMs / 1000);
    const stepText = await vscode.window.showInputBox({ title: vscode.l10n.t('Step'), prompt: vscode.l10n.t('Resolution (15s, 1m, ...). The default keeps every series under 11,000 points.'), value: formatDurationPromql(defStep), ignoreFocusOut: true, validateInput: (s) => (parseDurationSeconds(s) ? undefined : vscode.l10n.t('A duration such as 15s or 1m')) });
    if (!stepText) return;
    if (!(await askThreshold())) return;
    const q = query;
    imported = await withProgress(vscode.l10n.t('Querying Prometheus'), (signal) => importPromRange({ target: server, query: q, startMs: w.startMs, endMs: w.endMs, stepSec: parseDurationSeconds(stepText), threshold, signal }));
  }
  if (!imported.rows.length) throw new ImportError(imported.notes.join(' ') || vscode.l10n.t('Nothing to insert.'), 'empty');
  let below: string[] | undefined;
  const chartPick = await vscode.window.showQuickPick([{ label: vscode.l10n.t('Insert the rows'), chart: false }, { label: vscode.l10n.t('Insert the rows and an SVG chart'), description: vscode.l10n.t('written beside the report, linked under the timeline'), chart: true }], { title: imported.rows.length === 1 ? vscode.l10n.t('{0} row', 1) : vscode.l10n.t('{0} rows', imported.rows.length), ignoreFocusOut: true });
  if (!chartPick) return;
  if (chartPick.chart && window) {
    if (doc.uri.scheme !== 'file') throw new ImportError(vscode.l10n.t('Save the report first: the chart is written to a folder beside it.'), 'usage');
    const model = buildModel(doc.getText());
    const marks = [...model.timeline.entries.filter((e) => e.epoch !== undefined && e.dated).map((e) => ({ epochMs: e.epoch! * 1000, label: e.event?.text ?? e.timeText })), ...imported.rows.map((r) => ({ epochMs: r.epochMs, label: r.event }))];
    below = [writeChart(doc.uri.fsPath, imported.series, { query: query!, startMs: window.startMs, endMs: window.endMs, marks, threshold }).markdown];
  }
  const msg = await insertRows(editor, imported.rows, below);
  return [msg, ...imported.notes].join(' ');
}

async function importAlertHistory(context: vscode.ExtensionContext): Promise<string | undefined> {
  const editor = reportEditor();
  const doc = editor.document;
  const from = await vscode.window.showQuickPick(
    [
      { label: vscode.l10n.t('Prometheus ALERTS'), description: vscode.l10n.t('pending, firing and resolved times in the window'), id: 'prometheus' },
      { label: vscode.l10n.t('Alertmanager'), description: vscode.l10n.t('current alerts from /api/v2/alerts'), id: 'alertmanager' },
      { label: vscode.l10n.t('A saved file'), description: vscode.l10n.t('amtool alert query -o json, /api/v2/alerts, or an ALERTS query result'), id: 'file' },
    ],
    { title: vscode.l10n.t('Import alert history'), ignoreFocusOut: true },
  );
  if (!from) return;
  let rows: TimelineRow[];
  if (from.id === 'file') {
    const uri = await vscode.window.showOpenDialog({ canSelectMany: false, filters: { JSON: ['json'] }, title: vscode.l10n.t('Alert file') });
    if (!uri?.[0]) return;
    rows = alertRowsFromFile(await readJsonFile(uri[0].fsPath));
  } else if (from.id === 'alertmanager') {
    const url = await historyPick(context, HISTORY_ALERTMANAGER, vscode.l10n.t('Alertmanager URL'), 'http://127.0.0.1:9093');
    if (!url) return;
    if (!/^https?:\/\//.test(url)) throw new ImportError(vscode.l10n.t('"{0}" is not an http:// or https:// URL.', url), 'usage');
    const host = safeHost(url);
    const saved = await context.secrets.get(secretKey(host));
    rows = await withProgress(vscode.l10n.t('Reading Alertmanager'), (signal) => importAlertmanager({ url, credentials: saved ? (JSON.parse(saved) as Credentials) : undefined, credentialsHost: host }, { signal }));
  } else {
    const server = await pickServer(context, doc.uri);
    if (!server) return;
    const w = await askWindow(doc);
    if (!w) return;
    rows = await withProgress(vscode.l10n.t('Reading ALERTS from Prometheus'), (signal) => importPromAlerts(server, w.startMs, w.endMs, { signal }));
  }
  if (!rows.length) throw new ImportError(vscode.l10n.t('There are no alerts in the answer.'), 'empty');
  return insertRows(editor, rows);
}

async function importLogsCommand(): Promise<string | undefined> {
  const editor = reportEditor();
  const doc = editor.document;
  const others = vscode.window.visibleTextEditors.filter((e) => e.document !== doc);
  const source = await vscode.window.showQuickPick(
    [{ label: vscode.l10n.t('A log file…'), id: 'file' }, ...others.map((e) => ({ label: vscode.l10n.t('Open editor: {0}', path.basename(e.document.fileName)), id: 'editor', doc: e.document }))],
    { title: vscode.l10n.t('Import logs from'), ignoreFocusOut: true },
  );
  if (!source) return;
  let lines: () => AsyncIterable<string> | Iterable<string>;
  let label: string;
  let onBytes: ((read: number, total: number) => void) | undefined;
  if (source.id === 'file') {
    const uri = await vscode.window.showOpenDialog({ canSelectMany: false, title: vscode.l10n.t('Log file') });
    if (!uri?.[0]) return;
    const p = uri[0].fsPath;
    label = path.basename(p);
    lines = () => readLines(p, { onBytes: (r, t) => onBytes?.(r, t) });
  } else {
    const d = (source as { doc: vscode.TextDocument }).doc;
    label = path.basename(d.fileName);
    lines = function* () {
      for (let i = 0; i < d.lineCount; i++) yield d.lineAt(i).text;
    };
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
  const zone = 'UTC';
  const model = buildModel(doc.getText());
  const res = await withProgress(vscode.l10n.t('Reading {0}', label), async (signal, report) => {
    let last = 0;
    onBytes = (read, total) => {
      const pct = total ? Math.floor((read / total) * 100) : 0;
      if (pct > last) {
        report(`${pct}%`, pct - last);
        last = pct;
      }
    };
    return importLogs(lines(), { format: fmt.id, grep: grep || undefined, minLevel: lvl.id, window: w ?? undefined, zone, sourceLabel: label, referenceMs: model.incidentDate ? Date.parse(model.incidentDate + 'T00:00:00Z') : undefined, signal, maxRows: 2000 });
  });
  if (!res.rows.length) throw new ImportError(vscode.l10n.t('No line matched ({0} lines read, {1} in the {2} format).', res.linesRead, res.parsed, res.format), 'empty');
  const picks = await vscode.window.showQuickPick(
    res.rows.map((r) => ({ label: `${isoUtc(r.epochMs)}  ${r.event.replace(/\\([\\|`])/g, '$1')}`, description: r.source, picked: true, row: r })),
    { canPickMany: true, title: candidatesTitle(res), ignoreFocusOut: true, matchOnDescription: true },
  );
  if (!picks?.length) return;
  return insertRows(editor, picks.map((p) => p.row));
}

function candidatesTitle(res: LogImportResult): string {
  let title = vscode.l10n.t('{0} candidate rows from {1} matching lines', res.rows.length, res.matched);
  if (res.truncated) title += ' ' + vscode.l10n.t('({0} more left out: narrow the filter)', res.truncated);
  if (res.zoneAssumed) title += '; ' + vscode.l10n.t('times without a zone read as {0}', res.zoneAssumed);
  return title;
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

export function registerImportCommands(context: vscode.ExtensionContext): void {
  context.subscriptions.push(
    vscode.commands.registerCommand('postmortem.importPrometheusRange', () => run(vscode.l10n.t('Import Prometheus range'), () => importPrometheusRange(context))),
    vscode.commands.registerCommand('postmortem.importAlertHistory', () => run(vscode.l10n.t('Import alert history'), () => importAlertHistory(context))),
    vscode.commands.registerCommand('postmortem.importLogs', () => run(vscode.l10n.t('Import logs'), () => importLogsCommand())),
    vscode.commands.registerCommand('postmortem.setPrometheusCredentials', () => run(vscode.l10n.t('Set Prometheus credentials'), () => setCredentials(context))),
  );
}
