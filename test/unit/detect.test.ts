// Which files are post-mortems by their structure alone (no post-mortem word in the path or title):
// a report with a timeline of timed events and a section on how the incident was handled is one
// (Chia's Issue Summary / Timeline / Resolution and recovery); a README with a roadmap, a
// changelog, meeting notes with times and a security policy's disclosure timeline are not.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { detectPostMortem } from '../../server/src/engine/detect';

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
