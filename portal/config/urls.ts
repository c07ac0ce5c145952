// The portal's public address: GUESTPASS_PUBLIC_URL (required in live mode: it is what QR codes, the printable card
// and bookmark links carry), or in the demo derived from where it listens. It may carry a path prefix
// (`https://example.com/guests/`): the portal then serves every route under that prefix and builds every link,
// form action, redirect and asset address with it (see basePathOf).
import { ConfigError } from './types.ts';

const KEY = 'GUESTPASS_PUBLIC_URL';
const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);
/** Path segments a reverse proxy passes on unchanged: no encoding, dot segments or empty segments to disagree about. */
const PREFIX_SEGMENT = /^[A-Za-z0-9._~-]+$/;

export function validatePublicUrl(raw: string): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError(KEY, `must be an absolute https URL, got "${raw}"`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new ConfigError(KEY, `must be an https URL, got "${raw}"`);
  if (url.protocol === 'http:' && !LOOPBACK.has(url.hostname)) {
    throw new ConfigError(
      KEY,
      `must use https (guests open it from printed cards, QR codes and bookmarks); plain http is only accepted for localhost, got "${raw}"`,
    );
  }
  if (url.search || url.hash || url.username || url.password) throw new ConfigError(KEY, 'must not carry a query, fragment or credentials');
  const prefix = url.pathname.replace(/\/+$/, '');
  if (prefix && !prefix.slice(1).split('/').every((s) => PREFIX_SEGMENT.test(s) && s !== '.' && s !== '..')) {
    throw new ConfigError(KEY, `has a path prefix "${url.pathname}" with characters a proxy may rewrite; use letters, digits, "-", "_", "." and "~" between slashes`);
  }
  return url.origin + prefix;
}

/** The path prefix of a public URL ('' or e.g. '/guests'): every route is served, and every link built, under it. */
export function basePathOf(publicBaseUrl: string): string {
  return new URL(publicBaseUrl).pathname.replace(/\/+$/, '');
}

/** The address a derived public URL names for a listening host (wildcards → loopback, IPv6 in brackets). */
export function derivedPublicUrl(host: string, port: number): string {
  return `http://${host === '0.0.0.0' || host === '::' ? '127.0.0.1' : hostForUrl(host)}:${port}`;
}

function hostForUrl(host: string): string {
  return host.includes(':') ? `[${host}]` : host;
}
