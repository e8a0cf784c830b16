// The fixes of blameful-language and vague-action: apply each fix, lint again, and check that the
// finding it was offered for is gone and that no new finding appeared.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { typeOverPlaceholders } from '../helpers/placeholders';
import { join } from 'node:path';
import { lint } from '../../server/src/engine/lint';
import { resolveConfig } from '../../server/src/engine/config';
import { applyEdits } from '../../server/src/engine/edits';
import { readFixture } from '../helpers/fixtures';
import blameful from '../../server/src/engine/rules/blameful-language';
import vague from '../../server/src/engine/rules/vague-action';
import { baseForm, baseOfIng } from '../../server/src/engine/lexicon/english-verbs';
import { findBlame, buildLexicon, personalVoice } from '../../server/src/engine/lexicon/blame';
import { judgeAction, judgeActionCached } from '../../server/src/engine/lexicon/vague';

const dir = join(__dirname, '..', 'fixtures', 'language');
const rules = [blameful, vague];

function key(f: { rule: string; message: string }) {
  return `${f.rule} ${f.message}`;
}

for (const name of ['blameful-positives.md', 'blameful.ja.md', 'vague-action.md', 'vague-action.ja.md']) {
  test(`every fix in ${name} removes its finding and adds none`, () => {
    const fx = readFixture(join(dir, name));
    const config = resolveConfig(fx.config);
    const before = lint(fx.text, { config, locale: fx.locale, rules }).findings;
    assert.ok(before.length >= 6, `expected findings in ${name}`);
    let applied = 0;
    for (const f of before) {
      for (const fix of f.fixes ?? []) {
        assert.notEqual(fix.fixAll, true, 'language fixes need a person to choose the wording');
        const out = applyEdits(fx.text, fix.edits);
        assert.equal(out.applied, fix.edits.length);
        assert.notEqual(out.text, fx.text);
        // A plain-text template leaves placeholders (METRIC...) that the writer types over.
        const after = lint(typeOverPlaceholders(out.text), { config, locale: fx.locale, rules }).findings;
        // The finding on that line is gone; every other finding was there before (same rule and message).
        assert.ok(!after.some((a) => a.range.start.line === f.range.start.line && a.rule === f.rule && a.message === f.message), `"${fix.title}" left the finding: ${f.message}\n${out.text.split('\n')[f.range.start.line]}`);
        const beforeKeys = before.map(key);
        for (const a of after) assert.ok(beforeKeys.includes(key(a)), `"${fix.title}" introduced: ${a.message}`);
        assert.equal(after.length, before.length - 1, `"${fix.title}" on line ${f.range.start.line + 1}`);
        applied++;
      }
    }
    assert.ok(applied >= before.length - 2, `most findings in ${name} carry a fix (${applied} applied)`);
  });
}

test('rewrites read as sentences', () => {
  const text = '# PM\n\n## Contributing Factors\n\n- Bob forgot to check the connection pool size before deploying.\n- Obviously, config changes to the pool need review.\n';
  const config = resolveConfig({ people: ['Bob'] });
  const [forgot, obviously] = lint(text, { config, rules: [blameful] }).findings;
  assert.equal(applyEdits(text, forgot.fixes![0].edits).text.split('\n')[4], '- The step to check the connection pool size before deploying was not done; nothing in the process required it.');
  assert.equal(applyEdits(text, forgot.fixes![1].edits).text.split('\n')[4], '- Nothing in the process prompted anyone to check the connection pool size before deploying.');
  assert.equal(applyEdits(text, obviously.fixes![0].edits).text.split('\n')[5], '- Config changes to the pool need review.');
});

