// The admin's invitation CSV over HTTP (issue 13 "Invite directly"): a real portal on SQLite with the real queue, a
// real admin token, the emulator behind it. Measured where the admin waits: the preview of a 1,000-row file (read,
// judge, one "invited before?" lookup per address) and queuing it (1,000 enqueues + the upload's audit records).
// The worker is not started: sending is the queue's business, paced by the tenant's Graph budget.
// Baseline (same portal, same run): GET …/me, an authenticated request that does no work of its own.
import { fileURLToPath } from 'node:url';
import { childRows, rowsFromChild } from './emulator-child.ts';
import type { BenchRow } from './row.ts';
import { createResendFeature, featureDeps } from '../portal/resend/index.ts';
import { startServer } from '../portal/server.ts';
import { DEMO_CONSOLE_USERS, DEMO_TENANT } from '../test/emulator/demo-tenant.ts';
import { startEmulator } from '../test/emulator/index.ts';
import { portalConfig, silentLogger } from '../test/resend/support.ts';
import { consoleAccessToken } from '../test/support/console-token.ts';

const SELF = fileURLToPath(import.meta.url);
const CHILD_FLAG = '--invitations-bench-child';
const RUNS = 5;
const ROWS = 1_000;
const PREVIEW_GOAL_MS = 1_000;
const QUEUE_GOAL_MS = 5_000;

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};

const csvOf = (run: number) => `email,display name,language\n${Array.from({ length: ROWS }, (_, i) => `bench-${run}-${i}@partner-${i % 13}.example,Guest ${i},de`).join('\n')}\n`;

async function measure(): Promise<BenchRow[]> {
  const emulator = await startEmulator();
  const config = portalConfig(emulator);
  const feature = await createResendFeature({ config, logger: silentLogger });
  const portal = await startServer({ config, logger: silentLogger, ...featureDeps(feature) });
  try {
    emulator.setPortalUrl(portal.config.publicBaseUrl);
    const token = await consoleAccessToken(emulator, portal.config.publicBaseUrl, DEMO_CONSOLE_USERS.admin);
    const url = (path: string) => `${portal.url}/admin/api/t/${DEMO_TENANT.domain}/${path}`;
    const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
    const timed = async (path: string, init: RequestInit = {}) => {
      const t = performance.now();
      const res = await fetch(url(path), { ...init, headers });
      await res.arrayBuffer();
      if (!res.ok) throw new Error(`${path}: HTTP ${res.status}`);
      return performance.now() - t;
    };

    const me: number[] = [];
    const preview: number[] = [];
    const queue: number[] = [];
    for (let run = 0; run < RUNS; run += 1) {
      me.push(await timed('me'));
      preview.push(await timed('invitations/preview', { method: 'POST', body: JSON.stringify({ csv: csvOf(run) }) }));
      queue.push(await timed('invitations/batches', { method: 'POST', body: JSON.stringify({ csv: csvOf(run) }) }));
    }
    const base = { label: 'GET …/me (authenticated, no work)', value: Math.round(median(me) * 10) / 10 };
    const row = (measure: string, ms: number, goalMs: number): BenchRow => ({
      measure,
      value: Math.round(ms),
      unit: 'ms',
      baseline: base,
      ratio: Math.round((ms / base.value) * 10) / 10,
      goal: `≤ ${goalMs} ms`,
      met: ms <= goalMs,
    });
    return [row(`invitation CSV preview, ${ROWS} rows (median of ${RUNS})`, median(preview), PREVIEW_GOAL_MS), row(`invitation CSV queued, ${ROWS} rows (median of ${RUNS})`, median(queue), QUEUE_GOAL_MS)];
  } finally {
    await portal.close();
    await feature.close();
    await emulator.stop();
  }
}

/** Runs in a child that trusts the emulator's CA (see emulator-child.ts). */
export default function invitationsBench(): Promise<BenchRow[]> {
  return rowsFromChild(SELF, CHILD_FLAG);
}

if (process.argv.includes(CHILD_FLAG)) await childRows(measure);
