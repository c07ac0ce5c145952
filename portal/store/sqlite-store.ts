// ResendStore on SQLite (better-sqlite3): WAL journal, versioned migrations, synchronous transactions.
// `synchronous = FULL` by default: an `accepted` answer is only given after the job is on disk, even across a
// power cut (NORMAL would survive a process crash but not an OS crash). better-sqlite3 is synchronous, so a
// transaction here can never interleave with another call of this process.
// An fsync blocks the event loop (guest pages wait behind it), so only the commits that a power cut must not undo
// pay for one: a stored request (enqueue), the window claimed before POST /invitations (beginInvite), and admin
// writes. The worker's other commits (claims, leases, transitions, releases, the Graph budget) run without one: in
// WAL mode a later FULL commit makes them durable too, and losing the last of them in a power cut only takes a job
// back to "in flight", which lease expiry recovers — as an unknown outcome, held for a window, once beginInvite's
// durable claim says an invitation may have gone out (worker.ts). The bench's p99 row measures what this buys.
import Database from 'better-sqlite3';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { MIGRATIONS, type Migration } from './migrations.ts';
import type {
  AuditEntry,
  BeginInviteResult,
  ClaimedJob,
  DeadLetter,
  EnqueueInviteResult,
  EnqueueResult,
  ExpiredJob,
  GraphCallGrant,
  GraphCallLimit,
  JobState,
  JobTransition,
  NewResendJob,
  RateLimitRule,
  ResendStore,
} from './store.ts';
import { rateLimitPruneBefore } from './store.ts';
import { actorPattern, AUDIT_SELECT, auditActor, auditEntry, jobActor, jobListing, jobSnapshot, type AuditRow, type JobRow as SharedJobRow } from './job-row.ts';
import { createAccessRequestStore, sqliteRunner } from './access-requests-store.ts';

export interface SqliteStoreOptions {
  /** File path, or ':memory:' (tests of the store alone). */
  path: string;
  synchronous?: 'FULL' | 'NORMAL';
  migrations?: readonly Migration[];
}

type JobRow = SharedJobRow<number>;

/**
 * Applies pending migrations, each in an IMMEDIATE transaction together with its schema_migrations row. The
 * applied versions are read inside that write transaction: when two processes start on a fresh file at once, the
 * second waits for the first's lock and then sees the version already recorded, instead of running it again
 * ("table already exists"). Returns the versions this call applied.
 */
