// The emulator's transport and lifecycle: cached TLS material, host routing, the request log, reset and stop.
import { X509Certificate } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ensureEmulatorTls, spkiOf } from './certs.ts';
import { DEMO_PEOPLE, DEMO_PORTAL_APP, DEMO_TENANT } from './demo-tenant.ts';
import { startEmulator, type Emulator } from './index.ts';
import { getWithHost } from './login/test-helpers.ts';
import { createSigningKeys } from './login/tokens.ts';

let emulator: Emulator;
beforeAll(async () => {
  emulator = await startEmulator();
});
afterAll(async () => {
  await emulator?.stop();
});
beforeEach(() => emulator.reset());

describe('TLS material (.cache/emulator)', () => {
  const dirs: string[] = [];
  const freshDir = () => {
    const dir = mkdtempSync(join(tmpdir(), 'guestpass-certs-'));
    dirs.push(dir);
    return dir;
  };
  afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

  it('the leaf certificate covers every Microsoft host the emulator answers for, chains to the CA, and the SPKI is its key hash', async () => {
    const tls = await ensureEmulatorTls({ dir: freshDir() });
    const leaf = new X509Certificate(tls.leafCertPem);
    for (const name of ['login.microsoftonline.com', 'graph.microsoft.com', 'myapps.microsoft.com', 'localhost']) expect(leaf.checkHost(name)).toBe(name);
    expect(leaf.checkIP('127.0.0.1')).toBe('127.0.0.1');
    expect(leaf.checkHost('evil.example')).toBeUndefined();
    expect(leaf.verify(new X509Certificate(readFileSync(tls.caCertPath, 'utf8')).publicKey)).toBe(true);
    expect(tls.spki).toBe(spkiOf(tls.leafCertPem));
  });

  it('two processes racing to create the certificates end up with the same CA (the file path stays valid)', async () => {
    const dir = freshDir();
    const [a, b, c] = await Promise.all([ensureEmulatorTls({ dir }), ensureEmulatorTls({ dir }), ensureEmulatorTls({ dir })]);
    expect(new Set([a.caCertPem, b.caCertPem, c.caCertPem]).size).toBe(1);
    expect(readFileSync(a.caCertPath, 'utf8')).toBe(a.caCertPem);
    expect(a.leafCertPem).toBe(c.leafCertPem);
  });

  it('a cached bundle is reused; a corrupt one is replaced', async () => {
    const dir = freshDir();
    const first = await ensureEmulatorTls({ dir });
    expect((await ensureEmulatorTls({ dir })).spki).toBe(first.spki);
    writeFileSync(join(dir, 'tls-bundle.json'), '{"caCertPem": "garbage"');
    const repaired = await ensureEmulatorTls({ dir });
    expect(repaired.spki).not.toBe(first.spki);
    expect(new X509Certificate(repaired.leafCertPem).checkHost('login.microsoftonline.com')).toBeTruthy();
  });

  it('the token-signing key is cached too: two emulators on the same file use the same key; a corrupt key file is replaced', async () => {
    const cacheFile = join(freshDir(), 'signing-key.json');
    const [a, b] = await Promise.all([createSigningKeys({ cacheFile }), createSigningKeys({ cacheFile })]);
    expect(a.kid).toBe(b.kid);
    const token = await a.sign({ aud: 'x' }, { lifetimeSeconds: 60, now: new Date() });
    expect(await b.verify(token, { audience: 'x', now: new Date() })).not.toBeNull();
    writeFileSync(cacheFile, 'not json');
    const c = await createSigningKeys({ cacheFile });
    expect(c.kid).not.toBe(a.kid);
    expect(await c.verify(token, { audience: 'x', now: new Date() })).toBeNull(); // a token from the old key no longer verifies
  });

  it('certificates about to expire are regenerated', async () => {
    const dir = freshDir();
    const first = await ensureEmulatorTls({ dir });
    const in389Days = new Date(Date.now() + 389 * 24 * 3600_000); // leaf is valid 390 days; < 7 days left
    const renewed = await ensureEmulatorTls({ dir, now: () => in389Days });
    expect(renewed.spki).not.toBe(first.spki);
  });
});

