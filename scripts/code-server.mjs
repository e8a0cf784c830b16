// A local VS Code in the browser (code-server 4.100.3 = VS Code 1.100.3), installed on first use
// into the ignored folder `.vscode-test/code-server/`, with start/stop helpers for `npm start`
// and the end-to-end suites.
//
//   node scripts/code-server.mjs install     install (no-op when already there)
//   node scripts/code-server.mjs path        print the code-server executable
//
// Installing needs the Debian packages libkrb5-dev and ripgrep (see .ci/run). `@vscode/ripgrep`
// downloads rg from GitHub in its postinstall; its cache is pre-seeded with Debian's rg, so the
// install reaches only the npm registry.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync, readFileSync, copyFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const CODE_SERVER_VERSION = '4.100.3';
export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const TEST_DIR = join(ROOT, '.vscode-test');
const INSTALL_DIR = join(TEST_DIR, 'code-server');
export const CODE_SERVER_BIN = join(INSTALL_DIR, 'node_modules', 'code-server', 'out', 'node', 'entry.js');

// What @vscode/ripgrep (used by code-server's VS Code) looks for before downloading.
const RIPGREP_CACHE = [
  { dir: 'vscode-ripgrep-cache-1.15.11', file: 'ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz' },
  { dir: 'vscode-ripgrep-cache-1.15.9', file: 'ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz' },
];

function log(msg) {
  process.stderr.write(`[code-server] ${msg}\n`);
}

function installedVersion() {
  try {
    return JSON.parse(readFileSync(join(INSTALL_DIR, 'node_modules', 'code-server', 'package.json'), 'utf8')).version;
  } catch {
    return undefined;
  }
}

const MARKER = join(INSTALL_DIR, `.installed-${CODE_SERVER_VERSION}`);
const RG_BIN = join(INSTALL_DIR, 'node_modules', 'code-server', 'lib', 'vscode', 'node_modules', '@vscode', 'ripgrep', 'bin', 'rg');

export function isInstalled() {
  return existsSync(MARKER) && installedVersion() === CODE_SERVER_VERSION && existsSync(CODE_SERVER_BIN);
}

function which(cmd) {
  const r = spawnSync('sh', ['-c', `command -v ${cmd}`], { encoding: 'utf8' });
  return r.status === 0 ? r.stdout.trim() : undefined;
}

function hasKrb5Headers() {
  return existsSync('/usr/include/gssapi/gssapi.h') || existsSync('/usr/include/krb5.h');
}

/**
 * code-server's native modules need Debian's ripgrep and libkrb5-dev. On a fresh machine where this
 * runs as root with apt-get (as on the project's machines), install them, saying so; elsewhere the
 * caller gets the command to run.
 */
