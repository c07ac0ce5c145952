// Tenant settings the admin health check reads: authorizationPolicy (allowInvitesFrom), Conditional Access
// policies and subscribed SKUs (facts §3 "authorizationPolicy.allowInvitesFrom", "signInActivity" licence).
import { odataContext, requireRole, type GraphCall, type GraphResponse } from './graph-call.ts';

const POLICY_READ_ROLES = ['Policy.Read.All', 'Policy.ReadWrite.Authorization', 'Directory.Read.All', 'Directory.ReadWrite.All'];
const CONDITIONAL_ACCESS_READ_ROLES = ['Policy.Read.All', 'Policy.ReadWrite.ConditionalAccess'];
const SKU_READ_ROLES = ['Organization.Read.All', 'Organization.ReadWrite.All', 'Directory.Read.All', 'Directory.ReadWrite.All', 'LicenseAssignment.Read.All'];

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
      guestUserRoleId: '10dae51f-b6af-4016-8d66-8c2a99b929b3',
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
      value: call.caller.tenant.conditionalAccessPolicies.map((policy) => structuredClone(policy)),
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
        prepaidUnits: { enabled: sku.prepaidUnits.enabled, suspended: 0, warning: 0, lockedOut: 0 },
      })),
    },
  };
}
