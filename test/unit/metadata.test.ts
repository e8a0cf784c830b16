// Consistency of everything the extension contributes statically: rule docs, the config schema,
// settings and their localized descriptions, commands, snippets and l10n bundles. Each page's
// Bad and Good examples are linted, so the docs cannot drift from what the rules do.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { RULES } from '../../server/src/engine/rules/index';
import { lint } from '../../server/src/engine/lint';
import type { TimelineEntry } from '../../server/src/engine/model';
import { resolveConfig, ConfigError, type ConfigInput } from '../../server/src/engine/config';
import { findingIdsWithoutRule } from '../helpers/finding-ids';

const root = join(__dirname, '..', '..');
const read = (p: string) => readFileSync(join(root, p), 'utf8');
const readJson = (p: string) => JSON.parse(read(p));

/** JSON with // and /* *\/ comments and trailing commas, as VS Code reads .code-snippets files. */
function parseJsonc(text: string): unknown {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '"') {
      let j = i + 1;
      while (j < text.length && text[j] !== '"') j += text[j] === '\\' ? 2 : 1;
      out += text.slice(i, j + 1);
      i = j;
    } else if (c === '/' && text[i + 1] === '/') {
      while (i < text.length && text[i] !== '\n') i++;
      out += '\n';
    } else if (c === '/' && text[i + 1] === '*') {
      const end = text.indexOf('*/', i + 2);
      i = end < 0 ? text.length : end + 1;
    } else out += c;
  }
  return JSON.parse(out.replace(/,(\s*[}\]])/g, '$1'));
}

/**
 * The first ```markdown example after a "Bad"/"Good" label outside code fences: a heading
 * (`## Bad`, `### Good example`) or a label line (`Bad:`, `**Good:**`).
 */
function example(md: string, label: 'Bad' | 'Good'): string | undefined {
  const lines = md.split('\n');
  const labelRe = new RegExp(`^(?:#{2,4}\\s+)?\\**${label}(?: example)?\\**:?\\**\\s*$`, 'i');
  let inFence = false;
  for (let i = 0; i < lines.length; i++) {
    if (/^\s*```/.test(lines[i])) inFence = !inFence;
    if (inFence || !labelRe.test(lines[i].trim())) continue;
    for (let j = i + 1; j < lines.length; j++) {
      if (/^#{1,4}\s/.test(lines[j]) || labelRe.test(lines[j].trim())) break;
      if (lines[j].trim() !== '```markdown') continue;
      const end = lines.indexOf('```', j + 1);
      return end > j ? lines.slice(j + 1, end).join('\n') + '\n' : undefined;
    }
  }
  return undefined;
}

const registryIds = RULES.map((r) => r.id);

test('every registered rule has a docs page whose Bad example is flagged and whose Good example is not', () => {
  assert.ok(RULES.length >= 10, `expected the registry to hold the rules, found ${RULES.length}`);
  const problems: string[] = [];
  for (const rule of RULES) {
    const path = `docs/rules/${rule.id}.md`;
    if (!existsSync(join(root, path))) {
      problems.push(`${path} is missing`);
      continue;
    }
    const md = read(path);
    if (!md.startsWith(`# ${rule.id}\n`)) problems.push(`${path} does not start with "# ${rule.id}"`);
    if (!md.includes(`Default severity: **${rule.defaultSeverity}**`) && !md.includes(`**Default severity:** ${rule.defaultSeverity}`)) problems.push(`${path} does not state the default severity ${rule.defaultSeverity}`);
    if (!md.includes(`postmortem-disable-next-line ${rule.id}`)) problems.push(`${path} does not show how to disable it inline`);
    // Rules that are off by default are turned on to check their examples.
    const on = resolveConfig({ rules: { [rule.id]: true } });
    const bad = example(md, 'Bad');
    const good = example(md, 'Good');
    if (!bad) problems.push(`${path} has no "Bad" example in a \`\`\`markdown example`);
    else if (!lint(bad, { rules: [rule], config: on }).findings.some((f) => f.rule === rule.id)) problems.push(`${path}: the Bad example is not flagged by ${rule.id}`);
    if (!good) problems.push(`${path} has no "Good" example in a \`\`\`markdown example`);
    else for (const f of lint(good, { rules: [rule], config: on }).findings.filter((x) => x.rule === rule.id)) problems.push(`${path}: the Good example is flagged on its line ${f.range.start.line + 1}: ${f.message}`);
  }
  assert.deepEqual(problems, []);
});

