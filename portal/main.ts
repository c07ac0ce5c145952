// `npm start` / `node dist/portal/main.mjs`: load the configuration and run the portal. In demo mode (asked for, or
// nothing configured: config/mode.ts) it hands over to the demo entry (demo/main.ts), which composes the Entra
// emulator and the portal; this live entry never imports the emulator, so the live bundle carries none of it and
// runs on the production dependencies alone.
import { createRequire } from 'node:module';
import { resolve as resolvePath } from 'node:path';
import { ConfigError, loadConfig, type PortalConfig } from './config/index.ts';
import { createLogger } from './logger.ts';
import { PORTAL_PATHS } from './paths.ts';
import { runPortal } from './run.ts';

/** What the demo entry exports (demo/main.ts). */
interface DemoEntry {
  runDemo(config: PortalConfig, logger: ReturnType<typeof createLogger>): Promise<void>;
}

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
  if (config.mode === 'live') {
    await runPortal({ config, logger });
    return;
  }
  let demo: DemoEntry;
  try {
    // The demo needs the development install: a development-only package must resolve next to the running file
    // (process.argv[1]: bundles keep their sources' import.meta.url, not their own), as `npm ci --omit=dev` has none.
    createRequire(resolvePath(process.argv[1] ?? '.')).resolve('vitest/package.json');
    demo = (await import(PORTAL_PATHS.demoEntry)) as DemoEntry;
  } catch (error) {
    process.stderr.write(
      'guestpass: nothing is configured, so this would start the demo, but the demo cannot be loaded here ' +
        `(${(error as Error).message.split('\n')[0]}). The demo needs the development install (npm install; npm start). ` +
        'For a deployment, set GUESTPASS_TENANTS, GUESTPASS_SECRET and GUESTPASS_PUBLIC_URL (portal/README.md, "Running in production").\n',
    );
    process.exit(1);
  }
  await demo.runDemo(config, logger);
}

main().catch((error: unknown) => {
  process.stderr.write(`guestpass: failed to start: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
