// The regression tests of the patterns that test/robustness/regex-exemptions.json exempts from the
// back-tracking check (test/unit/regex-safety.test.ts): recheck calls them vulnerable or cannot
// decide on them (most are too large for it to finish), and each exemption says why the
// back-tracking cannot be reached where the engine uses them. Each test here runs recheck's attack
// string (or, for patterns recheck could not decide on, the input that would hurt them: long runs
// of what their repetitions accept, with the end that makes them fail), scaled up, through the
// engine code path that uses the pattern, and checks that the time grows linearly.
//
// No absolute time budget: a report built with 4n characters of the attack may take at most 8
// times as long as one built with n (linear growth gives 4, quadratic 16), plus twice the time of
// a check of a plain report of the larger size, as room for the noise of a shared machine (a slow
// machine slows both sides alike).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lint } from '../../server/src/engine/lint';
import { resolveConfig } from '../../server/src/engine/config';
import { MAX_WINDOW_INPUT, parseWindowInput } from '../../server/src/engine/import/plan';
import { assertGrowsLinearly, fastest } from '../helpers/growth';

// 4N stays under MAX_PROSE_BLOCK (100,000 characters), past which a block is not read for prose at all.
const N = 20_000;
const config = resolveConfig({ people: ['Dave Smith', '@dave', '田中'] });

/** `unit` repeated to about `n` characters, between `pre` and `post`. */
function fill(unit: string, n: number, pre = '', post = ''): string {
  return pre + unit.repeat(Math.max(1, Math.floor((n - pre.length - post.length) / unit.length))) + post;
}

type Place = 'paragraph' | 'impact' | 'action' | 'list-action' | 'header';

/** A report with `body` where the pattern reads it, four times (in four blocks or rows), so that the times measured are well above the noise of a timer. */
function report(body: string, place: Place): string {
  const head = '# Post-Mortem: API outage\n\n';
  const fields = 'Date: 2024-03-01\nAuthors: Dave Smith, 田中\n\n';
  const timeline = '## Timeline\n\n| Time (UTC) | Event |\n| --- | --- |\n| 10:00 | Alert fired |\n| 10:30 | Recovered |\n\n';
  const four = (f: (k: number) => string, sep: string) => [1, 2, 3, 4].map(f).join(sep);
  const line = body.replace(/[|\n]/g, ' ');
  switch (place) {
    case 'paragraph':
      return `${head}${fields}## Summary\n\n${four((k) => `${k} ${body}`, '\n\n')}\n\n${timeline}`;
    case 'impact':
      return `${head}${fields}## Impact\n\n${four((k) => `${k} ${body}`, '\n\n')}\n\n${timeline}`;
    case 'action':
      return `${head}${fields}${timeline}## Action Items\n\n| Action | Owner | Deadline |\n| --- | --- | --- |\n${four((k) => `| ${k} ${line} | @dave | 2024-04-01 |`, '\n')}\n`;
    case 'list-action':
      return `${head}${fields}${timeline}## Action Items\n\n${four((k) => `- ${k} ${line}`, '\n')}\n`;
    case 'header':
      return `${head}${body.replace(/\n/g, ' ')}\nDate: 2024-03-01\n\n${timeline}`;
  }
}

/** Ordinary report prose for the control: names, roles and verbs the blame patterns look at, numbers. */
const PLAIN = 'At 10:00 UTC the deploy raised the error rate of the checkout API to 12 percent; the on-call engineer did not see the alert because it never fired, and Dave rolled back. ';

/** Checking grows linearly with the size of the attack (see the top of this file). */
function assertLinear(place: Place, attack: (n: number) => string): void {
  const check = (body: string) => (k: number) => lint(report(`${'Q'.repeat(k + 1)} ${body}`, place), { config });
  // Each run gets its own text (`k` marks it), since the engine caches what it read of a block by the block's text.
  assertGrowsLinearly(`${place}: ${attack(4 * N).length} characters`, () => ({
    small: fastest(check(attack(N)), 5),
    large: fastest(check(attack(4 * N)), 5),
    control: fastest(check(fill(PLAIN, 4 * N)), 5),
  }));
}

test('window separators: an import window over the length limit is refused before it is split', () => {
  assert.ok(parseWindowInput('2024-03-01T23:30Z .. 2024-03-02T01:00Z', 0));
  assert.ok(parseWindowInput('2024-03-01 23:30 to 2024-03-02 01:00', 0));
  // A window just under the limit is split; one far over it is refused at once.
  const run = (n: number) => (k: number) => parseWindowInput(`${'\t'.repeat(n)}x${k} ${'\t'.repeat(n)}`, 0);
  assert.equal(run(4 * N)(0), undefined);
  assertGrowsLinearly(`a window of ${8 * N} characters against one of ${MAX_WINDOW_INPUT}`, () => ({
    small: fastest(run(MAX_WINDOW_INPUT / 2 - 4), 5),
    large: fastest(run(4 * N), 5),
    control: fastest(() => '\t'.repeat(8 * N).trim(), 5),
  }));
});

