// Stateless CSRF protection for the HTML forms (works with JavaScript off): a signed double-submit token.
// The cookie carries a random nonce; the form carries HMAC(secret, nonce). An attacker's site can neither read the
// cookie nor compute the HMAC, so it cannot produce a matching pair.
import { createHmac, createSecretKey, randomFillSync, timingSafeEqual } from 'node:crypto';

export const CSRF_COOKIE = 'gp_csrf';
export const CSRF_FIELD = 'csrf';
const NONCE = /^[A-Za-z0-9_-]{22,64}$/;

export interface CsrfIssue {
  token: string;
  /** Set-Cookie value to send when the request had no usable nonce yet. */
  setCookie?: string;
}

export type CsrfCheck = { ok: true } | { ok: false; reason: 'no-cookie' | 'no-token' | 'mismatch' };

export interface Csrf {
  issue(cookieHeader: string | undefined): CsrfIssue;
  verify(cookieHeader: string | undefined, token: unknown): CsrfCheck;
}

const NONCE_BYTES = 24;
const POOL_NONCES = 128;

/** `path`: the portal's path prefix ('' for none): the cookie is sent to the portal's pages only. */
export function createCsrf(options: { secret: string; secureCookie: boolean; path?: string }): Csrf {
  const key = createSecretKey(Buffer.from(options.secret, 'utf8')); // prepared once, not per signature
  const sign = (nonce: string) => createHmac('sha256', key).update(`guestpass-csrf:${nonce}`).digest('base64url');
  // Nonces are cut from a pool of CSPRNG bytes filled 128 at a time (as crypto.randomUUID does): each byte is used
  // once, so a nonce is as unpredictable as with randomBytes(24) per request, minus a system call per first visit.
  const cookieAttributes = [`Path=${options.path || '/'}`, 'HttpOnly', 'SameSite=Strict', 'Max-Age=86400', ...(options.secureCookie ? ['Secure'] : [])].join('; ');
  const pool = Buffer.alloc(NONCE_BYTES * POOL_NONCES);
  let offset = pool.length;
  const newNonce = () => {
    if (offset === pool.length) {
      randomFillSync(pool);
      offset = 0;
    }
    const nonce = pool.toString('base64url', offset, offset + NONCE_BYTES);
    offset += NONCE_BYTES;
    return nonce;
  };
  return {
    issue(cookieHeader) {
      const existing = readCookie(cookieHeader, CSRF_COOKIE);
      if (existing && NONCE.test(existing)) return { token: sign(existing) };
      const nonce = newNonce();
      return { token: sign(nonce), setCookie: `${CSRF_COOKIE}=${nonce}; ${cookieAttributes}` };
    },
    verify(cookieHeader, token) {
      const nonce = readCookie(cookieHeader, CSRF_COOKIE);
      if (!nonce || !NONCE.test(nonce)) return { ok: false, reason: 'no-cookie' };
      if (typeof token !== 'string' || token.length === 0 || token.length > 128) return { ok: false, reason: 'no-token' };
      const expected = Buffer.from(sign(nonce));
      const given = Buffer.from(token);
      if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { ok: false, reason: 'mismatch' };
      return { ok: true };
    },
  };
}

/** The value of one cookie from a Cookie header (first occurrence), without decoding. */
export function readCookie(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}
