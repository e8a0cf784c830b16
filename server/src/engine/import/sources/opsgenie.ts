// Opsgenie to timeline rows: an alert's log (`GET /v2/alerts/{id}/logs`), its notes
// (`GET /v2/alerts/{id}/notes`), or the alert itself (`GET /v2/alerts/{id}`: created,
// acknowledged, closed). Answers come newest first; rows are put in time order.
import { cellText } from '../cells';
import { ImportError, sortRows, type TimelineRow } from '../rows';
import { epochDigitsToMs } from '../../time';
import { get, inWindow, isObject, isoTime, str, type Json, type SourceWindow } from './common';

const NOT_OPSGENIE =
  'not an Opsgenie answer: expected the alert logs ({"data": [{"log", "createdAt", ...}]}), the alert notes ({"data": [{"note", "createdAt", ...}]}) or one alert ({"data": {"createdAt", "message", ...}}).';

/**
 * The nanosecond part of an offset (`<ms>_<ns since the epoch>`) when it agrees with `createdAt`:
 * orders entries of the same millisecond.
 */
function preciseOf(offset: unknown, epochMs: number): string | undefined {
  const m = typeof offset === 'string' ? /^\d+_(\d{19})$/.exec(offset) : null;
  if (!m) return undefined;
  return epochDigitsToMs(m[1]) === epochMs ? m[1] : undefined;
}

/** "Viewed on [web]" says someone opened the alert: noise in a timeline. */
const NOISE = /^Viewed on \[/;

function listRows(items: Json[], opts: SourceWindow): TimelineRow[] {
  const rows: TimelineRow[] = [];
  for (const it of items) {
    const t = isoTime(it.createdAt);
    if (!t || !inWindow(t.epochMs, opts)) continue;
    const precise = preciseOf(it.offset, t.epochMs) ?? t.precise;
    const actor = cellText(str(it.owner) ?? '', 60);
    if (typeof it.note === 'string') {
      rows.push({ epochMs: t.epochMs, precise, event: cellText(`Note: ${it.note}`), source: 'Opsgenie', actor });
    } else if (typeof it.log === 'string' && !NOISE.test(it.log)) {
      rows.push({ epochMs: t.epochMs, precise, event: cellText(it.log), source: 'Opsgenie', actor });
    }
  }
  return rows;
}

function alertRows(a: Json, opts: SourceWindow): TimelineRow[] {
  const created = isoTime(a.createdAt);
  if (!created) throw new ImportError(`${NOT_OPSGENIE} This alert has no "createdAt".`, 'format');
  const name = str(a.message) ?? 'alert';
  const id = str(a.tinyId) ? ` #${a.tinyId}` : '';
  const rows: TimelineRow[] = [];
  const add = (ms: number, text: string, actor = '') => {
    if (inWindow(ms, opts)) rows.push({ epochMs: ms, event: cellText(text), source: 'Opsgenie', actor: cellText(actor, 60) });
  };
  const priority = str(a.priority) ? ` (${a.priority})` : '';
  add(created.epochMs, `Opsgenie alert${id} created${priority}: ${name}`, str(get(a, 'integration', 'name')) ?? '');
  const ack = get(a, 'report', 'ackTime');
  if (typeof ack === 'number' && ack >= 0) add(created.epochMs + ack, `Alert${id} acknowledged`, str(get(a, 'report', 'acknowledgedBy')) ?? '');
  const close = get(a, 'report', 'closeTime');
  if (typeof close === 'number' && close >= 0) add(created.epochMs + close, `Alert${id} closed`, str(get(a, 'report', 'closedBy')) ?? '');
  return rows;
}

/** Rows from an Opsgenie alert log, alert notes, or one alert. */
export function opsgenieRows(doc: unknown, opts: SourceWindow = {}): TimelineRow[] {
  if (!isObject(doc)) throw new ImportError(NOT_OPSGENIE, 'format');
  if (typeof doc.message === 'string' && doc.data === undefined) throw new ImportError(`Opsgenie answered with an error: ${doc.message}`, 'format');
  const data = doc.data;
  if (isObject(data)) return sortRows(alertRows(data, opts));
  if (!Array.isArray(data)) throw new ImportError(NOT_OPSGENIE, 'format');
  const items = data.filter((d): d is Json => isObject(d) && typeof d.createdAt === 'string' && (typeof d.log === 'string' || typeof d.note === 'string'));
  if (data.length && !items.length) throw new ImportError(`${NOT_OPSGENIE} No entry here has "createdAt" with a "log" or a "note".`, 'format');
  return sortRows(listRows(items, opts));
}
