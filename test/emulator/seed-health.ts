// The B2B health-check scenario on top of the demo seed (issue 12). Each demo tenant shows a known set of findings:
// - the demo tenant (P1): guests may invite guests, the guest-MFA policy only report-only, guests without usage
//   location (one licensed through a group), a pending invitation older than 30 days, a stale and a never-signed-in
//   accepted guest, a guest holding a directory role, guests in groups;
// - the partner tenant: clean (P1, an enforced guest-MFA policy, restricted guest access, every guest fine);
// - the free-tier tenant: no P1 (its guest-MFA policy is not enforced, no sign-in activity), email OTP off for guests.
// The portal app is registered in all three with the application permissions the health check needs.
import { randomUUID } from 'node:crypto';
import type { ConditionalAccessPolicy, DirectoryUser, EmulatedTenant, SubscribedSku } from './directory.ts';
import { DEMO_CONSOLE_USERS, DEMO_PORTAL_APP, DEMO_TENANT, PARTNER_PORTAL_APP, PARTNER_TENANT, PORTAL_API } from './demo-tenant.ts';
import { FREE_TENANT } from './free-tenant.ts';
import { guestUserPrincipalName, portalApp, redeemedIdentity, type SeedOptions } from './seed.ts';

const DAY = 24 * 3600_000;

/** Entra ID P1 (service plan AAD_PREMIUM) — its skuId is Microsoft's fixed id for the AAD_PREMIUM product. */
export const P1_SKU_ID = '078d2b04-f1bd-4111-bbd4-b4b1b354cef4';
/** Office 365 E3 (ENTERPRISEPACK), the licence the demo's group-licensed guest holds. */
export const E3_SKU_ID = '6fd2c87f-b296-42f0-b197-1e91e994b900';

/** What an admin granted the portal app for the health check, on top of the resend feature's permissions. */
export const HEALTH_CHECK_GRANTS = [
  'User.Read.All',
  'AuditLog.Read.All',
  'Policy.Read.All',
  'Policy.Read.AuthenticationMethod',
  'LicenseAssignment.Read.All',
  'RoleManagement.Read.Directory',
] as const;

export const GUEST_ACCESS = {
  sameAsMembers: 'a0b1b346-4d3e-4e8b-98f8-753987be4970',
  limited: '10dae51f-b6af-4016-8d66-8c2a99b929b3',
  restricted: '2af84b1e-32c8-42b7-82bc-daa82404023b',
} as const;

/** Fixed ids of what this scenario adds. */
export const HEALTH_IDS = {
  licensedNoLocationGuest: '11111111-2281-4a00-8000-000000000101',
  neverSignedInGuest: '11111111-2281-4a00-8000-000000000102',
  roleHoldingGuest: '11111111-2281-4a00-8000-000000000103',
  projectGroup: '55555555-2281-4a00-8000-000000000001',
  partnersGroup: '55555555-2281-4a00-8000-000000000002',
  freeGuest: '33333333-0003-4a00-8000-000000000001',
  freeAdmin: DEMO_CONSOLE_USERS.freeAdmin.id,
  partnerMfaPolicy: '44444444-0001-4a00-8000-000000000001',
  freeMfaPolicy: '44444444-0003-4a00-8000-000000000001',
} as const;

/** What the health check must find on each demo tenant (check id → severity): exactly what the seed plants. */
export const PLANTED_FINDINGS = {
  demo: {
    'who-may-invite': 'warning',
    'guest-access-level': 'info',
    'email-one-time-passcode': 'ok',
    'guest-mfa': 'warning',
    'usage-location': 'warning',
    'pending-invitations': 'warning',
    'stale-guests': 'warning',
    'guest-directory-roles': 'warning',
  },
  /** Clean: nothing above info (the guest access level is always reported, as info). */
  partner: {
    'who-may-invite': 'ok',
    'guest-access-level': 'info',
    'email-one-time-passcode': 'ok',
    'guest-mfa': 'ok',
    'usage-location': 'ok',
    'pending-invitations': 'ok',
    'stale-guests': 'ok',
    'guest-directory-roles': 'ok',
  },
  free: {
    'who-may-invite': 'ok',
    'guest-access-level': 'info',
    'email-one-time-passcode': 'warning',
    'guest-mfa': 'critical',
    'usage-location': 'ok',
    'pending-invitations': 'ok',
    'stale-guests': 'info',
    'guest-directory-roles': 'ok',
  },
} as const;

export const HEALTH_PEOPLE = {
  licensedNoLocationGuest: 'lic.nolocation@fabrikam-consult.com',
  neverSignedInGuest: 'never.signed@outlook.com',
  roleHoldingGuest: 'role.guest@contoso-audit.com',
  freeGuest: 'pat.free@gmail.com',
} as const;

