// Both engines describe one schema per version number: a fresh SQLite file and a fresh PostgreSQL database reach
// the same version, with the same tables.
import Database from 'better-sqlite3';
import pg from 'pg';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { MIGRATIONS } from '../../portal/store/migrations.ts';
import { POSTGRES_MIGRATIONS } from '../../portal/store/postgres-migrations.ts';
import { createPostgresPool, migratePostgres, openPostgresStore } from '../../portal/store/postgres-store.ts';
import { migrate, openSqliteStore } from '../../portal/store/sqlite-store.ts';
import type { ResendStore } from '../../portal/store/store.ts';
import { tempDatabasePath } from '../resend/support.ts';
import { startPostgres, type TestPostgres } from '../support/postgres.ts';

let server: TestPostgres;
beforeAll(async () => {
  server = await startPostgres();
}, 120_000);
afterAll(async () => {
  await server?.stop();
});

it('SQLite and PostgreSQL reach the same migration version, with the same names and the same tables', async () => {
  expect(POSTGRES_MIGRATIONS.map((m) => [m.version, m.name])).toEqual(MIGRATIONS.map((m) => [m.version, m.name]));

  const path = tempDatabasePath('engines');
  const sqlite = openSqliteStore({ path });
  const url = await server.createDatabase();
  const postgres = await openPostgresStore({ connectionString: url });
  const [a, b] = [await sqlite.status(), await postgres.status()];
  expect(a).toEqual({ engine: 'sqlite', schemaVersion: MIGRATIONS.at(-1)!.version, expectedVersion: MIGRATIONS.at(-1)!.version });
  expect(b).toEqual({ engine: 'postgres', schemaVersion: a.schemaVersion, expectedVersion: a.expectedVersion });
  await sqlite.close();
  await postgres.close();

  const db = new Database(path, { readonly: true });
  const sqliteTables = (db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name`).all() as { name: string }[]).map((r) => r.name);
  db.close();
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const pgTables = (await client.query(`SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename`)).rows.map((r) => r.name as string);
  await client.end();
  expect(pgTables).toEqual(sqliteTables);
});

it('migration 5 on both engines: a job held under the old convention (queued, "held: …" error) becomes a held job, and old audit rows get their actor from "by <upn> (<oid>)"', async () => {
  const OID = '11111111-2222-4333-8444-555555555555';
  // Rows as the version-2 code wrote them.
  const rows = [
    `INSERT INTO resend_jobs (id, tenant_key, address, address_hash, state, run_at, last_error, created_at, updated_at)
     VALUES ('old-held', 't', 'a@example.com', 'h', 'queued', 70, 'held: lookup: HTTP 403 Authorization_RequestDenied', 10, 20)`,
    `INSERT INTO resend_jobs (id, tenant_key, address, address_hash, state, run_at, last_error, created_at, updated_at)
     VALUES ('retrying', 't', 'b@example.com', 'h2', 'queued', 80, 'lookup: HTTP 503', 10, 20)`,
    `INSERT INTO resend_audit (request_id, tenant_key, address_hash, event, detail, at) VALUES ('old-held', 't', 'h', 'accepted', NULL, 10)`,
    `INSERT INTO resend_audit (request_id, tenant_key, address_hash, event, detail, at) VALUES ('old-held', 't', 'h', 'admin-resend', 'by admin@contoso.com (${OID})', 30)`,
    `INSERT INTO resend_audit (request_id, tenant_key, address_hash, event, detail, at) VALUES ('old-held', 't', 'h', 'retry-requested', 'by admin@contoso.com (${OID}); was: lookup-failed: HTTP 404', 40)`,
  ];
  const check = async (store: ResendStore) => {
    expect(await store.findJob('old-held')).toMatchObject({ state: 'held', heldReason: 'credentials: lookup: HTTP 403 Authorization_RequestDenied', kind: 'resend', runAt: 70 });
    expect(await store.findJob('retrying')).toMatchObject({ state: 'queued', heldReason: null, lastError: 'lookup: HTTP 503' });
    expect((await store.listAudit('old-held')).map((a) => a.actor ?? null)).toEqual([null, { oid: OID, upn: 'admin@contoso.com' }, { oid: OID, upn: 'admin@contoso.com' }]);
    expect((await store.queryAudit({ tenantKey: 't', actor: 'contoso', limit: 10 })).map((a) => a.event)).toEqual(['retry-requested', 'admin-resend']);
    await store.close();
  };

  const path = tempDatabasePath('migration-3');
  const db = new Database(path);
  migrate(db, MIGRATIONS.filter((m) => m.version <= 2));
  for (const sql of rows) db.exec(sql);
  db.close();
  await check(openSqliteStore({ path }));

  const url = await server.createDatabase();
  const pool = createPostgresPool(url, 1);
  await migratePostgres(pool, POSTGRES_MIGRATIONS.filter((m) => m.version <= 2));
  for (const sql of rows) await pool.query(sql);
  await pool.end();
  await check(await openPostgresStore({ connectionString: url }));
});
