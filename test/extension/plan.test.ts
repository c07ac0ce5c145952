// The content script looks its decision up in a plan the service worker made when the page loaded. Whatever the
// page shows, the looked-up answer must be exactly what deciding on the spot (decidePage) gives.
import { describe, expect, it } from 'vitest';
import { decidePage, planPage } from '../../extension/src/worker/decide.ts';
import { decideByPlan } from '../../extension/src/content-script/plan.ts';
import type { Attempt } from '../../extension/src/worker/sign-in-memory.ts';
import type { EffectiveSettings, Mode } from '../../extension/src/common/settings.ts';
import type { SignInPageState } from '../../shared/signin-page.ts';

const DEMO = 'ezaz2281.onmicrosoft.com';
const PARTNER = 'fabrikampartners.onmicrosoft.com';
const GUID = '0b6a7e6d-6a1a-4a43-9d0b-1f3c0f6e2a11';
const Q = 'client_id=c0ffee00-b2b0-4c0d-9e57-000000000001&response_type=code&state=st-1&nonce=n-2';
const URLS = [
  `https://login.microsoftonline.com/common/oauth2/v2.0/authorize?${Q}`,
  `https://login.microsoftonline.com/organizations/oauth2/authorize?${Q}&login_hint=old%40example.com#frag`,
  `https://login.microsoftonline.com/common/saml2?SAMLRequest=abc%2B%3D&RelayState=r`,
  'https://login.microsoftonline.com/common/login',
  'https://login.microsoftonline.com/consumers/oauth2/v2.0/authorize?client_id=x',
  `https://login.microsoftonline.com/${DEMO}/oauth2/v2.0/authorize?${Q}`,
  `https://login.microsoftonline.com/${GUID}/oauth2/v2.0/authorize?${Q}`,
  'https://login.microsoftonline.com/',
];
const PAGES: SignInPageState[] = [
  { state: 'none', reason: 'no-error-shown' },
  { state: 'none', reason: 'unrecognised-error' },
  { state: 'account-not-found', signal: 's' },
  { state: 'account-not-found', signal: 's', username: 'jane.doe@gmail.com' },
  { state: 'username-may-be-incorrect', signal: 's', username: 'o’brien+x@example.com' },
  { state: 'username-may-be-incorrect', signal: 's' },
  { state: 'unrecognised-username-error', signal: 's', username: 'jane.doe@gmail.com' },
  { state: 'unrecognised-username-error', signal: 's' },
  { state: 'personal-account-not-allowed', signal: 's', username: 'jane@outlook.com' },
  ...[50020, 50034, 90072, 16000, 90002, 50126, 700016].map((code) => ({ state: 'aadsts-error' as const, code, signal: 's' })),
];
const tenant = (value: string, extra: object = {}) => ({
  tenant: { kind: value === GUID ? ('guid' as const) : ('onmicrosoft' as const), value },
  source: 'manual' as const,
  addedAt: 1,
  locked: false,
  trusted: true,
  ...extra,
});
const SETTINGS: EffectiveSettings[] = (['automatic', 'ask', 'off'] as Mode[]).flatMap((mode) => [
  { mode, modeLocked: false, learning: true, learningLocked: false, tenants: [] },
  { mode, modeLocked: false, learning: true, learningLocked: false, tenants: [tenant(DEMO, { portalUrl: 'https://portal.example/' })] },
  { mode, modeLocked: false, learning: true, learningLocked: false, tenants: [tenant(DEMO), tenant(PARTNER, { label: 'Fabrikam' }), tenant(GUID)] },
  // One trusted, one candidate; a candidate only.
  { mode, modeLocked: false, learning: true, learningLocked: false, tenants: [tenant(DEMO), tenant(PARTNER, { source: 'tenant-url', trusted: false })] },
  { mode, modeLocked: false, learning: true, learningLocked: false, tenants: [tenant(PARTNER, { source: 'redemption-link', trusted: false })] },
]);
const ATTEMPTS: (Attempt | undefined)[] = [
  undefined,
  { original: URLS[0]!, tried: [DEMO], at: 1, loginHint: 'jane.doe@gmail.com' },
  { original: URLS[1]!, tried: [DEMO, PARTNER], at: 1 },
];

describe('a page decides by looking up the plan made when it loaded', () => {
  it('gives exactly the on-the-spot decision for every page state, address, setting and attempt', () => {
    let compared = 0;
    for (const url of URLS) {
      for (const settings of SETTINGS) {
        for (const attempt of ATTEMPTS) {
          const plan = planPage(url, settings, attempt, 'gp-5b0e4d9c-1f0a-4e7a-9a51-3c2d1e0f9a8b');
          for (const page of PAGES) {
            expect(decideByPlan(page, plan), `${page.state} at ${url}, ${settings.mode}`).toEqual(decidePage(page, url, settings, attempt));
            compared++;
          }
        }
      }
    }
    expect(compared).toBe(URLS.length * SETTINGS.length * ATTEMPTS.length * PAGES.length);
  });

  it('never lets the stand-in for the address reach the page', () => {
    const hint = 'gp-5b0e4d9c-1f0a-4e7a-9a51-3c2d1e0f9a8b';
    const settings = SETTINGS[1]!;
    const decision = decideByPlan(PAGES[3]!, planPage(URLS[0]!, settings, undefined, hint));
    expect(decision.action).toBe('reroute');
    expect(JSON.stringify(decision)).not.toContain(hint);
    expect(decision.action === 'reroute' && new URL(decision.url).searchParams.get('login_hint')).toBe('jane.doe@gmail.com');
  });
});
