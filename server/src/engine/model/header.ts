// Pass: header fields (Date, Duration, Severity, Authors ...) and the incident date. Read from
// front matter, then `Key: value` lines and key/value tables before the first section.
import type { Block } from '../scan';
import { headerFieldOf } from '../vocabulary';
import { parseDate } from '../time';
import type { HeaderField, PassInput, PostMortem, Section } from './types';
import { cellRange, lineRange } from './queries';

// Leading whitespace and the list marker's spaces are matched atomically (`(?=(x*))\1`): a line of
// thousands of spaces must cost one pass, not one per split. The value is taken greedily and
// trimmed in code for the same reason.
const HEADER_LINE = /^(?=(\s*))\1(?:[-*+](?=(\s+))\2)?(?:\*\*|__)?([^:：*_|#\n]{1,40}?)(?:\*\*|__)?\s*[:：]\s*(?:\*\*|__)?(?!\/\/)(.*)$/;

export interface HeaderResult {
  frontMatter?: Record<string, unknown>;
  headerFields: HeaderField[];
  incidentDate?: string;
}

function parseFrontMatter(lines: string[], block: Block | undefined): Record<string, unknown> | undefined {
  if (!block || block.kind !== 'frontmatter') return undefined;
  // Flat `key: value` pairs are all the report needs.
  const out: Record<string, unknown> = {};
  for (let i = block.startLine + 1; i < block.endLine; i++) {
    const m = /^([A-Za-z_][\w-]*)\s*:\s*(.*)$/.exec(lines[i]);
    if (m) out[m[1].toLowerCase()] = m[2].replace(/^["']|["']$/g, '');
  }
  return out;
}

export function readHeader({ lines, blocks }: PassInput, sections: Section[], title: PostMortem['title']): HeaderResult {
  const frontMatter = parseFrontMatter(lines, blocks[0]);
  const headerFields: HeaderField[] = [];
  const has = (name: HeaderField['name']) => headerFields.some((f) => f.name === name);
  if (frontMatter && blocks[0].kind === 'frontmatter') {
    for (let i = blocks[0].startLine + 1; i < blocks[0].endLine; i++) {
      const m = /^([A-Za-z_][\w-]*)(\s*:\s*)(.*)$/.exec(lines[i]);
      const name = m && headerFieldOf(m[1]);
      if (m && name) {
        const vs = m[1].length + m[2].length;
        headerFields.push({ name, label: m[1], value: m[3].replace(/^["']|["']$/g, ''), line: i, valueRange: lineRange(i, vs, lines[i].length), source: 'frontmatter' });
      }
    }
  }
  const firstSection = sections.find((s) => s.level >= 2 && s.level <= 6 && s.kind) ?? sections.find((s) => s.level >= 2 && s.level <= 6);
  const headerEnd = firstSection ? firstSection.headingLine : Math.min(lines.length, 40);
  for (const b of blocks) {
    if (b.startLine >= headerEnd) break;
    if (b.kind === 'paragraph' || b.kind === 'list') {
      for (let i = b.startLine; i <= b.endLine; i++) {
        const m = HEADER_LINE.exec(lines[i]);
        if (!m) continue;
        const name = headerFieldOf(m[3]);
        if (!name || has(name)) continue;
        const value = m[4].trim().replace(/\\$/, '').trim();
        const vs = value ? lines[i].lastIndexOf(value) : lines[i].length;
        headerFields.push({ name, label: m[3].trim(), value, line: i, valueRange: lineRange(i, vs, vs + value.length), source: 'line' });
      }
    } else if (b.kind === 'table' && b.header && b.rows) {
      // | Field | Value | tables, and one-row tables whose header names the fields.
      const rowsAsPairs = [b.header, ...b.rows].every((r) => r.cells.length >= 2);
      for (const r of [b.header, ...b.rows]) {
        const name = rowsAsPairs ? headerFieldOf(r.cells[0].text) : undefined;
        if (name && r.cells[1] && !has(name)) {
          const c = r.cells[1];
          headerFields.push({ name, label: r.cells[0].text, value: c.text.replace(/[*_]/g, ''), line: r.line, valueRange: cellRange(c), source: 'table' });
        }
      }
      if (b.rows.length >= 1) {
        b.header.cells.forEach((h, ci) => {
          const name = headerFieldOf(h.text);
          const c = b.rows![0].cells[ci];
          if (name && c && !has(name)) headerFields.push({ name, label: h.text, value: c.text, line: c.line, valueRange: cellRange(c), source: 'table' });
        });
      }
    }
  }
  const dateField = headerFields.find((f) => f.name === 'date');
  const incidentDate = dateField ? parseDate(dateField.value) : frontMatter?.date ? parseDate(String(frontMatter.date)) : title ? parseDate(title.text) : undefined;
  return { frontMatter, headerFields, incidentDate };
}
