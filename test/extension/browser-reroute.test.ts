// The reroute, end to end: real Chromium, the built extension, the emulator answering as login.microsoftonline.com.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator } from '../emulator/index.ts';
import { DEMO_PEOPLE, DEMO_TENANT, DEMO_WEB_APP, PARTNER_TENANT } from '../emulator/demo-tenant.ts';
import {
  chooseWithKeyboard,
  commonAuthorizeUrl,
  launchWithExtension,
  pathOf,
  readPanel,
  seed,
  storedLocal,
  submitUsername,
  until,
  waitForPanel,
  type ExtensionBrowser,
} from './browser/harness.ts';
import { completePasscode } from './browser/flows.ts';

const JANE = DEMO_PEOPLE.acceptedGmailGuest; // guest of the demo tenant only
const LEE = DEMO_PEOPLE.partnerOnlyGuest; // guest of the partner tenant only

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

describe('a Gmail guest at the common endpoint', () => {
  it('with the demo tenant added in the options page, the sign-in continues at the tenant and reaches the app with its state', async () => {
    ext = await launchWithExtension(emu);
    // Seed the way a person would: the options page UI.
    const options = await ext.context.newPage();
    await options.goto(`chrome-extension://${ext.extensionId}/src/pages/options/index.html`);
    await options.locator('#tenant').fill(DEMO_TENANT.domain);
    await options.locator('#label').fill('Ezaz Labs');
    await options.getByRole('button', { name: 'Add' }).click();
    await until('the tenant to be listed', async () => (await options.locator(`form[data-tenant="${DEMO_TENANT.domain}"]`).count()) > 0);
    await options.close();

    const page = await ext.context.newPage();
    const start = commonAuthorizeUrl();
    await page.goto(start);
    await submitUsername(page, JANE);
    await until('the tenant endpoint', () => pathOf(page.url()).startsWith(`/${DEMO_TENANT.domain}/`));

    const at = new URL(page.url());
    expect(at.pathname).toBe(`/${DEMO_TENANT.domain}/oauth2/v2.0/authorize`);
    for (const [k, v] of new URL(start).searchParams) expect(at.searchParams.get(k), k).toBe(v);
    expect(at.searchParams.get('login_hint')).toBe(JANE);

    await completePasscode(page, emu, JANE);
    await until('the app redirect', () => page.url().startsWith(DEMO_WEB_APP.redirectUri));
    const landed = new URL(page.url());
    expect(landed.searchParams.get('state')).toBe(new URL(start).searchParams.get('state'));
    expect(landed.searchParams.get('code')).toBeTruthy();

    const popup = await ext.context.newPage();
    await popup.goto(`chrome-extension://${ext.extensionId}/src/pages/popup/index.html`);
    await until('the last action', async () => (await popup.getByTestId('last-activity').textContent())?.includes(`Sent the sign-in to ${DEMO_TENANT.domain}`));
  });

  it('with two tenants known, a chooser lists them by label and the keyboard picks one', async () => {
    ext = await launchWithExtension(emu);
    await seed(ext, { tenants: [{ value: DEMO_TENANT.domain, label: 'Ezaz Labs' }, { value: PARTNER_TENANT.domain, label: 'Fabrikam Partners' }] });
    const page = await ext.context.newPage();
    await page.goto(commonAuthorizeUrl());
    await submitUsername(page, JANE);
    const panel = await waitForPanel(page);
    expect(panel.buttons.slice(0, 2)).toEqual(['Ezaz Labs', 'Fabrikam Partners']);
    expect(pathOf(page.url())).toMatch(/^\/common\//);
    await chooseWithKeyboard(page, 0);
    await until('the demo tenant endpoint', () => pathOf(page.url()).startsWith(`/${DEMO_TENANT.domain}/`));
  });

  it('when the first tenant does not know the guest, the second is offered — no bounce, no loop', async () => {
    ext = await launchWithExtension(emu);
    await seed(ext, { tenants: [{ value: DEMO_TENANT.domain, label: 'Ezaz Labs' }, { value: PARTNER_TENANT.domain, label: 'Fabrikam Partners' }] });
    const page = await ext.context.newPage();
    const start = commonAuthorizeUrl();
    await page.goto(start);
    await submitUsername(page, LEE);
    await waitForPanel(page);
    await chooseWithKeyboard(page, 0); // Ezaz Labs: wrong for Lee
    await until('the demo tenant endpoint', () => pathOf(page.url()).startsWith(`/${DEMO_TENANT.domain}/`));
    await submitUsernameIfAsked(page, LEE);
    const offered = await waitForPanel(page);
    expect(offered.text).toContain(`${DEMO_TENANT.domain} doesn't know this address as a guest`);
    expect(offered.buttons[0]).toBe('Fabrikam Partners');
    expect(pathOf(page.url())).toMatch(new RegExp(`^/${DEMO_TENANT.domain}/`)); // stayed: no automatic bounce
    await chooseWithKeyboard(page, 0);
    await until('the partner tenant endpoint', () => pathOf(page.url()).startsWith(`/${PARTNER_TENANT.domain}/`));
    expect(new URL(page.url()).searchParams.get('state')).toBe(new URL(start).searchParams.get('state'));
    await completePasscode(page, emu, LEE);
    await until('the app redirect', () => page.url().startsWith(DEMO_WEB_APP.redirectUri));
  });

  it('with no tenant known, the page explains how to add one and links the options', async () => {
    ext = await launchWithExtension(emu);
    const page = await ext.context.newPage();
    await page.goto(commonAuthorizeUrl());
    await submitUsername(page, JANE);
    const panel = await waitForPanel(page);
    expect(panel.text).toContain('add the organisation in the guestpass options');
    expect(panel.buttons).toContain('Open guestpass options');
    const opened = ext.context.waitForEvent('page', { timeout: 10_000 });
    await chooseWithKeyboard(page, 0);
    expect((await opened).url()).toBe(`chrome-extension://${ext.extensionId}/src/pages/options/index.html`);
  });

  it('mode off: the error stays as Microsoft shows it, and the reason is kept for the popup', async () => {
    ext = await launchWithExtension(emu);
    await seed(ext, { tenants: [{ value: DEMO_TENANT.domain }], mode: 'off' });
    const page = await ext.context.newPage();
    await page.goto(commonAuthorizeUrl());
    await submitUsername(page, JANE);
    await until('the declined activity', async () => JSON.stringify((await storedLocal(ext!)).activity ?? []).includes('mode-off'));
    expect(pathOf(page.url())).toMatch(/^\/common\//);
    expect(await readPanel(page)).toBeUndefined();
  });
});

describe('reach', () => {
  it('a page on another Microsoft host (myapps.microsoft.com) gets nothing from the extension', async () => {
    ext = await launchWithExtension(emu);
    await seed(ext, { tenants: [{ value: DEMO_TENANT.domain }] });
    const page = await ext.context.newPage();
    await page.goto(`https://myapps.microsoft.com/${DEMO_TENANT.domain}`);
    await page.locator('#tenant').waitFor();
    await page.waitForTimeout(300); // give a (wrongly) injected script the chance to act
    expect(await readPanel(page)).toBeUndefined();
    expect(await page.evaluate(() => sessionStorage.length)).toBe(0);
    expect(((await storedLocal(ext)).activity as unknown[] | undefined) ?? []).toEqual([]);
  });
});

async function submitUsernameIfAsked(page: import('playwright-core').Page, address: string) {
  // The tenant page may show the username step pre-filled from login_hint; pressing Next is what a person does.
  const input = page.locator('input[name="loginfmt"], #usernameEntry').first();
  await input.waitFor({ state: 'visible', timeout: 10_000 });
  if (!(await input.inputValue())) await input.fill(address);
  await page.locator('#idSIButton9, button[data-testid="primaryButton"]').first().click();
}
