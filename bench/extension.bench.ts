// Extension benchmarks: how fast the reroute happens in a real browser, against the manual path, and how small
// the content script is.
//
// Method (reroute latency). Real Chromium with the BUILT extension; the emulator answers as
// login.microsoftonline.com. A main-world init script on the sign-in page stamps the moment the username error is
// inserted (MutationObserver, `performance.timeOrigin + performance.now()`, kept in the tab's sessionStorage so
// it survives the navigation). On the page that follows, the Navigation Timing entry gives when the request to
// the tenant endpoint was sent (`timeOrigin + requestStart`). Both stamps come from the same browser clock, so
// the difference is "error visible → request on its way to the tenant", with no Node polling in between.
// Each run uses a new tab (fresh per-tab attempt memory) and a new `state`; median of RUNS runs.
//
// Baseline (manual path, same run, same stamps). Microsoft's manual recovery is Sign-in options → Sign in to an
// organization → type the domain → Next → (tenant page) Use another account → retype the address. The emulator
// has no "Sign-in options" screens, so a scripted person does what it supports with the same amount of typing and
// page loads: types the host's domain (the "organization" box; the username field stands in), loads the tenant's
// sign-in URL (what Microsoft's redirect does), retypes the address and presses Next. Measured to the same
// point for both paths: the tenant's username request is answered (its passcode step appears). The script types
// at machine speed with no think time, so the baseline is a lower bound for a person.
import { gzipSync } from 'node:zlib';
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import type { BenchRow } from './row.ts';
import { startEmulator } from '../test/emulator/index.ts';
import { DEMO_PEOPLE, DEMO_TENANT } from '../test/emulator/demo-tenant.ts';
import { commonAuthorizeUrl, launchWithExtension, seed, submitUsername, until } from '../test/extension/browser/harness.ts';
import { buildExtension } from '../extension/build.ts';

const RUNS = 21;
const JANE = DEMO_PEOPLE.acceptedGmailGuest;
const PASSCODE = 'input[name="otc"], #idTxtBx_OTC_Password, #codeEntry, input[autocomplete="one-time-code"]';

/** Runs in the page's main world before its own scripts: stamps error insertion and passcode-step appearance. */
const STAMPS = `(() => {
  const now = () => performance.timeOrigin + performance.now();
  const mark = (k) => { if (!sessionStorage.getItem(k)) sessionStorage.setItem(k, String(now())); };
  new MutationObserver(() => {
    const e = document.querySelector('#usernameError, [role=alert]');
    if (e && e.textContent.trim() && location.pathname.startsWith('/common/') && !sessionStorage.getItem('bench.errorAt')) {
      mark('bench.errorAt');
      // Floor runs: the page itself navigates at the same instant, with no extension involved.
      const floor = sessionStorage.getItem('bench.floor');
      if (floor) location.replace(floor);
    }
    if (document.querySelector(${JSON.stringify(PASSCODE)})) mark('bench.passcodeAt');
  }).observe(document, { childList: true, subtree: true, characterData: true, attributes: true });
})();`;

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};

async function stamps(page: Page) {
  return page.evaluate(() => {
    const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming | undefined;
    return {
      errorAt: Number(sessionStorage.getItem('bench.errorAt')),
      passcodeAt: Number(sessionStorage.getItem('bench.passcodeAt')) || undefined,
      requestAt: nav ? performance.timeOrigin + nav.requestStart : undefined,
    };
  });
}

async function pressNextIfAsked(page: Page) {
  const username = page.locator('input[name="loginfmt"], #usernameEntry').first();
  await until('the username or passcode step', async () => (await page.locator(PASSCODE).first().isVisible()) || (await username.isVisible()));
  if (!(await page.locator(PASSCODE).first().isVisible())) {
    if (!(await username.inputValue())) await username.fill(JANE);
    await page.locator('#idSIButton9, button[data-testid="primaryButton"]').first().click();
  }
  await page.locator(PASSCODE).first().waitFor({ state: 'visible', timeout: 10_000 });
}

