// The report's language (the model's answer, from its title and headings) decides its messages when
// no locale is configured.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lint } from '../../server/src/engine/lint';
import { resolveConfig } from '../../server/src/engine/config';
import blameful from '../../server/src/engine/rules/blameful-language';
import { proseLanguage } from '../../server/src/engine/model';

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

// An incident notice is often plain paragraphs with no headings at all: its prose decides.
const NOTICE_JA = '8月25日の障害について\nいつもご利用ありがとうございます。運営者の不注意にて障害の通知メールを見逃してしまい、長時間に渡って停止状態が続きました。\n原因は API サーバーの設定と Redis の接続数の上限でした。\n';
const NOTICE_EN = 'Outage on August 25\nThanks for using the service. The operator was careless and the alert e-mail sat unread for hours while the backend was down, so feeds stopped updating for the whole afternoon.\nThe cause was the connection limit of the Redis server.\n';

test('a report with no headings gets the language of its prose; too little prose keeps the configured one', () => {
  const [ja] = lint(NOTICE_JA, { rules: [blameful] }).findings;
  assert.match(ja.message, /^「運営者の不注意」/);
  const [en] = lint(NOTICE_EN, { rules: [blameful] }).findings;
  assert.match(en.message, /^"careless"/);
  assert.equal(proseLanguage('Outage\n田中'), 'ja');
  assert.equal(proseLanguage('Outage at 10:05'), undefined, 'a few words cannot tell');
  assert.equal(proseLanguage(NOTICE_EN), 'en');
  // An English report that names a Japanese colleague or two stays English.
  assert.equal(proseLanguage(`${NOTICE_EN.repeat(3)}田中 and 佐藤 joined the call.`), 'en');
});
