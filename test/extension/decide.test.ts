// Who decides an automatic reroute: only trusted tenants. Candidates (seen only in a URL) are offered, never taken.
import { describe, expect, it } from 'vitest';
import { decidePage } from '../../extension/src/worker/decide.ts';
import { mergeSettings } from '../../extension/src/common/settings.ts';
import type { SignInPageState } from '../../shared/signin-page.ts';

const COMMON = 'https://login.microsoftonline.com/common/oauth2/v2.0/authorize?client_id=c0ffee00-b2b0-4c0d-9e57-000000000001&state=s';
const DEMO = 'ezaz2281.onmicrosoft.com';
const EVIL = 'evil.onmicrosoft.com';
const stored = (value: string, source: string) => ({ tenant: { kind: 'onmicrosoft', value }, source, addedAt: 1 });
const settings = (tenants: ReturnType<typeof stored>[], mode = 'automatic') => mergeSettings({ mode, tenants }, {});
const page = (state: 'account-not-found' | 'username-may-be-incorrect' | 'unrecognised-username-error'): SignInPageState => ({ state, signal: 's', username: 'jane.doe@gmail.com' });

describe('the trust model decides what is automatic', () => {
  it('exactly one trusted tenant: no click, even with candidates around', () => {
    for (const source of ['manual', 'confirmed', 'signed-in']) {
      const d = decidePage(page('account-not-found'), COMMON, settings([stored(EVIL, 'tenant-url'), stored(DEMO, source)]), undefined);
      expect(d, source).toMatchObject({ action: 'reroute', tenant: DEMO });
    }
    expect(decidePage(page('account-not-found'), COMMON, mergeSettings({ tenants: [stored(EVIL, 'redemption-link')] }, { tenants: [{ tenant: DEMO }] }), undefined)).toMatchObject({ action: 'reroute', tenant: DEMO });
  });

  it('candidates only: a chooser that says they were only seen in links — never automatic', () => {
    const d = decidePage(page('account-not-found'), COMMON, settings([stored(EVIL, 'redemption-link')]), undefined);
    expect(d).toMatchObject({ action: 'choose', intro: 'chooseUnconfirmed', reason: 'unconfirmed-tenants', choices: [{ tenant: EVIL, trusted: false }] });
  });

  it('"may be incorrect" at /common explains the work account and offers only trusted tenants, never automatically', () => {
    const one = settings([stored(DEMO, 'manual'), stored(EVIL, 'tenant-url')]);
    expect(decidePage(page('username-may-be-incorrect'), COMMON, one, undefined)).toMatchObject({
      action: 'choose',
      intro: 'chooseWorkAccount',
      choices: [{ tenant: DEMO, trusted: true }],
    });
    expect(decidePage(page('username-may-be-incorrect'), COMMON, settings([stored(EVIL, 'tenant-url')]), undefined)).toMatchObject({
      action: 'explain',
      key: 'explainWorkAccount',
    });
  });

  it('an unrecognised error text at /common is offered with one click, never automatic', () => {
    const d = decidePage(page('unrecognised-username-error'), COMMON, settings([stored(DEMO, 'manual')]), undefined);
    expect(d).toMatchObject({ action: 'choose', intro: 'chooseUnrecognised', choices: [{ tenant: DEMO }] });
    expect(decidePage(page('unrecognised-username-error'), COMMON, settings([]), undefined)).toMatchObject({ action: 'none', final: false });
  });

  it('AADSTS90002 (no such tenant) is declined for good, so the worker drops the candidate', () => {
    expect(decidePage({ state: 'aadsts-error', code: 90002, signal: 's' }, COMMON.replace('/common/', `/${EVIL}/`), settings([stored(EVIL, 'tenant-url')]), undefined)).toEqual({
      action: 'none',
      reason: 'aadsts-90002',
      final: true,
    });
  });
});
