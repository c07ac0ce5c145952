// Steps of the emulated Microsoft flow that a person does by hand.
import type { Page } from 'playwright-core';
import { until } from './harness.ts';

interface PasscodeSource {
  lastOtp(address: string): string | undefined;
}

/** At the tenant endpoint: press Next on the pre-filled username if asked, then type the emailed one-time passcode. */
export async function completePasscode(page: Page, emu: PasscodeSource, address: string): Promise<void> {
  const code = page.locator('input[name="otc"], #idTxtBx_OTC_Password, #codeEntry, input[autocomplete="one-time-code"]').first();
  const username = page.locator('input[name="loginfmt"], #usernameEntry').first();
  await until('the username or passcode step', async () => (await code.isVisible()) || (await username.isVisible()));
  if (!(await code.isVisible())) {
    if (!(await username.inputValue())) await username.fill(address);
    await page.locator('#idSIButton9, button[data-testid="primaryButton"]').first().click();
  }
  await code.waitFor({ state: 'visible', timeout: 10_000 });
  const otp = await until('the passcode email', () => emu.lastOtp(address));
  await code.fill(otp);
  await page.locator('#idSIButton9, button[data-testid="primaryButton"]').first().click();
}
