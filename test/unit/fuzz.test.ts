// Fuzzing the engine: mutated fixtures, mutated corpus reports and random Markdown go through
// `lint` (no exception, bounded time, every range inside the document) and through the
// incremental path the server uses (random edits; findings equal a fresh full check after each).
//
// Seeded, so a failure can be replayed: FUZZ_SEED=<seed printed in the failure>. Bounded by time:
// a few seconds in `npm test`; FUZZ_SECONDS=600 runs each part for that long.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { tmpdir } from 'node:os';
import { lint, lintModel, type LintResult } from '../../server/src/engine/lint';
import { buildModel } from '../../server/src/engine/model';
import { IncrementalScan } from '../../server/src/engine/incremental';
import { splitLines } from '../../server/src/engine/scan';
import { resolveConfig } from '../../server/src/engine/config';
import type { Finding } from '../../server/src/engine/types';

const SECONDS = Number(process.env.FUZZ_SECONDS ?? 4);
const SEED = Number(process.env.FUZZ_SEED ?? 20261202);
/** Per document: generous, since CI shares its cores; the inputs are at most a few hundred KB. */
const LIMIT_MS = Number(process.env.FUZZ_LIMIT_MS ?? 2000);

/** mulberry32: a small seeded PRNG. */
function prng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number) => Math.floor(next() * n);
  const pick = <T>(xs: readonly T[]): T => xs[int(xs.length)];
  return { next, int, pick };
}
type Rand = ReturnType<typeof prng>;

function mdFiles(dir: string): string[] {
  const out: string[] = [];
  for (const n of readdirSync(dir)) {
    const p = join(dir, n);
    if (statSync(p).isDirectory()) out.push(...mdFiles(p));
    else if (p.endsWith('.md')) out.push(p);
  }
  return out.sort();
}

const FIXTURES = mdFiles(join(__dirname, '..', 'fixtures')).map((f) => readFileSync(f, 'utf8'));
const CORPUS_DIRS = [resolve(__dirname, '..', '..', '..', 'shared', 'corpus', 'real-postmortems'), '/work/shared/corpus/real-postmortems'];
const CORPUS_DIR = CORPUS_DIRS.find((d) => existsSync(d));

/** Pieces that have broken Markdown scanners and pattern matchers before. */
const TOKENS = [
  '<!--', '-->', '<!-- postmortem-disable-next-line blameful-language -->', '<!-- postmortem-disable nope -->', '|', '| --- |', '\\|', '#', '## ', '# Post-Mortem\n',
  '## Timeline\n', '## Action Items\n', '## Contributing Factors\n', '\r', '\r\n', '\n', '\n\n', ' ', '    ', '\t', '\u00a0', '\u2028', '\u3000', '*', '**', '__', '`', '```', '~~~',
  '- ', '- [ ] ', '1. ', '> ', '---', '===', '[', ']', '(', ')', '（', '）', '「', '」', '"', "'", '“', 'Dave', 'Dave Smith', ', then', ' then,', 'never', 'accidentally', 'deleted',
  'should have', 'broke', '@dave', 'the engineer', 'root cause was', 'mistake by', '2024-01-01 10:00', '10:05 UTC', '14:02', 'Feb 9', 'TODO', 'TBD', 'owner: @x', 'due 2024-02-01',
  'さん', 'のミス', '担当者', '😀', '\ud800', 'Improve monitoring', 'Investigate', 'AI-1', 'https://example.com/x', '<http://x>', '${1:x}', 'Date: 2024-01-01', 'Severity: SEV1',
];

function repeatRun(r: Rand): string {
  const unit = r.pick([' ', '\t', '\u00a0', '*', '#', '|', '-', ', then', 'a ', '<!--', '\r', '\n', '`', '[', '(', 'Dave ', '0']);
  return unit.repeat(1 + r.int(r.next() < 0.1 ? 3000 : 60));
}

function mutate(text: string, r: Rand): string {
  let t = text;
  const n = 1 + r.int(6);
  for (let k = 0; k < n; k++) {
    const at = r.int(t.length + 1);
    switch (r.int(7)) {
      case 0:
      case 1:
        t = t.slice(0, at) + r.pick(TOKENS) + t.slice(at);
        break;
      case 2:
        t = t.slice(0, at) + repeatRun(r) + t.slice(at);
        break;
      case 3:
        t = t.slice(0, at) + t.slice(Math.min(t.length, at + 1 + r.int(200)));
        break;
      case 4: {
        const from = r.int(t.length + 1);
        t = t.slice(0, at) + t.slice(from, from + r.int(400)) + t.slice(at);
        break;
      }
      case 5:
        t = r.next() < 0.5 ? t.replace(/\r?\n/g, '\r\n') : t.replace(/\r?\n/g, '\r');
        break;
      default:
        t = t.slice(0, at) + String.fromCharCode(r.int(0x3100)) + t.slice(at);
    }
  }
  return t;
}

function randomMarkdown(r: Rand): string {
  const lines: string[] = [];
  const n = 1 + r.int(60);
  for (let i = 0; i < n; i++) {
    let l = '';
    const parts = r.int(6);
    for (let j = 0; j < parts; j++) l += r.next() < 0.15 ? repeatRun(r) : r.pick(TOKENS) + (r.next() < 0.5 ? ' ' : '');
    lines.push(l);
  }
  return lines.join(r.pick(['\n', '\n', '\n', '\r\n', '\r']));
}

