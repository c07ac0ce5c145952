// Real Firefox (Debian's firefox-esr) with the BUILT Firefox extension, driven by puppeteer-core over WebDriver
// BiDi — the recipe of the toolchain reference ("Firefox"). Firefox has no --host-resolver-rules: the pref
// network.dns.forceResolve sends every host name to 127.0.0.1, so the emulator must listen on port 443 (only the
// Firefox test and bench do; port 443 is exclusive, run them one at a time). Firefox's own background services are
// switched off so that their requests do not reach the emulator. The emulator's certificate is accepted for this
// browser session only (acceptInsecureCerts), never globally.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import puppeteer, { type Browser } from 'puppeteer-core';
import { startEmulator, type Emulator, type StartEmulatorOptions } from '../emulator/index.ts';

export const FIREFOX_EXTENSION_DIR = fileURLToPath(new URL('../../extension/dist-firefox', import.meta.url));
/** Firefox reaches the emulator only on the default HTTPS port. */
export const FIREFOX_EMULATOR_PORT = 443;

/**
 * The emulator on port 443. Port 443 is one per machine: when another run (another worktree's `npm test`, or the
 * Firefox bench) holds it, wait for it to be free instead of failing — that is what serialises the Firefox runs.
 */
export async function startEmulatorOn443(options: Omit<StartEmulatorOptions, 'port'> = {}, waitMs = 10 * 60_000): Promise<Emulator> {
  const deadline = Date.now() + waitMs;
  for (;;) {
    try {
      return await startEmulator({ ...options, port: FIREFOX_EMULATOR_PORT });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE' || Date.now() > deadline) throw error;
      await new Promise((r) => setTimeout(r, 1_000));
    }
  }
}

export function findFirefox(): string {
  // FIREFOX_PATH, when set, is the only candidate: a wrong path is an error, not a silent fallback.
  const candidates = process.env.FIREFOX_PATH ? [process.env.FIREFOX_PATH] : ['/usr/bin/firefox-esr', '/usr/bin/firefox'];
  const found = candidates.find((p) => existsSync(p));
  if (!found) throw new Error('Firefox not found: install it with `apt-get install -y firefox-esr` or set FIREFOX_PATH');
  return found;
}

/** Everything Firefox would fetch on its own (updates, telemetry, remote settings, captive portal…) switched off. */
const QUIET_PREFS: Record<string, unknown> = {
  'xpinstall.signatures.required': false, // a temporary, unsigned add-on
  'extensions.originControls.grantByDefault': true, // MV3 host permissions granted without a click
  'network.dns.forceResolve': '127.0.0.1',
  'network.trr.mode': 5,
  'network.captive-portal-service.enabled': false,
  'network.connectivity-service.enabled': false,
  'captivedetect.canonicalURL': '',
  'network.http.speculative-parallel-limit': 0,
  'network.prefetch-next': false,
  'network.dns.disablePrefetch': true,
  'app.update.enabled': false,
  'app.update.auto': false,
  'app.normandy.enabled': false,
  'app.shield.optoutstudies.enabled': false,
  'extensions.update.enabled': false,
  'extensions.getAddons.cache.enabled': false,
  'extensions.blocklist.enabled': false,
  'extensions.systemAddon.update.enabled': false,
  'services.settings.server': 'https://127.0.0.1:9/v1', // an unreachable port: remote settings never reach the emulator
  'datareporting.healthreport.uploadEnabled': false,
  'datareporting.policy.dataSubmissionEnabled': false,
  'toolkit.telemetry.enabled': false,
  'toolkit.telemetry.unified': false,
  'toolkit.telemetry.server': 'data:,',
  'browser.ping-centre.telemetry': false,
  'browser.safebrowsing.malware.enabled': false,
  'browser.safebrowsing.phishing.enabled': false,
  'browser.safebrowsing.downloads.enabled': false,
  'browser.safebrowsing.provider.mozilla.updateURL': '',
  'browser.region.update.enabled': false,
  'browser.region.network.url': '',
  'browser.search.update': false,
  'browser.newtabpage.enabled': false,
  'browser.newtabpage.activity-stream.feeds.system.topsites': false,
  'browser.newtabpage.activity-stream.feeds.section.topstories': false,
  'browser.startup.homepage': 'about:blank',
  'browser.startup.page': 0,
  'media.gmp-manager.updateEnabled': false,
  'media.gmp-gmpopenh264.enabled': false,
  'security.OCSP.enabled': 0,
  'security.remote_settings.crlite_filters.enabled': false,
  'security.remote_settings.intermediates.enabled': false,
  'identity.fxaccounts.enabled': false,
};

export interface LaunchedFirefox {
  browser: Browser;
  addonId: string;
  close(): Promise<void>;
}

/** Launches headless Firefox with the built Firefox extension installed as a temporary add-on. */
export async function launchFirefoxWithExtension(
  /** extensionDir null: Firefox without the extension (a bench's floor); addonId is then ''. */
  options: { extensionDir?: string | null; extraPrefs?: Record<string, unknown> } = {},
): Promise<LaunchedFirefox> {
  const profile = mkdtempSync(join(tmpdir(), 'guestpass-firefox-'));
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: findFirefox(),
    headless: true,
    userDataDir: profile,
    acceptInsecureCerts: true,
    extraPrefsFirefox: { ...QUIET_PREFS, ...options.extraPrefs },
    // Release builds ignore services.settings.server unless this is set; without it remote settings would poll the
    // emulator (every host name resolves to it).
    env: { ...process.env, MOZ_REMOTE_SETTINGS_DEVTOOLS: '1' },
  });
  const close = async () => {
    await browser.close().catch(() => {});
    rmSync(profile, { recursive: true, force: true });
  };
  try {
    const addonId = options.extensionDir === null ? '' : await browser.installExtension(options.extensionDir ?? FIREFOX_EXTENSION_DIR);
    return { browser, addonId, close };
  } catch (error) {
    await close();
    throw error;
  }
}
