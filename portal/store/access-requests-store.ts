// The access requests' store (issue 13) on both engines, written once. Every operation is a generator that yields
// SQL statements and receives their rows: `runSqlite` drives it synchronously inside one IMMEDIATE better-sqlite3
// transaction (nothing else of this process can run in between), `runPostgres` asynchronously inside one pg
// transaction whose advisory locks (the `lock` statements) serialise what must not interleave across instances —
// rate-limit buckets, claims, an address's open request, a tenant's daily cap. SQL here is the subset both engines
// share (`?` placeholders, numbered for PostgreSQL; ON CONFLICT upserts).
import type Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import type {
  AccessPolicy,
  AccessRequestRecord,
  AccessRequestState,
  AccessRequestStore,
  ClaimedAccessRequest,
  DecideResult,
  IntakeSettlement,
  NewAccessRequest,
  PolicyRecord,
  SettleResult,
} from '../access-requests/types.ts';
import { type EnqueueResult, type RateLimitRule, rateLimitPruneBefore } from './store.ts';
import { auditActor } from './job-row.ts';

type Stmt = { kind: 'all' | 'run' | 'lock'; sql: string; params: readonly unknown[] };
type Op<T> = Generator<Stmt, T, unknown>;

const all = (sql: string, ...params: unknown[]): Stmt => ({ kind: 'all', sql, params });
const run = (sql: string, ...params: unknown[]): Stmt => ({ kind: 'run', sql, params });
const lock = (...parts: string[]): Stmt => ({ kind: 'lock', sql: '', params: [parts.join('\n')] });

function* rows<T>(stmt: Stmt): Op<T[]> {
  return (yield stmt) as T[];
}
function* changes(stmt: Stmt): Op<number> {
  return (yield stmt) as number;
}

/** Runs an operation in one synchronous IMMEDIATE transaction. */
export function sqliteRunner(db: Database.Database): <T>(op: () => Op<T>) => Promise<T> {
  const cache = new Map<string, Database.Statement>();
  const prepared = (sql: string) => {
    let stmt = cache.get(sql);
    if (!stmt) cache.set(sql, (stmt = db.prepare(sql)));
    return stmt;
  };
  return <T>(op: () => Op<T>) =>
    new Promise<T>((resolve, reject) => {
      try {
        resolve(
          db
            .transaction(() => {
              const gen = op();
              let step = gen.next();
              while (!step.done) {
                const s = step.value;
                const result = s.kind === 'lock' ? undefined : s.kind === 'all' ? prepared(s.sql).all(...s.params) : prepared(s.sql).run(...s.params).changes;
                step = gen.next(result);
              }
              return step.value;
            })
            .immediate(),
        );
      } catch (error) {
        reject(error);
      }
    });
}

/** Runs an operation in one PostgreSQL transaction; `lock` statements take transaction-scoped advisory locks. */
export function postgresRunner(pool: pg.Pool): <T>(op: () => Op<T>) => Promise<T> {
  const numbered = (sql: string) => {
    let n = 0;
    return sql.replace(/\?/g, () => `$${++n}`);
  };
  return async <T>(op: () => Op<T>) => {
    const client = await pool.connect();
    try {
      await client.query('BEGIN');
      const gen = op();
      let step = gen.next();
      while (!step.done) {
        const s = step.value;
        let result: unknown;
        if (s.kind === 'lock') await client.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [...s.params]);
        else {
          const answer = await client.query(numbered(s.sql), [...s.params]);
          result = s.kind === 'all' ? answer.rows : (answer.rowCount ?? 0);
        }
        step = gen.next(result);
      }
      await client.query('COMMIT');
      return step.value;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  };
}

interface Row {
  id: string;
  tenant_key: string;
  address: string | null;
  address_hash: string;
  name: string | null;
  organisation: string | null;
  reason: string | null;
  sponsor: string | null;
  lang: string;
  state: AccessRequestState;
  asks: number;
  run_at: number;
  attempts: number;
  lease_token: string | null;
  created_at: number;
  updated_at: number;
  expires_at: number | null;
  decision: AccessRequestRecord['decision'];
  decided_by_oid: string | null;
  decided_by_upn: string | null;
  decided_at: number | null;
  message: string | null;
  redirect_url: string | null;
  note: string | null;
  job_id: string | null;
  outcome: string | null;
}

const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));

