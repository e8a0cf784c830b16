// Every regular expression of the engine, for the back-tracking check (test/unit/regex-safety.test.ts,
// docs/robustness.md). Two kinds:
// - literals (`/.../g`), read from server/src/engine with the TypeScript parser;
// - patterns built with `new RegExp(...)` (word lists, user names), caught at run time: the
//   RegExp constructor is wrapped before the engine is loaded, then the engine lints every fixture
//   and example report, so each pattern is checked exactly as it is built.
// Verdicts of `recheck` are cached in test/robustness/regex-verdicts.json, keyed by a hash of flags
// and source, so a run checks only new or changed patterns.
import ts from 'typescript';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';

export const ROOT = join(__dirname, '..', '..');
export const ENGINE = join(ROOT, 'server', 'src', 'engine');
export const VERDICTS_FILE = join(ROOT, 'test', 'robustness', 'regex-verdicts.json');

export interface Found {
  source: string;
  flags: string;
  /** `file:line` (relative to the repository) of each place it comes from. */
  where: string[];
}

/** A `new RegExp(...)`/`RegExp(...)` call in the engine's source. */
export interface ConstructorSite {
  file: string;
  line: number;
  /** The call's text up to its first 60 characters, spaces collapsed (stable across line moves). */
  key: string;
}

export function hashOf(source: string, flags: string): string {
  return createHash('sha256').update(`${flags}/${source}`).digest('hex').slice(0, 16);
}

function tsFiles(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((n) => {
      const p = join(dir, n);
      return statSync(p).isDirectory() ? tsFiles(p) : p.endsWith('.ts') ? [p] : [];
    });
}

const rel = (p: string) => relative(ROOT, p).split(sep).join('/');

export function siteKey(file: string, callText: string): string {
  return `${file}: ${callText.replace(/\s+/g, ' ').slice(0, 60)}`;
}

/** Regular-expression literals and RegExp constructor calls in the engine's source. */
export function scanEngineSource(): { literals: Map<string, Found>; sites: ConstructorSite[] } {
  const literals = new Map<string, Found>();
  const sites: ConstructorSite[] = [];
  for (const path of tsFiles(ENGINE)) {
    const file = rel(path);
    const sf = ts.createSourceFile(path, readFileSync(path, 'utf8'), ts.ScriptTarget.ES2022, true);
    const lineOf = (n: ts.Node) => sf.getLineAndCharacterOfPosition(n.getStart(sf)).line + 1;
    const visit = (n: ts.Node): void => {
      if (ts.isRegularExpressionLiteral(n)) {
        const slash = n.text.lastIndexOf('/');
        const source = n.text.slice(1, slash);
        const flags = n.text.slice(slash + 1);
        const h = hashOf(source, flags);
        const f = literals.get(h) ?? { source, flags, where: [] };
        f.where.push(`${file}:${lineOf(n)}`);
        literals.set(h, f);
      } else if ((ts.isNewExpression(n) || ts.isCallExpression(n)) && n.expression.getText(sf) === 'RegExp') {
        sites.push({ file, line: lineOf(n), key: siteKey(file, n.getText(sf)) });
      }
      ts.forEachChild(n, visit);
    };
    visit(sf);
  }
  return { literals, sites };
}

/**
 * Wraps the global RegExp constructor so that every pattern built by engine code is recorded with
 * the `file:line` of its caller. Call before the engine is loaded; undo with the returned function.
 */
export function recordConstructedPatterns(): { found: Map<string, Found>; restore: () => void } {
  const found = new Map<string, Found>();
  const Original = RegExp;
  const record = (args: unknown[]) => {
    const [p, f] = args;
    const source = p instanceof Original ? p.source : String(p ?? '(?:)');
    const flags = f === undefined ? (p instanceof Original ? p.flags : '') : String(f);
    const stack = new Error().stack ?? '';
    const frame = stack.split('\n').find((l) => l.includes(`${sep}server${sep}src${sep}engine${sep}`));
    if (!frame) return;
    const m = /\(?((?:[A-Za-z]:)?[^():]+):(\d+):\d+\)?$/.exec(frame.trim());
    const where = m ? `${rel(m[1])}:${m[2]}` : frame.trim();
    const h = hashOf(source, flags);
    const e = found.get(h) ?? { source, flags, where: [] };
    if (!e.where.includes(where)) e.where.push(where);
    found.set(h, e);
  };
  const Wrapped: RegExpConstructor = new Proxy(Original, {
    construct(target, args, newTarget): object {
      record(args);
      return Reflect.construct(target, args, newTarget === Wrapped ? target : newTarget);
    },
    apply(target, thisArg, args): RegExp {
      record(args);
      return Reflect.apply(target, thisArg, args);
    },
  });
  globalThis.RegExp = Wrapped;
  return {
    found,
    restore: () => {
      globalThis.RegExp = Original;
    },
  };
}

export interface Verdict {
  source: string;
  flags: string;
  status: 'safe' | 'vulnerable' | 'unknown';
  /** recheck's complexity summary ("safe", "2nd degree polynomial", "exponential"), or why unknown. */
  complexity: string;
  /** recheck's attack string, as a pattern ("'a'.repeat(20) + '!'"), for vulnerable ones. */
  attack?: string;
}

export interface VerdictFile {
  recheck: string;
  verdicts: Record<string, Verdict>;
}

export function readVerdicts(): VerdictFile {
  if (!existsSync(VERDICTS_FILE)) return { recheck: '', verdicts: {} };
  return JSON.parse(readFileSync(VERDICTS_FILE, 'utf8')) as VerdictFile;
}

export function writeVerdicts(v: VerdictFile): void {
  const sorted: Record<string, Verdict> = {};
  for (const k of Object.keys(v.verdicts).sort()) sorted[k] = v.verdicts[k];
  writeFileSync(VERDICTS_FILE, JSON.stringify({ recheck: v.recheck, verdicts: sorted }, null, 1) + '\n');
}

export const RECHECK_VERSION = (JSON.parse(readFileSync(join(ROOT, 'node_modules', 'recheck', 'package.json'), 'utf8')) as { version: string }).version;

/** recheck's verdict on one pattern (fixed seed, so the same pattern gets the same verdict). */
export async function recheckPattern(source: string, flags: string, timeoutMs = 10_000): Promise<Verdict> {
  const { check } = await import('recheck');
  const r = await check(source, flags, { timeout: timeoutMs, randomSeed: 1 });
  if (r.status === 'vulnerable') return { source, flags, status: 'vulnerable', complexity: `${r.complexity.summary} (${r.checker})`, attack: r.attack.pattern };
  if (r.status === 'safe') return { source, flags, status: 'safe', complexity: `${r.complexity.summary} (${r.checker})` };
  return { source, flags, status: 'unknown', complexity: r.error.kind };
}
