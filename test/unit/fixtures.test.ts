// Runs every fixture report under test/fixtures and compares findings with its expectations.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { lint } from '../../server/src/engine/lint';
import { resolveConfig } from '../../server/src/engine/config';
import { listFixtures, readFixture } from '../helpers/fixtures';
import FIXTURE_CONFIG from '../helpers/fixture-config.json';

const root = join(__dirname, '..', 'fixtures');
// "Today" for every fixture (overdue-action, missing-follow-up), so results do not change with the
// clock; a fixture's own config may set another. The editor suites use the same file.
const FIXTURE_TODAY = FIXTURE_CONFIG.today;

for (const path of listFixtures(root)) {
  test(`fixture ${path.slice(root.length + 1)}`, () => {
    const fx = readFixture(path);
    const { findings } = lint(fx.text, { config: resolveConfig({ today: FIXTURE_TODAY }, fx.config), locale: fx.locale });
    const actual = findings.map((f) => ({ line: f.range.start.line + 1, column: f.range.start.character + 1, rule: f.rule }));
    const key = (e: { line: number; rule: string }) => `${e.line} ${e.rule}`;
    const unmatched = [...actual];
    const missing: string[] = [];
    for (const e of fx.expected) {
      const i = unmatched.findIndex((a) => a.line === e.line && a.rule === e.rule && (e.column === undefined || a.column === e.column));
      if (i < 0) missing.push(`${e.line}${e.column ? ':' + e.column : ''} ${e.rule}`);
      else unmatched.splice(i, 1);
    }
    const extra = unmatched.map((a) => `${a.line}:${a.column} ${a.rule}  (${findings.find((f) => f.range.start.line + 1 === a.line && f.rule === a.rule)?.message})`);
    assert.deepEqual({ missing, extra }, { missing: [], extra: [] }, `findings differ from expectations in ${path}`);
    void key;
  });
}
