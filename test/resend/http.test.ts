// The portal's POST /t/:tenant/resend with the real resend feature behind it: a pending guest, an accepted guest,
// a member and a stranger get byte-for-byte the same answer (but the request id), and only the pending guest
// gets an email.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../portal/app.ts';
import { createResendFeature, type ResendFeature } from '../../portal/resend/index.ts';
import { DEMO_PEOPLE, DEMO_TENANT } from '../emulator/demo-tenant.ts';
import { startEmulator, type Emulator } from '../emulator/index.ts';
import { drain, emailsTo, invitationPosts, portalConfig, silentLogger, testClock } from './support.ts';

let emulator: Emulator;
let feature: ResendFeature;
let server: Server;
let base: string;
let publicOrigin: string;
const clock = testClock();

beforeAll(async () => {
  emulator = await startEmulator();
  const config = portalConfig(emulator);
  feature = await createResendFeature({
    config,
    logger: silentLogger,
    now: clock.date,
    tuning: { sleep: clock.sleep, concurrency: 2, pollMs: 50_000, leaseMs: 3_600_000, budget: { calls: 1000, perMs: 1_000 } },
  });
  feature.worker.start();
  const app = createApp({ config, logger: silentLogger, resend: feature.service });
  server = createServer(app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  publicOrigin = new URL(config.publicBaseUrl).origin;
});
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  await feature.close();
  await emulator.stop();
});

const ADDRESSES = {
  pending: DEMO_PEOPLE.pendingOutlookGuest,
  accepted: DEMO_PEOPLE.acceptedGmailGuest,
  member: DEMO_PEOPLE.guestInviterMember,
  stranger: 'never.invited@example.org',
};
const IGNORED_HEADERS = new Set(['x-request-id', 'date', 'set-cookie']);

async function snapshot(res: Response): Promise<{ status: number; headers: Record<string, string>; body: string }> {
  const headers: Record<string, string> = {};
  res.headers.forEach((value, key) => {
    if (!IGNORED_HEADERS.has(key)) headers[key] = value;
  });
  return { status: res.status, headers, body: await res.text() };
}

function postJson(email: string): Promise<Response> {
  return fetch(`${base}/t/${DEMO_TENANT.domain}/resend`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json', origin: publicOrigin },
    body: JSON.stringify({ email }),
  });
}

async function postForm(email: string): Promise<Response> {
  const page = await fetch(`${base}/t/${DEMO_TENANT.domain}`);
  const html = await page.text();
  const cookie = page.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
  const token = /name="csrf" value="([^"]+)"/.exec(html)?.[1];
  if (!token) throw new Error('the tenant page offered no resend form');
  return fetch(`${base}/t/${DEMO_TENANT.domain}/resend`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html', cookie },
    body: new URLSearchParams({ email, csrf: token }).toString(),
    redirect: 'manual',
  });
}

describe('POST /t/:tenant/resend over HTTP', () => {
  it('a pending guest, an accepted guest, a member and a stranger get the same JSON answer; only the pending guest gets an email', async () => {
    const answers = [];
    for (const email of Object.values(ADDRESSES)) answers.push(await snapshot(await postJson(email)));
    expect(answers[0]!.status).toBe(202);
    for (const answer of answers.slice(1)) expect(answer).toEqual(answers[0]);

    await drain(feature.store, { clock, slots: 2 });
    expect(emailsTo(emulator, ADDRESSES.pending)).toBe(1);
    expect(emulator.outbox()).toHaveLength(1);
    expect(invitationPosts(emulator)).toBe(1);
  });

  it('the HTML form answers every valid address with the same page', async () => {
    const answers = [];
    for (const email of Object.values(ADDRESSES)) answers.push(await snapshot(await postForm(email)));
    expect(answers[0]!.status).toBe(202);
    for (const answer of answers.slice(1)) expect(answer).toEqual(answers[0]);
  });

  it('an address with + is refused with a 400 that explains why, and nothing is queued', async () => {
    await drain(feature.store, { clock, slots: 2 }); // the previous test's jobs must not move between the two counts
    const before = await feature.store.countJobs();
    const res = await postJson('jane+work@gmail.com');
    expect(res.status).toBe(400);
    expect(await res.text()).toMatch(/\+|plus/i);
    expect(await feature.store.countJobs()).toEqual(before);
  });
});
