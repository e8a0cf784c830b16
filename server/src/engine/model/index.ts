// The report model: a set of named passes over the block scan, each in its own file and tested
// alone, and the queries that rules and editor features share (so each question has one answer).
//
//   sections.ts  headings and bold-label sections
//   header.ts    header fields, front matter, the incident date
//   timeline.ts  timeline tables and lists, zone, days, absolute times
//   actions.ts   action item tables and lists
//   people.ts    people, teams and roles the report names
//   queries.ts   blockAt, topLevel, hasJapanese, languageOf, isPlaceholderOwner, ...
import { scan, type Scan } from '../scan';
import type { ActionItem, PostMortem } from './types';
import { readLead, readSections, sectionQueries } from './sections';
import { readHeader } from './header';
import { readTimeline } from './timeline';
import { readActionItems, isDone } from './actions';
import { readPeople } from './people';
import { blockIndexAt, hasJapanese, isPlaceholderOwner, proseLanguage, topLevel } from './queries';

export type { Section, HeaderField, TimelineEntry, TimelineTable, TimelineGroup, Timeline, ActionItem, ActionTable, ActionItems, PostMortem } from './types';
export { lineRange, cellRange, hasJapanese, languageOf, textLanguage, proseLanguage, isPlaceholderOwner, topLevel } from './queries';
export { isDone } from './actions';
export { placeTime, entrySpans, timelineSectionAt, zoneOf, type ClockState } from './timeline';

/**
 * Builds the report model. `scanned` is a block scan of exactly this text when the caller already
 * has one (the language server keeps an incrementally updated scan, see incremental.ts).
 */
export function buildModel(text: string, scanned?: Scan): PostMortem {
  const sc = scanned && scanned.text === text ? scanned : scan(text);
  const input = { scan: sc, lines: sc.lines, blocks: sc.blocks, keep: sc === scanned };
  const { title, sections, known } = readSections(input);
  const { frontMatter, headerFields, incidentDate, writtenDate, fieldLines } = readHeader(input, sections, title);
  const isHeaderFieldLine = (line: number) => fieldLines.has(line);
  const lead = readLead(input, sections, title, isHeaderFieldLine);
  const { sectionOf, sectionAt, hasSection } = sectionQueries(known, lead, sections);
  const timelineSections = known.filter((s) => s.kind === 'timeline' || s.also?.includes('timeline')).sort((a, b) => a.headingLine - b.headingLine);
  const timeline = readTimeline(input, { section: sectionOf('timeline'), sections: timelineSections, headerFields, incidentDate });
  const firstActions = sectionOf('action-items');
  // A report may have more than one action section (「教訓と再発防止策」 and 「今後の改善アクション」): items in a
  // later heading section of that kind are action items too, unless it sits inside the first.
  const moreActions = known.filter((s) => s.kind === 'action-items' && s !== firstActions && s.level < 7 && !(firstActions && s.headingLine > firstActions.headingLine && s.headingLine <= firstActions.endLine));
  const actionItems = readActionItems(input, { section: firstActions, more: moreActions, sectionAt, timeline });
  const people = readPeople(input, headerFields, timeline, actionItems);
  const blocks = sc.blocks;
  let open: ActionItem[] | undefined;
  const language = sections.some((s) => hasJapanese(s.title)) ? 'ja' : sections.length ? 'en' : proseLanguage(text);
  return {
    scan: sc,
    text,
    lines: sc.lines,
    title,
    frontMatter,
    headerFields,
    isHeaderFieldLine,
    sections,
    timeline,
    actionItems,
    incidentDate,
    deadlinesFrom: writtenDate ?? incidentDate,
    people,
    language,
    writingLanguage: (locale) => language ?? locale,
    lead,
    sectionOf,
    sectionAt,
    hasSection,
    block: (i) => blocks[i],
    blockAt: (line) => blockIndexAt(blocks, line),
    topLevelItems: (b) => topLevel((typeof b === 'number' ? blocks[b] : b)?.items ?? []),
    isPlaceholderOwner,
    owners: (placeholders) => [...new Set(people)].filter((p) => !isPlaceholderOwner(p, placeholders)),
    isDone,
    openActionItems: () => (open ??= actionItems.items.filter((it) => !isDone(it))),
  };
}

export { scan };
