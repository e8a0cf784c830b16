// Google Cloud Logging entries to timeline rows: the JSON of `gcloud logging read --format json`
// (newest first): text, JSON and audit (proto) payloads, `severity` as the level, the pod or
// service as where a line came from, the caller of an audited call as the actor.
import { levelOf, type LogImportResult } from './logs';
import { ImportError } from '../rows';
import { get, isObject, str, type Json } from './common';
import { logEntryRows, type SourceLogEntry, type SourceLogOptions } from './log-records';

const NOT_GCP = 'not Google Cloud log entries: expected the JSON of `gcloud logging read --format json` (an array of entries with "timestamp" and a payload).';

function originOf(e: Json): string | undefined {
  const labels = get(e, 'resource', 'labels');
  const l = isObject(labels) ? labels : {};
  if (str(l.pod_name)) return `pod/${l.pod_name}${str(l.container_name) ? `/${l.container_name}` : ''}`;
  return str(l.service_name) ?? str(l.function_name) ?? str(l.job_name) ?? str(l.module_id) ?? str(l.instance_id) ?? str(get(e, 'resource', 'type'));
}

function messageOf(e: Json): string {
  if (typeof e.textPayload === 'string') return e.textPayload;
  const j = e.jsonPayload;
  if (isObject(j)) return str(j.message) ?? str(j.msg) ?? JSON.stringify(j);
  const p = e.protoPayload;
  if (isObject(p)) {
    const call = [str(p.methodName), str(p.resourceName)].filter(Boolean).join(' ');
    const status = str(get(p, 'status', 'message'));
    return `${call || 'audited call'}${status ? `: ${status}` : ''}`;
  }
  const h = e.httpRequest;
  if (isObject(h)) return `${str(h.requestMethod) ?? ''} ${str(h.requestUrl) ?? ''} → ${String(h.status ?? '')}`.trim();
  return '';
}

export function gcpEntries(doc: unknown): SourceLogEntry[] {
  if (!Array.isArray(doc)) {
    if (isObject(doc) && isObject(doc.error)) throw new ImportError(`Google Cloud answered with an error: ${String(doc.error.message ?? 'unknown')}`, 'format');
    throw new ImportError(NOT_GCP, 'format');
  }
  const items = doc.filter((e): e is Json => isObject(e) && typeof (e.timestamp ?? e.receiveTimestamp) === 'string');
  if (doc.length && !items.length) throw new ImportError(`${NOT_GCP} No entry here has a "timestamp".`, 'format');
  return items.map((e) => ({
    time: (e.timestamp ?? e.receiveTimestamp) as string,
    message: messageOf(e),
    // DEFAULT means "no level".
    level: levelOf(e.severity),
    origin: originOf(e),
    actor: str(get(e, 'protoPayload', 'authenticationInfo', 'principalEmail')),
  }));
}

/** Rows from `gcloud logging read --format json` output. */
export async function gcpLoggingRows(doc: unknown, opts: SourceLogOptions = {}): Promise<LogImportResult> {
  return logEntryRows(gcpEntries(doc), { sourceLabel: 'Cloud Logging', ...opts }, 'No log entries in this file (an empty list).');
}
