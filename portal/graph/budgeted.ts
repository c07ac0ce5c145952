// The tenant's shared Graph budget (graph/budget.ts) as a link of graph-client's middleware chain, so every feature
// that calls Graph through a Client built by createGraphClient obeys it without remembering to:
//   - before each request it takes a call from the tenant's budget (a `$batch` takes one per inner request, as Graph
//     counts them) — unless the feature takes its own budget around the call (the resend worker, whose take is tied
//     to its lease, and access requests, whose client is the worker's);
//   - after each answer, a 429 or 503 with Retry-After — on the envelope or on any request inside a `$batch` — pauses
//     the tenant for every instance and every feature (the pause lives in the store), not only for the caller.
import type { Context, Middleware } from '@microsoft/microsoft-graph-client';
import { takeCalls, type GraphBudget } from './budget.ts';
import { parseRetryAfter } from './failures.ts';

export interface BudgetedGraphOptions {
  budget: GraphBudget;
  tenantKey: string;
  now: () => number;
  /** Take a call before each request (default true); false: only spread a Retry-After to the whole tenant. */
  takes?: boolean;
}

/** Graph's "wait before calling again" answers (facts §3 "Throttling"): 429, and 503 when it names a Retry-After. */
const WAIT_STATUSES = new Set([429, 503]);

function urlOf(request: Context['request']): string {
  return typeof request === 'string' ? request : request.url;
}

/** Requests inside a `$batch` body (1 for anything else). */
export function graphRequestCount(context: Pick<Context, 'request' | 'options'>): number {
  if (!new URL(urlOf(context.request)).pathname.endsWith('/$batch')) return 1;
  const body = context.options?.body;
  if (typeof body !== 'string') return 1;
  try {
    const requests = (JSON.parse(body) as { requests?: unknown }).requests;
    return Array.isArray(requests) && requests.length > 0 ? requests.length : 1;
  } catch {
    return 1;
  }
}

/** The longest Retry-After of a throttling answer: the envelope's, or any inner `$batch` response's. */
async function retryAfterMsOf(response: Response, isBatch: boolean, now: number): Promise<number | null> {
  let longest: number | null = WAIT_STATUSES.has(response.status) ? parseRetryAfter(response.headers.get('retry-after'), now) : null;
  if (isBatch && response.ok) {
    try {
      const body = (await response.clone().json()) as { responses?: { status?: unknown; headers?: Record<string, string> }[] };
      for (const inner of body?.responses ?? []) {
        if (typeof inner.status !== 'number' || !WAIT_STATUSES.has(inner.status)) continue;
        const header = Object.entries(inner.headers ?? {}).find(([name]) => name.toLowerCase() === 'retry-after')?.[1];
        const ms = parseRetryAfter(header, now);
        if (ms !== null) longest = Math.max(longest ?? 0, ms);
      }
    } catch {
      // An unreadable batch body is the caller's problem to report; nothing here to pause on.
    }
  }
  return longest;
}

export class GraphBudgetHandler implements Middleware {
  private next?: Middleware;

  constructor(private readonly options: BudgetedGraphOptions) {}

  setNext(next: Middleware): void {
    this.next = next;
  }

  async execute(context: Context): Promise<void> {
    const { budget, tenantKey, now } = this.options;
    if (this.options.takes !== false) await takeCalls(budget, tenantKey, graphRequestCount(context));
    await this.next!.execute(context);
    const response = context.response;
    if (!response) return;
    const waitMs = await retryAfterMsOf(response, new URL(urlOf(context.request)).pathname.endsWith('/$batch'), now());
    if (waitMs !== null && waitMs > 0) await budget.pauseUntil(tenantKey, now() + waitMs);
  }
}

/**
 * The same rule for a raw `fetch` to Graph (tenant health reads with a token it has just asked for): takes one
 * call, and a 429/503 Retry-After pauses the tenant.
 */
export async function budgetedFetch(options: BudgetedGraphOptions | undefined, url: string, init: RequestInit): Promise<Response> {
  if (!options) return fetch(url, init);
  const { budget, tenantKey, now } = options;
  if (options.takes !== false) await takeCalls(budget, tenantKey, 1);
  const response = await fetch(url, init);
  const waitMs = await retryAfterMsOf(response, false, now());
  if (waitMs !== null && waitMs > 0) await budget.pauseUntil(tenantKey, now() + waitMs);
  return response;
}
