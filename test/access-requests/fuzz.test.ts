// Property: with the policy `approval`, whatever people type into "Ask for access", no guest is created until an
// admin approves one — 1,000 generated requests, the worker running until idle after each batch, checked against
// the emulator's own directory and request log.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_CONSOLE_USERS, DEMO_PEOPLE, DEMO_TENANT } from '../emulator/demo-tenant.ts';
import { consoleAccessToken } from '../support/console-token.ts';
import { invitationPosts } from '../resend/support.ts';
import { startRequestWorld, type RequestWorld } from './support.ts';

let world: RequestWorld;
beforeAll(async () => {
  world = await startRequestWorld({ settings: { policy: { mode: 'approval', blockedDomains: ['blocked.example'] } } });
});
afterAll(async () => world?.close());

const address = fc.oneof(
  { weight: 6, arbitrary: fc.stringMatching(/^[a-z0-9][a-z0-9._'-]{0,20}@[a-z0-9-]{1,15}\.(com|org|net|de|co\.uk)$/) },
  { weight: 1, arbitrary: fc.emailAddress() },
  { weight: 1, arbitrary: fc.constantFrom(DEMO_PEOPLE.acceptedGmailGuest, DEMO_PEOPLE.guestInviterMember, DEMO_PEOPLE.dormantGuest, 'x@blocked.example', 'y@sub.blocked.example') },
  { weight: 1, arbitrary: fc.string({ maxLength: 40 }) },
);
const request = fc.record({
  email: address,
  // Mostly what people write, sometimes anything (empty, too long, control characters).
  name: fc.oneof({ weight: 8, arbitrary: fc.stringMatching(/^[A-Za-z][A-Za-z .'-]{0,40}$/) }, { weight: 1, arbitrary: fc.constantFrom('Zoë 山田', 'Robert"); DROP TABLE access_requests;--') }, { weight: 1, arbitrary: fc.string({ maxLength: 130 }) }),
  organisation: fc.string({ maxLength: 130 }),
  reason: fc.oneof({ weight: 8, arbitrary: fc.stringMatching(/^[A-Za-z][A-Za-z0-9 ,.\n]{0,200}$/) }, { weight: 1, arbitrary: fc.string({ maxLength: 1100 }) }),
  sponsor: fc.oneof({ weight: 6, arbitrary: fc.constant('') }, { weight: 2, arbitrary: fc.constant(DEMO_PEOPLE.guestInviterMember) }, { weight: 1, arbitrary: fc.emailAddress() }, { weight: 1, arbitrary: fc.string({ maxLength: 30 }) }),
});

describe('access requests never create a guest by themselves, until an admin approves one', () => {
  it('1,000 generated requests under the `approval` policy create 0 users and ask Graph for 0 invitations', async () => {
    const tenant = world.emulator.state.findTenant(DEMO_TENANT.id)!;
    const usersBefore = tenant.users.length;
    const tally = { accepted: 0, invalid: 0 };
    await fc.assert(
      fc.asyncProperty(fc.array(request, { minLength: 100, maxLength: 100 }), async (batch) => {
        for (const r of batch) {
          const answer = await world.feature.accessRequests.service.submit({ tenantKey: DEMO_TENANT.domain, ...r, lang: 'en', clientIp: '192.0.2.7' });
          expect(answer.outcome).not.toBe('rate-limited');
          tally[answer.outcome === 'accepted' ? 'accepted' : 'invalid'] += 1;
        }
        await world.settle();
        expect(invitationPosts(world.emulator)).toBe(0);
        expect(tenant.users.length).toBe(usersBefore);
      }),
      { numRuns: 10, seed: 20261129 },
    );
    expect(tally.accepted + tally.invalid).toBe(1000);
    expect(tally.accepted).toBeGreaterThan(300);
    const pending = await world.feature.accessRequests.list(world.config.tenants[0]!, ['pending']);
    expect(pending.length).toBeGreaterThan(100);
    expect(world.emulator.outbox()).toHaveLength(0);
  }, 180_000);

  it('… and once an admin approves one of them, exactly one user is created', async () => {
    const tenant = world.emulator.state.findTenant(DEMO_TENANT.id)!;
    const usersBefore = tenant.users.length;
    const token = await consoleAccessToken(world.emulator, world.portal.config.publicBaseUrl, DEMO_CONSOLE_USERS.admin);
    const [first] = (await world.feature.accessRequests.list(world.config.tenants[0]!, ['pending'])).filter((r) => /^[a-z0-9][a-z0-9._-]*@[a-z0-9-]+\.(com|org|net|de)$/.test(r.address ?? ''));
    const res = await fetch(`${world.portal.url}/admin/api/t/${DEMO_TENANT.domain}/access-requests/${first!.id}/approve`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: '{}' });
    expect(res.status).toBe(200);
    await world.settle();
    expect(tenant.users.length).toBe(usersBefore + 1);
    expect(invitationPosts(world.emulator)).toBe(1);
  });
});
