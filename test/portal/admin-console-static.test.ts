// The admin console's static serving and its own header set (console-headers.ts), next to the guest pages' set: both
// pinned literally, so a change to either is a deliberate change to this file.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../portal/server.ts';
import { get, testConfig } from './helpers.ts';
import pino from 'pino';

const GUEST_CSP = "default-src 'none';style-src 'self';img-src 'self';form-action 'self';frame-ancestors 'none';base-uri 'none'";
const CONSOLE_CSP =
  "default-src 'none';script-src 'self';style-src 'self';img-src 'self';" +
  "connect-src 'self' https://login.microsoftonline.com https://graph.microsoft.com;" +
  "form-action 'none';frame-ancestors 'none';base-uri 'none'";

/** Every security header a page carries (helmet's set), as one object. */
function securityHeaders(res: Response): Record<string, string | null> {
  const names = [
    'content-security-policy',
    'cross-origin-opener-policy',
    'cross-origin-resource-policy',
    'origin-agent-cluster',
    'referrer-policy',
    'x-content-type-options',
    'x-dns-prefetch-control',
    'x-download-options',
    'x-frame-options',
    'x-permitted-cross-domain-policies',
    'x-xss-protection',
  ];
  return Object.fromEntries(names.map((n) => [n, res.headers.get(n)]));
}

const COMMON = {
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

let dir: string;
let portal: RunningServer;
const silent = pino({ level: 'silent' });

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'guestpass-console-'));
  mkdirSync(join(dir, 'assets'));
  writeFileSync(join(dir, 'index.html'), '<!doctype html><title>console</title><script type="module" src="/admin/assets/index-AbC123.js"></script>');
  writeFileSync(join(dir, 'assets', 'index-AbC123.js'), 'console.log("console");');
  portal = await startServer({ config: testConfig(), logger: silent, consoleDir: dir });
});
afterAll(async () => {
  await portal.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('admin console serving', () => {
  it('sends /admin to /admin/, the exact redirect URI registered for the console', async () => {
    const res = await get(`${portal.url}/admin`);
    expect(res.status).toBe(301);
    expect(res.headers.get('location')).toBe('/admin/');
  });

  it('answers /admin/ and each console view with the app page, revalidated on every load', async () => {
    for (const path of ['/admin/', '/admin/guests', '/admin/audit', '/admin/dead-letters/']) {
      const res = await get(`${portal.url}${path}`);
      expect(res.status, path).toBe(200);
      expect(res.headers.get('content-type'), path).toBe('text/html; charset=utf-8');
      expect(res.headers.get('cache-control'), path).toBe('no-cache');
      expect(await res.text(), path).toContain('/admin/assets/index-AbC123.js');
    }
  });

  it('serves hashed assets as immutable for a year, and 404s an unknown one', async () => {
    const res = await get(`${portal.url}/admin/assets/index-AbC123.js`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/javascript/);
    expect(res.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect((await get(`${portal.url}/admin/assets/index-Nope.js`)).status).toBe(404);
    expect((await get(`${portal.url}/admin/..%2f..%2fpackage.json`)).status).toBe(404);
  });

  it('says how to build the console when it is not built, with a 503 rather than an empty page', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'guestpass-console-none-'));
    const bare = await startServer({ config: testConfig(), logger: silent, consoleDir: empty });
    try {
      const res = await get(`${bare.url}/admin/`);
      expect(res.status).toBe(503);
      expect(await res.text()).toContain('npm run build:console');
    } finally {
      await bare.close();
      rmSync(empty, { recursive: true, force: true });
    }
  });
});

