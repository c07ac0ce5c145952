import { describe, expect, it } from 'vitest';
import { authorityOf, rewriteAuthority, SIGN_IN_HOSTS } from '../../shared/authority-rewrite.ts';
import { parseTenant, type Tenant } from '../../shared/tenant.ts';

function tenant(input: string): Tenant {
  const r = parseTenant(input);
  if (!r.ok) throw new Error(r.message);
  return r.tenant;
}

const HOST_TENANT = tenant('ezaz2281.onmicrosoft.com');
const HOST_GUID = tenant('7f3c2281-b2b0-4e5a-9c1d-3e8f5a6b2281');
const BASE = 'https://login.microsoftonline.com';
// A realistic v2 request, with encodings URLSearchParams would change (%2F vs /, + vs %20, lower-case hex, '*').
const V2_QUERY =
  'client_id=c0ffee00-b2b0-4c0d-9e57-000000000001&response_type=code&redirect_uri=https%3a%2f%2fmyapps.microsoft.com%2fsignin-oidc' +
  '&response_mode=form_post&scope=openid+profile%20offline_access&state=OpenIdConnect.AuthenticationProperties%3DAbC*dEf~g.h_' +
  '&nonce=638691234567890123.ZmFrZQ%3d%3d&code_challenge=E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM&code_challenge_method=S256&x-client-SKU=ID_NET8_0';

function reroute(url: string, t: Tenant = HOST_TENANT, loginHint?: string): string {
  const r = rewriteAuthority(url, t, loginHint === undefined ? undefined : { loginHint });
  if (r.action !== 'reroute') throw new Error(`expected reroute, got ${JSON.stringify(r)}`);
  return r.url;
}

describe('sending the same request to the host tenant', () => {
  it('/common/ v2 authorize becomes /<tenant>/ with every parameter byte for byte and login_hint appended', () => {
    const out = reroute(`${BASE}/common/oauth2/v2.0/authorize?${V2_QUERY}`, HOST_TENANT, 'jane.doe@gmail.com');
    expect(out).toBe(`${BASE}/ezaz2281.onmicrosoft.com/oauth2/v2.0/authorize?${V2_QUERY}&login_hint=jane.doe%40gmail.com`);
  });

  it('/organizations/ v1 authorize is rewritten to the tenant id the same way', () => {
    const out = reroute(`${BASE}/organizations/oauth2/authorize?client_id=1&resource=https%3A%2F%2Fgraph.microsoft.com`, HOST_GUID);
    expect(out).toBe(`${BASE}/7f3c2281-b2b0-4e5a-9c1d-3e8f5a6b2281/oauth2/authorize?client_id=1&resource=https%3A%2F%2Fgraph.microsoft.com`);
  });

  it('an existing login_hint is replaced in place, keeping the order of the others', () => {
    const out = reroute(`${BASE}/common/oauth2/v2.0/authorize?client_id=1&login_hint=old%40x.com&state=s`, HOST_TENANT, 'jane+x@gmail.com');
    expect(out).toBe(`${BASE}/ezaz2281.onmicrosoft.com/oauth2/v2.0/authorize?client_id=1&login_hint=jane%2Bx%40gmail.com&state=s`);
  });

  it('a repeated or encoded login_hint key is replaced once and its repeats dropped', () => {
    const out = reroute(`${BASE}/common/oauth2/v2.0/authorize?login%5Fhint=a&client_id=1&login_hint=b`, HOST_TENANT, 'c@d.com');
    expect(out).toBe(`${BASE}/ezaz2281.onmicrosoft.com/oauth2/v2.0/authorize?login_hint=c%40d.com&client_id=1`);
  });

  it('without a typed address the query is not touched at all', () => {
    const url = `${BASE}/common/oauth2/v2.0/authorize?${V2_QUERY}&login_hint=keep%40me.com`;
    expect(reroute(url)).toBe(url.replace('/common/', '/ezaz2281.onmicrosoft.com/'));
  });

  it('a typed address with spaces or of absurd length is not used as login_hint', () => {
    const url = `${BASE}/common/oauth2/v2.0/authorize?client_id=1`;
    expect(reroute(url, HOST_TENANT, 'jane doe@gmail.com')).toBe(`${BASE}/ezaz2281.onmicrosoft.com/oauth2/v2.0/authorize?client_id=1`);
    expect(reroute(url, HOST_TENANT, `${'a'.repeat(300)}@x.com`)).not.toContain('login_hint');
  });

  it('SAML and WS-Fed redirect-binding requests keep SAMLRequest / wa / wctx as sent', () => {
    const saml = `${BASE}/common/saml2?SAMLRequest=fZJNT8MwDIb%2FSpQ7bZq1G4vWSRMTYhKgMgYHLihqXBrRJiVxx8evp%2BsQjQvH2M9rP7a8cKzpWrGZ%2B0ci&RelayState=abc`;
    expect(reroute(saml, HOST_GUID, 'j@x.com')).toBe(`${BASE}/7f3c2281-b2b0-4e5a-9c1d-3e8f5a6b2281/saml2?SAMLRequest=fZJNT8MwDIb%2FSpQ7bZq1G4vWSRMTYhKgMgYHLihqXBrRJiVxx8evp%2BsQjQvH2M9rP7a8cKzpWrGZ%2B0ci&RelayState=abc&login_hint=j%40x.com`);
    const wsfed = `${BASE}/common/wsfed?wa=wsignin1.0&wtrealm=urn%3aapp&wctx=rm%3d0%26id%3dpassive`;
    expect(reroute(wsfed)).toBe(`${BASE}/ezaz2281.onmicrosoft.com/wsfed?wa=wsignin1.0&wtrealm=urn%3aapp&wctx=rm%3d0%26id%3dpassive`);
  });

  it('the fragment and the case of the rest of the path are kept, the authority matched case-insensitively', () => {
    expect(reroute(`${BASE}/Common/OAuth2/v2.0/Authorize?client_id=1#frag=%41`)).toBe(`${BASE}/ezaz2281.onmicrosoft.com/OAuth2/v2.0/Authorize?client_id=1#frag=%41`);
  });

  it('an upper-case host is accepted and written back in its canonical form', () => {
    expect(reroute('https://LOGIN.MicrosoftOnline.com/common/oauth2/v2.0/authorize?client_id=1')).toBe(`${BASE}/ezaz2281.onmicrosoft.com/oauth2/v2.0/authorize?client_id=1`);
  });
});

