// The admin's invitations (issue 13 "Invite directly"): one address, or a CSV of up to 1,000 — previewed, then sent
// through the durable invitation queue On-Behalf-Of the admin, with progress and per-row results. Guestpass.Admin only.
//
//   POST …/t/:tenant/invitations                  {email, displayName?, message?, redirectUrl?, messageLanguage?, resendPending?}
//   POST …/t/:tenant/invitations/preview          {csv, resendPending?} (or text/csv): per-row verdicts, nothing sent
//   POST …/t/:tenant/invitations/batches          {csv, resendPending?}: verdicts recomputed here, good rows queued
//   GET  …/t/:tenant/invitations/batches/:id      progress (jobs per state) and per-row results
//   GET  …/t/:tenant/invitations/batches/:id/results.csv   the same rows to download (formula cells neutralised)
//
// Sending the same file twice sends nothing twice: the queue answers `already-invited` from guestpass's own records
// (Graph's lookups lag right after an invitation). Every upload, its rows and every single invitation are audited
// with the admin's identity (admin/invite-batches.ts).
import { randomUUID } from 'node:crypto';
import express, { type Express, type Request, type RequestHandler, type Response } from 'express';
import { addressKey, parseAddress } from '../../shared/address.ts';
import type { AdminPrincipal } from '../admin/access-token.ts';
import type { InvitationActor, InvitationJobStatus, InvitationQueue } from '../invitations/types.ts';
import { batchProgress, createBatchRecorder, rowRecord, SINGLE_EVENT, type BatchRecorder, type BatchRowRecord } from '../admin/invite-batches.ts';
import { readInviteCsv, MAX_CSV_ROWS } from '../admin/invite-csv.ts';
import { countVerdicts, judgeInviteRows, SENDING, type JudgedRow } from '../admin/invite-verdicts.ts';
import { problem, sendProblem } from '../admin/problem.ts';
import { actorDetail } from '../resend/service.ts';
import type { ResendStore } from '../store/store.ts';
import type { RouteContext } from '../http/context.ts';
import { csvCell } from './admin-api.ts';

/** An upload of 1,000 rows with a personal message each fits; anything bigger is not an invitation list. */
export const MAX_UPLOAD_BYTES = 2 * 1024 * 1024;
const BATCH_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

interface Backend {
  queue: InvitationQueue;
  store: ResendStore;
  recorder: BatchRecorder;
  addressHash(tenantKey: string, address: string): string;
}

