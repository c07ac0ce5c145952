// The approvers' queue and the policy in the admin API (issue 13), registered by admin-api.ts with its guards:
//   GET  …/t/:tenant/access-requests[?state=pending|all]   Approver or Admin: requests, everything the requester wrote
//   POST …/t/:tenant/access-requests/:id/approve {message?, redirectUrl?}   Approver or Admin → the invitation queue,
//        On-Behalf-Of the approving admin; 409 when the request expired or was decided already
//   POST …/t/:tenant/access-requests/:id/deny {note?}      Approver or Admin (the note is never shown to the requester)
//   GET  …/t/:tenant/access-policy                         Approver or Admin
//   PUT  …/t/:tenant/access-policy {mode, preApprovedDomains, dailyCap, blockedDomains}   Admin; 409 when locked
import type { Express, RequestHandler, Response } from 'express';
import { z } from 'zod';
import { problem, sendProblem } from '../admin/problem.ts';
import type { AccessRequestFeature } from '../access-requests/index.ts';
import { normaliseDomain } from '../access-requests/policy.ts';
import { ACCESS_POLICY_MODES, type AccessPolicyMode, type AccessRequestRecord, type DecideResult } from '../access-requests/types.ts';
import type { RouteContext } from '../http/context.ts';

const decisionText = (max: number) => z.string().max(max, `is longer than ${max} characters`).optional();
const approveSchema = z.strictObject({ message: decisionText(1000), redirectUrl: decisionText(2000) });
const denySchema = z.strictObject({ note: decisionText(1000) });
const policySchema = z.strictObject({
  mode: z.enum(ACCESS_POLICY_MODES as [AccessPolicyMode, ...AccessPolicyMode[]]),
  preApprovedDomains: z.array(z.string()).max(500),
  dailyCap: z.number().int().min(0).max(10_000),
  blockedDomains: z.array(z.string()).max(5000),
});

const OPEN_STATES = ['pending'] as const;

/** A request as the console shows it: everything the requester wrote (until retention deletes it). */
function view(r: AccessRequestRecord & { known: boolean; invitation?: { state: string; reason?: string } }) {
  return {
    id: r.id,
    email: r.address,
    name: r.name,
    organisation: r.organisation,
    reason: r.reason,
    sponsor: r.sponsor,
    language: r.lang,
    state: r.state,
    asks: r.asks,
    known: r.known,
    createdAt: r.createdAt,
    expiresAt: r.expiresAt,
    decision: r.decision,
    decidedBy: r.decidedBy?.upn ?? null,
    decidedAt: r.decidedAt,
    note: r.note,
    invitationJobId: r.jobId,
    /** The invitation job's state once handed to the queue: queued, in-flight, held, sent, skipped, failed (+ reason). */
    invitation: r.invitation ?? null,
    outcome: r.outcome,
  };
}