function record(r: Row): AccessRequestRecord {
  return {
    id: r.id,
    tenantKey: r.tenant_key,
    address: r.address,
    addressHash: r.address_hash,
    name: r.name,
    organisation: r.organisation,
    reason: r.reason,
    sponsor: r.sponsor,
    lang: r.lang,
    state: r.state,
    asks: Number(r.asks),
    createdAt: Number(r.created_at),
    updatedAt: Number(r.updated_at),
    expiresAt: num(r.expires_at),
    decision: r.decision,
    decidedBy: r.decided_by_oid && r.decided_by_upn ? { oid: r.decided_by_oid, upn: r.decided_by_upn } : null,
    decidedAt: num(r.decided_at),
    message: r.message,
    redirectUrl: r.redirect_url,
    note: r.note,
    jobId: r.job_id,
    outcome: r.outcome,
    attempts: Number(r.attempts),
  };
}

/** How the audit trail names a person (the admin API parses `by <upn> (<oid>)` back). */
const byActor = (a: { oid: string; upn: string }) => `by ${a.upn.replace(/\s/g, '')} (${a.oid})`;

function* audit(requestId: string, tenantKey: string, addressHash: string, event: string, detail: string | null, at: number): Op<void> {
  // The admin named by `by <upn> (<oid>)` goes into the actor columns too (the audit is filtered by them in the store).
  const actor = auditActor({ requestId, tenantKey, addressHash, event, at, ...(detail ? { detail } : {}) });
  yield run(
    'INSERT INTO resend_audit (request_id, tenant_key, address_hash, event, detail, at, actor_oid, actor_upn) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
    requestId, tenantKey, addressHash, event, detail, at, actor?.oid ?? null, actor?.upn ?? null,
  );
}

function* getRow(id: string): Op<Row | undefined> {
  return (yield* rows<Row>(all('SELECT * FROM access_requests WHERE id = ?', id)))[0];
}

/** The open request (pending, or being / just invited) of an address, other than `id`. */
function* openRequestOf(tenantKey: string, addressHash: string, id: string): Op<Row | undefined> {
  return (
    yield* rows<Row>(
      all(
        `SELECT * FROM access_requests WHERE tenant_key = ? AND address_hash = ? AND id <> ? AND state IN ('pending', 'inviting', 'invited')
         ORDER BY created_at LIMIT 1`,
        tenantKey,
        addressHash,
        id,
      ),
    )
  )[0];
}

const ERASE_COLUMNS = 'address = NULL, name = NULL, organisation = NULL, reason = NULL, sponsor = NULL, message = NULL, note = NULL, redirect_url = NULL';

