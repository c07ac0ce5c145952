// Self-service resend: how fast the answer is while Graph is slow, whether its timing over HTTP tells known addresses
// from unknown ones while the worker drains, and how long 1,000 requests take to drain through 429s (with Graph calls per request).
// Runs against the emulator over real HTTPS. Node reads NODE_EXTRA_CA_CERTS only at start-up, so the default
// export re-runs this file in a child process that trusts the emulator's CA, and reads its rows back.
import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import pino from 'pino';
import type { PortalConfig } from '../portal/config/index.ts';
import { createResendFeature, type ResendFeature } from '../portal/resend/index.ts';
import { startServer } from '../portal/server.ts';
import type { ResendStore } from '../portal/store/store.ts';
import type { DirectoryUser } from '../test/emulator/directory.ts';
import { DEMO_TENANT } from '../test/emulator/demo-tenant.ts';
import { startEmulator, type Emulator } from '../test/emulator/index.ts';
import { demoTenantConfig, portalConfig } from '../test/resend/support.ts';
import { childRows, rowsFromChild } from './emulator-child.ts';
import type { BenchRow } from './row.ts';

const SELF = fileURLToPath(import.meta.url);
const CHILD_FLAG = '--resend-bench-child';
const logger = pino({ level: 'silent' });

function config(emulator: Emulator, databasePath: string): PortalConfig {
  return portalConfig(emulator, {
    databasePath,
    rateLimits: { perIpPerHour: 1_000_000, perAddressPerHour: 3, perTenantPerHour: 1_000_000 },
    tenants: [demoTenantConfig({ invitationMessage: undefined })],
  });
}

function tempDb(label: string): string {
  return `${process.env.TMPDIR ?? '/tmp'}/guestpass-bench-${label}-${randomUUID()}.sqlite`;
}

function addPendingGuests(emulator: Emulator, count: number): string[] {
  const tenant = emulator.state.findTenant(DEMO_TENANT.id)!;
  const template = tenant.users.find((u) => u.externalUserState === 'PendingAcceptance')!;
  return Array.from({ length: count }, (_, i) => {
    const address = `bench.pending.${i}.${randomUUID().slice(0, 8)}@example.net`;
    const user: DirectoryUser = { ...template, id: randomUUID(), mail: address, otherMails: [address], proxyAddresses: [`SMTP:${address}`] };
    tenant.users.push(user);
    return address;
  });
}

const unknownAddresses = (count: number) => Array.from({ length: count }, (_, i) => `bench.nobody.${i}.${randomUUID().slice(0, 8)}@example.org`);

function quantile(sorted: readonly number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
}

/** Two-sample Kolmogorov–Smirnov statistic D and its asymptotic p-value (Numerical Recipes' Q_KS). */
export function kolmogorovSmirnov(a: readonly number[], b: readonly number[]): { d: number; p: number } {
  const x = [...a].sort((m, n) => m - n);
  const y = [...b].sort((m, n) => m - n);
  let i = 0;
  let j = 0;
  let d = 0;
  while (i < x.length && j < y.length) {
    const v = Math.min(x[i]!, y[j]!);
    while (i < x.length && x[i]! <= v) i++;
    while (j < y.length && y[j]! <= v) j++;
    d = Math.max(d, Math.abs(i / x.length - j / y.length));
  }
  const en = Math.sqrt((x.length * y.length) / (x.length + y.length));
  const lambda = (en + 0.12 + 0.11 / en) * d;
  let p = 0;
  for (let k = 1; k <= 100; k++) p += 2 * (-1) ** (k - 1) * Math.exp(-2 * k * k * lambda * lambda);
  return { d, p: Math.min(1, Math.max(0, p)) };
}

