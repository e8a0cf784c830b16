// The one way a user's file is written: a temporary file beside the target, flushed to disk, then
// renamed over it. A reader (or a crash, or a kill) sees the old content or the new, never a
// truncated file. The file keeps its permission bits (and, when the process may, its owner); a
// symbolic link is followed, so the link stays a link and its target gets the new content.
// Line endings are the caller's business: the text is written byte for byte as given.
import fs from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type * as Crypto from 'node:crypto';
import { describeFsError } from './fs-errors';

export class WriteFileError extends Error {
  constructor(
    message: string,
    readonly code: string | undefined,
  ) {
    super(message);
  }
}

/** What a failed write means to a person. */
export function describeWriteError(path: string, e: unknown): string {
  return `cannot write ${path}: ${describeFsError(e, path)}; the file was left as it was`;
}

/**
 * Replaces the content of `path` with `data` atomically. Throws a `WriteFileError` (with a message
 * for people) when it cannot; the original file is then untouched and no temporary file is left.
 * With `noFollow` (files the tool makes, such as a chart), a symbolic link at `path` is refused
 * instead of followed, and the rename replaces the name itself, so nothing is written through a link.
 */
export function writeFileAtomic(path: string, data: string | Uint8Array, opts: { noFollow?: boolean } = {}): void {
  let target = path;
  let mode = 0o666 & ~process.umask();
  let owner: { uid: number; gid: number } | undefined;
  if (opts.noFollow && fs.lstatSync(path, { throwIfNoEntry: false })?.isSymbolicLink()) {
    throw new WriteFileError(`cannot write ${path}: it is a symbolic link, and this file is never written through one; it was left as it was`, 'ELOOP');
  }
  try {
    if (!opts.noFollow) target = fs.realpathSync(path);
    const st = opts.noFollow ? fs.lstatSync(target) : fs.statSync(target);
    if (!st.isFile()) throw Object.assign(new Error('not a regular file'), { code: st.isDirectory() ? 'EISDIR' : 'EINVAL' });
    mode = st.mode & 0o7777;
    owner = { uid: st.uid, gid: st.gid };
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    // A new file is fine; anything else (a loop, a folder, a dangling link) is not.
    if (code !== 'ENOENT' || fs.lstatSync(path, { throwIfNoEntry: false })) throw new WriteFileError(describeWriteError(path, e), code);
  }
  // Writing a file the user may not write is refused even where the process could (root).
  if (owner) {
    let writable = (mode & 0o222) !== 0;
    try {
      fs.accessSync(target, fs.constants.W_OK);
    } catch {
      writable = false;
    }
    if (!writable) throw new WriteFileError(`cannot write ${path}: the file is read-only; it was left as it was`, 'EACCES');
  }
  const dir = dirname(target);
  // node:crypto is loaded by the first write, not when the CLI starts: `lint` without --fix never needs it.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { randomBytes } = require('node:crypto') as typeof Crypto;
  const temp = join(dir, `.${basename(target)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
  let fd: number | undefined;
  try {
    fd = fs.openSync(temp, 'wx', 0o600);
    const buf = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
    let off = 0;
    while (off < buf.length) off += fs.writeSync(fd, buf, off, buf.length - off);
    fs.fchmodSync(fd, mode);
    if (owner && typeof process.getuid === 'function' && (owner.uid !== process.getuid() || owner.gid !== process.getgid?.())) {
      try {
        fs.fchownSync(fd, owner.uid, owner.gid);
      } catch {
        // Not allowed to give the file away: it keeps the writer's owner, like an editor's save.
      }
    }
    fs.fsyncSync(fd);
    fs.closeSync(fd);
    fd = undefined;
    fs.renameSync(temp, target);
  } catch (e) {
    if (fd !== undefined) {
      try {
        fs.closeSync(fd);
      } catch {
        // already failing; the original error is the one to report
      }
    }
    try {
      fs.unlinkSync(temp);
    } catch {
      // never created
    }
    throw new WriteFileError(describeWriteError(path, e), (e as NodeJS.ErrnoException).code);
  }
  // The rename itself is durable once the folder is flushed (best effort: not every system allows it).
  try {
    const dfd = fs.openSync(dir, 'r');
    try {
      fs.fsyncSync(dfd);
    } finally {
      fs.closeSync(dfd);
    }
  } catch {
    // e.g. Windows cannot open a folder
  }
}
