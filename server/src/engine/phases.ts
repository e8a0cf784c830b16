// What each timeline row marks in the life of the incident, read from the words of its event text
// (English and Japanese), and the spans between them: time to detect, to mitigate, to resolve.
// Used by duration-mismatch and `postmortem stats`; docs/stats.md lists the words.
import type { PostMortem, TimelineEntry } from './model';

export type Phase = 'impact' | 'detect' | 'mitigate' | 'resolve';

/** Word lists per phase. A row can match several; see `phasesOf`. */
export const PHASE_PATTERNS: Record<Phase, RegExp> = {
  impact: /\b(?:impact (?:began|begins|started|starts)|outage (?:began|begins|started|starts)|(?:errors?|failures?|latency|timeouts?|5xx|500s|502s|503s) (?:began|begin|started|start|spiked?|rose|increased|climbed|appeared)|(?:(?:status|http) )?[45]\d\d (?:errors?|messages|responses|status(?:es)?) (?:witnessed|seen|observed|noticed|reported|appear(?:ed)?)|(?:began|started) (?:failing|to fail|returning|erroring|timing out|to return)|(?:went|goes|is|was|were) (?:down|unavailable|offline)|became unavailable|became unresponsive|stopped (?:responding|working|serving|processing)|users? (?:began|started) (?:reporting|seeing)|customer impact|incident (?:began|begins|started|starts)|first (?:errors?|failures?))\b|障害(?:が)?発生|影響(?:が)?(?:開始|発生|出始め)|エラー(?:が)?(?:発生|急増|増加)|サービス(?:が)?(?:停止|ダウン)|応答(?:が)?(?:停止|しなくな)/i,
  detect: /\b(?:alerts?|alerted|alerting|paged?|paging|pagerduty|opsgenie|on-?call (?:was )?(?:notified|engaged|acknowledged)|detected|noticed|(?:was|were|first) reported|reports? (?:from|of)|monitoring (?:fired|triggered|showed|detected)|fired|triggered|acknowledged)\b|アラート|検知|検出|通知|発覚|報告を受け|気づ/i,
  mitigate: /\b(?:mitigat(?:ed|ion|es|ing)|repaired|rolled back|rolling back|roll(?:ed)? ?back|rollback|reverted|reverting|revert|failed over|failover|fail over|workaround|restarted|drained|disabled the|scaled (?:up|out)|blocked|rate[- ]limited|hotfix)\b|緩和|ロールバック|切り戻し|暫定対応|暫定対処|再起動|切り替え/i,
  resolve: /\b(?:resolved|resolution|recovered|recovery complete|fully recovered|back to normal|returned to normal|fully restored|service (?:was )?restored|restored|all clear|incident (?:closed|over|ended|resolved)|healthy again|operating normally|no further (?:errors|impact)|(?:errors?|latency|error rates?) (?:returned|back|dropped) to (?:normal|baseline|zero))\b|復旧|解消|収束|正常化|正常に戻|クローズ/i,
};

/** The phases a row's event text marks (event cell for tables, the item text for lists). */
export function phasesOf(doc: PostMortem, e: TimelineEntry): Set<Phase> {
  const text = e.event?.text ?? (e.kind === 'list' ? doc.lines[e.line].slice(e.timeRange.end.character) : doc.lines[e.line]);
  const out = new Set<Phase>();
  // "not resolved", "not yet recovered", "未復旧" say the opposite.
  const plain = text.replace(/\b(?:not|no|never|un)(?: yet)?[- ](?:fully )?(?:resolved|recovered|restored|mitigated)\b|未(?:復旧|解消)/gi, '');
  for (const p of Object.keys(PHASE_PATTERNS) as Phase[]) if (PHASE_PATTERNS[p].test(plain)) out.add(p);
  return out;
}

export interface IncidentPhases {
  /** Rows with a time, in order, with what each marks. */
  rows: { entry: TimelineEntry; epoch: number; phases: Set<Phase> }[];
  /** First row that marks impact, else the first row. */
  start?: { entry: TimelineEntry; epoch: number; marked: boolean };
  detect?: { entry: TimelineEntry; epoch: number };
  mitigate?: { entry: TimelineEntry; epoch: number };
  /** The last row that marks recovery (a timeline often goes on with follow-up work). */
  resolve?: { entry: TimelineEntry; epoch: number };
  first?: number;
  last?: number;
  /** False when a row is earlier than the one above it: spans are not computed from such a timeline. */
  ordered: boolean;
}

export function incidentPhases(doc: PostMortem): IncidentPhases {
  const rows = doc.timeline.entries
    .filter((e) => e.epoch !== undefined && !e.time?.dateOnly)
    .map((entry) => ({ entry, epoch: entry.epoch!, phases: phasesOf(doc, entry) }));
  const ordered = rows.every((r, i) => i === 0 || r.epoch >= rows[i - 1].epoch);
  const out: IncidentPhases = { rows, ordered, first: rows[0]?.epoch, last: rows[rows.length - 1]?.epoch };
  if (!rows.length) return out;
  const impact = rows.find((r) => r.phases.has('impact'));
  out.start = impact ? { entry: impact.entry, epoch: impact.epoch, marked: true } : { entry: rows[0].entry, epoch: rows[0].epoch, marked: false };
  const from = out.start.epoch;
  const after = rows.filter((r) => r.epoch >= from);
  const detect = after.find((r) => r.phases.has('detect'));
  if (detect) out.detect = { entry: detect.entry, epoch: detect.epoch };
  const resolve = [...after].reverse().find((r) => r.phases.has('resolve'));
  if (resolve) out.resolve = { entry: resolve.entry, epoch: resolve.epoch };
  // Mitigation: the first mitigating row, else the recovery itself.
  const mitigate = after.find((r) => r.phases.has('mitigate') && (!resolve || r.epoch <= resolve.epoch));
  if (mitigate) out.mitigate = { entry: mitigate.entry, epoch: mitigate.epoch };
  else if (resolve) out.mitigate = out.resolve;
  return out;
}

export interface IncidentTimes {
  /** Seconds from the first impact row to the first alert or detection row. */
  detect?: number;
  mitigate?: number;
  resolve?: number;
}

export function incidentTimes(p: IncidentPhases): IncidentTimes {
  if (!p.start || !p.ordered) return {};
  const s = p.start.epoch;
  return {
    detect: p.detect ? p.detect.epoch - s : undefined,
    mitigate: p.mitigate ? p.mitigate.epoch - s : undefined,
    resolve: p.resolve ? p.resolve.epoch - s : undefined,
  };
}
