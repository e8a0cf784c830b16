// Slack messages to timeline rows: one row per message in the window, from a workspace export (the
// day files of one channel, with users.json) or a Web API answer (conversations.history or
// conversations.replies). Thread replies are folded into their parent's row; joins, leaves and edit
// events are skipped; mrkdwn is made plain text.
import { cellText } from '../cells';
import { ImportError, sortRows, type TimelineRow } from '../rows';
import { clockUtc } from '../../time';
import { inWindow, isObject, str, type Json, type SourceWindow } from './common';

export interface SlackOptions extends SourceWindow {
  /** `users.json` of an export (an array of users) or a `users.list` answer: ids become names. */
  users?: unknown;
  /** `channels.json` of an export: channel ids in `<#C123>` become names. */
  channels?: unknown;
  /** The channel's name, shown in the Source column (`Slack #incident-42`). */
  channel?: string;
  /** The name of the folder read (a channel's folder of day files is named after the channel). */
  folderName?: string;
  /** Keep only pinned messages (with `reaction`: pinned or reacted to). */
  pinned?: boolean;
  /** Keep only messages with this reaction (`white_check_mark`, with or without colons). */
  reaction?: string;
}

/** Events that say nothing about the incident: people joining, leaving, edits and deletions. */
const SKIPPED_SUBTYPES = new Set([
  'channel_join', 'channel_leave', 'group_join', 'group_leave', 'channel_archive', 'channel_unarchive', 'group_archive',
  'group_unarchive', 'message_changed', 'message_deleted', 'message_replied', 'pinned_item', 'unpinned_item', 'bot_add',
  'bot_remove', 'channel_name', 'group_name',
]);

const NOT_SLACK =
  'not a Slack export: expected a channel-day file of an export (a JSON array of messages with "ts"), or a conversations.history answer ({"ok": true, "messages": [...]}).';

const TS = /^\d{9,11}\.\d{1,6}$/;

interface Message extends Json {
  ts: string;
}

/** The messages of one document (a day file, or an API answer); throws when it is neither. */
export function slackMessages(doc: unknown): Message[] {
  let list: unknown;
  if (Array.isArray(doc)) list = doc;
  else if (isObject(doc) && Array.isArray(doc.messages)) {
    if (doc.ok === false) throw new ImportError(`Slack answered with an error: ${String(doc.error ?? 'unknown')}.`, 'format');
    list = doc.messages;
  } else if (isObject(doc) && doc.ok === false) {
    throw new ImportError(`Slack answered with an error: ${String(doc.error ?? 'unknown')}; there are no messages in this file.`, 'format');
  } else throw new ImportError(NOT_SLACK, 'format');
  const items = list as unknown[];
  const messages = items.filter((m): m is Message => isObject(m) && typeof m.ts === 'string' && TS.test(m.ts));
  if (items.length && !messages.length) throw new ImportError(`${NOT_SLACK} No entry here has a "ts" like "1709337320.000200".`, 'format');
  return messages;
}

function userNames(users: unknown): { users: Map<string, string>; bots: Map<string, string> } {
  const out = { users: new Map<string, string>(), bots: new Map<string, string>() };
  const list = Array.isArray(users) ? users : isObject(users) && Array.isArray(users.members) ? users.members : [];
  for (const u of list as unknown[]) {
    if (!isObject(u) || typeof u.id !== 'string') continue;
    const p = isObject(u.profile) ? u.profile : {};
    const name = str(p.display_name) ?? str(p.real_name) ?? str(u.real_name) ?? str(u.name);
    if (!name) continue;
    out.users.set(u.id, name);
    if (typeof p.bot_id === 'string') out.bots.set(p.bot_id, name);
  }
  return out;
}

function channelNames(channels: unknown): Map<string, string> {
  const out = new Map<string, string>();
  if (Array.isArray(channels)) for (const c of channels) if (isObject(c) && typeof c.id === 'string' && typeof c.name === 'string') out.set(c.id, c.name);
  return out;
}

/**
 * Slack mrkdwn as plain text: mentions and links by their names (`<@U123>` -> `@priya`,
 * `<#C1|ops>` -> `#ops`, `<https://x|label>` -> `label`, `<!here>` -> `@here`), `*bold*`,
 * `_italic_` and `~strike~` marks dropped, `&amp;` `&lt;` `&gt;` decoded. The result is text, not
 * yet safe for a table cell (see `cellText`).
 */
