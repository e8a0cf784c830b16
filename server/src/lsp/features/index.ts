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

export function capabilities(params: InitializeParams): ServerCapabilities {
  readClientFeatures(params);
  return {
    codeActionProvider: { codeActionKinds: CODE_ACTION_KINDS, resolveProvider: false },
    completionProvider: { triggerCharacters: TRIGGER_CHARACTERS, resolveProvider: false },
    hoverProvider: true,
    documentSymbolProvider: { label: 'Post-mortem' },
    foldingRangeProvider: true,
    executeCommandProvider: { commands: [IMPORT_COMMAND], workDoneProgress: true },
  };
}

export function registerFeatures(connection: Connection, documents: TextDocuments<TextDocument>, checker: Checker): void {
  registerCodeActions(connection, documents, checker);
  registerCompletion(connection, documents, checker);
  registerHover(connection, documents, checker);
  registerSymbols(connection, documents, checker);
  registerImportCommand(connection, documents, checker);
}
