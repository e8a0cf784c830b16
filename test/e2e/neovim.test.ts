// Neovim as a second LSP client: a headless Neovim drives `node dist/server.js --stdio`:
// diagnostics with rule codes arrive, a quick fix applies, the finding clears.
import { spawn } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ROOT, built, missing, resultsDir, which } from './env';

interface NvimDiag { line: number; code: string; source: string; message: string }
interface NvimResult {
  steps: string[];
  error?: string;
  before?: NvimDiag[];
  after?: NvimDiag[];
  actions?: { title: string; kind?: string; isPreferred?: boolean }[];
  applied?: string;
  text?: string;
}

function runNvim(file: string, rule: string, out: string): Promise<{ code: number | null; stderr: string }> {
  return runScript('lsp-check.lua', { PM_FILE: file, PM_ROOT: ROOT, PM_RULE: rule, PM_OUT: out });
}

/** Runs one of the Lua drivers in test/e2e/neovim/ in a headless Neovim with `env`. */
function runScript(script: string, env: Record<string, string>): Promise<{ code: number | null; stderr: string }> {
  return new Promise((res, rej) => {
    const child = spawn('nvim', ['--headless', '-u', 'NONE', '-i', 'NONE', '-n', '-c', `luafile ${join(ROOT, 'test/e2e/neovim', script)}`], {
      cwd: ROOT,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, PM_SERVER: join(ROOT, 'dist/server.js'), ...env },
    });
    let stderr = '';
    child.stdout.on('data', (d) => (stderr += d));
    child.stderr.on('data', (d) => (stderr += d));
    // The script has its own 30 s waits; this only guards against a hung editor.
    const guard = setTimeout(() => {
      try { process.kill(-child.pid!, 'SIGKILL'); } catch { /* gone */ }
    }, 120000);
    child.on('error', rej);
    child.on('exit', (code) => {
      clearTimeout(guard);
      // The language server is a child of nvim; make sure nothing of the group is left.
      try { process.kill(-child.pid!, 'SIGKILL'); } catch { /* already gone */ }
      res({ code, stderr });
    });
  });
}

const skip = missing('nvim', !!which('nvim'), 'apt-get install -y neovim') ?? missing('dist/server.js', built(), 'run npm run build first');

test('Neovim: diagnostics with rule codes, a quick fix applies, the finding clears', { skip, timeout: 150000 }, async () => {
  const dir = resultsDir('neovim');
  const work = mkdtempSync(join(dir, 'run-'));
  const file = join(work, 'unsorted-timeline.md');
  copyFileSync(join(ROOT, 'test/e2e/fixtures/unsorted-timeline.md'), file);
  const out = join(work, 'result.json');
  const started = Date.now();
  const { code, stderr } = await runNvim(file, 'timeline-order', out);
  assert.ok(existsSync(out), `nvim wrote no result (exit ${code}): ${stderr}`);
  const r = JSON.parse(readFileSync(out, 'utf8')) as NvimResult;
  assert.equal(r.error, undefined, `nvim: ${r.error}\nsteps: ${r.steps.join(' > ')}\n${stderr}`);
  assert.equal(code, 0, stderr);
  assert.deepEqual(r.steps, ['started', 'diagnostics', 'actions', 'applied', 'cleared', 'stopped']);

  const before = r.before!;
  const order = before.filter((d) => d.code === 'timeline-order');
  assert.equal(order.length, 1, JSON.stringify(before));
  assert.equal(order[0].source, 'postmortem');
  assert.equal(order[0].line, 21, 'the 09:25 row (0-based line 21) is out of order');
  for (const d of before) assert.match(d.code, /^[a-z]+(-[a-z]+)+$/, `diagnostic without a rule code: ${JSON.stringify(d)}`);

  assert.ok(r.actions!.some((a) => a.title === 'Sort timeline by time' && a.kind === 'quickfix'), JSON.stringify(r.actions));
  assert.equal(r.applied, 'Sort timeline by time');
  const rows = r.text!.split('\n').filter((l) => /^\| \d\d:\d\d/.test(l)).map((l) => l.slice(2, 7));
  assert.deepEqual(rows, ['09:10', '09:25', '09:40', '10:05']);
  assert.equal(r.after!.filter((d) => d.code === 'timeline-order').length, 0);
  // The file on disk is untouched: the edit is in the buffer, as in any editor before saving.
  assert.match(readFileSync(file, 'utf8'), /\| 09:40 \|[^\n]*\n\| 09:25 \|/);
  process.stderr.write(`neovim flow: ${Date.now() - started} ms, ${before.length} diagnostics before, ${r.after!.length} after\n`);
});

