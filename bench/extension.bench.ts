// Extension benchmarks: what a sign-in page feels of the content script (main-thread time, long tasks), how fast the
// reroute happens in a real browser against the manual path and the browser's own floor, and the same right after a
// browser start. The content script's gzip size is given as information.
//
// Method (main-thread time). A Chromium performance trace (CDP Tracing, the DevTools timeline categories) of one
// sign-in page from navigation until the reroute: every trace slice attributed to the content script's URL
// (its evaluation at document_start, each MutationObserver callback while the page's own script builds the body,
// the callback that sees the error and navigates) is summed, nested slices counted once. The page is served as the
// real-behaviour reference describes it (empty hidden body, built by script after load, then rendered in further
// steps; the error node inserted after Next, marked in the trace). Times are thread (CPU) time, so a busy machine does
// not inflate them; a long task is a slice of 50 ms or more. Median of TRACE_RUNS. The breakdown rows split it by
// what ran the script: its evaluation, observer callbacks (and the worker's answer), the guest's own events. The
// compile is counted cold, as it is for a guest: each traced page opens in a new tab, so a new renderer process (as a
// sign-in page reached from another site gets, site isolation); V8's in-process cache only serves that process's next
// page (the tenant page's compile in the same trace: ≈ 0.04 ms against ≈ 0.5 ms).
//
// Method (after a browser start). A profile that has run once (so the last policy seen is cached), closed, and the
// browser started again on it: the first sign-in page opened at once; error shown → request at the tenant, as below.
//
// Method (reroute latency). Real Chromium with the BUILT extension; the emulator answers as
// login.microsoftonline.com. A main-world init script on the sign-in page stamps the moment the username error is
// inserted (MutationObserver, `performance.timeOrigin + performance.now()`, kept in the tab's sessionStorage so
// it survives the navigation). On the page that follows, the Navigation Timing entry gives when the request to
// the tenant endpoint was sent (`timeOrigin + requestStart`). Both stamps come from the same browser clock, so
// the difference is "error visible → request on its way to the tenant", with no Node polling in between.
// Each run uses a new tab (fresh per-tab sign-in memory) and a new `state`; median of RUNS runs.
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
import { commonAuthorizeUrl, launchWithExtension, seed, storedLocal, submitUsername, until, type ExtensionBrowser } from '../test/extension/browser/harness.ts';
import { livePage, REAL_TEXT } from '../test/fixtures/signin/real-pages.ts';
import { buildExtension } from '../extension/build.ts';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const RUNS = 21;
const TRACE_RUNS = 11;
const RESTART_RUNS = 5;
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


interface TraceEvent {
  name: string;
  ph: string;
  ts: number;
  dur?: number;
  /** Thread (CPU) time of the slice: what the page's main thread spent, whatever else the machine was doing. */
  tdur?: number;
  pid: number;
  tid: number;
  args?: { data?: { url?: string; message?: string; type?: string; stackTrace?: { url?: string }[] } };
}

/** Where the content script's time before the error goes (ms, and how many top-level slices). */
interface TimeParts {
  /** Compiling and running the script at document_start (the question to the service worker included). */
  evaluation: number;
  /** MutationObserver callbacks while the page builds itself, and the worker's answer arriving. */
  observer: number;
  observerSlices: number;
  /** Handlers of the guest's own input, click and submit events (what the guest did is reported to the worker). */
  events: number;
}

const TRACE_CATEGORIES = ['devtools.timeline', 'v8.execute', 'disabled-by-default-devtools.timeline', 'toplevel'];

/** Trace one page's life: start before navigating, run `drive`, stop; every complete event comes back. */
async function tracePage(page: Page, drive: () => Promise<void>): Promise<TraceEvent[]> {
  const cdp = await page.context().newCDPSession(page);
  const events: TraceEvent[] = [];
  cdp.on('Tracing.dataCollected', (e) => void events.push(...(e.value as unknown as TraceEvent[])));
  const done = new Promise<void>((resolve) => cdp.once('Tracing.tracingComplete', () => resolve()));
  await cdp.send('Tracing.start', { traceConfig: { includedCategories: TRACE_CATEGORIES }, transferMode: 'ReportEvents' });
  await drive();
  await cdp.send('Tracing.end');
  await done;
  await cdp.detach().catch(() => {});
  return events;
}

