// Elasticsearch / OpenSearch search hits to timeline rows: `hits.hits[]._source` (or `fields` when
// the search asked for them) read as structured log documents (ECS `@timestamp`, `message`,
// `log.level`, `service.name`, and the other log shapes the log import knows).
import { recordFromJsonObject, type LogImportResult } from './logs';
import { ImportError } from '../rows';
import { get, isObject, type Json } from './common';
import { logEntryRows, type SourceLogEntry, type SourceLogOptions } from './log-records';

const NOT_SEARCH = 'not an Elasticsearch or OpenSearch search answer: expected {"hits": {"hits": [{"_source": {"@timestamp", "message", ...}}]}}.';

/** A hit's document: `_source`, else `fields` (whose values are arrays) with one value each. */
function documentOf(hit: Json): Json | undefined {
  if (isObject(hit._source)) return hit._source;
  if (!isObject(hit.fields)) return undefined;
  return Object.fromEntries(Object.entries(hit.fields).map(([k, v]) => [k, Array.isArray(v) && v.length === 1 ? v[0] : v]));
}

export function searchEntries(doc: unknown, zone = 'UTC'): SourceLogEntry[] {
  if (isObject(doc) && isObject(doc.error)) throw new ImportError(`The search answered with an error: ${String(doc.error.reason ?? doc.error.type ?? 'unknown')}.`, 'format');
  const hits = get(doc, 'hits', 'hits');
  if (!Array.isArray(hits)) throw new ImportError(NOT_SEARCH, 'format');
  const entries: SourceLogEntry[] = [];
  let withoutTime = 0;
  for (const h of hits) {
    const d = isObject(h) ? documentOf(h) : undefined;
    const r = d && recordFromJsonObject(d, zone);
    if (!r) {
      withoutTime++;
      continue;
    }
    // Keep the text of a zone-less time so the log import reads it in the zone and says so.
    const raw = d['@timestamp'] ?? d.timestamp;
    const time = r.zoneLess && typeof raw === 'string' ? raw : r.precise ?? r.epochMs;
    entries.push({ time, message: r.message, level: r.level, origin: r.origin, actor: r.actor });
  }
  if (hits.length && !entries.length) throw new ImportError(`None of the ${withoutTime} hits has a time field the import knows (@timestamp, timestamp, time, ...).`, 'format');
  return entries;
}

/** Rows from an Elasticsearch / OpenSearch `_search` answer. */
export async function searchRows(doc: unknown, opts: SourceLogOptions = {}): Promise<LogImportResult> {
  return logEntryRows(searchEntries(doc, opts.zone), { sourceLabel: 'Elasticsearch', ...opts }, 'The search answer has no hits.');
}
