// Fault injection for the emulator: throttling (429 + Retry-After), outages (503/500), slow answers, cut
// connections and malformed bodies, per route, by count or by seeded probability. Mounted before every route
// (login and Graph), and consulted again by Graph's `$batch` for each inner request (facts §3: "Each is throttled
// on its own; a 200 batch can contain inner 429s").
import type express from 'express';
import { randomUUID } from 'node:crypto';

export type Fault =
  | {
      kind: 'status';
      status: number;
      /** Sent as Retry-After. A 429 without it or `retryAfter` sends Graph's documented "2.128" (real-behaviour §5). */
      retryAfterSeconds?: number;
      /** The raw Retry-After header (an HTTP-date, garbage…); wins over retryAfterSeconds. null: no header at all. */
      retryAfter?: string | null;
      body?: unknown;
    }
  | { kind: 'delay'; ms: number }
  | { kind: 'cut' }
  | { kind: 'malformed' }
  /**
   * The real handler runs (state changes, emails are "sent"), then the answer is lost: the client gets `status`
   * (e.g. 504, as a gateway timing out) or, without status, a cut connection. For testing idempotency.
   */
  | { kind: 'lostResponse'; status?: number; retryAfterSeconds?: number; retryAfter?: string | null }
  /** The real handler runs at once (the email is "sent"), its answer leaves `ms` later: a kill can land in between. */
  | { kind: 'slowAnswer'; ms: number };

export interface FaultRule {
  /** Matched against `${METHOD} ${path+query}`, e.g. 'POST /v1.0/invitations'. A string is a prefix match. */
  route: string | RegExp;
  fault: Fault;
  /** Apply to the next N matching requests (default: unlimited). */
  times?: number;
  /** 0..1, drawn from the controller's seeded PRNG so runs are reproducible. */
  probability?: number;
}

export interface FaultHandle {
  remove(): void;
  /** How many times this rule fired. */
  fired(): number;
}

export interface FaultController {
  middleware: express.RequestHandler;
  inject(rule: FaultRule): FaultHandle;
  clear(): void;
  /** How many times any rule fired (all rules ever injected since the last clear()). */
  fired(): number;
  /** Decide the fault for one request key (`${METHOD} ${path}`), counting it as fired. Used by `$batch`. */
  decide(routeKey: string): Fault | null;
}

/** Where the middleware leaves the controller for later handlers (`$batch`) on the same request. */
export const FAULTS_LOCALS_KEY = 'emulatorFaults';

export function faultControllerOf(res: express.Response): FaultController | undefined {
  return res.locals[FAULTS_LOCALS_KEY] as FaultController | undefined;
}

/** mulberry32: tiny, seedable, good enough to make "30 % of requests fail" reproducible. */
function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface ActiveRule {
  rule: FaultRule;
  remaining: number;
  fired: number;
}

function matches(route: string | RegExp, key: string): boolean {
  if (typeof route === 'string') return key.startsWith(route);
  route.lastIndex = 0;
  return route.test(key);
}

const STATUS_CODES: Record<number, { code: string; message: string }> = {
  429: { code: 'TooManyRequests', message: 'Please retry again later.' },
  500: { code: 'InternalServerError', message: 'An internal server error occurred.' },
  502: { code: 'BadGateway', message: 'Bad gateway.' },
  503: { code: 'ServiceUnavailable', message: 'The service is temporarily unavailable. Please retry again later.' },
  504: { code: 'GatewayTimeout', message: 'The gateway timed out.' },
};

/** Graph's documented throttling sample (real-behaviour §5): fractional seconds. */
export const GRAPH_RETRY_AFTER = '2.128';

/** The Retry-After header a fault sends, or null for none. */
export function faultRetryAfter(fault: { status?: number; retryAfterSeconds?: number; retryAfter?: string | null }): string | null {
  if (fault.retryAfter !== undefined) return fault.retryAfter;
  if (fault.retryAfterSeconds !== undefined) return String(fault.retryAfterSeconds);
  return fault.status === 429 ? GRAPH_RETRY_AFTER : null;
}

/** The default body of a status fault: Graph's error shape (a 429's inner error as captured, real-behaviour §5). */
export function faultErrorBody(status: number, requestId: string, clientRequestId: string): unknown {
  const known = STATUS_CODES[status] ?? { code: 'UnknownError', message: `Injected status ${status}.` };
  const date = new Date().toISOString().slice(0, 19);
  const throttled = status === 429 ? { code: '429', message: 'Please retry after', status: '429' } : {};
  return {
    error: {
      code: known.code,
      message: known.message,
      innerError: { ...throttled, date, 'request-id': requestId, 'client-request-id': clientRequestId },
    },
  };
}

/**
 * POST /invitations for some outlook.com addresses (real-behaviour §5; body as captured in
 * microsoftgraph/microsoft-graph-docs-contrib issue 1025): whether an email went out is unknown.
 */
