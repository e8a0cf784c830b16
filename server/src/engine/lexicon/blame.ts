// The words of blame, in English and Japanese, and a matcher that finds them in one piece of prose.
//
// Precision comes first (a noisy check gets turned off), so every pattern either names a person as
// the subject of a failure, or is a word that only ever judges people. System subjects ("the load
// balancer failed to route", "the job did not retry") never match, because the subject must be a
// person: a name or @handle the report (or the config) knows, a role noun ("the engineer", "the
// on-call"), "he"/"she" or "someone". "We" and "I" are not individuals put at the centre of the
// failure by someone else, and are left alone.
//
// The matcher works on plain text with offsets; which offsets are asserted prose (not code, links,
// quotes) is the caller's business (see inline.ts). Results are cached per text and lexicon.
import { baseForm, capitalize } from './english-verbs';
import { isGivenNameShape } from './subject';
import { findGrammarBlame, GRAMMAR_GATE_WORDS, judgedHarmless } from './blame-grammar';
import { PARENTHESES, escapeRegExp, replaceEnclosed } from '../strip';
import { hasJapanese } from '../model/queries';

export type BlameKind =
  | 'humanError'
  | 'personVerb'
  | 'counterfactual'
  | 'judgment'
  | 'hindsight'
  | 'rootCause'
  | 'mistakeBy'
  | 'teamCounterfactual'
  | 'passiveJudgment'
  | 'jaHumanError'
  | 'jaPersonFault'
  | 'jaNeglect'
  | 'jaCounterfactual'
  | 'jaForgot'
  | 'jaJudgment'
  | 'whoQuestion'
  | 'jaWho';

export interface Rewrite {
  /** Message id of the fix title in the rule's messages. */
  titleId: string;
  start: number;
  end: number;
  newText: string;
}

export interface BlameMatch {
  start: number;
  end: number;
  kind: BlameKind;
  phrase: string;
  rewrites: Rewrite[];
}

/**
 * A cheap test run before anything else: no hit, no further work. Each word is one a search of
 * findBlameUncached or blame-grammar.ts cannot match without. The words most prose has are written
 * as the only forms the searches read them in, so that "Error rate rises", "requests failed over 5
 * minutes", "the on-call engineer checks", "the threshold had been tuned" and "the whole region"
 * skip the searches (most timeline cells and sentences of a report):
 * - "error": a role before it (HUMAN_ERROR), "error by" and "error made by" (MISTAKE_HINT), "in
 *   error" (BY_MISTAKE), "whose error" (WHO), "made a ... error" (the made-a-slip patterns);
 * - "fail": "failed to" and "fails to" (the person-verb, team and subjectless patterns), "a massive
 *   fail" and the like (JUDGMENT2);
 * - "clearly": opening a sentence, a list item or a cell, before a comma or a space
 *   (HINDSIGHT_OPENER; the patterns that take it as an adverb need another word of this list);
 * - "who": "who" before an apostrophe or a space and "whose " (WHO);
 * - "had": within an "if" clause (IF_CUE and HAD_CLAUSE) or before its subject (INVERTED_HAD);
 * - "call": "wrong call", "bad call", "poor call" (JUDGMENT2).
 * The plain words are in PREFILTER_WORDS, the forms that need the words around them in
 * PREFILTER_FORMS; BLAME_PREFILTER lets through a text either matches. Each form contains the word
 * it replaces, so this lets through no text the plain words did not. A test runs the full search
 * on every piece and sentence of the fixtures, the examples, the corpus and the gathered reports,
 * and fails on blame this would drop: a search added with a word not listed here adds the word.
 */
export const PREFILTER_WORDS = new RegExp(
  [
    'in error|whose error|mistake|typo|overlook|forg[eo]t|neglect|failed to|fails to',
    'didn|did not|nor did|never|broke|caused|missed|overlook|ignor|disregard|messed|screwed|fucked|fat.?finger|botch|bungl|blunder|should|could|ought|if only|accident|mistaken|inadvertent|wrongly|erroneous|unintention|careless|negligen|sloppy|sloppi|lazy|lazi|incompeten|bad apple|reckless|stupid|idiot|clueless|irresponsib|obvious',
    'of course|everyone knows|root cause|hindsight|retrospect|needless',
    'misjudg|misread|mistyp|misconfig|errant|rushed|misguided|hurried|dropped the ball|decision|judg',
    "[’']d\\b|\\bran\\b|corners|fault|blame|thinking|known better|undisciplined|inexcusab|unforgivab|blind trust|blind faith|blind reliance|blind acceptance|complacen|overconfiden|over-confiden|rush|instead of|rather than|faulty|buggy|broken|defective|flawed|bad |wrong|incorrect|bogus",
    '過信|認識不足|漏れ|誤り|誤っ|取り違|不手際|気づかず|気付かず|取らず|運営者|不十分|不足が|不徹底|ことなく|ずに|ミス|エラー|怠|不注意|間違っ|高を括|たかを|甘く見|見くび|の甘さ|が甘か|が甘す|確認不足|べき|忘れ|せい|落ち度|うっかり|誰|だれが|ていれば|ていたら|ておけば|でいれば|思い込|気の緩み|注意不足|注意力不足|軽率|ずさん|杜撰|油断|慢心|安易|意識の低さ|意識が低|起こし|見落と|見逃|誤って|間違え|勘違い|誤操作|無視|原因を作|せず|行わず|ないまま|しなかっ|行わなかっ|ませんでし|ていなかっ|守らなかっ|飛ばし|省略し|懲戒|処分|減給|訓戒|譴責|戒告',
  ].join('|'),
  'i',
);
// The forms that need the words around them. Each starts with its word and asserts what comes
// before it behind the word (`(?<=...)`): an alternative that opens with an assertion or a class of
// characters made V8 try it at every position. Two patterns, not one: recheck proves each linear,
// and could not decide on them joined.
export const PREFILTER_FORMS = new RegExp(
  [
    '[- ]error(?<=(?:human|operator|pilot|user|engineer|developer|operational|admin|administrator|sysadmin)[- ]error)|error\\s+(?:made\\s+)?by|made (?:a|an|the|this|that)(?: [a-z]+)? error',
    'fail(?<=(?:massive|huge|big|stupid|dumb|rookie|silly|glaring|inexcusable|unforgivable|careless|basic) fail)',
    'oversight(?<=(?:massive|huge|big|stupid|dumb|rookie|silly|glaring|inexcusable|unforgivable|careless|basic) oversight)|lack of (?:care|diligence|discipline|attention|ownership|rigou?r|professionalism|competence)',
    'clearly(?<=(?:^|[.!?*+)|-]\\s*)clearly)\\s*,?\\s',
    "who(?<=\\bwho)(?:[’' ]|se )",
    'call(?<=(?:wrong|bad|poor) call)',
    'if (?<=\\bif )(?:only )?\\S+(?: \\S+){0,2}? had\\b|had (?<=\\bhad )(?:we|i|he|she|the team|our team|someone|anyone)\\b',
  ].join('|'),
  'i',
);
/**
 * The grammar's gate words (blame-grammar.ts) that PREFILTER_FORMS lets through only in the forms
 * its detectors read them in: "fail" ("failed to", "a massive fail"), "who" ("who broke", "whose
 * fault"), "if " and "had " (a had-clause), "call" ("the wrong call"), "made " (made a mistake,
 * typo, error or blunder), "fat" ("fat-fingered"), the adjectives before "mistake", "fail" or
 * "oversight", and "lack of" before what only people lack. Every other gate word is part of the
 * pre-check as it is (GATE_WORDS), so a word added to a detector is never skipped here.
 */
export const PREFILTER_TIGHTENED: ReadonlySet<string> = new Set(['fail', 'who', 'if ', 'had ', 'call', 'made ', 'fat', 'massive', 'huge', 'big ', 'stupid', 'dumb', 'rookie', 'silly', 'glaring', 'basic', 'lack of']);
const GATE_WORDS = new RegExp(
  GRAMMAR_GATE_WORDS.filter((w) => !PREFILTER_TIGHTENED.has(w))
    .map(escapeRegExp)
    .join('|'),
  'i',
);
export const BLAME_PREFILTER = { test: (text: string): boolean => PREFILTER_WORDS.test(text) || PREFILTER_FORMS.test(text) || GATE_WORDS.test(text) };

