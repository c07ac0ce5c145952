// A world for the access-request suites: the emulator, the real resend feature (store, worker, access requests) on a
// virtual clock the test drives, a real portal over HTTP, and helpers to ask for access as a browser would.
import type { AccessRequestSettings } from '../../portal/access-requests/types.ts';
import { DEFAULT_ACCESS_SETTINGS } from '../../portal/access-requests/types.ts';
import type { PortalConfig } from '../../portal/config/index.ts';
import { createResendFeature, featureDeps, type ResendFeature, type ResendFeatureDeps } from '../../portal/resend/index.ts';
import { startServer, type RunningServer } from '../../portal/server.ts';
import { DEMO_TENANT } from '../emulator/demo-tenant.ts';
import { startEmulator, type Emulator } from '../emulator/index.ts';
import { demoTenantConfig, drain, portalConfig, silentLogger, testClock, type TestClock } from '../resend/support.ts';

export const T = DEMO_TENANT.domain;

export interface RequestWorld {
  emulator: Emulator;
  feature: ResendFeature;
  portal: RunningServer;
  /** The feature's clock (the test drives it); the portal itself keeps real time for admin tokens. */
  clock: TestClock;
  config: PortalConfig;
  /** The worker classified every stored request and the resend/invitation queue is empty. */
  settle(): Promise<void>;
  close(): Promise<void>;
}

export async function startRequestWorld(
  options: {
    settings?: Partial<Omit<AccessRequestSettings, 'policy'>> & { policy?: Partial<AccessRequestSettings['policy']> };
    config?: Partial<PortalConfig>;
    tuning?: NonNullable<ResendFeatureDeps['tuning']>['accessRequests'];
    emulator?: Emulator;
  } = {},
): Promise<RequestWorld> {
  const emulator = options.emulator ?? (await startEmulator());
  const clock = testClock();
  const settings: AccessRequestSettings = {
    ...DEFAULT_ACCESS_SETTINGS,
    ...options.settings,
    policy: { ...DEFAULT_ACCESS_SETTINGS.policy, mode: 'approval', ...options.settings?.policy },
  };
  const config = portalConfig(emulator, { tenants: [demoTenantConfig({ accessRequests: settings })], ...options.config });
  const feature = await createResendFeature({
    config,
    logger: silentLogger,
    now: clock.date,
    tuning: {
      sleep: clock.sleep,
      pollMs: 50_000,
      leaseMs: 3_600_000,
      budget: { calls: 1000, perMs: 1_000 },
      accessRequests: { pollMs: 50_000, webhookDebounceMs: 0, ...options.tuning },
    },
  });
  // The portal itself keeps real time (admin tokens are checked against it); the feature runs on the test's clock.
  const portal = await startServer({ config, logger: silentLogger, ...featureDeps(feature) });
  emulator.setPortalUrl(portal.config.publicBaseUrl);
  feature.worker.start();
  feature.accessRequests.worker.start();
  await feature.accessRequests.worker.idle();
  return {
    emulator,
    feature,
    portal,
    clock,
    config,
    async settle() {
      await feature.accessRequests.worker.idle();
      // Two resend slots and the access-request worker sleep on the clock: time moves only when all three do.
      await drain(feature.store, { clock, slots: 3 });
      await feature.accessRequests.worker.idle();
    },
    async close() {
      await portal.close();
      await feature.close();
      if (!options.emulator) await emulator.stop();
    },
  };
}

export interface RequestFields {
  email: string;
  name?: string;
  organisation?: string;
  reason?: string;
  sponsor?: string;
}

const defaults = (f: RequestFields) => ({ name: 'Ada Example', organisation: 'Example Ltd', reason: 'Project Apollo documents', sponsor: '', ...f });

/** POST the request as JSON from the portal's own origin. */
export function askJson(world: RequestWorld, fields: RequestFields, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(`${world.portal.url}/t/${T}/request`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json', origin: new URL(world.portal.config.publicBaseUrl).origin, ...headers },
    body: JSON.stringify(defaults(fields)),
  });
}

/** GET the form (cookie + token), then POST it as a browser with JavaScript off would. */
export async function askForm(world: RequestWorld, fields: RequestFields, headers: Record<string, string> = {}): Promise<Response> {
  const page = await fetch(`${world.portal.url}/t/${T}/request`, { headers });
  const html = await page.text();
  const cookie = page.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
  const token = /name="csrf" value="([^"]+)"/.exec(html)?.[1];
  if (!token) throw new Error(`the request page offered no form (${page.status})`);
  return fetch(`${world.portal.url}/t/${T}/request`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html', cookie, ...headers },
    body: new URLSearchParams({ ...defaults(fields), csrf: token }).toString(),
    redirect: 'manual',
  });
}

/** The answer as an attacker compares it: status, headers (but the request id and date), body. */
export async function snapshot(res: Response): Promise<{ status: number; headers: Record<string, string>; body: string }> {
  const headers: Record<string, string> = {};
  res.headers.forEach((value, key) => {
    if (!['x-request-id', 'date', 'set-cookie'].includes(key)) headers[key] = value;
  });
  return { status: res.status, headers, body: await res.text() };
}