export function registerAdminInvitationRoutes(app: Express, ctx: RouteContext, auth: { adminOnly: RequestHandler; base: string }): void {
  const base = `${auth.base}/t/:tenant/invitations`;
  const now = () => (ctx.deps.now ?? (() => new Date()))().getTime();
  let recorder: BatchRecorder | undefined;

  /** The queue and the audit store, or a 409 problem when this portal has none (no tenant with Graph credentials). */
  function backendOr409(res: Response): Backend | undefined {
    const queue = ctx.deps.invitations;
    const store = ctx.deps.store;
    const hash = ctx.deps.resend?.addressHash;
    if (!queue || !store || !hash) {
      sendProblem(res, problem(409, 'no-invitation-queue', 'Invitations are not set up on this portal', 'No tenant has Graph credentials here, so there is no invitation queue.'));
      return undefined;
    }
    recorder ??= createBatchRecorder(store);
    return { queue, store, recorder, addressHash: (t, a) => hash(t, a) ?? '' };
  }

  /** Body parsers whose refusals are problems that say the limit (not express's generic 413/400). */
  function bodyOf(parser: RequestHandler, limitText: string): RequestHandler {
    return (req, res, next) =>
      parser(req, res, (error?: unknown) => {
        if (!error) return next();
        const e = error as { type?: string; status?: number };
        if (e.type === 'entity.too.large') return sendProblem(res, problem(413, 'upload-too-large', 'The upload is too large', `${limitText} Split the file into several uploads of at most ${MAX_CSV_ROWS.toLocaleString('en')} rows.`));
        if (e.type === 'entity.parse.failed') return sendProblem(res, problem(400, 'malformed-json', 'The request body is not valid JSON', 'Send JSON, or the CSV itself as text/csv.'));
        next(error);
      });
  }
  const upload = [
    bodyOf(express.json({ limit: MAX_UPLOAD_BYTES, strict: true }), `An upload may be at most ${MAX_UPLOAD_BYTES / 1024 / 1024} MB.`),
    bodyOf(express.text({ limit: MAX_UPLOAD_BYTES, type: ['text/csv', 'text/plain'] }), `An upload may be at most ${MAX_UPLOAD_BYTES / 1024 / 1024} MB.`),
  ];
  const small = bodyOf(express.json({ limit: '32kb', strict: true }), 'One invitation may be at most 32 KB.');

  /** `{csv, resendPending}` as JSON, or the CSV itself as text/csv with `?resendPending=true`. */
  function uploadOf(req: Request): { csv: string; resendPending: boolean } | undefined {
    if (typeof req.body === 'string') return { csv: req.body, resendPending: req.query.resendPending === 'true' };
    const body = (req.body ?? {}) as { csv?: unknown; resendPending?: unknown };
    if (typeof body.csv !== 'string') return undefined;
    return { csv: body.csv, resendPending: body.resendPending === true };
  }

  /** Reads and judges an upload, or answers its problem. */
  async function judged(req: Request, res: Response, backend: Backend) {
    const input = uploadOf(req);
    if (!input) {
      sendProblem(res, problem(400, 'no-csv', 'No CSV in the request', 'Send {"csv": "<the file\'s text>", "resendPending": false}, or the file as text/csv.'));
      return undefined;
    }
    const read = readInviteCsv(input.csv);
    if (!read.ok) {
      sendProblem(res, problem(read.status, read.code, read.title, read.detail));
      return undefined;
    }
    const tenantKey = req.admin!.tenant.key;
    const addresses = read.rows.map((r) => parseAddress(r.email)).flatMap((p) => (p.ok ? [p.address] : []));
    const invitedBefore = await invitedByGuestpass(backend, tenantKey, addresses);
    const rows = judgeInviteRows(read.rows, { invitedBefore, resendPending: input.resendPending });
    return { rows, resendPending: input.resendPending, ignoredColumns: read.ignoredColumns, invitedBefore };
  }

  app.post(`${base}/preview`, auth.adminOnly, ...upload, async (req, res) => {
    const backend = backendOr409(res);
    if (!backend) return;
    const result = await judged(req, res, backend);
    if (!result) return;
    res.json({ counts: countVerdicts(result.rows), resendPending: result.resendPending, ignoredColumns: result.ignoredColumns, rows: result.rows.map(previewRow) });
  });

  app.post(`${base}/batches`, auth.adminOnly, ...upload, async (req, res) => {
    const backend = backendOr409(res);
    if (!backend) return;
    const result = await judged(req, res, backend);
    if (!result) return;
    const admin = req.admin!;
    const tenantKey = admin.tenant.key;
    const batchId = randomUUID();
    const actor = actorOf(admin);
    const records: (BatchRowRecord & { addressHash: string })[] = [];
    for (const row of result.rows) {
      const hash = row.address ? backend.addressHash(tenantKey, row.address) : '';
      if (!SENDING.has(row.verdict)) {
        const earlier = row.address ? result.invitedBefore.get(addressKey(row.address))?.jobId : undefined;
        records.push({ ...rowRecord(row, earlier), addressHash: hash });
        continue;
      }
      const queued = await backend.queue.enqueue({
        tenantKey,
        email: row.address!,
        ...orderFields(row),
        actor,
        source: 'csv',
        batchId,
        resendPending: result.resendPending,
        reference: `csv:${batchId}:${row.row}`,
      });
      if (queued.outcome === 'queued') records.push({ ...rowRecord(row, queued.jobId), addressHash: hash });
      else if (queued.outcome === 'already-invited') records.push({ ...rowRecord({ ...row, verdict: 'already-invited', why: 'guestpass already invited this address: skipped.' }, queued.jobId), addressHash: hash });
      else if (queued.outcome === 'invalid-address') records.push({ ...rowRecord({ ...row, verdict: 'invalid', why: queued.message }), addressHash: hash });
      else records.push({ ...rowRecord({ ...row, verdict: 'refused', why: queued.reason }), addressHash: hash });
    }
    await backend.recorder.record({ tenantKey, batchId, actor, resendPending: result.resendPending, rows: records, at: now() });
    ctx.logger.info({ reqId: req.id, tenant: tenantKey, batchId, ...countVerdicts(records) }, 'invitation CSV queued');
    res.status(202).json({ batchId, counts: countVerdicts(records), resendPending: result.resendPending });
  });

  /** A batch's recorded rows joined with its jobs, or a 404 problem. */
  async function progressOf(req: Request, res: Response) {
    const backend = backendOr409(res);
    if (!backend) return undefined;
    const batchId = String(req.params.id ?? '').toLowerCase();
    const tenantKey = req.admin!.tenant.key;
    const rows = BATCH_ID.test(batchId) ? await backend.recorder.rows(tenantKey, batchId) : undefined;
    if (!rows) {
      sendProblem(res, problem(404, 'no-batch', 'No such upload', 'This organisation has no invitation upload with that id (uploads are kept as long as the audit trail).'));
      return undefined;
    }
    const jobs = await backend.queue.batch(tenantKey, batchId);
    const inBatch = new Set(jobs.map((j) => j.jobId));
    const earlier = new Map<string, InvitationJobStatus>();
    for (const r of rows) {
      if (!r.jobId || inBatch.has(r.jobId) || earlier.has(r.jobId)) continue;
      const job = await backend.queue.job(r.jobId);
      if (job) earlier.set(r.jobId, job);
    }
    return batchProgress(batchId, rows, jobs, earlier);
  }

  app.get(`${base}/batches/:id`, auth.adminOnly, async (req, res) => {
    const progress = await progressOf(req, res);
    if (progress) res.json(progress);
  });

  app.get(`${base}/batches/:id/results.csv`, auth.adminOnly, async (req, res) => {
    const progress = await progressOf(req, res);
    if (!progress) return;
    const lines = [
      ['row', 'line', 'email', 'verdict', 'state', 'explanation', 'job'],
      ...progress.rows.map((r) => [String(r.row), String(r.line), r.email ?? '', r.verdict, r.state ?? '', [r.why, r.reason].filter(Boolean).join(' — '), r.jobId ?? '']),
    ];
    res.set({ 'Content-Type': 'text/csv; charset=utf-8', 'Content-Disposition': `attachment; filename="guestpass-invitations-${progress.batchId}.csv"` });
    res.send(`${lines.map((cols) => cols.map(csvCell).join(',')).join('\r\n')}\r\n`);
  });

  app.post(base, auth.adminOnly, small, async (req, res) => {
    const backend = backendOr409(res);
    if (!backend) return;
    const admin = req.admin!;
    const tenantKey = admin.tenant.key;
    const body = (req.body ?? {}) as Record<string, unknown>;
    const text = (k: string) => (typeof body[k] === 'string' && (body[k] as string).trim() !== '' ? (body[k] as string).trim() : undefined);
    const email = text('email') ?? '';
    const [row] = judgeInviteRows(
      [{ row: 1, line: 1, email, ...optional('displayName', text('displayName')), ...optional('message', text('message')), ...optional('redirectUrl', text('redirectUrl')), ...optional('language', text('messageLanguage')) }],
      { invitedBefore: new Map(), resendPending: false },
    );
    const language = text('messageLanguage');
    if (row!.verdict !== 'invite') return sendProblem(res, problem(400, `invitation-${row!.verdict}`, 'This invitation cannot be sent', row!.why ?? 'Check the address.', { verdict: row!.verdict }));
    if (language && !row!.messageLanguage) return sendProblem(res, problem(400, 'unknown-language', 'Unknown language', 'messageLanguage must be one of en, de, fr, es, ja (or a culture code of one, such as de-DE).'));
    const actor = actorOf(admin);
    const queued = await backend.queue.enqueue({ tenantKey, email: row!.address!, ...orderFields(row!), actor, source: 'admin', resendPending: body.resendPending === true });
    const hash = backend.addressHash(tenantKey, row!.address!);
    const outcome = queued.outcome;
    await backend.store.audit({
      requestId: 'jobId' in queued ? queued.jobId : `admin:${randomUUID()}`,
      tenantKey,
      addressHash: hash,
      event: SINGLE_EVENT,
      detail: `${actorDetail(actor)}: ${outcome}${'reason' in queued ? ` (${queued.reason})` : ''}`,
      at: now(),
      actor,
    });
    if (outcome === 'queued') return res.status(202).json({ outcome, jobId: queued.jobId, email: row!.address });
    if (outcome === 'already-invited') return res.status(200).json({ outcome, jobId: queued.jobId, email: row!.address });
    if (outcome === 'invalid-address') return sendProblem(res, problem(400, 'invitation-invalid', 'This invitation cannot be sent', queued.message));
    return sendProblem(res, problem(409, 'invitation-refused', 'The invitation was refused', queued.reason));
  });
}

