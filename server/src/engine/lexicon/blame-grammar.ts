// Blame found by grammar rather than by a fixed phrase: a person (any name, an @handle, "I", "he",
// "the on-call engineer") as the subject of a failure verb; counterfactual conditionals about what
// people did ("if we had ..., we would have ...", "... had we ..."); hindsight framing about human
// decisions; questions that ask who; and the same classes in Japanese (「田中さんが問題を引き起こした」,
// 「〜していれば防げた」, 「誰がデプロイしたのか」).
//
// Each detector starts from a cheap cue found by a flat regular expression (no nested quantifiers),
// then reads the words around it in code (subject.ts), so the cost stays linear in the text.
import { subjectBefore, isPersonPhrase, type Subject } from './subject';
import { baseForm } from './english-verbs';
import { hasJapanese } from '../model/queries';

export type GrammarKind = 'personVerb' | 'counterfactual' | 'teamCounterfactual' | 'hindsight' | 'whoQuestion' | 'mistakeBy' | 'judgment' | 'jaPersonFault' | 'jaCounterfactual' | 'jaWho' | 'jaJudgment';

export interface GrammarMatch {
  start: number;
  end: number;
  kind: GrammarKind;
  phrase: string;
  rewrites: { titleId: string; start: number; end: number; newText: string }[];
}

export interface GrammarHelpers {
  sentenceAt(text: string, start: number, end: number): [number, number];
  caseLike(text: string, at: number, replacement: string): string;
  /** Lower-cased names and @handles of the people the report and the config know. */
  names: ReadonlySet<string>;
  /** The person pattern for Japanese (「田中さん」「担当者」...), without flags. */
  jaPerson: RegExp;
  /** The report is one person's own account (blame.ts personalVoice). */
  personal?: boolean;
}

// --- English: a person as the subject of a failure verb -------------------------------------------

