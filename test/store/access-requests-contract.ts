// The access requests' part of the store contract (store.accessRequests), run on both engines by sqlite.test.ts and
// postgres.test.ts: rate limits and audit at intake, lease fencing, one open request per address, the daily cap of
// pre-approved domains, decisions (expired ones refused), retention's erasure, and the stored policy.
import { describe, expect, it } from 'vitest';
import type { NewAccessRequest } from '../../portal/access-requests/types.ts';
import type { OpenFreshStore } from './contract.ts';

const TENANT = 'contoso.onmicrosoft.com';
const HOUR = 3_600_000;
const ADMIN = { oid: '00000000-0000-4000-8000-0000000000a1', upn: 'admin@contoso.onmicrosoft.com' };

const request = (id: string, addressHash = `hash-${id}`): NewAccessRequest => ({
  id,
  tenantKey: TENANT,
  address: `${id}@example.org`,
  addressHash,
  name: `Name ${id}`,
  organisation: 'Example Ltd',
  reason: 'Because',
  sponsor: 'boss@contoso.com',
  lang: 'de',
});

export function accessRequestContract(engine: string, openFresh: OpenFreshStore): void {
  describe(`${engine} store contract: access requests`, () => {
    it('intake stores the request for the worker with its audit record, and refuses beyond a rate limit without writing', async () => {
      const { store } = await openFresh();
      const s = store.accessRequests;
      const rule = { bucket: 'access-ip:x', limit: 2, windowMs: HOUR };
      expect(await s.intake(request('a'), [rule], 1_000)).toEqual({ ok: true });
      expect(await s.intake(request('b'), [rule], 2_000)).toEqual({ ok: true });
      expect(await s.intake(request('c'), [rule], 3_000)).toEqual({ ok: false, retryAfterMs: HOUR - 2_000, bucket: 'access-ip:x' });
      expect(await s.get('c')).toBeNull();
      expect(await s.get('a')).toMatchObject({ state: 'intake', address: 'a@example.org', name: 'Name a', sponsor: 'boss@contoso.com', lang: 'de', asks: 1 });
      expect((await store.listAudit('a')).map((e) => e.event)).toEqual(['access-request-received']);
      expect(await s.nextDueAt()).toBe(1_000);
    });

    it("intake prunes only hits that no rule can still count: neither a request without rules nor a shorter window wipes a counting bucket", async () => {
      const { store, reopen } = await openFresh();
      const rule = { bucket: 'access-ip:at-limit', limit: 1, windowMs: HOUR };
      const t0 = Date.UTC(2026, 10, 27, 7, 0, 0);
      expect(await store.accessRequests.intake(request('a'), [rule], t0)).toEqual({ ok: true });
      const restarted = (await reopen()).accessRequests;
      expect(await restarted.intake(request('b'), [], t0 + 5 * 60_000)).toEqual({ ok: true });
      expect(await restarted.intake(request('c'), [{ bucket: 'access-ip:other', limit: 5, windowMs: 60_000 }], t0 + 7 * 60_000)).toEqual({ ok: true });
      expect(await restarted.intake(request('d'), [rule], t0 + 8 * 60_000)).toMatchObject({ ok: false, bucket: 'access-ip:at-limit' });
    });

    it('a claim is fenced by its lease: another worker cannot settle it, and it comes back when the lease runs out', async () => {
      const { store, reopen } = await openFresh();
      const s = store.accessRequests;
      await s.intake(request('a'), [], 1_000);
      const claimed = (await s.claim(1_000, 60_000))!;
      expect(claimed.id).toBe('a');
      const other = (await reopen()).accessRequests;
      expect(await other.claim(2_000, 60_000)).toBeNull();
      expect(await other.settle('a', 'wrong-token', { to: 'dropped', outcome: 'x' }, 2_000)).toEqual({ ok: false, reason: 'lease-lost' });
      const again = (await other.claim(62_000, 60_000))!;
      expect(again.id).toBe('a');
      expect(await s.settle('a', claimed.leaseToken, { to: 'dropped', outcome: 'x' }, 62_500)).toEqual({ ok: false, reason: 'lease-lost' });
      expect(await other.settle('a', again.leaseToken, { to: 'dropped', outcome: 'blocked-domain' }, 63_000)).toEqual({ ok: true, state: 'dropped' });
      expect(await s.get('a')).toMatchObject({ state: 'dropped', outcome: 'blocked-domain' });
    });

    it('the same address asking again while a request is open is merged into it (asks counted)', async () => {
      const { store } = await openFresh();
      const s = store.accessRequests;
      for (const id of ['a1', 'a2', 'a3']) await s.intake(request(id, 'same-hash'), [], 1_000);
      for (let i = 0; i < 3; i += 1) {
        const c = (await s.claim(2_000, 60_000))!;
        await s.settle(c.id, c.leaseToken, { to: 'pending', expiresAt: 100_000 }, 2_000);
      }
      const open = await s.list({ tenantKey: TENANT, states: ['pending'], limit: 10 });
      expect(open.map((r) => [r.id, r.asks])).toEqual([['a1', 3]]);
      expect((await s.get('a2'))?.state).toBe('merged');
      expect(await s.countPending(TENANT)).toBe(1);
    });

    it('pre-approved domains are invited up to the day\'s cap; beyond it the request waits for an approver', async () => {
      const { store } = await openFresh();
      const s = store.accessRequests;
      const states: string[] = [];
      for (const id of ['p1', 'p2', 'p3']) {
        await s.intake(request(id), [], 1_000);
        const c = (await s.claim(1_000, 60_000))!;
        const r = await s.settle(c.id, c.leaseToken, { to: 'pre-approved', dayStart: 0, cap: 2, expiresAt: 100_000 }, 1_000);
        if (r.ok && r.state === 'inviting') await s.recordInvitation(c.id, c.leaseToken, { jobId: `job-${id}` }, 1_100);
        states.push((await s.get(id))!.state);
      }
      expect(states).toEqual(['invited', 'invited', 'pending']);
      expect((await s.get('p1'))).toMatchObject({ decision: 'pre-approved', jobId: 'job-p1', decidedBy: null });
      // The next day counts afresh.
      await s.intake(request('p4'), [], 90_000_000);
      const c = (await s.claim(90_000_000, 60_000))!;
      expect(await s.settle(c.id, c.leaseToken, { to: 'pre-approved', dayStart: 86_400_000, cap: 2, expiresAt: 99_000_000 }, 90_000_000)).toEqual({ ok: true, state: 'inviting' });
    });

    it('approve hands out a lease for the hand-over and is audited with the approver; a second decision and an expired request are refused', async () => {
      const { store } = await openFresh();
      const s = store.accessRequests;
      for (const id of ['x', 'y']) {
        await s.intake(request(id), [], 1_000);
        const c = (await s.claim(1_000, 60_000))!;
        await s.settle(c.id, c.leaseToken, { to: 'pending', expiresAt: 10_000 }, 1_000);
      }
      const approved = await s.approve('x', TENANT, { by: ADMIN, message: 'Welcome', redirectUrl: 'https://contoso.com/x' }, 5_000, 60_000);
      expect(approved).toMatchObject({ ok: true, record: { state: 'inviting', decision: 'approved', decidedBy: ADMIN, message: 'Welcome' } });
      expect(await s.approve('x', TENANT, { by: ADMIN }, 5_100, 60_000)).toMatchObject({ ok: false, reason: 'already-decided' });
      expect(await s.approve('x', 'other-tenant', { by: ADMIN }, 5_100, 60_000)).toMatchObject({ ok: false, reason: 'not-found' });
      expect(await s.recordInvitation('x', 'not-the-lease', { jobId: 'j' }, 5_200)).toBe(false);
      expect(await s.recordInvitation('x', approved.ok ? approved.leaseToken! : '', { jobId: 'job-x' }, 5_200)).toBe(true);
      expect(await s.approve('y', TENANT, { by: ADMIN }, 10_000, 60_000)).toMatchObject({ ok: false, reason: 'expired' });
      expect((await store.listAudit('x')).map((e) => e.event)).toContain('access-request-approved');
      expect((await store.listAudit('x')).find((e) => e.event === 'access-request-approved')?.detail).toBe(`by ${ADMIN.upn} (${ADMIN.oid})`);
    });

    it('an `inviting` request whose hand-over died comes back to a worker once its lease runs out', async () => {
      const { store } = await openFresh();
      const s = store.accessRequests;
      await s.intake(request('z'), [], 1_000);
      const c = (await s.claim(1_000, 60_000))!;
      await s.settle(c.id, c.leaseToken, { to: 'pending', expiresAt: 1_000_000 }, 1_000);
      await s.approve('z', TENANT, { by: ADMIN }, 2_000, 60_000);
      expect(await s.claim(3_000, 60_000)).toBeNull();
      const back = (await s.claim(62_001, 60_000))!;
      expect(back).toMatchObject({ id: 'z', state: 'inviting', decision: 'approved', decidedBy: ADMIN });
    });

    it('retention expires undecided requests and deletes personal data of settled ones after the limit; the record and audit stay', async () => {
      const { store } = await openFresh();
      const s = store.accessRequests;
      for (const id of ['old', 'new']) {
        await s.intake(request(id), [], 1_000);
        const c = (await s.claim(1_000, 60_000))!;
        await s.settle(c.id, c.leaseToken, { to: 'pending', expiresAt: id === 'old' ? 5_000 : 1_000_000 }, 1_000);
      }
      expect(await s.expireAndErase(TENANT, 10_000, 0)).toEqual({ expired: 1, erased: 0 });
      expect((await s.get('old'))?.state).toBe('expired');
      expect(await s.expireAndErase(TENANT, 20_000, 15_000)).toEqual({ expired: 0, erased: 1 });
      expect(await s.get('old')).toMatchObject({ state: 'expired', address: null, name: null, organisation: null, reason: null, sponsor: null });
      expect(await s.get('new')).toMatchObject({ state: 'pending', address: 'new@example.org' });
      expect((await store.listAudit('old')).map((e) => e.event)).toEqual(['access-request-received', 'access-request-pending', 'access-request-expired']);
    });

    it('stores a tenant\'s policy (null until edited) and audits each change', async () => {
      const { store } = await openFresh();
      const s = store.accessRequests;
      expect(await s.getPolicy(TENANT)).toBeNull();
      const policy = { mode: 'pre-approved' as const, preApprovedDomains: ['partner.example'], dailyCap: 3, blockedDomains: ['spam.example'] };
      await s.putPolicy(TENANT, policy, `by ${ADMIN.upn} (${ADMIN.oid})`, 5_000);
      await s.putPolicy(TENANT, { ...policy, dailyCap: 4 }, `by ${ADMIN.upn} (${ADMIN.oid})`, 6_000);
      expect(await s.getPolicy(TENANT)).toEqual({ ...policy, dailyCap: 4, updatedBy: `by ${ADMIN.upn} (${ADMIN.oid})`, updatedAt: 6_000 });
      expect((await store.listAudit('access-policy')).map((e) => e.event)).toEqual(['access-policy-changed', 'access-policy-changed']);
    });
  });
}
