// Access requests (issue 13): people who were never invited ask a tenant for access; approvers decide. The types the
// store, the worker, the routes and the console share. Nothing here does I/O.
import type { EnqueueResult, RateLimitRule } from '../store/store.ts';

/**
 * A tenant's policy. `off`: no requests. `approval`: every request waits for an approver. `pre-approved`: approval,
 * except that requests from `preApprovedDomains` are invited at once without an admin (a standing admin decision), up
 * to `dailyCap` a day (UTC); beyond it they wait for approval like any other. `blockedDomains` are never invited and
 * never shown as blocked (the requester gets the same answer as everyone else).
 */
export type AccessPolicyMode = 'off' | 'approval' | 'pre-approved';
export const ACCESS_POLICY_MODES: readonly AccessPolicyMode[] = ['off', 'approval', 'pre-approved'];

export interface AccessPolicy {
  mode: AccessPolicyMode;
  preApprovedDomains: string[];
  dailyCap: number;
  blockedDomains: string[];
}

export const WEBHOOK_KINDS = ['slack', 'teams-workflows', 'generic'] as const;
export type WebhookKind = (typeof WEBHOOK_KINDS)[number];

/** A tenant entry's `accessRequests` (GUESTPASS_TENANTS): the default policy, whether it is locked, time limits, webhook. */
export interface AccessRequestSettings {
  /** The policy until an admin edits it in the console — and for good when `locked`. */
  policy: AccessPolicy;
  /** True: the console shows the policy but cannot change it (the configuration decides). */
  locked: boolean;
  /** A request not decided within this many days expires (it can no longer be approved). */
  expireAfterDays: number;
  /** The requester's personal data is deleted this many days after the decision or expiry. */
  deleteAfterDays: number;
  /** Optional notification of approvers about new requests: a count and a console link, never requester data. */
  webhook?: { url: string; kind: WebhookKind };
}

export const DEFAULT_ACCESS_SETTINGS: AccessRequestSettings = {
  policy: { mode: 'off', preApprovedDomains: [], dailyCap: 20, blockedDomains: [] },
  locked: false,
  expireAfterDays: 14,
  deleteAfterDays: 30,
};

/**
 * Where a request is:
 * - `intake`: stored, not yet looked at (the worker classifies it; nothing is looked up while the requester waits);
 * - `pending`: waits for an approver until `expiresAt`;
 * - `inviting`: decided (approved, or a pre-approved domain), the invitation not yet handed to the queue;
 * - `invited`: handed to the invitation queue (`jobId`);
 * - `denied`, `expired`;
 * - `resent`: the address was a pending guest: its invitation went to the resend queue instead;
 * - `dropped`: nothing to do (an accepted guest, a blocked domain, requests off) — never said to the requester;
 * - `merged`: the same address asked again while a request was open: counted on that one (`asks`).
 */
export type AccessRequestState = 'intake' | 'pending' | 'inviting' | 'invited' | 'denied' | 'expired' | 'resent' | 'dropped' | 'merged';

export interface NewAccessRequest {
  id: string;
  tenantKey: string;
  address: string;
  addressHash: string;
  name: string;
  organisation: string;
  reason: string;
  sponsor?: string;
  /** The page language (the invitation's messageLanguage follows it). */
  lang: string;
}

export interface AccessRequestRecord {
  id: string;
  tenantKey: string;
  /** Null once the personal data is deleted (retention). */
  address: string | null;
  addressHash: string;
  name: string | null;
  organisation: string | null;
  reason: string | null;
  sponsor: string | null;
  lang: string;
  state: AccessRequestState;
  /** How many times this address asked while the request was open (1 = once). */
  asks: number;
  createdAt: number;
  updatedAt: number;
  expiresAt: number | null;
  decision: 'approved' | 'pre-approved' | 'denied' | null;
  decidedBy: { oid: string; upn: string } | null;
  decidedAt: number | null;
  /** The approver's message and redirect for the invitation; the denier's note (never shown to the requester). */
  message: string | null;
  redirectUrl: string | null;
  note: string | null;
  jobId: string | null;
  /** Why a request ended as it did (`dropped`, `resent`, `merged`, an invitation the queue refused). */
  outcome: string | null;
  attempts: number;
}

