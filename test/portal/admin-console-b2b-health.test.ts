// The console's B2B health page in real Chromium, signed in through msal-browser's redirect at each tenant (issue 12):
// each of the three demo tenants shows exactly its planted findings; the demo admin removes a stale guest after a
// confirmation naming how many and restores it; a dry run changes nothing; an accepted guest in two groups is
// converted (groups read before and after); a pending guest is refused with the reason; axe finds nothing.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_CONSOLE_USERS, DEMO_PEOPLE, DEMO_TENANT, PARTNER_TENANT } from '../emulator/demo-tenant.ts';
import { FREE_TENANT } from '../emulator/free-tenant.ts';
import { DEMO_USER_IDS } from '../emulator/seed.ts';
import { HEALTH_IDS, HEALTH_PEOPLE, PLANTED_FINDINGS } from '../emulator/seed-health.ts';
import { axeViolations } from '../support/axe.ts';
import { signInAtEmulator, startConsoleWorld, type ConsoleWorld } from '../support/console-world.ts';

let world: ConsoleWorld;
beforeAll(async () => {
  world = await startConsoleWorld({ resend: true, freeTier: true });
});
afterAll(async () => {
  await world?.close();
});

const demo = () => world.emulator.state.findTenant(DEMO_TENANT.id)!;
const userIn = (id: string) => demo().users.find((u) => u.id === id);

/** A fresh sign-in at `tenant` (storage and cookies cleared), landing on the B2B health page with its findings shown. */
async function openB2BHealth(tenant: { displayName: string }, user: { username: string; password: string }): Promise<Page> {
  await world.browser.context.clearCookies();
  const page = await world.browser.context.newPage();
  await page.goto(`${world.portal.url}/admin/`);
  await page.evaluate(() => {
    localStorage.clear();
    sessionStorage.clear();
  });
  await page.reload();
  await page.getByRole('button', { name: tenant.displayName }).click();
  await page.getByRole('button', { name: 'Sign in with Microsoft' }).click();
  await signInAtEmulator(page, world.emulator, user.username, user.password);
  await page.getByRole('link', { name: 'B2B health' }).click();
  await page.locator('li.finding').nth(7).waitFor();
  return page;
}

/** What the page shows: check id → severity, read from the rendered findings. */
async function shownFindings(page: Page): Promise<Record<string, string>> {
  const items = await page.locator('li.finding').evaluateAll((lis) => lis.map((li) => [li.getAttribute('data-check'), li.querySelector('.severity')?.textContent?.trim().toLowerCase()]));
  return Object.fromEntries(items);
}

