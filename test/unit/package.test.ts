// The packaged extension (.vsix) as the Marketplace and Open VSX receive it: packed with
// scripts/package.mjs (the same call as `npm run package`) from the built dist/, opened with unzip.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, posix } from 'node:path';
import { packVsix, EXTENSION_README } from '../../scripts/package.mjs';
import { RULES } from '../../server/src/engine/rules/index';
import { findingIdsWithoutRule } from '../helpers/finding-ids';

const root = join(__dirname, '..', '..');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
let vsix = '';
let files: string[] = [];

before(() => {
  if (!existsSync(join(root, 'dist', 'client.js')) || !existsSync(join(root, 'dist', 'server.js'))) {
    execFileSync(process.execPath, [join(root, 'scripts', 'build.mjs')], { cwd: root });
  }
  const dir = mkdtempSync(join(tmpdir(), 'postmortem-vsix-'));
  vsix = join(dir, 'postmortem-lint.vsix');
  files = packVsix(vsix);
  process.on('exit', () => rmSync(dir, { recursive: true, force: true }));
});

const unzipText = (entry: string) => execFileSync('unzip', ['-p', vsix, entry], { encoding: 'utf8' });

/** Paths of the extension's media files that package.json names (walkthrough steps). */
function walkthroughMedia(): string[] {
  const out: string[] = [];
  for (const w of pkg.contributes.walkthroughs ?? []) {
    for (const s of w.steps) {
      for (const m of [s.media?.markdown, s.media?.image, s.media?.svg]) {
        if (typeof m === 'string') out.push(m);
        else if (m && typeof m === 'object') out.push(...(Object.values(m) as string[]));
      }
    }
  }
  return out.map((p) => posix.normalize(p));
}

// The allow-list: what the extension loads, what its README shows and links, and nothing else.
function allowList(): string[] {
  return [
    'extension.vsixmanifest',
    '[Content_Types].xml',
    'extension/package.json',
    'extension/package.nls.json',
    'extension/package.nls.ja.json',
    'extension/readme.md',
    'extension/LICENSE.txt',
    'extension/dist/client.js',
    'extension/dist/client-commands.js',
    'extension/dist/server.js',
    'extension/l10n/bundle.l10n.json',
    'extension/l10n/bundle.l10n.ja.json',
    'extension/syntaxes/postmortem.injection.tmLanguage.json',
    'extension/snippets/postmortem.code-snippets',
    'extension/schemas/postmortemrc.schema.json',
    'extension/images/icon.png',
    'extension/docs/screenshot.png',
    'extension/docs/importing.md',
    'extension/docs/precision.md',
    'extension/docs/stats.md',
    ...RULES.map((r) => `extension/docs/rules/${r.id}.md`),
    ...findingIdsWithoutRule().map((id) => `extension/docs/rules/${id}.md`),
    ...walkthroughMedia().map((p) => `extension/${p}`),
  ].sort();
}

test('the .vsix holds exactly the allow-listed files', () => {
  assert.deepEqual([...files].sort(), allowList());
  assert.ok(!files.includes('extension/dist/cli.js'), 'the CLI bundle is not loaded by the extension');
  assert.ok(!files.some((f) => f.endsWith('.map') || f.endsWith('.ts') || f.includes('node_modules/')));
});

test('every file package.json points to is in the .vsix', () => {
  const c = pkg.contributes;
  const named = [
    pkg.main,
    pkg.icon,
    ...c.snippets.map((s: { path: string }) => s.path),
    ...c.grammars.map((g: { path: string }) => g.path),
    ...c.jsonValidation.map((j: { url: string }) => j.url),
    ...c.yamlValidation.map((j: { url: string }) => j.url),
    ...walkthroughMedia(),
  ];
  for (const p of named) assert.ok(files.includes(`extension/${posix.normalize(p)}`), `${p} is named in package.json but not packed`);
});

/** Relative link and image targets of a Markdown text (no anchors, no URLs). */
function relativeLinks(md: string): string[] {
  const targets = [...md.matchAll(/!?\[[^\]]*\]\(([^)\s]+)(?:\s+"[^"]*")?\)/g), ...md.matchAll(/<img[^>]+src=["']([^"']+)["']/g)].map((m) => m[1]);
  return targets.filter((t) => !/^[a-z][a-z0-9+.-]*:/i.test(t) && !t.startsWith('#')).map((t) => t.replace(/#.*$/, ''));
}

test('every relative link and image in a packed Markdown file resolves inside the .vsix', () => {
  const sources: [string, string][] = [['extension/readme.md', readFileSync(join(root, EXTENSION_README), 'utf8')]];
  for (const f of files) if (f.endsWith('.md') && f !== 'extension/readme.md') sources.push([f, unzipText(f)]);
  let checked = 0;
  for (const [file, md] of sources) {
    for (const link of relativeLinks(md)) {
      const target = posix.normalize(posix.join(posix.dirname(file), decodeURI(link)));
      assert.ok(files.includes(target), `${file} links to ${link}, which is not in the .vsix`);
      checked++;
    }
  }
  // The README shows the screenshot and links the rule pages, the import guide and the precision page.
  assert.ok(checked >= RULES.length + 3, `only ${checked} links checked`);
  assert.ok(relativeLinks(readFileSync(join(root, EXTENSION_README), 'utf8')).includes('docs/screenshot.png'));
});

test("the packed README is the extension's, with its relative links rewritten to the repository for the Marketplace", () => {
  const readme = unzipText('extension/readme.md');
  assert.equal(readme.split('\n')[0], '# Post-Mortem Linter');
  assert.ok(!readme.includes('npm install && npm start'), "the developers' README is not the package's README");
  const repo = pkg.repository.url.replace(/\.git$/, '');
  assert.ok(readme.includes(`](${repo}/raw/HEAD/docs/screenshot.png)`), 'the screenshot is an absolute image URL');
  assert.ok(readme.includes(`](${repo}/blob/HEAD/docs/rules/missing-owner.md)`));
  assert.deepEqual(relativeLinks(readme), []);
});

test('the manifest carries the icon, the repository, categories and keywords', () => {
  const manifest = unzipText('extension.vsixmanifest');
  assert.match(manifest, /<Icon>extension\/images\/icon\.png<\/Icon>/);
  assert.ok(manifest.includes(`Links.Source" Value="${pkg.repository.url.replace(/\.git$/, '')}`), 'repository link');
  assert.match(manifest, /<Categories>Linters,[^<]*Programming Languages/);
  for (const k of ['postmortem', 'incident', 'blameless']) assert.ok(manifest.includes(k), `keyword ${k}`);
  const png = readFileSync(join(root, pkg.icon));
  assert.deepEqual([...png.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], 'a PNG');
  const [w, h] = [png.readUInt32BE(16), png.readUInt32BE(20)];
  assert.ok(w === h && (w === 128 || w === 256), `icon is ${w}x${h}`);
});
