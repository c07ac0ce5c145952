// The landing page is sent on a fast path (helmet's headers recorded once and replayed, the page written with explicit
// headers): these pin that a browser still gets exactly what helmet would set on every request, and a page whose
// declared length matches what arrives, in every language and for HEAD.
import { createServer, request, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { portalHelmet } from '../../portal/security-headers.ts';
import { get, smallResendService, startTestPortal, type TestPortal } from './helpers.ts';

let portal: TestPortal;
beforeAll(async () => {
  portal = await startTestPortal({ resend: smallResendService() });
});
afterAll(async () => {
  await portal.close();
});

/** The headers helmet itself sets when it runs on a real response (its per-request way). */
async function helmetsOwnHeaders(): Promise<IncomingHttpHeaders> {
  const helmet = portalHelmet();
  const server = createServer((req, res) => helmet(req, res, () => res.end()));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    const { port } = server.address() as AddressInfo;
    return await new Promise((resolve, reject) => {
      request({ host: '127.0.0.1', port, path: '/' }, (res) => {
        res.resume();
        resolve(res.headers);
      })
        .on('error', reject)
        .end();
    });
  } finally {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
}

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
  it('carries every header helmet sets, with the same values, on the cached landing page and on a message page', async () => {
    const expected = await helmetsOwnHeaders();
    const securityNames = Object.keys(expected).filter((name) => !['date', 'connection', 'keep-alive', 'content-length', 'transfer-encoding'].includes(name));
    expect(securityNames).toContain('content-security-policy');
    for (const path of ['/t/contoso.onmicrosoft.com', '/t/contoso.onmicrosoft.com?email=a%40gmail.com', '/t/nope.com']) {
      const res = await get(`${portal.url}${path}`);
      for (const name of securityNames) expect(res.headers.get(name), `${path}: ${name}`).toBe(expected[name]);
      expect(res.headers.get('x-powered-by'), path).toBeNull();
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
