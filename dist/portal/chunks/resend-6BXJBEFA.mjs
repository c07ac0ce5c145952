import {
  buildLink,
  linkTenant,
  parseAddress
} from "./chunk-23E5JKQG.mjs";

// portal/store/sqlite-store.ts
import Database from "better-sqlite3";
import { randomBytes, randomUUID } from "node:crypto";
import { mkdirSync } from "node:fs";
import { dirname } from "node:path";

// portal/store/migrations.ts
var MIGRATIONS = [
  {
    version: 1,
    name: "resend requests, windows, rate limits, audit",
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
    `
  }
];

// portal/store/sqlite-store.ts
function migrate(db, migrations = MIGRATIONS) {
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)`);
  const applied = new Set(
    db.prepare("SELECT version FROM schema_migrations").all().map((r) => r.version)
  );
  const done = [];
  for (const migration of [...migrations].sort((a, b) => a.version - b.version)) {
    if (applied.has(migration.version)) continue;
    db.transaction(() => {
      db.exec(migration.sql);
      db.prepare("INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)").run(
        migration.version,
        migration.name,
        (/* @__PURE__ */ new Date()).toISOString()
      );
    }).immediate();
    done.push(migration.version);
  }
  return done;
}
function openSqliteStore(options) {
  if (options.path !== ":memory:") mkdirSync(dirname(options.path), { recursive: true });
  const db = new Database(options.path);
  db.pragma("journal_mode = WAL");
  db.pragma(`synchronous = ${options.synchronous ?? "FULL"}`);
  db.pragma("busy_timeout = 5000");
  db.pragma("foreign_keys = ON");
  migrate(db, options.migrations);
  db.prepare("INSERT OR IGNORE INTO store_meta (key, value) VALUES (?, ?)").run("address-hash-key", randomBytes(32));
  const hashKey = db.prepare("SELECT value FROM store_meta WHERE key = ?").get("address-hash-key").value;
  const q = {
    countHits: db.prepare("SELECT COUNT(*) AS n FROM rate_limit_hits WHERE bucket = ? AND at > ?"),
    nthHit: db.prepare("SELECT at FROM rate_limit_hits WHERE bucket = ? AND at > ? ORDER BY at LIMIT 1 OFFSET ?"),
    addHit: db.prepare("INSERT INTO rate_limit_hits (bucket, at) VALUES (?, ?)"),
    pruneHits: db.prepare("DELETE FROM rate_limit_hits WHERE at <= ?"),
    insertJob: db.prepare(`INSERT INTO resend_jobs (id, tenant_key, address, address_hash, state, run_at, created_at, updated_at)
      VALUES (@id, @tenantKey, @address, @addressHash, 'queued', @now, @now, @now)`),
    insertAudit: db.prepare(`INSERT INTO resend_audit (request_id, tenant_key, address_hash, event, detail, at)
      VALUES (@requestId, @tenantKey, @addressHash, @event, @detail, @at)`),
    nextDue: db.prepare(`SELECT * FROM resend_jobs WHERE state = 'queued' AND run_at <= ? ORDER BY run_at, created_at LIMIT 1`),
    minRunAt: db.prepare(`SELECT MIN(run_at) AS at FROM resend_jobs WHERE state = 'queued'`),
    lease: db.prepare(`UPDATE resend_jobs SET state = 'in-flight', lease_token = ?, lease_expires_at = ?, updated_at = ?
      WHERE id = ? AND (state = 'queued' OR (state = 'in-flight' AND lease_expires_at <= ?))`),
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
    done: db.prepare(`UPDATE resend_jobs SET state = 'done', outcome = ?, address = NULL, invite_in_flight = 0,
      lease_token = NULL, lease_expires_at = NULL, updated_at = ? WHERE id = ? AND lease_token = ? AND state = 'in-flight'`),
    requeue: db.prepare(`UPDATE resend_jobs SET state = 'queued', run_at = ?, attempts = ?, unknown_outcomes = ?, last_error = ?,
      invite_in_flight = 0, lease_token = NULL, lease_expires_at = NULL, updated_at = ?
      WHERE id = ? AND lease_token = ? AND state = 'in-flight'`),
    dead: db.prepare(`UPDATE resend_jobs SET state = 'dead', outcome = ?, invite_in_flight = 0, lease_token = NULL,
      lease_expires_at = NULL, updated_at = ? WHERE id = ? AND lease_token = ? AND state = 'in-flight'`),
    release: db.prepare(`UPDATE resend_jobs SET state = 'queued', run_at = ?, lease_token = NULL, lease_expires_at = NULL,
      updated_at = ? WHERE id = ? AND lease_token = ? AND state = 'in-flight' AND invite_in_flight = 0`),
    audit: db.prepare("SELECT request_id AS requestId, tenant_key AS tenantKey, address_hash AS addressHash, event, detail, at FROM resend_audit ORDER BY seq"),
    auditFor: db.prepare("SELECT request_id AS requestId, tenant_key AS tenantKey, address_hash AS addressHash, event, detail, at FROM resend_audit WHERE request_id = ? ORDER BY seq"),
    deadLetters: db.prepare(`SELECT id AS requestId, tenant_key AS tenantKey, address, outcome AS reason, attempts,
      created_at AS createdAt, updated_at AS deadAt FROM resend_jobs WHERE state = 'dead' ORDER BY updated_at`),
    getJob: db.prepare("SELECT * FROM resend_jobs WHERE id = ?"),
    counts: db.prepare("SELECT state, COUNT(*) AS n FROM resend_jobs GROUP BY state")
  };
  const toClaimed = (row, leaseToken) => ({
    id: row.id,
    tenantKey: row.tenant_key,
    address: row.address ?? "",
    addressHash: row.address_hash,
    attempts: row.attempts,
    unknownOutcomes: row.unknown_outcomes,
    createdAt: row.created_at,
    leaseToken
  });
  const writeAudit = (entry) => {
    q.insertAudit.run({ ...entry, detail: entry.detail ?? null });
  };
  let lastPrune = 0;
  const enqueue = db.transaction((job, rules, now) => {
    if (now - lastPrune > 6e4) {
      const longest = Math.max(0, ...rules.map((r) => r.windowMs));
      q.pruneHits.run(now - longest);
      lastPrune = now;
    }
    for (const rule of rules) {
      const since = now - rule.windowMs;
      const { n } = q.countHits.get(rule.bucket, since);
      if (n >= rule.limit) {
        const row = q.nthHit.get(rule.bucket, since, n - rule.limit);
        const retryAfterMs = Math.max(1, (row?.at ?? now) + rule.windowMs - now);
        return { ok: false, retryAfterMs, bucket: rule.bucket };
      }
    }
    for (const rule of rules) q.addHit.run(rule.bucket, now);
    q.insertJob.run({ ...job, now });
    writeAudit({ requestId: job.id, tenantKey: job.tenantKey, addressHash: job.addressHash, event: "accepted", at: now });
    return { ok: true };
  });
  const claimDue = db.transaction((now, leaseMs) => {
    const row = q.nextDue.get(now);
    if (!row) return null;
    const token = randomUUID();
    q.lease.run(token, now + leaseMs, now, row.id, now);
    return toClaimed(row, token);
  });
  const claimExpired = db.transaction((now, leaseMs) => {
    const rows = q.expired.all(now);
    return rows.map((row) => {
      const token = randomUUID();
      q.lease.run(token, now + leaseMs, now, row.id, now);
      return { ...toClaimed(row, token), inviteInFlight: row.invite_in_flight === 1 };
    });
  });
  const beginInvite = db.transaction((jobId, leaseToken, windowUntil, now) => {
    const row = q.getLeased.get(jobId, leaseToken);
    if (!row) return { ok: false, reason: "lease-lost" };
    const open = q.window.get(row.tenant_key, row.address_hash, now);
    if (open && open.jobId !== jobId) return { ok: false, reason: "window-taken", until: open.until };
    q.upsertWindow.run(row.tenant_key, row.address_hash, Math.max(windowUntil, open?.until ?? 0), jobId);
    q.markInvite.run(1, now, jobId, leaseToken);
    return { ok: true };
  });
  const transition = db.transaction((jobId, leaseToken, change, entry) => {
    let changed;
    switch (change.to) {
      case "done":
        changed = q.done.run(change.outcome, entry.at, jobId, leaseToken).changes;
        break;
      case "queued":
        changed = q.requeue.run(change.runAt, change.attempts, change.unknownOutcomes, change.lastError, entry.at, jobId, leaseToken).changes;
        break;
      case "dead":
        changed = q.dead.run(change.reason, entry.at, jobId, leaseToken).changes;
        break;
    }
    if (changed === 0) return false;
    if (change.to !== "dead" && change.holdWindowUntil !== void 0) q.holdWindow.run(change.holdWindowUntil, jobId, jobId, jobId);
    writeAudit(entry);
    return true;
  });
  return {
    hashKey: () => hashKey,
    enqueue: (job, rules, now) => enqueue.immediate(job, rules, now),
    claimDue: (now, leaseMs) => claimDue.immediate(now, leaseMs),
    nextDueAt: () => q.minRunAt.get().at,
    claimExpired: (now, leaseMs) => claimExpired.immediate(now, leaseMs),
    extendLease: (jobId, token, until) => q.extend.run(until, jobId, token).changes === 1,
    openWindow: (tenantKey, addressHash, now) => q.window.get(tenantKey, addressHash, now) ?? null,
    beginInvite: (jobId, token, windowUntil, now) => beginInvite.immediate(jobId, token, windowUntil, now),
    inviteNotSent: (jobId, token) => q.markInvite.run(0, Date.now(), jobId, token).changes === 1,
    // updated_at is informational
    transition: (jobId, token, change, entry) => transition.immediate(jobId, token, change, entry),
    release: (jobId, token, runAt) => q.release.run(runAt, Date.now(), jobId, token).changes === 1,
    audit: writeAudit,
    listAudit: (requestId) => (requestId === void 0 ? q.audit.all() : q.auditFor.all(requestId)).map((r) => {
      const row = r;
      return row.detail === null ? { ...row, detail: void 0 } : row;
    }),
    listDeadLetters: () => q.deadLetters.all(),
    getJob: (id) => {
      const row = q.getJob.get(id);
      if (!row) return null;
      return {
        id: row.id,
        tenantKey: row.tenant_key,
        state: row.state,
        address: row.address,
        attempts: row.attempts,
        unknownOutcomes: row.unknown_outcomes,
        runAt: row.run_at,
        outcome: row.outcome,
        lastError: row.last_error
      };
    },
    countJobs: () => {
      const counts = { queued: 0, "in-flight": 0, done: 0, dead: 0 };
      for (const row of q.counts.all()) counts[row.state] = row.n;
      return counts;
    },
    close: () => {
      if (db.open) db.close();
    }
  };
}

