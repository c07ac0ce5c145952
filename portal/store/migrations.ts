// Versioned schema migrations for the SQLite store. Append only: never edit a migration that has shipped.
// Each runs in its own transaction together with its `schema_migrations` row (sqlite-store.ts). The PostgreSQL
// store has its own list (postgres-migrations.ts) with the SAME version numbers and meaning: a version is one
// schema, whatever the engine (test/store/engines.test.ts checks both reach the same version).

import { ACCESS_REQUESTS_MIGRATION_NAME, ACCESS_REQUESTS_SQLITE } from './access-requests-migration.ts';
import { GRAPH_BUDGET_TAKE_MIGRATION_NAME, GRAPH_BUDGET_TAKE_SQLITE } from './graph-budget-migration.ts';

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'resend requests, windows, rate limits, audit',
    sql: `
      CREATE TABLE store_meta (
        key   TEXT PRIMARY KEY,
        value BLOB NOT NULL
      );

      -- Sliding-window rate limits: one row per counted hit. Buckets carry hashes, never a clear IP or address.
      CREATE TABLE rate_limit_hits (
        bucket TEXT    NOT NULL,
        at     INTEGER NOT NULL
      );
      CREATE INDEX rate_limit_hits_bucket_at ON rate_limit_hits (bucket, at);
      CREATE INDEX rate_limit_hits_at ON rate_limit_hits (at);

      CREATE TABLE resend_jobs (
        id               TEXT PRIMARY KEY,
        tenant_key       TEXT    NOT NULL,
        address          TEXT,
        address_hash     TEXT    NOT NULL,
        state            TEXT    NOT NULL CHECK (state IN ('queued', 'in-flight', 'done', 'dead')),
        run_at           INTEGER NOT NULL,
        attempts         INTEGER NOT NULL DEFAULT 0,
        unknown_outcomes INTEGER NOT NULL DEFAULT 0,
        invite_in_flight INTEGER NOT NULL DEFAULT 0,
        lease_token      TEXT,
        lease_expires_at INTEGER,
        outcome          TEXT,
        last_error       TEXT,
        created_at       INTEGER NOT NULL,
        updated_at       INTEGER NOT NULL
      );
      CREATE INDEX resend_jobs_due ON resend_jobs (state, run_at);
      CREATE INDEX resend_jobs_lease ON resend_jobs (state, lease_expires_at);

      -- At most one invitation per address per window: the job that claimed the window, and until when.
      CREATE TABLE resend_windows (
        tenant_key   TEXT    NOT NULL,
        address_hash TEXT    NOT NULL,
        until        INTEGER NOT NULL,
        job_id       TEXT    NOT NULL,
        PRIMARY KEY (tenant_key, address_hash)
      );

      CREATE TABLE resend_audit (
        seq          INTEGER PRIMARY KEY AUTOINCREMENT,
        request_id   TEXT    NOT NULL,
        tenant_key   TEXT    NOT NULL,
        address_hash TEXT    NOT NULL,
        event        TEXT    NOT NULL,
        detail       TEXT,
        at           INTEGER NOT NULL
      );
      CREATE INDEX resend_audit_request ON resend_audit (request_id);
    `,
  },  {
    version: 2,
    name: 'shared Graph budget per tenant; indexes for retention',
    sql: `
      -- One Graph budget per tenant, shared by every instance and feature: a pause (Retry-After) and a log of the
      -- calls taken in the current budget period (graph-budget.ts).
      CREATE TABLE graph_budget (
        tenant_key   TEXT    PRIMARY KEY,
        paused_until INTEGER NOT NULL DEFAULT 0
      );
      CREATE TABLE graph_calls (
        tenant_key TEXT    NOT NULL,
        at         INTEGER NOT NULL
      );
      CREATE INDEX graph_calls_tenant_at ON graph_calls (tenant_key, at);

      CREATE INDEX resend_jobs_finished ON resend_jobs (state, updated_at);
      CREATE INDEX resend_audit_at ON resend_audit (at);
    `,
  },
  { version: 3, name: ACCESS_REQUESTS_MIGRATION_NAME, sql: ACCESS_REQUESTS_SQLITE },
  { version: 4, name: GRAPH_BUDGET_TAKE_MIGRATION_NAME, sql: GRAPH_BUDGET_TAKE_SQLITE },
  {
    version: 5,
    name: 'job kinds (resend, invite) with payload, actor and batch; a real held state; audit actor columns',
    sql: `
      -- SQLite can't change a CHECK constraint in place: the job table is rebuilt (same columns first, new ones after).
      CREATE TABLE resend_jobs_v3 (
        id               TEXT PRIMARY KEY,
        tenant_key       TEXT    NOT NULL,
        address          TEXT,
        address_hash     TEXT    NOT NULL,
        state            TEXT    NOT NULL CHECK (state IN ('queued', 'in-flight', 'held', 'done', 'dead')),
        run_at           INTEGER NOT NULL,
        attempts         INTEGER NOT NULL DEFAULT 0,
        unknown_outcomes INTEGER NOT NULL DEFAULT 0,
        invite_in_flight INTEGER NOT NULL DEFAULT 0,
        lease_token      TEXT,
        lease_expires_at INTEGER,
        outcome          TEXT,
        last_error       TEXT,
        created_at       INTEGER NOT NULL,
        updated_at       INTEGER NOT NULL,
        kind             TEXT    NOT NULL DEFAULT 'resend' CHECK (kind IN ('resend', 'invite')),
        payload          TEXT,
        actor_oid        TEXT,
        actor_upn        TEXT,
        batch_id         TEXT,
        batch_index      INTEGER,
        held_reason      TEXT,
        user_id          TEXT
      );
      -- Jobs held under the old convention (queued, last_error 'held: <step>: <detail>') become held jobs.
      INSERT INTO resend_jobs_v3 (id, tenant_key, address, address_hash, state, run_at, attempts, unknown_outcomes, invite_in_flight,
          lease_token, lease_expires_at, outcome, last_error, created_at, updated_at, held_reason)
        SELECT id, tenant_key, address, address_hash,
          CASE WHEN state = 'queued' AND last_error LIKE 'held: %' THEN 'held' ELSE state END,
          run_at, attempts, unknown_outcomes, invite_in_flight, lease_token, lease_expires_at, outcome, last_error, created_at, updated_at,
          CASE WHEN state = 'queued' AND last_error LIKE 'held: %' THEN 'credentials: ' || substr(last_error, 7) END
        FROM resend_jobs;
      DROP TABLE resend_jobs;
      ALTER TABLE resend_jobs_v3 RENAME TO resend_jobs;
      CREATE INDEX resend_jobs_due ON resend_jobs (state, run_at);
      CREATE INDEX resend_jobs_lease ON resend_jobs (state, lease_expires_at);
      CREATE INDEX resend_jobs_finished ON resend_jobs (state, updated_at);
      CREATE INDEX resend_jobs_address ON resend_jobs (tenant_key, address_hash, kind);
      CREATE INDEX resend_jobs_batch ON resend_jobs (tenant_key, batch_id, batch_index);
      CREATE INDEX resend_jobs_actor ON resend_jobs (tenant_key, actor_oid, state);

      -- Who did it, as columns (filtered in the store); old rows get it back from their 'by <upn> (<oid>)' detail.
      ALTER TABLE resend_audit ADD COLUMN actor_oid TEXT;
      ALTER TABLE resend_audit ADD COLUMN actor_upn TEXT;
      UPDATE resend_audit SET
          actor_upn = substr(detail, 4, instr(detail, ' (') - 4),
          actor_oid = substr(detail, instr(detail, ' (') + 2, 36)
        WHERE detail LIKE 'by % (%)%' AND instr(detail, ' (') > 4 AND substr(detail, instr(detail, ' (') + 38, 1) = ')';
      CREATE INDEX resend_audit_tenant_at ON resend_audit (tenant_key, at);
    `,
  },
];
