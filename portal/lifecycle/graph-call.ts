// Graph writes for the lifecycle actions, with failures turned into a reason an admin can act on (a 403 names the
// permission and role needed) instead of an exception.
import { GraphError, type Client } from '@microsoft/microsoft-graph-client';

export type Refusal =
  | { kind: 'forbidden'; reason: string }
  | { kind: 'not-found'; reason: string }
  | { kind: 'rejected'; reason: string }
  | { kind: 'failed'; reason: string };

export type CallResult<T> = { ok: true; value: T } | { ok: false; refusal: Refusal };

/** What to tell the admin on a 403 for each action (the portal app's consented permission, the admin's own role). */
export const NEEDED = {
  remove: 'deleting a user needs the delegated permission User.ReadWrite.All consented to the portal app, and you need the User Administrator role (or Global Administrator)',
  restore: 'restoring a user needs the delegated permission User.ReadWrite.All consented to the portal app, and you need the User Administrator role (or Global Administrator)',
  convert: 'converting needs User-ConvertToInternal.ReadWrite.All (or User.ReadWrite.All) consented to the portal app, and you need at least the User Administrator role',
  reinvite: 're-inviting needs User.ReadWrite.All and User.Invite.All consented to the portal app, and you need the User Administrator or Helpdesk Administrator role; guests holding admin roles cannot be reset',
  read: 'reading users needs User.Read.All (and AuditLog.Read.All for sign-in activity) consented to the portal app',
  domains: 'reading the verified domains needs Organization.Read.All consented to the portal app',
} as const;

export async function call<T>(run: () => Promise<T>, needed: string): Promise<CallResult<T>> {
  try {
    return { ok: true, value: await run() };
  } catch (error) {
    const status = error instanceof GraphError ? error.statusCode : 0;
    const message = error instanceof Error ? error.message : String(error);
    if (status === 403) return { ok: false, refusal: { kind: 'forbidden', reason: `Microsoft Graph refused: ${needed}.` } };
    if (status === 404) return { ok: false, refusal: { kind: 'not-found', reason: 'The user no longer exists (or is not in this tenant).' } };
    if (status === 400) return { ok: false, refusal: { kind: 'rejected', reason: `Microsoft Graph rejected the request: ${message}` } };
    return { ok: false, refusal: { kind: 'failed', reason: `Microsoft Graph did not complete the request (${status > 0 ? `HTTP ${status}` : 'no answer'}); nothing was assumed done: ${message}` } };
  }
}

/** Every lifecycle action, successful or not, is handed to the audit trail (the admin API adds who did it). */
export interface LifecycleEvent {
  action: 'remove-guest' | 'restore-user' | 'convert-guest' | 'reinvite-guest';
  targetId: string;
  outcome: 'done' | 'dry-run' | 'refused' | 'failed';
  reason?: string;
  detail?: Record<string, string | number | boolean | null>;
  /** Addresses the action concerns (a guest's mail, a new UPN): the audit keeps only their keyed hashes, never the address. */
  addresses?: Record<string, string | null>;
}
export type Audit = (event: LifecycleEvent) => Promise<void> | void;
