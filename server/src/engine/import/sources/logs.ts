// Log lines to timeline rows. Pure: the caller hands in an async iterable of lines (the text of an
// editor) or of text blocks of whole lines (a file read in large pieces), so a 1 GB file is never
// held in memory. The format is detected from the first lines unless the caller names one. With a
// pattern, lines that cannot match it are counted and skipped without being parsed (see
// `prefilterFor`): that is what lets a large log import at close to the speed of reading it.
import { clockUtc, epochDigitsToMs, epochNumberToMs, isoUtc, MONTH_ABBR, normalizeZone, parseIsoTimestamp, wallClockToEpochMs } from '../../time';
import { cellText } from '../cells';
import { distinguishingLabels } from '../labels';
import { ImportError, sortRows, type Cancellation, type TimelineRow } from '../rows';
import { looksLikeRolloutHistory, ROLLOUT_HISTORY_HAS_NO_TIMES } from './k8s-rollouts';

export type LogFormat = 'kubectl' | 'json' | 'journald' | 'nginx' | 'rfc5424' | 'rfc3164' | 'rsyslog' | 'loki';
export const LOG_FORMATS: LogFormat[] = ['kubectl', 'json', 'journald', 'nginx', 'rfc5424', 'rfc3164', 'rsyslog', 'loki'];
export const LOG_FORMAT_NAMES: Record<LogFormat, string> = {
  kubectl: 'kubectl logs --timestamps (with or without --prefix)',
  json: 'JSON lines (pino, bunyan, winston, ECS, zap, logrus, zerolog)',
  journald: 'journalctl -o json',
  nginx: 'nginx combined access log',
  rfc5424: 'syslog RFC 5424',
  rfc3164: 'syslog RFC 3164 / traditional file format',
  rsyslog: 'rsyslog file format (RFC 3339 timestamp, host, tag)',
  loki: 'Loki query_range JSON (streams)',
};

export type Level = 'trace' | 'debug' | 'info' | 'warn' | 'error' | 'fatal';
export const LEVELS: Level[] = ['trace', 'debug', 'info', 'warn', 'error', 'fatal'];

export interface LogRecord {
  epochMs: number;
  precise?: string;
  level?: Level;
  /** True when the level came from a structured field, not from the message text. */
  structuredLevel?: boolean;
  message: string;
  /** Where the line came from inside the file (pod, unit, host/app), if the format says. */
  origin?: string;
  actor?: string;
  /** The time was written without a zone and read in the assumed zone. */
  zoneLess?: boolean;
}

export interface LogImportOptions {
  /** A format, or 'auto' (default) to detect it from the first lines. */
  format?: LogFormat | 'auto';
  /** Keep lines matching this regular expression (case-insensitive when given as a string). */
  grep?: string | RegExp;
  /** Keep lines at this level or above (lines with no known level are dropped when set). */
  minLevel?: Level;
  /** Keep lines in this window (milliseconds since the epoch, inclusive). */
  window?: { startMs: number; endMs: number };
  /** Zone for times written without one (`UTC`, `+01:00`, `Europe/Berlin`); default UTC. */
  zone?: string;
  /** Year for syslog RFC 3164 lines, which have none; default: the year of `referenceMs`. */
  year?: number;
  /** A time near the log's (the report's date, or now): gives RFC 3164 lines their year. */
  referenceMs?: number;
  /** Names the file in the Source column (e.g. `checkout.log`). */
  sourceLabel?: string;
  /** Group repeated lines into one row (default true). */
  group?: boolean;
  /** Lines of the same kind closer than this are one group (default 10 minutes). */
  groupGapMs?: number;
  /** Candidate rows kept at most (default 5000); the rest are counted in `truncated`. */
  maxRows?: number;
  signal?: Cancellation;
  /** Called every 10,000 lines with the count of lines read. */
  onProgress?: (linesRead: number) => void;
}

export interface LogImportResult {
  format: LogFormat;
  rows: TimelineRow[];
  linesRead: number;
  /** Lines that parsed in the format. */
  parsed: number;
  /** Lines that passed the filters. */
  matched: number;
  /** Non-empty lines that did not parse in the format (continuations, noise). */
  unparsed: number;
  firstUnparsed?: { line: number; text: string };
  truncated: number;
  /** Lines skipped unparsed because they cannot match the pattern (see `prefilterFor`). */
  skipped: number;
  /** Set when some times had no zone and were read in this one. */
  zoneAssumed?: string;
}

