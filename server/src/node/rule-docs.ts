// Where a rule's documentation lives: the docs/rules/<id>.md page shipped beside dist/ (in the
// extension and in the CLI package), and, when package.json names a repository, its web address.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import pkg from '../../../package.json';

/** docs/ ships beside dist/ in the extension and in the npm package; from the sources it is two folders up. */
export const RULE_DOCS_DIR =
  [join(__dirname, '..', 'docs', 'rules'), join(__dirname, '..', '..', 'docs', 'rules'), join(__dirname, '..', '..', '..', 'docs', 'rules')].find((d) => existsSync(d)) ??
  join(__dirname, '..', 'docs', 'rules');

const docUrls = new Map<string, string>();

/** The page as a file: URL (the editor opens it from the installed extension). */
export function ruleDocUrl(id: string): string {
  let u = docUrls.get(id);
  if (!u) docUrls.set(id, (u = pathToFileURL(join(RULE_DOCS_DIR, `${id}.md`)).toString()));
  return u;
}

/** The Markdown of docs/rules/<id>.md, or undefined when the page is not there. */
export function ruleDocMarkdown(id: string, dir = RULE_DOCS_DIR): string | undefined {
  try {
    return readFileSync(join(dir, `${id}.md`), 'utf8');
  } catch {
    return undefined;
  }
}

type RepositoryField = string | { type?: string; url?: string; directory?: string } | undefined;

const SHORTCUT_HOSTS: Record<string, string> = { github: 'github.com', gitlab: 'gitlab.com', bitbucket: 'bitbucket.org' };

/**
 * The web address of a package.json `repository` field (`owner/repo`, `github:owner/repo`,
 * `git+https://host/owner/repo.git`, `git@host:owner/repo.git`, `{ url, directory }`), or
 * undefined when there is none or it is not a web-reachable host.
 */
export function repositoryWebUrl(repository: RepositoryField): string | undefined {
  const raw = typeof repository === 'string' ? repository : repository?.url;
  if (!raw?.trim()) return undefined;
  const s = raw.trim();
  const short = /^(?:(github|gitlab|bitbucket):)?([\w.-]+)\/([\w.-]+?)(?:\.git)?$/.exec(s);
  if (short) return `https://${SHORTCUT_HOSTS[short[1] ?? 'github']}/${short[2]}/${short[3]}`;
  const u = s
    .replace(/^git\+/, '')
    .replace(/^git@([^:/]+):/, 'https://$1/')
    .replace(/^(?:git|ssh):\/\/(?:[^@/]+@)?/, 'https://')
    .replace(/^http:\/\//, 'https://')
    .replace(/\/+$/, '')
    .replace(/\.git$/, '');
  return /^https:\/\/[^/\s]+\/\S+$/.test(u) ? u : undefined;
}

/** The web address of a file of the repository on its default branch (GitHub, GitLab, Bitbucket URL shapes). */
export function repositoryFileUrl(repository: RepositoryField, path: string): string | undefined {
  const base = repositoryWebUrl(repository);
  if (!base) return undefined;
  const dir = typeof repository === 'object' && repository.directory ? repository.directory.replace(/^\/+|\/+$/g, '') + '/' : '';
  const host = new URL(base).hostname;
  const blob = host === 'gitlab.com' || host.startsWith('gitlab.') ? '/-/blob/HEAD/' : host === 'bitbucket.org' ? '/src/HEAD/' : '/blob/HEAD/';
  return base + blob + dir + path;
}

/** What this program is: name and version for --version and SARIF, and its repository when package.json names one. */
export const PACKAGE = {
  name: pkg.name as string,
  version: pkg.version as string,
  repository: (pkg as { repository?: RepositoryField }).repository,
};
