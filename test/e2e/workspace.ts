// The workspace the in-host suite and the UI scenarios open: copies of the example report, the
// rule fixtures and the end-to-end fixtures, so edits never touch the repository.
import { cpSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './env';

export function prepareWorkspace(dir: string, settings: Record<string, unknown> = {}): string {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(join(dir, '.vscode'), { recursive: true });
  cpSync(join(ROOT, 'examples', 'sample-postmortem.md'), join(dir, 'sample-postmortem.md'));
  cpSync(join(ROOT, 'test', 'fixtures'), join(dir, 'fixtures'), { recursive: true });
  cpSync(join(ROOT, 'test', 'e2e', 'fixtures'), join(dir, 'e2e'), { recursive: true });
  writeFileSync(join(dir, '.vscode', 'settings.json'), JSON.stringify(settings, null, 2));
  return dir;
}
