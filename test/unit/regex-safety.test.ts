// No regular expression of the engine back-tracks super-linearly (issue 9). Every literal in
// server/src/engine and every pattern the engine builds with `new RegExp` while it checks the
// fixtures and examples goes through recheck (a ReDoS checker: automata theory, or fuzzing with
// static analysis for patterns too large for it). Verdicts are cached in
// test/robustness/regex-verdicts.json (keyed by a hash of flags and source), so a run checks only
// new and changed patterns and writes them there (outside CI) to be committed.
//
// A pattern recheck calls vulnerable, or could not decide on, fails the test unless
// test/robustness/regex-exemptions.json explains it, with why its back-tracking cannot be reached
// where the engine uses it and the test in test/unit/regex-attacks.test.ts that runs the attack
// through that code: under "patterns" by its hash, or, for patterns that carry the names of a
// report or of the configuration (each report builds its own), under "builders" by the RegExp call
// that builds them. A `new RegExp` call that no fixture reaches must be listed under "sites", with
// what it is built from.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { listFixtures } from '../helpers/fixtures';
import {
  ROOT,
  RECHECK_VERSION,
  hashOf,
  readVerdicts,
  recheckPattern,
  recordConstructedPatterns,
  scanEngineSource,
  writeVerdicts,
  type Found,
  type Verdict,
} from '../helpers/regexes';

interface Exemptions {
  /** Per pattern hash: why its back-tracking cannot be reached from report text, and its regression test. */
  patterns: Record<string, { source: string; flags: string; reason: string; test: string }>;
  /**
   * Per RegExp call site (see siteKey) whose patterns carry the names of a report or of the
   * configuration: why their back-tracking cannot be reached from report text, and their regression test.
   */
  builders: Record<string, { reason: string; test: string }>;
  /** Per RegExp call site (see siteKey) that no fixture reaches: what it is built from, and why that is safe. */
  sites: Record<string, string>;
}

const EXEMPTIONS_FILE = join(ROOT, 'test', 'robustness', 'regex-exemptions.json');
const EXEMPTIONS = JSON.parse(readFileSync(EXEMPTIONS_FILE, 'utf8')) as Exemptions;

// Installed before the engine is loaded (the engine is imported dynamically below).
const recorder = recordConstructedPatterns();

async function constructedPatterns(): Promise<Map<string, Found>> {
  const { lint } = await import('../../server/src/engine/lint');
  const { resolveConfig } = await import('../../server/src/engine/config');
  const { fixAll } = await import('../../server/src/engine/fix-all');
  await import('../../server/src/engine/import/sources');
  const { slackPlainText } = await import('../../server/src/engine/import/sources/slack');
  const reports = [
    ...listFixtures(join(ROOT, 'test', 'fixtures')),
    ...listFixtures(join(ROOT, 'examples')),
    ...listFixtures(join(ROOT, 'docs', 'rules')),
  ].map((f) => readFileSync(f, 'utf8'));
  // blameful-language builds its patterns with the names a text mentions (lexiconWithin in
  // lexicon/blame.ts): a report whose sentences name its people where those patterns run.
  reports.push(
    [
      '# Post-Mortem: names',
      '',
      '**Authors**: Lee Park (@lee), @dana',
      '',
      '## Summary',
      '',
      'The outage came from a mistake by @dana.',
      '',
      'The root cause was @dana.',
      '',
      'Lee Park (@lee) ran the destroy on the production cluster by mistake.',
      '',
    ].join('\n'),
  );
  const configs = [
    resolveConfig({}),
    resolveConfig({ people: ['Dave Smith', '@dave', 'O.Brien (ops)', '田中'], allowedTerms: ['Careless Whisper', 'a+b'], vagueVerbs: ['harden', 'look*'] }),
  ];
  try {
    for (const text of reports) {
      for (const config of configs) {
        lint(text, { config });
        lint(text, { config, locale: 'ja' });
      }
      fixAll(text, { config: configs[0] });
    }
    slackPlainText('*bold* _italic_ ~struck~ snake_case');
  } finally {
    recorder.restore();
  }
  return recorder.found;
}

