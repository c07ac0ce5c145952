// Portal benchmarks: landing-page throughput against a bare Express route (same machine, same run, same load
// generator), p99 latency at 64 connections, the portal's own RSS (child process) idle and after load, time to ready.
import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { BenchRow } from './row.ts';

interface AutocannonResult {
  requests: { average: number };
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
const TENANT = 'contoso.onmicrosoft.com';

interface Child {
  process: ChildProcess;
  port: number;
  readyMs: number;
}

/** Spawns a server and resolves once it prints its port (`READY <port>` or the portal's ready log line). */
function startChild(args: string[], env: NodeJS.ProcessEnv): Promise<Child> {
  const started = performance.now();
  const child = spawn(process.execPath, args, { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  return new Promise((resolveChild, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`server not ready:\n${out}`)), 30_000);
    child.stderr!.on('data', (c: Buffer) => void (out += c));
    child.stdout!.on('data', (c: Buffer) => {
      if (out.length < 20_000) out += c; // keep draining the pipe under load, but stop keeping the text
      const ready = /READY (\d+)/.exec(out) ?? /"url":"http:\/\/127\.0\.0\.1:(\d+)".*guestpass portal ready/.exec(out);
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

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

function medianResult(results: AutocannonResult[]): AutocannonResult {
  return {
    requests: { average: median(results.map((r) => r.requests.average)) },
    latency: { p99: median(results.map((r) => r.latency.p99)), average: median(results.map((r) => r.latency.average)) },
    non2xx: results.reduce((n, r) => n + r.non2xx, 0),
    errors: results.reduce((n, r) => n + r.errors, 0),
  };
}

/** The portal as a single esbuild bundle (node_modules left external) run by plain node: no tsx loader thread. */
async function bundledPortal(dir: string): Promise<string> {
  const esbuild = createRequire(import.meta.url)('esbuild') as {
    build(options: Record<string, unknown>): Promise<unknown>;
  };
  const out = join(dir, 'bundle');
  mkdirSync(join(out, 'portal'), { recursive: true });
  await esbuild.build({
    entryPoints: [join(ROOT, 'portal', 'main.ts')],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    jsx: 'automatic',
    jsxImportSource: 'preact',
    outfile: join(out, 'portal', 'main.mjs'),
    logLevel: 'silent',
  });
  // The layout main.ts expects around it: public/ beside it, package.json above, node_modules resolvable.
  cpSync(join(ROOT, 'portal', 'public'), join(out, 'portal', 'public'), { recursive: true });
  cpSync(join(ROOT, 'package.json'), join(out, 'package.json'));
  symlinkSync(join(ROOT, 'node_modules'), join(out, 'node_modules'));
  return join(out, 'portal', 'main.mjs');
}

export default async function portalBench(): Promise<BenchRow[]> {
  const dir = mkdtempSync(join(tmpdir(), 'guestpass-bench-'));
  const portalEnv: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: '0',
    HOST: '127.0.0.1',
    LOG_LEVEL: 'info', // as in production: one JSON line per request
    GUESTPASS_ENV_FILE: '/dev/null',
    GUESTPASS_DATABASE: join(dir, 'bench.sqlite'),
    GUESTPASS_SECRET: 'bench-secret-0123456789abcdef0123456789',
    GUESTPASS_TENANTS: JSON.stringify([
      { domain: TENANT, tenantId: '11111111-2222-4333-8444-555555555555', displayName: 'Contoso Ltd' },
    ]),
    // Credentials as in a real deployment, so the resend feature (Graph, MSAL, SQLite) is loaded and counted.
    GUESTPASS_GRAPH_CLIENT_ID_CONTOSO_ONMICROSOFT_COM: '99999999-8888-4777-8666-555555555555',
    GUESTPASS_GRAPH_SECRET_CONTOSO_ONMICROSOFT_COM: 'bench-only-not-a-secret',
  };
  const portal = await startChild(['--import', 'tsx', 'portal/main.ts'], portalEnv);
  const portalUrl = `http://127.0.0.1:${portal.port}/t/${TENANT}`;
  let portalResult: AutocannonResult;
  let bareResult: AutocannonResult;
  let idle: number;
  let loaded: number;
  let bareIdle: number;
  let ratios: number[];
  try {
    await new Promise((r) => setTimeout(r, 1000));
    idle = rssMb(portal.process.pid!);
    // The baseline sends a body of the same size, so the comparison is about the portal's work, not bytes on the wire.
    const page = await (await fetch(portalUrl)).text();
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
      const bareRounds: AutocannonResult[] = [];
      const portalRounds: AutocannonResult[] = [];
      for (let round = 0; round < ROUNDS; round++) {
        bareRounds.push(await autocannon({ url: bareUrl, connections: CONNECTIONS, duration: ROUND_S }));
        portalRounds.push(await autocannon({ url: portalUrl, connections: CONNECTIONS, duration: ROUND_S }));
      }
      bareResult = medianResult(bareRounds);
      portalResult = medianResult(portalRounds);
      ratios = portalRounds.map((r, i) => r.requests.average / bareRounds[i]!.requests.average);
    } finally {
      await stop(bare);
    }
    loaded = rssMb(portal.process.pid!);
  } finally {
    await stop(portal);
  }
  const bundled = await startChild([await bundledPortal(dir)], portalEnv);
  let bundledIdle: number;
  try {
    await new Promise((r) => setTimeout(r, 1000));
    bundledIdle = rssMb(bundled.process.pid!);
  } finally {
    await stop(bundled);
  }
  rmSync(dir, { recursive: true, force: true });

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
      measure: 'portal RSS idle, npm start (tsx)',
      value: idle,
      unit: 'MB',
      baseline: { label: 'bare Node + Express RSS idle', value: bareIdle },
      goal: '≤ 80 MB',
      met: idle <= 80,
    },
    {
      measure: 'portal RSS idle, esbuild bundle on plain node',
      value: bundledIdle,
      unit: 'MB',
      baseline: { label: 'bare Node + Express RSS idle', value: bareIdle },
      goal: '≤ 80 MB',
      met: bundledIdle <= 80,
    },
    { measure: `portal RSS after ${ROUNDS * ROUND_S + 1} s of load (tsx)`, value: loaded, unit: 'MB' },
    { measure: 'portal time to ready, npm start (tsx; spawn → ready log line)', value: Math.round(portal.readyMs), unit: 'ms' },
    { measure: 'portal time to ready, esbuild bundle', value: Math.round(bundled.readyMs), unit: 'ms' },
  ];
}

// Run directly: `npx tsx bench/portal.bench.ts`
if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.filename)) {
  console.table(await portalBench());
}
