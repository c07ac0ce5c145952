// The resend worker: takes stored requests, looks the address up in Graph, and re-sends the invitation of a
// pending guest — at most once per address per window, with nothing lost on a crash.
//
// Crash safety, and why it holds (kill -9 may land anywhere):
// - A request is on disk before the guest gets an answer (service.ts). A job is only ever claimed under a lease
//   (a token + expiry); when its worker dies, the lease runs out and `recoverExpired` picks the job up again.
// - The lookup (GET /users) changes nothing, so a job that died before or during it is simply re-queued.
// - The address's window is claimed in the SAME transaction that marks the job "invitation in flight", BEFORE
//   POST /invitations is called (store.beginInvite). Any other job for that address sees the open window and
//   ends as `suppressed-window` without calling Graph.
// - If the worker dies while "invitation in flight" (or the call times out, the connection is cut, or Graph
//   answers 500/502/504), nobody can know whether Microsoft sent the email. Retrying now could send a second one
//   inside the window; dropping the job could lose the only one. So the job is re-queued to run one full window
//   after the moment its outcome became unknown (a moment after any possible send), and the window is held until
//   then. While a job is marked "invitation in flight" its window counts as open whatever its end time says, so a
//   slow or dead worker can't let another request for the address through. When the re-queued job runs it looks
//   the guest up again (accepted meanwhile → nothing sent) and, if still pending, sends: the guest gets at most one
//   email per window, and the request is never silently lost. The second time the outcome is unknown, the job is
//   dead-lettered as `outcome-unknown` for an admin (listDeadLetters()).
// - A sent invitation holds the window for a full window from Graph's answer (not from the request).
// - Answers that prove nothing was processed (429, 503, 401, connection refused) keep the window with the job
//   and retry with backoff; the job still owns its window, so its own retry is not suppressed.
// - 4xx answers that won't change (400, 403, 404) and missing credentials dead-letter the job at once.
//
// Retries: 429 waits Retry-After (and pauses the whole tenant for that long); everything else waits exponential
// backoff with full jitter. Every retry goes back through the store (durable, visible, and it frees the slot).
//
// Invite jobs (kind 'invite', portal/invitations/) run here too, under the same window, leases, budget and holds:
// look the address up first (a guest that exists — pending, accepted, or created by an earlier POST whose answer was
// lost — is never invited blindly), then POST /invitations for a new guest. A Graph 400 (e.g. a `+` address) is the
// request's own failure: dead-lettered with Graph's words.
//
// Who calls Graph: a job ordered by an admin (it has an actor) runs On-Behalf-Of that admin with the token the admin
// API last saw from them (in memory only). Without one, the job is held `admin-session-needed` (never dead) until the
// admin's next admin API request releases it. Jobs without an actor use the portal's application permissions.
import type { Client } from '@microsoft/microsoft-graph-client';
import type pino from 'pino';
import type { TenantConfig } from '../config/index.ts';
import type { GraphFailure } from '../graph/failures.ts';
import type { InvitationContent } from '../graph/guests.ts';
import { ADMIN_SESSION_NEEDED, type AuditEntry, type ClaimedJob, type JobActor, type JobTransition, type ResendStore } from '../store/store.ts';
import { parseInvitePayload } from '../invitations/payload.ts';
import { backoffDelay, DEFAULT_RETRY_POLICY, type RetryPolicy } from './retry-policy.ts';
import { createGraphBudget, DEFAULT_BUDGET, type BudgetOptions, type GraphBudget, type Sleep } from '../graph/budget.ts';

/** What the worker knows about one tenant's credentials and sends (for /healthz, /metrics and the console). */
export interface TenantResendStatus {
  tenantKey: string;
  /** Set while the portal's own credentials or consent fail for this tenant (jobs are held meanwhile). */
  credentialsFailing?: { since: number; detail: string };
  /** Outcomes since start: invitations sent, jobs held (each time), jobs dead-lettered. */
  counts: { sent: number; held: number; dead: number };
  lastSentAt?: number;
}