/**
 * Main-thread (thread CPU) time of the content script on the first document of the trace, split at the page's
 * "error shown" mark: `before` = document_start → error shown (its evaluation, every MutationObserver callback while
 * the page builds itself, the click handler); `acting` = the callback that sees the error and navigates (the
 * navigation call included). Nested slices are merged so nothing counts twice.
 */
export function contentScriptTime(
  events: TraceEvent[],
  scriptUrl: string,
): { ms: number; actingMs: number; longTasks: number; slices: number; parts: TimeParts } {
  const ours = events.filter((e) => e.ph === 'X' && (e.dur ?? 0) > 0 && (e.args?.data?.url === scriptUrl || e.args?.data?.stackTrace?.[0]?.url === scriptUrl));
  const evaluations = ours.filter((e) => e.name === 'EvaluateScript').map((e) => e.ts).sort((a, b) => a - b);
  const cut = evaluations[1] ?? Infinity; // the tenant page runs the script again: not part of this page
  const shownAt = events.find((e) => e.name === 'TimeStamp' && e.args?.data?.message === 'guestpass:error-shown')?.ts ?? Infinity;
  const slices = ours.filter((e) => e.ts < cut).sort((a, b) => a.ts - b.ts);
  const sum = (list: TraceEvent[]) => {
    let total = 0;
    let end = -Infinity;
    for (const e of list) {
      if (e.ts >= end) {
        total += e.tdur ?? e.dur!;
        end = e.ts + e.dur!;
      }
    }
    return total / 1000;
  };
  // The breakdown: each top-level slice before the error, by what ran it (an event the guest caused, or not).
  const before = slices.filter((e) => e.ts < shownAt);
  const dispatches = events.filter((e) => e.ph === 'X' && e.name === 'EventDispatch');
  const inEvent = (e: TraceEvent) => dispatches.some((d) => d.tid === e.tid && d.pid === e.pid && d.ts <= e.ts && d.ts + d.dur! >= e.ts + e.dur!);
  const parts: TimeParts = { evaluation: 0, observer: 0, observerSlices: 0, events: 0 };
  let partEnd = -Infinity;
  for (const e of before) {
    if (e.ts < partEnd) continue; // nested in one already counted
    partEnd = e.ts + e.dur!;
    const ms = (e.tdur ?? e.dur!) / 1000;
    if (e.name === 'EvaluateScript') parts.evaluation += ms;
    else if (inEvent(e)) parts.events += ms;
    else {
      parts.observer += ms;
      parts.observerSlices++;
    }
  }
  return {
    parts,
    ms: sum(before),
    actingMs: sum(slices.filter((e) => e.ts >= shownAt)),
    longTasks: slices.filter((e) => (e.tdur ?? e.dur!) >= 50_000).length,
    slices: slices.length,
  };
}

/** Error shown → request at the tenant on one page of `ext` (stamps as for the main latency row). */
async function rerouteLatency(ext: ExtensionBrowser): Promise<number | undefined> {
  const page = await ext.context.newPage();
  await page.goto(commonAuthorizeUrl());
  await submitUsername(page, JANE);
  await until('the reroute', () => new URL(page.url()).pathname.startsWith(`/${DEMO_TENANT.domain}/`), 20_000);
  await page.waitForLoadState('domcontentloaded');
  const s = await stamps(page);
  await page.close();
  return s.requestAt && s.errorAt ? s.requestAt - s.errorAt : undefined;
}

