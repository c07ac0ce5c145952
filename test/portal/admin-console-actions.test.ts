// The admin console's writes in real Chromium, signed in through msal-browser's redirect as the demo admin: resend one
// pending invitation → exactly one email; the audit row names the admin; a dead letter is retried and delivered. Every
// write goes through the admin API (its queue, window and audit), never from the browser to Graph.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_CONSOLE_USERS, DEMO_PEOPLE, DEMO_TENANT } from '../emulator/demo-tenant.ts';
import { drain } from '../resend/support.ts';
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


describe('admin console writes (admin API, real Chromium)', () => {
  it('resends one pending invitation (exactly one email), shows the audit row with the admin, and retries a dead letter until it is delivered', async () => {
    // A dead letter of the request's own making: Graph refuses the invitation once with a 400.
    const fault = world.emulator.faults.inject({ route: 'POST /v1.0/invitations', fault: { kind: 'status', status: 400 }, times: 1 });
    const asked = await world.resend!.service.accept({ tenantKey: DEMO_TENANT.domain, email: DEMO_PEOPLE.longPendingGuest, clientIp: '192.0.2.7' });
    expect(asked.outcome).toBe('accepted');
    await until('the dead letter', async () => (await world.resend!.store.listDeadLetters()).some((d) => d.address === DEMO_PEOPLE.longPendingGuest));
    expect(fault.fired()).toBe(1);

    const page = await world.browser.context.newPage();
    await page.goto(`${world.portal.url}/admin/`);
    await page.getByRole('button', { name: DEMO_TENANT.displayName }).click();
    await page.getByRole('button', { name: 'Sign in with Microsoft' }).click();
    await signInAtEmulator(page, world.emulator, DEMO_CONSOLE_USERS.admin.username, DEMO_CONSOLE_USERS.admin.password);

    // Resend one.
    const row = page.locator(`table.guests tbody tr[data-guest="${DEMO_PEOPLE.pendingOutlookGuest}"]`);
    await row.waitFor();
    await row.getByRole('button', { name: `Resend invitation to ${DEMO_PEOPLE.pendingOutlookGuest}` }).click();
    await page.getByText('Queued 1 invitation to be sent again.').waitFor();
    await until('the invitation email', () => emailsTo(DEMO_PEOPLE.pendingOutlookGuest) === 1);
    await drain(world.resend!.store); // every queued job has run: a second email would be in the outbox now
    expect(emailsTo(DEMO_PEOPLE.pendingOutlookGuest)).toBe(1);

    // The audit trail names the admin.
    await page.getByRole('link', { name: 'Audit trail' }).click();
    const auditRow = page.locator('table tbody tr', { hasText: DEMO_CONSOLE_USERS.admin.username }).first();
    await auditRow.waitFor();
    expect(await auditRow.textContent()).toContain(DEMO_CONSOLE_USERS.admin.id);
    expect(await axeViolations(page)).toEqual([]);

    // Retry the dead letter: it goes out.
    await page.getByRole('link', { name: 'Dead letters' }).click();
    const dead = page.locator('table tbody tr', { hasText: DEMO_PEOPLE.longPendingGuest });
    await dead.waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await dead.getByRole('button', { name: `Retry ${DEMO_PEOPLE.longPendingGuest}` }).click();
    await page.getByText('Requeued 1 request.').waitFor();
    await until('the retried invitation', () => emailsTo(DEMO_PEOPLE.longPendingGuest) === 1);

    // The other views, each with data.
    await page.getByRole('link', { name: 'Self-service requests' }).click();
    await page.locator('table tbody tr td').first().waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await page.getByRole('link', { name: 'Tenant health' }).click();
    await page.getByText('Working: a token was issued and Graph answered a read.').waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await page.close();
  }, 120_000);
});