// portal/resend/address-key.ts
import { createHmac } from "node:crypto";
function createAddressHasher(key) {
  const mac = (kind, value) => createHmac("sha256", key).update(`${kind}
${value}`).digest("base64url");
  return {
    // Entra matches addresses without regard to case, so the window must too.
    address: (tenantKey, address) => mac("address", `${tenantKey}
${address.toLowerCase()}`),
    clientIp: (ip) => mac("ip", ip)
  };
}

// portal/resend/service.ts
import { randomUUID as randomUUID2 } from "node:crypto";
var HOUR_MS = 36e5;
function createResendService(deps) {
  return {
    accept({ tenantKey, email, clientIp }) {
      const parsed = parseAddress(email);
      if (!parsed.ok) return { outcome: "invalid-address", reason: parsed.reason, message: parsed.message };
      const address = parsed.address;
      const addressHash = deps.hasher.address(tenantKey, address);
      const rules = [
        { bucket: `ip:${deps.hasher.clientIp(clientIp)}`, limit: deps.rateLimits.perIpPerHour, windowMs: HOUR_MS },
        { bucket: `address:${addressHash}`, limit: deps.rateLimits.perAddressPerHour, windowMs: HOUR_MS },
        { bucket: `tenant:${tenantKey}`, limit: deps.rateLimits.perTenantPerHour, windowMs: HOUR_MS }
      ];
      const requestId = randomUUID2();
      const stored = deps.store.enqueue({ id: requestId, tenantKey, address, addressHash }, rules, deps.now());
      if (!stored.ok) return { outcome: "rate-limited", retryAfterSeconds: Math.ceil(stored.retryAfterMs / 1e3) };
      deps.onAccepted?.();
      return { outcome: "accepted", requestId };
    }
  };
}