function actorOf(admin: AdminPrincipal): InvitationActor {
  return { oid: admin.oid, upn: admin.upn };
}

function optional<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };
}

/** The order's optional fields from a judged row (the queue fills the redirect with the tenant's guestpass page). */
function orderFields(row: JudgedRow) {
  return {
    ...optional('displayName', row.displayName),
    ...optional('message', row.message),
    ...optional('redirectUrl', row.redirectUrl),
    ...optional('messageLanguage', row.messageLanguage),
  };
}

/** The preview's row: the verdict and its explanation, without the message text. */
function previewRow(r: JudgedRow) {
  return {
    row: r.row,
    line: r.line,
    email: r.email,
    verdict: r.verdict,
    send: SENDING.has(r.verdict),
    ...optional('why', r.why),
    ...optional('notes', r.notes),
    ...optional('displayName', r.displayName),
    ...optional('redirectUrl', r.redirectUrl),
    ...optional('messageLanguage', r.messageLanguage),
  };
}

/**
 * Addresses guestpass already invited for this tenant, from its own records (not Graph: its lookups lag right after
 * an invitation): an invite job for the address that did not fail — what the queue itself checks when it enqueues.
 */
async function invitedByGuestpass(backend: Backend, tenantKey: string, addresses: readonly string[]): Promise<Map<string, { jobId: string }>> {
  const byHash = new Map([...new Set(addresses.map(addressKey))].map((address) => [backend.addressHash(tenantKey, address), address]));
  const earlier = await backend.store.earlierInvites(tenantKey, [...byHash.keys()]);
  return new Map([...earlier].map(([hash, jobId]) => [byHash.get(hash)!, { jobId }]));
}