describe('declining, with a reason', () => {
  it.each([
    ['not a url', 'not-a-url'],
    ['', 'not-a-url'],
    ['/common/oauth2/v2.0/authorize?client_id=1', 'not-a-url'],
    [`http://login.microsoftonline.com/common/oauth2/v2.0/authorize?client_id=1`, 'host-not-allowed'],
    [`https://login.microsoftonline.com:443/common/oauth2/v2.0/authorize?client_id=1`, 'host-not-allowed'],
    [`https://login.microsoftonline.com:8443/common/oauth2/v2.0/authorize?client_id=1`, 'host-not-allowed'],
    [`https://evil.example@login.microsoftonline.com/common/oauth2/v2.0/authorize?client_id=1`, 'host-not-allowed'],
    [`https://login.microsoftonline.com@evil.example/common/oauth2/v2.0/authorize?client_id=1`, 'host-not-allowed'],
    [`https://login.microsoftonline.com.evil.example/common/oauth2/v2.0/authorize?client_id=1`, 'host-not-allowed'],
    [`https://login-microsoftonline.com/common/oauth2/v2.0/authorize?client_id=1`, 'host-not-allowed'],
    [`https://login.microsoftonline.co/common/oauth2/v2.0/authorize?client_id=1`, 'host-not-allowed'],
    [`https://login.live.com/common/oauth2/v2.0/authorize?client_id=1`, 'host-not-allowed'],
    [`https://xn--login-microsoftonline-com.example/common/oauth2/v2.0/authorize?client_id=1`, 'host-not-allowed'],
    [`https://login.microsoftonline.com\\@evil.example/common/oauth2/v2.0/authorize?client_id=1`, 'not-a-url'],
    [`https://login.microsoftonline.com/common/oauth2/v2.0/authorize?client_id=1\n`, 'not-a-url'],
    [`${BASE}/consumers/oauth2/v2.0/authorize?client_id=1`, 'consumers-endpoint'],
    [`${BASE}/9188040d-6c67-4c5b-b112-36a304b66dad/oauth2/v2.0/authorize?client_id=1`, 'consumers-endpoint'],
    [`${BASE}/contoso.com/oauth2/v2.0/authorize?client_id=1`, 'already-tenant-specific'],
    [`${BASE}/7f3c2281-b2b0-4e5a-9c1d-3e8f5a6b2281/oauth2/v2.0/authorize?client_id=1`, 'already-tenant-specific'],
    [`${BASE}/ezaz2281.onmicrosoft.com/saml2?SAMLRequest=x`, 'already-tenant-specific'],
    [`${BASE}/common/oauth2/v2.0/token`, 'unsupported-path'],
    [`${BASE}/common/GetCredentialType`, 'unsupported-path'],
    [`${BASE}/common/oauth2/v2.0/authorize/extra?client_id=1`, 'unsupported-path'],
    [`${BASE}/%63ommon/oauth2/v2.0/authorize?client_id=1`, 'unsupported-path'],
    [`${BASE}/login.srf?wa=wsignin1.0`, 'unsupported-path'],
    [`${BASE}/`, 'unsupported-path'],
  ] as const)('%s → none (%s)', (url, reason) => {
    expect(rewriteAuthority(url, HOST_TENANT, { loginHint: 'jane@gmail.com' })).toEqual({ action: 'none', reason });
  });

  it.each([
    `${BASE}/common/login`,
    `${BASE}/common/reprocess?ctx=rQQIARAAhZE9a8JAGMf`,
    `${BASE}/common/SAS/ProcessAuth`,
    `${BASE}/organizations/kmsi`,
    `${BASE}/common/saml2`, // SAML POST binding: the request is in the posted body, not the URL
    `${BASE}/common/oauth2/v2.0/authorize`, // authorize reached by a form post
    `${BASE}/common/oauth2/authorize?client_id=`,
    `${BASE}/common/wsfed?wtrealm=urn%3aapp`,
  ])('%s cannot be rebuilt: the tenant’s My Apps link is offered instead', (url) => {
    expect(rewriteAuthority(url, HOST_GUID)).toEqual({
      action: 'fallback',
      url: 'https://myapps.microsoft.com/?tenantid=7f3c2281-b2b0-4e5a-9c1d-3e8f5a6b2281',
      reason: 'opaque-request',
    });
    expect(rewriteAuthority(url, HOST_TENANT)).toMatchObject({ action: 'fallback', url: 'https://myapps.microsoft.com/ezaz2281.onmicrosoft.com' });
  });

  it('a tenant object that did not come from parseTenant is refused before anything is built', () => {
    const url = `${BASE}/common/oauth2/v2.0/authorize?client_id=1`;
    for (const value of ['evil.example/x', 'common', 'a@b.com', 'EZAZ2281.onmicrosoft.com', '']) {
      expect(rewriteAuthority(url, { kind: 'domain', value } as Tenant)).toEqual({ action: 'none', reason: 'invalid-tenant' });
    }
    expect(rewriteAuthority(url, undefined as unknown as Tenant)).toEqual({ action: 'none', reason: 'invalid-tenant' });
  });

  it('running the rewrite on its own output declines: no loop is possible', () => {
    const once = reroute(`${BASE}/common/oauth2/v2.0/authorize?client_id=1`, HOST_TENANT, 'j@x.com');
    expect(rewriteAuthority(once, HOST_TENANT, { loginHint: 'j@x.com' })).toEqual({ action: 'none', reason: 'already-tenant-specific' });
  });

  it('only login.microsoftonline.com is an allowed host', () => {
    expect(SIGN_IN_HOSTS).toEqual(['login.microsoftonline.com']);
  });
});

