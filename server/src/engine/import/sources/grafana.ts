// Grafana annotations (`GET /api/annotations`) to timeline rows: one row per annotation, a region
// saying until when it lasted; alert state annotations read as "Alert: Normal → Alerting".
import { cellText } from '../cells';
import { ImportError, sortRows, type TimelineRow } from '../rows';
import { epochNumberToMs } from '../../time';
import { inWindow, isObject, str, untilText, type Json, type SourceWindow } from './common';

const NOT_GRAFANA = 'not Grafana annotations: expected the answer of /api/annotations (a JSON array of {"time", "text", ...}).';

/** Rows from Grafana annotations. */
export function grafanaRows(doc: unknown, opts: SourceWindow = {}): TimelineRow[] {
  if (!Array.isArray(doc)) {
    if (isObject(doc) && typeof doc.message === 'string') throw new ImportError(`Grafana answered with an error: ${doc.message}`, 'format');
    throw new ImportError(NOT_GRAFANA, 'format');
  }
  const items = doc.filter((a): a is Json => isObject(a) && typeof a.time === 'number');
  if (doc.length && !items.length) throw new ImportError(`${NOT_GRAFANA} No entry here has a numeric "time".`, 'format');
  const rows: TimelineRow[] = [];
  for (const a of items) {
    const start = Math.floor(epochNumberToMs(a.time as number));
    if (!inWindow(start, opts)) continue;
    const endRaw = typeof a.timeEnd === 'number' ? Math.floor(epochNumberToMs(a.timeEnd)) : undefined;
    const text = (str(a.text) ?? '').trim();
    let event: string;
    const state = str(a.newState);
    if (state) {
      const alert = str(a.alertName) ?? 'Alert';
      event = `${alert}: ${str(a.prevState) ?? '?'} → ${state}${text ? ` (${text})` : ''}`;
    } else {
      event = text || 'Annotation';
    }
    const tags = Array.isArray(a.tags) ? a.tags.filter((t): t is string => typeof t === 'string' && t !== '') : [];
    if (tags.length) event += ` [${tags.join(', ')}]`;
    if (endRaw !== undefined && endRaw > start) event += ` (${untilText(start, endRaw)})`;
    const actor = str(a.login) ?? str(a.userName) ?? str(a.email) ?? '';
    rows.push({ epochMs: start, event: cellText(event), source: 'Grafana', actor: cellText(actor, 60) });
  }
  return sortRows(rows);
}
