// Writing a user's file: temp file beside it, fsync, rename; mode kept; nothing half-written.
import { test, mock } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeFileAtomic, WriteFileError } from '../../server/src/node/atomic-write';

function dir(): string {
  return fs.mkdtempSync(join(tmpdir(), 'pm-atomic-'));
}

test('replaces the content and keeps the mode of the file', () => {
  const d = dir();
  const f = join(d, 'report.md');
  fs.writeFileSync(f, 'old\r\ncontent\r\n');
  fs.chmodSync(f, 0o640);
  writeFileAtomic(f, 'new\r\ncontent\r\n');
  assert.equal(fs.readFileSync(f, 'utf8'), 'new\r\ncontent\r\n');
  assert.equal(fs.statSync(f).mode & 0o7777, 0o640);
  assert.deepEqual(fs.readdirSync(d), ['report.md']);
});

test('an executable bit and a group-writable mode survive too', () => {
  const d = dir();
  const f = join(d, 'report.md');
  fs.writeFileSync(f, 'x');
  fs.chmodSync(f, 0o775);
  writeFileAtomic(f, 'y');
  assert.equal(fs.statSync(f).mode & 0o7777, 0o775);
});

test('creates a new file when there is none', () => {
  const d = dir();
  const f = join(d, 'new.md');
  writeFileAtomic(f, 'hello');
  assert.equal(fs.readFileSync(f, 'utf8'), 'hello');
  assert.deepEqual(fs.readdirSync(d), ['new.md']);
});

test('a symbolic link stays a link and its target gets the content', () => {
  const d = dir();
  const real = join(d, 'real.md');
  const link = join(d, 'link.md');
  fs.writeFileSync(real, 'old');
  fs.symlinkSync('real.md', link);
  writeFileAtomic(link, 'new');
  assert.ok(fs.lstatSync(link).isSymbolicLink());
  assert.equal(fs.readFileSync(real, 'utf8'), 'new');
});

for (const step of ['writeSync', 'fsyncSync', 'renameSync'] as const) {
  test(`an error in ${step} leaves the original byte-identical and no temporary file`, () => {
    const d = dir();
    const f = join(d, 'report.md');
    const original = Buffer.from('# Post-Mortem\r\n\r\n| 09:00 | a |\r\n'.repeat(1000));
    fs.writeFileSync(f, original);
    const m = mock.method(fs, step, () => {
      throw Object.assign(new Error('simulated failure'), { code: 'EIO' });
    });
    try {
      assert.throws(() => writeFileAtomic(f, 'replacement'), (e: unknown) => e instanceof WriteFileError && /cannot write .*report\.md: input\/output error; the file was left as it was/.test(e.message));
    } finally {
      m.mock.restore();
    }
    assert.deepEqual(fs.readFileSync(f), original);
    assert.deepEqual(fs.readdirSync(d), ['report.md']);
  });
}

test('a read-only file is refused with a clear message, even for root, and left untouched', () => {
  const d = dir();
  const f = join(d, 'report.md');
  fs.writeFileSync(f, 'keep me');
  fs.chmodSync(f, 0o444);
  assert.throws(() => writeFileAtomic(f, 'x'), /cannot write .*report\.md: the file is read-only/);
  assert.equal(fs.readFileSync(f, 'utf8'), 'keep me');
  assert.equal(fs.statSync(f).mode & 0o7777, 0o444);
  assert.deepEqual(fs.readdirSync(d), ['report.md']);
});

test('a folder, a symbolic link loop and a broken link are refused by name', () => {
  const d = dir();
  fs.mkdirSync(join(d, 'folder.md'));
  assert.throws(() => writeFileAtomic(join(d, 'folder.md'), 'x'), /it is a folder/);
  fs.symlinkSync('loop.md', join(d, 'loop.md'));
  assert.throws(() => writeFileAtomic(join(d, 'loop.md'), 'x'), /symbolic link loop/);
  fs.symlinkSync('missing.md', join(d, 'broken.md'));
  assert.throws(() => writeFileAtomic(join(d, 'broken.md'), 'x'), /broken symbolic link \(it points to missing\.md, which does not exist\)/);
  assert.equal(fs.lstatSync(join(d, 'broken.md')).isSymbolicLink(), true);
  assert.deepEqual(fs.readdirSync(d).sort(), ['broken.md', 'folder.md', 'loop.md']);
});