/** An intake or inviting record claimed by one worker under a lease. */
export interface ClaimedAccessRequest extends AccessRequestRecord {
  leaseToken: string;
}

/** What the worker decided about an intake record. */
export type IntakeSettlement =
  | { to: 'pending'; expiresAt: number }
  | { to: 'dropped' | 'resent'; outcome: string }
  /** A pre-approved domain: `inviting` when under the day's cap (counted from `dayStart`), else `pending`. */
  | { to: 'pre-approved'; dayStart: number; cap: number; expiresAt: number }
  | { to: 'retry'; runAt: number; error: string };

export type SettleResult =
  | { ok: true; state: AccessRequestState; mergedInto?: string }
  | { ok: false; reason: 'lease-lost' };

export type DecideResult =
  | { ok: true; record: AccessRequestRecord }
  | { ok: false; reason: 'not-found' | 'expired' | 'already-decided'; state?: AccessRequestState };

export interface PolicyRecord extends AccessPolicy {
  updatedBy: string | null;
  updatedAt: number;
}

export interface AccessRequestStore {
  /**
   * One transaction: the rate-limit rules (same table and meaning as resend's), the intake record and its audit
   * record. Exactly the same work for every address.
   */
  intake(request: NewAccessRequest, rules: readonly RateLimitRule[], now: number): Promise<EnqueueResult>;
  /** Claims the oldest due intake record, or an `inviting` one whose lease ran out (the queue hand-over to redo). */
  claim(now: number, leaseMs: number): Promise<ClaimedAccessRequest | null>;
  /** When the next intake record is due (null: none waiting). */
  nextDueAt(): Promise<number | null>;
  /**
   * Settles a claimed intake record (fenced by its lease), with its audit record. `pending` and `pre-approved` merge
   * into an open request of the same address instead (→ `merged`, its `asks` + 1).
   */
  settle(id: string, leaseToken: string, settlement: IntakeSettlement, now: number): Promise<SettleResult>;
  /** The invitation was handed to the queue (`jobId`), or the queue refused it (`outcome`: back to pending for an admin). */
  recordInvitation(id: string, leaseToken: string | null, result: { jobId: string } | { refused: string }, now: number): Promise<boolean>;
  /** An approver's decision on a pending request (audited with them). `expired` when its time ran out. */
  approve(id: string, tenantKey: string, decision: { by: { oid: string; upn: string }; message?: string; redirectUrl?: string }, now: number, leaseMs: number): Promise<DecideResult & { leaseToken?: string }>;
  deny(id: string, tenantKey: string, decision: { by: { oid: string; upn: string }; note?: string }, now: number): Promise<DecideResult>;
  get(id: string): Promise<AccessRequestRecord | null>;
  list(filter: { tenantKey: string; states?: readonly AccessRequestState[]; limit: number }): Promise<AccessRequestRecord[]>;
  /** Whether guestpass has records for this address in this tenant (resend/invitation jobs, earlier invited requests). */
  knownAddress(tenantKey: string, addressHash: string, exceptId?: string): Promise<boolean>;
  countPending(tenantKey: string): Promise<number>;
  /**
   * Retention: pending requests past `expiresAt` become `expired` (audited); personal data of requests decided,
   * expired or settled before `eraseBefore` is deleted (the record and its audit stay). Per tenant.
   */
  expireAndErase(tenantKey: string, now: number, eraseBefore: number): Promise<{ expired: number; erased: number }>;
  getPolicy(tenantKey: string): Promise<PolicyRecord | null>;
  putPolicy(tenantKey: string, policy: AccessPolicy, by: string, now: number): Promise<void>;
}
