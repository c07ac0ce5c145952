// The Graph endpoints the health check reads, in their real shapes and with their permission checks.
import { GraphError } from '@microsoft/microsoft-graph-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_TENANT } from './demo-tenant.ts';
import { FREE_TENANT } from './free-tenant.ts';
import { addGuest, startGraphTestEmulator, uniqueAddress, type GraphTestEmulator } from './graph/test-emulator.ts';
import { HEALTH_CHECK_GRANTS, HEALTH_IDS } from './seed-health.ts';

let emulator: GraphTestEmulator;
beforeAll(async () => {
  emulator = await startGraphTestEmulator();
});
afterAll(() => emulator.close());

async function graphFailure(promise: Promise<unknown>): Promise<GraphError> {
  try {
    await promise;
  } catch (error) {
    return error as GraphError;
  }
  throw new Error('expected a Graph error');
}

describe('health-check endpoints', () => {
  it('with signInActivity selected a page holds at most 120 users whatever $top says; without it $top is honoured', async () => {
    for (let i = 0; i < 130; i++) addGuest(emulator.demoTenant, uniqueAddress(), { externalUserState: 'Accepted' });
    const client = emulator.client(emulator.addApp(['User.Read.All', 'AuditLog.Read.All']));
    const filter = encodeURIComponent("userType eq 'Guest'");
    const withSignIns = (await client.api(`/users?$filter=${filter}&$select=id,signInActivity&$top=999`).get()) as { value: unknown[]; '@odata.nextLink'?: string };
    expect(withSignIns.value).toHaveLength(120);
    expect(withSignIns['@odata.nextLink']).toBeTruthy();
    const plain = (await client.api(`/users?$filter=${filter}&$select=id&$top=999`).get()) as { value: unknown[]; '@odata.nextLink'?: string };
    expect(plain.value.length).toBeGreaterThan(120);
    expect(plain['@odata.nextLink']).toBeUndefined();
  });

  it('signInActivity has Graph’s fields; a user who never signed in has none', async () => {
    const client = emulator.client(emulator.addApp(['User.Read.All', 'AuditLog.Read.All']));
    const never = (await client.api(`/users/${HEALTH_IDS.neverSignedInGuest}?$select=id,signInActivity`).get()) as { signInActivity: unknown };
    expect(never.signInActivity).toBeNull();
    const role = (await client.api(`/users/${HEALTH_IDS.roleHoldingGuest}?$select=id,signInActivity`).get()) as { signInActivity: Record<string, unknown> };
    expect(Object.keys(role.signInActivity).sort()).toEqual(
      ['lastNonInteractiveSignInDateTime', 'lastNonInteractiveSignInRequestId', 'lastSignInDateTime', 'lastSignInRequestId', 'lastSuccessfulSignInDateTime', 'lastSuccessfulSignInRequestId'],
    );
  });

  it('email OTP configuration: Policy.Read.AuthenticationMethod; allowExternalIdToUseEmailOtp per tenant', async () => {
    const path = '/policies/authenticationMethodsPolicy/authenticationMethodConfigurations/email';
    expect((await graphFailure(emulator.client(emulator.addApp(['Policy.Read.All'])).api(path).get())).code).toBe('Authorization_RequestDenied');
    const demo = (await emulator.client(emulator.addApp(['Policy.Read.AuthenticationMethod'])).api(path).get()) as Record<string, unknown>;
    expect(demo).toMatchObject({ '@odata.type': '#microsoft.graph.emailAuthenticationMethodConfiguration', id: 'Email', allowExternalIdToUseEmailOtp: 'default' });
    const free = (await emulator.client(emulator.addApp(['Policy.Read.AuthenticationMethod'], FREE_TENANT.id)).api(path).get()) as Record<string, unknown>;
    expect(free.allowExternalIdToUseEmailOtp).toBe('disabled');
  });

  it('Conditional Access policies come in Graph’s shape: includeGuestsOrExternalUsers is an object with a comma-separated type list', async () => {
    const policies = (await emulator.client(emulator.addApp(['Policy.Read.All'])).api('/identity/conditionalAccess/policies').get()) as {
      value: { state: string; conditions: { users: Record<string, unknown> }; grantControls: Record<string, unknown> }[];
    };
    const [policy] = policies.value;
    expect(policy!.state).toBe('enabledForReportingButNotEnforced');
    expect(policy!.conditions.users).toMatchObject({
      includeUsers: [],
      excludeUsers: [],
      includeGuestsOrExternalUsers: { guestOrExternalUserTypes: expect.stringContaining('b2bCollaborationGuest,'), externalTenants: { membershipKind: 'all' } },
      excludeGuestsOrExternalUsers: null,
    });
    expect(policy!.grantControls).toMatchObject({ operator: 'OR', builtInControls: ['mfa'], authenticationStrength: null });
  });

  it('role assignments: RoleManagement.Read.Directory; built-in template ids; roleDefinition expanded; filter by role', async () => {
    const path = '/roleManagement/directory/roleAssignments';
    expect((await graphFailure(emulator.client(emulator.addApp(['User.Read.All'])).api(path).get())).statusCode).toBe(403);
    const client = emulator.client(emulator.addApp(['RoleManagement.Read.Directory']));
    const all = (await client.api(`${path}?$expand=roleDefinition($select=displayName)`).get()) as { value: { principalId: string; roleDefinitionId: string; directoryScopeId: string; roleDefinition: { displayName: string } }[] };
    expect(all.value).toContainEqual(expect.objectContaining({ principalId: HEALTH_IDS.roleHoldingGuest, roleDefinitionId: '4a5d8f65-41da-4de4-8968-e035b65339cf', directoryScopeId: '/', roleDefinition: expect.objectContaining({ displayName: 'Reports Reader' }) }));
    const inviters = (await client.api(`${path}?$filter=${encodeURIComponent("roleDefinitionId eq '95e79109-95c0-4d8e-aee3-d01accf2d47b'")}`).get()) as { value: { principalId: string }[] };
    expect(inviters.value).toHaveLength(1);
  });

  it('the portal app holds exactly the health check’s grants in all three demo tenants', () => {
    for (const id of [DEMO_TENANT.id, FREE_TENANT.id]) {
      const app = emulator.state.findTenant(id)!.apps.find((a) => a.clientId === emulator.portalApp.clientId)!;
      expect(app.graphApplicationPermissions).toEqual(expect.arrayContaining([...HEALTH_CHECK_GRANTS]));
    }
  });
});