interface Ctx {
  zone: string;
  year: number;
  lastMonth?: number;
}

const LEVEL_WORDS: [RegExp, Level][] = [
  [/^(?:trace|trc|finest|finer)$/i, 'trace'],
  [/^(?:debug|dbg|fine|verbose)$/i, 'debug'],
  [/^(?:info|information|informational|notice|inf|i)$/i, 'info'],
  [/^(?:warn|warning|wrn|w)$/i, 'warn'],
  [/^(?:error|err|eror|e|severe)$/i, 'error'],
  [/^(?:fatal|crit|critical|alert|emerg|emergency|panic|dpanic|ftl)$/i, 'fatal'],
];

export function levelOf(v: unknown): Level | undefined {
  if (typeof v === 'number') {
    // pino / bunyan numeric levels.
    if (v >= 60) return 'fatal';
    if (v >= 50) return 'error';
    if (v >= 40) return 'warn';
    if (v >= 30) return 'info';
    if (v >= 20) return 'debug';
    if (v >= 10) return 'trace';
    return undefined;
  }
  if (typeof v !== 'string') return undefined;
  const t = v.trim();
  if (/^\d+$/.test(t)) return levelOf(Number(t));
  for (const [re, l] of LEVEL_WORDS) if (re.test(t)) return l;
  return undefined;
}

/** Syslog severity (0..7) to a level. */
function syslogLevel(sev: number): Level {
  if (sev <= 2) return 'fatal';
  if (sev === 3) return 'error';
  if (sev === 4) return 'warn';
  if (sev <= 6) return 'info';
  return 'debug';
}