async function drain(store: ResendStore, limitMs: number): Promise<void> {
  const until = Date.now() + limitMs;
  for (;;) {
    const counts = await store.countJobs();
    if (counts.queued === 0 && counts['in-flight'] === 0) return;
    if (Date.now() > until) throw new Error(`did not drain: ${JSON.stringify(counts)}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** accept() latencies (ms) for `addresses`, one every `gapMs`, while the worker runs. */
async function acceptLatencies(feature: ResendFeature, addresses: readonly string[], gapMs: number): Promise<number[]> {
  const latencies: number[] = [];
  for (const email of addresses) {
    const started = performance.now();
    const answer = await feature.service.accept({ tenantKey: DEMO_TENANT.domain, email, clientIp: '198.51.100.20' });
    latencies.push(performance.now() - started);
    if (answer.outcome !== 'accepted') throw new Error(`not accepted: ${JSON.stringify(answer)}`);
    if (gapMs > 0) await pause(gapMs);
  }
  return latencies;
}

async function measure(): Promise<BenchRow[]> {
  const emulator = await startEmulator();
  const rows: BenchRow[] = [];
  try {
    // 1. Answer latency with Graph fast (baseline) and with every Graph call slowed to 2 s.
    const latencyRun = async (slowGraph: boolean) => {
      emulator.reset();
      if (slowGraph) emulator.faults.inject({ route: /^(GET|POST) \/v1\.0\//, fault: { kind: 'delay', ms: 2_000 } });
      const feature = await createResendFeature({ config: config(emulator, tempDb('latency')), logger, tuning: { graphTimeoutMs: 10_000, concurrency: 4 } });
      feature.worker.start();
      const pending = addPendingGuests(emulator, 250);
      const addresses = [...pending, ...unknownAddresses(750)];
      await acceptLatencies(feature, addresses.slice(0, 50), 0); // warm-up
      const latencies = (await acceptLatencies(feature, addresses.slice(50), 1)).sort((a, b) => a - b);
      await feature.close();
      return { p50: quantile(latencies, 0.5), p99: quantile(latencies, 0.99) };
    };
    const fast = await latencyRun(false);
    const slow = await latencyRun(true);
    rows.push(
      {
        measure: 'resend answer latency p50, Graph slowed to 2 s (service.accept, stored durably)',
        value: Number(slow.p50.toFixed(3)),
        unit: 'ms',
        baseline: { label: 'same, Graph not slowed', value: Number(fast.p50.toFixed(3)) },
        ratio: Number((slow.p50 / fast.p50).toFixed(2)),
        goal: '≤ 5 ms',
        met: slow.p50 <= 5,
      },
      {
        measure: 'resend answer latency p99, Graph slowed to 2 s',
        value: Number(slow.p99.toFixed(3)),
        unit: 'ms',
        baseline: { label: 'same, Graph not slowed', value: Number(fast.p99.toFixed(3)) },
        ratio: Number((slow.p99 / fast.p99).toFixed(2)),
      },
    );

    // 2. Known (pending guest) vs unknown addresses, interleaved, timed where an attacker would time them: over HTTP
    //    (POST /t/<tenant>/resend, JSON from the portal's origin), while the worker drains a backlog of 1,000 earlier
    //    requests and then the measured ones — its Graph lookups, invitations and commits happen in between.
    emulator.reset();
    {
      const cfg = { ...config(emulator, tempDb('ks')), port: 0, host: '127.0.0.1' };
      const feature = await createResendFeature({ config: cfg, logger, tuning: { concurrency: 2, budget: { calls: 500, perMs: 1_000 } } });
      const server = await startServer({ config: cfg, logger, resend: feature.service });
      const origin = new URL(server.config.publicBaseUrl).origin;
      const post = async (email: string): Promise<number> => {
        const started = performance.now();
        const res = await fetch(`${server.url}/t/${DEMO_TENANT.domain}/resend`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', accept: 'application/json', origin },
          body: JSON.stringify({ email }),
        });
        await res.arrayBuffer();
        const ms = performance.now() - started;
        if (res.status !== 202) throw new Error(`not accepted over HTTP: ${res.status}`);
        return ms;
      };
      // The backlog the worker is draining while the measured requests arrive.
      await acceptLatencies(feature, [...addPendingGuests(emulator, 500), ...unknownAddresses(500)].sort(() => Math.random() - 0.5), 0);
      const known = addPendingGuests(emulator, 1_500);
      const unknown = unknownAddresses(1_500);
      const order = [...known.map((a) => ({ a, known: true })), ...unknown.map((a) => ({ a, known: false }))].sort(() => Math.random() - 0.5);
      for (const a of unknownAddresses(100)) await post(a); // warm-up (connection, JIT)
      feature.worker.start();
      const knownMs: number[] = [];
      const unknownMs: number[] = [];
      for (const { a, known: isKnown } of order) {
        (isKnown ? knownMs : unknownMs).push(await post(a));
        await pause(1);
      }
      const after = await feature.store.countJobs();
      const drainingDuring = after.queued + after['in-flight'];
      const { d, p } = kolmogorovSmirnov(knownMs, unknownMs);
      const med = (xs: number[]) => quantile([...xs].sort((m, n) => m - n), 0.5);
      rows.push(
        {
          measure: `answer timing over HTTP while the worker drains (1,000 backlog; ${drainingDuring} still queued at the end), pending guests vs unknown addresses: two-sample KS statistic D (1,500 each)`,
          value: Number(d.toFixed(4)),
          unit: 'D',
          baseline: { label: 'median ms known / unknown', value: Number((med(knownMs) / med(unknownMs)).toFixed(3)) },
          goal: 'not distinguishable (p ≥ 0.05)',
          met: p >= 0.05,
        },
        { measure: 'answer timing over HTTP, pending vs unknown: KS p-value', value: Number(p.toFixed(4)), unit: 'p', goal: '≥ 0.05', met: p >= 0.05 },
        { measure: 'answer timing over HTTP while draining: median', value: Number(med([...knownMs, ...unknownMs]).toFixed(3)), unit: 'ms' },
      );
      await server.close();
      await drain(feature.store, 300_000);
      await feature.close();
    }

    // 3. Drain 1,000 requests (half pending guests): without faults (baseline), then with 2 % of Graph calls
    //    answered 429 + Retry-After: 1 (each 429 pauses the whole tenant for that second, as Graph's app+tenant
    //    throttling means).
    const budget = { calls: 200, perMs: 1_000 };
    const drainRun = async (throttle: boolean) => {
      emulator.reset();
      const feature = await createResendFeature({ config: config(emulator, tempDb('drain')), logger, tuning: { concurrency: 4, budget } });
      const addresses = [...addPendingGuests(emulator, 500), ...unknownAddresses(500)].sort(() => Math.random() - 0.5);
      await acceptLatencies(feature, addresses, 0);
      if (throttle) {
        emulator.faults.inject({ route: /^(GET|POST) \/v1\.0\//, fault: { kind: 'status', status: 429, retryAfterSeconds: 1 }, probability: 0.02 });
      }
      const started = performance.now();
      feature.worker.start();
      await drain(feature.store, 600_000);
      const seconds = (performance.now() - started) / 1000;
      const graph = emulator.requests().filter((r) => r.path.startsWith('/v1.0/'));
      const result = {
        seconds,
        callsPerRequest: graph.length / 1_000,
        throttled: graph.filter((r) => r.status === 429).length,
        sent: emulator.outbox().length,
        dead: (await feature.store.listDeadLetters()).length,
      };
      await feature.close();
      return result;
    };
    const calm = await drainRun(false);
    const storm = await drainRun(true);
    rows.push(
      {
        measure: `drain 1,000 requests (500 pending guests) with 2 % of Graph calls 429 + Retry-After 1 s (${storm.throttled} 429s; budget ${budget.calls} calls/s; ${storm.sent} sent, ${storm.dead} dead)`,
        value: Number(storm.seconds.toFixed(2)),
        unit: 's',
        baseline: { label: `same without 429s (${calm.sent} sent)`, value: Number(calm.seconds.toFixed(2)) },
        ratio: Number((storm.seconds / calm.seconds).toFixed(2)),
      },
      {
        measure: 'Graph calls per request while draining through the 429s (lookups + invitations + retries)',
        value: Number(storm.callsPerRequest.toFixed(3)),
        unit: 'calls',
        baseline: { label: 'same without 429s', value: Number(calm.callsPerRequest.toFixed(3)) },
        ratio: Number((storm.callsPerRequest / calm.callsPerRequest).toFixed(3)),
        goal: '≤ 2',
        met: storm.callsPerRequest <= 2,
      },
    );
  } finally {
    await emulator.stop();
  }
  return rows;
}

export default function resendBench(): Promise<BenchRow[]> {
  return rowsFromChild(SELF, CHILD_FLAG);
}

if (process.argv.includes(CHILD_FLAG)) await childRows(measure);
