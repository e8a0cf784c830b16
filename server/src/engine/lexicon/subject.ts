// Who does the verb? A small, token-based reading of an English clause: enough to tell a person
// ("Priya", "@dana", "he", "I", "the on-call engineer", "the developer creating the pull request")
// from a team ("we", "the team") and from a system ("the load balancer", "Terraform") as the subject
// of a verb. It works on words, not on one large regular expression, so its cost is linear in the
// clause and it never back-tracks.

export type SubjectKind = 'individual' | 'team';

export interface Subject {
  start: number;
  end: number;
  kind: SubjectKind;
  /** True when the subject is only a capitalized word nobody declared a person (see isGivenNameShape). */
  generic: boolean;
}

interface Tok {
  w: string;
  lw: string;
  start: number;
  end: number;
}

const WORD = /[@\p{L}\p{N}][\p{L}\p{M}\p{N}'’_-]*|[,;:()—–]/gu;

function tokens(text: string, from: number, to: number): Tok[] {
  const out: Tok[] = [];
  WORD.lastIndex = 0;
  const piece = text.slice(from, to);
  for (const m of piece.matchAll(WORD)) out.push({ w: m[0], lw: m[0].toLowerCase(), start: from + m.index!, end: from + m.index! + m[0].length });
  return out;
}

const ROLE_NOUNS = new Set([
  'engineer', 'developer', 'admin', 'administrator', 'sysadmin', 'dba', 'employee', 'intern', 'contractor', 'reviewer',
  'committer', 'maintainer', 'responder', 'colleague', 'technician', 'on-call', 'oncall', 'on-caller', 'oncaller',
  'operator', 'author', 'programmer', 'coder', 'person', 'individual', 'teammate', 'hire', 'staffer', 'approver',
  'deployer', 'sre', 'devops', 'manager', 'lead', 'member',
]);
/** Role nouns that also name software ("the operator", "the manager", "the lead"): only with a human modifier. */
const AMBIGUOUS_ROLES = new Set(['operator', 'manager', 'lead', 'member', 'person', 'individual', 'author', 'hire']);
const HUMAN_MODIFIERS = new Set(['human', 'team', 'staff', 'new', 'junior', 'senior', 'release', 'incident', 'on-call', 'oncall', 'engineering', 'responsible', 'same', 'one']);
const DETERMINERS = new Set(['the', 'a', 'an', 'our', 'one', 'that', 'this', 'another', 'same', 'their', 'his', 'her', 'my']);
const ROLE_ADJ = new Set(['new', 'junior', 'senior', 'responsible', 'lead', 'release', 'database', 'devops', 'sre', 'platform', 'support', 'infra', 'infrastructure', 'ops', 'primary', 'secondary', 'backup', 'on-call', 'oncall', 'human', 'team', 'staff', 'incident', 'security', 'backend', 'frontend', 'same', 'other', 'second', 'first', 'only', 'individual', 'engineering']);
const PRONOUNS = new Set(['he', 'she', 'someone', 'somebody', 'i']);
const TEAM_WORDS = new Set(['we']);
export const ADVERBS = new Set([
  'then', 'also', 'accidentally', 'mistakenly', 'inadvertently', 'carelessly', 'simply', 'just', 'apparently', 'clearly',
  'obviously', 'still', 'again', 'unfortunately', 'later', 'subsequently', 'initially', 'completely', 'totally', 'somehow',
  'unintentionally', 'wrongly', 'erroneously', 'errantly', 'really', 'probably', 'definitely', 'certainly', 'never', 'already',
  'immediately', 'quickly', 'hurriedly', 'explicitly', 'actually', 'ultimately', 'eventually', 'too', 'themselves', 'himself', 'herself', 'myself',
]);
/** Capitalized words that open sentences or name things, never a person in this field. */
const NOT_PERSON = new Set([
  'the', 'this', 'that', 'it', 'its', 'we', 'they', 'our', 'then', 'there', 'when', 'after', 'before', 'during', 'and', 'but',
  'if', 'so', 'also', 'nobody', 'no', 'nothing', 'everyone', 'everybody', 'anyone', 'all', 'none', 'each', 'every', 'some',
  'these', 'those', 'which', 'what', 'who', 'why', 'how', 'where', 'while', 'since', 'because', 'although', 'though', 'as',
  'once', 'until', 'unless', 'however', 'still', 'yet', 'thus', 'hence', 'therefore', 'meanwhile', 'finally', 'later',
  'team', 'sre', 'ops', 'platform', 'support', 'engineering', 'oncall', 'on-call', 'incident', 'commander', 'bot', 'system',
  'automation', 'deploy', 'deployment', 'ci', 'cd', 'pagerduty', 'grafana', 'prometheus', 'alertmanager', 'slack', 'github',
  'gitlab', 'jenkins', 'datadog', 'sentry', 'kubernetes', 'aws', 'gcp', 'azure', 'opsgenie', 'customer', 'customers', 'user',
  'users', 'security', 'infra', 'infrastructure', 'database', 'backend', 'frontend', 'data', 'release', 'manager', 'lead',
  'owner', 'tbd', 'unknown', 'monitoring', 'alerting', 'staging', 'production', 'prod', 'terraform', 'docker', 'kafka', 'redis',
  'postgres', 'postgresql', 'mysql', 'nginx', 'traefik', 'consul', 'vault', 'helm', 'ansible', 'puppet', 'chef', 'linux',
  'windows', 'google', 'amazon', 'microsoft', 'cloudflare', 'fastly', 'akamai', 'heroku', 'vercel', 'netlify', 'elastic',
  'elasticsearch', 'opensearch', 'kibana', 'logstash', 'fluentd', 'loki', 'tempo', 'jaeger', 'zookeeper', 'etcd', 'envoy',
  'istio', 'argo', 'argocd', 'flux', 'tide', 'prow', 'boskos', 'cron', 'systemd', 'bash', 'python', 'node', 'java', 'rust',
  'go', 'ruby', 'rails', 'django', 'react', 'chrome', 'firefox', 'safari', 'ios', 'android', 'apple', 'email', 'mail',
  'nobody', 'somebody', 'everybody', 'git', 'npm', 'pip', 'cargo', 'omnibus', 'pgbouncer', 'pgpool', 'haproxy', 'varnish',
  'memcached', 'cassandra', 'mongodb', 'mongo', 'rabbitmq', 'celery', 'sidekiq', 'resque', 'airflow', 'spark', 'hadoop',
  'hive', 'presto', 'trino', 'snowflake', 'bigquery', 'redshift', 'dynamo', 'dynamodb', 's3', 'ec2', 'lambda', 'cloudwatch',
  'route53', 'stripe', 'twilio', 'okta', 'auth0', 'zendesk', 'jira', 'confluence', 'notion', 'figma', 'vscode', 'teams',
  'zoom', 'discord', 'twitter', 'status', 'statuspage', 'pingdom', 'uptime', 'checkly', 'newrelic', 'honeycomb', 'splunk',
  'sumo', 'papertrail', 'loggly', 'victorops', 'splunk', 'firehydrant', 'rootly', 'blameless', 'ingress', 'service', 'server',
  'client', 'api', 'app', 'application', 'website', 'site', 'cluster', 'node', 'pod', 'job', 'script', 'tool', 'pipeline',
  'build', 'test', 'tests', 'config', 'configuration', 'change', 'patch', 'fix', 'update', 'upgrade', 'migration', 'rollout',
  'rollback', 'load', 'traffic', 'network', 'dns', 'cdn', 'proxy', 'cache', 'queue', 'worker', 'scheduler', 'controller',
  'agent', 'daemon', 'runner', 'checker', 'validator', 'linter', 'compiler', 'installer', 'updater', 'watchdog', 'alert',
  'alarm', 'page', 'pager', 'dashboard', 'runbook', 'playbook', 'process', 'review', 'code', 'nothing', 'neither', 'either',
  'both', 'many', 'most', 'several', 'few', 'more', 'less', 'first', 'second', 'next', 'last', 'one', 'two', 'three', 'you',
  'he', 'she', 'i', 'me', 'us', 'them', 'his', 'her', 'their', 'here', 'now', 'today', 'yesterday', 'tomorrow', 'note',
  'update', 'edit', 'summary', 'impact', 'timeline', 'root', 'cause', 'trigger', 'resolution', 'detection', 'lessons',
  'action', 'actions', 'what', 'went', 'well', 'wrong', 'lucky', 'why', 'kube', 'k8s', 'eks', 'gke', 'aks', 'ecs', 'fargate',
  'certbot', 'letsencrypt', 'openssl', 'ssh', 'sshd', 'ssl', 'tls', 'http', 'https', 'tcp', 'udp', 'ip', 'ipv6', 'vpn', 'vpc',
]);
const NAME_SUFFIX_NOT_PERSON = /(?:ing|tion|sion|ment|ness|ity|ance|ence|ism|ics|ware|base|form|flow|works|ops|hub|lab|bot|ctl|let|er|ers|or|ors|ies|ed)$/i;

/**
 * A capitalized word that can be a given name: Capital then lower case, 2 to 12 letters (accents
 * allowed), not a common word, product or sentence opener, and not shaped like one (-ing, -tion,
 * -er...). "Priya", "Tom", "Nóva" pass; "Terraform", "Monitoring", "Docker" do not.
 */
export function isGivenNameShape(w: string): boolean {
  if (!/^\p{Lu}[\p{Ll}\p{M}'’-]{1,11}$/u.test(w)) return false;
  const l = w.toLowerCase();
  if (NOT_PERSON.has(l)) return false;
  if (NAME_SUFFIX_NOT_PERSON.test(l) && !/^(?:peter|walter|oliver|jennifer|heather|amber|esther|jasper|roger|victor|hector|taylor|connor|tyler|skyler|trevor|conor|arthur|xavier|javier|alexander|christopher|jupiter|tyler|spencer|parker|carter|hunter|cooper|homer|ester)$/.test(l)) return false;
  return true;
}

/** The person (or team) that tokens [a, b) form, if they form exactly one. */
function personAt(toks: Tok[], a: number, b: number, names: ReadonlySet<string>, allowGeneric: boolean): Subject | undefined {
  if (b <= a) return undefined;
  const first = toks[a];
  const last = toks[b - 1];
  const span = (kind: SubjectKind, generic = false): Subject => ({ start: first.start, end: last.end, kind, generic });
  const n = b - a;
  if (n === 1) {
    if (/^@[A-Za-z0-9][\w-]*$/.test(first.w) && !first.w.includes('/')) return span('individual');
    if (first.w === 'I' || (PRONOUNS.has(first.lw) && first.lw !== 'i')) return span('individual');
    if (TEAM_WORDS.has(first.lw)) return span('team');
    if (/^team-?member-?\d+$/i.test(first.w)) return span('individual');
    if (names.has(first.lw) && /^[@\p{Lu}]/u.test(first.w)) return span('individual');
    if (allowGeneric && isGivenNameShape(first.w)) return span('individual', true);
    return undefined;
  }
  // A full name the report knows, or two given-name shaped words ("Priya Raman").
  const joined = toks.slice(a, b).map((t) => t.w).join(' ');
  if (n <= 3 && names.has(joined.toLowerCase()) && /^\p{Lu}/u.test(joined)) return span('individual');
  if (n === 2 && allowGeneric && isGivenNameShape(first.w) && isGivenNameShape(last.w)) return span('individual', true);
  // "the team", "our team", "the SRE team": a team.
  if (n <= 3 && DETERMINERS.has(first.lw) && last.lw === 'team' && toks.slice(a + 1, b - 1).every((t) => /^[\p{L}-]+$/u.test(t.w))) return span('team');
  // A role: determiner, role adjectives, a role noun ("the on-call engineer", "an engineer", "CP team member").
  const head = last.lw;
  if (!ROLE_NOUNS.has(head)) return undefined;
  let i = a;
  if (DETERMINERS.has(toks[i].lw)) i++;
  const mods = toks.slice(i, b - 1);
  if (!mods.every((t) => ROLE_ADJ.has(t.lw) || /^[A-Z]{2,5}$/.test(t.w))) return undefined;
  if (i === a && mods.length === 0) return undefined; // a bare "engineer" is a heading word, not a subject
  if (AMBIGUOUS_ROLES.has(head) && !mods.some((t) => HUMAN_MODIFIERS.has(t.lw) || ROLE_NOUNS.has(t.lw) || t.lw === 'team')) {
    if (!(head === 'member' && mods.some((t) => t.lw === 'team' || t.lw === 'staff'))) return undefined;
  }
  if (head === 'member' && !mods.some((t) => t.lw === 'team' || t.lw === 'staff')) return undefined;
  return span('individual');
}

const CLAUSE_BREAK = new Set([',', ';', ':', '(', ')', '—', '–', 'and', 'but', 'because', 'when', 'while', 'after', 'before', 'since', 'as', 'so', 'although', 'though', 'until', 'where', 'which', 'that', 'if', 'or', 'nor', 'than', 'whether', 'once', 'unless']);

export interface SubjectOptions {
  /** Lower-cased names (and @handles) of people the report or the config knows. */
  names: ReadonlySet<string>;
  /** Whether a capitalized word nobody declared may count as a name (only for verbs only people do). */
  allowGeneric: boolean;
}

/**
 * The subject of the verb that starts at `verbAt`, looking back no further than `from` (the start of
 * the sentence). Reads the words just before the verb (skipping adverbs); failing that, the first
 * words of the clause followed by a short modifier ("the developer creating the pull request",
 * "an engineer who was on call"); failing that, for a verb right after "and", the subject of the
 * clause before ("I deployed ... and failed to see").
 */
export function subjectBefore(text: string, from: number, verbAt: number, opts: SubjectOptions): Subject | undefined {
  const toks = tokens(text, from, verbAt);
  let end = toks.length;
  while (end > 0 && ADVERBS.has(toks[end - 1].lw) && toks[end - 1].lw !== 'never') end--;
  if (end > 0 && toks[end - 1].w === ',') {
    // "Bob, unfortunately, forgot": skip a parenthetical adverb.
    let k = end - 1;
    while (k > 0 && (ADVERBS.has(toks[k - 1].lw) || toks[k - 1].w === ',')) k--;
    if (k < end - 1) end = k;
  }
  // The clause the verb is in.
  let cs = end;
  while (cs > 0 && !CLAUSE_BREAK.has(toks[cs - 1].lw)) cs--;
  // 1. The words right before the verb.
  for (let n = Math.min(4, end - cs); n >= 1; n--) {
    const s = personAt(toks, end - n, end, opts.names, opts.allowGeneric);
    if (s) return s;
  }
  // 2. The clause's head followed by a short modifier.
  if (end - cs >= 2 && end - cs <= 9) {
    for (let n = Math.min(4, end - cs - 1); n >= 1; n--) {
      const s = personAt(toks, cs, cs + n, opts.names, opts.allowGeneric);
      if (!s) continue;
      const mod = toks[cs + n];
      if (mod && (mod.lw === 'who' || /^[a-z]+ing$/.test(mod.lw) || mod.lw === 'on' || mod.lw === 'in' || mod.lw === 'from')) return s;
    }
  }
  // 3. "X did this and failed to do that".
  if (cs === end && cs > 0 && toks[cs - 1].lw === 'and') {
    let ps = cs - 1;
    while (ps > 0 && !(CLAUSE_BREAK.has(toks[ps - 1].lw) && toks[ps - 1].lw !== 'and' && toks[ps - 1].lw !== 'or')) ps--;
    for (let n = 3; n >= 1; n--) {
      if (ps + n >= cs - 1) continue;
      const s = personAt(toks, ps, ps + n, opts.names, opts.allowGeneric);
      if (s) return s;
    }
  }
  return undefined;
}

/** Whether a short phrase ("Priya", "the on-call engineer", "@dana", "he") names one person. */
export function isPersonPhrase(phrase: string, names: ReadonlySet<string>, allowGeneric: boolean): boolean {
  const toks = tokens(phrase, 0, phrase.length);
  if (!toks.length || toks.length > 4) return false;
  return personAt(toks, 0, toks.length, names, allowGeneric)?.kind === 'individual';
}
