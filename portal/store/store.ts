// The resend feature's storage contract, implemented by SQLite (sqlite-store.ts, the embedded default) and
// PostgreSQL (several instances); nothing here mentions SQL. test/store/contract.ts is what both must pass.
// Every method returns a Promise (PostgreSQL answers over the network; SQLite answers at once). All times are
// epoch milliseconds. Every job update after a claim is fenced by the claim's lease token:
// a worker whose lease expired (and whose job someone else recovered) can no longer change it.

/**
 * `held`: the portal can't carry the job out for a reason that is not the job's (its own credentials or consent fail,
 * or the ordering admin's token isn't available here). Held jobs are never dead-lettered for that: they are claimed
 * again when due (`run_at`, a periodic retry) or released at once (`releaseHeld`, the admin came back).
 */
export type JobState = 'queued' | 'in-flight' | 'held' | 'done' | 'dead';

/** What a job does: re-send a pending guest's invitation (self-service, admin), or invite an address (invitations/). */
export type JobKind = 'resend' | 'invite';

/** The admin who ordered a job (it then runs On-Behalf-Of them) or did an audited thing. */
export interface JobActor {
  oid: string;
  upn: string;
}

/** The held reason of a job ordered by an admin whose token this instance doesn't have (see invitations/). */
export const ADMIN_SESSION_NEEDED = 'admin-session-needed';

/** One rate-limit counter: at most `limit` hits on `bucket` within any `windowMs`. */
export interface RateLimitRule {
  bucket: string;
  limit: number;
  windowMs: number;
}

/**
 * How long rate-limit hits are kept: the longest window any rule may use (every rule today counts one hour). Old hits
 * are pruned against this fixed horizon, never against the rules of the request at hand: a request with no rules (an
 * admin's resend) or a shorter window must not wipe other buckets' counts.
 */
export const RATE_LIMIT_HORIZON_MS = 60 * 60_000;

/** The cut-off for pruning old hits on this request, or null when it has no rules (nothing to prune for). */
export function rateLimitPruneBefore(rules: readonly RateLimitRule[], now: number): number | null {
  if (rules.length === 0) return null;
  const tooLong = rules.find((r) => r.windowMs > RATE_LIMIT_HORIZON_MS);
  if (tooLong) throw new Error(`rate-limit rule ${tooLong.bucket} counts ${tooLong.windowMs} ms, longer than the store keeps hits (${RATE_LIMIT_HORIZON_MS} ms)`);
  return now - RATE_LIMIT_HORIZON_MS;
}

export interface NewResendJob {
  id: string;
  tenantKey: string;
  /** The normalised address: the worker needs it in clear to look the guest up. Cleared once the job is done. */
  address: string;
  /** Keyed hash of tenant + address: the key for windows and audit records. */
  addressHash: string;
  /** Default 'resend'. */
  kind?: JobKind;
  /** The job's order as JSON text (invitations: display name, message, redirect…): opaque to the store. */
  payload?: string;
  /** The admin who ordered it: the job runs On-Behalf-Of them, and its audit records name them. */
  actor?: JobActor;
  /** Groups jobs (a CSV upload, an approval): `listBatch` answers them in the order they were enqueued. */
  batchId?: string;
  /** The `accepted` audit record's detail (what was ordered, by whom). */
  auditDetail?: string;
}

/** `enqueueInvite`'s answer: stored, or an earlier invite job for the address (not failed) that it refers to. */
export type EnqueueInviteResult = { ok: true } | { ok: false; existingJobId: string };

export type EnqueueResult = { ok: true } | { ok: false; retryAfterMs: number; bucket: string };

export interface ClaimedJob {
  id: string;
  tenantKey: string;
  address: string;
  addressHash: string;
  attempts: number;
  unknownOutcomes: number;
  createdAt: number;
  leaseToken: string;
  kind: JobKind;
  payload: string | null;
  actor: JobActor | null;
}

/** A job whose worker stopped answering (crash, kill -9, hang): its lease ran out while it was in flight. */
export interface ExpiredJob extends ClaimedJob {
  /** True when the worker may have been inside `POST /invitations` (see worker.ts for what that means). */
  inviteInFlight: boolean;
}

export interface AuditEntry {
  requestId: string;
  tenantKey: string;
  addressHash: string;
  event: string;
  detail?: string;
  at: number;
  /** The admin who did it (stored as columns, so the audit can be filtered by them in the store). */
  actor?: JobActor;
}