describe('one server, several hosts', () => {
  it('Host myapps.microsoft.com reaches the My Apps stand-in ("My Apps — <tenant>")', async () => {
    const res = await getWithHost(emulator.origin, `/?tenantid=${DEMO_TENANT.id}`, 'myapps.microsoft.com');
    expect(res.status).toBe(200);
    expect(res.body).toContain(`My Apps — ${DEMO_TENANT.displayName}`);
    const byDomain = await getWithHost(emulator.origin, `/${DEMO_TENANT.domain}`, 'myapps.microsoft.com');
    expect(byDomain.body).toContain(`My Apps — ${DEMO_TENANT.displayName}`);
  });

  it('/signin-oidc on My Apps shows the code and state it received (HTML-escaped)', async () => {
    const res = await getWithHost(emulator.origin, `/signin-oidc?code=abc&state=${encodeURIComponent('<b>x</b>')}`, 'myapps.microsoft.com');
    expect(res.body).toContain('<dd id="code">abc</dd>');
    expect(res.body).toContain('<dd id="state">&lt;b&gt;x&lt;/b&gt;</dd>');
  });

  it('Host graph.microsoft.com and any /v1.0/ path reach Graph (401 without a token), not the login side', async () => {
    const byHost = await getWithHost(emulator.origin, '/v1.0/users', 'graph.microsoft.com');
    expect(byHost.status).toBe(401);
    const byPath = await fetch(`${emulator.origin}/v1.0/users`);
    expect(byPath.status).toBe(401);
    expect(byPath.headers.get('www-authenticate')).toMatch(/^Bearer/);
  });

  it('injected faults reach the login side too: a 503 on the token endpoint is what msal-node sees, once', async () => {
    emulator.faults.inject({ route: `POST /${DEMO_TENANT.id}/oauth2/v2.0/token`, fault: { kind: 'status', status: 503, retryAfterSeconds: 1 }, times: 1 });
    const form = () => new URLSearchParams({ grant_type: 'client_credentials', client_id: DEMO_PORTAL_APP.clientId, client_secret: DEMO_PORTAL_APP.clientSecret, scope: 'https://graph.microsoft.com/.default' });
    const first = await fetch(`${emulator.origin}/${DEMO_TENANT.id}/oauth2/v2.0/token`, { method: 'POST', body: form() });
    expect(first.status).toBe(503);
    const second = await fetch(`${emulator.origin}/${DEMO_TENANT.id}/oauth2/v2.0/token`, { method: 'POST', body: form() });
    expect(second.status).toBe(200);
    expect(emulator.requests().filter((e) => e.path.endsWith('/token')).map((e) => e.status)).toEqual([503, 200]); // faulted answers are logged
  });

  it('an unknown path is a 404 with a short message, never a stack trace', async () => {
    const res = await fetch(`${emulator.origin}/no/such/thing`);
    expect(res.status).toBe(404);
    expect(await res.text()).not.toMatch(/at .*\.ts:\d+/);
  });
});

