// Checks that work grows linearly with the size of its input, without an absolute time budget
// (speed budgets live in `npm run bench`): an input of 4n may take at most 8 times as long as one
// of n (linear growth gives 4, quadratic 16), plus twice the time of a control of the larger size
// (a plain input the code reads without trouble) as room for the noise of a shared machine. A
// loaded or slow machine slows both sides alike; a hang never returns.
import assert from 'node:assert/strict';

/**
 * The fastest of `runs` runs, in milliseconds. Each run is told which one it is (`k`, from 0), so
 * that a caller whose code caches by text can give each run its own text.
 */
export function fastest(run: (k: number) => void, runs = 3): number {
  let best = Infinity;
  for (let k = 0; k < runs; k++) {
    const t = performance.now();
    run(k);
    best = Math.min(best, performance.now() - t);
  }
  return best;
}

/**
 * The fastest of `rounds` runs of each of the three inputs, run in turn (small, large, control,
 * then the next round in another order), so that a busy spell of a shared machine slows runs of
 * all three instead of all the runs of one: `fastest` of each in a row put a loaded second on the
 * large input alone (the input of 4n once took 14.1 ms against 1.5 ms for n). Each run is told its
 * round (`k`), as with `fastest`.
 */
export function fastestOfEach(runs: Record<keyof Times, (k: number) => void>, rounds = 7): Times {
  const best: Times = { small: Infinity, large: Infinity, control: Infinity };
  const orders: (keyof Times)[][] = [['small', 'large', 'control'], ['large', 'control', 'small'], ['control', 'small', 'large']];
  for (let k = 0; k < rounds; k++) {
    for (const which of orders[k % orders.length]) {
      const t = performance.now();
      runs[which](k);
      best[which] = Math.min(best[which], performance.now() - t);
    }
  }
  return best;
}

/** Times from `fastest`: the input of n, the input of 4n, and a plain control input of 4n. */
export interface Times {
  small: number;
  large: number;
  control: number;
}

function grewLinearly({ small, large, control }: Times): boolean {
  return large <= 8 * small + 2 * control;
}

/**
 * Asserts linear growth: `large` (the input of 4n) took at most 8 times `small` (the input of n)
 * plus twice `control` (a plain input of the larger size). `measure` takes the three times with
 * `fastest`; it is called again when a measurement fails (see the top of this file).
 */
export function assertGrowsLinearly(what: string, measure: () => Times): void {
  let t = measure();
  for (let tries = 1; tries < 3 && !grewLinearly(t); tries++) t = measure();
  const { small, large, control } = t;
  assert.ok(
    grewLinearly(t),
    `${what}: the input of 4n took ${large.toFixed(1)} ms, of n ${small.toFixed(1)} ms (a plain input of 4n: ${control.toFixed(1)} ms)`,
  );
}
