// The invitation queue (contract: types.ts): validates an order, records it as an invite job on the resend job table
// (one transaction decides "already invited?" from guestpass's own records — Graph lags right after an invitation),
// and reports per-job and per-batch progress. The resend worker carries the jobs out (resend/worker.ts).
import { randomUUID } from 'node:crypto';
import { parseAddress } from '../../shared/address.ts';
import type { TenantConfig } from '../config/index.ts';
import type { AddressHasher } from '../resend/address-key.ts';
import { actorDetail } from '../resend/service.ts';
import { ADMIN_SESSION_NEEDED, type JobListing, type ResendStore } from '../store/store.ts';
import type { DelegationRegistry } from './delegation.ts';
import { invitePayload } from './payload.ts';
import type { InvitationEnqueueResult, InvitationJobStatus, InvitationOrder, InvitationQueue } from './types.ts';

export interface InvitationQueueDeps {
  store: Pick<ResendStore, 'enqueueInvite' | 'listBatch' | 'findJob' | 'releaseHeld'>;
  hasher: AddressHasher;
  tenants: readonly TenantConfig[];
  delegation: DelegationRegistry;
  now: () => number;
  /** Something became due (a new job, or held jobs released): wake the worker. */
  onQueued?: () => void;
}

/** Limits on what an order may carry (Graph's own limits are larger; these keep a job row small and readable). */
export const ORDER_LIMITS = { displayName: 256, message: 2_000, redirectUrl: 2_048, reference: 200, batchId: 100 } as const;
/** A BCP 47 tag as Graph's messageLanguage takes it: `de`, `de-DE`, `zh-Hant-TW`. */
const LANGUAGE_TAG = /^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8}){0,3}$/;

/** Why an order is refused before anything is stored, or undefined when it may be queued. */
export function orderProblem(order: InvitationOrder, tenant: TenantConfig | undefined): string | undefined {
  if (!tenant) return 'unknown-tenant';
  if (!order.actor && order.source !== 'pre-approved') return 'actor-required';
  if (order.actor && (!order.actor.oid || !order.actor.upn)) return 'actor-incomplete';
  for (const field of ['displayName', 'message', 'redirectUrl', 'reference', 'batchId'] as const) {
    const value = order[field];
    if (value !== undefined && (typeof value !== 'string' || value.length > ORDER_LIMITS[field])) return `${field}-too-long`;
  }
  if (order.displayName !== undefined && /[\u0000-\u001f\u007f]/.test(order.displayName)) return 'displayName-control-characters';
  if (order.messageLanguage !== undefined && !LANGUAGE_TAG.test(order.messageLanguage)) return 'bad-message-language';
  if (order.redirectUrl !== undefined) {
    let url: URL;
    try {
      url = new URL(order.redirectUrl);
    } catch {
      return 'bad-redirect';
    }
    if (url.protocol !== 'https:' && url.protocol !== 'http:') return 'bad-redirect';
  }
  return undefined;
}

export function invitationStatus(job: JobListing): InvitationJobStatus {
  const base = { jobId: job.id, email: job.address, updatedAt: job.updatedAt };
  switch (job.state) {
    case 'done':
      return job.outcome === 'sent'
        ? { ...base, state: 'sent', ...(job.userId ? { userId: job.userId } : {}) }
        : { ...base, state: 'skipped', reason: (job.outcome ?? 'skipped').replace(/^skipped: /, '') };
    case 'dead':
      return { ...base, state: 'failed', reason: job.outcome ?? 'failed' };
    case 'held':
      return { ...base, state: 'held', reason: job.heldReason ?? 'held' };
    default:
      return { ...base, state: job.state, ...(job.lastError ? { reason: job.lastError } : {}) };
  }
}

export function createInvitationQueue(deps: InvitationQueueDeps): InvitationQueue {
  const { store, hasher, delegation, now } = deps;
  const tenants = new Map(deps.tenants.filter((t) => t.credentials).map((t) => [t.key, t]));
  return {
    async enqueue(order): Promise<InvitationEnqueueResult> {
      const parsed = parseAddress(typeof order.email === 'string' ? order.email : '');
      if (!parsed.ok) return { outcome: 'invalid-address', message: parsed.message };
      const problem = orderProblem(order, tenants.get(order.tenantKey));
      if (problem) return { outcome: 'refused', reason: problem };
      const addressHash = hasher.address(order.tenantKey, parsed.address);
      const jobId = randomUUID();
      const detail = [`invite (${order.source}${order.reference ? ` ${order.reference}` : ''})`, order.actor ? actorDetail(order.actor) : 'with application permissions'].join('; ');
      const stored = await store.enqueueInvite(
        {
          id: jobId,
          tenantKey: order.tenantKey,
          address: parsed.address,
          addressHash,
          kind: 'invite',
          payload: invitePayload(order),
          auditDetail: detail,
          ...(order.actor ? { actor: { oid: order.actor.oid, upn: order.actor.upn } } : {}),
          ...(order.batchId ? { batchId: order.batchId } : {}),
        },
        { unlessInvited: !order.resendPending },
        now(),
      );
      if (!stored.ok) return { outcome: 'already-invited', jobId: stored.existingJobId };
      deps.onQueued?.();
      return { outcome: 'queued', jobId };
    },
    async batch(tenantKey, batchId) {
      return (await store.listBatch(tenantKey, batchId)).map(invitationStatus);
    },
    async job(jobId) {
      const job = await store.findJob(jobId);
      return job ? invitationStatus(job) : null;
    },
    async adminSeen(tenantKey, actor, assertion, expiresAt) {
      delegation.remember(tenantKey, actor, assertion, expiresAt);
      const released = await store.releaseHeld({ tenantKey, reason: ADMIN_SESSION_NEEDED, actorOid: actor.oid }, now());
      if (released > 0) deps.onQueued?.();
    },
  };
}