export interface ResendWorker {
  /** Per-tenant credential state and outcome counts (in this process). */
  status(): TenantResendStatus[];
  start(): void;
  /** Stops claiming; jobs waiting for budget are released, a Graph call in progress is finished. */
  stop(): Promise<void>;
  /** Something was enqueued: look now instead of at the next poll. */
  notify(): void;
}

export interface ResendWorkerOptions {
  store: ResendStore;
  tenants: readonly TenantConfig[];
  /** Factory for a tenant's Graph client (cached by the caller; may throw or reject with MissingCredentialsError). */
  graphClientFor: (tenant: TenantConfig) => Client | Promise<Client>;
  /** The invitation's redirect URL and message for a tenant. */
  invitationFor: (tenant: TenantConfig) => InvitationContent;
  logger: pino.Logger;
  windowMs: number;
  now?: () => number;
  sleep?: Sleep;
  random?: () => number;
  retry?: Partial<RetryPolicy>;
  /** The limit when no `graphBudget` is given (tests of the worker alone). */
  budget?: BudgetOptions;
  /** The tenants' shared Graph budget (resend/index.ts builds it on the store). */
  graphBudget?: GraphBudget;
  /** Jobs processed at once. */
  concurrency?: number;
  /** How long a claimed job stays ours without a sign of life; must exceed the Graph request timeout. */
  leaseMs?: number;
  /** How often an idle worker looks for work enqueued by another process. */
  pollMs?: number;
  /** How soon a job held for failing credentials is tried again (default 60 s): held jobs drain by themselves. */
  holdRetryMs?: number;
  /** Forget a tenant's cached Graph client and app token (so a consent fixed in Entra applies without a restart). */
  forgetCredentials?: (tenant: TenantConfig) => void;
  /**
   * A Graph client acting On-Behalf-Of the admin who ordered a job, or undefined when this instance has no valid
   * token of theirs (the job is then held ADMIN_SESSION_NEEDED). Absent: every admin-ordered job is held.
   */
  delegatedClientFor?: (tenant: TenantConfig, actor: JobActor) => Client | undefined | Promise<Client | undefined>;
  /** The admin's token was refused (expired, revoked): forget it, so their jobs wait for a fresh one. */
  forgetDelegation?: (tenantKey: string, actor: JobActor) => void;
  /** Where an invited guest lands by default: the tenant's guestpass page `${publicBaseUrl}/t/<tenant>`. */
  inviteRedirectFor?: (tenant: TenantConfig) => string;
  /** How long a job held for its admin's session waits before it is tried again without being released (default 1 h). */
  adminHoldRetryMs?: number;
}

/**
 * Pause before the next attempt to reach a failing store: 0.5 s doubling up to 30 s, half of it jittered so
 * instances spread out — and never near zero, so a store that fails at once can't spin the event loop.
 */
export function storeRetryDelay(failures: number, random: () => number): number {
  const cap = Math.min(30_000, 500 * 2 ** Math.max(0, failures - 1));
  return Math.round(cap / 2 + (random() * cap) / 2);
}

export const realSleep: Sleep = (ms, signal) =>
  new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const timer = setTimeout(done, Math.max(0, ms));
    function done() {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done, { once: true });
  });

/** The Graph calls (and graph-client with them) are loaded with the first job: an idle portal doesn't carry them. */
let graphCalls: Promise<typeof import('../graph/guests.ts')> | undefined;
const loadGraphCalls = () => (graphCalls ??= import('../graph/guests.ts'));

