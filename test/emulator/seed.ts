// The demo world (from the guide's example tenant): who is a guest where, in which state, with what settings.
// Ids are fixed so tests and the README can name them; dates are relative to the emulator's clock.
import type { AppRegistration, DirectoryUser, EmulatedTenant, ObjectIdentity } from './directory.ts';
import { DEMO_CONSOLE_USERS, DEMO_PEOPLE, DEMO_PORTAL_APP, DEMO_TENANT, DEMO_WEB_APP, PARTNER_PORTAL_APP, PARTNER_TENANT, PORTAL_API, PORTAL_DELEGATED_PERMISSIONS } from './demo-tenant.ts';
import { recordInvitation, type FullEmulatorState } from './state.ts';
import { applyHealthSeed } from './seed-health.ts';

const DAY = 24 * 3600_000;

/** Fixed object ids of the seeded people (GUIDs). */
export const DEMO_USER_IDS = {
  conceptsUser: '11111111-2281-4a00-8000-000000000001',
  janeDoe: '11111111-2281-4a00-8000-000000000002',
  samVendor: '11111111-2281-4a00-8000-000000000003',
  oldInvite: '11111111-2281-4a00-8000-000000000004',
  dormantPartner: '11111111-2281-4a00-8000-000000000005',
  kibria: '11111111-2281-4a00-8000-000000000006',
  leePartnerInPartnerTenant: '22222222-0001-4a00-8000-000000000001',
  partnerAdmin: DEMO_CONSOLE_USERS.partnerAdmin.id,
  consoleAdmin: DEMO_CONSOLE_USERS.admin.id,
  consoleApprover: DEMO_CONSOLE_USERS.approver.id,
  consoleMember: DEMO_CONSOLE_USERS.member.id,
} as const;

/** Seeded invitations for the pending guests, so their redemption links work (facts §2). */
export const DEMO_INVITATIONS = {
  conceptsUser: { id: '33333333-2281-4a00-8000-000000000001', ticket: 'demo-ticket-concepts-user' },
  oldInvite: { id: '33333333-2281-4a00-8000-000000000004', ticket: 'demo-ticket-old-invite' },
} as const;

/** Entra ID P1 (facts §3 signInActivity needs P1/P2). */
export const AAD_PREMIUM_SKU_ID = '078d2b04-f1bd-4111-bbd4-b4b1b354cef4';

/** `jane.doe@gmail.com` → `jane.doe_gmail.com#EXT#@ezaz2281.onmicrosoft.com` (facts §3 guest UPN format). */
export function guestUserPrincipalName(address: string, tenantDomain: string): string {
  return `${address.toLowerCase().replace('@', '_')}#EXT#@${tenantDomain}`;
}

/** The identity a redeemed guest gets for how they sign in at home (facts §3 "Identities values after redemption"). */
export function redeemedIdentity(homeIdp: DirectoryUser['homeIdp'], address: string): ObjectIdentity {
  const issuer = { google: 'google.com', msa: 'MicrosoftAccount', otp: 'mail', entra: 'ExternalAzureAD' }[homeIdp];
  return { signInType: 'federated', issuer, issuerAssignedId: homeIdp === 'entra' ? null : address };
}

interface GuestSeed {
  id: string;
  displayName: string;
  address: string;
  homeIdp: DirectoryUser['homeIdp'];
  state: 'PendingAcceptance' | 'Accepted';
  invitedDaysAgo: number;
  acceptedDaysAgo?: number;
  lastSignInDaysAgo?: number | null;
  usageLocation: string | null;
}

function guest(tenantDomain: string, now: Date, seed: GuestSeed): DirectoryUser {
  const at = (days: number) => new Date(now.getTime() - days * DAY).toISOString();
  const upn = guestUserPrincipalName(seed.address, tenantDomain);
  const hostIdentity: ObjectIdentity = { signInType: 'userPrincipalName', issuer: tenantDomain, issuerAssignedId: upn };
  const accepted = seed.state === 'Accepted';
  return {
    id: seed.id,
    displayName: seed.displayName,
    mail: seed.address,
    otherMails: [],
    proxyAddresses: [`SMTP:${seed.address}`],
    userPrincipalName: upn,
    userType: 'Guest',
    externalUserState: seed.state,
    externalUserStateChangeDateTime: at(accepted ? (seed.acceptedDaysAgo ?? seed.invitedDaysAgo) : seed.invitedDaysAgo),
    creationType: 'Invitation',
    usageLocation: seed.usageLocation,
    identities: accepted ? [hostIdentity, redeemedIdentity(seed.homeIdp, seed.address)] : [hostIdentity],
    createdDateTime: at(seed.invitedDaysAgo),
    signInActivity: seed.lastSignInDaysAgo == null ? null : { lastSignInDateTime: at(seed.lastSignInDaysAgo) },
    directoryRoles: [],
    homeIdp: seed.homeIdp,
  };
}

