// Pass: sections. Headings (one heading may name two sections: "Impact and Root Cause"), and the
// labels reports write instead of headings: a bold label (`**Impact**:`, `- **Review actions**:`),
// a plain one ending in a colon (`Lessons learned:`, `Action point: ...`), and the marks of
// Japanese notices (`【今後の対策】`, `■原因`, `[経緯]`), and a list introduced by a sentence
// ("Our main findings as to why this incident occurred were:"). Also the lead: the text under the title,
// before the first section, which a blog-style report uses as its summary.
import { isBlank, type Block } from '../scan';
import { removeComments, withoutLinkTargets } from '../strip';
import { SECTION_INTRO_WORDS, headerFieldOf, normalizeHeading, sectionKindsOf, spanEndOf, type SectionKind } from '../vocabulary';
import { plansWork, saysDone } from './actions';
import { judgeAction } from '../lexicon/vague';
import type { PassInput, PostMortem, Section } from './types';
import { BRACKETED_LABEL, bracketedName, hasJapanese, keyValueCells, topLevel, twoColumnRow } from './queries';

/** Header fields that are never the name of a part: a label naming one is the field (Follow-up, which names a part too, is not here). */
const FIELD_ONLY = new Set(['date', 'duration', 'severity', 'authors']);

const LABEL_KINDS: Record<string, SectionKind> = { 'key events': 'timeline', 'review actions': 'action-items', 'actions following review': 'action-items', 'identified': 'summary' };

/** `**Impact**:` / `__Impact:__` with what follows on the line. */
const BOLD_LABEL = /^(?:\*\*|__)([^*_:：]{2,40}?)[:：]?(?:\*\*|__)[:：]?[ \t　]*/;
/**
 * `【今後の対策】`, `[経緯]` (not a link), `［経緯］`, `<今後の対応>`, `■原因`, with an optional colon; a note in
 * brackets closing the line after the mark is part of the label (an edit stamp: `<今後の対応について>(12/3 追記)`).
 */
const MARKED_LABEL = new RegExp(String.raw`^(?:${BRACKETED_LABEL}|[■□●○◆◇▼▽▶][ \t　]*([^:：\s][^:：]{0,29}?)[ \t　]*(?=[:：]|$))(?:[ \t　]*[(（][^()（）\n]{1,24}[)）](?=[ \t　]*$))?[:：]?[ \t　]*`);

