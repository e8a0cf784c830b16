// Shared bits of the end-to-end suites (run by `npm run test:e2e`, outside the extension host).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const RESULTS = join(ROOT, 'test-results');
export const IN_CI = process.env.CI === 'true' || process.env.CI === '1';

export function which(cmd: string): string | undefined {
  const r = spawnSync('sh', ['-c', `command -v ${cmd}`], { encoding: 'utf8' });
  return r.status === 0 ? r.stdout.trim() : undefined;
}

/**
 * Returns why a suite cannot run here (a missing tool), or undefined. In CI a missing tool is
 * an error, never a skip.
 */
export function missing(what: string, present: boolean, hint: string): string | undefined {
  if (present) return undefined;
  const msg = `${what} is not available (${hint})`;
  if (IN_CI) throw new Error(`CI: ${msg}; the suite must run in CI`);
  process.stderr.write(`SKIP: ${msg}\n`);
  return msg;
}

export function resultsDir(name: string): string {
  const d = join(RESULTS, name);
  mkdirSync(d, { recursive: true });
  return d;
}

export function built(): boolean {
  return existsSync(join(ROOT, 'dist', 'server.js'));
}
