// The console when a Graph read fails (real Chromium, msal-browser sign-in, the emulator's Graph answering 503): a
// transient failure is retried once by the view itself; when it fails again the error is shown with a Retry button,
// which loads the view without reloading the console.
import { afterAll, beforeAll, describe, it } from 'vitest';
import { DEMO_CONSOLE_USERS, DEMO_PEOPLE, DEMO_TENANT } from '../emulator/demo-tenant.ts';
import { signInAtEmulator, startConsoleWorld, type ConsoleWorld } from '../support/console-world.ts';

/** The browser's guest-list query (it counts: `$count=true`), not the portal's own health read of /users. */
const GUEST_LIST = /^GET \/v1\.0\/users\?.*\$count=true/;

let world: ConsoleWorld;
beforeAll(async () => {
  world = await startConsoleWorld();
});
afterAll(async () => {
  await world?.close();
});

describe('admin console: a failed Graph read', () => {
  it('a 503 once is retried by itself (the guests show); twice shows the error with Retry, which then loads them', async () => {
    const guests = world.emulator.faults.inject({ route: GUEST_LIST, fault: { kind: 'status', status: 503, retryAfterSeconds: 1 }, times: 1 });
    const page = await world.browser.context.newPage();
    await page.goto(`${world.portal.url}/admin/`);
    await page.getByRole('button', { name: DEMO_TENANT.displayName }).click();
    await page.getByRole('button', { name: 'Sign in with Microsoft' }).click();
    await signInAtEmulator(page, world.emulator, DEMO_CONSOLE_USERS.admin.username, DEMO_CONSOLE_USERS.admin.password);
    const row = page.locator(`table.guests tbody tr[data-guest="${DEMO_PEOPLE.pendingOutlookGuest}"]`);
    await row.waitFor({ timeout: 15_000 });
    if (guests.fired() !== 1) throw new Error(`the fault fired ${guests.fired()} times`);

    const twice = world.emulator.faults.inject({ route: GUEST_LIST, fault: { kind: 'status', status: 503, retryAfterSeconds: 1 }, times: 2 });
    // Away and back: the guest view loads again.
    await page.getByRole('link', { name: 'Share links', exact: true }).click();
    await page.getByRole('heading', { name: 'Share links' }).waitFor();
    await page.getByRole('link', { name: 'Guests', exact: true }).click();
    const alert = page.getByRole('alert').filter({ hasText: 'Microsoft Graph did not answer the guest list' });
    await alert.waitFor({ timeout: 15_000 });
    if (twice.fired() !== 2) throw new Error(`the fault fired ${twice.fired()} times`);
    await alert.getByRole('button', { name: 'Retry' }).click();
    await row.waitFor();
    await alert.waitFor({ state: 'detached' });
    await page.close();
  }, 90_000);
});
