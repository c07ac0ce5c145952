// The worker's memory of the sign-in in one tab: what was tried (no loop), whether the guest typed an address
// (trust by signing in), and when it ends (the same link used again reroutes again).
import { describe, expect, it } from 'vitest';
import { credentialCompleted, current, isSignIn, pageLoaded, requestKey, triedTenant, typedAddress } from '../../extension/src/worker/sign-in-memory.ts';

const COMMON =
  'https://login.microsoftonline.com/common/oauth2/v2.0/authorize?client_id=c0ffee00&redirect_uri=https%3A%2F%2Fmyapps.microsoft.com%2Fsignin-oidc&response_type=code&scope=openid&state=s1&nonce=n1';
const AT_TENANT =
  'https://login.microsoftonline.com/ezaz2281.onmicrosoft.com/oauth2/v2.0/authorize?nonce=n1&state=s1&client_id=c0ffee00&redirect_uri=https%3A%2F%2Fmyapps.microsoft.com%2Fsignin-oidc&response_type=code&scope=openid&login_hint=jane.doe%40gmail.com';
const POSTED = 'https://login.microsoftonline.com/ezaz2281.onmicrosoft.com/login';
const DEMO = 'ezaz2281.onmicrosoft.com';
const PARTNER = 'fabrikampartners.onmicrosoft.com';

describe('the sign-in memory of one tab', () => {
  it('the original request and its reroute to a tenant are one sign-in', () => {
    expect(requestKey(COMMON)).toBe(requestKey(AT_TENANT));
    expect(requestKey(COMMON.replace('state=s1', 'state=s2'))).not.toBe(requestKey(COMMON));
    let r = pageLoaded(undefined, COMMON, false, undefined, 1);
    r = typedAddress(r, 2);
    r = triedTenant(r, COMMON, COMMON, DEMO, 'jane.doe@gmail.com', 3);
    r = pageLoaded(r, AT_TENANT, false, DEMO, 4);
    r = pageLoaded(r, POSTED, false, DEMO, 5); // a posted step continues it
    r = triedTenant(r, POSTED, COMMON, PARTNER, undefined, 6);
    expect(r).toMatchObject({ typed: true, attempt: { original: COMMON, loginHint: 'jane.doe@gmail.com', tried: [DEMO, PARTNER] } });
  });

  it('a new request in the tab, or an arrival from another site, starts afresh', () => {
    const tried = triedTenant(typedAddress(pageLoaded(undefined, COMMON, false, undefined, 1), 2), COMMON, COMMON, DEMO, undefined, 3);
    expect(pageLoaded(tried, COMMON.replace('state=s1', 'state=s2'), false, undefined, 4)).toEqual({ typed: false, at: 4, key: requestKey(COMMON.replace('state=s1', 'state=s2')) });
    expect(pageLoaded(tried, COMMON, true, undefined, 4)).toEqual({ typed: false, at: 4, key: requestKey(COMMON) });
    // The same static link loaded again without leaving the site keeps the memory (no loop within a sign-in).
    expect(pageLoaded(tried, COMMON, false, undefined, 4).attempt?.tried).toEqual([DEMO]);
  });

  it('a completed credential step ends what was tried, so the same link used again reroutes again', () => {
    const tried = triedTenant(pageLoaded(undefined, COMMON, false, undefined, 1), COMMON, COMMON, DEMO, undefined, 2);
    const moved = credentialCompleted(pageLoaded(tried, POSTED, false, DEMO, 3), 4);
    expect(moved?.attempt).toBeUndefined();
    expect(pageLoaded(moved, COMMON, false, undefined, 5).attempt).toBeUndefined();
  });

  it('the tenant a sign-in started at is kept for its later steps', () => {
    const r = pageLoaded(pageLoaded(undefined, AT_TENANT, false, DEMO, 1), POSTED, false, undefined, 2);
    expect(r.startTenant).toBe(DEMO);
  });

  it('an old record (over an hour) no longer counts, and garbage is not a record', () => {
    const r = triedTenant(undefined, COMMON, COMMON, DEMO, undefined, 0);
    expect(current(r, 60 * 60 * 1000)).toBeDefined();
    expect(current(r, 61 * 60 * 1000)).toBeUndefined();
    for (const bad of [null, '{x', { typed: 'yes', at: 1 }, { typed: true, at: 1, attempt: { original: 1, tried: [] } }]) expect(isSignIn(bad)).toBe(false);
    expect(isSignIn(r)).toBe(true);
  });
});