function p1Sku(): SubscribedSku {
  return { skuId: P1_SKU_ID, skuPartNumber: 'AAD_PREMIUM', servicePlans: [{ servicePlanName: 'AAD_PREMIUM' }, { servicePlanName: 'MFA_PREMIUM' }], consumedUnits: 2, prepaidUnits: { enabled: 25 } };
}

function guestMfaPolicy(id: string, state: ConditionalAccessPolicy['state']): ConditionalAccessPolicy {
  return {
    id,
    displayName: 'MFA for Guest Users',
    state,
    conditions: { users: { includeGuestsOrExternalUsers: true, includeUsers: [], excludeUsers: [] }, applications: { includeApplications: ['All'] } },
    grantControls: { operator: 'OR', builtInControls: ['mfa'] },
  };
}

export interface HealthGuestSeed {
  id?: string;
  displayName: string;
  address: string;
  state: 'PendingAcceptance' | 'Accepted';
  /** Days since the invitation (createdDateTime). */
  invitedDaysAgo: number;
  /** null: never signed in. */
  lastSignInDaysAgo?: number | null;
  usageLocation?: string | null;
  roles?: string[];
  assignedLicenses?: DirectoryUser['assignedLicenses'];
  licenseAssignmentStates?: DirectoryUser['licenseAssignmentStates'];
  homeIdp?: DirectoryUser['homeIdp'];
}

/** A guest as an invitation leaves it (UPN, identities, dates relative to `now`). */
export function healthGuest(tenantDomain: string, now: Date, seed: HealthGuestSeed): DirectoryUser {
  const at = (days: number) => new Date(now.getTime() - days * DAY).toISOString();
  const upn = guestUserPrincipalName(seed.address, tenantDomain);
  const accepted = seed.state === 'Accepted';
  const homeIdp = seed.homeIdp ?? 'otp';
  const host = { signInType: 'userPrincipalName' as const, issuer: tenantDomain, issuerAssignedId: upn };
  return {
    id: seed.id ?? randomUUID(),
    displayName: seed.displayName,
    mail: seed.address,
    otherMails: [],
    proxyAddresses: [`SMTP:${seed.address}`],
    userPrincipalName: upn,
    userType: 'Guest',
    externalUserState: seed.state,
    externalUserStateChangeDateTime: at(accepted ? Math.max(0, seed.invitedDaysAgo - 1) : seed.invitedDaysAgo),
    creationType: 'Invitation',
    usageLocation: seed.usageLocation === undefined ? 'US' : seed.usageLocation,
    identities: accepted ? [host, redeemedIdentity(homeIdp, seed.address)] : [host],
    createdDateTime: at(seed.invitedDaysAgo),
    signInActivity: seed.lastSignInDaysAgo == null ? null : { lastSignInDateTime: at(seed.lastSignInDaysAgo) },
    directoryRoles: [...(seed.roles ?? [])],
    homeIdp,
    ...(seed.assignedLicenses ? { assignedLicenses: seed.assignedLicenses } : {}),
    ...(seed.licenseAssignmentStates ? { licenseAssignmentStates: seed.licenseAssignmentStates } : {}),
  };
}

/** Registers the portal app in a tenant (once) and grants it the health check's permissions. */
export function grantPortalApp(tenant: EmulatedTenant): void {
  let app = tenant.apps.find((a) => a.clientId === DEMO_PORTAL_APP.clientId);
  if (!app) {
    app = { displayName: 'guestpass portal (demo)', clientId: DEMO_PORTAL_APP.clientId, clientSecret: DEMO_PORTAL_APP.clientSecret, graphApplicationPermissions: [...DEMO_PORTAL_APP.graphApplicationPermissions], redirectUris: [] };
    tenant.apps.push(app);
  }
  // The partner tenant also has its own portal app (issue 9: one registration per tenant, what the demo portal uses).
  const portalApps = [app, ...tenant.apps.filter((a) => a.clientId === PARTNER_PORTAL_APP.clientId)];
  for (const portalApp of portalApps) {
    for (const permission of HEALTH_CHECK_GRANTS) if (!portalApp.graphApplicationPermissions.includes(permission)) portalApp.graphApplicationPermissions.push(permission);
  }
}

function member(tenantDomain: string, now: Date, id: string, displayName: string, localPart: string, roles: string[], password?: string): DirectoryUser {
  const upn = `${localPart}@${tenantDomain}`;
  return {
    id, displayName, mail: upn, otherMails: [], proxyAddresses: [`SMTP:${upn}`], userPrincipalName: upn, userType: 'Member',
    externalUserState: null, externalUserStateChangeDateTime: null, creationType: null, usageLocation: 'US',
    identities: [{ signInType: 'userPrincipalName', issuer: tenantDomain, issuerAssignedId: upn }],
    createdDateTime: new Date(now.getTime() - 300 * DAY).toISOString(), signInActivity: null, directoryRoles: roles, homeIdp: 'entra',
    ...(password ? { password } : {}),
  };
}

