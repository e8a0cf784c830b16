// Which Markdown files are post-mortems: by name or folder, by first heading, by front matter, or
// by structure (a timeline with action items or contributing factors, under any of their names, or
// a timeline of timed events beside a section on how the incident was resolved or detected).
// The CLI and the language server both ask `detectPostMortem`, so they agree on every file.
import picomatch from 'picomatch';
import { DEFAULT_FILE_GLOBS } from './config';
import { buildModel, type PostMortem } from './model';
import { MAX_DOCUMENT_CHARS } from './lint';

const NAME_RE = /(?:^|[\/\\._-])(?:post[-_ ]?mortems?|incidents?|retros?|retrospectives?|pir|ポストモーテム|障害報告)(?:[\/\\._-]|$)/i;
const HEADING_RE = /post[- ]?mortem|incident (?:review|report|analysis|retrospective|debrief)|retrospective|outage (?:report|review|debrief)|root cause analysis|ポストモーテム|障害報告|インシデント(?:報告|レポート|レビュー)|振り返り/i;

/**
 * The compiled matcher of a list of globs with options, made once: `picomatch.isMatch` compiles its
 * globs on every call (about a millisecond), which for a folder of reports was most of the work of
 * deciding which files to check. Same answers: `isMatch(p, globs, o)` is `picomatch(globs, o)(p)`.
 */
const matchers = new Map<string, (path: string) => boolean>();
function matcherOf(globs: readonly string[], options?: picomatch.PicomatchOptions): (path: string) => boolean {
  const key = `${JSON.stringify(options ?? null)}\u0000${globs.join('\u0000')}`;
  let m = matchers.get(key);
  if (!m) {
    if (matchers.size >= 64) matchers.clear();
    matchers.set(key, (m = picomatch([...globs], options)));
  }
  return m;
}

export function isPostMortemPath(path: string, extraGlobs: string[] = []): boolean {
  const p = path.replace(/\\/g, '/');
  if (NAME_RE.test(p)) return true;
  const globs = [...DEFAULT_FILE_GLOBS, ...extraGlobs];
  return matcherOf(globs, { dot: true, nocase: true })(p) || matcherOf(extraGlobs, { dot: true })(p.replace(/^.*?\//, ''));
}

/**
 * A `---` line, a later `type: postmortem` line and a later line starting with `---`, in one pass
 * over the lines (a single regular expression for it back-tracked over every pair of lines).
 */
function frontMatterSaysPostmortem(head: string): boolean {
  let stage = 0;
  for (const line of head.split('\n')) {
    if (stage === 0 && /^---\r?$/.test(line)) stage = 1;
    else if (stage === 1 && /^type\s*:\s*["']?post-?mortem["']?\s*$/i.test(line)) stage = 2;
    else if (stage === 2 && line.startsWith('---')) return true;
  }
  return false;
}

/** Why the text alone says it is a post-mortem (front matter or first heading), or undefined. */
function textReason(text: string): string | undefined {
  const head = text.slice(0, 4000);
  if (frontMatterSaysPostmortem(head)) return 'its front matter says type: postmortem';
  const m = /^ {0,3}#{1,6}[ \t]+(.+)$|^(.+)\r?\n=+[ \t]*$/m.exec(head);
  const first = m ? m[1] ?? m[2] : '';
  return HEADING_RE.test(first) ? `its first heading names a post-mortem ("${first.trim()}")` : undefined;
}

export function isPostMortemText(text: string): boolean {
  return textReason(text) !== undefined;
}

/**
 * Why a report's structure makes it a post-mortem: a timeline (a Timeline section by any of its
 * names, or a table of timed events) together with action items or contributing factors.
 */
export function structureReason(doc: PostMortem): string | undefined {
  const timeline = doc.sectionOf('timeline') ? 'a timeline section' : doc.timeline.tables.length ? 'a timeline table' : undefined;
  if (!timeline) return undefined;
  const other = doc.sectionOf('action-items') || doc.actionItems.tables.length ? 'action items' : doc.sectionOf('contributing-factors') ? 'contributing factors' : undefined;
  if (other) return `it has ${timeline} and ${other}`;
  // A timeline section of timed events under a report that tells how an incident was handled
  // ("Resolution and recovery", "Detection", "Outage", 復旧, 障害): Chia's reports have an Issue
  // Summary, a Timeline and a Resolution, and nothing else. A roadmap's "Timeline" beside a
  // "Summary", or a security policy's disclosure timeline, names no such section.
  const timed = doc.timeline.entries.filter((e) => e.time && e.region === 0).length;
  const handled = doc.sections.find((s) => INCIDENT_HEADING.test(s.title));
  if (doc.sectionOf('timeline') && timed >= 2 && handled) return `it has a timeline section and a section on the incident ("${handled.title.trim()}")`;
  return undefined;
}

/** A heading that tells how an incident was handled or what it was. */
const INCIDENT_HEADING = /\b(?:resolution|recovery|mitigation|detection|root cause|outage|incident|downtime|remediation)\b|復旧|障害|暫定対応|恒久対応|発生原因/i;

export interface Detection {
  postMortem: boolean;
  /** Why it is, or why it is not, in words for `postmortem lint --verbose`. */
  reason: string;
  /** The model built here from the text to read its structure, if one was: a caller about to check the report uses it rather than build it again. */
  model?: PostMortem;
}

/**
 * Whether a file is a post-mortem, and why. `model` gives the report's model when the caller has
 * one (or can build it from a kept scan); otherwise it is built from the text, only when the path
 * and the title do not already decide; never for a text too large to check.
 */
export function detectPostMortem(path: string | undefined, text: string, extraGlobs: string[] = [], model?: () => PostMortem | undefined): Detection {
  if (path !== undefined && isPostMortemPath(path, extraGlobs)) return { postMortem: true, reason: 'its path names a post-mortem' };
  const byText = textReason(text);
  if (byText) return { postMortem: true, reason: byText };
  // A caller that cannot build the model (a document too large to check) gives no structure.
  const built = model ? undefined : text.length <= MAX_DOCUMENT_CHARS ? buildModel(text) : undefined;
  const doc = model ? model() : built;
  const byStructure = doc && structureReason(doc);
  if (byStructure) return { postMortem: true, reason: byStructure, model: built };
  return { postMortem: false, reason: 'no post-mortem word in its path or first heading, and no timeline with action items, contributing factors or a section on the incident' };
}

/** True when a path (relative to the workspace or the folder checked) matches one of the `ignore` globs. */
export function isIgnored(path: string, ignore: string[]): boolean {
  return ignore.length > 0 && matcherOf(ignore)(path.replace(/\\/g, '/'));
}

/** A file is a post-mortem when its path, its text or its structure says so; files named by the user are always checked. */
export function isPostMortem(path: string | undefined, text: string, extraGlobs: string[] = [], model?: () => PostMortem | undefined): boolean {
  return detectPostMortem(path, text, extraGlobs, model).postMortem;
}
