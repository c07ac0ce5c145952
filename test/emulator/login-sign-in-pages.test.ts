// Contract: the sign-in page's structure and states (facts §1a DOM, §1b strings, §1c AADSTS, §2 login_hint),
// fetched over HTTPS and parsed with jsdom, in both markups — the facts file's reading (see beforeAll).
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DEMO_PEOPLE, DEMO_TENANT, DEMO_WEB_APP } from './demo-tenant.ts';
import { startEmulator, type Emulator } from './index.ts';
import { get, postForm, readConfig, submitForm } from './login/test-helpers.ts';

let emulator: Emulator;
beforeAll(async () => {
  // The facts file's reading (EmulatorBehaviour.signInPage 'facts'): a server-rendered, visible page that these
  // tests read without JavaScript. The page as Microsoft serves it is pinned in browser-captured-page.test.ts.
  emulator = await startEmulator({ behaviour: { signInPage: 'facts' } });
});
afterAll(async () => {
  await emulator?.stop();
});
beforeEach(() => emulator.reset());

const ACCOUNT_NOT_FOUND = "We couldn't find an account with that username. Try another, or get a new Microsoft account.";
const USERNAME_MAY_BE_INCORRECT = 'This username may be incorrect. Make sure you typed it correctly. Otherwise, contact your admin.';
const ACCOUNT_NOT_FOUND_JA = 'そのユーザー名のアカウントが見つかりませんでした。別のユーザー名を入力するか、新しい Microsoft アカウントを取得してください';

function authorizePath(authority: string, extra: Record<string, string> = {}, version: 'v2.0' | 'v1' = 'v2.0'): string {
  const params = new URLSearchParams({ client_id: DEMO_WEB_APP.clientId, redirect_uri: DEMO_WEB_APP.redirectUri, response_type: 'code', scope: 'openid', state: 's1', ...extra });
  return `/${authority}/oauth2/${version === 'v2.0' ? 'v2.0/' : ''}authorize?${params}`;
}

const meta = (doc: Document, name: string) => doc.querySelector(`meta[name="${name}"]`)?.getAttribute('content');

