// The SQLite store on its own: migrations, rate limits that survive a reopen, windows, lease fencing.
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { MIGRATIONS } from '../../portal/store/migrations.ts';
import { migrate, openSqliteStore } from '../../portal/store/sqlite-store.ts';
import type { RateLimitRule, ResendStore } from '../../portal/store/store.ts';
import { tempDatabasePath } from './support.ts';

const HOUR = 3_600_000;
const opened: ResendStore[] = [];
const open = (path: string) => {
  const store = openSqliteStore({ path });
  opened.push(store);
  return store;
};
afterEach(() => {
  for (const store of opened.splice(0)) store.close();
});

const job = (id: string, addressHash = `hash-${id}`) => ({ id, tenantKey: 'contoso.onmicrosoft.com', address: `${id}@example.com`, addressHash });

describe('SQLite store', () => {
  it('applies numbered migrations once, each recorded in schema_migrations, and runs in WAL mode', () => {
    const path = tempDatabasePath('migrate');
    open(path).close();
    open(path).close();
    const db = new Database(path);
    const versions = db.prepare('SELECT version FROM schema_migrations ORDER BY version').all() as { version: number }[];
    expect(versions.map((v) => v.version)).toEqual(MIGRATIONS.map((m) => m.version));
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    db.close();
  });

  it('rolls a failing migration back completely and does not record it', () => {
    const db = new Database(':memory:');
    const broken = [...MIGRATIONS, { version: 99, name: 'broken', sql: 'CREATE TABLE half_done (x INTEGER); SELECT * FROM no_such_table;' }];
    expect(() => migrate(db, broken)).toThrow(/no_such_table/);
    expect(db.prepare("SELECT name FROM sqlite_master WHERE name = 'half_done'").get()).toBeUndefined();
    expect(db.prepare('SELECT version FROM schema_migrations WHERE version = 99').get()).toBeUndefined();
    db.close();
  });

  it('when an address is over its hourly limit, the limit still applies after the store is reopened', () => {
    const path = tempDatabasePath('rate');
    const rules: RateLimitRule[] = [{ bucket: 'address:abc', limit: 2, windowMs: HOUR }];
    const t0 = Date.UTC(2026, 10, 27, 7, 0, 0);
    let store = open(path);
    expect(store.enqueue(job('a'), rules, t0)).toEqual({ ok: true });
    expect(store.enqueue(job('b'), rules, t0 + 60_000)).toEqual({ ok: true });
    store.close();

    store = open(path);
    const refused = store.enqueue(job('c'), rules, t0 + 120_000);
    // The first hit leaves the window at t0 + 1 h: 58 minutes from the third request.
    expect(refused).toEqual({ ok: false, retryAfterMs: HOUR - 120_000, bucket: 'address:abc' });
    expect(store.getJob('c')).toBeNull();
    expect(store.enqueue(job('d'), rules, t0 + HOUR + 1)).toEqual({ ok: true });
  });

  it('the address-hash key is created once and is the same after a reopen', () => {
    const path = tempDatabasePath('key');
    const first = open(path).hashKey().toString('hex');
    expect(open(path).hashKey().toString('hex')).toBe(first);
    expect(open(tempDatabasePath('key2')).hashKey().toString('hex')).not.toBe(first);
  });

  it('a second job for the same address cannot claim an open window; the owner can renew it', () => {
    const store = open(tempDatabasePath('window'));
    const t0 = 1_000_000;
    store.enqueue(job('first', 'same'), [], t0);
    store.enqueue(job('second', 'same'), [], t0);
    const a = store.claimDue(t0, 60_000)!;
    const b = store.claimDue(t0, 60_000)!;
    expect(store.beginInvite(a.id, a.leaseToken, t0 + HOUR, t0)).toEqual({ ok: true });
    expect(store.beginInvite(b.id, b.leaseToken, t0 + HOUR, t0)).toEqual({ ok: false, reason: 'window-taken', until: t0 + HOUR });
    expect(store.beginInvite(a.id, a.leaseToken, t0 + HOUR + 5, t0 + 5)).toEqual({ ok: true });
    // While the invitation may be in flight, the window stays closed past its end time.
    expect(store.openWindow(a.tenantKey, 'same', t0 + 10 * HOUR)?.jobId).toBe('first');
    store.inviteNotSent(a.id, a.leaseToken);
    expect(store.openWindow(a.tenantKey, 'same', t0 + HOUR + 1)?.jobId).toBe('first');
    expect(store.openWindow(a.tenantKey, 'same', t0 + HOUR + 5)).toBeNull();
  });

  it('after a lease expires, the old holder can no longer move the job', () => {
    const store = open(tempDatabasePath('lease'));
    store.enqueue(job('j'), [], 0);
    const stale = store.claimDue(0, 1_000)!;
    const [recovered] = store.claimExpired(5_000, 1_000);
    expect(recovered?.id).toBe('j');
    const audit = { requestId: 'j', tenantKey: stale.tenantKey, addressHash: stale.addressHash, event: 'x', at: 5_000 };
    expect(store.transition('j', stale.leaseToken, { to: 'done', outcome: 'sent' }, audit)).toBe(false);
    expect(store.transition('j', recovered!.leaseToken, { to: 'done', outcome: 'sent' }, audit)).toBe(true);
    expect(store.getJob('j')).toMatchObject({ state: 'done', outcome: 'sent', address: null });
  });

  it('dead letters keep the address and the reason for an admin', () => {
    const store = open(tempDatabasePath('dead'));
    store.enqueue(job('d'), [], 10);
    const claimed = store.claimDue(10, 1_000)!;
    store.transition('d', claimed.leaseToken, { to: 'dead', reason: 'invite-failed: HTTP 403' }, {
      requestId: 'd', tenantKey: claimed.tenantKey, addressHash: claimed.addressHash, event: 'dead-letter', at: 20,
    });
    expect(store.listDeadLetters()).toEqual([
      { requestId: 'd', tenantKey: claimed.tenantKey, address: 'd@example.com', reason: 'invite-failed: HTTP 403', attempts: 0, createdAt: 10, deadAt: 20 },
    ]);
  });
});