export default async function bench(): Promise<BenchRow[]> {
  await buildExtension(['chrome']);
  const emu = await startEmulator();
  const ext = await launchWithExtension(emu);
  await ext.context.addInitScript(STAMPS);
  const auto = { request: [] as number[], passcode: [] as number[] };
  const manual = { request: [] as number[], passcode: [] as number[] };
  const floor: number[] = [];
  try {
    // Extension on, demo tenant known.
    await seed(ext, { tenants: [{ value: DEMO_TENANT.domain }], mode: 'automatic' });
    for (let i = 0; i < RUNS; i++) {
      const page = await ext.context.newPage();
      await page.goto(commonAuthorizeUrl());
      await submitUsername(page, JANE);
      await until('the reroute', () => new URL(page.url()).pathname.startsWith(`/${DEMO_TENANT.domain}/`));
      await page.waitForLoadState('domcontentloaded');
      const s = await stamps(page);
      if (s.requestAt && s.errorAt) auto.request.push(s.requestAt - s.errorAt);
      await pressNextIfAsked(page);
      const p = await stamps(page);
      if (p.passcodeAt && p.errorAt) auto.passcode.push(p.passcodeAt - p.errorAt);
      await page.close();
      emu.reset();
      await seed(ext, { tenants: [{ value: DEMO_TENANT.domain }], mode: 'automatic' });
    }
    // Manual path: the extension is switched off (mode off) so the person is on their own.
    await seed(ext, { mode: 'off' });
    // Floor: the browser's own cost of that navigation, started by the page at the moment of the error.
    for (let i = 0; i < RUNS; i++) {
      const page = await ext.context.newPage();
      const start = commonAuthorizeUrl();
      await page.goto(start);
      const target = `${start.replace('/common/', `/${DEMO_TENANT.domain}/`)}&login_hint=${encodeURIComponent(JANE)}`;
      await page.evaluate((t) => sessionStorage.setItem('bench.floor', t), target);
      await submitUsername(page, JANE);
      await until('the floor navigation', () => new URL(page.url()).pathname.startsWith(`/${DEMO_TENANT.domain}/`));
      await page.waitForLoadState('domcontentloaded');
      const s = await stamps(page);
      if (s.requestAt && s.errorAt) floor.push(s.requestAt - s.errorAt);
      await page.close();
    }
    for (let i = 0; i < RUNS; i++) {
      const page = await ext.context.newPage();
      const start = commonAuthorizeUrl();
      await page.goto(start);
      await submitUsername(page, JANE);
      await until('the error', async () => (await stamps(page)).errorAt > 0);
      const input = page.locator('input[name="loginfmt"], #usernameEntry').first();
      await input.fill('');
      await input.pressSequentially(DEMO_TENANT.domain); // "Sign in to an organization": type the domain
      const tenantUrl = start.replace('/common/', `/${DEMO_TENANT.domain}/`);
      await page.goto(tenantUrl); // Microsoft's redirect to the tenant endpoint
      const s = await stamps(page);
      if (s.requestAt && s.errorAt) manual.request.push(s.requestAt - s.errorAt);
      const again = page.locator('input[name="loginfmt"], #usernameEntry').first();
      await again.waitFor({ state: 'visible' });
      await again.fill('');
      await again.pressSequentially(JANE); // "Use another account": retype the address
      await page.locator('#idSIButton9, button[data-testid="primaryButton"]').first().click();
      await page.locator(PASSCODE).first().waitFor({ state: 'visible', timeout: 10_000 });
      const p = await stamps(page);
      if (p.passcodeAt && p.errorAt) manual.passcode.push(p.passcodeAt - p.errorAt);
      await page.close();
      emu.reset();
    }
  } finally {
    await ext.close();
    await emu.stop();
  }

  const gz = gzipSync(readFileSync(new URL('../extension/dist/src/content-script/signin.iife.js', import.meta.url))).length / 1024;
  const autoReq = median(auto.request);
  const manReq = median(manual.request);
  const autoPass = median(auto.passcode);
  const manPass = median(manual.passcode);
  return [
    {
      measure: `extension: username error shown → request sent to the tenant endpoint (median of ${auto.request.length})`,
      value: round(autoReq),
      unit: 'ms',
      baseline: { label: 'scripted manual path (type domain, load tenant URL)', value: round(manReq) },
      ratio: round(manReq / autoReq),
      goal: '≤ 16 ms (ratio = baseline / value, higher is better)',
      met: autoReq <= 16,
    },
    {
      measure: `browser floor: the same navigation started by the page itself at the error (median of ${floor.length})`,
      value: round(median(floor)),
      unit: 'ms',
      goal: 'reference: the part of the first row the extension cannot remove',
    },
    {
      measure: `extension: username error shown → passcode step at the tenant (median of ${auto.passcode.length})`,
      value: round(autoPass),
      unit: 'ms',
      baseline: { label: 'scripted manual path (type domain, tenant page, retype address, Next)', value: round(manPass) },
      ratio: round(manPass / autoPass),
      goal: 'faster than the manual path (ratio = baseline / value > 1)',
      met: autoPass < manPass,
    },
    {
      measure: 'extension: sign-in content script size (gzip)',
      value: round(gz),
      unit: 'KB',
      goal: '≤ 2 KB',
      met: gz <= 2,
    },
  ];
}

const round = (x: number) => Math.round(x * 100) / 100;
