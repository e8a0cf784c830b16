// UI scenarios: a person's view of the packaged extension in the real VS Code workbench
// (code-server 4.100.3 = VS Code 1.100.3) in Debian's Chromium. One code-server serves every
// scenario; each step leaves a screenshot in test-results/ui/. The sample report's screenshot with
// squiggles and the Problems panel is also written to docs/screenshot.png.
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { ROOT, built, missing, resultsDir } from './env';
import { startPrometheus, type PrometheusServer, type Series } from './prometheus';
import { openWorkbench, quickOpen, runCommand, shot, startSession, waitFor, which, workbenchUnavailable, type Session } from './workbench';
import { prepareWorkspace } from './workspace';

const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { name: string; version: string };
const VSIX = process.env.POSTMORTEM_E2E_VSIX ?? join(ROOT, `${pkg.name}-${pkg.version}.vsix`);
const skip = missing('the packaged extension and dist/', built() && existsSync(VSIX), 'run node scripts/e2e-package.mjs vsix first') ?? workbenchUnavailable();
const noPrometheus = skip ? undefined : missing('prometheus and promtool', !!which('prometheus') && !!which('promtool'), 'apt-get install -y prometheus');

// The import scenario's data: checkout errors per second on the day of e2e/import-target.md,
// 0.2/s with a 13-minute burst at 42/s from 10:12 to 10:25 UTC, one sample every 15 s.
const INCIDENT_START = Date.UTC(2026, 2, 4, 10, 0) / 1000;
const ERRORS: Series = {
  name: 'checkout_errors_per_second',
  help: 'Failed checkout requests per second.',
  labels: { job: 'checkout', code: '500' },
  samples: Array.from({ length: 161 }, (_, i): [number, number] => {
    const t = INCIDENT_START + i * 15;
    return [t, t >= INCIDENT_START + 12 * 60 && t < INCIDENT_START + 25 * 60 ? 42 : 0.2];
  }),
};

/**
 * Answers the quick inputs of a command by their titles until none is left. Each answer is
 * [title pattern, text to type or undefined to accept the proposed value].
 */
/** An answer: a pick or a typed value; `path` types a file's path into VS Code's file dialog and accepts it. */
type Answer = [RegExp, string | undefined] | [RegExp, string, 'path'];

async function answerPrompts(page: Page, answers: Answer[], done: () => Promise<boolean>, timeoutMs = 120000): Promise<string[]> {
  const seen: string[] = [];
  const widget = page.locator('.quick-input-widget');
  await waitFor('the command to finish its questions', async () => {
    if (!(await widget.isVisible())) return done();
    const title = ((await page.locator('.quick-input-widget .quick-input-title').first().textContent()) ?? '').trim();
    if (!title || seen[seen.length - 1] === title) return false;
    const a = answers.find(([re]) => re.test(title));
    if (!a) throw new Error(`unexpected question "${title}" after ${seen.join(' > ')}`);
    seen.push(title);
    const input = page.locator('.quick-input-widget .quick-input-box input');
    if (a[1] !== undefined) await input.fill(a[1]);
    if (a[2] === 'path' && a[1] !== undefined) {
      // The dialog lists the typed folder's files; wait for it to settle on the file, then accept.
      await page.locator('.quick-input-widget .monaco-list-row', { hasText: basename(a[1]) }).first().waitFor({ timeout: 30000 }).catch(() => undefined);
    } else if (await page.locator('.quick-input-widget .quick-input-list').isVisible()) {
      if (a[1] !== undefined) await page.locator('.quick-input-widget .monaco-list-row', { hasText: a[1] }).first().waitFor({ timeout: 30000 });
    }
    await shot(page, RESULTS, `import-q${seen.length}`);
    await page.keyboard.press('Enter');
    return false;
  }, timeoutMs, 250);
  return seen;
}

const RESULTS = resultsDir('ui');
for (const f of readdirSync(RESULTS)) if (f.endsWith('.png')) rmSync(join(RESULTS, f));
let step = 0;
async function snap(page: Page, name: string): Promise<string> {
  step += 1;
  return shot(page, RESULTS, `${String(step).padStart(2, '0')}-${name}`);
}

/** Rule ids the CLI reports for a file: what the editor must show too. */
function cliRules(file: string): string[] {
  const r = spawnSync(process.execPath, [join(ROOT, 'dist/cli.js'), 'lint', '--format', 'json', file], { encoding: 'utf8' });
  const findings = JSON.parse(r.stdout) as { rule: string }[];
  return [...new Set(findings.map((f) => f.rule))].sort();
}

