// Contract: POST /v1.0/$batch and the tenant-settings reads (authorizationPolicy, Conditional Access, SKUs) through
// the REAL msal-node + microsoft-graph-client over HTTPS against startEmulator() (facts §3).
import { BatchRequestContent, BatchResponseContent, GraphError } from '@microsoft/microsoft-graph-client';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PEOPLE, PARTNER_TENANT } from './demo-tenant.ts';
import { startGraphTestEmulator, uniqueAddress, type GraphTestEmulator } from './graph/test-emulator.ts';

let emulator: GraphTestEmulator;

beforeAll(async () => {
  emulator = await startGraphTestEmulator();
});

afterEach(() => {
  emulator.faults.clear();
});

afterAll(async () => {
  await emulator?.close();
});

async function graphFailure(promise: Promise<unknown>): Promise<GraphError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof GraphError) return error;
    throw error;
  }
  throw new Error('expected the Graph call to fail');
}

interface BatchBody {
  responses: { id: string; status: number; headers: Record<string, string>; body: { value?: { id: string; externalUserState?: string }[]; error?: { code: string } } }[];
}

const lookup = (id: string, address: string, headers?: Record<string, string>) => ({
  id,
  method: 'GET',
  url: `/users?$filter=${encodeURIComponent(`mail eq '${address}'`)}&$select=id,externalUserState`,
  ...(headers ? { headers } : {}),
});

