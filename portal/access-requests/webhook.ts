// Telling approvers that requests wait: an optional per-tenant webhook. The body carries a count and a link to the
// console — never anything the requester wrote, nor their address (the receiving channel is not the console: who
// reads it is not checked by guestpass). Sent by the worker, outside any guest's request, with retries.
//
// Formats, as each receiver documents them:
// - `slack`: Slack incoming webhooks take `POST` JSON `{"text": …}`; links are written `<url|label>` and `&`, `<`, `>`
//   in text must be escaped as `&amp;`, `&lt;`, `&gt;` (Slack's "formatting text for app surfaces").
// - `teams-workflows`: the Teams Workflows template "Send webhook alerts to a channel" (trigger "When a Teams webhook
//   request is received", action "Post card in a chat or channel") takes a message with Adaptive Card attachments:
//   `{"type":"message","attachments":[{"contentType":"application/vnd.microsoft.card.adaptive","contentUrl":null,
//   "content":{AdaptiveCard}}]}`; it answers 202.
// - `generic`: `{"event":"access-requests.pending","tenant":<key>,"tenantName":…,"pending":<n>,"consoleUrl":…,"at":ISO}`.
import type pino from 'pino';
import type { WebhookKind } from './types.ts';

export interface PendingNotice {
  tenantKey: string;
  tenantName: string;
  pending: number;
  consoleUrl: string;
  at: number;
}

const slackEscape = (text: string) => text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');

export function webhookBody(kind: WebhookKind, n: PendingNotice): unknown {
  const summary = `${n.pending} access request${n.pending === 1 ? '' : 's'} waiting for a decision at ${n.tenantName}.`;
  switch (kind) {
    case 'slack':
      return { text: `${slackEscape(summary)} <${n.consoleUrl}|Open the guestpass console>` };
    case 'teams-workflows':
      return {
        type: 'message',
        attachments: [
          {
            contentType: 'application/vnd.microsoft.card.adaptive',
            contentUrl: null,
            content: {
              $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
              type: 'AdaptiveCard',
              version: '1.4',
              body: [
                { type: 'TextBlock', text: 'guestpass: access requests', weight: 'Bolder', size: 'Medium', wrap: true },
                { type: 'TextBlock', text: summary, wrap: true },
              ],
              actions: [{ type: 'Action.OpenUrl', title: 'Open the guestpass console', url: n.consoleUrl }],
            },
          },
        ],
      };
    case 'generic':
      return { event: 'access-requests.pending', tenant: n.tenantKey, tenantName: n.tenantName, pending: n.pending, consoleUrl: n.consoleUrl, at: new Date(n.at).toISOString() };
  }
}

export interface WebhookCounts {
  sent: number;
  failed: number;
  lastError?: string;
}

export interface WebhookSender {
  /** Sends one notice, retrying (backoff; Retry-After on 429/503) up to `attempts` times. Never throws. */
  send(kind: WebhookKind, url: string, notice: PendingNotice): Promise<boolean>;
  counts(tenantKey: string): WebhookCounts;
  all(): Map<string, WebhookCounts>;
}

export function createWebhookSender(options: {
  logger: pino.Logger;
  sleep: (ms: number) => Promise<void>;
  attempts?: number;
  timeoutMs?: number;
  fetch?: typeof fetch;
}): WebhookSender {
  const attempts = options.attempts ?? 5;
  const doFetch = options.fetch ?? fetch;
  const tally = new Map<string, WebhookCounts>();
  const countsOf = (key: string) => {
    let c = tally.get(key);
    if (!c) tally.set(key, (c = { sent: 0, failed: 0 }));
    return c;
  };
  return {
    async send(kind, url, notice) {
      const host = new URL(url).host; // the path of a Slack/Teams webhook URL is its secret: logs name the host only
      const body = JSON.stringify(webhookBody(kind, notice));
      let detail = '';
      for (let attempt = 1; attempt <= attempts; attempt += 1) {
        let waitMs = Math.min(60_000, 1_000 * 2 ** (attempt - 1));
        try {
          const res = await doFetch(url, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body,
            redirect: 'error',
            signal: AbortSignal.timeout(options.timeoutMs ?? 10_000),
          });
          await res.arrayBuffer().catch(() => undefined);
          if (res.ok) {
            countsOf(notice.tenantKey).sent += 1;
            options.logger.info({ tenant: notice.tenantKey, kind, host, pending: notice.pending }, 'access-request webhook delivered');
            return true;
          }
          detail = `HTTP ${res.status}`;
          const retryAfter = Number(res.headers.get('retry-after'));
          if ((res.status === 429 || res.status === 503) && Number.isFinite(retryAfter) && retryAfter > 0) waitMs = Math.min(300_000, retryAfter * 1000);
          // A 4xx other than 408/429 will not change by asking again (a deleted webhook, a wrong body).
          if (res.status < 500 && res.status !== 408 && res.status !== 429) break;
        } catch (error) {
          detail = (error as Error).name === 'TimeoutError' ? 'timed out' : `unreachable: ${(error as Error).message}`;
        }
        options.logger.warn({ tenant: notice.tenantKey, kind, host, attempt, detail }, 'access-request webhook failed; retrying');
        if (attempt < attempts) await options.sleep(waitMs);
      }
      const c = countsOf(notice.tenantKey);
      c.failed += 1;
      c.lastError = detail;
      options.logger.error({ tenant: notice.tenantKey, kind, host, detail }, 'access-request webhook not delivered');
      return false;
    },
    counts: (key) => ({ ...countsOf(key) }),
    all: () => tally,
  };
}
