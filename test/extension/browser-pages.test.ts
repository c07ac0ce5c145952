// The same behaviour across the page's variants (newer markup, Japanese), learning, and the other guest errors.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator } from '../emulator/index.ts';
import { DEMO_PEOPLE, DEMO_TENANT } from '../emulator/demo-tenant.ts';
import {
  commonAuthorizeUrl,
  launchWithExtension,
  pathOf,
  seed,
  storedLocal,
  submitUsername,
  until,
  waitForPanel,
  type ExtensionBrowser,
} from './browser/harness.ts';

const JANE = DEMO_PEOPLE.acceptedGmailGuest;

let emu: Emulator;
let ext: ExtensionBrowser | undefined;
beforeAll(async () => {
  emu = await startEmulator();
});
afterAll(async () => {
  await emu?.stop();
});
afterEach(async () => {
  await ext?.close();
  ext = undefined;
  emu.reset();
});

describe('page variants', () => {
  it('the newer (Fluent) markup is recognised too', async () => {
    emu.setScenario({ markup: 'fluent' });
    ext = await launchWithExtension(emu);
    await seed(ext, { tenants: [{ value: DEMO_TENANT.domain }] });
    const page = await ext.context.newPage();
    await page.goto(commonAuthorizeUrl());
    await page.locator('#usernameEntry').waitFor();
    await submitUsername(page, JANE);
    await until('the tenant endpoint', () => pathOf(page.url()).startsWith(`/${DEMO_TENANT.domain}/`));
    expect(new URL(page.url()).searchParams.get('login_hint')).toBe(JANE);
  });

  it('a Japanese sign-in page is recognised without reading its words', async () => {
    ext = await launchWithExtension(emu);
    await seed(ext, { tenants: [{ value: DEMO_TENANT.domain }] });
    const page = await ext.context.newPage();
    const start = commonAuthorizeUrl({ mkt: 'ja-JP' });
    await page.goto(start);
    await submitUsername(page, JANE);
    await until('the tenant endpoint', () => pathOf(page.url()).startsWith(`/${DEMO_TENANT.domain}/`));
    expect(new URL(page.url()).searchParams.get('mkt')).toBe('ja-JP');
  });

  it('in a Japanese browser the explanation is in Japanese', async () => {
    ext = await launchWithExtension(emu, 'ja');
    const page = await ext.context.newPage();
    await page.goto(commonAuthorizeUrl({ mkt: 'ja-JP' }));
    await submitUsername(page, JANE);
    const panel = await waitForPanel(page);
    expect(panel.text).toContain('guestpass のオプションで組織を追加');
  });
});

describe('zero set-up learning', () => {
  it('an invitation redemption link makes a candidate (even right after the browser starts): the next dead end offers it', async () => {
    ext = await launchWithExtension(emu);
    const rd = `https://invitations.microsoft.com/redeem/?tenant=${DEMO_TENANT.id}&user=00000000-0000-4000-8000-000000000001&ticket=abc&ver=2.0`;
    const page = await ext.context.newPage();
    await page.goto(`https://login.microsoftonline.com/redeem?rd=${encodeURIComponent(rd)}`);
    // Learning waits for the policy store (seconds after a browser start); the page never does.
    const tenants = await until('the learned tenant', async () => {
      const t = (await storedLocal(ext!)).tenants as { tenant: { value: string }; source: string; addedAt: number }[] | undefined;
      return t?.length ? t : undefined;
    });
    expect(tenants).toEqual([{ tenant: { kind: 'guid', value: DEMO_TENANT.id }, source: 'redemption-link', addedAt: expect.any(Number) }]);

    await page.goto(commonAuthorizeUrl());
    await submitUsername(page, JANE);
    const panel = await waitForPanel(page);
    expect(panel.buttons[0]).toContain('seen in a link, not confirmed');
    expect(pathOf(page.url())).toMatch(/^\/common\//);
  });

  it('the common endpoint teaches nothing', async () => {
    ext = await launchWithExtension(emu);
    const page = await ext.context.newPage();
    await page.goto(commonAuthorizeUrl());
    await page.locator('input[name="loginfmt"]').waitFor();
    await page.goto(commonAuthorizeUrl({}, 'organizations'));
    await page.locator('input[name="loginfmt"]').waitFor();
    await page.waitForTimeout(200);
    expect((await storedLocal(ext)).tenants).toBeUndefined();
  });
});

describe('other guest errors', () => {
  it('AADSTS50020 (a wrong cached account) is explained with the private-window step and the tenant’s portal', async () => {
    emu.setScenario({ forcedError: { code: 50020, address: JANE } });
    ext = await launchWithExtension(emu);
    await seed(ext, { tenants: [{ value: DEMO_TENANT.domain, portalUrl: 'https://portal.example/t/ezaz' }] });
    const page = await ext.context.newPage();
    await page.goto(commonAuthorizeUrl({}, DEMO_TENANT.domain));
    await submitUsername(page, JANE);
    const panel = await waitForPanel(page);
    expect(panel.text).toContain('private');
    expect(panel.links).toEqual([{ text: 'Ask for the invitation again', href: 'https://portal.example/t/ezaz' }]);
  });
});
