// Contract: the sign-in page as Microsoft serves it (the real-behaviour reference, "real-behaviour §n"), in real
// Chromium under Microsoft's host name: served empty and hidden, built by its own script, the error node inserted
// and removed with its link, the hidden #i0118, the message by DomainType at every endpoint, the account-type view
// for a lookup without a verdict — in both markups.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { launchChromium, type LaunchedBrowser } from '../support/browser.ts';
import { DEMO_PEOPLE, DEMO_TENANT, DEMO_WEB_APP } from './demo-tenant.ts';
import { startEmulator, type Emulator } from './index.ts';
import { parseHtml, postForm, readConfig } from './login/test-helpers.ts';

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

const NOT_FOUND = "We couldn't find an account with that username. Try another, or get a new Microsoft account.";
const MAY_BE_INCORRECT = 'This username may be incorrect. Make sure you typed it correctly. Otherwise, contact your admin.';

function authorizePath(authority: string, extra: Record<string, string> = {}): string {
  const params = new URLSearchParams({ client_id: DEMO_WEB_APP.clientId, redirect_uri: DEMO_WEB_APP.redirectUri, response_type: 'code', scope: 'openid', state: 'xyz123', ...extra });
  return `/${authority}/oauth2/v2.0/authorize?${params}`;
}

async function open(authority: string, extra: Record<string, string> = {}): Promise<Page> {
  const page = await browser.context.newPage();
  await page.goto(`https://login.microsoftonline.com${authorizePath(authority, extra)}`);
  return page;
}

async function typeAndNext(page: Page, markup: 'converged' | 'fluent', address: string): Promise<void> {
  await page.locator(markup === 'converged' ? 'input#i0116' : 'input#usernameEntry').fill(address);
  await page.locator(markup === 'converged' ? '#idSIButton9' : 'button[data-testid=primaryButton]').click();
}

describe('the served document (real-behaviour §1)', () => {
  it('§1: the body is served empty and hidden (only scripts), with <noscript> to /jsdisabled and $Config carrying sErrorCode 50058 on a clean load at /common', async () => {
    const res = await fetch(emulator.origin + authorizePath('common'));
    const html = await res.text();
    const doc = parseHtml(html);
    expect(doc.body.className).toBe('cb');
    expect(doc.body.getAttribute('style')).toBe('display: none');
    expect([...doc.body.children].map((c) => c.tagName)).toEqual(['SCRIPT']);
    expect(doc.querySelector('input, form')).toBeNull();
    expect(doc.querySelector('noscript')?.innerHTML).toContain('/jsdisabled');
    const config = readConfig(html);
    expect(config).toMatchObject({ pgid: 'ConvergedSignIn', sErrorCode: '50058', arrValErrs: ['50058'] });
    expect(Object.keys(config).length).toBeGreaterThan(40);
    expect((await fetch(`${emulator.origin}/jsdisabled`)).status).toBe(200);
  });
});