// Their diagnostics link to docs/rules/<id>.md like a rule's (codeDescription, hover, SARIF help).
test('every finding id that is not a rule (too-large, config, check-failed ...) has a docs page saying what it means and what to do', () => {
  const ids = findingIdsWithoutRule();
  for (const id of ['check-failed', 'config', 'too-large', 'too-many-findings', 'unknown-rule-id']) assert.ok(ids.includes(id), `${id} is no longer found in server/src`);
  const problems: string[] = [];
  for (const id of ids) {
    const path = `docs/rules/${id}.md`;
    if (!existsSync(join(root, path))) {
      problems.push(`${path} is missing`);
      continue;
    }
    const md = read(path);
    if (!md.startsWith(`# ${id}\n`)) problems.push(`${path} does not start with "# ${id}"`);
    for (const h of ['## What it means', '## What to do', '## Example']) if (!md.includes(`\n${h}\n`)) problems.push(`${path} has no "${h}" section`);
  }
  assert.deepEqual(problems, []);
});

test('the config schema lists exactly the registry rule ids', () => {
  const schema = readJson('schemas/postmortemrc.schema.json');
  const schemaIds = Object.keys(schema.properties.rules.properties).filter((k) => k !== 'default').sort();
  const expected = [...registryIds].sort();
  assert.deepEqual(schemaIds, expected);
  for (const r of RULES) {
    const d: string = schema.properties.rules.properties[r.id].markdownDescription;
    assert.ok(d.startsWith(r.description), `schema description of ${r.id} follows the rule's own description`);
    assert.ok(d.includes(`\`${r.defaultSeverity}\``), `schema description of ${r.id} names its default severity`);
  }
  const pkg = readJson('package.json');
  const settingIds = Object.keys(pkg.contributes.configuration.properties['postmortem.rules'].properties).sort();
  assert.deepEqual(settingIds, expected, 'postmortem.rules setting lists the same rule ids');
});

test('the config schema has one property per ConfigInput key', () => {
  const src = read('server/src/engine/config.ts');
  const body = /export interface ConfigInput \{([\s\S]*?)\n\}/.exec(src)?.[1];
  assert.ok(body, 'ConfigInput found in config.ts');
  const keys = [...body.matchAll(/^\s*(\w+)\?:/gm)].map((m) => m[1]).sort();
  assert.ok(keys.length >= 10, `ConfigInput keys: ${keys.join(', ')}`);
  const schema = readJson('schemas/postmortemrc.schema.json');
  const props = Object.keys(schema.properties).filter((k) => k !== '$schema').sort();
  assert.deepEqual(props, keys);
  for (const k of props) assert.ok(schema.properties[k].markdownDescription, `schema property ${k} has a markdownDescription`);
});

test('the schema and the engine agree on valid and invalid configs', (t) => {
  const schema = readJson('schemas/postmortemrc.schema.json');
  const valid: ConfigInput[] = [
    { rules: { 'missing-owner': 'error', 'timeline-order': false, 'missing-priority': { severity: 'hint', options: {} }, default: 'off' } as ConfigInput['rules'] },
    { requiredSections: ['summary', 'timeline'], requiredHeaderFields: ['date', 'reviewed'], locale: 'ja' },
    { vagueVerbs: ['harden'], allowedTerms: ['Careless Whisper'], placeholderOwners: ['TBD'], people: ['Alice'], files: ['reports/**/*.md'], ignore: ['drafts/**'] },
  ];
  const invalid: unknown[] = [{ rules: { 'missing-owner': 'loud' } }, { locale: 'fr' }, { vagueVerbs: 'harden' }, { rules: { 'missing-owner': { severity: 'fatal' } } }];
  for (const c of valid) assert.deepEqual(resolveConfig(c).problems, [], JSON.stringify(c));
  // Unusable entries are dropped and reported; only a configuration that is not an object is refused.
  for (const c of invalid) assert.ok(resolveConfig(c as ConfigInput).problems.length > 0, JSON.stringify(c));
  assert.throws(() => resolveConfig(['not', 'an', 'object'] as unknown as ConfigInput), ConfigError);
  let Ajv: new (o: object) => { compile(s: object): ((d: unknown) => boolean) & { errors?: unknown } };
  try {
    Ajv = createRequire(__filename)('ajv');
  } catch {
    t.skip('ajv is not installed (it comes with the devDependencies): schema validation not run');
    return;
  }
  const validate = new Ajv({ strict: false, allErrors: true }).compile(schema);
  for (const c of valid) assert.ok(validate(c), `schema accepts ${JSON.stringify(c)}: ${JSON.stringify(validate.errors)}`);
  for (const c of invalid) assert.ok(!validate(c), `schema rejects ${JSON.stringify(c)}`);
  assert.ok(!validate({ rules: { 'missing-ownr': 'error' } }), 'schema rejects a misspelt rule id');
});

