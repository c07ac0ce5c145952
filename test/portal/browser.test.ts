// Real Chromium: every guest page, in each of the five languages, passes axe-core with no violations (the resend
// answers included), and with JavaScript off a guest still gets their account advice, can switch the language and
// can send the "Lost your invitation?" form.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LANGS } from '../../portal/i18n/index.ts';
import { axeViolations } from '../support/axe.ts';
import { launchChromium, type LaunchedBrowser } from '../support/browser.ts';
import { CONTOSO, smallResendService, startTestPortal, type TestPortal } from './helpers.ts';

let portal: TestPortal;
let resend: ReturnType<typeof smallResendService>;
beforeAll(async () => {
  resend = smallResendService();
  portal = await startTestPortal({
    resend,
    accessRequests: {},
    config: { mode: 'demo' },
    outbox: [{ to: 'conceptsuser@outlook.com', tenantId: CONTOSO.tenantId!, sentAt: '2026-11-27T06:00:00Z', inviteRedeemUrl: 'https://login.microsoftonline.com/redeem?rd=x' }],
  });
});
afterAll(async () => {
  await portal.close();
});

describe('accessibility (axe-core in Chromium)', () => {
  let browser: LaunchedBrowser;
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser.close();
  });

  const pages = [
    '/',
    '/t/contoso.onmicrosoft.com',
    '/t/contoso.onmicrosoft.com?email=jane.doe%40gmail.com',
    '/t/contoso.onmicrosoft.com?account=microsoft-account',
    '/t/contoso.onmicrosoft.com?email=broken',
    '/t/fabrikam.com',
    '/t/contoso.onmicrosoft.com/card',
    '/t/contoso.onmicrosoft.com/request',
    '/t/fabrikam.com/request',
    '/t/contoso.onmicrosoft.com/go/myapps?login_hint=jane%2Bx%40gmail.com',
    '/t/unknown.example.com',
    '/t/common',
    '/demo/outbox',
    '/no/such/page',
  ];
  const LOCALES = { en: 'en-GB', de: 'de-DE', fr: 'fr-CA', es: 'es-ES', ja: 'ja-JP' } as const;
  for (const lang of LANGS) {
    it(`has no axe violations on any guest page, the resend and access-request answers included (${lang})`, async () => {
      const page = await browser.context.newPage();
      await page.setExtraHTTPHeaders({ 'accept-language': LOCALES[lang] });
      const check = async (what: string) => {
        expect(await page.getAttribute('html', 'lang'), what).toBe(lang);
        const violations = await axeViolations(page);
        expect(violations, `${what}: ${JSON.stringify(violations, null, 1)}`).toEqual([]);
      };
      try {
        for (const path of pages) {
          await page.goto(`${portal.url}${path}`);
          await check(path);
        }
        // The answers to the resend form: accepted, and an address Entra refuses.
        for (const email of ['someone@example.com', 'jane+news@gmail.com']) {
          await page.goto(`${portal.url}/t/contoso.onmicrosoft.com`);
          await page.locator('#resend-email').fill(email);
          await Promise.all([page.waitForNavigation(), page.locator('#lost button[type=submit]').click()]);
          await check(`resend answer for ${email}`);
        }
        // "Ask for access": the answer, and the form shown again with a problem under a field.
        for (const email of ['someone@example.com', 'jane+news@gmail.com']) {
          await page.goto(`${portal.url}/t/contoso.onmicrosoft.com/request`);
          await page.locator('#request-email').fill(email);
          await page.locator('#request-name').fill('Ada Example');
          await page.locator('#request-reason').fill('Project Apollo');
          await Promise.all([page.waitForNavigation(), page.locator('.request-form button[type=submit]').click()]);
          await check(`request answer for ${email}`);
        }
      } finally {
        await page.close();
      }
    }, 240_000); // 20 pages through axe: slow on a loaded machine, and nothing here is about speed
  }

  it('loads the stylesheet under the CSP (no CSP violations)', async () => {
    const page = await browser.context.newPage();
    const blocked: string[] = [];
    page.on('console', (msg) => {
      if (/Content Security Policy/i.test(msg.text())) blocked.push(msg.text());
    });
    try {
      await page.goto(`${portal.url}/t/contoso.onmicrosoft.com`);
      const colour = await page.locator('.skip-link').evaluate((el) => getComputedStyle(el).position);
      expect(colour).toBe('absolute');
      expect(blocked).toEqual([]);
    } finally {
      await page.close();
    }
  });
});

