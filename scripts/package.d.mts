// Types of scripts/package.mjs for the TypeScript tests.
export const ROOT: string;
export const EXTENSION_README: string;
export const OVSX: string;
export function defaultVsixPath(): string;
export function packVsix(out?: string, options?: { rewriteLinks?: boolean }): string[];
export function vsixFiles(vsix: string): string[];