describe('two header sets', () => {
  it('gives the console script-src self, connect-src the portal + sign-in authority + Graph, and no COOP (redirect bridge)', async () => {
    for (const path of ['/admin/', '/admin/guests', '/admin/assets/index-AbC123.js']) {
      const res = await get(`${portal.url}${path}`);
      expect(securityHeaders(res), path).toEqual({ 'content-security-policy': CONSOLE_CSP, 'cross-origin-opener-policy': null, ...COMMON });
    }
  });

  it('keeps the guest pages (and the admin API) on the no-script policy with COOP', async () => {
    for (const path of ['/t/contoso.onmicrosoft.com', '/', '/admin/api/config', '/administrator']) {
      const res = await get(`${portal.url}${path}`);
      expect(securityHeaders(res), path).toEqual({ 'content-security-policy': GUEST_CSP, 'cross-origin-opener-policy': 'same-origin', ...COMMON });
    }
  });

  it('names the browser-facing authority and Graph (sovereign cloud or demo mapping) in connect-src', async () => {
    const config = testConfig({
      graph: { loginBaseUrl: 'https://127.0.0.1:9443', graphBaseUrl: 'https://127.0.0.1:9443' },
      browser: { loginBaseUrl: 'https://login.microsoftonline.us/', graphBaseUrl: 'https://graph.microsoft.us' },
    });
    const other = await startServer({ config, logger: silent, consoleDir: dir });
    try {
      const csp = (await get(`${other.url}/admin/`)).headers.get('content-security-policy');
      expect(csp).toContain("connect-src 'self' https://login.microsoftonline.us https://graph.microsoft.us;");
      expect(csp).not.toContain('127.0.0.1');
    } finally {
      await other.close();
    }
  });
});

describe('behind a path prefix (GUESTPASS_PUBLIC_URL=https://guests.example.com/guests)', () => {
  it('serves the console, its assets, headers and configuration under the prefix, and names its assets there', async () => {
    const config = testConfig({ publicBaseUrl: 'https://guests.example.com/guests', publicBaseUrlExplicit: true });
    const prefixed = await startServer({ config, logger: silent, consoleDir: dir });
    try {
      const redirect = await get(`${prefixed.url}/guests/admin`);
      expect(redirect.status).toBe(301);
      expect(redirect.headers.get('location')).toBe('/guests/admin/');
      const page = await get(`${prefixed.url}/guests/admin/guests`);
      expect(page.status).toBe(200);
      expect(page.headers.get('content-security-policy')).toBe(CONSOLE_CSP);
      expect(await page.text()).toContain('src="/guests/admin/assets/index-AbC123.js"');
      const asset = await get(`${prefixed.url}/guests/admin/assets/index-AbC123.js`);
      expect(asset.status).toBe(200);
      expect(asset.headers.get('content-security-policy')).toBe(CONSOLE_CSP);
      const tenants = ((await (await get(`${prefixed.url}/guests/admin/api/config`)).json()) as { tenants: { key: string }[] }).tenants;
      expect(tenants.map((t) => t.key)).toEqual(['contoso.onmicrosoft.com']);
      expect((await get(`${prefixed.url}/admin/`)).status).toBe(404); // nothing outside the prefix
    } finally {
      await prefixed.close();
    }
  });
});

describe('GET /admin/api/config', () => {
  it("lists each tenant with a portal app registration: its own authority (never common), the app's client id and the API scope; no secret", async () => {
    const res = await get(`${portal.url}/admin/api/config`);
    expect(res.status).toBe(200);
    const body = (await res.json()) as { tenants: Record<string, unknown>[] };
    expect(body.tenants).toEqual([
      {
        key: 'contoso.onmicrosoft.com',
        displayName: 'Contoso Ltd',
        tenantId: '11111111-2222-4333-8444-555555555555',
        clientId: '99999999-8888-4777-8666-555555555555',
        authority: 'https://login.microsoftonline.com/11111111-2222-4333-8444-555555555555',
        scope: 'api://99999999-8888-4777-8666-555555555555/Guestpass.Manage',
        graphBaseUrl: 'https://graph.microsoft.com',
        links: ['myapps', 'myaccount', 'teams', 'azure-portal', 'entra', 'app'],
        domain: 'contoso.onmicrosoft.com',
        appId: 'aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee',
      },
    ]);
    expect(JSON.stringify(body)).not.toContain('test-secret-value-never-logged');
  });
});
