// Access requests that end in an invitation, through the durable invitation queue against the emulator: an approval
// sends exactly one invitation On-Behalf-Of the approving admin (with their message); a pre-approved domain is invited
// without an admin, app-sent, up to the tenant's daily cap; a blocked domain gets nothing; a request approved twice
// (two admins at once) sends one.
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { DEMO_CONSOLE_USERS, DEMO_TENANT } from '../emulator/demo-tenant.ts';
import { startEmulator, type Emulator } from '../emulator/index.ts';
import { consoleAccessToken } from '../support/console-token.ts';
import { emailsTo } from '../resend/support.ts';
import { askJson, startRequestWorld, T, type RequestWorld } from './support.ts';

let emulator: Emulator;
let world: RequestWorld;
let adminToken: string;
const DAY = 86_400_000;

beforeAll(async () => {
  emulator = await startEmulator();
  world = await startRequestWorld({ emulator, settings: { policy: { mode: 'pre-approved', preApprovedDomains: ['partner.example'], dailyCap: 2, blockedDomains: ['blocked.example'] } } });
  adminToken = await consoleAccessToken(emulator, world.portal.config.publicBaseUrl, DEMO_CONSOLE_USERS.admin);
});
afterAll(async () => {
  await world?.close();
  await emulator?.stop();
});

const api = (path: string, init: RequestInit = {}) =>
  fetch(`${world.portal.url}/admin/api/t/${T}/${path}`, { ...init, headers: { authorization: `Bearer ${adminToken}`, 'content-type': 'application/json', ...(init.headers ?? {}) } });
const requestsOf = async (email: string) => (await world.feature.accessRequests.list(world.config.tenants[0]!)).filter((r) => r.address === email);
const users = () => emulator.state.findTenant(DEMO_TENANT.id)!.users.length;

describe('access requests that end in an invitation', () => {
  it('request → an admin approves with a message → exactly one invitation email, sent On-Behalf-Of that admin, with the message', async () => {
    const email = 'approved.person@newcorp.example';
    await askJson(world, { email, name: 'Approved Person' });
    await world.settle();
    const [pending] = await requestsOf(email);
    expect(pending!.state).toBe('pending');
    const usersBefore = users();

    const answer = await api(`access-requests/${pending!.id}/approve`, { method: 'POST', body: JSON.stringify({ message: 'Welcome to the Apollo project.' }) });
    expect(answer.status).toBe(200);
    await world.settle();
    const mails = emulator.outbox().filter((m) => m.to === email);
    expect(mails).toHaveLength(1);
    expect(mails[0]).toMatchObject({ invitedBy: DEMO_CONSOLE_USERS.admin.id });
    expect(JSON.stringify(mails[0])).toContain('Welcome to the Apollo project.');
    expect(users()).toBe(usersBefore + 1);
    expect((await requestsOf(email))[0]).toMatchObject({ state: 'invited', decision: 'approved' });

    // Approving again changes nothing and sends nothing.
    expect((await api(`access-requests/${pending!.id}/approve`, { method: 'POST', body: '{}' })).status).toBe(409);
    await world.settle();
    expect(emailsTo(emulator, email)).toBe(1);
  });

  it('two admins approving the same request at once send one invitation', async () => {
    const email = 'twice.approved@newcorp.example';
    await askJson(world, { email });
    await world.settle();
    const [pending] = await requestsOf(email);
    const answers = await Promise.all([1, 2].map(() => api(`access-requests/${pending!.id}/approve`, { method: 'POST', body: '{}' })));
    expect(answers.map((a) => a.status).sort()).toEqual([200, 409]);
    await world.settle();
    expect(emailsTo(emulator, email)).toBe(1);
  });
  it('a blocked domain (and its subdomains) gets nothing, whatever the policy says about pre-approval', async () => {
    for (const email of ['x@blocked.example', 'y@eu.blocked.example']) await askJson(world, { email });
    await world.settle();
    expect(emailsTo(emulator, 'x@blocked.example') + emailsTo(emulator, 'y@eu.blocked.example')).toBe(0);
    expect((await requestsOf('x@blocked.example'))[0]).toMatchObject({ state: 'dropped', outcome: 'blocked-domain' });
  });

  it('sent On-Behalf-Of the approver, so the tenant\'s invite rules apply: an Approver who may not invite (only admins and Guest Inviters may) sends nothing, and the queue shows why', async () => {
    const email = 'needs.an.inviter@newcorp.example';
    const policy = emulator.state.findTenant(DEMO_TENANT.id)!.authorizationPolicy;
    const before = policy.allowInvitesFrom;
    policy.allowInvitesFrom = 'adminsAndGuestInviters';
    onTestFinished(() => {
      policy.allowInvitesFrom = before;
    });
    await askJson(world, { email });
    await world.settle();
    const [pending] = await requestsOf(email);
    const approverToken = await consoleAccessToken(emulator, world.portal.config.publicBaseUrl, DEMO_CONSOLE_USERS.approver);
    const answer = await fetch(`${world.portal.url}/admin/api/t/${T}/access-requests/${pending!.id}/approve`, {
      method: 'POST',
      headers: { authorization: `Bearer ${approverToken}`, 'content-type': 'application/json' },
      body: '{}',
    });
    expect(answer.status).toBe(200);
    await world.settle();
    expect(emailsTo(emulator, email)).toBe(0);
    const listed = (await (await api('access-requests?state=all')).json()) as { requests: { id: string; state: string; invitation: { state: string; reason?: string } | null }[] };
    const row = listed.requests.find((r) => r.id === pending!.id)!;
    expect(row.state).toBe('invited');
    expect(row.invitation?.state).toBe('failed');
    expect(row.invitation?.reason).toMatch(/403|privileges/i);
  });

  // Last: it moves the feature's clock a day on, past the admin token's lifetime as the queue sees it.
  it('a pre-approved domain is invited at once without an admin (app-sent), and the daily cap holds; the next day counts afresh', async () => {
    const addresses = ['one@partner.example', 'two@partner.example', 'three@partner.example'];
    for (const email of addresses) await askJson(world, { email });
    await world.settle();
    const sent = addresses.filter((a) => emailsTo(emulator, a) === 1);
    expect(sent).toHaveLength(2);
    for (const a of sent) expect(emulator.outbox().find((m) => m.to === a)).toMatchObject({ invitedBy: null });
    const waiting = addresses.find((a) => !sent.includes(a))!;
    expect((await requestsOf(waiting))[0]).toMatchObject({ state: 'pending', outcome: 'daily-cap-reached' });

    world.clock.advance(DAY);
    await askJson(world, { email: 'four@partner.example' });
    await world.settle();
    expect(emailsTo(emulator, 'four@partner.example')).toBe(1);
    expect(emailsTo(emulator, waiting)).toBe(0);
  });

});
