// The one place that turns engine findings into LSP diagnostics.
import { fileURLToPath } from 'node:url';
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver';
import type { Finding, Fix } from '../engine/types';
import { ruleDocUrl } from '../node/rule-docs';

export const SOURCE = 'postmortem';

/**
 * The local path of a `file:` URI, or undefined for other schemes and for file URIs this system
 * cannot open (`file://otherhost/share/r.md` on Linux, `file://%zz/..`): such a document is
 * checked like an untitled one, without configuration files.
 */
export function pathOfUri(uri: string): string | undefined {
  if (!uri.startsWith('file:')) return undefined;
  try {
    return fileURLToPath(uri);
  } catch {
    return undefined;
  }
}

const SEVERITY: Record<Finding['severity'], DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

export interface DiagnosticData {
  fixes?: Fix[];
}

export function toDiagnostic(f: Finding): Diagnostic {
  const d: Diagnostic = {
    range: f.range,
    severity: SEVERITY[f.severity],
    source: SOURCE,
    code: f.rule,
    codeDescription: { href: ruleDocUrl(f.rule) },
    message: f.message,
  };
  if (f.fixes?.length) d.data = { fixes: f.fixes } satisfies DiagnosticData;
  return d;
}
