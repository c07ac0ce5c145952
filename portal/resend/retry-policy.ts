// How long to wait before the next attempt: exponential backoff with full jitter (a uniformly random delay
// between 0 and the exponential cap), so many jobs that failed together don't come back together.
export interface RetryPolicy {
  /** Failed Graph attempts (lookup or invitation) before the job is dead-lettered. */
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /**
   * How many times a job may end "outcome unknown" (timeout, cut connection, 5xx, worker killed during
   * POST /invitations) and be re-queued after its window, before it is dead-lettered for an admin.
   */
  maxUnknownOutcomes: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  maxAttempts: 8,
  baseDelayMs: 1_000,
  maxDelayMs: 5 * 60_000,
  maxUnknownOutcomes: 1,
};

/** Delay before retry number `attempt` (1 = the first retry). */
export function backoffDelay(attempt: number, policy: RetryPolicy, random: () => number): number {
  const cap = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, attempt - 1));
  return Math.floor(random() * cap);
}