const TEXT_LEVEL = /^\s*[[(]?(TRACE|DEBUG|INFO|NOTICE|WARN(?:ING)?|ERROR|ERR|FATAL|CRIT(?:ICAL)?|PANIC|EMERG)[\])]?[\s:]/i;
const LOGFMT_LEVEL = /\b(?:level|lvl|severity)=("?)(\w+)\1/i;

function textLevel(s: string): Level | undefined {
  const m = TEXT_LEVEL.exec(s) ?? LOGFMT_LEVEL.exec(s);
  if (!m) return undefined;
  return levelOf(m[m.length - 1]);
}

// ---------------------------------------------------------------- JSON log objects

const TIME_KEYS = ['@timestamp', 'timestamp', 'time', 'ts', 'datetime', 'date', '@t', 't', 'eventTime', 'Timestamp'];
const MSG_KEYS = ['msg', 'message', 'MESSAGE', '@m', '@mt', 'log', 'event', 'text'];
const LEVEL_KEYS = ['level', 'log.level', 'severity', 'lvl', 'levelname', '@l', 'loglevel', 'status'];
const ORIGIN_KEYS = ['service', 'service.name', 'name', 'logger', 'app', 'component'];
const META_KEYS = new Set([
  ...TIME_KEYS, ...MSG_KEYS, ...LEVEL_KEYS, ...ORIGIN_KEYS,
  'pid', 'hostname', 'host', 'v', 'caller', 'stacktrace', 'stack', 'ecs.version', 'process.pid', 'host.hostname',
  'event.dataset', 'log.logger', 'log.origin', 'trace.id', 'span.id', 'transaction.id', 'labels', 'tags', 'source',
]);

function nested(o: Record<string, unknown>, key: string): unknown {
  if (key in o) return o[key];
  if (!key.includes('.')) return undefined;
  let cur: unknown = o;
  for (const part of key.split('.')) {
    if (!cur || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string, unknown>)[part];
  }
  return cur;
}

function jsonTime(v: unknown, zone: string): { epochMs: number; precise?: string; zoneLess?: boolean } | undefined {
  if (typeof v === 'number' && Number.isFinite(v) && v > 0) return { epochMs: Math.floor(epochNumberToMs(v)) };
  if (typeof v === 'string') {
    const iso = parseIsoTimestamp(v, zone);
    if (iso) return { epochMs: iso.epochMs, precise: iso.subMs ? v : undefined, zoneLess: iso.zoneLess };
    const ms = epochDigitsToMs(v);
    if (ms !== undefined) return { epochMs: Math.floor(ms), precise: /^\d{16,}$/.test(v.trim()) ? v.trim() : undefined };
  }
  return undefined;
}

function scalarText(v: unknown): string | undefined {
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return undefined;
}

/** Reads a structured log object (pino, bunyan, winston, ECS, zap, logrus, zerolog). */
export function recordFromJsonObject(o: Record<string, unknown>, zone: string): LogRecord | undefined {
  let time: ReturnType<typeof jsonTime>;
  for (const k of TIME_KEYS) {
    time = jsonTime(nested(o, k), zone);
    if (time) break;
  }
  if (!time) return undefined;
  let message: string | undefined;
  for (const k of MSG_KEYS) {
    const v = nested(o, k);
    if (typeof v === 'string' && v.trim()) {
      message = v;
      break;
    }
  }
  let level: Level | undefined;
  for (const k of LEVEL_KEYS) {
    if (k === 'status' && typeof o.status === 'number') continue; // an HTTP status, not a level
    const l = levelOf(nested(o, k));
    if (l) {
      level = l;
      break;
    }
  }
  let origin: string | undefined;
  for (const k of ORIGIN_KEYS) {
    const v = scalarText(nested(o, k));
    if (v) {
      origin = v;
      break;
    }
  }
  const extras: string[] = [];
  for (const [k, v] of Object.entries(o)) {
    if (META_KEYS.has(k) || extras.length >= 3) continue;
    const s = scalarText(v);
    if (s !== undefined && s.length <= 60) extras.push(`${k}=${s}`);
  }
  const text = (message ?? '') + (extras.length ? (message ? ' ' : '') + `(${extras.join(', ')})` : '');
  return {
    epochMs: time.epochMs,
    precise: time.precise,
    level,
    structuredLevel: !!level,
    message: text || JSON.stringify(o).slice(0, 300),
    origin,
    actor: scalarText(o.user) ?? scalarText(nested(o, 'user.name')),
    zoneLess: time.zoneLess,
  };
}

function parseJsonObject(line: string): Record<string, unknown> | undefined {
  const t = line.trim();
  if (!t.startsWith('{') || !t.endsWith('}')) return undefined;
  try {
    const v: unknown = JSON.parse(t);
    return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/** A log message that is itself JSON (a container writing structured logs) is read as such. */
export function messageRecord(text: string, zone: string): { message: string; level?: Level; structured: boolean; actor?: string } {
  const o = parseJsonObject(text);
  if (o) {
    const r = recordFromJsonObject(o, zone);
    if (r) return { message: r.message, level: r.level, structured: !!r.level, actor: r.actor };
    const msg = scalarText(o.msg) ?? scalarText(o.message);
    if (msg) return { message: msg, level: levelOf(o.level), structured: !!levelOf(o.level) };
  }
  return { message: text, level: textLevel(text), structured: false };
}

// ---------------------------------------------------------------- line formats

const KUBECTL_STRICT = /^(?:\[([^\]\s]+)\] )?(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{9}(?:Z|[+-]\d{2}:\d{2})) (.*)$/;
const KUBECTL_LENIENT = /^(?:\[([^\]\s]+)\] )?(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})) ?(.*)$/;

function kubectl(strict: boolean) {
  return (line: string, ctx: Ctx): LogRecord | undefined => {
    const m = (strict ? KUBECTL_STRICT : KUBECTL_LENIENT).exec(line);
    if (!m) return undefined;
    const t = parseIsoTimestamp(m[2]);
    if (!t) return undefined;
    const mr = messageRecord(m[3], ctx.zone);
    return { epochMs: t.epochMs, precise: m[2], level: mr.level, structuredLevel: mr.structured, message: mr.message, origin: m[1], actor: mr.actor };
  };
}

function json(line: string, ctx: Ctx): LogRecord | undefined {
  const o = parseJsonObject(line);
  if (!o || '__REALTIME_TIMESTAMP' in o) return undefined;
  return recordFromJsonObject(o, ctx.zone);
}

