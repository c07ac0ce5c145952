import { describe, expect, it } from 'vitest';
import { buildLink, findLink, isCatalogueUrl, LINK_CATALOGUE, urlOnHosts, type LinkKind, type LinkOptions } from '../../shared/links.ts';
import { parseTenant, type Tenant } from '../../shared/tenant.ts';

function tenant(input: string): Tenant {
  const r = parseTenant(input);
  if (!r.ok) throw new Error(r.message);
  return r.tenant;
}

const GUID = tenant('7f3c2281-b2b0-4e5a-9c1d-3e8f5a6b2281');
const DOMAIN = tenant('ezaz2281.onmicrosoft.com');
const APP_ID = 'c0ffee00-b2b0-4c0d-9e57-000000000001';

function built(kind: LinkKind, t: Tenant, options?: LinkOptions): string {
  const r = buildLink(kind, t, options);
  if (!r.ok) throw new Error(`${kind}: ${r.reason} ${r.message}`);
  return r.url;
}

describe('the documented link forms', () => {
  it('My Apps by tenant id uses ?tenantid=, by domain the path form', () => {
    expect(built('myapps', GUID)).toBe('https://myapps.microsoft.com/?tenantid=7f3c2281-b2b0-4e5a-9c1d-3e8f5a6b2281');
    expect(built('myapps', DOMAIN)).toBe('https://myapps.microsoft.com/ezaz2281.onmicrosoft.com');
  });

  it('My Account, Azure portal and Entra admin center carry the tenant', () => {
    expect(built('myaccount', GUID)).toBe('https://myaccount.microsoft.com/?tenantId=7f3c2281-b2b0-4e5a-9c1d-3e8f5a6b2281');
    expect(built('azure-portal', GUID)).toBe('https://portal.azure.com/7f3c2281-b2b0-4e5a-9c1d-3e8f5a6b2281');
    expect(built('entra', DOMAIN)).toBe('https://entra.microsoft.com/ezaz2281.onmicrosoft.com');
  });

  it('Teams takes the tenant id and refuses a domain, saying it needs the GUID', () => {
    expect(built('teams', GUID)).toBe('https://teams.microsoft.com/?tenantId=7f3c2281-b2b0-4e5a-9c1d-3e8f5a6b2281');
    expect(buildLink('teams', DOMAIN)).toMatchObject({ ok: false, reason: 'requires-guid' });
  });

  it('one app by application id signs in through My Apps with the tenant', () => {
    expect(built('app', GUID, { appId: APP_ID.toUpperCase() })).toBe(
      `https://myapps.microsoft.com/signin/${APP_ID}?tenantId=7f3c2281-b2b0-4e5a-9c1d-3e8f5a6b2281`,
    );
  });

  it('an app link without an app id, or with something else than a GUID, is declined', () => {
    expect(buildLink('app', GUID)).toMatchObject({ ok: false, reason: 'missing-option' });
    expect(buildLink('app', GUID, { appId: '../../evil' })).toMatchObject({ ok: false, reason: 'invalid-option' });
  });

  it('the OAuth authorize link goes to the tenant endpoint and carries login_hint', () => {
    const url = built('authorize', DOMAIN, { clientId: APP_ID, redirectUri: 'https://myapps.microsoft.com/signin-oidc', loginHint: 'jane.doe@gmail.com' });
    const u = new URL(url);
    expect(u.origin + u.pathname).toBe('https://login.microsoftonline.com/ezaz2281.onmicrosoft.com/oauth2/v2.0/authorize');
    expect(u.searchParams.get('client_id')).toBe(APP_ID);
    expect(u.searchParams.get('redirect_uri')).toBe('https://myapps.microsoft.com/signin-oidc');
    expect(u.searchParams.get('response_type')).toBe('code');
    expect(u.searchParams.get('scope')).toBe('openid profile');
    expect(u.searchParams.get('login_hint')).toBe('jane.doe@gmail.com');
  });

  it('the authorize link declines a missing or unsafe client id, redirect URI or login hint', () => {
    expect(buildLink('authorize', GUID, { redirectUri: 'https://a.example/cb' })).toMatchObject({ reason: 'missing-option' });
    expect(buildLink('authorize', GUID, { clientId: APP_ID })).toMatchObject({ reason: 'missing-option' });
    expect(buildLink('authorize', GUID, { clientId: 'x', redirectUri: 'https://a.example/cb' })).toMatchObject({ reason: 'invalid-option' });
    expect(buildLink('authorize', GUID, { clientId: APP_ID, redirectUri: 'not a url' })).toMatchObject({ reason: 'invalid-option' });
    expect(buildLink('authorize', GUID, { clientId: APP_ID, redirectUri: 'http://a.example/cb' })).toMatchObject({ reason: 'invalid-option' });
    expect(buildLink('authorize', GUID, { clientId: APP_ID, redirectUri: 'javascript:alert(1)' })).toMatchObject({ reason: 'invalid-option' });
    expect(buildLink('authorize', GUID, { clientId: APP_ID, redirectUri: 'https://a.example/cb', loginHint: 'a b@c.d' })).toMatchObject({ reason: 'invalid-option' });
    expect(buildLink('authorize', GUID, { clientId: APP_ID, redirectUri: 'https://a.example/cb', scope: '   ' })).toMatchObject({ reason: 'invalid-option' });
  });

  it('a loopback redirect URI is allowed for native and development apps', () => {
    expect(buildLink('authorize', GUID, { clientId: APP_ID, redirectUri: 'http://localhost:3000/cb' }).ok).toBe(true);
  });
});

