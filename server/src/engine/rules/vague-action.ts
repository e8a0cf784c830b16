import type { Range, Rule } from '../types';
import { judgeActionCached as judgeAction, snippetToText, TEMPLATES } from '../lexicon/vague';
import { lineRange } from './util';
import { hasJapanese, languageOf } from '../model';

const rule: Rule = {
  id: 'vague-action',
  description: 'Action items that name a direction ("improve monitoring", "investigate") but no verifiable deliverable: an artifact, a place, a threshold or a measure.',
  defaultSeverity: 'warning',
  tags: ['action-items', 'language'],
  summary: 'actions that name a direction but no deliverable ("Improve monitoring", "Investigate the issue")',
  options: {
    vagueVerbs: { type: 'array', items: { type: 'string' }, markdownDescription: 'More vague verbs or phrases, for this rule only (see also top-level `vagueVerbs`).' },
  },
  messages: {
    en: {
      vague: 'Action item {id}"{lead}" names a direction, not a deliverable. Say what will exist when it is done: an artifact (dashboard, alert, test, runbook), where, and a threshold or measure, so anyone can tell it is finished.',
      care: 'Action item {id}"{lead}" asks people to try harder; it changes nothing that will be there next time. Replace it with a safeguard: a check, an alert, an automation or a runbook step.',
      fix: 'Rewrite as a concrete action (verb + artifact + measure)',
      placeholder: 'Action item {id}still has the template placeholder {placeholder}. Replace it with the real {name}.',
    },
    ja: {
      vague: 'アクションアイテム {id}「{lead}」は方向性だけで、成果物がありません。完了時に何ができているか（ダッシュボード、アラート、テスト、手順書など）、どこに、どの閾値・指標で、を書き、誰でも完了を判断できるようにしてください。',
      care: 'アクションアイテム {id}「{lead}」は人の心がけに頼っており、次回に残る仕組みを何も変えません。チェック、アラート、自動化、手順書の一手順などの安全策に置き換えてください。',
      fix: '具体的なアクション（動詞 + 成果物 + 指標）に書き換える',
      placeholder: 'アクションアイテム {id}にテンプレートの仮の値 {placeholder} が残っています。実際の{name}に置き換えてください。',
    },
  },
  check(ctx) {
    const { doc, config } = ctx;
    const extra = Array.isArray(ctx.options.vagueVerbs) ? (ctx.options.vagueVerbs as string[]) : [];
    const verbs = [...config.vagueVerbs, ...extra];
    /** A vague action at `range`; its fix (when replacing it is safe) puts the template of its category, in the language of `text`, at `fixRange`. */
    const reportVague = (v: NonNullable<ReturnType<typeof judgeAction>>, text: string, id: string, range: Range, fixRange: Range | undefined, end = '') => {
      const snippet = TEMPLATES[languageOf(text, ctx.locale)][v.category] + end;
      ctx.report({
        range,
        messageId: messageOf(v),
        args: { id, lead: v.lead },
        fixes: fixRange && ctx.details ? [{ title: ctx.msg('fix'), edits: [{ range: fixRange, newText: snippetToText(snippet) }], snippet: { range: fixRange, snippet } }] : undefined,
        data: { lead: v.lead, category: v.category },
      });
    };
    for (const it of doc.openActionItems()) {
      const cell = it.action;
      if (!cell || !cell.text) continue;
      // The plain-text form of this rule's own fix leaves placeholders to fill in: say so until they are.
      const ph = PLACEHOLDER_RE.exec(cell.text);
      if (ph) {
        const at = cell.start + ph.index;
        ctx.report({ range: lineRange(cell.line, at, at + ph[0].length), messageId: 'placeholder', args: { id: it.id?.text ? `${it.id.text} ` : '', placeholder: ph[0], name: ph[0].replace(/[〈〉]/g, '').toLowerCase() } });
        continue;
      }
      const v = judgeAction(cell.text, verbs);
      if (!v) continue;
      // A Japanese table row may give the end state in a cell of its own (「ログレベル見直し | WARNING → ERROR」):
      // read the row's other text cells as a note to the action.
      if (it.kind === 'table' && it.row && hasJapanese(cell.text)) {
        const meta = new Set([it.id, it.owner, it.deadline, it.priority, it.status, it.ticket, cell]);
        const more = it.row.cells.filter((c) => !meta.has(c) && c.text.trim()).map((c) => c.text.trim());
        if (more.length && !judgeAction(`${cell.text}（${more.join('、')}）`, verbs)) continue;
      }
      // A list item may go on over several lines; the rest can name the deliverable.
      if (it.kind === 'list' && it.text && it.text.length > cell.text.length && !judgeAction(it.text.replace(/(?<!\s)\s+[-*+]\s+(?:\[[ xX]\]\s+)?/g, ' '), verbs)) continue;
      // Replace the action's own words, leaving trailing links, owners and tickets in place.
      const core = coreSpan(cell.text);
      const id = it.id?.text ? `${it.id.text} ` : '';
      reportVague(v, cell.text, id, lineRange(cell.line, cell.start, cell.end), lineRange(cell.line, cell.start + core[0], cell.start + core[1]));
    }
    // Follow-ups written as sentences (「(1) …周知徹底いたします。」, "I intend to ..."): each is judged like
    // an item. A Japanese measure is a sentence of its own, and the fix replaces it; an English
    // commitment is part of a sentence, and a promise in prose sits among apologies and context, so
    // replacing either with a template is not safe: they get no rewrite.
    for (const s of doc.actionItems.sentences) {
      const v = judgeAction(s.text, verbs);
      if (!v) continue;
      const range = lineRange(s.line, s.start, s.end);
      reportVague(v, s.text, '', range, hasJapanese(s.text) ? range : undefined, '。');
    }
    for (const s of doc.actionItems.pledges) {
      const v = judgeAction(s.text, verbs);
      if (v) reportVague(v, s.text, '', lineRange(s.line, s.start, s.end), undefined);
    }
  },
};