export function slackPlainText(text: string, user: (id: string) => string | undefined = () => undefined, channel: (id: string) => string | undefined = () => undefined): string {
  let t = text.replace(/<([^<>\n]*)>/g, (_all, inner: string) => {
    const bar = inner.indexOf('|');
    const target = bar < 0 ? inner : inner.slice(0, bar);
    const label = bar < 0 ? undefined : inner.slice(bar + 1);
    if (target.startsWith('@')) return '@' + (label || user(target.slice(1)) || target.slice(1));
    if (target.startsWith('#')) return '#' + (label || channel(target.slice(1)) || target.slice(1));
    if (target.startsWith('!')) {
      const cmd = target.slice(1);
      if (/^(?:here|channel|everyone)$/.test(cmd)) return '@' + cmd;
      if (cmd.startsWith('subteam^')) return label || '@' + cmd.slice('subteam^'.length);
      return label ?? '';
    }
    return label || target.replace(/^mailto:/, '');
  });
  for (const mark of ['*', '_', '~']) {
    const m = '\\' + mark;
    // A mark pair around text, not inside a word (snake_case stays as it is).
    t = t.replace(new RegExp(`(^|[^\\w${m}])${m}(?=\\S)([^${m}\\n]*?\\S)${m}(?![\\w${m}])`, 'g'), '$1$2');
  }
  return t.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}

function shorten(s: string, max: number): string {
  return s.length > max ? s.slice(0, max - 1).trimEnd() + '…' : s;
}

function tsMs(ts: string): number {
  const [s, frac] = ts.split('.');
  return Number(s) * 1000 + Math.floor(Number((frac + '000000').slice(0, 6)) / 1000);
}

/** Microseconds since the epoch, as digits: orders messages in the same millisecond. */
function tsPrecise(ts: string): string {
  const [s, frac] = ts.split('.');
  return s + (frac + '000000').slice(0, 6);
}

/** The words of a message: its text, or for a bot or a file its attachments and file names. */
function rawText(m: Json): string {
  const text = str(m.text);
  if (text) return text;
  const parts: string[] = [];
  for (const a of Array.isArray(m.attachments) ? m.attachments : []) {
    if (!isObject(a)) continue;
    const t = str(a.fallback) ?? [str(a.pretext), str(a.title), str(a.text)].filter(Boolean).join(': ');
    if (t) parts.push(t);
  }
  for (const f of Array.isArray(m.files) ? m.files : []) if (isObject(f)) parts.push(`shared a file: ${str(f.title) ?? str(f.name) ?? 'file'}`);
  return parts.join('; ');
}

/** Rows from Slack documents of one channel: day files of an export, or Web API answers. */
export function slackRows(docs: unknown[], opts: SlackOptions = {}): TimelineRow[] {
  const { users, bots } = userNames(opts.users);
  const channels = channelNames(opts.channels);
  // Names carried by the messages themselves (exports embed the author's profile).
  const byTs = new Map<string, Message>();
  const roots = new Map<string, Message>();
  for (const doc of docs) {
    for (const m of slackMessages(doc)) {
      if (!byTs.has(m.ts)) byTs.set(m.ts, m);
      const p = m.user_profile;
      if (typeof m.user === 'string' && isObject(p) && !users.has(m.user)) {
        const name = str(p.display_name) ?? str(p.real_name) ?? str(p.name);
        if (name) users.set(m.user, name);
      }
      // A broadcast reply carries its thread's parent: it stands in when the parent is not in the file.
      if (isObject(m.root) && typeof m.root.ts === 'string' && TS.test(m.root.ts)) roots.set(m.root.ts, m.root as Message);
    }
  }
  for (const [ts, root] of roots) if (!byTs.has(ts)) byTs.set(ts, root);

  const userName = (id: string) => users.get(id);
  const channelName = (id: string) => channels.get(id);
  const actorOf = (m: Json): string => {
    if (typeof m.user === 'string') return users.get(m.user) ?? m.user;
    const bot = isObject(m.bot_profile) ? str(m.bot_profile.name) : undefined;
    return str(m.username) ?? bot ?? (typeof m.bot_id === 'string' ? bots.get(m.bot_id) : undefined) ?? '';
  };
  const plain = (m: Json) => slackPlainText(rawText(m), userName, channelName).replace(/\s+/g, ' ').trim();

  const kept = [...byTs.values()].filter((m) => !(typeof m.subtype === 'string' && SKIPPED_SUBTYPES.has(m.subtype)) && m.hidden !== true);
  const isReply = (m: Json) => typeof m.thread_ts === 'string' && m.thread_ts !== m.ts;
  const replies = new Map<string, Message[]>();
  for (const m of kept) {
    if (!isReply(m) || !byTs.has(m.thread_ts as string)) continue;
    const list = replies.get(m.thread_ts as string) ?? [];
    list.push(m);
    replies.set(m.thread_ts as string, list);
  }

  const reaction = opts.reaction?.trim().replace(/^:|:$/g, '').toLowerCase();
  const filtering = !!opts.pinned || !!reaction;
  const wanted = (m: Json): boolean => {
    if (opts.pinned && ((Array.isArray(m.pinned_to) && m.pinned_to.length > 0) || m.is_pinned === true)) return true;
    if (reaction && Array.isArray(m.reactions)) {
      return m.reactions.some((r) => isObject(r) && typeof r.name === 'string' && (r.name.toLowerCase() === reaction || r.name.toLowerCase().startsWith(reaction + '::')));
    }
    return false;
  };

  const source = cellText(opts.channel ? `Slack #${opts.channel.replace(/^#/, '')}` : 'Slack', 120);
  const rows: TimelineRow[] = [];
  for (const m of kept) {
    if (isReply(m) && byTs.has(m.thread_ts as string)) continue; // folded into its parent below
    const epochMs = tsMs(m.ts);
    if (!inWindow(epochMs, opts)) continue;
    const thread = (replies.get(m.ts) ?? []).sort((a, b) => tsMs(a.ts) - tsMs(b.ts));
    if (filtering && !wanted(m) && !thread.some(wanted)) continue;
    let text = plain(m);
    if (isReply(m)) text += ' (reply in a thread)';
    if (thread.length) {
      const folded = thread.map((r) => `${clockUtc(tsMs(r.ts))} ${actorOf(r) || 'someone'}: ${shorten(plain(r), 120)}`);
      text += ` — ${thread.length} ${thread.length === 1 ? 'reply' : 'replies'}: ${folded.join('; ')}`;
    }
    if (!text.trim()) continue;
    rows.push({ epochMs, precise: tsPrecise(m.ts), event: cellText(text), source, actor: cellText(actorOf(m), 60) });
  }
  return sortRows(rows);
}