async function goToLine(page: Page, line: number, column = 1): Promise<void> {
  await page.keyboard.press('Control+G');
  const input = page.locator('.quick-input-widget .quick-input-box input');
  await input.waitFor({ state: 'visible', timeout: 30000 });
  await input.fill(`:${line}:${column}`);
  await page.keyboard.press('Enter');
  await page.locator('.quick-input-widget').first().waitFor({ state: 'hidden', timeout: 30000 });
  await waitFor(`the cursor at ${line}:${column}`, async () => (await statusCursor(page)).startsWith(`Ln ${line}, Col ${column}`), 30000);
}

async function statusCursor(page: Page): Promise<string> {
  return (await page.locator('.statusbar-item[id="status.editor.selection"]').first().textContent({ timeout: 5000 })) ?? '';
}

/** Opens the code action menu (Control+. or the Refactor menu) and picks the entry titled `title`. */
async function pickAction(page: Page, keys: string, title: string): Promise<void> {
  await waitFor(`the action menu to offer "${title}"`, async () => {
    await page.keyboard.press('Escape');
    await page.keyboard.press(keys);
    const row = page.locator('.action-widget .monaco-list-row', { hasText: title }).first();
    await row.waitFor({ state: 'visible', timeout: 5000 });
    return true;
  }, 90000, 500);
  // Move the focus down to the entry (a click is intercepted by .context-view-pointerBlock).
  await waitFor(`"${title}" to be focused`, async () => {
    const focused = await page.locator('.action-widget .monaco-list-row.focused').first().textContent({ timeout: 2000 });
    if (focused?.includes(title)) return true;
    await page.keyboard.press('ArrowDown');
    return false;
  }, 30000, 100);
  await page.keyboard.press('Enter');
  await page.locator('.action-widget').first().waitFor({ state: 'hidden', timeout: 30000 });
}

async function save(page: Page, file: string, pred: (text: string) => boolean, what: string): Promise<string> {
  await page.keyboard.press('Control+S');
  return waitFor(`${what} on disk`, () => {
    const text = readFileSync(file, 'utf8');
    return pred(text) ? text : undefined;
  }, 30000);
}

function timelineTimes(text: string): string[] {
  return text.split('\n').filter((l) => /^\| \d\d[:.]\d\d \|/.test(l)).map((l) => l.slice(2, 7));
}

async function problemsText(page: Page): Promise<string> {
  return (await page.locator('.markers-panel').first().innerText({ timeout: 5000 })) ?? '';
}

