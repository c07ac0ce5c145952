// Tenant settings the admin health check reads: authorizationPolicy (allowInvitesFrom), Conditional Access
// policies and subscribed SKUs (facts §3 "authorizationPolicy.allowInvitesFrom", "signInActivity" licence).
import { ALL_GUEST_OR_EXTERNAL_USER_TYPES, type ConditionalAccessPolicy, type GuestsOrExternalUsers } from '../directory.ts';
import { odataContext, requireRole, type GraphCall, type GraphResponse } from './graph-call.ts';

const POLICY_READ_ROLES = ['Policy.Read.All', 'Policy.ReadWrite.Authorization', 'Directory.Read.All', 'Directory.ReadWrite.All'];
const CONDITIONAL_ACCESS_READ_ROLES = ['Policy.Read.All', 'Policy.ReadWrite.ConditionalAccess'];
/** emailauthenticationmethodconfiguration-get.md: Policy.Read.AuthenticationMethod (least) or its ReadWrite. */
const AUTHENTICATION_METHOD_READ_ROLES = ['Policy.Read.AuthenticationMethod', 'Policy.ReadWrite.AuthenticationMethod'];
/** Guest access level "limited access" (Entra's default guestUserRoleId). */
export const LIMITED_GUEST_ROLE_ID = '10dae51f-b6af-4016-8d66-8c2a99b929b3';
const SKU_READ_ROLES = ['LicenseAssignment.Read.All', 'Organization.Read.All', 'Organization.ReadWrite.All', 'Directory.Read.All', 'Directory.ReadWrite.All', 'LicenseAssignment.Read.All'];

/** Fixed id Graph uses for the tenant's single authorization policy (authorizationpolicy.md). */
const AUTHORIZATION_POLICY_ID = 'authorizationPolicy';

export function getAuthorizationPolicy(call: GraphCall): GraphResponse {
  const denied = requireRole(call, POLICY_READ_ROLES);
  if (denied) return denied;
  const policy = call.caller.tenant.authorizationPolicy;
  return {
    status: 200,
    body: {
      '@odata.context': odataContext(call, 'policies/authorizationPolicy/$entity'),
      id: AUTHORIZATION_POLICY_ID,
      displayName: 'Authorization Policy',
      description: 'Used to manage authorization related settings across the company.',
      allowInvitesFrom: policy.allowInvitesFrom,
      allowedToSignUpEmailBasedSubscriptions: true,
      allowedToUseSSPR: true,
      allowEmailVerifiedUsersToJoinOrganization: false,
      allowUserConsentForRiskyApps: null,
      blockMsolPowerShell: false,
      guestUserRoleId: policy.guestUserRoleId ?? LIMITED_GUEST_ROLE_ID,
      defaultUserRolePermissions: {
        allowedToCreateApps: true,
        allowedToCreateSecurityGroups: true,
        allowedToCreateTenants: true,
        allowedToReadBitlockerKeysForOwnedDevice: true,
        allowedToReadOtherUsers: true,
        permissionGrantPoliciesAssigned: [],
      },
    },
  };
}

export function listConditionalAccessPolicies(call: GraphCall): GraphResponse {
  const denied = requireRole(call, CONDITIONAL_ACCESS_READ_ROLES);
  if (denied) return denied;
  return {
    status: 200,
    body: {
      '@odata.context': odataContext(call, 'identity/conditionalAccess/policies'),
      value: call.caller.tenant.conditionalAccessPolicies.map(projectConditionalAccessPolicy),
    },
  };
}

function guestsOrExternalUsers(value: boolean | GuestsOrExternalUsers | null | undefined): GuestsOrExternalUsers | null {
  if (value === true) {
    return {
      guestOrExternalUserTypes: ALL_GUEST_OR_EXTERNAL_USER_TYPES,
      externalTenants: { '@odata.type': '#microsoft.graph.conditionalAccessAllExternalTenants', membershipKind: 'all' },
    };
  }
  return value ? structuredClone(value) : null;
}

/** A conditionalAccessPolicy as v1.0 serves it: every condition set present (empty arrays / null when unused). */
function projectConditionalAccessPolicy(policy: ConditionalAccessPolicy): Record<string, unknown> {
  const users = policy.conditions.users;
  return {
    id: policy.id,
    templateId: null,
    displayName: policy.displayName,
    createdDateTime: '2024-01-15T09:00:00Z',
    modifiedDateTime: null,
    state: policy.state,
    sessionControls: null,
    conditions: {
      userRiskLevels: [],
      signInRiskLevels: [],
      clientAppTypes: ['all'],
      platforms: null,
      locations: null,
      devices: null,
      clientApplications: null,
      applications: { includeApplications: [...policy.conditions.applications.includeApplications], excludeApplications: [], includeUserActions: [], includeAuthenticationContextClassReferences: [] },
      users: {
        includeUsers: [...(users.includeUsers ?? [])],
        excludeUsers: [...(users.excludeUsers ?? [])],
        includeGroups: [],
        excludeGroups: [],
        includeRoles: [],
        excludeRoles: [],
        includeGuestsOrExternalUsers: guestsOrExternalUsers(users.includeGuestsOrExternalUsers),
        excludeGuestsOrExternalUsers: guestsOrExternalUsers(users.excludeGuestsOrExternalUsers),
      },
    },
    grantControls: {
      operator: policy.grantControls.operator ?? 'OR',
      builtInControls: [...policy.grantControls.builtInControls],
      customAuthenticationFactors: [],
      termsOfUse: [],
      authenticationStrength: policy.grantControls.authenticationStrength ? { ...policy.grantControls.authenticationStrength } : null,
    },
  };
}

/** GET /policies/authenticationMethodsPolicy/authenticationMethodConfigurations/email */
export function getEmailMethodConfiguration(call: GraphCall): GraphResponse {
  const denied = requireRole(call, AUTHENTICATION_METHOD_READ_ROLES);
  if (denied) return denied;
  return {
    status: 200,
    body: {
      '@odata.context': odataContext(call, 'policies/authenticationMethodsPolicy/authenticationMethodConfigurations/$entity'),
      '@odata.type': '#microsoft.graph.emailAuthenticationMethodConfiguration',
      id: 'Email',
      state: 'enabled',
      allowExternalIdToUseEmailOtp: call.caller.tenant.emailOtpForExternalUsers ?? 'default',
      excludeTargets: [],
      'includeTargets@odata.context': odataContext(call, "policies/authenticationMethodsPolicy/authenticationMethodConfigurations('Email')/microsoft.graph.emailAuthenticationMethodConfiguration/includeTargets"),
      includeTargets: [{ targetType: 'group', id: 'all_users', isRegistrationRequired: false }],
    },
  };
}

export function listSubscribedSkus(call: GraphCall): GraphResponse {
  const denied = requireRole(call, SKU_READ_ROLES);
  if (denied) return denied;
  const tenantId = call.caller.tenant.id;
  return {
    status: 200,
    body: {
      '@odata.context': odataContext(call, 'subscribedSkus'),
      value: call.caller.tenant.subscribedSkus.map((sku) => ({
        // Graph's subscribedSku id is "<tenant id>_<sku id>".
        id: `${tenantId}_${sku.skuId}`,
        capabilityStatus: 'Enabled',
        appliesTo: 'User',
        ...structuredClone(sku),
        servicePlans: sku.servicePlans.map((plan) => ({ appliesTo: 'User', provisioningStatus: 'Success', ...plan })),
        prepaidUnits: { enabled: sku.prepaidUnits.enabled, suspended: 0, warning: 0, lockedOut: 0 },
      })),
    },
  };
}