test('person as subject: a paragraph of slip adverbs and names', () => {
  assertLinear('paragraph', (n) => fill('carelessly ', n, 'c\t', '\u0000'));
  assertLinear('paragraph', (n) => fill(' accidentally', n, 'Dave', ' x'));
  assertLinear('paragraph', (n) => fill(' mistakenly', n, 'Bob', ' ran'));
});

test("fault of a person: names before 's and long runs of capitalised words", () => {
  assertLinear('paragraph', (n) => fill('hÀb', n, 'Àb'));
  assertLinear('paragraph', (n) => fill("Dave Smith's ", n, '', 'fault'));
});

test('mistake by a person: long runs after mistake, error and by', () => {
  assertLinear('paragraph', (n) => fill('mistake ', n, '', 'x'));
  assertLinear('paragraph', (n) => fill('mistake made by the ', n));
  assertLinear('paragraph', (n) => `A${fill('@E', n / 2)}ROR${fill('T@', n / 2)}`);
  assertLinear('paragraph', (n) => fill('error by the new new ', n, '', 'x'));
});

test('root cause was a person: long runs of adjectives and repeated phrases', () => {
  assertLinear('paragraph', (n) => fill('new ', n, 'The root cause was the ', 'x'));
  assertLinear('paragraph', (n) => fill('root cause was ', n));
  assertLinear('paragraph', (n) => fill('the primary cause of the incident was Dave Smith ', n));
});

test('by mistake after a person: a long sentence head of team names', () => {
  assertLinear('paragraph', (n) => fill('SRE ', n, 'WK\t', 'KPSS x by mistake.'));
  assertLinear('paragraph', (n) => fill('Dave ', n, '', 'ran it by mistake.'));
});

test('passive judgment: should have been caught in review, repeated', () => {
  assertLinear('paragraph', (n) => fill('This should have been caught in code review during testing with QA. ', n));
});

test('Japanese person patterns: long runs of name characters, honorifics and roles', () => {
  assertLinear('paragraph', (n) => fill('氏君', n, '達エ業', 'し'));
  assertLinear('paragraph', (n) => fill('君氏', n, '業', 'ル'));
  assertLinear('paragraph', (n) => fill('田中さん', n, '', 'のミスで障害が発生した。'));
  assertLinear('paragraph', (n) => fill('エンジニア', n, '', 'が確認を怠ったため、障害が発生した。'));
  assertLinear('paragraph', (n) => fill('担当者は', n, '', '手順を確認すべきだった。'));
});

test('vague actions: long runs of spaces and words after the leading verb and subject', () => {
  assertLinear('action', (n) => fill('\t', n, 'I WORK\tWITH ', ','));
  assertLinear('action', (n) => fill('\t ', n, 'DEFINE\tAN ', 'N'));
  assertLinear('action', (n) => fill('our ', n, 'Increase ', 'x'));
  assertLinear('action', (n) => fill('more ', n, 'Establish a ', 'x'));
  assertLinear('action', (n) => fill('word ', n, 'Find something ', 'x'));
  assertLinear('action', (n) => fill('Flux ', n, '', 'metrics'));
  assertLinear('action', (n) => fill('a ', n, '', 'issuesx'));
  assertLinear('action', (n) => fill('まして', n, 'て', 'い'));
  assertLinear('action', (n) => fill('。', n, '改善', 'x'));
  assertLinear('list-action', (n) => fill(' ', n, 'Fix it owner:', 'x'));
  assertLinear('list-action', (n) => fill('@a/', n));
});

test('header lines: long runs of spaces around the label', () => {
  assertLinear('header', (n) => fill('\t\t', n, '+ ', 'x'));
  assertLinear('header', (n) => fill(' ', n, 'Date', 'x'));
  assertLinear('header', (n) => fill(' ', n, '- **Severity**', ': x'));
});

test('impact numbers: long words after all, every, no and full', () => {
  assertLinear('impact', (n) => fill('a', n, 'All '));
  assertLinear('impact', (n) => fill('aa ', n, 'every '));
  assertLinear('impact', (n) => fill('x', n, 'no '));
  assertLinear('impact', (n) => fill('full ', n, '', 'x'));
});
