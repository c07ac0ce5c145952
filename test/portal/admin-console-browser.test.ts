// The admin console in real Chromium, from /admin in an empty profile: the organisation picker, msal-browser's redirect
// to the tenant's own authority (the emulator answering for login.microsoftonline.com), sign-in on the emulator's page,
// and the way back. The console is reached only through that redirect: no token is planted.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DEMO_PEOPLE, DEMO_TENANT } from '../emulator/demo-tenant.ts';
import { axeViolations } from '../support/axe.ts';
import { signInAtEmulator, startConsoleWorld, type ConsoleWorld } from '../support/console-world.ts';

let world: ConsoleWorld;
beforeAll(async () => {
  world = await startConsoleWorld();
});
afterAll(async () => {
  await world?.close();
});
beforeEach(() => {
  world.emulator.reset();
  world.registerConsole();
});

async function freshPage() {
  // A new page in the same profile shares sessionStorage per tab only: every test starts signed out.
  const page = await world.browser.context.newPage();
  await page.goto(`${world.portal.url}/admin`);
  return page;
}

describe('admin console sign-in (msal-browser, redirect flow, real Chromium)', () => {
  it('asks for the organisation first when several are served, with no axe violations', async () => {
    const page = await freshPage();
    await page.getByRole('heading', { name: 'Which organisation do you administer?' }).waitFor();
    expect(await page.getByRole('button', { name: DEMO_TENANT.displayName }).isVisible()).toBe(true);
    expect(await page.getByRole('button', { name: 'Fabrikam Partners (demo)' }).isVisible()).toBe(true);
    expect(await axeViolations(page)).toEqual([]);
    await page.close();
  });

  it("signs in at the chosen tenant's own authority (never common) and refuses a member without the Guestpass.Admin role, explaining why", async () => {
    const page = await freshPage();
    await page.getByRole('button', { name: DEMO_TENANT.displayName }).click();
    await page.getByRole('button', { name: 'Sign in with Microsoft' }).click();
    await page.waitForURL(/^https:\/\/login\.microsoftonline\.com\//);
    const authorize = new URL(page.url());
    expect(authorize.pathname).toBe(`/${DEMO_TENANT.id}/oauth2/v2.0/authorize`);
    expect(authorize.searchParams.get('redirect_uri')).toBe(`${world.portal.url}/admin/`);
    expect(authorize.searchParams.get('code_challenge_method')).toBe('S256');
    expect(authorize.searchParams.get('scope')).toContain('/Guestpass.Manage');

    await signInAtEmulator(page, world.emulator, DEMO_PEOPLE.guestInviterMember);
    const refusal = page.getByRole('heading', { name: `You can't administer guestpass for ${DEMO_TENANT.displayName}` });
    await refusal.waitFor();
    const explanation = await page.getByRole('alert').textContent();
    expect(explanation).toContain(DEMO_PEOPLE.guestInviterMember);
    expect(explanation).toContain('Guestpass.Admin');
    expect(await page.getByText('Enterprise applications').count()).toBeGreaterThan(0);
    expect(new URL(page.url()).hash).toBe(''); // the sign-in answer does not stay in the address bar
    expect(await axeViolations(page)).toEqual([]);

    // The browser itself redeemed the code at the tenant's token endpoint (cross-origin: an SPA redirect URI is redeemed
    // only with an Origin header, login-spa-redemption.test.ts).
    const redemptions = world.emulator.requests().filter((r) => r.method === 'POST' && r.path.startsWith(`/${DEMO_TENANT.id}/oauth2/v2.0/token`));
    expect(redemptions.map((r) => [r.host, r.status])).toContainEqual(['login.microsoftonline.com', 200]);

    // Sign out ends the session: back on /admin/, signed out (sessionStorage cleared by msal), picker again.
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL(`${world.portal.url}/admin/`);
    await page.getByRole('heading', { name: 'Which organisation do you administer?' }).waitFor();
    await page.close();
  });
});
