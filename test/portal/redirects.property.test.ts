// Property-based: whatever tenant, link kind or login hint arrives in the URL, the portal never answers 5xx, never
// redirects outside the catalogue's Microsoft hosts (with the validated tenant), and never reflects markup.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LINK_CATALOGUE } from '../../shared/links.ts';
import { CONTOSO, FABRIKAM, formSession, get, smallResendService, startTestPortal, type TestPortal } from './helpers.ts';

/** Runs per property: `GUESTPASS_PROPERTY_RUNS=10000` (bench/property.bench.ts) raises them from the defaults. */
const RUNS = Number(process.env.GUESTPASS_PROPERTY_RUNS) || undefined;

let portal: TestPortal;
let resend: ReturnType<typeof smallResendService>;
beforeAll(async () => {
  resend = smallResendService({ perIp: Number.MAX_SAFE_INTEGER });
  portal = await startTestPortal({ resend });
});
afterAll(async () => {
  await portal.close();
});

const MARK = '<gp-x>';
const tenantArb = fc.oneof(
  fc.constantFrom(CONTOSO.key, CONTOSO.tenantId!, FABRIKAM.key, 'CONTOSO.onmicrosoft.com', 'common', 'evil.com', 'login.microsoftonline.com'),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.domain(),
  fc.uuid(),
  fc.string({ maxLength: 20 }).map((s) => `${MARK}${s}`),
);
const kindArb = fc.oneof(
  fc.constantFrom(...LINK_CATALOGUE.map((l) => l.kind), 'evil', 'page', '__proto__', 'constructor', 'myapps.svg'),
  fc.string({ unit: 'grapheme', maxLength: 20 }),
  fc.string({ maxLength: 10 }).map((s) => `${MARK}${s}`),
);
const hintArb = fc.oneof(
  fc.constant(undefined),
  fc.emailAddress(),
  fc.constantFrom('https://evil.example', '//evil.example', 'a@b.com\r\nLocation: https://evil.example', `${MARK}@x.com`, 'jane+x@gmail.com'),
  fc.string({ unit: 'grapheme', maxLength: 60 }),
);

const ALLOWED_HOSTS = new Set(LINK_CATALOGUE.flatMap((l) => l.hosts));
const TENANT_IDS = [CONTOSO.tenantId!, CONTOSO.domain!, FABRIKAM.domain!];

function encode(s: string): string {
  return encodeURIComponent(s);
}

describe('any input in a portal URL', () => {
  it('never gets a 5xx or a redirect away from the catalogue hosts and the configured tenant', async () => {
    await fc.assert(
      fc.asyncProperty(tenantArb, kindArb, hintArb, async (tenant, kind, hint) => {
        const query = hint === undefined ? '' : `?login_hint=${encode(hint)}`;
        const res = await get(`${portal.url}/t/${encode(tenant)}/go/${encode(kind)}${query}`);
        expect(res.status).toBeLessThan(500);
        if (res.status >= 300 && res.status < 400) {
          const location = new URL(res.headers.get('location')!);
          expect(location.protocol).toBe('https:');
          expect(ALLOWED_HOSTS.has(location.hostname) || location.hostname.endsWith('.sharepoint.com')).toBe(true);
          expect(TENANT_IDS.some((id) => location.href.toLowerCase().includes(id))).toBe(true);
        }
        const body = await res.text();
        expect(body).not.toContain(MARK);
      }),
      { numRuns: RUNS ?? 250 },
    );
  }, 300_000);

  it('never gets a 5xx or reflected markup on the landing, QR, card and resend routes', async () => {
    // A real form session (cookie + token, as a browser posts it): every post gets past the CSRF check to the
    // address handling, which a post without the pair never reaches.
    const session = await formSession(portal.url, CONTOSO.key);
    const reachedService = resend.calls.length;
    let posts = 0;
    await fc.assert(
      fc.asyncProperty(tenantArb, hintArb, kindArb, async (tenant, email, kind) => {
        const q = email === undefined ? '' : `?email=${encode(email)}&account=${encode(kind)}`;
        for (const path of [`/t/${encode(tenant)}${q}`, `/t/${encode(tenant)}/qr/${encode(kind)}.svg`, `/t/${encode(tenant)}/card`]) {
          const res = await get(`${portal.url}${path}`);
          expect(res.status, path).toBeLessThan(500);
          expect(await res.text(), path).not.toContain(MARK);
        }
        const post = await get(`${portal.url}/t/${encode(tenant)}/resend`, {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: session.cookie },
          body: `email=${encode(email ?? '')}&csrf=${encode(session.token)}&${encode(kind)}=${encode(tenant)}`,
        });
        posts++;
        expect(post.status).toBeLessThan(500);
        expect(post.status).not.toBe(403); // the pair is valid: never refused as a forged form
        expect(await post.text()).not.toContain(MARK);
      }),
      { numRuns: RUNS ?? 150 },
    );
    // Posts to the configured tenant with a non-empty address reached the service.
    expect(resend.calls.length - reachedService).toBeGreaterThan(0);
    expect(posts).toBe(RUNS ?? 150);
  }, 300_000); // a bound for a loaded machine, not a speed claim (bench/property.bench.ts measures)
});
