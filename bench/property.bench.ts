// The portal's URL/form property suite (test/portal/redirects.property.test.ts) at 10,000 runs per property instead
// of the test run's 250/150: every tenant/link/hint/address combination over real HTTP, resend posts with a valid
// CSRF pair. Reports whether it held and how long it took; the figure is the suite's, not a speed goal.
import { spawnSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import type { BenchRow } from './row.ts';

const ROOT = resolve(import.meta.dirname, '..');
const RUNS = 10_000;

export default async function propertyBench(): Promise<BenchRow[]> {
  const started = performance.now();
  const run = spawnSync(process.execPath, [join(ROOT, 'node_modules', 'vitest', 'vitest.mjs'), 'run', 'test/portal/redirects.property.test.ts'], {
    cwd: ROOT,
    env: { ...process.env, GUESTPASS_PROPERTY_RUNS: String(RUNS) },
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  const seconds = (performance.now() - started) / 1000;
  const held = run.status === 0;
  if (!held) process.stderr.write(`property bench: the suite failed\n${run.stdout.slice(-4000)}${run.stderr.slice(-2000)}\n`);
  return [
    { measure: `portal URL/form properties held at ${RUNS.toLocaleString('en')} runs each (1 = yes)`, value: held ? 1 : 0, unit: 'bool', goal: '= 1', met: held },
    { measure: `portal URL/form properties, ${RUNS.toLocaleString('en')} runs each: wall time`, value: Math.round(seconds), unit: 's' },
  ];
}
