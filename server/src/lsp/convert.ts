// The one place that turns engine findings into LSP diagnostics.
import { pathToFileURL } from 'node:url';
import { join } from 'node:path';
import { existsSync } from 'node:fs';
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver';
import type { Finding, Fix } from '../engine/types';

export const SOURCE = 'postmortem';

/** docs/ ships beside dist/ in the extension and in the npm package. */
const docsDir = [join(__dirname, '..', 'docs', 'rules'), join(__dirname, '..', '..', 'docs', 'rules'), join(__dirname, '..', '..', '..', 'docs', 'rules')].find((d) => existsSync(d)) ?? join(__dirname, '..', 'docs', 'rules');

const docUrls = new Map<string, string>();

export function ruleDocUrl(id: string): string {
  let u = docUrls.get(id);
  if (!u) docUrls.set(id, (u = pathToFileURL(join(docsDir, `${id}.md`)).toString()));
  return u;
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