export function createResendWorker(options: ResendWorkerOptions): ResendWorker {
  const { store, logger } = options;
  const now = options.now ?? Date.now;
  const sleep = options.sleep ?? realSleep;
  const random = options.random ?? Math.random;
  const policy: RetryPolicy = { ...DEFAULT_RETRY_POLICY, ...options.retry };
  const concurrency = options.concurrency ?? 2;
  const leaseMs = options.leaseMs ?? 60_000;
  const pollMs = options.pollMs ?? 1_000;
  const budget = options.graphBudget ?? createGraphBudget(store, options.budget ?? DEFAULT_BUDGET, now, sleep);
  const tenants = new Map(options.tenants.map((t) => [t.key, t]));

  let running = false;
  let stopController = new AbortController();
  let wake = new AbortController();
  let slots: Promise<void>[] = [];

  const notify = () => {
    wake.abort();
    wake = new AbortController();
  };

  const audit = (job: ClaimedJob, event: string, detail?: string): AuditEntry => ({
    requestId: job.id,
    tenantKey: job.tenantKey,
    addressHash: job.addressHash,
    event,
    ...(detail ? { detail } : {}),
    at: now(),
    ...(job.actor ? { actor: job.actor } : {}),
  });

  const move = async (job: ClaimedJob, change: JobTransition, event: string, detail?: string): Promise<void> => {
    const moved = await store.transition(job.id, job.leaseToken, change, audit(job, event, detail));
    if (!moved) logger.warn({ requestId: job.id }, 'resend job lease lost before it could be updated');
    else logger.info({ requestId: job.id, tenant: job.tenantKey, event, detail }, 'resend job');
  };

  const statuses = new Map<string, TenantResendStatus>();
  const statusOf = (tenantKey: string) => {
    let st = statuses.get(tenantKey);
    if (!st) statuses.set(tenantKey, (st = { tenantKey, counts: { sent: 0, held: 0, dead: 0 } }));
    return st;
  };
  const holdRetryMs = options.holdRetryMs ?? 60_000;

  const finish = (job: ClaimedJob, outcome: string, detail?: string) => move(job, { to: 'done', outcome }, outcome, detail);
  const deadLetter = async (job: ClaimedJob, reason: string) => {
    await move(job, { to: 'dead', reason }, 'dead-letter', reason);
    statusOf(job.tenantKey).counts.dead += 1;
  };
  /** Graph answered this tenant: its credentials work (again). */
  const credentialsWork = (tenantKey: string) => {
    const st = statusOf(tenantKey);
    if (st.credentialsFailing) logger.info({ tenant: tenantKey }, 'tenant credentials work again; held jobs drain');
    delete st.credentialsFailing;
  };
  /**
   * The portal's own credentials or consent failed: the job is held (attempts untouched, so it is never dead-lettered
   * for this) and is tried again after holdRetryMs; the cached app token is dropped so a fixed consent applies.
   */
  const hold = async (job: ClaimedJob, step: string, detail: string) => {
    const tenant = tenants.get(job.tenantKey);
    if (tenant) options.forgetCredentials?.(tenant);
    const st = statusOf(job.tenantKey);
    st.credentialsFailing ??= { since: now(), detail };
    st.credentialsFailing.detail = detail;
    st.counts.held += 1;
    const runAt = now() + holdRetryMs;
    logger.warn({ requestId: job.id, tenant: job.tenantKey, detail }, 'job held: the portal\'s credentials or consent for this tenant fail');
    return move(job, { to: 'held', reason: `credentials: ${step}: ${detail}`, runAt }, 'held', `${step}: ${detail}; retry at ${new Date(runAt).toISOString()}`);
  };
  /** The admin who ordered the job has no valid token on this instance: held until their next admin API request. */
  const holdForAdmin = async (job: ClaimedJob, why: string) => {
    statusOf(job.tenantKey).counts.held += 1;
    const runAt = now() + (options.adminHoldRetryMs ?? 3_600_000);
    logger.info({ requestId: job.id, tenant: job.tenantKey, why }, 'job held until its admin signs in to the console again');
    return move(job, { to: 'held', reason: ADMIN_SESSION_NEEDED, runAt }, 'held', `${ADMIN_SESSION_NEEDED}: ${why}`);
  };

  /** The Graph client the job runs with: On-Behalf-Of its admin, or the portal's application permissions. */
  const clientFor = async (job: ClaimedJob, tenant: TenantConfig): Promise<Client | undefined> =>
    job.actor ? options.delegatedClientFor?.(tenant, job.actor) : options.graphClientFor(tenant);

  /** A failure that proves nothing was sent: retry with backoff (or Retry-After), or give up when out of attempts. */
  const retryLater = async (job: ClaimedJob, step: 'lookup' | 'invite', failure: Exclude<GraphFailure, { kind: 'outcome-unknown' }>, graphMessage?: string) => {
    if (job.actor) {
      // On-Behalf-Of: a refused or expired assertion means "this admin's session", not the portal's set-up; a 403 is
      // Entra deciding that this admin may not do it (their roles, the tenant's invite settings): the request's own.
      if (/invalid_grant|AADSTS(50013|500133|50173)\b|HTTP 401/.test(failure.detail)) {
        options.forgetDelegation?.(job.tenantKey, job.actor);
        return holdForAdmin(job, `${step}: ${failure.detail}`);
      }
      if (/HTTP 403/.test(failure.detail)) return deadLetter(job, `${step}-refused for ${job.actor.upn}: ${graphMessage ?? failure.detail}`);
    }
    if (failure.kind === 'configuration') return hold(job, step, failure.detail);
    if (failure.kind === 'permanent' && graphMessage) return deadLetter(job, `${step}-failed: ${failure.detail}: ${graphMessage}`);
    if (failure.kind === 'permanent') return deadLetter(job, `${step}-failed: ${failure.detail}`);
    const attempts = job.attempts + 1;
    if (attempts >= policy.maxAttempts) return deadLetter(job, `gave-up after ${attempts} attempts: ${step}: ${failure.detail}`);
    let delay = backoffDelay(attempts, policy, random);
    if (failure.kind === 'throttled' && failure.retryAfterMs !== null) {
      delay = failure.retryAfterMs;
      await budget.pauseUntil(job.tenantKey, now() + failure.retryAfterMs);
    }
    const runAt = now() + delay;
    return move(
      job,
      { to: 'queued', runAt, attempts, unknownOutcomes: job.unknownOutcomes, lastError: `${step}: ${failure.detail}` },
      'retry-scheduled',
      `${step}: ${failure.detail}; in ${delay} ms`,
    );
  };

  /**
   * The invitation may or may not have gone out (see the comment at the top): retry one full window after now —
   * now is after any moment the email could have been sent — and keep the window closed until then.
   */
  const outcomeUnknown = async (job: ClaimedJob, detail: string): Promise<void> => {
    const unknownOutcomes = job.unknownOutcomes + 1;
    if (unknownOutcomes > policy.maxUnknownOutcomes) return deadLetter(job, `outcome-unknown: ${detail}`);
    const runAt = Math.max((await store.openWindow(job.tenantKey, job.addressHash, now()))?.until ?? 0, now() + options.windowMs);
    return move(
      job,
      { to: 'queued', runAt, attempts: job.attempts + 1, unknownOutcomes, lastError: `outcome unknown: ${detail}`, holdWindowUntil: runAt },
      'outcome-unknown-requeued',
      `${detail}; retry after the window, at ${new Date(runAt).toISOString()}`,
    );
  };

  const contentCache = new Map<string, InvitationContent>();
  const contentFor = (tenant: TenantConfig) => {
    let content = contentCache.get(tenant.key);
    if (!content) {
      content = options.invitationFor(tenant);
      contentCache.set(tenant.key, content);
    }
    return content;
  };

  // Fairness between tenants, so one tenant's backlog can't fill every slot while other tenants' jobs wait:
  // - a tenant one of our slots already waits on (its budget is spent) or that Graph paused is passed over;
  // - a tenant already in half our slots is passed over while another tenant has a job due (the half keeps the rest
  //   of the slots for the others; a tenant alone in the queue still gets them all).
  const waitingOn = new Map<string, number>(); // tenant → our slots waiting for its budget
  const pausedUntil = new Map<string, number>(); // tenant → end of a Graph pause we gave a job back for
  const inSlots = new Map<string, number>(); // tenant → our slots working on one of its jobs
  const slotsPerTenant = Math.max(1, Math.floor(concurrency / 2));
  const tenantsToSkip = (): string[] => {
    const t = now();
    for (const [tenantKey, until] of pausedUntil) if (until <= t) pausedUntil.delete(tenantKey);
    return [...new Set([...waitingOn.keys(), ...pausedUntil.keys()])];
  };
  const tenantsInHalfTheSlots = () => [...inSlots].filter(([, n]) => n >= slotsPerTenant).map(([tenantKey]) => tenantKey);
  const count = (counts: Map<string, number>, tenantKey: string, delta: 1 | -1) => {
    const n = (counts.get(tenantKey) ?? 0) + delta;
    if (n > 0) counts.set(tenantKey, n);
    else counts.delete(tenantKey);
  };
  /**
   * The next job for a free slot: another tenant's first (see above), else any tenant's that isn't passed over. Our
   * slots claim one at a time, so each sees the tenants the others have just taken on.
   */
  let claims: Promise<unknown> = Promise.resolve();
  const claimNext = (skip: string[]): Promise<ClaimedJob | null> => {
    const claim = async () => {
      const crowded = tenantsInHalfTheSlots().filter((tenantKey) => !skip.includes(tenantKey));
      const job = (await store.claimDue(now(), leaseMs, [...skip, ...crowded])) ?? (crowded.length ? await store.claimDue(now(), leaseMs, skip) : null);
      if (job) {
        leaseUntil.set(job, now() + leaseMs);
        count(inSlots, job.tenantKey, 1);
      }
      return job;
    };
    const next = claims.then(claim, claim);
    claims = next.catch(() => undefined);
    return next;
  };
  /** Until when each job we hold is leased to us (as we last set it), to renew a lease only when it runs short. */
  const leaseUntil = new WeakMap<ClaimedJob, number>();
  const extendLease = async (job: ClaimedJob, until: number) => {
    const extended = await store.extendLease(job.id, job.leaseToken, until);
    if (extended) leaseUntil.set(job, until);
    return extended;
  };

  /**
   * Waits for budget. False when the job was given back instead: we are stopping, the tenant is paused by a
   * Retry-After longer than half the lease (the job waits in the store, not in a slot), or the lease was lost.
   * While it waits, the lease is extended to cover the wait — a job waiting out a pause is never taken over.
   */
  const takeBudget = async (job: ClaimedJob): Promise<boolean> => {
    let waiting = false;
    let giveBackAt: number | undefined;
    const taken = await budget.take(job.tenantKey, stopController.signal, async (waitMs, reason) => {
      if (reason === 'paused' && waitMs > leaseMs / 2) {
        giveBackAt = now() + waitMs;
        return false;
      }
      if (!waiting) count(waitingOn, job.tenantKey, 1);
      waiting = true;
      // Renewed only when the wait would eat into the lease's second half: a short budget wait costs no write.
      return now() + waitMs + leaseMs / 2 <= (leaseUntil.get(job) ?? 0) || extendLease(job, now() + waitMs + leaseMs);
    });
    if (waiting) {
      count(waitingOn, job.tenantKey, -1);
      notify(); // slots that passed this tenant over may claim its jobs again
    }
    // The Graph call that follows needs the lease for at most its timeout (< half a lease); the invitation step is
    // fenced by the lease token in beginInvite whatever happens here.
    if (taken) return now() + leaseMs / 2 <= (leaseUntil.get(job) ?? 0) || extendLease(job, now() + leaseMs);
    if (giveBackAt !== undefined) {
      pausedUntil.set(job.tenantKey, Math.max(giveBackAt, pausedUntil.get(job.tenantKey) ?? 0));
      await store.release(job.id, job.leaseToken, giveBackAt);
    } else if (stopController.signal.aborted) {
      await store.release(job.id, job.leaseToken, now());
    } else {
      logger.warn({ requestId: job.id }, 'resend job lease lost while waiting for the Graph budget');
    }
    return false;
  };

  /** Sleeps until `ms` pass, work is announced (notify) or the worker stops. */
  const waitForWork = async (ms: number) => {
    const controller = new AbortController();
    const wakeSignal = wake.signal;
    const stopSignal = stopController.signal;
    const onAbort = () => controller.abort();
    wakeSignal.addEventListener('abort', onAbort, { once: true });
    stopSignal.addEventListener('abort', onAbort, { once: true });
    try {
      await sleep(ms, controller.signal);
    } finally {
      wakeSignal.removeEventListener('abort', onAbort);
      stopSignal.removeEventListener('abort', onAbort);
    }
  };

  async function processJob(job: ClaimedJob): Promise<void> {
    const tenant = tenants.get(job.tenantKey);
    if (!tenant) return deadLetter(job, 'unknown-tenant');

    // Another request for this address already claimed the window: nothing to ask Graph.
    const open = await store.openWindow(job.tenantKey, job.addressHash, now());
    if (open && open.jobId !== job.id) return finish(job, 'suppressed-window');

    let client: Client | undefined;
    let content: InvitationContent;
    try {
      client = await clientFor(job, tenant);
      content = contentFor(tenant);
    } catch (error) {
      return deadLetter(job, `tenant-not-configured: ${(error as Error).message}`);
    }
    if (!client) return holdForAdmin(job, 'no valid token of this admin on this instance');
    if (job.kind === 'invite') return processInvite(job, tenant, client);

    const { resendInvitation } = await loadGraphCalls();
    const lookup = await lookUp(job, client);
    if (!lookup) return;
    if (lookup.kind === 'no-invitation') return finish(job, 'no-invitation', lookup.reason);

    if (!(await beginSending(job, 'suppressed-window'))) return;
    const sent = await resendInvitation(client, lookup.guest, content, now);
    if (sent.kind === 'sent') return recordSent(job, sent.note);
    if (sent.failure.kind === 'outcome-unknown') return outcomeUnknown(job, sent.failure.detail);
    await store.inviteNotSent(job.id, job.leaseToken);
    return retryLater(job, 'invite', sent.failure);
  }

  /** Takes budget and looks the address up. Undefined when the job was given back, retried later or held. */
  async function lookUp(job: ClaimedJob, client: Client) {
    const { findPendingGuest } = await loadGraphCalls();
    if (!(await takeBudget(job))) return undefined;
    const lookup = await findPendingGuest(client, job.address, now);
    if (lookup.kind === 'failed') {
      // A read never sends anything: findPendingGuest reports unknown outcomes as transient.
      await retryLater(job, 'lookup', lookup.failure.kind === 'outcome-unknown' ? { kind: 'transient', detail: lookup.failure.detail } : lookup.failure);
      return undefined;
    }
    if (!job.actor) credentialsWork(job.tenantKey);
    return lookup;
  }

  /** Takes budget and claims the address's window right before POST /invitations; false when the job can't go on. */
  async function beginSending(job: ClaimedJob, suppressed: string): Promise<boolean> {
    if (!(await takeBudget(job))) return false;
    const begun = await store.beginInvite(job.id, job.leaseToken, now() + options.windowMs, now());
    if (begun.ok) return true;
    if (begun.reason === 'window-taken') await finish(job, suppressed);
    else logger.warn({ requestId: job.id }, 'job lease lost before the invitation');
    return false;
  }

  /** The window counts from the answer (after Microsoft sent the email), not from the request. */
  async function recordSent(job: ClaimedJob, note?: string, userId?: string | null): Promise<void> {
    await move(job, { to: 'done', outcome: 'sent', holdWindowUntil: now() + options.windowMs, ...(userId ? { userId } : {}) }, 'sent', note);
    const st = statusOf(job.tenantKey);
    st.counts.sent += 1;
    st.lastSentAt = now();
  }

  /** A new guest (or, when asked, a pending one again) for an invite job: see the comment at the top. */
  async function processInvite(job: ClaimedJob, tenant: TenantConfig, client: Client): Promise<void> {
    const order = parseInvitePayload(job.payload);
    const { inviteGuest } = await loadGraphCalls();
    const lookup = await lookUp(job, client);
    if (!lookup) return;
    // A guest exists. After an unknown outcome it is most likely ours (the lost answer's POST went through): done.
    if (lookup.kind === 'pending-guest' || (lookup.kind === 'no-invitation' && lookup.reason !== 'no-guest-with-address')) {
      if (job.unknownOutcomes > 0) return finish(job, 'sent', 'the guest exists after an unknown outcome: the earlier invitation went through');
      if (lookup.kind === 'no-invitation') return finish(job, `skipped: ${lookup.reason}`);
      if (!order.resendPending) return finish(job, 'skipped: pending-guest');
    }

    if (!(await beginSending(job, 'skipped: suppressed-window'))) return;
    const sent = await inviteGuest(
      client,
      {
        email: lookup.kind === 'pending-guest' ? lookup.guest.invitationAddress : job.address,
        inviteRedirectUrl: order.redirectUrl ?? options.inviteRedirectFor?.(tenant) ?? contentFor(tenant).inviteRedirectUrl,
        ...(order.displayName ? { displayName: order.displayName } : {}),
        ...(order.messageLanguage ? { messageLanguage: order.messageLanguage } : {}),
        // Microsoft drops custom messages from app-sent invitations (facts file): only a person's carries one.
        ...(order.message && job.actor ? { customizedMessageBody: order.message } : {}),
      },
      now,
    );
    if (sent.kind === 'sent') return recordSent(job, order.reference, sent.userId);
    if (sent.failure.kind === 'outcome-unknown') return outcomeUnknown(job, sent.failure.detail);
    await store.inviteNotSent(job.id, job.leaseToken);
    return retryLater(job, 'invite', sent.failure, sent.graphMessage);
  }
  /** Jobs whose worker died (or hung) past the lease: see the comment at the top. */
  const recoverExpired = async () => {
    for (const job of await store.claimExpired(now(), leaseMs)) {
      if (job.inviteInFlight) {
        await outcomeUnknown(job, 'worker stopped during POST /invitations');
        continue;
      }
      // Counted as an attempt, so a job that kills its worker every time ends as a dead letter, not a crash loop.
      const attempts = job.attempts + 1;
      if (attempts >= policy.maxAttempts) await deadLetter(job, `gave-up after ${attempts} attempts: worker stopped (lease expired)`);
      else await move(job, { to: 'queued', runAt: now(), attempts, unknownOutcomes: job.unknownOutcomes, lastError: 'lease expired' }, 'recovered', 'lease expired before the invitation step');
    }
  };

  /**
   * One claim slot. A store that can't be read (database locked, restarting, network cut) must never take the
   * process down or stop the worker: the error is logged and the slot retries after a growing pause.
   */
  async function slot(): Promise<void> {
    let storeFailures = 0;
    while (running) {
      let job: ClaimedJob | null = null;
      let idleMs = pollMs;
      try {
        await recoverExpired();
        const skip = tenantsToSkip();
        job = await claimNext(skip);
        if (!job) {
          // Passed-over tenants come back when our waiting slot gets its call (it notifies) or their pause ends.
          const due = await store.nextDueAt(skip);
          if (due !== null) idleMs = Math.min(pollMs, due - now());
          for (const until of pausedUntil.values()) idleMs = Math.min(idleMs, until - now());
        }
        storeFailures = 0;
      } catch (error) {
        storeFailures += 1;
        idleMs = storeRetryDelay(storeFailures, random);
        logger.error({ err: error, retryInMs: idleMs, failures: storeFailures }, 'resend store unavailable; retrying');
      }
      if (!job) {
        await waitForWork(Math.max(1, idleMs));
        continue;
      }
      try {
        await processJob(job);
      } catch (error) {
        // A bug, or the store failing mid-job: keep the job (lease expiry brings it back) and say so loudly.
        logger.error({ err: error, requestId: job.id }, 'resend job failed unexpectedly');
      } finally {
        count(inSlots, job.tenantKey, -1);
      }
    }
  }

  return {
    status: () => [...statuses.values()].map((st) => ({ ...st, counts: { ...st.counts }, ...(st.credentialsFailing ? { credentialsFailing: { ...st.credentialsFailing } } : {}) })),
    start() {
      if (running) return;
      running = true;
      stopController = new AbortController();
      slots = Array.from({ length: concurrency }, () => slot());
    },
    async stop() {
      if (!running) return;
      running = false;
      stopController.abort();
      notify();
      await Promise.all(slots);
      slots = [];
    },
    notify,
  };
}
