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
  /** Retrying won't help (400, 404, missing credentials): dead-letter for an admin. */
  | { kind: 'permanent'; detail: string }
  /**
   * The portal's OWN credentials or consent failed (bad/expired secret, unknown app, Graph 401/403): not the
   * request's fault. The job is held and retried once they work again — never dead-lettered for this.
   */
  | { kind: 'configuration'; detail: string };

/** Token-endpoint answers that mean the portal's app registration or secret is wrong (facts §4 AADSTS codes). */
const CREDENTIAL_FAILURE = /invalid_client|unauthorized_client|AADSTS(7000215|7000222|700016|700027|7000218|90002|65001)\b/i;

/** Longest wait a Retry-After may impose: a broken or hostile value must not pause a tenant's resends for days. */
export const MAX_RETRY_AFTER_MS = 60 * 60_000;

const DELAY_SECONDS = /^(\d{1,10})(?:\.(\d+))?$/;
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const MONTH = `(${MONTHS.join('|')})`;
const TIME = '(\\d{2}):(\\d{2}):(\\d{2})';
/** RFC 9110 §5.6.7: IMF-fixdate, and the obsolete RFC 850 and asctime forms a recipient must accept (all GMT). */
const HTTP_DATES: { form: RegExp; day: number; month: number; year: number; time: number }[] = [
  { form: new RegExp(`^(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun), (\\d{2}) ${MONTH} (\\d{4}) ${TIME} GMT$`), day: 1, month: 2, year: 3, time: 4 },
  { form: new RegExp(`^(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day, (\\d{2})-${MONTH}-(\\d{2}) ${TIME} GMT$`), day: 1, month: 2, year: 3, time: 4 },
  { form: new RegExp(`^(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun) ${MONTH} ([ \\d]\\d) ${TIME} (\\d{4})$`), month: 1, day: 2, time: 3, year: 6 },
];

function parseHttpDate(value: string, now: number): number | null {
  for (const { form, day, month, year, time } of HTTP_DATES) {
    const m = form.exec(value);
    if (!m) continue;
    let y = Number(m[year]);
    if (m[year]!.length === 2) {
      // RFC 850's two-digit year: the nearest year with those digits, never more than 50 years ahead (RFC 9110).
      const thisYear = new Date(now).getUTCFullYear();
      y += thisYear - (thisYear % 100);
      if (y > thisYear + 50) y -= 100;
      else if (y + 100 <= thisYear + 50) y += 100;
    }
    const [d, mo, h, mi, s] = [Number(m[day]), MONTHS.indexOf(m[month]!), Number(m[time]), Number(m[time + 1]), Number(m[time + 2])];
    const at = Date.UTC(y, mo, d, h, mi, s);
    // Reject dates that roll over (31 Feb, 25:00): they were never valid.
    const check = new Date(at);
    if (check.getUTCDate() !== d || check.getUTCHours() !== h || check.getUTCMinutes() !== mi || check.getUTCSeconds() !== s) return null;
    return at;
  }
  return null;
}

/**
 * Retry-After in milliseconds: delay-seconds — including the fractional seconds Graph sends (the real-behaviour
 * reference, §5: "Retry-After: 2.128" means at least 2,128 ms) — or an HTTP-date (RFC 9110 §10.2.3). Rounded up,
 * never negative, at most MAX_RETRY_AFTER_MS; null when absent or unreadable (the caller falls back to backoff).
 */
export function parseRetryAfter(value: string | null | undefined, now: number): number | null {
  const trimmed = value?.trim();
  if (!trimmed) return null;
  const seconds = DELAY_SECONDS.exec(trimmed);
  if (seconds) {
    // Exact decimal arithmetic: 2.128 * 1000 is not always 2128 in floating point, and we must not wait less.
    const fraction = seconds[2] ?? '';
    const ms = Number(seconds[1]) * 1000 + Number(fraction.slice(0, 3).padEnd(3, '0')) + (/[1-9]/.test(fraction.slice(3)) ? 1 : 0);
    return Math.min(ms, MAX_RETRY_AFTER_MS);
  }
  const date = parseHttpDate(trimmed, now);
  return date === null ? null : Math.min(Math.max(0, date - now), MAX_RETRY_AFTER_MS);
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
  // 401/403: the app token was refused or lacks the permission (consent missing or revoked): nothing was processed,
  // and it is the portal's set-up that must change, not the request.
  if (status === 401 || status === 403) return { kind: 'configuration', detail: label };
  if (status === 408) return { kind: 'transient', detail: label };
  if (status >= 500) return { kind: 'outcome-unknown', detail: label };
  if (status >= 400) return { kind: 'permanent', detail: label };
  // A 2xx whose body could not be read: processed (callers of writes treat this as done).
  if (status >= 200 && status < 300) return { kind: 'outcome-unknown', detail: `HTTP ${status} unreadable body` };
  if (code === NETWORK_ERROR.notSent) return { kind: 'transient', detail: label };
  if (code === NETWORK_ERROR.timeout || code === NETWORK_ERROR.cut) return { kind: 'outcome-unknown', detail: label };
  // Anything else without a status failed before the fetch: msal (token endpoint down, bad credentials…).
  const message = error instanceof Error ? error.message : String(error);
  if (CREDENTIAL_FAILURE.test(message)) {
    const aadsts = /AADSTS\d+/.exec(message)?.[0];
    return { kind: 'configuration', detail: `token refused: ${aadsts ?? 'invalid_client'}: ${message.slice(0, 160)}` };
  }
  return { kind: 'transient', detail: `before request: ${label}: ${message.slice(0, 160)}` };
}
