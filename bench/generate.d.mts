// Types for bench/generate.mjs, so TypeScript tests can share its seeded generator.
export function rng(seed: number): () => number;
export function report(seed: number, rows: number, opts?: Record<string, unknown>): string;
export function generate(dir: string): Record<string | number, string>;
