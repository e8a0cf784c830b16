// `npm run test:e2e`: the end-to-end suites, one after the other (2 cores are enough):
//   test/e2e/neovim.test.ts   Neovim's LSP client drives dist/server.js over stdio
//   test/e2e/in-host.test.ts  the mocha suite inside VS Code's extension host (code-server)
//   test/e2e/ui.test.ts       a person's view in Chromium: squiggles, Problems, quick fix, import...
//   test/e2e/start.test.ts    `npm start`: log in with the printed password, trust the sample, see its findings; SIGTERM/SIGHUP end everything
// It builds, packages the .vsix and bundles the in-host suite first. Screenshots and logs go to
// test-results/. With CI=true a suite that would skip (missing nvim, chromium, code-server...)
// fails instead.
//
//   node scripts/e2e.mjs [neovim|in-host|ui|start ...]
//
// The README's docs/screenshot.png comes from the UI suite; refresh it after the sample report or
// the look of the findings changed: POSTMORTEM_UPDATE_SCREENSHOT=1 node scripts/e2e.mjs ui
// Keep the code-server run folders for a look afterwards: POSTMORTEM_E2E_KEEP=1.
// Run some in-host tests only: POSTMORTEM_E2E_GREP='quick fixes' node scripts/e2e.mjs in-host
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, buildProject, bundleInHostTests, packageExtension } from './e2e-package.mjs';

const SUITES = ['neovim', 'in-host', 'ui', 'start'];
const IN_CI = process.env.CI === 'true' || process.env.CI === '1';

async function main() {
  const wanted = process.argv.slice(2).filter((a) => !a.startsWith('-'));
  for (const w of wanted) {
    if (!SUITES.includes(w)) {
      console.error(`unknown suite "${w}"; known: ${SUITES.join(', ')}`);
      process.exit(2);
    }
  }
  const suites = wanted.length ? wanted : SUITES;
  const results = join(ROOT, 'test-results');
  mkdirSync(results, { recursive: true });

  const started = Date.now();
  buildProject();
  const vsix = packageExtension();
  await bundleInHostTests();
  process.stdout.write(`e2e: built, packaged ${vsix}, bundled the in-host suite (${Date.now() - started} ms)\n`);

  const tap = join(results, 'e2e.tap');
  rmSync(tap, { force: true });
  const files = suites.map((s) => `test/e2e/${s}.test.ts`).filter((f) => existsSync(join(ROOT, f)));
  const r = spawnSync(process.execPath, [
    '--import', 'tsx', '--test', '--test-concurrency=1',
    '--test-reporter=spec', '--test-reporter-destination=stdout',
    '--test-reporter=tap', `--test-reporter-destination=${tap}`,
    ...files,
  ], { cwd: ROOT, stdio: 'inherit', env: { ...process.env, POSTMORTEM_E2E_VSIX: vsix } });

  const summary = existsSync(tap) ? readFileSync(tap, 'utf8') : '';
  const count = (k) => Number((new RegExp(`^# ${k} (\\d+)`, 'm').exec(summary) ?? [])[1] ?? NaN);
  const [tests, pass, fail, skipped, cancelled] = ['tests', 'pass', 'fail', 'skipped', 'cancelled'].map(count);
  process.stdout.write(`e2e: ${tests} tests, ${pass} passed, ${fail} failed, ${skipped} skipped, ${cancelled} cancelled in ${Math.round((Date.now() - started) / 1000)} s (artifacts in test-results/)\n`);
  if (r.status !== 0 || !(fail === 0) || !(cancelled === 0) || !(tests > 0)) process.exit(1);
  if (IN_CI && skipped !== 0) {
    console.error('e2e: suites were skipped; in CI every suite must run');
    process.exit(1);
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