describe('UI scenarios in VS Code 1.100 (code-server + Chromium)', { skip, timeout: 900000 }, () => {
  let s: Session;
  let ws: string;

  before(async () => {
    s = await startSession({
      name: 'ui',
      vsix: VSIX,
      workspace: (dir) => {
        prepareWorkspace(dir);
        mkdirSync(join(dir, 'drafts'), { recursive: true });
        writeFileSync(join(dir, 'drafts', 'incident-2026-11-27.md'), '');
        // Saved Kubernetes events and rollout history for the incident-source import.
        mkdirSync(join(dir, 'data'), { recursive: true });
        for (const f of ['kubectl_get_events_o_json.json', 'kubectl_rollout_history_revision.txt']) copyFileSync(join(ROOT, 'test', 'fixtures-import', f), join(dir, 'data', f));
        return dir;
      },
      // The test's Prometheus is started before the workbench, so its address can be in the settings.
      before: async (runDir: string) => {
        if (noPrometheus) return {};
        prometheus = await startPrometheus(join(runDir, 'prometheus'), [ERRORS]);
        return { 'postmortem.prometheus.url': prometheus.url };
      },
      userSettings: { 'workbench.colorTheme': 'Default Light Modern', 'editor.minimap.enabled': false },
    });
    ws = s.workspace;
    await openWorkbench(s);
  }, { timeout: 180000 });

  let prometheus: PrometheusServer | undefined;
  after(async () => {
    await s?.close();
    await prometheus?.stop();
  });

  it('opens the sample report: squiggles and the Problems panel show the findings of every rule', { timeout: 240000 }, async () => {
    const page = s.page;
    const expected = cliRules(join(ws, 'sample-postmortem.md'));
    assert.ok(expected.length >= 5, `the sample shows only ${expected.join(', ')}`);
    await quickOpen(page, 'sample-postmortem.md');
    await page.locator('.monaco-editor .squiggly-warning').first().waitFor({ timeout: 90000 });
    await page.locator('.monaco-editor .squiggly-error').first().waitFor({ timeout: 90000 });
    await snap(page, 'sample-squiggles');

    await page.keyboard.press('Control+Shift+M');
    await page.locator('.markers-panel .monaco-list-row').first().waitFor({ timeout: 60000 });
    // The Problems list is virtualized: read it while walking it with the keyboard.
    const seen = new Set<string>();
    await waitFor('the Problems panel to list every rule of the sample', async () => {
      const text = await problemsText(page);
      for (const id of expected) if (text.includes(id)) seen.add(id);
      if (seen.size === expected.length) return true;
      await page.locator('.markers-panel .monaco-list').first().focus();
      await page.keyboard.press('PageDown');
      return false;
    }, 90000, 300).catch((e: Error) => {
      throw new Error(`${e.message}: missing ${expected.filter((x) => !seen.has(x)).join(', ')}`);
    });
    await page.locator('.markers-panel .monaco-list').first().focus();
    await page.keyboard.press('Home');
    // Back in the editor, with the Problems panel still open, for the README screenshot.
    await quickOpen(page, 'sample-postmortem.md');
    await goToLine(page, 1, 1);
    const png = await snap(page, 'sample-problems');
    // The README's screenshot: refreshed on request (POSTMORTEM_UPDATE_SCREENSHOT=1) or when missing.
    const readmeShot = join(ROOT, 'docs', 'screenshot.png');
    if (process.env.POSTMORTEM_UPDATE_SCREENSHOT === '1' || !existsSync(readmeShot)) {
      mkdirSync(join(ROOT, 'docs'), { recursive: true });
      copyFileSync(png, readmeShot);
    }
    const badges = await page.locator('.statusbar-item[id="status.problems"]').first().innerText();
    assert.match(badges, /\d/);
  });

  it('applies a quick fix from the lightbulb (Control+.)', { timeout: 180000 }, async () => {
    const page = s.page;
    const file = join(ws, 'sample-postmortem.md');
    const dupLine = readFileSync(file, 'utf8').split('\n').findIndex((l, i, all) => /^\| AI-2 \|/.test(l) && all.slice(0, i).some((x) => /^\| AI-2 \|/.test(x))) + 1;
    assert.ok(dupLine > 0, 'the sample has a duplicate action id');
    await quickOpen(page, 'sample-postmortem.md');
    await goToLine(page, dupLine, 4);
    await pickAction(page, 'Control+.', 'Change id to AI-3');
    await snap(page, 'quick-fix-applied');
    const text = await save(page, file, (t) => t.split('\n')[dupLine - 1].startsWith('| AI-3 |'), 'the renumbered action item');
    assert.equal((text.match(/^\| AI-2 \|/gm) ?? []).length, 1);
    await waitFor('duplicate-action-id to leave the Problems panel', async () => !(await problemsText(page)).includes('duplicate-action-id'), 60000, 300);
    await snap(page, 'quick-fix-problems');
  });

  it('sorts the timeline from the Refactor menu', { timeout: 180000 }, async () => {
    const page = s.page;
    const file = join(ws, 'sample-postmortem.md');
    const lines = readFileSync(file, 'utf8').split('\n');
    const heading = lines.findIndex((l) => /^## Timeline/.test(l)) + 1;
    assert.ok(heading > 0);
    const beforeTimes = timelineTimes(lines.join('\n'));
    await quickOpen(page, 'sample-postmortem.md');
    await goToLine(page, heading, 4);
    await pickAction(page, 'Control+Shift+R', 'Sort timeline by time');
    await snap(page, 'timeline-sorted');
    const text = await save(page, file, (t) => JSON.stringify(timelineTimes(t)) !== JSON.stringify(beforeTimes), 'the sorted timeline');
    // The sample's incident crosses midnight: 23:xx rows come before 00:xx rows. (A row whose
    // time cannot be read, like "23.52", stays with the row above it.)
    const times = timelineTimes(text).filter((t) => /^\d\d:\d\d$/.test(t));
    const minutes = (t: string) => Number(t.slice(0, 2)) * 60 + Number(t.slice(3, 5)) + (t < '12' ? 1440 : 0);
    assert.deepEqual([...times].sort((a, b) => minutes(a) - minutes(b)), times);
    assert.equal(timelineTimes(text).length, beforeTimes.length);
    await waitFor('timeline-order to leave the Problems panel', async () => !(await problemsText(page)).includes('timeline-order'), 60000, 300);
  });

  it('expands the post-mortem template snippet in a new report', { timeout: 180000 }, async () => {
    const page = s.page;
    const file = join(ws, 'drafts', 'incident-2026-11-27.md');
    await quickOpen(page, 'incident-2026-11-27.md');
    await page.keyboard.type('postmortem');
    await waitFor('the suggestion "postmortem"', async () => {
      await page.keyboard.press('Control+Space');
      await page.locator('.suggest-widget .monaco-list-row', { hasText: 'postmortem' }).first().waitFor({ state: 'visible', timeout: 5000 });
      return true;
    }, 60000, 500);
    await snap(page, 'snippet-suggest');
    await page.keyboard.press('Enter');
    await page.keyboard.type('Payment webhook backlog');
    await page.keyboard.press('Escape');
    await snap(page, 'snippet-expanded');
    const text = await save(page, file, (t) => t.includes('## Action Items'), 'the expanded template');
    assert.match(text, /^# Payment webhook backlog\n/);
    for (const h of ['## Summary', '## Impact', '## Timeline', '## Contributing Factors', '## Action Items']) assert.ok(text.includes(h), `template lacks ${h}`);
  });

  it('imports a Prometheus range from the command palette into the timeline, then undoes it', { skip: noPrometheus, timeout: 240000 }, async () => {
    const page = s.page;
    const file = join(ws, 'e2e', 'import-target.md');
    const original = readFileSync(file, 'utf8');
    await quickOpen(page, 'import-target.md');
    await runCommand(page, 'Post-Mortem: Import Prometheus range');
    const dirty = page.locator('.tab.active.dirty');
    const questions = await answerPrompts(page, [
      [/^Import Prometheus range/, 'Query a Prometheus server'],
      [/PromQL/, 'checkout_errors_per_second{job="checkout"}'],
      [/Prometheus server/, 'default'],
      [/Time window/, '2026-03-04T10:00Z 2026-03-04T10:40Z'],
      [/^Step/, undefined],
      [/^Threshold/, '5'],
      [/^Chart$/, 'Insert the rows'],
    // The questions are over when the edit lands: the tab turns dirty (or the command saved it).
    ], async () => (await dirty.isVisible()) || readFileSync(file, 'utf8') !== original, 120000).catch(async (e: Error) => {
      await snap(page, 'import-failed');
      throw e;
    });
    await snap(page, 'import-rows');
    const text = await save(page, file, (t) => t !== original, 'the imported rows');
    const added = text.split('\n').filter((l) => !original.split('\n').includes(l));
    assert.ok(added.length >= 2, `expected rows for the start and the end of the burst, got:\n${added.join('\n')}`);
    assert.ok(added.every((l) => l.startsWith('|') && /Prometheus/.test(l)), added.join('\n'));
    const times = timelineTimes(text);
    assert.ok(times.includes('10:12') && times.includes('10:25'), `burst start and end not in the timeline: ${times.join(', ')}`);
    assert.deepEqual([...times].sort(), times, 'rows are merged in time order');
    process.stdout.write(`  questions: ${questions.join(' > ')}\n  rows: ${added.length}\n`);

    // One undo step takes the whole import back.
    await page.locator('.monaco-editor .view-lines').first().click();
    await page.keyboard.press('Control+Z');
    await save(page, file, (t) => t === original, 'the report as it was before the import');
    await snap(page, 'import-undone');
  });

  it('imports Kubernetes events with their rollout history from "Import incident data", then undoes it', { timeout: 240000 }, async () => {
    const page = s.page;
    const file = join(ws, 'e2e', 'import-target.md');
    const original = readFileSync(file, 'utf8');
    await quickOpen(page, 'import-target.md');
    await runCommand(page, 'Post-Mortem: Import incident data');
    const dirty = page.locator('.tab.active.dirty');
    const questions = await answerPrompts(page, [
      [/^Import incident data/, 'Kubernetes events'],
      [/^Also read/, 'Choose a file'],
      [/rollout history --revision=N. output/, join(ws, 'data', 'kubectl_rollout_history_revision.txt'), 'path'],
      [/^File$/, join(ws, 'data', 'kubectl_get_events_o_json.json'), 'path'],
    ], async () => (await dirty.isVisible()) || readFileSync(file, 'utf8') !== original, 120000).catch(async (e: Error) => {
      await snap(page, 'incident-import-failed');
      throw e;
    });
    await snap(page, 'incident-import-rows');
    const text = await save(page, file, (t) => t !== original, 'the imported rows');
    const added = text.split('\n').filter((l) => !original.split('\n').includes(l));
    assert.equal(added.filter((l) => /Kubernetes shop/.test(l)).length, 6, added.join('\n'));
    assert.equal(added.filter((l) => /replica set checkout-7d9c6b5f4d .* — revision 3: deploy v1\.9\.0 \(pipeline 4502\)/.test(l)).length, 2, added.join('\n'));
    process.stdout.write(`  questions: ${questions.join(' > ')}\n  rows: ${added.length}\n`);
    await page.locator('.monaco-editor .view-lines').first().click();
    await page.keyboard.press('Control+Z');
    await save(page, file, (t) => t === original, 'the report as it was before the import');
  });
});
