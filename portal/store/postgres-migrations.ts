// Versioned schema migrations for the PostgreSQL store: the same version numbers and meaning as the SQLite list
// (migrations.ts), written for PostgreSQL. Append only. postgres-store.ts applies them under an advisory lock, so
// several instances starting together apply each exactly once.
import { ACCESS_REQUESTS_MIGRATION_NAME, ACCESS_REQUESTS_POSTGRES } from './access-requests-migration.ts';
import { GRAPH_BUDGET_TAKE_MIGRATION_NAME, GRAPH_BUDGET_TAKE_POSTGRES } from './graph-budget-migration.ts';
import type { Migration } from './migrations.ts';

export const POSTGRES_MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'resend requests, windows, rate limits, audit',
    sql: `
      CREATE TABLE store_meta (
        key   TEXT PRIMARY KEY,
        value BYTEA NOT NULL
      );

      CREATE TABLE rate_limit_hits (
        bucket TEXT   NOT NULL,
        at     BIGINT NOT NULL
      );
      CREATE INDEX rate_limit_hits_bucket_at ON rate_limit_hits (bucket, at);
      CREATE INDEX rate_limit_hits_at ON rate_limit_hits (at);

      CREATE TABLE resend_jobs (
        id               TEXT    PRIMARY KEY,
        tenant_key       TEXT    NOT NULL,
        address          TEXT,
        address_hash     TEXT    NOT NULL,
        state            TEXT    NOT NULL CHECK (state IN ('queued', 'in-flight', 'done', 'dead')),
        run_at           BIGINT  NOT NULL,
        attempts         INTEGER NOT NULL DEFAULT 0,
        unknown_outcomes INTEGER NOT NULL DEFAULT 0,
        invite_in_flight BOOLEAN NOT NULL DEFAULT FALSE,
        lease_token      TEXT,
        lease_expires_at BIGINT,
        outcome          TEXT,
        last_error       TEXT,
        created_at       BIGINT  NOT NULL,
        updated_at       BIGINT  NOT NULL
      );
      CREATE INDEX resend_jobs_due ON resend_jobs (state, run_at);
      CREATE INDEX resend_jobs_lease ON resend_jobs (state, lease_expires_at);

      CREATE TABLE resend_windows (
        tenant_key   TEXT   NOT NULL,
        address_hash TEXT   NOT NULL,
        until        BIGINT NOT NULL,
        job_id       TEXT   NOT NULL,
        PRIMARY KEY (tenant_key, address_hash)
      );

      CREATE TABLE resend_audit (
        seq          BIGSERIAL PRIMARY KEY,
        request_id   TEXT   NOT NULL,
        tenant_key   TEXT   NOT NULL,
        address_hash TEXT   NOT NULL,
        event        TEXT   NOT NULL,
        detail       TEXT,
        at           BIGINT NOT NULL
      );
      CREATE INDEX resend_audit_request ON resend_audit (request_id);
    `,
  },
  {
    version: 2,
    name: 'shared Graph budget per tenant; indexes for retention',
    sql: `
      CREATE TABLE graph_budget (
        tenant_key   TEXT   PRIMARY KEY,
        paused_until BIGINT NOT NULL DEFAULT 0
      );
      CREATE TABLE graph_calls (
        tenant_key TEXT   NOT NULL,
        at         BIGINT NOT NULL
      );
      CREATE INDEX graph_calls_tenant_at ON graph_calls (tenant_key, at);

      CREATE INDEX resend_jobs_finished ON resend_jobs (state, updated_at);
      CREATE INDEX resend_audit_at ON resend_audit (at);
    `,
  },
  { version: 3, name: ACCESS_REQUESTS_MIGRATION_NAME, sql: ACCESS_REQUESTS_POSTGRES },
  { version: 4, name: GRAPH_BUDGET_TAKE_MIGRATION_NAME, sql: GRAPH_BUDGET_TAKE_POSTGRES },
  {
    version: 5,
    name: 'job kinds (resend, invite) with payload, actor and batch; a real held state; audit actor columns',
    sql: `
      ALTER TABLE resend_jobs DROP CONSTRAINT resend_jobs_state_check;
      ALTER TABLE resend_jobs ADD CONSTRAINT resend_jobs_state_check CHECK (state IN ('queued', 'in-flight', 'held', 'done', 'dead'));
      ALTER TABLE resend_jobs
        ADD COLUMN kind        TEXT NOT NULL DEFAULT 'resend' CHECK (kind IN ('resend', 'invite')),
        ADD COLUMN payload     TEXT,
        ADD COLUMN actor_oid   TEXT,
        ADD COLUMN actor_upn   TEXT,
        ADD COLUMN batch_id    TEXT,
        ADD COLUMN batch_index INTEGER,
        ADD COLUMN held_reason TEXT,
        ADD COLUMN user_id     TEXT;
      UPDATE resend_jobs SET state = 'held', held_reason = 'credentials: ' || substr(last_error, 7)
        WHERE state = 'queued' AND last_error LIKE 'held: %';
      CREATE INDEX resend_jobs_address ON resend_jobs (tenant_key, address_hash, kind);
      CREATE INDEX resend_jobs_batch ON resend_jobs (tenant_key, batch_id, batch_index);
      CREATE INDEX resend_jobs_actor ON resend_jobs (tenant_key, actor_oid, state);

      ALTER TABLE resend_audit ADD COLUMN actor_oid TEXT, ADD COLUMN actor_upn TEXT;
      UPDATE resend_audit SET actor_upn = m[1], actor_oid = m[2]
        FROM (SELECT seq, regexp_match(detail, '^by (\\S+) \\(([0-9a-fA-F-]{36})\\)') AS m FROM resend_audit) parsed
        WHERE parsed.seq = resend_audit.seq AND parsed.m IS NOT NULL;
      CREATE INDEX resend_audit_tenant_at ON resend_audit (tenant_key, at);
    `,
  },
];
