// The health check's Graph access: GETs sent together in `$batch` envelopes (≤ 20 each) and single GETs for
// `@odata.nextLink` pages, every request counted (each one inside a batch too), throttling and transient failures
// retried a bounded number of times after Retry-After. Answers are returned, never thrown: a 403 is a finding.
import { GraphError, type Client } from '@microsoft/microsoft-graph-client';
import { classifyGraphFailure, parseRetryAfter } from '../graph/failures.ts';

export interface GraphAnswer {
  /** HTTP status; 0 when no answer came (network, Graph down); -1 when the token was refused (credentials). */
  status: number;
  body: unknown;
  /** Graph's error code (`Authorization_RequestDenied`…) for failures. */
  code?: string;
  message?: string;
}

export interface GraphReaderOptions {
  /** Waits between attempts (tests pass a fake). */
  sleep?: (ms: number) => Promise<void>;
  /** Attempts per request for 429 / 503 / 504 / no answer. */
  attempts?: number;
  /** Longest Retry-After honoured; a longer one ends the attempts. */
  maxWaitMs?: number;
  now?: () => number;
  /**
   * Called before every HTTP request with how many Graph requests it carries (a `$batch` counts each inner one):
   * the admin API takes them from the tenant's shared Graph budget (graph/budget.ts) here.
   */
  beforeRequests?: (count: number) => Promise<void>;
}

export const MAX_BATCH = 20;
const RETRYABLE = new Set([0, 429, 503, 504]);

export class GraphReader {
  /** Graph requests made, each request inside a `$batch` counted once per attempt. */
  requests = 0;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly attempts: number;
  private readonly maxWaitMs: number;
  private readonly now: () => number;
  private readonly beforeRequests: (count: number) => Promise<void>;

  constructor(
    private readonly client: Client,
    options: GraphReaderOptions = {},
  ) {
    this.sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
    this.attempts = options.attempts ?? 3;
    this.maxWaitMs = options.maxWaitMs ?? 30_000;
    this.now = options.now ?? Date.now;
    this.beforeRequests = options.beforeRequests ?? (async () => {});
  }

  /** One GET (a path relative to the version, or an absolute nextLink). */
  async get(url: string): Promise<GraphAnswer> {
    let answer: GraphAnswer = { status: 0, body: null };
    for (let attempt = 1; attempt <= this.attempts; attempt++) {
      await this.beforeRequests(1);
      this.requests++;
      let retryAfter: number | null = null;
      try {
        return { status: 200, body: (await this.client.api(url).get()) as unknown };
      } catch (error) {
        answer = errorAnswer(error);
        retryAfter = retryAfterOf(error, this.now());
      }
      if (!RETRYABLE.has(answer.status) || attempt === this.attempts) break;
      const wait = retryAfter ?? 1000 * 2 ** (attempt - 1);
      if (wait > this.maxWaitMs) break;
      await this.sleep(wait);
    }
    return answer;
  }

  /** Several GETs in `$batch` envelopes of ≤ 20; answers by the caller's ids. */
  async getMany(requests: Record<string, string>): Promise<Record<string, GraphAnswer>> {
    const answers: Record<string, GraphAnswer> = {};
    let pending = Object.entries(requests);
    for (let attempt = 1; attempt <= this.attempts && pending.length > 0; attempt++) {
      let longestWait = 0;
      const retry: [string, string][] = [];
      for (let start = 0; start < pending.length; start += MAX_BATCH) {
        const chunk = pending.slice(start, start + MAX_BATCH);
        const results = await this.batch(chunk);
        for (const [id, url] of chunk) {
          const result = results.get(id)!;
          answers[id] = result.answer;
          if (RETRYABLE.has(result.answer.status) && attempt < this.attempts) {
            retry.push([id, url]);
            longestWait = Math.max(longestWait, result.retryAfterMs ?? 1000 * 2 ** (attempt - 1));
          }
        }
      }
      if (retry.length === 0 || longestWait > this.maxWaitMs) break;
      await this.sleep(longestWait);
      pending = retry;
    }
    return answers;
  }

  private async batch(chunk: [string, string][]): Promise<Map<string, { answer: GraphAnswer; retryAfterMs: number | null }>> {
    await this.beforeRequests(chunk.length);
    this.requests += chunk.length;
    const results = new Map<string, { answer: GraphAnswer; retryAfterMs: number | null }>();
    try {
      const body = (await this.client.api('/$batch').post({ requests: chunk.map(([id, url]) => ({ id, method: 'GET', url })) })) as {
        responses?: { id?: unknown; status?: unknown; headers?: Record<string, string>; body?: unknown }[];
      };
      for (const response of body?.responses ?? []) {
        const id = String(response.id);
        const status = typeof response.status === 'number' ? response.status : 0;
        const error = (response.body as { error?: { code?: string; message?: string } } | null)?.error;
        const retryHeader = Object.entries(response.headers ?? {}).find(([name]) => name.toLowerCase() === 'retry-after')?.[1];
        results.set(id, {
          answer: status >= 200 && status < 300 ? { status, body: response.body } : { status, body: response.body, code: error?.code, message: error?.message },
          retryAfterMs: parseRetryAfter(retryHeader, this.now()),
        });
      }
    } catch (error) {
      const answer = errorAnswer(error);
      const retryAfterMs = retryAfterOf(error, this.now());
      for (const [id] of chunk) results.set(id, { answer, retryAfterMs });
    }
    for (const [id] of chunk) if (!results.has(id)) results.set(id, { answer: { status: 0, body: null, message: 'missing from the $batch answer' }, retryAfterMs: null });
    return results;
  }
}

function errorAnswer(error: unknown): GraphAnswer {
  if (error instanceof GraphError && error.statusCode > 0) {
    return { status: error.statusCode, body: null, code: error.code ?? undefined, message: error.message };
  }
  const message = error instanceof Error ? error.message : String(error);
  // Wrong secret, unknown app or tenant: retrying cannot help.
  if (classifyGraphFailure(error, Date.now()).kind === 'permanent') return { status: -1, body: null, message };
  return { status: 0, body: null, code: (error as { code?: string; name?: string })?.code ?? (error as Error)?.name, message };
}

function retryAfterOf(error: unknown, now: number): number | null {
  const headers = error instanceof GraphError ? (error.headers as Headers | undefined) : undefined;
  return parseRetryAfter(headers?.get?.('retry-after'), now);
}
