// For operators: /metrics (and /healthz/details, with tenant names and reasons) — only on the metrics listener
// (GUESTPASS_METRICS_PORT) or, on the guest listener, with `Authorization: Bearer $GUESTPASS_METRICS_TOKEN`; neither
// set: not served to guests. Liveness and readiness (/healthz says only ok/degraded) are in health.ts.
import { createHash, timingSafeEqual } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { Express, Request, RequestHandler } from 'express';
import { Counter, Gauge } from 'prom-client';
import type { RouteContext } from '../http/context.ts';
import { PORTAL_PATHS } from '../paths.ts';

export interface OperationsHandlers {
  metrics: RequestHandler;
  healthDetails: RequestHandler;
}

export function registerOperationsRoutes(app: Express, ctx: RouteContext): OperationsHandlers {
  const { config, metrics } = ctx;
  const status = () => ctx.deps.resendStatus?.() ?? [];

  // Outcomes per tenant, read from the worker when scraped (its counts only grow: the counter adds the difference).
  const seen = new Map<string, number>();
  new Counter({
    name: 'guestpass_resend_jobs_total',
    help: 'Resend and invitation jobs by tenant and outcome: sent, held (portal credentials or consent failing, or the ordering admin\'s session needed), dead (dead-lettered)',
    labelNames: ['tenant', 'outcome'] as const,
    registers: [metrics.registry],
    collect() {
      for (const st of status()) {
        for (const outcome of ['sent', 'held', 'dead'] as const) {
          const key = `${st.tenantKey}\n${outcome}`;
          const delta = st.counts[outcome] - (seen.get(key) ?? 0);
          if (delta > 0) this.inc({ tenant: st.tenantKey, outcome }, delta);
          seen.set(key, st.counts[outcome]);
        }
      }
    },
  });
  // Access-request webhook deliveries (issue 13): a receiver that keeps failing shows here and in the log.
  const webhookSeen = new Map<string, number>();
  new Counter({
    name: 'guestpass_access_request_webhooks_total',
    help: 'Access-request notices to the tenant webhook, by tenant and outcome: sent, failed (after retries)',
    labelNames: ['tenant', 'outcome'] as const,
    registers: [metrics.registry],
    collect() {
      for (const st of ctx.deps.accessRequests?.status() ?? []) {
        for (const outcome of ['sent', 'failed'] as const) {
          const key = `${st.tenantKey}\n${outcome}`;
          const delta = st.webhook[outcome] - (webhookSeen.get(key) ?? 0);
          if (delta > 0) this.inc({ tenant: st.tenantKey, outcome }, delta);
          webhookSeen.set(key, st.webhook[outcome]);
        }
      }
    },
  });
  new Gauge({
    name: 'guestpass_tenant_credentials_failing',
    help: "1 while the portal's own Graph credentials or consent fail for the tenant (reason: AADSTS code or HTTP status)",
    labelNames: ['tenant', 'reason'] as const,
    registers: [metrics.registry],
    collect() {
      this.reset();
      for (const t of config.tenants) if (t.credentials) this.set({ tenant: t.key, reason: '' }, 0);
      for (const st of status()) if (st.credentialsFailing) this.set({ tenant: st.tenantKey, reason: reasonCode(st.credentialsFailing.detail) }, 1);
    },
  });

  const degraded = () => credentialsDegraded(ctx);

  const handlers: OperationsHandlers = {
    metrics: async (_req, res) => {
      res.set({ 'Content-Type': metrics.registry.contentType, 'Cache-Control': 'no-store' }).send(await metrics.registry.metrics());
    },
    healthDetails: (_req, res) => {
      res.set('Cache-Control', 'no-store').json({
        status: degraded() ? 'degraded' : 'ok',
        tenants: status().map((st) => ({
          tenant: st.tenantKey,
          credentials: st.credentialsFailing ? { ok: false, since: new Date(st.credentialsFailing.since).toISOString(), reason: st.credentialsFailing.detail } : { ok: true },
          counts: st.counts,
          ...(st.lastSentAt ? { lastSentAt: new Date(st.lastSentAt).toISOString() } : {}),
        })),
      });
    },
  };

  const token = config.metrics?.token;
  if (token) {
    const expected = createHash('sha256').update(token).digest();
    const allowed = (req: Request) => {
      const given = /^Bearer (.+)$/.exec(req.get('authorization') ?? '')?.[1] ?? '';
      return timingSafeEqual(createHash('sha256').update(given).digest(), expected);
    };
    const gate: RequestHandler = (req, res, next) => {
      if (allowed(req)) return next();
      res.status(401).set({ 'WWW-Authenticate': 'Bearer realm="metrics"', 'Cache-Control': 'no-store' }).type('text/plain').send('Metrics need the bearer token (GUESTPASS_METRICS_TOKEN).\n');
    };
    app.get('/metrics', gate, handlers.metrics);
    app.get('/healthz/details', gate, handlers.healthDetails);
  }
  return handlers;
}

/** True while some tenant's own credentials or consent fail (jobs held): /healthz then says "degraded". */
export function credentialsDegraded(ctx: Pick<RouteContext, 'deps'>): boolean {
  return (ctx.deps.resendStatus?.() ?? []).some((st) => st.credentialsFailing);
}

/** The short reason shown on metrics: the AADSTS code or HTTP status, not the whole message. */
function reasonCode(detail: string): string {
  return /AADSTS\d+/.exec(detail)?.[0] ?? /HTTP \d{3}(?: \w+)?/.exec(detail)?.[0] ?? detail.slice(0, 40);
}

export function readVersion(): string {
  try {
    const pkg = JSON.parse(readFileSync(PORTAL_PATHS.packageJson, 'utf8')) as { version?: string };
    return pkg.version ?? '0.0.0';
  } catch {
    return '0.0.0';
  }
}
