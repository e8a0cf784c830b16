// Hovers: where a timeline time sits relative to the first event and the first alert, and what a
// finding's rule checks (with a link to its documentation page).
import { MarkupKind, type Connection, type Hover, type HoverParams, type TextDocuments } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Checker } from '../documents';
import { ruleDocUrl } from '../../node/rule-docs';
import { ruleById } from '../../engine/rules';
import type { PostMortem, TimelineEntry } from '../../engine/model';
import type { Finding, Locale, Position, Range } from '../../engine/types';
import { formatDuration, t } from './strings';
import { client } from './context';
import { guarded, type Log } from '../guard';

/** Words that say an event is the moment the incident was noticed. */
export const DETECTION = /\b(?:alert(?:s|ed|ing)?|pag(?:e|es|ed|ing)|detect(?:s|ed|ion|ing)?|fire[sd]?|firing)\b|アラート|検知|検出|発報|鳴動/i;

function contains(r: Range, p: Position): boolean {
  if (p.line < r.start.line || p.line > r.end.line) return false;
  if (p.line === r.start.line && p.character < r.start.character) return false;
  if (p.line === r.end.line && p.character > r.end.character) return false;
  return true;
}

function eventText(model: PostMortem, e: TimelineEntry): string {
  if (e.kind === 'table') return e.event?.text ?? e.row?.cells.map((c) => c.text).join(' ') ?? '';
  return model.lines[e.line].slice(e.timeRange.end.character);
}

function label(e: TimelineEntry): string {
  return e.timeText.replace(/[*_`]/g, '').trim();
}

/** "T+12m from the first event (23:38); 3m after the first alert (23:44)", or undefined off a time. */
export function timeHover(model: PostMortem, locale: Locale, pos: Position): string | undefined {
  const entry = model.timeline.entries.find((e) => e.line === pos.line && contains(e.timeRange, pos));
  if (!entry) return undefined;
  if (entry.epoch === undefined) return entry.timeText.trim() ? t(locale, 'hoverNoTime') : undefined;
  const timed = model.timeline.entries.filter((e) => e.epoch !== undefined);
  const first = timed.reduce((a, b) => (b.epoch! < a.epoch! ? b : a));
  const alerts = timed.filter((e) => DETECTION.test(eventText(model, e)));
  const alert = alerts.length ? alerts.reduce((a, b) => (b.epoch! < a.epoch! ? b : a)) : undefined;
  const parts: string[] = [];
  if (entry === first || entry.epoch === first.epoch) parts.push(t(locale, 'hoverFirstEvent'));
  else parts.push(t(locale, 'hoverFromFirst', { offset: formatDuration(entry.epoch - first.epoch!, locale), first: label(first) }));
  if (alert) {
    const d = entry.epoch - alert.epoch!;
    if (entry === alert) parts.push(t(locale, 'hoverAtAlert'));
    else if (d >= 0) parts.push(t(locale, 'hoverAfterAlert', { offset: formatDuration(d, locale), alert: label(alert) }));
    else parts.push(t(locale, 'hoverBeforeAlert', { offset: formatDuration(-d, locale), alert: label(alert) }));
  }
  return `**${label(entry)}**: ${parts.join(locale === 'ja' ? '、' : '; ')}`;
}

function ruleText(id: string, locale: Locale, finding?: Finding): string | undefined {
  const rule = ruleById(id);
  if (!rule) return undefined;
  const about = locale === 'ja' && finding ? finding.message : rule.description;
  const link = client.markdownHover ? `[${t(locale, 'hoverRuleDoc')}](${ruleDocUrl(id)})` : `${t(locale, 'hoverRuleDoc')}: ${ruleDocUrl(id)}`;
  return `\`${id}\`: ${about}\n\n${link}`;
}

export function hoverAt(model: PostMortem, findings: Finding[], locale: Locale, pos: Position): string | undefined {
  const parts: string[] = [];
  const time = timeHover(model, locale, pos);
  if (time) parts.push(time);
  const seen = new Set<string>();
  for (const f of findings) {
    if (!contains(f.range, pos) || seen.has(f.rule)) continue;
    seen.add(f.rule);
    const text = ruleText(f.rule, locale, f);
    if (text) parts.push(text);
  }
  // A rule id inside a disable comment.
  if (!parts.length) {
    const line = model.lines[pos.line] ?? '';
    for (const m of line.matchAll(/[a-z]+(?:-[a-z]+)+/g)) {
      if (m.index! <= pos.character && pos.character <= m.index! + m[0].length && /<!--\s*postmortem-/.test(line.slice(0, m.index))) {
        const text = ruleText(m[0], locale);
        if (text) parts.push(text);
      }
    }
  }
  return parts.length ? parts.join('\n\n---\n\n') : undefined;
}

export function registerHover(connection: Connection, documents: TextDocuments<TextDocument>, checker: Checker, log: Log): void {
  connection.onHover(guarded(log, 'textDocument/hover', async (params: HoverParams): Promise<Hover | null> => {
    const doc = documents.get(params.textDocument.uri);
    if (!doc) return null;
    const checked = await checker.current(doc);
    if (!checked) return null;
    const value = hoverAt(checked.result.doc, checked.result.findings, checked.locale, params.position);
    if (!value) return null;
    return { contents: { kind: client.markdownHover ? MarkupKind.Markdown : MarkupKind.PlainText, value } };
  }));
}
