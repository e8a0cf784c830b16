// `npm start`: builds the extension, packages the .vsix, and opens the sample post-mortem with the
// extension installed in a real VS Code:
//   - the desktop `code` when it is on PATH (with its own profile under .vscode-test/desktop, so
//     your everyday VS Code is left alone);
//   - otherwise VS Code in the browser: code-server on 127.0.0.1, installed on first use into
//     .vscode-test/code-server. The address and a password made for this run are printed once;
//     code-server asks for the password, so other users of the machine cannot get in (and so a
//     terminal as you). Workspace trust stays on: VS Code asks whether you trust the sample's
//     folder (a copy of examples/). Ctrl+C, SIGTERM or SIGHUP (the terminal closed) stops
//     code-server and everything below it (its extension host, the language servers).
//
// Options: --browser (use code-server even when `code` is on PATH), --port N (default: a free one).
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { cpSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import {
  ROOT, TEST_DIR, ensureCodeServer, installExtension, prepareRun, startCodeServer, stopGroup, waitFor,
} from './code-server.mjs';
import { buildProject, packageExtension } from './e2e-package.mjs';

const args = process.argv.slice(2);
const forceBrowser = args.includes('--browser');
const portArg = args.indexOf('--port');
const port = portArg >= 0 ? Number(args[portArg + 1]) : undefined;
if (portArg >= 0 && !(port > 0 && port < 65536)) {
  console.error('usage: npm start [-- --browser] [--port N]');
  process.exit(2);
}

function say(msg) {
  process.stdout.write(`${msg}\n`);
}

function which(cmd) {
  const r = spawnSync('sh', ['-c', `command -v ${cmd}`], { encoding: 'utf8' });
  return r.status === 0 ? r.stdout.trim() : undefined;
}

/** A fresh copy of examples/, so trying the fixes leaves the repository clean. */
function sampleWorkspace(dir) {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  cpSync(join(ROOT, 'examples'), dir, { recursive: true });
  return dir;
}

// Stopping: whatever code-server this run started (its whole process group) ends with this
// process, on Ctrl+C, SIGTERM or SIGHUP, whenever it comes.
let codeServerPid;
let stopping = false;
async function stop(signal) {
  if (stopping) return;
  stopping = true;
  if (codeServerPid) {
    say(`\nStopping code-server (${signal})...`);
    await stopGroup(codeServerPid);
  }
  process.exit(0);
}
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, () => void stop(signal));

async function main() {
  say('Building the extension...');
  buildProject();
  const vsix = packageExtension();
  say(`Packaged ${vsix}`);

  // The product at work right away: the CLI's findings for the sample report.
  say('\n$ postmortem lint examples/sample-postmortem.md');
  const lint = spawnSync(process.execPath, [join(ROOT, 'dist', 'cli.js'), 'lint', join('examples', 'sample-postmortem.md')], { cwd: ROOT, encoding: 'utf8' });
  process.stdout.write(lint.stdout + lint.stderr);
  if (lint.status === 2 || lint.status === null) throw new Error(`the CLI failed on the sample (exit ${lint.status})`);
  say('');

  const code = forceBrowser ? undefined : which('code');
  if (code && !process.env.CODE_SERVER_PARENT_PID) {
    const profile = join(TEST_DIR, 'desktop');
    const flags = ['--user-data-dir', join(profile, 'user-data'), '--extensions-dir', join(profile, 'extensions')];
    const ws = sampleWorkspace(join(profile, 'workspace'));
    const inst = spawnSync(code, [...flags, '--install-extension', vsix, '--force'], { stdio: 'inherit' });
    if (inst.status !== 0) throw new Error(`code --install-extension failed (exit ${inst.status})`);
    const open = spawnSync(code, [...flags, '--new-window', ws, join(ws, 'sample-postmortem.md')], { stdio: 'inherit' });
    if (open.status !== 0) throw new Error(`code failed to open the sample (exit ${open.status})`);
    say(`Opened ${join(ws, 'sample-postmortem.md')} in VS Code (profile: ${profile}).`);
    return;
  }

  ensureCodeServer();
  const runDir = process.env.POSTMORTEM_START_DIR ?? join(TEST_DIR, 'start');
  const password = randomBytes(18).toString('base64url');
  const run = prepareRun(runDir, { 'workbench.colorTheme': 'Default Light Modern' }, { password });
  installExtension(run, vsix);
  const ws = sampleWorkspace(join(runDir, 'workspace'));
  const server = await startCodeServer(run, { workspace: ws, port, onSpawn: (pid) => (codeServerPid = pid) });
  const sample = join(ws, 'sample-postmortem.md');
  const payload = JSON.stringify([['openFile', `vscode-remote://127.0.0.1:${server.port}${sample}`]]);
  const url = `${server.url}/?folder=${encodeURIComponent(ws)}&payload=${encodeURIComponent(payload)}`;
  await waitFor('the login page', async () => (await fetch(`${server.url}/login`)).ok, 60000);
  if (stopping) return;
  say('');
  say('VS Code (code-server) is running with the Post-Mortem extension installed.');
  say(`Open this address in a browser:\n\n  ${url}\n`);
  say(`and log in with this password (made for this run; code-server keeps it in ${run.config}, readable only by you):\n\n  ${password}\n`);
  say(`The sample report (a copy of examples/) is ${sample}`);
  say('VS Code asks whether you trust the authors of its folder: choose "Yes, I trust the authors".');
  say('Press Ctrl+C to stop.');

  // Keep running until code-server ends or we are stopped.
  await new Promise((resolve) => {
    const t = setInterval(() => {
      try {
        process.kill(server.pid, 0);
      } catch {
        clearInterval(t);
        resolve();
      }
    }, 1000);
  });
  if (stopping) return;
  say('code-server ended.');
  await stopGroup(server.pid);
  process.exit(1);
}

main().catch((e) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
