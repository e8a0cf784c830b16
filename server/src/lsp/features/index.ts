// Language features beyond diagnostics. Each feature registers its handlers here.
import type { Connection, InitializeParams, ServerCapabilities, TextDocuments } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Checker } from '../documents';
import { readClientFeatures } from './context';
import { CODE_ACTION_KINDS, registerCodeActions } from './code-actions';
import { TRIGGER_CHARACTERS, registerCompletion } from './completion';
import { registerHover } from './hover';
import { IMPORT_COMMAND, registerImportCommand } from './import-command';
import { registerSymbols } from './symbols';
import { LINK_TICKET_COMMAND, registerActionItems } from './action-items';
import type { Log } from '../guard';

export function capabilities(params: InitializeParams): ServerCapabilities {
  readClientFeatures(params);
  return {
    codeActionProvider: { codeActionKinds: CODE_ACTION_KINDS, resolveProvider: false },
    completionProvider: { triggerCharacters: TRIGGER_CHARACTERS, resolveProvider: false },
    hoverProvider: true,
    documentSymbolProvider: { label: 'Post-mortem' },
    foldingRangeProvider: true,
    executeCommandProvider: { commands: [IMPORT_COMMAND, LINK_TICKET_COMMAND], workDoneProgress: true },
  };
}

/** Each feature wraps its handlers with `guarded(log, ...)` (see ../guard.ts). */
export function registerFeatures(connection: Connection, documents: TextDocuments<TextDocument>, checker: Checker, log: Log): void {
  registerCodeActions(connection, documents, checker, log);
  registerCompletion(connection, documents, checker, log);
  registerHover(connection, documents, checker, log);
  registerSymbols(connection, documents, checker, log);
  registerImportCommand(connection, documents, checker, log);
  registerActionItems(connection, documents, checker, log);
}
