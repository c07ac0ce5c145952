// Liveness and readiness apart: /healthz says the process serves; /readyz says this instance can do its work (the
// database answers, its migrations are applied) — what a load balancer routes by.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MIGRATIONS } from '../../portal/store/migrations.ts';
import { openPostgresStore } from '../../portal/store/postgres-store.ts';
import { openSqliteStore } from '../../portal/store/sqlite-store.ts';
import { tempDatabasePath } from '../resend/support.ts';
import { startPostgres, type TestPostgres } from '../support/postgres.ts';
import { get, startTestPortal } from './helpers.ts';

let pgServer: TestPostgres;
beforeAll(async () => {
  pgServer = await startPostgres();
}, 120_000);
afterAll(async () => {
  await pgServer?.stop();
});

describe('GET /healthz and GET /readyz', () => {
  it('a links-only portal (no store) is alive and ready', async () => {
    const portal = await startTestPortal();
    expect(await (await get(`${portal.url}/healthz`)).json()).toMatchObject({ status: 'ok' });
    const ready = await get(`${portal.url}/readyz`);
    expect(ready.status).toBe(200);
    expect(ready.headers.get('cache-control')).toBe('no-store');
    expect(await ready.json()).toEqual({ status: 'ready', database: 'none' });
    await portal.close();
  });

  it('on SQLite with every migration applied, the instance is ready', async () => {
    const store = openSqliteStore({ path: tempDatabasePath('ready') });
    const portal = await startTestPortal({ storeStatus: () => store.status() });
    const ready = await get(`${portal.url}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: 'ready', database: { engine: 'sqlite', schemaVersion: MIGRATIONS.at(-1)!.version, expectedVersion: MIGRATIONS.at(-1)!.version } });
    await portal.close();
    await store.close();
  });

  it('when the code expects a migration the database lacks, the instance is alive but not ready (503)', async () => {
    const store = openSqliteStore({ path: tempDatabasePath('ready-old') });
    // A newer build of the portal on this database: it knows a migration which nobody has applied yet.
    const portal = await startTestPortal({ storeStatus: async () => ({ ...(await store.status()), expectedVersion: MIGRATIONS.at(-1)!.version + 1 }) });
    expect((await get(`${portal.url}/healthz`)).status).toBe(200);
    const ready = await get(`${portal.url}/readyz`);
    expect(ready.status).toBe(503);
    expect(await ready.json()).toMatchObject({ status: 'not-ready', reason: 'migrations-pending' });
    await portal.close();
    await store.close();
  });

  it('on PostgreSQL: ready while the server answers; when it goes away, 503 not-ready while /healthz stays 200', async () => {
    const url = await pgServer.createDatabase();
    const store = await openPostgresStore({ connectionString: url });
    const portal = await startTestPortal({ storeStatus: () => store.status() });
    const ready = await get(`${portal.url}/readyz`);
    expect(await ready.json()).toEqual({ status: 'ready', database: { engine: 'postgres', schemaVersion: MIGRATIONS.at(-1)!.version, expectedVersion: MIGRATIONS.at(-1)!.version } });

    await pgServer.stop();
    const down = await get(`${portal.url}/readyz`);
    expect(down.status).toBe(503);
    const body = await down.json();
    expect(body).toEqual({ status: 'not-ready', reason: 'database-unreachable' });
    expect(JSON.stringify(body)).not.toContain('127.0.0.1');
    expect((await get(`${portal.url}/healthz`)).status).toBe(200);
    expect(portal.logs.join('\n')).toMatch(/readiness: database unreachable/);
    await portal.close();
    await store.close().catch(() => undefined);
    pgServer = await startPostgres(); // afterAll stops it
  }, 60_000);
});
