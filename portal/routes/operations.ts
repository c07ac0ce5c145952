// For operators: the Prometheus metrics (liveness and readiness are in health.ts).
import { readFileSync } from 'node:fs';
import type { Express } from 'express';
import type { RouteContext } from '../http/context.ts';
import { PORTAL_PATHS } from '../paths.ts';

export function registerOperationsRoutes(app: Express, ctx: RouteContext): void {
  const { metrics } = ctx;
  app.get('/metrics', async (_req, res) => {
    res.set('Content-Type', metrics.registry.contentType).send(await metrics.registry.metrics());
  });
}

export function readVersion(): string {
  try {
    const pkg = JSON.parse(readFileSync(PORTAL_PATHS.packageJson, 'utf8')) as { version?: string };
    return pkg.version ?? '0.0.0';
  } catch {
    return '0.0.0';
  }
}