const DAY_FILE = /(?:^|\/)([^/]+)\/(\d{4}-\d{2}-\d{2})\.json$|^(\d{4}-\d{2}-\d{2})\.json$/;
/** Files of an export that hold neither messages nor names. */
const EXPORT_META = /(?:^|\/)(?:integration_logs|canvases|lists|huddles|org_users|file_conversations)\.json$/;

/**
 * Rows from the JSON files of a Slack export, by their path inside it: `users.json`,
 * `channels.json`, `CHANNEL/YYYY-MM-DD.json` (several channels need `channel`), or one channel's
 * folder of day files, or any files holding conversations.history / .replies answers and a
 * users.list answer (`{"members": [...]}`).
 */
export function slackRowsFromFiles(files: Record<string, unknown>, opts: SlackOptions = {}): TimelineRow[] {
  const docs = new Map<string, unknown[]>();
  let users = opts.users;
  let channels = opts.channels;
  for (const [path, doc] of Object.entries(files)) {
    const name = path.split('/').pop()!;
    if (name === 'users.json' || (isObject(doc) && Array.isArray(doc.members))) users ??= doc;
    else if (/^(?:channels|groups|mpims|dms)\.json$/.test(name)) channels = [...(Array.isArray(channels) ? channels : []), ...(Array.isArray(doc) ? doc : [])];
    else if (!EXPORT_META.test(path)) {
      const day = DAY_FILE.exec(path);
      // Day files are grouped by their channel's folder; other answers stand alone.
      const key = day ? (day[1] ?? '') : '';
      docs.set(key, [...(docs.get(key) ?? []), doc]);
    }
  }
  const named = [...docs.keys()].filter(Boolean).sort();
  let channel = opts.channel?.replace(/^#/, '');
  let chosen: unknown[];
  if (channel && named.length) {
    if (!docs.has(channel)) throw new ImportError(`This Slack export has no channel "${channel}"; it has: ${named.join(', ')}.`, 'usage');
    chosen = docs.get(channel)!;
  } else if (named.length > 1) {
    throw new ImportError(`This Slack export has ${named.length} channels: choose one with --channel (${named.slice(0, 20).join(', ')}${named.length > 20 ? ', ...' : ''}).`, 'usage');
  } else if (named.length === 1) {
    channel ??= named[0];
    chosen = [...docs.get(named[0])!, ...(docs.get('') ?? [])];
  } else {
    chosen = docs.get('') ?? [];
    // Bare day files are one channel's folder, named after the channel.
    if (!channel && opts.folderName && [...Object.keys(files)].some((p) => DAY_FILE.test(p))) channel = opts.folderName;
  }
  if (!chosen.length) throw new ImportError(`${NOT_SLACK} There are no message files here${users ? ', only users' : ''}.`, 'format');
  return slackRows(chosen, { ...opts, users, channels, channel });
}
