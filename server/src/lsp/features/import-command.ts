// `workspace/executeCommand` `postmortem.import`: every import, for every LSP editor. One
// argument object `{uri, source, file?, url?, query?, start?, end?, step?, threshold?, grep?,
// format?, ...}` (see ImportArgs). The server reads the data (node adapters), plans the rows with
// the engine's one orchestration, and applies them with `workspace/applyEdit` as ONE edit against
// the document version it read; if the document changed meanwhile it refuses, and a failed
// import changes nothing. Progress and cancel: LSP work-done progress (the client's token, or
// one the server creates) and request cancellation.
//
// `preview: true` returns the candidate rows without editing (VS Code lets a person pick among
// log lines, then sends the picked ones back with `source: "rows"`). `notify: false` keeps the
// server from showing the outcome with `window/showMessage` (a client that shows its own).
import { dirname, sep } from 'node:path';
import {
  ErrorCodes,
  MessageType,
  ResponseError,
  TextDocumentEdit,
  type CancellationToken,
  type Connection,
  type ExecuteCommandParams,
  type TextDocuments,
  WorkDoneProgressReporter,
  type WorkspaceEdit,
} from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { buildModel } from '../../engine/model';
import { ImportError } from '../../engine/import/rows';
import { sourceById } from '../../engine/import/sources';
import { collectRows, planReportImport, type ImportHost } from '../../node/run-import';
import { unlinkSync } from 'node:fs';
import type { Checker } from '../documents';
import { pathOfUri } from '../convert';
import { guarded, type Log } from '../guard';
import { IMPORT_COMMAND, type ImportCommandArgs, type ImportCommandResult } from './import-protocol';
import { LINK_TICKET_COMMAND, linkTicketCommand } from './action-items';

export { IMPORT_COMMAND };
import { client } from './context';

function fail(e: unknown): ResponseError<{ kind: string }> {
  if (e instanceof ResponseError) return e;
  if (e instanceof ImportError) return new ResponseError(e.kind === 'usage' ? ErrorCodes.InvalidParams : ErrorCodes.InternalError, e.message, { kind: e.kind });
  return new ResponseError(ErrorCodes.InternalError, `The import failed: ${(e as Error)?.message ?? String(e)}`, { kind: 'internal' });
}

function checkArgs(a: unknown): ImportCommandArgs {
  if (!a || typeof a !== 'object' || Array.isArray(a)) throw new ImportError(`${IMPORT_COMMAND} takes one argument object: {uri, source, file?, url?, query?, start?, end?, step?, threshold?, grep?, format?}.`, 'usage');
  const o = a as Record<string, unknown>;
  if (typeof o.uri !== 'string') throw new ImportError(`${IMPORT_COMMAND}: "uri" (the report's document URI) is missing.`, 'usage');
  if (typeof o.source !== 'string') throw new ImportError(`${IMPORT_COMMAND}: "source" is missing.`, 'usage');
  sourceById(o.source);
  for (const k of ['file', 'url', 'query', 'start', 'end', 'window', 'grep', 'format', 'level', 'zone', 'text'] as const) {
    if (o[k] !== undefined && o[k] !== null && typeof o[k] !== 'string') throw new ImportError(`${IMPORT_COMMAND}: "${k}" must be a string.`, 'usage');
    if (o[k] === null) delete o[k];
  }
  return o as unknown as ImportCommandArgs;
}

/** The folder relative `file` arguments are read from: the workspace folder holding the report, else the report's folder. */
function baseFolder(path: string | undefined, folders: string[]): string {
  if (!path) return folders[0] ?? process.cwd();
  const holding = folders.filter((f) => path === f || path.startsWith(f.endsWith(sep) ? f : f + sep)).sort((a, b) => b.length - a.length)[0];
  return holding ?? dirname(path);
}

/** The client's progress (it sent a workDoneToken), else one the server creates when the client supports it. */
async function progressFor(connection: Connection, given: WorkDoneProgressReporter): Promise<{ reporter: WorkDoneProgressReporter; cancel?: CancellationToken }> {
  if (!WorkDoneProgressReporter.isNullInstance(given) || !client.workDoneProgress) return { reporter: given };
  try {
    const created = await connection.window.createWorkDoneProgress();
    return { reporter: created, cancel: created.token };
  } catch {
    return { reporter: given };
  }
}

