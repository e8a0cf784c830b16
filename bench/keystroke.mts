// The language server's keystroke path in one process, stage by stage: the edits of the benchmark
// (bench/lsp.mjs editTargets, the same seed as `npm run bench`) applied to the 5,000-row report the
// way server/src/lsp/documents.ts checks a document (TextDocument update, configuration, incremental
// scan, model, each rule, diagnostics, the notification's JSON). For finding where a keystroke's time
// goes (`--cpu-prof`, `--trace-gc`) and comparing two builds alternately; not part of `npm run bench`.
//
//   node --import tsx bench/keystroke.mts [--edits 100] [--rounds 1] [--file report.md]
//
// Prints the median and p95 of each stage over the edits, per round, as one JSON line per round
// when `--json` is given.
import { readFileSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { report, rng } from './generate.mjs';
import { editTargets } from './lsp.mjs';
import { IncrementalScan } from '../server/src/engine/incremental';
import { buildModel } from '../server/src/engine/model';
import { lintModel } from '../server/src/engine/lint';
import { resolveConfig } from '../server/src/engine/config';
import { isPostMortem } from '../server/src/engine/detect';
import { RULES } from '../server/src/engine/rules';
import type { Finding, Rule } from '../server/src/engine/types';
import { toDiagnostic } from '../server/src/lsp/convert';
import type { Message } from 'vscode-languageserver/node';
import { loadConfigInputs } from '../server/src/node/config-files';

const arg = (name: string, dflt: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : dflt;
};
const edits = Number(arg('edits', '100'));
const rounds = Number(arg('rounds', '1'));
const file = arg('file', '');
const json = process.argv.includes('--json');
// `--profile out.cpuprofile`: a CPU profile of the edits only (not the opening check).
const profile = arg('profile', '');
const session = profile ? new Session() : undefined;
session?.connect();
const text0: string = file ? readFileSync(file, 'utf8') : report(5000, 5000, { factors: 1000 });

const writer: { encodeMessage(m: Message): Buffer } | undefined = await import('../server/src/lsp/writer').catch(() => undefined);
const encodeMessage = writer?.encodeMessage ?? ((m: Message) => Buffer.from(JSON.stringify(m), 'utf8'));

const ruleTime = new Map<string, number>();
const rules: Rule[] = RULES.map((r) => ({
  ...r,
  check(ctx) {
    const t = performance.now();
    r.check(ctx);
    ruleTime.set(r.id, (ruleTime.get(r.id) ?? 0) + performance.now() - t);
  },
}));

const diagnostics = new WeakMap<Finding, ReturnType<typeof toDiagnostic>>();
const diagnosticOf = (f: Finding) => {
  let d = diagnostics.get(f);
  if (!d) diagnostics.set(f, (d = toDiagnostic(f)));
  return d;
};

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)];
};

const uri = 'file:///tmp/bench/postmortem-5000.md';
const path = '/tmp/bench/postmortem-5000.md';

for (let round = 0; round < rounds; round++) {
  let doc = TextDocument.create(uri, 'markdown', 1, text0);
  const inc = new IncrementalScan();
  const check = (times?: Record<string, number[]>, kind?: string) => {
    const at: Record<string, number> = {};
    let t = performance.now();
    const cpu0 = process.cpuUsage();
    const lap = (name: string) => {
      const n = performance.now();
      at[name] = (at[name] ?? 0) + n - t;
      t = n;
    };
    const text = doc.getText();
    const config = resolveConfig(...loadConfigInputs(path, '/tmp/bench').inputs);
    lap('config');
    let model: ReturnType<typeof buildModel> | undefined;
    let scanMs = 0;
    const modelOf = () => {
      if (!model) {
        const s = performance.now();
        const sc = inc.update(text);
        scanMs = performance.now() - s;
        model = buildModel(text, sc);
      }
      return model;
    };
    if (!isPostMortem('postmortem-5000.md', text, config.files, modelOf)) throw new Error('not a post-mortem');
    modelOf();
    lap('model');
    at.model -= scanMs;
    at.scan = scanMs;
    ruleTime.clear();
    const result = lintModel(model!, { config, locale: 'en', rules }, true);
    lap('lint');
    const diags = [...result.findings, ...result.directiveProblems].map(diagnosticOf);
    lap('diagnostics');
    // As the server writes it over stdio (lsp/writer.ts; JSON.stringify in a tree without it).
    const body = encodeMessage({ jsonrpc: '2.0', method: 'textDocument/publishDiagnostics', params: { uri, version: doc.version, diagnostics: diags } } as Message);
    lap('json');
    const cpu = process.cpuUsage(cpu0);
    if (times) {
      (times['cpu check'] ??= []).push((cpu.user + cpu.system) / 1000);
      for (const [k, v] of Object.entries(at)) (times[k] ??= []).push(v);
      for (const [k, v] of ruleTime) (times[`rule ${k}`] ??= []).push(v);
      (times.findings ??= []).push(diags.length);
      (times.kb ??= []).push(body.length / 1024);
      (times[`total ${kind}`] ??= []).push(Object.values(at).reduce((a, b) => a + b, 0));
    }
    return Object.values(at).reduce((a, b) => a + b, 0);
  };
  const open = performance.now();
  check();
  const openMs = performance.now() - open;
  const times: Record<string, number[]> = {};
  if (session && round === rounds - 1) {
    await session.post('Profiler.enable');
    await session.post('Profiler.start');
  }
  let prev: { line: number; character: number } | undefined;
  let version = 1;
  for (const tg of editTargets(text0, edits, rng(12))) {
    version++;
    const insert = version % 2 === 0;
    const change = insert
      ? { range: { start: { line: tg.line, character: tg.character }, end: { line: tg.line, character: tg.character } }, text: 'x' }
      : { range: { start: prev!, end: { line: prev!.line, character: prev!.character + 1 } }, text: '' };
    const target = insert ? tg : (prev as typeof tg);
    prev = tg;
    const s = performance.now();
    doc = TextDocument.update(doc, [change], version);
    const update = performance.now() - s;
    (times.update ??= []).push(update);
    const total = update + check(times, target.kind);
    (times.total ??= []).push(total);
  }
  if (session && round === rounds - 1) writeFileSync(profile, JSON.stringify((await session.post('Profiler.stop')).profile));
  const summary = Object.fromEntries(Object.entries(times).map(([k, v]) => [k, { median: +pct(v, 50).toFixed(2), p95: +pct(v, 95).toFixed(2), max: +Math.max(...v).toFixed(2), sum: +v.reduce((a, b) => a + b, 0).toFixed(1) }]));
  if (json) console.log(JSON.stringify({ round, openMs, summary }));
  else {
    console.log(`round ${round}: open ${openMs.toFixed(0)} ms`);
    for (const [k, v] of Object.entries(summary).sort((a, b) => b[1].median - a[1].median)) console.log(`  ${k.padEnd(36)} ${String(v.median).padStart(8)} ${String(v.p95).padStart(8)} ${String(v.max).padStart(8)}`);
  }
}
if (typeof globalThis.gc === 'function') {
  globalThis.gc();
  console.log(`heap after the edits: ${(process.memoryUsage().heapUsed / 2 ** 20).toFixed(1)} MiB`);
}
