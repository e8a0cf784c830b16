// Fixture reports carry their own expectations in a trailing HTML comment, so the text being
// checked is exactly the report:
//
//   <!-- postmortem-expect
//   12:5 blameful-language
//   14 missing-owner
//   -->
//
// Each line is `LINE[:COLUMN] RULE` (1-based). Optional, before it:
//   <!-- postmortem-config {"rules": {"missing-section": "off"}} -->
// A file named `*.ja.md` is linted with the Japanese locale.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { ConfigInput } from '../../server/src/engine/config';

export interface Expectation {
  line: number;
  column?: number;
  rule: string;
}

export interface Fixture {
  path: string;
  text: string;
  expected: Expectation[];
  config?: ConfigInput;
  locale: 'en' | 'ja';
}

export function readFixture(path: string): Fixture {
  const text = readFileSync(path, 'utf8');
  const m = /<!--\s*postmortem-expect\s*\n([\s\S]*?)-->\s*$/.exec(text);
  if (!m) throw new Error(`${path}: no trailing <!-- postmortem-expect ... --> comment`);
  const expected: Expectation[] = [];
  for (const raw of m[1].split('\n')) {
    const l = raw.trim();
    if (!l || l.startsWith('#')) continue;
    const e = /^(\d+)(?::(\d+))?\s+([a-z-]+)$/.exec(l);
    if (!e) throw new Error(`${path}: bad expectation line "${l}"`);
    expected.push({ line: +e[1], column: e[2] ? +e[2] : undefined, rule: e[3] });
  }
  const c = /<!--\s*postmortem-config\s+(\{[\s\S]*?\})\s*-->/.exec(text);
  return { path, text, expected, config: c ? JSON.parse(c[1]) : undefined, locale: path.endsWith('.ja.md') ? 'ja' : 'en' };
}

export function listFixtures(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...listFixtures(p));
    else if (name.endsWith('.md')) out.push(p);
  }
  return out;
}
