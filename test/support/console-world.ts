// Everything the admin console needs to run for real: the Entra emulator, the portal in demo configuration (Node
// reaches the emulator at https://127.0.0.1:<port>, the browser at Microsoft's host names), the console's SPA redirect
// URI registered on the portal app registrations, and Chromium with Microsoft's hosts mapped to the emulator.
// Used by the console's browser tests, `npm run try:console` and the bench.
import pino, { type Logger } from 'pino';
import type { Page } from 'playwright-core';
import { consoleBuilt } from '../../portal/console/build.ts';
import { withDemoTenants } from '../../demo/tenants.ts';
import { createResendFeature, featureDeps, type ResendFeature } from '../../portal/resend/index.ts';
import { startServer, type RunningServer } from '../../portal/server.ts';
import { startEmulator, type Emulator } from '../emulator/index.ts';
import { testConfig } from '../portal/helpers.ts';
import { launchChromium, type LaunchedBrowser } from './browser.ts';

export interface ConsoleWorld {
  emulator: Emulator;
  portal: RunningServer;
  browser: LaunchedBrowser;
  /** The resend queue and store behind the admin API (with `resend: true`). */
  resend?: ResendFeature;
  close(): Promise<void>;
}

/** `freeTier`: the free-tier demo tenant is configured too (the B2B health page on all three demo tenants). */
export async function startConsoleWorld(options: { logger?: Logger; headless?: boolean; resend?: boolean; freeTier?: boolean } = {}): Promise<ConsoleWorld> {
  if (!consoleBuilt()) throw new Error('The admin console is not built: run `npm run build:console` (npm test does it first).');
  const emulator = await startEmulator();
  const logger = options.logger ?? pino({ level: 'silent' });
  const config = withDemoTenants(testConfig(), emulator.origin, { freeTier: options.freeTier ?? false });
  const resend = options.resend ? await createResendFeature({ config, logger }) : undefined;
  const portal = await startServer(
    { config, logger },
    { withConfig: () => (resend ? featureDeps(resend) : {}) },
  );
  resend?.worker.start();
  resend?.accessRequests.worker.start();
  // The portal apps' SPA redirect URI `<portal>/admin/` (kept across emulator.reset()).
  emulator.setPortalUrl(portal.url);
  const browser = await launchChromium({ emulatorPort: emulator.port, emulatorSpki: emulator.spki, headless: options.headless ?? true });
  return {
    emulator,
    portal,
    browser,
    ...(resend ? { resend } : {}),
    async close() {
      await browser.close();
      await portal.close();
      await resend?.close();
      await emulator.stop();
    },
  };
}

/**
 * On the emulator's sign-in page (reached through msal-browser's redirect): types the username (unless a login_hint
 * already chose the account), then the password or, for accounts without one, the passcode the emulator "emailed".
 */
export async function signInAtEmulator(page: Page, emulator: Emulator, username: string, password?: string): Promise<void> {
  await page.waitForURL(/^https:\/\/login\.microsoftonline\.com\//);
  const secret = page.locator('input[name=passwd]:visible, input[name=otc]:visible');
  const user = page.locator('input[name=loginfmt]:visible');
  await user.or(secret).first().waitFor();
  if (await user.count()) {
    await user.fill(username);
    await page.locator('#idSIButton9').click();
  }
  await secret.first().waitFor();
  if ((await secret.first().getAttribute('name')) === 'passwd') await secret.first().fill(password ?? '');
  else await secret.first().fill(emulator.lastOtp(username) ?? '');
  await page.locator('#idSIButton9').click();
}

/** Waits (real time, bounded) until `check` holds: the console's writes land through the worker in the background. */
export async function until(what: string, check: () => boolean | Promise<boolean>, ms = 20_000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