describe.each(['converged', 'fluent'] as const)('the %s markup, built by the page script', (markup) => {
  beforeEach(() => emulator.setScenario({ markup }));
  const errorNode = markup === 'converged' ? '#usernameError' : '#usernameEntryError';

  it('§1: after load the username step exists, with the hidden off-screen password input, and no error node', async () => {
    const page = await open('common');
    await page.locator(markup === 'converged' ? 'input#i0116[name=loginfmt]' : 'input#usernameEntry').waitFor();
    expect(await page.locator('body').getAttribute('style')).toBe('');
    const password = page.locator('input[name=passwd]#i0118');
    expect(await password.getAttribute('class')).toBe('moveOffScreen');
    expect(await password.getAttribute('tabindex')).toBe('-1');
    expect(await password.getAttribute('aria-hidden')).toBe('true');
    expect(await page.locator(errorNode).count()).toBe(0);
    await page.close();
  });

  it('§1 + §2: a Gmail guest at /common gets the error node inserted (with the sign-up link), removed on typing, inserted again on Next', async () => {
    const page = await open('common');
    await typeAndNext(page, markup, DEMO_PEOPLE.acceptedGmailGuest);
    const error = page.locator(errorNode);
    await error.waitFor();
    expect(await error.textContent()).toBe(NOT_FOUND);
    expect(await error.locator('a#idA_PWD_SignUp').textContent()).toBe('get a new Microsoft account');
    if (markup === 'converged') {
      expect(await page.locator('div[role=alert][aria-live=assertive] > #usernameError.error.ext-error').count()).toBe(1);
      const input = page.locator('input#i0116');
      expect(await input.getAttribute('class')).toContain('has-error ext-has-error');
      expect(await input.getAttribute('aria-describedby')).toBe('loginHeader usernameError');
    } else {
      expect(await error.getAttribute('role')).toBe('alert');
    }
    await page.locator(markup === 'converged' ? 'input#i0116' : 'input#usernameEntry').press('x');
    await error.waitFor({ state: 'detached' });
    if (markup === 'converged') {
      expect(await page.locator('input#i0116').getAttribute('class')).not.toContain('has-error');
      expect(await page.locator('input#i0116').getAttribute('aria-describedby')).toBe('loginHeader');
    }
    await typeAndNext(page, markup, DEMO_PEOPLE.acceptedGmailGuest);
    await error.waitFor();
    expect(await error.textContent()).toBe(NOT_FOUND);
    await page.close();
  });

  it('§2: an unknown user at an Entra-verified domain gets "This username may be incorrect…" at /common too', async () => {
    const page = await open('common');
    await typeAndNext(page, markup, `nobody.here@${DEMO_TENANT.domain}`);
    await page.locator(errorNode).waitFor();
    expect(await page.locator(errorNode).textContent()).toBe(MAY_BE_INCORRECT);
    expect(await page.locator(`${errorNode} a`).count()).toBe(0);
    await page.close();
  });

  it('§2: at a tenant endpoint a Gmail address the tenant does not know gets "We couldn\'t find an account…" (the domain decides, not the endpoint)', async () => {
    const page = await open(DEMO_TENANT.domain);
    await typeAndNext(page, markup, 'stranger.somewhere@gmail.com');
    await page.locator(errorNode).waitFor();
    expect(await page.locator(errorNode).textContent()).toBe(NOT_FOUND);
    await page.close();
  });

  it('§3: a lookup without a verdict (throttled) shows the account-type view and no error text', async () => {
    emulator.setScenario({ throttleCredentialLookups: true });
    const page = await open('common');
    await typeAndNext(page, markup, DEMO_PEOPLE.acceptedGmailGuest);
    await page.locator('#aadTile').waitFor();
    expect(await page.locator('#msaTile').count()).toBe(1);
    expect(await page.locator(errorNode).count()).toBe(0);
    expect(await page.locator('body').textContent()).not.toContain('too many requests');
    await page.close();
  });

  it('§2: a guest of the tenant, at its endpoint, still goes on to the passcode step', async () => {
    const page = await open(DEMO_TENANT.id);
    await typeAndNext(page, markup, DEMO_PEOPLE.acceptedGmailGuest);
    await page.locator('input[name=otc]').waitFor();
    await page.close();
  });
});

describe('GetCredentialType (real-behaviour §3)', () => {
  async function lookUp(username: string): Promise<Record<string, unknown>> {
    const res = await fetch(`${emulator.origin}/common/GetCredentialType`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username }) });
    return (await res.json()) as Record<string, unknown>;
  }

  it('§3: answers with the captured keys, ThrottleStatus 1 on an ordinary answer with its verdict, and DomainType by the typed domain', async () => {
    const gmail = await lookUp(DEMO_PEOPLE.acceptedGmailGuest);
    expect(Object.keys(gmail).sort()).toEqual(['Credentials', 'Display', 'EstsProperties', 'FlowToken', 'IfExistsResult', 'IsSignupDisallowed', 'IsUnmanaged', 'ThrottleStatus', 'Username', 'apiCanary']);
    expect(Object.keys(gmail.Credentials as object).sort()).toEqual(['CertAuthParams', 'FacebookParams', 'FidoParams', 'GoogleParams', 'HasPassword', 'PrefCredential', 'RemoteNgcParams', 'SasParams']);
    expect(gmail).toMatchObject({ IfExistsResult: 1, ThrottleStatus: 1, EstsProperties: { DomainType: 2 } });
    expect(await lookUp(`someone@${DEMO_TENANT.domain}`)).toMatchObject({ IfExistsResult: 1, EstsProperties: { DomainType: 3 } });
    expect(await lookUp('someone@contoso-vendor.com')).toMatchObject({ EstsProperties: { DomainType: 1 } });
  });

  it('§3: throttled → IfExistsResult 2 (no verdict)', async () => {
    emulator.setScenario({ throttleCredentialLookups: true });
    expect(await lookUp(DEMO_PEOPLE.acceptedGmailGuest)).toMatchObject({ IfExistsResult: 2, ThrottleStatus: 1 });
  });
});

describe('AADSTS50020 (real-behaviour §4)', () => {
  it('§4: names live.com as the identity provider of a Gmail address (a Gmail-backed Microsoft account)', async () => {
    emulator.setScenario({ forcedError: { code: 50020, address: DEMO_PEOPLE.acceptedGmailGuest } });
    const config = readConfig(await (await fetch(emulator.origin + authorizePath(DEMO_TENANT.id))).text());
    const answer = await postForm(`${emulator.origin}/${DEMO_TENANT.id}/login`, { ctx: String(config.sCtx), loginfmt: DEMO_PEOPLE.acceptedGmailGuest });
    expect(answer.doc.querySelector('#service_exception_message')?.textContent).toMatch(
      new RegExp(`^AADSTS50020: User account '${DEMO_PEOPLE.acceptedGmailGuest}' from identity provider 'live\\.com' does not exist in tenant`),
    );
  });
});
