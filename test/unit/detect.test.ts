// Which files are post-mortems by their structure alone (no post-mortem word in the path or title):
// a report with a timeline of timed events and a section on how the incident was handled is one
// (Chia's Issue Summary / Timeline / Resolution and recovery); a README with a roadmap, a
// changelog, meeting notes with times and a security policy's disclosure timeline are not.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { detectPostMortem } from '../../server/src/engine/detect';
import { lint } from '../../server/src/engine/lint';
import { discoverReports } from '../../server/src/node/discover';

const dir = join(__dirname, '..', 'fixtures-detect');
const read = (name: string) => readFileSync(join(dir, name), 'utf8');

test('a timeline of timed events beside a "Resolution and recovery" section is a post-mortem, without any post-mortem word', () => {
  const d = detectPostMortem('docs/2023-07-27-runners.md', read('timeline-and-resolution.md'));
  assert.equal(d.postMortem, true);
  assert.match(d.reason, /timeline section and a section on the incident \("Resolution and recovery"\)/);
});

for (const name of ['roadmap-readme.md', 'changelog.md', 'meeting-notes.md', 'security-policy.md']) {
  test(`ordinary Markdown is not a post-mortem: ${name}`, () => {
    const d = detectPostMortem(`docs/${name}`, read(name));
    assert.equal(d.postMortem, false, d.reason);
  });
}

test('the same report with its timeline taken out is not one: the section on the incident alone does not decide', () => {
  const text = read('timeline-and-resolution.md').replace(/## Timeline[^]*?(?=## Resolution)/, '');
  assert.equal(detectPostMortem('docs/runners.md', text).postMortem, false);
});

test('a report found by its structure is checked from the model built to find it, with the same findings', () => {
  const text = read('timeline-and-resolution.md');
  const d = detectPostMortem('docs/runners.md', text);
  assert.equal(d.postMortem, true);
  assert.ok(d.model, 'the structure was read from a model, which is handed on');
  assert.equal(d.model.text, text);
  const fresh = lint(text);
  const reused = lint(text, { model: d.model });
  assert.equal(reused.doc, d.model, 'lint used the model it was given');
  assert.deepEqual(reused.findings, fresh.findings);
  // A model of another text is not used.
  assert.notEqual(lint(text + '\n', { model: d.model }).doc, d.model);
  // A path or a title that decides builds no model.
  assert.equal(detectPostMortem('docs/postmortems/runners.md', text).model, undefined);
});

test('file discovery hands each report found by its structure its model, one report at a time', () => {
  const found = [...discoverReports(['timeline-and-resolution.md'], { cwd: dir, onlyPostmortems: true }, [])];
  assert.equal(found.length, 1);
  assert.ok(found[0].model);
  assert.equal(found[0].model.text, found[0].text);
  // A folder: every file is read, the ordinary Markdown ones are skipped with their reason.
  const skipped: { file: string; reason: string }[] = [];
  const inFolder = [...discoverReports(['.'], { cwd: dir }, [], skipped)];
  assert.deepEqual(inFolder.map((r) => r.rel), ['timeline-and-resolution.md']);
  assert.ok(inFolder[0].model);
  assert.ok(skipped.length >= 4);
});
