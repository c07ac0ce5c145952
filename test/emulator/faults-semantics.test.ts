// Fault injection semantics (route matching, `times`, seeded `probability`, each fault kind) on a bare Express
// app; what the real graph-client and msal-node make of these faults is pinned in faults-graph-client.test.ts.
import express from 'express';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createFaultController, unableToFindTargetAddress, type FaultController } from './faults.ts';

let server: Server;
let base: string;
let faults: FaultController;
let handled: string[];

beforeAll(async () => {
  const app = express();
  app.use((req, res, next) => faults.middleware(req, res, next));
  app.all('/{*rest}', (req, res) => {
    handled.push(`${req.method} ${req.originalUrl}`);
    res.json({ ok: true, path: req.path });
  });
  server = app.listen(0, '127.0.0.1');
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

beforeEach(() => {
  faults = createFaultController({ seed: 42 });
  handled = [];
});

describe('fault rules: which requests they hit', () => {
  it('a string route is a prefix of "METHOD path?query": GET rules leave POSTs alone and cover sub-paths', async () => {
    faults.inject({ route: 'GET /v1.0/users', fault: { kind: 'status', status: 503 } });
    expect((await fetch(`${base}/v1.0/users?$top=1`)).status).toBe(503);
    expect((await fetch(`${base}/v1.0/users/abc`)).status).toBe(503);
    expect((await fetch(`${base}/v1.0/users`, { method: 'POST' })).status).toBe(200);
    expect((await fetch(`${base}/v1.0/invitations`)).status).toBe(200);
  });

  it('a RegExp route can single out login routes such as the token endpoint of any tenant', async () => {
    faults.inject({ route: /^POST \/[^/]+\/oauth2\/v2\.0\/token/, fault: { kind: 'status', status: 500 } });
    expect((await fetch(`${base}/contoso.onmicrosoft.com/oauth2/v2.0/token`, { method: 'POST' })).status).toBe(500);
    expect((await fetch(`${base}/contoso.onmicrosoft.com/oauth2/v2.0/authorize`)).status).toBe(200);
  });

  it('times: N applies the fault to the next N matching requests only, then the real handler answers', async () => {
    const rule = faults.inject({ route: 'POST /v1.0/invitations', fault: { kind: 'status', status: 429, retryAfterSeconds: 1 }, times: 2 });
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) statuses.push((await fetch(`${base}/v1.0/invitations`, { method: 'POST' })).status);
    expect(statuses).toEqual([429, 429, 200, 200]);
    expect(rule.fired()).toBe(2);
    expect(faults.fired()).toBe(2);
    expect(handled).toHaveLength(2);
  });

  it('probability is drawn from the seeded PRNG: the same seed fails the same requests, 0 never, 1 always', async () => {
    const pattern = async (controller: FaultController): Promise<boolean[]> => {
      faults = controller;
      faults.inject({ route: 'GET /', fault: { kind: 'status', status: 503 }, probability: 0.3 });
      const failed: boolean[] = [];
      for (let i = 0; i < 40; i++) failed.push((await fetch(`${base}/v1.0/users`)).status === 503);
      return failed;
    };
    const first = await pattern(createFaultController({ seed: 7 }));
    const second = await pattern(createFaultController({ seed: 7 }));
    const otherSeed = await pattern(createFaultController({ seed: 8 }));
    expect(second).toEqual(first);
    expect(otherSeed).not.toEqual(first);
    const failures = first.filter(Boolean).length;
    expect(failures).toBeGreaterThan(0);
    expect(failures).toBeLessThan(40);

    faults = createFaultController();
    const never = faults.inject({ route: 'GET /', fault: { kind: 'status', status: 503 }, probability: 0 });
    const always = faults.inject({ route: 'POST /', fault: { kind: 'status', status: 503 }, probability: 1 });
    for (let i = 0; i < 5; i++) {
      expect((await fetch(`${base}/x`)).status).toBe(200);
      expect((await fetch(`${base}/x`, { method: 'POST' })).status).toBe(503);
    }
    expect(never.fired()).toBe(0);
    expect(always.fired()).toBe(5);
  });

  it('probability and times combine: times counts firings, not matches', async () => {
    const rule = faults.inject({ route: 'GET /', fault: { kind: 'status', status: 503 }, probability: 0.5, times: 3 });
    let failures = 0;
    for (let i = 0; i < 30; i++) if ((await fetch(`${base}/a`)).status === 503) failures++;
    expect(failures).toBe(3);
    expect(rule.fired()).toBe(3);
  });

  it('remove() and clear() stop the faults', async () => {
    const rule = faults.inject({ route: 'GET /', fault: { kind: 'status', status: 503 } });
    expect((await fetch(`${base}/a`)).status).toBe(503);
    rule.remove();
    expect((await fetch(`${base}/a`)).status).toBe(200);
    faults.inject({ route: 'GET /', fault: { kind: 'status', status: 503 } });
    faults.clear();
    expect((await fetch(`${base}/a`)).status).toBe(200);
    expect(faults.fired()).toBe(0);
  });

  it('rejects rules that could never mean anything (probability outside 0..1, negative times)', () => {
    expect(() => faults.inject({ route: 'GET /', fault: { kind: 'cut' }, probability: 1.5 })).toThrow(RangeError);
    expect(() => faults.inject({ route: 'GET /', fault: { kind: 'cut' }, times: -1 })).toThrow(RangeError);
  });
});

describe('fault kinds: what the client receives', () => {
  it('status 429 carries Retry-After, request ids and Graph’s error JSON', async () => {
    faults.inject({ route: 'GET /v1.0/users', fault: { kind: 'status', status: 429, retryAfterSeconds: 7 } });
    const response = await fetch(`${base}/v1.0/users`, { headers: { 'client-request-id': 'mine-123' } });
    expect(response.status).toBe(429);
    expect(response.headers.get('retry-after')).toBe('7');
    expect(response.headers.get('client-request-id')).toBe('mine-123');
    expect(response.headers.get('request-id')).toMatch(/^[0-9a-f-]{36}$/);
    const body = (await response.json()) as { error: { code: string; innerError: Record<string, string> } };
    expect(body.error.code).toBe('TooManyRequests');
    expect(body.error.innerError['client-request-id']).toBe('mine-123');
  });

  it('real-behaviour §5: a 429 without a chosen Retry-After sends Graph\'s "2.128" and the captured throttling body', async () => {
    faults.inject({ route: 'GET /v1.0/users', fault: { kind: 'status', status: 429 } });
    const response = await fetch(`${base}/v1.0/users`);
    expect(response.headers.get('retry-after')).toBe('2.128');
    const body = (await response.json()) as { error: { code: string; message: string; innerError: Record<string, string> } };
    expect(body.error).toMatchObject({ code: 'TooManyRequests', message: 'Please retry again later.' });
    expect(body.error.innerError).toMatchObject({ code: '429', message: 'Please retry after', status: '429', 'request-id': response.headers.get('request-id') });
    expect(body.error.innerError.date).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$/);
  });

  it('a raw Retry-After (an HTTP-date, or garbage) is sent as given; null sends none', async () => {
    faults.inject({ route: 'GET /a', fault: { kind: 'status', status: 429, retryAfter: 'Sun, 29 Nov 2026 12:00:30 GMT' }, times: 1 });
    faults.inject({ route: 'GET /a', fault: { kind: 'status', status: 429, retryAfter: null }, times: 1 });
    expect((await fetch(`${base}/a`)).headers.get('retry-after')).toBe('Sun, 29 Nov 2026 12:00:30 GMT');
    expect((await fetch(`${base}/a`)).headers.get('retry-after')).toBeNull();
  });

  it('real-behaviour §5: POST /invitations can answer 500 "Unable to find target address" (the captured body)', async () => {
    faults.inject({ route: 'POST /v1.0/invitations', fault: unableToFindTargetAddress() });
    const response = await fetch(`${base}/v1.0/invitations`, { method: 'POST' });
    expect(response.status).toBe(500);
    expect(await response.json()).toMatchObject({ error: { code: 'InternalServerError', message: 'Unable to find target address' } });
    expect(handled).toEqual([]);
  });

  it('status with a custom body sends that body (e.g. an AADSTS error for login routes)', async () => {
    const aadsts = { error: 'temporarily_unavailable', error_description: 'AADSTS90033: A transient error has occurred.', error_codes: [90033] };
    faults.inject({ route: 'POST /common/oauth2/v2.0/token', fault: { kind: 'status', status: 503, body: aadsts } });
    const response = await fetch(`${base}/common/oauth2/v2.0/token`, { method: 'POST' });
    expect(response.status).toBe(503);
    expect(await response.json()).toEqual(aadsts);
  });

  it('delay answers late, and then the real handler answers', async () => {
    faults.inject({ route: 'GET /slow', fault: { kind: 'delay', ms: 150 }, times: 1 });
    const started = performance.now();
    const response = await fetch(`${base}/slow`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ ok: true, path: '/slow' });
    // setTimeout never fires early, so this lower bound is deterministic.
    expect(performance.now() - started).toBeGreaterThanOrEqual(140);
    expect(handled).toEqual(['GET /slow']);
  });

  it('cut destroys the connection without any response: fetch fails with a network error', async () => {
    faults.inject({ route: 'GET /v1.0/users', fault: { kind: 'cut' }, times: 1 });
    await expect(fetch(`${base}/v1.0/users`)).rejects.toThrow(TypeError);
    expect(handled).toEqual([]);
    expect((await fetch(`${base}/v1.0/users`)).status).toBe(200);
  });

  it('lostResponse: the real handler runs, then the client gets the given status (e.g. 504) instead of its answer', async () => {
    faults.inject({ route: 'POST /v1.0/invitations', fault: { kind: 'lostResponse', status: 504, retryAfterSeconds: 2 }, times: 1 });
    const response = await fetch(`${base}/v1.0/invitations`, { method: 'POST' });
    expect(response.status).toBe(504);
    expect(response.headers.get('retry-after')).toBe('2');
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe('GatewayTimeout');
    expect(handled).toEqual(['POST /v1.0/invitations']);
  });

  it('lostResponse without a status: the handler runs, then the connection is cut', async () => {
    faults.inject({ route: 'POST /v1.0/invitations', fault: { kind: 'lostResponse' }, times: 1 });
    await expect(fetch(`${base}/v1.0/invitations`, { method: 'POST' })).rejects.toThrow(TypeError);
    expect(handled).toEqual(['POST /v1.0/invitations']);
  });

  it('slowAnswer: the real handler runs at once and its answer is held, so a client that dies waiting was served', async () => {
    faults.inject({ route: 'POST /v1.0/invitations', fault: { kind: 'slowAnswer', ms: 600_000 }, times: 1 });
    const client = new AbortController();
    const answer = fetch(`${base}/v1.0/invitations`, { method: 'POST', signal: client.signal });
    for (let i = 0; i < 1000 && handled.length === 0; i++) await new Promise((r) => setTimeout(r, 5));
    expect(handled).toEqual(['POST /v1.0/invitations']);
    client.abort(); // the answer (ten minutes away) never came: only the handler's effect remains
    await expect(answer).rejects.toThrow();
  });

  it('slowAnswer answers with the real answer, late', async () => {
    faults.inject({ route: 'GET /slow', fault: { kind: 'slowAnswer', ms: 150 }, times: 1 });
    const started = performance.now();
    const response = await fetch(`${base}/slow`);
    expect(await response.json()).toEqual({ ok: true, path: '/slow' });
    expect(performance.now() - started).toBeGreaterThanOrEqual(140); // setTimeout never fires early
  });

  it('malformed answers 200 application/json with a body that is not valid JSON', async () => {
    faults.inject({ route: 'GET /v1.0/users', fault: { kind: 'malformed' } });
    const response = await fetch(`${base}/v1.0/users`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('application/json');
    const text = await response.text();
    expect(() => JSON.parse(text)).toThrow(SyntaxError);
  });
});