function collectNlsKeys(v: unknown, out: Set<string>): void {
  if (typeof v === 'string') {
    const m = /^%([^%\s]+)%$/.exec(v);
    if (m) out.add(m[1]);
  } else if (Array.isArray(v)) v.forEach((x) => collectNlsKeys(x, out));
  else if (v && typeof v === 'object') Object.values(v).forEach((x) => collectNlsKeys(x, out));
}

test('every %key% in package.json is in package.nls.json and package.nls.ja.json, and the two agree', () => {
  const pkg = readJson('package.json');
  const en = readJson('package.nls.json');
  const ja = readJson('package.nls.ja.json');
  const used = new Set<string>();
  collectNlsKeys(pkg, used);
  assert.ok(used.has('displayName') && used.has('description'), 'displayName and description are localized');
  for (const k of used) {
    assert.equal(typeof en[k], 'string', `package.nls.json has "${k}"`);
    assert.equal(typeof ja[k], 'string', `package.nls.ja.json has "${k}"`);
    assert.ok(en[k].trim() && ja[k].trim(), `"${k}" is not empty`);
  }
  assert.deepEqual(Object.keys(ja).sort(), Object.keys(en).sort(), 'both nls files have the same keys');
  for (const k of Object.keys(en)) assert.ok(used.has(k), `package.nls.json key "${k}" is used in package.json`);
});

test('settings: the contract keys are contributed with localized markdown descriptions', () => {
  const props = readJson('package.json').contributes.configuration.properties;
  for (const key of ['postmortem.enable', 'postmortem.rules', 'postmortem.files', 'postmortem.locale', 'postmortem.trace.server']) {
    assert.ok(props[key], `${key} is contributed`);
    assert.match(props[key].markdownDescription ?? props[key].description ?? '', /^%.+%$/, `${key} has a %key% description`);
  }
  assert.deepEqual(props['postmortem.locale'].enum, ['auto', 'en', 'ja']);
  assert.deepEqual(props['postmortem.rules'].additionalProperties.enum, ['off', 'hint', 'info', 'warning', 'error']);
});

test('every contributed command has a title and a category', () => {
  const pkg = readJson('package.json');
  const en = readJson('package.nls.json');
  const commands: { command: string; title?: string; category?: string }[] = pkg.contributes.commands ?? [];
  assert.ok(commands.length > 0, 'commands are contributed');
  for (const c of commands) {
    assert.match(c.command, /^postmortem\./, `${c.command} is in the postmortem namespace`);
    assert.ok(c.title && c.title.trim(), `${c.command} has a title`);
    const m = /^%(.+)%$/.exec(c.title);
    if (m) assert.ok(en[m[1]], `${c.command} title key ${m[1]} resolves`);
    assert.ok(c.category, `${c.command} has a category`);
  }
});

test('contributed files exist: snippets, grammar, schema', () => {
  const c = readJson('package.json').contributes;
  for (const s of c.snippets) assert.ok(existsSync(join(root, s.path)), s.path);
  for (const g of c.grammars) {
    assert.ok(existsSync(join(root, g.path)), g.path);
    assert.equal(readJson(g.path).scopeName, g.scopeName, `${g.path} declares scope ${g.scopeName}`);
    assert.deepEqual(g.injectTo, ['text.html.markdown']);
  }
  for (const v of [...(c.jsonValidation ?? []), ...(c.yamlValidation ?? [])]) assert.ok(existsSync(join(root, v.url)), v.url);
});

type Snippet = { prefix: string | string[]; body: string | string[]; description: string };
const SNIPPET_VARS: Record<string, string> = { CURRENT_YEAR: '2025', CURRENT_MONTH: '02', CURRENT_DATE: '09', CURRENT_HOUR: '19', CURRENT_MINUTE: '05', CURRENT_TIMEZONE_OFFSET: '+09:00' };

