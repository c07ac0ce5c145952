// "Ask for access": does the answer's timing over HTTP tell a new address from a pending guest, an accepted guest or a
// blocked domain, while the workers (classification, Graph lookups, resends) drain a backlog? Timed where an attacker
// would time it: POST /t/<tenant>/request as JSON from the portal's origin, the four kinds interleaved at random.
// Runs against the emulator over real HTTPS (in a child that trusts its CA, like resend.bench.ts).
import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import pino from 'pino';
import { DEFAULT_ACCESS_SETTINGS } from '../portal/access-requests/types.ts';
import { createResendFeature } from '../portal/resend/index.ts';
import { startServer } from '../portal/server.ts';
import type { DirectoryUser } from '../test/emulator/directory.ts';
import { DEMO_TENANT } from '../test/emulator/demo-tenant.ts';
import { startEmulator, type Emulator } from '../test/emulator/index.ts';
import { demoTenantConfig, portalConfig } from '../test/resend/support.ts';
import { childRows, rowsFromChild } from './emulator-child.ts';
import { kolmogorovSmirnov } from './resend.bench.ts';
import type { BenchRow } from './row.ts';

const SELF = fileURLToPath(import.meta.url);
const CHILD_FLAG = '--access-requests-bench-child';
const logger = pino({ level: 'silent' });
const PER_KIND = 1_000;
const BLOCKED_DOMAIN = 'blocked-bench.example';

function addGuests(emulator: Emulator, count: number, state: 'PendingAcceptance' | 'Accepted'): string[] {
  const tenant = emulator.state.findTenant(DEMO_TENANT.id)!;
  const template = tenant.users.find((u) => u.externalUserState === state)!;
  return Array.from({ length: count }, (_, i) => {
    const address = `bench.${state.toLowerCase()}.${i}.${randomUUID().slice(0, 8)}@example.net`;
    const user: DirectoryUser = { ...template, id: randomUUID(), mail: address, otherMails: [address], proxyAddresses: [`SMTP:${address}`] };
    tenant.users.push(user);
    return address;
  });
}
const fresh = (count: number, domain: string) => Array.from({ length: count }, (_, i) => `bench.${i}.${randomUUID().slice(0, 8)}@${domain}`);
const median = (xs: readonly number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function measure(): Promise<BenchRow[]> {
  const emulator = await startEmulator();
  const rows: BenchRow[] = [];
  try {
    const config = {
      ...portalConfig(emulator, {
        rateLimits: { perIpPerHour: 1_000_000, perAddressPerHour: 3, perTenantPerHour: 1_000_000 },
        tenants: [demoTenantConfig({ accessRequests: { ...DEFAULT_ACCESS_SETTINGS, policy: { ...DEFAULT_ACCESS_SETTINGS.policy, mode: 'approval', blockedDomains: [BLOCKED_DOMAIN] } } })],
      }),
      port: 0,
    };
    const feature = await createResendFeature({ config, logger, tuning: { concurrency: 2, budget: { calls: 500, perMs: 1_000 }, accessRequests: { pollMs: 200 } } });
    const server = await startServer({ config, logger, resend: feature.service, store: feature.store, accessRequests: feature.accessRequests });
    const origin = new URL(server.config.publicBaseUrl).origin;
    const post = async (email: string): Promise<number> => {
      const started = performance.now();
      const res = await fetch(`${server.url}/t/${DEMO_TENANT.domain}/request`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json', origin },
        body: JSON.stringify({ email, name: 'Bench Requester', organisation: 'Bench Ltd', reason: 'Timing the answer', sponsor: '' }),
      });
      await res.arrayBuffer();
      const ms = performance.now() - started;
      if (res.status !== 202) throw new Error(`not accepted over HTTP: ${res.status}`);
      return ms;
    };
    // A backlog for the workers to drain while the measured requests arrive.
    for (const a of [...addGuests(emulator, 250, 'PendingAcceptance'), ...fresh(250, 'example.org')]) await post(a);
    const kinds = {
      new: fresh(PER_KIND, 'example.org'),
      pending: addGuests(emulator, PER_KIND, 'PendingAcceptance'),
      accepted: addGuests(emulator, PER_KIND, 'Accepted'),
      blocked: fresh(PER_KIND, BLOCKED_DOMAIN),
    };
    const order = Object.entries(kinds)
      .flatMap(([kind, list]) => list.map((a) => ({ kind: kind as keyof typeof kinds, a })))
      .sort(() => Math.random() - 0.5);
    for (const a of fresh(100, 'example.com')) await post(a); // warm-up
    feature.worker.start();
    feature.accessRequests.worker.start();
    const times: Record<keyof typeof kinds, number[]> = { new: [], pending: [], accepted: [], blocked: [] };
    for (const { kind, a } of order) {
      times[kind].push(await post(a));
      await pause(1);
    }
    const stillIntake = (await feature.store.accessRequests.list({ tenantKey: DEMO_TENANT.domain, states: ['intake'], limit: 100_000 })).length;
    for (const kind of ['pending', 'accepted', 'blocked'] as const) {
      const { d, p } = kolmogorovSmirnov(times.new, times[kind]);
      rows.push({
        measure: `request answer timing over HTTP while the workers drain (${stillIntake} still unclassified at the end): new addresses vs ${kind} (${PER_KIND} each), KS statistic D`,
        value: Number(d.toFixed(4)),
        unit: 'D',
        baseline: { label: `median ms ${kind} / new`, value: Number((median(times[kind]) / median(times.new)).toFixed(3)) },
        goal: 'not distinguishable (p ≥ 0.05)',
        met: p >= 0.05,
      });
      rows.push({ measure: `request answer timing, new vs ${kind}: KS p-value`, value: Number(p.toFixed(4)), unit: 'p', goal: '≥ 0.05', met: p >= 0.05 });
    }
    rows.push({ measure: 'request answer timing over HTTP while draining: median', value: Number(median(Object.values(times).flat()).toFixed(3)), unit: 'ms' });
    await server.close();
    await feature.close();
  } finally {
    await emulator.stop();
  }
  return rows;
}

export default function accessRequestsBench(): Promise<BenchRow[]> {
  return rowsFromChild(SELF, CHILD_FLAG);
}

if (process.argv.includes(CHILD_FLAG)) await childRows(measure);