/** The audit as the console filters it; newest first. */
export interface AuditFilter {
  tenantKey: string;
  /** Part of the actor's UPN or object id (case-insensitive). */
  actor?: string;
  /** Exactly this event. */
  action?: string;
  /** Inclusive bounds (epoch ms). */
  from?: number;
  to?: number;
  limit: number;
}

/**
 * `holdWindowUntil`: keep the address's window (if this job holds it) open at least until then, in the same
 * transaction — the window must count from when an email may last have gone out, not from when we asked.
 */
export type JobTransition =
  | { to: 'done'; outcome: string; holdWindowUntil?: number; /** The invited user's id (invite jobs). */ userId?: string }
  /** Not the job's fault (see JobState): waits, attempts untouched; claimed again at `runAt` or when released. */
  | { to: 'held'; reason: string; runAt: number }
  | { to: 'queued'; runAt: number; attempts: number; unknownOutcomes: number; lastError: string; holdWindowUntil?: number }
  | { to: 'dead'; reason: string };

export type BeginInviteResult =
  | { ok: true }
  | { ok: false; reason: 'window-taken'; until: number }
  | { ok: false; reason: 'lease-lost' };

export interface DeadLetter {
  requestId: string;
  tenantKey: string;
  /** Kept in clear on purpose: an admin needs it to act (resend by hand, or tell the guest). */
  address: string | null;
  reason: string;
  attempts: number;
  createdAt: number;
  deadAt: number;
}

export interface JobSnapshot {
  id: string;
  tenantKey: string;
  state: JobState;
  address: string | null;
  attempts: number;
  unknownOutcomes: number;
  runAt: number;
  outcome: string | null;
  lastError: string | null;
}

/** A tenant's Graph budget: at most `calls` Graph calls in any `perMs` (e.g. 10 per 1,000 ms). */
export interface GraphCallLimit {
  calls: number;
  perMs: number;
}

export type GraphCallGrant = { ok: true } | { ok: false; waitMs: number; reason: 'paused' | 'budget' };

export interface PruneResult {
  jobs: number;
  audit: number;
  windows: number;
}

export interface StoreStatus {
  engine: 'sqlite' | 'postgres';
  /** Highest migration applied in the database, and the highest this code knows: ready when they agree. */
  schemaVersion: number;
  expectedVersion: number;
}

/** One job as the admin console lists it. */
export interface JobListing extends JobSnapshot {
  addressHash: string;
  createdAt: number;
  updatedAt: number;
  kind: JobKind;
  payload: string | null;
  actor: JobActor | null;
  batchId: string | null;
  /** Why the job is held (state 'held'), e.g. `credentials: lookup: HTTP 403` or ADMIN_SESSION_NEEDED. */
  heldReason: string | null;
  /** The invited user's id, once an invite job was sent. */
  userId: string | null;
}

export interface JobFilter {
  tenantKey: string;
  /** Only jobs in these states (default: all). */
  states?: readonly JobState[];
  /** Only jobs for this address (its keyed hash: finished jobs no longer hold the address in clear). */
  addressHash?: string;
  /** Only jobs of this kind (default: both). */
  kind?: JobKind;
  /** Newest first, at most this many. */
  limit: number;
}

export interface ResendStore {
  /** Stable per-database key for address hashes (created on first open), so windows survive restarts. */
  hashKey(): Promise<Buffer>;
  /** Access requests and policies (issue 13): same database, own tables (access-requests-store.ts). */
  readonly accessRequests: import('../access-requests/types.ts').AccessRequestStore;

  /**
   * One transaction: check every rule; when all pass, count a hit on each, store the job (due now) and its
   * `accepted` audit record. When one fails, nothing is written and the wait until it would pass is returned.
   */
  enqueue(job: NewResendJob, rules: readonly RateLimitRule[], now: number): Promise<EnqueueResult>;

  /**
   * An invite job (kind 'invite'), with its `accepted` audit record (naming the actor). With `unlessInvited`, one
   * transaction first looks for an earlier invite job of the tenant for the address that did not fail (not dead):
   * then nothing is written and that job is returned — guestpass's own record, as Graph lags after an invitation.
   */
  enqueueInvite(job: NewResendJob, options: { unlessInvited: boolean }, now: number): Promise<EnqueueInviteResult>;
  /**
   * For each address hash, the newest invite job of the tenant that did not fail (not dead) — what `unlessInvited`
   * would find — in one read: a CSV preview asks it for up to 1,000 addresses at once.
   */
  earlierInvites(tenantKey: string, addressHashes: readonly string[]): Promise<Map<string, string>>;
  /** The jobs of a batch, in the order they were enqueued. */
  listBatch(tenantKey: string, batchId: string): Promise<JobListing[]>;
  /** One job with everything the console shows. */
  findJob(id: string): Promise<JobListing | null>;
  /**
   * Held jobs of the tenant with exactly this reason (and, when given, this actor) become queued and due `now`.
   * Returns how many. Cheap when there are none (the admin API calls it on every admin request).
   */
  releaseHeld(filter: { tenantKey: string; reason: string; actorOid?: string }, now: number): Promise<number>;