const EN_FAIL_CUE =
  /\b(?:forgot|forgets|forgotten|neglected|misjudged|misjudges|misread|mistyped|misconfigured|misremembered|botched|bungled|messed up|screwed up|fat[- ]?fingered|dropped the ball|failed to|fails to|didn[’']t|did not|never|should(?:n[’']t| not)? have|should[’']ve|ought (?:not )?to have|made (?:a|an|the|this|that) (?:[a-z]+ )?(?:mistake|error|typo|blunder)|broke|caused|missed|overlooked|ignored|disregarded|ran)\b/gi;
/** After "failed to" / "did not" / "never": a person not doing their part. */
const DUTY = new Set([
  'check', 'double-check', 'test', 'verify', 'notice', 'read', 'follow', 'review', 'escalate', 'update', 'run', 'wait', 'ask',
  'communicate', 'tell', 'notify', 'inform', 'confirm', 'validate', 'realize', 'realise', 'respond', 'acknowledge', 'ack',
  'look', 'monitor', 'consider', 'think', 'catch', 'bother', 'pay', 'report', 'page', 'roll', 'revert', 'restart', 'back',
  'see', 'act', 'react', 'remember', 'document', 'coordinate', 'announce', 'lock', 'clean', 'heed', 'answer', 'prioritize',
  'prioritise', 'request', 'spot', 'detect', 'investigate', 'understand', 'know', 'notify', 'reply', 'approve', 'merge',
]);
/** What only people do: a capitalized word nobody declared is taken for a name only before these. */
const COGNITIVE = new Set(['notice', 'realize', 'realise', 'know', 'remember', 'read', 'think', 'consider', 'ask', 'tell', 'pay', 'double-check', 'bother', 'heed', 'understand', 'spot', 'see', 'catch', 'check', 'review', 'escalate', 'communicate', 'acknowledge', 'follow']);
const COGNITIVE_PP = new Set(['known', 'noticed', 'realized', 'realised', 'remembered', 'read', 'thought', 'considered', 'asked', 'told', 'paid', 'double-checked', 'checked', 'understood', 'spotted', 'seen', 'caught', 'reviewed', 'escalated', 'communicated', 'acknowledged', 'followed', 'verified', 'tested', 'waited', 'looked', 'listened', 'warned', 'flagged']);
/**
 * What a system does, after a subject-less "should have" ("Should have alerted at 80%", "should have
 * failed over"): its subject may be a system named in the sentence before, so the note is not read as
 * a counterfactual about people. Any other verb there is the writer's or the team's work.
 */
/** Verbs both jobs and people do: people's work only with an object ("should have run the migration"). */
const RUN_PP = new Set(['run', 'started', 'stopped', 'restarted', 'completed', 'finished', 'executed', 'ended', 'begun']);
const SYSTEM_PP = new Set(['alerted', 'fired', 'triggered', 'paged', 'notified', 'failed', 'scaled', 'retried', 'returned', 'rejected', 'blocked', 'detected', 'worked', 'errored', 'crashed', 'recovered', 'timed', 'expired', 'rotated', 'renewed', 'synced', 'replicated', 'propagated', 'resolved', 'matched', 'passed', 'succeeded', 'happened', 'occurred', 'been', 'gone', 'come', 'shown', 'displayed', 'logged', 'reported', 'responded', 'behaved', 'stayed', 'remained', 'kicked']);
const CAREFUL = /^(?:more |extra |much more )?(?:careful|aware|cautious|thorough|vigilant|diligent|attentive|mindful|disciplined)\b/i;

function nextWords(text: string, at: number, n: number): string[] {
  return text.slice(at, at + 80).trim().split(/[\s,.;:!?()]+/).filter(Boolean).slice(0, n);
}

/**
 * Where `word` (one of nextWords' words, in lower case) ends in `text` after `from`. The text may
 * write it with capitals ("never Investigate"), so it is looked for case-insensitively; `from` when
 * it cannot be found (a phrase then ends at its cue, never before its start).
 */
function wordEnd(text: string, from: number, word: string): number {
  const window = text.slice(from, from + 80);
  const lower = window.toLowerCase();
  const i = lower.length === window.length ? lower.indexOf(word) : -1;
  return i < 0 ? from : from + i + word.length;
}

function englishPersonVerbs(text: string, h: GrammarHelpers, push: (m: GrammarMatch) => void): void {
  for (const m of text.matchAll(EN_FAIL_CUE)) {
    const at = m.index!;
    const cue = m[0].toLowerCase();
    const after = at + m[0].length;
    const [ss, se] = h.sentenceAt(text, at, after);
    let kind: GrammarMatch['kind'] = 'personVerb';
    let generic = false; // may a capitalized word nobody declared count as a name here?
    let team = false; // does "we" count here?
    let end = after;
    const [w1, w2] = nextWords(text, after, 2).map((w) => w.toLowerCase());
    if (/^(?:forg|neglect|misjudg|misread|mistyp|misconfig|misremem|botch|bungl|messed|screwed|fat|made)/.test(cue)) {
      generic = true;
    } else if (cue === 'dropped the ball') {
      generic = true;
      team = true;
      kind = 'judgment';
    } else if (/^(?:failed|fails|didn|did not|never)/.test(cue)) {
      const duty = (w1 === 'bother' ? w2 : w1) ?? '';
      if (!DUTY.has(duty) && !DUTY.has(baseForm(duty))) continue;
      generic = COGNITIVE.has(duty);
      team = /^fail/.test(cue);
      if (team && !/^fail/.test(cue)) team = false;
      end = wordEnd(text, after, w1 ?? '');
    } else if (/^(?:should|ought)/.test(cue)) {
      kind = 'counterfactual';
      if (!w1) continue;
      if (w1 === 'been') {
        // "Alice should have been paged" is about the system; "should have been more careful" judges.
        if (!CAREFUL.test(text.slice(after).trim().slice(5))) continue;
        generic = true;
      } else {
        if (!/ed$|en$|wn$|ght$|ne$|ld$|id$|ne$/.test(w1) && !['run', 'read', 'set', 'put', 'let', 'hit', 'cut', 'seen', 'spun'].includes(w1)) continue;
        generic = COGNITIVE_PP.has(w1);
      }
      team = true;
      kind = 'counterfactual';
      end = wordEnd(text, after, w1);
    } else if (cue === 'caused') {
      if (w1 === 'by') continue;
    } else if ((cue === 'ignored' || cue === 'disregarded') && judgedHarmless(text, ss, se, h)) {
      // "error was expected so I ignored it": a decision about something judged harmless, not a lapse.
      continue;
    } else if (cue === 'ran') {
      // "he ran it on db1 instead of db2": the wrong target.
      if (!/\b(?:instead of|rather than)\b/i.test(text.slice(after, se))) continue;
    }
    // "I forgot to attach the graph to this report" is about the write-up, not the incident.
    if (/\b(?:this|the|our) (?:report|post-?mortem|write-?up|draft|blog post|post|retro(?:spective)?)\b/i.test(text.slice(after, se))) continue;
    const subj = subjectBefore(text, ss, at, { names: h.names, allowGeneric: generic });
    if (!subj) continue;
    if (subj.kind === 'team' && !team) continue;
    // Teams are judged by the older, narrower patterns (blame.ts) except for a counterfactual or
    // an idiom; here a team counterfactual must end in a past participle that is an act, not a wish.
    const finalKind: GrammarMatch['kind'] = subj.kind === 'team' ? (kind === 'judgment' ? 'judgment' : 'teamCounterfactual') : kind;
    const start = subj.start;
    const rewrites: GrammarMatch['rewrites'] = [];
    if (finalKind === 'counterfactual' || finalKind === 'teamCounterfactual') {
      const verb = text.slice(at, end).split(/\s+/).pop() ?? '';
      if (verb && verb !== 'been') rewrites.push({ titleId: 'fixPrompted', start, end, newText: h.caseLike(text, start, `nothing in the process prompted anyone to ${baseForm(verb)}`) });
    } else if (/^(?:failed|fails|didn|did not|never)/.test(cue)) {
      const verb = text.slice(at, end).split(/\s+/).pop() ?? '';
      rewrites.push({ titleId: 'fixPrompted', start, end, newText: h.caseLike(text, start, `nothing in the process prompted anyone to ${baseForm(verb)}`) });
    } else if (cue === 'caused' || cue === 'broke') {
      rewrites.push({ titleId: 'fixChangeSubject', start, end: at, newText: h.caseLike(text, start, 'a change ') });
    } else if (finalKind !== 'judgment') {
      rewrites.push({ titleId: 'fixConditions', start, end, newText: h.caseLike(text, start, 'a manual step went wrong; nothing in the tooling caught it') });
    }
    push({ start, end, kind: finalKind, phrase: text.slice(start, end), rewrites });
  }
}

/** What was ignored judged harmless or expected: "error was expected", "a known false positive", "just noise". */
const HARMLESS = /\b(?:(?:was|were|is|are|looked|seemed|being)\s+(?:(?:an?|the|just|only|fully|entirely|all|likely|probably)\s+)?(?:expected|benign|harmless|normal|spurious|transient|noise|noisy|unrelated|irrelevant|a known (?:issue|error|warning|flake)|a false positive|false positives)|expected (?:errors?|warnings?|failures?|alerts?|messages?)|known (?:false positives?|flakes?|noise)|false positives?|(?:just|only) noise)\b/i;

/** Whether the sentence at ss..se, or the one before it, judges what was ignored harmless. */
export function judgedHarmless(text: string, ss: number, se: number, h: Pick<GrammarHelpers, 'sentenceAt'>): boolean {
  if (HARMLESS.test(text.slice(ss, se))) return true;
  if (ss < 2) return false;
  const [ps] = h.sentenceAt(text, ss - 2, ss - 1);
  return HARMLESS.test(text.slice(ps, ss));
}

// --- English: counterfactual conditionals about people ----------------------------------------------

const IF_CUE = /\bif (?:only )?/gi;
const HAD_CLAUSE = /^([@\p{L}][\p{L}\p{N}_-]*(?: [\p{L}-]+){0,2}?)(?:[’']d| had)( not|n[’']t)? ([a-z]+)/u;
const CONSEQUENCE = /\b(?:would|could|might)(?:n[’']t| not)?(?: have|[’']ve)\b|\b(?:we|they|I|he|she|it)[’']d have\b/i;
const AVOIDED = /\b(?:avoided|prevented|caught|detected|noticed|isolated|stopped|spotted|seen|found|reduced|limited|mitigated|known|saved|averted|shortened|happened|occurred|shipped|gone out|reached|been (?:caught|avoided|prevented|detected|noticed|spotted|found|stopped|limited|reduced|mitigated|able|fine))\b/i;
const NEGATIVE_CONSEQUENCE = /\b(?:would|could|might)(?:n[’']t| not)(?: have|[’']ve)\b|\bnone of this\b/i;
const INVERTED_HAD = /\bhad (?:we|I|he|she|the team|our team|someone|anyone)(?: not)? [a-z]+/gi;
const PERSON_WORDS = /^(?:we|i|he|she|the team|our team|someone|anyone|somebody)$/i;

function englishConditionals(text: string, h: GrammarHelpers, push: (m: GrammarMatch) => void): void {
  for (const m of text.matchAll(IF_CUE)) {
    const at = m.index!;
    const rest = text.slice(at + m[0].length, at + m[0].length + 80);
    const hm = HAD_CLAUSE.exec(rest);
    if (!hm) continue;
    const who = hm[1];
    if (!PERSON_WORDS.test(who) && !isPersonPhrase(who, h.names, false)) continue;
    const [, se] = h.sentenceAt(text, at, at + 2);
    const condEnd = at + m[0].length + hm[0].length;
    const tail = text.slice(condEnd, se);
    // The consequence can also come first: "The outage would not have happened if we had ...".
    const [ss] = h.sentenceAt(text, at, at + 2);
    const head = text.slice(ss, at);
    const cons = CONSEQUENCE.exec(tail) ? tail : CONSEQUENCE.exec(head) ? head : undefined;
    if (!cons) continue;
    const negativeCond = !!hm[2];
    if (negativeCond ? !AVOIDED.test(cons) : !(NEGATIVE_CONSEQUENCE.test(cons) || AVOIDED.test(cons))) continue;
    // "If we had published it earlier, it wouldn't have helped": the act would have changed nothing,
    // which clears the people rather than judging them.
    if (/\b(?:would|could|might)(?:n[’']t| not)(?: have|[’']ve) (?:helped|mattered|made (?:a|any|much of a) difference|changed (?:anything|much|the outcome)|been (?:enough|sufficient)|prevented (?:it|this|the (?:outage|incident)) either)\b/i.test(cons) && !negativeCond) continue;
    // "If we had not rolled back, it would have been worse": a worse world imagined, not a judgment.
    if (/\b(?:worse|longer|more (?:damage|data|customers|users)|much more|far more|lost)\b/i.test(cons) && !NEGATIVE_CONSEQUENCE.test(cons)) continue;
    push({ start: at, end: condEnd, kind: 'teamCounterfactual', phrase: text.slice(at, condEnd), rewrites: [] });
  }
  for (const m of text.matchAll(INVERTED_HAD)) {
    const at = m.index!;
    const [ss] = h.sentenceAt(text, at, at + 3);
    const before = text.slice(ss, at);
    if (/\bif\s+$/i.test(before) || !CONSEQUENCE.test(before)) continue;
    if (!(NEGATIVE_CONSEQUENCE.test(before) || AVOIDED.test(before))) continue;
    const cm = CONSEQUENCE.exec(before)!;
    const start = ss + cm.index;
    push({ start, end: at + m[0].length, kind: 'teamCounterfactual', phrase: text.slice(start, at + m[0].length), rewrites: [] });
  }
}

// "This should have been addressed before it created any impact", "should have gone through review":
// a counterfactual about people's work, told in the passive. Only with verbs of work people do; "the
// request should have been rejected" expects behaviour of a system and is left alone.
const PASSIVE_CF = /\bshould(?:n[’']t| not)? have (?:been (?:addressed|fixed|caught|handled|reviewed|tested|escalated|noticed|spotted|communicated|rolled back|reverted|investigated|prioriti[sz]ed|documented|planned|patched|renewed|rotated|double-checked|checked|verified|validated|raised|flagged|followed up|picked up|dealt with|thought through|considered)|gone through (?:a |an |the |any )?(?:more |proper |thorough |stricter |stringent |formal |code |peer |security )*(?:review|testing|approval|sign-off|QA))\b/gi;

/** "The extension should not have been removed": a counterfactual about an act people did (negated only). */
const PASSIVE_NOT_ACT = /\bshould(?:n[’']t| not) have been (?:removed|deleted|dropped|disabled|changed|modified|reverted|touched|run|executed|applied|restarted|upgraded|downgraded|overwritten|truncated)\b/gi;

function englishPassiveCounterfactuals(text: string, h: GrammarHelpers, push: (m: GrammarMatch) => void): void {
  for (const m of [...text.matchAll(PASSIVE_CF), ...text.matchAll(PASSIVE_NOT_ACT)]) {
    const start = m.index!;
    const end = start + m[0].length;
    const [ss, se] = h.sentenceAt(text, start, end);
    // "Reflect on whether X should have been communicated" asks; it does not judge.
    if (/\b(?:if|whether)\b/i.test(text.slice(ss, start))) continue;
    if (/^\s*(?:\w+\s+){0,2}(?:automatically|by (?:the |a |an )?(?:[\w-]+ ){0,2}?(?:system|job|script|pipeline|controller|scheduler|automation|tool|bot|ci|alert|monitor))/i.test(text.slice(end, se))) continue;
    push({ start, end, kind: 'counterfactual', phrase: m[0], rewrites: [] });
  }
}

/**
 * Notes that leave the subject out: the writer or the team is the one who did not ("Forgot to renew
 * the certificate.", "Also failed to verify that the errors mentioned AndroidX.", "Should have been
 * done the day before."). Only at the start of a sentence; a system's failure keeps its subject
 * ("The job failed to verify the signature"), and a bare "Failed to connect" in a log line is not a duty.
 */
const SUBJECTLESS = /\b(?:(?:also|and|then|but) )?(?:(?:forgot|neglected|omitted|didn[’']t bother|did not bother) to [a-z]+|(?:also|and|then|but)\s+failed to [a-z-]+|failed to [a-z-]+(?= that\b)|should(?:n[’']t| not)? have been (?:done|made|sent|run|deployed|merged|released|shipped|announced|published|scheduled|coordinated|postponed|delayed|started|stopped|paused|cancell?ed)|should(?:n[’']t| not)? have (?!been\b)[a-z-]+)\b/gi;

function englishSubjectless(text: string, h: GrammarHelpers, push: (m: GrammarMatch) => void): void {
  for (const m of text.matchAll(SUBJECTLESS)) {
    const start = m.index!;
    const end = start + m[0].length;
    const [ss] = h.sentenceAt(text, start, end);
    // At the start of a sentence, or of a clause after a dash or a semicolon ("Too many hosts went
    // down at once - should have done the change on one host").
    if (ss !== start && !/(?:\s[-–—]|;)\s+$/.test(text.slice(ss, start))) continue;
    const failed = /failed to ([a-z-]+)/i.exec(m[0]);
    if (failed && !DUTY.has(failed[1].toLowerCase())) continue;
    // "Should have tested the restore path first.", "should have done the change on one host": what
    // the writer or the team did; "Should have alerted at 80%" may be a system's, its subject left
    // out from the sentence before.
    const did = /should(?:n[’']t| not)? have ([a-z-]+)$/i.exec(m[0]);
    if (did && SYSTEM_PP.has(did[1].toLowerCase())) continue;
    // "Should have run at 02:00" is a job's schedule; "Should have run the migration on staging" is work.
    if (did && RUN_PP.has(did[1].toLowerCase()) && !/^\s+(?:the|a|an|our|it|this|that|these|those|them|each|every|all)\b/i.test(text.slice(end, end + 12))) continue;
    const kind: GrammarKind = /should/i.test(m[0]) ? 'counterfactual' : 'personVerb';
    push({ start, end, kind, phrase: text.slice(start, end), rewrites: [] });
  }
}

// --- English: hindsight about human decisions, questions that ask who, judgments -------------------

const HINDSIGHT = /\b(?:in|with)(?: (?:20\/20|20:20|perfect|the benefit of))? hindsight\b|\bin retrospect\b|\bneedless to say\b/gi;
const HUMAN_CUE = /\b(?:we|I|he|she|our|us|decision|decided|decide|call|choice|chose|choose|mistake|should|ought|judg(?:e)?ment|approach|plan)\b/i;

function englishHindsight(text: string, h: GrammarHelpers, push: (m: GrammarMatch) => void): void {
  for (const m of text.matchAll(HINDSIGHT)) {
    const at = m.index!;
    const end = at + m[0].length;
    const [ss, se] = h.sentenceAt(text, at, end);
    const sentence = text.slice(ss, se);
    if (!HUMAN_CUE.test(sentence.replace(m[0], ''))) continue;
    // Remove the phrase and the comma after it; capitalize what follows when it opened the sentence.
    let cut = end;
    while (cut < text.length && /[, ]/.test(text[cut]) && text[cut] !== '\n') cut++;
    const rewrites: GrammarMatch['rewrites'] = [];
    if (at === ss && cut < se) rewrites.push({ titleId: 'fixRemoveHindsight', start: at, end: cut + 1, newText: text[cut].toUpperCase() });
    push({ start: at, end, kind: 'hindsight', phrase: m[0], rewrites });
  }
}

const WHO = /\bwho(?:[’']s| is| was| were)? (?:to blame|responsible|at fault)\b|\bwhose (?:fault|mistake|error)\b|\bwho (?:[a-z]+ed|broke|ran|made|wrote|did|forgot|put|set|took|let|shut|caused|pushed|merged|missed|approved|deleted|dropped|changed|typed|left)\b/gi;
const WHY_DID = /\b(?:why|how come) (?:did|didn[’']t|would|wouldn[’']t|was|wasn[’']t) /gi;
const WHY_VERB = /^(.{1,40}?) (?:not |never )?(forget|miss|ignore|overlook|neglect|break|cause|skip|misjudge|fail|approve|merge|deploy|push|run|delete|choose|decide|think|assume|believe|rush)\b/i;

function englishWho(text: string, h: GrammarHelpers, push: (m: GrammarMatch) => void): void {
  for (const m of text.matchAll(WHO)) {
    const at = m.index!;
    const end = at + m[0].length;
    const [ss, se] = h.sentenceAt(text, at, end);
    const sentence = text.slice(ss, se + 1);
    const question = /\?\s*(?:\*\*|__)?$/.test(sentence.trimEnd()) || text[se] === '?';
    const lead = text.slice(ss, at).replace(/[*_#>\s]|(?<!\d)\d+[.)]|q:|question:/gi, '');
    const asks = lead === '' || /\b(?:find out|know|ask(?:ed|ing)?|determine|identify|figure out|establish|understand|investigate|wondered?|clear)\s*$/i.test(text.slice(ss, at));
    if (!asks) continue; // "the engineer who deployed it" is a relative clause, not a question
    const blameWord = /to blame|responsible|at fault|whose|broke|caused|forgot|missed/i.test(m[0]);
    if (!question && !blameWord) continue;
    push({ start: at, end, kind: 'whoQuestion', phrase: m[0], rewrites: [] });
  }
  for (const m of text.matchAll(WHY_DID)) {
    const at = m.index!;
    const vm = WHY_VERB.exec(text.slice(at + m[0].length, at + m[0].length + 60));
    if (!vm) continue;
    const who = vm[1].trim();
    if (!isPersonPhrase(who, h.names, true) && !/^you$/i.test(who)) continue;
    const end = at + m[0].length + vm[0].length;
    push({ start: at, end, kind: 'whoQuestion', phrase: text.slice(at, end), rewrites: [] });
  }
}

const FAULT = /(@[A-Za-z0-9][\w-]*|\b\p{Lu}[\p{Ll}\p{M}'-]{1,11})[’']s (?:fault|mistake|blunder|screw-?up)\b|\bthe fault of (@[A-Za-z0-9][\w-]*|\p{Lu}[\p{Ll}\p{M}'-]{1,11}|the [a-z-]+)\b|\b(@[A-Za-z0-9][\w-]*|\p{Lu}[\p{Ll}\p{M}'-]{1,11}) (?:is|was) to blame\b/gu;

function englishFault(text: string, h: GrammarHelpers, push: (m: GrammarMatch) => void): void {
  for (const m of text.matchAll(FAULT)) {
    const who = m[1] ?? m[2] ?? m[3];
    if (!isPersonPhrase(who, h.names, true)) continue;
    const start = m.index!;
    const end = start + m[0].length;
    push({ start, end, kind: 'mistakeBy', phrase: m[0], rewrites: [] });
  }
}

// Judgments of people or their work. Words that only ever judge (blame.ts has the older list);
// phrases here need their context word ("was rushed", "the wrong call", "a massive mistake").
const JUDGMENT2 =
  /\b(?:misguided|hurriedly|half-?baked|(?:was|were|got) rushed|rushed (?:fix|fixes|change|changes|deploy|deployment|release|rollout|review|decision|job|patch|migration|implementation|work)|(?:the )?(?:wrong|bad|poor) call|(?:bad|poor|wrong|dangerous|terrible|questionable|foolish|naive|careless|reckless) (?:decision|decisions|judg(?:e)?ment|choice|choices)|(?:massive|huge|big|stupid|dumb|rookie|silly|glaring|inexcusable|unforgivable|careless|basic) (?:mistake|mistakes|fail|failure|blunder|oversight)|cut(?:ting)? corners|rush(?:ing|ed)? to (?:get|push|deliver) (?:[\w-]+ ){0,4}?out the door|rush(?:ing|ed)? to (?:ship|release|launch)|(?:in|under) a rush to (?:ship|release|launch|deliver|meet (?:a|the|our) deadline)|asleep at the wheel|lack of (?:care|diligence|discipline|attention|ownership|rigou?r|professionalism|competence)|inexcusabl[ey]|unforgivabl[ey]|undisciplined|(?:caught|were caught) with our pants down|asleep at the wheel|took (?:our|my|his|her|their) eyes? off the ball|(?:should|ought to) have known better|without thinking(?: (?:it )?through)?|blind (?:trust|faith|reliance|acceptance)|complacen(?:cy|ce|t)|over-?confiden(?:ce|t))\b/gi;
/**
 * A judgment of how the team did its work, not of a system: "a poor release strategy", "poor planning", "bad
 * coordination". "Poor performance of the database", "a poor network" and "poor communication between
 * services" judge a system and stay quiet.
 */
const WORK_JUDGED = /\b(?:poor|bad|shoddy)\s+(?:(?:release|rollout|deployment|deploy|migration|upgrade|change|capacity|incident|launch|test|testing|communication)\s+)?(?:strategy|strategies|planning|decision-making|prioriti[sz]ation|execution|workmanship)\b|\b(?:poor|bad|shoddy)\s+(?:communication|coordination)\b(?!\s+(?:between|among|across|of|from|to|with)\s+(?:the\s+)?(?:services?|servers?|nodes?|components?|systems?|pods?|clients?|hosts?|processes|threads|replicas?|clusters?)\b)/gi;

/** Overconfidence in other words: "an excess of confidence about ...", "we were too confident", "misplaced confidence" (not "false confidence", which tests give). */
const CONFIDENCE_JUDGED = /\b(?<!\bnot |n[’']t )(?:overly |too )confiden(?:ce|t)\b|\b(?:an? )?(?:excess|excessive|undue|misplaced) (?:of )?confidence\b/gi;

function englishJudgments(text: string, _h: GrammarHelpers, push: (m: GrammarMatch) => void): void {
  for (const m of [...text.matchAll(JUDGMENT2), ...text.matchAll(WORK_JUDGED), ...text.matchAll(CONFIDENCE_JUDGED)]) {
    const start = m.index!;
    const end = start + m[0].length;
    push({ start, end, kind: 'judgment', phrase: m[0], rewrites: [] });
  }
}

// --- English: one person owning the failure, judged by character, or their work judged -----------

/**
 * The writer owning the failure as one person: "My mistake.", "It was my fault", "my own blunder".
 * Denied ("not my fault", "no mistake of mine") it stays quiet; "our mistake" is a team's and is left
 * to the team rules.
 */
const MY_FAULT = /\bmy (?:own )?(?:fault|mistake|blunder|screw-?up|oversight)\b|\b(?:this|that|it)(?: one)?(?: is| was|[’']s) (?:(?:entirely|all|totally|completely|squarely|fully) )?on me\b(?! to\b)|\b(?:i am|i[’']m|i was) to blame\b|\bthe blame (?:lies|rests|is|was) (?:entirely |squarely |solely )?(?:with|on) me\b/gi;

function englishConfession(text: string, _h: GrammarHelpers, push: (m: GrammarMatch) => void): void {
  for (const m of text.matchAll(MY_FAULT)) {
    const at = m.index!;
    if (/\b(?:not|n[’']t|no|never|nobody|none)\s+(?:\w+\s+){0,2}$/i.test(text.slice(Math.max(0, at - 30), at))) continue;
    push({ start: at, end: at + m[0].length, kind: 'mistakeBy', phrase: m[0], rewrites: [] });
  }
}

/** Words that judge a person's character, not their conditions ("tired", "new to the team" describe conditions). */
const CHARACTER = String.raw`(?:over-?zealous|over-?eager|over-?confident|hasty|impatient|inattentive|clumsy|rogue|heedless|thoughtless|absent-?minded|forgetful|rash|trigger-happy|cavalier|incautious)`;
/** Nouns that name people by their work (not "operator", which is also software). */
const PEOPLE_NOUN = String.raw`(?:engineers?|developers?|devs?|admins?|administrators?|sysadmins?|team members?|staff members?|employees?|interns?|contractors?|reviewers?|committers?|maintainers?|colleagues?|co-?workers?|technicians?|on-?callers?|dbas?|sres?)`;
/** "An overzealous team member", "a hasty database admin": the judgment before a person noun ("the overzealous rate limiter" judges a system). */
const CHARACTER_PERSON = new RegExp(String.raw`\b${CHARACTER}\s+(?:[a-z][\w-]*\s+)?${PEOPLE_NOUN}(?![\w-])`, 'gi');
/** "... was too hasty", "... had been overconfident": the judgment after a person, who must open the clause. */
const CHARACTER_AFTER = new RegExp(String.raw`\b(?:was|were|had been|got|became|is|am)\s+(?:(?:a bit|a little|too|very|overly|rather|quite|pretty|extremely|just|simply|far too|way too)\s+)?${CHARACTER}(?![\w-])`, 'gi');
/** Work a person did, judged: "Bob's review was superficial", "my testing was sloppy", "the engineer's handling of the alert was poor". */
const WORK_NOUN = String.raw`(?:review|reviews|work|testing|handling|fix|fixes|change|changes|code|response|judg(?:e)?ment|decision|decisions|analysis|investigation|checks?|communication|planning|preparation|rollout|deploy|deployment|commit|patch|approval|diligence|follow-?up|supervision|attention)`;
const VERDICT = String.raw`(?:superficial|poor|inadequate|shoddy|cursory|half-?baked|sub-?par|sloppy|careless|lazy|rushed|hasty|amateurish|unprofessional|unacceptable|lacking|terrible|awful|lousy|bad|weak|negligent|incompetent|lax|perfunctory|slapdash|haphazard|half-?hearted|not good enough|not up to (?:par|standard|scratch))`;
/** The verdict: "was superficial", "had been too hasty", "looked half-baked". */
const VERDICT_AFTER = new RegExp(String.raw`\b(?:was|were|had been|has been|seemed|looked|proved)\s+(?:(?:[a-z]+ly|a bit|too|very|rather|quite|pretty|fairly|somewhat|just|simply|at best)\s+)?${VERDICT}(?![\w-])`, 'gi');
/** Whose work it is, and the work: "my testing", "Bob's review", "the on-call engineer's handling". */
const OWNER_WORK = new RegExp(String.raw`(?:^|[^\w@'’-])(?:([Mm]y|[Hh]is|[Hh]er)|(@[A-Za-z0-9][\w-]*|\p{Lu}[\p{Ll}\p{M}'-]{1,11})['’]s|((?:[Tt]he|[Aa]n?|[Oo]ur|[Oo]ne)\s+(?:[\w-]+\s+)?${PEOPLE_NOUN.replace(/s\?/g, '')})['’]s)\s+(?:(?:own|initial|first|last|earlier|original|code|peer)\s+)?${WORK_NOUN}(?![\w-])`, 'gu');
/** What may stand between the work and the verdict: what the work was on ("of the first alert"). */
const WORK_SCOPE = /^(?:(?:of|on|for|to|with)\s[^,;:]*)?$/i;

function englishCharacter(text: string, h: GrammarHelpers, push: (m: GrammarMatch) => void): void {
  for (const m of text.matchAll(CHARACTER_PERSON)) {
    const at = m.index!;
    const word = /^\S+/.exec(m[0])![0];
    push({ start: at, end: at + word.length, kind: 'judgment', phrase: word, rewrites: [{ titleId: 'fixRemoveWord', start: at, end: at + word.length + 1, newText: '' }] });
  }
  for (const m of text.matchAll(CHARACTER_AFTER)) {
    const at = m.index!;
    const [ss] = h.sentenceAt(text, at, at + m[0].length);
    const subj = headSubject(text, ss, at, h) ?? adjacentSubject(text, ss, at, h);
    if (!subj || subj.kind !== 'individual') continue;
    const from = m[0].search(/\s\S*$/) + 1;
    push({ start: at + from, end: at + m[0].length, kind: 'judgment', phrase: m[0].slice(from), rewrites: [] });
  }
}

function englishWorkJudged(text: string, h: GrammarHelpers, push: (m: GrammarMatch) => void): void {
  for (const m of text.matchAll(VERDICT_AFTER)) {
    const at = m.index!;
    const [ss] = h.sentenceAt(text, at, at + m[0].length);
    const from = Math.max(ss, at - 90);
    const piece = text.slice(from, at);
    let last: RegExpMatchArray | undefined;
    for (const o of piece.matchAll(OWNER_WORK)) last = o;
    if (!last || !WORK_SCOPE.test(piece.slice(last.index! + last[0].length).trim())) continue;
    if (last[2] && !isPersonPhrase(last[2], h.names, true)) continue;
    const start = from + last.index! + (/^[^\w@'’-]/.test(last[0]) ? 1 : 0);
    push({ start, end: at + m[0].length, kind: 'judgment', phrase: text.slice(start, at + m[0].length), rewrites: [] });
  }
}

// A slip adverb ("errantly", "mistakenly") in a sentence whose subject is one person.
const SLIP = /\b(?:errantly|mistakenly|accidentally|inadvertently|carelessly|wrongly|erroneously|unintentionally)\b/gi;

function englishSlips(text: string, h: GrammarHelpers, push: (m: GrammarMatch) => void): void {
  for (const m of text.matchAll(SLIP)) {
    const at = m.index!;
    const end = at + m[0].length;
    const before = text.slice(Math.max(0, at - 25), at);
    // Passive ("was deployed by mistake", "had been set accidentally") is left alone.
    if (/\b(?:was|were|been|be|is|are|got|get|being)\s+(?:\w+\s+)?$/i.test(before)) continue;
    if (/^\s*(?:\w+\s+){0,2}by\b/i.test(text.slice(end, end + 30))) continue;
    const [ss] = h.sentenceAt(text, at, end);
    const subj = headSubject(text, ss, at, h) ?? adjacentSubject(text, ss, at, h);
    if (!subj || subj.kind !== 'individual' || subj.generic) continue;
    push({ start: at, end, kind: 'personVerb', phrase: m[0], rewrites: [{ titleId: 'fixRemoveWord', start: at, end: end + (text[end] === ' ' ? 1 : 0), newText: '' }] });
  }
}

/**
 * The person right before the adverb, after words that set the time ("A couple of weeks ago I
 * accidentally replaced ...", "Yesterday the engineer mistakenly ran ..."): the words just before
 * it, when they are a person and nothing else of the clause is.
 */
function adjacentSubject(text: string, ss: number, at: number, h: GrammarHelpers): Subject | undefined {
  const piece = text.slice(Math.max(ss, at - 60), at).trimEnd();
  const words = piece.split(/\s+/).slice(-4);
  for (let n = Math.min(3, words.length); n >= 1; n--) {
    const phrase = words.slice(-n).join(' ');
    if (!isPersonPhrase(phrase, h.names, false)) continue;
    // The words before it must end a clause or set the time, not make the phrase an object ("told him").
    const before = words.slice(0, -n).join(' ');
    if (before && !/(?:^|\s)(?:ago|yesterday|today|tonight|later|then|earlier|morning|afternoon|evening|night|week|month|year|\d{1,2}:\d{2}|[,;:])$/i.test(before)) continue;
    const start = at - piece.length + piece.lastIndexOf(phrase);
    return { start, end: start + phrase.length, kind: /^we$/i.test(phrase) ? 'team' : 'individual', generic: false };
  }
  return undefined;
}

/** The person who opens one of the clauses of [ss, at), if any does. */
function headSubject(text: string, ss: number, at: number, h: GrammarHelpers): Subject | undefined {
  const piece = text.slice(ss, at);
  let off = 0;
  for (const clause of piece.split(/(?<=[,;:])\s+/)) {
    const words = clause.match(/^\S+(?:\s+\S+){0,3}/)?.[0].split(/\s+/) ?? [];
    for (let n = Math.min(4, words.length); n >= 1; n--) {
      const phrase = words.slice(0, n).join(' ');
      if (isPersonPhrase(phrase, h.names, false)) {
        const start = ss + off + clause.indexOf(words[0]);
        // The next word must not make the phrase a possessive or a complement ("the engineer's script").
        if (/[’']s$/.test(words[n - 1] ?? '')) continue;
        return { start, end: start + phrase.length, kind: /^we$/i.test(phrase) ? 'team' : 'individual', generic: false };
      }
    }
    off += clause.length + 1;
  }
  return undefined;
}

// --- English: a person as the agent of a wrong step, told by its object or its outcome ------------

/**
 * A step done on the wrong thing, with what it caused: "Jacob re-started the validator with `osmosisd
 * start` instead of `cosmovisor start`, and this caused the chain to run the old binary". The cue is
 * "instead of" / "rather than"; the sentence must open with a person doing an operator's step, and
 * go on to a harm. Without the harm it is a choice told neutrally ("Ana restarted the pods rather
 * than failing over, which restored service").
 */
const WRONG_TARGET_CUE = /\b(?:instead of|rather than)\b/gi;
const OPERATOR_STEP = /^(?:re-?)?(?:started|ran|deployed|pushed|applied|upgraded|downgraded|installed|configured|set|used|typed|entered|executed|pointed|copied|deleted|removed|dropped|updated|changed|edited|merged|rebooted|restored|launched|built|flashed|selected|targeted|migrated|uploaded|released|shipped|booted|initiali[sz]ed|provisioned|rolled)$/i;
const HARM_AFTER = /\b(?:caus(?:ed|ing)|led to|lead(?:ing|s)? to|result(?:ed|ing) in|broke)\b/i;
/** A reason given for the choice ("... because the hourly one was corrupt", "... to avoid the window"): a decision, not a slip. */
const REASON_AFTER = /\b(?:because|since|as planned|as intended|to avoid|so that|in order to|per the runbook)\b/i;
/** Steps done by hand at a console: a given name nobody declared counts only before these (bots update, merge and deploy too). */
const HANDS_ON_STEP = /^(?:re-?)?(?:started|ran|run|typed|entered|executed|rebooted|flashed|copied|deleted|removed|dropped|booted|deployed|pushed|applied)$/i;
/** Running a step against a target: with a person the report knows, "instead of" a thing is the wrong target even with no harm told. */
const EXECUTION_STEP = /^(?:re-?)?(?:ran|run|executed|typed|entered|applied|deployed|pushed|pointed|connected)$/i;

function englishWrongTarget(text: string, h: GrammarHelpers, push: (m: GrammarMatch) => void): void {
  for (const m of text.matchAll(WRONG_TARGET_CUE)) {
    const at = m.index!;
    const [ss, se] = h.sentenceAt(text, at, at + m[0].length);
    const after = text.slice(at + m[0].length, se);
    if (REASON_AFTER.test(after)) continue;
    const harm = HARM_AFTER.test(after);
    // The verb of the clause: the first past-tense operator step after the sentence's subject.
    const head = text.slice(ss, at);
    if (/[;:]/.test(head)) continue;
    const verb = /(?:^|\s)((?:re-?)?(?:[a-z]+ed|ran|run|set|built))\b/.exec(head);
    if (!verb || !OPERATOR_STEP.test(verb[1].replace(/^run$/i, 'ran'))) continue;
    const verbAt = ss + verb.index + verb[0].length - verb[1].length;
    // Without a harm told, only running a step against another thing than meant ("instead of the
    // testing environment", not "rather than failing over"), by a person the report knows.
    if (!harm && (!EXECUTION_STEP.test(verb[1]) || /^\s*[a-z]+ing\b/i.test(after))) continue;
    // A given name nobody declared counts with a harm and a step done by hand: what people's steps do.
    const generic = harm && HANDS_ON_STEP.test(verb[1]);
    // "He had run ...": the auxiliary is not part of the subject.
    const lead = text.slice(ss, verbAt).trimEnd();
    const aux = /(?:^|\s)(?:had|has|have)$/i.exec(lead);
    const subj = subjectBefore(text, ss, ss + (aux ? aux.index : lead.length), { names: h.names, allowGeneric: generic });
    if (!subj || subj.kind !== 'individual' || subj.start !== firstWordAt(text, ss)) continue;
    const end = verbAt + verb[1].length;
    push({ start: subj.start, end, kind: 'personVerb', phrase: text.slice(subj.start, end), rewrites: [] });
  }
}

/** Where the first word of a sentence starts (after emphasis, a date label or a clock time). */
function firstWordAt(text: string, ss: number): number {
  const lead = /^(?:[*_]{1,2}[^*_\n]{1,30}[*_]{1,2}\s*[:：-]?\s*|\d{1,2}:\d{2}(?::\d{2})?(?:\s*[A-Z]{2,4})?\s*[-–—:]?\s*)?/.exec(text.slice(ss))![0];
  return ss + lead.length;
}

/**
 * A person who brought in a thing the sentence calls faulty: "@depombo added the faulty Auth0
 * webhook", "Sam merged a broken config". The person must be one the report knows, an @handle, a
 * role or a pronoun; "@dana reverted the faulty webhook" and "@dana added the fix" stay quiet.
 */
const FAULTY_OBJECT = /\b(added|introduced|merged|deployed|pushed|shipped|committed|wrote|released|enabled|applied|rolled out|created|configured|set|used|entered|typed|selected|chose|picked|copied|uploaded|installed|approved)\s+(?:(?:the|a|an|this|that|some)\s+)(?:faulty|buggy|broken|defective|flawed|bad|wrong|incorrect|erroneous|bogus)(?![\w-])/gi;

/** A step done in the wrong place: "ran the migration on the wrong database", "applied the patch to the wrong cluster". */
const WRONG_PLACE = /\b(ran|executed|applied|deployed|pushed|restarted|rebooted|deleted|dropped|truncated|wiped)\s+(?:the|a|an|this|that|our|my|some)\s+[\w-]+(?:\s+[\w-]+)?\s+(?:on|against|to|in|into|from)\s+the\s+wrong\s+[\w-]+/gi;

function englishFaultyObject(text: string, h: GrammarHelpers, push: (m: GrammarMatch) => void): void {
  for (const m of [...text.matchAll(FAULTY_OBJECT), ...text.matchAll(WRONG_PLACE)]) {
    const at = m.index!;
    const [ss] = h.sentenceAt(text, at, at + m[0].length);
    const subj = subjectBefore(text, ss, at, { names: h.names, allowGeneric: false });
    if (!subj || subj.kind !== 'individual') continue;
    // Only the words right before the verb: "the engineer who found the bug set the wrong flag" still
    // reads the engineer, but a subject far back in another clause does not count.
    if (/[,;:]/.test(text.slice(subj.end, at))) continue;
    const end = at + m[0].length;
    push({ start: subj.start, end, kind: 'personVerb', phrase: text.slice(subj.start, end), rewrites: [] });
  }
}

/**
 * Hindsight that calls the team's own omissions obvious: "Some of these were obvious, such as not
 * having test coverage ...". Needs "obvious" said of something (not negated) and an omission in the
 * same sentence; "the cause was obvious from the graph" names none.
 */
const OBVIOUS = /\b(?:was|were|is|are|seems?|seemed|looks?|looked)\s+(?:(?:really|pretty|fairly|quite|rather|very|painfully|glaringly)\s+)?obvious\b/gi;
const OMISSION = /\b(?:not (?:having|testing|checking|adding|writing|running|reviewing|monitoring|validating|verifying)|(?:having|had|with) no (?:tests?|test coverage|checks?|monitoring|alerts?|alerting|reviews?|validation|runbooks?)|lack(?:ing)? of (?:tests?|test coverage|testing|checks?|monitoring|alerting|reviews?|validation)|relying on manual)\b/i;

function englishObviousOmission(text: string, h: GrammarHelpers, push: (m: GrammarMatch) => void): void {
  for (const m of text.matchAll(OBVIOUS)) {
    const at = m.index!;
    const end = at + m[0].length;
    const [ss, se] = h.sentenceAt(text, at, end);
    if (/\b(?:not|never|n[’']t)\s+$/i.test(text.slice(Math.max(ss, at - 12), at)) || /\bnot\b/i.test(m[0])) continue;
    // The omission comes with the judgment, in its clause: "obvious, such as not having ...".
    const clauseEnd = /\s(?:but|while|whereas|although|though)\s|[;.]/i.exec(text.slice(end, se));
    if (!OMISSION.test(text.slice(end, clauseEnd ? end + clauseEnd.index : se))) continue;
    const word = end - 'obvious'.length;
    push({ start: word, end, kind: 'hindsight', phrase: text.slice(word, end), rewrites: [] });
  }
}

// --- Japanese ----------------------------------------------------------------------------------

const JA_FAIL =
  /ミスを?(?:した|しました|してしまった|してしまいました|犯した|犯しました)|誤って|間違えて|間違って|(?:を)?(?:誤(?:った|りました|り(?=[、，]))|間違え(?:た|ました|てしまった|てしまいました)|取り違え(?:た|て|ました))|(?:障害|問題|事故|インシデント|トラブル|不具合|事象|事態)を(?:引き)?起こし(?:た|ました|てしまった|てしまいました)|原因を作っ(?:た|てしまった)|見落とし(?:た|ました|てしまった|ていた)|見逃し(?:た|ました|てしまった|ていた)|無視し(?:た|ました|ていた)|勘違いし(?:た|ました|ていた|て)|思い込んで|(?:確認|チェック|照合|点検|検証|レビュー)(?:を)?(?:十分に)?(?:(?:し|行わ|実施し)(?:なかった|ないまま|ませんでした|ていなかった)|(?:せず|行わず|実施せず))(?!項目|点|箇所|部分|ケース|内容|もの|ファイル|画面)|手順を(?:守らなかった|無視した|飛ばした|省略した)|誤操作(?:し|を)/g;
/** 「本来は〜すべきところ、〜してしまった」「〜すべきであるが、〜しなかった」: what should have been done, told against what was done. */
const JA_SHOULD_BUT = /(?:す|する)?べき(?:ところ(?:を|が)?|であるが|であるにも(?:かか|関)わらず|なのに|にも(?:かか|関)わらず)[、，]|(?:す|する)?べきところを(?=[^、，])/g;
/** What was done instead, told as a slip (「…送るべきところをTOで送ってしまい」); without a comma, 「…改善すべきところを洗い出した」 is a list of places. */
const JA_SLIP_AFTER = /てしま|でしま|誤って|誤り|間違|取り違|忘れ/;
const JA_PAST_AFTER = /(?:た|ていた|てしまった|てしまいました|ました|なかった|ませんでした)(?=ため|ので|こと|[。．]|$|[、，])/;
const JA_WHO = /誰が|だれが|誰の(?:せい|ミス|責任|落ち度|判断)|誰のせい/g;
/** A who-question named only to be set aside: 「…のかではなく」「…かは問わない」「…かを問うのではなく」. */
const JA_WHO_SET_ASIDE = /^[^。]*?(?:のか|か)[」』]?(?:ではなく|じゃなく|ではない|は問わ|を問わ|を問う(?:の)?ではな|より(?:も)?[、，]?(?:何が|なぜ|どう))/;
const JA_IF_DONE = /(?<![さら]れ)(?:て|で)(?:さえ)?(?:いれば|いたら|おけば|おいたら)/g;
const JA_PREVENTABLE = /防げ|防止でき|回避でき|避けられ|気づけ|気付け|検知でき|発見でき|起きなかった|起こらなかった|発生しなかった|防ぐことができ|済んだ|未然に/;
const JA_SHOULD = /(?:す|する)?べき(?:問題|こと|もの|点|ところ|作業|手順)?(?:だった|であった|でした)/g;
/** Work people do, right before べき: a counterfactual about that work even when a thing is the sentence's topic. */
const JA_WORK_BEFORE = /(?:確認|テスト|検証|レビュー|共有|報告|連絡|相談|調査|カバー|周知|チェック|把握|考慮|準備|判断|エスカレーション|エスカレート)(?:を)?(?:して|し)?$/;
/** The subject a clause states (「テストは」「我々が」), with its particle; が inside a nominalised sub-clause (「懸念があることを」) is not one. */
const JA_CLAUSE_SUBJECT = /([^、，,。\s]{1,20}?)(は|が)(?!(?:ある|あった|ない|いる|いた|なる|できる)?(?:こと|もの|の[をがはで]|ため|ので|場合))/u;

/** A frame of time or condition (「送付する際は」「作業時には」「本番環境の場合は」): it sets the scene, it is not a subject. */
const JA_FRAME = /(?:[るたい]|の)(?:際|時|とき|場合|前|後|たび|度)(?:に)?$/u;
/** The end of a clause that closes before the main one (「…となったが、」「…のため、」): a が-subject inside it stays there. */
const JA_CLOSED_CLAUSE = /(?:が|けど|けれど|けれども|ので|ため|から|のに|ものの|ても|でも)$/u;

function jaSubject(clause: string): string | undefined {
  return jaSubjectAt(clause)?.text;
}

/** The first subject a clause states, with where it is; frames of time or condition are skipped. */
function jaSubjectAt(clause: string): { text: string; index: number } | undefined {
  for (let from = 0; from < clause.length; ) {
    const m = JA_CLAUSE_SUBJECT.exec(clause.slice(from));
    if (!m) return undefined;
    // A word that ends in kana other than a noun's (「かながわ」「わかば」) holds は/が inside it: not a particle.
    if (!JA_FRAME.test(m[1]) && (!/\p{Script=Hiragana}$/u.test(m[1]) || /(?:たち|ども|ら|こと|もの|の|さん|くん|ちゃん)$/u.test(m[1]))) return { text: m[1] + m[2], index: from + m.index };
    from += m.index + m[0].length;
  }
  return undefined;
}

/**
 * The subject of the sentence before a clause, if it reaches that clause: a が-subject inside a
 * clause that has closed (「所属内での情報共有が翌朝となったが、直ちに…すべきであった」) does not; a は-topic does.
 */
function jaGoverningSubject(before: string): string | undefined {
  const s = jaSubjectAt(before);
  if (!s || !s.text.endsWith('が')) return s?.text;
  const rest = before.slice(s.index + s.text.length);
  const comma = rest.search(/[、，]/);
  if (comma >= 0 && JA_CLOSED_CLAUSE.test(rest.slice(0, comma))) return undefined;
  return s.text;
}
/** Going on without noticing, checking or telling: 「気づくことなく」「確認することなく」「連絡せずに」. */
const JA_LAPSE = /(?:気づ|気付|確認す|チェックす|連絡す|報告す|共有す|検知す|把握す)(?:る|く)ことなく|(?:気づか|気付か|確認せ|連絡せ|報告せ|共有せ)ずに/g;
const JA_TEAM_END = /(?:我々|われわれ|私たち|わたしたち|弊社|当社|チーム|私|僕|自分)(?:は|が|も)$/;
/**
 * Words that judge people or their work: 「思い込み」「軽率」「油断」, and a decision or check called lax
 * (「判断の甘さ」「確認が甘かった」). An estimate or an assumption that fell short (「見積もりが甘かった」,
 * "we underestimated") is left alone, as is a setting called lax (「パスワードポリシーが甘い」).
 */
const JA_JUDGMENT = /思い込み|気の緩み|注意不足|注意力不足|軽率|ずさん|杜撰|慢心|油断|安易(?:に|な)|意識の低さ|意識が低|高を括|たかを括|たかをくく|甘く見|見くび|(?:判断|認識|確認|チェック|考え)(?:の甘さ|が甘(?:かった|すぎ))/g;
/** A step of the work left out by mistake (〜てしまった): 「…ルールを省略してしまった」「確認を飛ばしてしまった」. */
const JA_SLIP_NO_SUBJECT = /を(?:省略|スキップ|失念)してしま(?:った|いました)|を(?:飛ばして|忘れて|見落として|見逃して|無視して|怠って)しま(?:った|いました)/g;
/**
 * People's checking called insufficient and named as the cause (「対象サーバや実行内容の確認が不十分だったことが直接の原因です」
 * 「チェック不足が主な原因」): a judgment of their work that ends the analysis. Without 原因 (「宛名の確認不足によるもの」
 * 「引継ぎが不十分であった」) it reports a gap and stays quiet.
 */
const JA_CHECK_CAUSE = /(?:確認|チェック|点検|照合|見直し|検証|注意)(?:作業)?(?:が|の)?(?:不十分|不足|不徹底|甘さ)(?:だった|であった|でした)?(?:こと)?(?:が|こそが)(?:直接の|直接的な|主な|最大の|根本的な|根本の|一番の|主たる)?(?:原因|要因)(?:です|でした|である|であった|だ|だった|となり|となった|と考え|として)/g;
/**
 * People's overconfidence or unawareness given as the cause (「テスト環境での結果への過信が主な要因です」「…を過信し、
 * 本番で確認しないままリリースした」「仕様についての認識不足により、…が反映されました」「…ことの認識不足。」): a
 * judgment of people that ends the analysis. The same words in a measure (「ツールを過信しないよう…」「過信を防ぐため」
 * 「認識不足の解消に向けて…」) look ahead and stay quiet.
 */
const JA_CAUSE_JUDGED = /過信|認識不足/g;
/** What makes the word a cause: 「…が原因」「…により」「…があった」「…し、」「…していた」, or the end of a noun sentence (「…の認識不足。」). */
const JA_GIVEN_AS_CAUSE = /^(?:(?:が|こそが)[、，]?[^。、，]{0,10}?(?:原因|要因)|により|によって|による|から[、，]|のため|ゆえ|が(?:あった|ありました|あり[、，]|生じ)|し(?:ていた|ていました|ておりました|た|ました|て|[、，])|(?:です|でした|だった|であった|である)?[。．]?$)/;
/** A sentence about what is to be done, not what happened: prevention, a purpose, removal. */
const JA_MEASURE_AHEAD = /防(?!げ)|ないよう|ぬよう|ないように|避け|回避|解消|払拭|なく(?:す|し)|無く(?:す|し)|減ら|排除|に向け/;
/** A system, not a person, lacking the check or the awareness: 「システムの入力チェック不足」「バリデーションのチェック不足」. */
const JA_SYSTEM_BEFORE = /(?:システム|プログラム|スクリプト|ツール|機能|処理|アプリ(?:ケーション)?|サーバー?|API|CI|バリデーション|入力値?|自動|機械的)(?:側)?(?:の|による|での|で)?$/u;
/** An act done without meaning to: 「誤って」「意図せず」「うっかり」「間違えて」「手違いで」. */
const JA_UNINTENDED = /誤って|意図せず|意図せずに|うっかり|間違えて|手違いで|誤操作で/g;
/**
 * In one person's own account, a step the writer left out just before the slip: 「確認せずに本番へ反映してしまいました」
 * 「where句を付け忘れて全件を更新してしまいました」「バックアップを取らずに実行してしまった」.
 */
const JA_LAPSE_CUE = /^(?:確認|チェック|テスト|検証|レビュー|見直し|を取らず|忘れ|気づかず|気付かず)/;
const JA_LAPSE_SLIP = /(?:確認|チェック|テスト|検証|レビュー|見直し)(?:を)?(?:せず(?:に)?|しないまま|しないで)|を取らず(?:に)?|忘れ(?:て|たまま)[、，]?|気(?:づ|付)かず(?:に)?/g;
/** The act itself, then 〜てしまった: 「…をアップロードしてしまった」「…を削除してしまいました」 (a passive 「削除されてしまった」 is not an act). */
const JA_DONE_BY_SLIP = /(?<![さら]れ|せら|され)[てで]しま(?:った|いました|っていた|っておりました|い[、，])/;
const JA_NOT_PREVENTED = /^(?:を|の)?(?:防|防止|減ら|削減|排除|回避|避け|起こりにく|起きにく|余地|リスク|対策|に頼らない|によらない|を前提としない)/;

function japanese(text: string, h: GrammarHelpers, push: (m: GrammarMatch) => void): void {
  const person = new RegExp(`(?:${h.jaPerson.source})(?:が|は|も)`, 'u');
  // A person who went on without noticing or telling, and the slip that followed (「運営者がこの障害に気づく
  // ことなく就寝してしまった」): the person is the agent of the lapse. 「運営者が障害に気づき」 and a system that
  // 「停止してしまった」 stay quiet.
  for (const m of text.matchAll(JA_LAPSE)) {
    const at = m.index!;
    const end = at + m[0].length;
    const [ss, se] = h.sentenceAt(text, at, end);
    if (!/[てで]しま/.test(text.slice(end, se + 1))) continue;
    const before = text.slice(ss, at);
    const pm = person.exec(before);
    if (!pm) continue;
    // The person must be the subject of this clause, not of one that closed before it (「…が停止したため、」).
    if (/[、，]/.test(before.slice(pm.index + pm[0].length)) && JA_CLOSED_CLAUSE.test(before.slice(pm.index + pm[0].length).split(/[、，]/)[0])) continue;
    const start = ss + pm.index;
    push({ start, end, kind: 'jaPersonFault', phrase: text.slice(start, end), rewrites: [] });
  }
  for (const m of text.matchAll(JA_FAIL)) {
    const at = m.index!;
    const end = at + m[0].length;
    const [ss] = h.sentenceAt(text, at, end);
    const pm = person.exec(text.slice(ss, at));
    if (!pm) continue;
    const start = ss + pm.index;
    push({ start, end, kind: 'jaPersonFault', phrase: text.slice(start, end), rewrites: [] });
  }
  for (const m of text.matchAll(JA_SHOULD_BUT)) {
    const at = m.index!;
    const end = at + m[0].length;
    const [ss, se] = h.sentenceAt(text, at, end);
    // What was done instead comes after, in the past: 「…使用すべきところ、別のファイルを使用してしまった」.
    const past = JA_PAST_AFTER.exec(text.slice(end, se + 1));
    if (!past) continue;
    if (!/[、，]$/.test(m[0]) && !JA_SLIP_AFTER.test(text.slice(end, end + past.index + past[0].length))) continue;
    // A thing as the subject expects behaviour of a thing (「テストが検出すべきところ、検出されなかった」).
    // An adverb with は (「本来は」「通常は」) frames the sentence; it is not its subject.
    const before = text.slice(ss, at).replace(/^(?:本来|通常|普段|元々|もともと|今回|当初|実際|原則|原則として|基本的)(?:に)?(?:は|には)?[、，]?/, '');
    const own = jaSubject(before);
    if (own !== undefined && !JA_TEAM_END.test(own) && !person.test(own)) continue;
    const stop = end + past.index + past[0].length;
    push({ start: ss, end: stop, kind: 'jaCounterfactual', phrase: text.slice(ss, stop), rewrites: [] });
  }
  for (const m of text.matchAll(JA_WHO)) {
    const at = m.index!;
    const [ss, se] = h.sentenceAt(text, at, at + m[0].length);
    const after = text.slice(at, Math.min(text.length, se + 1));
    // 「誰が対応するかを決める」 looks ahead; only a question about what was done asks who is to blame.
    if (m[0].startsWith('誰が') || m[0].startsWith('だれが')) {
      if (!/(?:た|だ)(?:のか|か|の[？?]|[？?])|(?:た|だ)んだ|(?:た|だ)の(?:です|でしょう)か/.test(after) && !/した[？?]?$|しました[か？?]/.test(after.trim()) && !/^(?:誰|だれ)が悪(?:い|かった)/.test(after)) continue;
    }
    // 「誰が悪いのかではなく、何が起きたのかを問う」: the question is set aside, not asked.
    if (JA_WHO_SET_ASIDE.test(after)) continue;
    const end = Math.min(se + (text[se] === '？' || text[se] === '?' || text[se] === '。' ? 0 : 0), text.length);
    push({ start: at, end: Math.max(end, at + m[0].length), kind: 'jaWho', phrase: text.slice(at, Math.max(end, at + m[0].length)), rewrites: [] });
    void ss;
  }
  for (const m of text.matchAll(JA_IF_DONE)) {
    const at = m.index!;
    const end = at + m[0].length;
    const [ss, se] = h.sentenceAt(text, at, end);
    if (!JA_PREVENTABLE.test(text.slice(end, se + 1))) continue;
    // The action before 〜ていれば: from the last 、 or the start of the sentence.
    const from = Math.max(ss, text.lastIndexOf('、', at) + 1);
    const cons = JA_PREVENTABLE.exec(text.slice(end, se + 1))!;
    const stop = end + cons.index + cons[0].length;
    push({ start: from, end: stop, kind: 'jaCounterfactual', phrase: text.slice(from, stop), rewrites: [] });
  }
  for (const m of text.matchAll(JA_SHOULD)) {
    const at = m.index!;
    const end = at + m[0].length;
    const [ss] = h.sentenceAt(text, at, end);
    const before = text.slice(ss, at);
    if (person.test(before)) continue; // blame.ts reads 「田中さんは〜すべきだった」 with its rewrite
    // A system subject (「テストはこの条件を検証すべきだった」) expects behaviour of a thing.
    // The clause's own subject decides; with none, the sentence's. A thing as subject is left
    // alone unless the verb before べき is work people do (「十分なテストをしてカバーすべき問題であった」).
    const clause = before.slice(Math.max(before.lastIndexOf('、'), before.lastIndexOf('，')) + 1);
    const own = jaSubject(clause);
    if (own !== undefined) {
      if (!JA_TEAM_END.test(own)) continue;
    } else {
      const first = jaGoverningSubject(before);
      if (first !== undefined && !JA_TEAM_END.test(first) && !JA_WORK_BEFORE.test(before)) continue;
    }
    // The phrase is the clause that holds べき (the whole sentence when it has one clause).
    const from = own !== undefined ? ss : ss + before.length - clause.length;
    // 「リリース前に負荷試験で確認すべき点であった」 -> 「リリース前に負荷試験で確認する手順がなかった」
    const action = text.slice(own !== undefined ? ss + before.length - clause.length : from, at).trim();
    const rewrites: GrammarMatch['rewrites'] =
      own === undefined && action ? [{ titleId: 'fixJaNoProcedure', start: from, end, newText: `${action}${/^す/.test(m[0]) && !/(?:す|する)$/.test(action) ? 'する' : ''}手順がなかった` }] : [];
    push({ start: from, end, kind: 'jaCounterfactual', phrase: text.slice(from, end), rewrites });
  }
  for (const m of text.matchAll(JA_SLIP_NO_SUBJECT)) {
    const at = m.index!;
    const end = at + m[0].length;
    const [ss] = h.sentenceAt(text, at, end);
    // Quoted words (「…対象は…」) are not the sentence's subject.
    const before = text.slice(ss, at).replace(/「[^「」]*」/g, '「」');
    const clause = before.slice(Math.max(before.lastIndexOf('、'), before.lastIndexOf('，')) + 1);
    // Only when nobody and nothing is named as the one who did it: the writer or the team did it (「…ルールを
    // 省略してしまった」); 「バッチが手順を飛ばしてしまった」 has a thing as its subject.
    const own = jaSubject(clause);
    const first = own ?? jaGoverningSubject(before);
    if (first !== undefined && !JA_TEAM_END.test(first) && !person.test(first)) continue;
    // The phrase starts after a quotation the clause opens with: a phrase that starts inside one is the quotation's.
    let start = ss + before.length - clause.length;
    const quoteEnd = text.lastIndexOf('」', at);
    if (quoteEnd >= start) start = quoteEnd + 1 + (text[quoteEnd + 1] === 'の' ? 1 : 0);
    while (start < at && /\s/.test(text[start])) start++;
    push({ start, end, kind: 'jaPersonFault', phrase: text.slice(start, end), rewrites: [] });
  }
  // In one person's own account, a slip told with no subject is the writer's: "I accidentally uploaded ..."
  // (「意図せず5,000ファイルもの不要データを本番環境にアップロードしてしまった」). In a company's notice the same
  // words are the company's (team-level, borderline), and a thing as the subject (「メールが誤って送信されてしまった」)
  // is not a person at all.
  if (h.personal) {
    for (const m of [...text.matchAll(JA_UNINTENDED), ...text.matchAll(JA_LAPSE_SLIP)]) {
      const at = m.index!;
      const [ss, se] = h.sentenceAt(text, at, at + m[0].length);
      const after = text.slice(at + m[0].length, se + 1);
      const done = JA_DONE_BY_SLIP.exec(after);
      // The act comes soon after the cue, with no subject of its own between them (「誤ってメールが…」).
      if (!done || done.index > 60 || /[がは]/.test(after.slice(0, done.index).replace(/「[^「」]*」/g, '').replace(/(?:では|には|とは|ては|からは|までは)/g, ''))) continue;
      const before = text.slice(ss, at);
      const clause = before.slice(Math.max(before.lastIndexOf('、'), before.lastIndexOf('，')) + 1);
      const own = jaSubject(clause);
      if (own !== undefined && !/^(?:私|僕|俺|わたし|ぼく|自分)(?:が|は)$/.test(own)) continue;
      const end = at + m[0].length + done.index + done[0].replace(/[、，]$/, '').length;
      // A step left out is told with what was left out (「バックアップを取らずに」「where句を付け忘れて」): the phrase opens its clause.
      const lapse = JA_LAPSE_CUE.test(m[0]);
      const start = lapse ? ss + before.length - clause.length + (clause.length - clause.trimStart().length) : at;
      push({ start, end, kind: 'jaPersonFault', phrase: text.slice(start, end), rewrites: [] });
    }
  }
  for (const m of text.matchAll(JA_CAUSE_JUDGED)) {
    const at = m.index!;
    const end = at + m[0].length;
    const [ss, se] = h.sentenceAt(text, at, end);
    const rest = text.slice(end, se + 1);
    if (!JA_GIVEN_AS_CAUSE.test(rest) || JA_MEASURE_AHEAD.test(rest) || JA_SYSTEM_BEFORE.test(text.slice(ss, at))) continue;
    // 「過信していたわけではないが」: denied, not given as the cause.
    if (/^[^。]{0,12}?(?:わけではな|わけでもな|のではな|ことはな)/.test(rest)) continue;
    // A noun sentence (「…の認識不足。」) names a cause only as the judged thing of something: 「…ことの認識不足」.
    if (/^(?:です|でした|だった|であった|である)?[。．]?$/.test(rest) && !/[のが]$/.test(text.slice(ss, at))) continue;
    push({ start: at, end, kind: 'jaJudgment', phrase: m[0], rewrites: [] });
  }
  for (const m of text.matchAll(JA_CHECK_CAUSE)) {
    const at = m.index!;
    // A check a system lacks (「システムの入力チェック不足が原因」) is a gap in the system, not a judgment of people.
    if (JA_SYSTEM_BEFORE.test(text.slice(h.sentenceAt(text, at, at + 1)[0], at))) continue;
    // The phrase is the judged check and its verdict, up to 原因.
    const cause = m[0].search(/原因|要因/);
    push({ start: at, end: at + cause + 2, kind: 'jaJudgment', phrase: text.slice(at, at + cause + 2), rewrites: [] });
  }
  for (const m of text.matchAll(JA_JUDGMENT)) {
    const at = m.index!;
    const end = at + m[0].length;
    if (JA_NOT_PREVENTED.test(text.slice(end, end + 10))) continue;
    // In a measure (「思い込みによる誤操作を防ぐため、…」) the word names what is to be prevented.
    if (JA_MEASURE_AHEAD.test(text.slice(end, h.sentenceAt(text, at, end)[1] + 1))) continue;
    // An idiom that only colours a verb (「高を括って手順を省略した」) can go, leaving the facts.
    const idiom = /^(?:高を括|たかを括|たかをくく|甘く見|見くび)/.test(m[0]) ? /^(?:って|り|った|て|ていた)?[、，]?/.exec(text.slice(end))![0] : undefined;
    const rewrites: GrammarMatch['rewrites'] = idiom !== undefined && /[てり、，]$/.test(idiom) ? [{ titleId: 'fixRemoveWord', start: at, end: end + idiom.length, newText: '' }] : [];
    push({ start: at, end: end + (idiom ?? '').replace(/[、，]$/, '').length, kind: 'jaJudgment', phrase: text.slice(at, end + (idiom ?? '').replace(/[、，]$/, '').length), rewrites });
  }
}

// Each detector runs only when one of its words is in the text: a substring test on the lower-cased
// text is much cheaper than scanning with the detector's pattern, and most table cells have none.
type Detector = (text: string, h: GrammarHelpers, push: (m: GrammarMatch) => void) => void;
const GATES: [string[], Detector][] = [
  [['forg', 'neglect', 'misjudg', 'misread', 'mistyp', 'misconfig', 'misremem', 'botch', 'bungl', 'messed', 'screwed', 'fat', 'dropped the ball', 'fail', 'didn', 'did not', 'never', 'should', 'ought', 'made ', 'broke', 'caused', 'missed', 'overlooked', 'ignored', 'disregarded', 'ran '], englishPersonVerbs],
  [['if ', 'had '], englishConditionals],
  [['should'], englishPassiveCounterfactuals],
  [['forgot', 'neglected', 'omitted', 'bother', 'failed to', 'should'], englishSubjectless],
  [['hindsight', 'retrospect', 'needless'], englishHindsight],
  [['who', 'why did', 'why didn', 'how come', 'why would', 'why was'], englishWho],
  [['fault', 'blame'], englishFault],
  [['misguid', 'hurried', 'baked', 'rush', 'call', 'decision', 'judg', 'choice', 'massive', 'huge', 'big ', 'stupid', 'dumb', 'rookie', 'silly', 'glaring', 'careless', 'basic', 'corner', 'asleep', 'lack of', 'inexcusab', 'unforgivab', 'undisciplin', 'pants down', 'off the ball', 'known better', 'without thinking', 'blind ', 'complacen', 'confiden', 'poor ', 'bad ', 'shoddy'], englishJudgments],
  [['errant', 'mistaken', 'accident', 'inadvert', 'careless', 'wrongly', 'erroneous', 'unintention'], englishSlips],
  [['instead of', 'rather than'], englishWrongTarget],
  [['faulty', 'buggy', 'broken', 'defective', 'flawed', 'bad ', 'wrong', 'incorrect', 'erroneous', 'bogus'], englishFaultyObject],
  [['obvious'], englishObviousOmission],
  [['my fault', 'my mistake', 'my blunder', 'my screw', 'my oversight', 'my own', 'on me', 'to blame', 'blame '], englishConfession],
  [['zealous', 'overeager', 'over-eager', 'confident', 'hasty', 'impatient', 'inattentive', 'clumsy', 'rogue', 'heedless', 'thoughtless', 'minded', 'forgetful', ' rash', 'trigger-happy', 'cavalier', 'incautious'], englishCharacter],
  [['superficial', 'poor', 'inadequate', 'shoddy', 'cursory', 'baked', 'subpar', 'sub-par', 'sloppy', 'careless', 'lazy', 'rushed', 'hasty', 'amateurish', 'unprofessional', 'unacceptable', 'lacking', 'terrible', 'awful', 'lousy', 'was bad', 'were bad', 'weak', 'negligent', 'incompetent', ' lax', 'perfunctory', 'slapdash', 'haphazard', 'hearted', 'good enough', 'not up to'], englishWorkJudged],
];

/** Every word that lets a detector run: blame.ts builds its pre-check from them, so that a detector given a new word is never skipped. */
export const GRAMMAR_GATE_WORDS: readonly string[] = [...new Set(GATES.flatMap(([words]) => words))];

/** Every grammar-based finding in `text` (offsets into it). */
export function findGrammarBlame(text: string, h: GrammarHelpers): GrammarMatch[] {
  const out: GrammarMatch[] = [];
  const push = (m: GrammarMatch) => out.push(m);
  if (/[A-Za-z]/.test(text)) {
    const lower = text.toLowerCase();
    for (const [words, detect] of GATES) if (words.some((w) => lower.includes(w))) detect(text, h, push);
  }
  if (hasJapanese(text)) japanese(text, h, push);
  return out;
}
