// "Open the configuration file" writes a starter .postmortemrc.json from the config schema's
// defaults when a workspace has none: it must spell out every default and change nothing.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { starterConfig, starterConfigText } from '../../client/src/starter-config';
import { resolveConfig } from '../../server/src/engine/config';
import { lint, severityOf } from '../../server/src/engine/lint';
import { RULES } from '../../server/src/engine/rules/index';

const root = join(__dirname, '..', '..');
const schema = JSON.parse(readFileSync(join(root, 'schemas', 'postmortemrc.schema.json'), 'utf8'));

test('the starter config lists every rule at its default severity and the defaulted keys', () => {
  const starter = starterConfig(schema) as { rules: Record<string, string> };
  assert.deepEqual(Object.keys(starter.rules), RULES.map((r) => r.id));
  for (const r of RULES) assert.equal(starter.rules[r.id], r.enabledByDefault === false ? 'off' : r.defaultSeverity, r.id);
  for (const key of ['requiredSections', 'requiredHeaderFields', 'placeholderOwners', 'severityScale', 'priorityScale']) assert.ok(Array.isArray((starter as Record<string, unknown>)[key]), key);
  assert.ok(!('files' in starter) && !('locale' in starter) && !('today' in starter), 'keys without a default stay out');
});

test('the starter config resolves to the same configuration as no config at all', () => {
  const text = starterConfigText(schema);
  const fromStarter = resolveConfig(JSON.parse(text));
  const none = resolveConfig();
  assert.deepEqual(fromStarter.problems, [], 'every entry is valid');
  for (const r of RULES) assert.equal(severityOf(r, fromStarter), severityOf(r, none), r.id);
  const { rules: _a, ...rest } = fromStarter;
  const { rules: _b, ...restNone } = none;
  assert.deepEqual(rest, restNone);
  const sample = readFileSync(join(root, 'examples', 'sample-postmortem.md'), 'utf8');
  const show = (c: typeof none) => lint(sample, { config: { ...c, today: '2025-03-01' } }).findings.map((f) => `${f.range.start.line}:${f.rule}:${f.severity}`);
  assert.deepEqual(show(fromStarter), show(none));
  assert.ok(show(none).length > 5);
});