// portal/resend/retry-policy.ts
var DEFAULT_RETRY_POLICY = {
  maxAttempts: 8,
  baseDelayMs: 1e3,
  maxDelayMs: 5 * 6e4,
  maxUnknownOutcomes: 1
};
function backoffDelay(attempt, policy, random) {
  const cap = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, attempt - 1));
  return Math.floor(random() * cap);
}

// portal/resend/token-bucket.ts
var DEFAULT_BUDGET = { ratePerSecond: 10, burst: 20 };
function createTenantBudget(options, now, sleep) {
  const buckets = /* @__PURE__ */ new Map();
  const bucketFor = (key) => {
    let bucket = buckets.get(key);
    if (!bucket) {
      bucket = { tokens: options.burst, refilledAt: now(), pausedUntil: 0 };
      buckets.set(key, bucket);
    }
    return bucket;
  };
  return {
    async take(tenantKey, signal) {
      const bucket = bucketFor(tenantKey);
      for (; ; ) {
        if (signal?.aborted) return false;
        const t = now();
        if (t < bucket.pausedUntil) {
          await sleep(bucket.pausedUntil - t, signal);
          continue;
        }
        bucket.tokens = Math.min(options.burst, bucket.tokens + (t - bucket.refilledAt) / 1e3 * options.ratePerSecond);
        bucket.refilledAt = t;
        if (bucket.tokens >= 1) {
          bucket.tokens -= 1;
          return true;
        }
        await sleep(Math.max(1, (1 - bucket.tokens) / options.ratePerSecond * 1e3), signal);
      }
    },
    pauseUntil(tenantKey, until) {
      const bucket = bucketFor(tenantKey);
      bucket.pausedUntil = Math.max(bucket.pausedUntil, until);
    },
    pausedUntil: (tenantKey) => buckets.get(tenantKey)?.pausedUntil ?? 0
  };
}

