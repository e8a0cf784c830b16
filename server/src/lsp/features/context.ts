// What the features need to know about the client, read once from `initialize`.
import type { InitializeParams } from 'vscode-languageserver';

export interface ClientFeatures {
  /** WorkspaceEdit.documentChanges (versioned TextDocumentEdit) is supported. */
  documentChanges: boolean;
  /** LSP 3.18 SnippetTextEdit inside TextDocumentEdit. */
  snippetEdits: boolean;
  /** The older experimental form (`experimental.snippetTextEdit`): TextEdit + insertTextFormat 2. */
  experimentalSnippetEdits: boolean;
  /** CodeAction.disabled is shown by the client. */
  disabledActions: boolean;
  /** Hierarchical DocumentSymbol[] rather than SymbolInformation[]. */
  hierarchicalSymbols: boolean;
  /** Hover content as Markdown. */
  markdownHover: boolean;
  /** CompletionItem.textEdit with InsertReplaceEdit. */
  completionSnippets: boolean;
  /** The server may create work-done progress (window/workDoneProgress/create). */
  workDoneProgress: boolean;
}

export const client: ClientFeatures = {
  documentChanges: false,
  snippetEdits: false,
  experimentalSnippetEdits: false,
  disabledActions: false,
  hierarchicalSymbols: true,
  markdownHover: true,
  completionSnippets: false,
  workDoneProgress: false,
};

export function readClientFeatures(params: InitializeParams): void {
  const c = params.capabilities;
  const td = c.textDocument;
  client.documentChanges = !!c.workspace?.workspaceEdit?.documentChanges;
  client.snippetEdits = !!(c.workspace?.workspaceEdit as { snippetEditSupport?: boolean } | undefined)?.snippetEditSupport;
  client.experimentalSnippetEdits = !!(c.experimental as { snippetTextEdit?: boolean } | undefined)?.snippetTextEdit;
  client.disabledActions = !!td?.codeAction?.disabledSupport;
  client.hierarchicalSymbols = !!td?.documentSymbol?.hierarchicalDocumentSymbolSupport;
  client.markdownHover = !td?.hover?.contentFormat || td.hover.contentFormat.includes('markdown');
  client.completionSnippets = !!td?.completion?.completionItem?.snippetSupport;
  client.workDoneProgress = !!c.window?.workDoneProgress;
}