const IMPORT_REPORT = readFileSync(join(ROOT, 'test/fixtures-import/checkout-report.md'), 'utf8');

/** The README's `:PostmortemImport` block, as written (the test runs what users copy). */
function readmeImportCommand(): string {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const m = /<!-- neovim-import-command[^>]*-->\s*```lua\n([\s\S]*?)```/.exec(readme);
  assert.ok(m, 'README.md has no neovim-import-command block');
  return m[1];
}

test('Neovim: the README\'s :PostmortemImport imports a log into the report as one edit; a failed import changes nothing', { skip, timeout: 150000 }, async () => {
  const dir = resultsDir('neovim');
  const work = mkdtempSync(join(dir, 'import-'));
  const file = join(work, 'report.md');
  writeFileSync(file, IMPORT_REPORT);
  copyFileSync(join(ROOT, 'test/fixtures-import/kubectl-prefix.log'), join(work, 'pods.log'));
  writeFileSync(join(work, 'noise.log'), 'this is not a log line\n');
  const snippet = join(work, 'import-command.lua');
  writeFileSync(snippet, readmeImportCommand());
  const out = join(work, 'result.json');
  const started = Date.now();
  const { code, stderr } = await runScript('import.lua', { PM_FILE: file, PM_ROOT: work, PM_LOG: 'pods.log', PM_BAD: 'noise.log', PM_SNIPPET: snippet, PM_OUT: out });
  assert.ok(existsSync(out), `nvim wrote no result (exit ${code}): ${stderr}`);
  const r = JSON.parse(readFileSync(out, 'utf8')) as { steps: string[]; error?: string; messages: { type: number; message: string }[]; progress: string[]; original: string; imported: string; afterFailure: string; undone: string };
  assert.equal(r.error, undefined, `nvim: ${r.error}\nsteps: ${r.steps.join(' > ')}\n${stderr}`);
  assert.equal(code, 0, stderr);
  assert.deepEqual(r.steps, ['started', 'attached', 'imported', 'failed', 'undone', 'stopped']);
  assert.equal(r.original, IMPORT_REPORT.replace(/\n$/, ''));
  // The warn and error lines landed between the existing rows, in time order.
  const rows = r.imported.split('\n').filter((l) => /^\| 2025-/.test(l));
  assert.deepEqual(rows.map((l) => l.split(/(?<!\\)\|/)[2].trim()), ['Deploy started', 'WARN slow upstream (upstream=db)', 'ERROR db connection reset \\| retrying', 'Rollback completed']);
  assert.match(r.messages[0].message, /^2 rows inserted into report\.md/);
  assert.equal(r.messages[0].type, 3);
  // The failed import said why and left the buffer as it was.
  assert.equal(r.messages[1].type, 1);
  assert.match(r.messages[1].message, /Unknown log format: line 1/);
  assert.equal(r.afterFailure, r.imported);
  // One undo takes the whole import back; the file on disk was never touched.
  assert.equal(r.undone, r.original);
  assert.equal(readFileSync(file, 'utf8'), IMPORT_REPORT);
  process.stderr.write(`neovim import: ${Date.now() - started} ms, messages: ${r.messages.map((m) => m.message).join(' / ')}, progress: ${r.progress.join(',')}\n`);
});
