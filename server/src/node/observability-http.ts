// HTTP client for Prometheus and Alertmanager (built-in fetch), shared by every front end through
// node/run-import.ts. It maps every failure to a sentence a person can act on; sends credentials
// and a server's own headers only to the origin they belong to (redirects are followed by hand;
// another host, or a downgrade from https to http, gets neither); never shows a password written
// into a URL; and reads at most `maxBytes` of (decompressed) body, streamed.
import { ImportError, type Cancellation } from '../engine/import/rows';

export type Credentials = { kind: 'bearer'; token: string } | { kind: 'basic'; username: string; password: string };

export interface ServerTarget {
  /** Base URL, e.g. `http://127.0.0.1:9090` or `https://prom.example.com/prometheus`. */
  url: string;
  name?: string;
  credentials?: Credentials;
  /** Host (`host:port`) the credentials belong to; default: the host of `url`. */
  credentialsHost?: string;
  /** Extra headers (e.g. `X-Scope-OrgID`). */
  headers?: Record<string, string>;
}

export interface RequestOptions {
  timeoutMs?: number;
  signal?: AbortSignal;
  /** Largest body read, counted after decompression (default MAX_RESPONSE_BYTES). */
  maxBytes?: number;
}

/** Default body limit: far above any useful query answer, far below what would exhaust memory. */
export const MAX_RESPONSE_BYTES = 100 * 1024 * 1024;

export interface JsonResponse {
  status: number;
  body: unknown;
  url: string;
}

const TLS_CODES = /^(?:CERT_|UNABLE_TO_|DEPTH_ZERO|SELF_SIGNED|ERR_TLS|ERR_SSL|EPROTO|HOSTNAME_MISMATCH)/;

function hostOf(u: string): string {
  return new URL(u).host.toLowerCase();
}

/** A URL as it may be shown: a user and password written into it (`http://admin:secret@host/`) are replaced by `***`. */
export function redactUrl(u: string): string {
  try {
    const url = new URL(u);
    if (!url.username && !url.password) return u;
    url.username = '***';
    url.password = '';
    return url.toString();
  } catch {
    // Not a URL: still hide anything between a scheme and an @.
    return u.replace(/^([a-z][a-z0-9+.-]*:\/\/)[^/@\s]*@/i, '$1***@');
  }
}

/** Splits credentials written into a URL from it: the URL without them, and Basic credentials. */
function takeUserinfo(u: string): { url: string; credentials?: Credentials } {
  let url: URL;
  try {
    url = new URL(u);
  } catch {
    return { url: u };
  }
  if (!url.username && !url.password) return { url: u };
  const credentials: Credentials = { kind: 'basic', username: decodeURIComponent(url.username), password: decodeURIComponent(url.password) };
  url.username = '';
  url.password = '';
  return { url: url.toString(), credentials };
}