describe('B2B health page (real Chromium)', () => {
  it('each demo tenant shows exactly its planted findings, with evidence, fix steps, Learn links and the guest picture', async () => {
    const page = await openB2BHealth(DEMO_TENANT, DEMO_CONSOLE_USERS.admin);
    expect(await shownFindings(page)).toEqual(PLANTED_FINDINGS.demo);
    const pending = page.locator('li.finding[data-check="pending-invitations"]');
    expect(await pending.locator('ul.examples li').allTextContents()).toEqual([expect.stringMatching(/^Old Invite <old\.invite@yahoo\.com> — pending 45 days$/)]);
    expect(await pending.locator('ol.fix li').count()).toBeGreaterThan(0);
    expect(await pending.getByRole('link').getAttribute('href')).toMatch(/^https:\/\/learn\.microsoft\.com\//);
    // The picture: an image with a name and a description, and the same numbers as a table.
    const byState = page.getByRole('img', { name: /Guests by state/ });
    expect(await byState.locator('desc').textContent()).toContain('Accepted, never signed in: 1');
    expect(await page.locator('figure.chart table').first().locator('tr', { hasText: 'Pending invitation' }).locator('td').textContent()).toBe('2');
    expect(await page.locator('[style]').count()).toBe(0); // nothing the console's CSP (style-src 'self') would block
    expect(await axeViolations(page)).toEqual([]);
    await page.close();

    const partner = await openB2BHealth(PARTNER_TENANT, DEMO_CONSOLE_USERS.partnerAdmin);
    expect(await shownFindings(partner)).toEqual(PLANTED_FINDINGS.partner);
    expect(await partner.locator('p.overall .severity').textContent()).toBe('Info');
    await partner.close();

    const free = await openB2BHealth(FREE_TENANT, DEMO_CONSOLE_USERS.freeAdmin);
    expect(await shownFindings(free)).toEqual(PLANTED_FINDINGS.free);
    expect(await free.getByRole('img', { name: /Guests by state/ }).locator('desc').textContent()).toContain('sign-in activity not available');
    await free.close();
  }, 180_000);

  it('the quarterly review removes a stale guest after a confirmation naming how many, then restores it; a dry run changes nothing; a guest in two groups is converted, a pending guest is not; a guest is re-invited to a new address', async () => {
    const page = await openB2BHealth(DEMO_TENANT, DEMO_CONSOLE_USERS.admin);

    // The stale list, a dry run.
    await page.getByRole('button', { name: 'Read the stale list' }).click();
    const never = page.locator(`tr[data-stale="${HEALTH_PEOPLE.neverSignedInGuest}"]`);
    await never.waitFor();
    await never.getByRole('checkbox').check();
    await page.getByRole('button', { name: 'Dry run (1)' }).click();
    await page.getByText('Dry run: 1 guest would be removed, 0 kept. Nothing was changed.').waitFor();
    expect(userIn(HEALTH_IDS.neverSignedInGuest)).toBeDefined();
    await never.getByRole('checkbox').uncheck();

    // Remove one, behind the confirmation.
    const dormant = page.locator(`tr[data-stale="${DEMO_PEOPLE.dormantGuest}"]`);
    await dormant.getByRole('checkbox').check();
    await page.getByRole('button', { name: 'Remove selected (1)…' }).click();
    await page.getByText(`Remove 1 guest from ${DEMO_TENANT.displayName}?`).waitFor();
    await page.getByRole('button', { name: 'Remove 1 guest', exact: true }).click();
    await page.getByText('Removed 1 guest. They can be restored for 30 days.').waitFor();
    expect(userIn(DEMO_USER_IDS.dormantPartner)).toBeUndefined();

    // Restore it from deleted users.
    const deletedRow = page.locator(`tr[data-deleted="${DEMO_PEOPLE.dormantGuest}"]`);
    await deletedRow.waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await deletedRow.getByRole('button', { name: 'Restore Dormant Partner' }).click();
    await page.getByText('Restored Dormant Partner, with their groups.').waitFor();
    expect(userIn(DEMO_USER_IDS.dormantPartner)?.userType).toBe('Guest');

    // Convert Jane Doe (accepted, in two groups).
    const search = page.getByRole('search', { name: 'Find a guest' });
    await search.getByRole('searchbox').fill('Jane');
    await search.getByRole('button', { name: 'Find' }).click();
    await page.getByRole('button', { name: 'Convert Jane Doe to a member' }).click();
    const dialog = page.getByRole('dialog', { name: 'Convert Jane Doe to an internal member' });
    await dialog.locator('[data-groups="before"]', { hasText: 'Partner Extranet, Project Falcon' }).waitFor();
    expect(await dialog.getByRole('textbox', { name: 'User name' }).inputValue()).toBe('jane.doe');
    expect(await axeViolations(page)).toEqual([]);
    await dialog.getByRole('button', { name: 'Convert' }).click();
    await dialog.getByText('Jane Doe is now a member').waitFor();
    expect(await dialog.locator('code').textContent()).toBe(`jane.doe@${DEMO_TENANT.domain}`);
    expect(await dialog.getByLabel('Generated password').textContent()).toMatch(/^.{16}$/);
    await dialog.locator('[data-groups="after"]', { hasText: 'Partner Extranet, Project Falcon' }).waitFor();
    expect(userIn(DEMO_USER_IDS.janeDoe)).toMatchObject({ userType: 'Member', userPrincipalName: `jane.doe@${DEMO_TENANT.domain}` });
    await dialog.getByRole('button', { name: 'Close' }).click();

    // A pending guest cannot be converted: the reason is shown, nothing changes.
    await search.getByRole('searchbox').fill('Concepts');
    await search.getByRole('button', { name: 'Find' }).click();
    await page.getByRole('button', { name: 'Convert Concepts User to a member' }).click();
    const pendingDialog = page.getByRole('dialog', { name: 'Convert Concepts User to an internal member' });
    await pendingDialog.getByRole('button', { name: 'Convert' }).click();
    await pendingDialog.getByRole('alert').getByText(/has not accepted the invitation yet/).waitFor();
    expect(userIn(DEMO_USER_IDS.conceptsUser)?.userType).toBe('Guest');
    await pendingDialog.getByRole('button', { name: 'Cancel' }).click();

    // Re-invite a guest who lost their mailbox: the invitation goes to the new address.
    await search.getByRole('searchbox').fill('Sam');
    await search.getByRole('button', { name: 'Find' }).click();
    await page.getByRole('button', { name: 'Re-invite Sam Vendor to a new address' }).click();
    const reinvite = page.getByRole('dialog', { name: 'Re-invite Sam Vendor to a new address' });
    await reinvite.getByRole('textbox', { name: 'New address' }).fill('sam@new-vendor.example');
    await reinvite.getByRole('button', { name: 'Send the new invitation' }).click();
    await reinvite.getByText('Microsoft sent a new invitation to').waitFor();
    expect(world.emulator.outbox().filter((e) => e.to === 'sam@new-vendor.example')).toHaveLength(1);
    await page.close();
  }, 180_000);
});
