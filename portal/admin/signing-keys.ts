// The signing keys of each configured tenant, read the documented way: the tenant's v2 OpenID configuration gives
// the issuer and jwks_uri, the JWKS gives the RSA keys by `kid`. Cached per tenant; a `kid` not in the cache refreshes
// the keys at most once per minute across all requests (so forged kids cannot make the portal hammer Entra), and
// concurrent refreshes share one fetch. Only RSA signing keys are imported (RS256).
import { importJWK, type JWK } from 'jose';

export interface TenantKeys {
  issuer: string;
  key(kid: string): Promise<CryptoKey | undefined>;
}

export interface SigningKeySourceOptions {
  loginBaseUrl: string;
  now: () => Date;
  /** Minimum time between two refreshes of one tenant's keys (default 60 s). */
  refreshIntervalMs?: number;
  fetch?: typeof fetch;
  timeoutMs?: number;
}

export class KeySourceUnavailable extends Error {}

interface Cached {
  issuer: string;
  jwksUri: string;
  keys: Map<string, CryptoKey>;
  fetchedAt: number;
}

export function createSigningKeySource(options: SigningKeySourceOptions): { forTenant(tenantId: string): Promise<TenantKeys> } {
  const interval = options.refreshIntervalMs ?? 60_000;
  const doFetch = options.fetch ?? fetch;
  const timeoutMs = options.timeoutMs ?? 5_000;
  const cache = new Map<string, Cached>();
  const inFlight = new Map<string, Promise<Cached>>();

  async function getJson(url: string): Promise<unknown> {
    const res = await doFetch(url, { signal: AbortSignal.timeout(timeoutMs), headers: { accept: 'application/json' } });
    if (!res.ok) throw new KeySourceUnavailable(`${url} answered ${res.status}`);
    return res.json();
  }

  async function load(tenantId: string, previous: Cached | undefined): Promise<Cached> {
    let issuer = previous?.issuer;
    let jwksUri = previous?.jwksUri;
    if (!issuer || !jwksUri) {
      const doc = (await getJson(`${options.loginBaseUrl}/${tenantId}/v2.0/.well-known/openid-configuration`)) as { issuer?: unknown; jwks_uri?: unknown };
      if (typeof doc.issuer !== 'string' || typeof doc.jwks_uri !== 'string') throw new KeySourceUnavailable('the OpenID configuration has no issuer or jwks_uri');
      // The keys must come from the configured login host, whatever the document says.
      if (new URL(doc.jwks_uri).origin !== new URL(options.loginBaseUrl).origin) throw new KeySourceUnavailable('jwks_uri is not on the login host');
      issuer = doc.issuer.replace('{tenantid}', tenantId);
      jwksUri = doc.jwks_uri;
    }
    const jwks = (await getJson(jwksUri)) as { keys?: unknown };
    const keys = new Map<string, CryptoKey>();
    for (const jwk of Array.isArray(jwks.keys) ? (jwks.keys as JWK[]) : []) {
      if (jwk.kty !== 'RSA' || typeof jwk.kid !== 'string' || (jwk.use !== undefined && jwk.use !== 'sig')) continue;
      try {
        keys.set(jwk.kid, (await importJWK({ kty: 'RSA', n: jwk.n, e: jwk.e }, 'RS256')) as CryptoKey);
      } catch {
        // a key we cannot import is a key we do not trust
      }
    }
    return { issuer, jwksUri, keys, fetchedAt: options.now().getTime() };
  }

  function refresh(tenantId: string): Promise<Cached> {
    let pending = inFlight.get(tenantId);
    if (!pending) {
      pending = load(tenantId, cache.get(tenantId))
        .then((fresh) => {
          cache.set(tenantId, fresh);
          return fresh;
        })
        .finally(() => inFlight.delete(tenantId));
      inFlight.set(tenantId, pending);
    }
    return pending;
  }

  return {
    async forTenant(tenantId) {
      const first = cache.get(tenantId) ?? (await refresh(tenantId));
      return {
        issuer: first.issuer,
        async key(kid) {
          const current = cache.get(tenantId) ?? first;
          const known = current.keys.get(kid);
          if (known) return known;
          if (options.now().getTime() - current.fetchedAt < interval) return undefined;
          return (await refresh(tenantId)).keys.get(kid);
        },
      };
    },
  };
}