export function registerImportCommand(connection: Connection, documents: TextDocuments<TextDocument>, checker: Checker, log: Log): void {
  connection.onExecuteCommand(guarded(log, 'workspace/executeCommand', async (params: ExecuteCommandParams, token: CancellationToken, workDone: WorkDoneProgressReporter): Promise<ImportCommandResult | ResponseError<{ kind: string }>> => {
    // The one executeCommand handler of the server also runs the action items' command.
    if (params.command === LINK_TICKET_COMMAND) return linkTicketCommand(connection, documents, params).catch((e: unknown) => (e instanceof ResponseError ? e : fail(e))) as never;
    if (params.command !== IMPORT_COMMAND) return new ResponseError(ErrorCodes.InvalidParams, `Unknown command ${params.command}.`);
    let notify = true;
    let chartFile: string | undefined;
    const removeChart = () => {
      if (!chartFile) return;
      try {
        unlinkSync(chartFile);
      } catch {
        /* already gone */
      }
    };
    const ac = new AbortController();
    const cancelSources = [token.onCancellationRequested(() => ac.abort())];
    let reporter: WorkDoneProgressReporter | undefined;
    try {
      const args = checkArgs(params.arguments?.[0]);
      notify = args.notify !== false;
      const doc = documents.get(args.uri);
      if (!doc) throw new ImportError(`Open the report first: ${args.uri} is not open in the editor.`, 'usage');
      const version = doc.version;
      const text = doc.getText();
      const path = pathOfUri(args.uri);
      const p = await progressFor(connection, workDone);
      reporter = p.reporter;
      if (p.cancel) cancelSources.push(p.cancel.onCancellationRequested(() => ac.abort()));
      const source = sourceById(args.source);
      reporter.begin(`Import ${source.title}`, undefined, undefined, true);
      const host: ImportHost = {
        cwd: baseFolder(path, checker.workspaceFolders),
        signal: ac.signal,
        server: args.server,
        timeoutMs: typeof args.timeout === 'number' && args.timeout > 0 ? args.timeout * 1000 : undefined,
        progress: (message, percentage) => reporter?.report(percentage ?? 0, message),
      };
      if (args.preview) {
        const c = await collectRows(args, buildModel(text), host);
        return { inserted: 0, duplicates: 0, createdSection: false, summary: `${c.rows.length} candidate row${c.rows.length === 1 ? '' : 's'}.`, notes: c.notes, rows: c.rows };
      }
      const planned = await planReportImport(args, { text, path }, host);
      chartFile = planned.chartFile;
      const result: ImportCommandResult = { inserted: planned.merge.inserted, duplicates: planned.merge.duplicates, createdSection: planned.merge.createdSection, summary: planned.summary, notes: planned.notes, chartFile };
      const edit = planned.merge.edit;
      if (edit) {
        if (ac.signal.aborted) throw new ImportError('The import was cancelled.', 'cancelled');
        const now = documents.get(args.uri);
        if (!now || now.version !== version) throw new ImportError('The report changed while the import ran, so nothing was inserted. Run the import again.', 'conflict');
        const we: WorkspaceEdit = client.documentChanges ? { documentChanges: [TextDocumentEdit.create({ uri: args.uri, version }, [edit])] } : { changes: { [args.uri]: [edit] } };
        let applied: { applied: boolean; failureReason?: string };
        try {
          applied = await connection.workspace.applyEdit({ label: `Import ${source.title}`, edit: we });
        } catch (e) {
          applied = { applied: false, failureReason: (e as Error).message };
        }
        if (!applied.applied) {
          throw new ImportError(`The editor did not apply the rows${applied.failureReason ? ` (${applied.failureReason})` : ''}, so nothing was inserted. If the report changed meanwhile, run the import again.`, 'conflict');
        }
      }
      if (notify) void connection.sendNotification('window/showMessage', { type: MessageType.Info, message: [planned.summary, ...planned.notes].join(' ') });
      return result;
    } catch (e) {
      removeChart();
      const err = fail(ac.signal.aborted && !(e instanceof ImportError && e.kind === 'cancelled') ? new ImportError('The import was cancelled.', 'cancelled') : e);
      if (notify && (err.data?.kind ?? '') !== 'cancelled') void connection.sendNotification('window/showMessage', { type: MessageType.Error, message: `Post-mortem import: ${err.message}` });
      return err;
    } finally {
      reporter?.done();
      for (const d of cancelSources) d.dispose();
    }
  }));
}