describe('converged sign-in page structure (facts §1a)', () => {
  for (const authority of ['common', 'organizations', DEMO_TENANT.id, DEMO_TENANT.domain]) {
    it(`§1a: /${authority}/ serves ConvergedSignIn with loginfmt#i0116, #idSIButton9, a hidden empty #usernameError and a $Config blob`, async () => {
      const page = await get(emulator.origin + authorizePath(authority));
      expect(page.status).toBe(200);
      const { doc } = page;
      expect(meta(doc, 'PageID')).toBe('ConvergedSignIn');
      expect(meta(doc, 'LocLC')).toBe('en-US');
      expect(doc.documentElement.lang).toBe('en');
      expect(readConfig(page.html).pgid).toBe('ConvergedSignIn');
      const input = doc.querySelector('input[name="loginfmt"]') as HTMLInputElement;
      expect(input.id).toBe('i0116');
      expect(input.type).toBe('email');
      expect(input.getAttribute('data-bind')).toBeTruthy();
      expect(doc.querySelector('#idSIButton9')).not.toBeNull();
      const error = doc.querySelector('#usernameError') as HTMLElement;
      expect(error.hidden).toBe(true);
      expect(error.textContent).toBe('');
      expect(input.classList.contains('has-error')).toBe(false);
      expect(doc.querySelectorAll('[data-bind]').length).toBeGreaterThan(5);
    });
  }

  it('§1a: the v1 endpoint (/oauth2/authorize) serves the same page', async () => {
    const page = await get(emulator.origin + authorizePath('common', {}, 'v1'));
    expect(meta(page.doc, 'PageID')).toBe('ConvergedSignIn');
  });

  it('§1a: SAML (/saml2) and WS-Fed (/wsfed) sign-in requests show the same username page', async () => {
    const saml = await get(`${emulator.origin}/common/saml2?SAMLRequest=${encodeURIComponent('fZJNT8MwDIb/SpR7l7YbE4rWSYMJMWnAtBYOXFDWujRSmpQ4HfDvSVsQ44B8s/34tV97haJRLV93rtYHeOsAHfloK4182iSks5obgRK5Fg0gdwVP13c7Hs9C3lrjTGEUPUH+JwQiWCeNpmS7SeiLuMhBbmeLi9dSrmAR/XlyAo52+t1zi1mCNHQLmqH1CKijvJfqLSwJZxGyioXORSGM+fXp94Tqdy/eqGq/nPn2XmRU5gUVxtCRnVUeCCQnsSOoI4IKgNTF0GjgslSNDNNFJA=')}`);
    expect(saml.status).toBe(200);
    expect(saml.doc.querySelector('input#i0116')).not.toBeNull();
    const wsfed = await get(`${emulator.origin}/common/wsfed?wa=wsignin1.0&wtrealm=${encodeURIComponent('https://app.example/')}`);
    expect(wsfed.doc.querySelector('input#i0116')).not.toBeNull();
  });

  it('§1b: at /common the page is set up to say "We couldn\'t find an account…"; at the tenant, "This username may be incorrect…"', async () => {
    const common = readConfig((await get(emulator.origin + authorizePath('common'))).html);
    expect((common.str as Record<string, string>).unknownUsername).toBe(ACCOUNT_NOT_FOUND);
    const tenant = readConfig((await get(emulator.origin + authorizePath(DEMO_TENANT.domain))).html);
    expect((tenant.str as Record<string, string>).unknownUsername).toBe(USERNAME_MAY_BE_INCORRECT);
  });

  it('§1b: without JavaScript, posting a Gmail guest at /common re-renders the page with the error shown and input.has-error', async () => {
    const page = await get(emulator.origin + authorizePath('common'));
    const answer = await submitForm(emulator.origin, page, { loginfmt: DEMO_PEOPLE.acceptedGmailGuest });
    expect(answer.status).toBe(400);
    const error = answer.doc.querySelector('#usernameError') as HTMLElement;
    expect(error.hidden).toBe(false);
    expect(error.textContent).toBe(ACCOUNT_NOT_FOUND);
    expect(answer.doc.querySelector('input#i0116')!.classList.contains('has-error')).toBe(true);
    expect((answer.doc.querySelector('input#i0116') as HTMLInputElement).value).toBe(DEMO_PEOPLE.acceptedGmailGuest);
  });
});

describe('Fluent markup variant (facts §1a, UNCONFIRMED for Entra)', () => {
  it('§1a: scenario markup=fluent serves input#usernameEntry, button[data-testid=primaryButton], a div[role=alert], PageID — and no i0116', async () => {
    emulator.setScenario({ markup: 'fluent' });
    const page = await get(emulator.origin + authorizePath('common'));
    const { doc } = page;
    expect(meta(doc, 'PageID')).toBe('ConvergedSignIn');
    expect(meta(doc, 'LocLC')).toBe('en-US');
    expect(doc.querySelector('input#usernameEntry[type=email]')).not.toBeNull();
    expect(doc.querySelector('button[data-testid="primaryButton"]')).not.toBeNull();
    expect(doc.querySelector('div[role="alert"]')).not.toBeNull();
    expect(doc.querySelector('#i0116, input[name=loginfmt], #usernameError')).toBeNull();
  });

  it('§1a: the Fluent passcode step shows [data-testid=identityBanner] with the address', async () => {
    emulator.setScenario({ markup: 'fluent' });
    const page = await get(emulator.origin + authorizePath('common'));
    const next = await submitForm(emulator.origin, page, { username: DEMO_PEOPLE.guestInviterMember });
    expect(next.doc.querySelector('[data-testid="identityBanner"]')?.textContent).toContain(DEMO_PEOPLE.guestInviterMember);
    expect(next.doc.querySelector('input[name=otc]')).not.toBeNull();
  });

  it('§1b: a rejected username in Fluent shows the message in div[role=alert]', async () => {
    emulator.setScenario({ markup: 'fluent' });
    const page = await get(emulator.origin + authorizePath('common'));
    const answer = await submitForm(emulator.origin, page, { username: DEMO_PEOPLE.acceptedGmailGuest });
    const alert = answer.doc.querySelector('div[role="alert"]:not([hidden])');
    expect(alert?.textContent).toBe(ACCOUNT_NOT_FOUND);
  });
});

