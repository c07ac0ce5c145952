// The B2B health check on an emulated tenant of 10,000 guests: wall time (goal ≤ 10 s) and Graph requests (goal
// ≤ 100, each request inside a `$batch` counted). Baseline in the same run: listing the same guests' ids alone
// (999 a page), i.e. what paging through the tenant costs before any check. Runs over real HTTPS against the
// emulator; Node reads NODE_EXTRA_CA_CERTS only at start-up, so the default export re-runs this file in a child.
// A last row runs the check as the admin API does: every request taken from the tenant's shared Graph budget at its
// default (GUESTPASS_GRAPH_CALLS_PER_SECOND = 10), which then bounds the wall time, not the check.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { createAppTokenClient, createGraphClient, msalAuthProvider } from '../portal/graph/client.ts';
import type { TenantConfig } from '../portal/config/index.ts';
import { GraphReader } from '../portal/health/graph-reader.ts';
import { checkTenantHealth } from '../portal/health/index.ts';
import { createGraphBudget, DEFAULT_BUDGET, takeCalls } from '../portal/graph/budget.ts';
import { openStore } from '../portal/store/open-store.ts';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureEmulatorTls } from '../test/emulator/certs.ts';
import { DEMO_PORTAL_APP } from '../test/emulator/demo-tenant.ts';
import { tenantWithManyGuests } from '../test/emulator/health-tenants.ts';
import { startEmulator } from '../test/emulator/index.ts';
import type { BenchRow } from './row.ts';

const SELF = fileURLToPath(import.meta.url);
const CHILD_FLAG = '--health-bench-child';
const GUESTS = 10_000;

async function measure(): Promise<BenchRow[]> {
  const emulator = await startEmulator();
  try {
    const tenant = tenantWithManyGuests(GUESTS, emulator.state.now());
    emulator.state.tenants.push(tenant);
    const config: TenantConfig = { key: tenant.domains[0]!, tenantId: tenant.id, displayName: tenant.displayName, links: [], credentials: { clientId: DEMO_PORTAL_APP.clientId, clientSecret: DEMO_PORTAL_APP.clientSecret } };
    const endpoints = { loginBaseUrl: emulator.loginBaseUrl, graphBaseUrl: emulator.graphBaseUrl };

    // Baseline: page through the guests' ids only, with the same client (token acquired first, as in the check).
    const client = createGraphClient(msalAuthProvider(createAppTokenClient(config, endpoints)), endpoints, 60_000);
    const reader = new GraphReader(client);
    await reader.get('/users?$select=id&$top=1');
    const baselineStart = performance.now();
    let next: string | undefined = `/users?$filter=${encodeURIComponent("userType eq 'Guest'")}&$select=id&$top=999`;
    let listed = 0;
    while (next) {
      const page = (await reader.get(next)).body as { value: unknown[]; '@odata.nextLink'?: string };
      listed += page.value.length;
      next = page['@odata.nextLink'];
    }
    const baselineMs = performance.now() - baselineStart;
    if (listed !== GUESTS) throw new Error(`listed ${listed} guests, expected ${GUESTS}`);

    const logBefore = emulator.state.requestLog.length;
    const start = performance.now();
    const report = await checkTenantHealth(config, endpoints);
    const ms = performance.now() - start;
    const httpCalls = emulator.state.requestLog.slice(logBefore).filter((entry) => entry.path.startsWith('/v1.0/')).length;
    if (report.guests?.total !== GUESTS || !report.complete) throw new Error(`the check saw ${report.guests?.total} guests (complete: ${report.complete})`);

    // As the admin API runs it (routes/admin-lifecycle.ts): through the shared budget, in a store of its own.
    const dir = mkdtempSync(join(tmpdir(), 'guestpass-health-bench-'));
    const store = await openStore({ databasePath: join(dir, 'bench.sqlite') });
    let budgetedMs: number;
    try {
      const budget = createGraphBudget(store, DEFAULT_BUDGET, Date.now, (wait) => new Promise((r) => setTimeout(r, wait)));
      const budgetedStart = performance.now();
      await checkTenantHealth(config, endpoints, { reader: { beforeRequests: (count) => takeCalls(budget, config.key, count) } });
      budgetedMs = performance.now() - budgetedStart;
    } finally {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    }

    return [
      { measure: `health check, ${GUESTS.toLocaleString('en-US')} guests: wall time`, value: Math.round(ms), unit: 'ms', baseline: { label: 'list guest ids only', value: Math.round(baselineMs) }, ratio: ms / baselineMs, goal: '≤ 10,000 ms', met: ms <= 10_000 },
      { measure: 'health check: Graph requests (each in $batch counted)', value: report.graphRequests, unit: 'requests', goal: '≤ 100', met: report.graphRequests <= 100 },
      { measure: 'health check: HTTP round trips to Graph', value: httpCalls, unit: 'calls', baseline: { label: 'Graph requests', value: report.graphRequests }, ratio: httpCalls / report.graphRequests },
      { measure: `health check via the admin API, ${GUESTS.toLocaleString('en-US')} guests, Graph budget ${DEFAULT_BUDGET.calls}/s: wall time`, value: Math.round(budgetedMs), unit: 'ms', baseline: { label: 'unbudgeted check', value: Math.round(ms) }, ratio: budgetedMs / ms, goal: '≤ 10,000 ms', met: budgetedMs <= 10_000 },
    ];
  } finally {
    await emulator.stop();
  }
}

export default async function healthBench(): Promise<BenchRow[]> {
  const tls = await ensureEmulatorTls();
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', SELF, CHILD_FLAG], { env: { ...process.env, NODE_EXTRA_CA_CERTS: tls.caCertPath }, stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (chunk) => (out += chunk));
    child.once('error', reject);
    child.once('exit', (code) => {
      const line = out.split('\n').find((l) => l.startsWith('ROWS '));
      if (code === 0 && line) resolve(JSON.parse(line.slice(5)) as BenchRow[]);
      else reject(new Error(`health bench child exited ${code}`));
    });
  });
}

if (process.argv.includes(CHILD_FLAG)) {
  const rows = await measure();
  process.stdout.write(`ROWS ${JSON.stringify(rows)}\n`);
  process.exit(0);
}
