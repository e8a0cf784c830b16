// Drives the language server (`node dist/server.js --stdio`) the way an editor does, over stdio
// JSON-RPC, and measures: time from didOpen to the first diagnostics, time from a one-character
// edit to the diagnostics of that version, and resident memory (VmRSS) while holding a report.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

export class LspClient {
  constructor(serverPath, nodeArgs = []) {
    this.proc = spawn(process.execPath, [...nodeArgs, serverPath, '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'] });
    this.buf = Buffer.alloc(0);
    this.nextId = 1;
    this.pending = new Map();
    this.waiters = [];
    this.proc.stdout.on('data', (d) => this.onData(d));
  }

  get pid() {
    return this.proc.pid;
  }

  onData(d) {
    this.buf = Buffer.concat([this.buf, d]);
    for (;;) {
      const sep = this.buf.indexOf('\r\n\r\n');
      if (sep < 0) return;
      const m = /Content-Length: (\d+)/i.exec(this.buf.subarray(0, sep).toString('ascii'));
      const len = Number(m[1]);
      if (this.buf.length < sep + 4 + len) return;
      const msg = JSON.parse(this.buf.subarray(sep + 4, sep + 4 + len).toString('utf8'));
      this.buf = this.buf.subarray(sep + 4 + len);
      this.onMessage(msg);
    }
  }

  onMessage(msg) {
    if (msg.id !== undefined && msg.method) {
      // A request from the server (configuration, registrations): answer with nothing.
      this.send({ jsonrpc: '2.0', id: msg.id, result: null });
      return;
    }
    if (msg.id !== undefined) {
      const p = this.pending.get(msg.id);
      this.pending.delete(msg.id);
      if (p) p(msg);
      return;
    }
    if (msg.method === 'textDocument/publishDiagnostics') {
      const at = performance.now();
      this.waiters = this.waiters.filter((w) => {
        if (w.uri === msg.params.uri && (w.version === undefined || msg.params.version === w.version)) {
          w.resolve({ at, diagnostics: msg.params.diagnostics });
          return false;
        }
        return true;
      });
    }
  }

  send(msg) {
    const body = Buffer.from(JSON.stringify(msg), 'utf8');
    this.proc.stdin.write(`Content-Length: ${body.length}\r\n\r\n`);
    this.proc.stdin.write(body);
  }

  request(method, params) {
    const id = this.nextId++;
    return new Promise((resolve) => {
      this.pending.set(id, resolve);
      this.send({ jsonrpc: '2.0', id, method, params });
    });
  }

  notify(method, params) {
    this.send({ jsonrpc: '2.0', method, params });
  }

  diagnostics(uri, version, timeoutMs = 60000) {
    return new Promise((resolve, reject) => {
      const t = setTimeout(() => reject(new Error(`no diagnostics for ${uri} v${version} in ${timeoutMs} ms`)), timeoutMs);
      this.waiters.push({ uri, version, resolve: (v) => (clearTimeout(t), resolve(v)) });
    });
  }

  async initialize(rootUri) {
    await this.request('initialize', { processId: process.pid, rootUri, capabilities: { textDocument: { publishDiagnostics: { versionSupport: true } } }, workspaceFolders: [{ uri: rootUri, name: 'bench' }] });
    this.notify('initialized', {});
  }

  async shutdown() {
    await this.request('shutdown', null);
    this.notify('exit', null);
    await new Promise((r) => this.proc.once('exit', r));
  }
}

export function rssMiB(pid) {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const m = /VmRSS:\s+(\d+) kB/.exec(status);
  return m ? Number(m[1]) / 1024 : NaN;
}

/**
 * Positions to edit, over every kind of block in turn: timeline rows' event cells, list items (the
 * Contributing Factors list), action items' action cells, prose paragraphs, headings. Within each
 * kind the edits are spread evenly from its first line to its last (`rand` only shifts them a
 * little), so a long table or list is typed into at its top, middle and end.
 */
