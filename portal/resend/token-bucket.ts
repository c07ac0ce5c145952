// A per-tenant budget for Graph calls: a token bucket, plus a pause when Graph answers 429 with Retry-After.
// Microsoft's documented identity limits (facts §3 "Throttling") are per app+tenant: 3,500 ResourceUnits per 10 s
// for the smallest tenants (a $select-ed GET users costs 1 RU) and 3,000 writes per 2 min 30 s (= 20/s). The
// default budget below (10 calls/s, bursts of 20) stays far under both, and leaves room for the admin console.
export interface BudgetOptions {
  ratePerSecond: number;
  burst: number;
}

export const DEFAULT_BUDGET: BudgetOptions = { ratePerSecond: 10, burst: 20 };

export type Sleep = (ms: number, signal?: AbortSignal) => Promise<void>;

interface Bucket {
  tokens: number;
  refilledAt: number;
  pausedUntil: number;
}

export interface TenantBudget {
  /** Waits for a token of this tenant's bucket. Resolves false when `signal` aborts first (nothing was taken). */
  take(tenantKey: string, signal?: AbortSignal): Promise<boolean>;
  /** Graph said "not before": no call to this tenant until then (Retry-After applies to the app, not one request). */
  pauseUntil(tenantKey: string, until: number): void;
  /** Until when the tenant is paused (0 when it isn't). */
  pausedUntil(tenantKey: string): number;
}

export function createTenantBudget(options: BudgetOptions, now: () => number, sleep: Sleep): TenantBudget {
  const buckets = new Map<string, Bucket>();
  const bucketFor = (key: string): Bucket => {
    let bucket = buckets.get(key);
    if (!bucket) {
      bucket = { tokens: options.burst, refilledAt: now(), pausedUntil: 0 };
      buckets.set(key, bucket);
    }
    return bucket;
  };
  return {
    async take(tenantKey, signal) {
      const bucket = bucketFor(tenantKey);
      for (;;) {
        if (signal?.aborted) return false;
        const t = now();
        if (t < bucket.pausedUntil) {
          await sleep(bucket.pausedUntil - t, signal);
          continue;
        }
        bucket.tokens = Math.min(options.burst, bucket.tokens + ((t - bucket.refilledAt) / 1000) * options.ratePerSecond);
        bucket.refilledAt = t;
        if (bucket.tokens >= 1) {
          bucket.tokens -= 1;
          return true;
        }
        await sleep(Math.max(1, ((1 - bucket.tokens) / options.ratePerSecond) * 1000), signal);
      }
    },
    pauseUntil(tenantKey, until) {
      const bucket = bucketFor(tenantKey);
      bucket.pausedUntil = Math.max(bucket.pausedUntil, until);
    },
    pausedUntil: (tenantKey) => buckets.get(tenantKey)?.pausedUntil ?? 0,
  };
}
