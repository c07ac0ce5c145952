// Shared set-up for the resend suites: a portal config for the emulator's demo tenant, a fast virtual clock,
// and helpers to drain the worker and read the emulator's outbox and request log.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import type { PortalConfig, TenantConfig } from '../../portal/config/index.ts';
import type { ResendStore } from '../../portal/store/store.ts';
import { realSleep } from '../../portal/resend/worker.ts';
import type { Sleep } from '../../portal/graph/budget.ts';
import { DEMO_PORTAL_APP, DEMO_TENANT } from '../emulator/demo-tenant.ts';
import type { Emulator } from '../emulator/index.ts';
import { testConfig } from '../portal/helpers.ts';

export const DEMO_MESSAGE = 'Hello again from Ezaz Labs: here is your invitation.';

export function demoTenantConfig(overrides: Partial<TenantConfig> = {}): TenantConfig {
  return {
    key: DEMO_TENANT.domain,
    tenantId: DEMO_TENANT.id,
    domain: DEMO_TENANT.domain,
    displayName: DEMO_TENANT.displayName,
    links: ['myapps'],
    invitationMessage: DEMO_MESSAGE,
    credentials: { clientId: DEMO_PORTAL_APP.clientId, clientSecret: DEMO_PORTAL_APP.clientSecret },
    ...overrides,
  };
}

export function tempDatabasePath(label = 'resend'): string {
  return join(mkdtempSync(join(tmpdir(), `guestpass-${label}-`)), 'guestpass.sqlite');
}

/** The portal's test config (test/portal/helpers.ts) pointed at the emulator's demo tenant, silent, no practical rate limits. */
export function portalConfig(emulator: Pick<Emulator, 'loginBaseUrl' | 'graphBaseUrl'>, overrides: Partial<PortalConfig> = {}): PortalConfig {
  return testConfig({
    logLevel: 'silent',
    databasePath: tempDatabasePath(),
    rateLimits: { perIpPerHour: 1_000_000, perAddressPerHour: 1_000_000, perTenantPerHour: 1_000_000 },
    graph: { loginBaseUrl: emulator.loginBaseUrl, graphBaseUrl: emulator.graphBaseUrl },
    tenants: [demoTenantConfig()],
    ...overrides,
  });
}

export const silentLogger = pino({ level: 'silent' });

/**
 * A clock that runs `scale` times faster than real time, with a matching sleep: an hour's window passes in
 * 3.6 s at scale 1000, and Retry-After / backoff waits shrink by the same factor — the worker's logic is unchanged.
 */
export function fastClock(
  scale: number,
  /** Real time at which virtual and real time agree; pass the same value to several processes to share a timeline. */
  origin = Date.now(),
): { now: () => number; date: () => Date; sleep: Sleep; advance(ms: number): void; toVirtual(realMs: number): number } {
  const start = origin;
  let offset = 0;
  const toVirtual = (realMs: number) => start + (realMs - start) * scale + offset;
  const now = () => toVirtual(Date.now());
  return {
    now,
    toVirtual,
    date: () => new Date(now()),
    sleep: (ms, signal) => realSleep(ms / scale, signal),
    advance(ms) {
      offset += ms;
    },
  };
}

/** Waits (real time) until no job is queued or in flight. Throws after `limitMs` with the job counts. */
export async function drain(store: ResendStore, limitMs = 20_000): Promise<void> {
  const until = Date.now() + limitMs;
  for (;;) {
    const counts = await store.countJobs();
    if (counts.queued === 0 && counts['in-flight'] === 0) return;
    if (Date.now() > until) throw new Error(`queue did not drain: ${JSON.stringify(counts)}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

export function invitationPosts(emulator: Emulator): number {
  return emulator.requests().filter((r) => r.method === 'POST' && r.path.startsWith('/v1.0/invitations')).length;
}

export function emailsTo(emulator: Emulator, address: string): number {
  return emulator.outbox().filter((e) => e.to.toLowerCase() === address.toLowerCase()).length;
}

/** Gaps (virtual ms) between consecutive emails to one address: each must be at least the window. */
export function emailGaps(emulator: Emulator, address: string, toVirtual: (realMs: number) => number): number[] {
  const times = emulator
    .outbox()
    .filter((e) => e.to.toLowerCase() === address.toLowerCase())
    .map((e) => toVirtual(Date.parse(e.sentAt)))
    .sort((a, b) => a - b);
  return times.slice(1).map((t, i) => t - times[i]!);
}