/** Joins a base URL and an API path, keeping a base path such as `/prometheus`. */
export function apiUrl(base: string, path: string, params: Record<string, string | number | undefined> = {}): string {
  let u: URL;
  try {
    u = new URL(base);
  } catch {
    throw new ImportError(`"${redactUrl(base)}" is not a URL: write it as http://host:9090 or https://host/prefix.`, 'usage');
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') throw new ImportError(`"${redactUrl(base)}" is not an http or https URL.`, 'usage');
  u.pathname = u.pathname.replace(/\/+$/, '') + path;
  for (const [k, v] of Object.entries(params)) if (v !== undefined) u.searchParams.set(k, String(v));
  return u.toString();
}

function authHeader(c: Credentials): string {
  return c.kind === 'bearer' ? `Bearer ${c.token}` : `Basic ${Buffer.from(`${c.username}:${c.password}`).toString('base64')}`;
}

function describeNetworkError(e: unknown, url: string, timeoutMs: number): ImportError {
  const err = e as Error & { cause?: { code?: string; message?: string } };
  if (err?.name === 'TimeoutError') return new ImportError(`No answer from ${new URL(url).host} within ${Math.round(timeoutMs / 1000)} s (timeout). Is the server overloaded, or the window too large?`, 'timeout');
  if (err?.name === 'AbortError') return new ImportError('The import was cancelled.', 'cancelled');
  const code = err?.cause?.code ?? (err as { code?: string })?.code ?? '';
  const host = new URL(url).host;
  if (code === 'UND_ERR_RES_CONTENT_LENGTH_MISMATCH' || code === 'Z_DATA_ERROR' || code === 'Z_BUF_ERROR') return new ImportError(`The answer from ${host} was cut off or corrupt (${code}).`, 'connection');
  if (code === 'ECONNREFUSED') return new ImportError(`Connection refused by ${host}: nothing is listening there. Check the URL and port, and that the server is running.`, 'connection');
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return new ImportError(`The host name in ${redactUrl(url)} could not be resolved (${code}). Check the URL.`, 'connection');
  if (code === 'ECONNRESET' || code === 'EPIPE' || code === 'UND_ERR_SOCKET') return new ImportError(`The connection to ${host} was closed before an answer came (${code}). If the server speaks HTTPS, use an https:// URL.`, 'connection');
  if (code === 'UND_ERR_CONNECT_TIMEOUT' || code === 'ETIMEDOUT') return new ImportError(`Could not connect to ${host} in time (${code}). Check the URL and any firewall.`, 'timeout');
  if (TLS_CODES.test(code) || /certificate|tls|ssl/i.test(err?.cause?.message ?? '')) {
    return new ImportError(`TLS failed with ${host} (${code || 'handshake error'}): ${err?.cause?.message ?? err.message}. The server's certificate is not trusted here, or it does not speak HTTPS.`, 'tls');
  }
  return new ImportError(`Could not reach ${host}: ${redactText(err?.cause?.message ?? err?.message ?? String(e))}${code ? ` (${code})` : ''}.`, 'connection');
}

/** Any URL inside a message, with its userinfo hidden. */
function redactText(s: string): string {
  return s.replace(/\b[a-z][a-z0-9+.-]*:\/\/[^\s"'<>]+/gi, (m) => redactUrl(m));
}

/** May a request to `url` carry what belongs to `origin`? Same host, and no downgrade from https. */
function sameOrigin(url: string, origin: { protocol: string; host: string }): boolean {
  const u = new URL(url);
  if (u.host.toLowerCase() !== origin.host) return false;
  return !(origin.protocol === 'https:' && u.protocol !== 'https:');
}

/** Reads a body, counting bytes after decompression; stops at `max` with a clear message. */
async function readBody(res: Response, host: string, max: number, signal: AbortSignal): Promise<string> {
  const declared = Number(res.headers.get('content-length'));
  const encoded = !!res.headers.get('content-encoding') && res.headers.get('content-encoding') !== 'identity';
  const mb = (n: number) => `${Math.round((n / 1024 / 1024) * 10) / 10} MB`;
  const tooLarge = () => new ImportError(`The answer from ${host} is larger than ${mb(max)}: the response was larger than the limit, so it was not read. Narrow the query (fewer series, a shorter window, a larger step).`, 'too_large', { limit: max });
  if (!encoded && Number.isFinite(declared) && declared > max) {
    await res.body?.cancel().catch(() => undefined);
    throw tooLarge();
  }
  if (!res.body) return '';
  const reader = res.body.getReader();
  const decoder = new TextDecoder('utf-8');
  const parts: string[] = [];
  let total = 0;
  for (;;) {
    if (signal.aborted) {
      await reader.cancel().catch(() => undefined);
      throw signal.reason instanceof Error ? signal.reason : new ImportError('The import was cancelled.', 'cancelled');
    }
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > max) {
      await reader.cancel().catch(() => undefined);
      throw tooLarge();
    }
    parts.push(decoder.decode(value, { stream: true }));
  }
  parts.push(decoder.decode());
  return parts.join('');
}

/**
 * GETs a JSON document. Redirects are followed by hand (at most 5). The credentials, and the
 * server's own headers, go only to their origin: the same host, and never from https down to
 * http. A user and password written into the URL are used as Basic credentials for its host and
 * never shown. Never logs headers.
 */
export async function getJson(target: ServerTarget, url: string, opts: RequestOptions = {}): Promise<JsonResponse> {
  const timeoutMs = opts.timeoutMs ?? 30000;
  const maxBytes = opts.maxBytes ?? MAX_RESPONSE_BYTES;
  const base = takeUserinfo(target.url);
  const first = takeUserinfo(url);
  const credentials = target.credentials ?? base.credentials ?? first.credentials;
  let origin: { protocol: string; host: string };
  try {
    const b = new URL(base.url);
    origin = { protocol: b.protocol, host: (target.credentialsHost ?? b.host).toLowerCase() };
  } catch {
    throw new ImportError(`"${redactUrl(target.url)}" is not a URL: write it as http://host:9090 or https://host/prefix.`, 'usage');
  }
  const headersOrigin = { protocol: origin.protocol, host: hostOf(base.url) };
  let current = first.url;
  for (let hop = 0; hop <= 5; hop++) {
    const headers: Record<string, string> = { Accept: 'application/json' };
    if (target.headers && sameOrigin(current, headersOrigin)) Object.assign(headers, target.headers);
    if (credentials && sameOrigin(current, origin)) headers.Authorization = authHeader(credentials);
    const signals = [AbortSignal.timeout(timeoutMs), ...(opts.signal ? [opts.signal] : [])];
    const signal = AbortSignal.any(signals);
    let res: Response;
    try {
      res = await fetch(current, { headers, redirect: 'manual', signal });
    } catch (e) {
      throw describeNetworkError(e, current, timeoutMs);
    }
    if (res.status >= 300 && res.status < 400 && res.headers.get('location')) {
      let next: string;
      try {
        next = takeUserinfo(new URL(res.headers.get('location')!, current).toString()).url;
      } catch {
        throw new ImportError(`${new URL(current).host} redirected to something that is not a URL.`, 'http');
      }
      await res.body?.cancel().catch(() => undefined);
      current = next;
      continue;
    }
    const host = new URL(current).host;
    if (res.status === 401 || res.status === 403) {
      await res.body?.cancel().catch(() => undefined);
      const why = credentials ? 'refused the saved credentials' : 'needs credentials';
      throw new ImportError(`${host} ${why} (HTTP ${res.status} ${res.status === 401 ? 'Unauthorized' : 'Forbidden'}). Set them with "Post-Mortem: Set Prometheus credentials" (or PROMETHEUS_BEARER_TOKEN / PROMETHEUS_BASIC_AUTH for the CLI and other editors).`, 'auth', { status: res.status });
    }
    let text: string;
    try {
      text = await readBody(res, host, maxBytes, signal);
    } catch (e) {
      if (e instanceof ImportError) throw e;
      throw describeNetworkError(e, current, timeoutMs);
    }
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      const type = res.headers.get('content-type') ?? 'no content type';
      const head = text.slice(0, 2000).replace(/\s+/g, ' ').trim().slice(0, 120);
      throw new ImportError(`${host} answered HTTP ${res.status} with something that is not JSON (${type}): "${head}". Is this the Prometheus/Alertmanager base URL?`, 'json', { status: res.status });
    }
    return { status: res.status, body, url: redactUrl(current) };
  }
  throw new ImportError(`Too many redirects from ${new URL(url).host}.`, 'http');
}

export function toAbortSignal(c: Cancellation | undefined): AbortSignal | undefined {
  if (!c) return undefined;
  if (c instanceof AbortSignal) return c;
  const ac = new AbortController();
  const poll = setInterval(() => {
    if (c.aborted) {
      ac.abort();
      clearInterval(poll);
    }
  }, 100);
  poll.unref?.();
  return ac.signal;
}
