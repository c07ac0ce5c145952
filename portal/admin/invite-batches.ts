// An admin's invitation upload, kept in the audit trail: one `invite-csv-upload` record for the upload (who, how many,
// what was decided) and one `invite-csv-row` record per row (`csv:<batch>:<row>`, the row's verdict, its job) — so
// the per-row results survive restarts, are the same on every instance and both store engines, and every upload and
// its outcome is in the audit with the admin's identity. They go with the audit's retention (GUESTPASS_RETENTION_DAYS).
// The jobs' progress is the invitation queue's (`queue.batch`), joined here by job id. No address is kept in clear:
// a row record holds the row's keyed address hash (the audit entry's) and the row's address is shown from its job
// while the job still holds it — so a finished batch lists rows by number and line, like the uploaded file.
import type { AuditEntry, ResendStore } from '../store/store.ts';
import { actorDetail } from '../resend/service.ts';
import type { InvitationActor, InvitationJobState, InvitationJobStatus } from '../invitations/types.ts';
import { countVerdicts, type InviteCounts, type InviteVerdict, type JudgedRow } from './invite-verdicts.ts';

export const UPLOAD_EVENT = 'invite-csv-upload';
export const ROW_EVENT = 'invite-csv-row';
export const SINGLE_EVENT = 'invite-admin';

/** What the audit keeps of a row: enough to explain it later, no message text and no address. */
export interface BatchRowRecord {
  row: number;
  line: number;
  /** The address as uploaded: never written to the audit, so only known while the row's job still holds it. */
  email?: string;
  verdict: InviteVerdict;
  why?: string;
  jobId?: string;
}

export interface BatchRowResult extends BatchRowRecord {
  /** The job's state for rows that were sent to the queue (and for already-invited rows: the earlier job's). */
  state?: InvitationJobState;
  reason?: string;
  updatedAt?: string;
}

export interface BatchProgress {
  batchId: string;
  counts: InviteCounts;
  /** Jobs of this batch per state. */
  states: Record<InvitationJobState, number>;
  /** No job of this batch is queued, in flight or held: every row has its final result. */
  finished: boolean;
  rows: BatchRowResult[];
}

export const rowReference = (batchId: string, row: number) => `csv:${batchId}:${row}`;

export interface BatchRecorder {
  /** Writes the rows' and the upload's audit records. */
  record(input: { tenantKey: string; batchId: string; actor: InvitationActor; resendPending: boolean; rows: readonly (BatchRowRecord & { addressHash: string })[]; at: number }): Promise<void>;
  /** The recorded rows of a batch (cached: they never change), or undefined when there is no such batch (or it was pruned). */
  rows(tenantKey: string, batchId: string): Promise<BatchRowRecord[] | undefined>;
}

const ROW_DETAIL = /: csv row (\{.*\})$/s;

export function createBatchRecorder(store: Pick<ResendStore, 'audit' | 'listAudit' | 'queryAudit'>): BatchRecorder {
  const cache = new Map<string, BatchRowRecord[]>();
  return {
    async record({ tenantKey, batchId, actor, resendPending, rows, at }) {
      for (const r of rows) {
        const { addressHash, email: _inClear, ...kept } = r;
        const entry: AuditEntry = { requestId: rowReference(batchId, r.row), tenantKey, addressHash, event: ROW_EVENT, detail: `${actorDetail(actor)}: csv row ${JSON.stringify(kept)}`, at, actor };
        await store.audit(entry);
      }
      const c = countVerdicts(rows);
      await store.audit({
        requestId: `csv:${batchId}`,
        tenantKey,
        addressHash: '',
        event: UPLOAD_EVENT,
        detail: `${actorDetail(actor)}: ${c.rows} rows: ${c.send} to send (${c.invite} new, ${c.resend} re-sent), ${c.alreadyInvited} already invited, ${c.rejected} refused; re-send pending ${resendPending ? 'on' : 'off'}`,
        at,
        actor,
      });
      // The same as any instance reads back from the audit: no address.
      cache.set(`${tenantKey} ${batchId}`, rows.map(({ addressHash: _hash, email: _inClear, ...kept }) => kept));
    },
    async rows(tenantKey, batchId) {
      const key = `${tenantKey} ${batchId}`;
      const cached = cache.get(key);
      if (cached) return cached;
      // The upload's record says when; its rows were written with the same time (two indexed reads, not a scan).
      const upload = (await store.listAudit(`csv:${batchId}`)).find((a) => a.event === UPLOAD_EVENT && a.tenantKey === tenantKey);
      if (!upload) return undefined;
      const prefix = `csv:${batchId}:`;
      const entries = (await store.queryAudit({ tenantKey, action: ROW_EVENT, from: upload.at, to: upload.at, limit: 100_000 })).filter((a) => a.requestId.startsWith(prefix));
      const rows = entries.flatMap((a) => parseRowDetail(a.detail) ?? []).sort((a, b) => a.row - b.row);
      if (cache.size > 50) cache.delete(cache.keys().next().value!);
      cache.set(key, rows);
      return rows;
    },
  };
}

/** A row record written by `record` (undefined for anything else). */
function parseRowDetail(detail: string | undefined): BatchRowRecord | undefined {
  const json = ROW_DETAIL.exec(detail ?? '')?.[1];
  try {
    return json ? (JSON.parse(json) as BatchRowRecord) : undefined;
  } catch {
    return undefined;
  }
}

const NO_STATES = (): Record<InvitationJobState, number> => ({ queued: 0, 'in-flight': 0, held: 0, sent: 0, skipped: 0, failed: 0 });

/** The recorded rows joined with their jobs' states. */
export function batchProgress(batchId: string, rows: readonly BatchRowRecord[], jobs: readonly InvitationJobStatus[], earlier: ReadonlyMap<string, InvitationJobStatus> = new Map()): BatchProgress {
  const byId = new Map(jobs.map((j) => [j.jobId, j]));
  const states = NO_STATES();
  for (const j of jobs) states[j.state] += 1;
  const results = rows.map((r): BatchRowResult => {
    const job = r.jobId ? (byId.get(r.jobId) ?? earlier.get(r.jobId)) : undefined;
    if (!job) return { ...r };
    return { ...r, ...(job.email ? { email: job.email } : {}), state: job.state, ...(job.reason ? { reason: job.reason } : {}), updatedAt: new Date(job.updatedAt).toISOString() };
  });
  return { batchId, counts: countVerdicts(rows), states, finished: states.queued === 0 && states['in-flight'] === 0 && states.held === 0, rows: results };
}

/** Rows of a judged file as the audit keeps them. */
export function rowRecord(j: JudgedRow, jobId?: string): BatchRowRecord {
  return { row: j.row, line: j.line, email: j.email, verdict: j.verdict, ...(j.why ? { why: j.why } : {}), ...(jobId ? { jobId } : {}) };
}