export function unableToFindTargetAddress(): Extract<Fault, { kind: 'status' }> {
  return {
    kind: 'status',
    status: 500,
    body: { error: { code: 'InternalServerError', message: 'Unable to find target address', innerError: { date: '2023-08-08T05:36:11', 'request-id': '30851922-87e3-4711-854e-8f82e802c279', 'client-request-id': '30851922-87e3-4711-854e-8f82e802c279' } } },
  };
}

/** A body that starts like Graph JSON and stops in the middle. */
export const MALFORMED_BODY = '{"@odata.context":"https://graph.microsoft.com/v1.0/$metadata#users","value":[{"id":"';

/** Let the handler run, but swallow what it answers and send `fault.status` (or cut the connection) instead. */
function loseResponse(req: express.Request, res: express.Response, fault: Extract<Fault, { kind: 'lostResponse' }>): void {
  const realEnd = res.end.bind(res) as (body?: string) => express.Response;
  res.write = (() => true) as typeof res.write;
  res.end = (() => {
    if (fault.status === undefined) {
      req.socket.destroy();
      return res;
    }
    const requestId = randomUUID();
    const clientRequestId = req.get('client-request-id') ?? requestId;
    for (const name of res.getHeaderNames()) res.removeHeader(name);
    res.statusCode = fault.status;
    res.setHeader('Content-Type', 'application/json');
    res.setHeader('request-id', requestId);
    res.setHeader('client-request-id', clientRequestId);
    const retryAfter = faultRetryAfter(fault);
    if (retryAfter !== null) res.setHeader('Retry-After', retryAfter);
    return realEnd(JSON.stringify(faultErrorBody(fault.status, requestId, clientRequestId)));
  }) as typeof res.end;
}

export function createFaultController(options: { seed?: number } = {}): FaultController {
  let rules: ActiveRule[] = [];
  let totalFired = 0;
  const random = seededRandom(options.seed ?? 1);

  const decide = (routeKey: string): Fault | null => {
    for (const active of rules) {
      if (active.remaining <= 0 || !matches(active.rule.route, routeKey)) continue;
      if (active.rule.probability !== undefined && random() >= active.rule.probability) continue;
      active.remaining--;
      active.fired++;
      totalFired++;
      return active.rule.fault;
    }
    return null;
  };

  const controller: FaultController = {
    decide,
    middleware(req, res, next) {
      res.locals[FAULTS_LOCALS_KEY] = controller;
      const fault = decide(`${req.method.toUpperCase()} ${req.originalUrl}`);
      if (!fault) {
        next();
        return;
      }
      switch (fault.kind) {
        case 'delay': {
          // Keep-alive sockets serve many requests: detach the close listener once the delay is over.
          const onClose = (): void => clearTimeout(timer);
          const timer = setTimeout(() => {
            req.socket.off('close', onClose);
            if (!req.socket.destroyed) next();
          }, fault.ms);
          req.socket.once('close', onClose);
          return;
        }
        case 'cut':
          // No status line, no headers: the client sees a network error (socket hang up / fetch failed).
          req.socket.destroy();
          return;
        case 'malformed':
          res.status(200).type('application/json').send(MALFORMED_BODY);
          return;
        case 'lostResponse':
          loseResponse(req, res, fault);
          next();
          return;
        case 'slowAnswer': {
          const realEnd = res.end.bind(res) as (...args: unknown[]) => express.Response;
          res.end = ((...args: unknown[]) => {
            const onClose = (): void => clearTimeout(timer);
            const timer = setTimeout(() => {
              req.socket.off('close', onClose);
              if (!req.socket.destroyed) realEnd(...args);
            }, fault.ms);
            req.socket.once('close', onClose);
            return res;
          }) as typeof res.end;
          next();
          return;
        }
        case 'status': {
          const requestId = randomUUID();
          const clientRequestId = req.get('client-request-id') ?? requestId;
          res.set('request-id', requestId).set('client-request-id', clientRequestId);
          const retryAfter = faultRetryAfter(fault);
          if (retryAfter !== null) res.set('Retry-After', retryAfter);
          res.status(fault.status).json(fault.body ?? faultErrorBody(fault.status, requestId, clientRequestId));
          return;
        }
      }
    },
    inject(rule) {
      if (rule.probability !== undefined && !(rule.probability >= 0 && rule.probability <= 1)) {
        throw new RangeError(`FaultRule.probability must be within 0..1, got ${rule.probability}`);
      }
      if (rule.times !== undefined && !(Number.isInteger(rule.times) && rule.times >= 0)) {
        throw new RangeError(`FaultRule.times must be a non-negative integer, got ${rule.times}`);
      }
      const active: ActiveRule = { rule, remaining: rule.times ?? Number.POSITIVE_INFINITY, fired: 0 };
      rules.push(active);
      return {
        remove: () => {
          rules = rules.filter((r) => r !== active);
        },
        fired: () => active.fired,
      };
    },
    clear() {
      rules = [];
      totalFired = 0;
    },
    fired: () => totalFired,
  };
  return controller;
}
