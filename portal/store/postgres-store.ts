// ResendStore on PostgreSQL (pg), for several portal instances on one database. Same contract as the SQLite store
// (test/store/contract.ts); what makes it hold across instances:
// - claims: `FOR UPDATE SKIP LOCKED` — two instances never claim the same job, and never wait on each other;
// - rate limits, the address window and the Graph budget: a transaction-scoped advisory lock (or a row lock) on the
//   bucket / address / tenant, so a check and its write can't interleave with another instance's;
// - migrations: applied under one advisory lock, so instances starting together apply each exactly once.
// BIGINT columns come back as strings by default; every one here holds epoch milliseconds or a count, far inside
// Number's exact range, so they are parsed as numbers.
import { randomBytes, randomUUID } from 'node:crypto';
import pg from 'pg';
import type { Migration } from './migrations.ts';
import { POSTGRES_MIGRATIONS } from './postgres-migrations.ts';
import type {
  AuditEntry,
  ClaimedJob,
  DeadLetter,
  EnqueueInviteResult,
  ExpiredJob,
  JobState,
  NewResendJob,
  ResendStore,
} from './store.ts';
import { rateLimitPruneBefore } from './store.ts';
import { actorPattern, AUDIT_SELECT, auditActor, auditEntry, jobActor, jobListing, jobSnapshot, type AuditRow, type JobRow as SharedJobRow } from './job-row.ts';
import { createAccessRequestStore, postgresRunner } from './access-requests-store.ts';

export interface PostgresStoreOptions {
  /** postgres://user:password@host:port/database (never logged: it may carry the password). */
  connectionString: string;
  /** Connections per instance (default 10). */
  poolSize?: number;
  migrations?: readonly Migration[];
}

/** Advisory lock keys (any fixed 64-bit numbers; they only need to differ from other users of the database). */
const MIGRATION_LOCK = 7_265_114_401;

const INT8 = 20;
const NUMERIC = 1700;
const types = {
  getTypeParser: ((oid: number, format?: string) =>
    oid === INT8 || oid === NUMERIC ? (value: string) => Number(value) : pg.types.getTypeParser(oid, format as 'text')) as typeof pg.types.getTypeParser,
};

type JobRow = SharedJobRow<boolean>;

type Queryable = Pick<pg.PoolClient, 'query'>;

/** Applies pending migrations: each in a transaction that first takes the migration lock and re-reads the versions. */
export async function migratePostgres(pool: pg.Pool, migrations: readonly Migration[] = POSTGRES_MIGRATIONS): Promise<number[]> {
  const done: number[] = [];
  for (const migration of [...migrations].sort((a, b) => a.version - b.version)) {
    await transaction(pool, async (db) => {
      await db.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
      await db.query(`CREATE TABLE IF NOT EXISTS schema_migrations (
        version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TIMESTAMPTZ NOT NULL DEFAULT now())`);
      const applied = await db.query('SELECT 1 FROM schema_migrations WHERE version = $1', [migration.version]);
      if (applied.rowCount) return;
      await db.query(migration.sql);
      await db.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [migration.version, migration.name]);
      done.push(migration.version);
    });
  }
  return done;
}

async function transaction<T>(pool: pg.Pool, work: (db: Queryable) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const result = await work(client);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}

export function createPostgresPool(connectionString: string, max = 10): pg.Pool {
  const pool = new pg.Pool({ connectionString, max, types, connectionTimeoutMillis: 10_000 });
  // An idle connection that the server drops (restart, failover) must not crash the process: pg emits it here.
  pool.on('error', () => undefined);
  return pool;
}

