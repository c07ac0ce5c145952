// Real Chromium for the browser suites: Debian's build, new headless, a fresh profile each time.
// Microsoft's host names resolve to the local emulator; only the emulator's own certificate (by SPKI pin)
// is accepted beyond the normal trust store, so TLS checking stays on for everything else.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';

export const MICROSOFT_HOSTS = ['login.microsoftonline.com', 'graph.microsoft.com', 'myapps.microsoft.com'] as const;

export function findChromium(): string {
  const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].filter(Boolean) as string[];
  const found = candidates.find((p) => existsSync(p));
  if (!found) throw new Error('Chromium not found: install it with `apt-get install -y chromium` or set CHROMIUM_PATH');
  return found;
}

export interface LaunchOptions {
  /** Port of the local emulator that answers for Microsoft's host names. */
  emulatorPort?: number;
  /** base64 SHA-256 of the emulator certificate's SubjectPublicKeyInfo. */
  emulatorSpki?: string;
  /** A built, unpacked extension folder to load. */
  extensionDir?: string;
  javaScriptEnabled?: boolean;
  locale?: string;
  /** Default true. false opens a visible window (needs a display), e.g. for `npm run try:extension`. */
  headless?: boolean;
  /** Use (and keep) this profile folder instead of a fresh temporary one: a browser restarted on the same profile. */
  profileDir?: string;
}

export interface LaunchedBrowser {
  context: BrowserContext;
  close(): Promise<void>;
}

export async function launchChromium(options: LaunchOptions = {}): Promise<LaunchedBrowser> {
  const profile = options.profileDir ?? mkdtempSync(join(tmpdir(), 'guestpass-chromium-'));
  const args = [
    ...(options.headless === false ? [] : ['--headless=new']),
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--disable-features=ExtensionDisableUnsupportedDeveloper',
  ];
  if (options.emulatorPort) {
    const rules = MICROSOFT_HOSTS.map((h) => `MAP ${h} 127.0.0.1:${options.emulatorPort}`).join(', ');
    args.push(`--host-resolver-rules=${rules}`);
  }
  if (options.emulatorSpki) args.push(`--ignore-certificate-errors-spki-list=${options.emulatorSpki}`);
  if (options.extensionDir) {
    args.push(`--disable-extensions-except=${options.extensionDir}`, `--load-extension=${options.extensionDir}`);
  }
  if (options.locale) args.push(`--lang=${options.locale}`);
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: findChromium(),
    headless: false, // new headless via the flag above: the old headless shell cannot load extensions
    args,
    javaScriptEnabled: options.javaScriptEnabled ?? true,
    locale: options.locale,
  });
  return {
    context,
    async close() {
      await context.close().catch(() => {});
      if (!options.profileDir) rmSync(profile, { recursive: true, force: true });
    },
  };
}
