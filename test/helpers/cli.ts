// The built CLI as users run it: `dist/cli.js` in a child process, built first (with the server) when missing.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

export const ROOT = join(__dirname, '..', '..');
export const CLI = join(ROOT, 'dist', 'cli.js');

/** Builds the project when dist/cli.js (with the bundle it loads) or dist/server.js is missing (for `node --test` of one file). */
export function ensureCliBuilt(): void {
  if (!existsSync(CLI) || !existsSync(join(ROOT, 'dist', 'cli-main.js')) || !existsSync(join(ROOT, 'dist', 'server.js'))) execFileSync(process.execPath, [join(ROOT, 'scripts', 'build.mjs')], { cwd: ROOT });
}

/** Runs `postmortem ARGS` in `cwd` (optionally as another user) and returns its exit code and output. */
export function runCli(args: string[], cwd = ROOT, as?: { uid: number; gid: number }) {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', ...as });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}
