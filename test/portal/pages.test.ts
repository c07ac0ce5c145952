// The guest pages over real HTTP: what a guest (or an admin) sees at each address, in English and German,
// and the headers that keep the pages safe.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONTOSO, FABRIKAM, get, startTestPortal, smallResendService, type TestPortal } from './helpers.ts';

let portal: TestPortal;
beforeAll(async () => {
  portal = await startTestPortal({ resend: smallResendService() });
});
afterAll(async () => {
  await portal.close();
});

function hrefOf(html: string, kind: string): string | undefined {
  const match = new RegExp(`href="([^"]+)" data-kind="${kind}"`).exec(html);
  return match?.[1]?.replaceAll('&amp;', '&');
}

describe('the tenant list', () => {
  it('lists every served tenant with a link to its page', async () => {
    const res = await get(`${portal.url}/`);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('href="/t/contoso.onmicrosoft.com"');
    expect(html).toContain('href="/t/fabrikam.com"');
    expect(html).toContain('Contoso Ltd');
  });

  it('sends a guest straight to the only tenant when there is just one', async () => {
    const single = await startTestPortal({ config: { tenants: [CONTOSO] } });
    try {
      const res = await get(`${single.url}/`);
      expect(res.status).toBe(302);
      expect(res.headers.get('location')).toBe('/t/contoso.onmicrosoft.com');
    } finally {
      await single.close();
    }
  });
});

describe('a tenant landing page', () => {
  it('names the host and offers its tenant-specific sign-in links', async () => {
    const res = await get(`${portal.url}/t/contoso.onmicrosoft.com`);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('<html lang="en">');
    expect(html).toContain('Sign in as a guest of Contoso Ltd');
    const myapps = new URL(hrefOf(html, 'myapps')!);
    expect(myapps.host).toBe('myapps.microsoft.com');
    expect(myapps.href.toLowerCase()).toContain(CONTOSO.tenantId);
    expect(new URL(hrefOf(html, 'teams')!).host).toBe('teams.microsoft.com');
    expect(new URL(hrefOf(html, 'azure-portal')!).host).toBe('portal.azure.com');
    expect(html).toContain('What kind of account do you have?');
    expect(html).toContain('Lost your invitation?');
    expect(html).toContain('action="/t/contoso.onmicrosoft.com/resend"');
    expect(html).toContain('/t/contoso.onmicrosoft.com/card');
  });

  it('is found by the tenant GUID as well as by its domain, in any letter case', async () => {
    for (const segment of [CONTOSO.tenantId!, CONTOSO.tenantId!.toUpperCase(), 'Contoso.OnMicrosoft.com']) {
      const res = await get(`${portal.url}/t/${segment}`);
      expect(res.status, segment).toBe(200);
      expect(await res.text()).toContain('Contoso Ltd');
    }
  });

  it('gives a Gmail guest the Gmail steps, the reason My Apps fails, and the tenant\'s My Apps link', async () => {
    const res = await get(`${portal.url}/t/contoso.onmicrosoft.com?email=Jane.Doe%40Gmail.com`);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('data-home="google"');
    expect(html).toContain("We couldn't find an account with that username");
    expect(html).toContain('Sign in with Google');
    const link = new URL(hrefOf(html, 'advice-myapps')!);
    expect(link.host).toBe('myapps.microsoft.com');
    expect(link.href.toLowerCase()).toContain(CONTOSO.tenantId);
  });

  it('tells an Outlook.com guest about personal Microsoft accounts', async () => {
    const html = await (await get(`${portal.url}/t/contoso.onmicrosoft.com?email=someone%40outlook.com`)).text();
    expect(html).toContain('data-home="microsoft-account"');
    expect(html).toContain('Microsoft account password');
  });

  it('answers the account-kind choice without an address', async () => {
    const html = await (await get(`${portal.url}/t/contoso.onmicrosoft.com?account=other`)).text();
    expect(html).toContain('data-home="other"');
    expect(html).toContain('one-time code');
  });

  it('explains a malformed address instead of failing, and keeps what was typed', async () => {
    const res = await get(`${portal.url}/t/contoso.onmicrosoft.com?email=not-an-address`);
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain('Please check the address');
    expect(html).toContain('value="not-an-address"');
  });

  it('shows a disabled form and whom to ask when the portal cannot resend for that tenant', async () => {
    const res = await get(`${portal.url}/t/fabrikam.com`);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('cannot re-send invitations for Fabrikam');
    expect(html).toContain(FABRIKAM.contact!);
    expect(html).toContain('<fieldset disabled');
    expect(html).not.toContain('action="/t/fabrikam.com/resend"');
  });
});