const CONFIG = resolveConfig({ people: ['Dave Smith', '@dave', '田中'], vagueVerbs: ['harden'], allowedTerms: ['Careless Whisper'] });

// Warm up first (lazy pattern compilation, the first remark parse, the JIT), untimed: the limit is
// for the engine's work on a document, not for starting it.
for (const text of FIXTURES) lint(text, { config: CONFIG });

function save(text: string, label: string): string {
  const p = join(tmpdir(), `postmortem-fuzz-${label}-${Date.now()}.md`);
  writeFileSync(p, text);
  return p;
}

function checkRanges(text: string, res: LintResult, label: string) {
  const { lines } = splitLines(text);
  const inside = (p: { line: number; character: number }) => p.line >= 0 && p.line < lines.length && p.character >= 0 && p.character <= lines[p.line].length;
  for (const f of [...res.findings, ...res.directiveProblems]) {
    const where = `${label}: ${f.rule} ${JSON.stringify(f.range)} (${lines.length} lines) — input saved to ${save(text, 'range')}`;
    assert.ok(inside(f.range.start) && inside(f.range.end), where);
    assert.ok(f.range.start.line < f.range.end.line || (f.range.start.line === f.range.end.line && f.range.start.character <= f.range.end.character), where);
    for (const fix of f.fixes ?? []) for (const e of fix.edits) assert.ok(inside(e.range.start) && inside(e.range.end), `fix of ${where}`);
  }
}

function lintChecked(text: string, label: string): LintResult {
  const t = performance.now();
  let res: LintResult;
  try {
    res = lint(text, { config: CONFIG });
  } catch (e) {
    assert.fail(`${label}: ${(e as Error).stack} — input saved to ${save(text, 'throw')}`);
  }
  const ms = performance.now() - t;
  // Larger inputs get a proportionally larger allowance (still far above linear time).
  const limit = LIMIT_MS * Math.max(1, text.length / 100_000);
  assert.ok(ms < limit, `${label}: ${ms.toFixed(0)} ms for ${text.length} characters — input saved to ${save(text, 'slow')}`);
  checkRanges(text, res, label);
  return res;
}

/** Runs `one(seed)` for successive seeds until the time is up; returns how many ran. */
function forSeconds(seconds: number, base: number, one: (seed: number) => void): number {
  const end = performance.now() + seconds * 1000;
  let n = 0;
  do one(base + n++);
  while (performance.now() < end);
  return n;
}

test(`fuzz: mutated fixtures and random Markdown through lint (seed ${SEED})`, () => {
  let docs = 0;
  const n = forSeconds(SECONDS, SEED, (seed) => {
    const r = prng(seed);
    const text = r.next() < 0.7 ? mutate(r.pick(FIXTURES), r) : randomMarkdown(r);
    lintChecked(text, `seed ${seed}`);
    docs++;
  });
  assert.equal(docs, n);
  console.log(`fuzz lint: ${n} documents`);
});

test(`fuzz: mutated corpus reports through lint (seed ${SEED})`, { skip: CORPUS_DIR ? false : `corpus not found at ${CORPUS_DIRS.join(' or ')}` }, () => {
  const corpus = mdFiles(CORPUS_DIR!).map((f) => readFileSync(f, 'utf8'));
  for (const [i, text] of corpus.entries()) lintChecked(text, `corpus report ${i}`);
  const n = forSeconds(SECONDS / 2, SEED, (seed) => {
    const r = prng(seed);
    lintChecked(mutate(r.pick(corpus), r), `corpus seed ${seed}`);
  });
  console.log(`fuzz corpus: ${corpus.length} reports, ${n} mutations`);
});

function key(f: Finding): string {
  return `${f.rule} ${f.range.start.line}:${f.range.start.character}-${f.range.end.line}:${f.range.end.character} ${f.message}`;
}

test(`fuzz: random edits through the incremental path equal a fresh check (seed ${SEED})`, () => {
  let edits = 0;
  const n = forSeconds(SECONDS, SEED, (seed) => {
    const r = prng(seed);
    let text = r.next() < 0.8 ? r.pick(FIXTURES) : randomMarkdown(r);
    if (r.next() < 0.3) text = text.replace(/\n/g, r.next() < 0.5 ? '\r\n' : '\r');
    const inc = new IncrementalScan();
    inc.update(text);
    const steps = 1 + r.int(25);
    for (let s = 0; s < steps; s++) {
      const at = r.int(text.length + 1);
      const del = r.next() < 0.4 ? r.int(Math.min(40, text.length - at) + 1) : 0;
      const ins = r.next() < 0.8 ? (r.next() < 0.1 ? repeatRun(r) : r.pick(TOKENS)) : '';
      text = text.slice(0, at) + ins + text.slice(at + del);
      let incremental: LintResult;
      try {
        incremental = lintModel(buildModel(text, inc.update(text)), { config: CONFIG });
      } catch (e) {
        assert.fail(`seed ${seed} step ${s}: ${(e as Error).stack} — input saved to ${save(text, 'inc-throw')}`);
      }
      const full = lint(text, { config: CONFIG });
      const a = [...incremental.findings, ...incremental.directiveProblems].map(key);
      const b = [...full.findings, ...full.directiveProblems].map(key);
      if (a.join('\n') !== b.join('\n')) assert.deepEqual(a, b, `seed ${seed} step ${s}: incremental differs from a full check — input saved to ${save(text, 'inc-diff')}`);
      edits++;
    }
  });
  console.log(`fuzz incremental: ${n} documents, ${edits} edits`);
});
