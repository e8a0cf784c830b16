// Runs the language rules (blameful-language, vague-action) over a folder of real post-mortems and
// prints every finding with the line it sits on, for reading and labelling by hand. `--rule ID`
// runs that one rule of the registry instead (missing-section, missing-header-field ...); for the
// structure rules the printed text is the finding's message (what is missing), not the title line.
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
import { RULES } from '../server/src/engine/rules';

const args = process.argv.slice(2);
const dir = args.find((a) => !a.startsWith('--') && args[args.indexOf(a) - 1] !== '--rule') ?? '/work/shared/corpus/real-postmortems';
const only = args.includes('--rule') ? args[args.indexOf('--rule') + 1] : undefined;
const json = args.includes('--json');
const rules = only ? RULES.filter((r) => r.id === only) : [blameful, vague];
if (!rules.length) throw new Error(`no rule ${only}`);
const structural = rules.every((r) => r.tags?.includes('structure') || /^missing-(owner|deadline)$/.test(r.id));

const files = readdirSync(dir).filter((f) => f.endsWith('.md')).sort();
const counts: Record<string, number> = {};
const rows: { file: string; line: number; rule: string; phrase: string; text: string }[] = [];
const started = performance.now();
for (const f of files) {
  const stored = readFileSync(join(dir, f), 'utf8');
  // The corpus copies open with a one-line comment naming their source. Where the original opens
  // with front matter, that comment pushes it off the first line and it is no longer front matter;
  // the report is read as its authors wrote it (line numbers still point into the stored copy).
  const displaced = /^<!--[^\n]*-->\n(?:---|\+\+\+)\n/.test(stored);
  const text = displaced ? stored.slice(stored.indexOf('\n') + 1) : stored;
  const shift = displaced ? 1 : 0;
  const { findings, doc } = lint(text, { rules, locale: 'en' });
  for (const x of findings) {
    counts[x.rule] = (counts[x.rule] ?? 0) + 1;
    const line = doc.lines[x.range.start.line];
    const phrase = line.slice(x.range.start.character, x.range.end.line === x.range.start.line ? x.range.end.character : undefined);
    rows.push({ file: f, line: x.range.start.line + 1 + shift, rule: x.rule, phrase, text: structural ? x.message.slice(0, 240) : line.trim().slice(0, 240) });
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
