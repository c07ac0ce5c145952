// A built dist/ is relocatable: built where the development dependencies are, then copied with package.json into
// another directory whose node_modules hold the production dependencies only (what `npm ci --omit=dev` installs —
// here the production closure of package-lock.json, copied from this install, so the test needs no network), and
// started from yet another working directory: the live portal serves pages, its stylesheet and the console, and
// re-sends an invitation through Graph (msal-node, graph-client, better-sqlite3 from the pruned install).
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildPortal } from '../../portal/build.ts';
import { DEMO_PEOPLE, DEMO_PORTAL_APP, DEMO_TENANT } from '../emulator/demo-tenant.ts';
import { startEmulator, type Emulator } from '../emulator/index.ts';

const ROOT = resolve(import.meta.dirname, '..', '..');

/** The production closure of package-lock.json: every installed package not marked dev-only. */
function productionPackages(): string[] {
  const lock = JSON.parse(readFileSync(join(ROOT, 'package-lock.json'), 'utf8')) as { packages: Record<string, { dev?: boolean }> };
  return Object.entries(lock.packages)
    .filter(([path, entry]) => path.startsWith('node_modules/') && !entry.dev)
    .map(([path]) => path);
}

/** dist/ + package files in a fresh directory, with a production-only node_modules (hard links where possible). */
function relocatedInstall(): string {
  const app = mkdtempSync(join(tmpdir(), 'guestpass-relocated-'));
  cpSync(join(ROOT, 'dist', 'portal'), join(app, 'dist', 'portal'), { recursive: true });
  for (const file of ['package.json', 'package-lock.json']) cpSync(join(ROOT, file), join(app, file));
  for (const path of productionPackages().sort((a, b) => a.length - b.length)) {
    const target = join(app, path);
    mkdirSync(dirname(target), { recursive: true });
    // Nested packages (node_modules/a/node_modules/b) were copied with their parent already.
    if (spawnSync('cp', ['-al', '--no-clobber', join(ROOT, path), dirname(target)]).status !== 0) {
      cpSync(join(ROOT, path), target, { recursive: true, force: false });
    }
  }
  return app;
}

interface Started {
  child: ChildProcess;
  url?: string;
  output(): string;
  exited: Promise<number | null>;
}

function start(entry: string, cwd: string, env: NodeJS.ProcessEnv): Promise<Started> {
  const child = spawn(process.execPath, [entry], { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
  return new Promise((resolveStart, reject) => {
    const timer = setTimeout(() => reject(new Error(`no ready line:\n${output}`)), 45_000);
    const done = (url?: string) => {
      clearTimeout(timer);
      resolveStart({ child, ...(url ? { url } : {}), output: () => output, exited });
    };
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk;
      const line = output.split('\n').find((l) => l.includes('guestpass portal ready'));
      if (line) done((JSON.parse(line) as { listen: string }).listen);
    });
    child.stderr!.on('data', (chunk: Buffer) => void (output += chunk));
    void exited.then(() => done());
  });
}