// portal/resend/worker.ts
var realSleep = (ms, signal) => new Promise((resolve) => {
  if (signal?.aborted) return resolve();
  const timer = setTimeout(done, Math.max(0, ms));
  function done() {
    clearTimeout(timer);
    signal?.removeEventListener("abort", done);
    resolve();
  }
  signal?.addEventListener("abort", done, { once: true });
});
var graphCalls;
var loadGraphCalls = () => graphCalls ??= import("./guests-XD5F5274.mjs");
function createResendWorker(options) {
  const { store, logger } = options;
  const now = options.now ?? Date.now;
  const sleep = options.sleep ?? realSleep;
  const random = options.random ?? Math.random;
  const policy = { ...DEFAULT_RETRY_POLICY, ...options.retry };
  const concurrency = options.concurrency ?? 2;
  const leaseMs = options.leaseMs ?? 6e4;
  const pollMs = options.pollMs ?? 1e3;
  const budget = createTenantBudget(options.budget ?? DEFAULT_BUDGET, now, sleep);
  const tenants = new Map(options.tenants.map((t) => [t.key, t]));
  let running = false;
  let stopController = new AbortController();
  let wake = new AbortController();
  let slots = [];
  const notify = () => {
    wake.abort();
    wake = new AbortController();
  };
  const audit = (job, event, detail) => ({
    requestId: job.id,
    tenantKey: job.tenantKey,
    addressHash: job.addressHash,
    event,
    ...detail ? { detail } : {},
    at: now()
  });
  const move = (job, change, event, detail) => {
    const moved = store.transition(job.id, job.leaseToken, change, audit(job, event, detail));
    if (!moved) logger.warn({ requestId: job.id }, "resend job lease lost before it could be updated");
    else logger.info({ requestId: job.id, tenant: job.tenantKey, event, detail }, "resend job");
  };
  const finish = (job, outcome, detail) => move(job, { to: "done", outcome }, outcome, detail);
  const deadLetter = (job, reason) => move(job, { to: "dead", reason }, "dead-letter", reason);
  const retryLater = (job, step, failure) => {
    if (failure.kind === "permanent") return deadLetter(job, `${step}-failed: ${failure.detail}`);
    const attempts = job.attempts + 1;
    if (attempts >= policy.maxAttempts) return deadLetter(job, `gave-up after ${attempts} attempts: ${step}: ${failure.detail}`);
    let delay = backoffDelay(attempts, policy, random);
    if (failure.kind === "throttled" && failure.retryAfterMs !== null) {
      delay = failure.retryAfterMs;
      budget.pauseUntil(job.tenantKey, now() + failure.retryAfterMs);
    }
    const runAt = now() + delay;
    move(
      job,
      { to: "queued", runAt, attempts, unknownOutcomes: job.unknownOutcomes, lastError: `${step}: ${failure.detail}` },
      "retry-scheduled",
      `${step}: ${failure.detail}; in ${delay} ms`
    );
  };
  const outcomeUnknown = (job, detail) => {
    const unknownOutcomes = job.unknownOutcomes + 1;
    if (unknownOutcomes > policy.maxUnknownOutcomes) return deadLetter(job, `outcome-unknown: ${detail}`);
    const runAt = Math.max(store.openWindow(job.tenantKey, job.addressHash, now())?.until ?? 0, now() + options.windowMs);
    move(
      job,
      { to: "queued", runAt, attempts: job.attempts + 1, unknownOutcomes, lastError: `outcome unknown: ${detail}`, holdWindowUntil: runAt },
      "outcome-unknown-requeued",
      `${detail}; retry after the window, at ${new Date(runAt).toISOString()}`
    );
  };
  const contentCache = /* @__PURE__ */ new Map();
  const contentFor = (tenant) => {
    let content = contentCache.get(tenant.key);
    if (!content) {
      content = options.invitationFor(tenant);
      contentCache.set(tenant.key, content);
    }
    return content;
  };
  const takeBudget = async (job) => {
    const pausedUntil = budget.pausedUntil(job.tenantKey);
    if (pausedUntil > now() + leaseMs / 2) {
      store.release(job.id, job.leaseToken, pausedUntil);
      return false;
    }
    if (!await budget.take(job.tenantKey, stopController.signal)) {
      store.release(job.id, job.leaseToken, now());
      return false;
    }
    return store.extendLease(job.id, job.leaseToken, now() + leaseMs);
  };
  const waitForWork = async (ms) => {
    const controller = new AbortController();
    const wakeSignal = wake.signal;
    const stopSignal = stopController.signal;
    const onAbort = () => controller.abort();
    wakeSignal.addEventListener("abort", onAbort, { once: true });
    stopSignal.addEventListener("abort", onAbort, { once: true });
    try {
      await sleep(ms, controller.signal);
    } finally {
      wakeSignal.removeEventListener("abort", onAbort);
      stopSignal.removeEventListener("abort", onAbort);
    }
  };
  async function processJob(job) {
    const tenant = tenants.get(job.tenantKey);
    if (!tenant) return deadLetter(job, "unknown-tenant");
    const open = store.openWindow(job.tenantKey, job.addressHash, now());
    if (open && open.jobId !== job.id) return finish(job, "suppressed-window");
    let client;
    let content;
    try {
      client = await options.graphClientFor(tenant);
      content = contentFor(tenant);
    } catch (error) {
      return deadLetter(job, `tenant-not-configured: ${error.message}`);
    }
    const { findPendingGuest, resendInvitation } = await loadGraphCalls();
    if (!await takeBudget(job)) return;
    const lookup = await findPendingGuest(client, job.address, now);
    if (lookup.kind === "failed") {
      return retryLater(job, "lookup", lookup.failure.kind === "outcome-unknown" ? { kind: "transient", detail: lookup.failure.detail } : lookup.failure);
    }
    if (lookup.kind === "no-invitation") return finish(job, "no-invitation", lookup.reason);
    if (!await takeBudget(job)) return;
    const begun = store.beginInvite(job.id, job.leaseToken, now() + options.windowMs, now());
    if (!begun.ok) {
      if (begun.reason === "window-taken") return finish(job, "suppressed-window");
      return logger.warn({ requestId: job.id }, "resend job lease lost before the invitation");
    }
    const sent = await resendInvitation(client, lookup.guest, content, now);
    if (sent.kind === "sent") {
      return move(job, { to: "done", outcome: "sent", holdWindowUntil: now() + options.windowMs }, "sent", sent.note);
    }
    if (sent.failure.kind === "outcome-unknown") return outcomeUnknown(job, sent.failure.detail);
    store.inviteNotSent(job.id, job.leaseToken);
    return retryLater(job, "invite", sent.failure);
  }
  const recoverExpired = () => {
    for (const job of store.claimExpired(now(), leaseMs)) {
      if (job.inviteInFlight) {
        outcomeUnknown(job, "worker stopped during POST /invitations");
        continue;
      }
      const attempts = job.attempts + 1;
      if (attempts >= policy.maxAttempts) deadLetter(job, `gave-up after ${attempts} attempts: worker stopped (lease expired)`);
      else move(job, { to: "queued", runAt: now(), attempts, unknownOutcomes: job.unknownOutcomes, lastError: "lease expired" }, "recovered", "lease expired before the invitation step");
    }
  };
  async function slot() {
    while (running) {
      let job = null;
      try {
        recoverExpired();
        job = store.claimDue(now(), leaseMs);
      } catch (error) {
        logger.error({ err: error }, "resend store unavailable");
      }
      if (!job) {
        const due = store.nextDueAt();
        await waitForWork(Math.max(1, due === null ? pollMs : Math.min(pollMs, due - now())));
        continue;
      }
      try {
        await processJob(job);
      } catch (error) {
        logger.error({ err: error, requestId: job.id }, "resend job failed unexpectedly");
      }
    }
  }
  return {
    start() {
      if (running) return;
      running = true;
      stopController = new AbortController();
      slots = Array.from({ length: concurrency }, () => slot());
    },
    async stop() {
      if (!running) return;
      running = false;
      stopController.abort();
      notify();
      await Promise.all(slots);
      slots = [];
    },
    notify
  };
}

