// GUESTPASS_TRUST_PROXY: which proxies in front of the portal may tell it the client's address (X-Forwarded-For) and
// scheme (X-Forwarded-Proto). A number of hops, or the proxies' own addresses/CIDRs — never "every hop": with `true`
// any client could put any address in X-Forwarded-For and pick its own per-IP rate-limit bucket.
import ipaddr from 'ipaddr.js';
import { ConfigError } from './types.ts';

const KEY = 'GUESTPASS_TRUST_PROXY';
/** proxy-addr's (Express's) named ranges. */
const NAMED = new Set(['loopback', 'linklocal', 'uniquelocal']);
const MAX_HOPS = 10;

/** false (no proxy: the socket's peer is the client), a hop count, or the trusted proxies' addresses and ranges. */
export type TrustProxy = false | number | readonly string[];

export function parseTrustProxy(raw: string | undefined): TrustProxy {
  const v = raw?.trim() ?? '';
  if (v === '' || v === 'false' || v === '0') return false;
  if (v === 'true') {
    throw new ConfigError(
      KEY,
      'must not be "true": that trusts every hop, so any client could choose its own address with X-Forwarded-For ' +
        '(and its own rate-limit bucket). Give the number of proxies in front of the portal (e.g. 1), or their ' +
        'addresses/CIDRs (e.g. "10.0.0.0/8, loopback")',
    );
  }
  if (/^\d+$/.test(v)) {
    const hops = Number(v);
    if (hops > MAX_HOPS) throw new ConfigError(KEY, `must be at most ${MAX_HOPS} hops, got ${hops}`);
    return hops;
  }
  const items = v.split(',').map((s) => s.trim());
  for (const item of items) {
    const [address = '', bits, extra] = item.split('/');
    const bitsOk = bits === undefined || (/^\d{1,3}$/.test(bits) && isCidr(item));
    if (NAMED.has(item) || (extra === undefined && bitsOk && isAddress(address))) continue;
    throw new ConfigError(
      KEY,
      `"${item}" is not a hop count, an IP address, a CIDR range (10.0.0.0/8, fd00::/8) or one of ${[...NAMED].join(', ')}`,
    );
  }
  return items;
}

/** Dotted-quad IPv4 (not the classful shorthands such as "1.2.3" that inet_aton allows) or IPv6. */
function isAddress(value: string): boolean {
  return ipaddr.IPv4.isValidFourPartDecimal(value) || ipaddr.IPv6.isValid(value);
}

function isCidr(value: string): boolean {
  try {
    ipaddr.parseCIDR(value);
    return true;
  } catch {
    return false;
  }
}
