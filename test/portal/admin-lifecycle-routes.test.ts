// The B2B health check and the guest lifecycle through the admin API (issue 12), over HTTP with real console tokens:
// the check runs with the portal's app-only credentials; every lifecycle action runs On-Behalf-Of the signed-in admin,
// so the emulator checks the admin's directory role as Entra does. Approvers are refused by the API, a member without
// a directory role is refused by Graph — explained, never a 500 — and every action is audited with the admin.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createResendFeature, type ResendFeature } from '../../portal/resend/index.ts';
import { startServer, type RunningServer } from '../../portal/server.ts';
import { DEMO_CONSOLE_USERS, DEMO_PEOPLE, DEMO_PORTAL_APP, DEMO_TENANT, PORTAL_API } from '../emulator/demo-tenant.ts';
import { startEmulator, type Emulator } from '../emulator/index.ts';
import { DEMO_USER_IDS } from '../emulator/seed.ts';
import { HEALTH_IDS } from '../emulator/seed-health.ts';
import { consoleAccessToken } from '../support/console-token.ts';
import { portalConfig, silentLogger } from '../resend/support.ts';
import { recordingGrants } from '../support/recorded-grants.ts';

let emulator: Emulator;
let portal: RunningServer;
let feature: ResendFeature;
let adminToken: string;
const T = DEMO_TENANT.domain;

const tokenOf = (user: (typeof DEMO_CONSOLE_USERS)[keyof typeof DEMO_CONSOLE_USERS]) => consoleAccessToken(emulator, portal.config.publicBaseUrl, user);
const api = (path: string, init: RequestInit & { token?: string } = {}) =>
  fetch(`${portal.url}/admin/api/t/${T}/${path}`, { ...init, headers: { authorization: `Bearer ${init.token ?? adminToken}`, 'content-type': 'application/json', ...(init.headers ?? {}) } });
const post = (path: string, body: unknown, token?: string) => api(path, { method: 'POST', body: JSON.stringify(body), ...(token ? { token } : {}) });
const demo = () => emulator.state.findTenant(DEMO_TENANT.id)!;
const userIn = (id: string) => demo().users.find((u) => u.id === id);
const groupsOf = (id: string) => (demo().groups ?? []).filter((g) => g.memberIds.includes(id)).map((g) => g.displayName).sort();

interface StaleAnswer {
  madeAt: number;
  guests: { id: string; reason: string }[];
}

/** Graph calls the portal's routes took from the budget. */
const granted: { tenantKey: string; at: number }[] = [];

beforeAll(async () => {
  emulator = await startEmulator();
  const config = portalConfig(emulator);
  feature = await createResendFeature({ config, logger: silentLogger, tuning: { budget: { calls: 1000, perMs: 1_000 } } });
  portal = await startServer({ config, logger: silentLogger, resend: feature.service, store: recordingGrants(feature.store, (tenantKey, at) => granted.push({ tenantKey, at })), resendStatus: () => feature.worker.status() });
  emulator.setPortalUrl(portal.config.publicBaseUrl);
  adminToken = await tokenOf(DEMO_CONSOLE_USERS.admin);
});
afterAll(async () => {
  await portal?.close();
  await feature?.close();
  await emulator?.stop();
});
beforeEach(() => emulator.reset());

async function auditOf(action: string) {
  return ((await (await api(`audit?action=${action}`)).json()) as { entries: { actor?: { upn: string; oid: string }; target: string; detail: string }[] }).entries;
}

