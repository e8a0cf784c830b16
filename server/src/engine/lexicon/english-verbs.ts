// Just enough English verb morphology to turn "should have checked" into "check" for a rewrite.

const IRREGULAR: Record<string, string> = {
  run: 'run', ran: 'run', read: 'read', seen: 'see', saw: 'see', known: 'know', knew: 'know',
  taken: 'take', took: 'take', done: 'do', did: 'do', made: 'make', kept: 'keep', caught: 'catch',
  given: 'give', gave: 'give', gone: 'go', went: 'go', written: 'write', wrote: 'write', put: 'put',
  set: 'set', sent: 'send', built: 'build', thought: 'think', told: 'tell', let: 'let', shut: 'shut',
  found: 'find', got: 'get', gotten: 'get', held: 'hold', left: 'leave', brought: 'bring',
  understood: 'understand', spoken: 'speak', spoke: 'speak', chosen: 'choose', chose: 'choose',
  woken: 'wake', begun: 'begin', began: 'begin', rolled: 'roll', called: 'call', pulled: 'pull',
  filled: 'fill', killed: 'kill', installed: 'install', polled: 'poll', spelled: 'spell',
  paid: 'pay', said: 'say', heard: 'hear', felt: 'feel', meant: 'mean', been: 'be', had: 'have',
  missed: 'miss', passed: 'pass', pressed: 'press', accessed: 'access', processed: 'process',
  addressed: 'address', discussed: 'discuss', assessed: 'assess', stressed: 'stress',
};

const E_ENDINGS = /(?:at|it|iz|is|ic|ur|uc|us|ov|iv|lv|rv|av|ev|ag|ug|dg|ng|rg|ir|or|ar|ut|ot|ac|oc|ec|rc|nc|pl|bl|gl|dl|tl|kl|fl|ap|yz|ys|ok|ik|ak|ok|os|ud|id|od|ad|ed|ar)$/;
const KEEP_ED_STEM = new Set(['check', 'test', 'want', 'need', 'start', 'alert', 'revert', 'deploy', 'monitor', 'report', 'follow', 'review', 'look', 'ask', 'wait', 'act', 'reach', 'push', 'merge', 'roll', 'lock', 'block', 'flag', 'add', 'load', 'fail', 'open', 'answer', 'consider', 'remember', 'verify', 'notify', 'restart', 'patch', 'watch', 'warn', 'mention', 'request', 'expect', 'reject', 'select', 'protect', 'detect', 'correct', 'connect', 'collect', 'inspect', 'respect', 'attempt', 'adopt', 'insist', 'assist', 'resist', 'persist', 'list', 'post', 'host', 'boost', 'trust', 'adjust', 'edit', 'visit', 'limit', 'audit', 'commit', 'submit', 'admit', 'omit', 'paint', 'print', 'point', 'count', 'mount', 'mark', 'park', 'work', 'walk', 'talk', 'track', 'pick', 'kick', 'click', 'stick', 'hack', 'pack']);

/** Base form of a past tense or past participle ("checked" -> "check", "noticed" -> "notice"). */
export function baseForm(word: string): string {
  const w = word.toLowerCase();
  if (IRREGULAR[w]) return IRREGULAR[w];
  if (!w.endsWith('ed') || w.length < 4) return w;
  if (w.endsWith('ied')) return w.slice(0, -3) + 'y';
  const stem = w.slice(0, -2);
  if (KEEP_ED_STEM.has(stem)) return stem;
  if (/([bdgmnprt])\1$/.test(stem)) return stem.slice(0, -1);
  if (w.endsWith('eed')) return stem;
  if (E_ENDINGS.test(stem) && !/(?:er|en|el|om|on|ow|aw|ew|ay|ey|oy)$/.test(stem)) return stem + 'e';
  return stem;
}

/** Base form of a present participle ("reviewing" -> "review", "improving" -> "improve", "setting" -> "set"). */
export function baseOfIng(word: string): string {
  const w = word.toLowerCase();
  if (!w.endsWith('ing') || w.length < 5) return w;
  if (w.endsWith('ssing')) return w.slice(0, -3);
  if (/(?<!bi)asing$/.test(w)) return w.slice(0, -3) + 'e';
  return baseForm(w.slice(0, -3) + 'ed');
}

export function capitalize(s: string): string {
  return s ? s[0].toUpperCase() + s.slice(1) : s;
}