function journald(line: string): LogRecord | undefined {
  const o = parseJsonObject(line);
  if (!o) return undefined;
  const rt = o.__REALTIME_TIMESTAMP ?? o._SOURCE_REALTIME_TIMESTAMP;
  if (typeof rt !== 'string' || !/^\d+$/.test(rt)) return undefined;
  const us = BigInt(rt);
  let message: string;
  const m = o.MESSAGE;
  if (typeof m === 'string') message = m;
  else if (Array.isArray(m) && m.every((b) => typeof b === 'number')) message = new TextDecoder('utf-8', { fatal: false }).decode(new Uint8Array(m as number[]));
  else message = '';
  const pri = typeof o.PRIORITY === 'string' && /^[0-7]$/.test(o.PRIORITY) ? syslogLevel(Number(o.PRIORITY)) : undefined;
  const unit = scalarText(o._SYSTEMD_UNIT) ?? scalarText(o.UNIT);
  const ident = scalarText(o.SYSLOG_IDENTIFIER) ?? scalarText(o._COMM);
  const host = scalarText(o._HOSTNAME);
  const origin = [host, unit ?? ident].filter(Boolean).join(' ');
  return { epochMs: Number(us / 1000n), precise: rt, level: pri, structuredLevel: !!pri, message, origin: origin || undefined };
}

const Q = String.raw`"((?:[^"\\]|\\.)*)"`;
const NGINX = new RegExp(String.raw`^(\S+) \S+ (\S+) \[(\d{2})/([A-Z][a-z]{2})/(\d{4}):(\d{2}):(\d{2}):(\d{2}) ([+-]\d{4})\] ` + Q + String.raw` (\d{3}) (\d+|-)(?: ` + Q + ' ' + Q + ')?');

function nginx(line: string): LogRecord | undefined {
  const m = NGINX.exec(line);
  if (!m) return undefined;
  const mon = MONTH_ABBR[m[4]];
  if (!mon) return undefined;
  const off = (m[9][0] === '-' ? -1 : 1) * (Number(m[9].slice(1, 3)) * 60 + Number(m[9].slice(3, 5)));
  const epochMs = Date.UTC(+m[5], mon - 1, +m[3], +m[6], +m[7], +m[8]) - off * 60000;
  const status = Number(m[11]);
  const request = m[10].replace(/\\x22/g, '"').replace(/ HTTP\/[\d.]+$/, '');
  const level: Level = status >= 500 ? 'error' : status >= 400 ? 'warn' : 'info';
  return { epochMs, level, structuredLevel: true, message: `${request} → ${status}`, origin: m[1], actor: m[2] !== '-' ? m[2] : undefined };
}