function ensureDebianPackages() {
  const missing = [...(which('rg') ? [] : ['ripgrep']), ...(hasKrb5Headers() ? [] : ['libkrb5-dev'])];
  if (!missing.length || process.getuid?.() !== 0 || !which('apt-get')) return;
  log(`installing Debian packages code-server needs: ${missing.join(' ')}`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  spawnSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
  const r = spawnSync('apt-get', ['install', '-y', '-qq', ...missing], { stdio: 'inherit', env });
  if (r.status !== 0) throw new Error(`apt-get install ${missing.join(' ')} failed (exit ${r.status})`);
}

/** Installs code-server into .vscode-test/code-server unless it is already there. */
export function ensureCodeServer() {
  if (isInstalled()) return CODE_SERVER_BIN;
  ensureDebianPackages();
  const rg = which('rg');
  if (!rg) throw new Error('ripgrep is needed to install code-server: apt-get install -y ripgrep libkrb5-dev');
  if (!hasKrb5Headers()) {
    throw new Error('libkrb5-dev is needed to install code-server: apt-get install -y libkrb5-dev ripgrep');
  }
  log(`installing code-server ${CODE_SERVER_VERSION} into ${INSTALL_DIR} (about 3 minutes, once)`);
  mkdirSync(INSTALL_DIR, { recursive: true });
  writeFileSync(join(INSTALL_DIR, 'package.json'), JSON.stringify({ name: 'code-server-local', private: true }, null, 2) + '\n');

  // Pre-seed the ripgrep download cache with a tarball holding Debian's rg as `rg`.
  const tmp = join(TEST_DIR, 'tmp');
  mkdirSync(tmp, { recursive: true });
  const stage = mkdtempSync(join(tmp, 'rg-'));
  copyFileSync(rg, join(stage, 'rg'));
  for (const c of RIPGREP_CACHE) {
    mkdirSync(join(tmp, c.dir), { recursive: true });
    const tar = spawnSync('tar', ['-czf', join(tmp, c.dir, c.file), '-C', stage, 'rg'], { stdio: 'inherit' });
    if (tar.status !== 0) throw new Error('could not build the ripgrep cache tarball');
  }
  rmSync(stage, { recursive: true, force: true });

  const env = {
    ...process.env,
    TMPDIR: tmp,
    npm_config_yes: 'true',
    npm_config_unsafe_perm: 'true',
    // npm 11 blocks dependency install scripts unless allowed; code-server's postinstall runs
    // nested installs of VS Code's native modules (kerberos, node-pty, @vscode/ripgrep...).
    npm_config_dangerously_allow_all_scripts: 'true',
    npm_config_fund: 'false',
    npm_config_audit: 'false',
    npm_config_update_notifier: 'false',
  };
  const npm = spawnSync('npm', ['install', '--no-save', '--no-package-lock', `code-server@${CODE_SERVER_VERSION}`], {
    cwd: INSTALL_DIR,
    env,
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  if (npm.status !== 0 || installedVersion() !== CODE_SERVER_VERSION || !existsSync(RG_BIN)) {
    throw new Error(`npm install code-server@${CODE_SERVER_VERSION} failed (exit ${npm.status}; rg ${existsSync(RG_BIN) ? 'present' : 'missing'})`);
  }
  writeFileSync(MARKER, new Date().toISOString() + '\n');
  log('installed');
  return CODE_SERVER_BIN;
}

/** A free TCP port on 127.0.0.1. */
export function freePort() {
  return new Promise((res, rej) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', rej);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => res(port));
    });
  });
}

