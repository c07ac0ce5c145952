// The portal as an Express app (no listening here: see server.ts). This file only wires: it builds the shared route
// context once and lets each route family register itself. Registration functions rather than mounted routers: a
// router layer per family costs measurably on every request at this size (bench/portal.bench.ts).
//
//   routes/guest-pages.ts  GET /, GET /t/:tenant                         routes/resend.ts  POST /t/:tenant/resend
//   routes/links.ts        /t/:tenant/go/:kind, /qr/:file, /card         routes/demo.ts    GET /demo/outbox
//   routes/operations.ts   GET /metrics                                  routes/admin-api.ts  /admin/api/…
//   routes/health.ts       GET /healthz (alive), GET /readyz (database ready)
//   routes/admin-console.ts  GET /admin/ (the console app), /admin/assets/*
//   routes/access-request.ts GET/POST /t/:tenant/request (ask for access)
import express from 'express';
import { basePathOf, type TenantConfig } from './config/index.ts';
import { createCsrf } from './csrf.ts';
import type { AppDeps, RouteContext } from './http/context.ts';
import { rejectOutsideBasePath, stripBasePath } from './http/base-path.ts';
import { registerFallbacks } from './http/errors.ts';
import { createViewLookup, requestContext } from './http/request-context.ts';
import { createResponder } from './http/send.ts';
import { createTenantLookup } from './http/tenant-lookup.ts';
import { createMetrics } from './metrics.ts';
import { PORTAL_PATHS } from './paths.ts';
import { registerAccessRequestRoutes } from './routes/access-request.ts';
import { registerAdminApiRoutes } from './routes/admin-api.ts';
import { registerAdminConsoleRoutes } from './routes/admin-console.ts';
import { registerDemoRoutes } from './routes/demo.ts';
import { registerGuestPageRoutes } from './routes/guest-pages.ts';
import { registerHealthRoutes } from './routes/health.ts';
import { registerLinkRoutes } from './routes/links.ts';
import { registerOperationsRoutes } from './routes/operations.ts';
import { registerResendRoutes } from './routes/resend.ts';

export type { AppDeps, OutboxEmail, RouteContext } from './http/context.ts';
export type { ResendAcceptResult, ResendService } from './resend/index.ts';

const PUBLIC_DIR = PORTAL_PATHS.publicDir;

export function createApp(deps: AppDeps): express.Express {
  const { config, logger } = deps;
  const app = express();
  const metrics = createMetrics();
  const publicOrigin = new URL(config.publicBaseUrl).origin;
  const basePath = basePathOf(config.publicBaseUrl);
  const view = createViewLookup(config);
  const responder = createResponder(view);
  const ctx: RouteContext = {
    config,
    logger,
    deps,
    metrics,
    publicOrigin,
    csrf: createCsrf({ secret: config.secret, secureCookie: publicOrigin.startsWith('https:'), path: basePath }),
    view,
    ...responder,
    tenantOr404: createTenantLookup(config.tenants, view, responder),
    resendAvailable: (tenant: TenantConfig) => Boolean(deps.resend && tenant.credentials),
  };

  app.disable('x-powered-by');
  app.set('trust proxy', config.trustProxy);
  app.set('etag', false); // pages are small and some carry per-visitor tokens

  if (basePath) app.use(stripBasePath(basePath));
  app.use(requestContext({ config, logger, metrics }));
  if (basePath) app.use(rejectOutsideBasePath(ctx));
  app.use('/assets', express.static(PUBLIC_DIR, { index: false, maxAge: '1h', fallthrough: true }));

  registerHealthRoutes(app, ctx);
  app.locals.operations = registerOperationsRoutes(app, ctx);
  registerGuestPageRoutes(app, ctx);
  registerLinkRoutes(app, ctx);
  registerResendRoutes(app, ctx);
  registerAccessRequestRoutes(app, ctx);
  registerDemoRoutes(app, ctx);
  registerAdminConsoleRoutes(app, ctx, deps.consoleDir);
  // After the console's routes (its GET /admin/api/config): the API ends with a problem+json 404 for /admin/api/*.
  registerAdminApiRoutes(app, ctx);
  registerFallbacks(app, ctx);
  return app;
}
