// "No silent loss" (issue 9): when the portal's OWN credentials or consent fail, resend requests are held (never
// dead-lettered), /healthz stays 200 but says "degraded" (no tenant names or codes there), the reasons show on the
// metrics side only — and once the credentials work again every held request is sent exactly once, by itself.
// Over HTTP, with the real resend feature, msal-node and graph-client against the emulator.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createResendFeature, featureDeps, type ResendFeature } from '../../portal/resend/index.ts';
import { startServer, type RunningServer } from '../../portal/server.ts';
import type { PortalConfig } from '../../portal/config/index.ts';
import { DEMO_CONSOLE_USERS, DEMO_PEOPLE, DEMO_PORTAL_APP, DEMO_TENANT } from '../emulator/demo-tenant.ts';
import { startEmulator, type Emulator } from '../emulator/index.ts';
import { consoleAccessToken } from '../support/console-token.ts';
import { demoTenantConfig, drain, emailsTo, portalConfig, silentLogger, tempDatabasePath } from './support.ts';

const METRICS_TOKEN = 'metrics-token-for-tests-0123456789abcdef';
const PENDING = [DEMO_PEOPLE.pendingOutlookGuest, DEMO_PEOPLE.longPendingGuest];

let emulator: Emulator;
let running: { portal: RunningServer; feature: ResendFeature } | undefined;

beforeEach(async () => {
  emulator = await startEmulator();
});
afterEach(async () => {
  await stopPortal();
  await emulator.stop();
});

async function startPortal(config: PortalConfig, options: { worker?: boolean } = {}) {
  const feature = await createResendFeature({ config, logger: silentLogger, tuning: { holdRetryMs: 150, pollMs: 100, budget: { calls: 1000, perMs: 1_000 } } });
  const portal = await startServer({ config, logger: silentLogger, ...featureDeps(feature) });
  emulator.setPortalUrl(portal.url);
  if (options.worker !== false) feature.worker.start();
  running = { portal, feature };
  return running;
}
async function stopPortal() {
  await running?.portal.close();
  await running?.feature.close();
  running = undefined;
}

async function ask(portal: RunningServer, email: string) {
  const res = await fetch(`${portal.url}/t/${DEMO_TENANT.domain}/resend`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json', origin: new URL(portal.config.publicBaseUrl).origin },
    body: JSON.stringify({ email }),
  });
  expect(res.status).toBe(202);
}

