// POST /v1.0/invitations (facts §3 "POST /invitations", "Invited email restrictions", "Resend", "Reset path").
// An unknown address CREATES a guest — as the real API does — so guestpass' self-service must never call it for
// addresses it has not already found in the directory.
import { randomUUID } from 'node:crypto';
import type { DirectoryUser, EmulatedTenant, EmulatorState, OutboxEmail } from '../directory.ts';
import { buildInviteRedeemUrl, isFullEmulatorState, newRedeemTicket, recordInvitation, type InvitationRecord } from '../state.ts';
import { graphError, INSUFFICIENT_PRIVILEGES, odataContext, requireDirectoryRole, requireRole, type GraphCall, type GraphResponse } from './graph-call.ts';

/** Least privileged first (invitation-post.md). */
export const INVITE_ROLES = ['User.Invite.All', 'User.ReadWrite.All', 'Directory.ReadWrite.All'];
/** Reset redemption additionally needs User.ReadWrite.All (reset-redemption-status.md). */
export const RESET_REDEMPTION_ROLES = ['User.ReadWrite.All', 'Directory.ReadWrite.All'];
const RESET_REDEMPTION_DIRECTORY_ROLES = ['User Administrator', 'Helpdesk Administrator'];

/** What the emulator remembers about an invitation, so `/redeem` (login side) can resolve its ticket. */
export type { InvitationRecord };

// The full emulator state (state.ts) keeps its own invitation registry, shared with the sign-in side's
// `/redeem`; a bare contract-only EmulatorState gets one hung off it here (never a module-level map).
const fallbackStores = new WeakMap<EmulatorState, InvitationRecord[]>();

function registryOf(state: EmulatorState): InvitationRecord[] {
  if (isFullEmulatorState(state)) return state.invitations;
  let store = fallbackStores.get(state);
  if (!store) {
    store = [];
    fallbackStores.set(state, store);
  }
  return store;
}

/** For the sign-in side's `/redeem`: the invitation behind `user=<invitation id>` in a redeem URL. */
export function findInvitation(state: EmulatorState, invitationId: string): InvitationRecord | undefined {
  const wanted = invitationId.toLowerCase();
  return registryOf(state).find((record) => record.id.toLowerCase() === wanted);
}

export function listInvitations(state: EmulatorState): InvitationRecord[] {
  return [...registryOf(state)];
}

function rememberInvitation(
  state: EmulatorState,
  input: { tenantId: string; invitedUserId: string; invitedUserEmailAddress: string; inviteRedirectUrl: string },
): InvitationRecord {
  if (isFullEmulatorState(state)) return recordInvitation(state, input);
  const id = randomUUID();
  const ticket = newRedeemTicket();
  const record: InvitationRecord = { ...input, id, ticket, inviteRedeemUrl: buildInviteRedeemUrl(input.tenantId, id, ticket), createdDateTime: state.now().toISOString() };
  registryOf(state).push(record);
  return record;
}

