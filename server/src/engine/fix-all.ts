// Fix-all: every fix that is safe without a person choosing (`fixAll` on the fix), applied until
// nothing is left to fix. The one implementation behind `postmortem lint --fix` and the language
// server's `source.fixAll` code action, so both give the same bytes for the same report.
//
// - A fix is applied whole or not at all in a pass. When two fixes touch overlapping text (or start
//   at the same offset, where their order would be a guess), the first in the checker's order is
//   applied and the other waits for the next pass, when it is recomputed against the new text.
// - Passes repeat until a pass finds nothing to apply (a fixed point), at most MAX_PASSES times. A
//   report that still has fixes to apply after that has fixes that undo each other; it is returned
//   unchanged and `settled` is false, so applying fix-all to its own result never changes it again.
// - Only the fixes' edits change the text: everything outside them is kept byte for byte, line
//   breaks included (the fixes themselves keep the breaks of the lines they rewrite).
import { lint, type LintOptions } from './lint';
import { applyEdits, lineStartsOf, offsetAt } from './edits';
import type { Finding, TextEdit } from './types';

export const MAX_FIX_PASSES = 10;

export interface FixAllResult {
  /** The fixed text (the input itself when nothing applied, or when the fixes did not settle). */
  text: string;
  changed: boolean;
  /** Findings gone after the fixes, by rule id (only rules whose fixes were applied). */
  fixed: Record<string, number>;
  /** Total of `fixed`. */
  fixedCount: number;
  /** Passes that applied something. */
  passes: number;
  /** False when fixes were still being applied after MAX_FIX_PASSES (the text is then returned unchanged). */
  settled: boolean;
  /** Rules whose fixes were still pending when the passes ran out (empty when settled). */
  unsettled: string[];
  /** The findings of `text` as returned (what is left to fix by hand). */
  findings: Finding[];
}

function fixOf(f: Finding) {
  return f.fixes?.find((x) => x.fixAll && x.edits.length);
}

function allFindings(text: string, opts: LintOptions): Finding[] {
  const r = lint(text, opts);
  return [...r.findings, ...r.directiveProblems];
}

/** One pass: the non-overlapping fixes of `findings`, in order, and the findings they fix. */
function choose(text: string, findings: Finding[]): { edits: TextEdit[]; fixed: Finding[] } {
  const starts = lineStartsOf(text);
  const edits: TextEdit[] = [];
  const fixed: Finding[] = [];
  const taken: [number, number][] = [];
  const chosen = new Set<string>();
  for (const f of findings) {
    const fix = fixOf(f);
    if (!fix) continue;
    const key = JSON.stringify(fix.edits);
    if (chosen.has(key)) continue; // the same fix on several findings (one sort for every out-of-order row)
    const spans = fix.edits.map((e): [number, number] => [offsetAt(starts, text.length, e.range.start), offsetAt(starts, text.length, e.range.end)]);
    if (spans.some(([s, e]) => taken.some(([ts, te]) => (s < te && ts < e) || s === ts))) continue;
    taken.push(...spans);
    edits.push(...fix.edits);
    chosen.add(key);
    fixed.push(f);
  }
  return { edits, fixed };
}

export function fixAll(text: string, opts: LintOptions = {}): FixAllResult {
  let current = text;
  let findings = allFindings(current, opts);
  const before = findings;
  const touched = new Set<string>();
  let passes = 0;
  for (;;) {
    const { edits, fixed } = choose(current, findings);
    if (!edits.length) break;
    const next = applyEdits(current, edits).text;
    if (next === current) break;
    if (passes === MAX_FIX_PASSES) {
      const unsettled = [...new Set(fixed.map((f) => f.rule))].sort();
      return { text, changed: false, fixed: {}, fixedCount: 0, passes, settled: false, unsettled, findings: before };
    }
    for (const f of fixed) touched.add(f.rule);
    current = next;
    findings = allFindings(current, opts);
    passes++;
  }
  // What changed, counted as findings gone, per rule whose fixes were applied.
  const fixed: Record<string, number> = {};
  let fixedCount = 0;
  for (const rule of [...touched].sort()) {
    const n = before.filter((f) => f.rule === rule).length - findings.filter((f) => f.rule === rule).length;
    if (n > 0) {
      fixed[rule] = n;
      fixedCount += n;
    }
  }
  return { text: current, changed: current !== text, fixed, fixedCount, passes, settled: true, unsettled: [], findings };
}
