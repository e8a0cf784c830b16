// The real VS Code workbench (code-server) in Debian's Chromium, driven with playwright-core the
// way a person uses it: keyboard shortcuts, Quick Open, the command palette, the Problems panel.
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import {
  ensureCodeServer, installExtension, isInstalled, prepareRun, startCodeServer, waitFor, type CodeServer, type RunDirs,
} from '../../scripts/code-server.mjs';
import { IN_CI, ROOT, resultsDir } from './env';

export { which } from './env';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export { waitFor };

/** Why the workbench suites cannot run here, or undefined (in CI: throws instead of skipping). */
export function workbenchUnavailable(): string | undefined {
  const problems: string[] = [];
  if (!existsSync(CHROMIUM)) problems.push(`${CHROMIUM} is missing (apt-get install -y chromium)`);
  if (!isInstalled()) {
    try {
      ensureCodeServer();
    } catch (e) {
      problems.push(`code-server could not be installed: ${(e as Error).message}`);
    }
  }
  if (!problems.length) return undefined;
  const msg = problems.join('; ');
  if (IN_CI) throw new Error(`CI: ${msg}; the workbench suites must run in CI`);
  process.stderr.write(`SKIP: ${msg}\n`);
  return msg;
}

export interface Session {
  run: RunDirs;
  server: CodeServer;
  context: BrowserContext;
  page: Page;
  workspace: string;
  close(): Promise<void>;
}

export function freshRunDir(name: string): string {
  const base = join(ROOT, '.vscode-test', 'runs');
  mkdirSync(base, { recursive: true });
  return mkdtempSync(join(base, `${name}-`));
}

/** Debian's Chromium with a fresh profile (playwright-core; never a downloaded browser). */
export async function launchBrowser(): Promise<{ context: BrowserContext; close(): Promise<void> }> {
  mkdirSync(join(ROOT, '.vscode-test', 'runs'), { recursive: true });
  const profile = mkdtempSync(join(ROOT, '.vscode-test', 'runs', 'chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage',
    ],
    // Tall enough for the whole sample report above the Problems panel (the README screenshot).
    viewport: { width: 1440, height: 1200 },
    deviceScaleFactor: 1,
    timeout: 60000,
  });
  return {
    context,
    close: async () => {
      await context.close().catch(() => undefined);
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/**
 * Starts code-server on a fresh run folder and workspace, optionally with the packaged extension
 * installed, and a browser page (not yet navigated).
 */
export async function startSession(opts: {
  name: string;
  workspace: (dir: string) => string;
  vsix?: string;
  env?: Record<string, string>;
  userSettings?: Record<string, unknown>;
  /** Runs before code-server starts; returns more user settings. */
  before?: (runDir: string) => Promise<Record<string, unknown>>;
}): Promise<Session> {
  const runDir = freshRunDir(opts.name);
  const extra = opts.before ? await opts.before(runDir) : {};
  const run = prepareRun(runDir, { ...opts.userSettings, ...extra });
  if (opts.vsix) installExtension(run, opts.vsix);
  const workspace = opts.workspace(join(runDir, 'ws'));
  const server = await startCodeServer(run, { workspace, env: opts.env, logFile: join(resultsDir(opts.name), 'code-server.log') });
  let browser: Awaited<ReturnType<typeof launchBrowser>> | undefined;
  try {
    browser = await launchBrowser();
    const page = browser.context.pages()[0] ?? (await browser.context.newPage());
    const b = browser;
    return {
      run, server, context: b.context, page, workspace,
      close: async () => {
        await b.close();
        await server.stop();
        if (process.env.POSTMORTEM_E2E_KEEP !== '1') rmSync(runDir, { recursive: true, force: true });
      },
    };
  } catch (e) {
    await browser?.close();
    await server.stop();
    throw e;
  }
}

export async function openWorkbench(s: Session, query = ''): Promise<void> {
  await s.page.goto(`${s.server.url}/?folder=${encodeURIComponent(s.workspace)}${query}`, { timeout: 90000 });
  await s.page.waitForSelector('.monaco-workbench .part.editor', { timeout: 90000 });
}

/** Opens a file of the workspace with Quick Open (Control+P). */
export async function quickOpen(page: Page, name: string): Promise<void> {
  await waitFor(`Quick Open to list ${name}`, async () => {
    await page.keyboard.press('Escape');
    await page.keyboard.press('Control+P');
    const input = page.locator('.quick-input-widget .quick-input-box input');
    await input.waitFor({ state: 'visible', timeout: 10000 });
    await input.fill(name);
    const row = page.locator('.quick-input-widget .monaco-list-row', { hasText: name }).first();
    await row.waitFor({ state: 'visible', timeout: 10000 });
    return true;
  }, 90000, 500);
  await page.keyboard.press('Enter');
  await page.locator(`.tab.active[aria-label*="${name}"], .tab.active:has-text("${name}")`).first().waitFor({ timeout: 30000 });
  await page.locator('.monaco-editor .view-lines').first().waitFor({ timeout: 30000 });
}

/** Runs a command from the command palette (F1) by its title. */
export async function runCommand(page: Page, title: string): Promise<void> {
  await waitFor(`the command palette to offer "${title}"`, async () => {
    await page.keyboard.press('Escape');
    await page.keyboard.press('F1');
    const input = page.locator('.quick-input-widget .quick-input-box input');
    await input.waitFor({ state: 'visible', timeout: 10000 });
    await input.fill(`>${title}`);
    await page.locator('.quick-input-widget .monaco-list-row', { hasText: title }).first().waitFor({ state: 'visible', timeout: 10000 });
    return true;
  }, 90000, 500);
  await page.keyboard.press('Enter');
}

export async function shot(page: Page, dir: string, name: string): Promise<string> {
  const p = join(dir, `${name}.png`);
  await page.screenshot({ path: p });
  return p;
}
