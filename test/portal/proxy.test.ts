// Client addresses behind a proxy (GUESTPASS_TRUST_PROXY): who may say what the client's address is, and which
// per-IP bucket a request lands in — observed over HTTP with the real resend service and store.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, type PortalConfig } from '../../portal/config/index.ts';
import { clientKey } from '../../portal/http/client-key.ts';
import { createAddressHasher } from '../../portal/resend/address-key.ts';
import { createResendService } from '../../portal/resend/service.ts';
import { openSqliteStore } from '../../portal/store/sqlite-store.ts';
import type { ResendStore } from '../../portal/store/store.ts';
import { CONTOSO, get, smallResendService, startTestPortal, type TestPortal } from './helpers.ts';

describe('GUESTPASS_TRUST_PROXY', () => {
  const base = { GUESTPASS_TENANTS: '[{"domain": "contoso.com", "displayName": "C"}]', GUESTPASS_SECRET: 's'.repeat(40), GUESTPASS_PUBLIC_URL: 'https://guests.example.com' };
  const trust = (value: string) => loadConfig({ ...base, GUESTPASS_TRUST_PROXY: value }, { envFile: false }).trustProxy;
  const refusal = (value: string): ConfigError => {
    try {
      trust(value);
    } catch (error) {
      if (error instanceof ConfigError) return error;
      throw error;
    }
    throw new Error(`"${value}" was accepted`);
  };

  it('takes a hop count or a list of proxy addresses, CIDR ranges and named ranges', () => {
    expect(trust('')).toBe(false);
    expect(trust('false')).toBe(false);
    expect(trust('2')).toBe(2);
    expect(trust('10.0.0.0/8, 192.168.1.10,fd00::/8, loopback')).toEqual(['10.0.0.0/8', '192.168.1.10', 'fd00::/8', 'loopback']);
  });

  it('refuses "true" and says why: any client could choose its own address', () => {
    const error = refusal('true');
    expect(error.key).toBe('GUESTPASS_TRUST_PROXY');
    expect(error.message).toContain('X-Forwarded-For');
  });

  it.each(['10.0.0.0/33', 'proxy.internal', '1.2.3', '11', '-1'])('refuses %s naming the key', (value) => {
    expect(refusal(value).key).toBe('GUESTPASS_TRUST_PROXY');
  });
});

describe('the per-IP bucket of a client address', () => {
  it('is the IPv4 address, also when it arrives IPv4-mapped', () => {
    expect(clientKey('203.0.113.7')).toBe('203.0.113.7');
    expect(clientKey('::ffff:203.0.113.7')).toBe('203.0.113.7');
  });

  it('is the /64 of an IPv6 address: two addresses in one /64 share it, the next /64 does not', () => {
    expect(clientKey('2001:db8:1:2:aaaa:bbbb:cccc:1')).toBe('2001:db8:1:2::/64');
    expect(clientKey('2001:db8:1:2::9')).toBe(clientKey('2001:db8:1:2:ffff::1'));
    expect(clientKey('2001:db8:1:3::9')).not.toBe(clientKey('2001:db8:1:2::9'));
  });

  it('is "unknown" for anything that is not an address', () => {
    expect(clientKey(undefined)).toBe('unknown');
    expect(clientKey('not-an-ip')).toBe('unknown');
  });
});

/** Posts one resend request as JSON, with the given X-Forwarded-For, and answers the status. */
async function resend(portal: TestPortal, forwardedFor?: string): Promise<number> {
  const res = await get(`${portal.url}/t/${CONTOSO.key}/resend`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      accept: 'application/json',
      origin: new URL(portal.server.config.publicBaseUrl).origin,
      ...(forwardedFor ? { 'x-forwarded-for': forwardedFor } : {}),
    },
    body: JSON.stringify({ email: 'someone@example.com' }),
  });
  return res.status;
}

