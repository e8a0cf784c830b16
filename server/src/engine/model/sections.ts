// Pass: sections. Headings, and the bold labels some teams write instead (`- **Impact**:`).
import { isBlank } from '../scan';
import { sectionKindOf, type SectionKind } from '../vocabulary';
import type { PassInput, PostMortem, Section } from './types';
import { topLevel } from './queries';

const BOLD_LABEL = /^(?:\*\*|__)([^*_:]{2,40}?):?(?:\*\*|__):?\s*(.*)$/;
const LABEL_KINDS: Record<string, SectionKind> = { 'key events': 'timeline', 'review actions': 'action-items', 'actions following review': 'action-items', 'identified': 'summary' };

export interface SectionsResult {
  title?: PostMortem['title'];
  sections: Section[];
  /** Sections of a known kind. */
  known: Section[];
}

export function readSections({ lines, blocks }: PassInput): SectionsResult {
  const sections: Section[] = [];
  let title: PostMortem['title'];
  blocks.forEach((b, i) => {
    if (b.kind !== 'heading') return;
    if (!title && b.level === 1) title = { text: b.headingText ?? '', line: b.startLine };
    sections.push({ kind: sectionKindOf(b.headingText ?? ''), title: b.headingText ?? '', level: b.level ?? 1, headingBlock: i, headingLine: b.startLine, endLine: lines.length - 1, blocks: [] });
  });
  for (let s = 0; s < sections.length; s++) {
    for (let t = s + 1; t < sections.length; t++) {
      if (sections[t].level <= sections[s].level) {
        sections[s].endLine = sections[t].headingLine - 1;
        break;
      }
    }
    const first = sections[s].headingBlock + 1;
    for (let k = first; k < blocks.length && blocks[k].startLine <= sections[s].endLine; k++) sections[s].blocks.push(k);
  }
  // Bold-label sections: some teams write `- **Impact**:` / `**Review actions**:` instead of headings.
  blocks.forEach((b, bi) => {
    if (b.kind !== 'list' || !b.items) return;
    const items = b.items;
    const top = new Set(topLevel(items));
    for (let k = 0; k < items.length; k++) {
      const it = items[k];
      if (!top.has(it)) continue;
      const m = BOLD_LABEL.exec(lines[it.line].slice(it.textStart));
      const kind = m ? sectionKindOf(m[1]) ?? LABEL_KINDS[m[1].trim().toLowerCase()] : undefined;
      if (!kind) continue;
      // The label's content runs to the next item at its level (nested items close earlier).
      let n = k + 1;
      while (n < items.length && items[n].indent > it.indent) n++;
      const next = items[n];
      let endLine = next ? next.line - 1 : b.endLine;
      while (endLine > it.line && isBlank(lines[endLine])) endLine--;
      sections.push({ kind, title: m![1].trim(), level: 7, headingBlock: bi, headingLine: it.line, endLine, blocks: [], labelItem: it });
    }
  });
  return { title, sections, known: sections.filter((s) => s.kind && s.level >= 1) };
}

/** The first section of a kind, and the innermost known section that holds a line. */
export function sectionQueries(known: Section[]): Pick<PostMortem, 'sectionOf' | 'sectionAt'> {
  return {
    sectionOf: (kind) => known.find((s) => s.kind === kind),
    sectionAt: (line) => {
      let best: Section | undefined;
      for (const s of known) if (s.headingLine <= line && line <= s.endLine && (!best || s.level > best.level)) best = s;
      return best;
    },
  };
}
