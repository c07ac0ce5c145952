// The Graph calls of resend and invitations: find a pending guest by address, re-send their invitation, and invite
// a new address (the invitation queue only: an admin's decision, never self-service).
//
// POST /invitations CREATES a guest for an address it doesn't know. So `resendInvitation` only accepts a
// `PendingGuest`, and the only code that can produce one is `findPendingGuest` below (the brand symbol is not
// exported): the self-service path cannot invite an address that isn't already a pending guest.
import { GraphError, type Client } from '@microsoft/microsoft-graph-client';
import { z } from 'zod';
import { classifyGraphFailure, type GraphFailure } from './failures.ts';

declare const pendingGuestBrand: unique symbol;

/** A guest found in the directory with externalUserState PendingAcceptance. Only findPendingGuest makes these. */
export interface PendingGuest {
  readonly [pendingGuestBrand]: true;
  readonly userId: string;
  /** The address as stored on the user (mail or otherMails entry): what POST /invitations matches on. */
  readonly invitationAddress: string;
}

export type NoInvitationReason =
  | 'no-guest-with-address' // unknown address, or a member (the filter only returns guests)
  | 'already-accepted'
  | 'several-guests-match' // ambiguous: don't guess which one to invite
  | 'no-invitable-address'; // matched only through proxyAddresses and has no mail

export type GuestLookup =
  | { kind: 'pending-guest'; guest: PendingGuest }
  | { kind: 'no-invitation'; reason: NoInvitationReason }
  | { kind: 'failed'; failure: GraphFailure };

export interface InvitationContent {
  /** Where the guest lands after redeeming: the tenant's My Apps link. */
  inviteRedirectUrl: string;
  customizedMessageBody?: string;
}

export type InviteOutcome =
  | { kind: 'sent'; invitationId: string | null; note?: string }
  | { kind: 'failed'; failure: GraphFailure };

const userSchema = z.object({
  id: z.string().min(1),
  mail: z.string().nullish(),
  otherMails: z.array(z.string()).nullish(),
  proxyAddresses: z.array(z.string()).nullish(),
  userType: z.string().nullish(),
  externalUserState: z.string().nullish(),
});
const usersPageSchema = z.object({ value: z.array(userSchema) });
type GraphUser = z.infer<typeof userSchema>;

/** OData string literal: a quote is written twice. */
function odataString(value: string): string {
  return `'${value.replaceAll("'", "''")}'`;
}

/**
 * `userType eq 'Guest' and (mail eq … or otherMails/any(…) or proxyAddresses/any(…))` — the existence check
 * customize-invitation-api.md suggests, limited to guests. Directory string comparisons ignore case, and
 * `smtp:` matches both primary (SMTP:) and secondary entries. No advanced-query operators are needed.
 */
export function guestFilter(address: string): string {
  const a = odataString(address);
  const smtp = odataString(`smtp:${address}`);
  return `userType eq 'Guest' and (mail eq ${a} or otherMails/any(m:m eq ${a}) or proxyAddresses/any(p:p eq ${smtp}))`;
}

const SELECT = ['id', 'mail', 'otherMails', 'proxyAddresses', 'userType', 'externalUserState'];

/** The stored spelling of the address the guest asked about, from the fields POST /invitations matches on. */
function invitationAddressOf(user: GraphUser, asked: string): string | null {
  const wanted = asked.toLowerCase();
  const stored = [user.mail ?? null, ...(user.otherMails ?? [])].filter((v): v is string => typeof v === 'string');
  return stored.find((value) => value.toLowerCase() === wanted) ?? user.mail ?? null;
}

export async function findPendingGuest(client: Client, address: string, now: () => number = Date.now): Promise<GuestLookup> {
  let page: z.infer<typeof usersPageSchema>;
  try {
    // graph-client puts query values into the URL verbatim: encode the filter ourselves.
    const raw: unknown = await client
      .api('/users')
      .filter(encodeURIComponent(guestFilter(address)))
      .select(SELECT)
      .top(5)
      .get();
    const parsed = usersPageSchema.safeParse(raw);
    if (!parsed.success) return { kind: 'failed', failure: { kind: 'transient', detail: 'malformed users response' } };
    page = parsed.data;
  } catch (error) {
    const failure = classifyGraphFailure(error, now());
    // A read changes nothing: "outcome unknown" just means "try again".
    return { kind: 'failed', failure: failure.kind === 'outcome-unknown' ? { kind: 'transient', detail: failure.detail } : failure };
  }

  const guests = page.value.filter((u) => u.userType === 'Guest');
  if (guests.length === 0) return { kind: 'no-invitation', reason: 'no-guest-with-address' };
  const pending = guests.filter((u) => u.externalUserState === 'PendingAcceptance');
  if (pending.length === 0) return { kind: 'no-invitation', reason: 'already-accepted' };
  if (guests.length > 1) return { kind: 'no-invitation', reason: 'several-guests-match' };
  const user = pending[0]!;
  const invitationAddress = invitationAddressOf(user, address);
  if (!invitationAddress) return { kind: 'no-invitation', reason: 'no-invitable-address' };
  return { kind: 'pending-guest', guest: { userId: user.id, invitationAddress } as PendingGuest };
}