describe('B2B health check (app-only, admin API)', () => {
  it('answers the report as JSON, and as JSON and CSV downloads', async () => {
    const res = await api('b2b-health?fresh=1');
    expect(res.status).toBe(200);
    const report = (await res.json()) as { overall: string; findings: { id: string; severity: string }[]; guests: { pending: number } };
    expect(report.overall).toBe('warning');
    expect(report.findings.map((f) => f.id)).toEqual(['who-may-invite', 'guest-access-level', 'email-one-time-passcode', 'guest-mfa', 'usage-location', 'pending-invitations', 'stale-guests', 'guest-directory-roles']);
    expect(report.guests.pending).toBe(2);

    const csv = await api('b2b-health.csv');
    expect(csv.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(csv.headers.get('content-disposition')).toBe(`attachment; filename="guestpass-b2b-health-${T}.csv"`);
    const lines = (await csv.text()).trim().split('\r\n');
    expect(lines[0]).toBe('tenant,generatedAt,check,severity,title,summary,counts,examples,fix,learnMore,missingPermission');
    expect(lines).toHaveLength(9);
    const json = await api('b2b-health.json');
    expect(json.headers.get('content-disposition')).toMatch(/attachment; filename=".*\.json"/);
    expect(((await json.json()) as { findings: unknown[] }).findings).toHaveLength(8);
  });

  it("its Graph requests are taken from the tenant's shared Graph budget (each request inside a $batch counted)", async () => {
    const before = granted.length;
    const report = (await (await api('b2b-health?fresh=1')).json()) as { graphRequests: number };
    expect(report.graphRequests).toBe(6);
    // One call of the tenant's budget per Graph request, the five inside the $batch included.
    expect(granted.slice(before).filter((g) => g.tenantKey === T)).toHaveLength(report.graphRequests);
  });

  it('an Approver is refused (403) on the check and on every lifecycle route', async () => {
    const approver = await tokenOf(DEMO_CONSOLE_USERS.approver);
    for (const [method, path] of [['GET', 'b2b-health'], ['GET', 'b2b-health.csv'], ['GET', 'lifecycle/stale'], ['POST', 'lifecycle/remove'], ['GET', 'lifecycle/deleted'], ['POST', `lifecycle/deleted/${DEMO_USER_IDS.dormantPartner}/restore`], ['GET', 'lifecycle/domains'], ['POST', 'lifecycle/convert'], ['POST', 'lifecycle/reinvite']] as const) {
      const res = await api(path, { method, token: approver, ...(method === 'POST' ? { body: '{}' } : {}) });
      expect(res.status, `${method} ${path}`).toBe(403);
      expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    }
  });
});

describe('quarterly review (on behalf of the admin)', () => {
  it('a dry run changes nothing; a wrong count is refused; removal, then restore — each audited with the admin', async () => {
    const stale = (await (await api('lifecycle/stale')).json()) as StaleAnswer;
    expect(stale.guests.map((g) => [g.id, g.reason])).toEqual([
      [DEMO_USER_IDS.dormantPartner, 'stale'],
      [HEALTH_IDS.neverSignedInGuest, 'never-signed-in'],
    ]);
    const ids = stale.guests.map((g) => g.id);

    const dry = await post('lifecycle/remove', { ids, listMadeAt: stale.madeAt, confirmCount: 2, dryRun: true });
    expect(await dry.json()).toMatchObject({ dryRun: true, removed: 0, wouldRemove: 2, refused: 0 });
    expect(ids.every((id) => userIn(id))).toBe(true);
    expect(demo().deletedUsers ?? []).toEqual([]);

    const wrong = await post('lifecycle/remove', { ids, listMadeAt: stale.madeAt, confirmCount: 1, dryRun: false });
    expect(wrong.status).toBe(400);
    expect(((await wrong.json()) as { detail: string }).detail).toContain('confirmation was for 1 guest(s) but 2 are selected');
    expect(ids.every((id) => userIn(id))).toBe(true);

    const done = await post('lifecycle/remove', { ids: [DEMO_USER_IDS.dormantPartner], listMadeAt: stale.madeAt, confirmCount: 1, dryRun: false });
    expect(await done.json()).toMatchObject({ removed: 1, results: [{ id: DEMO_USER_IDS.dormantPartner, outcome: 'removed', displayName: 'Dormant Partner' }] });
    expect(userIn(DEMO_USER_IDS.dormantPartner)).toBeUndefined();

    const deleted = (await (await api('lifecycle/deleted')).json()) as { deleted: { id: string; restorableUntil: string }[] };
    expect(deleted.deleted.map((d) => d.id)).toEqual([DEMO_USER_IDS.dormantPartner]);
    const restored = await post(`lifecycle/deleted/${DEMO_USER_IDS.dormantPartner}/restore`, {});
    expect(await restored.json()).toEqual({ restored: { id: DEMO_USER_IDS.dormantPartner, displayName: 'Dormant Partner' } });
    expect(userIn(DEMO_USER_IDS.dormantPartner)?.userType).toBe('Guest');

    const removals = await auditOf('remove-guest');
    expect(removals.map((e) => e.detail.match(/outcome: ([^;]+)/)?.[1])).toEqual(['done', 'dry-run', 'dry-run']);
    for (const e of [...removals, ...(await auditOf('restore-user'))]) expect(e.actor).toEqual({ upn: DEMO_CONSOLE_USERS.admin.username, oid: DEMO_CONSOLE_USERS.admin.id });
    expect(removals[0]!.target).toBe(DEMO_USER_IDS.dormantPartner);
  });

  it('the stale list reads only the guests and their sign-ins, none of the health check\'s policies, licences or roles', async () => {
    const before = emulator.requests().length;
    expect((await api('lifecycle/stale')).status).toBe(200);
    const paths = emulator.requests().slice(before).map((r) => r.path).filter((p) => p.startsWith('/v1.0/'));
    expect(paths.length).toBeGreaterThan(0);
    expect(paths.every((p) => p.startsWith('/v1.0/users?'))).toBe(true);
  });

  it('each guest is read again before deletion: one who signed in since the list, or is no longer a guest, is kept', async () => {
    const stale = (await (await api('lifecycle/stale')).json()) as StaleAnswer;
    userIn(DEMO_USER_IDS.dormantPartner)!.signInActivity = { lastSignInDateTime: new Date(stale.madeAt + 1000).toISOString() };
    userIn(HEALTH_IDS.neverSignedInGuest)!.userType = 'Member';
    const res = await post('lifecycle/remove', { ids: stale.guests.map((g) => g.id), listMadeAt: stale.madeAt, confirmCount: 2, dryRun: false });
    const body = (await res.json()) as { removed: number; refused: number; results: { outcome: string; reason: string }[] };
    expect(body).toMatchObject({ removed: 0, refused: 2 });
    expect(body.results.map((r) => r.reason)).toEqual(['signed in since the list was made: kept', expect.stringContaining('not a guest')]);
    expect(userIn(DEMO_USER_IDS.dormantPartner)).toBeDefined();
    expect(userIn(HEALTH_IDS.neverSignedInGuest)).toBeDefined();
  });

  it('the list time is checked by the server: a future one (which would hide every later sign-in) or one older than a day is refused, nothing removed', async () => {
    const stale = (await (await api('lifecycle/stale')).json()) as StaleAnswer;
    const audited = (await auditOf('remove-guest')).length;
    // The dormant partner signs in after the list: a list dated in the future would have let them be deleted.
    userIn(DEMO_USER_IDS.dormantPartner)!.signInActivity = { lastSignInDateTime: new Date(stale.madeAt + 1000).toISOString() };
    for (const [listMadeAt, says] of [[stale.madeAt + 3_600_000, 'dated in the future'], [stale.madeAt - 25 * 3_600_000, 'more than 24 hours old']] as const) {
      for (const dryRun of [true, false]) {
        const res = await post('lifecycle/remove', { ids: [DEMO_USER_IDS.dormantPartner], listMadeAt, confirmCount: 1, dryRun });
        expect(res.status).toBe(400);
        expect(((await res.json()) as { detail: string }).detail).toBe(`the list is ${says}: make the list again.`);
      }
    }
    expect(userIn(DEMO_USER_IDS.dormantPartner)).toBeDefined();
    expect(await auditOf('remove-guest')).toHaveLength(audited);
  });

  it('a guest who is not stale (never on the list) is refused with the reason and kept, whatever ids the request names', async () => {
    const stale = (await (await api('lifecycle/stale')).json()) as StaleAnswer;
    const notOnTheList = [DEMO_USER_IDS.janeDoe, DEMO_USER_IDS.conceptsUser];
    expect(stale.guests.map((g) => g.id)).not.toEqual(expect.arrayContaining([DEMO_USER_IDS.janeDoe]));
    const res = await post('lifecycle/remove', { ids: [...notOnTheList, DEMO_USER_IDS.dormantPartner], listMadeAt: stale.madeAt, confirmCount: 3, dryRun: false });
    const body = (await res.json()) as { removed: number; refused: number; results: { id: string; outcome: string; reason?: string }[] };
    expect(body).toMatchObject({ removed: 1, refused: 2 });
    expect(body.results.map((r) => [r.id, r.outcome, r.reason?.split(' (')[0]])).toEqual([
      [DEMO_USER_IDS.janeDoe, 'refused', 'not a stale guest'],
      [DEMO_USER_IDS.conceptsUser, 'refused', 'not a stale guest'],
      [DEMO_USER_IDS.dormantPartner, 'removed', undefined],
    ]);
    for (const id of notOnTheList) expect(userIn(id)?.userType).toBe('Guest');
    expect(userIn(DEMO_USER_IDS.dormantPartner)).toBeUndefined();
    expect((await auditOf('remove-guest')).filter((e) => e.detail.includes('not a stale guest')).map((e) => e.target).sort()).toEqual([...notOnTheList].sort());
  });

  it('bad input is a 400 problem, never a 5xx', async () => {
    for (const body of [{}, { ids: 'x', listMadeAt: 1, confirmCount: 1 }, { ids: ['not-a-guid'], listMadeAt: 1, confirmCount: 1 }, { ids: [DEMO_USER_IDS.janeDoe], listMadeAt: 'yesterday', confirmCount: 1 }]) {
      expect((await post('lifecycle/remove', body)).status).toBe(400);
    }
    expect((await api('lifecycle/remove', { method: 'POST', body: '{not json' })).status).toBe(400);
    expect((await post('lifecycle/convert', { userId: DEMO_USER_IDS.janeDoe })).status).toBe(400);
    expect((await post('lifecycle/reinvite', { userId: DEMO_USER_IDS.janeDoe, newAddress: 'a+b@example.com' })).status).toBe(400);
    expect((await post('lifecycle/deleted/not-a-guid/restore', {})).status).toBe(400);
  });
});

describe("the tenant's shared Graph budget (issue 11)", () => {
  it('every lifecycle route takes each of its Graph requests from the budget', async () => {
    const graphRequests = () => emulator.requests().filter((r) => /^\/(v1\.0|beta)\//.test(r.path)).length;
    const stale = (await (await api('lifecycle/stale')).json()) as StaleAnswer;
    const routes: [string, string, unknown?][] = [
      ['GET', 'lifecycle/stale'],
      ['POST', 'lifecycle/remove', { ids: stale.guests.map((g) => g.id), listMadeAt: stale.madeAt, confirmCount: 2, dryRun: true }],
      ['POST', 'lifecycle/remove', { ids: [DEMO_USER_IDS.dormantPartner], listMadeAt: stale.madeAt, confirmCount: 1, dryRun: false }],
      ['GET', 'lifecycle/deleted'],
      ['POST', `lifecycle/deleted/${DEMO_USER_IDS.dormantPartner}/restore`, {}],
      ['GET', 'lifecycle/domains'],
      ['POST', 'lifecycle/convert', { userId: DEMO_USER_IDS.conceptsUser, upnLocalPart: 'concepts', domain: DEMO_TENANT.domain, password: 'Typed-Passw0rd!', forceChangePasswordNextSignIn: true }],
      ['POST', 'lifecycle/reinvite', { userId: DEMO_USER_IDS.samVendor, newAddress: 'sam@budget.example' }],
    ];
    for (const [method, path, body] of routes) {
      const before = graphRequests();
      const grantsBefore = granted.length;
      const res = await api(path, { method, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
      expect(res.status, `${method} ${path}`).toBeLessThan(500);
      const made = graphRequests() - before;
      expect(made, `${method} ${path} calls Graph`).toBeGreaterThan(0);
      // As many calls taken from the tenant's budget as requests reached Graph.
      expect(granted.slice(grantsBefore).filter((g) => g.tenantKey === T).length, `${method} ${path}`).toBe(made);
    }
  });
});

describe('convert and re-invite (on behalf of the admin)', () => {
  it('an accepted guest in two groups becomes a member with the new UPN and keeps both groups; the generated password is shown once, never audited', async () => {
    expect(groupsOf(DEMO_USER_IDS.janeDoe)).toEqual(['Partner Extranet', 'Project Falcon']);
    const domains = (await (await api('lifecycle/domains')).json()) as { domains: string[] };
    expect(domains.domains).toEqual([DEMO_TENANT.domain]);
    const res = await post('lifecycle/convert', { userId: DEMO_USER_IDS.janeDoe, upnLocalPart: 'jane.doe', domain: DEMO_TENANT.domain, generatePassword: true, forceChangePasswordNextSignIn: true });
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const body = (await res.json()) as { ok: boolean; userPrincipalName: string; generatedPassword: string };
    expect(body).toMatchObject({ ok: true, userPrincipalName: `jane.doe@${DEMO_TENANT.domain}` });
    expect(body.generatedPassword).toMatch(/^.{16}$/);
    expect(userIn(DEMO_USER_IDS.janeDoe)).toMatchObject({ userType: 'Member', userPrincipalName: `jane.doe@${DEMO_TENANT.domain}` });
    expect(groupsOf(DEMO_USER_IDS.janeDoe)).toEqual(['Partner Extranet', 'Project Falcon']);
    const audit = await auditOf('convert-guest');
    expect(audit[0]).toMatchObject({ actor: { upn: DEMO_CONSOLE_USERS.admin.username, oid: DEMO_CONSOLE_USERS.admin.id }, target: DEMO_USER_IDS.janeDoe });
    expect(JSON.stringify(audit)).not.toContain(body.generatedPassword);
  });

  it('a pending guest is refused with the reason (409), and nothing changes', async () => {
    const res = await post('lifecycle/convert', { userId: DEMO_USER_IDS.conceptsUser, upnLocalPart: 'concepts', domain: DEMO_TENANT.domain, password: 'Typed-Passw0rd!', forceChangePasswordNextSignIn: true });
    expect(res.status).toBe(409);
    expect(await res.json()).toMatchObject({ title: 'This guest cannot be converted', detail: expect.stringContaining('has not accepted the invitation yet') });
    expect(userIn(DEMO_USER_IDS.conceptsUser)?.userType).toBe('Guest');
  });

  it('re-invites a guest to a new address: the address is added to the user, and the invitation goes there', async () => {
    const res = await post('lifecycle/reinvite', { userId: DEMO_USER_IDS.samVendor, newAddress: 'sam@new-vendor.example' });
    expect(await res.json()).toEqual({ invited: true, newAddress: 'sam@new-vendor.example' });
    expect(userIn(DEMO_USER_IDS.samVendor)).toMatchObject({ mail: 'sam@new-vendor.example', otherMails: [DEMO_PEOPLE.noUsageLocationGuest], externalUserState: 'PendingAcceptance' });
    expect(emulator.outbox().filter((e) => e.to === 'sam@new-vendor.example')).toHaveLength(1);
    expect((await auditOf('reinvite-guest'))[0]!.actor?.upn).toBe(DEMO_CONSOLE_USERS.admin.username);
  });

  it('a Guestpass admin without an Entra directory role is refused by Graph: a 403 naming the role and permission, never a 500', async () => {
    const portalApp = demo().apps.find((a) => a.clientId === DEMO_PORTAL_APP.clientId)!;
    portalApp.appRoleAssignments![DEMO_CONSOLE_USERS.member.id] = [PORTAL_API.roles.admin];
    const member = await tokenOf(DEMO_CONSOLE_USERS.member);
    const stale = (await (await api('lifecycle/stale', { token: member })).json()) as StaleAnswer;
    const removal = (await (await post('lifecycle/remove', { ids: [DEMO_USER_IDS.dormantPartner], listMadeAt: stale.madeAt, confirmCount: 1, dryRun: false }, member)).json()) as { results: { outcome: string; reason: string }[] };
    expect(removal.results[0]).toMatchObject({ outcome: 'refused', reason: expect.stringContaining('User Administrator') });
    expect(userIn(DEMO_USER_IDS.dormantPartner)).toBeDefined();

    const convert = await post('lifecycle/convert', { userId: DEMO_USER_IDS.janeDoe, upnLocalPart: 'jane', domain: DEMO_TENANT.domain, generatePassword: true }, member);
    expect(convert.status).toBe(403);
    expect(await convert.json()).toMatchObject({ title: 'Microsoft Entra refused this for your account', detail: expect.stringContaining('User Administrator') });
    expect(userIn(DEMO_USER_IDS.janeDoe)?.userType).toBe('Guest');

    await post('lifecycle/remove', { ids: [DEMO_USER_IDS.dormantPartner], listMadeAt: stale.madeAt, confirmCount: 1, dryRun: false });
    const restore = await post(`lifecycle/deleted/${DEMO_USER_IDS.dormantPartner}/restore`, {}, member);
    expect(restore.status).toBe(403);
    const reinvite = await post('lifecycle/reinvite', { userId: DEMO_USER_IDS.samVendor, newAddress: 'sam@elsewhere.example' }, member);
    expect(reinvite.status).toBe(403);
    const refusedBy = (await auditOf('convert-guest')).find((e) => e.detail.includes('outcome: refused'));
    expect(refusedBy?.actor).toEqual({ upn: DEMO_CONSOLE_USERS.member.username, oid: DEMO_CONSOLE_USERS.member.id });
  });
});
