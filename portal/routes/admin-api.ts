// The admin console's API under /admin/api (issue 9). Bearer tokens only (no cookies, so no CSRF surface), validated by
// admin/access-token.ts; every answer is JSON, every refusal an RFC 9457 problem (401 authentication, 403
// authorisation, 404/400/409 for the request) — never a 500 page or a stack trace.
//
//   (GET /admin/api/config, public, is routes/admin-console.ts's.)
//   GET /admin/api/t/:tenant/me           who the token says you are, with your roles (Admin or Approver)
//   GET /admin/api/t/:tenant/dead-letters  Admin: requests that could not be carried out, with their reason
import express, { type Express, type NextFunction, type Request, type RequestHandler, type Response } from 'express';
import { createAccessTokenValidator, ROLES, type AdminPrincipal, type AppRole } from '../admin/access-token.ts';
import { problem, sendProblem } from '../admin/problem.ts';
import { createSigningKeySource } from '../admin/signing-keys.ts';
import { findTenant, type TenantConfig } from '../config/index.ts';
import type { RouteContext } from '../http/context.ts';

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
        next();
      } catch (error) {
        next(error);
      }
    };
  }
  const adminOnly = guard([ROLES.admin]);
  const anyRole = guard([ROLES.admin, ROLES.approver]);

  app.get(`${ADMIN_API}/t/:tenant/me`, anyRole, (req, res) => {
    const a = req.admin!;
    res.json({ tenant: { key: a.tenant.key, displayName: a.tenant.displayName, tenantId: a.tenant.tenantId }, oid: a.oid, upn: a.upn, name: a.name ?? null, roles: a.roles });
  });

  /** The store behind the admin views, or a 409 problem when this portal runs without one (no Graph credentials). */
  function storeOr409(res: Response) {
    const store = ctx.deps.store;
    if (!store) sendProblem(res, problem(409, 'no-store', 'Resend is not set up on this portal', 'No tenant has Graph credentials, so there is no resend queue to show.'));
    return store;
  }

  app.get(`${ADMIN_API}/t/:tenant/dead-letters`, adminOnly, async (req, res) => {
    const store = storeOr409(res);
    if (!store) return;
    const tenant = req.admin!.tenant;
    const letters = (await store.listDeadLetters()).filter((d) => d.tenantKey === tenant.key);
    res.json({ deadLetters: letters.map((d) => ({ id: d.requestId, address: d.address, reason: d.reason, attempts: d.attempts, createdAt: iso(d.createdAt), deadAt: iso(d.deadAt) })) });
  });

  void body;

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