function member(tenantDomain: string, now: Date, m: { id: string; displayName: string; localPart: string; roles: string[]; createdDaysAgo: number; lastSignInDaysAgo: number; password?: string }): DirectoryUser {
  const upn = `${m.localPart}@${tenantDomain}`;
  const at = (days: number) => new Date(now.getTime() - days * DAY).toISOString();
  return {
    id: m.id,
    displayName: m.displayName,
    mail: upn,
    otherMails: [],
    proxyAddresses: [`SMTP:${upn}`],
    userPrincipalName: upn,
    userType: 'Member',
    externalUserState: null,
    externalUserStateChangeDateTime: null,
    creationType: null,
    usageLocation: 'BD',
    identities: [{ signInType: 'userPrincipalName', issuer: tenantDomain, issuerAssignedId: upn }],
    createdDateTime: at(m.createdDaysAgo),
    signInActivity: { lastSignInDateTime: at(m.lastSignInDaysAgo) },
    directoryRoles: m.roles,
    homeIdp: 'entra',
    ...(m.password ? { password: m.password } : {}),
  };
}

/** A console user as a member (the part of the username before @ is the local part). */
function consoleMember(tenantDomain: string, now: Date, user: (typeof DEMO_CONSOLE_USERS)[keyof typeof DEMO_CONSOLE_USERS], roles: string[]): DirectoryUser {
  return member(tenantDomain, now, { id: user.id, displayName: user.displayName, localPart: user.username.split('@')[0]!, roles, createdDaysAgo: 200, lastSignInDaysAgo: 1, password: user.password });
}

export interface SeedOptions {
  /**
   * The portal's public URLs (no trailing slash): each one's admin console SPA redirect URI `<url>/admin/` is
   * registered on both portal apps. Ports vary per run, so it is given when the emulator starts (or later: setPortalUrl).
   */
  portalUrls?: string[];
  /** `api.requestedAccessTokenVersion` of the portal apps (default 2, as the admin guide registers them). */
  portalTokenVersion?: 1 | 2 | null;
}

/** The SPA redirect URI of the portal's admin console (exactly `/admin/`, trailing slash). */
export function consoleRedirectUri(portalUrl: string): string {
  return `${portalUrl.replace(/\/+$/, '')}/admin/`;
}

/** The portal's registration in one tenant: app-only Graph, the console API with its roles, the SPA platform. */
export function portalApp(
  app: { clientId: string; clientSecret: string; graphApplicationPermissions: readonly string[] },
  displayName: string,
  roleAssignments: Record<string, string[]>,
  options: SeedOptions,
): AppRegistration {
  return {
    displayName,
    clientId: app.clientId,
    clientSecret: app.clientSecret,
    graphApplicationPermissions: [...app.graphApplicationPermissions],
    graphDelegatedPermissions: [...PORTAL_DELEGATED_PERMISSIONS],
    redirectUris: [],
    spaRedirectUris: (options.portalUrls ?? []).map(consoleRedirectUri),
    api: { identifierUris: [`api://${app.clientId}`], scopes: [PORTAL_API.scope], requestedAccessTokenVersion: options.portalTokenVersion === undefined ? 2 : options.portalTokenVersion },
    appRoles: [PORTAL_API.roles.admin, PORTAL_API.roles.approver],
    appRoleAssignments: roleAssignments,
  };
}