describe('languages (facts §1b: mkt / ui_locales)', () => {
  it('§1b: mkt=ja-JP gives LocLC ja-JP, <html lang="ja"> and the confirmed Japanese "couldn\'t find an account" string', async () => {
    const page = await get(emulator.origin + authorizePath('common', { mkt: 'ja-JP' }));
    expect(meta(page.doc, 'LocLC')).toBe('ja-JP');
    expect(page.doc.documentElement.lang).toBe('ja');
    expect((readConfig(page.html).str as Record<string, string>).unknownUsername).toBe(ACCOUNT_NOT_FOUND_JA);
    expect((page.doc.querySelector('#idSIButton9') as HTMLInputElement).value).toBe('次へ');
    const answer = await submitForm(emulator.origin, page, { loginfmt: DEMO_PEOPLE.acceptedGmailGuest });
    expect(answer.doc.querySelector('#usernameError')!.textContent).toBe(ACCOUNT_NOT_FOUND_JA);
  });

  it('§1b: ui_locales=ja works the same; an unknown language falls back to English', async () => {
    expect(meta((await get(emulator.origin + authorizePath('common', { ui_locales: 'ja' }))).doc, 'LocLC')).toBe('ja-JP');
    expect(meta((await get(emulator.origin + authorizePath('common', { mkt: 'xx-YY' }))).doc, 'LocLC')).toBe('en-US');
  });
});

describe('login_hint (facts §2)', () => {
  it('§2: at /common a login_hint only pre-fills the username', async () => {
    const page = await get(emulator.origin + authorizePath('common', { login_hint: DEMO_PEOPLE.acceptedGmailGuest }));
    expect((page.doc.querySelector('input#i0116') as HTMLInputElement).value).toBe(DEMO_PEOPLE.acceptedGmailGuest);
    expect(emulator.lastOtp(DEMO_PEOPLE.acceptedGmailGuest)).toBeUndefined();
  });

  it('§2: at the tenant endpoint a login_hint naming a guest of that tenant goes straight to the passcode step (passcode emailed)', async () => {
    const page = await get(emulator.origin + authorizePath(DEMO_TENANT.domain, { login_hint: DEMO_PEOPLE.acceptedGmailGuest }));
    expect(meta(page.doc, 'PageID')).toBe('ConvergedOneTimeCode');
    expect(page.doc.querySelector('#displayName')!.textContent).toBe(DEMO_PEOPLE.acceptedGmailGuest);
    expect(page.doc.querySelector('input[name=otc]')).not.toBeNull();
    expect(emulator.lastOtp(DEMO_PEOPLE.acceptedGmailGuest)).toMatch(/^\d{8}$/);
  });

  it('§2: at the tenant endpoint a login_hint the tenant does not know only pre-fills', async () => {
    const page = await get(emulator.origin + authorizePath(DEMO_TENANT.domain, { login_hint: DEMO_PEOPLE.partnerOnlyGuest }));
    expect(meta(page.doc, 'PageID')).toBe('ConvergedSignIn');
    expect((page.doc.querySelector('input#i0116') as HTMLInputElement).value).toBe(DEMO_PEOPLE.partnerOnlyGuest);
  });
});