describe('unknown and malformed tenants', () => {
  it('answers an unknown tenant with a helpful 404 page listing the served tenants', async () => {
    const res = await get(`${portal.url}/t/unknown.onmicrosoft.com`);
    expect(res.status).toBe(404);
    const html = await res.text();
    expect(html).toContain('Organisation not found');
    expect(html).toContain('unknown.onmicrosoft.com');
    expect(html).toContain('href="/t/contoso.onmicrosoft.com"');
  });

  it('answers a malformed tenant with a 404 that says why, with the input escaped', async () => {
    const res = await get(`${portal.url}/t/${encodeURIComponent('<script>alert(1)</script>')}`);
    expect(res.status).toBe(404);
    const html = await res.text();
    expect(html).not.toContain('<script>alert(1)</script>');
    expect(html).toContain('&lt;script>');
  });

  it('answers "common" (not a tenant) with a 404 page', async () => {
    const res = await get(`${portal.url}/t/common`);
    expect(res.status).toBe(404);
  });

  it('answers a broken percent-encoding with a 400 page, not an error', async () => {
    const res = await get(`${portal.url}/t/%E0%A4%A`);
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toContain('text/html');
  });

  it('answers an unknown path with a 404 page', async () => {
    const res = await get(`${portal.url}/nothing/here`);
    expect(res.status).toBe(404);
    expect(await res.text()).toContain('Page not found');
  });
});