export default async function bench(): Promise<BenchRow[]> {
  await buildExtension(['chrome']);
  const emu = await startEmulator();
  const ext = await launchWithExtension(emu);
  await ext.context.addInitScript(STAMPS);
  const auto = { request: [] as number[], passcode: [] as number[] };
  const manual = { request: [] as number[], passcode: [] as number[] };
  const floor: number[] = [];
  const trace: ReturnType<typeof contentScriptTime>[] = [];
  const restart: number[] = [];
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
    // Main-thread time on a page served as the reference describes it.
    await seed(ext, { tenants: [{ value: DEMO_TENANT.domain }], mode: 'automatic' });
    const served = livePage({ buildAfterMs: 50, errorAfterMs: 120, errorFor: { consumer: REAL_TEXT.notFoundHtml, entra: REAL_TEXT.mayBeIncorrect }, entraDomains: [], extraSteps: 40 });
    await ext.context.route((u) => u.href.startsWith('https://login.microsoftonline.com/common/'), (route) => route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: served }));
    const scriptUrl = `chrome-extension://${ext.extensionId}/src/content-script/signin.iife.js`;
    for (let i = 0; i < TRACE_RUNS; i++) {
      const page = await ext.context.newPage();
      const events = await tracePage(page, async () => {
        await page.goto(commonAuthorizeUrl());
        await submitUsername(page, JANE);
        await until('the reroute', () => new URL(page.url()).pathname.startsWith(`/${DEMO_TENANT.domain}/`));
        await page.waitForLoadState('domcontentloaded');
      });
      const t = contentScriptTime(events, scriptUrl);
      if (t.slices > 0) trace.push(t);
      await page.close();
    }
    await ext.context.unroute((u) => u.href.startsWith('https://login.microsoftonline.com/common/'));
  } finally {
    await ext.close();
  }

  // The first sign-in page right after a browser start, on a profile that has run before.
  try {
    const profile = mkdtempSync(join(tmpdir(), 'guestpass-bench-profile-'));
    try {
      const first = await launchWithExtension(emu, undefined, profile);
      await first.context.addInitScript(STAMPS);
      await seed(first, { tenants: [{ value: DEMO_TENANT.domain }], mode: 'automatic' });
      await until('the policy cache', async () => (await storedLocal(first)).policyCache !== undefined, 20_000);
      await first.close();
      for (let i = 0; i < RESTART_RUNS; i++) {
        const again = await launchWithExtension(emu, undefined, profile);
        await again.context.addInitScript(STAMPS);
        const ms = await rerouteLatency(again).catch(() => undefined);
        if (ms !== undefined) restart.push(ms);
        await again.close();
        emu.reset();
      }
    } finally {
      rmSync(profile, { recursive: true, force: true });
    }
  } finally {
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
      measure: `extension: content script main-thread time, document_start → error shown, observer callbacks included (Chromium trace, thread time, median of ${trace.length})`,
      value: round(median(trace.map((t) => t.ms))),
      unit: 'ms',
      goal: '≤ 1 ms, 0 long tasks',
      met: median(trace.map((t) => t.ms)) <= 1 && trace.every((t) => t.longTasks === 0),
    },
    {
      measure: `  of which: compiling and running the script at document_start, the question to the service worker included (median of ${trace.length})`,
      value: round(median(trace.map((t) => t.parts.evaluation))),
      unit: 'ms',
      goal: 'information (the breakdown of the row above)',
    },
    {
      measure: `  of which: ${median(trace.map((t) => t.parts.observerSlices))} MutationObserver callbacks while the page builds itself, and the worker's answer (median of ${trace.length})`,
      value: round(median(trace.map((t) => t.parts.observer))),
      unit: 'ms',
      goal: 'information (the breakdown of the row above)',
    },
    {
      measure: `  of which: the guest's input, click and submit handlers, reporting "typed" to the worker (median of ${trace.length})`,
      value: round(median(trace.map((t) => t.parts.events))),
      unit: 'ms',
      goal: 'information (the breakdown of the row above)',
    },
    {
      measure: `extension: content script main-thread time in the callback that sees the error and navigates (median of ${trace.length})`,
      value: round(median(trace.map((t) => t.actingMs))),
      unit: 'ms',
      goal: 'information: classify, plan look-up and the navigation call (the browser floor row holds the rest)',
    },
    {
      measure: `extension: long tasks (≥ 50 ms) caused by the content script, all traced pages (${trace.reduce((n, t) => n + t.slices, 0)} slices)`,
      value: trace.reduce((n, t) => n + t.longTasks, 0),
      unit: 'tasks',
      goal: '0',
      met: trace.every((t) => t.longTasks === 0),
    },
    {
      measure: `extension: first sign-in page right after a browser start, error shown → request at the tenant (median of ${restart.length})`,
      value: round(median(restart)),
      unit: 'ms',
      baseline: { label: 'the same on a running browser (first row)', value: round(autoReq) },
      ratio: round(median(restart) / autoReq),
      goal: 'close to a running browser: the policy store (≈ 3 s on first read) is not waited for',
    },
    {
      measure: 'extension: sign-in content script size (gzip), for information',
      value: round(gz),
      unit: 'KB',
    },
  ];
}

const round = (x: number) => Math.round(x * 100) / 100;
