// Imports into a timeline written as a list, time headings, paragraphs or bold time lines: the
// rows go in written like the entries already there, in time order across midnight, with the
// report's line endings, as one atomic write (CLI) or one edit, one undo step (language server).
// The rows come from a published PagerDuty log-entries sample (test/fixtures-import/).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { WorkspaceEdit } from 'vscode-languageserver-protocol';
import { buildModel } from '../../server/src/engine/model';
import { lint } from '../../server/src/engine/lint';
import { LspClient, fileUri } from '../helpers/lsp-client';
import { ensureCliBuilt, runCli } from '../helpers/cli';

const SAMPLE = join(__dirname, '..', 'fixtures-import', 'pagerduty_log_entries_ack_escalate_note.json');

const head = '# Post-mortem: checkout 5xx\n\n**Date**: 2024-03-01\n**Severity**: SEV-2\n\n## Timeline (all times UTC)\n\n';
const tail = '\n## Action Items\n\n| ID | Action | Owner | Deadline |\n| --- | --- | --- | --- |\n| 1 | Add a canary stage | @lee | 2024-04-01 |\n';

/** Each form: the timeline before the import, and the lines that carry the imported times after it. */
const FORMS: { name: string; timeline: string; written: RegExp[] }[] = [
  { name: 'list', timeline: '- 23:50 — Alert fired\n- 00:10 — Incident closed\n', written: [/^- 23:58 — incident #4127 escalated/m, /^- 23:59 — incident #4127 acknowledged/m, /^- 00:05 — Note on incident/m] },
  { name: 'time headings', timeline: '### 23:50\n\nAlert fired.\n\n### 00:10\n\nIncident closed.\n', written: [/^### 23:58\n\nincident #4127 escalated/m, /^### 23:59\n\nincident #4127 acknowledged/m, /^### 00:05\n\nNote on incident/m] },
  { name: 'paragraphs', timeline: '23:50 UTC: alert fired.\n\n00:10 UTC: incident closed.\n', written: [/^23:58 UTC: incident #4127 escalated/m, /^23:59 UTC: incident #4127 acknowledged/m, /^00:05 UTC: Note on incident/m] },
  { name: 'plain lines', timeline: '23:50 UTC - alert fired\n00:10 UTC - incident closed\n', written: [/^23:50 UTC - alert fired\n23:58 UTC - incident #4127 escalated/m, /^23:59 UTC - incident #4127 acknowledged/m, /^00:05 UTC - Note on incident.*\n00:10 UTC - incident closed/m] },
  { name: 'bold time lines', timeline: '**23:50 UTC**\n\nAlert fired.\n\n**00:10 UTC**\n\nIncident closed.\n', written: [/^\*\*23:58 UTC\*\*\n\nincident #4127 escalated/m, /^\*\*23:59 UTC\*\*\n\nincident #4127 acknowledged/m, /^\*\*00:05 UTC\*\*\n\nNote on incident/m] },
];

/** What a reader of the result checks: every entry in time order across midnight, no order finding. */
function assertMerged(name: string, text: string): void {
  const times = buildModel(text).timeline.entries.map((e) => new Date(e.epoch! * 1000).toISOString().slice(0, 16));
  assert.deepEqual(times, ['2024-03-01T23:50', '2024-03-01T23:58', '2024-03-01T23:59', '2024-03-02T00:05', '2024-03-02T00:10'], name);
  assert.deepEqual(lint(text).findings.filter((f) => f.rule.startsWith('timeline')), [], name);
  for (const re of FORMS.find((f) => f.name === name)!.written) assert.match(text.replace(/\r\n/g, '\n'), re, name);
  assert.ok(text.startsWith(head.replace(/\n/g, text.includes('\r\n') ? '\r\n' : '\n')), name);
}

test('postmortem import --into: each form of timeline gets the rows in its form; CRLF kept; again adds nothing', () => {
  ensureCliBuilt();
  const dir = mkdtempSync(join(tmpdir(), 'pm-forms-'));
  try {
    for (const f of FORMS) {
      for (const eol of ['\n', '\r\n']) {
        const report = (head + f.timeline + tail).replace(/\n/g, eol);
        writeFileSync(join(dir, 'pm.md'), report);
        let r = runCli(['import', 'pagerduty', SAMPLE, '--into', 'pm.md'], dir);
        assert.equal(r.code, 0, r.stderr);
        assert.match(r.stderr, /^3 rows inserted into pm\.md/m, f.name);
        const text = readFileSync(join(dir, 'pm.md'), 'utf8');
        assertMerged(f.name, text);
        if (eol === '\r\n') assert.ok(!/[^\r]\n/.test(text), `${f.name}: CRLF kept`);
        // Only insertions: taking the new lines out gives the report back.
        const kept = text.split(eol).filter((l) => !/23:58|23:59|00:05|incident #4127|Note on incident/.test(l));
        assert.equal(kept.join(eol).replace(new RegExp(`(${eol}){3,}`, 'g'), eol + eol), report, f.name);
        r = runCli(['import', 'pagerduty', SAMPLE, '--into', 'pm.md'], dir);
        assert.match(r.stderr, /0 rows inserted into pm\.md, 3 already there/, f.name);
        assert.equal(readFileSync(join(dir, 'pm.md'), 'utf8'), text, f.name);
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('postmortem.import in the language server: one edit (one undo step) per import, the same text as the CLI writes', async () => {
  ensureCliBuilt();
  const ws = mkdtempSync(join(tmpdir(), 'pm-lsp-forms-'));
  const c = new LspClient({ folders: [ws], settings: {} });
  const edits: WorkspaceEdit[] = [];
  c.conn.onRequest('workspace/applyEdit', async (p: { edit: WorkspaceEdit }) => {
    edits.push(p.edit);
    await c.applyEdit(p.edit);
    return { applied: true };
  });
  try {
    await c.initialize();
    for (const f of FORMS) {
      const report = head + f.timeline + tail;
      const uri = fileUri(join(ws, `${f.name.replace(/ /g, '-')}.md`));
      await c.open(uri, report);
      const before = edits.length;
      const r = await c.conn.sendRequest<{ inserted: number }>('workspace/executeCommand', { command: 'postmortem.import', arguments: [{ uri, notify: false, source: 'pagerduty', file: SAMPLE }] });
      assert.equal(r.inserted, 3, f.name);
      assert.equal(edits.length, before + 1, f.name);
      const dc = edits.at(-1)!.documentChanges![0] as { edits: unknown[] };
      assert.equal(dc.edits.length, 1, `${f.name}: one text edit, one undo step`);
      assertMerged(f.name, c.text(uri));
      // The CLI writes the same bytes into the same report.
      writeFileSync(join(ws, 'cli.md'), report);
      runCli(['import', 'pagerduty', SAMPLE, '--into', 'cli.md'], ws);
      assert.equal(c.text(uri), readFileSync(join(ws, 'cli.md'), 'utf8'), f.name);
    }
  } finally {
    await c.shutdown();
    rmSync(ws, { recursive: true, force: true });
  }
});
