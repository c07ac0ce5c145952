// Liveness and readiness apart, for supervisors and load balancers:
// - GET /healthz: this process is alive and serving (no dependency is asked: a database outage must not make an
//   orchestrator restart every instance in a loop); 200 with "status":"degraded" while some tenant's own Graph
//   credentials or consent fail (resends held) — one tenant's bad secret must not pull every instance out of a load
//   balancer; which tenant and why is only on the metrics side (operations.ts);
// - GET /readyz: this instance can do its work — the database answers and its schema is at the version this code
//   expects (a rolling upgrade routes no traffic to an instance whose migrations are not applied yet).
import type { Express } from 'express';
import type { RouteContext } from '../http/context.ts';
import { credentialsDegraded, readVersion } from './operations.ts';

const VERSION = readVersion();
/** A load balancer's probe must get an answer, not a hang, when the database does not reply. */
const READY_TIMEOUT_MS = 2_000;

export function registerHealthRoutes(app: Express, ctx: RouteContext): void {
  const { config, deps, logger } = ctx;
  app.get('/healthz', (_req, res) => {
    res.set('Cache-Control', 'no-store').json({ status: credentialsDegraded(ctx) ? 'degraded' : 'ok', mode: config.mode, tenants: config.tenants.length, version: VERSION });
  });
  app.get('/readyz', async (_req, res) => {
    res.set('Cache-Control', 'no-store');
    if (!deps.storeStatus) return res.json({ status: 'ready', database: 'none' });
    let timer: NodeJS.Timeout | undefined;
    try {
      const status = await Promise.race([
        deps.storeStatus(),
        new Promise<never>((_, reject) => {
          timer = setTimeout(() => reject(new Error(`no answer within ${READY_TIMEOUT_MS} ms`)), READY_TIMEOUT_MS);
        }),
      ]);
      const database = { engine: status.engine, schemaVersion: status.schemaVersion, expectedVersion: status.expectedVersion };
      if (status.schemaVersion < status.expectedVersion) return res.status(503).json({ status: 'not-ready', reason: 'migrations-pending', database });
      return res.json({ status: 'ready', database });
    } catch (error) {
      // The reason stays in the log: the error text may name hosts or users of the database.
      logger.warn({ err: error }, 'readiness: database unreachable');
      return res.status(503).json({ status: 'not-ready', reason: 'database-unreachable' });
    } finally {
      clearTimeout(timer);
    }
  });
}
