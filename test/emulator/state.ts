// The emulator's in-memory world: tenants (directory.ts shapes), the invitation outbox, the request log, and the
// emulator-only registries the sign-in side needs (invitations that can be redeemed, which addresses own a
// personal Microsoft account). One instance per emulator; nothing here is a module-level singleton.
import { randomBytes, randomUUID } from 'node:crypto';
import type { DirectoryUser, EmulatedTenant, EmulatorBehaviour, EmulatorState } from './directory.ts';

export const DEFAULT_BEHAVIOUR: EmulatorBehaviour = {
  reinvitePendingGuest: 'resend',
  reinviteRedeemedUser: 'no-email',
  appInvitationMessage: 'dropped',
  replicationLagMs: 3_000,
  signInPage: 'captured',
};

/** An invitation whose redemption link the login side will honour (facts §2 "Redemption link"). */
export interface InvitationRecord {
  id: string; // the invitation id: `user=` in the redemption link
  tenantId: string;
  invitedUserId: string;
  invitedUserEmailAddress: string;
  ticket: string;
  inviteRedirectUrl: string;
  inviteRedeemUrl: string;
  createdDateTime: string;
}

export interface FullEmulatorState extends EmulatorState {
  /** Every invitation created (seeded or through Graph POST /invitations), newest last. */
  invitations: InvitationRecord[];
  /** Lower-cased addresses that also have a personal Microsoft account (GetCredentialType 5 / 6, facts §1d). */
  msaAccounts: Set<string>;
  /** Users created through Graph that the directory's read replicas don't show yet: until when (emulator clock, ms). */
  replicatingUntil: WeakMap<DirectoryUser, number>;
}

export function createEmulatorState(options: { now?: () => Date; behaviour?: Partial<EmulatorBehaviour> } = {}): FullEmulatorState {
  const now = options.now ?? (() => new Date());
  const state: FullEmulatorState = {
    tenants: [],
    outbox: [],
    requestLog: [],
    invitations: [],
    msaAccounts: new Set(),
    replicatingUntil: new WeakMap(),
    behaviour: { ...DEFAULT_BEHAVIOUR, ...options.behaviour },
    now,
    findTenant(idOrDomain: string): EmulatedTenant | undefined {
      const key = idOrDomain.trim().toLowerCase().replace(/\.$/, '');
      if (!key) return undefined;
      return state.tenants.find((t) => t.id.toLowerCase() === key || t.domains.some((d) => d.toLowerCase() === key));
    },
  };
  return state;
}

/** Lowercase percent-encoding, as Microsoft writes inviteRedeemUrl (real-behaviour §5). */
function encodeLower(value: string): string {
  return encodeURIComponent(value).replace(/%[0-9A-F]{2}/g, (hex) => hex.toLowerCase());
}

/**
 * The redemption link as Microsoft writes it (facts §2, real-behaviour §5): `rd` lowercase-encoded once more around
 * an invitations.microsoft.com URL whose ticket is itself encoded twice — so a `/` in the ticket reads `%25252f`
 * and a `=` `%25253d` in the final link.
 */
export function buildInviteRedeemUrl(tenantId: string, invitationId: string, ticket: string): string {
  const rd = `https://invitations.microsoft.com/redeem/?tenant=${tenantId}&user=${invitationId}&ticket=${encodeLower(encodeLower(ticket))}&ver=2.0`;
  return `https://login.microsoftonline.com/redeem?rd=${encodeLower(rd)}`;
}

/** A ticket like Microsoft's: standard base64, so it holds `/` and ends in `=` (real-behaviour §5). */
export function newRedeemTicket(): string {
  const ticket = randomBytes(34).toString('base64'); // 34 bytes → 48 characters ending "=="
  return ticket.includes('/') ? ticket : `${ticket.slice(0, 6)}/${ticket.slice(7)}`;
}

/**
 * Does an `rd` URL's `ticket` parameter (as URLSearchParams reads it: one decoding done) carry this ticket, still
 * encoded once more as Microsoft writes it? Hex case is free; a link decoded one time too many does not match.
 */
export function redeemTicketMatches(ticket: string, parameter: string): boolean {
  return parameter.replace(/%[0-9A-F]{2}/gi, (hex) => hex.toLowerCase()) === encodeLower(ticket);
}

/**
 * Record an invitation so its link can be redeemed. The Graph side calls this from POST /invitations
 * (when given a FullEmulatorState); it returns the record with a fresh id, ticket and inviteRedeemUrl.
 */
export function recordInvitation(
  state: Pick<FullEmulatorState, 'invitations' | 'now'>,
  input: { tenantId: string; invitedUserId: string; invitedUserEmailAddress: string; inviteRedirectUrl: string; id?: string; ticket?: string },
): InvitationRecord {
  const id = input.id ?? randomUUID();
  const ticket = input.ticket ?? newRedeemTicket();
  const record: InvitationRecord = {
    id,
    tenantId: input.tenantId,
    invitedUserId: input.invitedUserId,
    invitedUserEmailAddress: input.invitedUserEmailAddress,
    ticket,
    inviteRedirectUrl: input.inviteRedirectUrl,
    inviteRedeemUrl: buildInviteRedeemUrl(input.tenantId, id, ticket),
    createdDateTime: state.now().toISOString(),
  };
  state.invitations.push(record);
  return record;
}

/** Narrow a directory.ts EmulatorState to ours when it is one (the Graph side only knows the contract type). */
export function isFullEmulatorState(state: EmulatorState): state is FullEmulatorState {
  return Array.isArray((state as Partial<FullEmulatorState>).invitations) && (state as Partial<FullEmulatorState>).msaAccounts instanceof Set;
}

/** real-behaviour §5: is this user still missing from the directory's read replicas (`$filter`, GET by id)? */
export function isReplicating(state: EmulatorState, user: DirectoryUser): boolean {
  return isFullEmulatorState(state) && (state.replicatingUntil.get(user) ?? 0) > state.now().getTime();
}
