// `npm start`: load the configuration, start the portal (and, in demo mode, the Entra emulator in-process).
// Demo mode needs Node to trust the emulator's CA. NODE_EXTRA_CA_CERTS is only read at process start, so when it
// doesn't point at the emulator CA we re-spawn this same process with it set — TLS checking is never turned off.
import type { Emulator } from '../test/emulator/index.ts';
import type { createResendFeature } from './resend/index.ts';
import { ConfigError, loadConfig, type PortalConfig } from './config/index.ts';
import { DEMO_ADDRESSES_TO_TRY, withDemoTenants } from './demo.ts';
import { caBundleFor, respawnTrustingCa, RESPAWN_MARK, trustsCa } from './demo-trust.ts';
import { createLogger } from './logger.ts';
import { startServer } from './server.ts';

async function main(): Promise<void> {
  let config: PortalConfig;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`guestpass: ${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
  const logger = createLogger(config.logLevel);

  let emulator: Emulator | undefined;
  if (config.mode === 'demo') {
    const { ensureEmulatorTls } = await import('../test/emulator/certs.ts');
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
    // Loaded only in demo mode: a live portal never loads the emulator.
    const { startEmulator } = await import('../test/emulator/index.ts');
    emulator = await startEmulator();
    config = withDemoTenants(config, emulator.origin);
    logger.info({ origin: emulator.origin }, 'demo: Entra emulator started');
  }

  // Graph, MSAL and SQLite are loaded only when some tenant can use them: a links-only portal stays small.
  const resendModule = config.tenants.some((t) => t.credentials) ? await import('./resend/index.ts') : undefined;
  // Opened before listening: a store that can't be opened (or migrated) stops the start-up with its reason.
  const feature: Awaited<ReturnType<typeof createResendFeature>> | undefined = await resendModule?.createResendFeature({ config, logger });
  const running = await startServer(
    { config, logger, ...(emulator ? { demo: { outbox: () => emulator.outbox() } } : {}) },
    { withConfig: () => (feature ? { resend: feature.service, storeStatus: () => feature.store.status() } : {}) },
  );
  feature?.worker.start();

  const base = running.config.publicBaseUrl;
  const tenantUrls = running.config.tenants.map((t) => `${base}/t/${t.key}`);
  logger.info(
    { url: base, listen: running.url, pid: process.pid, mode: config.mode, tenants: tenantUrls, ...(emulator ? { outbox: `${base}/demo/outbox` } : {}) },
    'guestpass portal ready',
  );
  logger.flush(); // the ready line is what supervisors and scripts wait for: not held back in the log batch
  if (emulator) printDemoHelp(base, tenantUrls);

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'stopping');
    const force = setTimeout(() => process.exit(1), 10_000);
    force.unref();
    try {
      await running.close();
      await feature?.worker.stop();
      await feature?.close();
      await emulator?.stop();
    } catch (error) {
      logger.error({ err: error }, 'error while stopping');
    }
    logger.flush?.();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
  // A re-spawned demo process must not outlive the process that started it, however that one ended (even SIGKILL).
  if (process.env[RESPAWN_MARK] && process.connected) process.on('disconnect', () => void stop('parent exited'));
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
    '  Configure real tenants with GUESTPASS_TENANTS (see README). Ctrl+C stops.',
    '',
  ];
  process.stderr.write(`${lines.join('\n')}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`guestpass: failed to start: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
