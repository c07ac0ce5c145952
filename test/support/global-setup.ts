// Runs once in vitest's main process before any worker starts: make sure the emulator's CA exists and have every
// worker trust it through NODE_EXTRA_CA_CERTS (read by Node at process start, so it must be set before the pool
// forks — workers inherit this process's environment). TLS verification stays on everywhere; the emulator's CA is
// only *added* to what is trusted. If NODE_EXTRA_CA_CERTS already named a file (e.g. the system bundle behind a
// proxy), both are kept in one combined file, since Node accepts only one.
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { ensureEmulatorTls } from '../emulator/certs.ts';

export default async function setup(): Promise<void> {
  const tls = await ensureEmulatorTls();
  const existing = process.env.NODE_EXTRA_CA_CERTS;
  if (!existing || existing === tls.caCertPath || !existsSync(existing)) {
    process.env.NODE_EXTRA_CA_CERTS = tls.caCertPath;
    return;
  }
  const existingPem = readFileSync(existing, 'utf8');
  if (existingPem.includes(tls.caCertPem.trim())) return; // already trusted
  const combined = join(dirname(tls.caCertPath), 'extra-ca-certs.pem');
  const tmp = `${combined}.${process.pid}.tmp`;
  writeFileSync(tmp, `${existingPem.trimEnd()}\n${tls.caCertPem}`);
  renameSync(tmp, combined);
  process.env.NODE_EXTRA_CA_CERTS = combined;
}
