// What a person types over the placeholders that plain-text fixes leave behind (METRIC, 〈指標〉,
// OWNER). Fixes for clients without snippet support insert these on purpose, and the rules flag
// them until they are replaced; tests that walk a report to clean type over them like a writer.
const VALUES: Record<string, string> = {
  METRIC: 'connection pool wait time p99',
  DASHBOARD: 'the checkout-api Grafana dashboard',
  CONDITION: 'it exceeds 200 ms for 5 minutes',
  SUITE: 'the checkout-api integration suite',
  SYMPTOM: 'the pool exhaustion',
  TICKET: 'OPS-1234',
  DATE: '2025-03-01',
  PIPELINE: 'the deploy pipeline',
  CHANGE: 'a pool_size change',
  RUNBOOK: 'runbooks/checkout-api.md',
  CASE: 'pool exhaustion',
  DEFECT: 'the pool leak',
  COMPONENT: 'checkout-api',
  MEASURE: 'p99 pool wait time',
  TARGET: 'under 50 ms',
  '〈指標〉': 'コネクションプールの待ち時間 p99',
  '〈ダッシュボード〉': 'checkout-api の Grafana ダッシュボード',
  '〈条件〉': '5分間 200ms を超えた',
  '〈テストスイート〉': '結合テスト',
  '〈事象〉': 'プール枯渇',
  '〈チケット〉': 'OPS-1234',
  '〈期日〉': '2025-03-01',
  '〈パイプライン〉': 'デプロイパイプライン',
  '〈変更〉': 'pool_size の変更',
  '〈手順書〉': 'runbooks/checkout-api.md',
  '〈ケース〉': 'プール枯渇',
  '〈不具合〉': 'プールのリーク',
  '〈コンポーネント〉': 'checkout-api',
  '〈目標〉': '50ms 未満',
};

const OWNER_CELL = /\|\s*(?:OWNER|〈担当者〉)\s*\|/g;

export function typeOverPlaceholders(text: string, owner = '@dana'): string {
  let out = text.replace(OWNER_CELL, `| ${owner} |`);
  out = out.replace(/\b[A-Z]{3,}\b|〈[^〉]+〉/g, (w) => VALUES[w] ?? w);
  return out;
}

export function hasPlaceholders(text: string): boolean {
  return typeOverPlaceholders(text) !== text;
}
