// Loads dist/client-commands.js (client/src/lazy-commands.ts) on the first run of one of its
// commands. It is a bundle of its own so that activation neither parses nor runs it: the import
// commands and "Open the configuration file" bring the engine's import code, the YAML reader and
// luxon, about a third of the extension's code, which most sessions never use.
import * as path from 'node:path';
import type * as vscode from 'vscode';

type LazyCommands = typeof import('./lazy-commands');
let loaded: LazyCommands | undefined;

export function lazyCommands(context: vscode.ExtensionContext): LazyCommands {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (loaded ??= require(context.asAbsolutePath(path.join('dist', 'client-commands.js'))) as LazyCommands);
}
