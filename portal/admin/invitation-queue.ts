// The durable invitation queue as the admin's invitation routes use it. TEMPORARY: a copy of the contract's shape
// (portal/invitations/types.ts, owned by the invitation queue) until it lands; then this file only re-exports it and
// reads `deps.invitations`.
import type { AppDeps } from '../http/context.ts';

export interface InvitationActor {
  oid: string;
  upn: string;
}

export interface InvitationOrder {
  tenantKey: string;
  email: string;
  displayName?: string;
  /** Delivered only when sent On-Behalf-Of a person: Microsoft drops custom messages of app-sent invitations. */
  message?: string;
  /** Default: the tenant's guestpass page `${publicBaseUrl}/t/<tenant>` (never Microsoft's generic myapps). */
  redirectUrl?: string;
  /** Graph `invitedUserMessageInfo.messageLanguage`, e.g. 'de-DE' — the guest's language where known. */
  messageLanguage?: string;
  /**
   * Who decided. Present: sent On-Behalf-Of that admin (their token is needed when the job runs; see "held").
   * Absent: sent with the portal's application permissions — only for a standing admin decision (pre-approved domain).
   */
  actor?: InvitationActor;
  source: 'admin' | 'csv' | 'access-request' | 'pre-approved';
  /** Groups jobs for progress and per-row results (a CSV upload; an approval). */
  batchId?: string;
  /** An address that is a pending guest (by guestpass's records or Graph): re-send instead of skipping. Default false. */
  resendPending?: boolean;
  /** Free text id of what caused it (access request id, `csv:<batch>:<row>`), stored on the job for the audit. */
  reference?: string;
}

export type InvitationEnqueueResult =
  | { outcome: 'queued'; jobId: string }
  /** guestpass already invited this address for this tenant (its own records, not Graph: Graph lags after invites). */
  | { outcome: 'already-invited'; jobId: string }
  | { outcome: 'invalid-address'; message: string }
  | { outcome: 'refused'; reason: string };

export type InvitationJobState = 'queued' | 'in-flight' | 'held' | 'sent' | 'skipped' | 'failed';

export interface InvitationJobStatus {
  jobId: string;
  email: string | null;
  state: InvitationJobState;
  reason?: string;
  userId?: string;
  updatedAt: number;
}

export interface InvitationQueue {
  enqueue(order: InvitationOrder): Promise<InvitationEnqueueResult>;
  /** Per-job status of a batch, in the order the jobs were enqueued. */
  batch(tenantKey: string, batchId: string): Promise<InvitationJobStatus[]>;
  job(jobId: string): Promise<InvitationJobStatus | null>;
  /**
   * The admin API calls this on every request it authenticates (cheap; in memory): the admin's token is remembered
   * for jobs they ordered, and their jobs held for lack of it are released to the worker.
   */
  adminSeen(tenantKey: string, actor: InvitationActor, assertion: string, expiresAt: number): Promise<void>;
}

/** The queue behind the admin API (undefined when no tenant has Graph credentials). */
export function invitationQueueOf(deps: AppDeps): InvitationQueue | undefined {
  return (deps as AppDeps & { invitations?: InvitationQueue }).invitations;
}