/** A marked label's name: the text inside its marks, or after them. An ASCII `<...>` is a label only around Japanese (`<details>` is HTML). */
function markedName(m: RegExpExecArray): string | undefined {
  return m[5] ?? bracketedName(m, 1, m.input);
}
/** A plain label: a few words and a colon (`Lessons learned:`, `Root cause: ...`). */
const PLAIN_LABEL = /^([^:：*_|#\s`[\]()<>【】][^:：*_|#\n`[\]()<>【】]{1,39}?)[:：][ \t　]*/;

/** A section label at the start of `text`: its name, its kind, and where the text after it starts. */
export function sectionLabel(text: string, allowPlain: boolean): { name: string; kinds: SectionKind[]; rest: number; marked: boolean; boldColon?: boolean } | undefined {
  let m = MARKED_LABEL.exec(text);
  let name = m ? markedName(m) : undefined;
  if (m && name === undefined) m = null;
  const marked = !!m;
  let boldColon = false;
  if (!m) {
    m = BOLD_LABEL.exec(text);
    name = m?.[1];
    boldColon = !!m && /[:：]/.test(m[0]);
  }
  if (!m && allowPlain) {
    m = PLAIN_LABEL.exec(text);
    // A label is a name, not a sentence: at most four words (or twenty Japanese characters).
    if (m && (hasJapanese(m[1]) ? m[1].length > 20 : m[1].trim().split(/\s+/).length > 4)) m = null;
    name = m?.[1];
  }
  if (!m || !name) return undefined;
  const trimmed = name.trim();
  const kinds = sectionKindsOf(trimmed);
  const extra = LABEL_KINDS[trimmed.toLowerCase()];
  if (!kinds.length && extra) kinds.push(extra);
  return kinds.length ? { name: trimmed, kinds, rest: m[0].length, marked, ...(boldColon ? { boldColon } : {}) } : undefined;
}

/** What a Japanese part name may end with after the name itself (「原因など」, 「経緯について」). */
const LABEL_TAIL = /(?:など|等|について|に関して|に関する事項)$/;
/** What joins two names in a Japanese part's name: 「経緯と対応」, 「原因及び対策」. */
const JA_JOINER = /と|及び|および|・/;
/** The name a Japanese label line ends in: the part it names is the line's last word (「障害発生の経緯」, not 「原因は不明」). */
const JA_LABEL_END = /(?:経緯|経過|時系列|タイムライン|原因|要因|対策|防止策|改善策|是正策|取り?組み?|概要|影響|影響範囲|今後の対応|今後の対策|教訓|まとめ|サマリー?)$/;

/**
 * A part's number before its name on a line of its own: 「1.概要」, 「2)発生原因」, 「(3)影響」, 「第4章」, ①,
 * and in Japanese a number and a space (「4 再発防止対策」, 「１　判明日時」). Not a time ("12:00 ..."),
 * a decimal ("1.5 hours") nor a count (「12 月」, 「3 件」).
 */
const PART_NUMBER = /^(?:第?[\d０-９]{1,2}(?:[.．)）、]|章)(?![\d０-９])|[(（][\d０-９]{1,2}[)）]|[①-⑳]|[\d０-９]{1,2}(?=[ \t　]+[^\x00-\x7f])(?![ \t　]+[年月日時分秒件名人回台個%％]))[ \t　]*/;
/** The numbers that count items inside a part rather than parts: 「(1)」, 「①」. */
const ITEM_NUMBER = /^(?:[(（][\d０-９]{1,2}[)）]|[①-⑳])/;

/** A line that opens a part of a notice typed as plain text, as the sections pass reads it. */
export interface NameLine {
  /** The kinds its name names; none for a part the model has no kind for (「6.お問い合わせ先」, 「【お問い合わせ】」). */
  kinds: SectionKind[];
  /** How it stands apart: a number (「5.再発防止策」), a mark (「【今後の対策】」, 「■原因：…」), or nothing (「障害の原因」, "Root cause"). */
  form: 'numbered' | 'marked' | 'bare';
  /** The number or mark with its digits as 0 (「0.」, 「(0)」, 「【」): parts of one notice share it. */
  style: string;
  /** The number counts items inside a part (「(1)」, 「①」), unless the notice numbers its parts so. */
  itemNumber: boolean;
}

/**
 * The one reading of a line that is a part's name standing alone: numbered (「1.概要」, 「4 再発防止対策」,
 * "2) Root cause"), marked (「【今後の対策】」, 「■原因」, with the part's text after its colon or not), or
 * bare (「障害の原因」, "Root cause"). Short, no sentence punctuation, and in Japanese ending in the
 * name (「障害の原因」「システム障害に係る経過」), in English a name of at most four words. A sentence that
 * mentions 原因 is not one. A numbered name of no known kind is still a part's name; a bare one is not.
 */
export function nameLine(line: string): NameLine | undefined {
  const text = line.trim();
  const mark = MARKED_LABEL.exec(text);
  const marked = mark ? markedName(mark) : undefined;
  // A mark that opens a part: the line is its name alone, or the name and a colon before the part's text (「■原因：…」).
  if (mark && marked !== undefined && hasJapanese(text) && (mark[0].length === text.length || /[:：][ \t　]*$/.test(mark[0]))) {
    const name = marked.trim();
    return { kinds: sectionKindsOf(name), form: 'marked', style: text[0], itemNumber: false };
  }
  const numbered = PART_NUMBER.exec(text);
  const t = numbered ? text.slice(numbered[0].length) : text;
  if (!t || /[.。!?！？,、:：;；|*_`#>[\]]/.test(t) || /^\d/.test(t)) return undefined;
  let named: boolean;
  if (hasJapanese(t)) {
    // A numbered line may join two names, the part's first (「2)問題が生じた要因と反省すべき点」, 「1)経緯と対応」).
    const names = numbered ? t.split(JA_JOINER) : [t];
    if (t.length > 20) return undefined;
    named = names.some((n) => JA_LABEL_END.test(n.replace(LABEL_TAIL, '')));
  } else {
    if (t.split(/\s+/).length > 4 || !/^[A-Z]/.test(t)) return undefined;
    named = true;
  }
  const kinds = named ? sectionKindsOf(t) : [];
  if (!numbered) return kinds.length ? { kinds, form: 'bare', style: '', itemNumber: false } : undefined;
  const number = numbered[0].trim();
  return { kinds, form: 'numbered', style: number.replace(/[\d０-９]+/g, '0').replace(/．/g, '.').replace(/（/g, '(').replace(/[）]/g, ')') || '0', itemNumber: ITEM_NUMBER.test(number) };
}

/** The kinds a line names when it is a section's name standing alone, unmarked: 「2.発生原因」, 「障害の原因」, "Root cause". */
function standaloneLabelKinds(line: string): SectionKind[] | undefined {
  const name = nameLine(line);
  return name && name.form !== 'marked' && name.kinds.length ? name.kinds : undefined;
}

/**
 * Whether a line of a Japanese notice typed as plain text ends where a part's name can follow on
 * the next line: a finished sentence, or a value such as a time (「2024年5月23日 7時37分(24時間表記)」) or a
 * name. A sentence wrapped in the middle ends in a particle, an inflection or a comma
 * (「…サーバの」「…が」「…により、」), and the next line goes on with it.
 */
function endsLineBeforeName(line: string): boolean {
  const t = line.trimEnd();
  return !!t && !/[\u3041-\u309f、，,(（「『[【]$/.test(t) && !/[A-Za-z]$/.test(t);
}

/** A table row's key short enough to be a name, not a clause: at most four words (twenty Japanese characters). */
function isKeyName(key: string): boolean {
  return hasJapanese(key) ? key.length <= 20 : key.trim().split(/\s+/).length <= 4;
}

/** A line short enough to be only a part's name, with no sentence or clause punctuation in it: 「原因」, "Impact", 「2.発生原因」. */
function isNameLength(line: string): boolean {
  const t = line.trim().replace(PART_NUMBER, '');
  return t.length <= 20 && !/[.。,、:：]/.test(t);
}

export interface SectionsResult {
  title?: PostMortem['title'];
  sections: Section[];
  /** Sections of a known kind. */
  known: Section[];
}

/** The text under the title before the first section, when it reads as a summary. */
export type Lead = { startLine: number; endLine: number } | undefined;

function section(kinds: SectionKind[], title: string, level: number, headingBlock: number, headingLine: number, endLine: number): Section {
  const s: Section = { kind: kinds[0], title, level, headingBlock, headingLine, endLine, blocks: [] };
  if (kinds.length > 1) s.also = kinds.slice(1);
  return s;
}

/** A verb that states what is or was, not what to do: "is over", "are filled out", "has been dealt with", "was restarted". */
const STATEMENT = /\b(?:is|are|was|were|has|have|had|been)\b/i;

export function readSections({ lines, blocks }: PassInput): SectionsResult {
  const sections: Section[] = [];
  let title: PostMortem['title'];
  // With a title in the front matter, a first `#` heading that names a section ("# Timeline") is
  // that section: blog posts (Hugo, Jekyll) put the title in the front matter and use `#` for sections.
  const fm = blocks[0]?.kind === 'frontmatter' ? blocks[0] : undefined;
  const fmTitle = !!fm && lines.slice(fm.startLine + 1, fm.endLine).some((l) => /^title[ \t]*[:=]/.test(l));
  let firstH1 = true;
  let partSeen = false;
  blocks.forEach((b, i) => {
    if (b.kind !== 'heading') return;
    // The title names the incident, not a section ("# 障害の原因と対策について", "# Checkout timeline bug").
    // A `#` heading below a part of the report ("## Summary" ... "# After-action report") is a part
    // too, not a second title.
    const isTitle = firstH1 && !partSeen && b.level === 1 && !(fmTitle && sectionKindsOf(b.headingText ?? '').length);
    if (b.level === 1) firstH1 = false;
    if (!isTitle && sectionKindsOf(b.headingText ?? '').length) partSeen = true;
    if (isTitle) title = { text: b.headingText ?? '', line: b.startLine };
    sections.push(section(isTitle ? [] : sectionKindsOf(b.headingText ?? ''), b.headingText ?? '', b.level ?? 1, i, b.startLine, lines.length - 1));
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
  // A part named only "Actions" holds the team's tasks when its list plans work ("Add a lag alert",
  // "Review the retention settings"); under the same name a report may list what was done during the
  // incident or tick off its own template ("Incident title is cleaned up"), and those are not tasks.
  for (const s of sections) {
    if (s.kind || !/^actions$/.test(normalizeHeading(s.title))) continue;
    const list = s.blocks.map((k) => blocks[k]).find((b) => b.kind === 'list' && b.items);
    if (!list?.items) continue;
    const items = topLevel(list.items).map((it) => lines[it.line].slice(it.textStart).trim());
    // Each item a task: not done, not a statement (a verb in the present or the past: "Sections above
    // are filled out", "Failed over to the replica"); most of them plan work or name a direction.
    if (items.length < 2 || list.items.some((it) => it.task === 'done') || items.some((t) => saysDone(t) || STATEMENT.test(t))) continue;
    const tasks = items.filter((t) => plansWork(t) || judgeAction(t)).length;
    if (tasks * 3 >= items.length * 2) s.kind = 'action-items';
  }
  const headings = sections.slice();
  /** Where the header under the title ends: the first heading of a part. */
  const headerEnd = headings.find((h) => h.level >= 2 || h.headingLine !== title?.line)?.headingLine ?? lines.length;

  // Label sections in lists: `- **Impact**:` with nested items, as some teams write instead of headings.
  blocks.forEach((b, bi) => {
    if (b.kind !== 'list' || !b.items) return;
    const items = b.items;
    const top = new Set(topLevel(items));
    for (let k = 0; k < items.length; k++) {
      const it = items[k];
      if (!top.has(it)) continue;
      const label = sectionLabel(lines[it.line].slice(it.textStart), false);
      if (!label) continue;
      // The label's content runs to the next item at its level (nested items close earlier).
      let n = k + 1;
      while (n < items.length && items[n].indent > it.indent) n++;
      const next = items[n];
      let endLine = next ? next.line - 1 : b.endLine;
      while (endLine > it.line && isBlank(lines[endLine])) endLine--;
      const s = section(label.kinds, label.name, 7, bi, it.line, endLine);
      s.labelItem = it;
      s.contentStart = it.textStart + label.rest;
      sections.push(s);
    }
  });

  // Label sections in paragraphs: a bold or plain label starting a paragraph, a marked label
  // (【】, ■, []) or a line that is only a label and its colon (`サービスへの影響:`) on any of its
  // lines, and a line that is only a section's name with the text below it (`原因`), first in its
  // paragraph or after a finished sentence. The section runs to the next label or heading.
  const labels: { s: Section; block: number; until?: number }[] = [];
  blocks.forEach((b, bi) => {
    if (b.kind === 'list' && b.items) {
      // A notice typed as plain text puts a part's name on its own line right after a list
      // (「- メール送受信」, a note, then 「原因」 and the cause): Markdown reads those lines as the last
      // item's lazy continuation, the author wrote them as lines of their own.
      const itemLines = new Set(b.items.map((it) => it.line));
      for (let l = b.startLine + 1; l < b.endLine; l++) {
        // A page typed as plain text in English does the same ("- Changes did not persist." then
        // "What We've Learned"): a name standing alone after a finished sentence.
        const text = lines[l];
        if (itemLines.has(l) || !/^\S/.test(text)) continue;
        let kinds: SectionKind[] | undefined;
        if (hasJapanese(text)) {
          if (!endsLineBeforeName(lines[l - 1]) || !isNameLength(text)) continue;
          kinds = sectionKindsOf(text.trim());
        } else {
          if (!/[.!?]\s*$/.test(lines[l - 1])) continue;
          kinds = standaloneLabelKinds(text);
        }
        // The list's items above the name are not the part's: a part whose lists are read item by
        // item (action items, a timeline) is left to a name that starts its own block.
        if (!kinds?.length || kinds.some((k) => k === 'action-items' || k === 'timeline')) continue;
        const s = section(kinds, text.trim(), 7, bi, l, lines.length - 1);
        s.contentStart = text.length;
        labels.push({ s, block: bi });
      }
      return;
    }
    if (b.kind !== 'paragraph') return;
    /** The last line of the run of rows being read, and whether they are the header's. */
    let runEnd = -1;
    let headerRun = false;
    for (let l = b.startLine; l <= b.endLine; l++) {
      const text = lines[l].trimStart();
      // A row of a two-column table typed without its delimiter row whose key names a part
      // (`Impact | No toots could be sent ... |`, `Root cause(s) | ... |`): that part, on any line.
      let row = l < headerEnd ? twoColumnRow(lines, l) : undefined;
      if (row && l > runEnd) {
        // The rows this one starts, and whether they are the header's (one of them names a field).
        runEnd = l;
        while (runEnd < b.endLine && twoColumnRow(lines, runEnd + 1)) runEnd++;
        headerRun = false;
        for (let k = l; k <= runEnd && !headerRun; k++) headerRun = !!headerFieldOf(twoColumnRow(lines, k)!.key);
      }
      if (row && !headerRun) row = undefined;
      const rowKinds = row && isKeyName(row.key) ? sectionKindsOf(row.key) : [];
      let label = rowKinds.length ? { name: row!.key, kinds: rowKinds, rest: row!.valueStart - (lines[l].length - text.length), marked: true } : row ? undefined : sectionLabel(text, true);
      const wholeLine = label && !text.slice(label.rest).trim();
      // A bold label and its colon starts a part on any line (`**Date:** ...` then `**Summary**: ...` with no blank line
      // between), unless it names a header field (`**Follow-up review**: 2019-08-13` is a date, not follow-ups).
      if (label && !label.marked && !(label.boldColon && !headerFieldOf(label.name)) && l !== b.startLine && !wholeLine) label = undefined;
      // A label that names a field under the title ("**Duration of impact:** 3 hours") is that field, not a part.
      if (label && !label.marked && FIELD_ONLY.has(headerFieldOf(label.name) ?? '')) label = undefined;
      // A line that is only a section's name, with text below it: the paragraph's first line, or a
      // line after a finished sentence or a table row (a report typed as plain text, with no blank
      // lines, puts each section's name on its own line; a sentence wrapped before a word like
      // "impact" does not end).
      const lineAfterSentence = l > b.startLine && (/[.。!?！？]\s*$/.test(lines[l - 1]) || !!twoColumnRow(lines, l - 1) || (hasJapanese(text) && endsLineBeforeName(lines[l - 1])));
      // The paragraph's last line, after a finished sentence or a row, right above a table or list
      // with no blank line between ("Corrective action(s)" over its `Item | Type | Owner |` table):
      // the name of that block alone.
      const below = blocks[bi + 1];
      const heads = b.endLine === l && lineAfterSentence && below?.startLine === l + 1 && (below.kind === 'table' || below.kind === 'list') ? below : undefined;
      let until: number | undefined;
      if (!label && (l === b.startLine || lineAfterSentence) && (b.endLine > l || heads) && isNameLength(text)) {
        const kinds = sectionKindsOf(text.trim());
        if (kinds.length) label = { name: text.trim(), kinds, rest: text.length, marked: false };
        if (kinds.length && heads) until = heads.endLine;
      }
      // A paragraph that is only a section's name, with the section's text in the blocks after it:
      // a notice with no headings puts each part's name alone between blank lines (「障害発生の経緯」,
      // 「システム(障害)の原因など」, "Root cause").
      if (!label && b.startLine === b.endLine && blocks[bi + 1] && blocks[bi + 1].kind !== 'heading') {
        const kinds = standaloneLabelKinds(text);
        if (kinds) label = { name: text.trim(), kinds, rest: text.length, marked: false };
      }
      if (!label) continue;
      const s = section(label.kinds, label.name, 7, bi, l, lines.length - 1);
      s.contentStart = lines[l].length - text.length + label.rest;
      labels.push({ s, block: bi, until });
    }
  });
  for (let k = 0; k < labels.length; k++) {
    const { s, block, until } = labels[k];
    const nextHeading = headings.find((h) => h.headingLine > s.headingLine);
    const next = labels[k + 1];
    const end = Math.min(nextHeading ? nextHeading.headingLine - 1 : lines.length - 1, next ? next.s.headingLine - 1 : lines.length - 1, until ?? lines.length - 1);
    let endLine = end;
    while (endLine > s.headingLine && isBlank(lines[endLine])) endLine--;
    s.endLine = endLine;
    // Its blocks: the label's own paragraph when text follows the label line, then the blocks after it.
    const own = blocks[block];
    if (own.endLine > s.headingLine && !(next && next.block === block && next.s.headingLine <= own.endLine)) s.blocks.push(block);
    for (let j = block + 1; j < blocks.length && blocks[j].startLine <= endLine; j++) s.blocks.push(j);
    sections.push(s);
  }

  // A row of the header's key/value table, under the title, whose key names a part (`| 影響範囲 |
  // production の … |`, `| Root cause | ... |`): that part, the row alone. Rows typed without the
  // table's delimiter row are read with the paragraphs above. A table further down is the part's
  // content, not its name.
  blocks.forEach((b, bi) => {
    if (b.kind !== 'table' || b.startLine >= headerEnd || !b.header || !b.rows) return;
    const pairs = [b.header, ...b.rows].every((r) => r.cells.length % 2 === 0) ? keyValueCells(b) : [];
    if (!pairs.some(([key]) => headerFieldOf(key.text) || spanEndOf(key.text))) return;
    for (const [key, value, r] of pairs) {
      if (r === b.header) continue;
      const kinds = value.text.trim() && isKeyName(key.text) ? sectionKindsOf(key.text) : [];
      if (!kinds.length) continue;
      const s = section(kinds, key.text.trim(), 7, bi, r.line, r.line);
      s.contentStart = value.start;
      sections.push(s);
    }
  });

  // Lists introduced by a sentence instead of a heading or a label.
  const labelBlocks = new Set(labels.map((l) => l.block));
  blocks.forEach((b, bi) => {
    if (b.kind !== 'paragraph' || labelBlocks.has(bi)) return;
    const s = introSection(lines, blocks, bi);
    if (s) sections.push(s);
  });

  return { title, sections, known: sections.filter((s) => s.kind) };
}

/** A sentence ends with a colon, or in Japanese points at what follows (「以下を実施します。」, 「次の対策を行います。」). */
function endsPointingAtList(text: string): boolean {
  if (/[:：]$/.test(text)) return true;
  if (!text.endsWith('。')) return false;
  const last = text.slice(Math.max(text.lastIndexOf('。', text.length - 2) + 1, text.length - 32));
  return last.includes('以下') || last.includes('次の');
}

/**
 * A section written as a sentence and the list it introduces: a paragraph of at most three lines
 * ending with a colon (「以下の…。」 in Japanese), right before a list, whose last sentence says what
 * the list is ("To prevent a recurrence, we have planned the following work:"). The section is the
 * sentence and the list.
 */
export function introSection(lines: string[], blocks: Block[], bi: number): Section | undefined {
  const b = blocks[bi];
  const list = blocks[bi + 1];
  if (b.kind !== 'paragraph' || list?.kind !== 'list' || b.endLine - b.startLine > 2) return undefined;
  const text = lines.slice(b.startLine, b.endLine + 1).join(' ').trim();
  if (!endsPointingAtList(text)) return undefined;
  const sentence = text.slice(Math.max(text.lastIndexOf('. ', text.length - 2) + 1, text.lastIndexOf('。', text.length - 2) + 1)).trim().toLowerCase();
  const kind = SECTION_INTRO_WORDS.find(([, re]) => re.test(sentence))?.[0];
  if (!kind) return undefined;
  const s = section([kind], text, 7, bi, b.startLine, list.endLine);
  s.contentStart = lines[b.endLine].length;
  s.blocks.push(bi + 1);
  return s;
}

/**
 * The lead: paragraphs between the title (or the front matter) and the first section heading,
 * with at least one that reads as prose. The lines the header pass read as fields (a header block
 * of bold labels, "Date: 2019-07-16") and link lines are not prose.
 */
export function readLead({ lines, blocks }: PassInput, sections: Section[], title: PostMortem['title'], isHeaderFieldLine: (line: number) => boolean): Lead {
  const from = title ? title.line + 1 : blocks[0]?.kind === 'frontmatter' ? blocks[0].endLine + 1 : 0;
  const first = sections.find((h) => h.level <= 6 && h.headingLine >= from && h.level >= 1 && (!title || h.headingLine > title.line));
  const to = first ? first.headingLine - 1 : lines.length - 1;
  let lead: Lead;
  for (const b of blocks) {
    if (b.startLine < from || b.startLine > to || b.kind !== 'paragraph') continue;
    let prose = '';
    for (let l = b.startLine; l <= b.endLine; l++) {
      if (isHeaderFieldLine(l)) continue;
      const t = withoutLinkTargets(removeComments(lines[l])).replace(/[*_`[\]]/g, '').trim();
      prose += (prose ? ' ' : '') + t;
    }
    if (prose.length >= (hasJapanese(prose) ? 30 : 80)) lead = { startLine: lead?.startLine ?? b.startLine, endLine: b.endLine };
  }
  return lead;
}

/**
 * The first section of a kind (a heading of that kind, else one that joins it, else a label), and
 * the innermost section that holds a line: of a known kind, or of any kind when `all` (every section
 * the pass read) is given and `anyKind` asked.
 */
export function sectionQueries(known: Section[], lead?: Lead, all: Section[] = known): Pick<PostMortem, 'sectionOf' | 'sectionAt' | 'hasSection'> {
  const sectionOf = (kind: SectionKind) => known.find((s) => s.kind === kind) ?? known.find((s) => s.also?.includes(kind));
  return {
    sectionOf,
    sectionAt: (line, anyKind = false) => {
      let best: Section | undefined;
      for (const s of anyKind ? all : known) if (s.headingLine <= line && line <= s.endLine && (!best || s.level > best.level)) best = s;
      return best;
    },
    hasSection: (kind) => !!sectionOf(kind) || (kind === 'summary' && !!lead),
  };
}
