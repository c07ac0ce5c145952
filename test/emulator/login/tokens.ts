// The emulator's token-signing key and the tokens it issues. RS256 like Entra; the public key is published at
// /{tenant}/discovery/v2.0/keys so any client (jose, the portal's bearer check) verifies tokens the real way.
import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync, unlinkSync } from 'node:fs';
import { calculateJwkThumbprint, decodeJwt, exportJWK, generateKeyPair, importJWK, jwtVerify, SignJWT, type JWK, type JWTPayload } from 'jose';
import { publishOnce } from '../certs.ts';
import type { VerifiedGraphToken } from '../directory.ts';

export const GRAPH_RESOURCE = 'https://graph.microsoft.com';
export const GRAPH_APP_ID = '00000003-0000-0000-c000-000000000000';

export interface SigningKeys {
  kid: string;
  publicJwk: JWK & { kid: string; use: 'sig'; alg: 'RS256' };
  sign(claims: JWTPayload, options: { lifetimeSeconds: number; now: Date; type?: string }): Promise<string>;
  verify(token: string, options: { audience?: string | string[]; now: Date }): Promise<JWTPayload | null>;
}

/**
 * RSA key generation takes 0.3–0.7 s on this machine, so the key is cached next to the TLS material (when a file
 * is given) and reused by every emulator; a missing or unreadable file is replaced.
 */
async function loadOrCreateKeyPair(cacheFile: string | undefined): Promise<{ privateKey: CryptoKey; publicKey: CryptoKey }> {
  if (cacheFile) {
    for (let attempt = 0; attempt < 2; attempt++) {
      try {
        const jwk = JSON.parse(readFileSync(cacheFile, 'utf8')) as JWK;
        const privateKey = (await importJWK(jwk, 'RS256')) as CryptoKey;
        const { d: _d, p: _p, q: _q, dp: _dp, dq: _dq, qi: _qi, ...publicJwk } = jwk;
        return { privateKey, publicKey: (await importJWK({ ...publicJwk, ext: true }, 'RS256')) as CryptoKey };
      } catch {
        if (existsSync(cacheFile) && attempt === 0) {
          try {
            unlinkSync(cacheFile);
          } catch {
            // someone else replaced it already
          }
        }
        const pair = await generateKeyPair('RS256', { extractable: true });
        publishOnce(cacheFile, JSON.stringify(await exportJWK(pair.privateKey)));
      }
    }
  }
  return generateKeyPair('RS256', { extractable: true });
}

export async function createSigningKeys(options: { cacheFile?: string } = {}): Promise<SigningKeys> {
  const { privateKey, publicKey } = await loadOrCreateKeyPair(options.cacheFile);
  const jwk = await exportJWK(publicKey);
  const kid = await calculateJwkThumbprint(jwk);
  return {
    kid,
    publicJwk: { ...jwk, kid, use: 'sig', alg: 'RS256' },
    async sign(claims, { lifetimeSeconds, now, type = 'JWT' }) {
      const iat = Math.floor(now.getTime() / 1000);
      return new SignJWT({ ...claims })
        .setProtectedHeader({ alg: 'RS256', typ: type, kid, x5t: kid })
        .setIssuedAt(iat)
        .setNotBefore(iat)
        .setExpirationTime(iat + lifetimeSeconds)
        .setJti(randomUUID())
        .sign(privateKey);
    },
    async verify(token, { audience, now }) {
      try {
        const { payload } = await jwtVerify(token, publicKey, { algorithms: ['RS256'], audience, currentDate: now, clockTolerance: 60 });
        return payload;
      } catch {
        return null;
      }
    },
  };
}

/** Read a JWT's claims without verifying (for the request log only — never for a decision). */
export function peekClaims(token: string): JWTPayload | undefined {
  try {
    return decodeJwt(token);
  } catch {
    return undefined;
  }
}

/**
 * GraphContext.verifyAccessToken: a Graph app-only or delegated token this emulator issued — signature, audience
 * https://graph.microsoft.com (or Graph's app id), expiry, and a v1 issuer that names the token's own tenant.
 */
export function createAccessTokenVerifier(keys: SigningKeys, now: () => Date) {
  return async (token: string): Promise<VerifiedGraphToken | null> => {
    const claims = await keys.verify(token, { audience: [GRAPH_RESOURCE, GRAPH_APP_ID], now: now() });
    if (!claims) return null;
    const tid = typeof claims.tid === 'string' ? claims.tid : undefined;
    const appId = typeof claims.appid === 'string' ? claims.appid : typeof claims.azp === 'string' ? claims.azp : undefined;
    if (!tid || !appId || claims.iss !== `https://sts.windows.net/${tid}/`) return null;
    const roles = Array.isArray(claims.roles) ? claims.roles.filter((r): r is string => typeof r === 'string') : [];
    // Delegated (user) tokens carry `scp`; app-only tokens carry `roles` and idtyp=app.
    if (typeof claims.scp === 'string' && claims.idtyp !== 'app' && typeof claims.oid === 'string') {
      return { tenantId: tid, appId, roles: [], scopes: claims.scp.split(' ').filter(Boolean), userId: claims.oid };
    }
    return { tenantId: tid, appId, roles };
  };
}
