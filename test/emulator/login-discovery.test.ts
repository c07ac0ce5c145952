// Contract: OpenID Connect discovery and tenant resolution (facts §4 "OpenID document", "Unknown tenant").
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_TENANT } from './demo-tenant.ts';
import { startEmulator, type Emulator } from './index.ts';

let emulator: Emulator;
beforeAll(async () => {
  emulator = await startEmulator();
});
afterAll(async () => {
  await emulator?.stop();
});

async function getJson(path: string): Promise<{ status: number; body: Record<string, unknown> }> {
  // A plain fetch with no CA option: it only succeeds if NODE_EXTRA_CA_CERTS (global-setup) made workers trust the emulator CA.
  const res = await fetch(emulator.origin + path);
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

describe('OIDC discovery (facts §4)', () => {
  it('a test worker trusts the emulator over real TLS without any CA option (NODE_EXTRA_CA_CERTS from global-setup)', async () => {
    const { readFileSync } = await import('node:fs');
    const trusted = readFileSync(process.env.NODE_EXTRA_CA_CERTS ?? '', 'utf8');
    expect(trusted).toContain(readFileSync(emulator.caCertPath, 'utf8').trim());
    const { status, body } = await getJson('/common/v2.0/.well-known/openid-configuration');
    expect(status).toBe(200);
    expect(body.issuer).toBe('https://login.microsoftonline.com/{tenantid}/v2.0');
  });

  it('§4: a tenant GUID resolves to issuer https://login.microsoftonline.com/<guid>/v2.0', async () => {
    const { status, body } = await getJson(`/${DEMO_TENANT.id}/v2.0/.well-known/openid-configuration`);
    expect(status).toBe(200);
    expect(body.issuer).toBe(`https://login.microsoftonline.com/${DEMO_TENANT.id}/v2.0`);
    expect(body.token_endpoint).toBe(`${emulator.origin}/${DEMO_TENANT.id}/oauth2/v2.0/token`);
    expect(body.jwks_uri).toBe(`${emulator.origin}/${DEMO_TENANT.id}/discovery/v2.0/keys`);
  });

  it('§4: a verified domain (any case) resolves domain → tenant GUID through the issuer', async () => {
    const { body } = await getJson(`/${DEMO_TENANT.domain.toUpperCase()}/v2.0/.well-known/openid-configuration`);
    expect(body.issuer).toBe(`https://login.microsoftonline.com/${DEMO_TENANT.id}/v2.0`);
    expect(body.authorization_endpoint).toBe(`${emulator.origin}/${DEMO_TENANT.id}/oauth2/v2.0/authorize`);
  });

  it('§4: /organizations returns the literal {tenantid} placeholder issuer and keeps its name in endpoints', async () => {
    const { body } = await getJson('/organizations/v2.0/.well-known/openid-configuration');
    expect(body.issuer).toBe('https://login.microsoftonline.com/{tenantid}/v2.0');
    expect(body.token_endpoint).toBe(`${emulator.origin}/organizations/oauth2/v2.0/token`);
  });

  it('§4: the v1 document names the tenant through https://sts.windows.net/<guid>/', async () => {
    const { body } = await getJson(`/${DEMO_TENANT.domain}/.well-known/openid-configuration`);
    expect(body.issuer).toBe(`https://sts.windows.net/${DEMO_TENANT.id}/`);
  });

  it('§4: an unknown tenant answers HTTP 400 with the AADSTS90002 JSON', async () => {
    const { status, body } = await getJson('/nosuchtenant.onmicrosoft.com/v2.0/.well-known/openid-configuration');
    expect(status).toBe(400);
    expect(body.error).toBe('invalid_request');
    expect(body.error_codes).toEqual([90002]);
    expect(String(body.error_description)).toMatch(
      /^AADSTS90002: Tenant 'nosuchtenant\.onmicrosoft\.com' not found\. Check to make sure you have the correct tenant ID and are signing into the correct cloud\./,
    );
  });

  it('§4: a consumer domain is not a tenant either (gmail.com → AADSTS90002)', async () => {
    const { status, body } = await getJson('/gmail.com/v2.0/.well-known/openid-configuration');
    expect(status).toBe(400);
    expect(body.error_codes).toEqual([90002]);
  });

  it('endpoint URLs follow the host the client used (browsers see login.microsoftonline.com)', async () => {
    const { request } = await import('node:https');
    const body = await new Promise<string>((resolve, reject) => {
      const req = request(
        `${emulator.origin}/${DEMO_TENANT.id}/v2.0/.well-known/openid-configuration`,
        { headers: { host: 'login.microsoftonline.com' }, servername: 'login.microsoftonline.com' },
        (res) => {
          let text = '';
          res.on('data', (c: Buffer) => (text += c.toString()));
          res.on('end', () => resolve(text));
        },
      );
      req.on('error', reject);
      req.end();
    });
    expect(JSON.parse(body).token_endpoint).toBe(`https://login.microsoftonline.com/${DEMO_TENANT.id}/oauth2/v2.0/token`);
  });
});
