// Access requests (issue 13): the feature as the routes and the process see it — the requester's service, the worker
// that classifies intake records, the approvers' decisions, the policy, the tenant's invite setting and retention.
//
// The worker, per intake record (claimed under a lease, so several instances never work on the same one):
//   policy off / tenant lets nobody invite / blocked domain  → dropped (nothing happens; the requester was answered
//                                                               exactly like everyone else)
//   Graph: a pending guest   → a resend job on the existing resend queue (its window: at most one email per window)
//          an accepted guest → dropped
//          nobody            → pre-approved domain under today's cap: invitation through the queue, app-sent, no actor
//                              otherwise: a pending request for the approvers (+ webhook); the same address asking
//                              again while one is open is merged into it
// An approval hands the invitation to the durable invitation queue On-Behalf-Of the approving admin. A decided
// request's `inviting` step is fenced by a lease: if the process dies between the decision and the hand-over, the
// worker redoes the hand-over (the queue answers `already-invited` for what it already has).
import type { Client } from '@microsoft/microsoft-graph-client';
import { randomUUID } from 'node:crypto';
import type pino from 'pino';
import type { PortalConfig, TenantConfig } from '../config/index.ts';
import type { GraphBudget, Sleep } from '../graph/budget.ts';
import type { AddressHasher } from '../resend/address-key.ts';
import type { ResendStore } from '../store/store.ts';
import type { InvitationQueue } from '../invitations/types.ts';
import { decideRequest, effectivePolicy, utcDayStart, type GuestState } from './policy.ts';
import { createAccessRequestService, type AccessRequestService } from './service.ts';
import { DEFAULT_ACCESS_SETTINGS, type AccessPolicy, type AccessRequestRecord, type AccessRequestSettings, type ClaimedAccessRequest, type DecideResult } from './types.ts';
import { createWebhookSender, type WebhookCounts } from './webhook.ts';

const DAY_MS = 86_400_000;

export type RequestsAvailability = 'open' | 'off' | 'invites-off' | 'unavailable';

export interface AccessRequestsStatus {
  tenantKey: string;
  allowInvitesFrom: string | null;
  webhook: WebhookCounts;
}

export interface AccessRequestFeature {
  service: AccessRequestService;
  settings(tenant: TenantConfig): AccessRequestSettings;
  /** What the tenant page shows, from memory (no lookup per request): policy and invite setting as last read. */
  availability(tenant: TenantConfig): RequestsAvailability;
  policy(tenant: TenantConfig): Promise<{ policy: AccessPolicy; locked: boolean; updatedBy: string | null; updatedAt: number | null }>;
  setPolicy(tenant: TenantConfig, policy: AccessPolicy, by: string): Promise<'saved' | 'locked'>;
  /** With `known` (guestpass's own records) and, once handed over, the invitation job's state (sent, held, failed…). */
  list(tenant: TenantConfig, states?: readonly AccessRequestRecord['state'][]): Promise<(AccessRequestRecord & { known: boolean; invitation?: { state: string; reason?: string } })[]>;
  approve(tenant: TenantConfig, id: string, decision: { by: { oid: string; upn: string }; message?: string; redirectUrl?: string }): Promise<DecideResult>;
  deny(tenant: TenantConfig, id: string, decision: { by: { oid: string; upn: string }; note?: string }): Promise<DecideResult>;
  status(): AccessRequestsStatus[];
  worker: { start(): void; stop(): Promise<void>; notify(): void; idle(): Promise<void> };
  /** One retention pass now (expire and erase, every tenant). */
  retention(): Promise<void>;
}

export interface AccessRequestFeatureDeps {
  config: PortalConfig;
  logger: pino.Logger;
  store: ResendStore;
  hasher: AddressHasher;
  graphClientFor: (tenant: TenantConfig) => Client | Promise<Client>;
  graphBudget: GraphBudget;
  /** The durable invitation queue (helper "delegated"): absent while no tenant has Graph credentials. */
  invitations: () => InvitationQueue | undefined;
  /** Wakes the resend worker after a resend job was stored for a pending guest. */
  onResendQueued: () => void;
  now: () => number;
  sleep: Sleep;
  pollMs?: number;
  leaseMs?: number;
  /** How long the tenant's allowInvitesFrom is trusted before it is read again (default 15 minutes). */
  inviteSettingTtlMs?: number;
  /** How long the webhook waits for more requests before it tells the count (default 30 s). */
  webhookDebounceMs?: number;
  fetch?: typeof fetch;
}

/** Graph `messageLanguage` for a page language. */
const MESSAGE_LANGUAGE: Record<string, string> = { en: 'en-US', de: 'de-DE', fr: 'fr-FR', es: 'es-ES', ja: 'ja-JP' };

