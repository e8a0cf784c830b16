// The rule registry is the single source of what the project says about its rules. From it this
// script writes (markdownlint generates its schema and rule docs index the same way):
//
// - the `rules` entries of the config schema (schemas/postmortemrc.schema.json), its examples and
//   the defaults it shows (the engine's),
// - the `postmortem.rules` setting's properties in package.json,
// - the rule table of README.md and of the extension's README.extension.md (between the
//   `rules:start` / `rules:end` comments).
//
//   npm run generate          # rewrite the files
//   npm run generate -- --check   # exit 1 and name the stale files (test/unit/generated.test.ts does the same)
//
// Adding a rule is then its file in server/src/engine/rules/, its entry in rules/index.ts, its
// docs page and its fixtures.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { RULES } from '../server/src/engine/rules/index';
import { defaultConfig } from '../server/src/engine/config';
import type { Rule } from '../server/src/engine/types';

const SEVERITY_ENUM = ['off', 'hint', 'info', 'warning', 'error'];
export const README_START = '<!-- rules:start (generated from the rule registry by `npm run generate`; do not edit by hand) -->';
export const README_END = '<!-- rules:end -->';

function defaultText(r: Rule): string {
  return r.enabledByDefault === false ? `off; \`true\` turns it on at \`${r.defaultSeverity}\`` : `\`${r.defaultSeverity}\``;
}

/** The severity a rule has when nothing configures it (the schema's `default`, what a starter config writes). */
export function ruleDefault(r: Rule): string {
  return r.enabledByDefault === false ? 'off' : r.defaultSeverity;
}

function schemaEntry(r: Rule): Record<string, unknown> {
  const markdownDescription = `${r.description}\n\nDefault: ${defaultText(r)}. See \`docs/rules/${r.id}.md\`.`;
  if (!r.options) return { $ref: '#/definitions/ruleSetting', default: ruleDefault(r), markdownDescription };
  return {
    default: ruleDefault(r),
    oneOf: [
      { $ref: '#/definitions/severity' },
      { type: 'boolean' },
      {
        type: 'object',
        additionalProperties: false,
        properties: { severity: { $ref: '#/definitions/severity' }, options: { type: 'object', properties: r.options } },
      },
    ],
    markdownDescription,
  };
}

/** An example config in the schema: every off-by-default rule turned on. */
function schemaExamples(rules: readonly Rule[]): unknown[] {
  const optIn = rules.filter((r) => r.enabledByDefault === false);
  return optIn.length ? [{ rules: Object.fromEntries(optIn.map((r) => [r.id, r.defaultSeverity])) }] : [];
}

const json = (v: unknown) => JSON.stringify(v, null, 2) + '\n';

export function generateSchema(current: string, rules: readonly Rule[] = RULES): string {
  const schema = JSON.parse(current);
  const props: Record<string, unknown> = { default: schema.properties.rules.properties.default };
  for (const r of rules) props[r.id] = schemaEntry(r);
  schema.properties.rules.properties = props;
  // The defaults the schema shows (and the starter config writes) are the engine's own.
  for (const [key, value] of Object.entries(defaultConfig())) {
    if (key !== 'rules' && schema.properties[key] && 'default' in schema.properties[key]) schema.properties[key].default = value;
  }
  const examples = schemaExamples(rules);
  if (examples.length) schema.examples = examples;
  else delete schema.examples;
  return json(schema);
}

export function generatePackageJson(current: string, rules: readonly Rule[] = RULES): string {
  const pkg = JSON.parse(current);
  const setting = pkg.contributes.configuration.properties['postmortem.rules'];
  setting.properties = Object.fromEntries(rules.map((r) => [r.id, { enum: [...SEVERITY_ENUM] }]));
  return json(pkg);
}

export function readmeTable(rules: readonly Rule[] = RULES): string {
  const rows = rules.map((r) => `| [\`${r.id}\`](docs/rules/${r.id}.md) | ${r.enabledByDefault === false ? 'off' : r.defaultSeverity} | ${(r.summary ?? r.description).replace(/\|/g, '\\|')} |`);
  return ['| rule | default | what it finds |', '| --- | --- | --- |', ...rows].join('\n');
}

export function generateReadme(current: string, rules: readonly Rule[] = RULES): string {
  const start = current.indexOf(README_START);
  const end = current.indexOf(README_END);
  if (start < 0 || end < start) throw new Error(`README.md has no ${README_START} ... ${README_END} block`);
  return current.slice(0, start + README_START.length) + '\n' + readmeTable(rules) + '\n' + current.slice(end);
}

const root = join(__dirname, '..');

/** Each generated file: its path, what is on disk and what the registry says it should be. */
export function generatedFiles(): { path: string; current: string; expected: string }[] {
  const files: [string, (s: string) => string][] = [
    ['schemas/postmortemrc.schema.json', generateSchema],
    ['package.json', generatePackageJson],
    ['README.md', generateReadme],
    ['README.extension.md', generateReadme],
  ];
  return files.map(([path, gen]) => {
    const current = readFileSync(join(root, path), 'utf8');
    return { path, current, expected: gen(current) };
  });
}

if (require.main === module) {
  const check = process.argv.includes('--check');
  const stale = generatedFiles().filter((f) => f.current !== f.expected);
  if (check) {
    for (const f of stale) process.stderr.write(`${f.path} is stale: run npm run generate\n`);
    process.exitCode = stale.length ? 1 : 0;
  } else {
    for (const f of stale) {
      writeFileSync(join(root, f.path), f.expected);
      process.stdout.write(`wrote ${f.path}\n`);
    }
    if (!stale.length) process.stdout.write('generated files are up to date\n');
  }
}
