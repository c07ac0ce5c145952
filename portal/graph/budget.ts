// One Graph budget per tenant, shared by every portal instance and every feature that calls Graph for the tenant
// (resend worker, admin console, health checks, invitations): it lives in the store, so three instances together
// stay within it, and a Retry-After that any of them receives pauses all of them.
//
// Microsoft's documented identity limits (facts §3 "Throttling") are per app+tenant: 3,500 ResourceUnits per 10 s
// for the smallest tenants (a $select-ed GET users costs 1 RU) and 3,000 writes per 2 min 30 s (= 20/s). The
// default below (10 calls in any second) stays far under both.
import type { GraphCallLimit, ResendStore } from '../store/store.ts';

export type Sleep = (ms: number, signal?: AbortSignal) => Promise<void>;

/** At most `calls` Graph calls per tenant in any `perMs`, across all instances. */
export type BudgetOptions = GraphCallLimit;

export const DEFAULT_BUDGET: BudgetOptions = { calls: 10, perMs: 1_000 };

export type GraphBudgetStore = Pick<ResendStore, 'takeGraphCall' | 'pauseGraph' | 'graphPausedUntil'>;

/**
 * Told before each wait for a tenant's budget: how long, and why (a Graph pause, or the budget spent). Answering false
 * gives up the take (nothing is taken): the resend worker gives a job back rather than wait out a long pause, and
 * extends its lease across a short one so no other instance takes the job over meanwhile.
 */
export type BeforeBudgetWait = (waitMs: number, reason: 'paused' | 'budget') => boolean | Promise<boolean>;

export interface GraphBudget {
  /**
   * Waits for a call of this tenant's budget. Resolves false when `signal` aborts first or `beforeWait` declines a
   * wait (nothing was taken).
   */
  take(tenantKey: string, signal?: AbortSignal, beforeWait?: BeforeBudgetWait): Promise<boolean>;
  /** Graph said "not before" (Retry-After applies to the app in the tenant, not one request): pauses every instance. */
  pauseUntil(tenantKey: string, until: number): Promise<void>;
  /** Until when the tenant is paused (0 when it isn't). */
  pausedUntil(tenantKey: string): Promise<number>;
}

/**
 * A call is counted when it is taken; it reaches Graph a little later, and that delay varies (database round trips,
 * a busy event loop, several processes). Counting each call for 10 % + 200 ms longer than the period keeps every
 * second *as Graph sees it* within the budget, at the cost of about a fifth of the throughput.
 */
const inTransitMargin = (perMs: number) => Math.ceil(perMs * 0.1) + 200;

export function createGraphBudget(store: GraphBudgetStore, options: BudgetOptions, now: () => number, sleep: Sleep): GraphBudget {
  const limit: BudgetOptions = { calls: options.calls, perMs: options.perMs + inTransitMargin(options.perMs) };
  return {
    async take(tenantKey, signal, beforeWait) {
      for (;;) {
        if (signal?.aborted) return false;
        const grant = await store.takeGraphCall(tenantKey, now(), limit);
        if (grant.ok) return true;
        if (beforeWait && !(await beforeWait(grant.waitMs, grant.reason))) return false;
        await sleep(grant.waitMs, signal);
      }
    },
    pauseUntil: (tenantKey, until) => store.pauseGraph(tenantKey, until),
    pausedUntil: (tenantKey) => store.graphPausedUntil(tenantKey),
  };
}

/** Takes `count` calls of the tenant's budget, one after the other (a `$batch` of n requests counts n, as Graph counts them). */
export async function takeCalls(budget: GraphBudget, tenantKey: string, count: number): Promise<void> {
  for (let i = 0; i < count; i++) await budget.take(tenantKey);
}

/** The configured budget (GUESTPASS_GRAPH_CALLS_PER_SECOND) on real timers: the admin API's and the health command's. */
export function configuredGraphBudget(store: GraphBudgetStore, callsPerSecond: number, now: () => number = Date.now): GraphBudget {
  const sleep: Sleep = (ms, signal) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, ms);
      signal?.addEventListener('abort', () => (clearTimeout(timer), resolve()), { once: true });
    });
  return createGraphBudget(store, { ...DEFAULT_BUDGET, calls: callsPerSecond }, now, sleep);
}
