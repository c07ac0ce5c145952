// The admin console in real Chromium, from /admin in an empty profile: the organisation picker, msal-browser's redirect
// to the tenant's own authority (the emulator answering for login.microsoftonline.com), sign-in on the emulator's page,
// and the way back. The console is reached only through that redirect: no token is planted.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DEMO_CONSOLE_USERS, DEMO_PEOPLE, DEMO_TENANT } from '../emulator/demo-tenant.ts';
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

    await signInAtEmulator(page, world.emulator, DEMO_CONSOLE_USERS.member.username, DEMO_CONSOLE_USERS.member.password);
    const refusal = page.getByRole('heading', { name: `You can't administer guestpass for ${DEMO_TENANT.displayName}` });
    await refusal.waitFor();
    const explanation = await page.getByRole('alert').textContent();
    expect(explanation).toContain(DEMO_CONSOLE_USERS.member.username);
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

  it('the demo admin sees the pending guests with days waiting, finds a guest by name, and every view passes axe', async () => {
    const page = await signedInAdmin();
    const pending = page.locator('table.guests tbody tr[data-guest]');
    await pending.first().waitFor();
    const rows = await pending.evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent?.trim() ?? '')));
    const oldInvite = rows.find((cells) => cells.includes(DEMO_PEOPLE.longPendingGuest));
    expect(oldInvite, JSON.stringify(rows)).toBeTruthy();
    expect(oldInvite).toContain('Pending');
    expect(oldInvite).toContain('45'); // days waiting
    expect(rows.every((cells) => cells.includes('Pending'))).toBe(true);
    expect(await axeViolations(page)).toEqual([]);

    // Search every guest by name: an advanced query ($search + $count, ConsistencyLevel: eventual) straight to Graph.
    await page.getByLabel('Show').selectOption('all');
    await page.getByLabel('Name or address').fill('jane');
    await page.getByRole('button', { name: 'Search' }).click();
    // Jane is also on the unfiltered list shown just before: wait for the search's own answer (one row), not her row.
    await expect.poll(() => page.locator('table.guests tbody tr[data-guest]').count(), { timeout: 20_000 }).toBe(1);
    expect(await page.locator('table.guests tbody tr[data-guest]').getAttribute('data-guest')).toBe(DEMO_PEOPLE.acceptedGmailGuest);
    // Accepted, with the last sign-in the tenant records (Entra ID P1 and AuditLog.Read.All: the demo tenant has both).
    const jane = await page.locator('table.guests tbody tr[data-guest] td').allTextContents();
    expect(jane[3]).toBe('Accepted');
    expect(jane[5]).not.toMatch(/^(—|not available)$/);
    const graphReads = world.emulator.requests().filter((r) => r.host === 'graph.microsoft.com' && r.path.startsWith('/v1.0/users?'));
    expect(graphReads.some((r) => decodeURIComponent(r.path).includes('$search="displayName:jane"'))).toBe(true);

    // Share links: the tenant's catalogue links with QR codes that load.
    await page.getByRole('link', { name: 'Share links' }).click();
    await page.getByRole('heading', { name: 'Share links' }).waitFor();
    expect(await page.getByRole('heading', { name: 'My Apps', level: 2 }).isVisible()).toBe(true);
    const qr = page.getByRole('img', { name: 'QR code of the My Apps link' });
    await qr.waitFor();
    await page.waitForFunction(() => [...document.images].every((img) => img.complete && img.naturalWidth > 0));
    expect(await page.locator('#email-text').inputValue()).toContain(`/t/${DEMO_TENANT.domain}`);
    expect(await axeViolations(page)).toEqual([]);

    for (const [link, heading] of [
      ['Self-service requests', 'Self-service requests'],
      ['Dead letters', 'Dead letters'],
      ['Audit trail', 'Audit trail'],
      ['Tenant health', 'Tenant health'],
    ] as const) {
      await page.getByRole('link', { name: link, exact: true }).click();
      await page.getByRole('heading', { name: heading, level: 1 }).waitFor();
      await page.waitForFunction(() => !document.querySelector('main [role=status]')?.textContent?.startsWith('Loading'));
      expect(await axeViolations(page), heading).toEqual([]);
    }
    await page.close();
  });

  it('when the session has ended (tokens gone), the next action signs the admin in again and comes back to the same view', async () => {
    const page = await signedInAdmin();
    await page.locator('table.guests tbody tr[data-guest]').first().waitFor();
    const removed = await page.evaluate(() => {
      const keys = Object.keys(sessionStorage).filter((k) => /accesstoken|refreshtoken/i.test(k) || /"credentialType":"(AccessToken|RefreshToken)"/.test(sessionStorage.getItem(k) ?? ''));
      for (const k of keys) sessionStorage.removeItem(k);
      return keys.length;
    });
    expect(removed).toBeGreaterThan(0);
    await page.getByLabel('Show').selectOption('accepted'); // the next Graph read needs a token
    await signInAtEmulator(page, world.emulator, DEMO_CONSOLE_USERS.admin.username, DEMO_CONSOLE_USERS.admin.password);
    await page.waitForURL(`${world.portal.url}/admin/`);
    await page.locator('table.guests tbody tr[data-guest]').first().waitFor();
    await page.close();
  }, 90_000);
});

async function signedInAdmin() {
  const page = await freshPage();
  await page.getByRole('button', { name: DEMO_TENANT.displayName }).click();
  await page.getByRole('button', { name: 'Sign in with Microsoft' }).click();
  await signInAtEmulator(page, world.emulator, DEMO_CONSOLE_USERS.admin.username, DEMO_CONSOLE_USERS.admin.password);
  await page.getByRole('heading', { name: 'Guests', level: 1 }).waitFor();
  return page;
}