const RFC5424 = /^<(\d{1,3})>1 (\S+) (\S+) (\S+) (\S+) (\S+) (-|(?:\[(?:[^\]\\"]|\\.|"(?:[^"\\]|\\.)*")*\])+)(?: (.*))?$/;

function rfc5424(line: string): LogRecord | undefined {
  const m = RFC5424.exec(line);
  if (!m || m[2] === '-') return undefined;
  const t = parseIsoTimestamp(m[2]);
  if (!t) return undefined;
  const sev = Number(m[1]) % 8;
  const app = m[4] !== '-' ? m[4] : '';
  const proc = m[5] !== '-' ? `[${m[5]}]` : '';
  const host = m[3] !== '-' ? m[3] : '';
  const msg = (m[8] ?? '').replace(/^\uFEFF/, '');
  return { epochMs: t.epochMs, precise: t.subMs ? m[2] : undefined, level: syslogLevel(sev), structuredLevel: true, message: msg, origin: [host, app + proc].filter(Boolean).join(' ') || undefined };
}

const RFC3164 = /^(?![^]*[\n\r\u2028\u2029])(?:<(\d{1,3})>)?([A-Z][a-z]{2}) ([ \d]\d) (\d{2}):(\d{2}):(\d{2}) (\S+) ([^\s:[]+)(?:\[(\d+)\])?:? ?(.*)$/;

function rfc3164(line: string, ctx: Ctx): LogRecord | undefined {
  const m = RFC3164.exec(line);
  if (!m) return undefined;
  const mon = MONTH_ABBR[m[2]];
  if (!mon) return undefined;
  // No year in the line: the reference year, advanced when the months wrap from December to January.
  if (ctx.lastMonth !== undefined && mon < ctx.lastMonth && ctx.lastMonth - mon >= 6) ctx.year += 1;
  ctx.lastMonth = mon;
  const epochMs = wallClockToEpochMs(ctx.year, mon, Number(m[3].trim()), +m[4], +m[5], +m[6], 0, ctx.zone);
  if (!Number.isFinite(epochMs)) return undefined;
  const pri = m[1] !== undefined ? Number(m[1]) % 8 : undefined;
  const level = pri !== undefined ? syslogLevel(pri) : textLevel(m[10]);
  return { epochMs, level, structuredLevel: pri !== undefined, message: m[10], origin: `${m[7]} ${m[8]}${m[9] ? `[${m[9]}]` : ''}`, zoneLess: true };
}

const RSYSLOG = /^(?![^]*[\n\r\u2028\u2029])(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,9})?(?:Z|[+-]\d{2}:\d{2})) (\S+) ([^\s:[]+)(?:\[(\d+)\])?:? ?(.*)$/;

function rsyslog(line: string): LogRecord | undefined {
  const m = RSYSLOG.exec(line);
  if (!m) return undefined;
  const t = parseIsoTimestamp(m[1]);
  if (!t) return undefined;
  return { epochMs: t.epochMs, precise: t.subMs ? m[1] : undefined, level: textLevel(m[5]), message: m[5], origin: `${m[2]} ${m[3]}${m[4] ? `[${m[4]}]` : ''}` };
}

type LineParser = (line: string, ctx: Ctx) => LogRecord | undefined;

const STRICT_PARSERS: [LogFormat, LineParser][] = [
  ['journald', journald],
  ['json', json],
  ['kubectl', kubectl(true)],
  ['rfc5424', rfc5424],
  ['nginx', nginx],
  ['rsyslog', rsyslog],
  ['rfc3164', rfc3164],
];

const PARSER: Record<Exclude<LogFormat, 'loki'>, LineParser> = {
  journald,
  json,
  kubectl: kubectl(false),
  rfc5424,
  nginx,
  rsyslog,
  rfc3164,
};

/**
 * Detects the format of a log from its first non-empty lines: the format that reads the most of
 * them, the first one required. Returns undefined when none reads the first line.
 */
export function detectLogFormat(lines: string[]): LogFormat | undefined {
  const sample = lines.filter((l) => l.trim()).slice(0, 50);
  if (!sample.length) return undefined;
  const first = sample[0].trim();
  const ctx: Ctx = { zone: 'UTC', year: 2000 };
  if (first.startsWith('{')) {
    const o = parseJsonObject(first);
    if (o && isLokiDocument(o)) return 'loki';
    if (!o && !sample.some((l) => { const j = parseJsonObject(l); return j && recordFromJsonObject(j, 'UTC'); })) {
      // Pretty-printed JSON: a Loki document spread over lines.
      if (/"(?:resultType|result|streams?)"/.test(sample.join('\n'))) return 'loki';
    }
  }
  let best: { f: LogFormat; n: number } | undefined;
  for (const [f, p] of STRICT_PARSERS) {
    if (!p(sample[0], { ...ctx })) continue;
    const c = { ...ctx };
    const n = sample.filter((l) => p(l, c)).length;
    if (!best || n > best.n) best = { f, n };
  }
  return best?.f;
}

function isLokiDocument(o: Record<string, unknown>): boolean {
  const d = o.data as Record<string, unknown> | undefined;
  return !!d && typeof d === 'object' && Array.isArray(d.result) && (d.resultType === 'streams' || d.resultType === 'matrix' || d.resultType === 'vector');
}

// ---------------------------------------------------------------- Loki

interface LokiStream {
  stream?: Record<string, string>;
  values?: unknown[];
}

function* lokiRecords(doc: unknown, zone: string): Generator<LogRecord> {
  const o = doc as { data?: { resultType?: string; result?: LokiStream[] } };
  if (!o || typeof o !== 'object' || !o.data || !Array.isArray(o.data.result)) {
    throw new ImportError('This is not a Loki query_range response: it has no `data.result`.', 'format');
  }
  if (o.data.resultType !== 'streams') {
    throw new ImportError(`This Loki response holds a ${o.data.resultType} (a metric query), not log lines: import it as a Prometheus range instead.`, 'format');
  }
  const streams = o.data.result;
  const labelSets = streams.map((s) => s.stream ?? {});
  const distinct = distinguishingLabels(labelSets);
  for (const s of streams) {
    const labels = s.stream ?? {};
    const origin = distinct.length ? distinct.map((k) => `${k}=${labels[k] ?? ''}`).join(' ') : undefined;
    for (const v of s.values ?? []) {
      if (!Array.isArray(v) || typeof v[0] !== 'string' || typeof v[1] !== 'string') continue;
      // Loki timestamps are always nanoseconds, whatever their length.
      if (!/^\d+$/.test(v[0])) continue;
      const ms = Number(BigInt(v[0]) / 1000000n);
      const mr = messageRecord(v[1], zone);
      const lvl = levelOf(labels.level ?? labels.detected_level ?? labels.severity) ?? mr.level;
      yield { epochMs: Math.floor(ms), precise: v[0], level: lvl, structuredLevel: mr.structured || !!labels.level || !!labels.detected_level, message: mr.message, origin, actor: mr.actor };
    }
  }
}

// ---------------------------------------------------------------- import

interface Group {
  first: LogRecord;
  lastMs: number;
  count: number;
}

function groupKey(r: LogRecord): string {
  return `${r.origin ?? ''}\u0000${r.message.replace(/0x[0-9a-f]+|(?<![0-9a-f])[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|\d+/gi, '#')}`;
}

function groupRow(g: Group, sourceOf: (r: LogRecord) => string): TimelineRow {
  const r = g.first;
  const lvl = r.structuredLevel && r.level && (r.level === 'warn' || r.level === 'error' || r.level === 'fatal') && !new RegExp(`^\\W*${r.level}`, 'i').test(r.message) ? `${r.level.toUpperCase()} ` : '';
  let text = lvl + r.message;
  if (g.count > 1) {
    const until = new Date(g.lastMs).toISOString().slice(0, 10) === new Date(r.epochMs).toISOString().slice(0, 10) ? clockUtc(g.lastMs) : isoUtc(g.lastMs);
    const suffix = ` (x${g.count} until ${until})`;
    text = cellText(text, 300 - suffix.length) + suffix;
  } else {
    text = cellText(text);
  }
  return { epochMs: r.epochMs, precise: r.precise, event: text, source: cellText(sourceOf(r), 120), actor: cellText(r.actor ?? '', 60) };
}

async function* chain(head: string[], rest: AsyncIterator<string>): AsyncGenerator<string> {
  yield* head;
  for (let n = await rest.next(); !n.done; n = await rest.next()) yield n.value;
}

/** Text in blocks that each end at a line end (or at the end of the text): a file read in large pieces. */
export interface TextBlocks {
  blocks: AsyncIterable<string> | Iterable<string>;
}

// Formats whose message and origin are verbatim pieces of the line (for kubectl, unless the
// message is JSON, which is rebuilt from its fields: such lines contain `{`).
const VERBATIM_FORMATS: ReadonlySet<LogFormat> = new Set(['kubectl', 'rsyslog', 'rfc3164']);

/**
 * A test that a line may match the pattern, run on the raw text before any parsing: a line it
 * rejects cannot give a record whose message or origin matches. It exists only when that is
 * certain: a string pattern without anchors, word boundaries or lookaround (a match inside a
 * piece of the line is then a match inside the line), in a format whose message and origin are
 * pieces of the line. A JSON message is rebuilt from its fields (`msg (key=value, ...)`), so
 * lines with `{` pass, unless the pattern is words of letters (`error`, `timeout|refused`): a
 * match of those lies inside one key or value, which is the line's own text when the line has
 * no escape (`\`); numbers are the exception, as `1e999` reads `Infinity`, so a word that could
 * come from a number's text (`e`, `inf`) keeps the `{` rule.
 */
export interface Prefilter {
  /** The pattern, global and case-insensitive, for searching blocks of many lines. */
  pattern: RegExp;
  /** A line holding this character passes whether or not it holds the pattern. */
  mark: '{' | '\\';
}

export function prefilterFor(grep: string | RegExp | undefined, format: LogFormat): Prefilter | undefined {
  if (typeof grep !== 'string' || !grep || !VERBATIM_FORMATS.has(format)) return undefined;
  if (/[$^]|\\[bBkpP]|\(\?/.test(grep)) return undefined;
  const words = /^[a-z]+(?:\|[a-z]+)*$/i.test(grep) && grep.split('|').every((w) => w.length > 1 && !'infinity'.includes(w.toLowerCase()));
  try {
    return { pattern: new RegExp(grep, 'gi'), mark: words ? '\\' : '{' };
  } catch {
    return undefined;
  }
}

/** Whether a line may match: it holds the pattern or the mark. */
function mayMatch(pre: Prefilter, line: string): boolean {
  pre.pattern.lastIndex = 0;
  return line.includes(pre.mark) || pre.pattern.test(line);
}

function countLineEnds(text: string, from: number, to: number): number {
  let n = 0;
  for (let p = text.indexOf('\n', from); p >= 0 && p < to; p = text.indexOf('\n', p + 1)) n++;
  return n;
}

/**
 * Reads log lines into timeline rows: detects or applies the format, filters by pattern, level
 * and window, groups repeated lines, and returns the rows in time order.
 */
export async function importLogs(input: AsyncIterable<string> | Iterable<string> | TextBlocks, opts: LogImportOptions = {}): Promise<LogImportResult> {
  const zone = normalizeZone(opts.zone);
  if (!zone) throw new ImportError(`"${opts.zone}" is not a time zone: use UTC, an offset such as +01:00, or a name such as Europe/Berlin.`, 'usage');
  let grep: RegExp | undefined;
  try {
    grep = typeof opts.grep === 'string' && opts.grep ? new RegExp(opts.grep, 'i') : opts.grep instanceof RegExp ? opts.grep : undefined;
  } catch (e) {
    throw new ImportError(`The pattern is not a valid regular expression: ${(e as Error).message}`, 'usage');
  }
  const minLevel = opts.minLevel ? LEVELS.indexOf(opts.minLevel) : -1;
  const refYear = opts.year ?? new Date(opts.referenceMs ?? Date.now()).getUTCFullYear();
  const ctx: Ctx = { zone, year: refYear };
  const blocky = 'blocks' in input;
  const items = blocky ? input.blocks : input;
  const it = (Symbol.asyncIterator in items ? (items as AsyncIterable<string>)[Symbol.asyncIterator]() : (async function* () { yield* items as Iterable<string>; })());

  // Detection reads ahead up to 50 non-empty lines (whole blocks, when the text comes in blocks).
  const head: string[] = [];
  let nonEmpty = 0;
  while (nonEmpty < 50) {
    const n = await it.next();
    if (n.done) break;
    const got = blocky ? n.value.split('\n') : [n.value];
    if (blocky && n.value.endsWith('\n')) got.pop();
    for (const l of got) {
      head.push(l);
      if (l.trim()) nonEmpty++;
    }
  }
  if (!nonEmpty) throw new ImportError('The log is empty: there are no lines to import.', 'empty');
  const format: LogFormat | undefined = opts.format && opts.format !== 'auto' ? opts.format : detectLogFormat(head);
  const firstLine = head.findIndex((l) => l.trim());
  if (!format) {
    if (looksLikeRolloutHistory(head)) throw new ImportError(ROLLOUT_HISTORY_HAS_NO_TIMES, 'format', { line: firstLine + 1, text: head[firstLine] });
    throw new ImportError(`Unknown log format: line ${firstLine + 1} is not one of the supported formats (${LOG_FORMATS.join(', ')}): ${JSON.stringify(head[firstLine].slice(0, 200))}. Choose the format explicitly if it is one of them.`, 'format', { line: firstLine + 1, text: head[firstLine] });
  }

  const result: LogImportResult = { format, rows: [], linesRead: 0, parsed: 0, matched: 0, unparsed: 0, truncated: 0, skipped: 0 };
  const maxRows = opts.maxRows ?? 5000;
  const gap = opts.groupGapMs ?? 10 * 60 * 1000;
  const grouping = opts.group !== false;
  const open = new Map<string, Group>();
  const closed: Group[] = [];
  const sourceOf = (r: LogRecord) => [opts.sourceLabel, r.origin].filter(Boolean).join(' ') || LOG_FORMAT_NAMES[format!].split(' ')[0];

  const accept = (r: LogRecord) => {
    result.parsed++;
    if (r.zoneLess) result.zoneAssumed = zone;
    if (opts.window && (r.epochMs < opts.window.startMs || r.epochMs > opts.window.endMs)) return;
    if (minLevel >= 0 && (!r.level || LEVELS.indexOf(r.level) < minLevel)) return;
    if (grep && !grep.test(r.message) && !grep.test(r.origin ?? '')) return;
    result.matched++;
    const key = grouping ? groupKey(r) : String(result.matched);
    const g = open.get(key);
    if (g && Math.abs(r.epochMs - g.lastMs) <= gap) {
      g.count++;
      if (r.epochMs > g.lastMs) g.lastMs = r.epochMs;
      if (r.epochMs < g.first.epochMs) g.first = { ...r, message: g.first.message };
      return;
    }
    if (g) {
      closed.push(g);
      open.delete(key);
    }
    if (closed.length + open.size >= maxRows) {
      result.truncated++;
      return;
    }
    open.set(key, { first: r, lastMs: r.epochMs, count: 1 });
  };

  const cancelled = () => new ImportError('The import was cancelled.', 'cancelled');
  if (format === 'loki') {
    // A Loki response is one JSON document: read it whole (these are API responses, not 1 GB files).
    const parts: string[] = [];
    for await (const l of chain(head, it)) {
      if (opts.signal?.aborted) throw cancelled();
      parts.push(l);
      result.linesRead += blocky && result.linesRead >= head.length ? countLineEnds(l, 0, l.length) + (l.endsWith('\n') ? 0 : 1) : 1;
    }
    let doc: unknown;
    try {
      doc = JSON.parse(parts.join('\n'));
    } catch (e) {
      throw new ImportError(`This file is not valid JSON, so it cannot be a Loki response: ${(e as Error).message}`, 'format');
    }
    const recs = [...lokiRecords(doc, zone)];
    // Loki answers newest first by default: put the lines in time order before grouping.
    recs.sort((a, b) => a.epochMs - b.epochMs);
    for (const r of recs) accept(r);
  } else {
    const parse = PARSER[format];
    const pre = prefilterFor(opts.grep, format);
    let lineNo = 0;
    const tick = (n: number) => {
      const before = result.linesRead;
      result.linesRead += n;
      lineNo += n;
      if (Math.floor(before / 10000) !== Math.floor(result.linesRead / 10000)) {
        if (opts.signal?.aborted) throw cancelled();
        opts.onProgress?.(result.linesRead);
      }
    };
    const take = (raw: string) => {
      const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
      if (!line.trim()) return;
      const r = parse(line, ctx);
      if (!r) {
        result.unparsed++;
        if (!result.firstUnparsed) result.firstUnparsed = { line: lineNo, text: line.slice(0, 200) };
        return;
      }
      accept(r);
    };
    // The lines read ahead are all parsed: they show the format is right.
    for (const l of head) {
      tick(1);
      take(l);
    }
    for (let n = await it.next(); !n.done; n = await it.next()) {
      const text = n.value;
      if (!blocky) {
        tick(1);
        if (pre && !mayMatch(pre, text)) result.skipped++;
        else take(text);
        continue;
      }
      // A block of whole lines; the last may lack its line end (the end of the text).
      const end = text.length;
      let pos = 0;
      // The next match of the pattern and the next mark at or after `pos` (`end`: none), each
      // searched again only once `pos` has passed it.
      let hitAt = -1;
      let markAt = -1;
      while (pos < end) {
        let start = pos;
        if (pre) {
          // Jump to the next line that may match; the lines before it are skipped.
          if (hitAt < pos) {
            pre.pattern.lastIndex = pos;
            const m = pre.pattern.exec(text);
            hitAt = m ? m.index : end;
          }
          if (markAt < pos) {
            const k = text.indexOf(pre.mark, pos);
            markAt = k < 0 ? end : k;
          }
          const at = Math.min(hitAt, markAt);
          start = at === end ? end : at === 0 ? 0 : text.lastIndexOf('\n', at - 1) + 1;
          const skippedLines = countLineEnds(text, pos, start) + (at === end && start > pos && !text.endsWith('\n') ? 1 : 0);
          if (skippedLines) {
            result.skipped += skippedLines;
            tick(skippedLines);
          }
          if (at === end) break;
        }
        const nl = text.indexOf('\n', start);
        const stop = nl < 0 ? end : nl;
        tick(1);
        take(text.slice(start, stop));
        pos = stop + 1;
      }
    }
    if (opts.signal?.aborted) throw cancelled();
    if (!result.parsed && !result.skipped) {
      const bad = result.firstUnparsed ?? { line: firstLine + 1, text: head[firstLine] };
      throw new ImportError(`No line is in the ${LOG_FORMAT_NAMES[format]} format; the first one that is not: line ${bad.line}: ${JSON.stringify(bad.text)}`, 'format', bad);
    }
  }
  opts.onProgress?.(result.linesRead);
  result.rows = sortRows([...closed, ...open.values()].map((g) => groupRow(g, sourceOf)));
  return result;
}

/** The level filter names people type. */
export function parseLevel(s: string | undefined): Level | undefined {
  if (!s) return undefined;
  return levelOf(s);
}
