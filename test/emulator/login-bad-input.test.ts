// Bad input never produces a 5xx or a stack trace: every malformed request to the login side gets a 4xx with a
// clear message (common brief; facts §4 for the error JSON shape).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_TENANT, DEMO_WEB_APP } from './demo-tenant.ts';
import { startEmulator, type Emulator } from './index.ts';

let emulator: Emulator;
beforeAll(async () => {
  emulator = await startEmulator();
});
afterAll(async () => {
  await emulator?.stop();
});

const long = 'a'.repeat(5000);
const GETS = [
  '/%E0%A4%A/v2.0/.well-known/openid-configuration', // broken percent-encoding
  `/${long}/v2.0/.well-known/openid-configuration`,
  '/common/oauth2/v2.0/authorize',
  `/common/oauth2/v2.0/authorize?client_id=${DEMO_WEB_APP.clientId}&client_id=again&response_type=code`,
  `/common/oauth2/v2.0/authorize?client_id=${DEMO_WEB_APP.clientId}&response_type=token`,
  `/common/oauth2/v2.0/authorize?client_id=${DEMO_WEB_APP.clientId}&response_type=code&response_mode=weird`,
  `/common/oauth2/v2.0/authorize?client_id=${DEMO_WEB_APP.clientId}&response_type=code&code_challenge=x&code_challenge_method=S512`,
  '/common/saml2',
  '/common/wsfed',
  '/redeem?rd=' + encodeURIComponent('https://invitations.microsoft.com/redeem/?tenant=x'),
  '/not-a-tenant!/discovery/v2.0/keys',
];
const POSTS: { path: string; body: string; type: string }[] = [
  { path: `/${DEMO_TENANT.id}/oauth2/v2.0/token`, body: '', type: 'application/x-www-form-urlencoded' },
  { path: `/${DEMO_TENANT.id}/oauth2/v2.0/token`, body: 'grant_type=password&username=a&password=b', type: 'application/x-www-form-urlencoded' },
  { path: `/${DEMO_TENANT.id}/oauth2/v2.0/token`, body: `grant_type=client_credentials&client_id=${DEMO_WEB_APP.clientId}&scope=https%3A%2F%2Fgraph.microsoft.com%2F.default`, type: 'application/x-www-form-urlencoded' },
  { path: `/${DEMO_TENANT.id}/oauth2/v2.0/token`, body: 'grant_type=client_credentials&client_id=x&client_assertion_type=urn%3Aietf%3Aparams%3Aoauth%3Aclient-assertion-type%3Ajwt-bearer&client_assertion=not.a.jwt&scope=x', type: 'application/x-www-form-urlencoded' },
  { path: `/${DEMO_TENANT.id}/oauth2/v2.0/token`, body: 'grant_type=authorization_code&code=forged', type: 'application/x-www-form-urlencoded' },
  { path: '/common/oauth2/v2.0/token', body: 'grant_type=client_credentials&client_id=x&client_secret=y&scope=z', type: 'application/x-www-form-urlencoded' },
  { path: `/${DEMO_TENANT.id}/oauth2/v2.0/token`, body: 'x'.repeat(200_000), type: 'application/x-www-form-urlencoded' },
  { path: '/common/GetCredentialType', body: '[]', type: 'application/json' },
  { path: '/common/GetCredentialType', body: JSON.stringify({ username: long }), type: 'application/json' },
  { path: '/common/login', body: 'ctx=&loginfmt=', type: 'application/x-www-form-urlencoded' },
  { path: '/common/otc', body: 'flowToken=forged&otc=12345678', type: 'application/x-www-form-urlencoded' },
  { path: '/redeem', body: 'rd=', type: 'application/x-www-form-urlencoded' },
  { path: '/_emulator/scenario', body: '{"markup":', type: 'application/json' },
];

describe('malformed requests get a 4xx, never a 5xx or a stack trace', () => {
  it('an absurdly long login_hint is ignored (the page still works, nothing is pre-filled)', async () => {
    const res = await fetch(`${emulator.origin}/${DEMO_TENANT.id}/oauth2/v2.0/authorize?client_id=${DEMO_WEB_APP.clientId}&response_type=code&login_hint=${long}`);
    expect(res.status).toBe(200);
    expect(await res.text()).not.toContain(long);
  });

  for (const path of GETS) {
    it(`GET ${path.slice(0, 90)}`, async () => {
      const res = await fetch(emulator.origin + path, { redirect: 'manual' });
      const text = await res.text();
      expect(res.status).toBeGreaterThanOrEqual(400);
      expect(res.status).toBeLessThan(500);
      expect(text).not.toMatch(/\n\s+at .+:\d+:\d+/);
    });
  }
  for (const { path, body, type } of POSTS) {
    it(`POST ${path} ${body.slice(0, 60)}`, async () => {
      const res = await fetch(emulator.origin + path, { method: 'POST', headers: { 'content-type': type }, body, redirect: 'manual' });
      const text = await res.text();
      expect(res.status).toBeGreaterThanOrEqual(400);
      expect(res.status).toBeLessThan(500);
      expect(text).not.toMatch(/\n\s+at .+:\d+:\d+/);
    });
  }
});
