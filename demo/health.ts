// `npm run health` in demo mode: the Entra emulator in-process, checked as the demo, partner and free-tier tenants with
// the demo portal app's credentials. portal/health/cli.ts hands over to this file (it never imports the emulator).
import { ensureEmulatorTls } from '../test/emulator/certs.ts';
import { startEmulator } from '../test/emulator/index.ts';
import { EXIT, runHealthCommand, type DemoHealthWorld } from '../portal/health/cli.ts';
import { withDemoTenants } from './tenants.ts';
import { caBundleFor, respawnTrustingCa, RESPAWN_MARK, trustsCa } from './trust.ts';

export const demoHealthWorld: DemoHealthWorld = {
  async start(config) {
    const emulator = await startEmulator();
    return { config: withDemoTenants(config, emulator.origin, { freeTier: true }), stop: () => emulator.stop() };
  },
};

export async function main(): Promise<void> {
  const tls = await ensureEmulatorTls();
  if (!trustsCa(process.env.NODE_EXTRA_CA_CERTS, tls.caCertPem)) {
    if (process.env[RESPAWN_MARK]) {
      process.stderr.write(`guestpass health: NODE_EXTRA_CA_CERTS still does not include the emulator CA (${tls.caCertPath})\n`);
      process.exit(EXIT.couldNotRun);
    }
    respawnTrustingCa(caBundleFor(process.env.NODE_EXTRA_CA_CERTS, tls.caCertPath, tls.caCertPem));
    return;
  }
  const io = { out: (t: string) => process.stdout.write(t), err: (t: string) => process.stderr.write(t) };
  process.exitCode = await runHealthCommand(process.argv.slice(2), process.env, io, demoHealthWorld);
}
