// Pass: the people, teams and roles a report names (Authors, Actor cells, Owner cells, @handles),
// which the language rules must not mistake for blame and owner fixes offer as candidates.
import type { Block } from '../scan';
import type { ActionItems, HeaderField, PassInput, Timeline } from './types';
import { isPlaceholderOwner } from './queries';

const HANDLE = /(?<![\w.`/])@[A-Za-z0-9][\w-]*(?:\/[\w-]+)?/g;

export function readPeople({ lines, blocks, keep }: PassInput, headerFields: HeaderField[], timeline: Timeline, actionItems: ActionItems): string[] {
  const people = new Set<string>();
  const authors = headerFields.find((f) => f.name === 'authors');
  if (authors) for (const a of authors.value.split(/(?<!\s)\s*(?:,|、|;|\band\b|&)\s*/)) if (a.trim()) people.add(a.trim().replace(/[*_]/g, ''));
  for (const e of timeline.entries) if (e.actor?.text) for (const a of actorsOf(e.actor.text)) people.add(a);
  for (const it of actionItems.items) {
    const o = it.owner?.text;
    if (o && !isPlaceholderOwner(o)) people.add(o.replace(/[*_`]/g, ''));
  }
  // @handles anywhere outside code blocks (every line that is not blank is in a block).
  for (const b of blocks) {
    if (b.kind === 'code') continue;
    let found = keep ? handlesIn.get(b) : undefined;
    if (!found) {
      found = [];
      for (let i = b.startLine; i <= b.endLine; i++) if (lines[i].includes('@')) for (const h of handlesOf(lines[i])) found.push(h);
      if (keep) handlesIn.set(b, found);
    }
    for (const h of found) people.add(h);
  }
  return [...people].filter((p) => p.length <= 60);
}

/** The @handles of a block, per block object of the scan (the incremental scan keeps unchanged blocks). */
const handlesIn = new WeakMap<Block, string[]>();

/** The @handles of a line, per line text (an edited table's other rows are answered from here). */
const lineHandles = new Map<string, string[]>();
function handlesOf(line: string): string[] {
  let out = lineHandles.get(line);
  if (!out) {
    out = [...line.matchAll(HANDLE)].map((m) => m[0]);
    if (lineHandles.size >= 100000) lineHandles.clear();
    lineHandles.set(line, out);
  }
  return out;
}

/** The people of an Actor cell, per cell text (a timeline repeats a few actors thousands of times). */
const actorCache = new Map<string, string[]>();
function actorsOf(text: string): string[] {
  let out = actorCache.get(text);
  if (!out) {
    out = [];
    for (const a of text.split(/(?<!\s)\s*(?:,|、|;)\s*/)) if (a && !/^[-—?]$/.test(a)) out.push(a.replace(/[*_`]/g, ''));
    if (actorCache.size >= 10000) actorCache.clear();
    actorCache.set(text, out);
  }
  return out;
}
