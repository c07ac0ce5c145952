// The admin console's API under /admin/api (issue 9). Bearer tokens only (no cookies, so no CSRF surface), validated by
// admin/access-token.ts; every answer is JSON, every refusal an RFC 9457 problem (401 authentication, 403
// authorisation, 404/400/409 for the request) — never a 500 page or a stack trace.
//
//   (GET /admin/api/config, public, is routes/admin-console.ts's.)
//   GET /admin/api/t/:tenant/me           who the token says you are, with your roles (Admin or Approver)
//   GET  …/t/:tenant/dead-letters              Admin: requests that could not be carried out, with their reason
//   POST …/t/:tenant/dead-letters/:id/retry    Admin: requeue one; POST …/dead-letters/retry {reason}: all of a reason
//   POST …/t/:tenant/resend {emails}           Admin: re-send pending invitations through the queue (audited)
//   GET  …/t/:tenant/requests[?email=]         Admin: jobs and outcomes (addresses only while queued/held/dead)
//   GET  …/t/:tenant/audit[.csv]?actor&action&from&to   Admin: the audit trail, CSV with formula cells neutralised
//   GET  …/t/:tenant/health                    Admin: live token + Graph read, permissions, secret expiry, last send
//   …/t/:tenant/invitations…                   Admin: invite one address or a CSV (routes/admin-invitations.ts)
//   …/t/:tenant/access-requests, …/access-policy   the approvers' queue and the policy (admin-access-requests.ts)
//   …/t/:tenant/b2b-health, …/t/:tenant/lifecycle/…   Admin: the B2B health check and guest lifecycle (admin-lifecycle.ts)
import express, { type Express, type NextFunction, type Request, type RequestHandler, type Response } from 'express';
import { createAccessTokenValidator, ROLES, type AdminPrincipal, type AppRole } from '../admin/access-token.ts';
import { problem, sendProblem } from '../admin/problem.ts';
import { createSigningKeySource } from '../admin/signing-keys.ts';
import { actorDetail } from '../resend/service.ts';
import { registerAdminInvitationRoutes } from './admin-invitations.ts';
import { registerAccessRequestAdminRoutes } from './admin-access-requests.ts';
import { findTenant, type TenantConfig } from '../config/index.ts';
import type { RouteContext } from '../http/context.ts';
import { registerAdminLifecycleRoutes } from './admin-lifecycle.ts';

declare module 'express-serve-static-core' {
  interface Request {
    admin?: AdminPrincipal;
  }
}

export const ADMIN_API = '/admin/api';

