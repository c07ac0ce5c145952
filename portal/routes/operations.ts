// For operators and load balancers: liveness with a summary, and the Prometheus metrics.
import { readFileSync } from 'node:fs';
import type { Express } from 'express';
import type { RouteContext } from '../http/context.ts';

const VERSION = readVersion();

export function registerOperationsRoutes(app: Express, ctx: RouteContext): void {
  const { config, metrics } = ctx;
  app.get('/healthz', (_req, res) => {
    res.set('Cache-Control', 'no-store').json({ status: 'ok', mode: config.mode, tenants: config.tenants.length, version: VERSION });
  });
  app.get('/metrics', async (_req, res) => {
    res.set('Content-Type', metrics.registry.contentType).send(await metrics.registry.metrics());
  });
}

function readVersion(): string {
  try {
    const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version?: string };
    return pkg.version ?? '0.0.0';
  } catch {
    return '0.0.0';
  }
}
