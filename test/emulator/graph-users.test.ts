// Contract: GET /v1.0/users and /users/{id} as guestpass' worker sees them through the REAL msal-node (client
// credentials) and the REAL microsoft-graph-client, over HTTPS, against startEmulator() (facts §3).
import { GraphError, PageIterator, type PageCollection } from '@microsoft/microsoft-graph-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PEOPLE, DEMO_TENANT, PARTNER_TENANT } from './demo-tenant.ts';
import { FREE_TENANT } from './free-tenant.ts';
import { addGuest, startGraphTestEmulator, uniqueAddress, type GraphTestEmulator } from './graph/test-emulator.ts';

let emulator: GraphTestEmulator;

beforeAll(async () => {
  emulator = await startGraphTestEmulator();
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

type UserPage = { value: Record<string, unknown>[]; '@odata.nextLink'?: string; '@odata.count'?: number };

describe('§3 finding guests by email (GET /v1.0/users)', () => {
  it('mail eq finds the pending guest; externalUserState comes back only because it is $select-ed', async () => {
    const client = emulator.client(emulator.portalApp);
    const selected = (await client
      .api('/users')
      .filter(`mail eq '${DEMO_PEOPLE.pendingOutlookGuest.toUpperCase()}'`)
      .select(['id', 'mail', 'externalUserState', 'userType'])
      .get()) as UserPage;
    expect(selected.value).toHaveLength(1);
    expect(selected.value[0]).toMatchObject({ mail: DEMO_PEOPLE.pendingOutlookGuest, externalUserState: 'PendingAcceptance', userType: 'Guest' });
    expect(Object.keys(selected.value[0]!).sort()).toEqual(['externalUserState', 'id', 'mail', 'userType']);

    const unselected = (await client.api('/users').filter(`mail eq '${DEMO_PEOPLE.pendingOutlookGuest}'`).get()) as UserPage;
    expect(unselected.value[0]).toHaveProperty('userPrincipalName');
    expect(unselected.value[0]).not.toHaveProperty('externalUserState');
    expect(unselected.value[0]).not.toHaveProperty('externalUserStateChangeDateTime');
    expect(unselected.value[0]).not.toHaveProperty('signInActivity');
  });

  it('an address held only in otherMails or proxyAddresses is found with the any() lambdas, whatever its case', async () => {
    const address = uniqueAddress('alias.example');
    const guest = addGuest(emulator.demoTenant, 'primary.' + uniqueAddress('contoso-vendor.com'), {
      otherMails: [address.toUpperCase()],
      proxyAddresses: [`smtp:${address}`],
    });
    const client = emulator.client(emulator.portalApp);
    const byOtherMails = (await client.api('/users').filter(`otherMails/any(x:x eq '${address}')`).select('id').get()) as UserPage;
    const byProxy = (await client.api('/users').filter(`proxyAddresses/any(x:x eq 'SMTP:${address}')`).select('id').get()) as UserPage;
    expect(byOtherMails.value.map((u) => u.id)).toEqual([guest.id]);
    expect(byProxy.value.map((u) => u.id)).toEqual([guest.id]);
  });

  it("Microsoft's suggested existence check (UPN or mail or proxyAddresses or otherMails) with guest-state filters", async () => {
    const client = emulator.client(emulator.portalApp);
    const address = DEMO_PEOPLE.acceptedGmailGuest;
    const filter =
      `userType eq 'Guest' and creationType eq 'Invitation' and (userPrincipalName eq '${address}' or mail eq '${address}' or ` +
      `proxyAddresses/any(x:x eq 'SMTP:${address}') or otherMails/any(x:x eq '${address}'))`;
    const found = (await client.api('/users').filter(filter).select(['id', 'externalUserState']).get()) as UserPage;
    expect(found.value).toHaveLength(1);
    expect(found.value[0]!.externalUserState).toBe('Accepted');
    const pendingOnly = (await client.api('/users').filter(`${filter} and externalUserState eq 'PendingAcceptance'`).get()) as UserPage;
    expect(pendingOnly.value).toEqual([]);
  });

  it('§3 advanced query (ne / endsWith / $count) without ConsistencyLevel: eventual → 400 Request_UnsupportedQuery', async () => {
    const client = emulator.client(emulator.portalApp);
    for (const request of [
      client.api('/users').filter("externalUserState ne 'Accepted'"),
      client.api('/users').filter("endsWith(mail,'@gmail.com')").count(true),
      client.api('/users').count(true),
      client.api('/users').filter("userType eq 'Guest'").orderby('displayName'),
    ]) {
      const error = await graphFailure(request.get());
      expect(error.statusCode).toBe(400);
      expect(error.code).toBe('Request_UnsupportedQuery');
    }
    // The header alone is not enough: Graph wants $count=true too.
    const headerOnly = await graphFailure(client.api('/users').header('ConsistencyLevel', 'eventual').filter("externalUserState ne 'Accepted'").get());
    expect(headerOnly.statusCode).toBe(400);
  });

  it('§3 advanced query with ConsistencyLevel: eventual and $count=true answers with @odata.count', async () => {
    const client = emulator.client(emulator.portalApp);
    const page = (await client
      .api('/users')
      .header('ConsistencyLevel', 'eventual')
      .count(true)
      .filter("userType eq 'Guest' and endsWith(mail,'@gmail.com') and externalUserState ne 'PendingAcceptance'")
      .select(['mail'])
      .get()) as UserPage;
    const mails = page.value.map((u) => u.mail);
    expect(mails).toEqual(expect.arrayContaining([DEMO_PEOPLE.acceptedGmailGuest, DEMO_PEOPLE.dormantGuest]));
    expect(mails.every((m) => String(m).endsWith('@gmail.com'))).toBe(true);
    expect(page['@odata.count']).toBe(page.value.length);
  });

  it('paging: $top limits a page and graph-client’s PageIterator follows the opaque @odata.nextLink to the end', async () => {
    const domain = `paging-${Date.now()}.example`;
    const created = Array.from({ length: 23 }, () => addGuest(emulator.demoTenant, uniqueAddress(domain)));
    const client = emulator.client(emulator.portalApp);
    const first = (await client
      .api('/users')
      .header('ConsistencyLevel', 'eventual')
      .count(true)
      .filter(`endsWith(mail,'@${domain}')`)
      .select(['id', 'mail'])
      .top(10)
      .get()) as PageCollection & UserPage;
    expect(first.value).toHaveLength(10);
    expect(first['@odata.count']).toBe(23);
    const nextLink = new URL(first['@odata.nextLink']!);
    expect(nextLink.origin).toBe(new URL(emulator.graphBaseUrl).origin);
    expect(nextLink.searchParams.get('$skiptoken')).toMatch(/^[A-Za-z0-9_-]+$/);

    const seen: string[] = [];
    const iterator = new PageIterator(client, first, (user) => {
      seen.push((user as { id: string }).id);
      return true;
    }, { headers: { ConsistencyLevel: 'eventual' } });
    await iterator.iterate();
    expect(seen.sort()).toEqual(created.map((u) => u.id).sort());
  });

  it("graph-client sends $filter unencoded: an address with & or ' must be OData-quoted ('') and percent-encoded by the caller", async () => {
    const address = `o'neil&co.${Date.now()}@example.com`;
    const guest = addGuest(emulator.demoTenant, address);
    const client = emulator.client(emulator.portalApp);
    const quoted = `mail eq '${address.replaceAll("'", "''")}'`;
    // Raw, the & splits the query string: Graph sees a truncated filter and refuses it.
    expect((await graphFailure(client.api('/users').filter(quoted).get())).statusCode).toBe(400);
    const found = (await client.api('/users').filter(encodeURIComponent(quoted)).select('id').get()) as UserPage;
    expect(found.value.map((u) => u.id)).toEqual([guest.id]);
  });

  it('$top outside 1..999 → 400; an unknown $select property → 400; a filter outside the subset → 400', async () => {
    const client = emulator.client(emulator.portalApp);
    expect((await graphFailure(client.api('/users').top(1000).get())).statusCode).toBe(400);
    expect((await graphFailure(client.api('/users').top(0).get())).statusCode).toBe(400);
    expect((await graphFailure(client.api('/users').select('favouriteColour').get())).statusCode).toBe(400);
    const unsupported = await graphFailure(client.api('/users').filter("city eq 'Dhaka'").get());
    expect(unsupported.statusCode).toBe(400);
    expect(unsupported.code).toBe('Request_UnsupportedQuery');
    const malformed = await graphFailure(client.api('/users').filter("mail eq 'unterminated").get());
    expect(malformed.statusCode).toBe(400);
  });

  it('403 Authorization_RequestDenied for an app without User.Read.All (or a higher read permission)', async () => {
    const inviteOnly = emulator.addApp(['User.Invite.All']);
    const error = await graphFailure(emulator.client(inviteOnly).api('/users').get());
    expect(error.statusCode).toBe(403);
    expect(error.code).toBe('Authorization_RequestDenied');
    const directoryReader = emulator.addApp(['Directory.Read.All']);
    const page = (await emulator.client(directoryReader).api('/users').top(1).get()) as UserPage;
    expect(page.value).toHaveLength(1);
  });
});

describe('§3 GET /v1.0/users/{id | userPrincipalName}', () => {
  it('finds a guest by object id and by its #EXT# UPN, with the same $select rules', async () => {
    const client = emulator.client(emulator.portalApp);
    const byUpn = (await client
      .api(`/users/${encodeURIComponent(`jane.doe_gmail.com#EXT#@${DEMO_TENANT.domain}`)}`)
      .select(['id', 'mail', 'externalUserState'])
      .get()) as Record<string, unknown>;
    expect(byUpn).toMatchObject({ mail: DEMO_PEOPLE.acceptedGmailGuest, externalUserState: 'Accepted' });
    const byId = (await client.api(`/users/${String(byUpn.id)}`).get()) as Record<string, unknown>;
    expect(byId.mail).toBe(DEMO_PEOPLE.acceptedGmailGuest);
    expect(byId).not.toHaveProperty('externalUserState');
  });

  it('404 Request_ResourceNotFound for an unknown user', async () => {
    const error = await graphFailure(emulator.client(emulator.portalApp).api('/users/00000000-0000-4000-8000-00000000dead').get());
    expect(error.statusCode).toBe(404);
    expect(error.code).toBe('Request_ResourceNotFound');
  });

  it('§3 signInActivity: 403 without AuditLog.Read.All; 403 in a tenant without P1/P2; returned with both', async () => {
    const path = `/users/${encodeURIComponent(DEMO_PEOPLE.guestInviterMember)}`;
    const noAudit = await graphFailure(emulator.client(emulator.addApp(['User.Read.All'])).api(path).select(['id', 'signInActivity']).get());
    expect(noAudit.statusCode).toBe(403);
    expect(noAudit.code).toBe('Authorization_RequestDenied');

    // The free-tier demo tenant has no P1 (the partner tenant has one since issue 12's health scenario).
    const freeAuditor = emulator.addApp(['User.Read.All', 'AuditLog.Read.All'], FREE_TENANT.id);
    const noLicence = await graphFailure(emulator.client(freeAuditor).api('/users').select(['id', 'signInActivity']).get());
    expect(noLicence.statusCode).toBe(403);
    expect(noLicence.code).toBe('Authentication_RequestFromNonPremiumTenantOrB2CTenant');

    const auditor = emulator.addApp(['User.Read.All', 'AuditLog.Read.All']);
    const member = (await emulator.client(auditor).api(path).select(['id', 'signInActivity']).get()) as { signInActivity: { lastSignInDateTime: string } };
    expect(Date.parse(member.signInActivity.lastSignInDateTime)).not.toBeNaN();
  });
});

describe('§3 Graph transport details', () => {
  it('every answer carries request-id and echoes client-request-id; no bearer token → 401 InvalidAuthenticationToken', async () => {
    const response = await fetch(`${emulator.graphBaseUrl}/v1.0/users`, { headers: { 'client-request-id': 'guestpass-test-1' } });
    expect(response.status).toBe(401);
    expect(response.headers.get('request-id')).toMatch(/^[0-9a-f-]{36}$/);
    expect(response.headers.get('client-request-id')).toBe('guestpass-test-1');
    const body = (await response.json()) as { error: { code: string; innerError: Record<string, string> } };
    expect(body.error.code).toBe('InvalidAuthenticationToken');
    expect(body.error.innerError['request-id']).toBe(response.headers.get('request-id'));

    const forged = await fetch(`${emulator.graphBaseUrl}/v1.0/users`, { headers: { authorization: 'Bearer not.a.token' } });
    expect(forged.status).toBe(401);
  });

  it('browsers may call it: CORS preflight answers 204 without a token, and answers carry Access-Control-Allow-Origin', async () => {
    const preflight = await fetch(`${emulator.graphBaseUrl}/v1.0/users`, {
      method: 'OPTIONS',
      headers: { origin: 'https://portal.example', 'access-control-request-method': 'GET', 'access-control-request-headers': 'authorization,consistencylevel' },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe('*');
    expect(preflight.headers.get('access-control-allow-headers')).toContain('consistencylevel');
    const denied = await fetch(`${emulator.graphBaseUrl}/v1.0/users`, { headers: { origin: 'https://portal.example' } });
    expect(denied.headers.get('access-control-allow-origin')).toBe('*');
  });
});
