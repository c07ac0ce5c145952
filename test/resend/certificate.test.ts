// Certificate credentials: the app registration holds a certificate instead of a secret; msal-node signs a
// client assertion with the private key (x5t#S256 thumbprint) and the resend still goes out.
import { webcrypto } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createResendFeature } from '../../portal/resend/index.ts';
import { loadX509 } from '../emulator/certs.ts';
import { DEMO_PEOPLE, DEMO_TENANT } from '../emulator/demo-tenant.ts';
import { startEmulator, type Emulator } from '../emulator/index.ts';
import { demoTenantConfig, drain, emailsTo, portalConfig, silentLogger } from './support.ts';

const CLIENT_ID = '0c0ffee0-0000-4000-8000-00000000ce27';
let emulator: Emulator;
let certificatePath: string;
let privateKeyPath: string;

beforeAll(async () => {
  emulator = await startEmulator();
  const x509 = await loadX509();
  x509.cryptoProvider.set(webcrypto as unknown as Crypto);
  const algorithm = { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256', publicExponent: new Uint8Array([1, 0, 1]), modulusLength: 2048 };
  const keys = await webcrypto.subtle.generateKey(algorithm, true, ['sign', 'verify']);
  const certificate = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: '01',
    name: 'CN=guestpass resend test',
    notBefore: new Date(Date.now() - 60_000),
    notAfter: new Date(Date.now() + 86_400_000),
    keys: keys as CryptoKeyPair,
    signingAlgorithm: algorithm,
  });
  const pkcs8 = Buffer.from(await webcrypto.subtle.exportKey('pkcs8', keys.privateKey)).toString('base64');
  const dir = mkdtempSync(join(tmpdir(), 'guestpass-cert-'));
  certificatePath = join(dir, 'app.crt');
  privateKeyPath = join(dir, 'app.key');
  const certificatePem = certificate.toString('pem');
  writeFileSync(certificatePath, certificatePem);
  writeFileSync(privateKeyPath, `-----BEGIN PRIVATE KEY-----\n${pkcs8.match(/.{1,64}/g)!.join('\n')}\n-----END PRIVATE KEY-----\n`);
  emulator.state.findTenant(DEMO_TENANT.id)!.apps.push({
    displayName: 'guestpass portal (certificate)',
    clientId: CLIENT_ID,
    certificatePem,
    graphApplicationPermissions: ['User.Invite.All', 'User.Read.All'],
    redirectUris: [],
  });
});
afterAll(async () => {
  await emulator.stop();
});

describe('certificate credentials', () => {
  it('a tenant configured with a certificate instead of a secret still re-sends the invitation', async () => {
    const tenant = demoTenantConfig({ credentials: { clientId: CLIENT_ID, certificatePath, privateKeyPath } });
    const feature = await createResendFeature({ config: portalConfig(emulator, { tenants: [tenant] }), logger: silentLogger });
    feature.worker.start();
    await feature.service.accept({ tenantKey: tenant.key, email: DEMO_PEOPLE.pendingOutlookGuest, clientIp: '192.0.2.8' });
    await drain(feature.store);
    expect(await feature.store.listDeadLetters()).toEqual([]);
    expect(emailsTo(emulator, DEMO_PEOPLE.pendingOutlookGuest)).toBe(1);
    const token = emulator.requests().find((r) => r.path.includes('/oauth2/v2.0/token'));
    expect(token?.status).toBe(200);
    await feature.close();
  });
});
