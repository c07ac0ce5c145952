// `npm run try:console`: watch the admin console sign in on the demo tenant (a demo tool: it composes the emulator
// from test/, so it lives in demo/, outside the product's portal/).
// Builds the console if needed, starts the Entra emulator and the portal in demo configuration, and opens Chromium with
// Microsoft's host names answered by the emulator (msal-browser accepts only https authorities; this is how the
// browser trusts the emulator's certificate for those names, for this browser session only).
// Headed where DISPLAY exists (you sign in yourself: the passcodes are printed here); otherwise headless: the script
// plays the admin, writes screenshots and prints each step.
import { mkdirSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEMO_PEOPLE, DEMO_TENANT } from '../test/emulator/demo-tenant.ts';
import { signInAtEmulator, startConsoleWorld } from '../test/support/console-world.ts';
import { buildConsole, CONSOLE_DIST, consoleBuilt } from '../portal/console/build.ts';

const root = fileURLToPath(new URL('../portal/console/', import.meta.url));
/** Who signs in. */
const ADMIN = { username: DEMO_PEOPLE.guestInviterMember, password: undefined as string | undefined };

function newest(dir: string): number {
  return Math.max(...readdirSync(dir).map((name) => (statSync(join(dir, name)).isDirectory() ? newest(join(dir, name)) : statSync(join(dir, name)).mtimeMs)));
}
if (!consoleBuilt() || statSync(join(CONSOLE_DIST, 'index.html')).mtimeMs < newest(join(root, 'src'))) {
  console.log('Building the admin console…');
  await buildConsole();
}

const headed = Boolean(process.env.DISPLAY);
const world = await startConsoleWorld({ headless: !headed });
const { emulator, portal, browser } = world;
const start = `${portal.url}/admin/`;
console.log(`Portal:   ${portal.url} (demo tenants, Graph and sign-in at the emulator)`);
console.log(`Emulator: ${emulator.origin} (answers this browser as login.microsoftonline.com and graph.microsoft.com)`);
console.log(`Console:  ${start}`);
const page = await browser.context.newPage();
await page.goto(start);

const shutdown = async () => {
  await world.close();
};

if (headed) {
  console.log(`Pick "${DEMO_TENANT.displayName}", press "Sign in with Microsoft" and sign in as ${ADMIN.username}.`);
  console.log('Passcodes the emulator "emails" are printed here. Ctrl-C to stop.');
  let last = '';
  const timer = setInterval(() => {
    const otp = emulator.lastOtp(ADMIN.username);
    if (otp && otp !== last) console.log(`One-time passcode for ${ADMIN.username}: ${(last = otp)}`);
  }, 500);
  const stop = () => {
    clearInterval(timer);
    void shutdown().then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  browser.context.on('close', stop);
} else {
  const shots = join(root, '..', '..', '.cache', 'try-console');
  mkdirSync(shots, { recursive: true });
  let n = 0;
  const shot = async (name: string, what: string) => {
    const path = join(shots, `${++n}-${name}.png`);
    await page.screenshot({ path, fullPage: true });
    console.log(`${n}. ${what}\n   ${page.url()}\n   screenshot: ${path}`);
  };
  try {
    await page.getByRole('heading', { name: 'Which organisation do you administer?' }).waitFor();
    await shot('pick-organisation', 'The console asks which organisation you administer.');
    await page.getByRole('button', { name: DEMO_TENANT.displayName }).click();
    await page.getByRole('button', { name: 'Sign in with Microsoft' }).waitFor();
    await shot('sign-in', `${DEMO_TENANT.displayName}: sign in with Microsoft (msal-browser, redirect flow).`);
    await page.getByRole('button', { name: 'Sign in with Microsoft' }).click();
    await page.waitForURL(/^https:\/\/login\.microsoftonline\.com\//);
    await shot('entra-sign-in-page', "The tenant's own sign-in page (the emulator, as login.microsoftonline.com).");
    await signInAtEmulator(page, emulator, ADMIN.username, ADMIN.password);
    await page.waitForURL((url) => url.href.startsWith(`${portal.url}/admin/`));
    await page.locator('main h1').first().waitFor();
    await shot('console', `Back in the console, signed in as ${ADMIN.username}: "${await page.locator('main h1').first().textContent()}".`);
  } finally {
    await shutdown();
  }
}