describe('which address the portal takes for the client', () => {
  async function seen(trustProxy: PortalConfig['trustProxy'], forwardedFor: string): Promise<string> {
    const service = smallResendService();
    const portal = await startTestPortal({ resend: service, config: { trustProxy } });
    try {
      expect(await resend(portal, forwardedFor)).toBe(202);
      return service.calls[0]!.clientIp;
    } finally {
      await portal.close();
    }
  }

  it('ignores X-Forwarded-For without a trusted proxy: the peer is the client', async () => {
    expect(await seen(false, '198.51.100.1')).toBe('127.0.0.1');
  });

  it('ignores X-Forwarded-For from a peer outside the trusted ranges', async () => {
    expect(await seen(['10.0.0.0/8'], '198.51.100.1')).toBe('127.0.0.1');
  });

  it('with one hop takes the address the proxy appended, not what the client wrote before it', async () => {
    expect(await seen(1, '198.51.100.66, 203.0.113.9')).toBe('203.0.113.9');
  });

  it('with two hops skips the second proxy too', async () => {
    expect(await seen(2, '198.51.100.66, 203.0.113.9, 10.0.0.2')).toBe('203.0.113.9');
  });

  it('with a list of proxy ranges walks back over every trusted proxy and stops at the first other address', async () => {
    expect(await seen(['loopback', '10.0.0.0/8'], '198.51.100.66, 203.0.113.9, 10.1.2.3, 10.9.9.9')).toBe('203.0.113.9');
  });

  it('reads an IPv4-mapped IPv6 client as its IPv4 address, and an IPv6 client as its /64', async () => {
    expect(await seen(1, '::ffff:203.0.113.9')).toBe('203.0.113.9');
    expect(await seen(1, '2001:db8:5:6:7:8:9:a')).toBe('2001:db8:5:6::/64');
  });
});

describe('the per-IP limit over HTTP, with the real resend service', () => {
  let store: ResendStore;
  let portal: TestPortal;
  beforeAll(async () => {
    store = openSqliteStore({ path: ':memory:' });
    const service = createResendService({
      store,
      hasher: createAddressHasher(await store.hashKey()),
      rateLimits: { perIpPerHour: 2, perAddressPerHour: 1_000, perTenantPerHour: 1_000 },
      now: () => Date.now(),
    });
    portal = await startTestPortal({ resend: service, config: { trustProxy: 1 } });
  });
  afterAll(async () => {
    await portal.close();
    await store.close();
  });

  it('gives each client behind the proxy its own bucket, which a forged X-Forwarded-For does not escape', async () => {
    expect([await resend(portal, '203.0.113.1'), await resend(portal, '203.0.113.1'), await resend(portal, '203.0.113.1')]).toEqual([202, 202, 429]);
    // The same client writing a made-up address first: the proxy appends the real one, which is what counts.
    expect(await resend(portal, '198.51.100.1, 203.0.113.1')).toBe(429);
    // Another client is not held back by the first.
    expect(await resend(portal, '203.0.113.2')).toBe(202);
  });

  it('counts two IPv6 addresses of one /64 as one client, and IPv4-mapped as its IPv4 address', async () => {
    expect([await resend(portal, '2001:db8:aa:bb::1'), await resend(portal, '2001:db8:aa:bb:ffff::2'), await resend(portal, '2001:db8:aa:bb::3')]).toEqual([202, 202, 429]);
    expect(await resend(portal, '2001:db8:aa:bc::1')).toBe(202);
    expect([await resend(portal, '203.0.113.50'), await resend(portal, '::ffff:203.0.113.50'), await resend(portal, '203.0.113.50')]).toEqual([202, 202, 429]);
  });
});

describe('HSTS', () => {
  async function hsts(config: Partial<PortalConfig>, headers: Record<string, string>): Promise<string | null> {
    const portal = await startTestPortal({ config });
    try {
      return (await get(`${portal.url}/healthz`, { headers })).headers.get('strict-transport-security');
    } finally {
      await portal.close();
    }
  }
  const https = { publicBaseUrl: 'https://guests.example.com', publicBaseUrlExplicit: true };

  it('is sent for an https public URL when a trusted proxy says the request came over TLS', async () => {
    expect(await hsts({ ...https, trustProxy: 1 }, { 'x-forwarded-proto': 'https' })).toContain('max-age=31536000');
  });

  it('is not sent when the proxy is not trusted, when it says http, or when the public URL is http', async () => {
    expect(await hsts({ ...https, trustProxy: false }, { 'x-forwarded-proto': 'https' })).toBeNull();
    expect(await hsts({ ...https, trustProxy: ['10.0.0.0/8'] }, { 'x-forwarded-proto': 'https' })).toBeNull();
    expect(await hsts({ ...https, trustProxy: 1 }, { 'x-forwarded-proto': 'http' })).toBeNull();
    expect(await hsts({ trustProxy: 1 }, { 'x-forwarded-proto': 'https' })).toBeNull();
  });
});