describe('§3 $batch', () => {
  it('runs each inner request on its own and answers 200 with one response per id', async () => {
    // An app with the resend feature's permissions only (the demo portal app now also holds the health check's).
    const body = (await emulator
      .client(emulator.addApp(['User.Invite.All', 'User.Read.All']))
      .api('/$batch')
      .post({
        requests: [
          lookup('pending', DEMO_PEOPLE.pendingOutlookGuest),
          lookup('nobody', uniqueAddress()),
          { id: 'skus', method: 'GET', url: '/subscribedSkus' },
        ],
      })) as BatchBody;
    const byId = Object.fromEntries(body.responses.map((r) => [r.id, r]));
    expect(byId.pending!.status).toBe(200);
    expect(byId.pending!.body.value![0]!.externalUserState).toBe('PendingAcceptance');
    expect(byId.nobody!.body.value).toEqual([]);
    // The app lacks LicenseAssignment.Read.All / Organization.Read.All: that inner request alone is refused.
    expect(byId.skus!.status).toBe(403);
  });

  it('ConsistencyLevel belongs inside each inner request: an advanced query without it → inner 400', async () => {
    const advanced = { id: 'a', method: 'GET', url: `/users?$count=true&$filter=${encodeURIComponent("externalUserState ne 'Accepted'")}` };
    const body = (await emulator
      .client(emulator.portalApp)
      .api('/$batch')
      .header('ConsistencyLevel', 'eventual')
      .post({ requests: [advanced, { ...advanced, id: 'b', headers: { ConsistencyLevel: 'eventual' } }] })) as BatchBody;
    const byId = Object.fromEntries(body.responses.map((r) => [r.id, r]));
    expect(byId.a!.status).toBe(400);
    expect(byId.a!.body.error!.code).toBe('Request_UnsupportedQuery');
    expect(byId.b!.status).toBe(200);
  });

  it('works with graph-client’s own BatchRequestContent / BatchResponseContent', async () => {
    const client = emulator.client(emulator.portalApp);
    const content = new BatchRequestContent([
      { id: '1', request: new Request(`${emulator.graphBaseUrl}/v1.0/users?$filter=${encodeURIComponent(`mail eq '${DEMO_PEOPLE.acceptedGmailGuest}'`)}&$select=id`) },
    ]);
    const response = new BatchResponseContent(await client.api('/$batch').post(await content.getContent()));
    const inner = response.getResponseById('1');
    expect(inner.status).toBe(200);
    expect(((await inner.json()) as { value: unknown[] }).value).toHaveLength(1);
  });

  it('§3 $batch over 20 requests → 400 and none of them runs', async () => {
    const before = emulator.demoTenant.users.length;
    const requests = Array.from({ length: 21 }, (_, i) => ({
      id: String(i + 1),
      method: 'POST',
      url: '/invitations',
      body: { invitedUserEmailAddress: uniqueAddress(), inviteRedirectUrl: 'https://myapps.microsoft.com' },
      headers: { 'Content-Type': 'application/json' },
    }));
    const error = await graphFailure(emulator.client(emulator.portalApp).api('/$batch').post({ requests }));
    expect(error.statusCode).toBe(400);
    expect(emulator.demoTenant.users.length).toBe(before);
    const twenty = (await emulator.client(emulator.portalApp).api('/$batch').post({ requests: requests.slice(0, 20) })) as BatchBody;
    expect(twenty.responses.every((r) => r.status === 201)).toBe(true);
  });

  it('§3 "a 200 batch can contain inner 429s": fault rules apply to each inner request, with Retry-After', async () => {
    emulator.faults.inject({ route: "GET /v1.0/users?$filter=mail%20eq%20'conceptsuser", fault: { kind: 'status', status: 429, retryAfterSeconds: 1 } });
    const rule = emulator.faults.inject({ route: /^GET \/v1\.0\/users\?\$filter=mail%20eq%20'conceptsuser/, fault: { kind: 'status', status: 429, retryAfterSeconds: 1 } });
    const body = (await emulator
      .client(emulator.portalApp, { retry: false })
      .api('/$batch')
      .post({ requests: [lookup('throttled', DEMO_PEOPLE.pendingOutlookGuest), lookup('fine', DEMO_PEOPLE.acceptedGmailGuest)] })) as BatchBody;
    const byId = Object.fromEntries(body.responses.map((r) => [r.id, r]));
    expect(byId.throttled!.status).toBe(429);
    expect(byId.throttled!.headers['Retry-After']).toBe('1');
    expect(byId.throttled!.body.error!.code).toBe('TooManyRequests');
    expect(byId.fine!.status).toBe(200);
    expect(emulator.faults.fired()).toBe(1);
    expect(rule.fired()).toBe(0); // the first matching rule wins
  });

  it('an inner lostResponse fault: that inner request ran (guest created) but answers 504', async () => {
    const address = uniqueAddress();
    emulator.faults.inject({ route: 'POST /v1.0/invitations', fault: { kind: 'lostResponse', status: 504 }, times: 1 });
    const body = (await emulator
      .client(emulator.portalApp)
      .api('/$batch')
      .post({
        requests: [
          { id: 'i', method: 'POST', url: '/invitations', headers: { 'Content-Type': 'application/json' }, body: { invitedUserEmailAddress: address, inviteRedirectUrl: 'https://myapps.microsoft.com' } },
        ],
      })) as BatchBody;
    expect(body.responses[0]!.status).toBe(504);
    expect(emulator.demoTenant.users.some((u) => u.mail === address)).toBe(true);
  });
});

describe('§3 tenant settings', () => {
  it('authorizationPolicy.allowInvitesFrom needs Policy.Read.All; an app with only the resend permissions gets 403', async () => {
    const denied = await graphFailure(emulator.client(emulator.addApp(['User.Invite.All', 'User.Read.All'])).api('/policies/authorizationPolicy').get());
    expect(denied.statusCode).toBe(403);
    const reader = emulator.addApp(['Policy.Read.All']);
    const policy = (await emulator.client(reader).api('/policies/authorizationPolicy').get()) as { id: string; allowInvitesFrom: string };
    expect(policy).toMatchObject({ id: 'authorizationPolicy', allowInvitesFrom: 'everyone' });
    const partnerReader = emulator.addApp(['Policy.Read.All'], PARTNER_TENANT.id);
    const partner = (await emulator.client(partnerReader).api('/policies/authorizationPolicy').get()) as { allowInvitesFrom: string };
    expect(partner.allowInvitesFrom).toBe('adminsAndGuestInviters');
  });

  it('Conditional Access policies (Policy.Read.All) and subscribed SKUs (Organization.Read.All) are the tenant’s', async () => {
    const reader = emulator.addApp(['Policy.Read.All', 'Organization.Read.All']);
    const client = emulator.client(reader);
    const policies = (await client.api('/identity/conditionalAccess/policies').get()) as { value: { displayName: string; conditions: { users: { includeGuestsOrExternalUsers: boolean } } }[] };
    expect(policies.value.map((p) => p.displayName)).toEqual(emulator.demoTenant.conditionalAccessPolicies.map((p) => p.displayName));
    const skus = (await client.api('/subscribedSkus').get()) as { value: { skuPartNumber: string; prepaidUnits: { enabled: number } }[] };
    expect(skus.value.map((s) => s.skuPartNumber)).toContain('AAD_PREMIUM');
    expect((await graphFailure(emulator.client(emulator.addApp(['User.Read.All'])).api('/identity/conditionalAccess/policies').get())).statusCode).toBe(403);
  });

  it('an unknown resource → 400 "Resource not found for the segment"; a wrong method → 405; /beta → 404', async () => {
    const client = emulator.client(emulator.portalApp);
    const unknown = await graphFailure(client.api('/groups').get());
    expect(unknown.statusCode).toBe(400);
    expect(unknown.message).toContain("segment 'groups'");
    expect((await graphFailure(client.api('/users/abc/photo').get())).message).toContain("segment 'photo'");
    expect((await graphFailure(client.api('/invitations').get())).statusCode).toBe(405);
    const beta = await graphFailure(client.api('/users').version('beta').get());
    expect(beta.statusCode).toBe(404);
  });
});
