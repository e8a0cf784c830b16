// Types of scripts/code-server.mjs for the TypeScript suites under test/e2e.
export const CODE_SERVER_VERSION: string;
export const ROOT: string;
export const TEST_DIR: string;
export const CODE_SERVER_BIN: string;
export function isInstalled(): boolean;
export function ensureCodeServer(): string;
export function freePort(): Promise<number>;
export function waitFor<T>(what: string, fn: () => T | Promise<T>, timeoutMs?: number, intervalMs?: number): Promise<NonNullable<T>>;
export interface RunDirs { runDir: string; userDataDir: string; extensionsDir: string; config: string; password?: string }
export function prepareRun(runDir: string, userSettings?: Record<string, unknown>, opts?: { password?: string }): RunDirs;
export function installExtension(run: RunDirs, vsix: string): string;
export interface CodeServer { url: string; port: number; pid: number; stop(): Promise<void>; output(): string }
export function startCodeServer(run: RunDirs, opts?: { workspace?: string; port?: number; env?: Record<string, string>; host?: string; logFile?: string; onSpawn?: (pid: number) => void }): Promise<CodeServer>;
export function descendantsOf(pid: number): number[];
export function stopGroup(pid: number, hasExited?: () => boolean): Promise<void>;
