// Findings at the same place are ordered by rule id as `localeCompare` orders them; `byRuleId`
// gets there without the collator for plain ids.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { byRuleId } from '../../server/src/engine/lint';
import { RULES } from '../../server/src/engine/rules';

test('byRuleId orders every pair of rule ids (and the ids lint adds) as localeCompare does', () => {
  const ids = [...RULES.map((r) => r.id), 'too-many-findings', 'unknown-rule-id', 'too-large', 'a', 'a-b', 'ab', 'a0', 'a-0', '0a', ''];
  for (const a of ids) for (const b of ids) assert.equal(Math.sign(byRuleId(a, b)), Math.sign(a.localeCompare(b)), `${a} / ${b}`);
});

test('byRuleId leaves ids with other characters to localeCompare', () => {
  for (const [a, b] of [['Zeta', 'alpha'], ['é', 'f'], ['a_b', 'a-b'], ['B', 'a']]) assert.equal(Math.sign(byRuleId(a, b)), Math.sign(a.localeCompare(b)), `${a} / ${b}`);
});
