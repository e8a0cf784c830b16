// Helpers for the in-host suite (runs inside the VS Code extension host, real API).
import * as vscode from 'vscode';
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, readFileSync, readdirSync } from 'node:fs';

export const EXTENSION_ID = 'postmortem-tools.postmortem-lint';

export async function waitFor<T>(what: string, fn: () => T | undefined | false | Promise<T | undefined | false>, timeoutMs = 60000, intervalMs = 100): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const v = await fn();
      if (v) return v;
    } catch (e) {
      last = e;
    }
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${last ? `: ${last instanceof Error ? last.message : String(last)}` : ''}`);
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}

export function workspaceRoot(): vscode.Uri {
  const f = vscode.workspace.workspaceFolders?.[0];
  if (!f) throw new Error('the suite needs a workspace folder (see test/e2e/workspace.ts)');
  return f.uri;
}

export function wsUri(rel: string): vscode.Uri {
  return vscode.Uri.joinPath(workspaceRoot(), rel);
}

let copies = 0;

/** Opens a fresh copy of a workspace file, so a test's edits never leak into the next test. */
export async function openCopy(rel: string): Promise<vscode.TextEditor> {
  copies += 1;
  const src = wsUri(rel);
  const name = `copy-${copies}-${rel.split('/').pop()}`;
  const dst = vscode.Uri.joinPath(src, '..', name);
  copyFileSync(src.fsPath, dst.fsPath);
  return open(vscode.workspace.asRelativePath(dst, false));
}

export async function open(rel: string): Promise<vscode.TextEditor> {
  const doc = await vscode.workspace.openTextDocument(wsUri(rel));
  return vscode.window.showTextDocument(doc, { preview: false });
}

export function ours(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'postmortem');
}

export function codeOf(d: vscode.Diagnostic): string {
  const c = d.code;
  if (c === undefined) return '';
  return typeof c === 'object' ? String(c.value) : String(c);
}

export function describe(ds: vscode.Diagnostic[]): string {
  return ds.map((d) => `${d.range.start.line + 1}:${d.range.start.character + 1} ${codeOf(d)}`).join(', ') || '(none)';
}

export function waitForDiagnostics(uri: vscode.Uri, what: string, pred: (ds: vscode.Diagnostic[]) => boolean, timeoutMs = 60000): Promise<vscode.Diagnostic[]> {
  return waitFor(what, () => {
    const ds = ours(uri);
    return pred(ds) ? ds : undefined;
  }, timeoutMs).catch((e: Error) => {
    throw new Error(`${e.message}; diagnostics now: ${describe(ours(uri))}`);
  });
}

/** Code actions as the editor asks for them; polled, since the first answer can lag the text. */
export async function codeActions(uri: vscode.Uri, range: vscode.Range, kind: string, want: (a: vscode.CodeAction[]) => boolean, timeoutMs = 30000): Promise<vscode.CodeAction[]> {
  let last: vscode.CodeAction[] = [];
  return waitFor(`code actions of kind ${kind}`, async () => {
    last = (await vscode.commands.executeCommand<(vscode.CodeAction | vscode.Command)[]>('vscode.executeCodeActionProvider', uri, range, kind)) as vscode.CodeAction[] ?? [];
    last = last.filter((a) => 'title' in a && a.kind !== undefined);
    return want(last) ? last : undefined;
  }, timeoutMs).catch((e: Error) => {
    throw new Error(`${e.message}; offered: ${last.map((a) => a.title).join(' | ') || '(none)'}`);
  });
}

export async function applyAction(a: vscode.CodeAction): Promise<void> {
  if (a.edit) {
    const ok = await vscode.workspace.applyEdit(a.edit);
    if (!ok) throw new Error(`applyEdit refused "${a.title}"`);
  }
  if (a.command) await vscode.commands.executeCommand(a.command.command, ...(a.command.arguments ?? []));
  if (!a.edit && !a.command) throw new Error(`"${a.title}" has neither edit nor command`);
}

export interface Expectation { line: number; column?: number; rule: string }

/** The trailing `<!-- postmortem-expect ... -->` block of a fixture (format of test/helpers/fixtures.ts). */
export function expectationsOf(path: string): { expected: Expectation[]; config?: Record<string, unknown> } {
  const text = readFileSync(path, 'utf8');
  const m = /<!--\s*postmortem-expect\s*\n([\s\S]*?)-->\s*$/.exec(text);
  const expected: Expectation[] = [];
  for (const raw of (m?.[1] ?? '').split('\n')) {
    const l = raw.trim();
    if (!l || l.startsWith('#')) continue;
    const e = /^(\d+)(?::(\d+))?\s+([a-z-]+)$/.exec(l);
    if (e) expected.push({ line: +e[1], column: e[2] ? +e[2] : undefined, rule: e[3] });
  }
  const c = /<!--\s*postmortem-config\s+(\{[\s\S]*?\})\s*-->/.exec(text);
  return { expected, config: c ? (JSON.parse(c[1]) as Record<string, unknown>) : undefined };
}

/** Child processes of this extension host whose command line mentions `needle`. */
export function childProcesses(needle: string): number[] {
  const procs: { pid: number; ppid: number; cmd: string }[] = [];
  if (existsSync('/proc/self/stat')) {
    for (const name of readdirSync('/proc')) {
      if (!/^\d+$/.test(name)) continue;
      try {
        const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
        const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
        procs.push({ pid: Number(name), ppid, cmd: readFileSync(`/proc/${name}/cmdline`, 'utf8').replace(/\0/g, ' ') });
      } catch {
        /* the process ended meanwhile */
      }
    }
  } else {
    // macOS and other systems without /proc (the desktop VS Code entry point).
    const out = execFileSync('ps', ['-A', '-o', 'pid=,ppid=,command='], { encoding: 'utf8' });
    for (const line of out.split('\n')) {
      const m = /^\s*(\d+)\s+(\d+)\s+(.*)$/.exec(line);
      if (m) procs.push({ pid: Number(m[1]), ppid: Number(m[2]), cmd: m[3] });
    }
  }
  return procs.filter((p) => p.ppid === process.pid && p.cmd.includes(needle)).map((p) => p.pid);
}
