// Argo CD deploy history to timeline rows: an Application's `status.history` (from `kubectl get
// application NAME -o json|yaml` or `argocd app get NAME -o json`), or the table `argocd app
// history NAME` prints. One row per deploy at the time it finished; a deploy of a revision that an
// earlier entry already deployed says so (a rollback, usually); a failed sync in `operationState`
// gets a row of its own.
import { parse as parseYaml } from 'yaml';
import { cellText } from '../cells';
import { ImportError, sortRows, type TimelineRow } from '../rows';
import { parseIsoTimestamp } from '../../time';
import { get, inWindow, isObject, isoTime, str, type Json, type SourceWindow } from './common';

export interface ArgoOptions extends SourceWindow {
  /** The application's name when the input does not carry it (the `argocd app history` table). */
  app?: string;
}

const NOT_ARGO =
  'not Argo CD history: expected an Application (`kubectl get application NAME -o json`, `argocd app get NAME -o json`) with status.history, or the table of `argocd app history NAME`.';

interface Deploy {
  id: number | string;
  epochMs: number;
  revisions: string[];
  target?: string;
  actor: string;
}

const shortRev = (r: string) => (/^[0-9a-f]{40}$/.test(r) ? r.slice(0, 7) : r);

function deployRows(app: string | undefined, deploys: Deploy[], opts: SourceWindow): TimelineRow[] {
  const rows: TimelineRow[] = [];
  const seen = new Map<string, Deploy['id']>();
  const name = app ? ` ${app}` : '';
  // In id order: an earlier deploy of the same revision is known when a later one is read.
  for (const d of [...deploys].sort((a, b) => a.epochMs - b.epochMs)) {
    const key = d.revisions.join(',');
    const earlier = seen.get(key);
    if (!seen.has(key)) seen.set(key, d.id);
    if (!inWindow(d.epochMs, opts)) continue;
    const revs = d.revisions.map(shortRev).join(', ');
    const target = d.target ? ` (${d.target})` : '';
    const text =
      earlier !== undefined
        ? `Argo CD deployed${name} ${revs}${target} again, the revision of history id ${earlier} [id ${d.id}]`
        : `Argo CD deployed${name} ${revs}${target} [id ${d.id}]`;
    rows.push({ epochMs: d.epochMs, event: cellText(text), source: 'Argo CD', actor: cellText(d.actor, 60) });
  }
  return rows;
}

function actorOf(initiatedBy: unknown): string {
  if (!isObject(initiatedBy)) return '';
  return str(initiatedBy.username) ?? (initiatedBy.automated === true ? 'automated sync' : '');
}

function applicationRows(a: Json, opts: ArgoOptions): TimelineRow[] {
  const app = str(get(a, 'metadata', 'name')) ?? opts.app;
  const history = get(a, 'status', 'history');
  const deploys: Deploy[] = [];
  for (const h of Array.isArray(history) ? history : []) {
    if (!isObject(h)) continue;
    const t = isoTime(h.deployedAt) ?? isoTime(h.deployStartedAt);
    if (!t) continue;
    // Multi-source applications list a revision per source.
    const revisions = Array.isArray(h.revisions) ? h.revisions.filter((r): r is string => typeof r === 'string') : str(h.revision) ? [h.revision as string] : [];
    const target = str(get(h, 'source', 'targetRevision'));
    deploys.push({ id: typeof h.id === 'number' || typeof h.id === 'string' ? h.id : deploys.length, epochMs: t.epochMs, revisions, target, actor: actorOf(h.initiatedBy) });
  }
  const rows = deployRows(app, deploys, opts);
  const op = get(a, 'status', 'operationState');
  const phase = str(get(op, 'phase'));
  if (phase === 'Failed' || phase === 'Error') {
    const t = isoTime(get(op, 'finishedAt')) ?? isoTime(get(op, 'startedAt'));
    if (t && inWindow(t.epochMs, opts)) {
      const msg = str(get(op, 'message'));
      rows.push({ epochMs: t.epochMs, event: cellText(`Argo CD sync${app ? ` of ${app}` : ''} ${phase === 'Error' ? 'errored' : 'failed'}${msg ? `: ${msg}` : ''}`), source: 'Argo CD', actor: cellText(actorOf(get(op, 'operation', 'initiatedBy')), 60) });
    }
  }
  return rows;
}

