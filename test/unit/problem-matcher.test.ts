// The `$postmortem` problem matcher (package.json contributes.problemMatchers) reads the CLI's text
// output: its regular expression is run here over real `postmortem lint` output, and every line
// must give the same file, position, severity, rule and message as `--format json` reports.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import pkg from '../../package.json';

const root = join(__dirname, '..', '..');
const cli = join(root, 'dist', 'cli.js');

before(() => {
  if (!existsSync(cli)) execFileSync(process.execPath, [join(root, 'scripts', 'build.mjs')], { cwd: root });
});

interface JsonFinding { file: string; line: number; column: number; rule: string; severity: string; message: string }

test('$postmortem reads every finding line of the CLI text output, as --format json reports it', () => {
  const [matcher] = pkg.contributes.problemMatchers;
  assert.equal(matcher.name, 'postmortem');
  const p = matcher.pattern;
  const re = new RegExp(p.regexp);
  // A report whose path has spaces and a Japanese report, beside the sample and the rule fixtures.
  const dir = mkdtempSync(join(tmpdir(), 'postmortem matcher-'));
  try {
    copyFileSync(join(root, 'examples', 'sample-postmortem.md'), join(dir, 'our checkout postmortem.md'));
    const targets = ['examples', 'test/fixtures', relative(root, dir)];
    const run = (args: string[]) => spawnSync(process.execPath, [cli, 'lint', ...args, '--today', '2025-06-01', ...targets], { cwd: root, encoding: 'utf8' });
    const text = run([]);
    const json = JSON.parse(run(['--format', 'json']).stdout) as JsonFinding[];
    assert.ok(json.length > 100, `${json.length} findings`);
    assert.ok(json.some((f) => /[\u3040-\u30ff]/.test(f.message)), 'Japanese messages are included');
    assert.ok(json.some((f) => f.file.includes(' ')), 'a path with spaces is included');
    const lines = text.stdout.split('\n').filter(Boolean);
    const matched = lines.map((l) => re.exec(l)).filter((m) => m !== null);
    const read = matched.map((m) => ({ file: m[p.file], line: Number(m[p.line]), column: Number(m[p.column]), rule: m[p.code], severity: m[p.severity], message: m[p.message] }));
    assert.deepEqual(read, json.map(({ file, line, column, rule, severity, message }) => ({ file, line, column, rule, severity, message })));
    // The lines left over (the summary) do not look like findings.
    const rest = lines.filter((l) => !re.test(l));
    assert.ok(rest.length < lines.length / 10 && rest.every((l) => !/:\d+:\d+ /.test(l)), rest.join('\n'));
    assert.ok(['error', 'warning', 'info'].includes(read[0].severity));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
