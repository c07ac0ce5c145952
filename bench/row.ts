// One row of `npm run bench`. Each bench/<name>.bench.ts default-exports `async () => BenchRow[]`.
export interface BenchRow {
  measure: string; // what was measured, e.g. "rewriteAuthority throughput"
  value: number;
  unit: string; // 'ops/s', 'ms', 'KB', 'MB', 'x'
  /** What the value is compared with, measured in the same run (e.g. "URL parse+serialize", "manual path"). */
  baseline?: { label: string; value: number };
  /** value / baseline.value (or the inverse where lower is better; say which in `goal`). */
  ratio?: number;
  goal?: string; // e.g. "≤ 16 ms", "≥ 0.8×"
  met?: boolean;
}
