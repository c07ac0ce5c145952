// The part of the durable invitation queue (portal/invitations/, helper "delegated") access requests use: one place
// to rewire when its contract changes.
export interface InvitationOrderLike {
  tenantKey: string;
  email: string;
  displayName?: string;
  message?: string;
  redirectUrl?: string;
  messageLanguage?: string;
  actor?: { oid: string; upn: string };
  source: 'admin' | 'csv' | 'access-request' | 'pre-approved';
  batchId?: string;
  resendPending?: boolean;
  reference?: string;
}

export type InvitationEnqueueResultLike =
  | { outcome: 'queued'; jobId: string }
  | { outcome: 'already-invited'; jobId: string }
  | { outcome: 'invalid-address'; message: string }
  | { outcome: 'refused'; reason: string };

export interface InvitationQueueLike {
  enqueue(order: InvitationOrderLike): Promise<InvitationEnqueueResultLike>;
}
