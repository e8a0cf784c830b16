// The benchmark: this project's CLI against markdownlint-cli2 and remark-cli on the same generated
// reports (whole processes, alternated, several rounds, medians), then the language server over
// stdio (edit-to-diagnostics latency, first diagnostics on open, resident memory), then the
// extension bundle (size, time to load). Prints a Markdown report and writes it, with the raw
// numbers, to bench/.work/. Targets are printed beside the numbers; nothing here fails a build.
//
//   npm run bench                 (BENCH_ROUNDS=5 for more rounds; default 3)
import { spawnSync, execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync, statSync, readdirSync } from 'node:fs';
import { cpus } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { generate, rng } from './generate.mjs';
import { LspClient, measureEdits, measureMemory } from './lsp.mjs';
import { measureImport } from './import.mjs';

const root = resolve(import.meta.dirname, '..');
const work = join(root, 'bench', '.work');
const rounds = Number(process.env.BENCH_ROUNDS ?? 3);
const bin = (n) => join(root, 'node_modules', '.bin', n);
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const fmt = (ms) => (ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(ms < 10 ? 1 : 0)} ms`);

// The packaged build: minified bundles, as `npm run package` makes them.
execFileSync(process.execPath, [join(root, 'scripts', 'build.mjs'), '--minify'], { cwd: root, stdio: 'inherit' });

console.error('generating reports in bench/.work ...');
const files = generate(work);

const tools = {
  postmortem: (target) => [process.execPath, [join(root, 'dist', 'cli.js'), 'lint', target]],
  'markdownlint-cli2': (target) => [bin('markdownlint-cli2'), [target.endsWith('.md') ? target : `${target}/**/*.md`]],
  'remark-cli': (target) => [bin('remark'), [target, '--use', 'remark-gfm', '--use', 'remark-preset-lint-recommended', '--quiet', '--no-stdout', '--no-config', '--no-ignore']],
};

const workloads = [
  { name: 'one report, 500 timeline rows', target: files[500] },
  { name: 'one report, 5,000 timeline rows', target: files[5000] },
  { name: '1,000 typical reports (folder)', target: files.folder },
];

function runOnce(tool, target) {
  const [cmd, args] = tools[tool](target);
  const t = performance.now();
  const r = spawnSync(cmd, args, { cwd: work, stdio: ['ignore', 'ignore', 'pipe'], maxBuffer: 256 * 1024 * 1024 });
  const ms = performance.now() - t;
  // Exit 1 means findings for all three; anything else is a failure to run.
  if (r.status !== 0 && r.status !== 1) throw new Error(`${tool} on ${target} exited ${r.status}: ${r.stderr?.toString().slice(0, 500)}`);
  return { ms, status: r.status };
}

const cli = [];
for (const w of workloads) {
  const times = Object.fromEntries(Object.keys(tools).map((k) => [k, []]));
  const status = {};
  for (let r = 0; r < rounds; r++) {
    // Alternate the order each round so no tool always runs on a warm or a cold cache.
    const order = Object.keys(tools);
    if (r % 2) order.reverse();
    for (const tool of order) {
      const { ms, status: s } = runOnce(tool, w.target);
      times[tool].push(ms);
      status[tool] = s;
      console.error(`  ${w.name}: ${tool} ${fmt(ms)} (exit ${s})`);
    }
  }
  cli.push({ workload: w.name, medians: Object.fromEntries(Object.entries(times).map(([k, v]) => [k, median(v)])), times, status });
}

console.error('language server ...');
const rootUri = pathToFileURL(work).href;
const client = new LspClient(join(root, 'dist', 'server.js'));
await client.initialize(rootUri);
const typical = await measureEdits(client, files.typical[1], 60, rng(11));
const big = await measureEdits(client, files[5000], 100, rng(12));
await client.shutdown();
const memClient = new LspClient(join(root, 'dist', 'server.js'));
await memClient.initialize(rootUri);
const mem = await measureMemory(memClient, files[50000]);
await memClient.shutdown();

console.error('log import ...');
const imp = measureImport(root, work, rounds);

console.error('extension bundle ...');
// Time to load the extension's main module (what activation adds before activate() runs), with a
// stand-in for the `vscode` module, which only exists inside the editor: any property, call or
// `new` of it gives the stand-in again, also through the bundle's ES-module wrapper (which reads
// names through the module's prototype), so top-level code such as
// `CodeActionKind.SourceFixAll.append(...)` runs.
const loadScript = `
const Module = require('module');
const orig = Module._load;
const any = new Proxy(function () {}, { get: (t, k) => (k === 'prototype' ? {} : any), apply: () => any, construct: () => any });
const vscode = new Proxy({}, { get: () => any, getPrototypeOf: () => any });
Module._load = function (req, ...rest) { return req === 'vscode' ? vscode : orig.call(this, req, ...rest); };
const t = process.hrtime.bigint();
require(${JSON.stringify(join(root, 'dist', 'client.js'))});
process.stdout.write(String(Number(process.hrtime.bigint() - t) / 1e6));`;
const loads = [];
for (let i = 0; i < 7; i++) loads.push(Number(execFileSync(process.execPath, ['-e', loadScript]).toString()));
const sizes = Object.fromEntries(readdirSync(join(root, 'dist')).filter((f) => f.endsWith('.js')).map((f) => [f, statSync(join(root, 'dist', f)).size]));

const machine = {
  nproc: cpus().length,
  cpu: (/model name\s*:\s*(.*)/.exec(readFileSync('/proc/cpuinfo', 'utf8')) ?? [])[1] ?? cpus()[0]?.model,
  node: process.version,
  date: new Date().toISOString().slice(0, 10),
};
const kb = (p) => `${Math.round(statSync(p).size / 1024)} KB`;

const out = [];
out.push(`Machine: ${machine.nproc} cores, ${machine.cpu}, Node ${machine.node}; ${machine.date}; ${rounds} rounds, medians.`, '');
out.push(`Inputs (seeded, \`bench/generate.mjs\`): ${kb(files[500])}, ${kb(files[5000])} and ${kb(files[50000])} reports; 1,000 reports of ${Math.round(files.typical.reduce((n, f) => n + statSync(f).size, 0) / 1000 / 1024 * 10) / 10} KB on average.`, '');
out.push('### CLI, whole process', '');
out.push('| work | postmortem | markdownlint-cli2 | remark-cli (+gfm, recommended) | postmortem / markdownlint-cli2 | postmortem / remark-cli |');
out.push('| --- | --- | --- | --- | --- | --- |');
for (const c of cli) {
  const m = c.medians;
  out.push(`| ${c.workload} | ${fmt(m.postmortem)} | ${fmt(m['markdownlint-cli2'])} | ${fmt(m['remark-cli'])} | ${(m.postmortem / m['markdownlint-cli2']).toFixed(3)}x | ${(m.postmortem / m['remark-cli']).toFixed(3)}x |`);
}
out.push('', 'Target (issue 15): at most 0.1x markdownlint-cli2 on the 5,000-row report and on the 1,000-report folder.', '');
out.push('### Language server (stdio, one-character edits, each waited for)', '');
out.push('| report | first diagnostics after open | edits | median | p95 | slowest |');
out.push('| --- | --- | --- | --- | --- | --- |');
for (const [name, r] of [[`typical (${kb(files.typical[1])})`, typical], [`5,000 rows (${kb(files[5000])})`, big]]) {
  out.push(`| ${name} | ${fmt(r.openMs)} | all ${r.edits.n} | ${fmt(r.edits.median)} | ${fmt(r.edits.p95)} | ${fmt(r.edits.max)} |`);
  for (const [k, v] of Object.entries(r.byKind)) out.push(`| | | ${k} (${v.n}) | ${fmt(v.median)} | ${fmt(v.p95)} | ${fmt(v.max)} |`);
}
out.push('', 'Targets (issue 15): 5,000 rows, edits in every kind of block, median at most 20 ms and p95 at most 50 ms; first diagnostics on opening a typical report within 300 ms.', '');
out.push('### Memory', '');
out.push(`Server holding the 50,000-row report (${kb(files[50000])}, ${mem.diagnostics} findings): VmRSS ${mem.heldMiB.toFixed(0)} MiB after open and one edit (peak ${mem.peakMiB.toFixed(0)} MiB, ${mem.startMiB.toFixed(0)} MiB before open); first diagnostics ${fmt(mem.openMs)}, one edit ${fmt(mem.editMs)}. Target: under 300 MB.`, '');
out.push('### Log import', '');
{
  const mbs = (ms) => `${(imp.size / 1e6 / (ms / 1000)).toFixed(0)} MB/s`;
  const { grep: g, all } = imp.runs;
  out.push(`A generated ${(imp.size / 1e6).toFixed(0)} MB \`kubectl logs --timestamps --prefix\` log (\`bench/import.mjs\`; ${g.note.replace(/^kubectl: /, '').replace(/,[^,]*rows\.$/, '')}), whole processes:`, '');
  out.push('| reader | time | speed | peak RSS |', '| --- | --- | --- | --- |');
  out.push(`| \`postmortem import logs FILE --grep ERROR\` | ${fmt(g.median)} | ${mbs(g.median)} | ${g.rssMiB.toFixed(0)} MiB |`);
  out.push(`| \`postmortem import logs FILE\` (every line parsed) | ${fmt(all.median)} | ${mbs(all.median)} | ${all.rssMiB.toFixed(0)} MiB |`);
  out.push(`| plain Node line scan, text (read stream decoded as UTF-8, split at line ends, \`includes\`) | ${fmt(imp.scans.text.median)} | ${mbs(imp.scans.text.median)} | |`);
  out.push(`| plain Node line scan, bytes (read stream, \`Buffer.indexOf\` of the pattern and line ends) | ${fmt(imp.scans.bytes.median)} | ${mbs(imp.scans.bytes.median)} | |`);
  if (imp.grep) out.push(`| \`grep -c ERROR\` | ${fmt(imp.grep.median)} | ${mbs(imp.grep.median)} | |`);
  out.push('', `Import with \`--grep\` / plain scan: ${(g.median / imp.scans.text.median).toFixed(2)}x the time of the text scan, ${(g.median / imp.scans.bytes.median).toFixed(2)}x the bytes scan. Target: at least 200 MB/s with a pattern, memory flat.`, '');
}
out.push('### Extension bundle', '');
out.push(`Loading \`dist/client.js\` (minified): median ${fmt(median(loads))} over ${loads.length} fresh processes. Bundles: ${Object.entries(sizes).map(([f, s]) => `${f} ${Math.round(s / 1024)} KB`).join(', ')}. Target: activation adds under 100 ms.`);
const md = out.join('\n');
console.log(md);
writeFileSync(join(work, 'results.md'), md + '\n');
writeFileSync(join(work, 'results.json'), JSON.stringify({ machine, cli, typical, big, mem, imp, loads, sizes }, null, 2));