const ADVERBS = '(?:then|also|accidentally|mistakenly|inadvertently|carelessly|simply|just|apparently|clearly|obviously|still|again|unfortunately|later|subsequently|initially|completely|totally|somehow|unintentionally|wrongly|erroneously)';
const ROLE =
  "(?:(?:the|an?|our|one|another|that|this|same)\\s+)?(?:(?:new|junior|senior|responsible|lead|release|database|devops|sre|platform|support|infra|infrastructure|ops|primary|secondary|backup)\\s+)*(?:on-?call(?:er)?(?:\\s+(?:engineer|person|responder|sre))?|engineer|developer|admin|administrator|sysadmin|dba|employee|team member|staff member|intern|new hire|contractor|reviewer|committer|maintainer|responder|colleague|technician|human operator|incident commander|release manager)(?![\\w-])";
const PRONOUN = '(?:he|she|someone|somebody)';
/** Verbs that, after "didn't"/"did not"/"failed to"/"never", describe a person not doing their part. */
const DUTY_VERBS =
  '(?:check|double-check|test|verify|notice|read|follow|review|escalate|update|run|wait|ask|communicate|tell|notify|inform|confirm|validate|reali[sz]e|respond|acknowledge|ack|look|monitor|consider|think|catch|bother|pay attention|report|page|roll ?back|revert|restart|back ?up|see|act|react|remember|document|coordinate|announce|lock|follow up|clean up|heed|answer|prioriti[sz]e)(?:ed|d)?';
export const STRONG_VERBS = '(?:forgot|forgets|forgotten|neglected|neglects|messed up|screwed up|fucked up|fat[- ]?fingered|botched|bungled|blundered)';
/** What a person "made" that counts as a slip: "made a typo". */
export const MADE_SLIPS = '(?:mistake|error|typo|blunder)';
export const SLIP_ADVERBS = '(?:accidentally|mistakenly|inadvertently|carelessly|wrongly|erroneously|unintentionally)';
/**
 * Every verb form the person-as-subject patterns end in. Those patterns carry an alternation of
 * every role noun and every name in the report, which is slow to try at each position of a long
 * paragraph; they are run only on a window before each of these verbs (see windowedMatches).
 */