/** Care (「徹底」「注意」, a rule to remember, a request for thoroughness) asks people to try harder; the rest names a direction. */
function messageOf(v: { lead: string; category: string }): 'care' | 'vague' {
  return /^(?:be |take |pay |stay |remember|remind|(?:re-?)?familiari|re-?acquaint|re-?educate|don|do not|double)|注意|気を|意識|心が|留意|努め|努力/i.test(v.lead) || (hasJapanese(v.lead) && v.category === 'care') ? 'care' : 'vague';
}

/** The placeholders of the plain-text templates (METRIC, 〈指標〉...), derived from the templates themselves. */
const PLACEHOLDER_RE = new RegExp(
  [...new Set(Object.values(TEMPLATES).flatMap((t) => Object.values(t)).flatMap((sn) => snippetToText(sn).match(/\b[A-Z]{3,}\b|〈[^〈〉]+〉/g) ?? []))]
    .map((w) => (w.startsWith('〈') ? w : `\\b${w}\\b`))
    .join('|'),
);

/** The part of an action cell that holds the action's words: after a checkbox or emphasis, before a trailing link, owner or ticket. */
function coreSpan(text: string): [number, number] {
  let s = 0;
  const lead = /^(?:\[[ xX]\]\s*)?(?:\*\*|__|\*|_)?/.exec(text);
  if (lead) s = lead[0].length;
  const tail = /(?<!\s)\s+(?:\(|\[|—|–|-\s|@|owner:|assignee:|due:|https?:)|(?:\*\*|__)(?=\s*[:(—–-]|\s*$)|(?<!\s)\s*[:：]\s+\S/i.exec(text.slice(s));
  let e = tail ? s + tail.index : text.length;
  while (e > s && /[\s*_.。]/.test(text[e - 1])) e--;
  if (e <= s) return [0, text.length];
  return [s, e];
}

export default rule;
