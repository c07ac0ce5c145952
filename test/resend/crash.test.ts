// kill -9 at arbitrary points: a worker in a child process (fixtures/worker-process.ts) is killed while Graph is
// slow, restarted, killed again, and finally drained. Every stored request must end somewhere visible, and no
// address may get two emails within one window.
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createResendFeature } from '../../portal/resend/index.ts';
import { startEmulator, type Emulator } from '../emulator/index.ts';
import { driveChildClock } from './process-clock.ts';
import { spawnScript, type ScriptProcess } from '../support/child-process.ts';
import { addPendingGuests, portalConfig, silentLogger, tempDatabasePath, testClock, type TestClock } from './support.ts';

const FIXTURE = fileURLToPath(new URL('./fixtures/worker-process.ts', import.meta.url));
const WORKER_SLOTS = 3; // the fixture's concurrency
const WINDOW_MINUTES = 10; // longer than the lease (as in production: 1 min lease, 60 min window)
const WINDOW_MS = WINDOW_MINUTES * 60_000;

let emulator: Emulator;
beforeAll(async () => {
  emulator = await startEmulator();
});
afterAll(async () => {
  await emulator.stop();
});

/** A worker process on the test's clock: time moves when all its slots sleep (process-clock.ts). */
function spawnWorker(env: Record<string, string>, clock: TestClock): ScriptProcess {
  const worker = spawnScript(FIXTURE, { env: { ...env, RESEND_CLOCK_NOW: String(clock.now()) }, readyPattern: /ready/, ipc: true });
  driveChildClock(worker.child, clock, WORKER_SLOTS);
  return worker;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('kill -9 and restart', () => {
  it('after kill -9 mid-queue and restarts, nothing is lost and no address gets two emails within a window', async () => {
    emulator.reset();
    const pending = addPendingGuests(emulator, 12);
    const unknown = Array.from({ length: 8 }, (_, i) => `stranger.${i}@example.com`);
    const clock = testClock();
    const config = portalConfig(emulator, { databasePath: tempDatabasePath('crash'), resendWindowMinutes: WINDOW_MINUTES });

    // The portal side: stores requests, never starts a worker.
    const portal = await createResendFeature({ config, logger: silentLogger, now: clock.date });
    const accepted: { email: string; requestId: string }[] = [];
    for (const email of [...pending, ...unknown, ...pending.slice(0, 4)]) {
      const answer = await portal.service.accept({ tenantKey: config.tenants[0]!.key, email, clientIp: '192.0.2.1' });
      if (answer.outcome !== 'accepted') throw new Error(`not accepted: ${JSON.stringify(answer)}`);
      accepted.push({ email, requestId: answer.requestId });
    }

    // Slow Graph, so kills land while invitations and lookups are on the wire: half the invitations are slow to
    // arrive (a kill means no email), half are slow to answer (a kill means the email went out, unknown to us).
    emulator.faults.inject({ route: 'POST /v1.0/invitations', fault: { kind: 'slowAnswer', ms: 250 }, probability: 0.5 });
    emulator.faults.inject({ route: 'POST /v1.0/invitations', fault: { kind: 'delay', ms: 250 } });
    emulator.faults.inject({ route: 'GET /v1.0/users', fault: { kind: 'delay', ms: 60 }, probability: 0.5 });

    const env = {
      RESEND_DB: config.databasePath,
      RESEND_LOGIN_BASE_URL: emulator.loginBaseUrl,
      RESEND_GRAPH_BASE_URL: emulator.graphBaseUrl,
      RESEND_WINDOW_MINUTES: String(WINDOW_MINUTES),
      RESEND_LEASE_MS: String(150_000), // virtual: it runs out only while the worker holding it is dead (time stands still during calls)
      RESEND_GRAPH_TIMEOUT_MS: '1000',
    };

    // Kill at several points (real time: where a kill lands is chance, not a statement about time): early
    // (token/lookup), mid-invitation, later.
    const killPoints = [350, 700, 1_100];
    for (const at of killPoints) {
      const worker = spawnWorker(env, clock);
      await worker.ready;
      await sleep(at);
      worker.child.kill('SIGKILL');
      await worker.exited;
    }
    emulator.faults.clear();

    const final = spawnWorker({ ...env, RESEND_EXIT_WHEN_IDLE: '1' }, clock);
    await final.ready;
    expect(await final.exited).toBe(0);

    const store = portal.store;
    // Nothing lost: every stored request ended done or dead-lettered (with a reason).
    for (const { requestId } of accepted) {
      const job = (await store.getJob(requestId))!;
      expect(['done', 'dead']).toContain(job.state);
      expect(job.outcome).toBeTruthy();
    }
    // Never two emails within one window (on the test's clock, which the workers followed).
    const virtual = (iso: string) => clock.toVirtual(Date.parse(iso));
    for (const address of pending) {
      const sent = emulator.outbox().filter((e) => e.to === address).map((e) => virtual(e.sentAt)).sort((a, b) => a - b);
      for (let i = 1; i < sent.length; i++) expect(sent[i]! - sent[i - 1]!).toBeGreaterThanOrEqual(WINDOW_MS);
      // And each pending guest got the email, unless an admin was told (dead letter).
      const deadForAddress = (await store.listDeadLetters()).some((d) => d.address === address);
      expect(sent.length >= 1 || deadForAddress).toBe(true);
    }
    // Unknown addresses: never invited, whatever was killed when.
    for (const address of unknown) expect(emulator.outbox().some((e) => e.to === address)).toBe(false);
    const recoveries = (await store.listAudit()).filter((a) => a.event === 'recovered' || a.event === 'outcome-unknown-requeued');
    expect(recoveries.length).toBeGreaterThan(0);
    await portal.close();
  }, 90_000);
});
