// The landing page is sent on a fast path (helmet's headers recorded once and replayed, the page written with explicit
// headers): these pin, literally, the security headers a browser gets on every page, and a page whose declared length
// matches what arrives, in every language and for HEAD.
import { request, type IncomingHttpHeaders } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { get, smallResendService, startTestPortal, type TestPortal } from './helpers.ts';

let portal: TestPortal;
beforeAll(async () => {
  portal = await startTestPortal({ resend: smallResendService() });
});
afterAll(async () => {
  await portal.close();
});

/**
 * The guest pages' security headers, written out: a weakened configuration (or a helmet upgrade that changes a
 * default) fails here instead of being compared with itself.
 */
const EXPECTED: Record<string, string> = {
  'content-security-policy': "default-src 'none';style-src 'self';img-src 'self';form-action 'self';frame-ancestors 'none';base-uri 'none'",
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
  'origin-agent-cluster': '?1',
  'referrer-policy': 'no-referrer',
  'x-content-type-options': 'nosniff',
  'x-dns-prefetch-control': 'off',
  'x-download-options': 'noopen',
  'x-frame-options': 'SAMEORIGIN',
  'x-permitted-cross-domain-policies': 'none',
  'x-xss-protection': '0',
};

function head(url: string): Promise<{ status: number; headers: IncomingHttpHeaders; body: string }> {
  return new Promise((resolve, reject) => {
    request(url, { method: 'HEAD' }, (res) => {
      let body = '';
      res.on('data', (c: Buffer) => void (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    })
      .on('error', reject)
      .end();
  });
}

describe('response headers on the landing page', () => {
  it('carries exactly the pinned security headers on the cached landing page, a message page and the stylesheet', async () => {
    for (const path of ['/t/contoso.onmicrosoft.com', '/t/contoso.onmicrosoft.com?email=a%40gmail.com', '/t/nope.com', '/assets/portal.css']) {
      const res = await get(`${portal.url}${path}`);
      for (const [name, value] of Object.entries(EXPECTED)) expect(res.headers.get(name), `${path}: ${name}`).toBe(value);
      expect(res.headers.get('x-powered-by'), path).toBeNull();
      expect(res.headers.get('strict-transport-security'), path).toBeNull(); // plain http public URL: no HSTS
    }
  });

  it('declares the exact byte length of the page it sends, German umlauts and form token included', async () => {
    for (const lang of ['en', 'de']) {
      const res = await get(`${portal.url}/t/contoso.onmicrosoft.com`, { headers: { 'accept-language': lang } });
      const bytes = Buffer.from(await res.arrayBuffer());
      expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
      expect(Number(res.headers.get('content-length')), lang).toBe(bytes.length);
      expect(bytes.toString('utf8')).toMatch(/name="csrf" value="[A-Za-z0-9_-]{20,}"/);
    }
  });

  it('answers HEAD with the headers and length of the page but no body', async () => {
    const got = await get(`${portal.url}/t/contoso.onmicrosoft.com`);
    const length = Number(got.headers.get('content-length'));
    const res = await head(`${portal.url}/t/contoso.onmicrosoft.com`);
    expect(res.status).toBe(200);
    expect(res.body).toBe('');
    expect(Number(res.headers['content-length'])).toBe(length);
    expect(res.headers['content-security-policy']).toContain("default-src 'none'");
  });
});
