// Telling approvers about new requests through the tenant's webhook, against a local HTTP receiver (no outside
// service is called): each kind's body has the receiver's documented shape, carries the count and the console link,
// and nothing the requester wrote; a failing receiver is retried, and a receiver that keeps failing is counted.
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WebhookKind } from '../../portal/access-requests/types.ts';
import { startEmulator, type Emulator } from '../emulator/index.ts';
import { askJson, startRequestWorld, T, type RequestWorld } from './support.ts';

interface Received {
  path: string;
  contentType: string | undefined;
  body: unknown;
  raw: string;
}

let emulator: Emulator;
let receiver: Server;
let receiverUrl: string;
const received: Received[] = [];
/** Status codes to answer next (then 200). */
const failures: number[] = [];

beforeAll(async () => {
  emulator = await startEmulator();
  receiver = createServer((req: IncomingMessage, res) => {
    let raw = '';
    req.on('data', (c: Buffer) => (raw += c.toString('utf8')));
    req.on('end', () => {
      const status = failures.shift() ?? 200;
      if (status === 200) received.push({ path: req.url ?? '', contentType: req.headers['content-type'], body: JSON.parse(raw), raw });
      res.statusCode = status;
      res.end(status === 200 ? 'ok' : 'try later');
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise((resolve) => receiver.close(resolve));
  await emulator.stop();
});

const REQUESTER = { email: 'webhook.requester@example.org', name: 'Wanda Requester', organisation: 'Secret Org', reason: 'A very private reason', sponsor: 'kibria@ezaz2281.onmicrosoft.com' };

async function world(kind: WebhookKind, path: string): Promise<RequestWorld> {
  return startRequestWorld({ emulator, settings: { webhook: { kind, url: `${receiverUrl}${path}` } } });
}

/** Waits (real time bounded) for `probe`, moving the world's clock a second at a time: retries back off on it. */
async function waitFor<T>(w: RequestWorld, probe: () => T | undefined, what: string): Promise<T> {
  const until = Date.now() + 10_000;
  for (;;) {
    const value = probe();
    if (value !== undefined) return value;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    w.clock.advance(1_000);
    await new Promise((r) => setTimeout(r, 20));
  }
}

function expectNoRequesterData(raw: string): void {
  for (const value of Object.values(REQUESTER)) expect(raw).not.toContain(value);
  expect(raw).not.toMatch(/@example\.org/);
}

describe('the approvers\' webhook (local receiver)', () => {
  it('kind "slack": POST JSON with `text` holding the count and a <url|label> console link, no requester data', async () => {
    const w = await world('slack', '/slack');
    try {
      await askJson(w, REQUESTER);
      await w.settle();
      const got = await waitFor(w, () => received.find((r) => r.path === '/slack'), 'the slack-format notice');
      expect(got.contentType).toMatch(/^application\/json/);
      const body = got.body as { text: string };
      expect(Object.keys(body)).toEqual(['text']);
      expect(body.text).toMatch(/^1 access request waiting for a decision at Ezaz Labs \(demo\)\./);
      expect(body.text).toContain(`<${w.config.publicBaseUrl}/admin/access-requests?tenant=${encodeURIComponent(T)}|`);
      expectNoRequesterData(got.raw);
    } finally {
      await w.close();
    }
  });

  it('kind "teams-workflows": a message with one Adaptive Card attachment (TextBlocks and an Action.OpenUrl to the console), no requester data', async () => {
    const w = await world('teams-workflows', '/teams');
    try {
      await askJson(w, REQUESTER);
      await w.settle();
      const got = await waitFor(w, () => received.find((r) => r.path === '/teams'), 'the teams-workflows notice');
      const body = got.body as { type: string; attachments: { contentType: string; contentUrl: null; content: { type: string; version: string; body: { type: string; text: string }[]; actions: { type: string; url: string }[] } }[] };
      expect(body.type).toBe('message');
      expect(body.attachments).toHaveLength(1);
      const [card] = body.attachments;
      expect(card!.contentType).toBe('application/vnd.microsoft.card.adaptive');
      expect(card!.contentUrl).toBeNull();
      expect(card!.content).toMatchObject({ type: 'AdaptiveCard', version: '1.4' });
      expect(card!.content.body.map((b) => b.type)).toEqual(['TextBlock', 'TextBlock']);
      expect(card!.content.body[1]!.text).toMatch(/^1 access request waiting/);
      expect(card!.content.actions).toEqual([expect.objectContaining({ type: 'Action.OpenUrl', url: `${w.config.publicBaseUrl}/admin/access-requests?tenant=${encodeURIComponent(T)}` })]);
      expectNoRequesterData(got.raw);
    } finally {
      await w.close();
    }
  });

  it('kind "generic": {event, tenant, tenantName, pending, consoleUrl, at}; a receiver answering 503 twice is retried and gets it once', async () => {
    const w = await world('generic', '/generic');
    try {
      failures.push(503, 503);
      await askJson(w, REQUESTER);
      await w.settle();
      const got = await waitFor(w, () => received.find((r) => r.path === '/generic'), 'the generic notice');
      expect(got.body).toEqual({ event: 'access-requests.pending', tenant: T, tenantName: 'Ezaz Labs (demo)', pending: 1, consoleUrl: `${w.config.publicBaseUrl}/admin/access-requests?tenant=${encodeURIComponent(T)}`, at: expect.any(String) });
      expectNoRequesterData(got.raw);
      await waitFor(w, () => (w.feature.accessRequests.status()[0]!.webhook.sent === 1 ? true : undefined), 'the sent count');
      expect(received.filter((r) => r.path === '/generic')).toHaveLength(1);
      expect(w.feature.accessRequests.status()[0]!.webhook).toMatchObject({ sent: 1, failed: 0 });
    } finally {
      await w.close();
    }
  });

  it('a receiver that keeps refusing (404) is not retried forever: the failure is counted with its reason', async () => {
    const w = await world('generic', '/gone');
    try {
      failures.push(404);
      await askJson(w, REQUESTER);
      await w.settle();
      const counts = await waitFor(w, () => {
        const c = w.feature.accessRequests.status()[0]!.webhook;
        return c.failed ? c : undefined;
      }, 'the failure count');
      expect(counts).toMatchObject({ sent: 0, failed: 1, lastError: 'HTTP 404' });
      expect(received.filter((r) => r.path === '/gone')).toHaveLength(0);
    } finally {
      await w.close();
    }
  });
});