test('vague-action offers a snippet with a plain-text fallback over the same range', () => {
  const text = '# PM\n\n## Action Items\n\n| ID | Action | Owner |\n| --- | --- | --- |\n| 1 | Improve monitoring | @dana |\n';
  const [f] = lint(text, { rules: [vague] }).findings;
  const fix = f.fixes![0];
  assert.equal(fix.snippet!.snippet, 'Add ${1:metric} to ${2:dashboard} and alert when ${3:condition}');
  assert.deepEqual(fix.snippet!.range, fix.edits[0].range);
  assert.equal(applyEdits(text, fix.edits).text.split('\n')[6], '| 1 | Add METRIC to DASHBOARD and alert when CONDITION | @dana |');
});

test('allowedTerms and people come from the config', () => {
  const text = '# PM\n\n## Summary\n\nMarco messed up the rollback. Careless Whisper was down. Kim didn\'t restart the worker.\n';
  const plain = lint(text, { rules: [blameful] }).findings.map((f) => f.data!.phrase);
  assert.deepEqual(plain, ['Marco messed up', 'Careless']);
  const cfg = resolveConfig({ allowedTerms: ['Careless Whisper'], people: ['Kim'] });
  assert.deepEqual(lint(text, { config: cfg, rules: [blameful] }).findings.map((f) => f.data!.phrase), ['Marco messed up', "Kim didn't restart"]);
});

test('findBlame leaves system subjects alone', () => {
  const lex = buildLexicon(['@bob'], [], []);
  for (const s of ['The load balancer failed to route traffic.', 'The job did not retry.', 'The deploy failed.', 'The cron job never checked the lock.', 'The test should have passed.', 'A failed attempt to restart.', 'It landed just in time.']) {
    assert.deepEqual(findBlame(s, lex), [], s);
  }
  assert.equal(findBlame('Bob failed to check the lock.', lex)[0].kind, 'personVerb');
});

test('Japanese overconfidence and unawareness given as the cause are judgments; in a measure or of a system they are not', () => {
  const lex = buildLexicon([], [], []);
  const kinds = (s: string) => findBlame(s, lex).map((m) => `${m.kind}:${m.phrase}`);
  assert.deepEqual(kinds('検証環境で問題が出なかったことへの過信が、今回の主な要因です。'), ['jaJudgment:過信']);
  assert.deepEqual(kinds('再実行の手順を過信し、本番で件数を確かめないまま再実行した。'), ['jaJudgment:過信']);
  assert.deepEqual(kinds('根本原因は、重複を除く処理が既にあったことの認識不足です。'), ['jaJudgment:認識不足']);
  assert.deepEqual(kinds('担当者の過信が原因でした。'), ['jaPersonFault:担当者の過信']);
  assert.deepEqual(kinds('担当者の確認漏れにより、旧い付与率が残った。'), ['jaPersonFault:担当者の確認漏れ']);
  assert.deepEqual(kinds('同僚が再実行前の確認を怠った。'), ['jaNeglect:怠った']);
  assert.deepEqual(kinds('担当者が宛先を誤り、別の取引先に送った。'), ['jaPersonFault:担当者が宛先を誤り']);
  assert.deepEqual(kinds('送信システムが宛先を誤り、別の取引先に送った。'), []);
  assert.deepEqual(kinds('担当者が誤りに気づき、送信を止めた。'), []);
  for (const s of ['ツールを過信しないよう、件数を比べるスクリプトを追加する。', '過信を防ぐため、件数チェックを組み込む。', '思い込みによる誤操作を防ぐため、確認画面を表示する。', '認識不足の解消に向けて、変更履歴を一覧にする。', '過信していたわけではないが、件数の確認手順がなかった。', 'システムの入力チェック不足が原因で、不正な値が保存されました。', '完全に認識不足でした。', '彼らが誤って設定を変更した。']) {
    assert.deepEqual(kinds(s), [], s);
  }
});

test('Japanese who-questions about what was done, unless set aside', () => {
  const lex = buildLexicon([], [], []);
  assert.equal(findBlame('誰がこのジョブを再実行したのですか？', lex)[0]?.kind, 'jaWho');
  assert.equal(findBlame('誰が悪いのか。', lex)[0]?.kind, 'jaWho');
  for (const s of ['誰が悪いのかではなく、何が起きたのかを書く。', '誰が再実行を承認するかを決めておく。']) assert.deepEqual(findBlame(s, lex), [], s);
});