export function registerAdminApiRoutes(app: Express, ctx: RouteContext): void {
  const { config, logger } = ctx;
  const now = ctx.deps.now ?? (() => new Date());
  const validate = createAccessTokenValidator({
    tenants: config.tenants,
    keys: createSigningKeySource({ loginBaseUrl: config.graph.loginBaseUrl, now }),
    now,
  });
  const consoleTenants = config.tenants.filter((t) => t.credentials && t.tenantId);
  const body = express.json({ limit: '16kb', strict: true });

  // Everything under /admin/api: never cached, JSON only.
  app.use(ADMIN_API, (_req, res, next) => {
    res.set('Cache-Control', 'no-store');
    next();
  });

  /** Resolves :tenant (a console tenant) and checks the bearer token for one of `allowed`. */
  function guard(allowed: readonly AppRole[]): RequestHandler {
    return async (req, res, next) => {
      const segment = String(req.params.tenant ?? '');
      const tenant = consoleTenants.find((t) => t.key === segment.toLowerCase()) ?? findTenant(consoleTenants, segment);
      if (!tenant) return sendProblem(res, problem(404, 'unknown-tenant', 'No such organisation here', 'This portal has no console for that tenant (it is not configured, or has no app registration).'));
      try {
        const check = await validate(req.get('authorization'), tenant, allowed);
        if (!check.ok) {
          logger.info({ reqId: req.id, tenant: tenant.key, refused: check.problem.code, status: check.problem.status }, 'admin API refused');
          if (check.problem.status === 503) res.set('Retry-After', '30');
          return sendProblem(res, check.problem);
        }
        req.admin = check.principal;
        const { oid, upn, token, expiresAt } = check.principal;
        // Jobs this admin ordered run On-Behalf-Of them: remember their token here and release what waited for it.
        await ctx.deps.invitations?.adminSeen(tenant.key, { oid, upn }, token, expiresAt).catch((error: unknown) => {
          logger.warn({ reqId: req.id, tenant: tenant.key, err: error }, 'could not release the admin\'s held jobs');
        });
        next();
      } catch (error) {
        next(error);
      }
    };
  }
  const adminOnly = guard([ROLES.admin]);
  const anyRole = guard([ROLES.admin, ROLES.approver]);
  registerAccessRequestAdminRoutes(app, ctx, { base: ADMIN_API, adminOnly, anyRole, body });

  app.get(`${ADMIN_API}/t/:tenant/me`, anyRole, (req, res) => {
    const a = req.admin!;
    res.json({ tenant: { key: a.tenant.key, displayName: a.tenant.displayName, tenantId: a.tenant.tenantId }, oid: a.oid, upn: a.upn, name: a.name ?? null, roles: a.roles });
  });

  /** The resend queue behind the admin views, or a 409 problem when this portal runs without one. */
  function backendOr409(res: Response) {
    const store = ctx.deps.store;
    const resend = ctx.deps.resend;
    if (!store || !resend) {
      sendProblem(res, problem(409, 'no-resend', 'Resend is not set up on this portal', 'No tenant has Graph credentials here, so there is no resend queue.'));
      return undefined;
    }
    return { store, resend };
  }
  const actorOfAdmin = (a: AdminPrincipal) => ({ oid: a.oid, upn: a.upn });

  // Resend one or many pending invitations: the durable queue, its window and Graph budget; audited with the admin.
  app.post(`${ADMIN_API}/t/:tenant/resend`, adminOnly, body, async (req, res) => {
    const backend = backendOr409(res);
    if (!backend?.resend.acceptForAdmin) return;
    const raw = (req.body ?? {}) as { emails?: unknown };
    const emails = Array.isArray(raw.emails) && raw.emails.every((e) => typeof e === 'string') ? (raw.emails as string[]) : [];
    if (emails.length === 0 || emails.length > 100) {
      return sendProblem(res, problem(400, 'bad-emails', 'Say which invitations to re-send', 'Send {"emails": ["guest@example.com", …]} with 1 to 100 addresses.'));
    }
    const results = [];
    let accepted = 0;
    for (const email of emails) {
      const r = await backend.resend.acceptForAdmin({ tenantKey: req.admin!.tenant.key, email, actor: actorOfAdmin(req.admin!) });
      if (r.outcome === 'accepted') accepted += 1;
      results.push(r.outcome === 'accepted' ? { email, outcome: 'queued', id: r.requestId } : r.outcome === 'invalid-address' ? { email, outcome: 'invalid', message: r.message } : { email, outcome: 'refused' });
    }
    res.status(202).json({ results, accepted });
  });

  // Self-service and admin requests with their outcomes: addresses only while queued, held or dead; finished ones only
  // when the admin types the address (matched by its keyed hash, never listed in clear).
  app.get(`${ADMIN_API}/t/:tenant/requests`, adminOnly, async (req, res) => {
    const backend = backendOr409(res);
    if (!backend) return;
    const tenantKey = req.admin!.tenant.key;
    const email = typeof req.query.email === 'string' ? req.query.email.trim() : '';
    let jobs;
    if (email) {
      const hash = backend.resend.addressHash?.(tenantKey, email);
      if (!hash) return sendProblem(res, problem(400, 'bad-email', 'Not an address', 'Type the guest\'s full email address.'));
      jobs = await backend.store.listJobs({ tenantKey, addressHash: hash, limit: 100 });
    } else {
      jobs = await backend.store.listJobs({ tenantKey, states: ['queued', 'in-flight', 'held', 'dead'], limit: 200 });
    }
    res.json({
      requests: jobs.map((j) => {
        const state = j.state;
        const shown = state === 'queued' || state === 'held' || state === 'dead' || Boolean(email);
        return {
          id: j.id,
          ...(shown && j.address ? { address: j.address } : email ? { address: email.toLowerCase() } : {}),
          state,
          kind: j.kind,
          ...(j.actor ? { actor: j.actor } : {}),
          ...(j.heldReason ?? j.outcome ?? j.lastError ? { reason: (j.heldReason ?? j.outcome ?? j.lastError)! } : {}),
          attempts: j.attempts,
          createdAt: iso(j.createdAt),
          updatedAt: iso(j.updatedAt),
        };
      }),
    });
  });

  /** Requeues dead letters (through the same queue and window) and records who asked. */
  async function retry(req: Request, res: Response, pick: (d: { requestId: string; reason: string }) => boolean) {
    const backend = backendOr409(res);
    if (!backend) return;
    const admin = req.admin!;
    const letters = (await backend.store.listDeadLetters()).filter((d) => d.tenantKey === admin.tenant.key && pick(d));
    if (letters.length === 0) return sendProblem(res, problem(404, 'no-dead-letter', 'No such dead letter', 'Nothing dead-lettered for this tenant matches.'));
    let requeued = 0;
    const at = now().getTime();
    for (const d of letters) {
      const hash = (await backend.store.listAudit(d.requestId))[0]?.addressHash ?? '';
      const ok = await backend.store.retryDead(d.requestId, at, { requestId: d.requestId, tenantKey: d.tenantKey, addressHash: hash, event: 'retry-requested', detail: `${actorDetail(actorOfAdmin(admin))}; was: ${d.reason}`, at, actor: actorOfAdmin(admin) });
      if (ok) requeued += 1;
    }
    backend.resend.wake?.();
    res.status(202).json({ requeued });
  }
  app.post(`${ADMIN_API}/t/:tenant/dead-letters/:id/retry`, adminOnly, body, (req, res) => retry(req, res, (d) => d.requestId === req.params.id));
  app.post(`${ADMIN_API}/t/:tenant/dead-letters/retry`, adminOnly, body, (req, res) => {
    const reason = (req.body as { reason?: unknown } | undefined)?.reason;
    if (typeof reason !== 'string' || !reason) return sendProblem(res, problem(400, 'bad-retry', 'Say which reason to retry', 'Send {"reason": "<the dead letters\' reason>"}.'));
    return retry(req, res, (d) => d.reason === reason);
  });

  /** The tenant's audit trail, filtered (actor: UPN or object id, part of it; action; from/to ISO times). */
  async function auditRows(req: Request, res: Response) {
    const backend = backendOr409(res);
    if (!backend) return undefined;
    const q = req.query as Record<string, unknown>;
    const one = (k: string) => (typeof q[k] === 'string' && (q[k] as string).trim() ? (q[k] as string).trim() : undefined);
    const from = one('from') === undefined ? undefined : Date.parse(one('from')!);
    const to = one('to') === undefined ? undefined : Date.parse(one('to')!);
    if (Number.isNaN(from) || Number.isNaN(to)) {
      sendProblem(res, problem(400, 'bad-time', 'Unreadable time filter', '`from` and `to` must be ISO 8601 times, e.g. 2026-11-29T00:00:00Z.'));
      return undefined;
    }
    const actor = one('actor');
    const action = one('action');
    // Filtered in the store (indexed by tenant and time): newest first, at most 5,000 rows.
    const rows = await backend.store.queryAudit({
      tenantKey: req.admin!.tenant.key,
      ...(actor ? { actor: actor.slice(0, 200) } : {}),
      ...(action ? { action: action.slice(0, 100) } : {}),
      ...(from !== undefined ? { from } : {}),
      ...(to !== undefined ? { to } : {}),
      limit: 5000,
    });
    return rows.map((a, i) => ({ id: rows.length - i, at: iso(a.at), actor: a.actor, action: a.event, target: a.requestId, detail: a.detail ?? '' }));
  }
  app.get(`${ADMIN_API}/t/:tenant/audit`, adminOnly, async (req, res) => {
    const rows = await auditRows(req, res);
    if (rows) res.json({ entries: rows });
  });
  app.get(`${ADMIN_API}/t/:tenant/audit.csv`, adminOnly, async (req, res) => {
    const rows = await auditRows(req, res);
    if (!rows) return;
    const lines = [['at', 'actor_upn', 'actor_oid', 'action', 'request', 'detail'], ...rows.map((r) => [r.at, r.actor?.upn ?? '', r.actor?.oid ?? '', r.action, r.target, r.detail])];
    res.set({ 'Content-Type': 'text/csv; charset=utf-8', 'Content-Disposition': `attachment; filename="guestpass-audit.csv"` });
    res.send(`${lines.map((cols) => cols.map(csvCell).join(',')).join('\r\n')}\r\n`);
  });

  app.get(`${ADMIN_API}/t/:tenant/health`, adminOnly, async (req, res) => {
    const admin = req.admin!;
    const { checkTenantHealth } = await import('../admin/tenant-health.ts');
    const store = ctx.deps.store;
    const { configuredGraphBudget } = await import('../graph/budget.ts');
    const budget = store ? configuredGraphBudget(store, config.graphCallsPerSecond, () => now().getTime()) : undefined;
    const health = await checkTenantHealth(admin.tenant, config.graph, admin.token, now(), budget);
    let held = 0;
    let dead = 0;
    let lastResendAt: string | null = null;
    if (store) {
      held = (await store.listJobs({ tenantKey: admin.tenant.key, states: ['held'], limit: 1000 })).length;
      dead = (await store.listDeadLetters()).filter((d) => d.tenantKey === admin.tenant.key).length;
      const sent = (await store.listJobs({ tenantKey: admin.tenant.key, states: ['done'], limit: 200 })).filter((j) => j.outcome === 'sent');
      lastResendAt = sent.length ? iso(Math.max(...sent.map((j) => j.updatedAt))) : null;
    }
    res.json({ ...health, held, dead, lastResendAt });
  });

  app.get(`${ADMIN_API}/t/:tenant/dead-letters`, adminOnly, async (req, res) => {
    const backend = backendOr409(res);
    if (!backend) return;
    const tenant = req.admin!.tenant;
    const letters = (await backend.store.listDeadLetters()).filter((d) => d.tenantKey === tenant.key);
    res.json({ deadLetters: letters.map((d) => ({ id: d.requestId, address: d.address, reason: d.reason, attempts: d.attempts, createdAt: iso(d.createdAt), deadAt: iso(d.deadAt) })) });
  });

  registerAdminInvitationRoutes(app, ctx, { adminOnly, base: ADMIN_API });
  // The B2B health check and the guest lifecycle (issue 12): their own module, behind the same guard.
  registerAdminLifecycleRoutes(app, ctx, { base: ADMIN_API, adminOnly, body, now });

  // Unknown API paths and any error inside the API: problems, not the guest pages' HTML.
  app.use(ADMIN_API, (req: Request, res: Response) => {
    sendProblem(res, problem(404, 'not-found', 'No such API route', `${req.method} ${req.path.slice(0, 100)} is not part of the admin API.`));
  });
  app.use(ADMIN_API, (error: unknown, req: Request, res: Response, _next: NextFunction) => {
    const e = error as { status?: number; type?: string };
    if (res.headersSent) return;
    if (e.status && e.status >= 400 && e.status < 500) {
      return sendProblem(res, problem(e.status, e.type === 'entity.parse.failed' ? 'malformed-json' : 'bad-request', 'Bad request', e.type === 'entity.too.large' ? 'The request body is too large.' : 'The request body is not valid JSON.'));
    }
    logger.error({ reqId: req.id, err: error }, 'admin API failed');
    sendProblem(res, problem(503, 'unavailable', 'The portal could not complete this', 'Something the portal depends on failed; it is logged with the request id. Try again shortly.', { requestId: req.id }));
  });
}

function iso(ms: number): string {
  return new Date(ms).toISOString();
}

/**
 * One CSV cell (RFC 4180 quoting), with formula injection neutralised: a cell a spreadsheet would run as a formula
 * (starting with =, +, -, @, tab or carriage return) gets a leading apostrophe (OWASP "CSV injection").
 */
export function csvCell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}
