// `kubectl rollout history` output. It has no times, so it never makes rows of its own; what it
// adds is the meaning of a replica set: with `--revision=N`, each revision's pod-template-hash,
// change-cause and images. Kubernetes events name replica sets by that hash
// ("Scaled up replica set checkout-7d9c6b5f4d to 1"), so the events import uses it to say which
// revision and which change each scaling was ("revision 3: deploy v1.9.0").
// Both layouts kubectl has printed are read: `deployment.apps/checkout with revision #3` and the
// older `deployments "nginx-deployment" revision 2`, with `change-cause: x` or `change-cause=x`.

export interface Rollout {
  /** The workload, as kubectl names it (`deployment.apps/checkout`). */
  workload: string;
  revision: number;
  /** The pod-template-hash label: the suffix of the revision's replica set name. */
  hash?: string;
  changeCause?: string;
  images: string[];
}

// Line-anchored, no nested quantifiers: linear on any input.
const HEADER = /^(\S[^\s/]*\/\S+|\S+ "[^"]*")(?: with revision #(\d+)| revision (\d+))?\s*$/;
const TABLE_HEAD = /^REVISION\s+CHANGE-CAUSE\s*$/;
const TABLE_ROW = /^(\d+)\s+(?!\s)(.*)$/;
const HASH = /\bpod-template-hash=([a-z0-9]+)\b/;
const CAUSE = /\bkubernetes\.io\/change-cause[:=]\s*(.*)/;
const IMAGE = /^\s*Image:\s+(\S+)\s*$/;

export const ROLLOUT_HISTORY_HAS_NO_TIMES =
  'This is `kubectl rollout history` output: it has no times, so it cannot be placed on a timeline by itself. Import the Kubernetes events of the incident and give this file with them (`postmortem import k8s-events events.json --rollout FILE`, with the output of `--revision=N`): each scaling of a replica set then says its revision and change.';

/** Whether these first lines are `kubectl rollout history` output. */
export function looksLikeRolloutHistory(lines: readonly string[]): boolean {
  const head = lines.filter((l) => l.trim() !== '').slice(0, 3);
  return head.length >= 2 && HEADER.test(head[0]) && (TABLE_HEAD.test(head[1]) || /^\s*(Pod Template:|Labels:)/.test(head[1]));
}

/** The revisions in one or more `kubectl rollout history` outputs (plain, or with --revision). */
export function parseRolloutHistory(text: string): Rollout[] {
  const out: Rollout[] = [];
  let workload = '';
  let current: Rollout | undefined;
  let table = false;
  for (const line of text.split(/\r\n|\n|\r/)) {
    const h = HEADER.exec(line);
    if (h) {
      workload = h[1].replace(/^(\S+) "([^"]*)"$/, '$1/$2');
      const rev = h[2] ?? h[3];
      current = rev ? { workload, revision: Number(rev), images: [] } : undefined;
      if (current) out.push(current);
      table = false;
      continue;
    }
    if (TABLE_HEAD.test(line)) {
      table = true;
      continue;
    }
    if (table) {
      const r = TABLE_ROW.exec(line.trim());
      if (r) {
        const cause = r[2].trim();
        out.push({ workload, revision: Number(r[1]), changeCause: cause && cause !== '<none>' ? cause : undefined, images: [] });
      }
      continue;
    }
    if (!current) continue;
    const hash = HASH.exec(line);
    if (hash) current.hash = hash[1];
    const cause = CAUSE.exec(line);
    if (cause && cause[1].trim() && cause[1].trim() !== '<none>') current.changeCause = cause[1].trim();
    const image = IMAGE.exec(line);
    if (image) current.images.push(image[1]);
  }
  return out;
}

/** What a row says of a revision: "revision 3: deploy v1.9.0 (pipeline 4502)", or its images. */
export function describeRollout(r: Rollout): string {
  const what = r.changeCause ?? (r.images.length ? r.images.join(', ') : '');
  return what ? `revision ${r.revision}: ${what}` : `revision ${r.revision}`;
}
