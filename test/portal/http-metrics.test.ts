// The request counter is kept in plain numbers and handed to prom-client when it is scraped (portal/metrics.ts): a
// scrape must read exactly what prom-client's own Counter and Histogram would have written for the same requests.
import type { Request, Response } from 'express';
import { Counter, Histogram, Registry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import { createMetrics } from '../../portal/metrics.ts';

/** prom-client fed directly, as the portal did before (the reference). */
function reference() {
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
  return {
    registry,
    observe(method: string, route: string, status: number, seconds: number) {
      requests.labels({ method, route, status: String(status) }).inc();
      latency.labels({ method, route }).observe(seconds);
    },
  };
}

/** What routeLabel reads from an answered request. */
function answered(method: string, routePath: string | undefined, path: string, status: number): [Request, Response] {
  const req = { method, baseUrl: '', path, ...(routePath ? { route: { path: routePath } } : {}) } as unknown as Request;
  return [req, { statusCode: status } as Response];
}

describe('HTTP request metrics', () => {
  it('read exactly as prom-client’s Counter and Histogram would, across scrapes, bucket edges and slow requests', async () => {
    const ours = createMetrics();
    const ref = reference();
    const requests: [method: string, route: string | undefined, path: string, status: number, seconds: number][] = [
      ['GET', '/t/:tenant', '/t/contoso.onmicrosoft.com', 200, 0.0004],
      ['GET', '/t/:tenant', '/t/contoso.onmicrosoft.com', 200, 0.001], // on a bucket's edge: counted in it
      ['GET', '/t/:tenant', '/t/nope.example', 404, 0.0031],
      ['POST', '/t/:tenant/resend', '/t/contoso.onmicrosoft.com/resend', 202, 0.7],
      ['GET', undefined, '/assets/portal.css', 200, 0.02],
      ['GET', undefined, '/nothing-here', 404, 3.5], // slower than the last bucket: only in +Inf
      ['GET', '/t/:tenant', '/t/contoso.onmicrosoft.com', 200, 0.1234567],
    ];
    const play = (from: number, to: number) => {
      for (const [method, route, path, status, seconds] of requests.slice(from, to)) {
        ours.observe(...answered(method, route, path, status), seconds);
        ref.observe(method, route ?? (path.startsWith('/assets/') ? '/assets' : 'unmatched'), status, seconds);
      }
    };
    expect(await ours.registry.metrics()).toBe(await ref.registry.metrics()); // nothing answered yet
    play(0, 4);
    expect(await ours.registry.metrics()).toBe(await ref.registry.metrics());
    play(4, requests.length);
    play(0, requests.length);
    const text = await ours.registry.metrics();
    expect(text).toBe(await ref.registry.metrics());
    expect(text).toContain('guestpass_http_requests_total{method="GET",route="/t/:tenant",status="200"} 6');
    expect(text).toContain('guestpass_http_request_duration_seconds_bucket{le="+Inf",method="GET",route="unmatched"} 2');
  });
});