test('a post that speaks of itself as a post, and never to customers, is one person\'s account', () => {
  assert.equal(personalVoice(['# 障害の記録', 'この記事では、個人開発の掲示板のデータを消した経緯をまとめます。']), true);
  assert.equal(personalVoice(['# 障害の記録', 'この記事では、データを消した経緯をまとめます。', 'ご利用の皆様にご迷惑をおかけしました。']), false);
  assert.equal(personalVoice(['# 障害の記録', '本記事では、弊社のデータ消失の経緯をまとめます。']), false);
  assert.equal(personalVoice(['# 障害の記録', 'データを消した経緯をまとめます。']), false);
  const personal = buildLexicon([], [], [], true);
  const company = buildLexicon([], [], [], false);
  const slip = 'バックアップを取らずに復旧用のスクリプトを実行してしまいました。';
  assert.equal(findBlame(slip, personal)[0]?.phrase, 'バックアップを取らずに復旧用のスクリプトを実行してしまいました');
  assert.deepEqual(findBlame(slip, company), []);
  assert.deepEqual(findBlame('定期ジョブが確認せずに古いファイルを削除してしまいました。', personal), []);
});

test('judgeAction tells directions from deliverables', () => {
  assert.equal(judgeAction('Improve monitoring')?.category, 'monitoring');
  assert.equal(judgeAction('Investigate the issue')?.category, 'investigate');
  assert.equal(judgeAction('Add connection pool metrics to Grafana dashboard api-overview'), undefined);
  assert.equal(judgeAction('Improve p99 latency of /search to under 300 ms'), undefined);
  assert.equal(judgeAction('Improve monitoring ([OPS-1](https://t.example/OPS-1))')?.lead, 'Improve');
  assert.equal(judgeAction('監視を改善する')?.category, 'monitoring');
  assert.equal(judgeAction('アラートの閾値を p99 300ms 以下に見直す'), undefined);
});

test('a Japanese closing pledge to use a lesson or get ready is vague unless it names what will exist', () => {
  for (const s of ['今回の経験を活かしてまいります。', '今回の学びを今後の開発に活かしていきます。', '社内の運用体制を整えてまいります。', 'より安全なシステム運用を目指してまいります。', 'より一層気を引き締めてまいります。']) {
    assert.ok(judgeAction(s), s);
  }
  assert.equal(judgeAction('今回の経験を今後の運用に活かしてまいります。')?.lead, '運用に活かしてまいります');
  assert.ok(judgeAction('再発防止に向けて取り組んでまいります。'));
  assert.equal(judgeAction('有効期限切れを検知するアラートの追加に向けて取り組んでまいります。'), undefined);
  for (const s of ['今回の知見を障害対応手順書に反映し、今後の運用に活かしてまいります。', '一覧ページの応答時間を500ミリ秒以下に保つことを目指してまいります。', '夜間のオンコール体制を整えます。', '監視にディスク使用率90%超のアラートを追加します。']) {
    assert.equal(judgeAction(s), undefined, s);
  }
});

test('judgeAction reads a commitment told as a state or a work in progress by the verb after it, and quotes the participle as written', () => {
  assert.equal(judgeAction('We will be reviewing our processes around key rotation')?.lead, 'reviewing our processes');
  assert.equal(judgeAction('We are committed to improving our alerting')?.lead, 'improving');
  assert.equal(judgeAction('We are working diligently to ensure this does not happen again')?.lead, 'ensure');
  assert.equal(judgeAction("We're working hard to make sure this never happens again")?.category, 'care');
  assert.equal(judgeAction('Monitoring will be improved')?.lead, 'Monitoring will be improved');
  // The same forms with a deliverable stay quiet.
  assert.equal(judgeAction('We will be publishing the rotation calendar in `docs/secrets.md`'), undefined);
  assert.equal(judgeAction('We are committed to a weekly restore test of the billing database'), undefined);
  assert.equal(judgeAction('We are working with the storage vendor to replace the static key with workload identity'), undefined);
  assert.equal(judgeAction('The secrets job will be moved to the scheduler cluster by 2025-10-01'), undefined);
});

