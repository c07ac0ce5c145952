// The plain landing page is rendered once per tenant, language and access-request state and kept as UTF-8 bytes
// around the form token (portal/http/page-cache.ts): every visitor still gets their own token, each language its own
// page, a portal under a path prefix its own links, and a policy change a new page.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer } from '../../portal/server.ts';
import { CONTOSO, FABRIKAM, csrfCookie, get, hiddenToken, postForm, smallAccessRequests, smallResendService, startTestPortal, testConfig, type TestPortal } from './helpers.ts';

const LANDING = `/t/${CONTOSO.key}`;

/** A page with its form token masked, so two visitors' copies can be compared. */
function masked(html: string): string {
  return html.replace(/name="csrf" value="[A-Za-z0-9_-]+"/, 'name="csrf" value="…"');
}

async function visit(url: string, headers: Record<string, string> = {}): Promise<{ html: string; bytes: number; length: number; cookie?: string; token?: string }> {
  const res = await get(url, { headers });
  const body = Buffer.from(await res.arrayBuffer());
  const html = body.toString('utf8');
  return { html, bytes: body.length, length: Number(res.headers.get('content-length')), cookie: csrfCookie(res), token: hiddenToken(html) };
}

describe('the landing page served from the page cache', () => {
  let portal: TestPortal;
  beforeAll(async () => {
    portal = await startTestPortal({ resend: smallResendService() });
  });
  afterAll(async () => {
    await portal.close();
  });

  it('gives each language its own page, and every visitor the same bytes but their own form token', async () => {
    const kinds: [name: string, path: string, headers: Record<string, string>, lang: string][] = [
      ['English', LANDING, {}, 'en'],
      ['German', LANDING, { 'accept-language': 'de-DE,de;q=0.9' }, 'de'],
      ['Japanese', LANDING, { 'accept-language': 'ja' }, 'ja'],
      ['French by ?lang=', `${LANDING}?lang=fr`, { 'accept-language': 'de' }, 'fr'],
    ];
    const first = new Map<string, string>();
    const tokens = new Set<string>();
    for (let round = 0; round < 3; round++) {
      for (const [name, path, headers, lang] of kinds) {
        const page = await visit(`${portal.url}${path}`, headers);
        expect(page.html, name).toContain(`<html lang="${lang}">`);
        expect(page.length, `${name}: declared length`).toBe(page.bytes); // multi-byte text (日本語, umlauts) included
        expect(page.token, name).toMatch(/^[A-Za-z0-9_-]{40,}$/);
        tokens.add(page.token!);
        if (round === 0) first.set(name, masked(page.html));
        else expect(masked(page.html), `${name}, visitor ${round + 1}`).toBe(first.get(name));
      }
    }
    expect(tokens.size).toBe(kinds.length * 3); // a fresh token for every cookie-less visitor
    // A chosen language is carried on the page's own links; a negotiated one is not.
    expect(first.get('French by ?lang=')).toContain(`href="${LANDING}/card?lang=fr"`);
    expect(first.get('German')).toContain(`href="${LANDING}/card"`);
    expect(new Set(first.values()).size).toBe(kinds.length);
  });

  it('splices in a token that only the visitor’s own cookie accepts', async () => {
    const alice = await visit(`${portal.url}${LANDING}`);
    const bob = await visit(`${portal.url}${LANDING}`);
    expect(alice.cookie && bob.cookie && alice.token && bob.token).toBeTruthy();
    const crossed = await postForm(`${portal.url}${LANDING}/resend`, { email: 'guest@example.com', csrf: alice.token! }, { cookie: bob.cookie! });
    expect(crossed.status).toBe(403);
    const own = await postForm(`${portal.url}${LANDING}/resend`, { email: 'guest@example.com', csrf: alice.token! }, { cookie: alice.cookie! });
    expect(own.status).toBe(202);
  });

  it('keeps the token a returning visitor’s cookie signs, and sets no new cookie', async () => {
    const first = await visit(`${portal.url}${LANDING}`);
    const again = await get(`${portal.url}${LANDING}`, { headers: { cookie: first.cookie! } });
    expect(again.headers.getSetCookie()).toEqual([]);
    expect(hiddenToken(await again.text())).toBe(first.token);
  });

  it('serves a tenant without resend its page without a form token or cookie, every time', async () => {
    for (let i = 0; i < 2; i++) {
      const res = await get(`${portal.url}/t/${FABRIKAM.key}`);
      const html = await res.text();
      expect(res.headers.getSetCookie()).toEqual([]);
      expect(html).not.toContain('name="csrf"');
      expect(html).toContain(FABRIKAM.contact!);
    }
  });
});

describe('landing page caches of two portals', () => {
  it('do not share pages: each links under its own path prefix, on every visit', async () => {
    const prefixed = await startTestPortal({ resend: smallResendService(), config: { publicBaseUrl: 'https://guests.example.com/guests', publicBaseUrlExplicit: true } });
    const plain = await startTestPortal({ resend: smallResendService(), config: { publicBaseUrl: 'https://guests.example.com', publicBaseUrlExplicit: true } });
    try {
      for (let i = 0; i < 2; i++) {
        const underPrefix = await visit(`${prefixed.url}/guests${LANDING}`);
        expect(underPrefix.html).toContain(`action="/guests${LANDING}/resend"`);
        expect(underPrefix.html).toContain('href="/guests/assets/portal.css"');
        const atRoot = await visit(`${plain.url}${LANDING}`);
        expect(atRoot.html).toContain(`action="${LANDING}/resend"`);
        expect(atRoot.html).not.toContain('/guests/');
      }
    } finally {
      await prefixed.close();
      await plain.close();
    }
  });
});

describe('the landing page after an access-request policy change', () => {
  it('is rendered again: the ask-for-access link goes when requests are turned off and comes back when on', async () => {
    const config = testConfig();
    const accessRequests = smallAccessRequests(config);
    const server = await startServer({ config, logger: (await import('pino')).pino({ level: 'silent' }), resend: smallResendService(), accessRequests });
    try {
      const requestLink = `href="${LANDING}/request"`;
      expect((await visit(`${server.url}${LANDING}`)).html).toContain(requestLink);
      const { policy } = await accessRequests.policy(CONTOSO);
      await accessRequests.setPolicy(CONTOSO, { ...policy, mode: 'off' }, 'admin@contoso.example');
      expect((await visit(`${server.url}${LANDING}`)).html).not.toContain(requestLink);
      await accessRequests.setPolicy(CONTOSO, policy, 'admin@contoso.example');
      expect((await visit(`${server.url}${LANDING}`)).html).toContain(requestLink);
    } finally {
      await server.close();
      await accessRequests.close();
    }
  });
});
