// Reads what import sources ask for: a file as streamed lines (a 1 GB log is never held in
// memory), a JSON file, a folder of JSON files (workspace exports), a local program's output.
import type * as ChildProcess from 'node:child_process';
import { createReadStream, readdirSync, statSync } from 'node:fs';
import type * as FsPromises from 'node:fs/promises';
import { join, relative } from 'node:path';
import type * as Readline from 'node:readline';
import { ImportError } from '../engine/import/rows';

// Node's modules for reading, loaded by the first import and not when the CLI starts (they are in
// the same bundle as `lint`, which never needs them; loading them cost every run a few ms).
/* eslint-disable @typescript-eslint/no-require-imports */
const childProcess = () => require('node:child_process') as typeof ChildProcess;
const fsPromises = () => require('node:fs/promises') as typeof FsPromises;
const readline = () => require('node:readline') as typeof Readline;
/* eslint-enable @typescript-eslint/no-require-imports */

export interface LineReadOptions {
  /** Called with bytes read so far and the file size, at most every 64 KiB chunk. */
  onBytes?: (read: number, total: number) => void;
  signal?: AbortSignal;
}

const cancelled = () => new ImportError('The import was cancelled.', 'cancelled');

function statOrExplain(path: string) {
  try {
    return statSync(path);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new ImportError(`Cannot read ${path}: ${code === 'ENOENT' ? 'no such file' : code === 'ELOOP' ? 'a symbolic link that points to itself' : (e as Error).message}.`, 'usage');
  }
}

export async function* readLines(path: string, opts: LineReadOptions = {}): AsyncGenerator<string> {
  const st = statOrExplain(path);
  if (st.isDirectory()) throw new ImportError(`${path} is a folder, not a file.`, 'usage');
  const total = st.size;
  const stream = createReadStream(path, { encoding: 'utf8', highWaterMark: 64 * 1024 });
  let read = 0;
  stream.on('data', (chunk) => {
    read += Buffer.byteLength(chunk as string);
    opts.onBytes?.(read, total);
  });
  const rl = readline().createInterface({ input: stream, crlfDelay: Infinity });
  let first = true;
  try {
    for await (const line of rl) {
      if (opts.signal?.aborted) throw cancelled();
      yield first ? line.replace(/^\uFEFF/, '') : line;
      first = false;
    }
  } finally {
    rl.close();
    stream.destroy();
  }
}

/** A small text file read whole (a companion of the main input), refused above `maxBytes`. */
export async function readSmallText(path: string, opts: LineReadOptions & { maxBytes?: number } = {}): Promise<string> {
  const max = opts.maxBytes ?? 10 << 20;
  const st = statOrExplain(path);
  if (st.isFile() && st.size > max) throw new ImportError(`${path} is larger than ${Math.round(max / (1 << 20))} MB; it should be a short text.`, 'usage');
  const lines: string[] = [];
  for await (const line of readLines(path, opts)) lines.push(line);
  return lines.join('\n');
}

const BLOCK_BYTES = 1 << 20;
/**
 * Blocks are handed over in pieces of about this size: V8 makes a string above 128 KiB in its own
 * memory mapping, which costs more than the decoding (a 1 MiB string took about 20 times as long
 * as sixteen 64 KiB ones on a 200 MB log).
 */
const PIECE_BYTES = 64 << 10;
/** A line longer than this is bad input (a binary file, a file without line ends), not a log line. */
const MAX_LINE_BYTES = 64 << 20;

/**
 * A file as text in blocks of whole lines (about 64 KiB each, or one longer line; the last block
 * may lack its line end): read in 1 MiB pieces and decoded as a stream, so memory stays flat at
 * any file size and the reader can search a block without splitting it into lines first.
 */
export async function* readTextBlocks(path: string, opts: LineReadOptions = {}): AsyncGenerator<string> {
  const st = statOrExplain(path);
  if (st.isDirectory()) throw new ImportError(`${path} is a folder, not a file.`, 'usage');
  const total = st.size;
  const fh = await fsPromises().open(path, 'r');
  // Bytes after the last line end stay at the front of the buffer for the next read; a line end
  // byte is never inside a UTF-8 sequence, so every block decodes on its own.
  let buf = Buffer.allocUnsafe(BLOCK_BYTES);
  let have = 0;
  let read = 0;
  let first = true;
  const decode = (from: number, to: number) => {
    const text = buf.toString('utf8', from, to);
    if (!first) return text;
    first = false;
    return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  };
  try {
    for (;;) {
      if (opts.signal?.aborted) throw cancelled();
      if (have === buf.length) {
        if (buf.length >= MAX_LINE_BYTES) throw new ImportError(`${path} has a line longer than ${MAX_LINE_BYTES / (1 << 20)} MiB: it is not a text log.`, 'format');
        const bigger = Buffer.allocUnsafe(buf.length * 2);
        buf.copy(bigger, 0, 0, have);
        buf = bigger;
      }
      const { bytesRead } = await fh.read(buf, have, buf.length - have, null);
      if (!bytesRead) break;
      read += bytesRead;
      opts.onBytes?.(read, total);
      const n = have + bytesRead;
      const end = buf.lastIndexOf(10, n - 1) + 1;
      if (!end) {
        have = n;
        continue;
      }
      for (let from = 0; from < end; ) {
        let to = from + PIECE_BYTES >= end ? end : buf.lastIndexOf(10, from + PIECE_BYTES - 1) + 1;
        // A line longer than a piece is a piece of its own.
        if (to <= from) to = buf.indexOf(10, from) + 1;
        const text = decode(from, to);
        from = to;
        yield text;
      }
      buf.copy(buf, 0, end, n);
      have = n - end;
    }
    if (have) yield decode(0, have);
  } finally {
    await fh.close();
  }
}

