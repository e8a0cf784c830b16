// The config schema's rule entries, the postmortem.rules setting and the README's rule table are
// generated from the rule registry (scripts/generate.ts). These tests fail when a rule was added or
// changed without `npm run generate`, and check that the generator really follows the registry.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { generatedFiles, generatePackageJson, generateReadme, generateSchema, readmeTable } from '../../scripts/generate';
import { RULES } from '../../server/src/engine/rules/index';
import type { Rule } from '../../server/src/engine/types';
import { lint, severityOf } from '../../server/src/engine/lint';
import { resolveConfig } from '../../server/src/engine/config';

test('generated files are up to date with the rule registry (run npm run generate)', () => {
  for (const f of generatedFiles()) assert.equal(f.current, f.expected, `${f.path} is stale: run npm run generate`);
});

const extra: Rule = {
  id: 'example-opt-in',
  description: 'An opt-in rule | with a pipe.',
  defaultSeverity: 'info',
  enabledByDefault: false,
  tags: [],
  options: { limit: { type: 'number', markdownDescription: 'A limit.' } },
  messages: { en: { m: 'x' }, ja: { m: 'x' } },
  check() {},
};

test('a new registry entry appears in the schema, the settings enum and the README table', () => {
  const files = Object.fromEntries(generatedFiles().map((f) => [f.path, f.current]));
  const rules = [...RULES, extra];
  const schema = JSON.parse(generateSchema(files['schemas/postmortemrc.schema.json'], rules));
  const entry = schema.properties.rules.properties['example-opt-in'];
  assert.match(entry.markdownDescription, /^An opt-in rule \| with a pipe\.\n\nDefault: off; `true` turns it on at `info`\./);
  assert.deepEqual(entry.oneOf[2].properties.options.properties, { limit: { type: 'number', markdownDescription: 'A limit.' } });
  assert.deepEqual(schema.examples, [{ rules: Object.fromEntries(rules.filter((r) => r.enabledByDefault === false).map((r) => [r.id, r.defaultSeverity])) }]);
  assert.ok(schema.properties.rules.properties.default, 'the "default" key survives');
  const pkg = JSON.parse(generatePackageJson(files['package.json'], rules));
  assert.deepEqual(Object.keys(pkg.contributes.configuration.properties['postmortem.rules'].properties), rules.map((r) => r.id));
  const readme = generateReadme(files['README.md'], rules);
  assert.ok(readme.includes('| [`example-opt-in`](docs/rules/example-opt-in.md) | off | An opt-in rule \\| with a pipe. |'));
  assert.equal(readme.split(readmeTable(rules)).length, 2, 'the table appears once');
  assert.throws(() => generateReadme('# no markers\n', rules), /no <!-- rules:start/);
});

test('an off-by-default rule runs only when the config turns it on', () => {
  const ran: string[] = [];
  const rule: Rule = { ...extra, check: (ctx) => void ran.push(ctx.config.rules[extra.id]?.severity ?? 'default') };
  assert.equal(severityOf(rule, resolveConfig()), 'off');
  assert.equal(severityOf(rule, resolveConfig({ rules: { 'example-opt-in': true } })), 'info');
  assert.equal(severityOf(rule, resolveConfig({ rules: { 'example-opt-in': 'error' } })), 'error');
  assert.equal(severityOf(rule, resolveConfig({ rules: { 'example-opt-in': 'off' } }, { rules: { 'example-opt-in': true } })), 'info', 'a nearer `true` wins over an earlier off');
  assert.equal(severityOf(rule, resolveConfig({ rules: { 'example-opt-in': true } }, { rules: { 'example-opt-in': false } })), 'off');
  // `"default": "off"` then `true`: on with the default severity (it used to stay off).
  assert.equal(severityOf(RULES[0], resolveConfig({ rules: { default: 'off', [RULES[0].id]: true } as never })), RULES[0].defaultSeverity);
  lint('# x\n', { rules: [rule] });
  assert.deepEqual(ran, []);
  lint('# x\n', { rules: [rule], config: resolveConfig({ rules: { 'example-opt-in': true } }) });
  assert.deepEqual(ran, ['default']);
});
