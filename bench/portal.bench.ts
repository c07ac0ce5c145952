// Portal benchmarks: landing-page throughput against a bare Express route (same machine, same run, same load
// generator), p99 latency at 64 connections, the portal's own RSS (child process) idle and after load, time to ready.
// The portal runs as `npm start` runs it (the bundle from `npm run build:portal` on plain node) in LIVE mode: a tenant
// with Graph credentials, pointed at an Entra emulator running in its own process (a live portal has no emulator in
// its process). Demo mode (emulator in-process) and the unbundled `tsx portal/main.ts` are reported separately.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { buildPortal } from '../portal/build.ts';
import type { BenchRow } from './row.ts';

interface AutocannonResult {
  requests: { average: number; total: number };
  latency: { p99: number; average: number };
  non2xx: number;
  errors: number;
}
type Autocannon = (options: { url: string; connections: number; duration: number; pipelining?: number }) => Promise<AutocannonResult>;
const autocannon = createRequire(import.meta.url)('autocannon') as Autocannon;

const ROOT = resolve(import.meta.dirname, '..');
const CONNECTIONS = 64;
const ROUNDS = 3;
const ROUND_S = 3;
const TENANT = 'ezaz2281.onmicrosoft.com'; // the emulator's demo tenant (test/emulator/demo-tenant.ts)
const TENANT_ID = '7f3c2281-b2b0-4e5a-9c1d-3e8f5a6b2281';
const TSX_CLI = join(ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs');

interface Child {
  process: ChildProcess;
  port: number;
  readyMs: number;
}

/** Spawns a server and resolves once it prints its port (`READY <port>` or the portal's ready log line, whose `listen` field is
 * the local address: its `url` is GUESTPASS_PUBLIC_URL). */
function startChild(args: string[], env: NodeJS.ProcessEnv): Promise<Child> {
  const started = performance.now();
  const child = spawn(process.execPath, args, { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  return new Promise((resolveChild, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`server not ready:\n${out}`)), 30_000);
    child.stderr!.on('data', (c: Buffer) => void (out += c));
    child.stdout!.on('data', (c: Buffer) => {
      // Once ready, only drain the pipe: scanning the request log lines here would take CPU from the portal (the
      // load generator shares this process) during the portal's rounds only, which would bias the comparison.
      if (timerDone) return;
      if (out.length < 20_000) out += c;
      const ready = /READY (\d+)/.exec(out) ?? /"listen":"http:\/\/127\.0\.0\.1:(\d+)".*guestpass portal ready/.exec(out);
      if (ready && !timerDone) {
        timerDone = true;
        clearTimeout(timer);
        resolveChild({ process: child, port: Number(ready[1]), readyMs: performance.now() - started });
      }
    });
    let timerDone = false;
    child.on('exit', (code) => reject(new Error(`server exited (${code}):\n${out}`)));
  });
}

function rssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? NaN);
  return Math.round((kb / 1024) * 10) / 10;
}

async function stop(child: Child): Promise<void> {
  if (child.process.exitCode !== null) return;
  child.process.removeAllListeners('exit'); // the start-up rejection handler, before waiting for the exit
  const exited = new Promise((r) => child.process.once('exit', r));
  child.process.kill('SIGTERM');
  await exited;
}