const VERB_HINT = new RegExp(
  `${STRONG_VERBS}|${SLIP_ADVERBS}|failed to|fails to|didn[’']t|did not|never|should(?:n[’']t| not)? have|could(?:n[’']t| not)? have|ought (?:not )?to have|should[’']ve|could[’']ve|broke|caused|missed|overlooked|ignored|disregarded|made (?:a|an|the|this|that)\\b`,
  'gi',
);
const NEGATED_HINT = /^(?:failed to|fails to|didn[’']t|did not|never)$/i;
const DUTY_AFTER = new RegExp(`^\\s+(?:bother to\\s+)?${DUTY_VERBS}\\b`, 'i');
/** How far before a verb the subject (with its adverbs) can start, and how far after it the match can end. */
const WINDOW_BEFORE = 100;
const WINDOW_AFTER = 100;
const WINDOW_RUN_ON = 1000;
/**
 * Windows that overlap are merged, up to this length; past it the next window starts on its own
 * (overlapping the last), so a paragraph dense with hints ("carelessly carelessly ...") is searched in
 * pieces of bounded length instead of as one piece each pattern searches again from every word.
 */
const WINDOW_MERGED = 2000;
const MISTAKE_HINT = /(?:mistake|error|blunder|oversight)\s+(?:made\s+)?by\b|\b(?:mistake|blunder|fault|oversight)s?\b/gi;
const CAUSE_HINT = /\bcause(?:\s+of\s+(?:the|this)\s+\w+)?\s+(?:was|is)\b/gi;

/**
 * Runs global regular expressions only on windows around the hints (verbs by default), and returns
 * their matches with indexes into `text` (each match once). Equivalent to `text.matchAll(re)` for
 * patterns whose matches contain a hint and start at most WINDOW_BEFORE characters before it.
 */
function windowedMatches(text: string, res: RegExp[], hint: RegExp = VERB_HINT): RegExpMatchArray[] {
  const windows: [number, number][] = [];
  for (const h of text.matchAll(hint)) {
    // "failed to reconnect", "did not restart": only a duty verb after these makes a person pattern
    // possible ("failed to check"), so the window is not searched at all otherwise (most timeline rows).
    if (hint === VERB_HINT && NEGATED_HINT.test(h[0]) && !DUTY_AFTER.test(text.slice(h.index! + h[0].length, h.index! + h[0].length + 40))) continue;
    let from = Math.max(0, h.index! - WINDOW_BEFORE);
    // Start at a word boundary so a lookbehind sees what it would see in the whole text.
    while (from > 0 && /[\w@-]/.test(text[from - 1])) from--;
    const to = Math.min(text.length, h.index! + h[0].length + WINDOW_AFTER);
    const last = windows[windows.length - 1];
    if (last && from <= last[1] && to - last[0] <= WINDOW_MERGED) last[1] = Math.max(last[1], to);
    else windows.push([from, to]);
  }
  const out: RegExpMatchArray[] = [];
  for (const re of res) {
    const seen = new Set<number>();
    for (const [from, to] of windows) {
      // Extend the window to the end of its line so a match that runs on is not cut short, but
      // not past WINDOW_RUN_ON: on a very long line, every window reaching to its end was quadratic.
      let end = to;
      const limit = Math.min(text.length, to + WINDOW_RUN_ON);
      while (end < limit && text[end] !== '\n') end++;
      const piece = text.slice(from, end);
      for (const m of piece.matchAll(re)) {
        const at = from + m.index!;
        if (seen.has(at)) continue;
        seen.add(at);
        m.index = at;
        out.push(m);
      }
    }
  }
  return out;
}

const JUDGMENT = /\b(?:careless(?:ly|ness)?|negligen(?:t|tly|ce)|slopp(?:y|ily|iness)|lazy(?![- ](?:load|loading|loaded|evaluation|eval|init|initiali[sz]ation|mode|import|loader|compil))|laziness|incompeten(?:t|ce|tly)|bad apples?|reckless(?:ly|ness)?|stupid(?:ity|ly)?|idiot(?:ic|s)?|clueless|irresponsib(?:le|ly|ility)|dumb mistake|boneheaded)\b/gi;
const HUMAN_ERROR = /\b(?:human|operator|pilot|user|engineer|developer|operational|admin|administrator|sysadmin)[- ](?:errors?|mistakes?)\b(?![- ](?:rate|count|code|message|page|budget|handling|response|ratio))/gi;
const PREVENTION = /(?:avoid|prevent|reduce|eliminate|minimi[sz]e|remove|removing|risk of|chance of|chances of|possibility of|prone to|susceptible to|protect against|guard against|less|fewer|room for|potential for|likelihood of|without|free of|mitigate|limit|lower|against|handle|handles|handling|tolerate|tolerates|tolerant of|tolerance (?:of|for|to)|withstand|absorb|cope with|recover from|survive|resilient to|resilience to|robust to|account for|allow for|catch|catches|detect|detects|block|blocks)\s+(?:the\s+)?(?:risk of\s+|chance of\s+|possibility of\s+|potential for\s+)?(?:any\s+|possible\s+|further\s+)?$/i;
const HINDSIGHT_OPENER = /(?:^|(?<=[.!?])\s+|\n[^\S\n]*(?:[-*+]|\d+[.)])[^\S\n]+|\|[^\S\n]*)(Obviously|Clearly|Of course|Needless to say|As everyone knows)\s*,?\s/g;
const NORMATIVE = /\b(?:should|must|ought|needs? to|needed to|need|have to|had to)\b/i;
const EVERYONE_KNOWS = /\b(?:everyone|everybody|anyone|anybody) (?:knows|knew|could have (?:seen|known|predicted|told)|would have (?:seen|known|noticed))\b/gi;

// Counterfactuals about the team ("we should have caught", "we failed to verify"): hindsight that
// judges what people did, even when the authors judge themselves (Dekker; Etsy debriefing guide).
// Only with verbs of noticing, checking and responding, so "we should have alerting" (a wish for a
// thing) and "it could have been worse" never match.
const TEAM = "(?:we|I|they|the team|our team|the (?:on-?call|sre|ops|infra(?:structure)?|platform|release|dev|engineering|security) team)";
const DUTY_PP =
  '(?:caught|noticed|spotted|seen|detected|checked|double-checked|tested|verified|validated|reviewed|known|realized|realised|anticipated|predicted|foreseen|escalated|communicated|responded|reacted|acted|rolled back|reverted|rerouted|paged|alerted|monitored|prioriti[sz]ed|investigated|read|followed|confirmed|asked|waited|been (?:more )?(?:careful|aware|cautious|thorough|vigilant|diligent))';
const TEAM_CF = new RegExp(`\\b(?<person>${TEAM})\\s+(?:(?:really|clearly|obviously|definitely|probably|simply|just|also)\\s+)?(?<cf>should(?:n[’']t| not)? have|could(?:n[’']t| not)? have|ought to have|should[’']ve|could[’']ve)\\s+(?<verb>${DUTY_PP})\\b`, 'gi');
const TEAM_FAILED = new RegExp(`\\b(?<person>${TEAM})\\s+(?:(?:simply|just|also|then|unfortunately|completely)\\s+)?(?<failed>failed to|neglected to|forgot to)\\s+(?<verb>${DUTY_VERBS})\\b`, 'gi');
/** "we did not act quickly enough", "nor did we execute on mitigations fast enough": a team judging its own speed or care. */
const ENOUGH = /\b(?:quick(?:ly)?|fast|soon|early|prompt(?:ly)?|thorough(?:ly)?|careful(?:ly)?|close(?:ly)?) enough\b/gi;
const NOT_TEAM = /\b(?:(?:we|I|the team|our team)\s+(?:did not|didn[’']t|failed to|were not|weren[’']t|was not|wasn[’']t|never)|nor did (?:we|I))\s/gi;
const AS_FAST_AS = /\bas (?:fast|quickly|soon|early|well) as (?:we|they) (?:could|should) have\b/gi;
const PASSIVE_REVIEW = /\b(?:should|could)(?:n[’']t| not)? have been (?:caught|noticed|spotted|detected|prevented|found) (?:in|by|during|with|at) (?:code |the |a |our |any )?(?:review|reviews|testing|tests|qa|staging|reviewers?)\b/gi;
const PASSIVE_RUSHED = /\bshould(?:n[’']t| not) have been (?:rushed|merged|deployed|shipped|released|approved|pushed)\b/gi;
const OVERLOOKED = /\b(?:was|were|got|had been|has been|have been) (?:simply |completely |just )?overlooked\b/gi;
const MISTAKE_IS = /\b(?:this|that|it) was (?:an? |our )?(?:[a-z-]+,? ){0,3}(?:mistake|oversight|blunder)\b/gi;

const BY_MISTAKE = /(?:,|(?<![\s,]))\s+(?:by mistake|by accident|in error)(?=[\s.,;:!?]|$)/g;

export interface Lexicon {
  /** Regex source for the names of people (already escaped), or '' when none. */
  names: string;
  /** The same names, lower-cased, for checking a word the static patterns took for a name. */
  nameSet: Set<string>;
  jaNames: string;
  allowed: string[];
  key: string;
  /** What the lexicon was made of: the names longest first, the Japanese names longest first, the allowed terms as configured. */
  parts: { names: string[]; ja: string[]; allowedTerms: readonly string[] };
  /** Per name, the lower-cased words lexiconWithin looks for in a text, or undefined for a name it always keeps. */
  nameWords: (string[] | undefined)[];
  /** The report is one person's own account (see personalVoice): a slip told with no subject is the writer's. */
  personal: boolean;
}

const NOT_NAMES = new Set(['the', 'this', 'that', 'it', 'we', 'they', 'our', 'then', 'team', 'sre', 'ops', 'platform', 'support', 'engineering', 'oncall', 'on-call', 'incident', 'commander', 'bot', 'system', 'automation', 'deploy', 'ci', 'cd', 'pagerduty', 'grafana', 'prometheus', 'alertmanager', 'slack', 'github', 'gitlab', 'jenkins', 'datadog', 'sentry', 'kubernetes', 'aws', 'gcp', 'azure', 'opsgenie', 'customer', 'customers', 'user', 'users', 'all', 'none', 'everyone', 'security', 'infra', 'infrastructure', 'database', 'backend', 'frontend', 'data', 'release', 'manager', 'lead', 'owner', 'tbd', 'unknown', 'n/a']);

/** Builds the person vocabulary from the names a report mentions and the configured people. */
export function buildLexicon(docPeople: readonly string[], configPeople: readonly string[], allowedTerms: readonly string[], personal = false): Lexicon {
  const names = new Set<string>();
  const ja = new Set<string>();
  const addName = (n: string, trusted: boolean) => {
    const t = n.replace(/[*_`]/g, '').trim();
    if (!t) return;
    if (/^@[A-Za-z0-9][\w-]*$/.test(t)) {
      names.add(t);
      if (t.length >= 4 && !NOT_NAMES.has(t.slice(1).toLowerCase())) names.add(t.slice(1));
      return;
    }
    if (t.startsWith('@')) return; // team handles (@org/sre) are not individuals
    if (/^[\p{Script=Han}\p{Script=Katakana}ー]{1,6}(?:さん)?$/u.test(t)) {
      ja.add(t.replace(/さん$/, ''));
      return;
    }
    const words = t.split(/\s+/);
    if (words.some((w) => NOT_NAMES.has(w.toLowerCase()))) return;
    if (!words.every((w) => /^\p{Lu}[\p{L}'’-]+$/u.test(w))) return;
    if (words.length >= 2 && words.length <= 3) {
      names.add(t);
      for (const w of words) if (w.length >= 3) names.add(w);
    } else if (words.length === 1 && trusted && t.length >= 2) names.add(t);
  };
  for (const p of docPeople) {
    // "Dana Kim (@dana)": the name and the handle.
    const handle = /@[A-Za-z0-9][\w-]*(?!\/)/.exec(p);
    if (handle) addName(handle[0], true);
    const bare = replaceEnclosed(p, PARENTHESES).trim();
    if (bare && bare !== handle?.[0]) addName(bare, false);
  }
  for (const p of configPeople) {
    addName(p, true);
    if (!p.startsWith('@') && /^\p{Lu}/u.test(p)) names.add(p.trim());
  }
  return lexiconOf([...names].sort((a, b) => b.length - a.length), [...ja].sort((a, b) => b.length - a.length), allowedTerms, personal);
}

/** How many lines of a report personalVoice reads. */
const VOICE_LINES = 400;
/** The writer speaking as one person: 「私が」「僕は」「当時の自分」「俺の」. */
const JA_FIRST_PERSON = /(?:私|僕|俺|わたし|ぼく|自分)(?:が|は|の|も|に|で|を)|(?:当時の|過去の)自分/u;
/** An organisation or a group speaking: 「弊社」「当社」「私ども」「我々」「私たち」「当法人」「本学」. */
const JA_GROUP_VOICE = /弊社|当社|弊組織|当組織|弊団体|当団体|当法人|弊法人|当院|本学|本校|本市|当市|本県|当協会|弊行|当行|当店|弊店|弊所|当所|当方|私ども|私共|わたくしども|我々|われわれ|私たち|わたしたち|僕ら|僕たち|弊チーム|当チーム|弊部|当部|当課|当局|当機構|弊機構/u;

/** A post speaking of itself as a post or a personal record: 「この記事では」「本記事」「備忘録」「やらかした」「個人開発」. */
const JA_ARTICLE_VOICE = /この記事|本記事|本エントリ|このエントリ|備忘録|やらかし|個人開発|趣味で(?:運用|開発|作っ)/u;
/** A notice to customers or users: 「お客様」「ご迷惑」「お詫び」「ご利用の皆様」「各位」. */
const JA_NOTICE_VOICE = /お客様|お客さま|ご迷惑|ご不便|お詫び|ご利用|皆様|皆さま|各位|申し訳ございません/u;
/**
 * Whether a Japanese report is one person's own account: it speaks as 「私」「僕」「自分」, or of itself as a post
 * (「この記事では」「備忘録」) without addressing customers, and never as a group (「弊社」「私たち」). There a slip told with no subject (「意図せず…アップロードしてしまった」) is the
 * writer's own, "I accidentally ..."; in a company's notice it is the company's, team-level and borderline.
 */
export function personalVoice(lines: readonly string[]): boolean {
  let first = false;
  let article = false;
  let notice = false;
  // The voice is set where the writer introduces the story; the first lines are enough (and a
  // 5,000-row report costs a keystroke no more than a short one).
  for (const line of lines.length > VOICE_LINES ? lines.slice(0, VOICE_LINES) : lines) {
    if (JA_GROUP_VOICE.test(line)) return false;
    if (!first && JA_FIRST_PERSON.test(line)) first = true;
    if (!article && JA_ARTICLE_VOICE.test(line)) article = true;
    if (!notice && JA_NOTICE_VOICE.test(line)) notice = true;
  }
  // A post that never says 私 is still one person's when it speaks of itself as a post or a personal
  // record (「この記事では」「備忘録」「やらかした話」) and never addresses customers as a notice does.
  return first || (article && !notice);
}

/** The lexicon of these names (longest first), Japanese names (longest first) and allowed terms. */
function lexiconOf(names: string[], ja: string[], allowedTerms: readonly string[], personal: boolean): Lexicon {
  const sorted = names.map(escapeRegExp);
  const jaSorted = ja.map(escapeRegExp);
  return {
    names: sorted.join('|'),
    nameSet: new Set(names.map((n) => n.toLowerCase())),
    jaNames: jaSorted.join('|'),
    allowed: allowedTerms.map((t) => t.toLowerCase()).filter(Boolean),
    key: `${sorted.join(',')}\u0000${jaSorted.join(',')}\u0000${allowedTerms.join(',')}${personal ? '\u0000personal' : ''}`,
    parts: { names, ja, allowedTerms },
    nameWords: names.map((n) => (NON_ASCII.test(n) ? undefined : n.toLowerCase().split(/\s+/))),
    personal,
  };
}

const NON_ASCII = /[^\x00-\x7f]/;
const narrowed = new Map<string, Lexicon>();

/**
 * The part of a lexicon that can change what is found in `text`: the names and allowed terms that
 * occur in it. Every use of a name looks for it in the text: as an alternative of a pattern (a
 * whole name, matched without regard to case, and an ASCII letter of a pattern without the `u`
 * flag only ever matches an ASCII letter), or as the words of the text joined with single spaces
 * and lower-cased, looked up in `nameSet`; an allowed term is looked for in the lower-cased text.
 * So an ASCII name is kept when each of its words is in the lower-cased text, a Japanese name when
 * it is in the text, and a name with any other letter always. Reports that share a sentence but
 * not their people share its result (and the compiled patterns) through this narrower lexicon.
 */
export function lexiconWithin(lex: Lexicon, text: string): Lexicon {
  const { names, ja, allowedTerms } = lex.parts;
  if (!names.length && !ja.length && !allowedTerms.length) return lex;
  const lower = text.toLowerCase();
  const keptNames = names.filter((_, i) => lex.nameWords[i]?.every((w) => lower.includes(w)) ?? true);
  const keptJa = ja.filter((n) => text.includes(n));
  const keptTerms = allowedTerms.filter((t) => lower.includes(t.toLowerCase()));
  if (keptNames.length === names.length && keptJa.length === ja.length && keptTerms.length === allowedTerms.length) return lex;
  const key = `${keptNames.join('\u0000')}\u0001${keptJa.join('\u0000')}\u0001${keptTerms.join('\u0000')}\u0001${lex.personal ? 'personal' : ''}`;
  let sub = narrowed.get(key);
  if (!sub) {
    if (narrowed.size > 1000) narrowed.clear();
    narrowed.set(key, (sub = lexiconOf(keptNames, keptJa, keptTerms, lex.personal)));
  }
  return sub;
}

interface Compiled {
  rootCause: RegExp;
  mistakeBy: RegExp;
  jaPerson: RegExp;
  jaPersonFault: RegExp;
}

// The person-as-subject patterns are compiled once for every report: a name is any run of one to
// three words (or an @handle) in the pattern, and the code then keeps it only if it is a role, a
// pronoun or a name the report knows (acceptPerson). Building the names into the pattern instead
// made V8 compile a large expression for every report, which dominated checking a folder.
const GENERIC_NAME = "@[A-Za-z0-9][\\w-]*|\\p{L}[\\p{L}\\p{M}'’-]*(?:\\s+\\p{L}[\\p{L}\\p{M}'’-]*){0,2}";
const VERB_ALTERNATIVES = [
  `(?<strong>${STRONG_VERBS})(?<strongTo>\\s+to)?`,
  `(?<slip>${SLIP_ADVERBS})\\s+(?<slipVerb>[a-z]+(?:ed|ran|ran|pushed|wrote|ran|put|set|sent|took|made|broke|hit|shut|let)\\b|ran|wrote|put|set|sent|took|made|hit|shut)`,
  `(?<failed>failed to|fails to|(?:didn[’']t|did not|never)(?: bother to)?)\\s+(?<duty>${DUTY_VERBS})\\b`,
  `(?<cf>should(?:n[’']t| not)? have|could(?:n[’']t| not)? have|ought (?:not )?to have|should[’']ve|could[’']ve)\\s+(?<cfVerb>[a-z]+)`,
  `(?<harm>broke|caused|missed|overlooked|ignored|disregarded)\\b`,
  `(?<made>made (?:a|an|the|this|that)(?: [a-z]+)? ${MADE_SLIPS})`,
].join('|');
const PERSON_VERB = new RegExp(`(?<![\\w@-])(?<person>${ROLE}|${PRONOUN}|${GENERIC_NAME})(?:\\s+who)?(?<adv>(?:,?\\s+${ADVERBS})*,?)\\s+(?:${VERB_ALTERNATIVES})`, 'giu');
// An unknown capitalized word is only taken for a person before a verb only people do.
const GENERIC_STRONG = new RegExp(`(?<![\\w@-])(?<person>(?<generic>[A-Z][a-z]+))(?<adv>(?:,?\\s+${ADVERBS})*,?)\\s+(?:(?<strong>${STRONG_VERBS})(?<strongTo>\\s+to)?|(?<made>made (?:a|an|the|this|that)(?: [a-z]+)? ${MADE_SLIPS}))`, 'g');
const ROLE_OR_PRONOUN = new RegExp(`^(?:${ROLE}|${PRONOUN})$`, 'i');
const ENDS_WITH_ROLE_OR_PRONOUN = new RegExp(`(?:${ROLE}|${PRONOUN})\\s$`, 'i');

/**
 * Where, within the words a pattern took for the subject, the person starts: the whole phrase or
 * its last words, if they are a role, a pronoun or a name of the report. Undefined when none is.
 */
function acceptPerson(personText: string, lex: Lexicon): number | undefined {
  for (let k = 0; k >= 0; k = personText.slice(k).search(/\s\S/) < 0 ? -1 : k + personText.slice(k).search(/\s\S/) + 1) {
    const cand = personText.slice(k);
    if (ROLE_OR_PRONOUN.test(cand) || lex.nameSet.has(cand.toLowerCase())) return k;
  }
  return undefined;
}

/** Person-verb matches with the subject narrowed to the person (index, person group and match text adjusted). */
function personVerbMatches(text: string, lex: Lexicon): RegExpMatchArray[] {
  const out: RegExpMatchArray[] = [];
  for (const m of windowedMatches(text, [PERSON_VERB, GENERIC_STRONG])) {
    if (m.groups!.generic !== undefined) {
      out.push(m);
      continue;
    }
    const k = acceptPerson(m.groups!.person, lex);
    if (k === undefined) continue;
    if (k > 0) {
      m.index = m.index! + k;
      m[0] = m[0].slice(k);
      m.groups!.person = m.groups!.person.slice(k);
    }
    out.push(m);
  }
  return out;
}

const compiledCache = new Map<string, Compiled>();

function compile(lex: Lexicon): Compiled {
  const hit = compiledCache.get(lex.key);
  if (hit) return hit;
  const nameAlt = lex.names ? `|${lex.names}` : '';
  // Names are matched case-insensitively with the rest; the caller checks that a name is written
  // with a capital (or an @), so "will" and "may" never pass for Will and May. These patterns run
  // only where their hints occur (rare), so building them per report costs little.
  const rootCause = new RegExp(`\\b(?:the\\s+)?(?:root|primary|main|underlying|real)\\s+cause(?:\\s+of\\s+(?:the|this)\\s+(?:incident|outage|issue|problem))?\\s+(?:was|is)\\s+(?<that>that\\s+)?(?<person>${ROLE}|${PRONOUN}${nameAlt})(?<poss>[’']s)?(?![\\w-])`, 'gi');
  const mistakeBy = new RegExp(`\\b(?:(?:an?|the)\\s+)?(?:mistake|error|blunder|oversight)\\s+(?:made\\s+)?by\\s+(?<person>${ROLE}|${PRONOUN}${nameAlt})(?![\\w-])|\\b(?<person2>${lex.names ? lex.names + '|' : ''}his|her|their)(?:[’']s)?\\s+(?:mistake|blunder|fault|oversight)\\b`, 'gi');
  const jaNames = lex.jaNames ? `${lex.jaNames}|` : '';
  // A person: a name with an honorific, an @handle, the first person singular, or a singular role
  // (担当者, 職員, 事務員, 作業員, マネージャー ...), also anonymised as notices write them (担当者A,
  // 職員B, A氏), and the English role words Japanese engineering reports use (operator, on-call).
  const jaRoleSrc = `(?:担当者|作業者|作業担当者|運営者|運営担当者|担当職員|職員|事務員|社員|従業員|係員|作業員|操作者|実施者|確認者|入力者|前任者|後任者|責任者|管理者|経営者|経営陣|社長|役員|上長|部長|課長|係長|主任|リーダー|マネージャー|マネジャー|オペレーター|オペレータ|エンジニア|開発者|運用者|運用担当者|新人|新入社員|当番|当直者|保守担当者|監視担当者|オンコール担当者?|レビュアー|レビュワー)(?:[A-ZＡ-Ｚ]{1,2}(?![A-Za-z])|[0-9０-９]{1,2}(?![0-9]))?`;
  const jaPersonSrc = `(?:@[A-Za-z0-9][\\w-]*\\s?|(?:${jaNames}[\\p{Script=Han}\\p{Script=Katakana}ー]{1,6}|[A-Za-zＡ-Ｚ]{1,12})(?:さん|氏|君|くん)|(?:私|僕|俺|わたし|ぼく|自分)(?!たち|達|ども|ら)|(?:彼女|彼|同僚|後輩|先輩|上司|部下)(?!ら|たち|達|ども|岸|方)|${jaNames}${jaRoleSrc}|(?<![A-Za-z])(?:[Oo]perator|[Ee]ngineer|[Dd]eveloper|[Oo]n-?call(?: engineer)?)\\s?)`;
  const jaPerson = new RegExp(jaPersonSrc, 'u');
  const jaPersonFault = new RegExp(`(?<person>${jaPersonSrc})(?:の|による)(?<fault>(?:判断|操作|作業|確認|入力|設定|ケアレス|単純|送信|登録|記入|転記|配信|発注|集計)?ミス|(?:判断|設定|入力|操作)(?:の)?誤り|(?:確認|連絡|報告|設定|入力|記入)漏れ|せい|不注意|確認不足|認識不足|過信|不手際|落ち度|怠慢|過失|責任)`, 'gu');
  const c = { rootCause, mistakeBy, jaPerson, jaPersonFault };
  if (compiledCache.size > 200) compiledCache.clear();
  compiledCache.set(lex.key, c);
  return c;
}

/**
 * How far a sentence is read either side of a phrase. Real sentences are far shorter; run-on text
 * (a pasted log, thousands of words without a stop) was read to its ends for every phrase in it,
 * which made a long paragraph quadratic.
 */
const MAX_SENTENCE_SPAN = 2000;

/** Sentence bounds around [start, end): stops at . ! ? 。 and at list markers and blank lines. */
export function sentenceAt(text: string, start: number, end: number): [number, number] {
  let s = start;
  while (s > 0 && start - s < MAX_SENTENCE_SPAN) {
    const ch = text[s - 1];
    if ('。！？|'.includes(ch)) break;
    if ((ch === '.' || ch === '!' || ch === '?') && /\s/.test(text[s] ?? ' ') && !/\b(?:e\.g|i\.e|etc|vs|approx|ca)$/i.test(text.slice(Math.max(0, s - 6), s - 1))) break;
    if (ch === '\n' && (/^\s*(?:[-*+]|\d{1,9}[.)])\s/.test(text.slice(s)) || text[s - 2] === '\n')) break;
    s--;
  }
  while (s < start && /[\s*_]/.test(text[s])) s++;
  const marker = /^(?:[-*+]|\d{1,9}[.)])\s+(?:\[[ xX]\]\s+)?/.exec(text.slice(s, start));
  if (marker) s += marker[0].length;
  let e = end;
  while (e < text.length && e - end < MAX_SENTENCE_SPAN) {
    const ch = text[e];
    if ('。！？|'.includes(ch)) {
      if (ch !== '|') e++;
      break;
    }
    if ((ch === '.' || ch === '!' || ch === '?') && (e + 1 >= text.length || /\s/.test(text[e + 1]))) break;
    if (ch === '\n' && (/^\s*(?:[-*+]|\d{1,9}[.)])\s/.test(text.slice(e + 1)) || text[e + 1] === '\n')) break;
    e++;
  }
  return [s, e];
}

function atSentenceStart(text: string, at: number): boolean {
  const [s] = sentenceAt(text, at, at);
  return s === at;
}

function caseLike(text: string, at: number, replacement: string): string {
  return atSentenceStart(text, at) ? capitalize(replacement) : replacement;
}

/** The clause after a verb: up to the end of the sentence, or a comma/semicolon/"because"/"and then". */
function clauseAfter(text: string, from: number, sentenceEnd: number): number {
  const rest = text.slice(from, sentenceEnd);
  const m = /[,;:—–()]|\s(?:because|since|so that|which|and then|but|while|when)\s/.exec(rest);
  return from + (m ? m.index : rest.length);
}

/** "tested" -> "test", "rolled back" -> "roll back"; base forms pass through. */
function dutyBase(verb: string): string {
  const [first, ...rest] = verb.split(' ');
  return [baseForm(first), ...rest].join(' ');
}

// Results per lexicon, then per text: a report's cells and paragraphs repeat across re-checks of
// the same document, and a 5,000-row timeline is 5,000 look-ups per keystroke, so the key is the
// text itself (no concatenated key to build) and texts without a hint are remembered too.
const resultCache = new Map<string, Map<string, BlameMatch[]>>();
const NONE: BlameMatch[] = [];
const MAX_TEXTS = 50000;

/** Finds blame in `text` (a paragraph, list, or table cell). Offsets are into `text`. */
export function findBlame(text: string, lex: Lexicon): BlameMatch[] {
  let byText = resultCache.get(lex.key);
  if (!byText) {
    if (resultCache.size > 50) resultCache.clear();
    resultCache.set(lex.key, (byText = new Map()));
  }
  const hit = byText.get(text);
  if (hit) return hit;
  if (byText.size > MAX_TEXTS) byText.clear();
  const found = BLAME_PREFILTER.test(text) ? findBlameWithin(text, lexiconWithin(lex, text)) : NONE;
  byText.set(text, found);
  return found;
}

/** findBlame's results per narrowed lexicon (see lexiconWithin), then per text. */
const narrowedResults = new Map<string, Map<string, BlameMatch[]>>();

function findBlameWithin(text: string, lex: Lexicon): BlameMatch[] {
  let byText = narrowedResults.get(lex.key);
  if (!byText) {
    if (narrowedResults.size > 200) narrowedResults.clear();
    narrowedResults.set(lex.key, (byText = new Map()));
  }
  let found = byText.get(text);
  if (!found) {
    if (byText.size > MAX_TEXTS) byText.clear();
    byText.set(text, (found = findBlameUncached(text, lex)));
  }
  return found;
}

/** The search itself, without the caches and with the whole lexicon (findBlame is what rules call; a test compares the two). */
export function findBlameUncached(text: string, lex: Lexicon): BlameMatch[] {
  const c = compile(lex);
  const out: BlameMatch[] = [];
  const push = (m: BlameMatch) => out.push(m);

  // A person as the subject of a failure verb (and the counterfactuals about them).
  // Each pattern runs only when one of its words is in the text (a substring test is far cheaper
  // than a scan; most table cells have none of them).
  const lower = text.toLowerCase();
  const has = (...words: string[]) => words.some((w) => lower.includes(w));
  const personMatches = personVerbMatches(text, lex);
  for (const m of personMatches) {
    const g = m.groups!;
    const start = m.index!;
    const personText = g.person;
    // Names must be written as names: capitalized or @handles; role nouns and pronouns any case.
    const isRoleOrPronoun = ROLE_OR_PRONOUN.test(personText);
    if (!isRoleOrPronoun && !/^[@\p{Lu}]/u.test(personText)) continue;
    if (g.generic !== undefined) {
      if (NOT_NAMES.has(personText.toLowerCase()) || /^(?:Our|The|This|That|It|We|They|There|Then|When|After|Before|During|And|But|If|I|So|Also|Nobody|No)$/.test(personText.split(' ')[0])) continue;
    }
    if (/^(?:the|a|an|this|that)\s+(?:user|operator)$/i.test(personText)) continue;
    const [, se] = sentenceAt(text, start, start + m[0].length);
    const end = start + m[0].length;
    const rewrites: Rewrite[] = [];
    let kind: BlameKind = 'personVerb';
    if (g.cf) {
      kind = 'counterfactual';
      if (/^(?:been|be)$/i.test(g.cfVerb)) {
        // "X should have been more careful": a judgment, no action to rephrase.
        const ce = clauseAfter(text, end, se);
        rewrites.push({ titleId: 'fixConditions', start, end: ce, newText: caseLike(text, start, 'nothing at the time pointed to a need for extra care') });
      } else {
        const verbStart = end - g.cfVerb.length;
        rewrites.push({ titleId: 'fixPrompted', start, end, newText: caseLike(text, start, `nothing in the process prompted anyone to ${baseForm(text.slice(verbStart, end))}`) });
      }
    } else if (g.strong || g.failed) {
      const afterVerb = end;
      const ce = clauseAfter(text, afterVerb, se);
      let object = text.slice(afterVerb, ce).trim();
      if (g.strong && !g.strongTo && /^(?:messed|screwed|fucked|botched|bungled|blundered|fat)/i.test(g.strong)) object = '';
      if (g.failed && g.duty) object = `${dutyBase(text.slice(end - g.duty.length, end))}${text.slice(afterVerb, ce)}`.trim();
      if (g.strong && g.strongTo) object = text.slice(afterVerb, ce).trim();
      if (object && (g.strongTo || g.failed)) {
        rewrites.push({ titleId: 'fixStepNotDone', start, end: ce, newText: caseLike(text, start, `the step to ${object} was not done; nothing in the process required it`) });
        const prompted = g.failed ? `nothing in the process prompted anyone to ${dutyBase(text.slice(end - g.duty.length, end))}` : 'nothing in the process prompted anyone to';
        rewrites.push({ titleId: 'fixPrompted', start, end, newText: caseLike(text, start, prompted) });
      } else {
        rewrites.push({ titleId: 'fixConditions', start, end: ce, newText: caseLike(text, start, 'a manual step went wrong; nothing in the tooling caught it') });
      }
    } else if (g.slip) {
      rewrites.push({ titleId: 'fixCommand', start, end: end - g.slipVerb.length, newText: caseLike(text, start, 'a manual command ') });
    } else if (g.harm) {
      const h = g.harm.toLowerCase();
      // "error was expected so Bob ignored it": a decision about something judged harmless.
      if ((h === 'ignored' || h === 'disregarded') && judgedHarmless(text, ...sentenceAt(text, start, end), { sentenceAt })) continue;
      if (h === 'broke' || h === 'caused') rewrites.push({ titleId: 'fixChangeSubject', start, end: end - g.harm.length, newText: caseLike(text, start, 'a change ') });
      else {
        const ce = clauseAfter(text, end, se);
        const object = text.slice(end, ce).trim();
        if (object) rewrites.push({ titleId: 'fixSignal', start, end: ce, newText: caseLike(text, start, `${object} did not stand out enough to be acted on`) });
      }
    } else if (g.made) {
      rewrites.push({ titleId: 'fixConditions', start, end, newText: caseLike(text, start, 'a manual step went wrong; nothing in the tooling caught it') });
    }
    // The phrase: the person and the verb (without the clause after it).
    push({ start, end, kind, phrase: text.slice(start, end), rewrites });
  }

  for (const m of has('error', 'mistake') ? text.matchAll(HUMAN_ERROR) : []) {
    const start = m.index!;
    const before = text.slice(Math.max(0, start - 60), start);
    if (PREVENTION.test(before)) continue;
    const after = text.slice(start + m[0].length, start + m[0].length + 40);
    if (/^\s*(?:-?prone|proof|resistant)/i.test(after)) continue;
    // "human error is inevitable", "human error will always happen": a premise for safeguards, not a cause.
    if (/^\s*(?:is|are|will|can|does|do)\s+(?:\w+\s+){0,2}?(?:inevitable|unavoidable|bound to|going to happen|happen|happens|occur|occurs)\b/i.test(after)) continue;
    // A yes/no question about the cause, as report templates ask it ("Was it caused by human error,
    // supply/demand issues or something unknown?"): the answer says what the cause was, not the question.
    const [qs, qe] = sentenceAt(text, start, start + m[0].length);
    if (/^(?:was|were|is|are|did|does|do|could|can|has|have)\b/i.test(text.slice(qs, qe)) && /\?\s*$/.test(text.slice(qs, qe + 1))) continue;
    // "... so operator error on X is caught": a safeguard being described, not a cause.
    if (/\b(?:is|are|gets?|can be|will be|would be)\s+(?:caught|prevented|blocked|detected|rejected|impossible|avoided)\b/i.test(text.slice(start + m[0].length, start + m[0].length + 60))) continue;
    const lower = m[0].toLowerCase();
    // "user error" is often a status ("returned a user error"); only as a cause.
    if (lower.startsWith('user') && !/(?:due to|caused by|result of|because of|was|is|blamed? on|simply|just|a|an)\s+$/i.test(before)) continue;
    const rewrites: Rewrite[] = [
      { titleId: 'fixUnguardedStep', start, end: start + m[0].length, newText: caseLike(text, start, 'a manual step with no safeguard') },
      { titleId: 'fixEasyToGetWrong', start, end: start + m[0].length, newText: caseLike(text, start, lower.startsWith('user') ? 'an interface that made this easy to get wrong' : 'a step the tooling made easy to get wrong') },
    ];
    push({ start, end: start + m[0].length, kind: 'humanError', phrase: m[0], rewrites });
  }

  for (const m of has('mistake', 'error', 'blunder', 'oversight', 'fault') ? windowedMatches(text, [c.mistakeBy], MISTAKE_HINT) : []) {
    const start = m.index!;
    const person = m.groups!.person ?? m.groups!.person2;
    if (!/^[@\p{Lu}]/u.test(person) && !new RegExp(`^(?:${ROLE}|${PRONOUN}|his|her|their)$`, 'i').test(person)) continue;
    push({ start, end: start + m[0].length, kind: 'mistakeBy', phrase: m[0], rewrites: [{ titleId: 'fixUnguardedStep', start, end: start + m[0].length, newText: caseLike(text, start, 'a manual step with no safeguard') }] });
  }

  for (const m of has('cause') ? windowedMatches(text, [c.rootCause], CAUSE_HINT) : []) {
    const start = m.index!;
    const g = m.groups!;
    if (!/^[@\p{Lu}]/u.test(g.person) && !ROLE_OR_PRONOUN.test(g.person)) continue;
    const end = start + m[0].length;
    const rewrites: Rewrite[] = [];
    if (!g.that) rewrites.push({ titleId: 'fixContributing', start, end, newText: caseLike(text, start, g.poss ? 'one contributing factor was the' : 'one contributing factor was') });
    push({ start, end, kind: 'rootCause', phrase: m[0], rewrites });
  }

  for (const m of has('careless', 'negligen', 'slopp', 'lazy', 'lazi', 'incompeten', 'bad apple', 'reckless', 'stupid', 'idiot', 'clueless', 'irresponsib', 'dumb', 'bonehead') ? text.matchAll(JUDGMENT) : []) {
    const start = m.index!;
    const end = start + m[0].length;
    // Self-criticism counts too ("we shipped sloppy fixes", "in an act of laziness"): it judges the
    // people who did the work, whoever writes it.
    const w = m[0].toLowerCase();
    let rewrite: Rewrite;
    if (/apples?$/.test(w)) {
      push({ start, end, kind: 'judgment', phrase: m[0], rewrites: [] });
      continue;
    }
    if (/(?:ness|ence|ity)$/.test(w)) {
      rewrite = { titleId: 'fixMissingSafeguard', start, end, newText: caseLike(text, start, 'a missing safeguard') };
    } else {
      // Drop the word (and one space), keeping the facts of the sentence.
      const sp = text[end] === ' ' ? 1 : 0;
      rewrite = { titleId: 'fixRemoveWord', start, end: end + sp, newText: '' };
    }
    push({ start, end, kind: 'judgment', phrase: m[0], rewrites: [rewrite] });
  }

  // "CP team member ran X ... by mistake": a person subject, then the slip.
  for (const m of has('by mistake', 'by accident', 'in error') ? text.matchAll(BY_MISTAKE) : []) {
    const start = m.index! + m[0].search(/\S/);
    const end = m.index! + m[0].length;
    const [ss] = sentenceAt(text, start, end);
    const head = text.slice(ss, start);
    // The sentence may open with a clock time (a timeline row: "13:05 Sam reverts ... by mistake").
    const clock = /^\s*(?:\d{1,2}:\d{2}(?::\d{2})?(?:\s*(?:UTC|Z))?\s*(?:[-–—:|]\s*)?)?/.exec(head)![0];
    const body = head.slice(clock.length);
    let pm = new RegExp(`^(?:(?:\\*\\*|__)?[A-Z][\\w ]{0,20}(?:\\*\\*|__)?:\\s*)?(?:[A-Z]{2,6}\\s+)?(?:${ROLE}|${PRONOUN}${lex.names ? '|' + lex.names : ''})\\s`, 'i').exec(body);
    if (pm && !/^[@\p{Lu}*_]/u.test(pm[0]) && !ENDS_WITH_ROLE_OR_PRONOUN.test(pm[0])) pm = null;
    if (!pm) {
      // A name nobody declared: doing something "by mistake" is what people do. A given-name shape
      // ("Priya") or a nickname ending in digits ("MacFan4000"), then an active verb.
      const g = /^([\p{Lu}][\p{L}\p{M}'’-]*\d{0,4})\s+(?=[a-z]{2,}\b)/u.exec(body);
      if (!g || !(isGivenNameShape(g[1]) || (/^\p{Lu}\p{L}{2,}\d{1,4}$/u.test(g[1]) && !NOT_NAMES.has(g[1].toLowerCase())))) continue;
      pm = g;
    }
    if (/^\s*(?:was|were|is|are|got|gets|had been|has been|have been|being)\b/i.test(body.slice(pm[0].length - 1))) continue;
    // "Ana found that the job was deleted by mistake": the slip is told in the passive, not of the subject.
    if (/\b(?:was|were|been|being|got|is|are)\s+(?:\w+ly\s+)?[a-z]+(?:ed|en|wn|un|ut|et)\s*$/i.test(body)) continue;
    const from = m.index!;
    push({ start, end, kind: 'personVerb', phrase: text.slice(start, end), rewrites: [{ titleId: 'fixConditions', start: from, end, newText: ', with nothing in the tooling to catch the wrong target' }] });
  }

  // Hindsight that judges: "Obviously, ... should ..." and "anyone could have seen".
  for (const m of has('obviously', 'clearly', 'of course', 'needless', 'everyone knows') ? text.matchAll(HINDSIGHT_OPENER) : []) {
    const start = m.index! + m[0].indexOf(m[1]);
    const [, se] = sentenceAt(text, start, start + m[1].length);
    const sentence = text.slice(start, se);
    if (!NORMATIVE.test(sentence) && !personVerbMatches(sentence, lex).length) continue;
    const wordEnd = start + m[1].length;
    let cut = wordEnd;
    while (cut < text.length && /[,\s]/.test(text[cut]) && text[cut] !== '\n') cut++;
    const next = text[cut] ?? '';
    push({ start, end: wordEnd, kind: 'hindsight', phrase: m[1], rewrites: [{ titleId: 'fixRemoveHindsight', start, end: cut + (next ? 1 : 0), newText: next.toUpperCase() }] });
  }
  for (const m of has('one know', 'one knew', 'body know', 'body knew', 'could have', 'would have') ? text.matchAll(EVERYONE_KNOWS) : []) {
    const start = m.index!;
    const end = start + m[0].length;
    // "... so that everyone knows it", "until everyone knows the new path": a purpose or a condition ahead, not hindsight.
    if (/\b(?:so(?: that)?|to make sure(?: that)?|make sure(?: that)?|ensure(?: that)?|until|once|when|whenever|if|unless|before|after)\s+$/i.test(text.slice(Math.max(0, start - 20), start))) continue;
    let cut = end;
    const thatM = /^\s+that\b\s*|^,?\s*/.exec(text.slice(end));
    if (thatM) cut += thatM[0].length;
    const next = text[cut] ?? '';
    const seen = /(?:could|would) have/i.test(m[0]);
    const rewrites: Rewrite[] = seen
      ? [{ titleId: 'fixHardToSee', start, end, newText: caseLike(text, start, /known|told|predicted/i.test(m[0]) ? 'nothing at the time made it easy to know' : 'nothing at the time made it easy to notice') }]
      : atSentenceStart(text, start) && next
        ? [{ titleId: 'fixRemoveHindsight', start, end: cut + 1, newText: next.toUpperCase() }]
        : [];
    push({ start, end, kind: 'hindsight', phrase: m[0], rewrites });
  }

  for (const m of has('should', 'could', 'ought', 'failed', 'neglected', 'forgot') ? [...text.matchAll(TEAM_CF), ...text.matchAll(TEAM_FAILED)] : []) {
    const start = m.index!;
    const end = start + m[0].length;
    const g = m.groups!;
    // "... so they could have tested": a purpose or a possibility, not a judgment.
    const lead = text.slice(Math.max(0, start - 12), start);
    if (g.cf && /\bso(?: that)?\s+$/i.test(lead) && !/\band so\s+$/i.test(lead)) continue;
    // "... we could've noticed it way later": a worse world imagined, not a judgment.
    if (/^[^.;!?]{0,30}\b(?:later|longer|worse|slower)\b/i.test(text.slice(start + m[0].length, start + m[0].length + 40))) continue;
    const who = /^(?:we|our team)$/i.test(g.person) ? 'us' : /^they$/i.test(g.person) ? 'them' : g.person;
    const verb = g.failed ? dutyBase(g.verb) : g.verb.startsWith('been') ? '' : dutyBase(g.verb);
    const rewrites: Rewrite[] = verb ? [{ titleId: 'fixPrompted', start, end, newText: caseLike(text, start, `nothing in the process prompted ${who} to ${verb}`) }] : [];
    push({ start, end, kind: 'teamCounterfactual', phrase: m[0], rewrites });
  }
  for (const e of has(' enough') ? text.matchAll(ENOUGH) : []) {
    // The negated team clause just before it, in the same clause.
    const from = Math.max(0, e.index! - 90);
    const piece = text.slice(from, e.index!);
    let last: RegExpMatchArray | undefined;
    for (const n of piece.matchAll(NOT_TEAM)) last = n;
    if (!last || /[.,;!?\n]/.test(piece.slice(last.index! + last[0].length))) continue;
    const start = from + last.index!;
    const end = e.index! + e[0].length;
    push({ start, end, kind: 'teamCounterfactual', phrase: text.slice(start, end), rewrites: [] });
  }
  for (const m of has(' as ') ? text.matchAll(AS_FAST_AS) : []) {
    push({ start: m.index!, end: m.index! + m[0].length, kind: 'teamCounterfactual', phrase: m[0], rewrites: [] });
  }
  for (const m of has('have been') ? text.matchAll(PASSIVE_REVIEW) : []) {
    const start = m.index!;
    const end = start + m[0].length;
    const where = /(?:in|by|during|with|at) .*$/i.exec(m[0])![0];
    push({ start, end, kind: 'passiveJudgment', phrase: m[0], rewrites: [{ titleId: 'fixNotCaught', start, end, newText: `was not caught ${where}; nothing there pointed to it` }] });
  }
  for (const m of has('have been') ? text.matchAll(PASSIVE_RUSHED) : []) {
    const start = m.index!;
    const end = start + m[0].length;
    push({ start, end, kind: 'passiveJudgment', phrase: m[0], rewrites: [{ titleId: 'fixConditions', start, end, newText: 'went ahead before the process had checked it' }] });
  }
  for (const m of has('overlooked') ? text.matchAll(OVERLOOKED) : []) {
    const start = m.index!;
    const end = start + m[0].length;
    const plural = /^(?:were|have been)/i.test(m[0]);
    push({ start, end, kind: 'passiveJudgment', phrase: m[0], rewrites: [{ titleId: 'fixSignal', start, end, newText: plural ? 'did not stand out enough to be noticed' : 'did not stand out enough to be noticed' }] });
  }
  for (const m of has('mistake', 'oversight', 'blunder') ? text.matchAll(MISTAKE_IS) : []) {
    push({ start: m.index!, end: m.index! + m[0].length, kind: 'passiveJudgment', phrase: m[0], rewrites: [] });
  }

  findJapanese(text, c, push);

  for (const g of findGrammarBlame(text, { sentenceAt, caseLike, names: lex.nameSet, jaPerson: c.jaPerson, personal: lex.personal })) push(g);

  const kept = dedupe(out).filter((m) => !allowed(text, m, lex.allowed));
  return kept;
}

const JA_HUMAN_ERROR = /人為的(?:な)?ミス|人的ミス|人為ミス|ヒューマンエラー|ヒューマンミス|操作ミス|作業ミス|オペミス|オペレーションミス/g;
const JA_PREVENTED = /^(?:を|の)?(?:防|防止|減ら|削減|排除|回避|避け|起こりにく|起きにく|余地|リスク|対策|発生を防|を未然|が起きても|が起こっても|に強い|が発生しにく)|^(?:は|が)(?:必ず|いつか|常に|どうしても|一定の確率で)?(?:発生する|起きる|起こる|起こりうる|起こり得る|ありうる|あり得る|避けられない|ゼロにできない|なくならない)|^を前提|^(?:は|が)起こる(?:もの|という)|^(?:が|は)発生しても/;
/** A slip a design lets through, in the present (「操作ミスが即実行に直結」「人為的ミスがそのまま本番に影響する構造」): the design is the subject, not a cause of this incident. */
const JA_EXPOSED = /^(?:が|は)(?:そのまま|即座?に?|直ちに|すぐに?)?[^。、]{0,16}?(?:直結|(?:つな|繋)がる|影響する|反映される)(?!した)/;
const JA_PUNISHED = /(?:を|に対し(?:て)?)(?:懲戒|減給|譴責|戒告|訓戒|厳重注意|処分)/g;
const JA_NEGLECT = /怠[っりらるれ]|怠慢|不注意|落ち度|うっかり/g;
const JA_SENTENCE_CF = /(?:す|する)?べき(?:問題|こと|もの|点|ところ|作業|手順)?(?:だった|であった|でした)/g;
const JA_FORGOT = /忘れ(?:た|て|ていた|ました|ており|てしまった)/g;
const JA_CONFIRM = /確認不足/g;

function jaSentence(text: string, at: number, end: number): [number, number] {
  return sentenceAt(text, at, end);
}

function findJapanese(text: string, c: Compiled, push: (m: BlameMatch) => void): void {
  if (!hasJapanese(text)) return;
  for (const m of text.matchAll(JA_HUMAN_ERROR)) {
    const start = m.index!;
    const end = start + m[0].length;
    if (JA_PREVENTED.test(text.slice(end, end + 8)) || JA_EXPOSED.test(text.slice(end, end + 28))) continue;
    push({ start, end, kind: 'jaHumanError', phrase: m[0], rewrites: [{ titleId: 'fixJaUnguarded', start, end, newText: '誤りを防ぐ仕組みのない手作業' }] });
  }
  for (const m of text.matchAll(c.jaPersonFault)) {
    const start = m.index!;
    const end = start + m[0].length;
    if (JA_PREVENTED.test(text.slice(end, end + 8))) continue;
    const fault = m.groups!.fault;
    const newText = fault === '確認不足' ? '確認手順の不足' : fault === 'せい' ? '手順上の穴のため' : '誤りを防ぐ仕組みがなかったこと';
    const rewrites: Rewrite[] = fault === 'せい' ? [{ titleId: 'fixJaUnguarded', start, end: end + (text.slice(end, end + 1) === 'で' ? 1 : 0), newText: '手順上の穴のため' }] : [{ titleId: 'fixJaUnguarded', start, end, newText }];
    push({ start, end, kind: 'jaPersonFault', phrase: m[0], rewrites });
  }
  for (const m of text.matchAll(JA_PUNISHED)) {
    // A person the report punishes (「担当マネージャーを懲戒に付し」): the analysis ends at that person.
    // The person is the word right before the particle, found in a short window.
    const at = m.index!;
    const from = Math.max(0, at - 24);
    let start = -1;
    for (let k = from; k < at && start < 0; ) {
      const pm = c.jaPerson.exec(text.slice(k, at));
      if (!pm) break;
      if (k + pm.index + pm[0].length === at) start = k + pm.index;
      else k += pm.index + 1;
    }
    if (start < 0) continue;
    const end = at + m[0].length;
    push({ start, end, kind: 'jaPersonFault', phrase: text.slice(start, end), rewrites: [] });
  }
  for (const m of text.matchAll(JA_NEGLECT)) {
    const start = m.index!;
    const end = start + m[0].length + (m[0].startsWith('怠') && m[0] !== '怠慢' ? (/^(?:た|て|ていた|ており|ていました)/.exec(text.slice(start + 2))?.[0].length ?? 0) : 0);
    const [ss, se] = jaSentence(text, start, end);
    const rewrites: Rewrite[] = [];
    if (m[0].startsWith('怠') && m[0] !== '怠慢') {
      // 「〇〇が△△を怠った」 -> 「△△が実施されなかった（手順上それを求める仕組みがなかった）」
      const sentence = text.slice(ss, se);
      const wo = sentence.lastIndexOf('を', start - ss);
      const subj = /^(.*?)(?:が|は)/.exec(sentence.slice(0, Math.max(0, wo)));
      const objFrom = subj ? ss + subj[0].length : ss;
      const object = wo >= 0 ? text.slice(objFrom, ss + wo) : '';
      const tail = /^[っりらるれ](?:た|て|ていた|ており|ていました)?/.exec(text.slice(start + 1))?.[0] ?? '';
      if (object) rewrites.push({ titleId: 'fixJaNotDone', start: ss, end: start + 1 + tail.length, newText: `${object}が実施されなかった（手順上それを求める仕組みがなかった）` });
    } else if (m[0] === '不注意') {
      rewrites.push({ titleId: 'fixJaEasyToMiss', start, end, newText: '見落としやすい状況' });
    } else if (m[0] === 'うっかり') {
      rewrites.push({ titleId: 'fixRemoveWord', start, end, newText: '' });
    }
    push({ start, end, kind: m[0].startsWith('怠') || m[0] === '落ち度' ? 'jaNeglect' : 'jaJudgment', phrase: text.slice(start, end), rewrites });
  }
  const personBefore = (ss: number, at: number) => {
    const before = text.slice(ss, at);
    const pm = new RegExp(`(${c.jaPerson.source})(?:が|は|も)`, 'u').exec(before);
    return pm ? { start: ss + pm.index, end: ss + pm.index + pm[0].length } : undefined;
  };
  for (const m of text.matchAll(JA_SENTENCE_CF)) {
    const start = m.index!;
    const end = start + m[0].length;
    const [ss] = jaSentence(text, start, end);
    const p = personBefore(ss, start);
    if (!p) continue;
    // 「田中さんは事前に確認すべきだった」 -> 「事前に確認する手順がなかった」
    const action = text.slice(p.end, start).trim();
    const rewrites: Rewrite[] = action ? [{ titleId: 'fixJaNoProcedure', start: p.start, end, newText: `${action}${/(?:す|する)$/.test(action) ? '' : 'する'}手順がなかった` }] : [];
    push({ start: p.start, end, kind: 'jaCounterfactual', phrase: text.slice(p.start, end), rewrites });
  }
  for (const m of text.matchAll(JA_FORGOT)) {
    const start = m.index!;
    const end = start + m[0].length;
    const [ss] = jaSentence(text, start, end);
    const p = personBefore(ss, start);
    if (!p) continue;
    const between = text.slice(p.end, start);
    const object = between.replace(/(?:を|の)$/, '').trim();
    const rewrites: Rewrite[] = object ? [{ titleId: 'fixJaNotDone', start: p.start, end, newText: `${object}が実施されなかった（手順上それを求める仕組みがなかった）` }] : [];
    push({ start: p.start, end, kind: 'jaForgot', phrase: text.slice(p.start, end), rewrites });
  }
  for (const m of text.matchAll(JA_CONFIRM)) {
    const start = m.index!;
    const end = start + m[0].length;
    const [ss, se] = jaSentence(text, start, end);
    if (!c.jaPerson.test(text.slice(ss, se))) continue;
    push({ start, end, kind: 'jaJudgment', phrase: m[0], rewrites: [{ titleId: 'fixJaUnguarded', start, end, newText: '確認手順の不足' }] });
  }
}

/** Overlapping matches: keep the earliest, then the longest. */
function dedupe(ms: BlameMatch[]): BlameMatch[] {
  ms.sort((a, b) => a.start - b.start || b.end - a.end);
  const out: BlameMatch[] = [];
  for (const m of ms) {
    const last = out[out.length - 1];
    if (last && m.start < last.end) continue;
    out.push(m);
  }
  return out;
}

function allowed(text: string, m: BlameMatch, terms: string[]): boolean {
  if (!terms.length) return false;
  const lower = text.toLowerCase();
  for (const t of terms) {
    for (let i = lower.indexOf(t); i >= 0; i = lower.indexOf(t, i + 1)) {
      if (i < m.end && m.start < i + t.length) return true;
    }
  }
  return false;
}
