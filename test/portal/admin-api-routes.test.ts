// The admin API's routes with a real portal, the real resend feature and the emulator (issue 9 "What the admin sees
// and does"): resend through the queue (not the self-service buckets) audited with the admin, requests with their
// outcomes, dead letters retried one by one or by reason, the audit trail and its CSV, tenant health.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { csvCell } from '../../portal/routes/admin-api.ts';
import { createResendFeature, featureDeps, type ResendFeature } from '../../portal/resend/index.ts';
import { startServer, type RunningServer } from '../../portal/server.ts';
import { DEMO_CONSOLE_USERS, DEMO_PEOPLE, DEMO_PORTAL_APP, DEMO_TENANT } from '../emulator/demo-tenant.ts';
import { startEmulator, type Emulator } from '../emulator/index.ts';
import { consoleAccessToken } from '../support/console-token.ts';
import { drain, emailsTo, portalConfig, silentLogger } from '../resend/support.ts';

let emulator: Emulator;
let portal: RunningServer;
let feature: ResendFeature;
let adminToken: string;
const T = DEMO_TENANT.domain;

const signedInToken = (user: (typeof DEMO_CONSOLE_USERS)[keyof typeof DEMO_CONSOLE_USERS]) => consoleAccessToken(emulator, portal.config.publicBaseUrl, user);

const api = (path: string, init: RequestInit = {}) =>
  fetch(`${portal.url}/admin/api/t/${T}/${path}`, { ...init, headers: { authorization: `Bearer ${adminToken}`, 'content-type': 'application/json', ...(init.headers ?? {}) } });

beforeAll(async () => {
  emulator = await startEmulator();
  // One self-service request per address per hour: the admin's resends must not be stopped by (or use up) it.
  const config = portalConfig(emulator, { rateLimits: { perIpPerHour: 1000, perAddressPerHour: 1, perTenantPerHour: 1000 } });
  feature = await createResendFeature({ config, logger: silentLogger, tuning: { pollMs: 100, holdRetryMs: 200, budget: { calls: 1000, perMs: 1_000 } } });
  portal = await startServer({ config, logger: silentLogger, ...featureDeps(feature) });
  emulator.setPortalUrl(portal.config.publicBaseUrl);
  feature.worker.start();
  adminToken = await signedInToken(DEMO_CONSOLE_USERS.admin);
});
afterAll(async () => {
  await portal?.close();
  await feature?.close();
  await emulator?.stop();
});
beforeEach(() => emulator.faults.clear());