/** CPU time (user + system) a process has used so far, in ms (clock ticks of 10 ms). */
function cpuMs(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

/** One load round, with the server's own CPU time per request (less sensitive to a busy machine than req/s). */
async function round(url: string, pid: number): Promise<AutocannonResult & { cpuUsPerRequest: number }> {
  const before = cpuMs(pid);
  const result = await autocannon({ url, connections: CONNECTIONS, duration: ROUND_S });
  return { ...result, cpuUsPerRequest: ((cpuMs(pid) - before) * 1000) / Math.max(1, result.requests.total) };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

function medianResult(results: AutocannonResult[]): AutocannonResult {
  return {
    requests: { average: median(results.map((r) => r.requests.average)), total: results.reduce((n, r) => n + r.requests.total, 0) },
    latency: { p99: median(results.map((r) => r.latency.p99)), average: median(results.map((r) => r.latency.average)) },
    non2xx: results.reduce((n, r) => n + r.non2xx, 0),
    errors: results.reduce((n, r) => n + r.errors, 0),
  };
}

/** The Entra emulator in its own process (`test/emulator/cli.ts`): its origin and CA file, for a live portal. */
function startEmulatorProcess(): Promise<{ process: ChildProcess; origin: string; caFile: string }> {
  const child = spawn(process.execPath, [TSX_CLI, 'test/emulator/cli.ts', '--port', '0'], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  return new Promise((resolveChild, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`emulator not ready:\n${out}`)), 30_000);
    const onData = (c: Buffer) => {
      out += c;
      const found = /listening on (https:\/\/\S+)[\s\S]*CA certificate\s+(\S+)/.exec(out);
      if (!found) return;
      clearTimeout(timer);
      child.stdout!.off('data', onData);
      child.stdout!.resume();
      child.removeAllListeners('exit');
      resolveChild({ process: child, origin: found[1]!, caFile: found[2]! });
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', (c: Buffer) => void (out += c));
    child.on('exit', (code) => reject(new Error(`emulator exited (${code}):\n${out}`)));
  });
}

/** Idle RSS (1 s after ready) and time to ready of one start, then stop. */
async function idleStart(args: string[], env: NodeJS.ProcessEnv): Promise<{ rss: number; readyMs: number }> {
  const child = await startChild(args, env);
  try {
    await new Promise((r) => setTimeout(r, 1000));
    return { rss: rssMb(child.process.pid!), readyMs: child.readyMs };
  } finally {
    await stop(child);
  }
}

export default async function portalBench(): Promise<BenchRow[]> {
  const dir = mkdtempSync(join(tmpdir(), 'guestpass-bench-'));
  const entry = await buildPortal(); // what `npm start` runs (its prestart step builds the same bundle)
  const emulator = await startEmulatorProcess();
  const key = TENANT.toUpperCase().replace(/[^A-Z0-9]/g, '_');
  const portalEnv: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: '0',
    HOST: '127.0.0.1',
    LOG_LEVEL: 'info', // as in production: one JSON line per request
    GUESTPASS_ENV_FILE: '/dev/null',
    GUESTPASS_DATABASE: join(dir, 'bench.sqlite'),
    GUESTPASS_SECRET: 'bench-secret-0123456789abcdef0123456789',
    GUESTPASS_PUBLIC_URL: 'http://localhost',
    GUESTPASS_TENANTS: JSON.stringify([{ domain: TENANT, tenantId: TENANT_ID, displayName: 'Ezaz Labs' }]),
    // Credentials as in a real deployment, so the resend feature (SQLite store, worker) is running and counted.
    [`GUESTPASS_GRAPH_CLIENT_ID_${key}`]: '5a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d',
    [`GUESTPASS_GRAPH_SECRET_${key}`]: 'demo-only-secret-not-a-real-credential',
    GUESTPASS_LOGIN_BASE_URL: emulator.origin,
    GUESTPASS_GRAPH_BASE_URL: emulator.origin,
    NODE_EXTRA_CA_CERTS: emulator.caFile,
  };
  let portal: Child | undefined;
  let portalResult: AutocannonResult;
  let bareResult: AutocannonResult;
  let idle: number;
  let loaded: number;
  let bareIdle: number;
  let ratios: number[];
  let bareCpu: number;
  let portalCpu: number;
  let tsxStart: { rss: number; readyMs: number };
  let demoStart: { rss: number; readyMs: number };
  try {
    portal = await startChild([entry], portalEnv);
    const portalUrl = `http://127.0.0.1:${portal.port}/t/${TENANT}`;
    await new Promise((r) => setTimeout(r, 1000));
    idle = rssMb(portal.process.pid!);
    // The baseline sends a body of the same size, so the comparison is about the portal's work, not bytes on the wire.
    const page = await (await fetch(portalUrl)).text();
    if (!page.includes('/resend"')) throw new Error('the live portal page has no resend form: credentials not picked up');
    const bareCode = [
      "import express from 'express';",
      'const app = express();',
      'const body = process.env.BENCH_BODY;',
      "app.get('/t/:tenant', (req, res) => { res.type('html').send(body); });",
      "const server = app.listen(0, '127.0.0.1', () => console.log('READY ' + server.address().port));",
      "process.on('SIGTERM', () => server.close(() => process.exit(0)));",
    ].join('\n');
    const bare = await startChild(['--input-type=module', '-e', bareCode], { ...process.env, BENCH_BODY: page });
    try {
      await new Promise((r) => setTimeout(r, 1000));
      bareIdle = rssMb(bare.process.pid!);
      const bareUrl = `http://127.0.0.1:${bare.port}/t/${TENANT}`;
      // Interleaved rounds, medians: on a shared 2-core machine the background load drifts between runs.
      await autocannon({ url: bareUrl, connections: CONNECTIONS, duration: 1 });
      await autocannon({ url: portalUrl, connections: CONNECTIONS, duration: 1 });
      const bareRounds: (AutocannonResult & { cpuUsPerRequest: number })[] = [];
      const portalRounds: (AutocannonResult & { cpuUsPerRequest: number })[] = [];
      for (let i = 0; i < ROUNDS; i++) {
        bareRounds.push(await round(bareUrl, bare.process.pid!));
        portalRounds.push(await round(portalUrl, portal.process.pid!));
      }
      bareCpu = median(bareRounds.map((r) => r.cpuUsPerRequest));
      portalCpu = median(portalRounds.map((r) => r.cpuUsPerRequest));
      bareResult = medianResult(bareRounds);
      portalResult = medianResult(portalRounds);
      ratios = portalRounds.map((r, i) => r.requests.average / bareRounds[i]!.requests.average);
    } finally {
      await stop(bare);
    }
    loaded = rssMb(portal.process.pid!);
    await stop(portal);
    // For comparison: the same live portal unbundled under tsx, and demo mode (emulator in the portal's process).
    tsxStart = await idleStart(['--import', 'tsx', 'portal/main.ts'], portalEnv); // the server process itself, not tsx's CLI parent
    const demoEnv: NodeJS.ProcessEnv = { ...process.env, GUESTPASS_MODE: 'demo', PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'info', GUESTPASS_ENV_FILE: '/dev/null', GUESTPASS_DATABASE: join(dir, 'demo.sqlite') };
    delete demoEnv.GUESTPASS_TENANTS;
    demoEnv.NODE_EXTRA_CA_CERTS = emulator.caFile; // the demo emulator shares the CA: no re-spawn, RSS of one process
    demoStart = await idleStart([entry], demoEnv);
  } finally {
    if (portal) await stop(portal);
    if (emulator.process.exitCode === null) {
      const exited = new Promise((r) => emulator.process.once('exit', r));
      emulator.process.kill('SIGTERM');
      await exited;
    }
    rmSync(dir, { recursive: true, force: true });
  }

  if (portalResult.non2xx > 0 || portalResult.errors > 0) {
    throw new Error(`portal answered ${portalResult.non2xx} non-2xx and ${portalResult.errors} errors under load`);
  }

  const rps = Math.round(portalResult.requests.average);
  const bareRps = Math.round(bareResult.requests.average);
  const ratio = Math.round(median(ratios) * 100) / 100;
  return [
    {
      measure: `portal GET /t/:tenant throughput (${CONNECTIONS} connections, median of ${ROUNDS} interleaved rounds)`,
      value: rps,
      unit: 'req/s',
      baseline: { label: 'bare Express route sending the same page', value: bareRps },
      ratio,
      goal: '≥ 0.8×',
      met: ratio >= 0.8,
    },
    {
      measure: `portal GET /t/:tenant p99 latency (${CONNECTIONS} connections)`,
      value: portalResult.latency.p99,
      unit: 'ms',
      baseline: { label: 'bare Express route p99', value: bareResult.latency.p99 },
    },
    {
      measure: 'portal CPU time per GET /t/:tenant (server process, median round)',
      value: Math.round(portalCpu),
      unit: 'µs',
      baseline: { label: 'bare Express route', value: Math.round(bareCpu) },
    },
    {
      measure: 'portal RSS idle, npm start, live mode (bundle on node)',
      value: idle,
      unit: 'MB',
      baseline: { label: 'bare Node + Express RSS idle', value: bareIdle },
      goal: '≤ 80 MB',
      met: idle <= 80,
    },
    { measure: `portal RSS after ${ROUNDS * ROUND_S + 2} s of load, live mode`, value: loaded, unit: 'MB' },
    { measure: 'portal time to ready, live mode (node dist/portal/main.mjs; spawn → ready log line)', value: Math.round(portal.readyMs), unit: 'ms' },
    { measure: 'portal RSS idle, demo mode (emulator in-process)', value: demoStart.rss, unit: 'MB' },
    { measure: 'portal time to ready, demo mode', value: Math.round(demoStart.readyMs), unit: 'ms' },
    { measure: 'portal RSS idle, live mode unbundled (node --import tsx portal/main.ts)', value: tsxStart.rss, unit: 'MB' },
    { measure: 'portal time to ready, live mode unbundled (tsx)', value: Math.round(tsxStart.readyMs), unit: 'ms' },
  ];
}

// Run directly: `npx tsx bench/portal.bench.ts`
if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.filename)) {
  console.table(await portalBench());
}
