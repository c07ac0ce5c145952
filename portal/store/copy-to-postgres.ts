// Moving an existing SQLite store to PostgreSQL: every job (queued, in flight, done, dead — addresses included where
// they are still kept), window, rate-limit counter, Graph pause, audit record, access request and access policy,
// and the address-hash key (without it, the copied windows and counters would no longer match the hashes of new
// requests). test/store/migrate-to-postgres.test.ts checks that every table and column of the schema is copied or
// named in NOT_COPIED with its reason, so a new table cannot be forgotten here.
//
//   npm run db:migrate-to-postgres -- --from ./data/guestpass.sqlite --to "$DATABASE_URL"
//
// Stop every portal instance first. Both databases are migrated to the current schema, then everything is copied in
// ONE PostgreSQL transaction: an interrupted copy leaves the target empty, and it can simply be run again. A target
// that already holds resend data is refused (nothing is merged or overwritten).
import Database from 'better-sqlite3';
import { existsSync } from 'node:fs';
import type pg from 'pg';
import { createPostgresPool, migratePostgres } from './postgres-store.ts';
import { migrate } from './sqlite-store.ts';

export interface CopyReport {
  /** Rows copied per table. */
  rows: Record<string, number>;
}

interface TableCopy {
  table: string;
  columns: string[];
  /** ORDER BY for a stable copy (the audit keeps its order). */
  order: string;
  convert?: (row: Record<string, unknown>) => Record<string, unknown>;
  onConflict?: string;
}

export const TABLES: TableCopy[] = [
  { table: 'rate_limit_hits', columns: ['bucket', 'at'], order: 'rowid' },
  {
    table: 'resend_jobs',
    columns: ['id', 'tenant_key', 'address', 'address_hash', 'state', 'run_at', 'attempts', 'unknown_outcomes', 'invite_in_flight', 'lease_token', 'lease_expires_at', 'outcome', 'last_error', 'created_at', 'updated_at',
      'kind', 'payload', 'actor_oid', 'actor_upn', 'batch_id', 'batch_index', 'held_reason', 'user_id'],
    order: 'created_at, id',
    convert: (row) => ({ ...row, invite_in_flight: row.invite_in_flight === 1 }),
  },
  { table: 'resend_windows', columns: ['tenant_key', 'address_hash', 'until', 'job_id'], order: 'tenant_key, address_hash' },
  { table: 'resend_audit', columns: ['seq', 'request_id', 'tenant_key', 'address_hash', 'event', 'detail', 'at', 'actor_oid', 'actor_upn'], order: 'seq' },
  {
    table: 'graph_budget',
    columns: ['tenant_key', 'paused_until'],
    order: 'tenant_key',
    onConflict: 'ON CONFLICT (tenant_key) DO UPDATE SET paused_until = GREATEST(graph_budget.paused_until, excluded.paused_until)',
  },
  {
    table: 'access_requests',
    columns: ['id', 'tenant_key', 'address', 'address_hash', 'name', 'organisation', 'reason', 'sponsor', 'lang', 'state', 'asks', 'run_at', 'attempts', 'lease_token', 'lease_expires_at', 'created_at', 'updated_at', 'expires_at',
      'decision', 'decided_by_oid', 'decided_by_upn', 'decided_at', 'message', 'redirect_url', 'note', 'job_id', 'outcome', 'last_error', 'erased_at'],
    order: 'created_at, id',
  },
  { table: 'access_policies', columns: ['tenant_key', 'mode', 'pre_approved_domains', 'daily_cap', 'blocked_domains', 'updated_by', 'updated_at'], order: 'tenant_key' },
];

/** Tables of the SQLite schema that are not copied row by row, and why. */
export const NOT_COPIED: Record<string, string> = {
  schema_migrations: 'each engine records its own migrations (both are brought to the current version first)',
  store_meta: 'its one row, the address-hash key, is copied on its own before the tables',
  graph_calls: "the Graph budget's calls of its last window (a second by default): over once the instances are stopped",
};

const BATCH = 500;

export async function copySqliteToPostgres(options: { from: string; to: string; progress?: (line: string) => void }): Promise<CopyReport> {
  const progress = options.progress ?? (() => undefined);
  if (!existsSync(options.from)) throw new Error(`no SQLite database at ${options.from}`);
  const source = new Database(options.from, { fileMustExist: true });
  source.pragma('busy_timeout = 5000');
  const pool = createPostgresPool(options.to, 2);
  try {
    const applied = migrate(source);
    if (applied.length) progress(`source: applied migrations ${applied.join(', ')}`);
    await migratePostgres(pool);
    const client = await pool.connect();
    try {
      await client.query('BEGIN');
      await refuseNonEmpty(client);
      const rows: Record<string, number> = {};
      const key = source.prepare(`SELECT value FROM store_meta WHERE key = 'address-hash-key'`).get() as { value: Buffer } | undefined;
      if (key) {
        await client.query(
          `INSERT INTO store_meta (key, value) VALUES ('address-hash-key', $1) ON CONFLICT (key) DO UPDATE SET value = excluded.value`,
          [key.value],
        );
        progress('store_meta: address-hash key copied');
      }
      for (const spec of TABLES) rows[spec.table] = await copyTable(source, client, spec, progress);
      // The audit's sequence continues after the copied records.
      await client.query(`SELECT setval(pg_get_serial_sequence('resend_audit', 'seq'), GREATEST((SELECT MAX(seq) FROM resend_audit), 1))`);
      await client.query('COMMIT');
      progress('done: committed');
      return { rows };
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  } finally {
    source.close();
    await pool.end();
  }
}

async function refuseNonEmpty(client: pg.PoolClient): Promise<void> {
  for (const table of ['resend_jobs', 'resend_audit', 'resend_windows', 'access_requests']) {
    const { rows } = await client.query(`SELECT EXISTS (SELECT 1 FROM ${table}) AS used`);
    if ((rows[0] as { used: boolean }).used) {
      throw new Error(`the target database already holds resend data (${table} is not empty); nothing was copied`);
    }
  }
}

async function copyTable(source: Database.Database, client: pg.PoolClient, spec: TableCopy, progress: (line: string) => void): Promise<number> {
  const total = (source.prepare(`SELECT COUNT(*) AS n FROM ${spec.table}`).get() as { n: number }).n;
  const select = source.prepare(`SELECT ${spec.columns.join(', ')} FROM ${spec.table} ORDER BY ${spec.order} LIMIT ? OFFSET ?`);
  let copied = 0;
  while (copied < total) {
    const batch = (select.all(BATCH, copied) as Record<string, unknown>[]).map((row) => spec.convert?.(row) ?? row);
    if (batch.length === 0) break;
    const values: unknown[] = [];
    const tuples = batch.map((row, i) => {
      for (const column of spec.columns) values.push(row[column]);
      return `(${spec.columns.map((_, j) => `$${i * spec.columns.length + j + 1}`).join(', ')})`;
    });
    await client.query(`INSERT INTO ${spec.table} (${spec.columns.join(', ')}) VALUES ${tuples.join(', ')} ${spec.onConflict ?? ''}`, values);
    copied += batch.length;
    progress(`${spec.table}: ${copied}/${total}`);
  }
  if (total === 0) progress(`${spec.table}: 0/0`);
  return copied;
}
