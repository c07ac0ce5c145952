// Shared set-up for the resend suites: a portal config for the emulator's demo tenant, a clock the test drives,
// and helpers to drain the worker and read the emulator's outbox and request log.
import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import type { PortalConfig, TenantConfig } from '../../portal/config/index.ts';
import type { ResendStore } from '../../portal/store/store.ts';
import type { Sleep } from '../../portal/graph/budget.ts';
import type { DirectoryUser } from '../emulator/directory.ts';
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

/** A moment on a whole second, far from any real "now": a test that read the wall clock by mistake would show it. */
export const VIRTUAL_START = Date.UTC(2026, 10, 29, 12, 0, 0);

/**
 * A clock the test drives: time stands still while the worker talks to Graph or the store, and moves only when
 * the test says so — `advance(ms)`, or `drain(store, { clock })`, which jumps to the next wake-up once every
 * worker slot is asleep on this clock (nothing else could happen before it). A slow machine only makes a run
 * slower; it cannot make an hour pass, so "no second email within the hour" holds or fails on its merits.
 */
export interface TestClock {
  now(): number;
  date(): Date;
  /** The worker's sleep: resolves when the clock reaches its end (or at once when `signal` aborts). */
  sleep: Sleep;
  advance(ms: number): void;
  /** Sleeps in progress, and the earliest moment one of them ends. */
  sleeping(): number;
  nextWake(): number | undefined;
  /** Every sleep that ran its full length (aborted ones are not recorded), in order. */
  sleeps: number[];
  /** The virtual time at a real moment (Date.parse of an emulator timestamp): the clock's reading then. */
  toVirtual(realMs: number): number;
}

export function testClock(start = VIRTUAL_START, options: { onChange?: () => void } = {}): TestClock {
  let t = start;
  const changed = () => options.onChange?.();
  const sleepers = new Set<{ until: number; ms: number; resolve: () => void }>();
  // (real moment, virtual time from then on): the clock only changes in advance(), so this maps real to virtual.
  const timeline: [number, number][] = [[-Infinity, start]];
  const sleeps: number[] = [];
  const wakeDue = () => {
    for (const sleeper of [...sleepers].sort((a, b) => a.until - b.until)) {
      if (sleeper.until > t) break;
      sleepers.delete(sleeper);
      sleeps.push(sleeper.ms);
      sleeper.resolve();
    }
    changed();
  };
  return {
    now: () => t,
    date: () => new Date(t),
    sleep: (ms, signal) =>
      new Promise<void>((resolve) => {
        if (signal?.aborted) return resolve();
        const sleeper = { until: t + Math.max(0, ms), ms, resolve: () => resolve() };
        const abort = () => {
          sleepers.delete(sleeper);
          changed();
          resolve();
        };
        sleeper.resolve = () => {
          signal?.removeEventListener('abort', abort);
          resolve();
        };
        signal?.addEventListener('abort', abort, { once: true });
        sleepers.add(sleeper);
        if (ms <= 0) wakeDue();
        else changed();
      }),
    advance(ms) {
      t += ms;
      timeline.push([Date.now(), t]);
      wakeDue();
    },
    sleeping: () => sleepers.size,
    nextWake: () => (sleepers.size ? Math.min(...[...sleepers].map((s) => s.until)) : undefined),
    sleeps,
    toVirtual(realMs) {
      let v = start;
      for (const [real, virtual] of timeline) if (real <= realMs) v = virtual;
      return v;
    },
  };
}

export interface DrainOptions {
  /** Real-time bound against a hang (never a statement about speed). */
  limitMs?: number;
  /** The worker's test clock: when every one of its `slots` sleeps on it, time jumps to the next wake-up. */
  clock?: TestClock;
  /** The worker's concurrency (default 2, the worker's own default). */
  slots?: number;
}

/**
 * Runs until no job is queued, held or in flight (throws after `limitMs` of real time with the job counts). With a test
 * clock, virtual time moves only when the worker has nothing left to do before its next wake-up.
 */
export async function drain(store: ResendStore, options: DrainOptions | number = {}): Promise<void> {
  const { limitMs = 20_000, clock, slots = 2 } = typeof options === 'number' ? { limitMs: options } : options;
  await runUntil(async () => {
    const counts = await store.countJobs();
    return counts.queued === 0 && counts['in-flight'] === 0 && counts.held === 0 ? true : JSON.stringify(counts);
  }, { limitMs, clock, slots });
}

