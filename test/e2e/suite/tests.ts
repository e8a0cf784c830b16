// The in-host suite: runs inside the VS Code extension host against the real extension, its real
// language server and the real VS Code API. Started by test/e2e/in-host.test.ts (code-server) or
// test/e2e/electron/run.ts (@vscode/test-electron with a desktop VS Code download).
import * as vscode from 'vscode';
import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, join, relative } from 'node:path';
import {
  EXTENSION_ID, applyAction, childProcesses, codeActions, codeOf, expectationsOf, open, openCopy, ours, waitFor,
  waitForDiagnostics, workspaceRoot,
} from './util';
import type { ExtensionApi } from '../../../client/src/extension';

export interface TestCase { title: string; fn: () => Promise<void> }
export interface SuiteCase { title: string; tests: TestCase[]; after?: () => Promise<void> }

const SERVER_NEEDLE = 'dist/server.js';

function listMarkdown(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...listMarkdown(p));
    else if (name.endsWith('.md')) out.push(p);
  }
  return out;
}

/** Closes every editor, dropping unsaved changes (no save prompt can block the suite). */
async function closeAll(): Promise<void> {
  for (const doc of vscode.workspace.textDocuments) {
    if (!doc.isDirty) continue;
    await vscode.window.showTextDocument(doc);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  }
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
}

/** Text edits of one file, as a WorkspaceEdit, applied through the editor like typing would be. */
async function replaceText(doc: vscode.TextDocument, find: string, replacement: string): Promise<void> {
  const at = doc.getText().indexOf(find);
  assert.ok(at >= 0, `"${find}" not in ${doc.uri.fsPath}`);
  const edit = new vscode.WorkspaceEdit();
  edit.replace(doc.uri, new vscode.Range(doc.positionAt(at), doc.positionAt(at + find.length)), replacement);
  assert.ok(await vscode.workspace.applyEdit(edit));
}

/** The extension's API (activating it if needed): the status bar item's state, for the tests. */
async function extensionApi(): Promise<ExtensionApi> {
  const ext = vscode.extensions.getExtension<ExtensionApi>(EXTENSION_ID);
  assert.ok(ext, `${EXTENSION_ID} is not installed in this extension host`);
  return ext.isActive ? ext.exports : ext.activate();
}

function timelineTimes(text: string): string[] {
  return text.split('\n').filter((l) => /^\| \d\d:\d\d \|/.test(l)).map((l) => l.slice(2, 7));
}

