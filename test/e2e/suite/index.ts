// Entry point of the in-host suite (bundled to out/test/index.js by scripts/e2e-package.mjs).
// VS Code's test runner calls `run()` inside the extension host; it resolves when every test
// passed and rejects otherwise (code-server then reports exit code 0/1 to the page).
import Mocha from 'mocha';
import { suites } from './tests';

export function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'tdd', color: false, timeout: 120000, reporter: 'spec' });
  const grep = process.env.POSTMORTEM_E2E_GREP;
  if (grep) mocha.grep(grep);
  for (const s of suites()) {
    const suite = Mocha.Suite.create(mocha.suite, s.title);
    suite.timeout(120000);
    for (const t of s.tests) suite.addTest(new Mocha.Test(t.title, t.fn));
    if (s.after) suite.afterAll(s.after);
  }
  return new Promise((resolve, reject) => {
    mocha.run((failures) => {
      if (failures > 0) reject(new Error(`${failures} in-host test(s) failed`));
      else resolve();
    });
  });
}
