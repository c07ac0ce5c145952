// Benches that talk to the emulator over HTTPS must trust its CA, and Node reads NODE_EXTRA_CA_CERTS only at start-up:
// such a bench's default export re-runs its own file in a child that trusts the CA and reads the rows back.
import { spawn } from 'node:child_process';
import { ensureEmulatorTls } from '../test/emulator/certs.ts';
import type { BenchRow } from './row.ts';

/** Runs `file` with `flag` in a child trusting the emulator CA; the child prints `ROWS <json>` (see `childRows`). */
export async function rowsFromChild(file: string, flag: string): Promise<BenchRow[]> {
  const tls = await ensureEmulatorTls();
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', file, flag], {
      env: { ...process.env, NODE_EXTRA_CA_CERTS: tls.caCertPath },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.on('data', (chunk) => (out += chunk));
    child.once('error', reject);
    child.once('exit', (code) => {
      const line = out.split('\n').find((l) => l.startsWith('ROWS '));
      if (code !== 0 || !line) return reject(new Error(`${file} bench child exited ${code}`));
      resolve(JSON.parse(line.slice(5)) as BenchRow[]);
    });
  });
}

/** In the child: measure, print the rows for the parent, exit. */
export async function childRows(measure: () => Promise<BenchRow[]>): Promise<never> {
  const rows = await measure();
  process.stdout.write(`ROWS ${JSON.stringify(rows)}\n`);
  process.exit(0);
}
