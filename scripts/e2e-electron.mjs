// The in-host suite (test/e2e/suite) in a desktop VS Code downloaded by @vscode/test-electron:
// the second entry point of the same suite, for contributors with internet access (it downloads
// VS Code into .vscode-test/). On machines without it, `npm run test:e2e` runs the same suite in
// code-server instead.
//
//   npm run test:e2e:electron [-- --version 1.100.3]
import { join } from 'node:path';
import { runTests } from '@vscode/test-electron';
import { ROOT, buildProject, bundleInHostTests, prepareWorkspace } from './e2e-package.mjs';

const args = process.argv.slice(2);
const v = args.indexOf('--version');
const version = v >= 0 ? args[v + 1] : process.env.VSCODE_VERSION ?? 'stable';

async function main() {
  buildProject();
  const extensionTestsPath = await bundleInHostTests();
  const runDir = join(ROOT, '.vscode-test', 'electron-run');
  const workspace = prepareWorkspace(join(runDir, 'ws'));
  const code = await runTests({
    version,
    extensionDevelopmentPath: ROOT,
    extensionTestsPath,
    extensionTestsEnv: process.env.POSTMORTEM_E2E_GREP ? { POSTMORTEM_E2E_GREP: process.env.POSTMORTEM_E2E_GREP } : {},
    launchArgs: [workspace, '--disable-extensions', '--disable-workspace-trust', '--user-data-dir', join(runDir, 'user-data'), '--skip-welcome', '--skip-release-notes'],
  });
  process.exit(code);
}

main().catch((e) => {
  console.error(`in-host suite (desktop VS Code) failed: ${e instanceof Error ? e.message : e}`);
  process.exit(1);
});
