// A repository's history to timeline rows: merges on the main line (a pull request landing) and
// tagged commits (a release), the commit's author as the actor. Pure: it reads the lines of one
// fixed `git log` command, which the import runs in the repository (node/line-reader.ts,
// commandLines: no shell) with the window as --since/--until.
import { cellText } from '../cells';
import { ImportError, sortRows, type TimelineRow } from '../rows';
import { inWindow, isoTime, type SourceWindow } from './common';

/** `git log --format=`: hash, committer date (strict ISO 8601), author, parents, ref names, subject. */
export const GIT_LOG_FORMAT = '%H%x09%cI%x09%an%x09%P%x09%D%x09%s';

export interface GitOptions extends SourceWindow {
  /** The repository's name, shown in the Source column (`git checkout-service`). */
  repoName?: string;
  /** Every commit of the main line, not only merges and tagged ones (for repositories that squash or rebase). */
  allCommits?: boolean;
}

/** The arguments of the one git command, for the main line of `ref` (default HEAD) in the window. */
export function gitLogArgs(w: { startMs: number; endMs: number }, ref = 'HEAD'): string[] {
  if (!ref.trim() || ref.startsWith('-')) throw new ImportError(`"${ref}" is not a branch or commit.`, 'usage');
  const at = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
  return ['log', '--first-parent', '--no-color', `--since=${at(w.startMs)}`, `--until=${at(w.endMs)}`, `--format=${GIT_LOG_FORMAT}`, ref, '--'];
}

/** Rows from the output of `git log --format=GIT_LOG_FORMAT`: merges and tagged commits (or every commit). */
export async function gitLogRows(lines: AsyncIterable<string> | Iterable<string>, opts: GitOptions = {}): Promise<TimelineRow[]> {
  const source = cellText(opts.repoName ? `git ${opts.repoName}` : 'git', 120);
  const rows: TimelineRow[] = [];
  for await (const raw of lines) {
    const line = raw.replace(/\r$/, '');
    if (!line.trim()) continue;
    const parts = line.split('\t');
    const t = parts.length >= 6 && /^[0-9a-f]{7,64}$/.test(parts[0]) ? isoTime(parts[1]) : undefined;
    if (!t) throw new ImportError(`This is not the output of git log --format='${GIT_LOG_FORMAT}': ${JSON.stringify(line.slice(0, 120))}`, 'format');
    if (!inWindow(t.epochMs, opts)) continue;
    const [hash, , author, parents, refs] = parts;
    const subject = parts.slice(5).join('\t');
    const merge = parents.trim().split(/\s+/).filter(Boolean).length > 1;
    const tags = refs
      .split(', ')
      .filter((r) => r.startsWith('tag: '))
      .map((r) => r.slice(5));
    if (!merge && !tags.length && !opts.allCommits) continue;
    const short = hash.slice(0, 7);
    const event =
      merge || opts.allCommits || !tags.length
        ? `${subject} (${short})${tags.length ? `, tagged ${tags.join(', ')}` : ''}`
        : `Tag ${tags.join(', ')} on ${short}: ${subject}`;
    rows.push({ epochMs: t.epochMs, event: cellText(event), source, actor: cellText(author, 60) });
  }
  // git log lists the newest first: commits of the same second keep their order once reversed.
  return sortRows(rows.reverse());
}