test('Japanese: a state said in the negative is not a rule to remember, a plan to think again only if something changes is not work, and a rule is quoted from a word boundary', () => {
  assert.equal(judgeAction('対策 3 の実施により ingestor のコードパスに DDL は存在しない'), undefined);
  assert.equal(judgeAction('本番環境では手動でスキーマを変更しない')?.category, 'care');
  assert.equal(judgeAction('対策 3 の実施により ingestor のコードパスで DDL を誰も実行させない')?.lead, 'のコードパスで DDL を誰も実行させない');
  const prose = (body: string) => lint(`# 障害報告\n\n## 再発防止策\n\n${body}\n`).findings.filter((f) => f.rule === 'vague-action').map((f) => f.range.start.character);
  // Prose: 「容量が倍になった場合は…再検討する」 is a contingency; 「…半年後に再検討する」 is a direction.
  assert.deepEqual(prose('容量が倍になった場合は構成を再検討する。監視の閾値は半年後に再検討する。'), [20]);
});

test('the remembered verdict is the verdict, per text and per list of extra verbs', () => {
  for (const text of ['Improve monitoring', 'Add connection pool metrics to Grafana dashboard api-overview', 'Socialize the deploy pipeline', '監視を改善する']) {
    for (const verbs of [[], ['socialize'], ['socialize', 'tighten']]) {
      assert.deepEqual(judgeActionCached(text, verbs), judgeAction(text, verbs), `${text} / ${verbs.join(',')}`);
      assert.deepEqual(judgeActionCached(text, verbs), judgeAction(text, verbs), `${text} / ${verbs.join(',')}, again`);
    }
  }
  assert.equal(judgeActionCached('Socialize the deploy pipeline'), undefined);
  assert.equal(judgeActionCached('Socialize the deploy pipeline', ['socialize'])?.lead, 'Socialize');
});

test('baseOfIng undoes present participles', () => {
  const cases: Record<string, string> = { reviewing: 'review', improving: 'improve', setting: 'set', adding: 'add', auditing: 'audit', evaluating: 'evaluate', increasing: 'increase', strengthening: 'strengthen', addressing: 'address', monitoring: 'monitor' };
  for (const [w, b] of Object.entries(cases)) assert.equal(baseOfIng(w), b, w);
});

test('baseForm undoes past tenses used in counterfactuals', () => {
  const cases: Record<string, string> = { checked: 'check', noticed: 'notice', verified: 'verify', stopped: 'stop', tested: 'test', validated: 'validate', reviewed: 'review', escalated: 'escalate', caught: 'catch', run: 'run', seen: 'see', used: 'use', paged: 'page', rolled: 'roll' };
  for (const [w, b] of Object.entries(cases)) assert.equal(baseForm(w), b, w);
});

// Its speed is measured by `npm run bench` (docs/performance.md), not here.
test('a 5,000-row timeline of plain failures: no blame, one vague action', () => {
  const rows = Array.from({ length: 5000 }, (_, i) => `| 10:${String(i % 60).padStart(2, '0')} | Worker ${i} failed to reconnect; the on-call acknowledged |`);
  const text = `# PM\n\n## Timeline\n\n| Time | Event |\n| --- | --- |\n${rows.join('\n')}\n\n## Action Items\n\n- Improve monitoring\n`;
  const r = lint(text, { rules });
  assert.equal(r.findings.filter((f) => f.rule === 'blameful-language').length, 0);
  assert.equal(r.findings.filter((f) => f.rule === 'vague-action').length, 1);
});
