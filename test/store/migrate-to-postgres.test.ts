// `npm run db:migrate-to-postgres`: an existing SQLite store moves to PostgreSQL with nothing lost — jobs in every
// state, windows, rate-limit counters, Graph pauses, the audit trail in order, access requests in every state with
// what the requester wrote, access policies, and the address-hash key (without which no copied window or counter
// would match a new request). Every table and column of the schema is copied or named as not copied, with a reason.
import Database from 'better-sqlite3';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { NewAccessRequest } from '../../portal/access-requests/types.ts';
import { NOT_COPIED, TABLES } from '../../portal/store/copy-to-postgres.ts';
import { openPostgresStore } from '../../portal/store/postgres-store.ts';
import { migrate, openSqliteStore } from '../../portal/store/sqlite-store.ts';
import type { RateLimitRule, ResendStore } from '../../portal/store/store.ts';
import { tempDatabasePath } from '../resend/support.ts';
import { startPostgres, type TestPostgres } from '../support/postgres.ts';
import { job } from './contract.ts';

const COMMAND = fileURLToPath(new URL('../../portal/store/migrate-to-postgres.ts', import.meta.url));
const HOUR = 3_600_000;
const T0 = Date.UTC(2026, 10, 29, 8);

let server: TestPostgres;
beforeAll(async () => {
  server = await startPostgres();
}, 120_000);
afterAll(async () => {
  await server?.stop();
});

function runCommand(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', COMMAND, ...args], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, DATABASE_URL: '' } });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (c) => (stdout += c));
  child.stderr.on('data', (c) => (stderr += c));
  return new Promise((resolve) => child.on('exit', (code) => resolve({ code, stdout, stderr })));
}

/** A SQLite store with something in every table: the state an instance leaves behind when it is stopped. */
async function busySqliteStore(path: string): Promise<ResendStore> {
  const store = openSqliteStore({ path });
  const limit: RateLimitRule[] = [{ bucket: 'address:h-limited', limit: 2, windowMs: HOUR }];
  for (let i = 0; i < 1_200; i++) await store.enqueue(job(`bulk-${String(i).padStart(4, '0')}`), [], T0 - HOUR + i);
  await store.enqueue(job('limited-1', 'h-limited'), limit, T0);
  await store.enqueue(job('limited-2', 'h-limited'), limit, T0 + 1);
  // Finish a few: done (address cleared), dead (address kept), in flight with its invitation maybe sent.
  const claim = async () => (await store.claimDue(T0 + 10, 60_000))!;
  const a = await claim();
  await store.beginInvite(a.id, a.leaseToken, T0 + HOUR, T0 + 10);
  await store.transition(a.id, a.leaseToken, { to: 'done', outcome: 'sent', holdWindowUntil: T0 + HOUR }, { requestId: a.id, tenantKey: a.tenantKey, addressHash: a.addressHash, event: 'sent', at: T0 + 20 });
  const b = await claim();
  await store.transition(b.id, b.leaseToken, { to: 'dead', reason: 'invite-failed: HTTP 403' }, { requestId: b.id, tenantKey: b.tenantKey, addressHash: b.addressHash, event: 'dead-letter', detail: 'invite-failed: HTTP 403', at: T0 + 30 });
  const c = await claim();
  await store.beginInvite(c.id, c.leaseToken, T0 + HOUR, T0 + 40);
  await store.pauseGraph('contoso.onmicrosoft.com', T0 + 90_000);
  // Access requests: one waiting for an approver, one approved and handed to the queue, one denied with a note.
  const s = store.accessRequests;
  for (const id of ['ar-pending', 'ar-approved', 'ar-denied']) {
    await s.intake(accessRequest(id), [{ bucket: 'access-ip:1', limit: 10, windowMs: HOUR }], T0 + 50);
    const c = (await s.claim(T0 + 50, 60_000))!;
    await s.settle(c.id, c.leaseToken, { to: 'pending', expiresAt: T0 + 14 * 24 * HOUR }, T0 + 60);
  }
  const approved = await s.approve('ar-approved', TENANT, { by: APPROVER, message: 'Welcome', redirectUrl: 'https://contoso.com/x' }, T0 + 70, 60_000);
  await s.recordInvitation('ar-approved', approved.ok ? approved.leaseToken! : '', { jobId: 'job-ar' }, T0 + 80);
  await s.deny('ar-denied', TENANT, { by: APPROVER, note: 'not a partner of ours' }, T0 + 90);
  await s.putPolicy(TENANT, { mode: 'pre-approved', preApprovedDomains: ['partner.example'], dailyCap: 5, blockedDomains: ['spam.example'] }, 'by admin (oid)', T0 + 95);
  return store;
}

const TENANT = 'contoso.onmicrosoft.com';
const APPROVER = { oid: '00000000-0000-4000-8000-0000000000a1', upn: 'approver@contoso.onmicrosoft.com' };
const accessRequest = (id: string): NewAccessRequest => ({
  id,
  tenantKey: TENANT,
  address: `${id}@partner.example`,
  addressHash: `hash-${id}`,
  name: `Name ${id}`,
  organisation: 'Partner Ltd',
  reason: 'Project Falcon',
  sponsor: 'sponsor@contoso.com',
  lang: 'fr',
});

