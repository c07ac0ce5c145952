// `npm run health -- --tenant <tenant> [--json | --csv]`: the health check for scheduled runs, with the portal's
// configuration and app-only credentials. Exit 0 ok/info, 1 warnings, 2 critical, 3 could not run.
// With no configuration (demo mode) it hands over to demo/health.ts, which starts the Entra emulator in-process and
// checks its demo world (the demo, partner and free-tier tenants): portal/ never imports the emulator.
import { parseArgs } from 'node:util';
import { ConfigError, loadConfig, type PortalConfig, type TenantConfig } from '../config/index.ts';
import { findTenant } from '../config/lookup.ts';
import { configuredGraphBudget } from '../graph/budget.ts';
import { PORTAL_PATHS } from '../paths.ts';
import { openStore } from '../store/open-store.ts';
import type { ResendStore } from '../store/store.ts';
import { formatReport } from './format-text.ts';
import { checkTenantHealth, exitCodeOf, reportToCsv, reportToJson } from './index.ts';

export const EXIT = { ok: 0, warnings: 1, critical: 2, couldNotRun: 3 } as const;

const USAGE = `usage: npm run health -- --tenant <domain | tenant id> [--json | --csv]
  Checks a configured tenant's B2B set-up (who may invite, guest access, email passcode, MFA for guests,
  usage location, pending invitations, stale guests, guests holding roles) with the portal's app-only credentials.
  Exit: 0 ok, 1 warnings, 2 critical, 3 could not run.`;

interface Io {
  out: (text: string) => void;
  err: (text: string) => void;
}

/** The demo's world (demo/health.ts): the configuration to check against, and how to stop what it started. */
export interface DemoHealthWorld {
  start(config: PortalConfig): Promise<{ config: PortalConfig; stop(): Promise<void> }>;
}

export async function runHealthCommand(argv: string[], env: NodeJS.ProcessEnv, io: Io, demo?: DemoHealthWorld): Promise<number> {
  let args;
  try {
    args = parseArgs({ args: argv, options: { tenant: { type: 'string' }, json: { type: 'boolean' }, csv: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } }, strict: true });
  } catch (error) {
    io.err(`guestpass health: ${(error as Error).message}\n${USAGE}\n`);
    return EXIT.couldNotRun;
  }
  if (args.values.help) {
    io.out(`${USAGE}\n`);
    return EXIT.ok;
  }
  if (args.values.json && args.values.csv) {
    io.err(`guestpass health: choose one of --json and --csv\n${USAGE}\n`);
    return EXIT.couldNotRun;
  }

  let config: PortalConfig;
  try {
    config = loadConfig(env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    io.err(`guestpass health: ${error.message}\n`);
    return EXIT.couldNotRun;
  }

  let world: Awaited<ReturnType<DemoHealthWorld['start']>> | undefined;
  let store: ResendStore | undefined;
  try {
    if (config.mode === 'demo') {
      if (!demo) {
        io.err('guestpass health: nothing is configured (demo mode); the demo needs the development install (npm install). Configure tenants to check them.\n');
        return EXIT.couldNotRun;
      }
      world = await demo.start(config);
      config = world.config;
    }
    const wanted = args.values.tenant;
    const tenant: TenantConfig | undefined = wanted ? findTenant(config.tenants, wanted) : undefined;
    if (!tenant) {
      const known = config.tenants.map((t) => t.key).join(', ') || '(none)';
      io.err(`guestpass health: ${wanted ? `no configured tenant "${wanted}"` : '--tenant is required'}; configured: ${known}\n`);
      return EXIT.couldNotRun;
    }
    if (!tenant.credentials) {
      io.err(`guestpass health: tenant ${tenant.key} has no Graph credentials (GUESTPASS_GRAPH_SECRET_… or a certificate); see portal/README.md\n`);
      return EXIT.couldNotRun;
    }
    // A live install's command shares the tenant's Graph budget with the running instances through the configured
    // store (SQLite file or DATABASE_URL): its calls count, it waits out a pause, and a Retry-After it receives
    // pauses them. The demo's world is its own in-process emulator: nothing to share with.
    if (config.mode === 'live') {
      try {
        store = await openStore(config);
      } catch (error) {
        io.err(`guestpass health: could not open the store, which holds the tenant's shared Graph budget: ${error instanceof Error ? error.message : String(error)}\n`);
        return EXIT.couldNotRun;
      }
    }
    const report = await checkTenantHealth(tenant, config.graph, store ? { budget: configuredGraphBudget(store, config.graphCallsPerSecond) } : {});
    io.out(args.values.json ? reportToJson(report) : args.values.csv ? reportToCsv(report) : formatReport(report));
    return exitCodeOf(report);
  } catch (error) {
    io.err(`guestpass health: could not run: ${error instanceof Error ? error.message : String(error)}\n`);
    return EXIT.couldNotRun;
  } finally {
    await store?.close();
    await world?.stop();
  }
}

/** The command as a process (portal/health/main.ts is its entry, built to dist/portal/health.mjs). */
export async function main(): Promise<void> {
  const config = (() => {
    try {
      return loadConfig();
    } catch {
      return undefined; // reported by runHealthCommand
    }
  })();
  if (config?.mode === 'demo') {
    const demo = (await import(PORTAL_PATHS.demoHealthEntry).catch(() => undefined)) as { main(): Promise<void> } | undefined;
    if (demo) return demo.main();
  }
  const code = await runHealthCommand(process.argv.slice(2), process.env, { out: (t) => process.stdout.write(t), err: (t) => process.stderr.write(t) });
  process.exitCode = code;
}

/** Runs `main` and turns an escaped error into exit 3 with the reason. */
export function runAsProcess(): void {
  main().catch((error: unknown) => {
    process.stderr.write(`guestpass health: could not run: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(EXIT.couldNotRun);
  });
}

if (process.argv[1]?.endsWith('portal/health/cli.ts')) runAsProcess();