/** POST /invitations for an existing pending guest: Microsoft sends the invitation email again. */
export async function resendInvitation(
  client: Client,
  guest: PendingGuest,
  content: InvitationContent,
  now: () => number = Date.now,
): Promise<InviteOutcome> {
  const body = {
    invitedUserEmailAddress: guest.invitationAddress,
    inviteRedirectUrl: content.inviteRedirectUrl,
    sendInvitationMessage: true,
    ...(content.customizedMessageBody ? { invitedUserMessageInfo: { customizedMessageBody: content.customizedMessageBody } } : {}),
  };
  try {
    const response: unknown = await client.api('/invitations').post(body);
    const invitedUserId = (response as { invitedUser?: { id?: unknown } } | null)?.invitedUser?.id;
    const invitationId = (response as { id?: unknown } | null)?.id;
    if (typeof invitedUserId === 'string' && invitedUserId.toLowerCase() !== guest.userId.toLowerCase()) {
      // Should never happen for a pending guest; recorded so an admin can look.
      return { kind: 'sent', invitationId: typeof invitationId === 'string' ? invitationId : null, note: 'answered for another user id' };
    }
    return { kind: 'sent', invitationId: typeof invitationId === 'string' ? invitationId : null };
  } catch (error) {
    // A 2xx whose body we couldn't read was still processed: the email went out.
    if (error instanceof GraphError && error.statusCode >= 200 && error.statusCode < 300) {
      return { kind: 'sent', invitationId: null, note: `HTTP ${error.statusCode}, body unreadable` };
    }
    return { kind: 'failed', failure: classifyGraphFailure(error, now()) };
  }
}

/** What POST /invitations carries for a new guest (the invitation queue builds it from the order). */
export interface NewInvitation {
  email: string;
  displayName?: string;
  inviteRedirectUrl: string;
  messageLanguage?: string;
  /** Only for invitations sent On-Behalf-Of a person: Microsoft drops it from app-sent ones (facts file). */
  customizedMessageBody?: string;
}

export type NewInvitationOutcome =
  | { kind: 'sent'; userId: string | null }
  | { kind: 'failed'; failure: GraphFailure; /** Graph's own words for a refusal (400), e.g. why an address is refused. */ graphMessage?: string };

/**
 * POST /invitations for an address guestpass decided to invite (an admin's order or a pre-approved domain):
 * Microsoft creates the guest (or finds the pending one) and sends the invitation email.
 */
export async function inviteGuest(client: Client, invitation: NewInvitation, now: () => number = Date.now): Promise<NewInvitationOutcome> {
  const messageInfo = {
    ...(invitation.messageLanguage ? { messageLanguage: invitation.messageLanguage } : {}),
    ...(invitation.customizedMessageBody ? { customizedMessageBody: invitation.customizedMessageBody } : {}),
  };
  const body = {
    invitedUserEmailAddress: invitation.email,
    inviteRedirectUrl: invitation.inviteRedirectUrl,
    sendInvitationMessage: true,
    ...(invitation.displayName ? { invitedUserDisplayName: invitation.displayName } : {}),
    ...(Object.keys(messageInfo).length ? { invitedUserMessageInfo: messageInfo } : {}),
  };
  try {
    const response: unknown = await client.api('/invitations').post(body);
    const userId = (response as { invitedUser?: { id?: unknown } } | null)?.invitedUser?.id;
    return { kind: 'sent', userId: typeof userId === 'string' ? userId : null };
  } catch (error) {
    if (error instanceof GraphError && error.statusCode >= 200 && error.statusCode < 300) return { kind: 'sent', userId: null };
    const failure = classifyGraphFailure(error, now());
    const graphMessage = error instanceof GraphError && error.statusCode >= 400 && error.statusCode < 500 && error.message ? error.message.slice(0, 300) : undefined;
    return { kind: 'failed', failure, ...(graphMessage ? { graphMessage } : {}) };
  }
}
