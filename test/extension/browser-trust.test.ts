// Trust and the real page, end to end: real Chromium, the built extension, the emulator answering as
// login.microsoftonline.com. Another website can make the browser open any sign-in URL; none of that may decide
// where the guest's address goes. Pages the emulator does not serve (the password step, the life cycle with
// controlled timing) are served by the test from test/fixtures/signin/real-pages.ts (real-behaviour reference §1).
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator } from '../emulator/index.ts';
import { DEMO_PEOPLE, DEMO_TENANT, DEMO_WEB_APP } from '../emulator/demo-tenant.ts';
import { DEMO_INVITATIONS } from '../emulator/seed.ts';
import { buildInviteRedeemUrl } from '../emulator/state.ts';
import { builtPage, fluentPasswordStepBody, livePage, passwordStepBody, REAL_TEXT, usernameErrorNode, usernameStepBody } from '../fixtures/signin/real-pages.ts';
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

const JANE = DEMO_PEOPLE.acceptedGmailGuest;
const PENDING = DEMO_PEOPLE.longPendingGuest; // pending at the demo tenant; "couldn't find" at /common
const ATTACKER = 'https://attacker.example/';

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

type StoredTenant = { tenant: { value: string }; source: string };
const tenantsOf = async (e: ExtensionBrowser) => ((await storedLocal(e)).tenants as StoredTenant[] | undefined) ?? [];
const sourceOf = async (e: ExtensionBrowser, value: string) => (await tenantsOf(e)).find((t) => t.tenant.value === value)?.source;

/** A page on another site that sends the browser to `target` (what any website can do). */
async function plantFrom(e: ExtensionBrowser, target: string): Promise<Page> {
  await e.context.route(ATTACKER, (route) =>
    route.fulfill({ status: 200, contentType: 'text/html', body: `<!DOCTYPE html><title>Free stuff</title><script>location.href = ${JSON.stringify(target)};</script>` }),
  );
  const page = await e.context.newPage();
  await page.goto(ATTACKER);
  await until('the planted page', () => page.url().startsWith('https://login.microsoftonline.com/'));
  return page;
}

/** Serve `html` for sign-in URLs starting with `prefix` (the emulator does not serve these states). */
async function serve(e: ExtensionBrowser, prefix: string, html: string | (() => string)) {
  await e.context.route((url) => url.href.startsWith(prefix), (route) =>
    route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: typeof html === 'string' ? html : html() }),
  );
}

