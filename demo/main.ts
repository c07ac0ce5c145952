// The demo (`npm start` with nothing configured, or GUESTPASS_MODE=demo): the Entra emulator from test/emulator and the
// portal, composed in one process. Started by portal/main.ts, which loads this file only in demo mode; the live
// bundle never contains it.
//
// Demo state agrees with itself: the emulator starts fresh on every start, and so does the portal's store (an
// in-memory SQLite database, never ./data/): rate limits and resend windows never outlive the guests they were about.
//
// Node must trust the emulator's CA: when NODE_EXTRA_CA_CERTS doesn't include it, this process re-spawns itself with
// it set (trust.ts) — TLS checking is never turned off.
import type { Logger } from 'pino';
import type { PortalConfig } from '../portal/config/index.ts';
import { runPortal } from '../portal/run.ts';
import { ensureEmulatorTls } from '../test/emulator/certs.ts';
import { startEmulator } from '../test/emulator/index.ts';
import { DEMO_ADDRESSES_TO_TRY, DEMO_CONSOLE_SIGN_INS, withDemoTenants } from './tenants.ts';
import { caBundleFor, respawnTrustingCa, RESPAWN_MARK, trustsCa } from './trust.ts';
/** The demo's store: fresh on every start, like the emulator's directory. */
export const DEMO_DATABASE = ':memory:';

export async function runDemo(loaded: PortalConfig, logger: Logger): Promise<void> {
  const tls = await ensureEmulatorTls();
  if (!trustsCa(process.env.NODE_EXTRA_CA_CERTS, tls.caCertPem)) {
    if (process.env[RESPAWN_MARK]) {
      logger.fatal({ expected: tls.caCertPath }, 'demo: NODE_EXTRA_CA_CERTS still does not include the emulator CA; not re-spawning again');
      process.exit(1);
    }
    const caFile = caBundleFor(process.env.NODE_EXTRA_CA_CERTS, tls.caCertPath, tls.caCertPem);
    logger.info({ caFile }, 'demo: restarting with NODE_EXTRA_CA_CERTS including the emulator CA');
    return respawnTrustingCa(caFile);
  }
  const emulator = await startEmulator();
  // Never a configured database (not even DATABASE_URL with GUESTPASS_MODE=demo): the demo's store is its own.
  const { databaseUrl: _configuredDatabase, ...demoTenants } = withDemoTenants(loaded, emulator.origin);
  const config = { ...demoTenants, databasePath: DEMO_DATABASE };
  logger.info({ origin: emulator.origin }, 'demo: Entra emulator started');

  const portal = await runPortal({
    config,
    logger,
    demo: { outbox: () => emulator.outbox() },
    onStop: () => emulator.stop(),
    readyFields: (running) => ({ outbox: `${running.config.publicBaseUrl}/demo/outbox` }),
  });
  const base = portal.server.config.publicBaseUrl;
  // The console's SPA redirect URI (<public URL>/admin/) exists only once the port is known.
  emulator.setPortalUrl(base);
  printDemoHelp(base, portal.server.config.tenants.map((t) => `${base}/t/${t.key}`));
  // A re-spawned demo process must not outlive the process that started it, however that one ended (even SIGKILL).
  if (process.env[RESPAWN_MARK] && process.connected) process.on('disconnect', () => void portal.stop('parent exited'));
}

function printDemoHelp(base: string, tenantUrls: string[]): void {
  const lines = [
    '',
    '  guestpass portal — DEMO MODE (local Microsoft Entra emulator; no real email is sent)',
    '',
    `  Portal:            ${base}/`,
    `  Demo tenant page:  ${tenantUrls[0] ?? ''}`,
    ...tenantUrls.slice(1).map((u) => `  Partner tenant:    ${u}`),
    `  Emails "sent":     ${base}/demo/outbox`,
    '',
    '  Addresses to try in "Lost your invitation?":',
    ...DEMO_ADDRESSES_TO_TRY.map((a) => `    ${a.address.padEnd(30)} ${a.what}`),
    '',
    `  Admin console:     ${base}/admin/  (sign in at the emulated tenant with a password):`,
    ...DEMO_CONSOLE_SIGN_INS.map((u) => `    ${u.username.padEnd(40)} ${u.password.padEnd(20)} ${u.what}`),
    '',
    '  Everything starts fresh on every start (emulator and store). Configure real tenants with GUESTPASS_TENANTS',
    '  (see portal/README.md, "Running in production"). Ctrl+C stops.',
    '',
  ];
  process.stderr.write(`${lines.join('\n')}\n`);
}
