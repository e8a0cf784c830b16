// The VS Code client's strings and its l10n bundles agree: every `vscode.l10n.t('...')` key is in
// the English and Japanese bundles, every bundle key is used, the Japanese bundle translates
// exactly the English keys, and the `{0}` placeholders agree between a key, its translation and
// the arguments of the call. The client is read with the TypeScript parser, not with a regex.
// The server's rule messages are checked for the same agreement between English and Japanese.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';
import { RULES } from '../../server/src/engine/rules/index';

const root = join(__dirname, '..', '..');
const readJson = (p: string): Record<string, string> => JSON.parse(readFileSync(join(root, p), 'utf8'));
const pkg = readJson('package.json') as unknown as { l10n: string };
const en = readJson(join(pkg.l10n, 'bundle.l10n.json'));
const ja = readJson(join(pkg.l10n, 'bundle.l10n.ja.json'));

interface Call {
  where: string;
  /** The key when the first argument is a string literal; undefined when it is computed. */
  key?: string;
  /** Arguments after the key. */
  args: number;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? sourceFiles(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : []));
}

function parse(file: string): ts.SourceFile {
  return ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
}

function where(sf: ts.SourceFile, n: ts.Node): string {
  return `${relative(root, sf.fileName)}:${sf.getLineAndCharacterOfPosition(n.getStart(sf)).line + 1}`;
}

function walk(n: ts.Node, f: (n: ts.Node) => void): void {
  f(n);
  ts.forEachChild(n, (c) => walk(c, f));
}

/** Every `l10n.t(...)` call in the given sources (`vscode.l10n.t` or an imported `l10n.t`). */
function l10nCalls(files: string[]): Call[] {
  const calls: Call[] = [];
  for (const file of files) {
    const sf = parse(file);
    walk(sf, (n) => {
      if (!ts.isCallExpression(n) || !ts.isPropertyAccessExpression(n.expression) || n.expression.name.text !== 't') return;
      const target = n.expression.expression;
      if (!(ts.isIdentifier(target) ? target.text === 'l10n' : ts.isPropertyAccessExpression(target) && target.name.text === 'l10n')) return;
      const first = n.arguments[0];
      const key = first && (ts.isStringLiteral(first) || ts.isNoSubstitutionTemplateLiteral(first)) ? first.text : undefined;
      calls.push({ where: where(sf, n), key, args: n.arguments.length - 1 });
    });
  }
  return calls;
}

const placeholders = (s: string): string[] => [...new Set(s.match(/\{\d+\}/g) ?? [])].sort();

const clientFiles = sourceFiles(join(root, 'client', 'src'));
const calls = l10nCalls(clientFiles);
const used = new Set(calls.flatMap((c) => (c.key === undefined ? [] : [c.key])));

test('the parser finds the l10n calls of the client', () => {
  // Both sides of the check depend on this: an empty list would make every other test vacuous.
  assert.ok(calls.length >= 80, `${calls.length} calls found`);
  for (const f of ['client/src/extension.ts', 'client/src/import/commands.ts']) assert.ok(calls.some((c) => c.where.startsWith(f + ':')), `calls found in ${f}`);
});

test('every l10n.t key is a string literal, so it can be checked against the bundles', () => {
  assert.deepEqual(calls.filter((c) => c.key === undefined).map((c) => c.where), []);
});

test('every key the client uses is in the English and the Japanese bundle', () => {
  const missing = (bundle: Record<string, string>) => calls.filter((c) => c.key !== undefined && !Object.hasOwn(bundle, c.key)).map((c) => `${c.where}: ${JSON.stringify(c.key)}`);
  assert.deepEqual(missing(en), [], 'missing from bundle.l10n.json');
  assert.deepEqual(missing(ja), [], 'missing from bundle.l10n.ja.json');
});

test('every key of the English bundle is used by the client', () => {
  assert.deepEqual(Object.keys(en).filter((k) => !used.has(k)), []);
});

test('the English bundle maps each key to itself', () => {
  assert.deepEqual(Object.entries(en).filter(([k, v]) => k !== v), []);
});