/** The text a snippet inserts when every placeholder keeps its default (first choice for choices). */
function expandSnippet(body: string | string[]): string {
  let s = Array.isArray(body) ? body.join('\n') : body;
  for (let prev = ''; prev !== s; ) {
    prev = s;
    s = s
      .replace(/\$\{\d+:([^{}]*)\}/g, '$1')
      .replace(/\$\{\d+\|([^,|]*)[^|]*\|\}/g, '$1')
      .replace(/\$([A-Z_]+)/g, (m, v: string) => SNIPPET_VARS[v] ?? m)
      .replace(/\$\d+/g, '');
  }
  return s;
}

test('the snippets file parses and every snippet has a prefix, a body and a description', () => {
  const snippets = parseJsonc(read('snippets/postmortem.code-snippets')) as Record<string, Snippet>;
  const names = Object.keys(snippets);
  assert.ok(names.length >= 8, `found ${names.length} snippets`);
  const prefixes = new Set<string>();
  for (const [name, s] of Object.entries(snippets)) {
    assert.ok(s.prefix && s.prefix.length, `${name} has a prefix`);
    assert.ok(s.body && s.body.length, `${name} has a body`);
    assert.ok(typeof s.description === 'string' && s.description.trim(), `${name} has a description`);
    for (const p of [s.prefix].flat()) {
      assert.ok(!prefixes.has(p), `prefix ${p} is used once`);
      prefixes.add(p);
    }
  }
  for (const p of ['postmortem', 'postmortem-ja', 'pm-timeline', 'pm-row', 'pm-actions', 'pm-action', 'pm-factor', 'pm-5whys']) assert.ok(prefixes.has(p), `prefix ${p} exists`);
  // The "New post-mortem from template" command inserts these by name.
  assert.ok(snippets['Post-mortem report'] && snippets['Post-mortem report (Japanese)']);
  const rowDescription = Object.values(snippets).find((s) => [s.prefix].flat().includes('pm-row'))!.description;
  assert.match(rowDescription, /local/i, 'pm-row says snippet time variables are local time');
});

test('the report templates have every required section and header field, and the stamped row is a readable time', () => {
  const snippets = parseJsonc(read('snippets/postmortem.code-snippets')) as Record<string, Snippet>;
  const row = expandSnippet(snippets['Timeline row (now)'].body);
  assert.equal(row, '| 19:05+09:00 | Event | Source | @handle |');
  for (const [name, locale] of [['Post-mortem report', 'en'], ['Post-mortem report (Japanese)', 'ja']] as const) {
    const text = expandSnippet(snippets[name].body);
    const { doc, findings } = lint(text, { locale });
    const structural = findings.filter((f) => f.rule === 'missing-section' || f.rule === 'missing-header-field' || f.rule === 'single-contributing-factor');
    assert.deepEqual(structural.map((f) => f.message), [], `${name}: no structural findings`);
    // The action row's default owner is a placeholder to fill in, and says so until it is.
    assert.ok(findings.some((f) => f.rule === 'missing-owner' && /placeholder|仮の値/.test(f.message)), `${name}: the template's placeholder owner is flagged`);
    assert.ok(doc.timeline.zone, `${name}: the timeline names its zone`);
    assert.equal(doc.actionItems.items.length, 1, `${name}: one action item row`);
    // A row stamped by pm-row, added under the template's row, is read with its offset.
    const withRow: string = text.replace(/^(\| HH:MM .*)$/m, `| 09:00 | first | x | @a |\n${row}`);
    const entries: TimelineEntry[] = lint(withRow, { locale }).doc.timeline.entries;
    const stamped: TimelineEntry | undefined = entries.find((e) => e.timeText.startsWith('19:05'));
    assert.equal(entries.length, 2, `${name}: both rows are timeline entries`);
    assert.equal(stamped?.time?.offsetMinutes, 540, `${name}: the stamped row is read with its +09:00 offset`);
  }
});

test('l10n bundles: the Japanese bundle translates exactly the English keys', (t) => {
  const pkg = readJson('package.json');
  if (!pkg.l10n) {
    t.skip('package.json has no "l10n" entry');
    return;
  }
  const en = readJson(join(pkg.l10n, 'bundle.l10n.json'));
  const ja = readJson(join(pkg.l10n, 'bundle.l10n.ja.json'));
  assert.ok(Object.keys(en).length > 0);
  assert.deepEqual(Object.keys(ja).sort(), Object.keys(en).sort());
  for (const [k, v] of Object.entries<string>(ja)) {
    const placeholders = (s: string) => (s.match(/\{\d+\}|\{\w+\}/g) ?? []).sort();
    assert.deepEqual(placeholders(v), placeholders(k), `"${k}": the translation keeps the placeholders`);
  }
});
