// Runs the language rules (blameful-language, vague-action) over a folder of real post-mortems and
// prints every finding with the line it sits on, for reading and labelling by hand.
//
//   node --import tsx scripts/corpus-report.ts [DIR] [--rule ID] [--json]
//
// DIR defaults to /work/shared/corpus/real-postmortems. The labels and the measured precision live
// in docs/precision.md; this script only gathers what the rules say.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { lint } from '../server/src/engine/lint';
import blameful from '../server/src/engine/rules/blameful-language';
import vague from '../server/src/engine/rules/vague-action';

const args = process.argv.slice(2);
const dir = args.find((a) => !a.startsWith('--') && args[args.indexOf(a) - 1] !== '--rule') ?? '/work/shared/corpus/real-postmortems';
const only = args.includes('--rule') ? args[args.indexOf('--rule') + 1] : undefined;
const json = args.includes('--json');
const rules = [blameful, vague].filter((r) => !only || r.id === only);

const files = readdirSync(dir).filter((f) => f.endsWith('.md')).sort();
const counts: Record<string, number> = {};
const rows: { file: string; line: number; rule: string; phrase: string; text: string }[] = [];
const started = performance.now();
for (const f of files) {
  const text = readFileSync(join(dir, f), 'utf8');
  const { findings, doc } = lint(text, { rules, locale: 'en' });
  for (const x of findings) {
    counts[x.rule] = (counts[x.rule] ?? 0) + 1;
    const line = doc.lines[x.range.start.line];
    const phrase = line.slice(x.range.start.character, x.range.end.line === x.range.start.line ? x.range.end.character : undefined);
    rows.push({ file: f, line: x.range.start.line + 1, rule: x.rule, phrase, text: line.trim().slice(0, 240) });
  }
}
const ms = performance.now() - started;
if (json) {
  console.log(JSON.stringify({ files: files.length, counts, ms: Math.round(ms), rows }, null, 2));
} else {
  let n = 0;
  for (const r of rows) console.log(`${++n}. ${r.file}:${r.line} ${r.rule} [${r.phrase}]\n    ${r.text}`);
  console.log(`\n${files.length} reports, ${rows.length} findings (${Object.entries(counts).map(([k, v]) => `${k}: ${v}`).join(', ') || 'none'}), ${Math.round(ms)} ms`);
}
