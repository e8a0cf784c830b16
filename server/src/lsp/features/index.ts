// Language features beyond diagnostics. Each feature registers its handlers here.
import type { Connection, InitializeParams, ServerCapabilities, TextDocuments } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Checker } from '../documents';

export function capabilities(_params: InitializeParams): ServerCapabilities {
  return {};
}

export function registerFeatures(_connection: Connection, _documents: TextDocuments<TextDocument>, _checker: Checker): void {}
