// The packed CLI package and npm without network, for the tests that install it as a team would.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const ROOT = join(__dirname, '..', '..');
export const SAMPLE = join(ROOT, 'examples', 'sample-postmortem.md');

export interface Packed {
  tarball: string;
  packageDir: string;
  size: number;
  unpackedSize: number;
  files: string[];
}

/** `npm run pack:cli`, into a temporary folder of this test file's own. */
export async function packCliPackage(): Promise<Packed> {
  const { packCli } = (await import(join(ROOT, 'scripts', 'pack-cli.mjs'))) as { packCli: (o: { quiet: boolean; outDir: string }) => Promise<Packed> };
  return packCli({ quiet: true, outDir: mkdtempSync(join(tmpdir(), 'pm-pack-')) });
}

/** The environment of an npm with no network, a cache of its own (nothing from an earlier install) and nothing from a parent `npm run`. */
export function offlineNpmEnv(cache: string, extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) if (!/^npm_/i.test(k)) env[k] = v;
  return { ...env, npm_config_cache: cache, npm_config_offline: 'true', npm_config_audit: 'false', npm_config_fund: 'false', npm_config_update_notifier: 'false', npm_config_yes: 'true', ...extra };
}

export function npm(cmd: 'npm' | 'npx', args: string[], cwd: string, cache: string) {
  const r = spawnSync(cmd, args, { cwd, env: offlineNpmEnv(cache), encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** A team's repository: a package.json, a post-mortem under docs/incidents/ and a README that is not one. */
export function freshProject(): { dir: string; cache: string } {
  const base = mkdtempSync(join(tmpdir(), 'pm-pkg-'));
  const dir = join(base, 'team-repo');
  mkdirSync(join(dir, 'docs', 'incidents'), { recursive: true });
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'team-repo', version: '1.0.0', private: true }, null, 2));
  cpSync(SAMPLE, join(dir, 'docs', 'incidents', '2025-02-09-checkout.md'));
  writeFileSync(join(dir, 'README.md'), '# Team repo\n\nNot a post-mortem: | ID | Action | Owner |\n');
  return { dir, cache: join(base, 'npm-cache') };
}

/** What the repository's own CLI (dist/cli.js) reports, as JSON rows. */
export function repoCliRows(args: string[], cwd: string): { file: string; rule: string; line: number; severity: string; message: string }[] {
  const r = spawnSync(process.execPath, [join(ROOT, 'dist', 'cli.js'), 'lint', '--format', 'json', ...args], { cwd, encoding: 'utf8' });
  return JSON.parse(r.stdout);
}
