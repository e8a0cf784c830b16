// Types of scripts/e2e-package.mjs for the TypeScript suites under test/e2e.
export const ROOT: string;
export const IN_HOST_ENTRY: string;
export function buildProject(): void;
export function packageExtension(): string;
export function bundleInHostTests(): Promise<string>;
export function prepareWorkspace(dir: string, settings?: Record<string, unknown>): string;