export function createAccessRequestFeature(deps: AccessRequestFeatureDeps): AccessRequestFeature {
  const { config, logger, store, now } = deps;
  const requests = store.accessRequests;
  const log = logger.child({ component: 'access-requests' });
  const tenants = new Map(config.tenants.map((t) => [t.key, t]));
  const pollMs = deps.pollMs ?? 1_000;
  const leaseMs = deps.leaseMs ?? 60_000;
  const inviteTtl = deps.inviteSettingTtlMs ?? 15 * 60_000;
  const settingsOf = (t: TenantConfig) => t.accessRequests ?? DEFAULT_ACCESS_SETTINGS;
  const webhooks = createWebhookSender({ logger: log, sleep: (ms) => deps.sleep(ms), ...(deps.fetch ? { fetch: deps.fetch } : {}) });

  /** Policies as last read from the database (the page reads these; refreshed by the worker and on edits). */
  const policies = new Map<string, AccessPolicy>();
  const inviteSettings = new Map<string, { value: string | null; at: number }>();

  const loadPolicy = async (t: TenantConfig) => {
    const s = settingsOf(t);
    const stored = s.locked ? null : await requests.getPolicy(t.key);
    const p = effectivePolicy(s, stored);
    policies.set(t.key, p);
    return { policy: p, stored };
  };

  /** authorizationPolicy.allowInvitesFrom, read with the portal's app token at most every `inviteTtl`; null: unknown. */
  const allowInvitesFrom = async (t: TenantConfig): Promise<string | null> => {
    const cached = inviteSettings.get(t.key);
    if (cached && now() - cached.at < inviteTtl) return cached.value;
    let value: string | null = null;
    try {
      const client = await deps.graphClientFor(t);
      if (await deps.graphBudget.take(t.key)) {
        const policy = (await client.api('/policies/authorizationPolicy').select('allowInvitesFrom').get()) as { allowInvitesFrom?: unknown };
        value = typeof policy?.allowInvitesFrom === 'string' ? policy.allowInvitesFrom : null;
      }
    } catch (error) {
      // Unknown is not "none": the request goes on, and Graph refuses the invitation itself if invites are off.
      log.warn({ tenant: t.key, err: (error as Error).message }, 'could not read the tenant\'s invite setting (allowInvitesFrom)');
      value = cached?.value ?? null;
    }
    inviteSettings.set(t.key, { value, at: now() });
    return value;
  };

  const service = createAccessRequestService({
    store: requests,
    hasher: deps.hasher,
    rateLimits: config.rateLimits,
    now,
    onAccepted: () => notify(),
  });

  // ---- the hand-over to the invitation queue --------------------------------------------------------------------
  const handOver = async (rec: AccessRequestRecord, leaseToken: string | null): Promise<void> => {
    const queue = deps.invitations();
    if (!queue) {
      log.warn({ requestId: rec.id, tenant: rec.tenantKey }, 'access request decided, but this portal has no invitation queue; retried after the lease');
      return;
    }
    if (!rec.address) return void (await requests.recordInvitation(rec.id, leaseToken, { refused: 'personal data already deleted' }, now()));
    const approved = rec.decision === 'approved' && rec.decidedBy;
    const result = await queue.enqueue({
      tenantKey: rec.tenantKey,
      email: rec.address,
      ...(rec.name ? { displayName: rec.name } : {}),
      ...(rec.message ? { message: rec.message } : {}),
      ...(rec.redirectUrl ? { redirectUrl: rec.redirectUrl } : {}),
      ...(MESSAGE_LANGUAGE[rec.lang] ? { messageLanguage: MESSAGE_LANGUAGE[rec.lang] } : {}),
      ...(approved ? { actor: rec.decidedBy! } : {}),
      source: approved ? 'access-request' : 'pre-approved',
      batchId: rec.id,
      reference: `access-request:${rec.id}`,
    });
    const outcome = result.outcome === 'queued' || result.outcome === 'already-invited' ? { jobId: result.jobId } : { refused: result.outcome === 'invalid-address' ? result.message : result.reason };
    await requests.recordInvitation(rec.id, leaseToken, outcome, now());
    log.info({ requestId: rec.id, tenant: rec.tenantKey, outcome: result.outcome }, 'access request handed to the invitation queue');
  };

  // ---- webhook: a count and a console link, debounced per tenant -------------------------------------------------
  const webhookTimers = new Map<string, Promise<void>>();
  const announce = (t: TenantConfig) => {
    const hook = settingsOf(t).webhook;
    if (!hook || webhookTimers.has(t.key)) return;
    const run = (async () => {
      await deps.sleep(deps.webhookDebounceMs ?? 30_000);
      webhookTimers.delete(t.key);
      const pending = await requests.countPending(t.key);
      if (pending === 0) return;
      await webhooks.send(hook.kind, hook.url, {
        tenantKey: t.key,
        tenantName: t.displayName,
        pending,
        consoleUrl: `${config.publicBaseUrl}/admin/access-requests?tenant=${encodeURIComponent(t.key)}`,
        at: now(),
      });
    })().catch((error) => log.error({ err: error, tenant: t.key }, 'access-request webhook failed unexpectedly'));
    webhookTimers.set(t.key, run);
  };

  // ---- the worker ------------------------------------------------------------------------------------------------
  const retryDelay = (attempts: number) => Math.min(30 * 60_000, 5_000 * 2 ** Math.min(attempts, 10));

  async function classify(rec: ClaimedAccessRequest, t: TenantConfig): Promise<void> {
    const { policy } = await loadPolicy(t);
    const address = rec.address ?? '';
    const before = decideRequest({ policy, invitesAllowed: true, address });
    if (before.action === 'drop') return void (await requests.settle(rec.id, rec.leaseToken, { to: 'dropped', outcome: before.reason }, now()));
    const invites = await allowInvitesFrom(t);
    if (invites === 'none') return void (await requests.settle(rec.id, rec.leaseToken, { to: 'dropped', outcome: 'invites-off' }, now()));

    const { findPendingGuest } = await import('../graph/guests.ts');
    let guest: GuestState;
    try {
      const client = await deps.graphClientFor(t);
      if (!(await deps.graphBudget.take(t.key))) throw new Error('stopping');
      const lookup = await findPendingGuest(client, address, now);
      if (lookup.kind === 'failed') throw new Error(`lookup: ${lookup.failure.kind}: ${lookup.failure.detail}`);
      guest =
        lookup.kind === 'pending-guest'
          ? 'pending-guest'
          : lookup.reason === 'no-guest-with-address'
            ? 'no-guest'
            : lookup.reason === 'already-accepted'
              ? 'accepted-guest'
              : 'ambiguous';
    } catch (error) {
      const runAt = now() + retryDelay(rec.attempts);
      log.warn({ requestId: rec.id, tenant: t.key, err: (error as Error).message, runAt }, 'access request: Graph lookup failed; retrying later');
      return void (await requests.settle(rec.id, rec.leaseToken, { to: 'retry', runAt, error: (error as Error).message.slice(0, 300) }, now()));
    }

    const decision = decideRequest({ policy, invitesAllowed: true, address, guest });
    const expiresAt = now() + settingsOf(t).expireAfterDays * DAY_MS;
    switch (decision.action) {
      case 'drop':
        await requests.settle(rec.id, rec.leaseToken, { to: 'dropped', outcome: decision.reason }, now());
        return;
      case 'resend': {
        // The existing resend path: its window allows at most one email per address per window.
        const stored = await store.enqueue({ id: randomUUID(), tenantKey: t.key, address, addressHash: rec.addressHash }, [], now());
        await requests.settle(rec.id, rec.leaseToken, { to: 'resent', outcome: stored.ok ? 'resend-queued' : 'resend-refused' }, now());
        deps.onResendQueued();
        return;
      }
      case 'pre-approve': {
        const settled = await requests.settle(rec.id, rec.leaseToken, { to: 'pre-approved', dayStart: utcDayStart(now()), cap: policy.dailyCap, expiresAt }, now());
        if (settled.ok && settled.state === 'inviting') return handOver((await requests.get(rec.id))!, rec.leaseToken);
        if (settled.ok && settled.state === 'pending') announce(t);
        return;
      }
      case 'ask-approver': {
        const settled = await requests.settle(rec.id, rec.leaseToken, { to: 'pending', expiresAt }, now());
        if (settled.ok && settled.state === 'pending') announce(t);
        return;
      }
      case 'look-up':
        return; // not reached: guest is known here
    }
  }

  async function processOne(rec: ClaimedAccessRequest): Promise<void> {
    const t = tenants.get(rec.tenantKey);
    if (!t) return void (await requests.settle(rec.id, rec.leaseToken, { to: 'dropped', outcome: 'unknown-tenant' }, now()));
    if (rec.state === 'inviting') return handOver(rec, rec.leaseToken);
    return classify(rec, t);
  }

  let running = false;
  let loop: Promise<void> | undefined;
  let wake = new AbortController();
  let stopper = new AbortController();
  let busy = false;
  let idleWaiters: (() => void)[] = [];
  function notify() {
    wake.abort();
    wake = new AbortController();
  }
  const waitForWork = async (ms: number) => {
    const c = new AbortController();
    const onAbort = () => c.abort();
    const w = wake.signal;
    w.addEventListener('abort', onAbort, { once: true });
    stopper.signal.addEventListener('abort', onAbort, { once: true });
    try {
      await deps.sleep(ms, c.signal);
    } finally {
      w.removeEventListener('abort', onAbort);
      stopper.signal.removeEventListener('abort', onAbort);
    }
  };

  let lastRefresh = 0;
  const refresh = async () => {
    if (now() - lastRefresh < 60_000 && lastRefresh) return;
    lastRefresh = now();
    for (const t of config.tenants) {
      try {
        const { policy } = await loadPolicy(t);
        if (policy.mode !== 'off' && t.credentials) await allowInvitesFrom(t);
      } catch (error) {
        log.warn({ tenant: t.key, err: (error as Error).message }, 'access requests: could not refresh the policy');
      }
    }
  };

  async function run(): Promise<void> {
    let failures = 0;
    while (running) {
      let rec: ClaimedAccessRequest | null = null;
      try {
        await refresh();
        busy = true;
        rec = await requests.claim(now(), leaseMs);
        failures = 0;
      } catch (error) {
        failures += 1;
        log.error({ err: error }, 'access-request store unavailable; retrying');
      }
      if (!rec) {
        busy = false;
        for (const resolve of idleWaiters.splice(0)) resolve();
        await waitForWork(failures ? Math.min(30_000, 500 * 2 ** failures) : pollMs);
        continue;
      }
      try {
        await processOne(rec);
      } catch (error) {
        // The lease brings it back; say so loudly.
        log.error({ err: error, requestId: rec.id }, 'access request failed unexpectedly');
      }
    }
    busy = false;
    for (const resolve of idleWaiters.splice(0)) resolve();
  }

  const retentionPass = async () => {
    for (const t of config.tenants) {
      const s = settingsOf(t);
      try {
        const r = await requests.expireAndErase(t.key, now(), now() - s.deleteAfterDays * DAY_MS);
        if (r.expired || r.erased) log.info({ tenant: t.key, ...r, deleteAfterDays: s.deleteAfterDays }, 'access requests: expired, personal data deleted');
      } catch (error) {
        log.error({ err: error, tenant: t.key }, 'access requests: retention pass failed');
      }
    }
  };
  let retentionTimer: NodeJS.Timeout | undefined;

  return {
    service,
    settings: settingsOf,
    availability(t) {
      if (!t.credentials) return 'unavailable';
      const p = policies.get(t.key) ?? effectivePolicy(settingsOf(t), null);
      if (p.mode === 'off') return 'off';
      if (inviteSettings.get(t.key)?.value === 'none') return 'invites-off';
      return 'open';
    },
    async policy(t) {
      const s = settingsOf(t);
      const { policy, stored } = await loadPolicy(t);
      const rec = stored ? await requests.getPolicy(t.key) : null;
      return { policy, locked: s.locked, updatedBy: rec?.updatedBy ?? null, updatedAt: rec?.updatedAt ?? null };
    },
    async setPolicy(t, policy, by) {
      if (settingsOf(t).locked) return 'locked';
      await requests.putPolicy(t.key, policy, by, now());
      policies.set(t.key, policy);
      notify();
      return 'saved';
    },
    async list(t, states) {
      const found = await requests.list({ tenantKey: t.key, ...(states ? { states } : {}), limit: 500 });
      const queue = deps.invitations();
      return Promise.all(
        found.map(async (r) => {
          const job = r.jobId && queue ? await queue.job(r.jobId) : null;
          return { ...r, known: await requests.knownAddress(t.key, r.addressHash, r.id), ...(job ? { invitation: { state: job.state, ...(job.reason ? { reason: job.reason } : {}) } } : {}) };
        }),
      );
    },
    async approve(t, id, decision) {
      const result = await requests.approve(id, t.key, decision, now(), leaseMs);
      if (result.ok) {
        try {
          await handOver(result.record, result.leaseToken ?? null);
        } catch (error) {
          // The lease runs out and the worker hands it over: the approval is not lost.
          log.error({ err: error, requestId: id }, 'approved access request: hand-over failed; the worker retries');
        }
        return { ok: true, record: (await requests.get(id))! };
      }
      return result;
    },
    deny: (t, id, decision) => requests.deny(id, t.key, decision, now()),
    status: () =>
      config.tenants.map((t) => ({ tenantKey: t.key, allowInvitesFrom: inviteSettings.get(t.key)?.value ?? null, webhook: webhooks.counts(t.key) })),
    worker: {
      start() {
        if (running) return;
        running = true;
        stopper = new AbortController();
        loop = run();
        void retentionPass();
        retentionTimer = setInterval(() => void retentionPass(), 3_600_000);
        retentionTimer.unref();
      },
      async stop() {
        if (!running) return;
        running = false;
        stopper.abort();
        clearInterval(retentionTimer);
        await loop;
      },
      notify,
      /** Resolves once the worker found no intake record to work on (tests: "worker running until idle"). */
      idle: () =>
        new Promise<void>((resolve) => {
          idleWaiters.push(resolve);
          notify();
        }),
    },
    retention: retentionPass,
  };
}
