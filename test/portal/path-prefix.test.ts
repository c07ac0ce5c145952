// A public URL with a path prefix (https://guests.example.com/guests/, the proxy passing paths on unchanged) and one
// without: every link, form action, redirect, asset and cookie a guest's browser gets leads back into the portal
// under the prefix (the admin console's page and bundle included; it is built by `npm test` before the suites run),
// and nothing is served outside it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONTOSO, csrfCookie, get, hiddenToken, postForm, smallResendService, startTestPortal, type TestPortal } from './helpers.ts';

/** The portal-relative addresses (href, src, action) a page carries, without fragments. */
function localAddresses(html: string): string[] {
  const found = new Set<string>();
  for (const match of html.matchAll(/\s(?:href|src|action)="(\/[^"]*)"/g)) found.add(match[1]!.replaceAll('&amp;', '&').split('#')[0]!);
  return [...found];
}

async function crawl(origin: string, start: string[]): Promise<Map<string, number>> {
  const seen = new Map<string, number>();
  const queue = [...start];
  while (queue.length > 0) {
    const path = queue.shift()!;
    if (seen.has(path)) continue;
    const res = await get(`${origin}${path}`, { headers: { accept: 'text/html' } });
    seen.set(path, res.status);
    if (!(res.headers.get('content-type') ?? '').startsWith('text/html')) continue;
    for (const next of localAddresses(await res.text())) if (!seen.has(next) && !next.split('?')[0]!.endsWith('/resend')) queue.push(next); // a form action, not a page
  }
  return seen;
}

describe.each([
  ['with a path prefix', 'https://guests.example.com/guests', '/guests'],
  ['without a path prefix', 'https://guests.example.com', ''],
])('a portal published %s', (_label, publicBaseUrl, base) => {
  let portal: TestPortal;
  let origin: string;
  beforeAll(async () => {
    portal = await startTestPortal({ resend: smallResendService(), config: { publicBaseUrl, publicBaseUrlExplicit: true } });
    origin = portal.url + base;
  });
  afterAll(async () => {
    await portal.close();
  });

  it('links every page, form, QR code and stylesheet under the prefix, and each of them answers', async () => {
    const seen = await crawl(portal.url, [`${base}/`, `${base}/t/${CONTOSO.key}/card`, `${base}/t/no-such-tenant.example`, `${base}/admin/`]);
    const paths = [...seen.keys()];
    expect(paths).toEqual(expect.arrayContaining([`${base}/assets/portal.css`, `${base}/t/${CONTOSO.key}`, `${base}/t/${CONTOSO.key}/qr/page.svg`]));
    expect(paths.filter((p) => p.startsWith(`${base}/admin/assets/`)).length).toBeGreaterThan(0); // the console's bundle
    for (const path of paths) expect(path.startsWith(`${base}/`)).toBe(true);
    // The unknown tenant's page links to itself in the other languages (?lang=…): still the same, expected 404.
    const broken = [...seen].filter(([path, status]) => status >= 400 && path.split('?')[0] !== `${base}/t/no-such-tenant.example`);
    expect(broken).toEqual([]);
  });

  it('posts the resend form to the prefixed action with a cookie scoped to the prefix, and links back under it', async () => {
    const page = await get(`${origin}/t/${CONTOSO.key}`);
    const html = await page.text();
    expect(html).toContain(`action="${base}/t/${CONTOSO.key}/resend"`);
    expect(page.headers.getSetCookie()[0]).toContain(`Path=${base || '/'};`);
    const cookie = csrfCookie(page)!;
    const res = await postForm(`${origin}/t/${CONTOSO.key}/resend`, { email: 'guest@example.com', csrf: hiddenToken(html)! }, { cookie });
    expect(res.status).toBe(202);
    expect(localAddresses(await res.text())).toContain(`${base}/t/${CONTOSO.key}`);
  });

  it('prints the public URL with its prefix on the card a guest scans', async () => {
    const html = await (await get(`${origin}/t/${CONTOSO.key}/card`)).text();
    expect(html).toContain(`>${publicBaseUrl}/t/${CONTOSO.key}</a>`);
  });

  it('sends /admin to the console under the prefix, served with the console headers', async () => {
    const res = await get(`${origin}/admin`);
    expect(res.status).toBe(301);
    expect(res.headers.get('location')).toBe(`${base}/admin/`);
    const page = await get(`${origin}/admin/`);
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'"); // the console's own header set
  });

  it('redirects with the prefix when it serves a single tenant', async () => {
    const single = await startTestPortal({ config: { publicBaseUrl, publicBaseUrlExplicit: true, tenants: [CONTOSO] } });
    try {
      const res = await get(`${single.url}${base}/`);
      expect(res.status).toBe(302);
      expect(res.headers.get('location')).toBe(`${base}/t/${CONTOSO.key}`);
    } finally {
      await single.close();
    }
  });
});

describe('a portal published under /guests', () => {
  it('answers nothing outside the prefix, not even paths that merely start with it', async () => {
    const portal = await startTestPortal({ config: { publicBaseUrl: 'https://guests.example.com/guests', publicBaseUrlExplicit: true } });
    try {
      for (const path of ['/', `/t/${CONTOSO.key}`, '/assets/portal.css', `/guestsx/t/${CONTOSO.key}`, '/healthz']) {
        expect((await get(`${portal.url}${path}`)).status, path).toBe(404);
      }
      expect((await get(`${portal.url}/guests`)).status).toBe(200);
      expect((await get(`${portal.url}/guests?lang=de`)).status).toBe(200);
      expect((await get(`${portal.url}/guests/healthz`)).status).toBe(200);
    } finally {
      await portal.close();
    }
  });
});