describe('authorityOf', () => {
  it.each([
    [`${BASE}/common/oauth2/v2.0/authorize`, { kind: 'common' }],
    [`${BASE}/ORGANIZATIONS/login`, { kind: 'organizations' }],
    [`${BASE}/consumers/`, { kind: 'consumers' }],
    [`${BASE}/9188040d-6c67-4c5b-b112-36a304b66dad/oauth2/v2.0/authorize`, { kind: 'consumers' }],
    [`${BASE}/Contoso.COM/saml2`, { kind: 'tenant', tenant: { kind: 'domain', value: 'contoso.com' } }],
    [`${BASE}/7F3C2281-B2B0-4E5A-9C1D-3E8F5A6B2281/login`, { kind: 'tenant', tenant: { kind: 'guid', value: '7f3c2281-b2b0-4e5a-9c1d-3e8f5a6b2281' } }],
    [`${BASE}/login.srf`, { kind: 'none' }],
    [`${BASE}/GetUserRealm.srf?login=x`, { kind: 'none' }],
    [`${BASE}/redeem?rd=x`, { kind: 'none' }],
    [`${BASE}/`, { kind: 'none' }],
    ['https://evil.example/common/oauth2/v2.0/authorize', { kind: 'none' }],
    ['https://login.microsoftonline.com.evil.example/contoso.com/', { kind: 'none' }],
    ['nonsense', { kind: 'none' }],
  ])('%s → %j', (url, expected) => {
    expect(authorityOf(url)).toEqual(expected);
  });
});