/** Waits (bounded) until every job has been held at least once. */
async function untilHeld(feature: ResendFeature, count: number) {
  for (let i = 0; i < 300; i++) {
    const held = new Set((await feature.store.listAudit()).filter((a) => a.event === 'held').map((a) => a.requestId));
    if (held.size >= count) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('the jobs were never held');
}

/** Every pending guest got exactly one email, nothing is dead or held, and /healthz is ok again. */
async function expectEachSentOnce(portal: RunningServer, feature: ResendFeature) {
  await drain(feature.store);
  for (const email of PENDING) expect(emailsTo(emulator, email)).toBe(1);
  expect(await feature.store.listDeadLetters()).toEqual([]);
  expect(await feature.store.countJobs()).toMatchObject({ held: 0, dead: 0, done: PENDING.length });
  expect(await (await fetch(`${portal.url}/healthz`)).json()).toMatchObject({ status: 'ok' });
}

async function expectDegradedWithoutDetails(portal: RunningServer, reason: RegExp) {
  const health = await fetch(`${portal.url}/healthz`);
  expect(health.status).toBe(200);
  const text = await health.text();
  expect(JSON.parse(text)).toMatchObject({ status: 'degraded' });
  expect(text).not.toContain(DEMO_TENANT.domain);
  expect(text).not.toMatch(/AADSTS|403/);
  // The reasons are on the metrics side, behind the token.
  expect((await fetch(`${portal.url}/metrics`)).status).toBe(401);
  const metrics = await (await fetch(`${portal.url}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } })).text();
  expect(metrics).toMatch(new RegExp(`guestpass_tenant_credentials_failing\\{tenant="${DEMO_TENANT.domain}",reason="${reason.source}"\\} 1`));
  expect(metrics).toMatch(new RegExp(`guestpass_resend_jobs_total\\{tenant="${DEMO_TENANT.domain}",outcome="held"\\} [1-9]`));
}

describe('when the portal\'s own credentials fail, requests are held, then sent exactly once', () => {
  it('consent revoked: held and degraded; consent granted again: every held request is sent once, nothing dead, no restart', async () => {
    emulator.apps.setConsent(DEMO_TENANT.id, DEMO_PORTAL_APP.clientId, { application: [] });
    const { portal, feature } = await startPortal(portalConfig(emulator, { metrics: { token: METRICS_TOKEN } }));
    for (const email of PENDING) await ask(portal, email);
    await untilHeld(feature, PENDING.length);
    await expectDegradedWithoutDetails(portal, /HTTP 403[^"]*/);
    expect(await feature.store.listDeadLetters()).toEqual([]);
    expect(emulator.outbox()).toHaveLength(0);

    emulator.apps.setConsent(DEMO_TENANT.id, DEMO_PORTAL_APP.clientId, { application: ['User.Invite.All', 'User.Read.All'] });
    await drain(feature.store);
    for (const email of PENDING) expect(emailsTo(emulator, email)).toBe(1);
    expect(await feature.store.listDeadLetters()).toEqual([]);
    expect(await (await fetch(`${portal.url}/healthz`)).json()).toMatchObject({ status: 'ok' });
    const metrics = await (await fetch(`${portal.url}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } })).text();
    expect(metrics).toMatch(new RegExp(`guestpass_resend_jobs_total\\{tenant="${DEMO_TENANT.domain}",outcome="sent"\\} 2`));
    expect(metrics).not.toMatch(/outcome="dead"\} [1-9]/);
  });

  // The fixes that need a restart (a new secret or app id is configuration): nothing is dead-lettered meanwhile.
  const restartCases: { name: string; reason: RegExp; breakIt: () => PortalConfig['tenants'][number] }[] = [
    {
      name: 'secret expired (AADSTS7000222)',
      reason: /AADSTS7000222/,
      breakIt: () => {
        emulator.apps.expirePrimarySecret(DEMO_TENANT.id, DEMO_PORTAL_APP.clientId, new Date(Date.now() - 86_400_000).toISOString());
        return demoTenantConfig();
      },
    },
    {
      name: 'unknown app (AADSTS700016: an app id the tenant does not know)',
      reason: /AADSTS700016/,
      breakIt: () => demoTenantConfig({ credentials: { clientId: '0badc0de-0000-4000-8000-000000000000', clientSecret: DEMO_PORTAL_APP.clientSecret } }),
    },
  ];
  for (const { name, reason, breakIt } of restartCases) {
    it(`${name}: held (never dead), degraded, the held counter moves; a new secret and a restart send each request once`, async () => {
      const databasePath = tempDatabasePath('held');
      const before = await startPortal(portalConfig(emulator, { databasePath, metrics: { token: METRICS_TOKEN }, tenants: [breakIt()] }));
      for (const email of PENDING) await ask(before.portal, email);
      await untilHeld(before.feature, PENDING.length);
      expect((await before.feature.store.countJobs()).held + (await before.feature.store.countJobs())['in-flight']).toBe(PENDING.length);
      await expectDegradedWithoutDetails(before.portal, reason);
      expect(await before.feature.store.listDeadLetters()).toEqual([]);
      expect(emulator.outbox()).toEqual([]);
      await stopPortal();

      const fresh = emulator.apps.addSecret(DEMO_TENANT.id, DEMO_PORTAL_APP.clientId);
      const after = await startPortal(
        portalConfig(emulator, { databasePath, metrics: { token: METRICS_TOKEN }, tenants: [demoTenantConfig({ credentials: { clientId: DEMO_PORTAL_APP.clientId, clientSecret: fresh.secretText } })] }),
      );
      await expectEachSentOnce(after.portal, after.feature);
    });
  }

  it('an admin\'s resend whose admin token is gone after a restart: held "admin-session-needed" (counted, never dead), sent once after that admin\'s next admin API request', async () => {
    const databasePath = tempDatabasePath('held-admin');
    const config = portalConfig(emulator, { databasePath, metrics: { token: METRICS_TOKEN } });
    // The admin orders the resend through the admin API; the portal stops before its worker ran.
    const before = await startPortal(config, { worker: false });
    const token = await consoleAccessToken(emulator, before.portal.url, DEMO_CONSOLE_USERS.admin);
    const ordered = await fetch(`${before.portal.url}/admin/api/t/${DEMO_TENANT.domain}/resend`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ emails: PENDING }),
    });
    expect(ordered.status).toBe(202);
    await stopPortal();

    const after = await startPortal(config);
    await untilHeld(after.feature, PENDING.length);
    const held = await after.feature.store.listJobs({ tenantKey: DEMO_TENANT.domain, states: ['held'], limit: 10 });
    expect(held.map((j) => [j.heldReason, j.actor?.upn])).toEqual(PENDING.map(() => ['admin-session-needed', DEMO_CONSOLE_USERS.admin.username]));
    const metrics = await (await fetch(`${after.portal.url}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } })).text();
    expect(metrics).toMatch(new RegExp(`guestpass_resend_jobs_total\\{tenant="${DEMO_TENANT.domain}",outcome="held"\\} [1-9]`));
    expect(emulator.outbox()).toEqual([]);

    // The admin opens the console again (any admin API request, here on the restarted instance).
    const again = await consoleAccessToken(emulator, after.portal.url, DEMO_CONSOLE_USERS.admin);
    expect((await fetch(`${after.portal.url}/admin/api/t/${DEMO_TENANT.domain}/me`, { headers: { authorization: `Bearer ${again}` } })).status).toBe(200);
    await drain(after.feature.store);
    for (const email of PENDING) expect(emailsTo(emulator, email)).toBe(1);
    expect(await after.feature.store.listDeadLetters()).toEqual([]);
    const audit = (await after.feature.store.listAudit()).filter((a) => a.event === 'sent');
    expect(audit.map((a) => a.actor?.oid)).toEqual(PENDING.map(() => DEMO_CONSOLE_USERS.admin.id));
  });

  it('secret rotated (the old one removed): held and degraded; the portal restarted with the new secret sends each once', async () => {
    const databasePath = tempDatabasePath('held');
    const rotated = emulator.apps.addSecret(DEMO_TENANT.id, DEMO_PORTAL_APP.clientId);
    emulator.apps.removeSecret(DEMO_TENANT.id, DEMO_PORTAL_APP.clientId, 'primary');
    const before = await startPortal(portalConfig(emulator, { databasePath, metrics: { token: METRICS_TOKEN } }));
    for (const email of PENDING) await ask(before.portal, email);
    await untilHeld(before.feature, PENDING.length);
    await expectDegradedWithoutDetails(before.portal, /AADSTS7000215/);
    expect(await before.feature.store.listDeadLetters()).toEqual([]);
    await stopPortal();

    const after = await startPortal(
      portalConfig(emulator, { databasePath, metrics: { token: METRICS_TOKEN }, tenants: [demoTenantConfig({ credentials: { clientId: DEMO_PORTAL_APP.clientId, clientSecret: rotated.secretText } })] }),
    );
    await drain(after.feature.store);
    for (const email of PENDING) expect(emailsTo(emulator, email)).toBe(1);
    expect(await after.feature.store.listDeadLetters()).toEqual([]);
    expect(await (await fetch(`${after.portal.url}/healthz`)).json()).toMatchObject({ status: 'ok' });
  });
});

describe('/metrics is not served to guests by default', () => {
  it('answers 404 on the guest listener without GUESTPASS_METRICS_TOKEN; a metrics port serves it and the reasons', async () => {
    const { portal } = await startPortal(portalConfig(emulator, { metrics: { port: 0 } }));
    expect((await fetch(`${portal.url}/metrics`)).status).toBe(404);
    expect(portal.metricsUrl).toBeDefined();
    const res = await fetch(`${portal.metricsUrl}/metrics`);
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('guestpass_http_requests_total');
    expect(await (await fetch(`${portal.metricsUrl}/healthz/details`)).json()).toMatchObject({ status: 'ok' });
  });
});