test('every regular expression of the engine is free of super-linear back-tracking (recheck), or exempted with a reason and a regression test', { timeout: 3_600_000 }, async () => {
  const { literals, sites } = scanEngineSource();
  const constructed = await constructedPatterns();
  const all = new Map<string, Found>(literals);
  for (const [h, f] of constructed) {
    const e = all.get(h);
    if (e) e.where.push(...f.where.filter((w) => !e.where.includes(w)));
    else all.set(h, f);
  }

  // Every RegExp call site was reached by the run above, or is listed with a reason.
  const reachedLines = new Set([...constructed.values()].flatMap((f) => f.where));
  const unreached = sites.filter((s) => !reachedLines.has(`${s.file}:${s.line}`) && !(s.key in EXEMPTIONS.sites));
  assert.deepEqual(
    unreached.map((s) => `${s.file}:${s.line} ${s.key}`),
    [],
    'RegExp calls no fixture reaches: add a fixture that does, or list the site in test/robustness/regex-exemptions.json "sites" with what it is built from',
  );

  // Verdicts: cached, else recheck now.
  const cache = readVerdicts();
  const fresh = cache.recheck === RECHECK_VERSION ? cache.verdicts : {};
  const verdicts: Record<string, Verdict> = {};
  let checkedNow = 0;
  for (const [h, f] of all) {
    const cached = fresh[h];
    if (cached && cached.source === f.source && cached.flags === f.flags) {
      verdicts[h] = cached;
      continue;
    }
    verdicts[h] = await recheckPattern(f.source, f.flags);
    checkedNow++;
    if (!process.env.CI && checkedNow % 10 === 0) writeVerdicts({ recheck: RECHECK_VERSION, verdicts: { ...fresh, ...verdicts } });
  }
  if (!process.env.CI && (checkedNow > 0 || Object.keys(fresh).length !== all.size)) writeVerdicts({ recheck: RECHECK_VERSION, verdicts });

  // The builder (RegExp call site) of each constructed pattern, by the `file:line` it was built at.
  const siteAt = new Map(sites.map((s) => [`${s.file}:${s.line}`, s.key]));
  const builtBy = (f: Found) => f.where.map((w) => siteAt.get(w)).find((k) => k !== undefined && k in EXEMPTIONS.builders);
  const failing = [...all].filter(([h, f]) => verdicts[h].status !== 'safe' && !(h in EXEMPTIONS.patterns) && !builtBy(f));
  assert.deepEqual(
    failing.map(([h, f]) => `${h} /${f.source}/${f.flags} at ${f.where.join(', ')}: ${verdicts[h].status}, ${verdicts[h].complexity}${verdicts[h].attack ? `, attack ${verdicts[h].attack}` : ''}`),
    [],
    'Patterns recheck calls vulnerable or could not decide on: make them linear, or explain in test/robustness/regex-exemptions.json',
  );
  // Exemptions stay honest: each one is for a pattern the engine still has, that recheck does flag.
  const stale = Object.entries(EXEMPTIONS.patterns).filter(([h]) => !all.has(h) || verdicts[h].status === 'safe');
  assert.deepEqual(stale.map(([h, e]) => `${h} /${e.source}/${e.flags}`), [], 'exemptions for patterns that are gone or now safe: remove them');
  const flaggedBuilders = new Set([...all].filter(([h]) => verdicts[h].status !== 'safe').map(([, f]) => builtBy(f)));
  const staleBuilders = Object.keys(EXEMPTIONS.builders).filter((k) => !flaggedBuilders.has(k));
  assert.deepEqual(staleBuilders, [], 'builder exemptions for RegExp calls that are gone or whose patterns are all safe now: remove them');
  // Each exemption names its regression test, which exists.
  const attacks = readFileSync(join(ROOT, 'test', 'unit', 'regex-attacks.test.ts'), 'utf8');
  const titles = new Set([...attacks.matchAll(/^test\((['"])(.*?)\1,/gm)].map((m) => m[2]));
  const untested = [...Object.entries(EXEMPTIONS.patterns), ...Object.entries(EXEMPTIONS.builders)].filter(([, e]) => !e.reason.trim() || !titles.has(e.test)).map(([k, e]) => `${k}: ${e.test}`);
  assert.deepEqual(untested, [], 'exemptions need a reason and a test of test/unit/regex-attacks.test.ts (its exact title)');
  for (const [h, e] of Object.entries(EXEMPTIONS.patterns)) assert.equal(hashOf(e.source, e.flags), h, `exemption ${h}: source or flags do not match the hash`);
});