describe('SharePoint sites', () => {
  it('a *.sharepoint.com https address is accepted and normalised', () => {
    expect(built('sharepoint', GUID, { sharepointUrl: ' https://Contoso.SharePoint.com/sites/Partners ' })).toBe('https://contoso.sharepoint.com/sites/Partners');
    expect(built('sharepoint', GUID, { sharepointUrl: 'https://contoso-my.sharepoint.com/personal/x' })).toBe('https://contoso-my.sharepoint.com/personal/x');
  });

  it.each([
    ['http://contoso.sharepoint.com/sites/a', 'plain http'],
    ['https://sharepoint.com/sites/a', 'the bare parent domain'],
    ['https://contoso.sharepoint.com.evil.example/sites/a', 'a look-alike host'],
    ['https://evil.example/#.sharepoint.com', 'the suffix hidden in a fragment'],
    ['https://contoso.sharepoint.com@evil.example/', 'user info pointing elsewhere'],
    ['https://user@contoso.sharepoint.com/', 'user info'],
    ['https://contoso.sharepoint.com:8443/', 'a port'],
    ['https://a.b.sharepoint.com/', 'a nested sub-domain'],
    ['contoso.sharepoint.com/sites/a', 'no scheme'],
  ])('%s is refused (%s)', (sharepointUrl) => {
    expect(buildLink('sharepoint', GUID, { sharepointUrl })).toMatchObject({ ok: false, reason: 'invalid-option' });
  });

  it('a SharePoint link without an address is declined as missing', () => {
    expect(buildLink('sharepoint', GUID)).toMatchObject({ ok: false, reason: 'missing-option' });
  });
});

describe('the catalogue as a whole', () => {
  it('every kind has one entry with a name, a description and at least one host', () => {
    const kinds = LINK_CATALOGUE.map((d) => d.kind);
    expect(new Set(kinds).size).toBe(kinds.length);
    expect(kinds.sort()).toEqual(['app', 'authorize', 'azure-portal', 'entra', 'myaccount', 'myapps', 'sharepoint', 'teams']);
    for (const def of LINK_CATALOGUE) {
      expect(def.name.length).toBeGreaterThan(2);
      expect(def.description).toMatch(/\.$/);
      expect(def.hosts.length).toBeGreaterThan(0);
    }
  });

  it('only the authorize endpoint claims to take login_hint', () => {
    expect(LINK_CATALOGUE.filter((d) => d.acceptsLoginHint).map((d) => d.kind)).toEqual(['authorize']);
  });

  it('every link built for a GUID and a domain tenant lands on its entry’s hosts and is a catalogue URL', () => {
    const options: LinkOptions = { appId: APP_ID, clientId: APP_ID, redirectUri: 'https://a.example/cb', sharepointUrl: 'https://contoso.sharepoint.com/sites/x', loginHint: 'j@x.example' };
    for (const def of LINK_CATALOGUE) {
      for (const t of [GUID, DOMAIN]) {
        const r = def.build(t, options);
        if (!r.ok) {
          expect(r.reason).toBe('requires-guid');
          continue;
        }
        expect(urlOnHosts(r.url, def.hosts)).toBe(true);
        expect(isCatalogueUrl(r.url)).toBe(true);
      }
    }
  });

  it('findLink returns undefined for an unknown kind, and buildLink declines it', () => {
    expect(findLink('myapps')?.name).toBe('My Apps');
    expect(findLink('evil')).toBeUndefined();
    expect(buildLink('evil' as LinkKind, GUID)).toMatchObject({ ok: false, reason: 'invalid-option' });
  });

  it('a hand-built tenant object that was never validated is refused by every builder', () => {
    const forged = { kind: 'domain', value: 'evil.example/../x' } as Tenant;
    for (const def of LINK_CATALOGUE.filter((d) => d.kind !== 'sharepoint')) {
      expect(def.build(forged, { appId: APP_ID, clientId: APP_ID, redirectUri: 'https://a.example/cb' })).toMatchObject({ ok: false, reason: 'invalid-option' });
    }
    expect(buildLink('myapps', { kind: 'guid', value: 'not-a-guid' } as Tenant)).toMatchObject({ ok: false });
  });
});

describe('isCatalogueUrl: no open redirect', () => {
  it.each([
    'https://myapps.microsoft.com/?tenantid=x',
    'https://login.microsoftonline.com/contoso.com/oauth2/v2.0/authorize',
    'https://contoso.sharepoint.com/sites/a',
    'https://teams.microsoft.com/',
  ])('%s is a catalogue URL', (url) => {
    expect(isCatalogueUrl(url)).toBe(true);
  });

  it.each([
    'https://evil.example/',
    'http://myapps.microsoft.com/',
    'https://myapps.microsoft.com.evil.example/',
    'https://myapps.microsoft.com@evil.example/',
    'https://evil.example@myapps.microsoft.com/',
    'https://myapps.microsoft.com:444/',
    'https://sharepoint.com/',
    '//evil.example/',
    '/relative/path',
    'javascript:alert(1)',
    'not a url',
  ])('%s is not', (url) => {
    expect(isCatalogueUrl(url)).toBe(false);
  });
});
