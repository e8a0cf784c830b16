// What makes an action item vague: it opens with a direction ("improve", "investigate", "be more
// careful", 「改善する」「検討する」) and names nothing that could be checked off: no artifact, no
// place, no threshold, no measure. A direction with a deliverable ("Improve p99 of /search to under
// 300 ms", "Investigate why `pg_dump` skipped the audit schema") is concrete; a linked ticket alone
// is not.
import { ownersAtEnd } from '../model/actions';
import { hasJapanese } from '../model/queries';
import { escapeRegExp, linkText, removeComments } from '../strip';
import { baseForm, baseOfIng } from './english-verbs';

export type VagueCategory = 'monitoring' | 'tests' | 'investigate' | 'care' | 'process' | 'fix' | 'improve';

export interface VagueVerdict {
  /** The direction phrase that opened the item, as written. */
  lead: string;
  category: VagueCategory;
  /** Offsets of the lead in the text given to `judgeAction`. */
  leadStart: number;
  leadEnd: number;
}

// Each lead: a regex at the start of the (cleaned) action, its category, and how a deliverable can
// redeem it: 'never' ("be more careful"), 'strict' (a direction or a goal: only a measure, a
// mechanism or a named artefact redeems it), 'answer' (an investigation: only a date or a second,
// concrete step redeems it: "Investigate and fix the connection leak in the payments worker"), or
// 'named' (a named component or identifier is enough), 'choice' (a change to something not chosen
// yet: only its name, a value or a date redeems it) or 'content' (a document or a process to update:
// what goes into it redeems it).
type Redeem = 'never' | 'strict' | 'answer' | 'named' | 'review' | 'choice' | 'content';
const LEADS: { re: RegExp; category: VagueCategory; redeem: Redeem }[] = [
  { re: /^(?:be (?:more |extra |very )?(?:careful|cautious|vigilant|diligent|attentive|mindful)|take (?:more |extra )?care|pay (?:more |closer |extra )?attention|stay (?:vigilant|alert)|remember to|don[’']t forget(?: to)?|do not forget(?: to)?|double[- ]check (?:everything|things|changes|your work))\b/i, category: 'care', redeem: 'never' },
  { re: /^(?:ensure|make sure|ensuring|making sure|guarantee|prevent|preventing|avoid|avoiding)\b/i, category: 'care', redeem: 'strict' },
  // Reading up and being reminded change nothing that stays: "Admins should refamiliarize themselves with the deployment policy".
  { re: /^(?:(?:re-?)?familiari[sz]e|re-?acquaint|re-?educate)\s+(?:themselves|ourselves|yourselves|yourself|himself|herself|everyone|everybody|people|the team|staff)\b/i, category: 'care', redeem: 'never' },
  { re: /^(?:remind|reminding)\s+(?:everyone|everybody|people|the team|staff|engineers|developers|admins|administrators|operators|ourselves|themselves|each other)\b/i, category: 'care', redeem: 'strict' },
  // A change to something not yet chosen: "Switch to a different secret management strategy than what we have now".
  { re: /^(?:switch|switching|move|moving|migrate|migrating|transition|transitioning|change|changing)\s+(?:over\s+)?(?:to|towards)\s+(?:a|an|some)\s+(?:different|new|other|alternative|better|more\s+[\w-]+)\b/i, category: 'process', redeem: 'choice' },
  // A document or a process to be updated, with nothing said of what changes in it: "Update our runbooks", "Revise the deploy process".
  // A named one ("Update the Terraform runbook") or one whose change is given ("... to include a check for ...") is not matched or is redeemed.
  { re: /^(?:[Uu]pdat(?:e|ing)|[Rr]evis(?:e|ing)|[Aa]mend(?:ing)?|[Rr]efresh(?:ing)?|[Rr]ewrit(?:e|ing))\s+(?:(?:our|the|all|existing|current|internal|relevant)\s+)*(?:[a-z][a-z-]*\s+){0,2}?(?:process(?:es)?|procedures?|playbooks?|runbooks?|run ?books?|documentation|docs|policy|policies|guidelines|strategy|tooling|practices|workflows?)(?![\w-]|\.\w)/, category: 'process', redeem: 'content' },
  // A quantity turned up or down with no value: "Increase the frequency of our full database backups".
  { re: /^(?:increase|increasing|decrease|decreasing|raise|raising|lower|lowering|boost|boosting)\s+(?:the\s+|our\s+)?(?:frequency|cadence|level|speed|rate|share|percentage)\s+of\b/i, category: 'improve', redeem: 'strict' },
  { re: /^(?:improve|improving|enhance|enhancing|strengthen|strengthening|harden|hardening|optimi[sz]e|optimi[sz]ing|bolster|tighten(?: up)?|refine|refining|rework|re-work|reworked|re-worked|rethink|overhaul|modernize|modernise|revamp|streamline|expand|expanding|minimi[sz]e|minimi[sz]ing|reduce|reducing|shore up|beef up|simplify|clarify|adjust|adjusting|bring down|bringing down|cut down(?: on)?|drive down|cut back(?: on)?|keep down)\b/i, category: 'improve', redeem: 'strict' },
  { re: /^(?:agree|agreeing|decide|deciding|align|settle|come up with|find|figure out)(?: on| upon)?\s+(?:a |an |the )?(?:[\w-]+\s+){0,2}?(?:way|ways|approach|process|plan|strategy|policy|solution|mechanism|path(?: forward)?|route|direction|alternatives?|options?)\b/i, category: 'process', redeem: 'strict' },
  // A decision still to be taken, with nothing said of what it will be: "Agree as a team what the procedures are for ...", "Decide whether to page at night".
  { re: /^(?:agree|decide|align|settle)(?:\s+as\s+a\s+team|\s+together)?(?:\s+(?:on|upon))?(?=\s+(?:what|how|when|whether|who|which|if)\b)/i, category: 'investigate', redeem: 'answer' },
  { re: /^(?:redesign|redesigning|re-?architect|re-?architecting)\b/i, category: 'process', redeem: 'strict' },
  { re: /^(?:rebuild|rebuilding)\b/i, category: 'process', redeem: 'named' },
  { re: /^(?:tidy(?: up)?|clean ?up|sort out|polish|standardi[sz]e|consolidate|formali[sz]e|rationali[sz]e)\b/i, category: 'improve', redeem: 'named' },
  { re: /^(?:increase|increasing|boost|raise)\s+(?:our\s+|the\s+)?(?:monitoring|alerting|observability|visibility|awareness|test coverage|coverage|resilience|reliability|robustness|redundancy|stability|quality|security)\b/i, category: 'improve', redeem: 'strict' },
  { re: /^(?:continue to|continuing to|keep|keep on)\s+(?:attempt|try|work|monitor|investigat|look|improv|refin|review|take|evaluat|explor)\w*/i, category: 'process', redeem: 'strict' },
  { re: /^(?:better|deeper|more (?:robust|reliable|resilient|comprehensive|thorough|mature|secure|stable))\s+\w+/i, category: 'improve', redeem: 'strict' },
  // The same after a verb that only switches it on or asks for it: "Enable faster monitoring", "Provide clearer alerts".
  { re: /^(?:enable|provide|have|get|set ?up|offer|allow)\s+(?:(?:a|an|some)\s+)?(?:clearer|faster|quicker|stronger|stricter|tighter|safer|simpler|smarter|cleaner|earlier|easier|broader|wider|more frequent|more timely)\s+(?!than\b)[\w-]+/i, category: 'improve', redeem: 'strict' },
  // A change whose only end is a comparative: "Change rollback process to be quicker and more robust".
  { re: /^(?:change|update|rework|redesign|refactor|modify|adjust|tune|restructure|rearchitect|re-architect)\s+(?:[\w-]+\s+){1,4}?to\s+(?:be|become|make it|run|work)\s+(?:more\s+[\w-]+|(?:clearer|faster|quicker|stronger|stricter|tighter|safer|simpler|smarter|cleaner|easier|better|cheaper|leaner|lighter))\b/i, category: 'improve', redeem: 'strict' },
  // A comparative with nothing to compare against, as a noun phrase: "Clearer runbooks", "Faster rollback", "Stricter code review".
  { re: /^(?:clearer|faster|quicker|stronger|stricter|tighter|safer|simpler|smarter|cleaner|earlier|easier|broader|wider|fewer|tougher)(?:\s+(?!(?:than|in|on|at|to|for|of|with|via|using|by|through|from|when|if|so|before|after|and|or|the|a|an|this|that|it|we|is|are|was|were)\b)[\w-]+){1,3}/i, category: 'improve', redeem: 'strict' },
  { re: /^(?:increased|improved|enhanced|expanded|additional|extra|closer|stronger|tighter|heightened)\s+(?:[\w-]+\s+){0,2}?(?:monitoring|alerting|observability|visibility|logging|oversight|scrutiny)\b/i, category: 'monitoring', redeem: 'strict' },
  { re: /^(?:(?:need|find|get|have|develop)\s+)?(?:a |some )?better (?:way|ways|techniques?|approach|process|tooling)\b|^(?:align|aligning)\b/i, category: 'process', redeem: 'strict' },
  { re: /^(?:establish|establishing|develop|developing|define|defining|create|creating|implement|implementing|introduce|put in place)\s+(?:a\s+|an\s+)?(?:more\s+)?(?:robust|better|comprehensive|improved|clearer|proper|formal|cohesive|consistent|standard|standardi[sz]ed)?\s*(?:process(?:es)?|guidelines?|rules and guidelines|policy|policies|strategy|framework|approach|best practices?|practices?|culture|plan|mechanism|procedures?)(?: and (?:guidelines?|policies|procedures?|rules))?(?: for| around| to| on)?\b/i, category: 'process', redeem: 'named' },
  { re: /^(?:establish|establishing|develop|developing|define|defining|create|creating)\s+(?:a\s+)?(?:more\s+)?(?:robust|better|comprehensive|improved|clearer)\s+/i, category: 'improve', redeem: 'strict' },
  { re: /^(?:add|adding|write|create|have|need|get|implement|set ?up|introduce)\s+(?:more|additional|extra|better|further|more robust|proper|some)\s+(?:unit |integration |e2e |end-to-end |automated |[A-Z][\w-]+ )?(?:tests?|testing|test coverage|coverage|monitoring|alerts?|alerting|logging|logs|metrics|observability|documentation|docs|checks|safeguards|validation|guardrails|visibility)\b/i, category: 'tests', redeem: 'named' },
  { re: /^(?:more\s+(?:(?:automated|unit|integration|e2e|end-to-end|regression|manual)\s+)?(?:tests?|testing|monitoring|alerts?|alerting|logging|metrics|documentation|checks|safeguards|validation|visibility))\b/i, category: 'tests', redeem: 'named' },
  { re: /^(?:add|write)\s+(?:tests?|testing|monitoring|alerting|logging|metrics|documentation)\s*$/i, category: 'tests', redeem: 'named' },
  { re: /^(?:investigate|investigating|identify|identifying|spike(?: into| on)?|find (?:a |better )?ways?(?: of| to)?|find(?: out)? (?=where|why|what|how|if|whether|which|who)|look into|looking into|look at|look for|dig into|explore|exploring|research|analy[sz]e|understand|figure out|work out|evaluate|evaluating|assess|assessing|consider|considering|think about|discuss|discussed|talk about|revisit|revisiting|reconsider|re-?evaluate|re-?evaluating|reflect on|reflect|brainstorm|follow up on|follow up|check on|check into|check (?=if|whether)|see (?=if|whether)|determine|debug|study|review (?=who|what|whether|how|if|why|which)|ask (?:[\w@'’-]+ ){0,3}?(?=if\b|whether\b|about\b))/i, category: 'investigate', redeem: 'answer' },
  { re: /^(?:ask|asking)\s+(?:[\w@'’-]+\s+){1,3}?to\s+(?=\w)/i, category: 'process', redeem: 'strict' },
  { re: /^(?:review|re-?review|audit)(?:\s+(?:and|&)\s+(?:update|revise|refine|improve|amend|adjust|change|rework)\w*)?\s+(?:(?:our|the|all|existing|current|internal)\s+)*(?:(?:on-call|incident|release|deploy|deployment|escalation|support|team|[a-z]+ing)\s+)?(?:process(?:es)?|procedures?|practices?|policies|policy|workflows?|approach|setup|configuration|config|architecture|strategy|documentation|docs|runbooks?|playbooks?|alerts?|alerting|monitoring)\b/i, category: 'process', redeem: 'named' },
  // Any other review ("Review all destructive Terraform resources"): reading, with nothing said about what
  // comes out of it. It is concrete with what it looks for, a second step, a date, or a single change to read.
  { re: /^(?:review|re-?review|audit|go (?:through|over))\b(?!\s+(?:log|logs|logging|trail|trails|events?|records?|entries|board|boards|app|apps|queue|comments?|meeting|cadence|period|step|gate)\b)/i, category: 'investigate', redeem: 'review' },
  { re: /^fix\s+(?:(?:the|this|that|these|those|all|any)\s+)?(?:issues?|problems?|bugs?|errors?|root cause|underlying (?:issue|problem|cause))\s*$|^fix (?:it|this|things)\b/i, category: 'fix', redeem: 'named' },
  { re: /^(?:educate|try to educate|teach|train|coach|raise awareness|increase awareness|spread awareness|communicate (?:better|more)|share (?:the )?learnings|keep an eye on|monitor the situation|continue to monitor|work on|work towards|working on|working towards|try to|aim to|aiming (?:at|to|for)|strive to|endeavou?r to|do (?:what|everything|all) (?:we|i|they) can|make every effort|do (?:our|my|their) (?:best|utmost)|tak(?:e|ing) (?:proactive |further |additional |more )?(?:measures|steps|actions)|avoid (?:this|such|similar) (?:in the future|issues|incidents))\b/i, category: 'process', redeem: 'strict' },
];

/** A date, a weekday or a milestone the work is due by. */
const DATED = /\b(?:by|before|until|no later than)\s+(?:\d|(?:mon|tues|wednes|thurs|fri|satur|sun)day|jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|q[1-4]|the (?:next|end)|end of)/i;
/** A second step that leaves something behind: "... and fix", "... then add an alert". */
/**
 * The decision an investigation ends in, stated after a colon or dash: "Revisit the disk alert
 * threshold: page at 85% instead of 95%". A verb of a setting and a value, or "instead of".
 */
const DECIDED_STEP = /^(?:set|page|alert|fire|raise|lower|use|move|switch|change|increase|decrease|reduce|cap|limit|retain|keep|run|make)\b[^.:;\d]{0,80}\d/i;
function decidedEnd(rest: string): boolean {
  const at = rest.search(/[:：;—–]/);
  if (at < 0) return false;
  const tail = rest.slice(at + 1).trimStart();
  return DECIDED_STEP.test(tail) || /\binstead of\b/i.test(tail.split(/[.:;]/, 1)[0]);
}
const CONCRETE_STEP = /\b(?:and|then|&)\s+(?:fix|add|remove|patch|write|document|implement|design|build|create|set|enable|disable|replace|upgrade|update|migrate|delete|rotate|revoke|pin|record|publish|file|raise|open|ship|deploy|roll out|automate)\b/i;
/** How the goal will be reached: "by adding a CI check", "via a feature flag", "using a canary". */
const MECHANISM = /\b(?:by (?:adding|creating|writing|setting|enabling|disabling|moving|removing|replacing|introducing|running|requiring|pinning|switching|migrating|upgrading|automating|splitting|sharding|caching|limiting|blocking|gating|rejecting|alerting|paging|checking|validating|linting|deleting|rotating|using)|via|using)\b|\bwith (?:a|an) [\w-]+ (?:alert|test|check|probe|limit|timeout|runbook|dashboard|gate|lint|rule|flag)\b/i;
/** Things a team can point at when it is done. */
const ARTIFACT_NOUN = /\b(?:alerts?|alarms?|tests?|checks?|probes?|runbooks?|playbooks?|dashboards?|panels?|limits?|timeouts?|quotas?|flags?|gates?|lints?|rules?|scripts?|jobs?|cron ?jobs?|hooks?|webhooks?|settings?|thresholds?|pages?|tickets?)\b/i;
/** What a review looks for or reads: "to make sure none grant ...", "for unused keys", a single pull request. */
const REVIEW_OUTPUT = /\b(?:(?:to|and|so that)\s+(?:ensure|make sure|confirm|verify|check|find|identify|list|flag|catch|remove|delete|drop|disable|revise|amend|rework|adjust|refine|change)|for\s+(?:any|every|each|missing|unused|stale|orphaned|hard-?coded|leaked|exposed|duplicate|expired)|(?:pull|merge) requests?|PRs?|MRs?|diffs?|patch(?:es)?|commits?|RFCs?|design doc|(?:before|after|prior to)\s+(?:\w+ing|each|every|any)\b)\b/i;
/** Hedges that keep a direction open: "wherever possible", "as needed", "in a timely fashion". */
const HEDGE = /\b(?:where(?:ver)? (?:possible|feasible|appropriate)|if (?:possible|feasible|needed|necessary)|as (?:much as|far as) possible|as (?:needed|appropriate|necessary)|when (?:possible|feasible)|in a timely (?:fashion|manner)|to the (?:bare )?minimum|the bare minimum)\b/i;
/** What an update puts into a document or a process: "to include ...", "with the rollback steps", "so that it covers ...". */
const CONTENT_GIVEN = /\b(?:to|so (?:that )?(?:it|they))\s+(?!(?:ensure|make|improve|prevent|avoid|help|reduce|be|is|are|become|becomes|better|increase|enhance|minimi[sz]e|strengthen|support|address|align|allow|enable|keep|stay|get|have|the|a|an|our|this|that|these|those|all|any|every|each)\b)[a-z]+\b|\b(?:with|adding|including|covering|describing|documenting|listing)\s+\S/i;
/** A sentence that offers an idea or an option, not a commitment: "One idea we are pursuing is to ...", "We could ...", "Ideally, it would ...". */
const IDEA_ONLY = /^(?:(?:one|an|another|the)\s+(?:idea|option|possibility|thought)s?\b|ideas?\b|ideally\b|perhaps\b|maybe\b|possibly\b|(?:we|it|this|that|they)\s+(?:could|might|may)\s)/i;
/** A comparative with nothing to compare against: "something more robust", "a more descriptive name", "better techniques". */
const COMPARATIVE_GOAL = /\b(?:something|anything|a way|ways|an approach|a solution|a strategy|a process|techniques?|name|names|text|setup|patterns?|cycle|solution|one)\s+(?:\w+\s+){0,2}?(?:more (?:robust|reliable|resilient|descriptive|mature|modern|secure|stable|efficient|thorough|comprehensive|cohesive|consistent|sustainable|scalable)|better|bigger|smarter|cleaner|safer)\b|\b(?:more (?:robust|reliable|resilient|descriptive|mature|modern|secure|stable|efficient|thorough|comprehensive|cohesive|consistent|sustainable|scalable)|better|bigger|smarter|safer|cleaner)\s+(?:"?[\w-]+"?\s+)?(?:techniques?|ways?|names?|text|setup|patterns?|process(?:es)?|approach|strategy|solution|tooling|practices?|handling|communication|coordination|visibility|understanding|documentation|monitoring|alerting|testing|coverage|observability|release cycle|cycle)\b|\b(?:faster|easier|simpler|safer) and more \w+|\bnow (?:easier|simpler|faster) to\b/i;
/** Output asked to be "more descriptive" with nothing to compare against: "More descriptive logs", "more useful error messages". */
const COMPARATIVE_OUTPUT = /\bmore (?:descriptive|detailed|useful|informative|meaningful|actionable|helpful)\s+(?:[\w-]+\s+)?(?:logs|logging|messages|alerts|metrics|dashboards)\b/i;
const SPECULATIVE = /\b(?:might|may|could) be (?:an? )?(?:option|worth|useful|helpful|good idea|possible|needed|required)\b|^(?:maybe|perhaps|possibly|potentially)\b|\b(?:likely|probably|may|might) need\b|\bworth (?:exploring|considering|looking|investigating)\b/i;
/** Whether to do it is still open: "My only question is if we should write that down", "not sure whether we need a canary". */
const UNDECIDED = /\b(?:question is|not sure|unsure|wonder(?:ing)?|undecided)\s+(?:if|whether)\b/i;
/** "Make the deploy pipeline safer": make + a comparative end state with no measure. */
const MAKE_COMPARATIVE = /^(?:make|making)\s+(?!sure\b)(?:[\w'’-]+\s+){0,5}?(?:safer|better|faster|easier|simpler|clearer|stronger|sturdier|smoother|more [a-z]+|less [a-z]+)\b/i;
/** The comparative's end state given after it: "... more configurable, and specified in seconds". */
const FORM_SPECIFIED = /^,?\s+(?:and\s+)?(?:specified|expressed|measured|configured|set|stored|reported|given)\s+(?:in|as|per)\s+(?:(?:milli|micro)?seconds|minutes|hours|days|bytes|[KMGT]i?B|percent(?:age)?|[A-Z]{2,}\b|`)/i;
/** A growing amount or variety with no end state: "more and more modules", "in different ways", "ever more checks". */
const GROWING = /\b(?:more and more|ever[- ]more|ever[- ](?:better|faster|broader|wider)|(?:more|increasingly) (?:and more )?(?:varied|diverse) |in (?:different|various|varied|many|more) ways)\b/i;
/** "continue to improve", "keep refining": an ongoing direction. */
const CONTINUING = /\b(?:continue|continuing|keep|keeps) (?:to )?(?:improv|refin|enhanc|strengthen|invest|work(?:ing)? on|monitor|evaluat|review)\w*/i;
/** A product name and kinds of artefact, nothing about what they watch or check: "Flux metrics and alerts". */
const TOPIC_GENERIC = /^(?:[A-Z][\w-]*\s+){1,2}(?:metrics|alerts|alerting|monitoring|dashboards|logging|tests|testing|docs|documentation)(?:\s+(?:and|&)\s+(?:metrics|alerts|alerting|monitoring|dashboards|logging|tests|testing|docs|documentation))?$/;
/** A kind of plan, not the plan: "Action plan for checking release notes", "Automatic process to detect CVEs", "Clear communication if ...". */
const PROCESS_TOPIC = /^(?:an? |the )?(?:[\w-]+ )?(?:action plan|plan|process|strategy|guidelines?|policy|framework|approach|communication|awareness|culture)\s+(?:for|to|on|around|about|if|when|of)\b/i;
/** A title that names a problem, not an action: "Opensearch and Elasticsearch index dating issues". */
const PROBLEM_TOPIC = /^(?:[\w'’./-]+\s+){0,8}(?:issues?|problems?|improvements?|concerns?|considerations?|topics?|stuff|things)$/i;
/** An activity named as a topic, with nothing of what, where or how often: "Fake drills", "testing for resilience", "Chaos testing". */
const TOPIC_ACTIVITY = /^(?:[\w-]+\s+){0,2}?(?:testing|drills|exercises|game ?days|rehearsals|chaos engineering)(?:\s+(?:for|of|on|around)\s+(?:the\s+|our\s+)?(?:resilience|reliability|robustness|failures?|failover|outages?|incidents?|disasters?|recovery|regressions?|edge cases|scale|load))?$/i;
/** The worth of doing something, still to be weighed: "Incident frequency - value in recording and surfacing metrics". */
const WORTH_WEIGHED = /\b(?:value|benefits?|merits?|usefulness|pros and cons)\s+(?:in|of)\s+[a-z]+ing\b/i;
/** A problem stated as the item, with nothing to do about it: "Google meet chat is lost after incident". */
const PROBLEM_STATED = /^(?:the\s+|our\s+)?(?:[\w-]+\s+){0,4}?(?:is|are|gets|get)\s+(?:often\s+|sometimes\s+|still\s+)?(?:lost|broken|missing|flaky|unclear|confusing|unreliable|noisy|outdated|out of date|not (?:clear|documented|tested|monitored|working|known|saved|kept|recorded))\b/i;
const CONCRETE_VERB = /^(?:add|create|write|set|enable|disable|remove|delete|replace|move|migrate|upgrade|pin|rotate|revoke|rename|schedule|deploy|bundle|build|plug|publish|document|automate|switch|split|bind|freeze|assign|hire|disband|provide|speak|include|update|fix|run|install|configure|alert|page|backfill|restore|recover|verify|use|require|block|limit|increase|decrease|lower|raise|cap|drop|ban|allow|route|pause)\b/i;

// Japanese: the direction is the verb at the end of the item, in any polite or humble form
// (改善する, 改善します, 改善いたします, 改善してまいります, 改善を図る, 改善に努めます ...). The endings
// are taken off one by one, then the stem is looked up.
const JA_TAIL = /(?:(?<![。．.！!\s])[。．.！!\s]+|いたします|致します|いたしました|致しました|いたす|致す|してまいります|して参ります|してまいりました|していきます|していきたい|していく|してまいる|いたしてまいります|してまいりたい|してまいりたいと思います|を行ってまいります|を行っていきます|して参る|します|しました|したい|する|した|して|すること|を行います|を行う|を行っていきます|を行ってまいります|を行い|を図ります|を図る|を図ってまいります|を図っていきます|を進めます|を進める|を進めてまいります|を進めていきます|に努めます|に努める|に努めてまいります|に努めていきます|を実施します|を実施する|を実施いたします|を実施してまいります|を実施|を行なう|を行ないます|です|ます|ていきます|ていく|てまいります|て参ります|予定|予定です|方針|方針です|ものとする|こととする|ことにする|こととします)$/u;
/** More endings, kept apart so each pattern stays small enough to check: progressive and humble
 * forms (ております), intentions (たいと考えております, 所存です), 取り組む, causatives (させます). */
const JA_TAIL_MORE = /(?:(?:を|に)?させていただ(?:きます|きたいと(?:考えて|存じて|思って)?おります|きたい|く)|してゆきます|してゆく|てゆきます|てゆく|しております|しています|している|しており|ております|ています|ている|でおります|でいます|と考えております|と考えています|と考える|と思います|と思っております|所存です|所存であります|所存でございます|所存|させます|させる|を進め|を図っ|に取り組みます|に取り組む|(?:[にで]|て[、，]?)?取り組んでまいります|(?:[にで]|て[、，]?)?取り組んでいきます|に取り組んでいく|に取り組んで|てまいる|中|を講じます|を講じる|を講じてまいります|を講じていきます|を講じていきたい|を講じていく|を講じ|ていきたい|てまいりたい)$/u;
const JA_VAGUE_STEM = /(?:改善|強化|徹底|検討|見直し|見直す|見直|注意喚起|注意|周知|意識付け|意識づけ|意識|留意|向上|努め|精査|調査|再確認|再発防止|整備|定着|浸透|気をつけ|気を付け|気をつける|心がけ|心掛け|心がける|充実|最適化|効率化|高度化|推進|啓蒙|啓発|教育|研修|指導|自戒|反省|継続|注視|万全を期す|万全を期|全力を尽くす|全力を尽く|全力|尽力|拡充|整理|情報共有|ナレッジ共有|努力|明確化|気を引き締め|(?<=ような|ように|よう[、，]?|ための|に向けた|必要な|適切な|十分な|有効な|効果的な|さらなる|更なる|引き続き|今後(?:とも|も)?|[、，]|^)(?:(?:再発|事故|障害)?防止の?)?(?:対策|施策|策|措置|取り組み|取組み?))$/u;
/**
 * A closing promise with nothing named: to put a lesson to use (「今回の経験を今後の運用に活かしてまいります」: 活か only
 * after a lesson word, see LESSON), to aim somewhere (「より安全な運用を目指してまいります」), or to get a structure
 * of work ready (「社内の運用体制を整えてまいります」; one of a named kind, 「夜間のオンコール体制」, is left alone).
 */
const JA_GOAL_STEM = /(?:活か|生か|役立て|目指|(?<![\p{Script=Han}\p{Script=Katakana}ー])(?:管理|運用|チェック|確認|監視|対応|社内|組織|開発|品質管理|セキュリティ|再発防止|安全)?(?:体制|態勢)(?:を|の)?(?:整え|構築|確立|作り|づくり))$/u;
/** Things that will exist when the work is done: an alert, a test, a script, a runbook, a dashboard. */
const JA_NAMED_THING = /アラート|テスト|スクリプト|手順書|マニュアル|チェックリスト|ダッシュボード|監視項目|閾値|自動化|[A-Za-z][A-Za-z0-9_-]{2,}/;
/** What is put to use: a lesson of the incident. */
const LESSON = /経験|教訓|学び|知見|反省|気づき|気付き|ノウハウ/;
const JA_CARE = /活か|生か|役立て|注意|気を|意識|心が|心掛|留意|努め|努力|取り組|徹底|啓|教育|指導|自戒|反省|定着|浸透|全力|尽力/;
/** Endings that promise an effort, not a result: 「に努めます」「に取り組んでまいります」. */
const JA_EFFORT_ENDING = /^(?:に|へ|て[、，]?)?(?:努め|取り組|取組)/u;
const JA_ANSWER = /調査|検討|精査|再確認/;

/** The text without its longest ending from JA_TAIL or JA_TAIL_MORE (the one that starts first). */
function stripJapaneseEnding(t: string): string {
  const a = JA_TAIL.exec(t);
  const b = JA_TAIL_MORE.exec(t);
  const m = a && b ? (b.index < a.index ? b : a) : a ?? b;
  return m ? t.slice(0, m.index) : t;
}

/**
 * How a Japanese item is judged: by its direction's stem (「見直し」「強化」), or as a request for care
 * (「…を求めます」), a periodic check, a watch with no threshold, a rule people must remember, or a check
 * named only by how thorough it is (「総合的な確認」).
 */
type JaJudgment = 'stem' | 'request' | 'periodic' | 'watch' | 'rule' | 'degree';

function judgeJapanese(text: string, leadIn: (lead: string) => { leadStart: number; leadEnd: number }): VagueVerdict | undefined {
  // 参ります/まいります, 致します/いたします, 頂く/いただく are the same words: read them as one.
  let t = text.trim().replace(/参(?=[りるれ])/g, 'まい').replace(/致(?=[しすさ])/g, 'いた').replace(/頂(?=[きくけ])/g, 'いただ').replace(/おこな(?=[っうわいえお])/g, '行');
  // Notes after the action (「（平成20年10月実施予定）」「（Firebase Preview Channel活用）」) are set aside: the
  // direction is the verb before them; a note can still name the deliverable.
  let notes = '';
  // An ending that is itself an effort (「…管理に努めます」「…に取り組んでまいります」): the item promises to try.
  let effort = '';
  for (let k = 0; k < 6; k++) {
    const note = JA_NOTE_AT_END.exec(t);
    const next = note ? t.slice(0, note.index) : stripJapaneseEnding(t);
    if (note) notes += note[0];
    else if (!effort && JA_EFFORT_ENDING.test(t.slice(next.length))) effort = t.slice(next.length);
    if (next === t) break;
    t = next;
  }
  // A measure named as the doing of a direction (「教育の実施」「注意喚起の実施」, also the last of a list of
  // such nouns: 「確認手順の見直し、ダブルチェックの実施、教育の実施」) is that direction.
  const doing = JA_DOING.exec(t);
  if (doing && JA_VAGUE_STEM.test(t.slice(0, doing.index))) t = t.slice(0, doing.index);
  // A list of measures as nouns (「手順及びチェックリストの見直し、理解度確認テストの実施、研修の実施」): vague when
  // one of them is a direction and none names a measure, an artefact or a name.
  // Nouns joined by 「と」「および」 before the comma are a list too (「管理体制の明確化と、関係者間での共有」).
  const parts = t.split(/[、，]/).map((p) => p.replace(JA_NOUN_JOIN, ''));
  if (parts.length > 1 && parts.every((p) => JA_MEASURE_NOUN.test(p)) && !MEASURE.test(t) && !ARTIFACT.test(t) && (!ASCII_NAME_IN_JA.test(t) || JA_ABSTRACT_OBJECT.test(t))) {
    const vague = parts.find((p) => JA_VAGUE_STEM.test(p) || JA_VAGUE_STEM.test(p.replace(JA_DOING, '')));
    if (vague) {
      const lead = text.trim().replace(/(?<![。．.\s])[。．.\s]+$/, '');
      return { lead, category: JA_CATEGORY.find(([re]) => re.test(vague))?.[1] ?? 'improve', ...leadIn(lead) };
    }
  }
  // A measure named by its kind (「…の見直しおよび改善などの再発防止対策」「再発防止策」): what it is comes before it.
  const kind = JA_MEASURE_KIND.exec(t);
  if (kind && JA_VAGUE_STEM.test(t.slice(0, kind.index))) t = t.slice(0, kind.index);
  let m = JA_VAGUE_STEM.exec(t);
  if (!m) {
    const g = JA_GOAL_STEM.exec(t);
    if (g && (!/^(?:活か|生か|役立て)/.test(g[0]) || LESSON.test(t.slice(0, g.index)))) m = g;
  }
  if (!m && effort && t) m = Object.assign([effort], { index: t.length, input: t }) as unknown as RegExpExecArray;
  let how: JaJudgment = 'stem';
  if (!m) {
    const alt: [RegExp, JaJudgment][] = [[JA_REQUEST, 'request'], [JA_DEGREE_CHECK, 'degree'], [JA_REQUEST_OBJECT, 'request'], [JA_PROCESS_UPDATE, 'stem'], [JA_PERIODIC, 'periodic'], [JA_GENERIC_WATCH, 'watch'], [JA_PROHIBITION, 'rule'], [JA_HABIT, 'rule'], [JA_POLICY, 'rule']];
    for (const [re, kind] of alt) {
      m = re.exec(t);
      if (m) {
        how = kind;
        break;
      }
    }
  }
  if (!m) return undefined;
  // What the item says besides the direction, without a reason clause (「…していくため、」 says why, not what).
  const rest = t.slice(0, m.index).replace(/^.*(?:ため|ので)[、，,]/, '') + notes;
  if (how === 'request' && JA_REQUEST_OBJECT.test(t)) {
    // 「…の明確な指示と確実な事後確認の実施等を求めます」: asking for care is care; asking for something
    // that can be handed over (「チェックリスト等の証跡の提出を求める」) is not.
    if (!JA_CARE_ASKED.test(rest) || JA_HANDED_OVER.test(rest) || MEASURE.test(rest) || ARTIFACT.test(rest) || ASCII_NAME_IN_JA.test(rest)) return undefined;
  } else if (how === 'rule') {
    // A design decision about a part of the code (「legacy path は cleanup 専用に留め、…の成功条件には使わない」) is
    // kept by the code, not by people remembering it.
    if (JA_DESIGN_RULE.test(t) && ASCII_NAME_IN_JA.test(t)) return undefined;
    if (JA_HABIT.test(t) && !JA_PROHIBITION.test(t) && !JA_CONDITION.test(rest)) return undefined;
    // A rule people must remember (「…を混在させない」「起動障害時は、まず…を切り分ける」) is concrete only
    // when something enforces it or writes it down where the next person will meet it.
    if (!rest.trim() || JA_ENFORCED.test(t + notes) || JA_ARTIFACT_MADE.test(t + notes)) return undefined;
  } else if (how === 'periodic') {
    if (MEASURE.test(rest)) return undefined;
  } else if (how === 'watch') {
    // What is watched and when it fires can only come in a note: 「ログ監視の導入（ERROR が 5 分に 10 件を超えたら通知）」.
    if (MEASURE.test(notes) || ARTIFACT.test(notes) || ASCII_NAME_IN_JA.test(notes)) return undefined;
  } else if (how === 'stem') {
    // Naming what will exist makes it concrete whatever the direction: 「手順書に切り戻し手順を追記して見直します」.
    if (JA_ARTIFACT_MADE.test(rest)) return undefined;
    // A change that leaves something behind, then the care that goes with it (「…レターパックへ変更し、
    // …を再徹底する」): the change is the deliverable.
    if (changeMade(rest)) return undefined;
    // Working toward a named thing (「…アラートの追加に向けて取り組んでまいります」「3月末までに…」) names what will exist.
    if (m[0] === effort && /^て/.test(effort) && (MEASURE.test(rest) || ARTIFACT.test(rest) || JA_NAMED_THING.test(rest))) return undefined;
    const careOnly = JA_CARE.test(m[0]) && !/確認|チェック|テスト|レビュー|アラート/.test(rest);
    if (!careOnly) {
      if (JA_ANSWER.test(m[0])) {
        // An investigation is concrete with a date or a second step that leaves something behind.
        if (/\d|までに|期限/.test(rest) || /(?:し|して)(?:、)?(?:修正|追加|削除|設定|導入|作成|記録)/.test(rest)) return undefined;
      } else if (JA_TOOL_CHECK.test(rest)) {
        // A check done by a named means (「テスト送信による動作確認を徹底」): the check itself is the deliverable.
        return undefined;
      } else if (MEASURE.test(rest) || ARTIFACT.test(rest) || (ASCII_NAME_IN_JA.test(rest) && !JA_ABSTRACT_OBJECT.test(rest + m[0]))) return undefined;
    }
  } else if (how === 'degree') {
    // 「事前に総合的な確認を行うプロセスを設けます」: the check is named only by how thorough it is.
    if (MEASURE.test(rest) || ARTIFACT.test(rest) || JA_TOOL_CHECK.test(rest)) return undefined;
  }
  const category: VagueCategory = how === 'request' || how === 'rule' || how === 'degree' ? 'care' : how === 'watch' ? 'monitoring' : JA_CATEGORY.find(([re]) => re.test(text))?.[1] ?? 'improve';
  // The lead as written: the stem and the ending after it (up to a trailing note).
  // A rule's lead is its last clause: 「…を混在させない」.
  // A direction that only says to keep at something (「継続」「全力を尽くす」) is named with what it keeps at: 「運営改善を継続いたします」.
  const kept = how === 'stem' && /^(?:継続|全力|尽力|目指|活か|生か|役立て)/u.test(m[0]) ? /[\p{Script=Han}\p{Script=Katakana}ー]{1,10}[をに]$/u.exec(t.slice(0, m.index)) : null;
  const from = kept ? kept.index : m.index;
  const stem = how === 'watch' ? m[0].slice(0, 12) : how === 'rule' || m[0] === effort ? t.slice(lastClauseStart(t, 24)) : t.slice(from, m.index) + m[0];
  const at = text.indexOf(stem, how === 'rule' || m[0] === effort ? 0 : Math.max(0, from - 2));
  const lead = (at >= 0 ? text.slice(at) : stem).replace(/[（(][^（）()]*[）)]\s*$/, '').replace(/(?<![。．.\s])[。．.\s]+$/, '');
  return { lead, category, ...leadIn(lead) };
}

/** Where the last clause of `t` starts, at most `max` characters from the end, and never inside a word of Latin letters or digits. */
function lastClauseStart(t: string, max: number): number {
  let at = Math.max(t.lastIndexOf('、') + 1, t.length - max);
  while (at > 0 && at < t.length && /\w/.test(t[at - 1]) && /\w/.test(t[at])) at++;
  while (at < t.length && /\s/.test(t[at])) at++;
  return at;
}

/** A thing that will exist, and the verb that makes it: 「手順書を作成し」「テストを追加して」「アラートを設定」「事務フローを文書で明確にし」. */
const JA_ARTIFACT_MADE = /(?:手順書|手順|マニュアル|チェックリスト|チェックシート|スクリプト|ドキュメント|ランブック|テンプレート|設定値|閾値|フロー|ルール|基準|規程|要領|様式)(?:を|に|へ|の)[^。、，,]{0,20}?(?:作成|追加|追記|反映|導入|新設|設置|実装|自動化|記載|組み込|文書化|明文化|策定|制定|文書で明確|文書で定め|書面で定め)/u;
/** A change made before the care that follows it: 「…へ変更し、」「…を追加して、」「…へ切り替え、」 (its object is checked in code). */
const JA_CHANGE_VERB = /(?:(?:変更|追加|導入|作成|設定|移行|廃止|自動化|追記|明記|新設|設置|実装|切替|一元化|文書化|明文化)(?:し|して)|(?:切り替え|切替え|置き換え|入れ替え)(?:て)?)[、，]/u;

/** True when `rest` opens with a change made to something (「…を…へ変更し、」) before what follows. */
function changeMade(rest: string): boolean {
  const m = JA_CHANGE_VERB.exec(rest);
  if (!m) return false;
  const before = rest.slice(Math.max(0, m.index - 40), m.index);
  const clause = before.slice(Math.max(before.lastIndexOf('、'), before.lastIndexOf('，'), before.lastIndexOf('。')) + 1);
  return /[をにへ]/.test(clause);
}
/** Asking others for something: 「…の実施を求めます」「…を要請する」. */
const JA_REQUEST_OBJECT = /(?:を|の)(?:要請|依頼|求め|お願い)$/;
/** What asking for care asks for: thoroughness, certainty, clarity, attention. */
const JA_CARE_ASKED = /徹底|確実な|確実に|適切な|適切に|十分な|十分に|明確な|厳格な|慎重な|注意|意識|遵守|再発防止|改善|強化/;
/** What can be handed over and checked: evidence, a report, a record, a list. */
const JA_HANDED_OVER = /証跡|報告書|記録|一覧|リスト|チェックリスト|提出|計画書|回答書/;
/** A prohibition people must remember: 「…を混在させない」「…に置かない」「…は禁止」 (not a state to check: 「できない」「含まれていないこと」「混入がないこと」). */
const JA_PROHIBITION = /(?<!でき|られ|れ|てい|でい|が|の|は|存在し|該当し|関係し|影響し)ない(?:こと)?$|(?:を|は)?(?:禁止|厳禁)$/;
/** A habit for the next time: 「起動障害時は、まず…を切り分ける」 (a step of judgment at the end, after a condition; see JA_CONDITION). */
/** A design rule about what a part may be used for or what it writes: 「…には使わない」「…を参照しない」「…を server.log に出さない」. */
const JA_DESIGN_RULE = /(?:使わ|使用し|利用し|参照し|依存し|含め|出さ|出力し|書か|書き込ま|記録し|残さ|送ら|送信し|返さ|表示し|通知し|保存し|持た|呼ば|読ま)ない(?:こと)?$/;
/** A measure named by its kind after what it is: 「…などの再発防止対策」「…の対策」「再発防止策」. */
const JA_MEASURE_KIND = /(?:(?:など|等)の?|の)?(?:対策|施策|(?<=防止)策|取り組み|取組み?)$/;
/** A policy people must keep in mind: 「本番データは機密情報として扱う」「既存の運用ルールに従う」 (concrete only when something enforces it). */
const JA_POLICY = /(?:として(?:取り)?扱う|として取扱う|に従う|に準拠する|を遵守する|を厳守する|を守る)$/;
/** The doing of a measure, after its noun: 「…の実施」「…を実施」. */
const JA_DOING = /[のを](?:実施|実行|推進)$/;
/** A measure named as a noun: 「…の実施」「…の見直し」「…の強化」. */
const JA_MEASURE_NOUN = /(?:[のを](?:実施|実行|推進)|見直し|強化|徹底|改善|検討|周知|整備|充実|再確認|明確化|共有)$/;
/** The joint between two measure nouns: 「…の明確化と、…の共有」「…の見直しおよび、…」. */
const JA_NOUN_JOIN = /(?:と|および|及び|並びに|ならびに)$/;
/**
 * A direction whose object is a way of working, not a thing (「管理体制の明確化」「役割分担の共有」「連携の強化」):
 * a product or protocol named before it (「DNSレコードの管理体制」) says what it is about, not what will exist.
 */
const JA_ABSTRACT_OBJECT = /(?:体制|責任(?:範囲|分担|の所在)?|役割(?:分担)?|連携|意識|認識)(?:の|を)(?:明確化|共有|強化|徹底|見直し|整備|周知|改善)/;
/** A check done by a named means: 「テスト送信による動作確認」「スクリプトでの照合」「自動テストによる検証」. */
const JA_TOOL_CHECK = /(?:テスト|試験|ツール|スクリプト|自動|プログラム)[^、。，]{0,8}(?:による|により|での|で|を用いた|を使った|を使用した)[^、。，]{0,6}(?:確認|チェック|検証|照合)/;
/**
 * A process or a structure for a check named only by its thoroughness: 「事前に総合的な確認を行うプロセスを設けます」
 * 「十分なチェックを行う体制を整備」. What is checked, how, or against what is not said.
 */
const JA_DEGREE_CHECK = /(?:総合的|十分|入念|慎重|適切|綿密|厳格|徹底的|確実|厳重)な(?:確認|チェック|点検|レビュー|検証)(?:を(?:行う|実施する|する|行なう)|の)?(?:プロセス|仕組み|体制|機会|場|手順|フロー|ルール)(?:を|の)(?:設け|構築|整備|導入|作成|作|確立|策定)$/;
const JA_HABIT = /(?:分離|切り分け|切り分|見極め|判断|疑う|疑|意識|優先)(?:る|する)?$/;
const JA_CONDITION = /(?:時|際|場合)(?:は|には|に)?[、，]/;
/** What enforces a rule or puts it where the next person meets it. */
const JA_ENFORCED = /CI|lint|リンター|フック|hook|権限|IAM|ポリシー|自動|スクリプト|設定で|拒否|ブロック|検出|検知|チェック(?:ツール|機能)|仕組み|ガード|制限|アラート|テスト|バリデーション|項目に(?:入れ|追加)/i;
/** A note in brackets at the end of an item. */
const JA_NOTE_AT_END = /[（(][^（）()]*[）)][\s。．.]*$/;
/** Asking others to do it: 「…を徹底させるよう要請します」「…するよう依頼する」. */
const JA_REQUEST = /よう(?:に)?(?:要請|依頼|お願い|呼びかけ|呼び掛け|働きかけ|働き掛け|求め)$/;
/** Changing a procedure with nothing said about what changes: 「障害対応手順をアップグレードする」. */
const JA_PROCESS_UPDATE = /(?<=(?:手順|プロセス|運用|体制|ルール|フロー|仕組み|方針|マニュアル)(?:書)?(?:を|の))(?:改訂|更新|アップデート|アップグレード|刷新)$/;
/** A check with no rhythm: 「リリースノートの定期確認」 (redeemed only by a frequency: 月次, 毎週). */
const JA_PERIODIC = /定期(?:的に|的な|の)?(?:確認|チェック|見直し|点検)$/;
/** A kind of watching and nothing else: 「パフォーマンスモニタリングの導入」. */
const JA_GENERIC_WATCH = /^(?:[\p{Script=Han}\p{Script=Katakana}ー・]{0,8}の)?(?:パフォーマンス|性能|エラー|ログ)?(?:監視|モニタリング|可観測性)(?:の|を)(?:導入|追加|強化|実施|整備)$/u;

const JA_CATEGORY: [RegExp, VagueCategory][] = [
  [/監視|アラート|モニタリング|可観測|注視/, 'monitoring'],
  [/テスト|検証/, 'tests'],
  [/注意|気を|意識|心が|徹底|留意|周知/, 'care'],
  [/検討|調査/, 'investigate'],
  [/手順|プロセス|運用|体制|ドキュメント|レビュー/, 'process'],
];

const COMMON_HYPHENATED = new Set(['on-call', 'oncall', 'follow-up', 'follow-ups', 'e-mail', 're-run', 'set-up', 'real-time', 'end-to-end', 'long-term', 'short-term', 'self-service', 'pre-production', 'non-production', 'in-house', 'up-to-date', 'day-to-day', 'well-known', 'post-mortem', 'post-mortems', 'postmortem', 'sign-off', 'roll-out', 'roll-back', 'run-book', 'co-ordinate', 'third-party', 're-evaluate', 'e.g', 'i.e', 'etc.', 'and/or', 'n/a', 'high-level', 'low-level', 'first-class', 'best-effort', 'cross-team', 'team-wide', 'company-wide', 'org-wide', 'built-in', 'opt-in', 'opt-out', 'user-facing', 'customer-facing', 'in-depth', 'ad-hoc', 'ad hoc', 'double-check', 'long-running', 'short-lived', 'long-lived', 'fail-safe', 'failsafe', 'fine-grained', 'well-defined', 'step-by-step', 'up-front', 'read-only', 'self-hosted', 'multi-region', 'single-region']);

const MEASURE = /(?<![A-Za-z\d.])\d|%|\bp(?:50|9\d)\b|(?:>|<|≥|≤|=)|\b(?:daily|weekly|monthly|hourly|quarterly|nightly|yearly|annually|(?:every|per|each|once an?|twice an?) (?:release|deploy|deployment|change|quarter|sprint|week|month|day|hour|night|minute|run|build|commit|merge|pr|pull request|year)|twice)\b|以上|以下|未満|超え|以内|毎日|毎週|毎月|月次|週次|日次|四半期|ごとに|秒|分以内/i;
const VERSION = /\bv\d+(?:\.\d+)*\b/gi;
const ARTIFACT = /`[^`]+`|"[^"]{2,}"|“[^“”]{2,}”|「[^「」]+」|'[^'\s][^']*[^'\s]'/;
const IDENT = /(?:^|[\s(])((?:[A-Za-z0-9]+(?:[-_.:][A-Za-z0-9]+)+)|\/[\w.-]+(?:\/[\w.-]+)*)(?=$|[\s),.;:])/g;
const ASCII_NAME_IN_JA = /[A-Za-z][A-Za-z0-9_-]{2,}/;

/** The text cut before a trailing "owner: ..." or "due: ..." note, if one follows the last comma or semicolon. */
function dropTrailingOwnerNote(text: string): string {
  // One search after the last comma or semicolon: `/note[^,;]*$/` searched again from every note
  // before them.
  const from = Math.max(text.lastIndexOf(','), text.lastIndexOf(';')) + 1;
  const m = /\b(?:owner|assignee|assigned to|due|deadline)\s*[:=]/i.exec(text.slice(from));
  return m ? text.slice(0, from + m.index) : text;
}

/** Cleans an action cell: drops Markdown emphasis, link targets, ticket ids, owner notes and a checkbox. */
export function cleanAction(text: string): string {
  const beforeNote = linkText(removeComments(text).replace(/!\[[^\][]*\]\([^)\]]*\)/g, ''))
    .replace(/<https?:[^<>]+>|https?:\/\/\S+/g, '')
    .replace(/^\s*(?:\[[ xX]\]\s*)?/, '')
    // Template braces left around the words ("{{ Start writing after action reports }}"): the words are the item.
    .replace(/\{\{([^{}]*)\}\}/g, '$1')
    // A question mark before the item marks it as tentative ("? Fake drills"): the item is what follows.
    .replace(/^\?\s+/, '')
    .replace(/[*_]{1,3}(?=\S)|(?<=\S)[*_]{1,3}/g, '')
    .replace(/\((?:(?=[^()]*\))[^()]*\b(?:owner|assignee|due|by|pr|issue|ticket|done|jira)\b[^()]*|#\d+|[A-Z][A-Z0-9]+-\d+)\)/gi, '')
    .replace(/\b(?:[A-Z][A-Z0-9]+-\d+|GH-\d+|AI-\d+)\b:?|\[?#\d+\]?:?/g, '');
  return dropTrailingOwnerNote(beforeNote)
    .replace(/@[A-Za-z0-9][\w-]*(?:\/[\w-]+)?/g, '')
    .replace(/\b\d{4}-\d{2}-\d{2}\b/g, '')
    .replace(/^\s*(?:todo|action|ai|follow[- ]?up)\s*[:\-–—]\s*/i, '')
    .replace(/\s+/g, ' ')
    .trim();
}

// Words before the action that say nothing about it: a discourse opener ("Therefore", "Action
// point:"), then a subject and an auxiliary ("we need to", "I am also working with the provider to",
// "the IPS team is").
const OPENER = /^(?:\d{1,2}[.)]\s+|(?:when|whenever|after|once)\b[^,]{1,80},\s*(?=(?:we|i|the team)\b)|(?:already\s+)?(?:well\s+)?(?:into\s+)?(?:an?\s+)?(?:effort|efforts|initiative|project) (?:to|of)\s+|therefore|also|additionally|then|finally|lastly|next|firstly|secondly|thirdly|further(?:more)?|going forward|moving forward|in the future|longer[- ]term|short[- ]term|as a follow[- ]up|action point|action planned|action item|action|follow[- ]up|todo|ai|to do)\b\s*[:,\-–—]?\s*/i;
const SUBJECT = /^(?:we|i|our team|the team|team|the [\w-]+ team|[a-z][\w-]* team)\s+(?:(?:will|should|must|need to|needs to|have to|has to|are going to|is going to|am going to|plan to|plans to|intend to|want to|would like to|are|is|am|have|has)\s+)?(?:also\s+|already\s+)?(?:(?:be\s+)?(?:working|worked|work|going)\s+(?:closely\s+)?(?:with\s+[^,;]{1,120}?\s+)?to\s+)?|^we(?:'re|’re|'ll|’ll)\s+|^(?:we|i)\s+need\s+(?=a |an |to |more |better )/i;

/** People named by their role in the plural, then what they are told: "Admins should", "All engineers must". */
const ROLE_SUBJECT = /^(?:(?:all|the|our)\s+)?(?:admins|administrators|engineers|developers|operators|maintainers|reviewers|on-?callers|sres|staff|everyone|everybody|team members|contributors)\s+(?:should|must|need to|have to|are to|will)\s+(?:(?:also|always)\s+)?/i;

/** The action with the words before its verb taken away ("Therefore we need to find a way" -> "find a way"). */
/** A past effort before the action: "(We) tried to ...", "began to ...", "partnered with X to ...". */
const EFFORT_LEAD = /^(?:(?:tried|attempted|sought|began|started|aimed|planned|intended|wanted|hoped) to |(?:partnered|collaborated) with(?: (?!to\b)[\w'’-]{1,30}){1,6} to )/i;

/** A step's place in a sequence before the action: "First course of action, to ask ...", "Next step: ...". */
const STEP_LEAD = /^(?:the\s+)?(?:first|next|second|third|final|last)\s+(?:course of action|step|action)(?:\s+(?:is|will be))?\s*[:,\-–—]?\s*(?:to\s+)?/i;

/**
 * A commitment told as a state or a work in progress, after its subject ("we will be reviewing ...",
 * "we are committed to improving ...", "we are working diligently to ensure ...", "we are working on setting up ..."):
 * the work is the verb after it.
 */
const PROGRESS_LEAD = /^(?:(?:be|being)\s+)?(?:(?:(?:fully|firmly|deeply|strongly)\s+)?(?:committed|determined|dedicated)\s+to\s+|working\s+(?:(?:hard|diligently|actively|closely|urgently|quickly|\w+ly)\s+)?(?:on\s+ways\s+)?to\s+|working\s+on\s+(?=[a-z]{3,}ing\b))(?=[a-z])|^be\s+(?=[a-z]+ing\b)/i;

/** The action's core; `participle` gets the participle read as a base form, keyed by the core. */
function actionCore(text: string, participle?: Map<string, { written: string; base: string }>): string {
  let t = text;
  let ing: { written: string; base: string } | undefined;
  for (let k = 0; k < 3; k++) {
    const before = t;
    t = t.replace(STEP_LEAD, '').replace(OPENER, '').replace(SUBJECT, '').replace(ROLE_SUBJECT, '').replace(/^need to\s+/i, '').replace(EFFORT_LEAD, '');
    // "we will be reviewing our processes" -> "review our processes".
    const progress = PROGRESS_LEAD.exec(t);
    if (progress && t !== text) {
      t = t.slice(progress[0].length);
      t = t.replace(/^([a-z]+ing)\b/i, (w) => {
        ing = { written: w, base: baseOfIng(w) };
        return ing.base;
      });
    }
    if (t === before) break;
  }
  if (ing) participle?.set(t, ing);
  return t;
}

function isConcrete(rest: string, investigation: boolean): boolean {
  if (MEASURE.test(rest.replace(VERSION, ''))) return true;
  if (ARTIFACT.test(rest)) return true;
  if (investigation) return false;
  for (const m of rest.matchAll(IDENT)) if (!COMMON_HYPHENATED.has(m[1].toLowerCase()) && !/^(?:e\.g|i\.e)$/i.test(m[1])) return true;
  const names = new Set([...rest.matchAll(/(?<=\s)(?:[A-Z][a-z]+[A-Z]\w*|[A-Z]{2,}[a-z]*\w*|[A-Z][a-z]{2,})\b/g)].map((m) => m[0]).filter((w) => !/^(?:I|We|The|A|An|This|That|It|And|Or|If|When|SRE|API|APIs|DNS|CI|CD|UI|UX|TLS|SSL|HTTP|HTTPS|PR|PRs|MR|TODO|ASAP|Make|Ensure|SDK|SDKs|SLA|SLAs|SLO|SLOs|QA|AWS)$/.test(w)));
  // Two or more proper names (a product and a component) name a place precisely enough.
  if (names.size >= 2) return true;
  return false;
}

/** Whether the rest of an action redeems its lead, by the lead's kind of redemption. */
function redeemed(said: string, how: Redeem): boolean {
  // A deliverable told only as an idea or an option ("One idea we are pursuing is to ... via a chat bot") is not chosen yet.
  const rest = how === 'strict' ? said.split(/(?<=[.!?])\s+/).filter((x) => !IDEA_ONLY.test(x)).join(' ') : said;
  const measured = MEASURE.test(rest.replace(VERSION, ''));
  switch (how) {
    case 'never':
      return false;
    case 'answer':
      return DATED.test(rest) || CONCRETE_STEP.test(rest) || decidedEnd(rest);
    case 'strict':
      if (HEDGE.test(rest)) return false;
      if (measured || MECHANISM.test(rest) || DATED.test(rest) || CONCRETE_STEP.test(rest)) return true;
      // A named artefact: the noun of a thing and its name ("the `disk-full` alert").
      return ARTIFACT_NOUN.test(rest) && isConcrete(rest, false);
    case 'named':
      return isConcrete(rest, false);
    case 'review':
      return DATED.test(rest) || CONCRETE_STEP.test(rest) || MEASURE.test(rest.replace(VERSION, '')) || REVIEW_OUTPUT.test(rest) || isConcrete(rest, false);
    case 'content':
      // What changes in it: "to include a check for running backups", "with the rollback steps".
      return measured || DATED.test(rest) || CONCRETE_STEP.test(rest) || MECHANISM.test(rest) || isConcrete(rest, false) || CONTENT_GIVEN.test(rest);
    case 'choice':
      // What it will be, named: a product ("to a different DNS provider, Route 53"), code or a value.
      return measured || DATED.test(rest) || CONCRETE_STEP.test(rest) || isConcrete(rest, false) || /\s[A-Z][\w-]*[A-Z0-9]|\s[A-Z][a-z]+(?=\s|[.,;)]|$)/.test(rest.replace(/(?:^|[.!?]\s+)[A-Z]\w*/g, ' '));
  }
}

function categoryOf(category: VagueCategory, text: string): VagueCategory {
  if (category === 'improve' || category === 'tests' || category === 'process') {
    if (/monitor|alert|observab|visibility|metric|dashboard|logging|logs\b/i.test(text)) return 'monitoring';
    if (/\btest/i.test(text)) return 'tests';
  }
  return category;
}

/** Words that say what kind of watching, never what is watched: "proactive alerts", "additional monitoring". */
const WATCH_KIND = '(?:some|basic|proper|proactive|reactive|automated|automatic|active|additional|extra|further|more|better|comprehensive|general|generic|adequate|sufficient|appropriate|relevant|necessary|continuous|centrali[sz]ed|real-time)';
/**
 * Watching named only by its kind ("Implement proactive alerts") or by a place ("Implement monitoring
 * on Kyverno", "Add metrics for the payments service to improve visibility"): nothing about what is
 * watched or when it fires.
 */
const GENERIC_WATCH = new RegExp(`^(?:add|adding|implement|implementing|set ?up|setting up|introduce|introducing|enable|enabling|put in place|create|creating|build|building)\\s+(?:${WATCH_KIND}\\s+){0,2}(?:monitoring|alerting|observability|logging|alerts|alarms|metrics|dashboards|telemetry|instrumentation)(?![\\w-])`, 'i');
const WATCH_PLACE = /^\s+(?:on|of|for|to|in|around|across)\s+/i;
/** A purpose that is itself a direction: "to improve visibility of ...", "for better insight". */
const WATCH_GOAL = /(?<!\s)\s+(?:(?:in order )?to (?:improve|increase|get|gain|give|provide|have|help|enhance|boost)\b(?: \w+){0,2}? (?:visibility|insights?|observability|awareness|understanding|transparency|overview|detection|view)\b|for (?:better|more|improved|increased|greater) (?:visibility|insights?|observability|awareness|understanding|transparency|detection)\b)/i;
/** The head of a place that is a component, not a quantity: "the federation-redirect service". */
const COMPONENT_HEAD = /\b(?:service|services|cluster|clusters|server|servers|node|nodes|host|hosts|instance|instances|app|apps|application|applications|api|apis|database|databases|db|system|systems|component|components|pipeline|pipelines|job|jobs|endpoint|endpoints|site|website|platform|stack|environment|infrastructure|workers?|queues?)$/i;

/** Retuning what exists, with nothing said about what changes: "We're updating our warnings to let us fix the problem before it becomes one". */
const RETUNE_WATCH = /^(?:update|updating|adjust|adjusting|tune|tuning|tweak|tweaking|revise|revising|rework|reworking|change|changing)\s+(?:our|the|all|existing|current)\s+(?:(?:existing|current|monitoring|alerting)\s+)?(?:warnings|alerts|alerting|monitoring|alarms|thresholds|alert thresholds|alert rules)(?![\w-])/i;
/** When a watch fires: its condition ("when lag exceeds", "if the queue stops"). */
const WATCH_CONDITION = /\b(?:when|whenever|if|once|above|below|exceeds?|exceeding|drops?|falls?|rises?|reaches?|stops?|fails?|over|under|within)\b/i;

function genericWatch(text: string): string | undefined {
  const r = RETUNE_WATCH.exec(text);
  if (r) {
    const after = text.slice(r[0].length);
    // Nothing after it, or only a purpose that names no condition, measure or artefact.
    if (/^[.;!]?$/.test(after.trim()) || (/^\s+(?:to|so(?: that)?|in order to)\s/i.test(after) && !WATCH_CONDITION.test(after) && !MEASURE.test(after.replace(VERSION, '')) && !ARTIFACT.test(after) && !MECHANISM.test(after))) return r[0].trim();
    return undefined;
  }
  const w = GENERIC_WATCH.exec(text);
  if (!w) return undefined;
  const plain = (s: string) => !MEASURE.test(s.replace(VERSION, '')) && !ARTIFACT.test(s) && !MECHANISM.test(s);
  const after = text.slice(w[0].length);
  const lead = w[0].trim();
  // Only the kind, perhaps with a direction for a purpose, or further sentences that add nothing
  // measurable ("Implement proactive alerts. This is a longstanding issue."). Turning on a kind of
  // logging or alerting somewhere ("Enable logging") is a setting, not a kind.
  const goal = WATCH_GOAL.exec(after);
  if (!/^enabl/i.test(lead) && (/^\s*$|^[.;!](?:\s|$)/.test(after) || goal?.index === 0)) return plain(after) ? lead : undefined;
  const place = WATCH_PLACE.exec(after);
  if (!place) return undefined;
  const rest = after.slice(place[0].length).trim();
  // A short place after a kind of watching ("monitoring on Kyverno"); metrics, dashboards and the like
  // "for" a few words name what they measure ("metrics for replica lag") unless the words are a component.
  const measuring = /(?:metrics|dashboards|telemetry|instrumentation|alarms)$/i.test(lead);
  if (rest.split(/\s+/).length <= 3 && plain(rest) && (!measuring || COMPONENT_HEAD.test(rest.replace(/(?<![.;!])[.;!]+$/, '')))) return lead;
  // A component followed only by a direction for a purpose: "for the search service to improve visibility".
  if (goal) {
    const where = after.slice(place[0].length, goal.index).trim();
    if (where.split(/\s+/).length <= 4 && COMPONENT_HEAD.test(where) && plain(where) && plain(after.slice(goal.index))) return lead;
  }
  return undefined;
}

/** What may follow a checklist item and still leave it bare: a pointer elsewhere ("(see Prevention section)"), or nothing. */
const POINTER_ONLY = /^(?:[.;!]|[(（]\s*(?:see|cf\.?|refer to|per|as in|details in)\b[^()（）]*[)）][.;!]?|[-–—]\s*see\b[^\n]*)?$/i;
/** A check of a quality with no criterion: "Verify cluster health", "Test application functionality". */
const QUALITY_CHECK = /^(?:verify|validate|check|test|confirm|monitor|assess|ensure)\s+(?:[\w-]+\s+){0,3}?(?:health|healthiness|functionality|functionalities|stability|integrity|correctness|performance|reliability|quality|availability|security|consistency|behaviou?r|sanity|operation|everything|things)(?![\w-])/i;
/** Kinds of protection named by their kind only: "Implement safeguards", "Put in place additional measures". */
const GENERIC_MEASURES = /^(?:implement|add|introduce|put in place|create|build|set ?up|establish|deploy|take|adopt|apply)\s+(?:(?:additional|appropriate|necessary|proper|adequate|further|more|some|better|preventive|preventative|protective|extra|new|suitable|sufficient|relevant|the|all|any|such)\s+){0,2}(?:safeguards|measures|controls|protections|guardrails|guard rails|mitigations|improvements|countermeasures|counter-measures|precautions|safety measures|safety nets|defen[cs]es)(?![\w-])/i;
/** A plan named by its kind only: "Create backup strategy", "Define a rollback plan". */
const GENERIC_PLAN = /^(?:create|define|develop|establish|write|draft|design|come up with|put together|agree on|decide on)\s+(?:(?:a|an|the|our|some)\s+)?(?:[\w-]+\s+){0,2}?(?:strategy|strategies|plan|plans|policy|policies|approach|framework)(?![\w-])/i;
/** A plan named as a topic, nothing in it: "Database backup strategy", "Rollback plan". */
const PLAN_TOPIC = /^(?:[\w-]+\s+){1,3}(?:strategy|strategies|plan|plans|policy|policies|approach|framework)(?![\w-])/i;
/**
 * A quality word with no target: "Set up proper database backups", "Regular backups outside cluster",
 * "Run periodic restore tests". "Regular" and its kin say how often only before an activity ("regular
 * backups"); before a thing they classify it ("periodic jobs", "regular expressions").
 */
const NO_TARGET_QUALITY = /^(?:(?:set ?up|add|implement|create|establish|configure|put in place|introduce|have|get|use|enable|provide|build|deploy|do|perform|run|schedule|conduct|write|define|maintain|keep|take|make)\s+(?:(?:a|an|the|some|our|more)\s+)?)?(?:(?:proper|properly configured|appropriate|adequate|sufficient|suitable|reasonable|decent|more (?:robust|reliable|resilient|comprehensive|thorough))(?=\s+[\w/-])|(?:regular|periodic|frequent|routine)(?=\s+(?:[\w-]+\s+){0,2}?(?:backups?|snapshots?|audits?|reviews?|tests|testing|drills?|exercises?|checks|restores?|restore tests|scans?|patching|updates|upgrades|rotations?|maintenance|training|trainings|game ?days|fire drills)(?![\w-])))/i;
/** No artefact chosen yet: "Implement a form of validation ...", "Add some kind of rate limiting". */
const FORM_OF = /^(?:(?:implement|add|introduce|put in place|create|build|set ?up|establish|develop|design|provide|use|adopt|consider|explore|find)\s+)?(?:a|some|any)\s+(?:form|kind|sort|type)s?\s+of\b/i;

/**
 * A checklist item whose object names only a quality, a kind of protection, a kind of plan, a
 * quality word with no target, or "some form of" a thing: nothing that would exist when it is done.
 * Returns the lead, or undefined when the item names what will exist (a measure, an artefact, a
 * mechanism, a date, a second step).
 */
function genericObject(text: string): { lead: string; category: VagueCategory } | undefined {
  const plain = (s: string) => !MEASURE.test(s.replace(VERSION, '')) && !ARTIFACT.test(s) && !MECHANISM.test(s) && !DATED.test(s) && !CONCRETE_STEP.test(s);
  const kinds: [RegExp, VagueCategory][] = [[QUALITY_CHECK, 'tests'], [GENERIC_MEASURES, 'care'], [GENERIC_PLAN, 'process'], [PLAN_TOPIC, 'process']];
  for (const [re, category] of kinds) {
    const q = re.exec(text);
    if (q && POINTER_ONLY.test(text.slice(q[0].length).trim())) return { lead: q[0].trim(), category };
  }
  const n = NO_TARGET_QUALITY.exec(text);
  if (n) {
    const rest = text.slice(n[0].length);
    // A few words with nothing named in them: a schedule, a place, a number or a name would give the target.
    if (text.split(/\s+/).length <= 8 && plain(rest) && !isConcrete(rest, false) && !/[:：]/.test(rest) && !/\b(?:with|using|through)\s+(?:`|[A-Z])/.test(rest)) {
      // The lead goes on to the thing it qualifies: "Set up proper database backups", "Regular backups".
      const thing = /^(?:\s+(?!(?:of|for|in|on|to|outside|inside|across|at|from|with|and|or)\b)[\w/-]+){1,3}/i.exec(rest);
      return { lead: (n[0] + (thing ? thing[0] : '')).trim(), category: 'improve' };
    }
  }
  // "Some form of" a thing has not chosen it: only a measure or a quoted name says what it will be.
  const f = FORM_OF.exec(text);
  if (f && plain(text.slice(f[0].length))) {
    const thing = /^(?:\s+(?!(?:of|for|in|on|to|at|from|with|and|or|either)\b)[\w/-]+){1,3}/i.exec(text.slice(f[0].length));
    return { lead: (f[0] + (thing ? thing[0] : '')).trim(), category: 'process' };
  }
  return undefined;
}

/** An open question: "Can we use ACM instead of Let's Encrypt? Ticket raised #3263", "How we can get visibility of X". */
const QUESTION_OPENER = /^(?:how|what|why|which|whether|where|when)\s+(?:to|we|do|does|did|can|could|should|would|will|is|are|was|were|the|our|much|many|long|often)\b|^(?:can|could|should|shall|do|does|would|is|are)\s+(?:we|i|the|our|it|they|this|that)\b/i;
/** What answers a question item: something that exists now (a runbook page, a PR, a fix), not a ticket that asks it again. */
const ANSWERED = /\b(?:runbook|playbook|page|doc|docs|document|documentation|pr|pull request|commit|adr|rfc|decision|decided|answer|answered|done|completed|fixed|resolved|yes|no)\b/i;

function openQuestion(text: string): string | undefined {
  const qm = text.indexOf('?');
  let question: string;
  let after: string;
  if (qm > 0) {
    question = text.slice(0, qm);
    after = text.slice(qm + 1);
  } else {
    if (!QUESTION_OPENER.test(text)) return undefined;
    const stop = /[.;:](?:\s|$)/.exec(text);
    question = stop ? text.slice(0, stop.index) : text;
    after = stop ? text.slice(stop.index + 1) : '';
  }
  if (!QUESTION_OPENER.test(question) && !/^(?:[\w'’-]+\s+){0,2}(?:if|whether)\b/i.test(question) && qm < 0) return undefined;
  if (MEASURE.test(question.replace(VERSION, '')) || ANSWERED.test(after)) return undefined;
  return question;
}

/**
 * A direction told in the passive: "The process should be improved to help detect regressions",
 * "The runbook needs to be reviewed", "Additional validation checks are being added to our CD
 * pipeline". Read as the active item it stands for ("improve the process ...", "add additional
 * validation checks ..."); work reported as done ("was added", "has been moved") is not matched.
 */
const PASSIVE_AUX = /\s(?:is|are|will|shall|should|must|needs? to|has to|have to|ought to|can|could|would)\s+(?:(?:also|still|now|then|further|first|need to)\s+)?(?:be|being)\s+(?:(?:further|properly|better|regularly|periodically|also|first)\s+)?([a-z-]+ed|built|written|rewritten|made|run|done|set up|taken|given|shown|kept|brought|sent|put|set|undertaken)\b/i;

function passiveDirection(text: string): { active: string; lead: string } | undefined {
  const m = PASSIVE_AUX.exec(text);
  if (!m) return undefined;
  // The subject: a noun phrase of a few words before the auxiliary, nothing of another clause.
  const subject = text.slice(0, m.index).trim();
  const words = subject.split(/\s+/);
  if (!subject || words.length > 8 || /[,;:.!?()]/.test(subject) || /^(?:we|i|you|they|he|she)$/i.test(subject)) return undefined;
  const end = m.index + m[0].length;
  return { active: `${baseForm(m[1])} ${subject}${text.slice(end)}`, lead: text.slice(0, end).trim() };
}

/** Judges one action. Returns the verdict when it is vague, else undefined. */
export function judgeAction(raw: string, extraVerbs: readonly string[] = []): VagueVerdict | undefined {
  let cleaned = cleanAction(raw);
  if (/[:：]$/.test(cleaned)) {
    // A heading for a sub-list that holds the specifics ("Ensure alerting is in place for:"), unless
    // what follows the colon is only a link or a ticket ("Uptime and alerting issue: <link>").
    const colon = /[:：](?=\s)/.exec(raw);
    if (!colon || !/^\s*(?:<?https?:\/\/\S+|\[[^\][]*\]\([^()]*\)\.?|\[?#\d+\]?\.?|[A-Z][A-Z0-9]+-\d+\.?)\s*$/.test(raw.slice(colon.index + 1))) return undefined;
    cleaned = cleaned.slice(0, -1).trimEnd();
  }
  if (!cleaned) return undefined;
  const leadIn = (lead: string) => {
    const i = raw.toLowerCase().indexOf(lead.toLowerCase());
    return i >= 0 ? { leadStart: i, leadEnd: i + lead.length } : { leadStart: 0, leadEnd: raw.length };
  };
  if (hasJapanese(cleaned)) return judgeJapanese(cleaned, leadIn);
  const participle = new Map<string, { written: string; base: string }>();
  const text = actionCore(cleaned, participle);
  if (!text) return undefined;
  const v = judgeEnglish(text, extraVerbs, leadIn);
  // A lead read from a participle ("reviewing our processes" read as "review our processes") is quoted as written.
  const ing = participle.get(text);
  if (!v || !ing || !v.lead.toLowerCase().startsWith(ing.base)) return v;
  const lead = ing.written + v.lead.slice(ing.base.length);
  return { ...v, lead, ...leadIn(lead) };
}

function judgeEnglish(text: string, extraVerbs: readonly string[], leadIn: (lead: string) => { leadStart: number; leadEnd: number }): VagueVerdict | undefined {
  const passive = passiveDirection(text);
  if (passive) {
    const v = judgeAction(passive.active, extraVerbs);
    return v && { lead: passive.lead, category: v.category, ...leadIn(passive.lead) };
  }
  const question = openQuestion(text);
  if (question !== undefined) {
    const first = question.split(/\s+/).slice(0, 3).join(' ');
    return { lead: first, category: 'investigate', ...leadIn(first) };
  }
  const watch = genericWatch(text);
  if (watch) return { lead: watch, category: 'monitoring', ...leadIn(watch) };
  const generic = genericObject(text);
  if (generic) return { lead: generic.lead, category: categoryOf(generic.category, text), ...leadIn(generic.lead) };
  for (const l of LEADS) {
    const m = l.re.exec(text);
    if (!m) continue;
    if (redeemed(text.slice(m[0].length), l.redeem)) return undefined;
    // A review is told by what it reads: "Review all destructive Terraform resources", not "Review".
    const read = l.redeem === 'review' ? /^(?:\s+(?!(?:to|for|and|or|with|by|before|after|in|on|at|so)\b)[\w'’/-]+){1,5}/i.exec(text.slice(m[0].length)) : null;
    const lead = (m[0] + (read ? read[0] : '')).trim();
    return { lead, category: categoryOf(l.category, text), ...leadIn(lead) };
  }
  for (const v of extraVerbs) {
    const re = new RegExp(`^${escapeRegExp(v)}(?![\\w-])`, 'i');
    const m = re.exec(text);
    if (!m) continue;
    if (isConcrete(text.slice(m[0].length), true)) return undefined;
    return { lead: m[0], category: 'improve', ...leadIn(m[0]) };
  }
  // No direction verb opens it: a goal with no end state, a guess, an open question, or a title.
  const measured = MEASURE.test(text.replace(VERSION, '')) || /\bthan\b/i.test(text);
  const first = text.split(/\s+/).slice(0, 3).join(' ');
  const make = MAKE_COMPARATIVE.exec(text);
  if (make && !measured && !MECHANISM.test(text) && !FORM_SPECIFIED.test(text.slice(make.index + make[0].length))) return { lead: make[0], category: categoryOf('improve', text), ...leadIn(make[0]) };
  if (/\?\s*$/.test(text) && !measured) return { lead: first, category: 'investigate', ...leadIn(first) };
  if (SPECULATIVE.test(text) && !measured && !CONCRETE_VERB.test(text)) return { lead: first, category: 'investigate', ...leadIn(first) };
  const undecided = UNDECIDED.exec(text);
  if (undecided && !measured && !CONCRETE_VERB.test(text) && !isConcrete(text, false) && !ARTIFACT_NOUN.test(text)) {
    const open = text.slice(undecided.index).split(/[.?!;…]/)[0].trim();
    return { lead: open, category: 'investigate', ...leadIn(open) };
  }
  const comp = COMPARATIVE_GOAL.exec(text) ?? COMPARATIVE_OUTPUT.exec(text);
  if (comp && !measured && !MECHANISM.test(text) && !CONCRETE_VERB.test(text)) return { lead: comp[0], category: categoryOf('improve', text), ...leadIn(comp[0]) };
  // A quantity that only grows, with no end to it: "End-to-end tests that utilize more and more modules in different ways".
  const growing = GROWING.exec(text);
  if (growing && !measured && !ARTIFACT.test(text) && !MECHANISM.test(text)) return { lead: growing[0], category: categoryOf('improve', text), ...leadIn(growing[0]) };
  if (CONTINUING.test(text) && !measured && !MECHANISM.test(text)) {
    const c = CONTINUING.exec(text)!;
    return { lead: c[0], category: categoryOf('improve', text), ...leadIn(c[0]) };
  }
  if (PROCESS_TOPIC.test(text) && !measured && !ARTIFACT.test(text) && !CONCRETE_VERB.test(text)) {
    const p = PROCESS_TOPIC.exec(text)!;
    return { lead: p[0].trim(), category: 'process', ...leadIn(p[0].trim()) };
  }
  if (TOPIC_GENERIC.test(text)) return { lead: text, category: categoryOf('improve', text), ...leadIn(text) };
  if (PROBLEM_TOPIC.test(text) && !CONCRETE_VERB.test(text) && !measured && !ARTIFACT.test(text)) return { lead: text, category: 'fix', ...leadIn(text) };
  // A topic with no verb and nothing named: no product or component (a capitalised word after the first), no code, no number.
  // Owners in parentheses at the end ("(Scott/Paul)") name who, not what.
  const topic = text.slice(0, ownersAtEnd(text)?.index).trimEnd();
  const unnamed = !measured && !ARTIFACT.test(topic) && !CONCRETE_VERB.test(topic) && !/\s[A-Z]/.test(topic);
  if (unnamed && TOPIC_ACTIVITY.test(topic)) return { lead: topic, category: categoryOf('tests', text), ...leadIn(topic) };
  const worth = WORTH_WEIGHED.exec(text);
  if (worth && !measured && !CONCRETE_VERB.test(text)) return { lead: worth[0], category: 'investigate', ...leadIn(worth[0]) };
  const problem = PROBLEM_STATED.exec(topic);
  if (problem && unnamed) return { lead: problem[0], category: 'fix', ...leadIn(problem[0]) };
  return undefined;
}

/** Concrete templates (VS Code snippet syntax) per category and locale. */
export const TEMPLATES: Record<'en' | 'ja', Record<VagueCategory, string>> = {
  en: {
    monitoring: 'Add ${1:metric} to ${2:dashboard} and alert when ${3:condition}',
    tests: 'Add a test to ${1:suite} that fails when ${2:condition}',
    investigate: 'Find why ${1:symptom} happened and record the answer in ${2:ticket} by ${3:date}',
    care: 'Add a check to ${1:pipeline} that blocks ${2:change} when ${3:condition}',
    process: 'Update ${1:runbook} to cover ${2:case}',
    fix: 'Fix ${1:defect} in ${2:component} and add a test that covers it',
    improve: 'Change ${1:component} so that ${2:measure} reaches ${3:target}',
  },
  ja: {
    monitoring: '${1:ダッシュボード}に${2:指標}を追加し、${3:条件}のときにアラートを出す',
    tests: '${1:テストスイート}に${2:条件}で失敗するテストを追加する',
    investigate: '${1:事象}の原因を調べ、${3:期日}までに${2:チケット}に記録する',
    care: '${1:パイプライン}に${3:条件}のとき${2:変更}を止めるチェックを追加する',
    process: '${1:手順書}に${2:ケース}の手順を追記する',
    fix: '${2:コンポーネント}の${1:不具合}を修正し、それを検出するテストを追加する',
    improve: '${1:コンポーネント}を変更し、${2:指標}を${3:目標}にする',
  },
};

/** The plain-text form of a snippet: `${1:metric}` -> `METRIC` (Japanese: 〈指標〉). */
export function snippetToText(snippet: string): string {
  return snippet.replace(/\$\{\d+:([^}$]*)\}/g, (_, p: string) => (/[^\x00-\x7f]/.test(p) ? `〈${p}〉` : p.toUpperCase()));
}

// Verdicts per list of extra verbs, then per action text: judgeAction reads nothing but these two,
// and the same actions come back on every check of a document and across the reports of a folder
// ("Improve monitoring"). Verdicts are shared between callers and must be treated as read-only.
const verdicts = new Map<string, Map<string, VagueVerdict | null>>();
const MAX_VERDICTS = 20000;

/** judgeAction, remembered by text (and extra verbs). */
export function judgeActionCached(raw: string, extraVerbs: readonly string[] = []): VagueVerdict | undefined {
  const verbsKey = extraVerbs.join('\u0000');
  let byText = verdicts.get(verbsKey);
  if (!byText) {
    if (verdicts.size >= 50) verdicts.clear();
    verdicts.set(verbsKey, (byText = new Map()));
  }
  let v = byText.get(raw);
  if (v === undefined) {
    if (byText.size >= MAX_VERDICTS) byText.clear();
    byText.set(raw, (v = judgeAction(raw, extraVerbs) ?? null));
  }
  return v ?? undefined;
}