/** Reads a whole JSON file (API responses saved to disk). */
export async function readJsonFile(path: string, opts: LineReadOptions = {}): Promise<unknown> {
  const parts: string[] = [];
  for await (const l of readLines(path, opts)) parts.push(l);
  const text = parts.join('\n');
  try {
    return JSON.parse(text);
  } catch (e) {
    const first = text.split('\n').find((l) => l.trim()) ?? '';
    throw new ImportError(`${path} is not a JSON file (${(e as Error).message}); it begins: ${JSON.stringify(first.slice(0, 120))}`, 'format');
  }
}

/**
 * A JSON file, or every `.json` file under a folder (a Slack workspace export: `users.json`,
 * `channels.json`, `<channel>/<day>.json`), as relative path (forward slashes) -> parsed JSON.
 */
export async function readJsonTree(path: string, opts: LineReadOptions & { maxFiles?: number; companions?: readonly string[] } = {}): Promise<Record<string, unknown>> {
  const st = statOrExplain(path);
  const out: Record<string, unknown> = {};
  // Files of the export the path lies in (one channel's folder or day file of a Slack export
  // still gets the export's users.json), looked up one and two folders above, keyed by name.
  for (const name of opts.companions ?? []) {
    const above = st.isDirectory() ? [join(path, '..', name), join(path, '..', '..', name)] : [join(path, '..', '..', name), join(path, '..', name)];
    const found = above.find((p) => {
      try {
        return statSync(p).isFile();
      } catch {
        return false;
      }
    });
    if (found && !(st.isDirectory() && statSync(join(path, name), { throwIfNoEntry: false })?.isFile())) out[name] = await readJsonFile(found, opts);
  }
  if (!st.isDirectory()) {
    out[path.split(/[\\/]/).pop()!] = await readJsonFile(path, opts);
    return out;
  }
  const max = opts.maxFiles ?? 100000;
  let count = 0;
  const walk = async (dir: string): Promise<void> => {
    for (const ent of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
      if (opts.signal?.aborted) throw cancelled();
      const p = join(dir, ent.name);
      // Symbolic links are not followed: an export holds plain files.
      if (ent.isDirectory()) await walk(p);
      else if (ent.isFile() && ent.name.toLowerCase().endsWith('.json')) {
        if (++count > max) throw new ImportError(`${path} holds more than ${max} JSON files: point at one channel's folder or file instead.`, 'usage');
        out[relative(path, p).replace(/\\/g, '/')] = await readJsonFile(p, opts);
      }
    }
  };
  await walk(path);
  return out;
}

/**
 * The output lines of a local program run in `cwd` (no shell), streamed. A non-zero exit ends
 * with an ImportError carrying the program's error output.
 */
export async function* commandLines(program: string, args: string[], cwd: string, opts: { signal?: AbortSignal } = {}): AsyncGenerator<string> {
  const st = statOrExplain(cwd);
  if (!st.isDirectory()) throw new ImportError(`${cwd} is not a folder.`, 'usage');
  const child = childProcess().spawn(program, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'], signal: opts.signal });
  let stderr = '';
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (d: string) => {
    if (stderr.length < 4000) stderr += d;
  });
  const exited = new Promise<{ code: number | null; error?: Error }>((res) => {
    child.on('error', (error) => res({ code: null, error }));
    child.on('close', (code) => res({ code }));
  });
  const rl = readline().createInterface({ input: child.stdout, crlfDelay: Infinity });
  try {
    for await (const line of rl) {
      if (opts.signal?.aborted) throw cancelled();
      yield line;
    }
    const end = await exited;
    if (opts.signal?.aborted) throw cancelled();
    if (end.error) {
      const code = (end.error as NodeJS.ErrnoException).code;
      throw new ImportError(code === 'ENOENT' ? `${program} is not installed (or not on PATH).` : `${program} could not run: ${end.error.message}`, 'execution');
    }
    if (end.code !== 0) throw new ImportError(`${program} ${args[0] ?? ''} failed (exit ${end.code}): ${stderr.trim().slice(0, 500)}`, 'execution');
  } finally {
    rl.close();
    if (child.exitCode === null) child.kill();
  }
}