export function suites(): SuiteCase[] {
  const root = workspaceRoot().fsPath;
  // A fixture's own config (and the Japanese locale of *.ja.md) goes into a .postmortemrc.json
  // beside a copy of it, as a team would configure a folder of reports. The folder is named
  // postmortems/, as such folders are, so the server checks each copy whatever its title or
  // structure (a look-alike fixture may have neither a report's title nor a timeline).
  const fixtures = listMarkdown(join(root, 'fixtures'))
    .map((p) => ({ path: p, ...expectationsOf(p) }))
    .filter((f) => f.expected.length > 0)
    .map((f, i) => {
      const ja = f.path.endsWith('.ja.md');
      if (!f.config && !ja) return { ...f, rel: relative(root, f.path), label: relative(root, f.path) };
      const dir = join(root, 'postmortems', String(i));
      mkdirSync(dir, { recursive: true });
      copyFileSync(f.path, join(dir, basename(f.path)));
      writeFileSync(join(dir, '.postmortemrc.json'), JSON.stringify({ ...f.config, ...(ja ? { locale: 'ja' } : {}) }, null, 2));
      return { ...f, rel: relative(root, join(dir, basename(f.path))), label: `${relative(root, f.path)} (with .postmortemrc.json)` };
    });

  return [
    {
      title: 'activation',
      tests: [
        {
          title: 'the extension activates on a Markdown post-mortem and registers its commands',
          fn: async () => {
            await open('sample-postmortem.md');
            const ext = vscode.extensions.getExtension(EXTENSION_ID);
            assert.ok(ext, `${EXTENSION_ID} is not installed in this extension host`);
            await waitFor('activation', () => ext.isActive, 60000);
            const commands = await vscode.commands.getCommands(true);
            for (const id of ['postmortem.restartServer', 'postmortem.newReport', 'postmortem.fixAll', 'postmortem.openConfig', 'postmortem.toggleLinting']) assert.ok(commands.includes(id), `command ${id} is missing`);
            await waitFor('a language server process', () => childProcesses(SERVER_NEEDLE).length === 1, 60000);
          },
        },
      ],
    },
    {
      title: 'diagnostics on fixture reports',
      after: closeAll,
      tests: fixtures.map((f) => ({
        title: `${f.label}: ${[...new Set(f.expected.map((e) => e.rule))].join(', ')}`,
        fn: async () => {
          const editor = await open(f.rel);
          const want = f.expected.map((e) => `${e.line}${e.column ? `:${e.column}` : ''} ${e.rule}`).sort();
          const got = (ds: vscode.Diagnostic[]) =>
            ds.map((d) => {
              const e = f.expected.find((x) => x.line === d.range.start.line + 1 && x.rule === codeOf(d) && x.column !== undefined);
              return `${d.range.start.line + 1}${e ? `:${d.range.start.character + 1}` : ''} ${codeOf(d)}`;
            }).sort();
          const ds = await waitForDiagnostics(editor.document.uri, `diagnostics ${want.join(', ')}`, (d) => JSON.stringify(got(d)) === JSON.stringify(want), 30000);
          for (const d of ds) {
            assert.equal(d.source, 'postmortem');
            const code = d.code as { value: string; target: vscode.Uri };
            assert.equal(typeof code, 'object', 'code carries a link to the rule docs');
            assert.match(code.target.path, new RegExp(`/docs/rules/${code.value}\\.md$`));
          }
        },
      })),
    },
    {
      title: 'quick fixes',
      after: closeAll,
      tests: [
        {
          title: 'the timeline-order quick fix sorts the rows and the finding clears',
          fn: async () => {
            const editor = await openCopy('e2e/unsorted-timeline.md');
            const uri = editor.document.uri;
            const [d] = await waitForDiagnostics(uri, 'timeline-order', (ds) => ds.some((x) => codeOf(x) === 'timeline-order'));
            const order = ours(uri).find((x) => codeOf(x) === 'timeline-order') ?? d;
            const actions = await codeActions(uri, order.range, 'quickfix', (as) => as.some((a) => a.title === 'Sort timeline by time'));
            const sort = actions.find((a) => a.title === 'Sort timeline by time')!;
            assert.equal(sort.kind?.value, 'quickfix');
            assert.equal(sort.isPreferred, true);
            await applyAction(sort);
            assert.deepEqual(timelineTimes(editor.document.getText()), ['09:10', '09:25', '09:40', '10:05']);
            await waitForDiagnostics(uri, 'timeline-order to clear', (ds) => !ds.some((x) => codeOf(x) === 'timeline-order'));
          },
        },
        {
          title: 'source.fixAll.postmortem fixes every safe finding at once',
          fn: async () => {
            const editor = await openCopy('e2e/fix-all.md');
            const uri = editor.document.uri;
            await waitForDiagnostics(uri, 'timeline-order and duplicate-action-id', (ds) =>
              ds.some((x) => codeOf(x) === 'timeline-order') && ds.some((x) => codeOf(x) === 'duplicate-action-id'));
            const whole = new vscode.Range(0, 0, editor.document.lineCount, 0);
            const actions = await codeActions(uri, whole, 'source.fixAll.postmortem', (as) => as.length > 0);
            assert.equal(actions.length, 1, actions.map((a) => a.title).join(' | '));
            assert.ok(actions[0].kind?.value.startsWith('source.fixAll'));
            await applyAction(actions[0]);
            const text = editor.document.getText();
            assert.deepEqual(timelineTimes(text), ['14:05', '14:08', '14:12', '14:30']);
            assert.equal((text.match(/^\| AI-1 \|/gm) ?? []).length, 1, text);
            await waitForDiagnostics(uri, 'all findings to clear', (ds) => ds.length === 0);
          },
        },
      ],
    },
    {
      title: 'settings',
      after: async () => {
        await vscode.workspace.getConfiguration('postmortem').update('rules', undefined, vscode.ConfigurationTarget.Workspace);
        await vscode.workspace.getConfiguration('postmortem').update('enable', undefined, vscode.ConfigurationTarget.Workspace);
        await closeAll();
      },
      tests: [
        {
          title: 'changing postmortem.rules re-checks open documents (off, then error)',
          fn: async () => {
            const editor = await openCopy('e2e/unsorted-timeline.md');
            const uri = editor.document.uri;
            const has = (ds: vscode.Diagnostic[]) => ds.find((x) => codeOf(x) === 'timeline-order');
            await waitForDiagnostics(uri, 'timeline-order', (ds) => !!has(ds));
            const cfg = () => vscode.workspace.getConfiguration('postmortem');
            await cfg().update('rules', { 'timeline-order': 'off' }, vscode.ConfigurationTarget.Workspace);
            await waitForDiagnostics(uri, 'timeline-order to go when the rule is off', (ds) => !has(ds));
            await cfg().update('rules', { 'timeline-order': 'error' }, vscode.ConfigurationTarget.Workspace);
            const ds = await waitForDiagnostics(uri, 'timeline-order back as an error', (d) => has(d)?.severity === vscode.DiagnosticSeverity.Error);
            assert.equal(has(ds)!.severity, vscode.DiagnosticSeverity.Error);
          },
        },
        {
          title: 'postmortem.enable false clears the diagnostics, true brings them back',
          fn: async () => {
            const editor = await openCopy('e2e/unsorted-timeline.md');
            const uri = editor.document.uri;
            await waitForDiagnostics(uri, 'findings', (ds) => ds.length > 0);
            await vscode.workspace.getConfiguration('postmortem').update('enable', false, vscode.ConfigurationTarget.Workspace);
            await waitForDiagnostics(uri, 'no findings when disabled', (ds) => ds.length === 0);
            await vscode.workspace.getConfiguration('postmortem').update('enable', undefined, vscode.ConfigurationTarget.Workspace);
            await waitForDiagnostics(uri, 'findings again', (ds) => ds.length > 0);
          },
        },
      ],
    },
    {
      title: 'commands',
      after: closeAll,
      tests: [
        {
          title: 'postmortem.newReport opens the template as a new Markdown document',
          fn: async () => {
            const uri = await vscode.commands.executeCommand<string>('postmortem.newReport', 'en');
            const editor = await waitFor('the new report editor', () => {
              const e = vscode.window.activeTextEditor;
              return e && e.document.uri.toString() === uri && /## Action Items/.test(e.document.getText()) ? e : undefined;
            });
            assert.equal(editor.document.languageId, 'markdown');
            assert.match(editor.document.getText(), /^# /);
            assert.match(editor.document.getText(), /## Timeline/);
            await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
          },
        },
        {
          title: 'Open action items lists the workspace\'s open items from the server, overdue first, and opens the picked row',
          fn: async () => {
            const api = (await vscode.extensions.getExtension(EXTENSION_ID)!.activate()) as { getClient: () => { sendRequest<R>(method: string, params: unknown): Promise<R> } | undefined };
            const { items } = await api.getClient()!.sendRequest<{ items: { uri: string; range: vscode.Range; overdue: boolean; open: boolean }[] }>('postmortem/actionItems', { open: true });
            assert.ok(items.length > 0 && items.every((e) => e.open));
            assert.ok(items[0].overdue, 'the workspace pins today, so its fixtures have overdue items, and they come first');
            const picked = vscode.commands.executeCommand<{ uri: string; range: vscode.Range } | undefined>('postmortem.openActionItems');
            let done = false;
            void picked.then(() => (done = true));
            // The quick pick opens with the first item active: accept it as a person pressing Enter would.
            await waitFor('the quick pick to take the first item', async () => {
              if (!done) await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
              return done;
            }, 30000, 300);
            const entry = await picked;
            assert.ok(entry);
            assert.deepEqual([entry.uri, entry.range.start.line], [items[0].uri, items[0].range.start.line]);
            const editor = await waitFor('the report opened at the row', () => {
              const e = vscode.window.activeTextEditor;
              return e && e.document.uri.toString() === entry.uri && e.selection.start.line === entry.range.start.line ? e : undefined;
            });
            assert.equal(editor.selection.end.line, entry.range.start.line);
            await closeAll();
          },
        },
        {
          title: 'postmortem.restartServer starts a new server process that checks documents',
          fn: async () => {
            const editor = await openCopy('e2e/unsorted-timeline.md');
            const uri = editor.document.uri;
            await waitForDiagnostics(uri, 'findings', (ds) => ds.length > 0);
            const [before] = await waitFor('one server process', () => {
              const p = childProcesses(SERVER_NEEDLE);
              return p.length === 1 ? p : undefined;
            });
            await vscode.commands.executeCommand('postmortem.restartServer');
            await waitFor('a new server process', () => {
              const p = childProcesses(SERVER_NEEDLE);
              return p.length === 1 && p[0] !== before;
            });
            await replaceText(editor.document, '| 09:10 |', '| 09:50 |');
            await waitForDiagnostics(uri, 'the restarted server to check the edit', (ds) => ds.filter((x) => codeOf(x) === 'timeline-order').length === 2);
            await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
          },
        },
      ],
    },
    {
      title: 'linter commands and status bar',
      after: async () => {
        await vscode.workspace.getConfiguration('postmortem').update('enable', undefined, vscode.ConfigurationTarget.Workspace);
        await closeAll();
      },
      tests: [
        {
          title: "the status bar shows the report's counts by severity and opens the Problems view",
          fn: async () => {
            const api = await extensionApi();
            const editor = await openCopy('e2e/unsorted-timeline.md');
            const uri = editor.document.uri;
            const ds = await waitForDiagnostics(uri, 'findings', (d) => d.some((x) => codeOf(x) === 'timeline-order'));
            const n = (s: vscode.DiagnosticSeverity) => ours(uri).filter((d) => d.severity === s).length;
            const want = () => {
              const parts = [[vscode.DiagnosticSeverity.Error, 'error'], [vscode.DiagnosticSeverity.Warning, 'warning'], [vscode.DiagnosticSeverity.Information, 'info']]
                .filter(([s]) => n(s as vscode.DiagnosticSeverity) > 0).map(([s, icon]) => `$(${icon}) ${n(s as vscode.DiagnosticSeverity)}`);
              return `Post-Mortem: ${parts.join(' ')}`;
            };
            assert.ok(ds.length > 0);
            const shown = await waitFor('the status bar to show the counts', () => (api.status().text === want() ? api.status() : undefined));
            assert.equal(shown.visible, true);
            assert.equal(shown.command, 'workbench.actions.view.problems');
            assert.match(shown.tooltip, new RegExp(`^${n(vscode.DiagnosticSeverity.Error)} errors, ${n(vscode.DiagnosticSeverity.Warning)} warnings, ${n(vscode.DiagnosticSeverity.Information)} infos in this report`));
            await vscode.commands.executeCommand(shown.command);
            // A Markdown file that is not a post-mortem: no item.
            const notes = join(workspaceRoot().fsPath, 'notes.md');
            writeFileSync(notes, '# Meeting notes\n\nNothing to see.\n');
            await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(vscode.Uri.file(notes)));
            await waitFor('the status bar item to hide on a Markdown file that is not a report', () => !api.status().visible);
            await vscode.window.showTextDocument(editor.document);
            await waitFor('the status bar item back on the report', () => api.status().text === want());
          },
        },
        {
          title: 'Fix all post-mortem findings applies the server fix-all and the status bar turns clean',
          fn: async () => {
            const api = await extensionApi();
            const editor = await openCopy('e2e/fix-all.md');
            const uri = editor.document.uri;
            await waitForDiagnostics(uri, 'timeline-order and duplicate-action-id', (ds) =>
              ds.some((x) => codeOf(x) === 'timeline-order') && ds.some((x) => codeOf(x) === 'duplicate-action-id'));
            assert.equal(await vscode.commands.executeCommand<boolean>('postmortem.fixAll'), true);
            const text = editor.document.getText();
            assert.deepEqual(timelineTimes(text), ['14:05', '14:08', '14:12', '14:30']);
            assert.equal((text.match(/^\| AI-1 \|/gm) ?? []).length, 1, text);
            await waitForDiagnostics(uri, 'all findings to clear', (ds) => ds.length === 0);
            await waitFor('a clean status bar', () => api.status().text === 'Post-Mortem: $(check)');
            // Nothing left: the command says so and changes nothing.
            assert.equal(await vscode.commands.executeCommand<boolean>('postmortem.fixAll'), false);
            assert.equal(editor.document.getText(), text);
          },
        },
        {
          title: 'Toggle post-mortem linting turns checking off (diagnostics clear, status bar says so) and on again',
          fn: async () => {
            const api = await extensionApi();
            const editor = await openCopy('e2e/unsorted-timeline.md');
            const uri = editor.document.uri;
            await waitForDiagnostics(uri, 'findings', (ds) => ds.length > 0);
            assert.equal(await vscode.commands.executeCommand<boolean>('postmortem.toggleLinting'), false);
            assert.equal(vscode.workspace.getConfiguration('postmortem').inspect<boolean>('enable')?.workspaceValue, false);
            await waitForDiagnostics(uri, 'no findings when off', (ds) => ds.length === 0);
            const off = await waitFor('the status bar to say checking is off', () => (api.status().command === 'postmortem.toggleLinting' ? api.status() : undefined));
            assert.match(off.text, /^\$\(circle-slash\) Post-Mortem$/);
            assert.equal(await vscode.commands.executeCommand<boolean>('postmortem.toggleLinting'), true);
            await waitForDiagnostics(uri, 'findings again', (ds) => ds.some((x) => codeOf(x) === 'timeline-order'));
            await waitFor('the counts back in the status bar', () => api.status().command === 'workbench.actions.view.problems');
          },
        },
        {
          title: 'Open the configuration file opens the one that applies, or creates one from the defaults',
          fn: async () => {
            const root = workspaceRoot().fsPath;
            const config = join(root, '.postmortemrc.json');
            const original = readFileSync(config, 'utf8');
            await open('sample-postmortem.md');
            assert.equal(await vscode.commands.executeCommand<string>('postmortem.openConfig'), config);
            assert.equal(vscode.window.activeTextEditor?.document.uri.fsPath, config);
            await closeAll();
            rmSync(config);
            try {
              await open('sample-postmortem.md');
              assert.equal(await vscode.commands.executeCommand<string>('postmortem.openConfig'), config);
              const created = JSON.parse(readFileSync(config, 'utf8'));
              assert.equal(vscode.window.activeTextEditor?.document.uri.fsPath, config);
              assert.equal(created.rules['duplicate-action-id'], 'error');
              assert.equal(created.rules['untracked-action'], 'off');
              assert.ok(created.requiredSections.includes('timeline'));
            } finally {
              await closeAll();
              writeFileSync(config, original);
            }
          },
        },
      ],
    },
    {
      title: 'robustness',
      after: closeAll,
      tests: [
        {
          title: 'the client restarts a language server that was killed, and checking goes on',
          fn: async () => {
            const editor = await openCopy('e2e/unsorted-timeline.md');
            const uri = editor.document.uri;
            await waitForDiagnostics(uri, 'findings', (ds) => ds.some((x) => codeOf(x) === 'timeline-order'));
            const [victim] = await waitFor('one server process', () => {
              const p = childProcesses(SERVER_NEEDLE);
              return p.length === 1 ? p : undefined;
            });
            process.kill(victim, 'SIGKILL');
            const [next] = await waitFor('a restarted server process', () => {
              const p = childProcesses(SERVER_NEEDLE).filter((x) => x !== victim);
              return p.length === 1 ? p : undefined;
            }, 60000);
            assert.notEqual(next, victim);
            // The new server gets the open document again and checks edits to it.
            await replaceText(editor.document, '| 09:25 |', '| 09:45 |');
            // 09:10, 09:40, 09:45, 10:05: in order now, so the finding must clear.
            await waitForDiagnostics(uri, 'the restarted server to clear timeline-order after the edit', (ds) => !ds.some((x) => codeOf(x) === 'timeline-order'));
            await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
          },
        },
      ],
    },
  ];
}
