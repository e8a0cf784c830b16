// The sources of where incidents happen (chat, paging, Kubernetes, cloud logs, deploys) as entries
// of the source table: what each reads and which of its parsers makes the rows.
import { ImportError, type TimelineRow } from '../rows';
import { argoRowsFromText } from './argocd';
import { cloudwatchRows } from './cloudwatch';
import { searchRows } from './elasticsearch';
import { gcpLoggingRows } from './gcp-logging';
import { gitLogArgs, gitLogRows } from './git';
import { grafanaRows } from './grafana';
import { k8sEventRows } from './k8s-events';
import { parseRolloutHistory } from './k8s-rollouts';
import { parseLevel, type LogImportResult } from './logs';
import { opsgenieRows } from './opsgenie';
import { pagerDutyRows } from './pagerduty';
import { slackRowsFromFiles } from './slack';
import type { ImportSource, SourceContext, SourceResult } from './index';

function option(ctx: SourceContext, key: string): string | undefined {
  const v = ctx.args.options?.[key];
  return typeof v === 'string' && v.trim() ? v.trim() : undefined;
}

function flag(ctx: SourceContext, key: string): boolean {
  const v = ctx.args.options?.[key];
  return v === true || v === 'true';
}

/** The rows, with a note saying why there are none. */
function result(rows: TimelineRow[], ctx: SourceContext, what: string): SourceResult {
  const w = ctx.window;
  const where = w ? ` between ${new Date(w.startMs).toISOString()} and ${new Date(w.endMs).toISOString()}` : '';
  return { rows, notes: rows.length ? [] : [`No ${what}${where}.`] };
}

async function searchResult(run: (opts: Parameters<typeof cloudwatchRows>[1]) => Promise<LogImportResult>, ctx: SourceContext): Promise<SourceResult> {
  const a = ctx.args;
  const minLevel = parseLevel(a.level);
  if (a.level && !minLevel) throw new ImportError(`"${a.level}" is not a level: use trace, debug, info, warn, error or fatal.`, 'usage');
  const maxRows = a.maxRows === undefined || a.maxRows === '' ? undefined : Number(a.maxRows);
  if (maxRows !== undefined && !(maxRows > 0)) throw new ImportError(`The maximum number of rows "${a.maxRows}" is not a number.`, 'usage');
  const res = await run({ grep: a.grep || undefined, minLevel, window: ctx.window, zone: a.zone, group: a.group, maxRows, signal: ctx.signal });
  const note =
    `${res.parsed} entries, ${res.matched} matched, ${res.rows.length} rows` +
    (res.truncated ? `; ${res.truncated} more left out (narrow with a pattern, a level or a window)` : '') +
    (res.zoneAssumed ? `; times without a zone read as ${res.zoneAssumed}` : '') +
    '.';
  return { rows: res.rows, notes: [note] };
}

const win = (ctx: SourceContext) => ctx.window ?? {};
const LOG_ARGS: ImportSource['takes'] = ['file', 'text', 'grep', 'level', 'start', 'end', 'window', 'zone', 'group', 'maxRows'];

export const slack: ImportSource = {
  id: 'slack',
  title: 'Slack',
  description: "a channel's messages from a workspace export (folder, channel folder or day file) or a conversations.history answer; thread replies folded into their parent",
  takes: ['file', 'text', 'start', 'end', 'window', 'options'],
  file: 'json-files',
  companions: ['users.json', 'channels.json'],
  // An export holds a workspace's whole history: keep the incident's window.
  window: { file: 'report', text: 'report' },
  parse: (files, ctx) => {
    const label = ctx.sourceLabel && !/\.json$/i.test(ctx.sourceLabel) ? ctx.sourceLabel : undefined;
    const rows = slackRowsFromFiles(files as Record<string, unknown>, { ...win(ctx), channel: option(ctx, 'channel'), folderName: label, pinned: flag(ctx, 'pinned'), reaction: option(ctx, 'reaction') });
    return result(rows, ctx, 'messages');
  },
};

export const pagerduty: ImportSource = {
  id: 'pagerduty',
  title: 'PagerDuty log entries',
  description: 'triggered, acknowledged, escalated, notes and resolved, from /incidents/{id}/log_entries',
  takes: ['file', 'text', 'start', 'end', 'window'],
  file: 'json',
  window: { file: 'filter', text: 'filter' },
  parse: (body, ctx) => result(pagerDutyRows(body, win(ctx)), ctx, 'log entries'),
};

export const opsgenie: ImportSource = {
  id: 'opsgenie',
  title: 'Opsgenie alert log or notes',
  description: "an alert's log, its notes, or the alert (created, acknowledged, closed)",
  takes: ['file', 'text', 'start', 'end', 'window'],
  file: 'json',
  window: { file: 'filter', text: 'filter' },
  parse: (body, ctx) => result(opsgenieRows(body, win(ctx)), ctx, 'alert log entries or notes'),
};

