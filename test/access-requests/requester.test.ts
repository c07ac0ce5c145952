// "Not invited yet? Ask for access" over HTTP with the real worker behind it: every valid request gets the same
// answer whoever asks, nothing is looked up while the requester waits, and the worker does what each case needs.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PEOPLE, DEMO_TENANT } from '../emulator/demo-tenant.ts';
import { emailsTo } from '../resend/support.ts';
import { askForm, askJson, snapshot, startRequestWorld, T, type RequestWorld } from './support.ts';

let world: RequestWorld;
const BLOCKED = 'someone@spam-domain.example';

beforeAll(async () => {
  world = await startRequestWorld({ settings: { policy: { blockedDomains: ['spam-domain.example'] } } });
});
afterAll(async () => world?.close());

const ADDRESSES = {
  new: 'new.person@example.org',
  pending: DEMO_PEOPLE.pendingOutlookGuest,
  accepted: DEMO_PEOPLE.acceptedGmailGuest,
  blocked: BLOCKED,
};

const pendingRequests = async () => (await world.feature.accessRequests.list(world.config.tenants[0]!, ['pending'])).map((r) => r.address);

describe('asking for access', () => {
  it('the tenant page offers "Ask for access", and the form works with JavaScript off (a plain form post)', async () => {
    const page = await (await fetch(`${world.portal.url}/t/${T}`)).text();
    expect(page).toContain(`href="/t/${T}/request"`);
    const form = await fetch(`${world.portal.url}/t/${T}/request`);
    const html = await form.text();
    expect(form.status).toBe(200);
    expect(html).toMatch(/<form method="post" action="\/t\/[^"]+\/request"/);
    for (const field of ['email', 'name', 'organisation', 'reason', 'sponsor']) expect(html).toContain(`name="${field}"`);
    expect(html).not.toMatch(/<script/i);
    expect(html).toMatch(/deleted 30 days after the decision or expiry/);
  });

  it('new, pending, accepted and blocked addresses get the same status, body and headers (but the request id), as JSON and as a form', async () => {
    const json = [];
    for (const email of Object.values(ADDRESSES)) json.push(await snapshot(await askJson(world, { email })));
    expect(json[0]!.status).toBe(202);
    for (const answer of json.slice(1)) expect(answer).toEqual(json[0]);
    expect(json[0]!.body).toMatch(/spam or junk folder/);
    expect(json[0]!.body).toMatch(/invites@microsoft\.com/);

    const forms = [];
    for (const email of Object.values(ADDRESSES)) forms.push(await snapshot(await askForm(world, { email })));
    expect(forms[0]!.status).toBe(202);
    for (const answer of forms.slice(1)) expect(answer).toEqual(forms[0]);
    expect(forms[0]!.body).toMatch(/Microsoft Invitations/);
  });

  it('afterwards: the pending guest got their invitation again (once, in the resend window); the new address waits for an approver; accepted and blocked got nothing', async () => {
    await world.settle();
    expect(emailsTo(world.emulator, ADDRESSES.pending)).toBe(1);
    expect(emailsTo(world.emulator, ADDRESSES.accepted)).toBe(0);
    expect(emailsTo(world.emulator, ADDRESSES.blocked)).toBe(0);
    expect(emailsTo(world.emulator, ADDRESSES.new)).toBe(0);
    expect(await pendingRequests()).toEqual([ADDRESSES.new]);
    const all = await world.feature.accessRequests.list(world.config.tenants[0]!);
    const outcome = (email: string) => all.filter((r) => r.address === email).map((r) => `${r.state}:${r.outcome ?? ''}`);
    expect(outcome(ADDRESSES.blocked)).toEqual(['dropped:blocked-domain', 'dropped:blocked-domain']);
    expect(outcome(ADDRESSES.accepted)).toEqual(['dropped:already-accepted', 'dropped:already-accepted']);
    expect(outcome(ADDRESSES.pending)).toEqual(['resent:resend-queued', 'resent:resend-queued']);
  });

  it('the same person asking three times is one request (asked 3 times), counted on the first', async () => {
    const email = 'thrice@example.net';
    for (const spelling of [email, email.toUpperCase(), email]) expect((await askJson(world, { email: spelling })).status).toBe(202);
    await world.settle();
    const open = (await world.feature.accessRequests.list(world.config.tenants[0]!, ['pending'])).filter((r) => r.address === email);
    expect(open).toHaveLength(1);
    expect(open[0]!.asks).toBe(3);
  });

  it('a bad address, a missing reason or a bad sponsor is answered 400 with the form again, what was typed kept, and nothing stored', async () => {
    const before = (await world.feature.accessRequests.list(world.config.tenants[0]!)).length;
    const plus = await askForm(world, { email: 'jane+work@gmail.com', name: 'Jane <b>' });
    expect(plus.status).toBe(400);
    const html = await plus.text();
    expect(html).toMatch(/\+/);
    expect(html).toContain('value="Jane &lt;b>"');
    expect((await askForm(world, { email: 'ok@example.org', reason: '   ' })).status).toBe(400);
    const sponsor = await askJson(world, { email: 'ok@example.org', sponsor: 'not-an-address' });
    expect(sponsor.status).toBe(400);
    expect(((await sponsor.json()) as { field: string }).field).toBe('sponsor');
    expect((await askJson(world, { email: 'ok@example.org', reason: 'x'.repeat(1001) })).status).toBe(400);
    await world.settle();
    expect((await world.feature.accessRequests.list(world.config.tenants[0]!)).length).toBe(before);
  });

  it('a form without its token is refused (403), JSON from another origin too, and nothing is stored', async () => {
    const before = (await world.feature.accessRequests.list(world.config.tenants[0]!)).length;
    const noToken = await fetch(`${world.portal.url}/t/${T}/request`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ email: 'x@example.org', name: 'X', reason: 'y' }).toString(),
    });
    expect(noToken.status).toBe(403);
    expect((await askJson(world, { email: 'x@example.org' }, { origin: 'https://evil.example' })).status).toBe(403);
    expect((await world.feature.accessRequests.list(world.config.tenants[0]!)).length).toBe(before);
  });

  it('when the tenant lets nobody invite (allowInvitesFrom: none, read by the worker), requests are off and the pages say so', async () => {
    const tenant = world.emulator.state.findTenant(DEMO_TENANT.id)!;
    tenant.authorizationPolicy.allowInvitesFrom = 'none';
    try {
      // The worker reads the setting again once what it read is 15 minutes old (not on any guest's request).
      world.clock.advance(16 * 60_000);
      await world.feature.accessRequests.worker.idle();
      const html = await (await fetch(`${world.portal.url}/t/${T}`)).text();
      expect(html).toContain('does not let anyone invite guests at the moment, so access requests are off');
      expect(html).not.toContain(`href="/t/${T}/request"`);
      const form = await (await fetch(`${world.portal.url}/t/${T}/request`)).text();
      expect(form).not.toContain('name="csrf"');
      expect(form).toContain('access requests are off');
      expect((await askJson(world, { email: 'while.off@example.org' })).status).toBe(409);
    } finally {
      tenant.authorizationPolicy.allowInvitesFrom = 'adminsAndGuestInviters';
    }
  });
});