describe('bookmarkable links', () => {
  it('redirects /go/myapps to the tenant-specific My Apps address', async () => {
    const res = await get(`${portal.url}/t/contoso.onmicrosoft.com/go/myapps`);
    expect(res.status).toBe(302);
    const location = new URL(res.headers.get('location')!);
    expect(location.host).toBe('myapps.microsoft.com');
    expect(location.href.toLowerCase()).toContain(CONTOSO.tenantId);
  });

  it('accepts a valid login hint but drops it for a link kind that takes none', async () => {
    const res = await get(`${portal.url}/t/contoso.onmicrosoft.com/go/myapps?login_hint=jane.doe%40gmail.com`);
    expect(res.status).toBe(302);
    const location = res.headers.get('location')!;
    expect(new URL(location).host).toBe('myapps.microsoft.com');
    expect(location).not.toContain('jane.doe');
  });

  it('refuses an invalid login hint with a 400 page', async () => {
    const res = await get(`${portal.url}/t/contoso.onmicrosoft.com/go/myapps?login_hint=${encodeURIComponent('https://evil.example')}`);
    expect(res.status).toBe(400);
    expect(res.headers.get('location')).toBeNull();
  });

  it('answers an unknown or not-offered link kind with a 404 page', async () => {
    for (const kind of ['evil', 'authorize', 'sharepoint']) {
      const res = await get(`${portal.url}/t/contoso.onmicrosoft.com/go/${kind}`);
      expect(res.status, kind).toBe(404);
      expect(res.headers.get('location')).toBeNull();
    }
  });

  it('serves a QR code of a link as SVG', async () => {
    const res = await get(`${portal.url}/t/contoso.onmicrosoft.com/qr/myapps.svg`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('image/svg+xml');
    expect(await res.text()).toMatch(/^<svg[\s\S]*<\/svg>\s*$/);
  });

  it('answers a QR code for an unknown kind with a 404', async () => {
    expect((await get(`${portal.url}/t/contoso.onmicrosoft.com/qr/nope.svg`)).status).toBe(404);
    expect((await get(`${portal.url}/t/contoso.onmicrosoft.com/qr/myapps.png`)).status).toBe(404);
  });

  it('offers a printable card with the bookmark address, a QR code and the Gmail steps', async () => {
    const res = await get(`${portal.url}/t/contoso.onmicrosoft.com/card`);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain(`${portal.server.config.publicBaseUrl}/t/contoso.onmicrosoft.com`);
    expect(html).toContain('src="/t/contoso.onmicrosoft.com/qr/page.svg"');
    expect(html).toContain('With a Gmail address');
    const css = await (await get(`${portal.url}/assets/portal.css`)).text();
    expect(css).toContain('@media print');
  });
});

describe('languages', () => {
  it('speaks German to a German browser', async () => {
    const res = await get(`${portal.url}/t/contoso.onmicrosoft.com`, { headers: { 'accept-language': 'de-DE,de;q=0.9,en;q=0.5' } });
    const html = await res.text();
    expect(html).toContain('<html lang="de">');
    expect(html).toContain('Als Gast bei Contoso Ltd anmelden');
    expect(html).toContain('Einladung verloren?');
    expect(res.headers.get('content-language')).toBe('de');
    expect(res.headers.get('vary')).toContain('Accept-Language');
  });

  it('falls back to English for a language it does not have', async () => {
    // fr-FR was the example here until French arrived (issue 13); Chinese is not one of the five languages.
    const html = await (await get(`${portal.url}/t/contoso.onmicrosoft.com`, { headers: { 'accept-language': 'zh-CN' } })).text();
    expect(html).toContain('<html lang="en">');
  });
});

describe('security headers', () => {
  it('sends a strict CSP, no framing, a referrer policy, a request id and no X-Powered-By', async () => {
    const res = await get(`${portal.url}/t/contoso.onmicrosoft.com`);
    const csp = res.headers.get('content-security-policy')!;
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("style-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain('unsafe-inline');
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');
    expect(res.headers.get('x-powered-by')).toBeNull();
    expect(res.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    expect(res.headers.get('strict-transport-security')).toBeNull(); // plain HTTP here
  });

  it('sends HSTS when the request arrived over TLS at a trusted proxy', async () => {
    const behindProxy = await startTestPortal({ config: { trustProxy: 1, publicBaseUrl: 'https://guests.example.com', publicBaseUrlExplicit: true } });
    try {
      const res = await get(`${behindProxy.url}/healthz`, { headers: { 'x-forwarded-proto': 'https' } });
      expect(res.headers.get('strict-transport-security')).toContain('max-age=');
    } finally {
      await behindProxy.close();
    }
  });

  it('has no inline scripts or styles on its pages', async () => {
    for (const path of ['/', '/t/contoso.onmicrosoft.com?email=a%40gmail.com', '/t/contoso.onmicrosoft.com/card', '/t/nope.com']) {
      const html = await (await get(`${portal.url}${path}`)).text();
      expect(html, path).not.toMatch(/<script|style=|<style/i);
    }
  });
});

describe('operations', () => {
  it('reports health as JSON', async () => {
    const res = await get(`${portal.url}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ok', mode: 'live', tenants: 2, version: expect.any(String) });
  });

  it('counts requests by route pattern and status in its own metrics registry', async () => {
    await get(`${portal.url}/t/contoso.onmicrosoft.com`);
    await get(`${portal.url}/t/nope.example.com`);
    expect((await get(`${portal.url}/metrics`)).status).toBe(404); // not for guests unless a token is configured
    const withPort = await startTestPortal({ config: { metrics: { port: 0 } } });
    await get(`${withPort.url}/t/contoso.onmicrosoft.com`);
    await get(`${withPort.url}/t/nope.example.com`);
    const text = await (await fetch(`${withPort.server.metricsUrl}/metrics`)).text();
    await withPort.close();
    expect(text).toMatch(/guestpass_http_requests_total\{method="GET",route="\/t\/:tenant",status="200"\} \d+/);
    expect(text).toMatch(/guestpass_http_requests_total\{method="GET",route="\/t\/:tenant",status="404"\} \d+/);
    expect(text).toContain('guestpass_http_request_duration_seconds_bucket');
    expect(text).not.toContain('nope.example.com');
  });

  it('hides the demo outbox in live mode', async () => {
    expect((await get(`${portal.url}/demo/outbox`)).status).toBe(404);
  });
});

describe('demo mode', () => {
  it('labels every page as a demo and shows the emails the emulated Microsoft sent', async () => {
    const outbox = [
      {
        to: 'conceptsuser@outlook.com',
        tenantId: CONTOSO.tenantId!,
        sentAt: '2026-11-27T06:00:00.000Z',
        inviteRedeemUrl: 'https://login.microsoftonline.com/redeem?rd=x',
      },
    ];
    const demo = await startTestPortal({ config: { mode: 'demo' }, outbox });
    try {
      const page = await (await get(`${demo.url}/t/contoso.onmicrosoft.com`)).text();
      expect(page).toContain('class="demo-banner"');
      const res = await get(`${demo.url}/demo/outbox`);
      expect(res.status).toBe(200);
      const html = await res.text();
      expect(html).toContain('conceptsuser@outlook.com');
      expect(html).toContain('Contoso Ltd');
      const json = await (await get(`${demo.url}/demo/outbox`, { headers: { accept: 'application/json' } })).json();
      expect(json).toEqual({ emails: outbox });
    } finally {
      await demo.close();
    }
  });
});
