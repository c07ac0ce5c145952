// Property: whatever addresses people type, self-service never asks Graph to invite anyone who isn't already a
// pending guest — so it can never create a guest. Thousands of addresses through the service and the worker,
// checked against the emulator's own request log and directory.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createResendFeature, type ResendFeature } from '../../portal/resend/index.ts';
import { openSqliteStore } from '../../portal/store/sqlite-store.ts';
import { DEMO_PEOPLE, DEMO_TENANT } from '../emulator/demo-tenant.ts';
import { startEmulator, type Emulator } from '../emulator/index.ts';
import { drain, invitationPosts, portalConfig, silentLogger, testClock } from './support.ts';

let emulator: Emulator;
let feature: ResendFeature;
const clock = testClock();
beforeAll(async () => {
  emulator = await startEmulator();
  const config = portalConfig(emulator);
  feature = await createResendFeature({
    config,
    logger: silentLogger,
    now: clock.date,
    tuning: {
      // NORMAL: this suite is about which calls are made, not about surviving power cuts; it keeps the run short.
      store: openSqliteStore({ path: config.databasePath, synchronous: 'NORMAL' }),
      sleep: clock.sleep, pollMs: 50_000, concurrency: 4, leaseMs: 3_600_000, budget: { calls: 100_000, perMs: 1_000 } },
  });
  feature.worker.start();
});
afterAll(async () => {
  await feature.close();
  await emulator.stop();
});

/** Addresses that exist in the directory but are not pending guests, in any letter case. */
const notPendingKnown = fc
  .constantFrom(DEMO_PEOPLE.acceptedGmailGuest, DEMO_PEOPLE.guestInviterMember, DEMO_PEOPLE.dormantGuest, DEMO_PEOPLE.partnerOnlyGuest)
  .chain((address) => fc.array(fc.boolean(), { minLength: address.length, maxLength: address.length }).map((upper) =>
    [...address].map((ch, i) => (upper[i] ? ch.toUpperCase() : ch)).join('')));

/** Plausible addresses Entra would accept (fc.emailAddress alone is mostly refused for its special characters). */
const plainAddress = fc.stringMatching(/^[a-z0-9][a-z0-9._'-]{0,20}@[a-z0-9-]{1,15}\.(com|org|net|de|co\.uk)$/);

const typedAddress = fc.oneof(
  { weight: 6, arbitrary: plainAddress },
  { weight: 1, arbitrary: fc.emailAddress() },
  { weight: 2, arbitrary: notPendingKnown },
  // Near misses of the pending guests: one character off is a different address.
  { weight: 1, arbitrary: fc.constantFrom('conceptsuser@outlook.co', 'conceptsuser1@outlook.com', 'old.invite@yahoo.co.uk', 'oldinvite@yahoo.com') },
  { weight: 1, arbitrary: fc.string({ maxLength: 40 }) },
);

describe('no guest is ever created by self-service', () => {
  it('over thousands of typed addresses that are not pending guests, Graph is never asked to invite', async () => {
    const usersBefore = emulator.state.findTenant(DEMO_TENANT.id)!.users.length;
    let accepted = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(typedAddress, { minLength: 100, maxLength: 100 }), async (addresses) => {
        for (const email of addresses) {
          const answer = await feature.service.accept({ tenantKey: DEMO_TENANT.domain, email, clientIp: '192.0.2.99' });
          if (answer.outcome === 'accepted') accepted++;
        }
        await drain(feature.store, { clock, slots: 4, limitMs: 60_000 });
        expect(invitationPosts(emulator)).toBe(0);
      }),
      { numRuns: 20, seed: 20261127 },
    );
    expect(accepted).toBeGreaterThan(700);
    expect(emulator.outbox()).toHaveLength(0);
    expect(emulator.state.findTenant(DEMO_TENANT.id)!.users.length).toBe(usersBefore);
    const lookups = emulator.requests().filter((r) => r.method === 'GET' && r.path.startsWith('/v1.0/users')).length;
    // One lookup per request: no retries, no dead letters (every address was a valid question for Graph).
    expect(await feature.store.listDeadLetters()).toEqual([]);
    expect(lookups).toBe(accepted);
  }, 120_000);
});