export function migrate(db: Database.Database, migrations: readonly Migration[] = MIGRATIONS): number[] {
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)`);
  const isApplied = db.prepare('SELECT 1 FROM schema_migrations WHERE version = ?');
  const record = db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)');
  const done: number[] = [];
  for (const migration of [...migrations].sort((a, b) => a.version - b.version)) {
    db.transaction(() => {
      if (isApplied.get(migration.version)) return;
      db.exec(migration.sql);
      record.run(migration.version, migration.name, new Date().toISOString());
      done.push(migration.version);
    }).immediate();
  }
  return done;
}

/** The highest migration version recorded in the database (readiness, and the engines' version test). */
export function schemaVersion(db: Database.Database): number {
  return (db.prepare('SELECT MAX(version) AS v FROM schema_migrations').get() as { v: number | null }).v ?? 0;
}

/**
 * Switches the file to WAL. SQLite answers SQLITE_BUSY to `journal_mode` at once, without its busy handler, while
 * another process holds the lock this needs (seen when three processes open a fresh file during a long migration),
 * so the switch is retried for up to `timeoutMs` before the error is let through.
 */
export function enableWal(db: Database.Database, timeoutMs = 10_000): void {
  const pause = new Int32Array(new SharedArrayBuffer(4));
  for (let waited = 0; ; waited += 50) {
    try {
      db.pragma('journal_mode = WAL');
      return;
    } catch (error) {
      if ((error as { code?: string }).code !== 'SQLITE_BUSY' || waited >= timeoutMs) throw error;
      Atomics.wait(pause, 0, 0, 50); // a synchronous open: nothing else to do until the other process lets go
    }
  }
}

export function openSqliteStore(options: SqliteStoreOptions): ResendStore {
  if (options.path !== ':memory:') mkdirSync(dirname(options.path), { recursive: true });
  const db = new Database(options.path);
  // Several processes (a second instance, or a restarted worker while the old one dies) may open the same file;
  // set before anything else, so even switching a fresh file to WAL waits for the other process instead of failing.
  db.pragma('busy_timeout = 5000');
  enableWal(db);
  db.pragma(`synchronous = ${options.synchronous ?? 'FULL'}`);
  db.pragma('foreign_keys = ON');
  migrate(db, options.migrations);

  db.prepare('INSERT OR IGNORE INTO store_meta (key, value) VALUES (?, ?)').run('address-hash-key', randomBytes(32));
  const hashKey = (db.prepare('SELECT value FROM store_meta WHERE key = ?').get('address-hash-key') as { value: Buffer })
    .value;

  const q = {
    countHits: db.prepare('SELECT COUNT(*) AS n FROM rate_limit_hits WHERE bucket = ? AND at > ?'),
    nthHit: db.prepare('SELECT at FROM rate_limit_hits WHERE bucket = ? AND at > ? ORDER BY at LIMIT 1 OFFSET ?'),
    addHit: db.prepare('INSERT INTO rate_limit_hits (bucket, at) VALUES (?, ?)'),
    pruneHits: db.prepare('DELETE FROM rate_limit_hits WHERE at <= ?'),
    insertJob: db.prepare(`INSERT INTO resend_jobs (id, tenant_key, address, address_hash, state, run_at, created_at, updated_at,
        kind, payload, actor_oid, actor_upn, batch_id, batch_index)
      VALUES (@id, @tenantKey, @address, @addressHash, 'queued', @now, @now, @now, @kind, @payload, @actorOid, @actorUpn, @batchId,
        CASE WHEN @batchId IS NULL THEN NULL
             ELSE (SELECT COALESCE(MAX(batch_index), -1) + 1 FROM resend_jobs WHERE tenant_key = @tenantKey AND batch_id = @batchId) END)`),
    insertAudit: db.prepare(`INSERT INTO resend_audit (request_id, tenant_key, address_hash, event, detail, at, actor_oid, actor_upn)
      VALUES (@requestId, @tenantKey, @addressHash, @event, @detail, @at, @actorOid, @actorUpn)`),
    earlierInvite: db.prepare(`SELECT id FROM resend_jobs WHERE tenant_key = ? AND address_hash = ? AND kind = 'invite' AND state <> 'dead'
      ORDER BY created_at DESC LIMIT 1`),
    // Oldest first, so the newest of each address is the one a Map keeps.
    earlierInvites: db.prepare(`SELECT address_hash AS hash, id FROM resend_jobs WHERE tenant_key = ? AND kind = 'invite' AND state <> 'dead'
      AND address_hash IN (SELECT value FROM json_each(?)) ORDER BY created_at, id`),
    // The tenants to pass over come as one JSON array ('[]' for none): one prepared statement for any number of them.
    nextDue: db.prepare(`SELECT * FROM resend_jobs WHERE state IN ('queued', 'held') AND run_at <= ?
      AND tenant_key NOT IN (SELECT value FROM json_each(?)) ORDER BY run_at, created_at LIMIT 1`),
    minRunAt: db.prepare(`SELECT MIN(run_at) AS at FROM resend_jobs WHERE state IN ('queued', 'held')
      AND tenant_key NOT IN (SELECT value FROM json_each(?))`),
    lease: db.prepare(`UPDATE resend_jobs SET state = 'in-flight', lease_token = ?, lease_expires_at = ?, updated_at = ?
      WHERE id = ? AND (state IN ('queued', 'held') OR (state = 'in-flight' AND lease_expires_at <= ?))`),
    hold: db.prepare(`UPDATE resend_jobs SET state = 'held', held_reason = ?, run_at = ?, invite_in_flight = 0, lease_token = NULL,
      lease_expires_at = NULL, updated_at = ? WHERE id = ? AND lease_token = ? AND state = 'in-flight'`),
    releaseHeld: db.prepare(`UPDATE resend_jobs SET state = 'queued', run_at = ?, updated_at = ?
      WHERE tenant_key = ? AND state = 'held' AND held_reason = ? AND (? IS NULL OR actor_oid = ?)`),
    batch: db.prepare(`SELECT * FROM resend_jobs WHERE tenant_key = ? AND batch_id = ? ORDER BY batch_index, created_at, id`),
    expired: db.prepare(`SELECT * FROM resend_jobs WHERE state = 'in-flight' AND lease_expires_at <= ? ORDER BY run_at`),
    extend: db.prepare(`UPDATE resend_jobs SET lease_expires_at = ? WHERE id = ? AND lease_token = ? AND state = 'in-flight'`),
    // A window stays closed while its job may be inside POST /invitations, whatever `until` says: the email's
    // send time is unknown until the answer (or the job's recovery) arrives.
    window: db.prepare(`SELECT w.until, w.job_id AS jobId FROM resend_windows w LEFT JOIN resend_jobs j ON j.id = w.job_id
      WHERE w.tenant_key = ? AND w.address_hash = ? AND (w.until > ? OR (j.state = 'in-flight' AND j.invite_in_flight = 1))`),
    upsertWindow: db.prepare(`INSERT INTO resend_windows (tenant_key, address_hash, until, job_id) VALUES (?, ?, ?, ?)
      ON CONFLICT (tenant_key, address_hash) DO UPDATE SET until = excluded.until, job_id = excluded.job_id`),
    holdWindow: db.prepare(`UPDATE resend_windows SET until = MAX(until, ?)
      WHERE job_id = ? AND tenant_key = (SELECT tenant_key FROM resend_jobs WHERE id = ?)
        AND address_hash = (SELECT address_hash FROM resend_jobs WHERE id = ?)`),
    getLeased: db.prepare(`SELECT * FROM resend_jobs WHERE id = ? AND lease_token = ? AND state = 'in-flight'`),
    markInvite: db.prepare(`UPDATE resend_jobs SET invite_in_flight = ?, updated_at = ? WHERE id = ? AND lease_token = ? AND state = 'in-flight'`),
    done: db.prepare(`UPDATE resend_jobs SET state = 'done', outcome = ?, user_id = COALESCE(?, user_id), held_reason = NULL, address = NULL, invite_in_flight = 0,
      lease_token = NULL, lease_expires_at = NULL, updated_at = ? WHERE id = ? AND lease_token = ? AND state = 'in-flight'`),
    requeue: db.prepare(`UPDATE resend_jobs SET state = 'queued', run_at = ?, attempts = ?, unknown_outcomes = ?, last_error = ?,
      held_reason = NULL, invite_in_flight = 0, lease_token = NULL, lease_expires_at = NULL, updated_at = ?
      WHERE id = ? AND lease_token = ? AND state = 'in-flight'`),
    dead: db.prepare(`UPDATE resend_jobs SET state = 'dead', outcome = ?, held_reason = NULL, invite_in_flight = 0, lease_token = NULL,
      lease_expires_at = NULL, updated_at = ? WHERE id = ? AND lease_token = ? AND state = 'in-flight'`),
    release: db.prepare(`UPDATE resend_jobs SET state = 'queued', run_at = ?, lease_token = NULL, lease_expires_at = NULL,
      updated_at = ? WHERE id = ? AND lease_token = ? AND state = 'in-flight' AND invite_in_flight = 0`),
    audit: db.prepare(`SELECT ${AUDIT_SELECT} FROM resend_audit ORDER BY seq`),
    auditFor: db.prepare(`SELECT ${AUDIT_SELECT} FROM resend_audit WHERE request_id = ? ORDER BY seq`),
    deadLetters: db.prepare(`SELECT id AS requestId, tenant_key AS tenantKey, address, outcome AS reason, attempts,
      created_at AS createdAt, updated_at AS deadAt FROM resend_jobs WHERE state = 'dead' ORDER BY updated_at`),
    getJob: db.prepare('SELECT * FROM resend_jobs WHERE id = ?'),
    retryDead: db.prepare(`UPDATE resend_jobs SET state = 'queued', run_at = ?, attempts = 0, unknown_outcomes = 0, outcome = NULL,
      last_error = NULL, updated_at = ? WHERE id = ? AND state = 'dead'`),
    counts: db.prepare('SELECT state, COUNT(*) AS n FROM resend_jobs GROUP BY state'),
    ensureBudget: db.prepare('INSERT OR IGNORE INTO graph_budget (tenant_key) VALUES (?)'),
    pausedUntil: db.prepare('SELECT paused_until AS until FROM graph_budget WHERE tenant_key = ?'),
    pause: db.prepare('UPDATE graph_budget SET paused_until = MAX(paused_until, ?) WHERE tenant_key = ?'),
    pruneCalls: db.prepare('DELETE FROM graph_calls WHERE tenant_key = ? AND at <= ?'),
    nthNewestCall: db.prepare('SELECT at FROM graph_calls WHERE tenant_key = ? ORDER BY at DESC LIMIT 1 OFFSET ?'),
    addCall: db.prepare('INSERT INTO graph_calls (tenant_key, at) VALUES (?, ?)'),
    pruneJobs: db.prepare(`DELETE FROM resend_jobs WHERE state IN ('done', 'dead') AND updated_at < ?`),
    pruneAudit: db.prepare('DELETE FROM resend_audit WHERE at < ?'),
    pruneWindows: db.prepare(`DELETE FROM resend_windows WHERE until < ?
      AND job_id NOT IN (SELECT id FROM resend_jobs WHERE state = 'in-flight' AND invite_in_flight = 1)`),
    pruneAllCalls: db.prepare('DELETE FROM graph_calls WHERE at < ?'),
  };


  const toClaimed = (row: JobRow, leaseToken: string): ClaimedJob => ({
    id: row.id,
    tenantKey: row.tenant_key,
    address: row.address ?? '',
    addressHash: row.address_hash,
    attempts: row.attempts,
    unknownOutcomes: row.unknown_outcomes,
    createdAt: row.created_at,
    leaseToken,
    kind: row.kind,
    payload: row.payload,
    actor: jobActor(row),
  });

  const writeAudit = (entry: AuditEntry): void => {
    const actor = auditActor(entry);
    const { requestId, tenantKey, addressHash, event, at } = entry;
    q.insertAudit.run({ requestId, tenantKey, addressHash, event, at, detail: entry.detail ?? null, actorOid: actor?.oid ?? null, actorUpn: actor?.upn ?? null });
  };
  const insertJob = (job: NewResendJob, now: number) => {
    q.insertJob.run({
      id: job.id,
      tenantKey: job.tenantKey,
      address: job.address,
      addressHash: job.addressHash,
      now,
      kind: job.kind ?? 'resend',
      payload: job.payload ?? null,
      actorOid: job.actor?.oid ?? null,
      actorUpn: job.actor?.upn ?? null,
      batchId: job.batchId ?? null,
    });
    writeAudit({ requestId: job.id, tenantKey: job.tenantKey, addressHash: job.addressHash, event: 'accepted', at: now, ...(job.auditDetail ? { detail: job.auditDetail } : {}), ...(job.actor ? { actor: job.actor } : {}) });
  };

  let lastPrune = 0;

  const enqueue = db.transaction((job: NewResendJob, rules: readonly RateLimitRule[], now: number): EnqueueResult => {
    const pruneBefore = rateLimitPruneBefore(rules, now);
    if (pruneBefore !== null && now - lastPrune > 60_000) {
      q.pruneHits.run(pruneBefore);
      lastPrune = now;
    }
    for (const rule of rules) {
      const since = now - rule.windowMs;
      const { n } = q.countHits.get(rule.bucket, since) as { n: number };
      if (n >= rule.limit) {
        // The hit whose expiry brings the count back under the limit.
        const row = q.nthHit.get(rule.bucket, since, n - rule.limit) as { at: number } | undefined;
        const retryAfterMs = Math.max(1, (row?.at ?? now) + rule.windowMs - now);
        return { ok: false, retryAfterMs, bucket: rule.bucket };
      }
    }
    for (const rule of rules) q.addHit.run(rule.bucket, now);
    insertJob(job, now);
    return { ok: true };
  });

  const enqueueInvite = db.transaction((job: NewResendJob, unlessInvited: boolean, now: number): EnqueueInviteResult => {
    if (unlessInvited) {
      const earlier = q.earlierInvite.get(job.tenantKey, job.addressHash) as { id: string } | undefined;
      if (earlier) return { ok: false, existingJobId: earlier.id };
    }
    insertJob({ ...job, kind: 'invite' }, now);
    return { ok: true };
  });

  const claimDue = db.transaction((now: number, leaseMs: number, skipTenants: string): ClaimedJob | null => {
    const row = q.nextDue.get(now, skipTenants) as JobRow | undefined;
    if (!row) return null;
    const token = randomUUID();
    q.lease.run(token, now + leaseMs, now, row.id, now);
    return toClaimed(row, token);
  });

  const claimExpired = db.transaction((now: number, leaseMs: number): ExpiredJob[] => {
    const rows = q.expired.all(now) as JobRow[];
    return rows.map((row) => {
      const token = randomUUID();
      q.lease.run(token, now + leaseMs, now, row.id, now);
      return { ...toClaimed(row, token), inviteInFlight: row.invite_in_flight === 1 };
    });
  });

  const beginInvite = db.transaction((jobId: string, leaseToken: string, windowUntil: number, now: number): BeginInviteResult => {
    const row = q.getLeased.get(jobId, leaseToken) as JobRow | undefined;
    if (!row) return { ok: false, reason: 'lease-lost' };
    const open = q.window.get(row.tenant_key, row.address_hash, now) as { until: number; jobId: string } | undefined;
    if (open && open.jobId !== jobId) return { ok: false, reason: 'window-taken', until: open.until };
    q.upsertWindow.run(row.tenant_key, row.address_hash, Math.max(windowUntil, open?.until ?? 0), jobId);
    q.markInvite.run(1, now, jobId, leaseToken);
    return { ok: true };
  });

  const transition = db.transaction((jobId: string, leaseToken: string, change: JobTransition, entry: AuditEntry): boolean => {
    let changed: number;
    switch (change.to) {
      case 'done':
        changed = q.done.run(change.outcome, change.userId ?? null, entry.at, jobId, leaseToken).changes;
        break;
      case 'held':
        changed = q.hold.run(change.reason, change.runAt, entry.at, jobId, leaseToken).changes;
        break;
      case 'queued':
        changed = q.requeue.run(change.runAt, change.attempts, change.unknownOutcomes, change.lastError, entry.at, jobId, leaseToken).changes;
        break;
      case 'dead':
        changed = q.dead.run(change.reason, entry.at, jobId, leaseToken).changes;
        break;
    }
    if (changed === 0) return false;
    if ((change.to === 'done' || change.to === 'queued') && change.holdWindowUntil !== undefined) q.holdWindow.run(change.holdWindowUntil, jobId, jobId, jobId);
    writeAudit(entry);
    return true;
  });

  const takeGraphCall = db.transaction((tenantKey: string, now: number, limit: GraphCallLimit): GraphCallGrant => {
    q.ensureBudget.run(tenantKey);
    const paused = (q.pausedUntil.get(tenantKey) as { until: number }).until;
    if (paused > now) return { ok: false, waitMs: paused - now, reason: 'paused' };
    q.pruneCalls.run(tenantKey, now - limit.perMs);
    // The call that must leave the period before another fits: the `calls`-th newest.
    const full = q.nthNewestCall.get(tenantKey, limit.calls - 1) as { at: number } | undefined;
    if (full) return { ok: false, waitMs: Math.max(1, full.at + limit.perMs - now), reason: 'budget' };
    q.addCall.run(tenantKey, now);
    return { ok: true };
  });

  const prune = db.transaction((before: number) => ({
    jobs: q.pruneJobs.run(before).changes,
    audit: q.pruneAudit.run(before).changes,
    windows: q.pruneWindows.run(before).changes,
    calls: q.pruneAllCalls.run(before).changes,
  }));

  /**
   * The Graph budget is written for every Graph call; losing its last rows in a power cut costs nothing (at worst a
   * few calls are not counted), so its commits skip the fsync that jobs and windows need (WAL + NORMAL).
   */
  const durability = options.synchronous ?? 'FULL';
  const withoutFsync = <T>(work: () => T): T => {
    if (durability === 'NORMAL') return work();
    db.pragma('synchronous = NORMAL');
    try {
      return work();
    } finally {
      db.pragma(`synchronous = ${durability}`);
    }
  };

  const expectedVersion = Math.max(...(options.migrations ?? MIGRATIONS).map((m) => m.version));

  const retryDead = db.transaction((jobId: string, now: number, entry: AuditEntry): boolean => {
    if (q.retryDead.run(now, now, jobId).changes === 0) return false;
    writeAudit(entry);
    return true;
  });

  // better-sqlite3 answers synchronously; the interface is asynchronous for engines that can't. A thrown error
  // becomes a rejected promise, as it would be from a network store.
  const store: ResendStore = {
    hashKey: async () => hashKey,
    accessRequests: createAccessRequestStore(sqliteRunner(db)),
    enqueue: async (job, rules, now) => enqueue.immediate(job, rules, now),
    enqueueInvite: async (job, options, now) => enqueueInvite.immediate(job, options.unlessInvited, now),
    listBatch: async (tenantKey, batchId) => (q.batch.all(tenantKey, batchId) as JobRow[]).map(jobListing),
    findJob: async (id) => {
      const row = q.getJob.get(id) as JobRow | undefined;
      return row ? jobListing(row) : null;
    },
    releaseHeld: async ({ tenantKey, reason, actorOid }, now) => q.releaseHeld.run(now, now, tenantKey, reason, actorOid ?? null, actorOid ?? null).changes,
    earlierInvites: async (tenantKey, hashes) =>
      new Map((q.earlierInvites.all(tenantKey, JSON.stringify(hashes)) as { hash: string; id: string }[]).map((r) => [r.hash, r.id])),
    claimDue: async (now, leaseMs, skipTenants = []) => withoutFsync(() => claimDue.immediate(now, leaseMs, JSON.stringify(skipTenants))),
    nextDueAt: async (skipTenants = []) => (q.minRunAt.get(JSON.stringify(skipTenants)) as { at: number | null }).at,
    claimExpired: async (now, leaseMs) => withoutFsync(() => claimExpired.immediate(now, leaseMs)),
    extendLease: async (jobId, token, until) => withoutFsync(() => q.extend.run(until, jobId, token).changes === 1),
    openWindow: async (tenantKey, addressHash, now) =>
      (q.window.get(tenantKey, addressHash, now) as { until: number; jobId: string } | undefined) ?? null,
    beginInvite: async (jobId, token, windowUntil, now) => beginInvite.immediate(jobId, token, windowUntil, now),
    inviteNotSent: async (jobId, token) => withoutFsync(() => q.markInvite.run(0, Date.now(), jobId, token).changes === 1), // updated_at is informational
    transition: async (jobId, token, change, entry) => withoutFsync(() => transition.immediate(jobId, token, change, entry)),
    release: async (jobId, token, runAt) => withoutFsync(() => q.release.run(runAt, Date.now(), jobId, token).changes === 1),
    takeGraphCall: async (tenantKey, now, limit) => withoutFsync(() => takeGraphCall.immediate(tenantKey, now, limit)),
    pauseGraph: async (tenantKey, until) =>
      withoutFsync(() => {
        q.ensureBudget.run(tenantKey);
        q.pause.run(until, tenantKey);
      }),
    graphPausedUntil: async (tenantKey) => (q.pausedUntil.get(tenantKey) as { until: number } | undefined)?.until ?? 0,
    prune: async (before) => {
      const { jobs, audit, windows } = prune.immediate(before);
      return { jobs, audit, windows };
    },
    status: async () => ({ engine: 'sqlite', schemaVersion: schemaVersion(db), expectedVersion }),
    audit: async (entry) => writeAudit(entry),
    listAudit: async (requestId) => ((requestId === undefined ? q.audit.all() : q.auditFor.all(requestId)) as AuditRow[]).map(auditEntry),
    queryAudit: async (filter) => {
      const where = ['tenant_key = ?'];
      const params: unknown[] = [filter.tenantKey];
      if (filter.actor) {
        where.push(`(lower(actor_upn) LIKE ? ESCAPE '\\' OR lower(actor_oid) LIKE ? ESCAPE '\\')`);
        params.push(actorPattern(filter.actor), actorPattern(filter.actor));
      }
      if (filter.action) {
        where.push('event = ?');
        params.push(filter.action);
      }
      if (filter.from !== undefined) {
        where.push('at >= ?');
        params.push(filter.from);
      }
      if (filter.to !== undefined) {
        where.push('at <= ?');
        params.push(filter.to);
      }
      params.push(Math.max(1, Math.min(filter.limit, 5000)));
      const rows = db.prepare(`SELECT ${AUDIT_SELECT} FROM resend_audit WHERE ${where.join(' AND ')} ORDER BY at DESC, seq DESC LIMIT ?`).all(...params) as AuditRow[];
      return rows.map(auditEntry);
    },
    listDeadLetters: async () => q.deadLetters.all() as DeadLetter[],
    retryDead: async (jobId, now, entry) => retryDead.immediate(jobId, now, entry),
    listJobs: async (filter) => {
      const where = ['tenant_key = ?'];
      const params: unknown[] = [filter.tenantKey];
      if (filter.states?.length) {
        where.push(`state IN (${filter.states.map(() => '?').join(', ')})`);
        params.push(...filter.states);
      }
      if (filter.addressHash !== undefined) {
        where.push('address_hash = ?');
        params.push(filter.addressHash);
      }
      if (filter.kind !== undefined) {
        where.push('kind = ?');
        params.push(filter.kind);
      }
      params.push(Math.max(1, Math.min(filter.limit, 1000)));
      const rows = db.prepare(`SELECT * FROM resend_jobs WHERE ${where.join(' AND ')} ORDER BY created_at DESC, id LIMIT ?`).all(...params) as JobRow[];
      return rows.map(jobListing);
    },
    getJob: async (id) => {
      const row = q.getJob.get(id) as JobRow | undefined;
      return row ? jobSnapshot(row) : null;
    },
    countJobs: async () => {
      const counts: Record<JobState, number> = { queued: 0, 'in-flight': 0, held: 0, done: 0, dead: 0 };
      for (const row of q.counts.all() as { state: JobState; n: number }[]) counts[row.state] = row.n;
      return counts;
    },
    close: async () => {
      if (db.open) db.close();
    },
  };
  return store;
}