// portal/resend/index.ts
function invitationContentFor(tenant) {
  const link = buildLink("myapps", linkTenant(tenant));
  if (!link.ok) throw new Error(`no My Apps link for tenant ${tenant.key}: ${link.message}`);
  return {
    inviteRedirectUrl: link.url,
    ...tenant.invitationMessage ? { customizedMessageBody: tenant.invitationMessage } : {}
  };
}
function graphClientsFor(config, timeoutMs) {
  const clients = /* @__PURE__ */ new Map();
  let factories;
  return async (tenant) => {
    let client = clients.get(tenant.key);
    if (!client) {
      const { createAppTokenClient, createGraphClient, msalAuthProvider } = await (factories ??= import("./client-2GWITMLR.mjs"));
      client = clients.get(tenant.key) ?? createGraphClient(msalAuthProvider(createAppTokenClient(tenant, config.graph)), config.graph, timeoutMs);
      clients.set(tenant.key, client);
    }
    return client;
  };
}
function createResendFeature(deps) {
  const { config, logger } = deps;
  const tuning = deps.tuning ?? {};
  const now = deps.now ? () => deps.now().getTime() : Date.now;
  const store = tuning.store ?? openSqliteStore({ path: config.databasePath });
  const hasher = createAddressHasher(store.hashKey());
  const worker = createResendWorker({
    store,
    tenants: config.tenants,
    graphClientFor: tuning.graphClientFor ?? graphClientsFor(config, tuning.graphTimeoutMs),
    invitationFor: invitationContentFor,
    logger: logger.child({ component: "resend-worker" }),
    windowMs: config.resendWindowMinutes * 6e4,
    now,
    ...tuning.sleep ? { sleep: tuning.sleep } : {},
    ...tuning.random ? { random: tuning.random } : {},
    ...tuning.retry ? { retry: tuning.retry } : {},
    ...tuning.budget ? { budget: tuning.budget } : {},
    ...tuning.concurrency ? { concurrency: tuning.concurrency } : {},
    ...tuning.leaseMs ? { leaseMs: tuning.leaseMs } : {},
    ...tuning.pollMs ? { pollMs: tuning.pollMs } : {}
  });
  const service = createResendService({
    store,
    hasher,
    rateLimits: config.rateLimits,
    now,
    onAccepted: () => worker.notify()
  });
  return {
    service,
    worker: { start: () => worker.start(), stop: () => worker.stop() },
    store,
    async close() {
      await worker.stop();
      store.close();
    }
  };
}
export {
  createResendFeature,
  graphClientsFor,
  invitationContentFor
};
//# sourceMappingURL=resend-6BXJBEFA.mjs.map
