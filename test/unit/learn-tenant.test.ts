import { describe, expect, it } from 'vitest';
import { learnTenantFromUrl } from '../../shared/authority-rewrite.ts';

const TID = '7f3c2281-b2b0-4e5a-9c1d-3e8f5a6b2281';
// The documented inviteRedeemUrl shape (facts §2): rd is the url-encoded invitations.microsoft.com address.
const REDEEM = `https://login.microsoftonline.com/redeem?rd=https%3a%2f%2finvitations.microsoft.com%2fredeem%2f%3ftenant%3d${TID}%26user%3d2d39e09a-4e5c-4c9f-b5a8-1f2a3b4c5d6e%26ticket%3dDx8xXk%252fLnrg%253d%26ver%3d2.0`;

describe('learning the host tenant from where the guest has been', () => {
  it('an invitation redemption link teaches the tenant in its rd= target', () => {
    expect(learnTenantFromUrl(REDEEM)).toEqual({ action: 'learn', tenant: { kind: 'guid', value: TID }, source: 'redemption-link' });
  });

  it('the older direct invitations.microsoft.com link teaches it too', () => {
    expect(learnTenantFromUrl(`https://invitations.microsoft.com/redeem/?tenant=${TID.toUpperCase()}&user=1&ticket=2&ver=2.0`)).toEqual({
      action: 'learn',
      tenant: { kind: 'guid', value: TID },
      source: 'redemption-link',
    });
  });

  it('a tenant-specific sign-in URL teaches its tenant, GUID or domain', () => {
    expect(learnTenantFromUrl(`https://login.microsoftonline.com/${TID}/oauth2/v2.0/authorize?client_id=1`)).toEqual({
      action: 'learn',
      tenant: { kind: 'guid', value: TID },
      source: 'tenant-url',
    });
    expect(learnTenantFromUrl('https://login.microsoftonline.com/Ezaz2281.onmicrosoft.com/saml2?SAMLRequest=x')).toEqual({
      action: 'learn',
      tenant: { kind: 'onmicrosoft', value: 'ezaz2281.onmicrosoft.com' },
      source: 'tenant-url',
    });
  });
});

describe('never learning from the wrong places', () => {
  it.each([
    ['https://login.microsoftonline.com/common/oauth2/v2.0/authorize?client_id=1', 'generic-endpoint'],
    ['https://login.microsoftonline.com/organizations/login', 'generic-endpoint'],
    ['https://login.microsoftonline.com/consumers/oauth2/v2.0/authorize', 'generic-endpoint'],
    ['https://login.microsoftonline.com/9188040d-6c67-4c5b-b112-36a304b66dad/oauth2/v2.0/authorize', 'generic-endpoint'],
    ['https://invitations.microsoft.com/redeem/?tenant=common&user=1', 'generic-endpoint'],
    ['https://login.microsoftonline.com/login.srf', 'no-tenant'],
    ['https://login.microsoftonline.com/', 'no-tenant'],
    ['https://login.microsoftonline.com/redeem', 'no-tenant'],
    ['https://login.microsoftonline.com/redeem?rd=https%3a%2f%2finvitations.microsoft.com%2fredeem%2f%3fuser%3d1', 'no-tenant'],
    ['https://invitations.microsoft.com/other?tenant=' + TID, 'no-tenant'],
    ['https://invitations.microsoft.com/redeem/?tenant=', 'no-tenant'],
    ['https://invitations.microsoft.com/redeem/?tenant=evil.example%2Fx', 'invalid-tenant'],
    ['https://invitations.microsoft.com/redeem/?tenant=a%40b.com', 'invalid-tenant'],
    ['https://login.microsoftonline.com/redeem?rd=https%3a%2f%2fevil.example%2fredeem%2f%3ftenant%3d' + TID, 'host-not-allowed'],
    ['https://login.microsoftonline.com/redeem?rd=http%3a%2f%2finvitations.microsoft.com%2fredeem%2f%3ftenant%3d' + TID, 'host-not-allowed'],
    ['https://login.microsoftonline.com/redeem?rd=not-a-url', 'host-not-allowed'],
    [`https://evil.example/${TID}/oauth2/v2.0/authorize`, 'host-not-allowed'],
    [`http://login.microsoftonline.com/${TID}/oauth2/v2.0/authorize`, 'host-not-allowed'],
    [`https://login.microsoftonline.com:8443/${TID}/oauth2/v2.0/authorize`, 'host-not-allowed'],
    [`https://x@login.microsoftonline.com/${TID}/oauth2/v2.0/authorize`, 'host-not-allowed'],
    [`https://login.microsoftonline.com.evil.example/${TID}/`, 'host-not-allowed'],
    [`https://invitations.microsoft.com.evil.example/redeem/?tenant=${TID}`, 'host-not-allowed'],
    ['not a url', 'not-a-url'],
    ['', 'not-a-url'],
  ] as const)('%s → none (%s)', (url, reason) => {
    expect(learnTenantFromUrl(url)).toEqual({ action: 'none', reason });
  });
});
