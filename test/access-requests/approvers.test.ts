// The approvers' queue and the policy in the admin API, with real console tokens (admin, approver, member): who may
// see and decide, what an expired request answers, the policy's lock, and the audit of every request and decision.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_CONSOLE_USERS } from '../emulator/demo-tenant.ts';
import { startEmulator, type Emulator } from '../emulator/index.ts';
import { consoleAccessToken } from '../support/console-token.ts';
import { askJson, startRequestWorld, T, type RequestWorld } from './support.ts';

let emulator: Emulator;
let world: RequestWorld;
let locked: RequestWorld;
const tokens: Record<'admin' | 'approver' | 'member', string> = { admin: '', approver: '', member: '' };
const DAY = 86_400_000;

beforeAll(async () => {
  emulator = await startEmulator();
  world = await startRequestWorld({ emulator, settings: { expireAfterDays: 14 } });
  for (const who of ['admin', 'approver', 'member'] as const) tokens[who] = await consoleAccessToken(emulator, world.portal.config.publicBaseUrl, DEMO_CONSOLE_USERS[who]);
});
afterAll(async () => {
  await world?.close();
  await locked?.close();
  await emulator?.stop();
});

const api = (w: RequestWorld, who: keyof typeof tokens, path: string, init: RequestInit = {}) =>
  fetch(`${w.portal.url}/admin/api/t/${T}/${path}`, { ...init, headers: { authorization: `Bearer ${tokens[who]}`, 'content-type': 'application/json', ...(init.headers ?? {}) } });

interface Listed {
  id: string;
  email: string;
  name: string;
  organisation: string;
  reason: string;
  sponsor: string | null;
  state: string;
  known: boolean;
  createdAt: number;
}
const pending = async (w = world): Promise<Listed[]> => ((await (await api(w, 'approver', 'access-requests')).json()) as { requests: Listed[] }).requests;

describe('the approvers\' queue', () => {
  it('an approver sees everything the requester wrote, the sponsor, the time and whether the address is known', async () => {
    await askJson(world, { email: 'carol@partner.example', name: 'Carol Partner', organisation: 'Partner GmbH', reason: 'Joint tender 2027', sponsor: 'kibria@ezaz2281.onmicrosoft.com' });
    await world.settle();
    const [carol] = await pending();
    expect(carol).toMatchObject({ email: 'carol@partner.example', name: 'Carol Partner', organisation: 'Partner GmbH', reason: 'Joint tender 2027', sponsor: 'kibria@ezaz2281.onmicrosoft.com', state: 'pending', known: false });
    expect(carol!.createdAt).toBeGreaterThan(0);
  });

  it('a member without Guestpass.Approver or Guestpass.Admin is refused (403) to list, approve, deny or edit the policy', async () => {
    const [carol] = await pending();
    expect((await api(world, 'member', 'access-requests')).status).toBe(403);
    expect((await api(world, 'member', `access-requests/${carol!.id}/approve`, { method: 'POST', body: '{}' })).status).toBe(403);
    expect((await api(world, 'member', `access-requests/${carol!.id}/deny`, { method: 'POST', body: '{}' })).status).toBe(403);
    expect((await api(world, 'member', 'access-policy')).status).toBe(403);
    expect((await pending()).map((r) => r.state)).toEqual(['pending']);
  });

  it('deny keeps its note for the approvers only; the decision and the request are in the audit with the approver', async () => {
    const [carol] = await pending();
    const denied = await api(world, 'approver', `access-requests/${carol!.id}/deny`, { method: 'POST', body: JSON.stringify({ note: 'No tender with Partner GmbH' }) });
    expect(denied.status).toBe(200);
    expect(((await denied.json()) as { request: { state: string; note: string } }).request).toMatchObject({ state: 'denied', note: 'No tender with Partner GmbH' });
    const again = await api(world, 'admin', `access-requests/${carol!.id}/approve`, { method: 'POST', body: '{}' });
    expect(again.status).toBe(409);
    const audit = (await (await api(world, 'admin', 'audit')).json()) as { entries: { action: string; requestId?: string; actor?: { upn: string } }[] };
    const actions = audit.entries.map((e) => e.action);
    expect(actions).toEqual(expect.arrayContaining(['access-request-received', 'access-request-pending', 'access-request-denied']));
    expect(audit.entries.find((e) => e.action === 'access-request-denied')).toMatchObject({ actor: { upn: DEMO_CONSOLE_USERS.approver.username } });
  });

  it('a request not decided within the configured days expires and cannot be approved (409)', async () => {
    await askJson(world, { email: 'late@partner.example' });
    await world.settle();
    const late = (await pending()).find((r) => r.email === 'late@partner.example')!;
    world.clock.advance(15 * DAY);
    const res = await api(world, 'approver', `access-requests/${late.id}/approve`, { method: 'POST', body: '{}' });
    expect(res.status).toBe(409);
    expect(((await res.json()) as { type: string }).type).toMatch(/request-expired/);
    await world.feature.accessRequests.retention();
    const all = (await (await api(world, 'approver', 'access-requests?state=all')).json()) as { requests: Listed[] };
    expect(all.requests.find((r) => r.id === late.id)?.state).toBe('expired');
  });

  it('the requester\'s personal data is deleted the configured number of days after the decision or expiry', async () => {
    world.clock.advance(31 * DAY);
    await world.feature.accessRequests.retention();
    const all = ((await (await api(world, 'approver', 'access-requests?state=all')).json()) as { requests: Listed[] }).requests;
    const settled = all.filter((r) => ['denied', 'expired'].includes(r.state));
    expect(settled.length).toBeGreaterThanOrEqual(2);
    for (const r of settled) expect([r.email, r.name, r.organisation, r.reason, r.sponsor]).toEqual([null, null, null, null, null]);
  });
});