describe('admin API routes', () => {
  it('resends pending invitations through the queue, audited with the admin; the self-service bucket is neither needed nor used', async () => {
    const answer = await api('resend', { method: 'POST', body: JSON.stringify({ emails: [DEMO_PEOPLE.longPendingGuest, 'not an address'] }) });
    expect(answer.status).toBe(202);
    const body = (await answer.json()) as { results: { email: string; outcome: string }[]; accepted: number };
    expect(body.accepted).toBe(1);
    expect(body.results.map((r) => r.outcome)).toEqual(['queued', 'invalid']);
    await drain(feature.store);
    expect(emailsTo(emulator, DEMO_PEOPLE.longPendingGuest)).toBe(1);
    // The guest can still ask once themselves (the admin's resend took nothing from their bucket); the window
    // then keeps it to one email.
    const self = await fetch(`${portal.url}/t/${T}/resend`, { method: 'POST', headers: { 'content-type': 'application/json', accept: 'application/json', origin: new URL(portal.config.publicBaseUrl).origin }, body: JSON.stringify({ email: DEMO_PEOPLE.longPendingGuest }) });
    expect(self.status).toBe(202);
    await drain(feature.store);
    expect(emailsTo(emulator, DEMO_PEOPLE.longPendingGuest)).toBe(1);

    const audit = (await (await api(`audit?action=admin-resend`)).json()) as { entries: { action: string; actor?: { upn: string; oid: string } }[] };
    expect(audit.entries[0]).toMatchObject({ action: 'admin-resend', actor: { upn: DEMO_CONSOLE_USERS.admin.username, oid: DEMO_CONSOLE_USERS.admin.id } });
    const byActor = (await (await api(`audit?actor=${encodeURIComponent('admin@ezaz')}`)).json()) as { entries: unknown[] };
    expect(byActor.entries.length).toBeGreaterThan(0);
    const nobody = (await (await api(`audit?actor=someone-else`)).json()) as { entries: unknown[] };
    expect(nobody.entries).toEqual([]);
  });

  it('lists requests: finished ones only when the address is typed (matched by its hash)', async () => {
    const open = (await (await api('requests')).json()) as { requests: { address?: string; state: string }[] };
    expect(open.requests.map((r) => r.address)).not.toContain(DEMO_PEOPLE.longPendingGuest); // done: not listed in clear
    const typed = (await (await api(`requests?email=${encodeURIComponent(DEMO_PEOPLE.longPendingGuest.toUpperCase())}`)).json()) as { requests: { state: string; reason?: string }[] };
    expect(typed.requests.length).toBeGreaterThanOrEqual(2);
    expect(typed.requests.map((r) => r.reason)).toContain('sent');
  });

  it('a dead letter is listed with its reason and retried (one, then all of a reason), and delivered once', async () => {
    emulator.faults.inject({ route: 'GET /v1.0/users', fault: { kind: 'status', status: 400, body: { error: { code: 'BadRequest', message: 'Broken on purpose' } } }, times: 2 });
    for (const email of [DEMO_PEOPLE.pendingOutlookGuest, 'stranger@example.org']) await api('resend', { method: 'POST', body: JSON.stringify({ emails: [email] }) });
    await drain(feature.store);
    const letters = ((await (await api('dead-letters')).json()) as { deadLetters: { id: string; address: string; reason: string }[] }).deadLetters;
    expect(letters.map((d) => d.address).sort()).toEqual([DEMO_PEOPLE.pendingOutlookGuest, 'stranger@example.org']);
    const concepts = letters.find((d) => d.address === DEMO_PEOPLE.pendingOutlookGuest)!;
    expect(concepts.reason).toMatch(/lookup-failed: HTTP 400/);

    const one = await api(`dead-letters/${concepts.id}/retry`, { method: 'POST', body: '{}' });
    expect(await one.json()).toEqual({ requeued: 1 });
    await drain(feature.store);
    expect(emailsTo(emulator, DEMO_PEOPLE.pendingOutlookGuest)).toBe(1);

    const rest = await api('dead-letters/retry', { method: 'POST', body: JSON.stringify({ reason: letters.find((d) => d.address !== concepts.address)!.reason }) });
    expect(await rest.json()).toEqual({ requeued: 1 });
    await drain(feature.store);
    expect(((await (await api('dead-letters')).json()) as { deadLetters: unknown[] }).deadLetters).toEqual([]);
    expect((await api('dead-letters/nope/retry', { method: 'POST', body: '{}' })).status).toBe(404);
    const audit = (await (await api('audit?action=retry-requested')).json()) as { entries: { actor?: { upn: string } }[] };
    expect(audit.entries).toHaveLength(2);
    expect(audit.entries[0]!.actor?.upn).toBe(DEMO_CONSOLE_USERS.admin.username);
  });

  it('exports the audit trail as CSV with formula cells neutralised', async () => {
    const res = await api('audit.csv');
    expect(res.headers.get('content-type')).toMatch(/^text\/csv/);
    const text = await res.text();
    expect(text.split('\r\n')[0]).toBe('at,actor_upn,actor_oid,action,request,detail');
    expect(text).toContain(DEMO_CONSOLE_USERS.admin.username);
    for (const evil of ['=HYPERLINK("http://x")', '+1', '-1+2', '@SUM(A1)', '\tx', '\rx']) expect(csvCell(evil).replace(/^"/, '')).toMatch(/^'/);
    expect(csvCell('a,"b"')).toBe('"a,""b"""');
    expect(csvCell('plain')).toBe('plain');
  });

  it('tenant health: live credentials, granted vs needed permissions, secret expiry; a revoked consent shows', async () => {
    emulator.apps.expirePrimarySecret(DEMO_TENANT.id, DEMO_PORTAL_APP.clientId, '2027-01-15T00:00:00Z');
    const ok = (await (await api('health')).json()) as Record<string, any>;
    expect(ok.credentials.ok).toBe(true);
    expect(ok.permissions).toMatchObject({ missing: [] });
    expect(ok.credentialExpiresAt).toBe('2027-01-15T00:00:00Z');
    expect(ok.lastResendAt).toEqual(expect.any(String));
    emulator.apps.setConsent(DEMO_TENANT.id, DEMO_PORTAL_APP.clientId, { application: [] });
    try {
      const bad = (await (await api('health')).json()) as Record<string, any>;
      expect(bad.credentials).toMatchObject({ ok: false, code: 'HTTP 403' });
      expect(bad.permissions.missing.sort()).toEqual(['User.Invite.All', 'User.Read.All']);
    } finally {
      emulator.apps.setConsent(DEMO_TENANT.id, DEMO_PORTAL_APP.clientId, { application: ['User.Invite.All', 'User.Read.All'] });
    }
  });

  it('answers unknown API paths and bad bodies with problems, never HTML or 500', async () => {
    const unknown = await api('nope');
    expect(unknown.status).toBe(404);
    expect(unknown.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    const malformed = await api('resend', { method: 'POST', body: '{"emails": [' });
    expect(malformed.status).toBe(400);
    expect(malformed.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  });
});
