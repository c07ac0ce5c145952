// Prometheus metrics with a registry per app (no global default registry: several apps may live in one process).
import type { NextFunction, Request, Response } from 'express';
import { Counter, Registry } from 'prom-client';

export interface PortalMetrics {
  registry: Registry;
  /** Counts one answered request; called from the app's single 'finish' listener (one listener per request, not two). */
  observe(req: Request, res: Response, seconds: number): void;
  /** Stand-alone middleware doing the same, for apps without their own request hook. */
  middleware(req: Request, res: Response, next: NextFunction): void;
}

const DURATION_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5] as const;

/** One label set's counts, as plain numbers: what a request touches. */
interface Series {
  labels: Record<string, string>;
  /** Requests counted since prom-client last took them (counter). */
  pending: number;
  /** Per bucket (not cumulative), sum and count (histogram). */
  buckets: number[];
  sum: number;
  count: number;
}

/**
 * The request duration histogram, kept in plain numbers per label set and written out the way prom-client's Histogram
 * writes itself (same lines, labels and order: test/portal/metrics.test.ts compares the two). prom-client's own
 * observe and inc validate and hash the label set on every call, even through kept children: on the landing page that
 * was about a tenth of the portal's CPU per request (bench/portal.bench.ts).
 */
class DurationHistogram {
  readonly type = 'histogram';
  readonly aggregator = 'sum';
  readonly series = new Map<string, Series>();
  constructor(
    readonly name: string,
    readonly help: string,
  ) {}

  /** prom-client's Registry writes a metric from this (Histogram.getForPromString's shape). */
  getForPromString() {
    const values: { labels: Record<string, string | number>; sharedLabels: Record<string, string>; value: number; metricName: string }[] = [];
    for (const s of this.series.values()) {
      if (s.count === 0) continue;
      let acc = 0;
      DURATION_BUCKETS.forEach((le, i) => {
        acc += s.buckets[i]!;
        values.push({ labels: { le }, sharedLabels: s.labels, value: acc, metricName: `${this.name}_bucket` });
      });
      values.push({ labels: { le: '+Inf' }, sharedLabels: s.labels, value: s.count, metricName: `${this.name}_bucket` });
      values.push({ labels: {}, sharedLabels: s.labels, value: s.sum, metricName: `${this.name}_sum` });
      values.push({ labels: {}, sharedLabels: s.labels, value: s.count, metricName: `${this.name}_count` });
    }
    return { name: this.name, help: this.help, type: this.type, values, aggregator: this.aggregator };
  }

  /** The same values with the label sets merged (Histogram.get, for the registry's JSON). */
  get() {
    const data = this.getForPromString();
    return { ...data, values: data.values.map(({ labels, sharedLabels, ...rest }) => ({ ...rest, labels: { ...labels, ...sharedLabels } })) };
  }

  reset() {
    for (const s of this.series.values()) {
      s.buckets.fill(0);
      s.sum = 0;
      s.count = 0;
    }
  }
}

export function createMetrics(): PortalMetrics {
  const registry = new Registry();
  // Label sets are bounded (route patterns × methods × status codes). A request adds to its series' plain numbers;
  // the counter takes what was added when it is read (its collect hook), the histogram is written from them.
  const counted: Series[] = [];
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
  const latency = new DurationHistogram('guestpass_http_request_duration_seconds', 'Time to answer an HTTP request, by route pattern');
  registry.registerMetric(latency as unknown as Parameters<Registry['registerMetric']>[0]);
  const counters = new Map<string, Series>();
  const newSeries = (labels: Record<string, string>): Series => ({ labels, pending: 0, buckets: DURATION_BUCKETS.map(() => 0), sum: 0, count: 0 });
  const observe = (req: Request, res: Response, seconds: number) => {
    const route = routeLabel(req);
    const status = res.statusCode;
    const timerKey = `${req.method} ${route}`;
    const counterKey = `${timerKey} ${status}`;
    let counter = counters.get(counterKey);
    if (!counter) {
      counters.set(counterKey, (counter = newSeries({ method: req.method, route, status: String(status) })));
      counted.push(counter);
    }
    let timer = latency.series.get(timerKey);
    if (!timer) latency.series.set(timerKey, (timer = newSeries({ method: req.method, route })));
    counter.pending += 1;
    const bucket = DURATION_BUCKETS.findIndex((le) => seconds <= le); // -1: only in +Inf (the count)
    if (bucket !== -1) timer.buckets[bucket]! += 1;
    timer.sum += seconds;
    timer.count += 1;
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