/**
 * Waits until `done()` answers true (anything else is what to report on a hang), moving the test clock to the next
 * wake-up whenever all `slots` of the worker sleep on it.
 */
export async function runUntil(done: () => Promise<true | string>, options: DrainOptions = {}): Promise<void> {
  const { limitMs = 20_000, clock, slots = 2 } = options;
  const until = Date.now() + limitMs;
  for (;;) {
    const state = await done();
    if (state === true) return;
    if (Date.now() > until) throw new Error(`did not settle in ${limitMs} ms of real time: ${state}`);
    const wake = clock && clock.sleeping() >= slots ? clock.nextWake() : undefined;
    if (wake !== undefined) clock!.advance(Math.max(0, wake - clock!.now()));
    await new Promise((r) => setTimeout(r, wake !== undefined ? 0 : 5));
  }
}

/** Adds `count` pending guests (as if invited days ago) to the emulator's demo tenant; returns their addresses. */
export function addPendingGuests(emulator: Pick<Emulator, 'state'>, count: number, label = 'pending'): string[] {
  const tenant = emulator.state.findTenant(DEMO_TENANT.id)!;
  const template = tenant.users.find((u) => u.externalUserState === 'PendingAcceptance')!;
  return Array.from({ length: count }, (_, i) => {
    const address = `${label}.${i}.${randomUUID().slice(0, 6)}@example.net`;
    const user: DirectoryUser = {
      ...template,
      id: randomUUID(),
      mail: address,
      otherMails: [address],
      proxyAddresses: [`SMTP:${address}`],
      userPrincipalName: `${address.replace('@', '_')}#EXT#@${DEMO_TENANT.domain}`,
    };
    tenant.users.push(user);
    return address;
  });
}

/** A tenant of its own in the emulator (a copy of the demo tenant with its own id, domain and portal app). */
export interface ExtraTenant {
  config: TenantConfig;
  /** Its portal app's client id: the emulator's request log names it on every Graph call of this tenant. */
  clientId: string;
  /** Its pending guests' addresses. */
  pending: string[];
}

/**
 * Adds a tenant with `pendingGuests` pending guests and its own app registration, so calls of several tenants can be
 * told apart in the request log (the demo tenant's people are not copied).
 */
export function addTenant(emulator: Pick<Emulator, 'state'>, label: string, pendingGuests: number): ExtraTenant {
  const demo = emulator.state.findTenant(DEMO_TENANT.id)!;
  const template = demo.users.find((u) => u.externalUserState === 'PendingAcceptance')!;
  const portalApp = demo.apps.find((a) => a.clientId === DEMO_PORTAL_APP.clientId)!;
  const id = randomUUID();
  const domain = `${label}-${id.slice(0, 6)}.onmicrosoft.com`;
  const clientId = randomUUID();
  const pending = Array.from({ length: pendingGuests }, (_, i) => `pending.${label}.${i}.${randomUUID().slice(0, 6)}@example.net`);
  const users: DirectoryUser[] = pending.map((address) => ({
    ...template,
    id: randomUUID(),
    mail: address,
    otherMails: [address],
    proxyAddresses: [`SMTP:${address}`],
    userPrincipalName: `${address.replace('@', '_')}#EXT#@${domain}`,
  }));
  emulator.state.tenants.push({ ...structuredClone(demo), id, displayName: label, domains: [domain], users, apps: [{ ...portalApp, clientId }] });
  const config = demoTenantConfig({
    key: domain,
    tenantId: id,
    domain,
    displayName: label,
    invitationMessage: undefined,
    credentials: { clientId, clientSecret: DEMO_PORTAL_APP.clientSecret },
  });
  return { config, clientId, pending };
}

export function invitationPosts(emulator: Emulator): number {
  return emulator.requests().filter((r) => r.method === 'POST' && r.path.startsWith('/v1.0/invitations')).length;
}

export function emailsTo(emulator: Emulator, address: string): number {
  return emulator.outbox().filter((e) => e.to.toLowerCase() === address.toLowerCase()).length;
}

/** Gaps (virtual ms) between consecutive emails to one address: each must be at least the window. */
export function emailGaps(emulator: Emulator, address: string, clock: Pick<TestClock, 'toVirtual'>): number[] {
  const toVirtual = (realMs: number) => clock.toVirtual(realMs);
  const times = emulator
    .outbox()
    .filter((e) => e.to.toLowerCase() === address.toLowerCase())
    .map((e) => toVirtual(Date.parse(e.sentAt)))
    .sort((a, b) => a - b);
  return times.slice(1).map((t, i) => t - times[i]!);
}
