// Demo mode runs against the emulator over real TLS, so Node must trust the emulator's CA. NODE_EXTRA_CA_CERTS is
// only read at process start: when it doesn't include the CA, the process re-spawns itself with it set (TLS
// checking is never turned off). Shared by the demo's `npm start` (demo/main.ts) and `npm run health` (demo/health.ts).
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** Set in the re-spawned child, so it never re-spawns again. */
export const RESPAWN_MARK = 'GUESTPASS_DEMO_CHILD';

/** True when the file NODE_EXTRA_CA_CERTS names already contains the emulator CA. */
export function trustsCa(extraCaFile: string | undefined, caPem: string): boolean {
  if (!extraCaFile || !existsSync(extraCaFile)) return false;
  return readFileSync(extraCaFile, 'utf8').includes(caPem.trim());
}

/** The emulator CA file, or — when NODE_EXTRA_CA_CERTS already names another bundle — both in one file (Node takes one). */
export function caBundleFor(existing: string | undefined, caPath: string, caPem: string): string {
  if (!existing || !existsSync(existing)) return caPath;
  const combined = join(dirname(caPath), 'portal-extra-ca-certs.pem');
  const tmp = `${combined}.${process.pid}.tmp`;
  writeFileSync(tmp, `${readFileSync(existing, 'utf8').trimEnd()}\n${caPem}`);
  renameSync(tmp, combined);
  return combined;
}

/** Runs this same entry point again with the CA trusted; forwards signals and the exit code. */
export function respawnTrustingCa(caCertPath: string): void {
  const child = spawn(process.execPath, [...process.execArgv, ...process.argv.slice(1)], {
    stdio: ['inherit', 'inherit', 'inherit', 'ipc'], // the IPC channel closes when this process dies: the child then stops
    // GUESTPASS_MODE=demo: the marker below is a GUESTPASS_ variable, which alone would make the child a live start.
    env: { ...process.env, NODE_EXTRA_CA_CERTS: caCertPath, [RESPAWN_MARK]: '1', GUESTPASS_MODE: 'demo' },
  });
  const forward = (signal: NodeJS.Signals) => () => {
    if (child.exitCode === null) child.kill(signal);
  };
  process.on('SIGINT', forward('SIGINT'));
  process.on('SIGTERM', forward('SIGTERM'));
  process.on('SIGHUP', forward('SIGHUP'));
  child.on('exit', (code, signal) => {
    if (signal) {
      process.removeAllListeners(signal);
      process.kill(process.pid, signal);
    }
    else process.exit(code ?? 1);
  });
}
