// Which Markdown files are post-mortems: by name or folder, by first heading, or by front matter.
import picomatch from 'picomatch';
import { DEFAULT_FILE_GLOBS } from './config';

const NAME_RE = /(?:^|[\/\\._-])(?:post[-_ ]?mortems?|incidents?|retros?|retrospectives?|pir|ポストモーテム|障害報告)(?:[\/\\._-]|$)/i;
const HEADING_RE = /post[- ]?mortem|incident (?:review|report|analysis|retrospective)|retrospective|outage (?:report|review)|root cause analysis|ポストモーテム|障害報告|インシデント(?:報告|レポート|レビュー)|振り返り/i;

export function isPostMortemPath(path: string, extraGlobs: string[] = []): boolean {
  const p = path.replace(/\\/g, '/');
  if (NAME_RE.test(p)) return true;
  const globs = [...DEFAULT_FILE_GLOBS, ...extraGlobs];
  return picomatch.isMatch(p, globs, { dot: true, nocase: true }) || picomatch.isMatch(p.replace(/^.*?\//, ''), extraGlobs, { dot: true });
}

export function isPostMortemText(text: string): boolean {
  const head = text.slice(0, 4000);
  if (/^---\r?\n[\s\S]*?^type\s*:\s*["']?post-?mortem["']?\s*$[\s\S]*?^---/im.test(head)) return true;
  const m = /^ {0,3}#{1,6}[ \t]+(.+)$|^(.+)\r?\n=+[ \t]*$/m.exec(head);
  const first = m ? m[1] ?? m[2] : '';
  return HEADING_RE.test(first);
}

/** True when a path (relative to the workspace or the folder checked) matches one of the `ignore` globs. */
export function isIgnored(path: string, ignore: string[]): boolean {
  return ignore.length > 0 && picomatch.isMatch(path.replace(/\\/g, '/'), ignore);
}

/** A file is a post-mortem when its path or its text says so; files named by the user are always checked. */
export function isPostMortem(path: string | undefined, text: string, extraGlobs: string[] = []): boolean {
  return (path !== undefined && isPostMortemPath(path, extraGlobs)) || isPostMortemText(text);
}
