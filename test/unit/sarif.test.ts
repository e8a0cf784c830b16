// SARIF that stands alone: valid against the SARIF 2.1.0 schema (vendored in test/schemas/), each
// rule with its docs page as help, a helpUri when package.json names a repository, and the
// driver's informationUri.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync, execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import type { Log, ReportingDescriptor } from 'sarif';
import { formatSarif } from '../../server/src/cli-format';
import { RULES } from '../../server/src/engine/rules';
import { lint } from '../../server/src/engine/lint';
import { PACKAGE, repositoryFileUrl, repositoryWebUrl } from '../../server/src/node/rule-docs';

const root = join(__dirname, '..', '..');
const cli = join(root, 'dist', 'cli.js');
const sample = join(root, 'examples', 'sample-postmortem.md');

before(() => {
  if (!existsSync(cli)) execFileSync(process.execPath, [join(root, 'scripts', 'build.mjs')], { cwd: root });
});

// The schema's language pattern ends in a stray "]", an error in Unicode mode: it is compiled as a plain RegExp.
const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
addFormats(ajv);
const validate = ajv.compile(JSON.parse(readFileSync(join(root, 'test', 'schemas', 'sarif-2.1.0-rtm.5.json'), 'utf8')));

function assertValid(log: unknown) {
  const ok = validate(log);
  assert.ok(ok, JSON.stringify(validate.errors?.slice(0, 5), null, 2));
}

function cliSarif(args: string[]): Log {
  const r = spawnSync(process.execPath, [cli, 'lint', '--format', 'sarif', ...args], { cwd: root, encoding: 'utf8' });
  assert.ok(r.status === 0 || r.status === 1, r.stderr);
  return JSON.parse(r.stdout) as Log;
}

test('the schema check is real: it rejects a log with a bad level and one without a version', () => {
  assert.equal(validate({ version: '2.1.0', runs: [{ tool: { driver: { name: 'x' } }, results: [{ message: { text: 'm' }, level: 'fatal' }] }] }), false);
  assert.equal(validate({ runs: [] }), false);
  assert.equal(validate({ version: '2.1.0', runs: [{ tool: { driver: { name: 'x', informationUri: 'not a uri' } } }] }), false);
});

test('the CLI SARIF output validates against the SARIF 2.1.0 schema, with findings and with none', () => {
  const log = cliSarif([sample]);
  assert.ok(log.runs[0].results!.length > 10);
  assertValid(log);
  assertValid(cliSarif(['--quiet', join(root, 'README.md')]));
});

