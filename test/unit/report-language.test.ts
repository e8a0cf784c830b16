// The report's language (the model's answer, from its title and headings) decides its messages when
// no locale is configured.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lint } from '../../server/src/engine/lint';
import { resolveConfig } from '../../server/src/engine/config';
import blameful from '../../server/src/engine/rules/blameful-language';

const JA = '# ポストモーテム: 決済APIの障害\n\n## 概要\n\n担当者が事前の確認を怠った。`kubectl rollout undo deployment/payments-api` で戻した。\n';
const EN = '# Post-Mortem: Payments API outage\n\n## Summary\n\nBob forgot to check the pool size. 田中 joined the call at 10:05.\n';

test('a Japanese report gets Japanese messages unless a locale is set', () => {
  const [auto] = lint(JA, { rules: [blameful] }).findings;
  assert.match(auto.message, /^「/);
  const [configured] = lint(JA, { rules: [blameful], config: resolveConfig({ locale: 'en' }) }).findings;
  assert.match(configured.message, /^"/);
  const [explicit] = lint(JA, { rules: [blameful], locale: 'en' }).findings;
  assert.match(explicit.message, /^"/);
  const [english] = lint(EN, { rules: [blameful] }).findings;
  assert.match(english.message, /^"Bob forgot/);
});