const SIMPLE_ADDRESS = /^[A-Za-z0-9._%'-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+$/;
/** "doesn't currently support plus symbols" and other special characters (add-users-administrator.md). */
const UNSUPPORTED_ADDRESS_CHARACTERS = /[+#!&*\/=?^`{|}~]/;

interface InvitationRequest {
  invitedUserEmailAddress: string;
  inviteRedirectUrl: string;
  invitedUserDisplayName: string | null;
  sendInvitationMessage: boolean;
  customizedMessageBody: string | null;
  messageLanguage: string | null;
  ccRecipients: unknown[];
  invitedUserType: 'Guest' | 'Member';
  resetRedemption: boolean;
  invitedUserId: string | null;
}

function readRequest(call: GraphCall): InvitationRequest | GraphResponse {
  const body = call.body;
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    return graphError(call, 400, 'BadRequest', 'Write requests (excluding DELETE) must contain the Content-Type header declaration.');
  }
  const b = body as Record<string, unknown>;
  const missing = ['invitedUserEmailAddress', 'inviteRedirectUrl'].filter((key) => typeof b[key] !== 'string' || (b[key] as string).trim() === '');
  if (missing.length > 0) {
    return graphError(call, 400, 'BadRequest', `The request is missing required property: ${missing.join(', ')}.`);
  }
  const info = (typeof b.invitedUserMessageInfo === 'object' && b.invitedUserMessageInfo !== null ? b.invitedUserMessageInfo : {}) as Record<string, unknown>;
  const invitedUser = (typeof b.invitedUser === 'object' && b.invitedUser !== null ? b.invitedUser : {}) as Record<string, unknown>;
  const userType = b.invitedUserType ?? 'Guest';
  if (userType !== 'Guest' && userType !== 'Member') {
    return graphError(call, 400, 'BadRequest', `Invalid value '${String(userType)}' for invitedUserType.`);
  }
  return {
    invitedUserEmailAddress: (b.invitedUserEmailAddress as string).trim(),
    inviteRedirectUrl: (b.inviteRedirectUrl as string).trim(),
    invitedUserDisplayName: typeof b.invitedUserDisplayName === 'string' ? b.invitedUserDisplayName : null,
    sendInvitationMessage: b.sendInvitationMessage === true,
    customizedMessageBody: typeof info.customizedMessageBody === 'string' ? info.customizedMessageBody : null,
    messageLanguage: typeof info.messageLanguage === 'string' ? info.messageLanguage : null,
    ccRecipients: Array.isArray(info.ccRecipients) ? info.ccRecipients : [],
    invitedUserType: userType,
    resetRedemption: b.resetRedemption === true,
    invitedUserId: typeof invitedUser.id === 'string' ? invitedUser.id : null,
  };
}

const fold = (s: string): string => s.toLowerCase();

/** The existence check customize-invitation-api.md suggests: UPN, mail, proxyAddresses, otherMails. */
export function findUserByAddress(tenant: EmulatedTenant, address: string): DirectoryUser | undefined {
  const wanted = fold(address);
  return tenant.users.find(
    (user) =>
      fold(user.userPrincipalName) === wanted ||
      (user.mail !== null && fold(user.mail) === wanted) ||
      user.otherMails.some((mail) => fold(mail) === wanted) ||
      user.proxyAddresses.some((proxy) => fold(proxy.replace(/^smtp:/i, '')) === wanted),
  );
}

function homeIdpFor(address: string): DirectoryUser['homeIdp'] {
  const domain = address.split('@')[1]!.toLowerCase();
  if (domain === 'gmail.com' || domain === 'googlemail.com') return 'google';
  if (/^(outlook|hotmail|live|msn)\.[a-z.]+$/.test(domain)) return 'msa';
  return 'otp';
}

function createGuest(state: EmulatorState, tenant: EmulatedTenant, request: InvitationRequest): DirectoryUser {
  const address = request.invitedUserEmailAddress;
  const initialDomain = tenant.domains[0]!;
  // Guest UPN format (facts §3): email_domain#EXT#@tenant.onmicrosoft.com
  const userPrincipalName = `${address.toLowerCase().replace('@', '_')}#EXT#@${initialDomain}`;
  const now = state.now().toISOString();
  const user: DirectoryUser = {
    id: randomUUID(),
    displayName: request.invitedUserDisplayName ?? address.split('@')[0]!,
    mail: address,
    otherMails: [],
    proxyAddresses: [`SMTP:${address}`],
    userPrincipalName,
    userType: request.invitedUserType,
    externalUserState: 'PendingAcceptance',
    externalUserStateChangeDateTime: now,
    creationType: 'Invitation',
    usageLocation: null,
    // Before redemption the identity's issuer is the host's domain (user-properties.md).
    identities: [{ signInType: 'userPrincipalName', issuer: initialDomain, issuerAssignedId: userPrincipalName }],
    createdDateTime: now,
    signInActivity: null,
    directoryRoles: [],
    homeIdp: homeIdpFor(address),
  };
  tenant.users.push(user);
  // real-behaviour §5 "Replication lag": the read replicas learn about the new guest a few seconds later.
  if (isFullEmulatorState(state) && state.behaviour.replicationLagMs > 0) {
    state.replicatingUntil.set(user, state.now().getTime() + state.behaviour.replicationLagMs);
  }
  return user;
}

/** Members and guests whose state is Accepted (or null, older guests) count as redeemed. */
function isRedeemed(user: DirectoryUser): boolean {
  return user.externalUserState !== 'PendingAcceptance';
}

function resetRedemption(call: GraphCall, request: InvitationRequest): DirectoryUser | GraphResponse {
  // Reset redemption needs Helpdesk Administrator or User Administrator besides User.ReadWrite.All (facts §3 "Roles").
  const denied = requireRole(call, RESET_REDEMPTION_ROLES) ?? requireDirectoryRole(call, RESET_REDEMPTION_DIRECTORY_ROLES);
  if (denied) return denied;
  const user = call.caller.tenant.users.find((u) => fold(u.id) === fold(request.invitedUserId ?? ''));
  if (!user) {
    return graphError(call, 404, 'Request_ResourceNotFound', `Resource '${request.invitedUserId ?? ''}' does not exist or one of its queried reference-property objects are not present.`);
  }
  const address = fold(request.invitedUserEmailAddress);
  if (!(user.mail !== null && fold(user.mail) === address) && !user.otherMails.some((mail) => fold(mail) === address)) {
    // Verbatim from MicrosoftDocs/azure-docs #71825 (note the typographic apostrophe).
    return graphError(call, 400, 'BadRequest', 'The email you’re using to invite this user doesn’t match any emails on the user object.');
  }
  if (user.directoryRoles.length > 0) {
    // App-only calls can't reset users who hold directory roles (reset-redemption-status.md).
    return graphError(call, 403, 'Authorization_RequestDenied', INSUFFICIENT_PRIVILEGES);
  }
  const now = call.state.now().toISOString();
  const initialDomain = call.caller.tenant.domains[0]!;
  user.mail = request.invitedUserEmailAddress;
  user.externalUserState = 'PendingAcceptance';
  user.externalUserStateChangeDateTime = now;
  user.identities = [{ signInType: 'userPrincipalName', issuer: initialDomain, issuerAssignedId: user.userPrincipalName }];
  return user;
}

/** Directory roles that may always invite (guest settings aside, invitation-post.md / external collaboration settings). */
const INVITING_DIRECTORY_ROLES = ['Global Administrator', 'User Administrator', 'Guest Inviter'];

/** Delegated calls: the signed-in user's own right to invite under the tenant's guest invite settings. */
function userMayInvite(tenant: GraphCall['caller']['tenant'], user: DirectoryUser): boolean {
  const setting = tenant.authorizationPolicy.allowInvitesFrom;
  if (setting === 'none') return false;
  if (user.directoryRoles.some((role) => INVITING_DIRECTORY_ROLES.includes(role))) return true;
  if (setting === 'everyone') return true;
  return setting === 'adminsGuestInvitersAndAllMembers' && user.userType === 'Member';
}

export function postInvitation(call: GraphCall): GraphResponse {
  const denied = requireRole(call, INVITE_ROLES);
  if (denied) return denied;
  const tenant = call.caller.tenant;
  if (call.caller.user && !userMayInvite(tenant, call.caller.user)) return graphError(call, 403, 'Authorization_RequestDenied', INSUFFICIENT_PRIVILEGES);
  if (!tenant.invitationsEnabled || tenant.authorizationPolicy.allowInvitesFrom === 'none') {
    // "Application permissions (app-only) don't work if B2B invitations are disabled" (invitation-post.md);
    // message as reported in MicrosoftDocs/azure-docs #78054. The error code is the emulator's choice.
    return graphError(call, 403, 'Forbidden', 'Guest invitations not allowed for your company. Contact your company administrator for more details.');
  }
  const request = readRequest(call);
  if ('status' in request) return request;
  const address = request.invitedUserEmailAddress;
  if (UNSUPPORTED_ADDRESS_CHARACTERS.test(address)) {
    return graphError(
      call,
      400,
      'BadRequest',
      `The invited user email address '${address}' contains characters that are not supported. Plus symbols and other special characters aren't supported in email addresses.`,
    );
  }
  if (!SIMPLE_ADDRESS.test(address)) {
    return graphError(call, 400, 'BadRequest', `The invited user email address '${address}' is not valid.`);
  }
  if (!/^https?:\/\/[^\s]+$/i.test(request.inviteRedirectUrl)) {
    return graphError(call, 400, 'BadRequest', `The inviteRedirectUrl '${request.inviteRedirectUrl}' is not a valid absolute URL.`);
  }

  let user: DirectoryUser;
  let sendEmail: boolean;
  if (request.resetRedemption) {
    if (!request.invitedUserId) return graphError(call, 400, 'BadRequest', 'resetRedemption requires invitedUser.id.');
    const reset = resetRedemption(call, request);
    if ('status' in reset) return reset;
    user = reset;
    sendEmail = request.sendInvitationMessage;
  } else {
    const existing = findUserByAddress(tenant, address);
    if (!existing) {
      user = createGuest(call.state, tenant, request);
      sendEmail = request.sendInvitationMessage;
    } else if (!isRedeemed(existing)) {
      // facts §3 "Resend" is UNCONFIRMED: switchable through state.behaviour.reinvitePendingGuest.
      user = existing;
      sendEmail = request.sendInvitationMessage && call.state.behaviour.reinvitePendingGuest === 'resend';
    } else {
      // "If the user already exists in your resource directory, they won't receive an invitation" (default).
      user = existing;
      sendEmail = request.sendInvitationMessage && call.state.behaviour.reinviteRedeemedUser === 'email';
    }
  }

  const { id, inviteRedeemUrl } = rememberInvitation(call.state, {
    tenantId: tenant.id,
    invitedUserId: user.id,
    invitedUserEmailAddress: address,
    inviteRedirectUrl: request.inviteRedirectUrl,
  });
  const now = call.state.now().toISOString();
  if (sendEmail) {
    const email: OutboxEmail = {
      id: randomUUID(),
      tenantId: tenant.id,
      to: address,
      invitedUserId: user.id,
      invitationId: id,
      inviteRedeemUrl,
      inviteRedirectUrl: request.inviteRedirectUrl,
      // facts §5.5: a custom message from a service principal is dropped from the email; a person's (a delegated
      // token, e.g. On-Behalf-Of an admin) is delivered.
      customizedMessageBody: call.caller.user || call.state.behaviour.appInvitationMessage === 'kept' ? request.customizedMessageBody : null,
      messageLanguage: request.messageLanguage ?? null,
      invitedUserDisplayName: request.invitedUserDisplayName ?? null,
      invitedBy: call.caller.user?.id ?? null,
      sentAt: now,
    };
    call.state.outbox.push(email);
  }

  return {
    status: 201,
    body: {
      '@odata.context': odataContext(call, 'invitations/$entity'),
      id,
      inviteRedeemUrl,
      invitedUserDisplayName: request.invitedUserDisplayName,
      invitedUserType: user.userType,
      invitedUserEmailAddress: address,
      sendInvitationMessage: request.sendInvitationMessage,
      resetRedemption: request.resetRedemption,
      inviteRedirectUrl: request.inviteRedirectUrl,
      status: isRedeemed(user) ? 'Completed' : 'PendingAcceptance',
      invitedUserMessageInfo: {
        messageLanguage: request.messageLanguage,
        ccRecipients: request.ccRecipients,
        customizedMessageBody: request.customizedMessageBody,
      },
      invitedUser: { id: user.id },
    },
  };
}
