// The one home for text in a timeline cell: what an import writes must stay one cell of one
// row, whatever the data holds (pipes, backslashes, backticks, HTML, control characters, newlines).

const MAX_CELL = 300;

/**
 * Makes text safe for one GFM table cell: one line, pipes and backslashes escaped, backticks
 * escaped (so no code span swallows a pipe), HTML tags and entities neutralised, control
 * characters (ANSI colour codes included) removed, long text shortened.
 */
export function cellText(s: string, max = MAX_CELL): string {
  let t = s
     
    .replace(/\x1b\[[0-9;?]*[A-Za-z]/g, '')
    .replace(/\r\n|\r|\n|\u2028|\u2029/g, ' ')
     
    .replace(/[\x00-\x08\x0b-\x1f\x7f]/g, ' ')
    .replace(/\t/g, ' ')
    .replace(/\s{2,}/g, ' ')
    .trim();
  if (t.length > max) t = t.slice(0, max - 1).trimEnd() + '…';
  return t
    .replace(/\\/g, '\\\\')
    .replace(/\|/g, '\\|')
    .replace(/`/g, '\\`')
    .replace(/&(?=#?\w+;)/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;');
}

/** A code span safe inside a table cell (for queries): fence longer than any backtick run, pipes escaped. */
export function codeSpanCell(s: string, max = 200): string {
  let t = s.replace(/\s+/g, ' ').trim();
  if (t.length > max) t = t.slice(0, max - 1) + '…';
  // A backslash before a pipe would pair with the escape we add: fall back to escaped text.
  if (/\\(?=\|)|\\$/.test(t)) return cellText(t, max);
  const runs = t.match(/`+/g) ?? [];
  const fence = '`'.repeat(Math.max(0, ...runs.map((r) => r.length)) + 1);
  const pad = t.startsWith('`') || t.endsWith('`') ? ' ' : '';
  // Inside a table a pipe must be escaped even in a code span.
  t = t.replace(/\|/g, '\\|');
  return `${fence}${pad}${t}${pad}${fence}`;
}

/** Numbers as people read them: up to 4 significant digits, no exponent for ordinary sizes. */
export function formatNumber(v: number): string {
  if (Number.isNaN(v)) return 'NaN';
  if (v === Infinity) return '+Inf';
  if (v === -Infinity) return '-Inf';
  if (v === 0) return '0';
  const a = Math.abs(v);
  if (a >= 1e15 || a < 1e-6) {
    // 1.200e+15 -> 1.2e+15, 1.000e+15 -> 1e+15.
    const [mantissa, exponent] = v.toExponential(3).split('e');
    let end = mantissa.length;
    while (mantissa[end - 1] === '0') end--;
    if (mantissa[end - 1] === '.') end--;
    return `${mantissa.slice(0, end)}e${exponent}`;
  }
  if (Number.isInteger(v)) return String(v);
  const p = Number(v.toPrecision(4));
  return String(p);
}

/** Keeps a cell on one line and escapes any pipe not already escaped. */
export function ensureCellSafe(s: string): string {
  const one = s.replace(/\r\n|\r|\n/g, ' ');
  let out = '';
  let bs = 0;
  for (const ch of one) {
    if (ch === '|' && bs % 2 === 0) out += '\\';
    out += ch;
    bs = ch === '\\' ? bs + 1 : 0;
  }
  // A trailing odd backslash would escape the closing pipe.
  if (bs % 2 === 1) out += '\\';
  return out.trim();
}