const HISTORY_ROW = /^(\d+)\s+(\d{4}-\d{2}-\d{2}) (\d{2}:\d{2}:\d{2}(?:\.\d+)?) ([+-])(\d{2})(\d{2})(?: \S+)?\s+(?!\s)(.*)$/;

/** `kubectl rollout history` output: revisions and change causes, but no times. */
const ROLLOUT_HISTORY = /^(?:[^\s/]+\.apps\/\S+ ?(?:with revision #\d+)?|deployments? "[^"]+"(?: revision \d+)?)(?:[^\S\n]*\n)+(?:REVISION\s+CHANGE-CAUSE|Pod Template:|[^\S\n]+Labels:)/;

/** The table of `argocd app history NAME`: `ID  DATE  REVISION`, the date in Go's time format. */
export function argoHistoryTableRows(text: string, opts: ArgoOptions = {}): TimelineRow[] {
  if (ROLLOUT_HISTORY.test(text.replace(/\r\n/g, '\n'))) {
    throw new ImportError(
      '`kubectl rollout history` prints revisions without times, so they cannot be placed on a timeline: import the events instead (`kubectl get events -o json`, whose ScalingReplicaSet rows show each rollout), or the Argo CD history.',
      'format',
    );
  }
  const deploys: Deploy[] = [];
  let header = false;
  for (const raw of text.split('\n')) {
    const line = raw.replace(/\r$/, '');
    if (!line.trim() || /^SOURCE\s/.test(line)) continue;
    if (/^ID\s+DATE\s+REVISION/.test(line)) {
      header = true;
      continue;
    }
    const m = HISTORY_ROW.exec(line);
    if (!m) throw new ImportError(`${NOT_ARGO} This line is neither: ${JSON.stringify(line.slice(0, 120))}`, 'format');
    const t = parseIsoTimestamp(`${m[2]}T${m[3]}${m[4]}${m[5]}:${m[6]}`);
    if (!t) continue;
    // REVISION is "targetRevision (sha)", or the sha alone.
    const revision = m[7].trimEnd();
    const rev = /^(.*?)(?<!\s)\s*\(([^()]+)\)$/.exec(revision);
    deploys.push({ id: Number(m[1]), epochMs: t.epochMs, revisions: [rev ? rev[2] : revision], target: rev ? rev[1] || undefined : undefined, actor: '' });
  }
  if (!header) throw new ImportError(NOT_ARGO, 'format');
  return sortRows(deployRows(opts.app, deploys, opts));
}

/** Rows from an Argo CD Application (or a list of them), already parsed from JSON or YAML. */
export function argoRows(doc: unknown, opts: ArgoOptions = {}): TimelineRow[] {
  const apps = isObject(doc) && Array.isArray(doc.items) ? doc.items.filter(isObject) : isObject(doc) ? [doc] : [];
  if (!apps.length || !apps.some((a) => Array.isArray(get(a, 'status', 'history')) || isObject(get(a, 'status', 'operationState')))) {
    throw new ImportError(NOT_ARGO, 'format');
  }
  return sortRows(apps.flatMap((a) => applicationRows(a, opts)));
}

/**
 * Rows from the text of a file: an Application as JSON or YAML, or the `argocd app history`
 * table (which `kubectl rollout history` output is told apart from).
 */
export function argoRowsFromText(text: string, opts: ArgoOptions = {}): TimelineRow[] {
  const t = text.replace(/^\uFEFF/, '').trim();
  if (!t) throw new ImportError(`${NOT_ARGO} The file is empty.`, 'empty');
  if (t.startsWith('{') || t.startsWith('[')) {
    let doc: unknown;
    try {
      doc = JSON.parse(t);
    } catch (e) {
      throw new ImportError(`${NOT_ARGO} It begins like JSON but is not (${(e as Error).message}).`, 'format');
    }
    return argoRows(doc, opts);
  }
  if (/^(?:SOURCE|ID)\s/.test(t) || ROLLOUT_HISTORY.test(t.replace(/\r\n/g, '\n'))) return argoHistoryTableRows(t, opts);
  let doc: unknown;
  try {
    doc = parseYaml(t);
  } catch {
    throw new ImportError(NOT_ARGO, 'format');
  }
  return argoRows(doc, opts);
}
