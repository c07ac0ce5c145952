// The console's Invite page in real Chromium, signed in through msal-browser's redirect as the demo admin: a small CSV
// is picked, the preview explains its flagged row, "Send 3 invitations" queues them, progress is announced until the
// queue is done, per-row results are shown and downloadable — and axe-core finds nothing on the page with data.
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_CONSOLE_USERS, DEMO_TENANT } from '../emulator/demo-tenant.ts';
import { axeViolations } from '../support/axe.ts';
import { signInAtEmulator, startConsoleWorld, type ConsoleWorld } from '../support/console-world.ts';

let world: ConsoleWorld;
beforeAll(async () => {
  world = await startConsoleWorld({ resend: true });
});
afterAll(async () => {
  await world?.close();
});

const GUESTS = ['ana.console@partner.example', 'ben.console@partner.example', 'cy.console@partner.example'];

describe('console Invite page (real Chromium)', () => {
  it('uploads a CSV, explains the flagged row, sends the rest with progress, and shows per-row results (axe: 0 violations)', async () => {
    const page = await world.browser.context.newPage();
    await page.goto(`${world.portal.url}/admin/invite`);
    await page.getByRole('button', { name: DEMO_TENANT.displayName }).click();
    await page.getByRole('button', { name: 'Sign in with Microsoft' }).click();
    await signInAtEmulator(page, world.emulator, DEMO_CONSOLE_USERS.admin.username, DEMO_CONSOLE_USERS.admin.password);
    await page.getByRole('heading', { name: 'Invite guests', level: 1 }).waitFor();

    // One address, with the form's labels.
    await page.getByLabel('Email address').fill('solo.console@partner.example');
    await page.getByLabel('Display name (optional)').fill('Solo Guest');
    await page.getByLabel('Invitation email language').selectOption('fr');
    await page.getByRole('button', { name: 'Send invitation' }).click();
    await page.getByText('Queued: the invitation to solo.console@partner.example is sent on your behalf').waitFor();

    const csv = ['email;display name;language', ...GUESTS.map((g, i) => `${g};Guest ${i};de`), 'dana+tag@partner.example;Dana;'].join('\r\n');
    await page.getByLabel('CSV file', { exact: true }).setInputFiles({ name: 'guests.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });

    const flagged = page.locator('table.invite-rows tbody tr', { hasText: 'dana+tag@partner.example' });
    await flagged.waitFor();
    expect(await flagged.textContent()).toContain('Refused: Microsoft Entra rejects it');
    expect(await flagged.textContent()).toContain('plus symbols');
    expect(await page.getByText('4 rows: 3 invitations to send').count()).toBe(1);
    expect(await axeViolations(page)).toEqual([]);
    expect(world.emulator.outbox().filter((e) => GUESTS.includes(e.to))).toEqual([]); // the preview sent nothing

    await page.getByRole('button', { name: 'Send 3 invitations' }).click();
    await page.getByRole('status').filter({ hasText: 'Done: 3 invitations sent' }).waitFor({ timeout: 60_000 });
    const results = page.locator('table.invite-results tbody tr');
    expect(await results.count()).toBe(4);
    expect(await results.filter({ hasText: 'Sent' }).count()).toBe(3);
    expect(GUESTS.map((g) => world.emulator.outbox().filter((e) => e.to === g).length)).toEqual([1, 1, 1]);
    expect(await axeViolations(page)).toEqual([]);

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download results (CSV)' }).click()]);
    const text = await readFile((await download.path())!, 'utf8');
    expect(world.emulator.outbox().filter((e) => e.to === 'solo.console@partner.example')).toHaveLength(1);
    expect(text.split('\r\n')[0]).toBe('row,line,email,verdict,state,explanation,job');
    // The refused row is there by its verdict; its address is not kept (the audit holds keyed hashes only).
    expect(text).toMatch(/\r\n\d+,\d+,,entra-rejects,/);
    await page.close();
  }, 120_000);
});
