// The contract every ResendStore engine must pass (SQLite: sqlite.test.ts, PostgreSQL: postgres.test.ts). It pins
// what the worker and the service rely on — rate limits, the at-most-once window, lease fencing, transitions, the
// audit trail, dead letters — so a second engine can't quietly differ from the first.
import { describe, expect, it } from 'vitest';
import { ADMIN_SESSION_NEEDED, type AuditEntry, type NewResendJob, type RateLimitRule, type ResendStore } from '../../portal/store/store.ts';

export interface StoreUnderTest {
  store: ResendStore;
  /** The same database opened again, as a second instance (or a restarted process) would. */
  reopen(): Promise<ResendStore>;
}

/** Opens a store on a fresh, empty database; the harness closes what it opened. */
export type OpenFreshStore = () => Promise<StoreUnderTest>;

const HOUR = 3_600_000;
const TENANT = 'contoso.onmicrosoft.com';

export const job = (id: string, addressHash = `hash-${id}`, tenantKey = TENANT): NewResendJob => ({
  id,
  tenantKey,
  address: `${id}@example.com`,
  addressHash,
});

const auditFor = (id: string, event: string, at: number, addressHash = `hash-${id}`): AuditEntry => ({
  requestId: id,
  tenantKey: TENANT,
  addressHash,
  event,
  at,
});

