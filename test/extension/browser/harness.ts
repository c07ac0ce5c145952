// Real Chromium with the BUILT extension (extension/dist) and the emulator answering under Microsoft's host names.
// One emulator per test file; every scenario gets a fresh browser profile (launchChromium makes one).
import { fileURLToPath } from 'node:url';
import type { BrowserContext, CDPSession, Page, Worker } from 'playwright-core';
import { DEMO_WEB_APP } from '../../emulator/demo-tenant.ts';
import { launchChromium, type LaunchedBrowser } from '../../support/browser.ts';

export const EXTENSION_DIR = fileURLToPath(new URL('../../../extension/dist', import.meta.url));

export interface EmulatorHandle {
  port: number;
  spki: string;
}

export interface ExtensionBrowser {
  browser: LaunchedBrowser;
  context: BrowserContext;
  worker: Worker;
  extensionId: string;
  close(): Promise<void>;
}

/** The service worker: already there right after launch, or the event — with a timeout, never a hang. */
async function serviceWorker(context: BrowserContext): Promise<Worker> {
  const existing = context.serviceWorkers().find((w) => w.url().startsWith('chrome-extension://'));
  if (existing) return existing;
  return context.waitForEvent('serviceworker', { timeout: 10_000 });
}

export async function launchWithExtension(emu: EmulatorHandle, locale?: string, profileDir?: string): Promise<ExtensionBrowser> {
  const browser = await launchChromium({ emulatorPort: emu.port, emulatorSpki: emu.spki, extensionDir: EXTENSION_DIR, locale, profileDir });
  try {
    const worker = await serviceWorker(browser.context);
    return { browser, context: browser.context, worker, extensionId: new URL(worker.url()).host, close: () => browser.close() };
  } catch (error) {
    await browser.close();
    throw error;
  }
}

export interface SeedTenant {
  value: string;
  kind?: 'guid' | 'onmicrosoft' | 'domain';
  label?: string;
  portalUrl?: string;
}

/** Seed chrome.storage.local through the service worker (the same store the options page writes). */
export async function seed(ext: ExtensionBrowser, data: { tenants?: SeedTenant[]; mode?: 'automatic' | 'ask' | 'off' }): Promise<void> {
  const tenants = data.tenants?.map((t) => ({
    tenant: { kind: t.kind ?? (t.value.endsWith('.onmicrosoft.com') ? 'onmicrosoft' : 'domain'), value: t.value },
    label: t.label,
    portalUrl: t.portalUrl,
    source: 'manual',
    addedAt: 1,
  }));
  const items: Record<string, unknown> = {};
  if (tenants) items.tenants = tenants;
  if (data.mode) items.mode = data.mode;
  await ext.worker.evaluate((i) => chrome.storage.local.set(i), items);
}

export async function storedLocal(ext: ExtensionBrowser): Promise<Record<string, unknown>> {
  return ext.worker.evaluate(() => chrome.storage.local.get(null));
}

/** The common-endpoint authorize request a My Apps-like app sends (every parameter is checked after the reroute). */
export function commonAuthorizeUrl(extra: Record<string, string> = {}, authority = 'common'): string {
  const q = new URLSearchParams({
    client_id: DEMO_WEB_APP.clientId,
    redirect_uri: DEMO_WEB_APP.redirectUri,
    response_type: 'code',
    scope: 'openid profile',
    state: `st-${Math.random().toString(36).slice(2)}`,
    nonce: `no-${Math.random().toString(36).slice(2)}`,
    response_mode: 'query',
    ...extra,
  });
  return `https://login.microsoftonline.com/${authority}/oauth2/v2.0/authorize?${q}`;
}

/** Poll (waitForFunction is eval-based and fails under extension CSP). */
export async function until<T>(what: string, probe: () => Promise<T | undefined | false> | T | undefined | false, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value) return value;
    } catch (error) {
      last = error;
    }
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}${last ? `: ${String(last)}` : ''}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Type the address into whichever markup is served and press Next. */
export async function submitUsername(page: Page, address: string): Promise<void> {
  const input = page.locator('input[name="loginfmt"], #usernameEntry').first();
  await input.waitFor({ state: 'visible', timeout: 10_000 });
  await input.fill(address);
  await page.locator('#idSIButton9, button[data-testid="primaryButton"]').first().click();
}

export interface PanelView {
  text: string;
  buttons: string[];
  links: { text: string; href: string }[];
}

/**
 * Read the guestpass panel. It lives in a CLOSED shadow root that page scripts (and Playwright's selectors)
 * cannot enter; the DevTools protocol can (DOM.getDocument with pierce), which is what a test may use.
 */
export async function readPanel(page: Page): Promise<PanelView | undefined> {
  const cdp: CDPSession = await page.context().newCDPSession(page);
  try {
    const { root } = (await cdp.send('DOM.getDocument', { depth: -1, pierce: true })) as { root: CdpNode };
    const host = findNode(root, (n) => (n.attributes ?? []).includes('data-guestpass'));
    const shadow = host?.shadowRoots?.[0];
    if (!shadow) return undefined;
    const view: PanelView = { text: '', buttons: [], links: [] };
    const walk = (n: CdpNode) => {
      if (n.nodeName === 'STYLE') return;
      if (n.nodeType === 3) view.text += n.nodeValue;
      if (n.nodeName === 'BUTTON') view.buttons.push(textOf(n));
      if (n.nodeName === 'A') view.links.push({ text: textOf(n), href: attr(n, 'href') ?? '' });
      for (const c of n.children ?? []) walk(c);
    };
    walk(shadow);
    return view;
  } finally {
    await cdp.detach().catch(() => {});
  }
}

interface CdpNode {
  nodeType: number;
  nodeName: string;
  nodeValue: string;
  attributes?: string[];
  children?: CdpNode[];
  shadowRoots?: CdpNode[];
  contentDocument?: CdpNode;
}

function findNode(n: CdpNode, test: (n: CdpNode) => boolean): CdpNode | undefined {
  if (test(n)) return n;
  for (const c of [...(n.children ?? []), ...(n.shadowRoots ?? [])]) {
    const hit = findNode(c, test);
    if (hit) return hit;
  }
  return undefined;
}
const textOf = (n: CdpNode): string => (n.nodeType === 3 ? n.nodeValue : (n.children ?? []).map(textOf).join(''));
const attr = (n: CdpNode, name: string) => {
  const a = n.attributes ?? [];
  const i = a.indexOf(name);
  return i >= 0 && i % 2 === 0 ? a[i + 1] : undefined;
};

export const waitForPanel = (page: Page) => until('the guestpass panel', () => readPanel(page));

/** A person using the keyboard: the panel focuses its first choice; Tab moves on; Enter activates. */
export async function chooseWithKeyboard(page: Page, index: number): Promise<void> {
  for (let i = 0; i < index; i++) await page.keyboard.press('Tab');
  await page.keyboard.press('Enter');
}

export const pathOf = (url: string) => new URL(url).pathname;