export function registerAccessRequestAdminRoutes(
  app: Express,
  ctx: RouteContext,
  api: { base: string; adminOnly: RequestHandler; anyRole: RequestHandler; body: RequestHandler },
): void {
  const { base, adminOnly, anyRole, body } = api;
  const featureOr409 = (res: Response): AccessRequestFeature | undefined => {
    const f = ctx.deps.accessRequests;
    if (!f) sendProblem(res, problem(409, 'no-access-requests', 'Access requests are not set up on this portal', 'No tenant has Graph credentials here, so there is no request queue.'));
    return f;
  };
  const parsed = <T>(schema: z.ZodType<T>, value: unknown, res: Response): T | undefined => {
    const r = schema.safeParse(value ?? {});
    if (r.success) return r.data;
    const issue = r.error.issues[0]!;
    sendProblem(res, problem(400, 'bad-request-body', 'The request body is not valid', `${issue.path.join('.') || 'body'}: ${issue.message}`));
    return undefined;
  };
  const decided = (res: Response, result: DecideResult) => {
    if (result.ok) return res.json({ request: view({ ...result.record, known: false }) });
    if (result.reason === 'not-found') return sendProblem(res, problem(404, 'no-such-request', 'No such request', 'There is no access request with that id for this organisation.'));
    if (result.reason === 'expired') return sendProblem(res, problem(409, 'request-expired', 'This request has expired', 'It was not decided in time and can no longer be approved. The person can ask again.'));
    return sendProblem(res, problem(409, 'already-decided', 'This request is already decided', `Its state is ${result.state ?? 'unknown'}.`, { state: result.state }));
  };

  app.get(`${base}/t/:tenant/access-requests`, anyRole, async (req, res) => {
    const f = featureOr409(res);
    if (!f) return;
    const state = req.query.state === 'all' ? undefined : OPEN_STATES;
    const found = await f.list(req.admin!.tenant, state);
    res.json({ requests: found.map(view) });
  });

  app.post(`${base}/t/:tenant/access-requests/:id/approve`, anyRole, body, async (req, res) => {
    const f = featureOr409(res);
    if (!f) return;
    const input = parsed(approveSchema, req.body, res);
    if (!input) return;
    const message = input.message?.trim();
    const redirect = input.redirectUrl?.trim();
    if (redirect) {
      let url: URL | undefined;
      try {
        url = new URL(redirect);
      } catch {
        url = undefined;
      }
      if (!url || url.protocol !== 'https:') return sendProblem(res, problem(400, 'bad-redirect', 'The redirect is not an https address', 'Give the full https:// address the guest should land on after accepting.'));
    }
    const a = req.admin!;
    const result = await f.approve(a.tenant, String(req.params.id), { by: { oid: a.oid, upn: a.upn }, ...(message ? { message } : {}), ...(redirect ? { redirectUrl: redirect } : {}) });
    decided(res, result);
  });

  app.post(`${base}/t/:tenant/access-requests/:id/deny`, anyRole, body, async (req, res) => {
    const f = featureOr409(res);
    if (!f) return;
    const input = parsed(denySchema, req.body, res);
    if (!input) return;
    const a = req.admin!;
    const note = input.note?.trim();
    decided(res, await f.deny(a.tenant, String(req.params.id), { by: { oid: a.oid, upn: a.upn }, ...(note ? { note } : {}) }));
  });

  app.get(`${base}/t/:tenant/access-policy`, anyRole, async (req, res) => {
    const f = featureOr409(res);
    if (!f) return;
    const t = req.admin!.tenant;
    const p = await f.policy(t);
    const s = f.settings(t);
    res.json({ ...p, expireAfterDays: s.expireAfterDays, deleteAfterDays: s.deleteAfterDays, webhook: s.webhook ? { kind: s.webhook.kind } : null, availability: f.availability(t) });
  });

  app.put(`${base}/t/:tenant/access-policy`, adminOnly, body, async (req, res) => {
    const f = featureOr409(res);
    if (!f) return;
    const input = parsed(policySchema, req.body, res);
    if (!input) return;
    const domains = (list: string[], key: string): string[] | undefined => {
      const out: string[] = [];
      for (const [i, value] of list.entries()) {
        const d = normaliseDomain(value);
        if (!d) {
          sendProblem(res, problem(400, 'bad-domain', 'Not a domain name', `${key}[${i}]: "${value.slice(0, 100)}" is not a domain name (write contoso.com).`));
          return undefined;
        }
        if (!out.includes(d)) out.push(d);
      }
      return out;
    };
    const preApprovedDomains = domains(input.preApprovedDomains, 'preApprovedDomains');
    if (!preApprovedDomains) return;
    const blockedDomains = domains(input.blockedDomains, 'blockedDomains');
    if (!blockedDomains) return;
    const a = req.admin!;
    const saved = await f.setPolicy(a.tenant, { mode: input.mode, preApprovedDomains, dailyCap: input.dailyCap, blockedDomains }, `by ${a.upn.replace(/\s/g, '')} (${a.oid})`);
    if (saved === 'locked') return sendProblem(res, problem(409, 'policy-locked', 'The policy is locked by the configuration', 'This portal\'s configuration sets the access-request policy for this organisation (accessRequests.locked); change it there.'));
    res.json(await f.policy(a.tenant));
  });
}
