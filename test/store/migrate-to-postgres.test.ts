// `npm run db:migrate-to-postgres`: an existing SQLite store moves to PostgreSQL with nothing lost — jobs in every
// state, windows, rate-limit counters, Graph pauses, the audit trail in order, and the address-hash key (without
// which no copied window or counter would match a new request).
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPostgresStore } from '../../portal/store/postgres-store.ts';
import { openSqliteStore } from '../../portal/store/sqlite-store.ts';
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
  return store;
}

describe('moving a SQLite store to PostgreSQL', () => {
  it('copies every job, window, counter, pause, audit record and the hash key, with progress output', async () => {
    const path = tempDatabasePath('to-postgres');
    const sqlite = await busySqliteStore(path);
    const url = await server.createDatabase();
    const result = await runCommand(['--from', path, '--to', url]);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toMatch(/resend_jobs: 500\/1202\n.*resend_jobs: 1000\/1202\n.*resend_jobs: 1202\/1202/s);
    expect(result.stderr).toMatch(/resend_audit: \d+\/\d+/);
    expect(result.stderr).toMatch(/address-hash key copied/);
    expect(result.stderr + result.stdout).not.toContain(new URL(url).password);
    expect(JSON.parse(result.stdout)).toMatchObject({ copied: { resend_jobs: 1202, resend_windows: 2, graph_budget: 1 } });

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
    // New audit records continue after the copied ones.
    await pgStore.audit({ requestId: 'new', tenantKey: 't', addressHash: 'h', event: 'after-move', at: T0 + 50 });
    expect((await pgStore.listAudit()).at(-1)?.event).toBe('after-move');
    await pgStore.close();
    await sqlite.close();
  }, 120_000);

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