export function createAccessRequestStore(exec: <T>(op: () => Op<T>) => Promise<T>): AccessRequestStore {
  let lastPrune = 0;
  return {
    intake: (req: NewAccessRequest, rules: readonly RateLimitRule[], now: number) =>
      exec(function* (): Op<EnqueueResult> {
        for (const bucket of [...new Set(rules.map((r) => r.bucket))].sort()) yield lock('rate', bucket);
        for (const rule of rules) {
          const since = now - rule.windowMs;
          const n = Number((yield* rows<{ n: number }>(all('SELECT COUNT(*) AS n FROM rate_limit_hits WHERE bucket = ? AND at > ?', rule.bucket, since)))[0]!.n);
          if (n >= rule.limit) {
            const first = (yield* rows<{ at: number }>(all('SELECT at FROM rate_limit_hits WHERE bucket = ? AND at > ? ORDER BY at LIMIT 1 OFFSET ?', rule.bucket, since, n - rule.limit)))[0];
            return { ok: false, retryAfterMs: Math.max(1, Number(first?.at ?? now) + rule.windowMs - now), bucket: rule.bucket };
          }
        }
        for (const rule of rules) yield run('INSERT INTO rate_limit_hits (bucket, at) VALUES (?, ?)', rule.bucket, now);
        const pruneBefore = rateLimitPruneBefore(rules, now);
        if (pruneBefore !== null && now - lastPrune > 60_000) {
          // Our own buckets' old hits (resend prunes its own the same way): once a minute, whoever is asking.
          lastPrune = now;
          yield run(`DELETE FROM rate_limit_hits WHERE at <= ? AND bucket LIKE 'access-%'`, pruneBefore);
        }
        yield run(
          `INSERT INTO access_requests (id, tenant_key, address, address_hash, name, organisation, reason, sponsor, lang, state, run_at, created_at, updated_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'intake', ?, ?, ?)`,
          req.id,
          req.tenantKey,
          req.address,
          req.addressHash,
          req.name,
          req.organisation,
          req.reason,
          req.sponsor ?? null,
          req.lang,
          now,
          now,
          now,
        );
        yield* audit(req.id, req.tenantKey, req.addressHash, 'access-request-received', null, now);
        return { ok: true };
      }),

    claim: (now, leaseMs) =>
      exec(function* (): Op<ClaimedAccessRequest | null> {
        yield lock('access-claim');
        const row = (
          yield* rows<Row>(
            all(
              `SELECT * FROM access_requests
               WHERE (state = 'intake' AND run_at <= ? AND (lease_expires_at IS NULL OR lease_expires_at <= ?))
                  OR (state = 'inviting' AND lease_expires_at IS NOT NULL AND lease_expires_at <= ?)
               ORDER BY run_at, created_at LIMIT 1`,
              now,
              now,
              now,
            ),
          )
        )[0];
        if (!row) return null;
        const leaseToken = randomUUID();
        yield run('UPDATE access_requests SET lease_token = ?, lease_expires_at = ?, updated_at = ? WHERE id = ?', leaseToken, now + leaseMs, now, row.id);
        return { ...record({ ...row, updated_at: now }), leaseToken };
      }),

    nextDueAt: () =>
      exec(function* (): Op<number | null> {
        const r = (yield* rows<{ at: number | null }>(all(`SELECT MIN(run_at) AS at FROM access_requests WHERE state = 'intake'`)))[0];
        return num(r?.at);
      }),

    settle: (id, leaseToken, s: IntakeSettlement, now) =>
      exec(function* (): Op<SettleResult> {
        const row = yield* getRow(id);
        if (!row || row.state !== 'intake' || row.lease_token !== leaseToken) return { ok: false, reason: 'lease-lost' };
        const { tenant_key: tenantKey, address_hash: hash } = row;
        if (s.to === 'retry') {
          yield run(
            'UPDATE access_requests SET run_at = ?, attempts = attempts + 1, last_error = ?, lease_token = NULL, lease_expires_at = NULL, updated_at = ? WHERE id = ?',
            s.runAt,
            s.error,
            now,
            id,
          );
          yield* audit(id, tenantKey, hash, 'access-request-retry', s.error, now);
          return { ok: true, state: 'intake' };
        }
        if (s.to === 'dropped' || s.to === 'resent') {
          yield run('UPDATE access_requests SET state = ?, outcome = ?, lease_token = NULL, lease_expires_at = NULL, updated_at = ? WHERE id = ?', s.to, s.outcome, now, id);
          yield* audit(id, tenantKey, hash, `access-request-${s.to}`, s.outcome, now);
          return { ok: true, state: s.to };
        }
        // pending or pre-approved: the same address asking again while a request is open is one request.
        yield lock('access-address', tenantKey, hash);
        const open = yield* openRequestOf(tenantKey, hash, id);
        if (open) {
          yield run('UPDATE access_requests SET asks = asks + 1, updated_at = ? WHERE id = ?', now, open.id);
          yield run(`UPDATE access_requests SET state = 'merged', outcome = ?, lease_token = NULL, lease_expires_at = NULL, updated_at = ? WHERE id = ?`, `merged into ${open.id}`, now, id);
          yield* audit(id, tenantKey, hash, 'access-request-merged', `into ${open.id}`, now);
          return { ok: true, state: 'merged', mergedInto: open.id };
        }
        if (s.to === 'pre-approved') {
          yield lock('access-cap', tenantKey);
          const used = Number(
            (yield* rows<{ n: number }>(all(`SELECT COUNT(*) AS n FROM access_requests WHERE tenant_key = ? AND decision = 'pre-approved' AND decided_at >= ?`, tenantKey, s.dayStart)))[0]!.n,
          );
          if (used < s.cap) {
            // The lease stays: the worker hands the invitation to the queue next; if it dies, the lease runs out and
            // `claim` gives the `inviting` record to another worker.
            yield run(`UPDATE access_requests SET state = 'inviting', decision = 'pre-approved', decided_at = ?, expires_at = ?, updated_at = ? WHERE id = ?`, now, s.expiresAt, now, id);
            yield* audit(id, tenantKey, hash, 'access-request-pre-approved', `domain pre-approved (${used + 1} of ${s.cap} today)`, now);
            return { ok: true, state: 'inviting' };
          }
          yield run(`UPDATE access_requests SET state = 'pending', expires_at = ?, outcome = 'daily-cap-reached', lease_token = NULL, lease_expires_at = NULL, updated_at = ? WHERE id = ?`, s.expiresAt, now, id);
          yield* audit(id, tenantKey, hash, 'access-request-pending', `pre-approved domain, but today's cap of ${s.cap} is reached`, now);
          return { ok: true, state: 'pending' };
        }
        yield run(`UPDATE access_requests SET state = 'pending', expires_at = ?, lease_token = NULL, lease_expires_at = NULL, updated_at = ? WHERE id = ?`, (s as { expiresAt: number }).expiresAt, now, id);
        yield* audit(id, tenantKey, hash, 'access-request-pending', null, now);
        return { ok: true, state: 'pending' };
      }),

    recordInvitation: (id, leaseToken, result, now) =>
      exec(function* (): Op<boolean> {
        const row = yield* getRow(id);
        if (!row || row.state !== 'inviting' || (leaseToken !== null && row.lease_token !== leaseToken)) return false;
        if ('jobId' in result) {
          yield run(`UPDATE access_requests SET state = 'invited', job_id = ?, lease_token = NULL, lease_expires_at = NULL, updated_at = ? WHERE id = ?`, result.jobId, now, id);
          yield* audit(id, row.tenant_key, row.address_hash, 'access-request-invitation-queued', `job ${result.jobId}`, now);
        } else {
          // The queue refused (an address Entra rejects, say): back to the approvers with the reason.
          yield run(
            `UPDATE access_requests SET state = 'pending', decision = NULL, decided_at = NULL, decided_by_oid = NULL, decided_by_upn = NULL, outcome = ?, lease_token = NULL, lease_expires_at = NULL, updated_at = ? WHERE id = ?`,
            `invitation refused: ${result.refused}`,
            now,
            id,
          );
          yield* audit(id, row.tenant_key, row.address_hash, 'access-request-invitation-refused', result.refused, now);
        }
        return true;
      }),

    approve: (id, tenantKey, d, now, leaseMs) =>
      exec(function* (): Op<DecideResult & { leaseToken?: string }> {
        const row = yield* getRow(id);
        if (!row || row.tenant_key !== tenantKey) return { ok: false, reason: 'not-found' };
        if (row.state === 'pending' && row.expires_at !== null && Number(row.expires_at) <= now) return { ok: false, reason: 'expired', state: 'expired' };
        if (row.state !== 'pending') return { ok: false, reason: row.state === 'expired' ? 'expired' : 'already-decided', state: row.state };
        const leaseToken = randomUUID();
        yield run(
          `UPDATE access_requests SET state = 'inviting', decision = 'approved', decided_by_oid = ?, decided_by_upn = ?, decided_at = ?, message = ?, redirect_url = ?,
             outcome = NULL, lease_token = ?, lease_expires_at = ?, updated_at = ? WHERE id = ?`,
          d.by.oid,
          d.by.upn,
          now,
          d.message ?? null,
          d.redirectUrl ?? null,
          leaseToken,
          now + leaseMs,
          now,
          id,
        );
        yield* audit(id, tenantKey, row.address_hash, 'access-request-approved', byActor(d.by), now);
        return { ok: true, record: record((yield* getRow(id))!), leaseToken };
      }),

    deny: (id, tenantKey, d, now) =>
      exec(function* (): Op<DecideResult> {
        const row = yield* getRow(id);
        if (!row || row.tenant_key !== tenantKey) return { ok: false, reason: 'not-found' };
        if (row.state !== 'pending') return { ok: false, reason: 'already-decided', state: row.state };
        yield run(
          `UPDATE access_requests SET state = 'denied', decision = 'denied', decided_by_oid = ?, decided_by_upn = ?, decided_at = ?, note = ?, updated_at = ? WHERE id = ?`,
          d.by.oid,
          d.by.upn,
          now,
          d.note ?? null,
          now,
          id,
        );
        yield* audit(id, tenantKey, row.address_hash, 'access-request-denied', byActor(d.by), now);
        return { ok: true, record: record((yield* getRow(id))!) };
      }),

    get: (id) =>
      exec(function* () {
        const row = yield* getRow(id);
        return row ? record(row) : null;
      }),

    list: ({ tenantKey, states, limit }) =>
      exec(function* () {
        const where = states?.length ? ` AND state IN (${states.map(() => '?').join(', ')})` : '';
        const found = yield* rows<Row>(all(`SELECT * FROM access_requests WHERE tenant_key = ?${where} ORDER BY created_at DESC, id LIMIT ?`, tenantKey, ...(states ?? []), limit));
        return found.map(record);
      }),

    knownAddress: (tenantKey, addressHash, exceptId) =>
      exec(function* () {
        const jobs = yield* rows(all('SELECT 1 AS k FROM resend_jobs WHERE tenant_key = ? AND address_hash = ? LIMIT 1', tenantKey, addressHash));
        if (jobs.length) return true;
        const requests = yield* rows(
          all(`SELECT 1 AS k FROM access_requests WHERE tenant_key = ? AND address_hash = ? AND id <> ? AND state IN ('invited', 'resent', 'inviting') LIMIT 1`, tenantKey, addressHash, exceptId ?? ''),
        );
        return requests.length > 0;
      }),

    countPending: (tenantKey) =>
      exec(function* () {
        return Number((yield* rows<{ n: number }>(all(`SELECT COUNT(*) AS n FROM access_requests WHERE tenant_key = ? AND state = 'pending'`, tenantKey)))[0]!.n);
      }),

    expireAndErase: (tenantKey, now, eraseBefore) =>
      exec(function* () {
        const due = yield* rows<Row>(all(`SELECT * FROM access_requests WHERE tenant_key = ? AND state = 'pending' AND expires_at <= ?`, tenantKey, now));
        for (const row of due) {
          yield run(`UPDATE access_requests SET state = 'expired', updated_at = ? WHERE id = ?`, now, row.id);
          yield* audit(row.id, tenantKey, row.address_hash, 'access-request-expired', null, now);
        }
        // Settled requests (decided, expired, resent, dropped, merged) whose last change is older than the limit.
        const erased = yield* changes(
          run(
            `UPDATE access_requests SET ${ERASE_COLUMNS}, erased_at = ? WHERE tenant_key = ? AND erased_at IS NULL
               AND state IN ('invited', 'denied', 'expired', 'resent', 'dropped', 'merged') AND updated_at < ?`,
            now,
            tenantKey,
            eraseBefore,
          ),
        );
        return { expired: due.length, erased };
      }),

    getPolicy: (tenantKey) =>
      exec(function* (): Op<PolicyRecord | null> {
        const r = (
          yield* rows<{ mode: AccessPolicy['mode']; pre_approved_domains: string; daily_cap: number; blocked_domains: string; updated_by: string | null; updated_at: number }>(
            all('SELECT * FROM access_policies WHERE tenant_key = ?', tenantKey),
          )
        )[0];
        if (!r) return null;
        return {
          mode: r.mode,
          preApprovedDomains: JSON.parse(r.pre_approved_domains) as string[],
          dailyCap: Number(r.daily_cap),
          blockedDomains: JSON.parse(r.blocked_domains) as string[],
          updatedBy: r.updated_by,
          updatedAt: Number(r.updated_at),
        };
      }),

    putPolicy: (tenantKey, policy, by, now) =>
      exec(function* () {
        yield run(
          `INSERT INTO access_policies (tenant_key, mode, pre_approved_domains, daily_cap, blocked_domains, updated_by, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)
           ON CONFLICT (tenant_key) DO UPDATE SET mode = excluded.mode, pre_approved_domains = excluded.pre_approved_domains, daily_cap = excluded.daily_cap,
             blocked_domains = excluded.blocked_domains, updated_by = excluded.updated_by, updated_at = excluded.updated_at`,
          tenantKey,
          policy.mode,
          JSON.stringify(policy.preApprovedDomains),
          policy.dailyCap,
          JSON.stringify(policy.blockedDomains),
          by,
          now,
        );
        yield* audit('access-policy', tenantKey, '', 'access-policy-changed', `${by}: ${policy.mode}; pre-approved ${policy.preApprovedDomains.join(' ') || '-'} (cap ${policy.dailyCap}/day); blocked ${policy.blockedDomains.join(' ') || '-'}`, now);
      }),
  };
}
