// Prometheus metrics with a registry per app (no global default registry: several apps may live in one process).
import type { NextFunction, Request, Response } from 'express';
import { Counter, Histogram, Registry } from 'prom-client';

export interface PortalMetrics {
  registry: Registry;
  /** Counts one answered request; called from the app's single 'finish' listener (one listener per request, not two). */
  observe(req: Request, res: Response, seconds: number): void;
  /** Stand-alone middleware doing the same, for apps without their own request hook. */
  middleware(req: Request, res: Response, next: NextFunction): void;
}

export function createMetrics(): PortalMetrics {
  const registry = new Registry();
  const requests = new Counter({
    name: 'guestpass_http_requests_total',
    help: 'HTTP requests answered, by route pattern and status code',
    labelNames: ['method', 'route', 'status'] as const,
    registers: [registry],
  });
  const latency = new Histogram({
    name: 'guestpass_http_request_duration_seconds',
    help: 'Time to answer an HTTP request, by route pattern',
    labelNames: ['method', 'route'] as const,
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [registry],
  });
  // Label sets are bounded (route patterns × methods × status codes), so their children are kept: prom-client then
  // skips building the label object per request (it still validates and hashes it on every inc and observe).
  const counters = new Map<string, ReturnType<typeof requests.labels>>();
  const timers = new Map<string, ReturnType<typeof latency.labels>>();
  const observe = (req: Request, res: Response, seconds: number) => {
    const route = routeLabel(req);
    const status = String(res.statusCode);
    const timerKey = `${req.method} ${route}`;
    const counterKey = `${timerKey} ${status}`;
    let counter = counters.get(counterKey);
    if (!counter) counters.set(counterKey, (counter = requests.labels({ method: req.method, route, status })));
    let timer = timers.get(timerKey);
    if (!timer) timers.set(timerKey, (timer = latency.labels({ method: req.method, route })));
    counter.inc();
    timer.observe(seconds);
  };
  return {
    registry,
    observe,
    middleware(req, res, next) {
      const start = process.hrtime.bigint();
      res.on('finish', () => observe(req, res, Number(process.hrtime.bigint() - start) / 1e9));
      next();
    },
  };
}

/** The matched route pattern, never the raw path: raw paths would let anyone create unbounded label values. */
export function routeLabel(req: Request): string {
  const pattern = (req.route as { path?: unknown } | undefined)?.path;
  if (typeof pattern === 'string') return `${req.baseUrl}${pattern}`;
  if (req.path.startsWith('/assets/')) return '/assets';
  return 'unmatched';
}