export function demoTenants(now: Date, options: SeedOptions = {}): EmulatedTenant[] {
  const demoDomain = DEMO_TENANT.domain;
  const demo: EmulatedTenant = {
    id: DEMO_TENANT.id,
    displayName: DEMO_TENANT.displayName,
    domains: [demoDomain],
    users: [
      guest(demoDomain, now, { id: DEMO_USER_IDS.conceptsUser, displayName: 'Concepts User', address: DEMO_PEOPLE.pendingOutlookGuest, homeIdp: 'msa', state: 'PendingAcceptance', invitedDaysAgo: 3, usageLocation: 'US' }),
      guest(demoDomain, now, { id: DEMO_USER_IDS.janeDoe, displayName: 'Jane Doe', address: DEMO_PEOPLE.acceptedGmailGuest, homeIdp: 'google', state: 'Accepted', invitedDaysAgo: 30, acceptedDaysAgo: 29, lastSignInDaysAgo: 2, usageLocation: 'GB' }),
      guest(demoDomain, now, { id: DEMO_USER_IDS.samVendor, displayName: 'Sam Vendor', address: DEMO_PEOPLE.noUsageLocationGuest, homeIdp: 'otp', state: 'Accepted', invitedDaysAgo: 60, acceptedDaysAgo: 59, lastSignInDaysAgo: 10, usageLocation: null }),
      guest(demoDomain, now, { id: DEMO_USER_IDS.oldInvite, displayName: 'Old Invite', address: DEMO_PEOPLE.longPendingGuest, homeIdp: 'otp', state: 'PendingAcceptance', invitedDaysAgo: 45, usageLocation: 'US' }),
      guest(demoDomain, now, { id: DEMO_USER_IDS.dormantPartner, displayName: 'Dormant Partner', address: DEMO_PEOPLE.dormantGuest, homeIdp: 'google', state: 'Accepted', invitedDaysAgo: 400, acceptedDaysAgo: 399, lastSignInDaysAgo: 200, usageLocation: 'DE' }),
      member(demoDomain, now, { id: DEMO_USER_IDS.kibria, displayName: 'Kibria', localPart: DEMO_PEOPLE.guestInviterMember.split('@')[0]!, roles: ['Guest Inviter'], createdDaysAgo: 500, lastSignInDaysAgo: 1 }),
      consoleMember(demoDomain, now, DEMO_CONSOLE_USERS.admin, ['User Administrator']),
      consoleMember(demoDomain, now, DEMO_CONSOLE_USERS.approver, []),
      consoleMember(demoDomain, now, DEMO_CONSOLE_USERS.member, []),
    ],
    apps: [
      portalApp(
        DEMO_PORTAL_APP,
        'guestpass portal (demo)',
        { [DEMO_CONSOLE_USERS.admin.id]: [PORTAL_API.roles.admin], [DEMO_CONSOLE_USERS.approver.id]: [PORTAL_API.roles.approver] },
        options,
      ),
      { displayName: 'guestpass web sign-in (demo)', clientId: DEMO_WEB_APP.clientId, graphApplicationPermissions: [], redirectUris: [DEMO_WEB_APP.redirectUri] },
    ],
    conditionalAccessPolicies: [
      {
        id: '44444444-2281-4a00-8000-000000000001',
        displayName: 'MFA for Guest Users',
        state: 'enabled',
        conditions: { users: { includeGuestsOrExternalUsers: true }, applications: { includeApplications: ['All'] } },
        grantControls: { builtInControls: ['mfa'] },
      },
    ],
    subscribedSkus: [
      {
        skuId: AAD_PREMIUM_SKU_ID,
        skuPartNumber: 'AAD_PREMIUM',
        servicePlans: [{ servicePlanName: 'AAD_PREMIUM' }, { servicePlanName: 'MFA_PREMIUM' }],
        consumedUnits: 1,
        prepaidUnits: { enabled: 25 },
      },
    ],
    authorizationPolicy: { allowInvitesFrom: 'everyone' },
    invitationsEnabled: true,
  };
  const partnerDomain = PARTNER_TENANT.domain;
  const partner: EmulatedTenant = {
    id: PARTNER_TENANT.id,
    displayName: PARTNER_TENANT.displayName,
    domains: [partnerDomain],
    users: [
      guest(partnerDomain, now, { id: DEMO_USER_IDS.leePartnerInPartnerTenant, displayName: 'Lee Partner', address: DEMO_PEOPLE.partnerOnlyGuest, homeIdp: 'google', state: 'Accepted', invitedDaysAgo: 20, acceptedDaysAgo: 19, lastSignInDaysAgo: 5, usageLocation: 'US' }),
      member(partnerDomain, now, { id: DEMO_USER_IDS.partnerAdmin, displayName: 'Partner Admin', localPart: 'admin', roles: ['Global Administrator'], createdDaysAgo: 300, lastSignInDaysAgo: 3, password: DEMO_CONSOLE_USERS.partnerAdmin.password }),
    ],
    apps: [
      portalApp(PARTNER_PORTAL_APP, 'guestpass portal (partner demo)', { [DEMO_CONSOLE_USERS.partnerAdmin.id]: [PORTAL_API.roles.admin] }, options),
      { displayName: 'guestpass web sign-in (demo)', clientId: DEMO_WEB_APP.clientId, graphApplicationPermissions: [], redirectUris: [DEMO_WEB_APP.redirectUri] },
    ],
    conditionalAccessPolicies: [],
    subscribedSkus: [],
    authorizationPolicy: { allowInvitesFrom: 'adminsAndGuestInviters' },
    invitationsEnabled: true,
  };
  return [demo, partner];
}

/** Replace the state's contents with the seed (in place: other parts keep their reference to `state`). */
export function applySeed(state: FullEmulatorState, seed: 'demo' | 'empty', options: SeedOptions = {}): void {
  state.tenants.splice(0, state.tenants.length);
  state.invitations.splice(0, state.invitations.length);
  state.msaAccounts.clear();
  if (seed === 'empty') return;
  const now = state.now();
  state.tenants.push(...demoTenants(now, options));
  applyHealthSeed(state.tenants, now, options); // issue 12's health-check scenario (seed-health.ts)
  // conceptsuser@outlook.com is an Outlook.com (personal Microsoft) account: GetCredentialType answers 5 (facts §1d).
  state.msaAccounts.add(DEMO_PEOPLE.pendingOutlookGuest);
  const myApps = `https://myapps.microsoft.com/?tenantid=${DEMO_TENANT.id}`;
  for (const [key, userId, address] of [
    ['conceptsUser', DEMO_USER_IDS.conceptsUser, DEMO_PEOPLE.pendingOutlookGuest],
    ['oldInvite', DEMO_USER_IDS.oldInvite, DEMO_PEOPLE.longPendingGuest],
  ] as const) {
    recordInvitation(state, { ...DEMO_INVITATIONS[key], tenantId: DEMO_TENANT.id, invitedUserId: userId, invitedUserEmailAddress: address, inviteRedirectUrl: myApps });
  }
}
