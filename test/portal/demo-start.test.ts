// `npm start` with no tenant configured: the portal boots in demo mode against the in-process emulator,
// re-spawning itself so Node trusts the emulator's CA (TLS checking stays on).
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildPortal } from '../../portal/build.ts';
import { DEMO_PEOPLE, DEMO_TENANT } from '../emulator/demo-tenant.ts';


interface DemoRun {
  child: ChildProcess;
  url: string;
  /** The process that serves (the re-spawned one). */
  pid: number;
  output(): string;
  kill(): Promise<void>;
}

/** `npm start` = `npm run build:portal` (prestart), then `node dist/portal/main.mjs`: the same build, then node on it. */
let built: Promise<string> | undefined;

/**
 * What `npm start` runs, without npm in between so signals reach the portal directly; in a fresh working directory
 * with nothing configured (an empty env file: GUESTPASS_ENV_FILE alone is no setting).
 */
async function startDemo(extraEnv: Record<string, string> = {}, dir = mkdtempSync(join(tmpdir(), 'guestpass-demo-'))): Promise<DemoRun> {
  const entry = await (built ??= buildPortal());
  writeFileSync(join(dir, 'empty.env'), '');
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: '0',
    GUESTPASS_ENV_FILE: join(dir, 'empty.env'),
    LOG_LEVEL: 'info',
    ...extraEnv,
  };
  for (const name of Object.keys(env)) if (name.startsWith('GUESTPASS_') && name !== 'GUESTPASS_ENV_FILE' && !(name in extraEnv)) delete env[name];
  delete env.DATABASE_URL;
  delete env.NODE_EXTRA_CA_CERTS; // exercise the re-spawn with the emulator CA
  delete env.GUESTPASS_DEMO_CHILD;
  const child = spawn(process.execPath, [entry], { cwd: dir, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const ready = await new Promise<{ url: string; pid: number }>((resolveReady, reject) => {
    const timer = setTimeout(() => reject(new Error(`portal did not get ready:\n${output}`)), 45_000);
    let buffer = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk;
      buffer += chunk;
      let nl: number;
      while ((nl = buffer.indexOf('\n')) >= 0) {
        const line = buffer.slice(0, nl);
        buffer = buffer.slice(nl + 1);
        if (!line.includes('guestpass portal ready')) continue;
        clearTimeout(timer);
        resolveReady(JSON.parse(line) as { url: string; pid: number });
      }
    });
    child.stderr!.on('data', (chunk: Buffer) => void (output += chunk));
    child.once('exit', (code) => reject(new Error(`portal exited with ${code}:\n${output}`)));
  });
  return {
    child,
    ...ready,
    output: () => output,
    async kill() {
      if (child.exitCode === null && child.signalCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        process.kill(-child.pid!, 'SIGKILL');
        await exited;
      }
      if (isAlive(ready.pid)) process.kill(ready.pid, 'SIGKILL');
    },
  };
}

function isAlive(pid: number): boolean {
  return existsSync(`/proc/${pid}`) && !readFileSync(`/proc/${pid}/stat`, 'utf8').includes(') Z ');
}

function parentOf(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
}

describe('npm start without tenants', () => {
  let demo: DemoRun;
  beforeAll(async () => {
    demo = await startDemo();
  });
  afterAll(async () => {
    await demo?.kill(); // only does something when a test failed before the clean stop
  });

  it('runs in demo mode and says so in its start-up output', async () => {
    const health = await (await fetch(`${demo.url}/healthz`)).json();
    expect(health).toMatchObject({ status: 'ok', mode: 'demo', tenants: 2 });
    const output = demo.output();
    expect(output).toContain('DEMO MODE');
    expect(output).toContain(`${demo.url}/t/${DEMO_TENANT.domain}`);
    expect(output).toContain(`${demo.url}/demo/outbox`);
    expect(output).toContain('conceptsuser@outlook.com');
  });

  it('serves the demo tenant page, labelled as a demo, with a working resend form', async () => {
    const res = await fetch(`${demo.url}/t/${DEMO_TENANT.domain}`);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain(DEMO_TENANT.displayName);
    expect(html).toContain('class="demo-banner"');
    expect(html).toContain(`action="/t/${DEMO_TENANT.domain}/resend"`);
  });

  it("re-sends a pending demo guest's invitation through the emulator, visible in /demo/outbox", async () => {
    const res = await fetch(`${demo.url}/t/${DEMO_TENANT.domain}/resend`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json', origin: demo.url },
      body: JSON.stringify({ email: DEMO_PEOPLE.pendingOutlookGuest }),
    });
    expect(res.status).toBe(202);
    // The resend worker delivers asynchronously: wait for the email to show up (bounded, not timed).
    let emails: { to: string; tenantId: string }[] = [];
    for (let i = 0; i < 100 && emails.length === 0; i++) {
      const outbox = (await (await fetch(`${demo.url}/demo/outbox`, { headers: { accept: 'application/json' } })).json()) as {
        emails: { to: string; tenantId: string }[];
      };
      emails = outbox.emails.filter((e) => e.to === DEMO_PEOPLE.pendingOutlookGuest);
      if (emails.length === 0) await new Promise((r) => setTimeout(r, 100));
    }
    expect(emails).toHaveLength(1);
    expect(emails[0]!.tenantId).toBe(DEMO_TENANT.id);
  });

  it('stops cleanly on SIGTERM, the re-spawned server included', async () => {
    const exited = new Promise<number | null>((r) => demo.child.once('exit', (code) => r(code)));
    demo.child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(isAlive(demo.pid)).toBe(false);
  });
});

describe('when the process that re-spawned the demo server is killed outright', () => {
  it('the demo server stops too instead of lingering', async () => {
    const demo = await startDemo();
    try {
      const respawner = parentOf(demo.pid);
      expect(respawner).not.toBe(demo.pid);
      process.kill(respawner, 'SIGKILL');
      // Bounded wait for the server to notice its parent is gone and shut down.
      for (let i = 0; i < 100 && isAlive(demo.pid); i++) await new Promise((r) => setTimeout(r, 100));
      expect(isAlive(demo.pid)).toBe(false);
    } finally {
      await demo.kill();
    }
  });
});

describe('demo state agrees with itself', () => {
  it('starts the store fresh with the emulator: limits reached before a restart are gone after it, and nothing is kept in ./data', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'guestpass-demo-state-'));
    const ask = async (url: string) =>
      (
        await fetch(`${url}/t/${DEMO_TENANT.domain}/resend`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', accept: 'application/json', origin: url },
          body: JSON.stringify({ email: 'nobody@example.com' }),
        })
      ).status;
    const settings = { GUESTPASS_MODE: 'demo', GUESTPASS_RATE_PER_IP_PER_HOUR: '1' };
    const first = await startDemo(settings, dir);
    try {
      expect([await ask(first.url), await ask(first.url)]).toEqual([202, 429]);
    } finally {
      await first.kill();
    }
    const second = await startDemo(settings, dir);
    try {
      expect(await ask(second.url)).toBe(202);
    } finally {
      await second.kill();
    }
    expect(existsSync(join(dir, 'data'))).toBe(false);
  });
});
