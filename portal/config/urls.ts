// The portal's public address: given (GUESTPASS_PUBLIC_URL, checked) or derived from where it listens.
import { ConfigError } from './types.ts';

export function validatePublicUrl(raw: string): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError('GUESTPASS_PUBLIC_URL', `must be an absolute http(s) URL, got "${raw}"`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new ConfigError('GUESTPASS_PUBLIC_URL', `must be an http(s) URL, got "${raw}"`);
  }
  if (url.search || url.hash || url.username || url.password) {
    throw new ConfigError('GUESTPASS_PUBLIC_URL', 'must not carry a query, fragment or credentials');
  }
  return url.origin + url.pathname.replace(/\/+$/, '');
}

/** The address a derived public URL names for a listening host (wildcards → loopback, IPv6 in brackets). */
export function derivedPublicUrl(host: string, port: number): string {
  return `http://${host === '0.0.0.0' || host === '::' ? '127.0.0.1' : hostForUrl(host)}:${port}`;
}

function hostForUrl(host: string): string {
  return host.includes(':') ? `[${host}]` : host;
}