/** Polls `fn` until it returns a truthy value or `timeoutMs` passes. */
export async function waitFor(what, fn, timeoutMs = 60000, intervalMs = 200) {
  const deadline = Date.now() + timeoutMs;
  let lastErr;
  for (;;) {
    try {
      const v = await fn();
      if (v) return v;
    } catch (e) {
      lastErr = e;
    }
    if (Date.now() > deadline) {
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${lastErr ? `: ${lastErr.message}` : ''}`);
    }
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}

const USER_SETTINGS = {
  'workbench.startupEditor': 'none',
  'telemetry.telemetryLevel': 'off',
  'git.enabled': false,
  'extensions.autoUpdate': false,
  'extensions.autoCheckUpdates': false,
  'workbench.tips.enabled': false,
  'security.workspace.trust.enabled': false,
  'update.mode': 'none',
  'workbench.enableExperiments': false,
  'chat.commandCenter.enabled': false,
  'workbench.welcomePage.walkthroughs.openOnInstall': false,
};

/**
 * Prepares a fresh run folder: RUN/config.yaml, RUN/ud (user data, seeded settings),
 * RUN/exts (extensions). Returns the paths.
 *
 * With `password`, code-server asks for it (config.yaml, readable only by its owner) and workspace
 * trust stays on; without, the end-to-end suites' throwaway servers run with `--auth none` and
 * without workspace trust.
 */
export function prepareRun(runDir, userSettings = {}, { password } = {}) {
  mkdirSync(join(runDir, 'ud', 'User'), { recursive: true });
  mkdirSync(join(runDir, 'exts'), { recursive: true });
  const config = join(runDir, 'config.yaml');
  rmSync(config, { force: true });
  writeFileSync(config, password ? `auth: password\npassword: ${JSON.stringify(password)}\ncert: false\n` : 'auth: none\ncert: false\n', { mode: 0o600 });
  const settings = { ...USER_SETTINGS, ...userSettings };
  if (password) delete settings['security.workspace.trust.enabled'];
  writeFileSync(join(runDir, 'ud', 'User', 'settings.json'), JSON.stringify(settings, null, 2));
  return { runDir, userDataDir: join(runDir, 'ud'), extensionsDir: join(runDir, 'exts'), config, password };
}

function baseArgs(run) {
  return [
    ...(run.password ? ['--auth', 'password'] : ['--auth', 'none', '--disable-workspace-trust']),
    '--disable-telemetry',
    '--disable-update-check',
    '--config', run.config,
    '--user-data-dir', run.userDataDir,
    '--extensions-dir', run.extensionsDir,
  ];
}

/** Installs a packaged extension into the run's extensions folder. */
export function installExtension(run, vsix) {
  const r = spawnSync(process.execPath, [CODE_SERVER_BIN, ...baseArgs(run), '--install-extension', vsix, '--force'], {
    encoding: 'utf8',
    timeout: 120000,
  });
  if (r.status !== 0) throw new Error(`installing ${vsix} failed:\n${r.stdout}\n${r.stderr}`);
  return r.stdout;
}

/**
 * Starts code-server in its own process group, resolves when /healthz answers.
 * Returns { url, port, pid, stop(), output() }.
 */
export async function startCodeServer(run, { workspace, port, env = {}, host = '127.0.0.1', logFile, onSpawn } = {}) {
  port = port ?? (await freePort());
  const args = [CODE_SERVER_BIN, ...baseArgs(run), '--bind-addr', `${host}:${port}`];
  if (workspace) args.push(workspace);
  const child = spawn(process.execPath, args, {
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, ...env },
  });
  onSpawn?.(child.pid);
  let out = '';
  const collect = (d) => {
    out += d.toString();
    if (out.length > 2_000_000) out = out.slice(-1_000_000);
  };
  child.stdout.on('data', collect);
  child.stderr.on('data', collect);
  let exited = false;
  child.on('exit', () => {
    exited = true;
  });
  const url = `http://${host}:${port}`;
  const stop = () => stopGroup(child.pid, () => exited);
  try {
    await waitFor('code-server /healthz', async () => {
      if (exited) throw new Error(`code-server exited:\n${out}`);
      const r = await fetch(`${url}/healthz`);
      return r.ok;
    }, 60000, 250);
  } catch (e) {
    await stop();
    throw e;
  }
  return {
    url,
    port,
    pid: child.pid,
    stop: async () => {
      await stop();
      if (logFile) writeFileSync(logFile, out);
    },
    output: () => out,
  };
}

/** Every process below `pid` (children, their children...), from /proc; empty where there is no /proc. */
export function descendantsOf(pid) {
  let entries;
  try {
    entries = readdirSync('/proc').filter((n) => /^\d+$/.test(n));
  } catch {
    return [];
  }
  const children = new Map();
  for (const n of entries) {
    try {
      // The parent pid is the 2nd field after the parenthesised command name (which may hold spaces).
      const stat = readFileSync(`/proc/${n}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (!children.has(ppid)) children.set(ppid, []);
      children.get(ppid).push(Number(n));
    } catch {
      /* gone meanwhile */
    }
  }
  const out = [];
  const todo = [...(children.get(pid) ?? [])];
  while (todo.length) {
    const p = todo.pop();
    out.push(p);
    todo.push(...(children.get(p) ?? []));
  }
  return out;
}

function alivePid(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * Stops a process group started with `detached: true`: TERM, then KILL after 5 s. Processes below
 * it that left the group (a terminal's shell gets a session of its own) are ended the same way.
 */
export async function stopGroup(pid, hasExited = () => false) {
  if (!pid) return;
  const below = descendantsOf(pid);
  const groupAlive = () => {
    if (hasExited() && !below.some(alivePid)) return false;
    try {
      process.kill(-pid, 0);
      return true;
    } catch {
      return below.some(alivePid);
    }
  };
  const signal = (sig) => {
    for (const target of [-pid, ...below]) {
      try {
        process.kill(target, sig);
      } catch {
        /* gone */
      }
    }
  };
  if (!groupAlive()) return;
  signal('SIGTERM');
  const deadline = Date.now() + 5000;
  while (groupAlive() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
  if (groupAlive()) signal('SIGKILL');
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const cmd = process.argv[2];
  if (cmd === 'install') {
    ensureCodeServer();
    console.log(CODE_SERVER_BIN);
  } else if (cmd === 'path') {
    console.log(isInstalled() ? CODE_SERVER_BIN : '');
    process.exit(isInstalled() ? 0 : 1);
  } else {
    console.error('usage: node scripts/code-server.mjs install|path');
    process.exit(2);
  }
}
