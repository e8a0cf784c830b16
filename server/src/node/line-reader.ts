// Streams a file as lines (readline over a read stream): a 1 GB log is never held in memory.
import { createReadStream, statSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { ImportError } from '../engine/importers/rows';

export interface LineReadOptions {
  /** Called with bytes read so far and the file size, at most every 64 KiB chunk. */
  onBytes?: (read: number, total: number) => void;
  signal?: AbortSignal;
}

export async function* readLines(path: string, opts: LineReadOptions = {}): AsyncGenerator<string> {
  let total: number;
  try {
    total = statSync(path).size;
  } catch (e) {
    throw new ImportError(`Cannot read ${path}: ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (e as Error).message}.`, 'usage');
  }
  const stream = createReadStream(path, { encoding: 'utf8', highWaterMark: 64 * 1024 });
  let read = 0;
  stream.on('data', (chunk) => {
    read += Buffer.byteLength(chunk as string);
    opts.onBytes?.(read, total);
  });
  const rl = createInterface({ input: stream, crlfDelay: Infinity });
  let first = true;
  try {
    for await (const line of rl) {
      if (opts.signal?.aborted) throw new ImportError('The import was cancelled.', 'cancelled');
      yield first ? line.replace(/^\uFEFF/, '') : line;
      first = false;
    }
  } finally {
    rl.close();
    stream.destroy();
  }
}

/** Reads a whole JSON file (API responses saved to disk). */
export async function readJsonFile(path: string): Promise<unknown> {
  const parts: string[] = [];
  for await (const l of readLines(path)) parts.push(l);
  const text = parts.join('\n');
  try {
    return JSON.parse(text);
  } catch (e) {
    const first = text.split('\n').find((l) => l.trim()) ?? '';
    throw new ImportError(`${path} is not a JSON file (${(e as Error).message}); it begins: ${JSON.stringify(first.slice(0, 120))}`, 'format');
  }
}