describe('AADSTS error pages (facts §1c, §4)', () => {
  it('§1c: an unregistered redirect_uri gets the AADSTS50011 error page (4xx, #service_exception_message)', async () => {
    const page = await get(emulator.origin + authorizePath('common', { redirect_uri: 'https://evil.example/callback' }));
    expect(page.status).toBe(400);
    expect(meta(page.doc, 'PageID')).toBe('ConvergedError');
    expect(page.doc.querySelector('#service_exception_message')!.textContent).toMatch(/^AADSTS50011: The redirect URI 'https:\/\/evil\.example\/callback' specified in the request does not match/);
  });

  it('§1c: an unknown client_id gets AADSTS700016', async () => {
    const page = await get(emulator.origin + authorizePath(DEMO_TENANT.id, { client_id: '0badc0de-0000-4000-8000-000000000000' }));
    expect(page.status).toBe(400);
    expect(page.doc.querySelector('#service_exception_message')!.textContent).toMatch(/^AADSTS700016: Application with identifier '0badc0de-0000-4000-8000-000000000000' was not found/);
  });

  it('§4: an unknown tenant in the authorize URL gets AADSTS90002', async () => {
    const page = await get(emulator.origin + authorizePath('contoso-not-here.onmicrosoft.com'));
    expect(page.status).toBe(400);
    expect(page.doc.querySelector('#service_exception_message')!.textContent).toMatch(/^AADSTS90002: Tenant 'contoso-not-here\.onmicrosoft\.com' not found/);
  });

  it("§1c: scenario forcedError 50020 for one address: that guest sees \"AADSTS50020: User account '…' from identity provider 'google.com' does not exist in tenant '…'\"; others sign in normally", async () => {
    emulator.setScenario({ forcedError: { code: 50020, address: DEMO_PEOPLE.dormantGuest } });
    const page = await get(emulator.origin + authorizePath(DEMO_TENANT.id));
    const blocked = await submitForm(emulator.origin, page, { loginfmt: DEMO_PEOPLE.dormantGuest });
    expect(blocked.status).toBe(400);
    expect(blocked.doc.querySelector('#service_exception_message')!.textContent).toMatch(
      new RegExp(`^AADSTS50020: User account '${DEMO_PEOPLE.dormantGuest.replace(/\./g, '\\.')}' from identity provider 'google\\.com' does not exist in tenant 'Ezaz Labs \\(demo\\)' and cannot access the application`),
    );
    const fine = await submitForm(emulator.origin, await get(emulator.origin + authorizePath(DEMO_TENANT.id)), { loginfmt: DEMO_PEOPLE.acceptedGmailGuest });
    expect(meta(fine.doc, 'PageID')).toBe('ConvergedOneTimeCode');
  });

  for (const code of [50034, 90072, 16000] as const) {
    it(`§1c: scenario forcedError ${code} (any address) renders the AADSTS${code} error page after Next`, async () => {
      emulator.setScenario({ forcedError: { code } });
      const page = await get(emulator.origin + authorizePath('common'));
      const answer = await submitForm(emulator.origin, page, { loginfmt: DEMO_PEOPLE.guestInviterMember });
      expect(answer.doc.querySelector('#service_exception_message')!.textContent).toMatch(new RegExp(`^AADSTS${code}: `));
      expect(readConfig(answer.html).iErrorCode).toBe(code);
    });
  }

  it('the scenario can be switched over HTTP (POST /_emulator/scenario) and bad input is a 400', async () => {
    const ok = await fetch(`${emulator.origin}/_emulator/scenario`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ markup: 'fluent', forcedError: { code: 90072 } }) });
    expect(ok.status).toBe(200);
    expect(emulator.scenario()).toEqual({ markup: 'fluent', forcedError: { code: 90072 } });
    const bad = await fetch(`${emulator.origin}/_emulator/scenario`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ forcedError: { code: 12345 } }) });
    expect(bad.status).toBe(400);
    const cleared = await fetch(`${emulator.origin}/_emulator/scenario`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ forcedError: null }) });
    expect(await cleared.json()).toEqual({ markup: 'fluent' });
  });

  it('a form post with a forged or expired sign-in context is a 4xx error page, not a crash', async () => {
    const answer = await postForm(`${emulator.origin}/common/login`, { ctx: 'forged', loginfmt: DEMO_PEOPLE.acceptedGmailGuest });
    expect(answer.status).toBe(400);
    expect(answer.doc.querySelector('#service_exception_message')).not.toBeNull();
  });
});

describe('sign-out', () => {
  it('logout returns to a registered post_logout_redirect_uri, and never to an unregistered one', async () => {
    const ok = await get(`${emulator.origin}/common/oauth2/v2.0/logout?post_logout_redirect_uri=${encodeURIComponent(DEMO_WEB_APP.redirectUri)}`);
    expect(ok.status).toBe(302);
    expect(ok.location).toBe(DEMO_WEB_APP.redirectUri);
    const evil = await get(`${emulator.origin}/common/oauth2/v2.0/logout?post_logout_redirect_uri=${encodeURIComponent('https://evil.example/')}`);
    expect(evil.status).toBe(200);
    expect(evil.location).toBeNull();
    expect(evil.doc.querySelector('#signedOut')).not.toBeNull();
  });
});