test('the Japanese bundle has the same keys as the English one, each translated', () => {
  assert.deepEqual(Object.keys(ja).sort(), Object.keys(en).sort());
  assert.deepEqual(Object.entries(ja).filter(([, v]) => typeof v !== 'string' || !v.trim()).map(([k]) => k), [], 'empty translations');
});

test('placeholders agree between each key and its Japanese translation', () => {
  const disagree = Object.entries(ja).filter(([k, v]) => placeholders(k).join() !== placeholders(v).join()).map(([k, v]) => `${k} -> ${v}`);
  assert.deepEqual(disagree, []);
});

test('each call passes exactly one argument per placeholder of its key', () => {
  const wrong = calls
    .filter((c) => c.key !== undefined)
    .filter((c) => placeholders(c.key!).join() !== Array.from({ length: c.args }, (_, i) => `{${i}}`).join())
    .map((c) => `${c.where}: ${JSON.stringify(c.key)} with ${c.args} argument(s)`);
  assert.deepEqual(wrong, []);
});

test('no English sentence is shown without l10n.t', () => {
  // Text of a literal shown as is: a title, prompt, label, description or placeholder of a picker or
  // input box, a message of show*Message, an ImportError (shown by the commands' runner).
  const shownProps = new Set(['title', 'prompt', 'label', 'description', 'detail', 'placeHolder', 'placeholder', 'message']);
  const prose = /[A-Za-z]{2,}[,:]?\s+[A-Za-z]{2,}/;
  const staticText = (n: ts.Node): string | undefined => {
    if (ts.isStringLiteral(n) || ts.isNoSubstitutionTemplateLiteral(n)) return n.text;
    if (ts.isTemplateExpression(n)) return [n.head.text, ...n.templateSpans.map((s) => s.literal.text)].join(' ');
    if (ts.isBinaryExpression(n) && n.operatorToken.kind === ts.SyntaxKind.PlusToken) return [staticText(n.left), staticText(n.right)].join(' ');
    if (ts.isConditionalExpression(n)) return [staticText(n.whenTrue), staticText(n.whenFalse)].join(' ');
    return undefined;
  };
  const found: string[] = [];
  for (const file of clientFiles) {
    const sf = parse(file);
    walk(sf, (n) => {
      let shown: ts.Node | undefined;
      if (ts.isPropertyAssignment(n) && ts.isIdentifier(n.name) && shownProps.has(n.name.text)) shown = n.initializer;
      else if (ts.isBinaryExpression(n) && n.operatorToken.kind === ts.SyntaxKind.EqualsToken && ts.isPropertyAccessExpression(n.left) && shownProps.has(n.left.name.text)) shown = n.right;
      else if (ts.isCallExpression(n) && ts.isPropertyAccessExpression(n.expression) && /^show(Information|Warning|Error)Message$/.test(n.expression.name.text)) shown = n.arguments[0];
      else if (ts.isNewExpression(n) && n.expression.getText(sf) === 'ImportError') shown = n.arguments?.[0];
      const text = shown && staticText(shown);
      if (text && prose.test(text)) found.push(`${where(sf, shown!)}: ${shown!.getText(sf)}`);
    });
  }
  assert.deepEqual(found, []);
});

test('every rule has each message in English and Japanese, with the same placeholders', () => {
  // The server's rule messages travel with their rules (see README, "Localization").
  const named = (s: string): string => [...new Set(s.match(/\{\w+\}/g) ?? [])].sort().join();
  const wrong: string[] = [];
  for (const rule of RULES) {
    const { en: e, ja: j } = rule.messages;
    assert.ok(Object.keys(e).length > 0, `${rule.id} has messages`);
    if (Object.keys(e).sort().join() !== Object.keys(j).sort().join()) wrong.push(`${rule.id}: keys ${Object.keys(e).sort().join()} / ${Object.keys(j).sort().join()}`);
    for (const k of Object.keys(e)) if (k in j && named(e[k]) !== named(j[k])) wrong.push(`${rule.id}.${k}: ${named(e[k])} / ${named(j[k])}`);
  }
  assert.deepEqual(wrong, []);
});
