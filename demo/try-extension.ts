// `npm run try:extension`: watch the reroute against the demo tenant. A developer tool that composes the emulator
// with the built extension, so it lives in demo/ (like try-console.ts), not in extension/: product code never
// imports test/.
// Builds the extension if needed, starts the Entra emulator, opens Chromium with the built extension and the
// emulator answering for Microsoft's host names, with the demo tenant already known, at the common authorize URL.
// Headed where DISPLAY exists (type jane.doe@gmail.com, press Next); otherwise headless: the script plays the
// guest, writes screenshots and prints their paths.
import { existsSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEMO_PEOPLE, DEMO_TENANT } from '../test/emulator/demo-tenant.ts';
import { startEmulator } from '../test/emulator/index.ts';
import { launchChromium, type LaunchOptions } from '../test/support/browser.ts';
import { commonAuthorizeUrl, seed, submitUsername, until } from '../test/extension/browser/harness.ts';
import { completePasscode } from '../test/extension/browser/flows.ts';
import { buildExtension } from '../extension/build.ts';

const root = fileURLToPath(new URL('../extension/', import.meta.url));
const dist = join(root, 'dist');

function newestSource(dir: string): number {
  return Math.max(
    ...readdirSync(dir).map((name) => {
      const p = join(dir, name);
      return statSync(p).isDirectory() ? newestSource(p) : statSync(p).mtimeMs;
    }),
  );
}

const stale =
  !existsSync(join(dist, 'manifest.json')) ||
  statSync(join(dist, 'manifest.json')).mtimeMs < Math.max(newestSource(join(root, 'src')), newestSource(join(root, '_locales')));
if (stale) {
  console.log('Building the extension…');
  await buildExtension(['chrome']);
}

const headed = Boolean(process.env.DISPLAY);
const emu = await startEmulator();
const launch: LaunchOptions = { emulatorPort: emu.port, emulatorSpki: emu.spki, extensionDir: dist, headless: !headed };
const browser = await launchChromium(launch);
const worker = browser.context.serviceWorkers()[0] ?? (await browser.context.waitForEvent('serviceworker', { timeout: 10_000 }));
const ext = { browser, context: browser.context, worker, extensionId: new URL(worker.url()).host, close: () => browser.close() };
await seed(ext, { tenants: [{ value: DEMO_TENANT.domain, label: DEMO_TENANT.displayName }] });

const start = commonAuthorizeUrl();
const page = await browser.context.newPage();
await page.goto(start);
console.log(`Emulator: ${emu.origin} (answers as login.microsoftonline.com and myapps.microsoft.com)`);
console.log(`Known tenant: ${DEMO_TENANT.domain} · guest address: ${DEMO_PEOPLE.acceptedGmailGuest}`);
console.log(`Opened: ${start}`);

const shutdown = async () => {
  await browser.close();
  await emu.stop();
};

if (headed) {
  console.log(`Type ${DEMO_PEOPLE.acceptedGmailGuest} and press Next. Passcodes are printed here. Ctrl-C to stop.`);
  let last = '';
  const timer = setInterval(() => {
    const otp = emu.lastOtp(DEMO_PEOPLE.acceptedGmailGuest);
    if (otp && otp !== last) console.log(`One-time passcode for ${DEMO_PEOPLE.acceptedGmailGuest}: ${(last = otp)}`);
  }, 500);
  process.on('SIGINT', () => {
    clearInterval(timer);
    void shutdown().then(() => process.exit(0));
  });
  browser.context.on('close', () => {
    clearInterval(timer);
    void emu.stop().then(() => process.exit(0));
  });
} else {
  const shots = join(root, '..', '.cache', 'try-extension');
  mkdirSync(shots, { recursive: true });
  try {
    await submitUsername(page, DEMO_PEOPLE.acceptedGmailGuest);
    await until('the reroute', () => new URL(page.url()).pathname.startsWith(`/${DEMO_TENANT.domain}/`));
    const rerouted = join(shots, '1-rerouted-to-tenant.png');
    await page.screenshot({ path: rerouted });
    console.log(`Rerouted to: ${page.url()}`);
    console.log(`Screenshot: ${rerouted}`);
    await completePasscode(page, emu, DEMO_PEOPLE.acceptedGmailGuest);
    await until('the app', () => page.url().startsWith('https://myapps.microsoft.com/signin-oidc'));
    const done = join(shots, '2-signed-in.png');
    await page.screenshot({ path: done });
    console.log(`Signed in, back at the app: ${page.url()}`);
    console.log(`Screenshot: ${done}`);
  } finally {
    await shutdown();
  }
}
