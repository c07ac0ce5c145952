// The SQLite engine: the store contract, plus what only SQLite has — its migration runner, WAL mode, and several
// processes opening one fresh file at once.
import Database from 'better-sqlite3';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { MIGRATIONS } from '../../portal/store/migrations.ts';
import { migrate, openSqliteStore, schemaVersion } from '../../portal/store/sqlite-store.ts';
import type { ResendStore } from '../../portal/store/store.ts';
import { tempDatabasePath } from '../resend/support.ts';
import { storeContract } from './contract.ts';
import { accessRequestContract } from './access-requests-contract.ts';

const opened: ResendStore[] = [];
const open = (path: string) => {
  const store = openSqliteStore({ path, synchronous: 'NORMAL' });
  opened.push(store);
  return store;
};
afterEach(async () => {
  for (const store of opened.splice(0)) await store.close();
});

const freshSqlite = async () => {
  const path = tempDatabasePath('contract');
  return { store: open(path), reopen: async () => open(path) };
};
storeContract('SQLite', freshSqlite);
accessRequestContract('SQLite', freshSqlite);

const FIXTURE = fileURLToPath(new URL('./fixtures/open-sqlite.ts', import.meta.url));

/** Starts `count` processes that open `path` at the same moment; resolves with each one's exit code and output. */
async function openTogether(path: string, count: number, env: Record<string, string> = {}) {
  const startAt = Date.now() + 1_500; // after every process has loaded tsx and better-sqlite3
  return Promise.all(
    Array.from({ length: count }, () => {
      const child = spawn(process.execPath, ['--import', 'tsx', FIXTURE], {
        env: { ...process.env, STORE_PATH: path, START_AT: String(startAt), ...env },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let out = '';
      let err = '';
      child.stdout.on('data', (c) => (out += c));
      child.stderr.on('data', (c) => (err += c));
      return new Promise<{ code: number | null; out: string; err: string }>((resolve) => child.on('exit', (code) => resolve({ code, out, err })));
    }),
  );
}

describe('SQLite migrations', () => {
  it('applies numbered migrations once, each recorded in schema_migrations, and runs in WAL mode', async () => {
    const path = tempDatabasePath('migrate');
    await open(path).close();
    await open(path).close();
    const db = new Database(path);
    const versions = db.prepare('SELECT version FROM schema_migrations ORDER BY version').all() as { version: number }[];
    expect(versions.map((v) => v.version)).toEqual(MIGRATIONS.map((m) => m.version));
    expect(schemaVersion(db)).toBe(MIGRATIONS.at(-1)!.version);
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

  it('when three processes start on a fresh database during a slow migration, it runs once and none of them fails', async () => {
    const path = tempDatabasePath('race-slow');
    const results = await openTogether(path, 3, { SLOW_MIGRATION: '1' });
    for (const r of results) expect(r, r.err).toMatchObject({ code: 0 });
    // Every version was applied by exactly one process.
    const applied = results.flatMap((r) => JSON.parse(r.out) as number[]).sort((a, b) => a - b);
    expect(applied).toEqual([1, ...MIGRATIONS.map((m) => m.version + 1)]);
  }, 60_000);

  it('when four portal processes open one fresh database file at once, all of them start', async () => {
    const path = tempDatabasePath('race');
    const results = await openTogether(path, 4);
    for (const r of results) expect(r, r.err).toMatchObject({ code: 0 });
    const db = new Database(path);
    expect(schemaVersion(db)).toBe(MIGRATIONS.at(-1)!.version);
    db.close();
  }, 60_000);
});