test('every rule carries its docs page: full description, help text and Markdown', () => {
  const log = cliSarif([sample]);
  const rules = log.runs[0].tool.driver.rules!;
  assert.deepEqual(rules.map((r) => r.id), RULES.map((r) => r.id));
  for (const rule of rules) {
    const page = readFileSync(join(root, 'docs', 'rules', `${rule.id}.md`), 'utf8');
    const meta = RULES.find((r) => r.id === rule.id)!;
    assert.equal(rule.shortDescription!.text, meta.description);
    assert.ok(rule.fullDescription!.text.length > meta.description.length, `${rule.id}: the full description says what the rule checks`);
    assert.ok(rule.fullDescription!.text.startsWith(meta.description) || page.includes(rule.fullDescription!.text.split('\n')[0]), rule.id);
    // The page is the help, whole: same headings, same examples.
    assert.ok(rule.help!.markdown!.startsWith(`# ${rule.id}\n`), rule.id);
    for (const heading of page.match(/^## .+$/gm) ?? []) assert.ok(rule.help!.markdown!.includes(heading), `${rule.id}: ${heading}`);
    // Plain text keeps code blocks as written and drops the Markdown around prose.
    assert.ok(rule.help!.text.startsWith(`${rule.id}\n`), rule.id);
    assert.doesNotMatch(rule.help!.text.replace(/```[\s\S]*?```/g, ''), /^#+ |\*\*/m, rule.id);
    for (const block of page.match(/```[\s\S]*?```/g) ?? []) assert.ok(rule.help!.text.includes(block), `${rule.id}: code block kept`);
    assert.equal(rule.defaultConfiguration!.level, meta.defaultSeverity === 'error' ? 'error' : meta.defaultSeverity === 'warning' ? 'warning' : 'note');
    assert.equal(rule.defaultConfiguration!.enabled, meta.enabledByDefault !== false);
  }
});

test('helpUri and informationUri follow package.json: the repository when it names one, the npm page otherwise', () => {
  const driver = cliSarif([sample]).runs[0].tool.driver;
  const home = repositoryWebUrl(PACKAGE.repository);
  assert.equal(driver.informationUri, home ?? `https://www.npmjs.com/package/${PACKAGE.name}`);
  assert.equal(driver.version, PACKAGE.version);
  for (const rule of driver.rules!) assert.equal(rule.helpUri, repositoryFileUrl(PACKAGE.repository, `docs/rules/${rule.id}.md`));
  if (!home) {
    // Without a repository, links relative to docs/rules/ would be broken in the user's repository: they become text.
    const vague = driver.rules!.find((r) => r.id === 'vague-action')!;
    assert.match(vague.help!.markdown!, /see \.\.\/precision\.md\./);
    assert.doesNotMatch(vague.help!.markdown!, /\]\(\.\.\//);
  }
});

test('with a repository, every rule links to its page and relative links point into the repository; still valid SARIF', () => {
  const text = readFileSync(sample, 'utf8');
  const findings = lint(text).findings;
  const log = JSON.parse(
    formatSarif([{ file: join(root, 'x', 'report.md'), text, findings }], root, { name: 'postmortem-lint', version: '9.9.9', repository: { type: 'git', url: 'git+https://github.com/acme/postmortem-lint.git' } }),
  ) as Log;
  assertValid(log);
  const driver = log.runs[0].tool.driver;
  assert.equal(driver.informationUri, 'https://github.com/acme/postmortem-lint');
  assert.equal(driver.semanticVersion, '9.9.9');
  const byId = new Map(driver.rules!.map((r: ReportingDescriptor) => [r.id, r]));
  assert.equal(byId.get('missing-owner')!.helpUri, 'https://github.com/acme/postmortem-lint/blob/HEAD/docs/rules/missing-owner.md');
  assert.match(byId.get('vague-action')!.help!.markdown!, /\[\.\.\/precision\.md\]\(https:\/\/github\.com\/acme\/postmortem-lint\/blob\/HEAD\/docs\/precision\.md\)/);
  assert.match(byId.get('duration-mismatch')!.help!.markdown!, /\(https:\/\/github\.com\/acme\/postmortem-lint\/blob\/HEAD\/docs\/stats\.md\)/);
  assert.equal(log.runs[0].results!.length, findings.length);
  assert.equal(log.runs[0].results![0].locations![0].physicalLocation!.artifactLocation!.uri, 'x/report.md');
});

test('repository field forms give the web address (npm shortcuts, git URLs, objects with a directory)', () => {
  const cases: [Parameters<typeof repositoryWebUrl>[0], string | undefined][] = [
    ['acme/pm', 'https://github.com/acme/pm'],
    ['github:acme/pm', 'https://github.com/acme/pm'],
    ['gitlab:acme/pm', 'https://gitlab.com/acme/pm'],
    ['git+https://github.com/acme/pm.git', 'https://github.com/acme/pm'],
    ['git@github.com:acme/pm.git', 'https://github.com/acme/pm'],
    ['git://github.com/acme/pm.git', 'https://github.com/acme/pm'],
    ['ssh://git@gitlab.example.com/team/pm.git', 'https://gitlab.example.com/team/pm'],
    [{ type: 'git', url: 'https://github.com/acme/pm' }, 'https://github.com/acme/pm'],
    [undefined, undefined],
    ['', undefined],
    [{ type: 'git' }, undefined],
    ['not a url', undefined],
  ];
  for (const [input, want] of cases) assert.equal(repositoryWebUrl(input), want, JSON.stringify(input));
  assert.equal(repositoryFileUrl({ type: 'git', url: 'https://github.com/acme/mono.git', directory: 'packages/pm' }, 'docs/a.md'), 'https://github.com/acme/mono/blob/HEAD/packages/pm/docs/a.md');
  assert.equal(repositoryFileUrl('gitlab:acme/pm', 'docs/a.md'), 'https://gitlab.com/acme/pm/-/blob/HEAD/docs/a.md');
  assert.equal(repositoryFileUrl(undefined, 'docs/a.md'), undefined);
});