describe('with JavaScript turned off', () => {
  let browser: LaunchedBrowser;
  beforeAll(async () => {
    browser = await launchChromium({ javaScriptEnabled: false });
  });
  afterAll(async () => {
    await browser.close();
  });

  it('a Gmail guest who types their address gets the Gmail steps and a tenant link', async () => {
    const page = await browser.context.newPage();
    try {
      await page.goto(`${portal.url}/t/contoso.onmicrosoft.com`);
      await page.getByLabel('Your email address').first().fill('jane.doe@gmail.com');
      await page.getByRole('button', { name: 'Show my steps' }).click();
      await page.waitForURL(/email=jane\.doe/);
      const advice = page.locator('.advice');
      await expect(advice.getAttribute('data-home')).resolves.toBe('google');
      const text = await advice.textContent();
      expect(text).toContain("We couldn't find an account with that username");
      const href = await page.locator('[data-kind="advice-myapps"]').getAttribute('href');
      expect(new URL(href!).host).toBe('myapps.microsoft.com');
    } finally {
      await page.close();
    }
  });

  it('a guest who picks "Outlook.com" gets the personal Microsoft account steps', async () => {
    const page = await browser.context.newPage();
    try {
      await page.goto(`${portal.url}/t/contoso.onmicrosoft.com`);
      await page.getByRole('link', { name: /Outlook\.com, Hotmail or Live/ }).click();
      await expect(page.locator('.advice').getAttribute('data-home')).resolves.toBe('microsoft-account');
    } finally {
      await page.close();
    }
  });

  it('a guest switches to Japanese with the language links and gets the resend answer in Japanese', async () => {
    const page = await browser.context.newPage();
    try {
      resend.calls.length = 0;
      await page.goto(`${portal.url}/t/contoso.onmicrosoft.com`);
      await page.getByRole('navigation', { name: 'Language' }).getByRole('link', { name: '日本語' }).click();
      await expect(page.getAttribute('html', 'lang')).resolves.toBe('ja');
      await page.locator('#resend-email').fill('conceptsuser@outlook.com');
      await page.getByRole('button', { name: '招待をもう一度送信' }).click();
      await expect(page.locator('h1').textContent()).resolves.toBe('リクエストを受け付けました');
      await expect(page.getAttribute('html', 'lang')).resolves.toBe('ja');
      expect(await page.locator('main').textContent()).toContain('迷惑メール フォルダー');
      expect(resend.calls.map((c) => c.email)).toEqual(['conceptsuser@outlook.com']);
    } finally {
      await page.close();
    }
  });

  it('a guest can send the lost-invitation form and sees the neutral answer', async () => {
    const page = await browser.context.newPage();
    try {
      resend.calls.length = 0;
      await page.goto(`${portal.url}/t/contoso.onmicrosoft.com`);
      await page.locator('#resend-email').fill('conceptsuser@outlook.com');
      await page.getByRole('button', { name: 'Send my invitation again' }).click();
      await expect(page.locator('h1').textContent()).resolves.toBe('Request received');
      expect(await page.locator('main').textContent()).toContain('If this address has an invitation from Contoso Ltd, it is on its way.');
      expect(resend.calls.map((c) => c.email)).toEqual(['conceptsuser@outlook.com']);
    } finally {
      await page.close();
    }
  });
});