export function editTargets(text, count, rand) {
  const lines = text.split('\n');
  const rows = [];
  const actions = [];
  const prose = [];
  const items = [];
  const headings = [];
  let section = '';
  lines.forEach((l, i) => {
    if (/^##\s/.test(l)) {
      section = l;
      headings.push(i);
    } else if (/^- /.test(l)) items.push(i);
    else if (/^\| (?:\d{4}-|\d{2}:)/.test(l)) rows.push(i);
    else if (/^\| AI-/.test(l)) actions.push(i);
    else if (/^[A-Z][a-z]/.test(l) && !/Timeline|Action/.test(section)) prose.push(i);
  });
  const out = [];
  const kinds = [
    ['timeline row', rows],
    ['list item', items],
    ['action item', actions],
    ['paragraph', prose],
    ['heading', headings],
  ].filter(([, pool]) => pool.length);
  const perKind = Math.ceil(count / kinds.length);
  for (let k = 0; k < count; k++) {
    const [kind, pool] = kinds[k % kinds.length];
    const j = Math.floor(k / kinds.length);
    const line = pool[Math.min(pool.length - 1, Math.floor(((j + 0.25 + rand() / 2) * pool.length) / perKind))];
    // Inside the second cell of a table row, or in the middle of a paragraph.
    // A heading is typed at its end (a new word), so it stays the section it was.
    const character = kind === 'paragraph' || kind === 'list item' ? Math.floor(lines[line].length / 2) : kind === 'heading' ? lines[line].length : lines[line].indexOf('|', 2) + 3;
    out.push({ kind, line, character });
  }
  return out;
}

const pct = (xs, p) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)];
};

/** Opens `file`, measures first diagnostics, then `edits` one-character edits (each waited for). */
export async function measureEdits(client, file, edits, rand) {
  const uri = pathToFileURL(file).href;
  const text = readFileSync(file, 'utf8');
  const t0 = performance.now();
  const first = client.diagnostics(uri, 1);
  client.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version: 1, text } });
  const { at, diagnostics } = await first;
  const openMs = at - t0;
  const targets = editTargets(text, edits, rand);
  const byKind = {};
  const all = [];
  let version = 1;
  let prevTarget;
  for (const tg of targets) {
    version++;
    // Alternate typing a character and deleting it again, so the report stays the same size.
    const insert = version % 2 === 0;
    const change = insert
      ? { range: { start: { line: tg.line, character: tg.character }, end: { line: tg.line, character: tg.character } }, text: 'x' }
      : { range: { start: { line: prevTarget.line, character: prevTarget.character }, end: { line: prevTarget.line, character: prevTarget.character + 1 } }, text: '' };
    const target = insert ? tg : prevTarget;
    prevTarget = tg;
    const wait = client.diagnostics(uri, version);
    const s = performance.now();
    client.notify('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [change] });
    const r = await wait;
    const ms = r.at - s;
    all.push(ms);
    (byKind[target.kind] ??= []).push(ms);
  }
  client.notify('textDocument/didClose', { textDocument: { uri } });
  const summary = (xs) => ({ n: xs.length, median: pct(xs, 50), p95: pct(xs, 95), max: Math.max(...xs) });
  return { openMs, openDiagnostics: diagnostics.length, edits: summary(all), byKind: Object.fromEntries(Object.entries(byKind).map(([k, v]) => [k, summary(v)])) };
}

/** Opens `file` and reports VmRSS once its diagnostics are published (and again after a GC pause). */
export async function measureMemory(client, file) {
  const uri = pathToFileURL(file).href;
  const text = readFileSync(file, 'utf8');
  const before = rssMiB(client.pid);
  const t0 = performance.now();
  const first = client.diagnostics(uri, 1, 300000);
  client.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version: 1, text } });
  const { at, diagnostics } = await first;
  const afterOpen = rssMiB(client.pid);
  // One edit, so the server holds both the document and its incremental state as when typing.
  const wait = client.diagnostics(uri, 2, 300000);
  const mid = text.indexOf('\n', Math.floor(text.length / 2)) + 3;
  const line = text.slice(0, mid).split('\n').length - 1;
  const s = performance.now();
  client.notify('textDocument/didChange', { textDocument: { uri, version: 2 }, contentChanges: [{ range: { start: { line, character: 3 }, end: { line, character: 3 } }, text: '1' }] });
  const r2 = await wait;
  await new Promise((r) => setTimeout(r, 1000));
  const held = rssMiB(client.pid);
  return { startMiB: before, openMs: at - t0, editMs: r2.at - s, diagnostics: diagnostics.length, afterOpenMiB: afterOpen, heldMiB: held, peakMiB: peakRss(client.pid) };
}

export function peakRss(pid) {
  const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) / 1024 : NaN;
}
