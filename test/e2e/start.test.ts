// `npm start` as a newcomer runs it: the script builds, packages, starts VS Code in the browser
// with the extension installed and prints an address; that address shows the sample report with
// its findings; Ctrl+C stops everything.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ROOT, resultsDir } from './env';
import { launchBrowser, shot, waitFor, workbenchUnavailable } from './workbench';

const skip = workbenchUnavailable();

function groupAlive(pgid: number): boolean {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch {
    return false;
  }
}

test('npm start opens the sample report with the extension in VS Code (browser route)', { skip, timeout: 300000 }, async () => {
  const dir = mkdtempSync(join(ROOT, '.vscode-test', 'start-test-'));
  const child = spawn(process.execPath, [join(ROOT, 'scripts', 'start.mjs'), '--browser'], {
    cwd: ROOT,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, POSTMORTEM_START_DIR: dir },
  });
  let out = '';
  child.stdout.on('data', (d) => (out += d));
  child.stderr.on('data', (d) => (out += d));
  let exit: number | null | undefined;
  child.on('exit', (code) => (exit = code));
  const browser = await launchBrowser();
  try {
    const url = await waitFor('npm start to print the address', () => {
      if (exit !== undefined) throw new Error(`start.mjs exited (${exit}):\n${out}`);
      return /^\s+(http:\/\/127\.0\.0\.1:\d+\/\S+)$/m.exec(out)?.[1];
    }, 240000, 250);
    assert.match(out, /Press Ctrl\+C to stop/);
    // It printed the CLI's findings for the sample first.
    assert.match(out, /sample-postmortem\.md:\d+:\d+ error duplicate-action-id /);
    const page = browser.context.pages()[0] ?? (await browser.context.newPage());
    await page.goto(url, { timeout: 90000 });
    await page.locator('.tab.active', { hasText: 'sample-postmortem.md' }).first().waitFor({ timeout: 90000 });
    await page.locator('.monaco-editor .squiggly-error').first().waitFor({ timeout: 90000 });
    await page.locator('.monaco-editor .squiggly-warning').first().waitFor({ timeout: 90000 });
    await shot(page, resultsDir('start'), 'npm-start');
  } finally {
    await browser.close();
    // Ctrl+C in a terminal signals the whole foreground group: do the same.
    if (child.pid && groupAlive(child.pid)) process.kill(-child.pid, 'SIGINT');
    await waitFor('npm start to stop', () => exit !== undefined, 30000).catch(() => {
      if (child.pid) process.kill(-child.pid, 'SIGKILL');
    });
    rmSync(dir, { recursive: true, force: true });
  }
  assert.equal(exit, 0, out);
  assert.match(out, /Stopping code-server/);
});
