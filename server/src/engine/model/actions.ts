// Pass: action items. Tables with action columns (anywhere, or any table in the Action Items
// section), list items in that section, and items nested under a bold-label section.
import type { Cell, ListItem, TableRow } from '../scan';
import { ACTION_COLUMNS, normalizeColumn, type ActionColumn } from '../vocabulary';
import { headingDeadline as deadlineOfHeading, listDeadline } from '../due';
import type { ActionItem, ActionItems, ActionSentence, PassInput, Section, Timeline } from './types';
import { DONE_STATUS, childrenOf, hasJapanese, inSection, lineRange, mapColumns, topLevel } from './queries';
import { nameLine, type NameLine } from './sections';

const DONE_HEADING = /\b(?:completed?|done|taken|finished|applied|landed|already (?:done|fixed))\b|完了|実施済|対応済|反映済|導入済|適用済|実装済|で着地|着地済|(?:✅|✔️?|☑️?)\s*$/i;
/** Words that put the work still ahead, whatever done-word follows: "Steps to be taken", "Next steps to be completed", "Not yet done", 未完了. */
const NOT_DONE_YET = /\b(?:to be|will be|must be|should be|shall be|needs? to be|yet to be|not yet|being|pending|to ?do)\b|未完了|未実施|未対応|予定/i;

/** Whether a heading or label says the work under it is done. */
function saysDoneHeading(text: string, section: boolean): boolean {
  return (section ? DONE_SECTION_HEADING : DONE_HEADING).test(text) && !NOT_DONE_YET.test(text);
}
/**
 * An action section's own heading that marks what it holds as done: "## Remediation (completed)",
 * "## Fixes ✅", 「## 再発防止策（対応済み）」. Stricter than a sub-heading's words: "What is being done
 * about it" names the section, and a check mark before the words ("## ✅ Action Items") is decoration.
 */
const DONE_SECTION_HEADING = /[(（[]\s*(?:done|completed?|finished|implemented|完了|実施済み?|対応済み?)\s*[)）\]]|\b(?:actions?|steps|measures|mitigations?|remediations?)\s+(?:taken|performed|implemented|completed)\b|[-–—:]\s*(?:done|completed?)\s*$|^(?:completed|done)\b|(?:✅|✔️?|☑️?)\s*$|完了|実施済|対応済|反映済|導入済|適用済|実装済/i;
/**
 * An action section named "Mitigations": mostly what was done to mitigate ("Rolled back the deploy",
 * "We added a canary"), with the work still planned beside it ("We will add ...", "Add ..."). Each
 * item is done unless its own words plan work (under an action section, "### Mitigation" is a kind
 * of work still to do, and is not this).
 */
const MITIGATIONS_HEADING = /\bmitigations?\s*$/i;
/**
 * Work the writers take on, after its subject: "we'll", "we will", "we intend to", "we need to", "we
 * must", "we are committed to". One vocabulary for an item that plans work (PLANNED) and for a
 * commitment in prose (COMMITMENT).
 */
const WILL_DO = String.raw`(?:['’]ll|\s+(?:will|shall|must|should)|\s+(?:intend|plan|need)\s+to|(?:\s+(?:are|am)\s+|['’](?:re|m)\s+)(?:planning|going|(?:(?:fully|firmly|deeply)\s+)?(?:committed|determined)|working(?:\s+(?:hard|diligently|actively|closely))?)\s+to|\s+commit\s+to)\b`;
/** Work still ahead in an item's own words: a future ("We will add ...", "Will add ..."), or an imperative ("Add a canary"). */
const PLANNED = new RegExp(String.raw`^(?:(?:we|i|the (?:\w+ )?team|they)${WILL_DO}|will\s+[a-z])`, 'i');
const IMPERATIVE = /^(?:add|create|implement|introduce|build|write|document|set up|configure|enable|automate|migrate|upgrade|review|audit|investigate|improve|establish|define|ensure|deploy|extend|increase|reduce|replace|rotate|schedule|publish|require|limit|restrict|alert|monitor|refactor|adopt|evaluate|explore|provide|separate|split|prevent|verify|validate)\s+(?!(?:was|were|is|are|has|have|had)\b)/i;

