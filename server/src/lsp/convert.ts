// The one place that turns engine findings into LSP diagnostics.
import { fileURLToPath } from 'node:url';
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver';
import type { Finding } from '../engine/types';
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

/**
 * A finding as a diagnostic: range, severity, rule id (`code`), its docs page and the message.
 * The fixes stay in the server: code actions are answered from the server's findings for the
 * document's current version, matched by rule, range and message (features/code-actions.ts), so a
 * diagnostic from an older version never brings back an edit made for older text, and the
 * diagnostics sent on every keystroke stay small (fixes were four fifths of their JSON).
 */
export function toDiagnostic(f: Finding): Diagnostic {
  const d: Diagnostic = {
    range: f.range,
    severity: SEVERITY[f.severity],
    source: SOURCE,
    code: f.rule,
    codeDescription: { href: ruleDocUrl(f.rule) },
    message: f.message,
  };
  return d;
}