describe('a built dist/ copied elsewhere, on production dependencies only', () => {
  let app: string;
  let emulator: Emulator;
  let elsewhere: string;
  beforeAll(async () => {
    await buildPortal();
    app = relocatedInstall();
    elsewhere = mkdtempSync(join(tmpdir(), 'guestpass-cwd-'));
    emulator = await startEmulator();
  }, 120_000);
  afterAll(async () => {
    await emulator?.stop();
    rmSync(app, { recursive: true, force: true });
  });

  it('has no development packages installed (the emulator\'s certificate library among them)', () => {
    expect(() => readFileSync(join(app, 'node_modules', '@peculiar', 'x509', 'package.json'))).toThrow();
    expect(() => readFileSync(join(app, 'node_modules', 'vitest', 'package.json'))).toThrow();
    expect(readFileSync(join(app, 'node_modules', 'express', 'package.json'), 'utf8')).toContain('"name": "express"');
  });

  /** A live configuration of the demo tenant against the emulator, its store in `elsewhere`. */
  function liveEnv(): NodeJS.ProcessEnv {
    const key = DEMO_TENANT.domain.toUpperCase().replace(/[^A-Z0-9]/g, '_');
    return {
      PATH: process.env.PATH,
      HOME: elsewhere,
      PORT: '0',
      LOG_LEVEL: 'info',
      NODE_EXTRA_CA_CERTS: emulator.caCertPath,
      GUESTPASS_ENV_FILE: '/dev/null',
      GUESTPASS_TENANTS: JSON.stringify([{ domain: DEMO_TENANT.domain, tenantId: DEMO_TENANT.id, displayName: DEMO_TENANT.displayName }]),
      GUESTPASS_SECRET: 'relocated-secret-0123456789abcdef012345',
      GUESTPASS_PUBLIC_URL: 'http://localhost:3000',
      GUESTPASS_DATABASE: join(elsewhere, 'guestpass.sqlite'),
      GUESTPASS_LOGIN_BASE_URL: emulator.origin,
      GUESTPASS_GRAPH_BASE_URL: emulator.origin,
      [`GUESTPASS_GRAPH_CLIENT_ID_${key}`]: DEMO_PORTAL_APP.clientId,
      [`GUESTPASS_GRAPH_SECRET_${key}`]: DEMO_PORTAL_APP.clientSecret,
    };
  }

  it('starts live from another directory and re-sends an invitation through the emulated Graph', async () => {
    const portal = await start(join(app, 'dist', 'portal', 'main.mjs'), elsewhere, liveEnv());
    try {
      expect(portal.url, portal.output()).toBeDefined();
      const page = await fetch(`${portal.url}/t/${DEMO_TENANT.domain}`);
      expect(page.status).toBe(200);
      expect(await page.text()).toContain(DEMO_TENANT.displayName);
      expect((await fetch(`${portal.url}/assets/portal.css`)).status).toBe(200);
      expect((await fetch(`${portal.url}/admin/`)).status).toBe(200);
      const health = (await (await fetch(`${portal.url}/healthz`)).json()) as { version: string };
      expect(health.version).toBe((JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version);

      const res = await fetch(`${portal.url}/t/${DEMO_TENANT.domain}/resend`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json', origin: 'http://localhost:3000' },
        body: JSON.stringify({ email: DEMO_PEOPLE.pendingOutlookGuest }),
      });
      expect(res.status).toBe(202);
      // The worker delivers asynchronously: wait (bounded) for the emulator's outbox.
      for (let i = 0; i < 200 && !emulator.outbox().some((e) => e.to === DEMO_PEOPLE.pendingOutlookGuest); i++) await new Promise((r) => setTimeout(r, 50));
      expect(emulator.outbox().map((e) => e.to), portal.output()).toContain(DEMO_PEOPLE.pendingOutlookGuest);
    } finally {
      portal.child.kill('SIGTERM');
      expect(await portal.exited).toBe(0);
    }
  });

  /** `npm run health` in the relocated install (asynchronously: the emulator answers from this process). */
  function health(args: string[], env: NodeJS.ProcessEnv): Promise<{ status: number | null; stdout: string; stderr: string }> {
    const child = spawn('npm', ['run', '--silent', 'health', '--', ...args], { cwd: app, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => void (stdout += chunk));
    child.stderr.on('data', (chunk: Buffer) => void (stderr += chunk));
    return new Promise((resolveRun) => child.once('close', (status) => resolveRun({ status, stdout, stderr })));
  }

  it('`npm run health -- --tenant … --json` runs from dist: exit 1 (warnings) and the JSON report of the emulated tenant', async () => {
    const result = await health(['--tenant', DEMO_TENANT.domain, '--json'], liveEnv());
    expect(result.status, result.stderr).toBe(1);
    const report = JSON.parse(result.stdout) as { tenant: { key: string }; overall: string; findings: { id: string }[] };
    expect(report).toMatchObject({ tenant: { key: DEMO_TENANT.domain }, overall: 'warning' });
    expect(report.findings).toHaveLength(8);
  }, 150_000);

  it('`npm run health` that cannot reach Graph exits 3 and says why', async () => {
    const closed = 'https://127.0.0.1:9';
    const env = { ...liveEnv(), GUESTPASS_LOGIN_BASE_URL: closed, GUESTPASS_GRAPH_BASE_URL: closed };
    const result = await health(['--tenant', DEMO_TENANT.domain], env);
    expect(result.status, result.stdout).toBe(3);
    expect(result.stderr).toMatch(/guestpass health: could not run/);
  }, 150_000);

  it('with nothing configured explains that the demo needs the development install, and exits', async () => {
    const run = await start(join(app, 'dist', 'portal', 'main.mjs'), elsewhere, { PATH: process.env.PATH, HOME: elsewhere, PORT: '0' });
    expect(await run.exited).toBe(1);
    expect(run.output()).toMatch(/the demo needs the development install/i);
    expect(run.output()).not.toContain('portal ready');
  });
});