export const grafana: ImportSource = {
  id: 'grafana',
  title: 'Grafana annotations',
  description: 'annotations from /api/annotations (regions, alert state changes)',
  takes: ['file', 'text', 'start', 'end', 'window'],
  file: 'json',
  window: { file: 'report', text: 'report' },
  parse: (body, ctx) => result(grafanaRows(body, win(ctx)), ctx, 'annotations'),
};

export const k8sEvents: ImportSource = {
  id: 'k8s-events',
  title: 'Kubernetes events',
  description: '`kubectl get events -o json` (also -A, kubectl events, events.k8s.io): repeated events counted; with `kubectl rollout history --revision=N` output, replica sets named by revision and change',
  takes: ['file', 'text', 'start', 'end', 'window', 'options'],
  file: 'json',
  attachments: [{ option: 'rollout', title: '`kubectl rollout history --revision=N` output, to name the revision of each replica set' }],
  window: { file: 'filter', text: 'filter' },
  parse: (body, ctx) => {
    const history = ctx.attachments?.rollout;
    const rollouts = history === undefined ? undefined : parseRolloutHistory(history);
    const rows = k8sEventRows(body, { ...win(ctx), rollouts });
    const out = result(rows, ctx, 'events');
    if (rollouts) {
      const named = rows.filter((r) => / — revision \d+/.test(r.event)).length;
      const file = String(ctx.args.options?.rollout);
      if (!rollouts.length) throw new ImportError(`${file} is not \`kubectl rollout history\` output.`, 'format');
      if (!rollouts.some((r) => r.hash)) out.notes!.push(`${file} lists revisions without their pod-template-hash, so no replica set could be named: save \`kubectl rollout history deployment/NAME --revision=N\` for the revisions of the incident.`);
      else out.notes!.push(`${named} rows name the revision of their replica set (from ${file}).`);
    }
    return out;
  },
};

export const cloudwatch: ImportSource = {
  id: 'cloudwatch',
  title: 'CloudWatch Logs',
  description: '`aws logs filter-log-events` output, repeated lines grouped',
  takes: LOG_ARGS,
  file: 'json',
  window: { file: 'filter', text: 'filter' },
  parse: (body, ctx) => searchResult((o) => cloudwatchRows(body, o), ctx),
};

export const elasticsearch: ImportSource = {
  id: 'elasticsearch',
  title: 'Elasticsearch / OpenSearch hits',
  description: 'a _search answer: hits read as log documents (@timestamp, message, log.level)',
  takes: LOG_ARGS,
  file: 'json',
  window: { file: 'filter', text: 'filter' },
  parse: (body, ctx) => searchResult((o) => searchRows(body, o), ctx),
};

export const gcpLogging: ImportSource = {
  id: 'gcp-logging',
  title: 'Google Cloud Logging',
  description: '`gcloud logging read --format json` output, severity as the level',
  takes: LOG_ARGS,
  file: 'json',
  window: { file: 'filter', text: 'filter' },
  parse: (body, ctx) => searchResult((o) => gcpLoggingRows(body, o), ctx),
};

export const git: ImportSource = {
  id: 'git',
  title: 'git history',
  description: 'merges on the main line and tagged commits of a repository in the window, the author as actor',
  takes: ['file', 'start', 'end', 'window', 'options'],
  command: (ctx) => ({ program: 'git', args: gitLogArgs(ctx.window!, option(ctx, 'ref')) }),
  // The whole history of a repository is not a timeline: a window is needed.
  window: { command: 'required' },
  parse: async (lines, ctx) => {
    const rows = await gitLogRows(lines as AsyncIterable<string>, { ...win(ctx), repoName: ctx.sourceLabel, allCommits: flag(ctx, 'allCommits') });
    return result(rows, ctx, flag(ctx, 'allCommits') ? 'commits on the main line' : 'merges or tags on the main line');
  },
};

export const argocd: ImportSource = {
  id: 'argocd',
  title: 'Argo CD history',
  description: 'deploys from an Application (JSON or YAML, status.history) or `argocd app history`',
  takes: ['file', 'text', 'start', 'end', 'window', 'options'],
  file: 'lines',
  window: { file: 'report', text: 'report' },
  parse: async (lines, ctx) => {
    const parts: string[] = [];
    for await (const l of lines as AsyncIterable<string> | Iterable<string>) parts.push(l);
    return result(argoRowsFromText(parts.join('\n'), { ...win(ctx), app: option(ctx, 'app') }), ctx, 'deploys');
  },
};

/** In the order pickers show them. */
export const INCIDENT_SOURCES: readonly ImportSource[] = [slack, pagerduty, opsgenie, grafana, k8sEvents, cloudwatch, elasticsearch, gcpLogging, git, argocd];
