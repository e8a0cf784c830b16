// The `postmortem.import` command's name, argument and answer: shared by the server, which runs
// it, and the VS Code client, which calls it (types only, so the client bundles no server code).
import type { TimelineRow } from '../../engine/import/rows';
import type { ImportArgs } from '../../engine/import/sources';
import type { ServerTarget } from '../../node/observability-http';

export const IMPORT_COMMAND = 'postmortem.import';

export interface ImportCommandArgs extends ImportArgs {
  /** The report the rows go into (an open document). */
  uri: string;
  /** Return the candidate rows without editing. */
  preview?: boolean;
  /** Show the outcome with window/showMessage (default true). */
  notify?: boolean;
  /** Connection details for `url` (a named server's headers, saved credentials); default: PROMETHEUS_* variables of the server's environment. */
  server?: Omit<ServerTarget, 'url'>;
  /** HTTP timeout in seconds (default 30). */
  timeout?: number;
}

export interface ImportCommandResult {
  inserted: number;
  duplicates: number;
  createdSection: boolean;
  summary: string;
  notes: string[];
  chartFile?: string;
  /** With `preview`: the candidate rows. */
  rows?: TimelineRow[];
}

