// What a failed Graph call means for the worker. The one question that matters for POST /invitations is
// "could Microsoft have sent the email anyway?" — a yes/maybe decides between retrying now and waiting out
// the window (see portal/resend/worker.ts).
import { GraphError } from '@microsoft/microsoft-graph-client';
import { MissingCredentialsError, NETWORK_ERROR } from './client.ts';

export type GraphFailure =
  /** 429: not processed; wait `retryAfterMs` (Retry-After) before the next call to this tenant. */
  | { kind: 'throttled'; retryAfterMs: number | null; detail: string }
  /** Not processed, worth retrying with backoff: 503, 401, connection refused, token endpoint trouble. */
  | { kind: 'transient'; detail: string }
  /** The request may have reached Graph and been processed: timeouts, cut connections, 500/502/504. */
  | { kind: 'outcome-unknown'; detail: string }
  /** Retrying won't help (400, 403, 404, missing credentials): dead-letter for an admin. */
  | { kind: 'permanent'; detail: string };

/** Retry-After as seconds or an HTTP date (RFC 9110); null when absent or unreadable. */
export function parseRetryAfter(value: string | null | undefined, now: number): number | null {
  if (!value) return null;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const date = Date.parse(trimmed);
  return Number.isNaN(date) ? null : Math.max(0, date - now);
}

export function classifyGraphFailure(error: unknown, now: number): GraphFailure {
  if (error instanceof MissingCredentialsError) return { kind: 'permanent', detail: 'missing-credentials' };
  const status = error instanceof GraphError ? error.statusCode : -1;
  const code = error instanceof GraphError && error.code ? String(error.code) : (error as { name?: string })?.name;
  const label = `${status > 0 ? `HTTP ${status}` : 'no response'}${code ? ` ${code}` : ''}`;
  if (status === 429) {
    const headers = (error as GraphError).headers as Headers | undefined;
    return { kind: 'throttled', retryAfterMs: parseRetryAfter(headers?.get?.('retry-after'), now), detail: label };
  }
  // 503: "overloaded or down for maintenance, repeat after a delay" — refused before processing.
  if (status === 503) return { kind: 'transient', detail: label };
  // 401: the token was refused (expired, or consent just granted): nothing was processed.
  if (status === 401 || status === 408) return { kind: 'transient', detail: label };
  if (status >= 500) return { kind: 'outcome-unknown', detail: label };
  if (status >= 400) return { kind: 'permanent', detail: label };
  // A 2xx whose body could not be read: processed (callers of writes treat this as done).
  if (status >= 200 && status < 300) return { kind: 'outcome-unknown', detail: `HTTP ${status} unreadable body` };
  if (code === NETWORK_ERROR.notSent) return { kind: 'transient', detail: label };
  if (code === NETWORK_ERROR.timeout || code === NETWORK_ERROR.cut) return { kind: 'outcome-unknown', detail: label };
  // Anything else without a status failed before the fetch: msal (token endpoint down, bad credentials…).
  const message = error instanceof Error ? error.message : String(error);
  if (/invalid_client|unauthorized_client|AADSTS7000215|AADSTS700016|AADSTS700027|AADSTS90002/i.test(message)) {
    return { kind: 'permanent', detail: `token refused: ${message.slice(0, 160)}` };
  }
  return { kind: 'transient', detail: `before request: ${label}: ${message.slice(0, 160)}` };
}
