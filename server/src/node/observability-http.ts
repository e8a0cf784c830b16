// HTTP client for Prometheus and Alertmanager (built-in fetch), shared by the CLI and the VS Code
// client. It maps every failure to a sentence a person can act on, sends credentials only to the
// host they were saved for, and follows redirects by hand so a token never leaves that host.
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
}

export interface JsonResponse {
  status: number;
  body: unknown;
  url: string;
}

const TLS_CODES = /^(?:CERT_|UNABLE_TO_|DEPTH_ZERO|SELF_SIGNED|ERR_TLS|ERR_SSL|EPROTO|HOSTNAME_MISMATCH)/;

function hostOf(u: string): string {
  return new URL(u).host.toLowerCase();
}

/** Joins a base URL and an API path, keeping a base path such as `/prometheus`. */
export function apiUrl(base: string, path: string, params: Record<string, string | number | undefined> = {}): string {
  let u: URL;
  try {
    u = new URL(base);
  } catch {
    throw new ImportError(`"${base}" is not a URL: write it as http://host:9090 or https://host/prefix.`, 'usage');
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') throw new ImportError(`"${base}" is not an http or https URL.`, 'usage');
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
  if (code === 'ECONNREFUSED') return new ImportError(`Connection refused by ${host}: nothing is listening there. Check the URL and port, and that the server is running.`, 'connection');
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return new ImportError(`The host name in ${url} could not be resolved (${code}). Check the URL.`, 'connection');
  if (code === 'ECONNRESET' || code === 'EPIPE' || code === 'UND_ERR_SOCKET') return new ImportError(`The connection to ${host} was closed before an answer came (${code}). If the server speaks HTTPS, use an https:// URL.`, 'connection');
  if (code === 'UND_ERR_CONNECT_TIMEOUT' || code === 'ETIMEDOUT') return new ImportError(`Could not connect to ${host} in time (${code}). Check the URL and any firewall.`, 'timeout');
  if (TLS_CODES.test(code) || /certificate|tls|ssl/i.test(err?.cause?.message ?? '')) {
    return new ImportError(`TLS failed with ${host} (${code || 'handshake error'}): ${err?.cause?.message ?? err.message}. The server's certificate is not trusted here, or it does not speak HTTPS.`, 'tls');
  }
  return new ImportError(`Could not reach ${host}: ${err?.cause?.message ?? err?.message ?? String(e)}${code ? ` (${code})` : ''}.`, 'connection');
}

/**
 * GETs a JSON document. Redirects are followed by hand (at most 5), and the credentials are sent
 * only while the URL's host is the one they were saved for. Never logs headers.
 */
export async function getJson(target: ServerTarget, url: string, opts: RequestOptions = {}): Promise<JsonResponse> {
  const timeoutMs = opts.timeoutMs ?? 30000;
  const credHost = target.credentials ? (target.credentialsHost ?? hostOf(target.url)).toLowerCase() : undefined;
  let current = url;
  for (let hop = 0; hop <= 5; hop++) {
    const headers: Record<string, string> = { Accept: 'application/json', ...(target.headers ?? {}) };
    if (target.credentials && credHost === hostOf(current)) headers.Authorization = authHeader(target.credentials);
    const signals = [AbortSignal.timeout(timeoutMs), ...(opts.signal ? [opts.signal] : [])];
    let res: Response;
    try {
      res = await fetch(current, { headers, redirect: 'manual', signal: AbortSignal.any(signals) });
    } catch (e) {
      throw describeNetworkError(e, current, timeoutMs);
    }
    if (res.status >= 300 && res.status < 400 && res.headers.get('location')) {
      const next = new URL(res.headers.get('location')!, current).toString();
      await res.body?.cancel();
      current = next;
      continue;
    }
    const host = new URL(current).host;
    if (res.status === 401 || res.status === 403) {
      await res.body?.cancel();
      const why = target.credentials ? 'refused the saved credentials' : 'needs credentials';
      throw new ImportError(`${host} ${why} (HTTP ${res.status} ${res.status === 401 ? 'Unauthorized' : 'Forbidden'}). Set them with "Post-Mortem: Set Prometheus credentials" (or PROMETHEUS_BEARER_TOKEN / PROMETHEUS_BASIC_AUTH for the CLI).`, 'auth', { status: res.status });
    }
    let text: string;
    try {
      text = await res.text();
    } catch (e) {
      throw describeNetworkError(e, current, timeoutMs);
    }
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      const type = res.headers.get('content-type') ?? 'no content type';
      const head = text.replace(/\s+/g, ' ').trim().slice(0, 120);
      throw new ImportError(`${host} answered HTTP ${res.status} with something that is not JSON (${type}): "${head}". Is this the Prometheus/Alertmanager base URL?`, 'json', { status: res.status });
    }
    return { status: res.status, body, url: current };
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
