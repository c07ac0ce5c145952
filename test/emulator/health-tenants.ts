// Generated tenants for the health check: one with any subset of the B2B problems planted (for the property test:
// the check must report exactly those), and one with many guests (for the bench). Both hold the portal app with
// the health check's permissions.
import { randomUUID } from 'node:crypto';
import type { EmulatedTenant } from './directory.ts';
import { E3_SKU_ID, GUEST_ACCESS, grantPortalApp, healthGuest, P1_SKU_ID } from './seed-health.ts';

export const HEALTH_PROBLEMS = [
  'guests-invite-guests',
  'guest-access-same-as-members',
  'email-otp-disabled',
  'mfa-report-only',
  'no-p1',
  /** The P1 subscription lapsed (capabilityStatus LockedOut): it still appears in subscribedSkus, but is not in force. */
  'p1-lapsed',
  /** The P1 subscription is active but its AAD_PREMIUM service plan is not provisioned (provisioningStatus Disabled). */
  'p1-plan-disabled',
  'licensed-without-location',
  'old-pending-invitation',
  'stale-guest',
  'never-signed-in-guest',
  'guest-with-role',
  'guest-with-privileged-role',
] as const;
export type HealthProblem = (typeof HEALTH_PROBLEMS)[number];

function emptyTenant(name: string): EmulatedTenant {
  const id = randomUUID();
  const domain = `${name}-${id.slice(0, 8)}.onmicrosoft.com`;
  return {
    id,
    displayName: `${name} (generated)`,
    domains: [domain],
    users: [],
    apps: [],
    conditionalAccessPolicies: [],
    subscribedSkus: [],
    authorizationPolicy: { allowInvitesFrom: 'adminsAndGuestInviters', guestUserRoleId: GUEST_ACCESS.limited },
    emailOtpForExternalUsers: 'enabled',
    invitationsEnabled: true,
    groups: [],
  };
}

/** A tenant that is clean except for `problems`. */
export function tenantWithProblems(problems: ReadonlySet<HealthProblem>, now: Date): EmulatedTenant {
  const tenant = emptyTenant('problems');
  const domain = tenant.domains[0]!;
  const has = (p: HealthProblem) => problems.has(p);
  if (has('guests-invite-guests')) tenant.authorizationPolicy.allowInvitesFrom = 'everyone';
  if (has('guest-access-same-as-members')) tenant.authorizationPolicy.guestUserRoleId = GUEST_ACCESS.sameAsMembers;
  if (has('email-otp-disabled')) tenant.emailOtpForExternalUsers = 'disabled';
  if (!has('no-p1')) {
    tenant.subscribedSkus.push({
      skuId: P1_SKU_ID,
      skuPartNumber: 'AAD_PREMIUM',
      ...(has('p1-lapsed') ? { capabilityStatus: 'LockedOut' as const } : {}),
      servicePlans: [{ servicePlanName: 'AAD_PREMIUM', ...(has('p1-plan-disabled') ? { provisioningStatus: 'Disabled' } : {}) }],
      consumedUnits: 1,
      prepaidUnits: { enabled: has('p1-lapsed') ? 0 : 10 },
    });
  }
  tenant.conditionalAccessPolicies.push({
    id: randomUUID(),
    displayName: 'Guests need MFA',
    state: has('mfa-report-only') ? 'enabledForReportingButNotEnforced' : 'enabled',
    conditions: { users: { includeGuestsOrExternalUsers: false, includeUsers: ['GuestsOrExternalUsers'], excludeUsers: [] }, applications: { includeApplications: ['All'] } },
    grantControls: { operator: 'OR', builtInControls: [], authenticationStrength: { id: '00000000-0000-0000-0000-000000000002', displayName: 'Multifactor authentication' } },
  });
  // Healthy guests every tenant has.
  tenant.users.push(
    healthGuest(domain, now, { displayName: 'Fine Accepted', address: `fine.${tenant.id.slice(0, 6)}@example.com`, state: 'Accepted', invitedDaysAgo: 50, lastSignInDaysAgo: 3 }),
    healthGuest(domain, now, { displayName: 'Fresh Pending', address: `fresh.${tenant.id.slice(0, 6)}@example.com`, state: 'PendingAcceptance', invitedDaysAgo: 2 }),
  );
  const add = (displayName: string, seed: Partial<Parameters<typeof healthGuest>[2]>) =>
    tenant.users.push(healthGuest(domain, now, { displayName, address: `${displayName.toLowerCase().replaceAll(' ', '.')}@example.org`, state: 'Accepted', invitedDaysAgo: 60, lastSignInDaysAgo: 5, ...seed }));
  if (has('licensed-without-location')) add('Licensed Nowhere', { usageLocation: null, assignedLicenses: [{ skuId: E3_SKU_ID, disabledPlans: [] }] });
  if (has('old-pending-invitation')) add('Old Pending', { state: 'PendingAcceptance', invitedDaysAgo: 40, lastSignInDaysAgo: null });
  if (has('stale-guest')) add('Long Gone', { invitedDaysAgo: 300, lastSignInDaysAgo: 120 });
  if (has('never-signed-in-guest')) add('Never Back', { invitedDaysAgo: 45, lastSignInDaysAgo: null });
  if (has('guest-with-role')) add('Reader Guest', { roles: ['Reports Reader'] });
  if (has('guest-with-privileged-role')) add('Admin Guest', { roles: ['Global Administrator'] });
  grantPortalApp(tenant);
  return tenant;
}

/**
 * A tenant of `count` guests for the bench: mostly accepted and active, every 10th pending (ages spread over 120
 * days), every 7th not seen for 100+ days, every 13th without usage location.
 */
export function tenantWithManyGuests(count: number, now: Date): EmulatedTenant {
  const tenant = tenantWithProblems(new Set(), now);
  const domain = tenant.domains[0]!;
  for (let i = 0; i < count - 2; i++) {
    const pending = i % 10 === 0;
    tenant.users.push(
      healthGuest(domain, now, {
        displayName: `Bench Guest ${i}`,
        address: `bench.guest.${i}@example.net`,
        state: pending ? 'PendingAcceptance' : 'Accepted',
        invitedDaysAgo: pending ? i % 120 : 150,
        lastSignInDaysAgo: pending ? null : i % 7 === 0 ? 100 + (i % 50) : i % 60,
        usageLocation: i % 13 === 0 ? null : 'US',
      }),
    );
  }
  return tenant;
}