  /**
   * Claims the oldest due job — queued, or held and due for its periodic retry: marks it in flight under a fresh lease.
   * Jobs of `skipTenants` are passed over (tenants the caller is already waiting on for Graph budget, or knows paused),
   * so one tenant's backlog can't hold up another's.
   */
  claimDue(now: number, leaseMs: number, skipTenants?: readonly string[]): Promise<ClaimedJob | null>;
  /** When the next queued or held job (outside `skipTenants`) becomes due, or null when there is none. */
  nextDueAt(skipTenants?: readonly string[]): Promise<number | null>;
  /** In-flight jobs whose lease ran out; each is re-leased to the caller so only one recovery acts on it. */
  claimExpired(now: number, leaseMs: number): Promise<ExpiredJob[]>;
  extendLease(jobId: string, leaseToken: string, until: number): Promise<boolean>;

  /** The address's current resend window, if still open — or held by a job whose invitation may be in flight. */
  openWindow(tenantKey: string, addressHash: string, now: number): Promise<{ until: number; jobId: string } | null>;
  /**
   * One transaction, right BEFORE `POST /invitations`: claim (or renew, for the same job) the address's window
   * and mark the job "invitation may be in flight". Declines when another job holds an open window.
   */
  beginInvite(jobId: string, leaseToken: string, windowUntil: number, now: number): Promise<BeginInviteResult>;
  /** A definite answer that no invitation went out (e.g. 429): the job is no longer "in flight" at Graph. */
  inviteNotSent(jobId: string, leaseToken: string): Promise<boolean>;

  /** Moves a claimed job on (fenced by its lease token) and writes the audit record in the same transaction. */
  transition(jobId: string, leaseToken: string, change: JobTransition, audit: AuditEntry): Promise<boolean>;
  /** Gives a claimed job back untouched, due at `runAt` (shutdown, or a long Retry-After pause). */
  release(jobId: string, leaseToken: string, runAt: number): Promise<boolean>;

  /**
   * One transaction, shared by every instance and every feature that calls Graph for the tenant: when the tenant
   * isn't paused and fewer than `limit.calls` calls were taken in the last `limit.perMs`, records a call at `now`.
   * Otherwise says how long to wait (until the pause ends, or the oldest call leaves the period).
   */
  takeGraphCall(tenantKey: string, now: number, limit: GraphCallLimit): Promise<GraphCallGrant>;
  /** Graph answered Retry-After: no instance calls this tenant before `until`. Never shortens a pause. */
  pauseGraph(tenantKey: string, until: number): Promise<void>;
  /** Until when the tenant is paused (0 when it never was). */
  graphPausedUntil(tenantKey: string): Promise<number>;

  /**
   * Retention: deletes finished (done and dead) jobs last changed before `before`, audit records written before it,
   * windows that ended before it (unless their invitation may be in flight) and old Graph-call records.
   */
  prune(before: number): Promise<PruneResult>;
  /** For readiness: answers only when the database does; see StoreStatus. */
  status(): Promise<StoreStatus>;

  audit(entry: AuditEntry): Promise<void>;
  listAudit(requestId?: string): Promise<AuditEntry[]>;
  /** The tenant's audit filtered in the store (actor, action, time), newest first, at most `limit` (≤ 5,000). */
  queryAudit(filter: AuditFilter): Promise<AuditEntry[]>;
  listDeadLetters(): Promise<DeadLetter[]>;
  /**
   * An admin's retry: a dead job goes back to the queue, due `now`, with fresh attempts, and the audit record is
   * written in the same transaction. False when the job is not (or no longer) dead.
   */
  retryDead(jobId: string, now: number, audit: AuditEntry): Promise<boolean>;
  /** Jobs of a tenant for the admin console, newest first. */
  listJobs(filter: JobFilter): Promise<JobListing[]>;
  getJob(id: string): Promise<JobSnapshot | null>;
  countJobs(): Promise<Record<JobState, number>>;
  close(): Promise<void>;
}
