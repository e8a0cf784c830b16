// No regular expression of the engine back-tracks super-linearly (issue 9). Every literal in
// server/src/engine and every pattern the engine builds with `new RegExp` while it checks the
// fixtures and examples goes through recheck (a ReDoS checker: automata theory, or fuzzing with
// static analysis for patterns too large for it). Verdicts are cached in
// test/robustness/regex-verdicts.json (keyed by a hash of flags and source), so a run checks only
// new and changed patterns and writes them there (outside CI) to be committed.
//
// A pattern recheck calls vulnerable, or could not decide on, fails the test unless
// test/robustness/regex-exemptions.json lists it: under "patterns" with why it is safe where the
// engine uses it and the regression test that proves it, or under "baseline", the patterns flagged
// when this check was introduced and not reviewed yet (each needs a fix or a reason; the list may
// only shrink: a new or changed pattern is never baselined). A `new RegExp` call that no fixture
// reaches must be listed under "sites", with what it is built from.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
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
  /** Flagged when the check was introduced, not reviewed yet: hash -> `/source/flags`. */
  baseline: Record<string, string>;
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

  if (process.env.REGEX_BASELINE === 'write') {
    // Only for introducing the check: records today's flagged patterns as the baseline.
    const baseline: Record<string, string> = {};
    for (const [h, f] of all) if (verdicts[h].status !== 'safe' && !(h in EXEMPTIONS.patterns)) baseline[h] = `/${f.source}/${f.flags}`;
    writeFileSync(EXEMPTIONS_FILE, JSON.stringify({ ...EXEMPTIONS, baseline }, null, 2) + '\n');
    EXEMPTIONS.baseline = baseline;
  }
  const failing = [...all].filter(([h]) => verdicts[h].status !== 'safe' && !(h in EXEMPTIONS.patterns) && !(h in EXEMPTIONS.baseline));
  assert.deepEqual(
    failing.map(([h, f]) => `${h} /${f.source}/${f.flags} at ${f.where.join(', ')}: ${verdicts[h].status}, ${verdicts[h].complexity}${verdicts[h].attack ? `, attack ${verdicts[h].attack}` : ''}`),
    [],
    'Patterns recheck calls vulnerable or could not decide on: make them linear, or explain in test/robustness/regex-exemptions.json',
  );
  // Exemptions stay honest: each one is for a pattern the engine still has, that recheck does flag.
  const stale = Object.entries(EXEMPTIONS.patterns).filter(([h]) => !all.has(h) || verdicts[h].status === 'safe');
  assert.deepEqual(stale.map(([h, e]) => `${h} /${e.source}/${e.flags}`), [], 'exemptions for patterns that are gone or now safe: remove them');
  const staleBaseline = Object.entries(EXEMPTIONS.baseline).filter(([h]) => !all.has(h) || verdicts[h].status === 'safe');
  assert.deepEqual(staleBaseline.map(([h, e]) => `${h} ${e}`), [], 'baselined patterns that are gone, changed or now safe: remove them from "baseline"');
  for (const [h, e] of Object.entries(EXEMPTIONS.patterns)) assert.equal(hashOf(e.source, e.flags), h, `exemption ${h}: source or flags do not match the hash`);
});
