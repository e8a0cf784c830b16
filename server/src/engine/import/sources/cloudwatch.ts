// AWS CloudWatch Logs to timeline rows: the JSON of `aws logs filter-log-events` (or
// `get-log-events`): `events[]` with `timestamp` (epoch milliseconds), `message` and the log
// stream. A message that is a JSON log object, or starts with a level, gives the row its level.
import { messageRecord, type LogImportResult } from './logs';
import { ImportError } from '../rows';
import { isObject, str, type Json } from './common';
import { logEntryRows, type SourceLogEntry, type SourceLogOptions } from './log-records';

const NOT_CLOUDWATCH = 'not CloudWatch Logs events: expected the JSON of `aws logs filter-log-events` ({"events": [{"timestamp", "message", ...}]}).';

export function cloudwatchEntries(doc: unknown): SourceLogEntry[] {
  if (!isObject(doc) || !Array.isArray(doc.events)) {
    if (isObject(doc) && (typeof doc.__type === 'string' || isObject(doc.Error))) throw new ImportError(`AWS answered with an error: ${String(doc.message ?? doc.Message ?? doc.__type)}`, 'format');
    throw new ImportError(NOT_CLOUDWATCH, 'format');
  }
  const events = doc.events.filter((e): e is Json => isObject(e) && typeof e.timestamp === 'number' && typeof e.message === 'string');
  if (doc.events.length && !events.length) throw new ImportError(`${NOT_CLOUDWATCH} No event here has a numeric "timestamp" and a "message".`, 'format');
  return events.map((e) => {
    const m = messageRecord((e.message as string).trim(), 'UTC');
    return { time: e.timestamp as number, message: m.message, level: m.level, origin: str(e.logStreamName), actor: m.actor };
  });
}

/** Rows from `aws logs filter-log-events` output. */
export async function cloudwatchRows(doc: unknown, opts: SourceLogOptions = {}): Promise<LogImportResult> {
  return logEntryRows(cloudwatchEntries(doc), { sourceLabel: 'CloudWatch', ...opts }, 'No CloudWatch events in this file ("events" is empty).');
}
