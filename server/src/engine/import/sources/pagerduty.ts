// PagerDuty incident log entries (`GET /incidents/{id}/log_entries` or `/log_entries`) to timeline
// rows: triggered, acknowledged, escalated, notes, resolved (and the other changes a responder
// makes), with the agent (a person, or the service or integration) as the actor. Notifications
// are left out: they say who was paged, not what happened.
import { cellText } from '../cells';
import { ImportError, sortRows, type TimelineRow } from '../rows';
import { get, inWindow, isObject, isoTime, str, type Json, type SourceWindow } from './common';

const NOT_PAGERDUTY = 'not PagerDuty log entries: expected the answer of /incidents/{id}/log_entries or /log_entries ({"log_entries": [...]}).';

/** `[#4127] HighErrorRate checkout` -> `#4127`; the whole title when it has no number. */
function incidentLabel(e: Json): string {
  const summary = str(get(e, 'incident', 'summary'));
  const n = summary && /^\[(#\d+)\]/.exec(summary);
  return n ? `incident ${n[1]}` : summary ? `incident "${summary}"` : 'incident';
}

function names(list: unknown): string {
  return (Array.isArray(list) ? list : []).map((a) => (isObject(a) ? str(a.summary) : undefined)).filter(Boolean).join(', ');
}

function eventText(kind: string, e: Json): string | undefined {
  const label = incidentLabel(e);
  const summary = str(e.summary);
  switch (kind) {
    case 'trigger': {
      const title = str(get(e, 'incident', 'summary'));
      const detail = str(get(e, 'event_details', 'description'));
      return `PagerDuty ${title ? `incident ${title}` : 'incident'} triggered${detail && detail !== title ? `: ${detail}` : ''}`;
    }
    case 'acknowledge':
      return `${label} acknowledged`;
    case 'unacknowledge':
      return `${label} unacknowledged (acknowledgement timed out)`;
    case 'escalate': {
      const to = names(e.assignees);
      return `${label} escalated${to ? ` to ${to}` : ''}${get(e, 'channel', 'type') === 'timeout' ? ' (not acknowledged in time)' : ''}`;
    }
    case 'assign': {
      const to = names(e.assignees);
      return `${label} assigned${to ? ` to ${to}` : ''}`;
    }
    case 'annotate': {
      const note = str(get(e, 'channel', 'summary')) ?? str(get(e, 'note', 'content'));
      return note ? `Note on ${label}: ${note}` : `Note added to ${label}`;
    }
    case 'snooze':
      return `${label} snoozed`;
    case 'urgency_change':
    case 'priority_change':
    case 'reach_trigger_limit':
    case 'reach_ack_limit':
    case 'repeat_escalation_path':
    case 'exhaust_escalation_path':
      return summary ? `${label}: ${summary}` : undefined;
    case 'resolve':
      return `${label} resolved`;
    default:
      return undefined;
  }
}

/**
 * Rows from PagerDuty log entries (`{"log_entries": [...]}`, or the bare list). Entries of any
 * order; the agent is the actor (`agent.summary`: a person, a service, an integration).
 */
export function pagerDutyRows(doc: unknown, opts: SourceWindow = {}): TimelineRow[] {
  const list = Array.isArray(doc) ? doc : isObject(doc) && Array.isArray(doc.log_entries) ? doc.log_entries : undefined;
  if (!list) {
    if (isObject(doc) && isObject(doc.error)) throw new ImportError(`PagerDuty answered with an error: ${String(doc.error.message ?? 'unknown')}.`, 'format');
    throw new ImportError(NOT_PAGERDUTY, 'format');
  }
  const entries = (list as unknown[]).filter((e): e is Json => isObject(e) && typeof e.type === 'string' && /_log_entry(?:_reference)?$/.test(e.type));
  if (list.length && !entries.length) throw new ImportError(`${NOT_PAGERDUTY} No entry here has a "type" such as "trigger_log_entry".`, 'format');
  const rows: TimelineRow[] = [];
  for (const e of entries) {
    const t = isoTime(e.created_at);
    if (!t || !inWindow(t.epochMs, opts)) continue;
    // `acknowledge_log_entry`, and `acknowledgement_log_entry` as one schema of the API names it.
    const kind = (e.type as string).replace(/_log_entry(?:_reference)?$/, '').replace(/^acknowledgement$/, 'acknowledge');
    const text = eventText(kind, e);
    if (!text) continue;
    rows.push({ epochMs: t.epochMs, precise: t.precise, event: cellText(text), source: 'PagerDuty', actor: cellText(str(get(e, 'agent', 'summary')) ?? '', 60) });
  }
  return sortRows(rows);
}
