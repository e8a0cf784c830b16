// Runs git for the deploy history of a repository over a window: merges on the main line and the
// tags, read by the pure parsers in engine/import/sources/git.ts. git is run directly (execFile,
// no shell), so a path or a time cannot be read as a command.
import { execFile } from 'node:child_process';
import { basename, resolve } from 'node:path';
import { GIT_LOG_FORMAT, GIT_TAG_FORMAT, gitLogRows, gitTagRows } from '../engine/import/sources/git';
import { ImportError, sortRows, type TimelineRow } from '../engine/importers/rows';

export interface GitHistoryRequest {
  repo: string;
  startMs: number;
  endMs: number;
  /** Every commit on the main line, not only merges (for repositories that squash or rebase). */
  allCommits?: boolean;
  /** The branch or commit whose history is read (default: HEAD). */
  ref?: string;
  signal?: AbortSignal;
}

function git(repo: string, args: string[], signal?: AbortSignal): Promise<string> {
  return new Promise((done, fail) => {
    execFile('git', ['-C', repo, ...args], { maxBuffer: 256 * 1024 * 1024, signal, env: { ...process.env, GIT_TERMINAL_PROMPT: '0', LC_ALL: 'C' } }, (err, stdout, stderr) => {
      if (!err) return done(stdout);
      const e = err as NodeJS.ErrnoException & { code?: string | number };
      if (e.code === 'ENOENT') return fail(new ImportError('git is not installed here (no `git` on PATH).', 'execution'));
      if (e.name === 'AbortError') return fail(new ImportError('The import was cancelled.', 'cancelled'));
      const msg = String(stderr).trim().split('\n')[0] || e.message;
      if (/not a git repository/i.test(msg)) return fail(new ImportError(`${repo} is not a git repository.`, 'usage'));
      fail(new ImportError(`git failed in ${repo}: ${msg}`, 'execution'));
    });
  });
}

/** Rows for the merges (or every main-line commit) and tags of a repository in the window. */
export async function gitHistoryRows(req: GitHistoryRequest): Promise<TimelineRow[]> {
  const repo = resolve(req.repo);
  if (req.ref !== undefined && (req.ref.startsWith('-') || !req.ref.trim())) throw new ImportError(`"${req.ref}" is not a branch or commit.`, 'usage');
  const top = (await git(repo, ['rev-parse', '--show-toplevel'], req.signal)).trim();
  const repoName = basename(top || repo);
  const since = new Date(req.startMs).toISOString();
  const until = new Date(req.endMs).toISOString();
  const logArgs = ['log', '--first-parent', ...(req.allCommits ? [] : ['--merges']), `--since=${since}`, `--until=${until}`, `--format=${GIT_LOG_FORMAT}`, req.ref ?? 'HEAD', '--'];
  // A repository without commits has no HEAD: no history, not an error.
  const hasHead = await git(repo, ['rev-parse', '--verify', '--quiet', req.ref ?? 'HEAD'], req.signal).then(() => true, () => false);
  if (!hasHead && req.ref) throw new ImportError(`${req.ref} is not a branch or commit in ${repo}.`, 'usage');
  const log = hasHead ? await git(repo, logArgs, req.signal) : '';
  const tags = await git(repo, ['for-each-ref', '--sort=creatordate', `--format=${GIT_TAG_FORMAT}`, 'refs/tags'], req.signal);
  const opts = { startMs: req.startMs, endMs: req.endMs, repoName };
  return sortRows([...gitLogRows(log, opts), ...gitTagRows(tags, opts)]);
}