export function storeContract(engine: string, openFresh: OpenFreshStore): void {
  describe(`${engine} store contract`, () => {
    describe('enqueue and rate limits', () => {
      it('stores an accepted job as queued and due now, with its accepted audit record', async () => {
        const { store } = await openFresh();
        expect(await store.enqueue(job('a'), [], 1_000)).toEqual({ ok: true });
        expect(await store.getJob('a')).toEqual({
          id: 'a', tenantKey: TENANT, state: 'queued', address: 'a@example.com', attempts: 0, unknownOutcomes: 0, runAt: 1_000, outcome: null, lastError: null,
        });
        expect(await store.listAudit('a')).toEqual([{ requestId: 'a', tenantKey: TENANT, addressHash: 'hash-a', event: 'accepted', detail: undefined, at: 1_000 }]);
        expect(await store.nextDueAt()).toBe(1_000);
      });

      it('over a limit nothing is written, the wait until the oldest hit expires is returned, and the limit survives a reopen', async () => {
        const { store, reopen } = await openFresh();
        const rules: RateLimitRule[] = [{ bucket: 'address:abc', limit: 2, windowMs: HOUR }];
        const t0 = Date.UTC(2026, 10, 27, 7, 0, 0);
        expect(await store.enqueue(job('a'), rules, t0)).toEqual({ ok: true });
        expect(await store.enqueue(job('b'), rules, t0 + 60_000)).toEqual({ ok: true });
        const again = await reopen();
        expect(await again.enqueue(job('c'), rules, t0 + 120_000)).toEqual({ ok: false, retryAfterMs: HOUR - 120_000, bucket: 'address:abc' });
        expect(await again.getJob('c')).toBeNull();
        expect(await again.listAudit('c')).toEqual([]);
        expect(await again.enqueue(job('d'), rules, t0 + HOUR + 1)).toEqual({ ok: true });
      });

      it('a refusal by one rule counts no hit on the others', async () => {
        const { store } = await openFresh();
        const ip: RateLimitRule = { bucket: 'ip:1', limit: 10, windowMs: HOUR };
        const address: RateLimitRule = { bucket: 'address:x', limit: 1, windowMs: HOUR };
        await store.enqueue(job('a'), [ip, address], 0);
        for (let i = 0; i < 5; i++) expect((await store.enqueue(job(`r${i}`), [ip, address], 1)).ok).toBe(false);
        // Only one of the ten per-IP hits is used: nine more distinct addresses pass.
        for (let i = 0; i < 9; i++) expect(await store.enqueue(job(`ok${i}`), [ip, { ...address, bucket: `address:${i}` }], 2)).toEqual({ ok: true });
        expect(await store.enqueue(job('over'), [ip], 3)).toMatchObject({ ok: false, bucket: 'ip:1' });
      });

      it("an enqueue without rules leaves other buckets' counts (an admin's resend, even as the first after a restart)", async () => {
        const { store, reopen } = await openFresh();
        const ip: RateLimitRule = { bucket: 'ip:at-limit', limit: 1, windowMs: HOUR };
        const t0 = Date.UTC(2026, 10, 27, 7, 0, 0);
        expect(await store.enqueue(job('guest'), [ip], t0)).toEqual({ ok: true });
        // Past the once-a-minute pruning, an admin's enqueue has no rules: it must not prune what is still counting.
        expect(await store.enqueue(job('admin'), [], t0 + 5 * 60_000)).toEqual({ ok: true });
        expect(await store.enqueue(job('again'), [ip], t0 + 6 * 60_000)).toMatchObject({ ok: false, bucket: 'ip:at-limit' });
        const restarted = await reopen();
        expect(await restarted.enqueue(job('admin-2'), [], t0 + 7 * 60_000)).toEqual({ ok: true });
        // Nor does a rule with a shorter window cut the longer one's hits.
        expect(await restarted.enqueue(job('short'), [{ bucket: 'ip:other', limit: 5, windowMs: 60_000 }], t0 + 9 * 60_000)).toEqual({ ok: true });
        expect(await restarted.enqueue(job('again-2'), [ip], t0 + 10 * 60_000)).toEqual({ ok: false, retryAfterMs: HOUR - 10 * 60_000, bucket: 'ip:at-limit' });
        // Once the hour is over the hit has expired (and may be pruned).
        expect(await restarted.enqueue(job('later'), [ip], t0 + HOUR + 1)).toEqual({ ok: true });
      });

      it('concurrent requests never exceed a limit', async () => {
        const { store, reopen } = await openFresh();
        const other = await reopen();
        const rule: RateLimitRule = { bucket: 'tenant:t', limit: 7, windowMs: HOUR };
        const answers = await Promise.all(
          Array.from({ length: 30 }, (_, i) => (i % 2 ? store : other).enqueue(job(`c${i}`), [rule], 10)),
        );
        expect(answers.filter((a) => a.ok)).toHaveLength(7);
        expect((await store.countJobs()).queued).toBe(7);
      });
    });

    it('the address-hash key is created once, is the same after a reopen, and differs between databases', async () => {
      const first = await openFresh();
      const key = (await first.store.hashKey()).toString('hex');
      expect(key).toMatch(/^[0-9a-f]{64}$/);
      expect((await (await first.reopen()).hashKey()).toString('hex')).toBe(key);
      expect((await (await openFresh()).store.hashKey()).toString('hex')).not.toBe(key);
    });

    describe('claims and leases', () => {
      it('claims the oldest due job first, never one that is not due yet', async () => {
        const { store } = await openFresh();
        await store.enqueue(job('late'), [], 50);
        await store.enqueue(job('early'), [], 10);
        expect(await store.claimDue(5, 1_000)).toBeNull();
        const first = await store.claimDue(60, 1_000);
        expect(first).toMatchObject({ id: 'early', address: 'early@example.com', addressHash: 'hash-early', attempts: 0, createdAt: 10 });
        expect(first!.leaseToken).toBeTruthy();
        expect((await store.claimDue(60, 1_000))?.id).toBe('late');
        expect(await store.claimDue(60, 1_000)).toBeNull();
        expect(await store.nextDueAt()).toBeNull();
        expect(await store.countJobs()).toEqual({ queued: 0, 'in-flight': 2, held: 0, done: 0, dead: 0 });
      });

      it('a claim passes over the tenants it is told to skip, and so does the next due time', async () => {
        const { store } = await openFresh();
        const busy = 'busy.onmicrosoft.com';
        const other = 'other.onmicrosoft.com';
        for (let i = 0; i < 5; i++) await store.enqueue(job(`busy-${i}`, undefined, busy), [], 10 + i);
        await store.enqueue(job('other-due', undefined, other), [], 20);
        await store.enqueue(job('other-later', undefined, other), [], 500);
        await store.enqueue(job('third', undefined, 'third.onmicrosoft.com'), [], 30);
        // Oldest first among the tenants not skipped, whatever the skipped tenant's backlog holds.
        expect(await store.nextDueAt([busy])).toBe(20);
        expect((await store.claimDue(100, 1_000, [busy]))?.id).toBe('other-due');
        expect((await store.claimDue(100, 1_000, [busy, 'third.onmicrosoft.com']))).toBeNull();
        expect(await store.nextDueAt([busy, 'third.onmicrosoft.com'])).toBe(500);
        expect((await store.claimDue(100, 1_000, [busy]))?.id).toBe('third');
        // An empty list skips nothing: the skipped backlog is next in its order.
        expect((await store.claimDue(100, 1_000, []))?.id).toBe('busy-0');
        expect(await store.nextDueAt([busy, other])).toBeNull();
      });

      it('claims running at once (two connections) never hand out the same job', async () => {
        const { store, reopen } = await openFresh();
        const other = await reopen();
        for (let i = 0; i < 20; i++) await store.enqueue(job(`j${i}`), [], i);
        const claims = await Promise.all(Array.from({ length: 30 }, (_, i) => (i % 2 ? store : other).claimDue(100, 10_000)));
        const ids = claims.filter((c) => c !== null).map((c) => c!.id);
        expect(ids).toHaveLength(20);
        expect(new Set(ids).size).toBe(20);
      });

      it('after a lease expires the job is recovered once, and the old holder can no longer move it', async () => {
        const { store } = await openFresh();
        await store.enqueue(job('j'), [], 0);
        const stale = (await store.claimDue(0, 1_000))!;
        expect(await store.claimExpired(500, 1_000)).toEqual([]);
        const [recovered, ...more] = await store.claimExpired(5_000, 1_000);
        expect(more).toEqual([]);
        expect(recovered).toMatchObject({ id: 'j', inviteInFlight: false });
        expect(await store.claimExpired(5_000, 1_000)).toEqual([]);
        const audit = auditFor('j', 'x', 5_000);
        expect(await store.extendLease('j', stale.leaseToken, 99_000)).toBe(false);
        expect(await store.release('j', stale.leaseToken, 0)).toBe(false);
        expect(await store.transition('j', stale.leaseToken, { to: 'done', outcome: 'sent' }, audit)).toBe(false);
        expect(await store.listAudit('j')).toHaveLength(1); // no audit record for a refused transition
        expect(await store.transition('j', recovered!.leaseToken, { to: 'done', outcome: 'sent' }, audit)).toBe(true);
        expect(await store.getJob('j')).toMatchObject({ state: 'done', outcome: 'sent', address: null });
      });

      it('an extended lease is not recovered; a job in POST /invitations is recovered as such', async () => {
        const { store } = await openFresh();
        await store.enqueue(job('k'), [], 0);
        const claimed = (await store.claimDue(0, 1_000))!;
        expect(await store.extendLease('k', claimed.leaseToken, 10_000)).toBe(true);
        expect(await store.claimExpired(5_000, 1_000)).toEqual([]);
        expect(await store.beginInvite('k', claimed.leaseToken, HOUR, 6_000)).toEqual({ ok: true });
        const [recovered] = await store.claimExpired(20_000, 1_000);
        expect(recovered).toMatchObject({ id: 'k', inviteInFlight: true });
      });

      it('release gives a job back untouched and due later, but not while its invitation may be in flight', async () => {
        const { store } = await openFresh();
        await store.enqueue(job('r'), [], 0);
        const claimed = (await store.claimDue(0, 1_000))!;
        expect(await store.release('r', claimed.leaseToken, 7_000)).toBe(true);
        expect(await store.getJob('r')).toMatchObject({ state: 'queued', runAt: 7_000, attempts: 0 });
        expect(await store.nextDueAt()).toBe(7_000);
        const again = (await store.claimDue(7_000, 1_000))!;
        await store.beginInvite('r', again.leaseToken, HOUR, 7_000);
        expect(await store.release('r', again.leaseToken, 9_000)).toBe(false);
        expect(await store.inviteNotSent('r', again.leaseToken)).toBe(true);
        expect(await store.release('r', again.leaseToken, 9_000)).toBe(true);
      });
    });

    describe('the at-most-once window', () => {
      it('a second job for the same address cannot claim an open window; the owner can renew it', async () => {
        const { store } = await openFresh();
        const t0 = 1_000_000;
        await store.enqueue(job('first', 'same'), [], t0);
        await store.enqueue(job('second', 'same'), [], t0);
        const a = (await store.claimDue(t0, 60_000))!;
        const b = (await store.claimDue(t0, 60_000))!;
        expect(await store.beginInvite(a.id, a.leaseToken, t0 + HOUR, t0)).toEqual({ ok: true });
        expect(await store.beginInvite(b.id, b.leaseToken, t0 + HOUR, t0)).toEqual({ ok: false, reason: 'window-taken', until: t0 + HOUR });
        expect(await store.beginInvite(a.id, a.leaseToken, t0 + HOUR + 5, t0 + 5)).toEqual({ ok: true });
        // While the invitation may be in flight, the window stays closed past its end time.
        expect((await store.openWindow(a.tenantKey, 'same', t0 + 10 * HOUR))?.jobId).toBe('first');
        await store.inviteNotSent(a.id, a.leaseToken);
        expect(await store.openWindow(a.tenantKey, 'same', t0 + HOUR + 1)).toEqual({ until: t0 + HOUR + 5, jobId: 'first' });
        expect(await store.openWindow(a.tenantKey, 'same', t0 + HOUR + 5)).toBeNull();
        // Windows are per tenant.
        expect(await store.openWindow('fabrikam.onmicrosoft.com', 'same', t0)).toBeNull();
      });

      it('two jobs racing for one window from two connections: exactly one gets it', async () => {
        const { store, reopen } = await openFresh();
        const other = await reopen();
        for (let i = 0; i < 8; i++) await store.enqueue(job(`w${i}`, 'contested'), [], 0);
        const claimed = await Promise.all(Array.from({ length: 8 }, () => store.claimDue(0, 60_000)));
        const results = await Promise.all(claimed.map((c, i) => (i % 2 ? store : other).beginInvite(c!.id, c!.leaseToken, HOUR, 0)));
        expect(results.filter((r) => r.ok)).toHaveLength(1);
        expect(results.filter((r) => !r.ok && r.reason === 'window-taken')).toHaveLength(7);
      });

      it('a done or re-queued job holds its window at least until holdWindowUntil; a stale lease changes nothing', async () => {
        const { store } = await openFresh();
        await store.enqueue(job('h', 'held'), [], 0);
        const claimed = (await store.claimDue(0, 60_000))!;
        await store.beginInvite('h', claimed.leaseToken, 1_000, 0);
        const requeue = { to: 'queued' as const, runAt: 5 * HOUR, attempts: 1, unknownOutcomes: 1, lastError: 'timeout', holdWindowUntil: 5 * HOUR };
        expect(await store.transition('h', claimed.leaseToken, requeue, auditFor('h', 'outcome-unknown-requeued', 10, 'held'))).toBe(true);
        expect(await store.openWindow(TENANT, 'held', 4 * HOUR)).toEqual({ until: 5 * HOUR, jobId: 'h' });
        expect(await store.getJob('h')).toMatchObject({ state: 'queued', runAt: 5 * HOUR, attempts: 1, unknownOutcomes: 1, lastError: 'timeout' });
        // A hold never shortens a window.
        const again = (await store.claimDue(5 * HOUR, 60_000))!;
        await store.transition('h', again.leaseToken, { to: 'done', outcome: 'sent', holdWindowUntil: 2 * HOUR }, auditFor('h', 'sent', 5 * HOUR, 'held'));
        expect((await store.openWindow(TENANT, 'held', 4 * HOUR))?.until).toBe(5 * HOUR);
      });
    });

    describe('transitions, audit and dead letters', () => {
      it('a finished job no longer holds the address in clear; a dead letter keeps it, with the reason, for an admin', async () => {
        const { store } = await openFresh();
        await store.enqueue(job('ok'), [], 10);
        await store.enqueue(job('d'), [], 10);
        const ok = (await store.claimDue(10, 1_000))!;
        const d = (await store.claimDue(10, 1_000))!;
        await store.transition('ok', ok.leaseToken, { to: 'done', outcome: 'no-invitation' }, auditFor('ok', 'no-invitation', 15));
        await store.transition('d', d.leaseToken, { to: 'dead', reason: 'invite-failed: HTTP 403' }, { ...auditFor('d', 'dead-letter', 20), detail: 'invite-failed: HTTP 403' });
        expect((await store.getJob('ok'))!.address).toBeNull();
        expect(await store.listDeadLetters()).toEqual([
          { requestId: 'd', tenantKey: TENANT, address: 'd@example.com', reason: 'invite-failed: HTTP 403', attempts: 0, createdAt: 10, deadAt: 20 },
        ]);
        expect(await store.countJobs()).toEqual({ queued: 0, 'in-flight': 0, held: 0, done: 1, dead: 1 });
      });

      it('an admin retry puts a dead job back in the queue with fresh attempts and its audit record; only dead jobs', async () => {
        const { store } = await openFresh();
        await store.enqueue(job('r'), [], 10);
        const claimed = (await store.claimDue(10, 1_000))!;
        await store.transition('r', claimed.leaseToken, { to: 'dead', reason: 'lookup-failed: HTTP 404' }, auditFor('r', 'dead-letter', 20));
        const retry = { ...auditFor('r', 'retry-requested', 30), detail: 'by admin@contoso.com (11111111-2222-4333-8444-555555555555)' };
        expect(await store.retryDead('r', 30, retry)).toBe(true);
        expect(await store.listDeadLetters()).toEqual([]);
        expect(await store.getJob('r')).toMatchObject({ state: 'queued', attempts: 0, outcome: null, runAt: 30, address: 'r@example.com' });
        expect((await store.listAudit('r')).map((a) => a.event)).toEqual(['accepted', 'dead-letter', 'retry-requested']);
        expect((await store.claimDue(30, 1_000))?.id).toBe('r');
        expect(await store.retryDead('r', 40, retry)).toBe(false); // in flight, not dead
        expect(await store.retryDead('nope', 40, retry)).toBe(false);
        expect((await store.listAudit('r')).filter((a) => a.event === 'retry-requested')).toHaveLength(1);
      });

      it('lists a tenant\'s jobs newest first, by state and by address hash', async () => {
        const { store } = await openFresh();
        await store.enqueue(job('j1', 'h1'), [], 1);
        await store.enqueue(job('j2', 'h2'), [], 2);
        await store.enqueue(job('j3', 'h1'), [], 3);
        await store.enqueue(job('other', 'h1', 'fabrikam.com'), [], 4);
        const done = (await store.claimDue(10, 1_000))!;
        await store.transition(done.id, done.leaseToken, { to: 'done', outcome: 'sent' }, auditFor(done.id, 'sent', 11));
        const all = await store.listJobs({ tenantKey: TENANT, limit: 10 });
        expect(all.map((j) => j.id)).toEqual(['j3', 'j2', 'j1']);
        expect(all.find((j) => j.id === 'j1')).toMatchObject({ state: 'done', address: null, addressHash: 'h1', createdAt: 1, updatedAt: 11 });
        expect((await store.listJobs({ tenantKey: TENANT, states: ['queued'], limit: 10 })).map((j) => j.id)).toEqual(['j3', 'j2']);
        expect((await store.listJobs({ tenantKey: TENANT, addressHash: 'h1', limit: 10 })).map((j) => j.id)).toEqual(['j3', 'j1']);
        expect((await store.listJobs({ tenantKey: TENANT, limit: 1 })).map((j) => j.id)).toEqual(['j3']);
      });

      it('the audit trail is kept in order, per request and in full', async () => {
        const { store } = await openFresh();
        await store.enqueue(job('a1'), [], 1);
        await store.enqueue(job('a2'), [], 2);
        await store.audit({ ...auditFor('a1', 'note', 3), detail: 'with detail' });
        expect((await store.listAudit()).map((e) => [e.requestId, e.event])).toEqual([['a1', 'accepted'], ['a2', 'accepted'], ['a1', 'note']]);
        expect(await store.listAudit('a1')).toEqual([
          { requestId: 'a1', tenantKey: TENANT, addressHash: 'hash-a1', event: 'accepted', detail: undefined, at: 1 },
          { requestId: 'a1', tenantKey: TENANT, addressHash: 'hash-a1', event: 'note', detail: 'with detail', at: 3 },
        ]);
        expect(await store.getJob('nope')).toBeNull();
      });

      it('times far in the future and past survive the round trip exactly', async () => {
        const { store } = await openFresh();
        const far = Date.UTC(2200, 0, 1) + 123;
        await store.enqueue(job('t'), [], far);
        expect(await store.nextDueAt()).toBe(far);
        expect((await store.listAudit('t'))[0]!.at).toBe(far);
      });
    });

    describe('the Graph budget shared by every instance', () => {
      const limit = { calls: 5, perMs: 1_000 };

      it('at most `calls` in any period, from two connections at once; the wait says when the next call fits', async () => {
        const { store, reopen } = await openFresh();
        const other = await reopen();
        const grants = await Promise.all(Array.from({ length: 12 }, (_, i) => (i % 2 ? store : other).takeGraphCall('t1', 10_000 + i, limit)));
        expect(grants.filter((g) => g.ok)).toHaveLength(5);
        // The oldest granted call (connections may run in any order) leaves the period 1,000 ms after it was taken.
        const oldest = 10_000 + grants.findIndex((g) => g.ok);
        expect(await store.takeGraphCall('t1', 10_500, limit)).toEqual({ ok: false, waitMs: oldest + 1_000 - 10_500, reason: 'budget' });
        expect(await store.takeGraphCall('t1', oldest + 1_000, limit)).toEqual({ ok: true });
        // Another tenant has its own budget.
        expect(await other.takeGraphCall('t2', 10_500, limit)).toEqual({ ok: true });
      });

      it('a Retry-After pause set through one connection stops every other, and is never shortened', async () => {
        const { store, reopen } = await openFresh();
        const other = await reopen();
        expect(await store.graphPausedUntil('t1')).toBe(0);
        await store.pauseGraph('t1', 30_000);
        await other.pauseGraph('t1', 20_000);
        expect(await other.graphPausedUntil('t1')).toBe(30_000);
        expect(await other.takeGraphCall('t1', 25_000, limit)).toEqual({ ok: false, waitMs: 5_000, reason: 'paused' });
        expect(await other.takeGraphCall('t1', 30_000, limit)).toEqual({ ok: true });
        expect(await store.takeGraphCall('t2', 25_000, limit)).toEqual({ ok: true });
      });
    });

    describe('invite jobs, held jobs and the audit\'s actor (migration 5)', () => {
      const ADMIN = { oid: '11111111-2222-4333-8444-555555555555', upn: 'admin@contoso.com' };
      const invite = (id: string, hash: string, extra: Partial<NewResendJob> = {}): NewResendJob => ({ ...job(id, hash), kind: 'invite', payload: '{"source":"csv"}', ...extra });

      it('an invite job is stored with its kind, payload, actor and batch; the claim carries them; the accepted record names the actor', async () => {
        const { store } = await openFresh();
        expect(await store.enqueueInvite(invite('i1', 'h1', { actor: ADMIN, batchId: 'b', auditDetail: 'invite (csv)' }), { unlessInvited: true }, 10)).toEqual({ ok: true });
        const claimed = (await store.claimDue(10, 1_000))!;
        expect(claimed).toMatchObject({ id: 'i1', kind: 'invite', payload: '{"source":"csv"}', actor: ADMIN });
        expect(await store.listAudit('i1')).toEqual([{ requestId: 'i1', tenantKey: TENANT, addressHash: 'h1', event: 'accepted', detail: 'invite (csv)', at: 10, actor: ADMIN }]);
        await store.transition('i1', claimed.leaseToken, { to: 'done', outcome: 'sent', userId: 'user-1' }, auditFor('i1', 'sent', 20, 'h1'));
        expect(await store.findJob('i1')).toMatchObject({ kind: 'invite', state: 'done', userId: 'user-1', actor: ADMIN, batchId: 'b', address: null });
        // A resend job keeps its defaults.
        await store.enqueue(job('r'), [], 30);
        expect(await store.findJob('r')).toMatchObject({ kind: 'resend', payload: null, actor: null, batchId: null, userId: null });
      });

      it('"already invited" is decided by the store\'s own records: an earlier invite job that did not fail; concurrent orders store one', async () => {
        const { store, reopen } = await openFresh();
        const other = await reopen();
        const answers = await Promise.all(Array.from({ length: 10 }, (_, i) => (i % 2 ? store : other).enqueueInvite(invite(`c${i}`, 'same'), { unlessInvited: true }, 10)));
        expect(answers.filter((a) => a.ok)).toHaveLength(1);
        const first = (await store.listJobs({ tenantKey: TENANT, kind: 'invite', limit: 10 }))[0]!.id;
        expect(answers.filter((a) => !a.ok)).toEqual(Array(9).fill({ ok: false, existingJobId: first }));
        // A resend job for the address is not an invitation; a failed (dead) invitation may be ordered again.
        await store.enqueue(job('resend', 'other'), [], 11);
        expect(await store.enqueueInvite(invite('o1', 'other'), { unlessInvited: true }, 12)).toEqual({ ok: true });
        for (let c = await store.claimDue(100, 1_000); c; c = await store.claimDue(100, 1_000)) {
          if (c.id === 'o1') await store.transition('o1', c.leaseToken, { to: 'dead', reason: 'invite-failed: HTTP 400' }, auditFor('o1', 'dead-letter', 20, 'other'));
        }
        expect(await store.enqueueInvite(invite('o2', 'other'), { unlessInvited: true }, 30)).toEqual({ ok: true });
        // resendPending: stored even though guestpass invited the address before.
        expect(await store.enqueueInvite(invite('o3', 'other'), { unlessInvited: false }, 31)).toEqual({ ok: true });

        // The same answer for many addresses in one read (a CSV preview): the newest invite job that did not fail.
        await store.enqueueInvite({ ...invite('elsewhere', 'same'), tenantKey: 'other-tenant' }, { unlessInvited: true }, 40);
        const earlier = await store.earlierInvites(TENANT, ['same', 'other', 'never', 'resend-only']);
        expect(earlier).toEqual(new Map([['same', first], ['other', 'o3']]));
        expect(await store.earlierInvites(TENANT, [])).toEqual(new Map());
      });

      it('a batch lists its jobs in the order they were enqueued, even within one millisecond', async () => {
        const { store } = await openFresh();
        const ids = ['z', 'a', 'm', 'b', 'y'];
        for (const id of ids) await store.enqueueInvite(invite(id, `h-${id}`, { batchId: 'csv-1' }), { unlessInvited: true }, 5);
        await store.enqueueInvite(invite('elsewhere', 'h-e', { batchId: 'csv-2' }), { unlessInvited: true }, 5);
        expect((await store.listBatch(TENANT, 'csv-1')).map((j) => j.id)).toEqual(ids);
        expect(await store.listBatch('other-tenant', 'csv-1')).toEqual([]);
      });

      it('a held job keeps its reason and attempts, is claimed again when due, and an admin\'s release makes only their jobs due now', async () => {
        const { store } = await openFresh();
        const OTHER = { oid: '99999999-2222-4333-8444-555555555555', upn: 'other@contoso.com' };
        await store.enqueueInvite(invite('mine', 'h1', { actor: ADMIN }), { unlessInvited: true }, 10);
        await store.enqueueInvite(invite('theirs', 'h2', { actor: OTHER }), { unlessInvited: true }, 10);
        await store.enqueue(job('creds'), [], 10);
        const HOLD_UNTIL = 1_000_000;
        for (let c = await store.claimDue(10, 1_000); c; c = await store.claimDue(10, 1_000)) {
          const reason = c.actor ? ADMIN_SESSION_NEEDED : 'credentials: lookup: HTTP 403';
          expect(await store.transition(c.id, c.leaseToken, { to: 'held', reason, runAt: c.actor ? HOLD_UNTIL : 500 }, auditFor(c.id, 'held', 20))).toBe(true);
        }
        expect(await store.countJobs()).toMatchObject({ queued: 0, 'in-flight': 0, held: 3 });
        expect(await store.findJob('creds')).toMatchObject({ state: 'held', heldReason: 'credentials: lookup: HTTP 403', attempts: 0 });
        expect((await store.listJobs({ tenantKey: TENANT, states: ['held'], limit: 10 })).map((j) => j.id).sort()).toEqual(['creds', 'mine', 'theirs']);
        expect(await store.nextDueAt()).toBe(500);
        // The periodic retry of a credentials hold:
        expect((await store.claimDue(499, 1_000))).toBeNull();
        const again = (await store.claimDue(500, 1_000))!;
        expect(again.id).toBe('creds');
        await store.transition('creds', again.leaseToken, { to: 'done', outcome: 'sent' }, auditFor('creds', 'sent', 510));
        expect((await store.findJob('creds'))!.heldReason).toBeNull();
        // The admin came back: only their job is due now; the other admin's stays held.
        expect(await store.releaseHeld({ tenantKey: 'other-tenant', reason: ADMIN_SESSION_NEEDED, actorOid: ADMIN.oid }, 600)).toBe(0);
        expect(await store.releaseHeld({ tenantKey: TENANT, reason: ADMIN_SESSION_NEEDED, actorOid: ADMIN.oid }, 600)).toBe(1);
        expect(await store.releaseHeld({ tenantKey: TENANT, reason: ADMIN_SESSION_NEEDED, actorOid: ADMIN.oid }, 601)).toBe(0);
        expect(await store.getJob('mine')).toMatchObject({ state: 'queued', runAt: 600 });
        expect(await store.getJob('theirs')).toMatchObject({ state: 'held', runAt: HOLD_UNTIL });
        expect((await store.claimDue(600, 1_000))?.id).toBe('mine');
        // A held job is not finished: retention keeps it.
        await store.prune(HOLD_UNTIL * 10);
        expect((await store.getJob('theirs'))?.state).toBe('held');
      });

      it('a lease-fenced hold: a worker whose lease was lost cannot hold the job', async () => {
        const { store } = await openFresh();
        await store.enqueue(job('f'), [], 10);
        const stale = (await store.claimDue(10, 100))!;
        const fresh = (await store.claimExpired(200, 1_000))[0]!;
        expect(await store.transition('f', stale.leaseToken, { to: 'held', reason: 'x', runAt: 300 }, auditFor('f', 'held', 210))).toBe(false);
        expect(await store.transition('f', fresh.leaseToken, { to: 'held', reason: 'x', runAt: 300 }, auditFor('f', 'held', 210))).toBe(true);
        expect((await store.listAudit('f')).map((a) => a.event)).toEqual(['accepted', 'held']);
      });

      it('the audit is filtered in the store: tenant, actor (part of the UPN or object id), action, time, newest first, limited', async () => {
        const { store } = await openFresh();
        const OTHER = { oid: 'aaaaaaaa-2222-4333-8444-555555555555', upn: 'other_%@contoso.com' };
        const rows: AuditEntry[] = [
          { ...auditFor('a', 'admin-resend', 100), actor: ADMIN },
          { ...auditFor('b', 'admin-resend', 200), actor: OTHER },
          { ...auditFor('c', 'sent', 300) },
          { ...auditFor('d', 'retry-requested', 400), actor: ADMIN },
          { ...auditFor('e', 'admin-resend', 500), tenantKey: 'other-tenant', actor: ADMIN },
        ];
        for (const row of rows) await store.audit(row);
        const ids = async (filter: Partial<Parameters<ResendStore['queryAudit']>[0]>) => (await store.queryAudit({ tenantKey: TENANT, limit: 100, ...filter })).map((a) => a.requestId);
        expect(await ids({})).toEqual(['d', 'c', 'b', 'a']);
        expect(await ids({ actor: 'ADMIN@contoso' })).toEqual(['d', 'a']);
        expect(await ids({ actor: '11111111-2222' })).toEqual(['d', 'a']);
        expect(await ids({ actor: '_%' })).toEqual(['b']); // LIKE wildcards are taken literally
        expect(await ids({ action: 'admin-resend' })).toEqual(['b', 'a']);
        expect(await ids({ from: 200, to: 300 })).toEqual(['c', 'b']);
        expect(await ids({ limit: 2 })).toEqual(['d', 'c']);
        expect((await store.queryAudit({ tenantKey: TENANT, limit: 1, actor: 'admin' }))[0]).toEqual({ ...rows[3], detail: undefined });
        // A writer that names the admin only in the detail (`by <upn> (<oid>)` first) is found by actor too.
        await store.audit({ ...auditFor('g', 'invite-admin', 600), detail: `by legacy@contoso.com (${ADMIN.oid}): one address` });
        expect((await store.queryAudit({ tenantKey: TENANT, actor: 'legacy', limit: 5 }))[0]).toMatchObject({ requestId: 'g', actor: { upn: 'legacy@contoso.com', oid: ADMIN.oid } });
      });
    });

    describe('retention and readiness', () => {
      it('prunes finished jobs and audit records older than the cut-off; queued, in-flight and newer ones stay', async () => {
        const { store } = await openFresh();
        for (const id of ['old-done', 'old-dead', 'old-queued', 'new-done']) await store.enqueue(job(id), [], id.startsWith('old') ? 100 : 5_000);
        const claim = async () => (await store.claimDue(10_000, 60_000))!;
        const finish = async (id: string, at: number, to: 'done' | 'dead') => {
          const c = await claim();
          expect(c.id).toBe(id);
          const change = to === 'done' ? { to, outcome: 'sent' } : { to, reason: 'x' };
          await store.transition(id, c.leaseToken, change as never, auditFor(id, to, at));
        };
        await finish('old-done', 200, 'done');
        await finish('old-dead', 300, 'dead');
        const queued = await claim();
        await store.release(queued.id, queued.leaseToken, 50_000);
        await finish('new-done', 6_000, 'done');
        expect(await store.prune(1_000)).toMatchObject({ jobs: 2 });
        expect(await store.getJob('old-done')).toBeNull();
        expect(await store.getJob('old-dead')).toBeNull();
        expect((await store.getJob('old-queued'))?.state).toBe('queued');
        expect((await store.getJob('new-done'))?.state).toBe('done');
        expect((await store.listAudit()).map((a) => a.at).every((at) => at >= 1_000)).toBe(true);
        expect(await store.listAudit('new-done')).toHaveLength(2);
      });

      it('reports its engine and that every migration it knows is applied', async () => {
        const { store } = await openFresh();
        const status = await store.status();
        expect(status.schemaVersion).toBe(status.expectedVersion);
        expect(status.schemaVersion).toBeGreaterThanOrEqual(2);
      });
    });
  });
}
