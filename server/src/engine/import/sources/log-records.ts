// Log entries that arrive as one JSON document (a search answer, a CLI's JSON output) go through
// the one log import: each source turns its entries into JSON lines of one shape, and `importLogs`
// filters, groups repeated lines and orders them as it does for any log file.
import { importLogs, type Level, type LogImportOptions, type LogImportResult } from './logs';
import { ImportError } from '../rows';

/** One entry as a source read it. `time` is RFC 3339 (with an offset, or read in the zone) or epoch milliseconds. */
export interface SourceLogEntry {
  time: string | number;
  message: string;
  level?: Level;
  /** Where it came from inside the source (a pod, a log stream, a service). */
  origin?: string;
  actor?: string;
}

export type SourceLogOptions = Omit<LogImportOptions, 'format' | 'year' | 'referenceMs'>;

/** Rows from log entries, through the log import (grouping, filters, window, row limit). */
export async function logEntryRows(entries: SourceLogEntry[], opts: SourceLogOptions, emptyMessage: string): Promise<LogImportResult> {
  if (!entries.length) throw new ImportError(emptyMessage, 'empty');
  const lines = entries.map((e) => JSON.stringify({ time: e.time, msg: e.message, level: e.level, service: e.origin, user: e.actor ? { name: e.actor } : undefined }));
  return importLogs(lines, { ...opts, format: 'json' });
}