/** Whether an item's own words plan work still ahead. */
export function plansWork(text: string): boolean {
  const t = text.replace(/^\s*(?:[-*+]|\d+[.)])\s+/, '').replace(/[*_`]/g, '').trim();
  return !saysDone(t) && (PLANNED.test(t) || IMPERATIVE.test(t));
}

/** A paragraph that is only a label saying what follows is done: `**Completed:**`, `**Actions taken:**`, `Done:`, `【実施済み】`. */
const DONE_LABEL = /^(?:(?:\*\*|__)([^*_:：]{2,40}?)[:：]?(?:\*\*|__)[:：]?|[【[]([^\]】]{2,40})[】\]][:：]?|([^*_:：]{2,40}?)[:：])\s*$/;
/**
 * Work reported as done in the item's own words: "We added ...", "The job was moved ...",
 * "Added an alert ...", "(done)", 〜しました / 対応済み.
 */
const PAST_SUBJECT = /^(?:we|i|the (?:\w+ )?team|they|[A-Z][\w-]+ team)(?:['’]ve|['’]d|\s+have|\s+has|\s+had)?\s+(?:(?:now|already|since|also|then|\w+ly|for (?:several|many|a few|some|\d+) (?:years|months|weeks))\s+)*(?:(?![a-z]*eed\b)[a-z]{3,}ed|set up|wrote|rewrote|built|made|put|ran|took|shut down|cut|brought|began|sent|gave|found|kept|spun up)\b/i;
const PASSIVE = /^(?:the|this|that|these|those|our|its|their|a|an|all|each|every|both|`[^`]+`)\b[^.;]{0,80}?\b(?:was|were|has been|have been|is now|are now)\s+(?:now\s+|already\s+)?(?:[a-z]{3,}ed|set up|built|rewritten|written|made|put|shut down|taken|done)\b/i;
// "Set up" and "reset" are left out: an item starting with them is far more often the imperative
// ("Set up an alert on queue depth") than a report of work done.
const PAST_VERB = /^(?:added|fixed|removed|enabled|disabled|deployed|rolled back|migrated|upgraded|increased|raised|reduced|lowered|implemented|created|wrote|documented|moved|switched|revoked|rotated|released|merged|shipped|replaced|configured|introduced|patched|reverted|deleted|published|updated|changed|completed|finished|resolved|restored|installed|tightened|disabled|blocked|downgraded|hardened|refactored|renamed|pinned|bumped|tuned|adjusted|scrubbed|regenerated|rebuilt|rewrote)\b/i;
/** An effort, not a result: a subject, a verb of trying or working together, its partner, then "to" + verb. */
const EFFORT = /^(?:we|i|the (?:\w+ )?team|they|[A-Z][\w-]+ team) (?:(?:also|then|have|has|had) )?(?:worked|tried|attempted|sought|began|started|aimed|planned|intended|wanted|hoped|partnered|collaborated|engaged|reached out|met|talked|spoke)(?: (?:with|to)(?: (?!to\b)[\w'’-]{1,30}){1,6})? to (?!(?:the|a|an|our|their|its|this|that)\b)[a-z]/i;
const DONE_MARK = /\((?:[Dd]one|[Cc]ompleted?|[Ff]ixed|[Ss]hipped|[Mm]erged|[Rr]esolved)\b[^()]{0,40}\)|\[(?:[Dd]one|DONE|[Cc]ompleted?|COMPLETED?|[Ff]ixed|[Rr]esolved)\]\s*$|^(?:[Dd]one|DONE|[Cc]ompleted|[Ff]ixed)\s*[:：]|[-—–:]\s*(?:[Dd]one|DONE|[Cc]ompleted|[Ff]ixed|[Rr]esolved)\.?$|\b[Ss]tatus\s*[:=]\s*(?:[Dd]one|[Cc]ompleted?|[Cc]losed|[Ff]ixed|[Rr]esolved)\b|[(（](?:対応済み?|実施済み?|完了|済み?)[)）]|\bDONE\b|✅|✔|☑|\b(?:has|have) already been (?:done|completed|implemented|fixed|addressed)\b/;
/** A fact about the past that did not hold: "X didn't have ...", "Y only had partial coverage", "Z never had a test", 「…がなかった」. */
const FINDING = /\b(?:didn['’]t|did not|wasn['’]t|was not|weren['’]t|were not|hadn['’]t|had not|never (?:had|was|were|did)|only had|had no|lacked)\b|(?:なかった|いなかった)[。.]?$/i;
/** A Japanese line naming a piece of work in the noun form of doing it, as a report of what was built: 「…を実装」「…を導入」. */
const JA_DONE_NOUN = /を(?:実装|導入|追加|設定|作成|構築|整備)$/;
/** "Already added the fix ...", "Already run the script ...". */
const ALREADY = /^already\s+(?:[a-z]{3,}ed|run|done|built|made|set up|written|sent|taken|put|shut down|rolled back)\b/i;
const PAST_JA = /(?:しました|ました|した|済み?|完了(?:しています)?|実施済み?|対応済み?|解決済み?)[。.]?\s*$/;

/** A kind of measure with nothing to do, as a notice's list states it: 「恒久対応: 不要。」, "Permanent fix: none needed". */
const NOTHING_TO_DO = /^[^:：]{1,24}[:：]\s*(?:不要|なし|無し|特になし|n\/a|none(?: needed)?|not (?:needed|required|applicable))[。.]?$/i;

/** Work decided against, which nobody is to do: "... it was rejected due to workflow concerns", "We decided not to ...", 「採用見送り」. */
const DECIDED_AGAINST = /\b(?:was|were|has been|have been) (?:rejected|declined|dropped)\b|\bdecided (?:not to|against)\b|見送(?:り|った|る|ります|りました)|不採用/i;

/** True when an action's own words say the work is done. */
export function saysDone(text: string): boolean {
  const t = text.replace(/^\s*(?:[-*+]|\d+[.)])\s+/, '').replace(/[*_`]/g, '').trim();
  if (!t) return false;
  if (DONE_MARK.test(t) || NOTHING_TO_DO.test(t) || DECIDED_AGAINST.test(t) || PAST_JA.test(t.replace(/[(（][^()（）]{0,40}[)）]$/, '').trim())) return true;
  // "Created a ticket to ..." tracks the work; it does not do it.
  if (/^(?:\w+\s+)?(?:created|opened|filed|raised)\s+(?:an?\s+)?(?:ticket|issue|jira|card|task|bug)\b/i.test(t)) return false;
  // "We worked with our provider to adjust ...", "We tried to ...", "The team began to ...": the past
  // tense tells of an effort; what was to come of it is the infinitive, which does not say it exists.
  if (EFFORT.test(t)) return false;
  return PAST_SUBJECT.test(t) || PAST_VERB.test(t) || PASSIVE.test(t) || ALREADY.test(t);
}
/** A priority written in a list item: "P1", "[P2]", "Priority: high", "(High)", 「優先度: 高」. */
const LIST_PRIORITY = /\b(P[0-4])\b|\bpriority\s*[:=]\s*([\w-]+)|[([](critical|high|medium|low)[)\]]|(?:\*\*|__)(critical|high|medium|low)(?:\*\*|__)|優先度\s*[:：]\s*([^\s,;、。)）]+)/i;
const LIST_OWNER = /(?:\b(?:owner|assignee|assigned to|dri)\s*[:=]\s*|担当(?:者)?\s*[:：]\s*)((?:[^,;()（\]|、，。）.—]|\.(?!\s|$))+)|(@[A-Za-z0-9][\w-]*(?:\/[\w-]+)?)/i;
/**
 * Owners named in parentheses at the end of an item, the way a meeting's follow-up list is written:
 * "More descriptive logs (Hazal)", "Fake drills (Scott/Paul)", "Rotate the keys (Ana Lima, Bo)".
 * Given names in title case only; a status or priority word in their place is not a person.
 */
const TRAILING_OWNER = /\(\s*([A-Z][a-z]+(?:[ -][A-Z][a-z]+)?(?:\s*(?:\/|,|&|\band\b)\s*[A-Z][a-z]+(?:[ -][A-Z][a-z]+)?){0,3})\s*\)[.;]?\s*$/;
const NOT_AN_OWNER = /^(?:done|completed?|finished|fixed|closed|resolved|open|optional|required|urgent|critical|high|medium|low|blocked|ongoing|pending|planned|proposed|stretch|todo|later|maybe|draft|wip|short-term|long-term|mid-term|immediate|soon|tbd|tba|none|unassigned|unknown|someone|anyone|everyone|all|team|see below|see above)$/i;

/**
 * The owners an item names in parentheses at its end, and where the parenthesis opens; undefined when
 * it names none. The one reading of "who is named at the end": the model takes them as the item's
 * owner, vague-action leaves them out of what the item is about.
 */
export function ownersAtEnd(text: string): { owners: string; index: number } | undefined {
  const m = TRAILING_OWNER.exec(text);
  if (!m) return undefined;
  const names = m[1].split(/[/,&]|\band\b/);
  return names.some((n) => NOT_AN_OWNER.test(n.trim())) ? undefined : { owners: m[1], index: m.index };
}
/** The next field's label after an owner written without a separator: "担当: SRE 期限: 4月末". */
const NEXT_LABEL = /\s(?:期限|優先度|due\b|deadline\b|priority\b|eta\b)/i;

/**
 * A sub-heading whose lists are not the team's work: for readers (instructions, resources, links,
 * releases, workarounds: "## Client Releases and Resources", "### Useful links", 「参考リンク」), or
 * describing something (the steps of an algorithm or of how a thing works now, pros and cons,
 * alternatives weighed: "### High-level steps of the current `commit` algorithm", "##### Cons").
 */
const ASIDE_HEADING = /\b(?:instructions?|how[- ]to|resources|useful links|links|references|further reading|releases|downloads|workarounds?|faq|steps of|(?:current|existing|old|previous) (?:[\w`-]+ ){0,2}algorithms?|how (?:it|\w+) works|pros|cons|trade-?offs|(?:possible |other )?alternatives?|options considered)\b|参考|リンク|関連資料/i;
/**
 * A sub-heading over a procedure for the reader to follow, when its list is numbered: setting up a
 * tool (「Visual Studio での設定」, 「設定方法」, 「設定手順」, 「手順」, "Setting up the CLI", "Steps to configure
 * ...", "Steps to reproduce"). Numbered steps there are instructions, not the team's work; "監視設定の追加"
 * or "Steps to prevent a recurrence" are.
 */
const PROCEDURE_HEADING = /(?:で|における|での)の?設定$|設定(?:方法|手順)|手順$|\bsteps to (?:reproduce|configure|set up|install|enable|disable|recover|upgrade your|update your)\b|\b(?:setting up|configuring|installing) (?:the |your )?[\w.-]+$/i;
/**
 * A sub-heading or label over a list that is not tasks: a checklist's entries ("### Migration Review
 * Checklist", 「手動確認チェックリスト」), what to verify and how (「【検証手順（Windows）】」,
 * 「**24時間後に確認すべきこと**:」), the files concerned (「【関連ファイル】」), trade-offs weighed
 * (「**トレードオフ**:」). Read without a closing note in brackets or a colon.
 */
const NOT_TASKS_NAME = /(?:\bchecklists?|チェックリスト|検証(?:手順|方法)|確認(?:手順|方法)|確認すべきこと|関連ファイル|トレードオフ|\bverification steps|\bhow to verify|\b(?:categor(?:y|ies)|columns?|fields?|priorit(?:y|ies)|status(?:es)?|types?|labels?|tags?) (?:descriptions?|definitions?|meanings?|legend|key)|\blegend|\bglossary|\bdefinitions|凡例|(?:カテゴリー?|分類|種別|区分|列|項目|優先度|ステータス|ラベル)の?(?:説明|定義|意味))$/i;
function namesNotTasks(text: string): boolean {
  let t = text.replace(/[*_`]/g, '').trimEnd();
  if (t.endsWith(':') || t.endsWith('：')) t = t.slice(0, -1).trimEnd();
  // A closing note in brackets: 「検証手順（Windows／PowerShell）」.
  const open = t.endsWith(')') || t.endsWith('）') ? Math.max(t.lastIndexOf('('), t.lastIndexOf('（')) : -1;
  if (open >= 0 && t.length - open <= 42) t = t.slice(0, open).trimEnd();
  return NOT_TASKS_NAME.test(t);
}
/** A paragraph that opens instructions to readers ("Instructions for how to disable ...", "Steps to recover:"): what follows up to the next heading is for them. */
const ASIDE_OPENER = /^(?:\*\*|__)?(?:instructions\b|steps to\b|how to\b)/i;
/** Who a sentence tells to do something ("Node operators", "Users", "you"), and what it tells them ("should", "must"). */
const READER_WHO = /\b(?:operators?|users?|customers?|readers?|you|node runners?|administrators?|admins?)\b/i;
const READER_VERB = /\b(?:should|must|need to|can|are (?:asked|advised|encouraged) to)\b/i;

/** A paragraph that introduces the next list as what readers should do: "Holesky operators should now:", "Users must:", "Please:", "If you run a node, then:". */
function introducesReaderSteps(text: string): boolean {
  const t = text.trimEnd();
  if (!t.endsWith(':') && !t.endsWith('：')) return false;
  if (/^(?:please|if you)\b/i.test(t)) return true;
  const tail = t.slice(-160);
  const who = READER_WHO.exec(tail);
  return !!who && READER_VERB.test(tail.slice(who.index + who[0].length, who.index + who[0].length + 50).split(/[.:：]/)[0]);
}

/**
 * A label over a list naming who does what follows, the way Japanese notices split their measures
 * by party (「【支部】」「【健診機関】」「**委託先**:」) or a list is split by team ("**Platform team:**").
 */
const OWNER_LABEL = /(?:支部|本部|支社|支店|部|課|室|局|機関|センター|チーム|グループ|班|委託先|事業者|会社)$|\bteam$/i;

/** The party a label paragraph names as doing the items under it (up to the next heading or label). */
export function labelOwner(line: string): string | undefined {
  const m = DONE_LABEL.exec(line.trim());
  if (!m) return undefined;
  const label = (m[1] ?? m[2] ?? m[3]).replace(/[*_`]/g, '').trim();
  return label.length <= 20 && OWNER_LABEL.test(label) && !/[、。,.]/.test(label) ? label : undefined;
}

/** The first column of a table of past events: when each happened. */
const HISTORY_COLUMN = /^(?:date|day|when|time|日付|日時|発生日|時刻)$/;

export interface ActionsInput {
  section?: Section;
  /** Later action sections of the report (heading sections only). */
  more?: Section[];
  /** The innermost known section at a line: lists of another kind nested in the section are not action items. */
  sectionAt?: (line: number) => Section | undefined;
  /** The timeline: its tables are not action tables, and lists in its section are its own. */
  timeline: Timeline;
}

/**
 * Which parts of the action section say their work is done, read heading by heading: a done
 * sub-heading ("### Completed", "Immediate actions (completed)") marks what is under it, deeper
 * headings included, up to the next heading at its level or above; a label paragraph
 * ("**Actions taken:**", 「…を実装：」) marks what follows it, up to the next heading.
 */
export class DoneScope {
  /** Whether what comes next is done. */
  done = false;
  private level: number | undefined;
  /** Under a "Mitigations" section: done unless an item's own words plan work. */
  private unlessPlanned = false;
  private byLabel = false;

  /** A heading: `inActions` when it is inside an action section, `actionHeading` when it is one's own heading. */
  heading(level: number, text: string, inActions: boolean, actionHeading: boolean): void {
    if (this.level !== undefined && level <= this.level) this.level = undefined;
    const mitigations = !inActions && actionHeading && MITIGATIONS_HEADING.test(text) && !NOT_DONE_YET.test(text);
    const marks = inActions ? saysDoneHeading(text, false) : actionHeading && (saysDoneHeading(text, true) || mitigations);
    if (marks && this.level === undefined) {
      this.level = level;
      this.unlessPlanned = mitigations;
    }
    this.done = this.level !== undefined;
    this.byLabel = false;
  }

  /** Whether an item here is done: under a done heading or label, unless a "Mitigations" section's item plans work. */
  itemDone(text: string): boolean {
    return this.done && !(this.unlessPlanned && !this.byLabel && plansWork(text));
  }

  /** A one-line paragraph in the action section: a label saying what follows is done, or naming one piece of work done, with its scope in the list below (「…に自動チェック機能を実装：」, "We added a pre-commit hook that:"). */
  label(line: string): void {
    const m = DONE_LABEL.exec(line.trim());
    const label = m ? (m[1] ?? m[2] ?? m[3]).trim() : '';
    if (!m) return;
    this.done = saysDoneHeading(label, false) || (!!m[3] && (saysDone(label) || JA_DONE_NOUN.test(label)));
    // A label decides for all that follows it, whatever each item's words.
    this.byLabel = true;
  }
}

/** The deadline a sub-heading of the action section states ("Long-term (Q3)", 「中期（1ヶ月以内）」) for the items under it, up to the next heading at its level or above. */
export class DeadlineScope {
  deadline: string | undefined;
  private level: number | undefined;

  heading(level: number, text: string, applies: boolean): void {
    if (this.level !== undefined && level <= this.level) this.level = this.deadline = undefined;
    const stated = applies ? deadlineOfHeading(text) : undefined;
    if (stated) {
      this.deadline = stated;
      this.level = level;
    }
  }
}

/**
 * Lists for readers, not the team's work: under an aside sub-heading (to the next heading at its
 * level), after a paragraph opening instructions (to the next heading), or right after a sentence
 * telling readers what to do.
 */
export class AsideScope {
  private level: number | undefined;
  /** Under a procedure's heading: its numbered lists are for readers. */
  private procedure: number | undefined;
  private text = false;
  private next = false;
  /** After a label paragraph naming what is not tasks (a checklist, trade-offs), up to the next label or heading. */
  private label = false;

  /** A block of the report, in order: whether it is an aside. `numbered` for a list with numbers for markers. */
  at(kind: string, inActions: boolean, text: string, level = 1, numbered = false): boolean {
    if (kind === 'heading') {
      if (this.level !== undefined && level <= this.level) this.level = undefined;
      if (this.procedure !== undefined && level <= this.procedure) this.procedure = undefined;
      if (inActions && this.level === undefined && (ASIDE_HEADING.test(text) || namesNotTasks(text))) this.level = level;
      this.label = false;
      if (inActions && this.procedure === undefined && PROCEDURE_HEADING.test(text.trim())) this.procedure = level;
      this.text = this.next = false;
    }
    if (inActions && kind === 'paragraph') {
      const m = DONE_LABEL.exec(text.trim());
      if (m) this.label = namesNotTasks(m[1] ?? m[2] ?? m[3]);
    }
    const aside = this.level !== undefined || this.text || this.next || this.label || (kind === 'list' && numbered && this.procedure !== undefined);
    if (kind !== 'heading') this.next = false;
    if (inActions && kind === 'paragraph') {
      if (ASIDE_OPENER.test(text)) this.text = true;
      this.next = introducesReaderSteps(text);
    }
    return aside;
  }
}

export function readActionItems({ lines, blocks }: PassInput, { section: aiSection, more = [], sectionAt, timeline }: ActionsInput): ActionItems {
  const actionItems: ActionItems = { section: aiSection, tables: [], items: [], lists: [], sentences: [], pledges: [] };
  const timelineTables = new Set(timeline.tables.map((t) => t.block));
  const actionHeadings = new Set([aiSection, ...more].filter((s): s is Section => !!s && s.level < 7).map((s) => s.headingBlock));
  const doneScope = new DoneScope();
  const deadlineScope = new DeadlineScope();
  const asideScope = new AsideScope();
  const actionSections = [aiSection, ...more].filter((s): s is Section => !!s);
  const inActionLines = (l: number) => actionSections.some((s) => l >= s.headingLine && l <= s.endLine);
  // The short values of the report's tables ("Prevent", 「恒久」), in lower case: what a legend list may define.
  let values: Set<string> | undefined;
  const tableValues = () => (values ??= new Set(blocks.flatMap((t) => (t.kind === 'table' && t.rows ? t.rows.flatMap((r) => r.cells.map((c) => plainTerm(c.text)).filter((v) => v && v.length <= 30)) : []))));
  // Under a sub-heading that is an item itself ("### 2) Verify cron is running"), a paragraph explains that item.
  let itemHeading = false;
  // The party a label above names as doing the items under it.
  let partyOwner: string | undefined;
  blocks.forEach((b, bi) => {
    const inActions = inSection(aiSection, bi) || more.some((s) => inSection(s, bi));
    const text = b.kind === 'heading' ? b.headingText ?? '' : b.kind === 'paragraph' ? lines.slice(b.startLine, b.endLine + 1).join(' ').trim() : '';
    if (b.kind === 'heading') {
      const level = b.level ?? 1;
      doneScope.heading(level, text, inActions, actionHeadings.has(bi));
      deadlineScope.heading(level, text, inActions || actionHeadings.has(bi));
      partyOwner = undefined;
      itemHeading = inActions && /^\s*(?:\d{1,2}[.)]|[A-Z][A-Z0-9]*-\d+\b|(?:action|item|ai)\s*#?\d)/i.test(text);
    }
    const aside = asideScope.at(b.kind, inActions, text, b.level, !!b.items && /\d/.test(b.items[0]?.marker ?? ''));
    if (inActions && b.kind === 'paragraph' && b.startLine === b.endLine) {
      doneScope.label(lines[b.startLine]);
      if (DONE_LABEL.test(lines[b.startLine].trim())) partyOwner = labelOwner(lines[b.startLine]);
    }
    const doneHere = doneScope.done;
    const headingDeadline = deadlineScope.deadline;
    // A list or table that belongs to another section nested in this one (a "Lessons learned:" label) is not action items.
    const owner = sectionAt?.(b.startLine);
    if (inActions && owner?.kind && owner.kind !== 'action-items' && !owner.also?.includes('action-items')) return;
    if (b.kind === 'table' && b.header && b.rows) {
      if (timelineTables.has(bi)) return;
      const acols = mapColumns(b.header, ACTION_COLUMNS);
      const shaped = acols.action !== undefined && (acols.owner !== undefined || acols.deadline !== undefined);
      // A table of past events under the action section (「日付 | 事象 | 共通点」, "Date | What happened") with no action column is a history, not tasks.
      const history = !Object.keys(acols).length && HISTORY_COLUMN.test(normalizeColumn(b.header.cells[0]?.text ?? ''));
      const isActions = ((inActions && !aside) || shaped) && !history;
      if (!isActions) return;
      const aIndex = actionItems.tables.length;
      if (acols.action === undefined) {
        // In the Action Items section, the widest text column is the action.
        const firstText = b.header.cells.findIndex((_, i) => !Object.values(acols).includes(i));
        if (firstText >= 0) acols.action = firstText;
      }
      actionItems.tables.push({ block: bi, columns: acols, header: b.header });
      for (const r of b.rows) {
        if (r.cells.every((c) => !c.text)) continue;
        // A line with no pipe that GFM still reads as a row ("Lesson(s) learned" right under the table) is the next part's name.
        if (!lines[r.line].includes('|')) continue;
        const get = (k: ActionColumn) => (acols[k] !== undefined ? r.cells[acols[k]!] ?? emptyCellAtEnd(r, lines) : undefined);
        actionItems.items.push({
          line: r.line,
          range: lineRange(r.line, 0, lines[r.line].length),
          kind: 'table',
          id: get('id'),
          action: get('action'),
          owner: get('owner'),
          deadline: get('deadline'),
          priority: get('priority'),
          status: get('status'),
          ticket: get('ticket'),
          row: r,
          table: aIndex,
          ...(doneScope.itemDone(get('action')?.text ?? '') ? { task: 'done' as const } : {}),
        });
      }
      return;
    }
    if (b.kind === 'paragraph' && inActions && !doneHere && !timeline.sections.some((s) => inSection(s, bi))) {
      // A notice written as one block holds its action section from a plain label line on (「4 再発防止対策」):
      // only the lines from that label down are the section's; the apology above it is not.
      if (hasJapanese(lines[b.startLine])) {
        for (let l = b.startLine; l <= b.endLine; l++) if (inActionLines(l)) actionItems.sentences.push(...commitments(lines[l], l));
      } else if (!itemHeading) actionItems.sentences.push(...englishCommitments(lines, b.startLine, b.endLine, COMMITMENT_OR_STEP));
      return;
    }
    if (b.kind === 'list' && b.items && inActions && !aside && !timeline.sections.some((s) => inSection(s, bi))) {
      // A list of findings (every item a fact about the past that did not hold: "`iasql_upgrade`
      // didn't have a formal test case at all.", 「テストがなかった。」) says what was wrong, not what to do.
      if (topLevel(b.items).every((it) => FINDING.test(textOf(lines, it)))) return;
      // A list saying what a table's values mean ("- Prevent: stops the failure from happening") is its legend.
      if (definesValues(topLevel(b.items).map((it) => textOf(lines, it)), tableValues())) return;
      actionItems.lists.push(bi);
      for (const it of topLevel(b.items)) {
        // A category label over nested items (「- スタティックPod運用」, "- Monitoring:"): the nested items are the actions.
        const kids = childrenOf(b.items, it);
        const label = kids.length && isCategoryLabel(textOf(lines, it));
        const units = label ? kids : [it];
        // A label that says its items are done ("- **Immediate actions taken**:", 「- 対応済み:」) is a done sub-heading.
        const labelDone = label && saysDoneHeading(textOf(lines, it), false);
        for (const u of units) {
          const itemText = lines.slice(u.line, u.endLine + 1).map((l, k) => (k === 0 ? l.slice(u.textStart) : l.trim())).join(' ').trim();
          const done = labelDone || doneScope.itemDone(itemText);
          const item = listItem(lines, u, itemText, textOf(lines, u), done ? 'done' : u.task);
          if (!item.listDeadline && headingDeadline) item.listDeadline = headingDeadline;
          if (!item.listOwner && partyOwner) item.listOwner = partyOwner;
          actionItems.items.push(item);
        }
      }
    }
  });

  // Action items nested under a bold-label section (`- **Review actions**:` with sub-items).
  if (aiSection?.labelItem) {
    const b = blocks[aiSection.headingBlock];
    const nested = b.items!.filter((it) => it.line > aiSection.headingLine && it.line <= aiSection.endLine && it.indent > aiSection.labelItem!.indent);
    const depth = nested.length ? Math.min(...nested.map((it) => it.indent)) : 0;
    if (nested.length) actionItems.lists.push(aiSection.headingBlock);
    for (const it of nested.filter((x) => x.indent <= depth + 1)) {
      const itemText = textOf(lines, it);
      actionItems.items.push(listItem(lines, it, itemText, itemText, it.task));
    }
  }
  // A report that states no follow-up: its promises in prose are all there is to judge.
  if (!actionItems.items.length && !actionItems.sentences.length) {
    // A notice written as one unbroken block may hold its timeline under a plain-line heading
    // (「【対応の経緯】」): its lines outside the timeline can still hold the promises.
    const inTimeline = (l: number) => timeline.sections.some((s) => l >= s.headingLine && l <= s.endLine);
    // Measures under a plain label line, and whether the notice has such a line.
    const measured: ActionSentence[] = [];
    let labelled = false;
    blocks.forEach((b, bi) => {
      if (b.kind !== 'paragraph') return;
      const text = lines.slice(b.startLine, b.endLine + 1).join('\n');
      if (!PLEDGE_HINT.test(text)) return;
      if (hasJapanese(text)) {
        // A notice written as one block may name its measures on a plain line (「5.再発防止策」「【今後の対策】」):
        // the lines under it, to the next numbered label, are its items, whatever their wording.
        let measures: NameLine | undefined;
        for (let l = b.startLine; l <= b.endLine; l++) {
          if (inTimeline(l)) continue;
          const name = nameLine(lines[l]);
          if (name?.kinds[0] === 'action-items') {
            measures = name;
            labelled = true;
            continue;
          }
          // The next part's name ends them (「6.お問い合わせ先」, 「【お問い合わせ】」); an item's number (「(1)」) does
          // not, unless the notice numbers its parts so.
          if (measures && name && name.form !== 'bare' && (name.style === measures.style || !name.itemNumber)) measures = undefined;
          if (measures) measured.push(...measureLine(lines[l], l));
          else actionItems.pledges.push(...commitments(lines[l], l).filter((s) => isJaPledge(s.text)));
        }
      } else if (timeline.sections.some((s) => inSection(s, bi))) {
        return;
      } else if (!REFERS_BACK.test(lines.slice(b.startLine, b.endLine + 1).join(' '))) {
        actionItems.pledges.push(...englishCommitments(lines, b.startLine, b.endLine, PLEDGE).filter((s) => EN_PLEDGE_AIM.test(s.text)));
      }
    });
    // With no action section, a lessons list whose items name work to do ("Better alerting on consumer
    // lag", "Add a canary stage") holds the follow-ups; what was learned ("Crash loops look like slow
    // consumers") is not work.
    if (!aiSection && sectionAt) {
      blocks.forEach((b) => {
        if (b.kind !== 'list' || !b.items || sectionAt(b.startLine)?.kind !== 'lessons-learned') return;
        for (const it of topLevel(b.items)) {
          const text = textOf(lines, it);
          if (hasJapanese(text) || saysDone(text) || !(plansWork(text) || LESSON_AS_WORK.test(text))) continue;
          actionItems.pledges.push({ text, line: it.line, start: it.textStart, end: lines[it.line].trimEnd().length });
        }
      });
    }
    // A notice that names its measures under a label: those are its follow-ups, and a promise elsewhere
    // (「今後、…速やかに再発防止対策を講じます」) points at them.
    if (labelled) actionItems.pledges = measured;
  }
  return actionItems;
}

/** A lesson told as work: a comparative or more of something ("Better alerting ...", "More testing of ..."), or a need ("Need a runbook ..."). */
const LESSON_AS_WORK = /^(?:(?:we\s+)?need(?:s)?\s+(?:to\s+|a\s+|an\s+|more\s+|better\s+)|better\s+|more\s+(?!than\b)|improved\s+|clearer\s+|faster\s+)/i;
/** The first person committing to future work: "we will", "I intend to", "we'll", "our plan is to" (an aim, "we aim to improve stability", states a purpose). */
const COMMITMENT = new RegExp(String.raw`\b(?:we|i)${WILL_DO}|\bour (?:plan|intention|next step) is to\b`, 'gi');
/**
 * A sentence that puts work ahead in the passive, with no person as its subject: "The root cause will be
 * analyzed", "Monitoring will be improved", "`pgbouncer` will also be upgraded". The start of the sentence.
 */
const FUTURE_PASSIVE = String.raw`(?<=^|[.!?]\s{1,4})(?!(?:we|i|you|they|he|she)\b)(?=(?:[A-Z]|\`)[^.!?;:,]{0,80}?\s(?:will|shall)\s+(?:also\s+|then\s+|now\s+)?be\s+(?:[a-z]{3,}ed|built|written|rewritten|made|done|taken|run|set up|put|kept|undertaken)\b)`;
/** A commitment, or a paragraph that opens with an investigation step ("Investigate why the marshaling changed."): an item written as a paragraph. */
/** Work under way, told by its doers in an action section: "We are reviewing our escalation policy", "our team is looking into ...". */
const UNDER_WAY = String.raw`\b(?:we(?:\s+are|['’]re)|i(?:\s+am|['’]m)|our team\s+is|the (?:[a-z]+ )?team\s+is)\s+(?:(?:also|now|still|currently|actively)\s+)?(?!going\b|being\b|doing\b)[a-z]{3,}ing\b`;
const COMMITMENT_OR_STEP = new RegExp(`^(?:investigate|look into|explore|research|evaluate|assess|determine|figure out|find out)\\b|${COMMITMENT.source}|${FUTURE_PASSIVE}|${UNDER_WAY}`, 'gi');
/** A promise in prose: the first person and a future, or a commitment to keep trying. */
const PLEDGE = new RegExp(String.raw`\b(?:we|i)(?:['’]ll|\s+will|\s+shall|(?:\s+are|\s+am|['’]re|['’]m)(?:\s+(?:fully|firmly|deeply))?\s+(?:committed|determined)\s+to|\s+commit\s+to|\s+intend\s+to|(?:\s+are|\s+am|['’]re|['’]m)\s+working(?:\s+(?:hard|diligently|actively|closely))?\s+to|\s+will\s+work\s+(?:hard\s+)?to)\b|${FUTURE_PASSIVE}`, 'gi');
/** What a promise in prose must be about to be a follow-up: not repeating it, trying, improving. */
const EN_PLEDGE_AIM = /\b(?:prevent|recur|happen(?:ing)? again|strive|endeavou?r|do (?:what|everything|all)|every effort|(?:our|my) (?:best|utmost)|ensure|make sure|improv|re-?enforce|reinforce|strengthen|analy[sz]|investigat|(?:review|reviewing|revisit|revisiting|re-?evaluat\w*|reassess\w*|audit|auditing)\s+(?:all\s+)?(?:of\s+)?(?:our|its|their)\b|(?:reviewed|revisited|re-?evaluated|reassessed|audited)\b)/i;
/** A paragraph that may hold a promise (a cheap test before sentences are read). */
const PLEDGE_HINT = /\b(?:we|i)(?:['’]ll| will| shall| are committed| am committed| commit| are determined| intend| are working| will work|['’]re|['’]m)\b|\b(?:will|shall) (?:also |then |now )?be \w+ed\b|努め|努力|取り組|取組|徹底|再発防止|再発の防止|講じ|注視|改善|強化|向上|全力|尽力|対策を(?:行|実施)|活か|生か|役立て|整え|目指|引き締め/i;
/** A promise that points back at measures stated elsewhere ("By implementing these measures, ...", 「上記の対策により」): those are the follow-ups. */
const REFERS_BACK = /\b(?:these|the above|the following|those) (?:measures|steps|actions|changes|items|tasks|improvements)\b|上記|以下|下記|これらの(?:対策|取り?組み|措置)/i;
/**
 * A Japanese promise to prevent a recurrence or to keep to something: 「再発防止に努めてまいります」「管理を徹底いたします」
 * 「対策を講じていきたいと考えております」; or, once service is back, to keep watching (「現在は問題なく稼働しており、
 * 引き続き…を注視しております」), or a closing promise to put the lesson to use or get ready (「今回の経験を活かしてまいります」
 * 「体制を整えてまいります」). Watching while the outage goes on (「引き続き状況を注視しております」) is a status line.
 */
const JA_PLEDGE = /(?:努め|努力|取り組|取組|徹底|図|対策を講じ|対策を(?:行|実施|進め)|改善|強化|向上)[^。]{0,14}。?$|再発(?:の)?防止|(?:対策|防止|改善)(?:に|へ)(?:全力|尽力)|(?:活か|生か|役立て|体制を整え|目指|気を引き締め)し?て(?:まいり|参り|いき|ゆき)(?:ます|たい)/u;
/** Work on the outage itself while it goes on (「復旧に努めております」「原因の調査に全力を挙げております」): a status line, not a promise. */
const JA_STATUS_EFFORT = /(?:復旧|復元|調査|究明|解明|原因の特定|対応|解消|収束)(?:作業)?(?:に|へ|を)[^。]{0,8}(?:努め|取り組|全力|尽力|進め)[^。]{0,4}(?:ております|ています|ている|ておりました)/u;
/** Service back (「現在は問題なく稼働しており」): keeping watch after it is a follow-up, not a status line. */
const JA_RECOVERED = /問題なく|正常に|復旧(?:し|いた)|安定し/u;

/** 「引き続き…を注視しております」: 注視 in the sentence's ending, after 引き続き or 今後. */
function keepsWatching(text: string): boolean {
  const i = text.lastIndexOf('注視');
  if (i < 0) return false;
  const tail = text.slice(i + 2).replace(/。$/, '');
  return tail.length <= 14 && !tail.includes('。') && /引き続き|今後/.test(text.slice(Math.max(0, i - 34), i).split('。').pop()!);
}

/** Whether a Japanese sentence is a promise in prose (JA_PLEDGE, or watching once service is back). */
function isJaPledge(text: string): boolean {
  return (JA_PLEDGE.test(text) || (keepsWatching(text) && JA_RECOVERED.test(text))) && !REFERS_BACK.test(text) && !JA_STATUS_EFFORT.test(text);
}

/**
 * The commitments of an English paragraph (lines `from..to`): each runs from its subject ("I intend
 * to ...") to the next commitment or the end of its sentence. A commitment wrapped onto the next line
 * is judged whole; its range is the part on its first line.
 */
function englishCommitments(lines: string[], from: number, to: number, marker: RegExp): ActionSentence[] {
  const text = lines.slice(from, to + 1).join('\n');
  const out: ActionSentence[] = [];
  const starts = [...text.matchAll(marker)].map((m) => m.index!);
  for (let k = 0; k < starts.length; k++) {
    const at = starts[k];
    const stop = /[.!?](?=\s|$)|[;:](?=\s)/g;
    stop.lastIndex = at;
    const sentenceEnd = stop.exec(text)?.index ?? text.length;
    // The outcome written after the sentence, in brackets: "(added Dart team members to the OWNERS file)".
    const outcome = /^[.!?]?\s*\(([^()]{3,200})\)/.exec(text.slice(sentenceEnd));
    if (outcome && saysDone(outcome[1])) continue;
    const end = Math.min(sentenceEnd, k + 1 < starts.length ? starts[k + 1] : text.length);
    // A connective that leads into the next commitment belongs to it: ", and in the longer term".
    let segment = text.slice(at, end);
    const comma = Math.max(segment.lastIndexOf(','), segment.lastIndexOf(';'));
    if (k + 1 < starts.length && comma > 0 && segment.slice(comma + 1).trim().split(/\s+/).length <= 6) segment = segment.slice(0, comma);
    if (!segment.trim() || saysDone(segment)) continue;
    const before = text.lastIndexOf('\n', at - 1);
    const line = from + (text.slice(0, at).match(/\n/g)?.length ?? 0);
    const col = at - (before + 1);
    const lineEnd = lines[line].trimEnd().length;
    out.push({ text: segment.replace(/\s+/g, ' ').trim(), line, start: col, end: Math.min(lineEnd, col + segment.length) });
  }
  return out;
}

/** Numbering before a measure written as a paragraph: 「(1)」「（２）」「①」「1.」「・」. */
const JA_NUMBERING = /^\s*(?:[(（][0-9０-９一二三四五六七八九十]{1,3}[)）]|[①-⑳]|[0-9０-９]{1,2}[.．)）、]|[・･])\s*/u;
/** A sentence that commits to work ahead, in any polite or humble form (「…いたします」「…してまいります」「…を図る」「…しない」) (or, in a sentence of its own, names measures as nouns: JA_MEASURE_NOUNS). */
const JA_COMMITS = /(?:ます|する|(?<!存在|該当|関係|影響)しない|させない|図る|行う|求める|努める|講じる|予定です|予定|とする|こととします|ものとします|所存(?:です|でございます|であります))$/u;
/** A plan to think again only if something changes (「共有 DB に同居する構成へ変わる場合は再検討する」): a contingency, not work to do. */
const JA_IF_CHANGED = /(?:場合|際|とき|時)(?:は|には)[、，]?[^。]{0,20}(?:再検討|再考|見直|検討)(?:する|します|いたします)$/;
/**
 * A promise followed by a plea for the reader's patience (「…対策を行ってまいりますので、何卒ご容赦くださいますよう、
 * お願い申し上げます」): the promise is the clause before 「ので」.
 */
const JA_PROMISE_THEN = /(?:ます|所存です|所存でございます)ので[、，]/u;
const JA_PLEA = /お願い(?:申し上げ|いたし|致し)|願い上げ|賜りますよう|くださいますよう|くださいませ/u;

/** Where the plea after a promise starts (at 「ので」), or -1. */
function pleaAt(text: string): number {
  const m = JA_PROMISE_THEN.exec(text);
  if (!m) return -1;
  const at = m.index + m[0].length - 3;
  return JA_PLEA.test(text.slice(at)) ? at : -1;
}
/** Measures named as nouns in a sentence of their own (「…の見直し、…研修の実施。」); a numbered title line over a paragraph is a label. */
const JA_MEASURE_NOUNS = /(?:[のを](?:実施|実行|推進)|の(?:見直し|強化|徹底))$/u;
/** A sentence that introduces what follows (「以下の対策を実施します」): the measures are below it. */
const JA_INTRODUCES = /以下|下記|次の(?:とおり|通り|対策|措置|取り?組み)|次のこと/u;

/** A line under a measures label: an item after a bullet (「・…の明確化と、…の共有」) is one item; other lines are read as sentences. */
function measureLine(line: string, l: number): ActionSentence[] {
  const bullet = /^\s*(?:[・･]|[-*+]\s|[(（][0-9０-９]{1,2}[)）]|[①-⑳])\s*/u.exec(line);
  if (!bullet) return commitments(line, l);
  const text = line.slice(bullet[0].length).trimEnd();
  if (!text || !hasJapanese(text) || saysDone(text)) return [];
  return [{ text, line: l, start: bullet[0].length, end: bullet[0].length + text.length }];
}

/** The sentences of one Japanese line that commit to future work (in an action section, or a pledge). */
function commitments(line: string, l: number): ActionSentence[] {
  if (!hasJapanese(line) || DONE_LABEL.test(line.trim())) return [];
  const out: ActionSentence[] = [];
  const lead = JA_NUMBERING.exec(line);
  let from = lead ? lead[0].length : line.length - line.trimStart().length;
  while (from < line.length) {
    const stop = line.indexOf('。', from);
    const end = stop < 0 ? line.trimEnd().length : stop + 1;
    let text = line.slice(from, end).trim();
    const plea = pleaAt(text);
    if (plea >= 0) text = text.slice(0, plea);
    const bare = text.replace(/[。．.]$/, '').replace(/[(（][^()（）]{0,60}[)）]$/, '').trim();
    const nouns = !lead && /。$/.test(text) && JA_MEASURE_NOUNS.test(bare);
    const start = from + (line.slice(from).length - line.slice(from).trimStart().length);
    if (bare && (JA_COMMITS.test(bare) || nouns) && !JA_INTRODUCES.test(bare) && !REFERS_BACK.test(bare) && !JA_IF_CHANGED.test(bare) && !saysDone(text)) out.push({ text, line: l, start, end: plea >= 0 ? start + text.length : end });
    if (stop < 0) break;
    from = stop + 1;
  }
  return out;
}

/**
 * True when an item is finished: a checked task box, a done sub-heading or label, a Status cell
 * saying so, a state written beside the ticket when there is no Status column ("Bug 5554823
 * **DONE**"), an action struck through, or an action that says in its own words it was done
 * ("We added ...", "Added ...", 〜しました).
 */
export function isDone(item: ActionItem): boolean {
  if (item.task === 'done') return true;
  if (item.status && item.status.text.replace(/[*_`~\-—]/g, '').trim()) return DONE_STATUS.test(item.status.text.replace(/[*_`~]/g, '').trim());
  if (/\bDONE\b/.test(item.ticket?.text ?? '')) return true;
  const action = (item.action?.text ?? '').trim();
  if (/^~~[^]*~~$/.test(action)) return true;
  return saysDone(item.kind === 'list' ? item.text ?? action : action);
}

/** A short heading-like item: ends with a colon, or is a Japanese noun phrase with no verb or sentence end. */
function isCategoryLabel(text: string): boolean {
  const t = text.replace(/[*_`]/g, '').trim();
  if (!t || t.length > 30) return false;
  if (/[:：]$/.test(t)) return true;
  return hasJapanese(t) && !/[。．.!?！？、]|[るすたいうくしだ]$/.test(t);
}

/** A term as a table cell or a legend writes it: no emphasis or code marks, lower case. */
function plainTerm(text: string): string {
  return text.replace(/[*_`]/g, '').trim().toLowerCase();
}

/** A legend's entry: a term, a colon or a dash, and what it means ("**Detect**: tells us sooner", 「予防：発生を防ぐ」); the term and the meaning. */
function definitionOf(text: string): [string, string] | undefined {
  const sep = /[:：]|\s[-–—]\s/.exec(text);
  if (!sep || sep.index > 34) return undefined;
  const term = plainTerm(text.slice(0, sep.index));
  const meaning = text.slice(sep.index + sep[0].length).replace(/^[*_`\s]+/, '').trim();
  return term && meaning && term.length <= 30 ? [term, meaning] : undefined;
}

/** A Japanese clause that ends in a verb (「…を同梱する」「…します」): work, where a meaning ends in a noun (「…する対応」). */
const JA_VERB_END = /[\u3040-\u30ff\u4e00-\u9fff][うくぐすつぬぶむる]$|ます$/u;

/** Whether list items (two or more) are each a value of the report's tables and what it means, not work to do. */
function definesValues(items: string[], values: Set<string>): boolean {
  return items.length >= 2 && items.every((t) => {
    const d = definitionOf(t);
    return !!d && values.has(d[0]) && !plansWork(d[1]) && !JA_VERB_END.test(d[1].replace(/[。.]$/, ''));
  });
}

function textOf(lines: string[], it: ListItem): string {
  return lines[it.line].slice(it.textStart).trim();
}

function listItem(lines: string[], it: ListItem, itemText: string, actionText: string, task: ActionItem['task']): ActionItem {
  const textLine = lines[it.line];
  // Labels in bold ("**Owner:** @a", "**期限**: 4月末") are read as plain ones.
  const fields = itemText.includes('**') || itemText.includes('__') ? itemText.replace(/\*\*|__/g, '') : itemText;
  const om = LIST_OWNER.exec(fields);
  // A priority word in bold ("**High**") is a mark of its own: the item's own text is asked for it.
  const pm = LIST_PRIORITY.exec(fields) ?? (fields === itemText ? null : LIST_PRIORITY.exec(itemText));
  return {
    line: it.line,
    range: lineRange(it.line, it.textStart, textLine.length),
    kind: 'list',
    text: itemText,
    action: { text: actionText, line: it.line, start: it.textStart, end: textLine.trimEnd().length, outerStart: it.textStart, outerEnd: textLine.length },
    listOwner: om ? (om[1] !== undefined ? om[1].split(NEXT_LABEL, 1)[0] : om[2]).trim() : ownersAtEnd(fields.trimEnd())?.owners,
    listDeadline: listDeadline(fields),
    listPriority: pm ? (pm[1] ?? pm[2] ?? pm[3] ?? pm[4] ?? pm[5]).trim() : undefined,
    task,
  };
}

function emptyCellAtEnd(r: TableRow, lines: string[]): Cell {
  const end = lines[r.line].length;
  return { text: '', line: r.line, start: end, end, outerStart: end, outerEnd: end };
}
