// Removing delimited spans from report text in one pass. The regular expressions these replace
// (`/<!--[\s\S]*?-->/g`, `/\([^)]*\)|（[^）]*）/g`) search again from every opening mark when there
// is no closing one, which is quadratic on a long line of opening marks (`<!--<!--<!--...`).

/**
 * `text` with each span from an opening mark to the nearest closing mark of its pair replaced by
 * `by`, left to right, exactly as `text.replace(/open1[\s\S]*?close1|open2[\s\S]*?close2/g, by)`
 * does (marks taken literally, earlier pairs first when two start at the same place).
 */
export function replaceEnclosed(text: string, pairs: readonly (readonly [string, string])[], by = ''): string {
  const live = pairs.map(([open, close]) => ({ open, close, next: -2 }));
  let out = '';
  let from = 0;
  let changed = false;
  for (;;) {
    let best: (typeof live)[number] | undefined;
    for (const p of live) {
      if (p.next === -1) continue;
      if (p.next < from) p.next = text.indexOf(p.open, from);
      if (p.next >= 0 && (!best || p.next < best.next)) best = p;
    }
    if (!best) break;
    const s = best.next;
    const e = text.indexOf(best.close, s + best.open.length);
    if (e < 0) {
      // No closing mark after this opening one: none after any later one of the same pair either.
      best.next = -1;
      continue;
    }
    out += text.slice(from, s) + by;
    from = e + best.close.length;
    changed = true;
  }
  return changed ? out + text.slice(from) : text;
}

/** Round brackets, ASCII and full-width: `(note)`, `（補足）`. */
export const PARENTHESES = [
  ['(', ')'],
  ['（', '）'],
] as const;

/** `text` without its HTML comments (`<!-- ... -->`), as `text.replace(/<!--[\s\S]*?-->/g, '')`. */
export function removeComments(text: string): string {
  return text.includes('<!--') ? replaceEnclosed(text, [['<!--', '-->']]) : text;
}

/** `text` with each Markdown link `[words](target)` replaced by its words. */
export function linkText(text: string): string {
  return text.replace(/\[([^\][]*)\]\([^)\]]*\)/g, '$1');
}

/** `text` without the targets of its Markdown links (`[words](target)` becomes `[words]`): words only, no URL digits. */
export function withoutLinkTargets(text: string): string {
  return text.replace(/\]\([^)\]]*\)/g, ']');
}

/** `text` with the characters a regular expression gives a meaning escaped, to match it literally. */
export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
