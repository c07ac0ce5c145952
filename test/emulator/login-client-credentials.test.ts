// Contract: app-only tokens for Graph through the REAL @azure/msal-node (facts §3 permissions → token `roles`;
// facts §4 discovery is what msal fetches first). Secret and certificate (client assertion) credentials.
import { createHash, generateKeyPairSync, webcrypto, X509Certificate } from 'node:crypto';
import { ConfidentialClientApplication } from '@azure/msal-node';
import { createRemoteJWKSet, decodeJwt, jwtVerify } from 'jose';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { loadX509 } from './certs.ts';
import { DEMO_PORTAL_APP, DEMO_TENANT } from './demo-tenant.ts';
import { startEmulator, type Emulator } from './index.ts';

let emulator: Emulator;
beforeAll(async () => {
  emulator = await startEmulator();
});
afterAll(async () => {
  await emulator?.stop();
});
beforeEach(() => emulator.reset());

const GRAPH_DEFAULT = ['https://graph.microsoft.com/.default'];

function msalApp(auth: { clientId: string; clientSecret?: string; clientCertificate?: { thumbprintSha256: string; privateKey: string; x5c?: string } }, tenant: string = DEMO_TENANT.id) {
  return new ConfidentialClientApplication({
    auth: { ...auth, authority: `${emulator.loginBaseUrl}/${tenant}`, knownAuthorities: [`127.0.0.1:${emulator.port}`] },
  });
}

/** Error body straight from the token endpoint (msal wraps it; the raw JSON is what Microsoft documents). */
async function postToken(form: Record<string, string>, tenant: string = DEMO_TENANT.id) {
  const res = await fetch(`${emulator.origin}/${tenant}/oauth2/v2.0/token`, { method: 'POST', body: new URLSearchParams(form) });
  return { status: res.status, body: (await res.json()) as { error: string; error_codes: number[]; error_description: string } };
}

