// Real Chromium against the emulator under Microsoft's real host names (TLS accepted only through the SPKI pin of
// the emulator's leaf certificate). Facts §1b (error strings), §2 (tenant-specific endpoint, OTP guests).
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { launchChromium, type LaunchedBrowser } from '../support/browser.ts';
import { DEMO_PEOPLE, DEMO_TENANT, DEMO_WEB_APP } from './demo-tenant.ts';
import { startEmulator, type Emulator } from './index.ts';

let emulator: Emulator;
let browser: LaunchedBrowser;

beforeAll(async () => {
  emulator = await startEmulator();
  browser = await launchChromium({ emulatorPort: emulator.port, emulatorSpki: emulator.spki });
});
afterAll(async () => {
  await browser?.close();
  await emulator?.stop();
});
beforeEach(() => emulator.reset());

function authorizeUrl(authority: string, extra: Record<string, string> = {}): string {
  const params = new URLSearchParams({ client_id: DEMO_WEB_APP.clientId, redirect_uri: DEMO_WEB_APP.redirectUri, response_type: 'code', scope: 'openid', state: 'xyz123', nonce: 'n1', ...extra });
  return `https://login.microsoftonline.com/${authority}/oauth2/v2.0/authorize?${params}`;
}

describe('guest sign-in in a real browser (facts §1b, §2)', () => {
  it('§2: a Gmail guest at the TENANT endpoint gets a passcode step and lands on My Apps /signin-oidc with state=xyz123 and a code', async () => {
    const page = await browser.context.newPage();
    await page.goto(authorizeUrl(DEMO_TENANT.id));
    await page.locator('input[name=loginfmt]').fill(DEMO_PEOPLE.acceptedGmailGuest);
    await page.locator('#idSIButton9').click();
    await page.locator('input[name=otc]').waitFor();
    const code = emulator.lastOtp(DEMO_PEOPLE.acceptedGmailGuest);
    expect(code).toMatch(/^\d{8}$/);
    await page.locator('input[name=otc]').fill(code!);
    await page.locator('#idSIButton9').click();
    await page.waitForURL(/^https:\/\/myapps\.microsoft\.com\/signin-oidc\?/);
    const landed = new URL(page.url());
    expect(landed.searchParams.get('state')).toBe('xyz123');
    expect(landed.searchParams.get('code')).toBeTruthy();
    expect(await page.locator('#state').textContent()).toBe('xyz123');
    await page.close();
  });

  it('§2: the request the extension re-sends (tenant endpoint + login_hint) goes straight to the passcode step in Japanese with mkt=ja-JP', async () => {
    const page = await browser.context.newPage();
    await page.goto(authorizeUrl(DEMO_TENANT.domain, { login_hint: DEMO_PEOPLE.acceptedGmailGuest, mkt: 'ja-JP' }));
    await page.locator('input[name=otc]').waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('ja');
    expect(await page.locator('#displayName').textContent()).toBe(DEMO_PEOPLE.acceptedGmailGuest);
    await page.locator('input[name=otc]').fill(emulator.lastOtp(DEMO_PEOPLE.acceptedGmailGuest)!);
    await page.locator('#idSIButton9').click();
    await page.waitForURL(/^https:\/\/myapps\.microsoft\.com\/signin-oidc\?/);
    expect(new URL(page.url()).searchParams.get('state')).toBe('xyz123');
    await page.close();
  });

  it('§1b: the same Gmail address at /common/ sees "We couldn\'t find an account…" in #usernameError and the input gets has-error', async () => {
    const page = await browser.context.newPage();
    await page.goto(authorizeUrl('common'));
    await page.locator('input[name=loginfmt]').fill(DEMO_PEOPLE.acceptedGmailGuest);
    await page.locator('#idSIButton9').click();
    const error = page.locator('#usernameError');
    await error.waitFor({ state: 'visible' });
    expect(await error.textContent()).toBe("We couldn't find an account with that username. Try another, or get a new Microsoft account.");
    expect(await page.locator('input[name=loginfmt]').getAttribute('class')).toContain('has-error');
    expect(new URL(page.url()).pathname).toBe('/common/oauth2/v2.0/authorize'); // no navigation: the page stays put
    expect(emulator.lastOtp(DEMO_PEOPLE.acceptedGmailGuest)).toBeUndefined();
    await page.close();
  });

  it('§1a Fluent markup: the same error appears in div[role=alert] next to input#usernameEntry', async () => {
    emulator.setScenario({ markup: 'fluent' });
    const page = await browser.context.newPage();
    await page.goto(authorizeUrl('common'));
    await page.locator('input#usernameEntry').fill(DEMO_PEOPLE.acceptedGmailGuest);
    await page.locator('button[data-testid=primaryButton]').click();
    const alert = page.locator('div[role=alert]:not([hidden])');
    await alert.waitFor({ state: 'visible' });
    expect(await alert.textContent()).toContain("We couldn't find an account with that username.");
    await page.close();
  });

  it('§1b: an address unknown to the tenant sees "This username may be incorrect…" at the tenant endpoint', async () => {
    // The facts file's reading (message by endpoint); the captured one (by DomainType) is in browser-captured-page.
    emulator.state.behaviour.signInPage = 'facts';
    const page = await browser.context.newPage();
    await page.goto(authorizeUrl(DEMO_TENANT.domain));
    await page.locator('input[name=loginfmt]').fill(DEMO_PEOPLE.partnerOnlyGuest);
    await page.locator('#idSIButton9').click();
    const error = page.locator('#usernameError');
    await error.waitFor({ state: 'visible' });
    expect(await error.textContent()).toBe('This username may be incorrect. Make sure you typed it correctly. Otherwise, contact your admin.');
    await page.close();
  });

  it('§1d: when GetCredentialType is throttled (ThrottleStatus 1) the page says so instead of "couldn\'t find an account"', async () => {
    // The facts file's reading; as captured (real-behaviour §3) the page shows the account-type view instead,
    // pinned in browser-captured-page.test.ts.
    emulator.state.behaviour.signInPage = 'facts';
    emulator.setScenario({ throttleCredentialLookups: true });
    const page = await browser.context.newPage();
    await page.goto(authorizeUrl('common'));
    await page.locator('input[name=loginfmt]').fill(DEMO_PEOPLE.acceptedGmailGuest);
    await page.locator('#idSIButton9').click();
    const error = page.locator('#usernameError');
    await error.waitFor({ state: 'visible' });
    expect(await error.textContent()).toBe("We've received too many requests. Please wait a moment and try again.");
    await page.close();
  });

  it('TLS stays strict: a certificate not matching the pinned SPKI is refused by the browser', async () => {
    // Pin a different SPKI: the same emulator is now untrusted, so the pin (not a blanket ignore) is what lets tests in.
    const strict = await launchChromium({ emulatorPort: emulator.port, emulatorSpki: 'AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=' });
    try {
      const page = await strict.context.newPage();
      await expect(page.goto(authorizeUrl('common'))).rejects.toThrow(/ERR_CERT_AUTHORITY_INVALID|ERR_CERT/);
    } finally {
      await strict.close();
    }
  });
});
