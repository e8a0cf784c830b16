// splitLines and splitRow find line ends, pipes and backslashes with indexOf; here they are
// compared with the character-by-character reading they replaced, on seeded random texts made of
// the characters that matter (pipes, backslashes, spaces, tabs, CR, LF) and on the fixtures.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { splitLines, splitRow } from '../../server/src/engine/scan';
import type { TableRow } from '../../server/src/engine/scan';

function linesByChar(text: string): { lines: string[]; lineStarts: number[] } {
  const lines: string[] = [];
  const lineStarts: number[] = [];
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c !== 10 && c !== 13) continue;
    lines.push(text.slice(start, i));
    lineStarts.push(start);
    if (c === 13 && text.charCodeAt(i + 1) === 10) i++;
    start = i + 1;
  }
  lines.push(text.slice(start));
  lineStarts.push(start);
  return { lines, lineStarts };
}

/** The pipes that split cells, read one character at a time: a backslash escapes the next one. */
function cellBoundsByChar(line: string): number[] {
  const row = splitRow(line, 0);
  // The same start and end splitRow uses (leading and trailing blanks, outer pipes).
  const first = row.cells[0].outerStart;
  const last = row.cells[row.cells.length - 1].outerEnd;
  const out: number[] = [];
  for (let j = first; j < last; j++) {
    if (line[j] === '\\') j++;
    else if (line[j] === '|') out.push(j);
  }
  return out;
}

const innerPipes = (row: TableRow) => row.cells.slice(0, -1).map((c) => c.outerEnd);

let seed = 7;
const rand = (n: number) => {
  seed = (seed * 1103515245 + 12345) & 0x7fffffff;
  return seed % n;
};
const pick = (alphabet: string, length: number) => Array.from({ length }, () => alphabet[rand(alphabet.length)]).join('');

test('splitLines finds the same lines as reading every character', () => {
  for (let k = 0; k < 3000; k++) {
    const text = pick('ab \n\r|', rand(40));
    assert.deepEqual(splitLines(text), linesByChar(text), JSON.stringify(text));
  }
});

test('splitRow splits at the same pipes as reading every character', () => {
  for (let k = 0; k < 5000; k++) {
    const line = pick('a |\\\t', rand(30));
    assert.deepEqual(innerPipes(splitRow(line, 0)), cellBoundsByChar(line), JSON.stringify(line));
  }
  assert.deepEqual(splitRow('| a \\| b | c \\\\| d |', 3).cells.map((c) => c.text), ['a \\| b', 'c \\\\', 'd']);
});

test('on the fixtures, lines and rows are as the character-by-character reading gives them', () => {
  const dir = join(__dirname, '..', 'fixtures');
  for (const f of readdirSync(dir).filter((n) => n.endsWith('.md'))) {
    const text = readFileSync(join(dir, f), 'utf8');
    const mine = splitLines(text);
    assert.deepEqual(mine, linesByChar(text), f);
    for (const line of mine.lines) if (line.includes('|')) assert.deepEqual(innerPipes(splitRow(line, 0)), cellBoundsByChar(line), `${f}: ${line}`);
  }
});
