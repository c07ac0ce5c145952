// Both engines describe one schema per version number: a fresh SQLite file and a fresh PostgreSQL database reach
// the same version, with the same tables.
import Database from 'better-sqlite3';
import pg from 'pg';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { MIGRATIONS } from '../../portal/store/migrations.ts';
import { POSTGRES_MIGRATIONS } from '../../portal/store/postgres-migrations.ts';
import { openPostgresStore } from '../../portal/store/postgres-store.ts';
import { openSqliteStore } from '../../portal/store/sqlite-store.ts';
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
