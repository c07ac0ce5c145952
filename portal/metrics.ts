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

/** One counter label set's requests since prom-client last took them: what a request touches. */
interface PendingCount {
  labels: Record<string, string>;
  pending: number;
}

export function createMetrics(): PortalMetrics {
  const registry = new Registry();
  // Label sets are bounded (route patterns × methods × status codes). A request adds 1 to a plain number per label
  // set; the counter takes those when it is read (prom-client's collect hook), so its label validation and hashing
  // run once per scrape instead of once per request.
  const counted: PendingCount[] = [];
  new Counter({
    name: 'guestpass_http_requests_total',
    help: 'HTTP requests answered, by route pattern and status code',
    labelNames: ['method', 'route', 'status'] as const,
    registers: [registry],
    collect() {
      for (const s of counted) {
        if (s.pending === 0) continue;
        this.inc(s.labels, s.pending);
        s.pending = 0;
      }
    },
  });
  const latency = new Histogram({
    name: 'guestpass_http_request_duration_seconds',
    help: 'Time to answer an HTTP request, by route pattern',
    labelNames: ['method', 'route'] as const,
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [registry],
  });
  const counters = new Map<string, PendingCount>();
  const timers = new Map<string, ReturnType<typeof latency.labels>>();
  const observe = (req: Request, res: Response, seconds: number) => {
    const route = routeLabel(req);
    const status = res.statusCode;
    const timerKey = `${req.method} ${route}`;
    const counterKey = `${timerKey} ${status}`;
    let counter = counters.get(counterKey);
    if (!counter) {
      counters.set(counterKey, (counter = { labels: { method: req.method, route, status: String(status) }, pending: 0 }));
      counted.push(counter);
    }
    counter.pending += 1;
    // Kept children skip building the label object per request (prom-client still hashes it on each observe).
    let timer = timers.get(timerKey);
    if (!timer) timers.set(timerKey, (timer = latency.labels({ method: req.method, route })));
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