/** A throw-away RSA key and self-signed certificate, made with @peculiar/x509 via the emulator's loader. */
async function makeCertificate(): Promise<{ certPem: string; keyPem: string }> {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const keyPem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  const subtle = webcrypto.subtle;
  const pkcs8 = privateKey.export({ type: 'pkcs8', format: 'der' });
  const alg = { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' };
  const signingKey = await subtle.importKey('pkcs8', pkcs8, alg, true, ['sign']);
  const { createPublicKey } = await import('node:crypto');
  const spki = createPublicKey(privateKey).export({ type: 'spki', format: 'der' });
  const publicKey = await subtle.importKey('spki', spki, alg, true, ['verify']);
  const x509 = await loadX509(); // @peculiar/x509 behind the emulator's reflect-metadata shim
  const cert = await x509.X509CertificateGenerator.createSelfSigned(
    { name: 'CN=guestpass test client', keys: { privateKey: signingKey, publicKey }, signingAlgorithm: alg, notBefore: new Date(Date.now() - 60_000), notAfter: new Date(Date.now() + 86_400_000) },
    webcrypto as unknown as Crypto,
  );
  return { certPem: cert.toString('pem'), keyPem };
}

describe('client credentials through real msal-node (facts §3, §4)', () => {
  it('with the portal app secret: a Graph token with aud, tid, appid and the granted app permissions as roles, verifiable with the JWKS', async () => {
    const result = await msalApp({ clientId: DEMO_PORTAL_APP.clientId, clientSecret: DEMO_PORTAL_APP.clientSecret }).acquireTokenByClientCredential({ scopes: GRAPH_DEFAULT });
    expect(result?.accessToken).toBeTruthy();
    const jwks = createRemoteJWKSet(new URL(`${emulator.origin}/${DEMO_TENANT.id}/discovery/v2.0/keys`));
    const { payload } = await jwtVerify(result!.accessToken, jwks, { audience: 'https://graph.microsoft.com', issuer: `https://sts.windows.net/${DEMO_TENANT.id}/` });
    expect(payload.tid).toBe(DEMO_TENANT.id);
    expect(payload.appid).toBe(DEMO_PORTAL_APP.clientId);
    // The resend feature's permissions, then those the health check needs (seed-health.ts).
    expect(payload.roles).toEqual(['User.Invite.All', 'User.Read.All', 'AuditLog.Read.All', 'Policy.Read.All', 'Policy.Read.AuthenticationMethod', 'LicenseAssignment.Read.All', 'RoleManagement.Read.Directory']);
  });

  it('msal-node addressed by the verified domain gets the same tenant', async () => {
    const result = await msalApp({ clientId: DEMO_PORTAL_APP.clientId, clientSecret: DEMO_PORTAL_APP.clientSecret }, DEMO_TENANT.domain).acquireTokenByClientCredential({ scopes: GRAPH_DEFAULT });
    expect(decodeJwt(result!.accessToken).tid).toBe(DEMO_TENANT.id);
  });

  it('a wrong secret is refused by msal-node with invalid_client / AADSTS7000215 (HTTP 401)', async () => {
    await expect(msalApp({ clientId: DEMO_PORTAL_APP.clientId, clientSecret: 'not-the-secret' }).acquireTokenByClientCredential({ scopes: GRAPH_DEFAULT })).rejects.toMatchObject({ errorCode: 'invalid_client' });
    const raw = await postToken({ grant_type: 'client_credentials', client_id: DEMO_PORTAL_APP.clientId, client_secret: 'nope', scope: GRAPH_DEFAULT[0]! });
    expect(raw.status).toBe(401);
    expect(raw.body.error_codes).toEqual([7000215]);
    expect(raw.body.error_description).toMatch(/^AADSTS7000215: Invalid client secret provided/);
  });

  it('an unknown application id answers 400 AADSTS700016', async () => {
    const raw = await postToken({ grant_type: 'client_credentials', client_id: '99999999-9999-4999-8999-999999999999', client_secret: 'x', scope: GRAPH_DEFAULT[0]! });
    expect(raw.status).toBe(400);
    expect(raw.body.error).toBe('unauthorized_client');
    expect(raw.body.error_codes).toEqual([700016]);
    expect(raw.body.error_description).toContain(`was not found in the directory '${DEMO_TENANT.domain}'`);
  });

  it('an app registered in the demo tenant only is unknown in the partner tenant: AADSTS700016 there', async () => {
    const demoOnly = { displayName: 'demo-only app', clientId: crypto.randomUUID(), clientSecret: 'demo-only-app-secret', graphApplicationPermissions: [], redirectUris: [] };
    emulator.state.findTenant(DEMO_TENANT.id)!.apps.push(demoOnly);
    const raw = await postToken({ grant_type: 'client_credentials', client_id: demoOnly.clientId, client_secret: demoOnly.clientSecret, scope: GRAPH_DEFAULT[0]! }, 'fabrikampartners.onmicrosoft.com');
    expect(raw.body.error_codes).toEqual([700016]);
  });

  it('a scope other than Graph .default is refused (invalid_scope)', async () => {
    const raw = await postToken({ grant_type: 'client_credentials', client_id: DEMO_PORTAL_APP.clientId, client_secret: DEMO_PORTAL_APP.clientSecret, scope: 'User.Read' });
    expect(raw.status).toBe(400);
    expect(raw.body.error).toBe('invalid_scope');
  });

  it('with a certificate registered on the app: msal-node signs a client assertion and gets a token', async () => {
    const { certPem, keyPem } = await makeCertificate();
    const app = emulator.state.findTenant(DEMO_TENANT.id)!.apps.find((a) => a.clientId === DEMO_PORTAL_APP.clientId)!;
    app.certificatePem = certPem;
    const thumbprintSha256 = createHash('sha256').update(new X509Certificate(certPem).raw).digest('hex');
    const result = await msalApp({ clientId: DEMO_PORTAL_APP.clientId, clientCertificate: { thumbprintSha256, privateKey: keyPem } }).acquireTokenByClientCredential({ scopes: GRAPH_DEFAULT });
    const claims = decodeJwt(result!.accessToken);
    expect(claims.appid).toBe(DEMO_PORTAL_APP.clientId);
    expect(claims.appidacr).toBe('2'); // certificate-authenticated
  });

  it('an assertion signed by a different key than the registered certificate is refused (AADSTS700027)', async () => {
    const registered = await makeCertificate();
    const other = await makeCertificate();
    const app = emulator.state.findTenant(DEMO_TENANT.id)!.apps.find((a) => a.clientId === DEMO_PORTAL_APP.clientId)!;
    app.certificatePem = registered.certPem;
    // The right thumbprint but the wrong private key: only the signature check can catch this.
    const thumbprintSha256 = createHash('sha256').update(new X509Certificate(registered.certPem).raw).digest('hex');
    await expect(
      msalApp({ clientId: DEMO_PORTAL_APP.clientId, clientCertificate: { thumbprintSha256, privateKey: other.keyPem } }).acquireTokenByClientCredential({ scopes: GRAPH_DEFAULT }),
    ).rejects.toMatchObject({ errorCode: 'invalid_client' });
  });
});
