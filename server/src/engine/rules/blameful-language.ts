import type { Fix, Rule } from '../types';
import type { TableRow } from '../scan';
import { isProse } from '../inline';
import { JAPANESE } from '../model/queries';
import { buildLexicon, findBlame, personalVoice, type BlameMatch } from '../lexicon/blame';

/** Four Japanese characters in a row: a cell long enough to hold a sentence. */
const JAPANESE_RUN = new RegExp(`${JAPANESE.source}{4}`);

/** One piece of prose to check: its text and where each offset of it sits in the report. */
interface Piece {
  text: string;
  pos(offset: number): { line: number; character: number };
}

/**
 * One object per list item as checked (its first line, the column its text starts at, and its
 * text with the lines under it), to keep its reports under (RuleContext.memo): what an item
 * reports depends on nothing else but the names (the memo's key). Bounded like the caches by text.
 */
const itemParts = new Map<string, object>();
function itemPart(line: number, col: number, text: string): object {
  const key = `${line}:${col}:${text}`;
  let part = itemParts.get(key);
  if (!part) {
    if (itemParts.size >= 20000) itemParts.clear();
    itemParts.set(key, (part = {}));
  }
  return part;
}

const rule: Rule = {
  id: 'blameful-language',
  description: 'Sentences that put an individual at the centre of the failure: human error, a person as subject of a failure verb, counterfactuals, judgment and hindsight.',
  defaultSeverity: 'warning',
  tags: ['language'],
  summary: 'sentences that put a person at the centre of the failure ("Bob forgot to", "human error", "should have" about people)',
  options: {
    people: { type: 'array', items: { type: 'string' }, markdownDescription: 'More names to treat as people, for this rule only (see also top-level `people`).' },
    allowedTerms: { type: 'array', items: { type: 'string' }, markdownDescription: 'More terms never flagged, for this rule only (see also top-level `allowedTerms`).' },
  },
  messages: {
    en: {
      humanError: '"{phrase}" names a person as the cause and stops the analysis there. Say what made the action easy to get wrong (a missing check, a confusing interface, a step left to memory).',
      personVerb: '"{phrase}" puts a person at the centre of the failure. Describe what the system, the process or the conditions allowed, so the report explains why the action made sense at the time.',
      counterfactual: '"{phrase}" is a counterfactual about a person: it judges with hindsight what they knew then. Describe what they saw and what nothing in the process prompted.',
      judgment: '"{phrase}" judges a person rather than describing what happened. Remove the judgment and state the facts and conditions.',
      hindsight: '"{phrase}" is hindsight: it was not obvious at the time, or it would not have happened. Remove it and say what made it hard to see.',
      rootCause: '"{phrase}" makes a person\'s action the single root cause. List it as one contributing factor among the conditions that allowed it.',
      mistakeBy: '"{phrase}" names a person as the cause. Say what made the action easy to get wrong.',
      teamCounterfactual: '"{phrase}" is a counterfactual about the people involved: it judges with hindsight what was hard to see at the time. Describe what they saw then, and what made the right step hard to see or take.',
      passiveJudgment: '"{phrase}" judges what people did, with hindsight. Describe what was not noticed or done, and what made it easy to miss.',
      fixNotCaught: 'Rewrite: it was not caught; nothing there pointed to it',
      whoQuestion: '"{phrase}" asks who, which looks for someone to blame and stops the analysis at a person. Ask what happened and how: what did the people involved see, and what made the action make sense at the time?',
      jaWho: '"{phrase}" asks who, which looks for someone to blame. Ask what happened and how: what the people involved saw, and what made the action make sense at the time.',
      jaHumanError: '"{phrase}" names human error as the cause. Say what made the action easy to get wrong.',
      jaPersonFault: '"{phrase}" attributes the failure to a person. Describe the conditions and safeguards instead.',
      jaNeglect: '"{phrase}" judges a person. Describe what was not done and why nothing required it.',
      jaCounterfactual: '"{phrase}" is a counterfactual about a person. Describe what nothing in the process prompted.',
      jaForgot: '"{phrase}" puts a person at the centre of the failure. Describe the step that was not done and why nothing required it.',
      jaJudgment: '"{phrase}" judges a person. Describe what made the situation easy to miss.',
      fixStepNotDone: 'Rewrite: the step was not done; nothing in the process required it',
      fixPrompted: 'Rewrite: nothing in the process prompted the step',
      fixConditions: 'Rewrite around the conditions, not the person',
      fixCommand: 'Rewrite: make the command the subject',
      fixChangeSubject: 'Rewrite: make the change the subject',
      fixSignal: 'Rewrite: the signal did not stand out enough',
      fixUnguardedStep: 'Replace with "a manual step with no safeguard"',
      fixEasyToGetWrong: 'Replace with what made the step easy to get wrong',
      fixContributing: 'Rewrite as one contributing factor',
      fixMissingSafeguard: 'Replace the judgment with "a missing safeguard"',
      fixRemoveWord: 'Remove the judgmental word',
      fixRemoveHindsight: 'Remove the hindsight word',
      fixHardToSee: 'Rewrite: say it was not easy to see at the time',
      fixJaUnguarded: 'Rewrite: the process had no safeguard',
      fixJaNotDone: 'Rewrite: the step was not done; nothing required it',
      fixJaNoProcedure: 'Rewrite: there was no procedure for it',
      fixJaEasyToMiss: 'Rewrite: the situation made it easy to miss',
    },
    ja: {
      humanError: '「{phrase}」は人を原因として挙げ、分析をそこで止めてしまいます。その操作を誤りやすくしていたもの（欠けていた確認、紛らわしい画面、記憶に頼る手順）を書いてください。',
      personVerb: '「{phrase}」は個人を障害の中心に置いています。システム・手順・状況が何を許したのかを書き、その時点でなぜその行動が妥当に見えたのかを説明してください。',
      counterfactual: '「{phrase}」は個人についての反実仮想で、後知恵で判断しています。当人が何を見ていて、手順の何が促さなかったのかを書いてください。',
      judgment: '「{phrase}」は出来事ではなく人を評価しています。評価の言葉を外し、事実と状況を書いてください。',
      hindsight: '「{phrase}」は後知恵です。当時明らかであれば起きていません。言葉を外し、なぜ見えにくかったのかを書いてください。',
      rootCause: '「{phrase}」は個人の行動を唯一の根本原因にしています。それを許した条件と並ぶ寄与要因の一つとして書いてください。',
      mistakeBy: '「{phrase}」は人を原因として挙げています。その操作を誤りやすくしていたものを書いてください。',
      teamCounterfactual: '「{phrase}」は関係者についての反実仮想で、当時は見えにくかったことを後知恵で判断しています。当時何が見えていて、何が正しい手順を見えにくく・取りにくくしていたのかを書いてください。',
      passiveJudgment: '「{phrase}」は人の行動を後知恵で評価しています。何が気づかれず・行われなかったのか、何がそれを見落としやすくしていたのかを書いてください。',
      fixNotCaught: '書き換え: 見つからなかった。そこにそれを示すものがなかった',
      whoQuestion: '「{phrase}」は「誰が」を問うており、責める相手を探して分析を人で止めてしまいます。何が起き、どのように起きたのか、関係者に何が見えていて、なぜその行動がその時点で妥当に見えたのかを問うてください。',
      jaWho: '「{phrase}」は「誰が」を問うており、責める相手を探して分析を人で止めてしまいます。「誰が」ではなく「何が・どのように」を問い、関係者に何が見えていて、なぜその行動がその時点で妥当に見えたのかを書いてください。',
      jaHumanError: '「{phrase}」は人的ミスを原因としています。その操作を誤りやすくしていたもの（確認の仕組みの欠如、紛らわしい手順など）を書いてください。',
      jaPersonFault: '「{phrase}」は障害を個人に帰しています。代わりに状況と欠けていた安全策を書いてください。',
      jaNeglect: '「{phrase}」は人を評価しています。何が実施されず、なぜ手順上それが求められていなかったのかを書いてください。',
      jaCounterfactual: '「{phrase}」は個人についての反実仮想です。手順の何がそれを促さなかったのかを書いてください。',
      jaForgot: '「{phrase}」は個人を障害の中心に置いています。実施されなかった手順と、なぜそれを求める仕組みがなかったのかを書いてください。',
      jaJudgment: '「{phrase}」は人を評価しています。何が見落としやすい状況を作っていたのかを書いてください。',
      fixStepNotDone: '書き換え: 手順が実施されず、それを求める仕組みがなかった',
      fixPrompted: '書き換え: 手順がその作業を促さなかった',
      fixConditions: '書き換え: 人ではなく状況を主語にする',
      fixCommand: '書き換え: コマンドを主語にする',
      fixChangeSubject: '書き換え: 変更を主語にする',
      fixSignal: '書き換え: 兆候が十分に目立たなかった',
      fixUnguardedStep: '「a manual step with no safeguard」に置き換える',
      fixEasyToGetWrong: '誤りやすくしていたものに置き換える',
      fixContributing: '寄与要因の一つとして書き換える',
      fixMissingSafeguard: '評価の言葉を「a missing safeguard」に置き換える',
      fixRemoveWord: '評価の言葉を削除する',
      fixRemoveHindsight: '後知恵の言葉を削除する',
      fixHardToSee: '書き換え: 当時は気づきにくかった',
      fixJaUnguarded: '書き換え: 誤りを防ぐ仕組みがなかった',
      fixJaNotDone: '書き換え: 手順が実施されず、それを求める仕組みがなかった',
      fixJaNoProcedure: '書き換え: その手順がなかった',
      fixJaEasyToMiss: '書き換え: 見落としやすい状況だった',
    },
  },
  check(ctx) {
    const { doc, config } = ctx;
    const extraPeople = Array.isArray(ctx.options.people) ? (ctx.options.people as string[]) : [];
    const extraAllowed = Array.isArray(ctx.options.allowedTerms) ? (ctx.options.allowedTerms as string[]) : [];
    const lex = buildLexicon(doc.people, [...config.people, ...extraPeople], [...config.allowedTerms, ...extraAllowed], personalVoice(doc.lines));
    const { lines, scan } = doc;

    const checkPiece = (p: Piece) => {
      const found = findBlame(p.text, lex);
      for (const m of found) {
        // remark runs only here, on a text that already has a candidate (and is cached by text).
        if (!isProse(p.text, m.start, m.end)) continue;
        report(p, m);
      }
    };
    const report = (p: Piece, m: BlameMatch) => {
      const toRange = (s: number, e: number) => {
        const a = p.pos(s);
        const b = p.pos(e);
        return { start: a, end: b };
      };
      const fixes: Fix[] = !ctx.details ? [] : m.rewrites.map((r, i) => ({
        title: ctx.msg(r.titleId),
        edits: [{ range: toRange(r.start, r.end), newText: r.newText }],
        isPreferred: i === 0 && m.rewrites.length === 1 ? true : undefined,
      }));
      ctx.report({ range: toRange(m.start, m.end), messageId: m.kind, args: { phrase: m.phrase.replace(/\s+/g, ' ') }, fixes: fixes.length ? fixes : undefined, data: { phrase: m.phrase, kind: m.kind } });
    };

    const checkRow = (r: TableRow, only: number | undefined) => {
      r.cells.forEach((cell, ci) => {
        if (only !== undefined && ci !== only) return;
        // findBlame is cached by text (hits and misses), so unchanged cells cost one look-up.
        if (!cell.text || !findBlame(cell.text, lex).length) return;
        if (only === undefined && !/\S\s+\S+\s+\S/.test(cell.text) && !JAPANESE_RUN.test(cell.text)) return;
        checkPiece({ text: cell.text, pos: (o) => ({ line: cell.line, character: cell.start + o }) });
      });
    };
    /** Lines `from..to` of the report as one text, the first from column `col`. */
    const linesText = (from: number, to: number, col: number) => {
      const first = col ? lines[from].slice(col) : lines[from];
      return from === to ? first : first + '\n' + lines.slice(from + 1, to + 1).join('\n');
    };
    /** Lines `from..to` of the report as one piece of prose, the first from column `col`. */
    const checkLines = (from: number, to: number, col = 0, text = linesText(from, to, col)) => {
      // findBlame is cached by text (hits and misses) and runs the pre-filter on a text it has not
      // seen: the same paragraphs come back in every report of a folder.
      if (!findBlame(text, lex).length) return;
      const starts: number[] = [];
      let off = 0;
      for (let l = from; l <= to; l++) {
        starts.push(off);
        off += (l === from ? lines[l].length - col : lines[l].length) + 1;
      }
      checkPiece({
        text,
        pos(o) {
          let k = starts.length - 1;
          while (k > 0 && starts[k] > o) k--;
          return { line: from + k, character: o - starts[k] + (k === 0 ? col : 0) };
        },
      });
    };

    const timelineTables = new Map(doc.timeline.tables.map((t) => [t.block, t]));
    // What a block reports depends on its own lines and on the names above (lex.key): blocks an
    // edit did not reach are answered from the last check (ctx.memo).
    scan.blocks.forEach((b, bi) => {
      if (b.kind === 'paragraph') {
        ctx.memo(b, lex.key, () => checkLines(b.startLine, b.endLine));
        return;
      }
      if (b.kind === 'list' && b.items) {
        // Each top-level item (its text after the marker, with the items under it) is a piece of
        // its own: a sentence never runs from one item into the next, an item's first word starts
        // a sentence, and typing in one item of a long list reads that item again only (the others
        // are answered from the caches, which are keyed by text).
        // An edit in the list makes the whole block new, so each item is also checked under a
        // part of its own, found by the item's place and text (itemPart): the items the edit did
        // not reach replay their reports (the same findings, the same diagnostics).
        ctx.memo(b, lex.key, () => {
          const top = doc.topLevelItems(b);
          top.forEach((it, k) => {
            let end = k + 1 < top.length ? top[k + 1].line - 1 : b.endLine;
            while (end > it.line && !lines[end].trim()) end--;
            const text = linesText(it.line, end, it.textStart);
            ctx.memo(() => itemPart(it.line, it.textStart, text), lex.key, () => checkLines(it.line, end, it.textStart, text));
          });
        });
        return;
      }
      if (b.kind === 'table' && b.rows) {
        const tl = timelineTables.get(bi);
        // In a timeline only the Event column is prose; elsewhere every body cell of a few words is.
        const only = tl ? tl.columns.event : undefined;
        if (tl && only === undefined) return;
        const key = `${only ?? ''}\u0000${lex.key}`;
        ctx.memo(b, key, () => {
          for (const r of b.rows!) ctx.memo(r, key, () => checkRow(r, only));
        });
      }
    });
  },
};
export default rule;