describe('the policy', () => {
  it('an admin reads and edits it (domains normalised); an approver may read but not edit (403); a bad domain is a 400 naming it', async () => {
    const read = (await (await api(world, 'approver', 'access-policy')).json()) as { policy: { mode: string }; locked: boolean };
    expect(read).toMatchObject({ policy: { mode: 'approval' }, locked: false });
    const body = { mode: 'pre-approved', preApprovedDomains: ['@Partner.Example'], dailyCap: 5, blockedDomains: ['spam.example'] };
    expect((await api(world, 'approver', 'access-policy', { method: 'PUT', body: JSON.stringify(body) })).status).toBe(403);
    const saved = await api(world, 'admin', 'access-policy', { method: 'PUT', body: JSON.stringify(body) });
    expect(saved.status).toBe(200);
    expect(((await saved.json()) as { policy: unknown }).policy).toEqual({ mode: 'pre-approved', preApprovedDomains: ['partner.example'], dailyCap: 5, blockedDomains: ['spam.example'] });
    const bad = await api(world, 'admin', 'access-policy', { method: 'PUT', body: JSON.stringify({ ...body, blockedDomains: ['ok.example', 'not a domain'] }) });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { detail: string }).detail).toMatch(/blockedDomains\[1\]/);
  });

  it('a policy locked by the configuration is shown but refuses edits (409)', async () => {
    locked = await startRequestWorld({ emulator, settings: { locked: true, policy: { mode: 'approval' } } });
    const read = (await (await api(locked, 'admin', 'access-policy')).json()) as { locked: boolean };
    expect(read.locked).toBe(true);
    const res = await api(locked, 'admin', 'access-policy', { method: 'PUT', body: JSON.stringify({ mode: 'off', preApprovedDomains: [], dailyCap: 1, blockedDomains: [] }) });
    expect(res.status).toBe(409);
    expect(((await res.json()) as { type: string }).type).toMatch(/policy-locked/);
  });
});
