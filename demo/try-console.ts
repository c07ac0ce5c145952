// `npm run try:console`: watch the admin console sign in on the demo tenant (a demo tool: it composes the emulator
// from test/, so it lives in demo/, outside the product's portal/).
// Builds the console if needed, starts the Entra emulator and the portal in demo configuration, and opens Chromium with
// Microsoft's host names answered by the emulator (msal-browser accepts only https authorities; this is how the
// browser trusts the emulator's certificate for those names, for this browser session only).
// Headed where DISPLAY exists (you sign in yourself: the demo passwords are printed here); otherwise headless: the script
// plays the admin, writes screenshots and prints each step.
import { mkdirSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEMO_CONSOLE_USERS, DEMO_TENANT } from '../test/emulator/demo-tenant.ts';
import { signInAtEmulator, startConsoleWorld } from '../test/support/console-world.ts';
import { buildConsole, CONSOLE_DIST, consoleBuilt } from '../portal/console/build.ts';

const root = fileURLToPath(new URL('../portal/console/', import.meta.url));
/** Who signs in: the demo tenant's admin (Guestpass.Admin), with the emulated directory's demo password. */
const ADMIN = DEMO_CONSOLE_USERS.admin;

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
  console.log(`Pick "${DEMO_TENANT.displayName}", press "Sign in with Microsoft" and sign in as ${ADMIN.username}, password ${ADMIN.password}.`);
  console.log(`Without the role: ${DEMO_CONSOLE_USERS.member.username} / ${DEMO_CONSOLE_USERS.member.password}. Ctrl-C to stop.`);
  const stop = () => void shutdown().then(() => process.exit(0));
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
    await page.locator('table.guests tbody tr[data-guest]').first().waitFor();
    await shot('guests', `Back in the console, signed in as ${ADMIN.username}: the pending guests, read from Graph with the admin's token.`);
    await page.getByRole('link', { name: 'Share links' }).click();
    await page.getByRole('img', { name: 'QR code of the My Apps link' }).waitFor();
    await shot('share-links', 'Share links: every catalogue link of the tenant, with copy buttons, QR codes and an email text.');
  } finally {
    await shutdown();
  }
}
