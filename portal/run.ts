// Running the portal as a process: open the resend feature (when a tenant can use it), listen, log the ready line,
// stop cleanly on SIGTERM/SIGINT. Shared by the live entry (main.ts) and the demo entry (demo/main.ts).
import type { Logger } from 'pino';
import type { OutboxEmail } from './app.ts';
import type { PortalConfig } from './config/index.ts';
import type { createResendFeature } from './resend/index.ts';
import { startServer, type RunningServer } from './server.ts';

export interface RunOptions {
  config: PortalConfig;
  logger: Logger;
  /** Demo mode: the emulator's outbox, shown at /demo/outbox. */
  demo?: { outbox(): readonly OutboxEmail[] };
  /** Called once the portal stopped serving (the demo stops its emulator here). */
  onStop?: () => Promise<void>;
  /** Extra fields for the ready line. */
  readyFields?: (running: RunningServer) => Record<string, unknown>;
}

export interface RunningPortal {
  server: RunningServer;
  /** Stops as SIGTERM would, then exits the process. */
  stop(reason: string): Promise<void>;
}

export async function runPortal(options: RunOptions): Promise<RunningPortal> {
  const { config, logger } = options;
  // Graph, MSAL and SQLite are loaded only when some tenant can use them: a links-only portal stays small.
  const resendModule = config.tenants.some((t) => t.credentials) ? await import('./resend/index.ts') : undefined;
  // Opened before listening: a store that can't be opened (or migrated) stops the start-up with its reason.
  const feature: Awaited<ReturnType<typeof createResendFeature>> | undefined = await resendModule?.createResendFeature({ config, logger });
  const running = await startServer(
    { config, logger, ...(options.demo ? { demo: options.demo } : {}) },
    { withConfig: () => (feature && resendModule ? resendModule.featureDeps(feature) : {}) },
  );
  feature?.worker.start();
  feature?.accessRequests.worker.start();

  const base = running.config.publicBaseUrl;
  logger.info(
    {
      url: base,
      listen: running.url,
      pid: process.pid,
      mode: config.mode,
      tenants: running.config.tenants.map((t) => `${base}/t/${t.key}`),
      ...options.readyFields?.(running),
    },
    'guestpass portal ready',
  );
  logger.flush(); // the ready line is what supervisors and scripts wait for: not held back in the log batch

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
      await options.onStop?.();
    } catch (error) {
      logger.error({ err: error }, 'error while stopping');
    }
    logger.flush?.();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
  return { server: running, stop };
}
