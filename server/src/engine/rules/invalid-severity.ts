import type { Rule } from '../types';
import { linkText } from '../strip';

/** Case, spaces, hyphens and emphasis do not matter: `SEV-1`, `SEV1`, `Sev 1`, `sev_1`. */
export function scaleKey(s: string): string {
  return s.replace(/[*_`\s\-‐–—.]/g, '').toLowerCase();
}

/**
 * The value's leading word, before a note: `SEV-2 (major)`, `P1 - urgent`, `High: customer facing`,
 * `S3。ローカルの…`; a leading marker (`🔴 Critical`) is not part of it.
 */
export function leadingValue(s: string): string {
  return linkText(s)
    .replace(/[*_`]/g, '')
    .replace(/^[^\p{L}\p{N}]+/u, '')
    .split(/(?<!\s)\s*(?:[(（:：,、。/]|\s[-–—]\s)/)[0]
    .trim();
}

/**
 * Keys a severity scale accepts: each value, and for `SEV-N` also `SN`, `PN`, `Severity N` and bare
 * `N`; a scale of SEV levels also takes level 0 (`SEV-0`, `P0`), the level above SEV-1 many teams keep.
 */
function severityKeys(scale: string[]): Set<string> {
  const out = new Set<string>();
  for (const v of scale) {
    const k = scaleKey(v);
    out.add(k);
    const m = /^(?:sev|severity|s)(\d)$/.exec(k);
    if (!m) continue;
    const levels = m[1] === '1' ? ['0', '1'] : [m[1]];
    for (const n of levels) for (const p of ['sev', 'severity', 's', 'p', '']) out.add(p + n);
  }
  return out;
}

/** Whether the value, or its first word (`P1 High`, `SEV-2 major`), is on the scale. */
function onScale(value: string, keys: Set<string>): boolean {
  if (keys.has(scaleKey(value))) return true;
  const first = /^\S+/.exec(value)?.[0];
  return first !== undefined && first !== value && keys.has(scaleKey(first));
}

const rule: Rule = {
  id: 'invalid-severity',
  description: 'The Severity field uses a value of the team\'s scale (severityScale; default SEV-1 to SEV-4).',
  defaultSeverity: 'warning',
  tags: ['structure'],
  summary: 'a Severity value outside the configured scale (`severityScale`; default SEV-1..SEV-4, also written SEV1, Sev 1, S1, P1, and level 0 above them)',
  messages: {
    en: {
      invalid: 'Severity "{value}" is not on the scale ({scale}). A shared scale lets incidents be compared and counted; set severityScale in .postmortemrc if your team uses another.',
      fix: 'Use {value}',
    },
    ja: {
      invalid: '重大度「{value}」は尺度（{scale}）にありません。共通の尺度でインシデントを比較・集計できます。チームが別の尺度を使う場合は .postmortemrc の severityScale で設定してください。',
      fix: '{value} にする',
    },
  },
  check(ctx) {
    const { doc, config } = ctx;
    const field = doc.headerFields.find((f) => f.name === 'severity');
    if (!field) return;
    const value = leadingValue(field.value);
    if (!value || /^(?:tbd|n\/a|-+|—|未定)$/i.test(value)) return;
    if (onScale(value, severityKeys(config.severityScale))) return;
    const range = field.valueRange;
    const fixes = config.severityScale.slice(0, 6).map((v) => ({ title: ctx.msg('fix', { value: v }), edits: [{ range, newText: v }] }));
    ctx.report({ range, messageId: 'invalid', args: { value, scale: config.severityScale.join(', ') }, fixes });
  },
};
export default rule;