/** At /common after a plant: the guest's next dead end offers the planted tenant, and does not go there. */
async function expectOfferedNotTaken(e: ExtensionBrowser, address: string, tenant: string) {
  const page = await e.context.newPage();
  await page.goto(commonAuthorizeUrl());
  await submitUsername(page, address);
  const panel = await waitForPanel(page);
  expect(panel.text).toContain('only seen in links');
  expect(panel.buttons[0]).toContain('seen in a link, not confirmed');
  expect(pathOf(page.url())).toMatch(/^\/common\//);
  expect(await sourceOf(e, tenant)).toMatch(/^(tenant-url|redemption-link)$/);
  return page;
}

describe('a page on another site planting a tenant', () => {
  it('by a redemption link: the tenant is only a candidate, and the next dead end does not go there', async () => {
    ext = await launchWithExtension(emu);
    const rd = `https://invitations.microsoft.com/redeem/?tenant=${DEMO_TENANT.id}&user=00000000-0000-4000-8000-000000000001&ticket=abc&ver=2.0`;
    await plantFrom(ext, `https://login.microsoftonline.com/redeem?rd=${encodeURIComponent(rd)}`);
    await until('the candidate', async () => (await sourceOf(ext!, DEMO_TENANT.id)) === 'redemption-link');
    await expectOfferedNotTaken(ext, JANE, DEMO_TENANT.id);
  });

  it('by a tenant URL: the same', async () => {
    ext = await launchWithExtension(emu);
    await plantFrom(ext, commonAuthorizeUrl({}, DEMO_TENANT.domain));
    await until('the candidate', async () => (await sourceOf(ext!, DEMO_TENANT.domain)) === 'tenant-url');
    await expectOfferedNotTaken(ext, JANE, DEMO_TENANT.domain);
  });

  it('by a tenant URL carrying the login_hint of a guest pending there: even a passcode entered on it trusts nothing', async () => {
    ext = await launchWithExtension(emu);
    const page = await plantFrom(ext, commonAuthorizeUrl({ login_hint: PENDING }, DEMO_TENANT.domain));
    // The emulator skips the username page for a known user and emails a passcode; the guest never typed the address.
    await completePasscode(page, emu, PENDING);
    await until('the sign-in to finish', () => !page.url().startsWith('https://login.microsoftonline.com/'));
    await until('the candidate', async () => (await sourceOf(ext!, DEMO_TENANT.domain)) !== undefined);
    expect(await sourceOf(ext, DEMO_TENANT.domain)).toBe('tenant-url');
    await expectOfferedNotTaken(ext, PENDING, DEMO_TENANT.domain);
  });

  it('one click in the chooser trusts the candidate; the next dead end then goes there by itself', async () => {
    ext = await launchWithExtension(emu);
    await plantFrom(ext, commonAuthorizeUrl({}, DEMO_TENANT.domain));
    await until('the candidate', async () => (await sourceOf(ext!, DEMO_TENANT.domain)) === 'tenant-url');
    const page = await expectOfferedNotTaken(ext, JANE, DEMO_TENANT.domain);
    await chooseWithKeyboard(page, 0);
    await until('the tenant endpoint', () => pathOf(page.url()).startsWith(`/${DEMO_TENANT.domain}/`));
    await until('the tenant to be trusted', async () => (await sourceOf(ext!, DEMO_TENANT.domain)) === 'confirmed');
    const next = await ext.context.newPage();
    await next.goto(commonAuthorizeUrl());
    await submitUsername(next, JANE);
    await until('the automatic reroute', () => pathOf(next.url()).startsWith(`/${DEMO_TENANT.domain}/`));
  });
});

describe('signing in makes a tenant trusted', () => {
  it('the guest types the address at the tenant’s own sign-in link and enters the passcode: next time it is automatic', async () => {
    ext = await launchWithExtension(emu);
    const page = await ext.context.newPage();
    await page.goto(commonAuthorizeUrl({}, DEMO_TENANT.domain));
    await submitUsername(page, JANE);
    await completePasscode(page, emu, JANE);
    await until('the app redirect', () => page.url().startsWith(DEMO_WEB_APP.redirectUri));
    await until('the tenant to be trusted', async () => (await sourceOf(ext!, DEMO_TENANT.domain)) === 'signed-in');
    const next = await ext.context.newPage();
    await next.goto(commonAuthorizeUrl());
    await submitUsername(next, JANE);
    await until('the automatic reroute', () => pathOf(next.url()).startsWith(`/${DEMO_TENANT.domain}/`));
  });
});

describe('redeeming an invitation makes its tenant trusted', () => {
  it('the guest opens the invitation link, enters the emailed passcode and presses Accept: next time it is automatic', async () => {
    ext = await launchWithExtension(emu);
    const page = await ext.context.newPage();
    const { id, ticket } = DEMO_INVITATIONS.conceptsUser;
    await page.goto(buildInviteRedeemUrl(DEMO_TENANT.id, id, ticket));
    await until('the candidate', async () => (await sourceOf(ext!, DEMO_TENANT.id)) === 'redemption-link');
    await completePasscode(page, emu, DEMO_PEOPLE.pendingOutlookGuest);
    await page.locator('#idBtn_Accept').click();
    await until('the redirect after consent', () => !page.url().startsWith('https://login.microsoftonline.com/'));
    await until('the tenant to be trusted', async () => (await sourceOf(ext!, DEMO_TENANT.id)) === 'signed-in');
    const next = await ext.context.newPage();
    await next.goto(commonAuthorizeUrl());
    await submitUsername(next, JANE);
    await until('the automatic reroute', () => pathOf(next.url()).startsWith(`/${DEMO_TENANT.id}/`));
  });

  it('a planted redemption link the guest only looks at (no passcode, no Accept) trusts nothing', async () => {
    ext = await launchWithExtension(emu);
    const { id, ticket } = DEMO_INVITATIONS.conceptsUser;
    await plantFrom(ext, buildInviteRedeemUrl(DEMO_TENANT.id, id, ticket));
    await until('the candidate', async () => (await sourceOf(ext!, DEMO_TENANT.id)) === 'redemption-link');
    await expectOfferedNotTaken(ext, JANE, DEMO_TENANT.id);
  });
});

describe('memory ends with the sign-in', () => {
  it('the same static sign-in link (no state) used twice in one tab is rerouted both times', async () => {
    ext = await launchWithExtension(emu);
    await seed(ext, { tenants: [{ value: DEMO_TENANT.domain }] });
    const link = new URL(commonAuthorizeUrl());
    link.searchParams.delete('state');
    link.searchParams.delete('nonce');
    const page = await ext.context.newPage();
    for (let use = 1; use <= 2; use++) {
      await page.goto(link.href);
      await submitUsername(page, JANE);
      await until(`the tenant endpoint (use ${use})`, () => pathOf(page.url()).startsWith(`/${DEMO_TENANT.domain}/`));
      await completePasscode(page, emu, JANE);
      await until(`the app redirect (use ${use})`, () => page.url().startsWith(DEMO_WEB_APP.redirectUri));
    }
  });
});

describe('the real page (real-behaviour reference §1, §2)', () => {
  const COMMON_PREFIX = 'https://login.microsoftonline.com/common/';

  it.each([
    ['converged', () => builtPage(passwordStepBody({ identity: 'sam@contoso.com', errorHtml: REAL_TEXT.wrongPasswordHtml }))],
    ['Fluent', () => builtPage(fluentPasswordStepBody({ identity: 'sam@contoso.com', errorHtml: 'Your account or password is incorrect.' }))],
  ])('a wrong password in the %s markup: nothing happens (and a username error shown later is still acted on)', async (_markup, html) => {
    ext = await launchWithExtension(emu);
    await seed(ext, { tenants: [{ value: DEMO_TENANT.domain }] });
    await serve(ext, COMMON_PREFIX, html);
    const page = await ext.context.newPage();
    await page.goto(commonAuthorizeUrl());
    await page.waitForTimeout(500); // the extension's plan is there long before; a wrong reading would act now
    expect(await readPanel(page)).toBeUndefined();
    expect(pathOf(page.url())).toMatch(/^\/common\//);
    // The guard was alive all along: the username step with "couldn't find" is acted on at once.
    await page.evaluate(
      ({ body, error }) => {
        document.body.innerHTML = body;
        document.querySelector('[role=alert]')!.innerHTML = error;
      },
      { body: usernameStepBody({ value: JANE }), error: usernameErrorNode(REAL_TEXT.notFoundHtml) },
    );
    await until('the reroute', () => pathOf(page.url()).startsWith(`/${DEMO_TENANT.domain}/`));
  });

  it('"This username may be incorrect" at /common is explained (a work account), not rerouted', async () => {
    ext = await launchWithExtension(emu);
    await seed(ext, { tenants: [{ value: DEMO_TENANT.domain, label: 'Ezaz Labs' }] });
    await serve(ext, COMMON_PREFIX, livePage({ buildAfterMs: 200, errorAfterMs: 150, errorFor: { consumer: REAL_TEXT.notFoundHtml, entra: REAL_TEXT.mayBeIncorrect }, entraDomains: ['beyondkey.com'] }));
    const page = await ext.context.newPage();
    await page.goto(commonAuthorizeUrl());
    await submitUsername(page, 'someone@beyondkey.com');
    const panel = await waitForPanel(page);
    expect(panel.text).toContain('work or school account');
    expect(panel.buttons[0]).toBe('Ezaz Labs'); // trusted tenants stay one click away
    await page.waitForTimeout(300);
    expect(pathOf(page.url())).toMatch(/^\/common\//);
  });

  it('at the emulator’s captured page, an unknown address at an Entra-verified domain is explained, not rerouted', async () => {
    ext = await launchWithExtension(emu);
    await seed(ext, { tenants: [{ value: DEMO_TENANT.domain, label: 'Ezaz Labs' }] });
    const page = await ext.context.newPage();
    await page.goto(commonAuthorizeUrl());
    await submitUsername(page, `nobody@${DEMO_TENANT.domain}`);
    const panel = await waitForPanel(page);
    expect(panel.text).toContain('work or school account');
    expect(pathOf(page.url())).toMatch(/^\/common\//);
  });

  it('the error shown late, removed and shown again: the chooser follows it and sends the address typed last', async () => {
    ext = await launchWithExtension(emu);
    await seed(ext, { tenants: [{ value: DEMO_TENANT.domain, label: 'Ezaz Labs' }, { value: 'fabrikampartners.onmicrosoft.com', label: 'Fabrikam' }] });
    await serve(ext, COMMON_PREFIX, livePage({ buildAfterMs: 400, errorAfterMs: 300, errorFor: { consumer: REAL_TEXT.notFoundHtml, entra: REAL_TEXT.mayBeIncorrect }, entraDomains: [] }));
    const page = await ext.context.newPage();
    await page.goto(commonAuthorizeUrl());
    await submitUsername(page, 'jane.typo@gmail.com');
    await waitForPanel(page);
    await page.locator('#i0116').fill(JANE); // editing the address removes Microsoft's error…
    await until('the panel to go with the error', async () => (await readPanel(page)) === undefined);
    await page.locator('#idSIButton9').click(); // …and Next shows it again
    const again = await waitForPanel(page);
    expect(again.buttons.slice(0, 2)).toEqual(['Ezaz Labs', 'Fabrikam']);
    await chooseWithKeyboard(page, 0);
    await until('the demo tenant endpoint', () => pathOf(page.url()).startsWith(`/${DEMO_TENANT.domain}/`));
    expect(new URL(page.url()).searchParams.get('login_hint')).toBe(JANE);
  });
});
