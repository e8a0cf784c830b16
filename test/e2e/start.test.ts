// `npm start` as a newcomer runs it: the script builds, packages, starts VS Code in the browser
// with the extension installed and prints an address and a password; logging in with it shows
// the sample report with its findings, after VS Code asks whether to trust the sample's folder
// (workspace trust stays on). SIGTERM or SIGHUP to the script (a service manager, a closed
// terminal) ends everything it started: code-server, its extension host, the language server.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { ROOT, resultsDir } from './env';
import { launchBrowser, shot, waitFor, workbenchUnavailable } from './workbench';
import { descendantsOf } from '../../scripts/code-server.mjs';

const skip = workbenchUnavailable();

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

function commandLine(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ');
  } catch {
    return '';
  }
}

/** Logs in with the printed password, trusts the sample's folder when asked, and waits for the findings. */
async function logInAndSeeFindings(page: Page, url: string, password: string, shots: string): Promise<void> {
  await page.goto(url, { timeout: 90000 });
  // Without the password there is nothing but the login page.
  const input = page.locator('input[name="password"]');
  await input.waitFor({ timeout: 60000 });
  await shot(page, shots, '1-login');
  assert.equal(await page.locator('.monaco-workbench').count(), 0);
  await input.fill(password);
  await page.keyboard.press('Enter');
  await page.locator('.monaco-workbench').first().waitFor({ timeout: 90000 });
  // Workspace trust is on: VS Code asks about the sample's folder (a copy of examples/).
  const trust = page.getByRole('button', { name: /Yes, I trust the authors/ });
  await trust.waitFor({ timeout: 180000 });
  await shot(page, shots, '2-trust-prompt');
  await trust.click();
  await page.locator('.tab.active', { hasText: 'sample-postmortem.md' }).first().waitFor({ timeout: 90000 });
  await shot(page, shots, '3-trusted');
  await page.locator('.monaco-editor .squiggly-error').first().waitFor({ timeout: 240000 });
  await page.locator('.monaco-editor .squiggly-warning').first().waitFor({ timeout: 90000 });
  // Trusted, not Restricted Mode.
  assert.equal(await page.locator('.statusbar-item', { hasText: 'Restricted Mode' }).count(), 0);
  await shot(page, shots, '4-findings');
}

function startScript(dir: string) {
  const child = spawn(process.execPath, [join(ROOT, 'scripts', 'start.mjs'), '--browser'], {
    cwd: ROOT,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, POSTMORTEM_START_DIR: dir },
  });
  const state = { out: '', exit: undefined as number | null | undefined };
  child.stdout.on('data', (d) => (state.out += d));
  child.stderr.on('data', (d) => (state.out += d));
  child.on('exit', (code) => (state.exit = code));
  return { child, state };
}

for (const signal of ['SIGTERM', 'SIGHUP'] as const) {
  test(`npm start: log in with the printed password, trust the sample, see its findings; ${signal} ends every process it started`, { skip, timeout: 900000 }, async () => {
    const dir = mkdtempSync(join(ROOT, '.vscode-test', 'start-test-'));
    const shots = resultsDir(`start-${signal.toLowerCase()}`);
    const { child, state } = startScript(dir);
    const pid = child.pid!;
    let started: number[] = [];
    const browser = await launchBrowser();
    try {
      const url = await waitFor('npm start to print the address', () => {
        if (state.exit !== undefined) throw new Error(`start.mjs exited (${state.exit}):\n${state.out}`);
        return /^\s+(http:\/\/127\.0\.0\.1:\d+\/\S+)$/m.exec(state.out)?.[1] && /Press Ctrl\+C to stop/.test(state.out) ? /^\s+(http:\/\/127\.0\.0\.1:\d+\/\S+)$/m.exec(state.out)![1] : undefined;
      }, 300000, 250);
      // It printed the CLI's findings for the sample first, then the password once.
      assert.match(state.out, /sample-postmortem\.md:\d+:\d+ error duplicate-action-id /);
      const password = /log in with this password[^\n]*\n\n\s+(\S+)\n/.exec(state.out)?.[1];
      assert.ok(password && password.length >= 20, state.out);
      assert.equal(state.out.split(password).length - 1, 1, 'the password is printed once');
      assert.doesNotMatch(state.out, /--auth none|--disable-workspace-trust/);
      const config = join(dir, 'config.yaml');
      assert.equal(statSync(config).mode & 0o077, 0, 'the config with the password is readable only by its owner');
      assert.match(readFileSync(config, 'utf8'), /^auth: password$/m);

      const page = browser.context.pages()[0] ?? (await browser.context.newPage());
      await logInAndSeeFindings(page, url, password, shots).catch(async (e) => {
        await shot(page, shots, 'failed').catch(() => undefined);
        throw e;
      });

      // Everything below the script now, the language server among them.
      started = descendantsOf(pid);
      const lines = started.map(commandLine);
      assert.ok(lines.some((l) => /code-server/.test(l)), lines.join('\n'));
      assert.ok(lines.some((l) => /postmortem-lint[^ ]*[/\\]dist[/\\]server\.js|extensions[/\\][^ ]*postmortem[^ ]*[/\\]dist[/\\]server\.js/.test(l)), `no language server among:\n${lines.join('\n')}`);
    } finally {
      await browser.close();
      // The signal goes to the script alone, as a service manager or a closed terminal sends it.
      if (state.exit === undefined) process.kill(pid, signal);
      await waitFor('npm start to stop', () => state.exit !== undefined, 60000).catch(() => undefined);
      const left = started.filter(alive);
      for (const p of [pid, ...left]) {
        try {
          process.kill(p, 'SIGKILL');
        } catch {
          /* gone */
        }
      }
      rmSync(dir, { recursive: true, force: true });
      assert.deepEqual(left.map((p) => `${p} ${commandLine(p)}`), [], `processes left after ${signal}`);
    }
    assert.equal(state.exit, 0, state.out);
    assert.match(state.out, new RegExp(`Stopping code-server \\(${signal}\\)`));
  });
}