export async function openPostgresStore(options: PostgresStoreOptions): Promise<ResendStore> {
  const pool = createPostgresPool(options.connectionString, options.poolSize);
  const migrations = options.migrations ?? POSTGRES_MIGRATIONS;
  try {
    await migratePostgres(pool, migrations);
    await pool.query(`INSERT INTO store_meta (key, value) VALUES ('address-hash-key', $1) ON CONFLICT (key) DO NOTHING`, [randomBytes(32)]);
  } catch (error) {
    await pool.end().catch(() => undefined);
    throw error;
  }
  const hashKey = ((await pool.query(`SELECT value FROM store_meta WHERE key = 'address-hash-key'`)).rows[0] as { value: Buffer }).value;
  const expectedVersion = Math.max(...migrations.map((m) => m.version));
  const tx = <T>(work: (db: Queryable) => Promise<T>) => transaction(pool, work);
  const changed = async (sql: string, params: unknown[]) => ((await pool.query(sql, params)).rowCount ?? 0) > 0;

  const toClaimed = (row: JobRow): ClaimedJob => ({
    id: row.id,
    tenantKey: row.tenant_key,
    address: row.address ?? '',
    addressHash: row.address_hash,
    attempts: row.attempts,
    unknownOutcomes: row.unknown_outcomes,
    createdAt: row.created_at,
    leaseToken: row.lease_token!,
    kind: row.kind,
    payload: row.payload,
    actor: jobActor(row),
  });

  const insertAudit = (db: Queryable, e: AuditEntry) =>
    db.query('INSERT INTO resend_audit (request_id, tenant_key, address_hash, event, detail, at, actor_oid, actor_upn) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)', [
      e.requestId,
      e.tenantKey,
      e.addressHash,
      e.event,
      e.detail ?? null,
      e.at,
      auditActor(e)?.oid ?? null,
      auditActor(e)?.upn ?? null,
    ]);

  const insertJob = async (db: Queryable, job: NewResendJob, now: number) => {
    await db.query(
      `INSERT INTO resend_jobs (id, tenant_key, address, address_hash, state, run_at, created_at, updated_at, kind, payload, actor_oid, actor_upn, batch_id, batch_index)
       VALUES ($1, $2, $3, $4, 'queued', $5, $5, $5, $6, $7, $8, $9, $10::text,
         CASE WHEN $10::text IS NULL THEN NULL
              ELSE (SELECT COALESCE(MAX(batch_index), -1) + 1 FROM resend_jobs WHERE tenant_key = $2 AND batch_id = $10::text) END)`,
      [job.id, job.tenantKey, job.address, job.addressHash, now, job.kind ?? 'resend', job.payload ?? null, job.actor?.oid ?? null, job.actor?.upn ?? null, job.batchId ?? null],
    );
    await insertAudit(db, { requestId: job.id, tenantKey: job.tenantKey, addressHash: job.addressHash, event: 'accepted', at: now, ...(job.auditDetail ? { detail: job.auditDetail } : {}), ...(job.actor ? { actor: job.actor } : {}) });
  };

  const AUDIT_COLUMNS = AUDIT_SELECT;
  const WINDOW_OPEN = `SELECT w.until, w.job_id AS "jobId" FROM resend_windows w LEFT JOIN resend_jobs j ON j.id = w.job_id
    WHERE w.tenant_key = $1 AND w.address_hash = $2 AND (w.until > $3 OR (j.state = 'in-flight' AND j.invite_in_flight))`;
  const lockKey = (...parts: string[]) => parts.join('\n'); // no part holds a newline (keys, hashes)

  let lastPrune = 0;

  return {
    hashKey: async () => hashKey,
    accessRequests: createAccessRequestStore(postgresRunner(pool)),

    enqueue: (job, rules, now) =>
      tx(async (db) => {
        // One lock per bucket, always in the same order (no deadlock between two requests sharing two buckets).
        for (const bucket of [...new Set(rules.map((r) => r.bucket))].sort()) {
          await db.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [lockKey('rate', bucket)]);
        }
        for (const rule of rules) {
          const since = now - rule.windowMs;
          const { n } = (await db.query('SELECT COUNT(*) AS n FROM rate_limit_hits WHERE bucket = $1 AND at > $2', [rule.bucket, since])).rows[0] as { n: number };
          if (n >= rule.limit) {
            const row = (await db.query('SELECT at FROM rate_limit_hits WHERE bucket = $1 AND at > $2 ORDER BY at LIMIT 1 OFFSET $3', [rule.bucket, since, n - rule.limit])).rows[0] as
              | { at: number }
              | undefined;
            return { ok: false as const, retryAfterMs: Math.max(1, (row?.at ?? now) + rule.windowMs - now), bucket: rule.bucket };
          }
        }
        for (const rule of rules) await db.query('INSERT INTO rate_limit_hits (bucket, at) VALUES ($1, $2)', [rule.bucket, now]);
        await insertJob(db, job, now);
        const pruneBefore = rateLimitPruneBefore(rules, now);
        if (pruneBefore !== null && now - lastPrune > 60_000) {
          lastPrune = now;
          await db.query('DELETE FROM rate_limit_hits WHERE at <= $1', [pruneBefore]);
        }
        return { ok: true as const };
      }),

    enqueueInvite: (job, options, now) =>
      tx(async (db): Promise<EnqueueInviteResult> => {
        // "Is there an earlier invitation? then store this one" must be one step across instances: lock the address.
        await db.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [lockKey('invite', job.tenantKey, job.addressHash)]);
        if (job.batchId) await db.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [lockKey('batch', job.tenantKey, job.batchId)]);
        if (options.unlessInvited) {
          const earlier = (await db.query(
            `SELECT id FROM resend_jobs WHERE tenant_key = $1 AND address_hash = $2 AND kind = 'invite' AND state <> 'dead' ORDER BY created_at DESC LIMIT 1`,
            [job.tenantKey, job.addressHash],
          )).rows[0] as { id: string } | undefined;
          if (earlier) return { ok: false, existingJobId: earlier.id };
        }
        await insertJob(db, { ...job, kind: 'invite' }, now);
        return { ok: true };
      }),

    listBatch: async (tenantKey, batchId) =>
      ((await pool.query('SELECT * FROM resend_jobs WHERE tenant_key = $1 AND batch_id = $2 ORDER BY batch_index, created_at, id', [tenantKey, batchId])).rows as JobRow[]).map(jobListing),

    findJob: async (id) => {
      const row = (await pool.query('SELECT * FROM resend_jobs WHERE id = $1', [id])).rows[0] as JobRow | undefined;
      return row ? jobListing(row) : null;
    },

    releaseHeld: async ({ tenantKey, reason, actorOid }, now) =>
      (
        await pool.query(
          `UPDATE resend_jobs SET state = 'queued', run_at = $1, updated_at = $1
           WHERE tenant_key = $2 AND state = 'held' AND held_reason = $3 AND ($4::text IS NULL OR actor_oid = $4::text)`,
          [now, tenantKey, reason, actorOid ?? null],
        )
      ).rowCount ?? 0,

    earlierInvites: async (tenantKey, hashes) => {
      const { rows } = await pool.query(
        // Oldest first, so the newest of each address is the one a Map keeps.
        `SELECT address_hash AS hash, id FROM resend_jobs WHERE tenant_key = $1 AND kind = 'invite' AND state <> 'dead'
         AND address_hash = ANY($2::text[]) ORDER BY created_at, id`,
        [tenantKey, hashes],
      );
      return new Map((rows as { hash: string; id: string }[]).map((r) => [r.hash, r.id]));
    },

    claimDue: async (now, leaseMs, skipTenants = []) => {
      const { rows } = await pool.query(
        `UPDATE resend_jobs SET state = 'in-flight', lease_token = $1, lease_expires_at = $2, updated_at = $3
         WHERE id = (SELECT id FROM resend_jobs WHERE state IN ('queued', 'held') AND run_at <= $3 AND tenant_key <> ALL($4::text[])
                     ORDER BY run_at, created_at LIMIT 1 FOR UPDATE SKIP LOCKED)
         RETURNING *`,
        [randomUUID(), now + leaseMs, now, skipTenants],
      );
      return rows[0] ? toClaimed(rows[0] as JobRow) : null;
    },

    nextDueAt: async (skipTenants = []) =>
      ((await pool.query(`SELECT MIN(run_at) AS at FROM resend_jobs WHERE state IN ('queued', 'held') AND tenant_key <> ALL($1::text[])`, [skipTenants])).rows[0] as { at: number | null }).at,

    claimExpired: async (now, leaseMs) => {
      const { rows } = await pool.query(
        `UPDATE resend_jobs j SET lease_token = gen_random_uuid()::text, lease_expires_at = $2, updated_at = $1
         FROM (SELECT id FROM resend_jobs WHERE state = 'in-flight' AND lease_expires_at <= $1
               ORDER BY run_at FOR UPDATE SKIP LOCKED) expired
         WHERE j.id = expired.id
         RETURNING j.*`,
        [now, now + leaseMs],
      );
      return (rows as JobRow[]).map((row): ExpiredJob => ({ ...toClaimed(row), inviteInFlight: row.invite_in_flight }));
    },

    extendLease: (jobId, token, until) =>
      changed(`UPDATE resend_jobs SET lease_expires_at = $1 WHERE id = $2 AND lease_token = $3 AND state = 'in-flight'`, [until, jobId, token]),

    openWindow: async (tenantKey, addressHash, now) =>
      ((await pool.query(WINDOW_OPEN, [tenantKey, addressHash, now])).rows[0] as { until: number; jobId: string } | undefined) ?? null,

    beginInvite: (jobId, token, windowUntil, now) =>
      tx(async (db) => {
        const job = (await db.query(`SELECT * FROM resend_jobs WHERE id = $1 AND lease_token = $2 AND state = 'in-flight' FOR UPDATE`, [jobId, token]))
          .rows[0] as JobRow | undefined;
        if (!job) return { ok: false as const, reason: 'lease-lost' as const };
        // Two jobs for one address on two instances: the lock makes "is the window open? then take it" one step.
        await db.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [lockKey('window', job.tenant_key, job.address_hash)]);
        const open = (await db.query(WINDOW_OPEN, [job.tenant_key, job.address_hash, now])).rows[0] as { until: number; jobId: string } | undefined;
        if (open && open.jobId !== jobId) return { ok: false as const, reason: 'window-taken' as const, until: open.until };
        await db.query(
          `INSERT INTO resend_windows (tenant_key, address_hash, until, job_id) VALUES ($1, $2, $3, $4)
           ON CONFLICT (tenant_key, address_hash) DO UPDATE SET until = excluded.until, job_id = excluded.job_id`,
          [job.tenant_key, job.address_hash, Math.max(windowUntil, open?.until ?? 0), jobId],
        );
        await db.query('UPDATE resend_jobs SET invite_in_flight = TRUE, updated_at = $1 WHERE id = $2', [now, jobId]);
        return { ok: true as const };
      }),

    inviteNotSent: (jobId, token) =>
      changed(`UPDATE resend_jobs SET invite_in_flight = FALSE, updated_at = $1 WHERE id = $2 AND lease_token = $3 AND state = 'in-flight'`, [Date.now(), jobId, token]),

    transition: (jobId, token, change, entry) =>
      tx(async (db) => {
        const fenced = (set: string, params: unknown[]) =>
          db.query(`UPDATE resend_jobs SET ${set}, invite_in_flight = FALSE, lease_token = NULL, lease_expires_at = NULL
            WHERE id = $${params.length + 1} AND lease_token = $${params.length + 2} AND state = 'in-flight'`, [...params, jobId, token]);
        let result: pg.QueryResult;
        switch (change.to) {
          case 'done':
            result = await fenced(`state = 'done', outcome = $1, address = NULL, updated_at = $2, held_reason = NULL, user_id = COALESCE($3, user_id)`, [
              change.outcome,
              entry.at,
              change.userId ?? null,
            ]);
            break;
          case 'held':
            result = await fenced(`state = 'held', held_reason = $1, run_at = $2, updated_at = $3`, [change.reason, change.runAt, entry.at]);
            break;
          case 'queued':
            result = await fenced(`state = 'queued', run_at = $1, attempts = $2, unknown_outcomes = $3, last_error = $4, updated_at = $5, held_reason = NULL`, [
              change.runAt,
              change.attempts,
              change.unknownOutcomes,
              change.lastError,
              entry.at,
            ]);
            break;
          case 'dead':
            result = await fenced(`state = 'dead', outcome = $1, updated_at = $2, held_reason = NULL`, [change.reason, entry.at]);
            break;
        }
        if (!result.rowCount) return false;
        if ((change.to === 'done' || change.to === 'queued') && change.holdWindowUntil !== undefined) {
          await db.query(
            `UPDATE resend_windows w SET until = GREATEST(w.until, $1) FROM resend_jobs j
             WHERE j.id = $2 AND w.job_id = j.id AND w.tenant_key = j.tenant_key AND w.address_hash = j.address_hash`,
            [change.holdWindowUntil, jobId],
          );
        }
        await insertAudit(db, entry);
        return true;
      }),

    release: (jobId, token, runAt) =>
      changed(
        `UPDATE resend_jobs SET state = 'queued', run_at = $1, lease_token = NULL, lease_expires_at = NULL, updated_at = $2
         WHERE id = $3 AND lease_token = $4 AND state = 'in-flight' AND NOT invite_in_flight`,
        [runAt, Date.now(), jobId, token],
      ),

    // One round trip (graph-budget-migration.ts): the tenant's budget row is locked only while the server runs it.
    takeGraphCall: async (tenantKey, now, limit) => {
      const row = (await pool.query('SELECT ok, wait_ms, reason FROM guestpass_take_graph_call($1, $2, $3, $4)', [tenantKey, now, limit.calls, limit.perMs]))
        .rows[0] as { ok: boolean; wait_ms: string | number; reason: 'paused' | 'budget' | null };
      return row.ok ? { ok: true as const } : { ok: false as const, waitMs: Number(row.wait_ms), reason: row.reason! };
    },

    pauseGraph: async (tenantKey, until) => {
      await pool.query(
        `INSERT INTO graph_budget (tenant_key, paused_until) VALUES ($1, $2)
         ON CONFLICT (tenant_key) DO UPDATE SET paused_until = GREATEST(graph_budget.paused_until, excluded.paused_until)`,
        [tenantKey, until],
      );
    },

    graphPausedUntil: async (tenantKey) =>
      ((await pool.query('SELECT paused_until AS until FROM graph_budget WHERE tenant_key = $1', [tenantKey])).rows[0] as { until: number } | undefined)?.until ?? 0,

    prune: (before) =>
      tx(async (db) => {
        const jobs = await db.query(`DELETE FROM resend_jobs WHERE state IN ('done', 'dead') AND updated_at < $1`, [before]);
        const audit = await db.query('DELETE FROM resend_audit WHERE at < $1', [before]);
        const windows = await db.query(
          `DELETE FROM resend_windows WHERE until < $1
           AND job_id NOT IN (SELECT id FROM resend_jobs WHERE state = 'in-flight' AND invite_in_flight)`,
          [before],
        );
        await db.query('DELETE FROM graph_calls WHERE at < $1', [before]);
        return { jobs: jobs.rowCount ?? 0, audit: audit.rowCount ?? 0, windows: windows.rowCount ?? 0 };
      }),

    status: async () => {
      const { v } = (await pool.query('SELECT MAX(version) AS v FROM schema_migrations')).rows[0] as { v: number | null };
      return { engine: 'postgres', schemaVersion: v ?? 0, expectedVersion };
    },

    audit: async (entry) => {
      await insertAudit(pool, entry);
    },

    listAudit: async (requestId) => {
      const { rows } =
        requestId === undefined
          ? await pool.query(`SELECT ${AUDIT_COLUMNS} FROM resend_audit ORDER BY seq`)
          : await pool.query(`SELECT ${AUDIT_COLUMNS} FROM resend_audit WHERE request_id = $1 ORDER BY seq`, [requestId]);
      return (rows as AuditRow[]).map(auditEntry);
    },

    queryAudit: async (filter) => {
      const where = ['tenant_key = $1'];
      const params: unknown[] = [filter.tenantKey];
      if (filter.actor) {
        params.push(actorPattern(filter.actor));
        where.push(`(lower(actor_upn) LIKE $${params.length} ESCAPE '\\' OR lower(actor_oid) LIKE $${params.length} ESCAPE '\\')`);
      }
      if (filter.action) {
        params.push(filter.action);
        where.push(`event = $${params.length}`);
      }
      if (filter.from !== undefined) {
        params.push(filter.from);
        where.push(`at >= $${params.length}`);
      }
      if (filter.to !== undefined) {
        params.push(filter.to);
        where.push(`at <= $${params.length}`);
      }
      params.push(Math.max(1, Math.min(filter.limit, 5000)));
      const { rows } = await pool.query(`SELECT ${AUDIT_COLUMNS} FROM resend_audit WHERE ${where.join(' AND ')} ORDER BY at DESC, seq DESC LIMIT $${params.length}`, params);
      return (rows as AuditRow[]).map(auditEntry);
    },

    listDeadLetters: async () =>
      (
        await pool.query(`SELECT id AS "requestId", tenant_key AS "tenantKey", address, outcome AS reason, attempts,
          created_at AS "createdAt", updated_at AS "deadAt" FROM resend_jobs WHERE state = 'dead' ORDER BY updated_at, id`)
      ).rows as DeadLetter[],

    retryDead: (jobId, now, entry) =>
      transaction(pool, async (db) => {
        const moved = await db.query(
          `UPDATE resend_jobs SET state = 'queued', run_at = $1, attempts = 0, unknown_outcomes = 0, outcome = NULL,
           last_error = NULL, updated_at = $1 WHERE id = $2 AND state = 'dead'`,
          [now, jobId],
        );
        if ((moved.rowCount ?? 0) === 0) return false;
        await insertAudit(db, entry);
        return true;
      }),

    listJobs: async (filter) => {
      const where = ['tenant_key = $1'];
      const params: unknown[] = [filter.tenantKey];
      if (filter.states?.length) {
        params.push([...filter.states]);
        where.push(`state = ANY($${params.length})`);
      }
      if (filter.addressHash !== undefined) {
        params.push(filter.addressHash);
        where.push(`address_hash = $${params.length}`);
      }
      if (filter.kind !== undefined) {
        params.push(filter.kind);
        where.push(`kind = $${params.length}`);
      }
      params.push(Math.max(1, Math.min(filter.limit, 1000)));
      const { rows } = await pool.query(`SELECT * FROM resend_jobs WHERE ${where.join(' AND ')} ORDER BY created_at DESC, id LIMIT $${params.length}`, params);
      return (rows as JobRow[]).map(jobListing);
    },

    getJob: async (id) => {
      const row = (await pool.query('SELECT * FROM resend_jobs WHERE id = $1', [id])).rows[0] as JobRow | undefined;
      return row ? jobSnapshot(row) : null;
    },

    countJobs: async () => {
      const counts: Record<JobState, number> = { queued: 0, 'in-flight': 0, held: 0, done: 0, dead: 0 };
      for (const row of (await pool.query('SELECT state, COUNT(*) AS n FROM resend_jobs GROUP BY state')).rows as { state: JobState; n: number }[]) {
        counts[row.state] = row.n;
      }
      return counts;
    },

    close: async () => {
      await pool.end();
    },
  };
}
