// Runs the in-host mocha suite (test/e2e/suite, bundled to out/test/index.js) inside the extension
// host of a real VS Code 1.100 (code-server), loading the extension from this folder as a
// development extension. The workbench reports the suite's output and exit code to the page
// through codeAutomationLog / codeAutomationExit.
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { format } from 'node:util';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { IN_HOST_ENTRY } from '../../scripts/e2e-package.mjs';
import { ROOT, built, missing, resultsDir } from './env';
import { openWorkbench, shot, startSession, workbenchUnavailable, waitFor } from './workbench';
import { prepareWorkspace } from './workspace';

const skip = missing('dist/ and out/test/index.js', built() && existsSync(IN_HOST_ENTRY), 'run node scripts/e2e-package.mjs first') ?? workbenchUnavailable();

test('in-host suite in VS Code 1.100 (code-server)', { skip, timeout: 420000 }, async () => {
  const results = resultsDir('in-host');
  const s = await startSession({
    name: 'inhost',
    workspace: (dir) => prepareWorkspace(dir),
    env: process.env.POSTMORTEM_E2E_GREP ? { POSTMORTEM_E2E_GREP: process.env.POSTMORTEM_E2E_GREP } : {},
  });
  const log: string[] = [];
  try {
    let exitCode: number | undefined;
    await s.page.exposeFunction('codeAutomationLog', (type: string, args: unknown[]) => {
      const line = format(...(Array.isArray(args) ? args : [args]));
      log.push(type === 'error' ? `[error] ${line}` : line);
    });
    await s.page.exposeFunction('codeAutomationExit', (code: number) => {
      exitCode = code;
    });
    const remote = (p: string) => `vscode-remote://127.0.0.1:${s.server.port}${p}`;
    const payload = [
      ['extensionDevelopmentPath', remote(ROOT)],
      ['extensionTestsPath', remote(IN_HOST_ENTRY)],
      ['skipWelcome', 'true'],
    ];
    await openWorkbench(s, `&payload=${encodeURIComponent(JSON.stringify(payload))}`);
    await waitFor('the in-host suite to finish', () => exitCode !== undefined, 360000, 250);
    await shot(s.page, results, 'in-host-end');
    const output = log.join('\n');
    writeFileSync(join(results, 'in-host.log'), output);
    process.stdout.write(output.split('\n').filter((l) => /passing|failing|pending|✔|✓|\d+\) /.test(l)).map((l) => `  ${l}\n`).join(''));
    assert.equal(exitCode, 0, `in-host suite failed:\n${output}`);
    const passing = /(\d+) passing/.exec(output);
    assert.ok(passing && +passing[1] > 0, `no passing tests reported:\n${output}`);
    assert.doesNotMatch(output, /\d+ pending/, 'pending in-host tests');
  } finally {
    await s.close();
  }
});