export function freeTenant(now: Date, options: SeedOptions = {}): EmulatedTenant {
  const domain = FREE_TENANT.domain;
  const tenant: EmulatedTenant = {
    id: FREE_TENANT.id,
    displayName: FREE_TENANT.displayName,
    domains: [domain],
    users: [
      healthGuest(domain, now, { id: HEALTH_IDS.freeGuest, displayName: 'Pat Free', address: HEALTH_PEOPLE.freeGuest, state: 'Accepted', invitedDaysAgo: 12, lastSignInDaysAgo: 3, homeIdp: 'google' }),
      member(domain, now, HEALTH_IDS.freeAdmin, 'Free Admin', 'admin', ['Global Administrator'], DEMO_CONSOLE_USERS.freeAdmin.password),
    ],
    // The portal app with the console's API, so the free tenant's B2B health page can be shown in the console too.
    apps: [portalApp(DEMO_PORTAL_APP, 'guestpass portal (free demo)', { [HEALTH_IDS.freeAdmin]: [PORTAL_API.roles.admin] }, options)],
    conditionalAccessPolicies: [guestMfaPolicy(HEALTH_IDS.freeMfaPolicy, 'enabled')],
    subscribedSkus: [],
    authorizationPolicy: { allowInvitesFrom: 'adminsAndGuestInviters', guestUserRoleId: GUEST_ACCESS.limited },
    emailOtpForExternalUsers: 'disabled',
    invitationsEnabled: true,
    groups: [],
  };
  grantPortalApp(tenant);
  return tenant;
}

/** Adds the health scenario to the seeded demo and partner tenants and adds the free-tier tenant. */
export function applyHealthSeed(tenants: EmulatedTenant[], now: Date, options: SeedOptions = {}): void {
  const demo = tenants.find((t) => t.id === DEMO_TENANT.id);
  const partner = tenants.find((t) => t.id === PARTNER_TENANT.id);
  if (!demo || !partner) return;

  const domain = demo.domains[0]!;
  demo.users.push(
    healthGuest(domain, now, {
      id: HEALTH_IDS.licensedNoLocationGuest, displayName: 'Lic NoLocation', address: HEALTH_PEOPLE.licensedNoLocationGuest, state: 'Accepted',
      invitedDaysAgo: 40, lastSignInDaysAgo: 4, usageLocation: null,
      assignedLicenses: [{ skuId: E3_SKU_ID, disabledPlans: [] }],
      licenseAssignmentStates: [{ skuId: E3_SKU_ID, state: 'Active', error: 'None', assignedByGroup: HEALTH_IDS.projectGroup }],
    }),
    healthGuest(domain, now, { id: HEALTH_IDS.neverSignedInGuest, displayName: 'Never Signed', address: HEALTH_PEOPLE.neverSignedInGuest, state: 'Accepted', invitedDaysAgo: 75, lastSignInDaysAgo: null, homeIdp: 'msa' }),
    healthGuest(domain, now, { id: HEALTH_IDS.roleHoldingGuest, displayName: 'Role Guest', address: HEALTH_PEOPLE.roleHoldingGuest, state: 'Accepted', invitedDaysAgo: 90, lastSignInDaysAgo: 1, roles: ['Reports Reader'], homeIdp: 'entra' }),
  );
  demo.groups = [
    { id: HEALTH_IDS.projectGroup, displayName: 'Project Falcon', mailEnabled: false, securityEnabled: true, memberIds: ['11111111-2281-4a00-8000-000000000002', '11111111-2281-4a00-8000-000000000003', HEALTH_IDS.licensedNoLocationGuest] },
    { id: HEALTH_IDS.partnersGroup, displayName: 'Partner Extranet', mailEnabled: true, securityEnabled: false, memberIds: ['11111111-2281-4a00-8000-000000000002'] },
  ];
  demo.conditionalAccessPolicies = demo.conditionalAccessPolicies.map((policy) => ({ ...policy, state: 'enabledForReportingButNotEnforced' }));
  demo.authorizationPolicy.guestUserRoleId = GUEST_ACCESS.limited;
  demo.emailOtpForExternalUsers = 'default';
  grantPortalApp(demo);

  if (!partner.subscribedSkus.some((sku) => sku.skuPartNumber === 'AAD_PREMIUM')) partner.subscribedSkus.push(p1Sku());
  partner.conditionalAccessPolicies = [guestMfaPolicy(HEALTH_IDS.partnerMfaPolicy, 'enabled')];
  partner.authorizationPolicy.guestUserRoleId = GUEST_ACCESS.restricted;
  partner.emailOtpForExternalUsers = 'enabled';
  partner.groups ??= [];
  grantPortalApp(partner);

  if (!tenants.some((t) => t.id === FREE_TENANT.id)) tenants.push(freeTenant(now, options));
}
