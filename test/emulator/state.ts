// The emulator's in-memory world: tenants (directory.ts shapes), the invitation outbox, the request log, and the
// emulator-only registries the sign-in side needs (invitations that can be redeemed, which addresses own a
// personal Microsoft account). One instance per emulator; nothing here is a module-level singleton.
import { randomBytes, randomUUID } from 'node:crypto';
import type { EmulatedTenant, EmulatorBehaviour, EmulatorState } from './directory.ts';

export const DEFAULT_BEHAVIOUR: EmulatorBehaviour = {
  reinvitePendingGuest: 'resend',
  reinviteRedeemedUser: 'no-email',
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
}

export function createEmulatorState(options: { now?: () => Date; behaviour?: Partial<EmulatorBehaviour> } = {}): FullEmulatorState {
  const now = options.now ?? (() => new Date());
  const state: FullEmulatorState = {
    tenants: [],
    outbox: [],
    requestLog: [],
    invitations: [],
    msaAccounts: new Set(),
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

/** The documented redemption link form (facts §2): login.microsoftonline.com/redeem?rd=<encoded invitations.microsoft.com URL>. */
export function buildInviteRedeemUrl(tenantId: string, invitationId: string, ticket: string): string {
  const rd = `https://invitations.microsoft.com/redeem/?tenant=${tenantId}&user=${invitationId}&ticket=${encodeURIComponent(ticket)}&ver=2.0`;
  return `https://login.microsoftonline.com/redeem?rd=${encodeURIComponent(rd)}`;
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
  const ticket = input.ticket ?? randomBytes(24).toString('base64url');
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
