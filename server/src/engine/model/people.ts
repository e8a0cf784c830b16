// Pass: the people, teams and roles a report names (Authors, Actor cells, Owner cells, @handles),
// which the language rules must not mistake for blame and owner fixes offer as candidates.
import type { ActionItems, HeaderField, PassInput, Timeline } from './types';
import { isPlaceholderOwner } from './queries';

const HANDLE = /(?<![\w.`/])@[A-Za-z0-9][\w-]*(?:\/[\w-]+)?/g;

export function readPeople({ lines, blocks }: PassInput, headerFields: HeaderField[], timeline: Timeline, actionItems: ActionItems): string[] {
  const people = new Set<string>();
  const authors = headerFields.find((f) => f.name === 'authors');
  if (authors) for (const a of authors.value.split(/(?<!\s)\s*(?:,|、|;|\band\b|&)\s*/)) if (a.trim()) people.add(a.trim().replace(/[*_]/g, ''));
  for (const e of timeline.entries) if (e.actor?.text) for (const a of e.actor.text.split(/(?<!\s)\s*(?:,|、|;)\s*/)) if (a && !/^[-—?]$/.test(a)) people.add(a.replace(/[*_`]/g, ''));
  for (const it of actionItems.items) {
    const o = it.owner?.text;
    if (o && !isPlaceholderOwner(o)) people.add(o.replace(/[*_`]/g, ''));
  }
  // @handles anywhere outside code blocks.
  let bi = 0;
  for (let i = 0; i < lines.length; i++) {
    while (bi < blocks.length && blocks[bi].endLine < i) bi++;
    if (blocks[bi]?.kind === 'code' && blocks[bi].startLine <= i) continue;
    if (!lines[i].includes('@')) continue;
    for (const m of lines[i].matchAll(HANDLE)) people.add(m[0]);
  }
  return [...people].filter((p) => p.length <= 60);
}
