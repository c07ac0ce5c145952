// The bench harness: finds bench files, survives a failing one, and prints one table.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { discoverBenchFiles, formatNumber, renderTable, runBenchFile } from '../../bench/run.ts';

const dir = mkdtempSync(join(tmpdir(), 'guestpass-bench-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

for (const name of ['core.bench.ts', 'portal.bench.ts', 'extension.bench.ts', 'row.ts', 'notes.md']) writeFileSync(join(dir, name), '');
writeFileSync(join(dir, 'good.mjs'), `export default async () => [{ measure: 'm', value: 1234.5, unit: 'ops/s', baseline: { label: 'b', value: 100 }, ratio: 12.345, goal: '≥ 1', met: true }];`);
writeFileSync(join(dir, 'throws.mjs'), `export default async () => { throw new Error('emulator did not start'); };`);
writeFileSync(join(dir, 'no-default.mjs'), `export const x = 1;`);
writeFileSync(join(dir, 'bad-shape.mjs'), `export default async () => [{ value: 'fast' }];`);

describe('bench/run.ts', () => {
  it('discovers only *.bench.ts files, sorted, and a filter keeps names containing it', () => {
    expect(discoverBenchFiles(dir, [])).toEqual(['core.bench.ts', 'extension.bench.ts', 'portal.bench.ts']);
    expect(discoverBenchFiles(dir, ['core'])).toEqual(['core.bench.ts']);
    expect(discoverBenchFiles(dir, ['core', 'portal'])).toEqual(['core.bench.ts', 'portal.bench.ts']);
    expect(discoverBenchFiles(dir, ['nothing'])).toEqual([]);
  });

  it('a failing, empty or malformed bench file is reported as failed instead of stopping the run', async () => {
    const results = await Promise.all(['good.mjs', 'throws.mjs', 'no-default.mjs', 'bad-shape.mjs'].map((f) => runBenchFile(join(dir, f))));
    expect(results.map((r) => r.ok)).toEqual([true, false, false, false]);
    expect(results[1]!.error).toContain('emulator did not start');
    expect(results[2]!.error).toContain('default');
    expect(results[3]!.error).toContain('BenchRow');
    const table = renderTable(results);
    const lines = table.split('\n');
    expect(lines[0]).toMatch(/^file\s+measure\s+value\s+unit\s+baseline\s+ratio\s+goal\s+met$/);
    expect(table).toContain('1,235');
    expect(table).toContain('100 (b)');
    expect(table).toContain('12.3×');
    expect(table).toContain('FAILED: Error: emulator did not start');
    expect(lines).toHaveLength(2 + 4);
  });

  it('formats numbers for people', () => {
    expect(formatNumber(121859.4)).toBe('121,859');
    expect(formatNumber(0.04567)).toBe('0.046');
    expect(formatNumber(undefined)).toBe('');
  });
});
