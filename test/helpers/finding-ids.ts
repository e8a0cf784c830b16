// The ids of findings that come from no rule of the registry (`too-large`, `config`,
// `check-failed` ...), read from the source: every `rule: '<id>'` literal under server/src whose id
// is not a registered rule. Each gets a docs page too, since its diagnostic links to
// docs/rules/<id>.md like a rule's.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { RULES } from '../../server/src/engine/rules/index';

const SRC = join(__dirname, '..', '..', 'server', 'src');

function tsFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? tsFiles(p) : p.endsWith('.ts') ? [p] : [];
  });
}

export function findingIdsWithoutRule(): string[] {
  const rules = new Set(RULES.map((r) => r.id));
  const ids = new Set<string>();
  for (const f of tsFiles(SRC)) for (const m of readFileSync(f, 'utf8').matchAll(/\brule: '([a-z][a-z-]*)'/g)) if (!rules.has(m[1])) ids.add(m[1]);
  return [...ids].sort();
}
