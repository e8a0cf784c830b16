// Kubernetes events to timeline rows: `kubectl get events -o json` (one namespace or `-A`),
// `kubectl events -o json`, and the events.k8s.io/v1 view (`kubectl get events.events.k8s.io -o json`).
// One row per event object at the time it was first seen; a repeated event says how often and
// until when (`count` with first/lastTimestamp, or `series` for events written via events.k8s.io).
import { cellText } from '../cells';
import { ImportError, sortRows, type TimelineRow } from '../rows';
import { get, inWindow, isObject, isoTime, repeatSuffix, str, type Json, type SourceWindow } from './common';
import { describeRollout, type Rollout } from './k8s-rollouts';

const NOT_EVENTS =
  'not Kubernetes events: expected the JSON of `kubectl get events -o json` (or `-A -o json`, `kubectl events -o json`, `kubectl get events.events.k8s.io -o json`): {"items": [{"kind": "Event", ...}]}.';

interface K8sEvent {
  first: { epochMs: number; precise?: string };
  lastMs?: number;
  count: number;
  namespace?: string;
  object: string;
  reason: string;
  message: string;
  warning: boolean;
  component: string;
}

function num(v: unknown): number | undefined {
  return typeof v === 'number' && Number.isFinite(v) ? v : undefined;
}

function readEvent(e: Json): K8sEvent | undefined {
  // events.k8s.io/v1 names the fields differently from core/v1.
  const modern = typeof e.apiVersion === 'string' && e.apiVersion.startsWith('events.k8s.io/');
  const obj = (modern ? e.regarding : e.involvedObject) ?? e.regarding ?? e.involvedObject;
  const first =
    (modern ? isoTime(e.deprecatedFirstTimestamp) : isoTime(e.firstTimestamp)) ?? isoTime(e.eventTime) ?? isoTime(get(e, 'metadata', 'creationTimestamp'));
  if (!first) return undefined;
  const lastSeen = isoTime(get(e, 'series', 'lastObservedTime')) ?? (modern ? isoTime(e.deprecatedLastTimestamp) : isoTime(e.lastTimestamp));
  const count = num(get(e, 'series', 'count')) ?? (modern ? num(e.deprecatedCount) : num(e.count)) ?? 1;
  const kind = str(get(obj, 'kind'));
  const name = str(get(obj, 'name'));
  return {
    first,
    lastMs: lastSeen?.epochMs,
    count,
    namespace: str(get(obj, 'namespace')) ?? str(get(e, 'metadata', 'namespace')),
    object: kind && name ? `${kind}/${name}` : (name ?? kind ?? ''),
    reason: str(e.reason) ?? '',
    message: (modern ? str(e.note) : str(e.message)) ?? str(e.note) ?? str(e.message) ?? '',
    warning: e.type === 'Warning',
    component: (modern ? str(e.reportingController) : str(e.reportingComponent)) ?? str(get(e, modern ? 'deprecatedSource' : 'source', 'component')) ?? str(e.reportingController) ?? '',
  };
}

function isEvent(e: unknown): e is Json {
  return isObject(e) && (e.kind === 'Event' || (e.kind === undefined && typeof e.reason === 'string' && (isObject(e.involvedObject) || isObject(e.regarding))));
}

/** The replica set an event is about or scales ("Scaled up replica set checkout-7d9c6b5f4d to 1"). */
const REPLICA_SET = /(?:replica set |ReplicaSet\/)([a-z0-9][a-z0-9.-]*)/;

/** The revision whose replica set (`<name>-<pod-template-hash>`) the event names, if any. */
function revisionOf(text: string, rollouts: readonly Rollout[]): Rollout | undefined {
  const rs = REPLICA_SET.exec(text)?.[1];
  return rs ? rollouts.find((r) => r.hash && rs.endsWith(`-${r.hash}`)) : undefined;
}

/**
 * Rows from Kubernetes events (a List or EventList, one Event, or an array of them). With
 * `rollouts` (from `kubectl rollout history --revision=N`), a row that names a revision's replica
 * set says which revision and change it was.
 */
export function k8sEventRows(doc: unknown, opts: SourceWindow & { rollouts?: readonly Rollout[] } = {}): TimelineRow[] {
  const list = Array.isArray(doc) ? doc : isObject(doc) && Array.isArray(doc.items) ? doc.items : isEvent(doc) ? [doc] : undefined;
  if (!list) {
    if (isObject(doc) && doc.kind === 'Status') throw new ImportError(`The Kubernetes API answered with an error: ${String(doc.message ?? doc.reason ?? 'unknown')}.`, 'format');
    throw new ImportError(NOT_EVENTS, 'format');
  }
  const items = list.filter(isEvent);
  if (list.length && !items.length) throw new ImportError(`${NOT_EVENTS} No item here is an Event.`, 'format');
  const events = items.map(readEvent).filter((e): e is K8sEvent => !!e);
  const namespaces = new Set(events.map((e) => e.namespace ?? ''));
  const only = namespaces.size === 1 ? [...namespaces][0] : '';
  const source = cellText(only ? `Kubernetes ${only}` : 'Kubernetes', 120);
  const rows: TimelineRow[] = [];
  for (const e of events) {
    if (!inWindow(e.first.epochMs, opts)) continue;
    // With events of several namespaces (`-A`), the object says which.
    const object = namespaces.size > 1 && e.namespace ? `${e.namespace}/${e.object}` : e.object;
    const repeat = e.lastMs !== undefined && e.lastMs > e.first.epochMs ? repeatSuffix(e.count, e.first.epochMs, e.lastMs) : e.count > 1 ? ` (x${e.count})` : '';
    let text = `${e.warning ? 'WARN ' : ''}${object} ${e.reason}${e.message ? `: ${e.message}` : ''}`.trim();
    const rollout = opts.rollouts?.length ? revisionOf(text, opts.rollouts) : undefined;
    if (rollout) text += ` — ${describeRollout(rollout)}`;
    rows.push({
      epochMs: e.first.epochMs,
      precise: e.first.precise,
      event: cellText(text, 300 - repeat.length) + repeat,
      source,
      actor: cellText(e.component, 60),
    });
  }
  return sortRows(rows);
}