describe('moving a SQLite store to PostgreSQL', () => {
  it('copies every job, window, counter, pause, audit record, access request and access policy and the hash key, with progress output', async () => {
    const path = tempDatabasePath('to-postgres');
    const sqlite = await busySqliteStore(path);
    const url = await server.createDatabase();
    const result = await runCommand(['--from', path, '--to', url]);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toMatch(/resend_jobs: 500\/1202\n.*resend_jobs: 1000\/1202\n.*resend_jobs: 1202\/1202/s);
    expect(result.stderr).toMatch(/resend_audit: \d+\/\d+/);
    expect(result.stderr).toMatch(/address-hash key copied/);
    expect(result.stderr + result.stdout).not.toContain(new URL(url).password);
    expect(JSON.parse(result.stdout)).toMatchObject({ copied: { resend_jobs: 1202, resend_windows: 2, graph_budget: 1, access_requests: 3, access_policies: 1 } });

    const pgStore = await openPostgresStore({ connectionString: url });
    expect((await pgStore.hashKey()).equals(await sqlite.hashKey())).toBe(true);
    expect(await pgStore.countJobs()).toEqual(await sqlite.countJobs());
    expect(await pgStore.listDeadLetters()).toEqual(await sqlite.listDeadLetters());
    expect(await pgStore.listAudit()).toEqual(await sqlite.listAudit());
    for (const id of ['bulk-0000', 'bulk-0001', 'bulk-0002', 'bulk-0700', 'limited-2']) expect(await pgStore.getJob(id)).toEqual(await sqlite.getJob(id));
    // The window of the sent job, and the one held by the job whose invitation may be in flight, hold on PostgreSQL.
    expect(await pgStore.openWindow('contoso.onmicrosoft.com', 'hash-bulk-0000', T0 + 2 * HOUR)).toBeNull();
    expect(await pgStore.openWindow('contoso.onmicrosoft.com', 'hash-bulk-0000', T0 + 100)).toEqual({ until: T0 + HOUR, jobId: 'bulk-0000' });
    expect((await pgStore.openWindow('contoso.onmicrosoft.com', 'hash-bulk-0002', T0 + 10 * HOUR))?.jobId).toBe('bulk-0002');
    const [expired] = await pgStore.claimExpired(T0 + 10 * HOUR, 60_000);
    expect(expired).toMatchObject({ id: 'bulk-0002', inviteInFlight: true });
    // The counters: this address already used its two requests this hour.
    expect(await pgStore.enqueue(job('limited-3', 'h-limited'), [{ bucket: 'address:h-limited', limit: 2, windowMs: HOUR }], T0 + 2)).toMatchObject({ ok: false });
    expect(await pgStore.graphPausedUntil('contoso.onmicrosoft.com')).toBe(T0 + 90_000);
    // Access requests with everything the requester and the approvers wrote, and the tenant's policy.
    for (const id of ['ar-pending', 'ar-approved', 'ar-denied']) expect(await pgStore.accessRequests.get(id)).toEqual(await sqlite.accessRequests.get(id));
    expect(await pgStore.accessRequests.get('ar-denied')).toMatchObject({ state: 'denied', note: 'not a partner of ours', address: 'ar-denied@partner.example', name: 'Name ar-denied' });
    expect(await pgStore.accessRequests.list({ tenantKey: TENANT, limit: 10 })).toEqual(await sqlite.accessRequests.list({ tenantKey: TENANT, limit: 10 }));
    expect(await pgStore.accessRequests.getPolicy(TENANT)).toEqual(await sqlite.accessRequests.getPolicy(TENANT));
    expect((await pgStore.accessRequests.getPolicy(TENANT))?.mode).toBe('pre-approved');
    // The pending request still waits for an approver on PostgreSQL.
    expect(await pgStore.accessRequests.approve('ar-pending', TENANT, { by: APPROVER }, T0 + 100, 60_000)).toMatchObject({ ok: true });
    // New audit records continue after the copied ones.
    await pgStore.audit({ requestId: 'new', tenantKey: 't', addressHash: 'h', event: 'after-move', at: T0 + 50 });
    expect((await pgStore.listAudit()).at(-1)?.event).toBe('after-move');
    await pgStore.close();
    await sqlite.close();
  }, 120_000);

  it('every table and column of the SQLite schema is copied, or named as not copied with its reason', () => {
    const db = new Database(':memory:');
    migrate(db);
    const tables = (db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name`).all() as { name: string }[]).map((t) => t.name);
    const copied = new Map(TABLES.map((t) => [t.table, t.columns]));
    for (const table of tables) {
      if (table in NOT_COPIED) continue;
      expect(copied.has(table), `${table} is neither copied nor in NOT_COPIED`).toBe(true);
      const columns = (db.prepare(`PRAGMA table_info(${table})`).all() as { name: string }[]).map((c) => c.name);
      expect([...copied.get(table)!].sort(), `columns of ${table}`).toEqual(columns.sort());
    }
    db.close();
  });

  it('refuses a target that already holds resend data, and leaves it as it was', async () => {
    const path = tempDatabasePath('to-postgres-again');
    const sqlite = openSqliteStore({ path });
    await sqlite.enqueue(job('x'), [], T0);
    await sqlite.close();
    const url = await server.createDatabase();
    const target = await openPostgresStore({ connectionString: url });
    await target.enqueue(job('already-there'), [], T0);
    const result = await runCommand(['--from', path, '--to', url]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/already holds resend data.*nothing was copied/);
    expect(await target.getJob('x')).toBeNull();
    expect((await target.countJobs()).queued).toBe(1);
    await target.close();
  }, 60_000);

  it('without --from, or with a --to that is not PostgreSQL, prints the usage and exits 2', async () => {
    expect(await runCommand([])).toMatchObject({ code: 2, stderr: expect.stringMatching(/usage: npm run db:migrate-to-postgres/) });
    expect(await runCommand(['--from', 'x.sqlite', '--to', 'mysql://db/x'])).toMatchObject({ code: 2, stderr: expect.stringMatching(/postgres:\/\//) });
  }, 60_000);
});
