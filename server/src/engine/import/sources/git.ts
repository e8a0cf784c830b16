// A repository's history to timeline rows: merges on the main line (a pull request landing) and
// tags (a release), with the commit's author or the tagger as the actor. Pure: it reads the text
// of two fixed git commands, which `server/src/node/git-history.ts` runs.
import { cellText, ImportError, sortRows, type TimelineRow } from '../../importers/rows';
import { inWindow, isoTime, type SourceWindow } from './common';

/** `git log --format=` for the commit rows: hash, committer date (strict ISO), author, subject. */
export const GIT_LOG_FORMAT = '%H%x09%cI%x09%an%x09%s';

/**
 * `git for-each-ref --format=` for the tag rows: name, object type (`tag` for an annotated tag,
 * `commit` for a lightweight one), object, peeled commit, creator date, tagger date, tagger,
 * subject (the tag's message, or the commit's for a lightweight tag).
 */
export const GIT_TAG_FORMAT = '%(refname:short)%09%(objecttype)%09%(objectname)%09%(*objectname)%09%(creatordate:iso-strict)%09%(taggerdate:iso-strict)%09%(taggername)%09%(subject)';

export interface GitOptions extends SourceWindow {
  /** The repository's name, shown in the Source column (`git checkout-service`). */
  repoName?: string;
}

const short = (hash: string) => hash.slice(0, 7);

function sourceOf(opts: GitOptions): string {
  return cellText(opts.repoName ? `git ${opts.repoName}` : 'git', 120);
}

/** Splits a tab-separated line into `n` fields, the last one keeping any further tabs. */
function fields(line: string, n: number): string[] | undefined {
  const parts = line.split('\t');
  if (parts.length < n) return undefined;
  return [...parts.slice(0, n - 1), parts.slice(n - 1).join('\t')];
}

/** Rows from `git log --format=GIT_LOG_FORMAT` output: one per commit (the caller asks for merges). */
export function gitLogRows(text: string, opts: GitOptions = {}): TimelineRow[] {
  const rows: TimelineRow[] = [];
  const source = sourceOf(opts);
  const lines = text.split('\n').filter((l) => l.trim());
  for (const line of lines) {
    const f = fields(line.replace(/\r$/, ''), 4);
    const t = f && /^[0-9a-f]{7,64}$/.test(f[0]) ? isoTime(f[1]) : undefined;
    if (!f || !t) throw new ImportError(`This is not the output of git log --format='${GIT_LOG_FORMAT}': ${JSON.stringify(line.slice(0, 120))}`, 'format');
    if (!inWindow(t.epochMs, opts)) continue;
    rows.push({ epochMs: t.epochMs, event: cellText(`${f[3]} (${short(f[0])})`), source, actor: cellText(f[2], 60) });
  }
  return sortRows(rows);
}

/** Rows from `git for-each-ref --format=GIT_TAG_FORMAT refs/tags` output, in the window. */
export function gitTagRows(text: string, opts: GitOptions = {}): TimelineRow[] {
  const rows: TimelineRow[] = [];
  const source = sourceOf(opts);
  for (const line of text.split('\n')) {
    if (!line.trim()) continue;
    const f = fields(line.replace(/\r$/, ''), 8);
    if (!f) throw new ImportError(`This is not the output of git for-each-ref --format='${GIT_TAG_FORMAT}': ${JSON.stringify(line.slice(0, 120))}`, 'format');
    const [name, type, object, peeled, created, tagged, tagger, subject] = f;
    // An annotated tag has its own date and author; a lightweight one is only a name on a commit.
    const annotated = type === 'tag';
    const t = isoTime(annotated && tagged ? tagged : created);
    if (!t || !inWindow(t.epochMs, opts)) continue;
    const commit = annotated && peeled ? peeled : object;
    rows.push({ epochMs: t.epochMs, event: cellText(`Tag ${name} on ${short(commit)}${subject ? `: ${subject}` : ''}`), source, actor: cellText(annotated ? tagger : '', 60) });
  }
  return sortRows(rows);
}
