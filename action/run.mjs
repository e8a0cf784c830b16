// The script action.yml runs: the CLI twice through npx, once for the SARIF report (written to a
// file) and once for the log (GitHub workflow commands, which annotate the pull request, or
// text), whose exit status is the step's. Inputs come from INPUT_* variables; results go to
// GITHUB_OUTPUT (exit-code, sarif-file) and the summary line to GITHUB_STEP_SUMMARY.
//
// Plain Node.js, no dependencies: it runs from the action's checkout, which is never built.
import { spawnSync } from 'node:child_process';
import { appendFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const env = process.env;
const input = (name, fallback = '') => (env[`INPUT_${name}`] ?? '').trim() || fallback;

/** Files, folders or globs: one per line, or separated by spaces on one line. */
export function parseFiles(text) {
  const lines = text.split(/\r?\n/).map((l) => l.trim()).filter(Boolean);
  const items = lines.length === 1 ? lines[0].split(/\s+/) : lines;
  return items.length ? items : ['.'];
}

export function lintArgs() {
  const args = [];
  if (input('CONFIG')) args.push('--config', input('CONFIG'));
  if (input('TODAY')) args.push('--today', input('TODAY'));
  return [...args, '--', ...parseFiles(input('FILES'))];
}

function npx(args, stdout) {
  const cmd = ['--yes', '--package', input('PACKAGE', 'postmortem-lint'), 'postmortem', 'lint', ...args];
  return spawnSync('npx', cmd, { stdio: ['ignore', stdout, 'pipe'], encoding: 'utf8', shell: process.platform === 'win32', maxBuffer: 1 << 30 });
}

function setOutput(name, value) {
  if (env.GITHUB_OUTPUT) appendFileSync(env.GITHUB_OUTPUT, `${name}=${value}\n`);
}

function main() {
  const files = lintArgs();
  let sarif = input('SARIF_FILE');
  if (sarif) {
    const r = npx(['--format', 'sarif', ...files], 'pipe');
    if (r.status === 0 || r.status === 1) writeFileSync(resolve(sarif), r.stdout);
    else {
      process.stderr.write(r.stderr ?? String(r.error));
      sarif = '';
    }
  }
  setOutput('sarif-file', sarif);
  const format = input('ANNOTATE', 'true') === 'true' ? 'github' : 'text';
  const r = npx(['--format', format, '--max-warnings', input('MAX_WARNINGS', '-1'), ...files], 'pipe');
  process.stdout.write(r.stdout ?? '');
  process.stderr.write(r.stderr ?? (r.error ? `${r.error}\n` : ''));
  const code = r.status ?? 2;
  setOutput('exit-code', code);
  const summary = (r.stdout ?? '').trimEnd().split('\n').at(-1) ?? '';
  if (env.GITHUB_STEP_SUMMARY && /^[✖✔] /.test(summary)) {
    const extra = (r.stderr ?? '').split('\n').filter((l) => l.startsWith('postmortem: too many warnings'));
    appendFileSync(env.GITHUB_STEP_SUMMARY, `### Post-mortem lint\n\n${[summary, ...extra].join('\n\n')}\n`);
  }
  return code;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) process.exitCode = main();
