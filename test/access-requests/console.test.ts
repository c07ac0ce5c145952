// The console's "Access requests" page in real Chromium, signed in through msal-browser's redirect: the admin sees the
// request with everything the requester wrote and approves it in a dialog with a message → exactly one invitation
// email. An Approver without Guestpass.Admin gets this page only, denies with a note, and cannot edit the policy. Both
// pages pass axe with data.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_CONSOLE_USERS, DEMO_TENANT } from '../emulator/demo-tenant.ts';
import { axeViolations } from '../support/axe.ts';
import { signInAtEmulator, startConsoleWorld, until, type ConsoleWorld } from '../support/console-world.ts';

let world: ConsoleWorld;
beforeAll(async () => {
  world = await startConsoleWorld({ resend: true });
});
afterAll(async () => {
  await world?.close();
});

const emailsTo = (address: string) => world.emulator.outbox().filter((e) => e.to === address).length;


async function ask(email: string, name: string): Promise<void> {
  const answer = await world.resend!.accessRequests.service.submit({ tenantKey: DEMO_TENANT.domain, email, name, organisation: 'New Corp', reason: 'Joint bid for the harbour project', sponsor: 'kibria@ezaz2281.onmicrosoft.com', lang: 'de', clientIp: '192.0.2.9' });
  expect(answer.outcome).toBe('accepted');
  await world.resend!.accessRequests.worker.idle();
}

async function signIn(user: (typeof DEMO_CONSOLE_USERS)['admin' | 'approver']) {
  const page = await world.browser.context.newPage();
  await page.goto(`${world.portal.url}/admin/access-requests`);
  await page.getByRole('button', { name: DEMO_TENANT.displayName }).click();
  await page.getByRole('button', { name: 'Sign in with Microsoft' }).click();
  await signInAtEmulator(page, world.emulator, user.username, user.password);
  return page;
}

describe('console: Access requests (real Chromium)', () => {
  it('the admin approves a request in the dialog with a message → exactly one invitation email; axe finds nothing with data shown', async () => {
    const email = 'harbour.bidder@newcorp.example';
    await ask(email, 'Hanne Harbour');
    const page = await signIn(DEMO_CONSOLE_USERS.admin);
    try {
      await page.getByRole('link', { name: 'Access requests' }).click();
      const row = page.locator('table tbody tr', { hasText: email });
      await row.waitFor();
      for (const text of ['Hanne Harbour', 'New Corp', 'Joint bid for the harbour project', 'kibria@ezaz2281.onmicrosoft.com']) expect(await row.textContent()).toContain(text);
      await page.locator('#policy-pre').waitFor();
      expect(await axeViolations(page)).toEqual([]);

      await row.getByRole('button', { name: 'Approve Hanne Harbour' }).click();
      const dialog = page.getByRole('dialog', { name: 'Approve Hanne Harbour' });
      await dialog.getByLabel('Personal message (optional)').fill('Willkommen im Hafenprojekt.');
      expect(await axeViolations(page)).toEqual([]);
      await dialog.getByRole('button', { name: 'Approve and invite' }).click();
      await page.getByText(`Approved: the invitation to ${email} is on its way, sent on your behalf.`).waitFor();
      await until('the invitation email', () => emailsTo(email) === 1, 30_000);
      await new Promise((r) => setTimeout(r, 1500));
      expect(emailsTo(email)).toBe(1);
      expect(JSON.stringify(world.emulator.outbox().find((m) => m.to === email))).toContain('Willkommen im Hafenprojekt.');
      expect(await page.locator('table tbody tr', { hasText: email }).count()).toBe(0);
    } finally {
      await page.close();
    }
  }, 120_000);

  it('an Approver without Guestpass.Admin gets the access requests only, denies with a note, and cannot edit the policy', async () => {
    await ask('denied.bidder@newcorp.example', 'Dana Denied');
    const page = await signIn(DEMO_CONSOLE_USERS.approver);
    try {
      const row = page.locator('table tbody tr', { hasText: 'denied.bidder@newcorp.example' });
      await row.waitFor();
      for (const text of ['Dana Denied', 'New Corp', 'Joint bid for the harbour project', 'kibria@ezaz2281.onmicrosoft.com']) expect(await row.textContent()).toContain(text);
      expect(await page.getByRole('navigation', { name: 'Console' }).getByRole('link').allTextContents()).toEqual(['Access requests']);
      expect(await page.getByRole('radio', { name: /^Approval: every request/ }).isDisabled()).toBe(true);
      expect(await page.getByRole('button', { name: 'Save policy' }).isDisabled()).toBe(true);
      await page.getByText('Only a Guestpass.Admin can change the policy.').waitFor();
      await row.getByRole('button', { name: 'Deny Dana Denied' }).click();
      const dialog = page.getByRole('dialog', { name: 'Deny Dana Denied' });
      await dialog.getByLabel(/Note for the approvers/).fill('Not a current bidder.');
      await dialog.getByRole('button', { name: 'Deny' }).click();
      await page.getByText('Denied the request of Dana Denied.').waitFor();
      expect(await axeViolations(page)).toEqual([]);
      expect(emailsTo('denied.bidder@newcorp.example')).toBe(0);
    } finally {
      await page.close();
    }
  }, 120_000);
});
