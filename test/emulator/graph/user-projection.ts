// Turns a stored DirectoryUser into the JSON Graph returns, following `$select` (facts §3: externalUserState,
// externalUserStateChangeDateTime and signInActivity are returned only when selected; `id` always is).
import type { DirectoryUser, EmulatedTenant } from '../directory.ts';
import { graphError, INSUFFICIENT_PRIVILEGES, permissionsOf, type GraphCall, type GraphResponse } from './graph-call.ts';

type UserJson = Record<string, unknown>;

const PROPERTY_READERS: Record<string, (user: DirectoryUser) => unknown> = {
  id: (u) => u.id,
  accountEnabled: () => true,
  businessPhones: () => [],
  createdDateTime: (u) => u.createdDateTime,
  creationType: (u) => u.creationType,
  displayName: (u) => u.displayName,
  externalUserState: (u) => u.externalUserState,
  externalUserStateChangeDateTime: (u) => u.externalUserStateChangeDateTime,
  givenName: () => null,
  identities: (u) => u.identities.map((identity) => ({ ...identity })),
  jobTitle: () => null,
  mail: (u) => u.mail,
  mobilePhone: () => null,
  officeLocation: () => null,
  otherMails: (u) => [...u.otherMails],
  preferredLanguage: () => null,
  proxyAddresses: (u) => [...u.proxyAddresses],
  signInActivity: (u) => (u.signInActivity ? signInActivityJson(u.signInActivity) : null),
  assignedLicenses: (u) => (u.assignedLicenses ?? []).map((l) => ({ skuId: l.skuId, disabledPlans: [...l.disabledPlans] })),
  licenseAssignmentStates: (u) => (u.licenseAssignmentStates ?? []).map((l) => ({ ...l, disabledPlans: [], lastUpdatedDateTime: null })),
  surname: () => null,
  usageLocation: (u) => u.usageLocation,
  userPrincipalName: (u) => u.userPrincipalName,
  userType: (u) => u.userType,
};

/** signInActivity as v1.0 serves it (signinactivity.md), request ids left null. */
function signInActivityJson(activity: NonNullable<DirectoryUser['signInActivity']>): UserJson {
  const interactive = activity.lastSignInDateTime;
  const nonInteractive = activity.lastNonInteractiveSignInDateTime ?? null;
  const latest = [interactive, nonInteractive].filter((v): v is string => v !== null).sort().at(-1) ?? null;
  return {
    lastSignInDateTime: interactive,
    lastSignInRequestId: null,
    lastNonInteractiveSignInDateTime: nonInteractive,
    lastNonInteractiveSignInRequestId: null,
    lastSuccessfulSignInDateTime: latest,
    lastSuccessfulSignInRequestId: null,
  };
}

/** The v1.0 default property set of a user (without `$select`). */
const DEFAULT_PROPERTIES = [
  'businessPhones',
  'displayName',
  'givenName',
  'jobTitle',
  'mail',
  'mobilePhone',
  'officeLocation',
  'preferredLanguage',
  'surname',
  'userPrincipalName',
  'id',
];

const CANONICAL_NAMES = new Map(Object.keys(PROPERTY_READERS).map((name) => [name.toLowerCase(), name]));

/** Roles that may read signInActivity (facts §3 "signInActivity": AuditLog.Read.All). */
const SIGN_IN_ACTIVITY_ROLES = ['AuditLog.Read.All'];

/** P1 or P2 in use: a subscription still usable (Enabled, or Warning: its grace period) with the plan provisioned. */
export function tenantHasPremium(tenant: EmulatedTenant): boolean {
  return tenant.subscribedSkus.some((sku) => {
    if (!['Enabled', 'Warning'].includes(sku.capabilityStatus ?? 'Enabled')) return false;
    const plans = sku.servicePlans.filter((plan) => plan.servicePlanName.startsWith('AAD_PREMIUM'));
    if (plans.length === 0) return sku.skuPartNumber.startsWith('AAD_PREMIUM');
    return plans.some((plan) => (plan.provisioningStatus ?? 'Success') === 'Success');
  });
}

export type Selection = { properties: string[] } | { error: GraphResponse };

/** Parses `$select`; unknown names → 400 as Graph; signInActivity → role and licence checks. */
export function parseSelect(call: GraphCall): Selection {
  const raw = call.query.get('$select');
  if (raw === null) return { properties: DEFAULT_PROPERTIES };
  const names = raw.split(',').map((name) => name.trim()).filter((name) => name !== '');
  const properties: string[] = ['id'];
  for (const name of names) {
    const canonical = CANONICAL_NAMES.get(name.toLowerCase());
    if (!canonical) {
      return { error: graphError(call, 400, 'Request_BadRequest', `Could not find a property named '${name}' on type 'microsoft.graph.user'.`) };
    }
    if (!properties.includes(canonical)) properties.push(canonical);
  }
  if (properties.includes('signInActivity')) {
    if (!permissionsOf(call.caller).some((role) => SIGN_IN_ACTIVITY_ROLES.includes(role))) {
      return { error: graphError(call, 403, 'Authorization_RequestDenied', INSUFFICIENT_PRIVILEGES) };
    }
    if (!tenantHasPremium(call.caller.tenant)) {
      // Wording seen on real tenants without P1/P2 (microsoft-graph-docs issues #12772, #14120).
      return {
        error: graphError(call, 403, 'Authentication_RequestFromNonPremiumTenantOrB2CTenant', "Neither tenant is B2C or tenant doesn't have premium license"),
      };
    }
  }
  return { properties };
}

export function projectUser(user: DirectoryUser, properties: readonly string[]): UserJson {
  const json: UserJson = {};
  for (const name of properties) json[name] = PROPERTY_READERS[name]!(user);
  return json;
}

export function selectContext(properties: readonly string[], explicit: boolean): string {
  return explicit ? `users(${properties.join(',')})` : 'users';
}
