// "Audit records hold no address in clear" (portal/README.md, Retention), checked where addresses enter the audit:
// an admin's CSV upload and single invitation, a re-invite to a new address, a conversion to a member, an admin's
// resend. Over HTTP with a real console token against the emulator; the audit trail is read from the store itself.
// The invitation queue is the interface's contract (its real implementation is the "delegated" worker's): this test
// is about what the admin API writes to the audit, and the queue here erases a job's address once it finishes, as
// the real one does.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InvitationJobStatus, InvitationOrder, InvitationQueue } from '../../portal/invitations/types.ts';
import { createResendFeature, type ResendFeature } from '../../portal/resend/index.ts';
import { startServer, type RunningServer } from '../../portal/server.ts';
import { DEMO_CONSOLE_USERS, DEMO_TENANT } from '../emulator/demo-tenant.ts';
import { startEmulator, type Emulator } from '../emulator/index.ts';
import { DEMO_USER_IDS } from '../emulator/seed.ts';
import { consoleAccessToken } from '../support/console-token.ts';
import { portalConfig, silentLogger } from '../resend/support.ts';

let emulator: Emulator;
let portal: RunningServer;
let feature: ResendFeature;
let adminToken: string;
const T = DEMO_TENANT.domain;

/** Jobs finish at once and, like the real queue's, lose their address when they do. */
function finishingQueue(): InvitationQueue & { orders: InvitationOrder[] } {
  const jobs: (InvitationJobStatus & { batchId?: string })[] = [];
  const orders: InvitationOrder[] = [];
  return {
    orders,
    async enqueue(order) {
      orders.push(order);
      const jobId = randomUUID();
      jobs.push({ jobId, email: null, state: 'sent', updatedAt: Date.now(), ...(order.batchId ? { batchId: order.batchId } : {}) });
      return { outcome: 'queued', jobId };
    },
    async batch(_tenant, batchId) {
      return jobs.filter((j) => j.batchId === batchId);
    },
    async job(jobId) {
      return jobs.find((j) => j.jobId === jobId) ?? null;
    },
    async adminSeen() {},
  };
}

const queue = finishingQueue();
const api = (path: string, body: unknown) =>
  fetch(`${portal.url}/admin/api/t/${T}/${path}`, { method: body === undefined ? 'GET' : 'POST', headers: { authorization: `Bearer ${adminToken}`, 'content-type': 'application/json' }, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });

beforeAll(async () => {
  emulator = await startEmulator();
  const config = portalConfig(emulator);
  feature = await createResendFeature({ config, logger: silentLogger, tuning: { budget: { calls: 1000, perMs: 1_000 } } });
  portal = await startServer({ config, logger: silentLogger, resend: feature.service, store: feature.store, invitations: queue, resendStatus: () => feature.worker.status() });
  emulator.setPortalUrl(portal.config.publicBaseUrl);
  adminToken = await consoleAccessToken(emulator, portal.config.publicBaseUrl, DEMO_CONSOLE_USERS.admin);
});
afterAll(async () => {
  await portal?.close();
  await feature?.close();
  await emulator?.stop();
});

describe('the audit trail keeps no address in clear', () => {
  it("after a CSV upload, a single invitation, a re-invite, a conversion and an admin's resend, no audit record holds an address (only the acting admin's UPN)", async () => {
    const csv = 'email,display name\r\nalice@partner.example,Alice\r\nnot an address,Bob\r\nbob@@partner.example,Bob\r\n';
    const upload = await api('invitations/batches', { csv, resendPending: false });
    expect(upload.status).toBe(202);
    const { batchId } = (await upload.json()) as { batchId: string };
    expect((await api('invitations', { email: 'carol@partner.example' })).status).toBe(202);
    expect(await (await api('lifecycle/reinvite', { userId: DEMO_USER_IDS.samVendor, newAddress: 'sam@new-vendor.example' })).json()).toMatchObject({ invited: true });
    expect((await api('lifecycle/convert', { userId: DEMO_USER_IDS.janeDoe, upnLocalPart: 'jane.doe', domain: T, generatePassword: true })).status).toBe(200);
    expect(await feature.service.acceptForAdmin!({ tenantKey: T, email: 'dave@partner.example', actor: { oid: DEMO_CONSOLE_USERS.admin.id, upn: DEMO_CONSOLE_USERS.admin.username } })).toMatchObject({ outcome: 'accepted' });
    expect(queue.orders.map((o) => o.email)).toEqual(['alice@partner.example', 'carol@partner.example']);

    const audit = await feature.store.listAudit();
    expect(new Set(audit.map((a) => a.event))).toEqual(new Set(['invite-csv-row', 'invite-csv-upload', 'invite-admin', 'reinvite-guest', 'convert-guest', 'accepted', 'admin-resend']));
    const admin = DEMO_CONSOLE_USERS.admin.username;
    for (const a of audit) {
      // The acting admin is named on purpose; the invalid-address explanation quotes the example "name@example.com".
      const text = [a.requestId, a.addressHash, (a.detail ?? '').replaceAll(admin, '<admin>').replaceAll('such as name@example.com', '<example>')].join(' | ');
      expect(text, `${a.event}: ${text}`).not.toMatch(/[^\s"'@<>(),;:]+@[^\s"'@<>(),;:]+\.[^\s"'@<>(),;:]+/);
      for (const used of ['alice@', 'bob@@', 'carol@', 'sam@', 'jane.doe@', 'dave@']) expect(text).not.toContain(used);
    }
    // What identified an address is its keyed hash, so records about one address can still be found.
    const hashOf = (address: string) => feature.service.addressHash!(T, address);
    expect(audit.find((a) => a.event === 'reinvite-guest')!.addressHash).toBe(hashOf('sam@new-vendor.example'));
    expect(audit.find((a) => a.event === 'reinvite-guest')!.detail).toContain(`newAddress (keyed hash): ${hashOf('sam@new-vendor.example')}`);
    expect(audit.find((a) => a.event === 'convert-guest')!.addressHash).toBe(hashOf(`jane.doe@${T}`));
    expect(audit.find((a) => a.event === 'invite-csv-row')!.addressHash).toBe(hashOf('alice@partner.example'));

    // The upload's results still explain every row (by row and line, like the file), now that the jobs are finished.
    const progress = (await (await api(`invitations/batches/${batchId}`, undefined)).json()) as { finished: boolean; rows: { row: number; line: number; verdict: string; email?: string; state?: string }[] };
    expect(progress.finished).toBe(true);
    expect(progress.rows.map((r) => [r.row, r.line, r.verdict, r.state ?? null, r.email ?? null])).toEqual([
      [1, 2, 'invite', 'sent', null],
      [2, 3, 'invalid', null, null],
      [3, 4, 'invalid', null, null],
    ]);
  });
});
