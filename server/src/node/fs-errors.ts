// What a failed file operation means to a person: the error codes users meet, in words.
import { lstatSync, readlinkSync, type Stats } from 'node:fs';

const REASONS: Record<string, string> = {
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  EROFS: 'read-only file system',
  ENOSPC: 'no space left on the device',
  EDQUOT: 'disk quota exceeded',
  EISDIR: 'it is a folder',
  ENOTDIR: 'a part of the path is not a folder',
  ENOENT: 'no such file or folder',
  ELOOP: 'symbolic link loop',
  EIO: 'input/output error',
  ENAMETOOLONG: 'the name is too long',
  EMFILE: 'too many open files',
  EBUSY: 'the file is busy',
};

/** The reason of an fs error in words; for a missing file reached through a symbolic link, says the link is broken. */
export function describeFsError(e: unknown, path?: string): string {
  const code = (e as NodeJS.ErrnoException)?.code;
  if (code === 'ENOENT' && path) {
    const l = lstatSync(path, { throwIfNoEntry: false });
    if (l?.isSymbolicLink()) {
      let to = '';
      try {
        to = ` (it points to ${readlinkSync(path)}, which does not exist)`;
      } catch {
        // gone meanwhile
      }
      return `broken symbolic link${to}`;
    }
  }
  return (code && REASONS[code]) ?? (e as Error)?.message ?? String(e);
}

/** What a path that is neither a file nor a folder is. */
export function describeKind(st: Stats): string {
  if (st.isFIFO()) return 'not a regular file (a named pipe)';
  if (st.isSocket()) return 'not a regular file (a socket)';
  if (st.isCharacterDevice() || st.isBlockDevice()) return 'not a regular file (a device)';
  return 'not a regular file';
}
