// What the REAL microsoft-graph-client 3.0.7 and msal-node do with injected faults (throttling, outages, cut
// connections, malformed bodies), over HTTPS against startEmulator(). These pin the facts the resend worker
// relies on: by default graph-client's RetryHandler retries 429/503/504 up to 3 times, honouring Retry-After,
// and that includes POST /invitations.
import { GraphError, RetryHandlerOptions } from '@microsoft/microsoft-graph-client';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PEOPLE, DEMO_TENANT } from './demo-tenant.ts';
import { createAppTokenProvider } from './graph/test-clients.ts';
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

async function failure(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected the call to fail');
}

const lookup = (client = emulator.client(emulator.portalApp)) =>
  client.api('/users').filter(`mail eq '${DEMO_PEOPLE.pendingOutlookGuest}'`).select(['id', 'externalUserState']).get() as Promise<{ value: unknown[] }>;

const logged = (method: string, pathPrefix: string) =>
  emulator.state.requestLog.filter((entry) => entry.method === method && entry.path.startsWith(pathPrefix));

describe('throttling (facts §3 "Throttling": 429 with Retry-After)', () => {
  it('without the RetryHandler, graph-client surfaces the 429 as a GraphError carrying Retry-After', async () => {
    emulator.faults.inject({ route: 'GET /v1.0/users', fault: { kind: 'status', status: 429, retryAfterSeconds: 1 }, times: 1 });
    const error = await failure(lookup(emulator.client(emulator.portalApp, { retry: false })));
    expect(error).toBeInstanceOf(GraphError);
    const graphError = error as GraphError;
    expect(graphError.statusCode).toBe(429);
    expect(graphError.code).toBe('TooManyRequests');
    expect(graphError.headers?.get('Retry-After')).toBe('1');
    expect(graphError.requestId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('by default graph-client waits Retry-After and retries: one 429 is invisible to the caller', async () => {
    const rule = emulator.faults.inject({ route: 'GET /v1.0/users', fault: { kind: 'status', status: 429, retryAfterSeconds: 1 }, times: 1 });
    const before = logged('GET', '/v1.0/users').length;
    const page = await lookup();
    expect(page.value).toHaveLength(1);
    expect(rule.fired()).toBe(1);
    expect(logged('GET', '/v1.0/users').slice(before).map((e) => e.status)).toEqual([429, 200]);
  });

  it('by default graph-client gives up after 3 retries (4 attempts) and then throws the 429', async () => {
    const rule = emulator.faults.inject({ route: 'GET /v1.0/users', fault: { kind: 'status', status: 429, retryAfterSeconds: 0 } });
    const error = (await failure(lookup())) as GraphError;
    expect(error.statusCode).toBe(429);
    expect(rule.fired()).toBe(4);
  });

  it('by default graph-client also retries POST /invitations after a 503 — the resend worker must decide whether it wants that', async () => {
    const rule = emulator.faults.inject({ route: 'POST /v1.0/invitations', fault: { kind: 'status', status: 503, retryAfterSeconds: 0 }, times: 1 });
    const address = uniqueAddress();
    const before = logged('POST', '/v1.0/invitations').length;
    const invitation = (await emulator
      .client(emulator.portalApp)
      .api('/invitations')
      .post({ invitedUserEmailAddress: address, inviteRedirectUrl: 'https://myapps.microsoft.com' })) as { status: string };
    expect(invitation.status).toBe('PendingAcceptance');
    expect(rule.fired()).toBe(1);
    expect(logged('POST', '/v1.0/invitations').slice(before).map((e) => e.status)).toEqual([503, 201]);
  });

  it('a 504 after Graph already processed POST /invitations: the default retry invites again and the guest gets TWO emails', async () => {
    const address = uniqueAddress();
    const usersBefore = emulator.demoTenant.users.length;
    emulator.faults.inject({ route: 'POST /v1.0/invitations', fault: { kind: 'lostResponse', status: 504, retryAfterSeconds: 0 }, times: 1 });
    const invitation = (await emulator
      .client(emulator.portalApp)
      .api('/invitations')
      .post({ invitedUserEmailAddress: address, inviteRedirectUrl: 'https://myapps.microsoft.com', sendInvitationMessage: true })) as { invitedUser: { id: string } };
    expect(emulator.demoTenant.users.length).toBe(usersBefore + 1);
    const emails = emulator.state.outbox.filter((email) => email.to === address);
    expect(emails).toHaveLength(2);
    expect(emails.every((email) => email.invitedUserId === invitation.invitedUser.id)).toBe(true);
  });

  it('without retries the same 504 reaches the caller although the invitation (and its email) went out: treat 504 as "maybe done"', async () => {
    const address = uniqueAddress();
    emulator.faults.inject({ route: 'POST /v1.0/invitations', fault: { kind: 'lostResponse', status: 504 }, times: 1 });
    const error = (await failure(
      emulator
        .client(emulator.portalApp, { retry: false })
        .api('/invitations')
        .post({ invitedUserEmailAddress: address, inviteRedirectUrl: 'https://myapps.microsoft.com', sendInvitationMessage: true }),
    )) as GraphError;
    expect(error.statusCode).toBe(504);
    expect(emulator.state.outbox.filter((email) => email.to === address)).toHaveLength(1);
    emulator.advanceClock(3_000); // past the replication lag (real-behaviour §5)
    const found = (await emulator.client(emulator.portalApp).api('/users').filter(`mail eq '${address}'`).select('id').get()) as { value: unknown[] };
    expect(found.value).toHaveLength(1);
  });

  it('per request, RetryHandlerOptions(0, 0) switches the retries off: the first 429 reaches the caller', async () => {
    const rule = emulator.faults.inject({ route: 'GET /v1.0/users', fault: { kind: 'status', status: 429, retryAfterSeconds: 1 } });
    const error = (await failure(
      emulator
        .client(emulator.portalApp)
        .api('/users')
        .middlewareOptions([new RetryHandlerOptions(0, 0)])
        .get(),
    )) as GraphError;
    expect(error.statusCode).toBe(429);
    expect(rule.fired()).toBe(1);
  });

  it('a 50 % throttle (seeded PRNG): a client without retries sees 429s and answers, one 429 per firing', async () => {
    const rule = emulator.faults.inject({ route: 'GET /v1.0/users', fault: { kind: 'status', status: 429, retryAfterSeconds: 1 }, probability: 0.5 });
    const client = emulator.client(emulator.portalApp, { retry: false });
    const statuses: number[] = [];
    for (let i = 0; i < 12; i++) {
      statuses.push(await lookup(client).then(() => 200, (error: GraphError) => error.statusCode));
    }
    expect(statuses).toContain(429);
    expect(statuses).toContain(200);
    expect(statuses.filter((s) => s === 429)).toHaveLength(rule.fired());
  });
});

describe('outages and broken answers', () => {
  it('a cut connection surfaces as a network error (GraphError code TypeError, no status), not retried', async () => {
    const rule = emulator.faults.inject({ route: 'GET /v1.0/users', fault: { kind: 'cut' }, times: 2 });
    const error = (await failure(lookup())) as GraphError;
    expect(error).toBeInstanceOf(GraphError);
    expect(error.code).toBe('TypeError');
    expect(String(error.body)).toContain('fetch failed');
    expect(error.statusCode).toBe(-1);
    expect(rule.fired()).toBe(1); // armed for 2, fired once: graph-client did not retry
    rule.remove();
    expect((await lookup()).value).toHaveLength(1);
  });

  it('a malformed 200 body makes graph-client throw (GraphError SyntaxError with status 200)', async () => {
    emulator.faults.inject({ route: 'GET /v1.0/users', fault: { kind: 'malformed' }, times: 1 });
    const error = (await failure(lookup())) as GraphError;
    expect(error).toBeInstanceOf(GraphError);
    expect(error.code).toBe('SyntaxError');
    expect(error.statusCode).toBe(200);
  });

  it('a slow answer still arrives, from the real handler', async () => {
    const rule = emulator.faults.inject({ route: 'GET /v1.0/users', fault: { kind: 'delay', ms: 200 }, times: 1 });
    expect((await lookup()).value).toHaveLength(1);
    expect(rule.fired()).toBe(1);
  });

  it('login routes too: a 503 from the token endpoint makes msal-node fail at once (no retry), and the Graph call with it', async () => {
    const app = emulator.addApp(['User.Read.All']);
    const outage = {
      error: 'temporarily_unavailable',
      error_description: 'AADSTS90033: A transient error has occurred. Please try again.',
      error_codes: [90033],
    };
    const rule = emulator.faults.inject({ route: `POST /${DEMO_TENANT.id}/oauth2/v2.0/token`, fault: { kind: 'status', status: 503, body: outage } });
    const error = (await failure(createAppTokenProvider(emulator.loginBaseUrl, app).getAccessToken())) as { errorCode?: string; message: string };
    expect(error.errorCode).toBe('temporarily_unavailable');
    expect(error.message).toContain('AADSTS90033');
    expect(rule.fired()).toBe(1);
    rule.remove();
    // A fresh msal-node instance gets a token again once the outage is over.
    expect((await lookup(emulator.client(app))).value).toHaveLength(1);
  });
});
