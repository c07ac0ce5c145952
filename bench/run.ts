// `npm run bench [-- filter]`: runs every bench/*.bench.ts one at a time (a failing file is reported, the others
// still run), prints one table and writes bench/results.json. A filter keeps only files whose name contains it.
import { readdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { basename, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { BenchRow } from './row.ts';

const BENCH_DIR = fileURLToPath(new URL('.', import.meta.url));

interface FileResult {
  file: string;
  ok: boolean;
  seconds: number;
  rows: BenchRow[];
  error?: string;
}

/** The bench files to run: every `*.bench.ts` in `dir`, sorted, kept only if the name contains one of `filters`. */
export function discoverBenchFiles(dir: string, filters: readonly string[]): string[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.bench.ts'))
    .filter((f) => filters.length === 0 || filters.some((needle) => f.includes(needle)))
    .sort();
}

function isRow(value: unknown): value is BenchRow {
  const r = value as BenchRow;
  return typeof r === 'object' && r !== null && typeof r.measure === 'string' && typeof r.value === 'number' && typeof r.unit === 'string';
}

/** Import one bench file and run its default export; never throws (failures come back as `ok: false`). */
export async function runBenchFile(path: string): Promise<FileResult> {
  const file = basename(path);
  const started = performance.now();
  try {
    const mod = (await import(pathToFileURL(path).href)) as { default?: unknown };
    if (typeof mod.default !== 'function') throw new Error('no default-exported function');
    const rows: unknown = await (mod.default as () => Promise<unknown>)();
    if (!Array.isArray(rows) || !rows.every(isRow)) throw new Error('the default export must resolve to BenchRow[]');
    return { file, ok: true, seconds: (performance.now() - started) / 1000, rows };
  } catch (err) {
    const error = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
    return { file, ok: false, seconds: (performance.now() - started) / 1000, rows: [], error };
  }
}

/** Human-friendly number: thousands separators, sensible decimals. */
export function formatNumber(n: number | undefined): string {
  if (n === undefined || !Number.isFinite(n)) return n === undefined ? '' : String(n);
  const abs = Math.abs(n);
  const digits = abs >= 100 ? 0 : abs >= 10 ? 1 : abs >= 1 ? 2 : 3;
  return n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: 0 });
}

/** One plain-text table: measure, value, unit, baseline, ratio, goal, met. */
export function renderTable(results: readonly FileResult[]): string {
  const header = ['file', 'measure', 'value', 'unit', 'baseline', 'ratio', 'goal', 'met'];
  const body: string[][] = [];
  for (const r of results) {
    if (!r.ok) {
      body.push([r.file, `FAILED: ${r.error ?? 'unknown error'}`, '', '', '', '', '', '']);
      continue;
    }
    for (const row of r.rows) {
      body.push([
        r.file.replace(/\.bench\.ts$/, ''),
        row.measure,
        formatNumber(row.value),
        row.unit,
        row.baseline ? `${formatNumber(row.baseline.value)} (${row.baseline.label})` : '',
        row.ratio === undefined ? '' : `${formatNumber(row.ratio)}×`,
        row.goal ?? '',
        row.met === undefined ? '' : row.met ? 'yes' : 'NO',
      ]);
    }
  }
  const numeric = new Set([2, 5]);
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((line) => line[i]!.length)));
  const fmt = (cells: string[]) => cells.map((c, i) => (numeric.has(i) ? c.padStart(widths[i]!) : c.padEnd(widths[i]!))).join('  ').trimEnd();
  return [fmt(header), widths.map((w) => '-'.repeat(w)).join('  '), ...body.map(fmt)].join('\n');
}

async function main(): Promise<void> {
  const filters = process.argv.slice(2).filter((a) => a !== '--');
  const files = discoverBenchFiles(BENCH_DIR, filters);
  if (files.length === 0) {
    console.error(`No bench/*.bench.ts file matches ${filters.map((f) => `"${f}"`).join(', ') || '(no filter)'}.`);
    process.exitCode = 1;
    return;
  }
  const loadBefore = loadavg()[0]!;
  const results: FileResult[] = [];
  for (const file of files) {
    console.error(`running ${file} …`);
    const result = await runBenchFile(join(BENCH_DIR, file));
    console.error(result.ok ? `  done in ${result.seconds.toFixed(1)} s` : `  FAILED after ${result.seconds.toFixed(1)} s: ${result.error}`);
    results.push(result);
  }
  console.log(renderTable(results));
  const cpu = cpus();
  const report = {
    date: new Date().toISOString(),
    machine: {
      node: process.version,
      platform: `${process.platform} ${process.arch}`,
      cpus: cpu.length,
      cpuModel: cpu[0]?.model ?? 'unknown',
      memoryGiB: Math.round(totalmem() / 2 ** 30),
      // Other work on the machine slows every figure; a 1-minute load average above the CPU count means it did.
      loadAverage1m: { before: Number(loadBefore.toFixed(2)), after: Number(loadavg()[0]!.toFixed(2)) },
    },
    filter: filters,
    files: results.map(({ file, ok, seconds, error }) => ({ file, ok, seconds: Number(seconds.toFixed(2)), ...(error ? { error } : {}) })),
    rows: results.flatMap((r) => r.rows.map((row) => ({ file: r.file, ...row }))),
  };
  writeFileSync(join(BENCH_DIR, 'results.json'), JSON.stringify(report, null, 2) + '\n');
  console.error(`wrote bench/results.json (${report.rows.length} rows)`);
  if (results.some((r) => !r.ok)) process.exitCode = 1;
}

// Run only when executed (tsx bench/run.ts), not when a test imports the helpers above.
if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  await main();
  // Bench files may leave servers or browsers behind by mistake; the results are written, so do not hang on them.
  setTimeout(() => process.exit(), 1000).unref();
}
