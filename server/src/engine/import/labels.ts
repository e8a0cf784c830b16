// The one home for label sets (Prometheus series, alerts, Loki streams, Kubernetes objects):
// which labels tell items apart, and how a row names them.

/** Label names whose values differ between label sets (none when there is only one set). */
export function distinguishingLabels(sets: Record<string, string>[]): string[] {
  if (sets.length <= 1) return [];
  const keys = new Set<string>();
  for (const s of sets) for (const k of Object.keys(s)) keys.add(k);
  return [...keys].filter((k) => new Set(sets.map((s) => s[k] ?? '')).size > 1).sort();
}

/** `{code="500"}`-style label summary limited to the labels that tell series apart. */
export function seriesLabel(metric: Record<string, string>, keys: string[]): string {
  if (!keys.length) return metric.__name__ ?? '';
  return keys.map((k) => `${k === '__name__' ? 'name' : k}=${metric[k] ?? ''}`).join(', ');
}

/** ` (instance=a, job=b)`: the labels in `keys` that `metric` has, minus `omit`, in parentheses; empty when none. */
export function labelsInParens(metric: Record<string, string>, keys: string[], omit: ReadonlySet<string> = new Set()): string {
  const shown = keys.filter((k) => !omit.has(k) && metric[k] !== undefined);
  return shown.length ? ` (${shown.map((k) => `${k}=${metric[k]}`).join(', ')})` : '';
}
