// How messages to the client are written over stdio: as vscode-jsonrpc writes them (a
// Content-Length header and the message as UTF-8 JSON), with each diagnostic's JSON made once.
//
// On every keystroke the server publishes every diagnostic of the document again: in the 5,000-row
// benchmark report about 580 of them, 240 KB of JSON, nearly all the same objects as the last time
// (documents.ts keeps one Diagnostic per finding, and findings of the parts an edit did not reach
// are kept). JSON.stringify of the whole message wrote them all again, and the one long string it
// made was copied once more into the bytes sent. Here a diagnostic's bytes are kept per Diagnostic
// object, and the message's bytes are put together from them: the bytes are exactly those of
// JSON.stringify (test/unit/lsp-writer.test.ts).
import { PublishDiagnosticsNotification, StreamMessageWriter, type Message } from 'vscode-languageserver/node';

/** The UTF-8 JSON of each diagnostic sent, per Diagnostic object (they are never changed once made). */
const encoded = new WeakMap<object, Buffer>();

const COMMA = Buffer.from(',');
const OPEN = Buffer.from('[');
const CLOSE = Buffer.from(']');
/**
 * Stands for the diagnostics array while the rest of the message is written. Found by its key and
 * its value: a quote inside a string is written escaped, so no string in the message can hold it.
 */
const HOLE = '\u0000diagnostics\u0000';
const HOLE_JSON = `"diagnostics":${JSON.stringify(HOLE)}`;
const KEY_JSON = '"diagnostics":';

function diagnosticBytes(d: unknown): Buffer {
  if (d === null || typeof d !== 'object') return Buffer.from(JSON.stringify(d) ?? 'null', 'utf8');
  let b = encoded.get(d);
  if (!b) encoded.set(d, (b = Buffer.from(JSON.stringify(d) ?? 'null', 'utf8')));
  return b;
}

/** A message as UTF-8 JSON, byte for byte what `JSON.stringify(msg)` gives. */
export function encodeMessage(msg: Message): Buffer {
  const params = (msg as { method?: string; params?: unknown }).params as { diagnostics?: unknown } | undefined;
  if ((msg as { method?: string }).method !== PublishDiagnosticsNotification.method || !params || !Array.isArray(params.diagnostics)) {
    return Buffer.from(JSON.stringify(msg), 'utf8');
  }
  const diagnostics: unknown[] = params.diagnostics;
  const rest = JSON.stringify({ ...msg, params: { ...params, diagnostics: HOLE } });
  const at = rest.indexOf(HOLE_JSON);
  const parts: Buffer[] = [Buffer.from(rest.slice(0, at + KEY_JSON.length), 'utf8'), OPEN];
  diagnostics.forEach((d, i) => {
    if (i) parts.push(COMMA);
    parts.push(diagnosticBytes(d));
  });
  parts.push(CLOSE, Buffer.from(rest.slice(at + HOLE_JSON.length), 'utf8'));
  return Buffer.concat(parts);
}

/** A writer of messages to `out` (the server's stdout with `--stdio`), encoded by encodeMessage. */
export function messageWriter(out: NodeJS.WritableStream): StreamMessageWriter {
  return new StreamMessageWriter(out, {
    charset: 'utf-8',
    contentTypeEncoder: { name: 'application/json', encode: (msg) => Promise.resolve(encodeMessage(msg)) },
  });
}
