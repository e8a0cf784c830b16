// The example reports go from red to clean using only what the editor offers: lightbulb actions
// and completions, through the built language server. Snippet placeholders are filled the way a
// person fills them (typed text for known placeholders). The one finding no action can resolve,
// a single contributing factor, needs the writer to add a factor: that is the only typed step
// allowed, and the test counts it.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CodeAction, Diagnostic, TextEdit } from 'vscode-languageserver-protocol';
import { hasPlaceholders, typeOverPlaceholders } from '../helpers/placeholders';
import { LspClient, applyTextEdits, fileUri, serverBuilt, type ClientOptions } from '../helpers/lsp-client';

const root = join(__dirname, '..', '..');
const MAX_STEPS = 40;

/** What a person types into snippet placeholders (by the placeholder's default text). */
const FILL: Record<string, string> = {
  metric: 'connection pool wait time p99',
  dashboard: 'the checkout-api Grafana dashboard',
  condition: 'it exceeds 200 ms for 5 minutes',
  '1h 05m': '56m',
};

/** Rules whose findings ask the writer for new content no action can supply. */
const WRITTEN: Record<string, { en: string; ja: string }> = {
  'single-contributing-factor': {
    en: '- Nothing in the deploy pipeline compared `pool_size` with the service\'s peak concurrency.',
    ja: '- デプロイパイプラインには `pool_size` をサービスのピーク時の同時接続数と比べる仕組みがなかった。',
  },
};

function fillSnippet(snippet: string): string {
  let s = snippet;
  for (let i = 0; i < 5; i++) s = s.replace(/\$\{\d+:([^{}]*)\}/g, (_, d: string) => FILL[d] ?? d);
  return s.replace(/\$\{?\d+\}?/g, '').replace(/\\([$}\\])/g, '$1');
}

function isDisable(a: CodeAction): boolean {
  return JSON.stringify(a.edit ?? {}).includes('postmortem-disable');
}

async function applyAction(c: LspClient, uri: string, a: CodeAction): Promise<void> {
  const dc = a.edit!.documentChanges?.[0];
  if (dc && 'edits' in dc) {
    const edits = dc.edits.map((e) => ('snippet' in e ? { range: e.range, newText: fillSnippet((e as { snippet: { value: string } }).snippet.value) } : (e as TextEdit)));
    await c.change(uri, applyTextEdits(c.text(uri), edits));
  } else await c.applyEdit(a.edit!);
}

interface Run {
  steps: string[];
  typed: string[];
  /** Placeholder-filling steps (only plain clients need them: snippet clients fill tab stops). */
  filled: number;
  remaining: Diagnostic[];
}

async function redToClean(path: string, lang: 'en' | 'ja', opts: ClientOptions): Promise<Run> {
  const c = await LspClient.start({ folders: [join(root, 'examples')], settings: {}, locale: lang, ...opts });
  try {
    const uri = fileUri(path);
    await c.open(uri, readFileSync(path, 'utf8'));
    const steps: string[] = [];
    const typed: string[] = [];
    let filled = 0;
    const first = await c.diagnosticsFor(uri);
    assert.ok(first.length >= 8, `the example starts red (${first.length} findings)`);
    for (let step = 0; step < MAX_STEPS; step++) {
      const diags = await c.diagnosticsFor(uri);
      if (!diags.length) return { steps, typed, filled, remaining: [] };
      const d = diags[0];
      const actions = (await c.codeActions(uri, d.range, [d])).filter((a) => a.kind === 'quickfix' && !isDisable(a) && a.edit);
      const chosen = actions.find((a) => a.isPreferred) ?? actions[0];
      if (chosen) {
        steps.push(`${d.code}: action "${chosen.title}"`);
        await applyAction(c, uri, chosen);
        continue;
      }
      const items = await c.completion(uri, d.range.end);
      const item = items.find((i) => i.preselect) ?? items[0];
      const completed = item?.textEdit && 'range' in item.textEdit ? applyTextEdits(c.text(uri), [item.textEdit as TextEdit]) : undefined;
      if (completed !== undefined && completed !== c.text(uri)) {
        steps.push(`${d.code}: completion "${item!.label}"`);
        await c.change(uri, completed);
        continue;
      }
      // A placeholder left by a plain-text fix (METRIC, 〈指標〉, OWNER): the writer types over it.
      if (hasPlaceholders(c.text(uri))) {
        steps.push(`${d.code}: typed over placeholders`);
        filled++;
        await c.change(uri, typeOverPlaceholders(c.text(uri)));
        continue;
      }
      const written = WRITTEN[String(d.code)];
      assert.ok(written, `no action or completion resolves ${d.code} at line ${d.range.start.line + 1}: ${d.message}`);
      // The writer adds a line after the last item of the section the finding points at.
      const lines = c.text(uri).split('\n');
      let at = d.range.start.line + 1;
      while (at < lines.length && !/^#{1,6}\s/.test(lines[at])) at++;
      while (at > 0 && lines[at - 1].trim() === '') at--;
      lines.splice(at, 0, written[lang]);
      typed.push(String(d.code));
      steps.push(`${d.code}: typed`);
      await c.change(uri, lines.join('\n'));
    }
    return { steps, typed, filled, remaining: await c.diagnosticsFor(uri) };
  } finally {
    await c.shutdown();
  }
}

const vscodeLike: ClientOptions = { capabilities: { workspace: { workspaceEdit: { documentChanges: true, snippetEditSupport: true } as object } } };
const plainClient: ClientOptions = { capabilities: { workspace: { workspaceEdit: { documentChanges: false } } } };

before(() => {
  assert.ok(serverBuilt(), 'dist/server.js is missing: run `npm run build` first');
});

for (const [name, file, lang] of [
  ['English', 'sample-postmortem.md', 'en'],
  ['Japanese', 'sample-postmortem.ja.md', 'ja'],
] as const) {
  for (const [client, opts] of [
    ['snippet-capable client', vscodeLike],
    ['plain client (no snippets, no documentChanges)', plainClient],
  ] as const) {
    test(`${name} example goes from red to clean with actions and completions (${client})`, async (t) => {
      const run = await redToClean(join(root, 'examples', file), lang, opts);
      t.diagnostic(`${run.steps.length} steps:\n${run.steps.join('\n')}`);
      assert.deepEqual(run.remaining.map((d) => `${d.range.start.line + 1} ${d.code}`), [], `still red after ${run.steps.length} steps:\n${run.steps.join('\n')}`);
      assert.ok(run.steps.length <= MAX_STEPS);
      assert.ok(run.typed.every((r) => r === 'single-contributing-factor') && run.typed.length <= 1, `typed steps: ${run.typed.join(', ')}`);
      if (opts === vscodeLike) assert.equal(run.filled, 0, 'snippet clients fill placeholders as tab stops');
      // Both routes were used: lightbulb actions and completions.
      assert.ok(run.steps.some((s) => s.includes('action')), run.steps.join('\n'));
      assert.ok(run.steps.some((s) => s.includes('completion')), run.steps.join('\n'));
    });
  }
}