describe('request log, outbox, reset, stop', () => {
  it('every request is logged with host, method, path, status — and the calling app for Graph — but never a body', async () => {
    await fetch(`${emulator.origin}/${DEMO_TENANT.id}/oauth2/v2.0/token`, {
      method: 'POST',
      body: new URLSearchParams({ grant_type: 'client_credentials', client_id: DEMO_PORTAL_APP.clientId, client_secret: DEMO_PORTAL_APP.clientSecret, scope: 'https://graph.microsoft.com/.default' }),
    })
      .then((r) => r.json() as Promise<{ access_token: string }>)
      .then(({ access_token }) => fetch(`${emulator.origin}/v1.0/users?$top=1`, { headers: { authorization: `Bearer ${access_token}` } }));
    const log = emulator.requests();
    const token = log.find((e) => e.path.endsWith('/oauth2/v2.0/token'))!;
    expect(token).toMatchObject({ method: 'POST', status: 200, host: `127.0.0.1:${emulator.port}` });
    const graph = log.find((e) => e.path.startsWith('/v1.0/users'))!;
    expect(graph).toMatchObject({ method: 'GET', status: 200, appId: DEMO_PORTAL_APP.clientId });
    expect(JSON.stringify(log)).not.toContain(DEMO_PORTAL_APP.clientSecret);
  });

  it('reset() restores the seed and clears outbox, log, scenario and passcodes', async () => {
    const tenant = emulator.state.findTenant(DEMO_TENANT.id)!;
    tenant.users.splice(0, tenant.users.length);
    emulator.setScenario({ markup: 'fluent', forcedError: { code: 50020 } });
    emulator.state.outbox.push({ id: 'x', tenantId: DEMO_TENANT.id, to: 'a@b.c', invitedUserId: 'u', invitationId: 'i', inviteRedeemUrl: '', inviteRedirectUrl: '', customizedMessageBody: null, sentAt: '' });
    await fetch(`${emulator.origin}/${DEMO_TENANT.id}/oauth2/v2.0/authorize?client_id=c0ffee00-b2b0-4c0d-9e57-000000000001&response_type=code&login_hint=${DEMO_PEOPLE.acceptedGmailGuest}`);
    emulator.reset();
    expect(emulator.state.findTenant(DEMO_TENANT.id)!.users.map((u) => u.mail)).toContain(DEMO_PEOPLE.acceptedGmailGuest);
    expect(emulator.outbox()).toEqual([]);
    expect(emulator.requests()).toEqual([]);
    expect(emulator.scenario()).toEqual({ markup: 'converged' });
    expect(emulator.lastOtp(DEMO_PEOPLE.acceptedGmailGuest)).toBeUndefined();
  });

  it('GET /_emulator/outbox and /_emulator/otp serve the CLI mode', async () => {
    await fetch(`${emulator.origin}/${DEMO_TENANT.id}/oauth2/v2.0/authorize?client_id=c0ffee00-b2b0-4c0d-9e57-000000000001&response_type=code&login_hint=${DEMO_PEOPLE.acceptedGmailGuest}`);
    expect(await (await fetch(`${emulator.origin}/_emulator/outbox`)).json()).toEqual([]);
    const otp = (await (await fetch(`${emulator.origin}/_emulator/otp?address=${DEMO_PEOPLE.acceptedGmailGuest}`)).json()) as { code: string };
    expect(otp.code).toBe(emulator.lastOtp(DEMO_PEOPLE.acceptedGmailGuest));
    expect((await fetch(`${emulator.origin}/_emulator/otp?address=nobody@example.com`)).status).toBe(404);
  });

  it('stop() closes the port, even with a kept-alive connection open; a fixed port can be reused right away', async () => {
    const other = await startEmulator({ seed: 'empty' });
    expect(other.state.tenants).toEqual([]);
    await fetch(`${other.origin}/common/v2.0/.well-known/openid-configuration`); // leaves a keep-alive socket
    await other.stop();
    await other.stop(); // a second stop is harmless
    await expect(fetch(`${other.origin}/common/v2.0/.well-known/openid-configuration`)).rejects.toThrow();
    // A client that connected but never finished its TLS handshake must not hold stop() up either.
    const third = await startEmulator({ seed: 'empty' });
    const { connect } = await import('node:net');
    const silent = connect(third.port, '127.0.0.1');
    await new Promise((r) => silent.once('connect', r));
    const closed = new Promise((r) => silent.once('close', r));
    await third.stop();
    await closed; // the server dropped it
    const again = await startEmulator({ port: other.port, seed: 'empty' });
    expect(again.port).toBe(other.port);
    await again.stop();
  });
});
