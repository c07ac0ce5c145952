// Keyed hashes (HMAC-SHA256 with a per-database key) for everything that must not hold an address or an IP in
// clear: rate-limit buckets, resend windows, audit records. Stable across restarts because the key lives in
// the store; useless to someone who only has a dump of the audit table and a list of guessed addresses.
import { createHmac } from 'node:crypto';

export interface AddressHasher {
  address(tenantKey: string, address: string): string;
  clientIp(ip: string): string;
}

export function createAddressHasher(key: Buffer): AddressHasher {
  const mac = (kind: string, value: string) => createHmac('sha256', key).update(`${kind}\n${value}`).digest('base64url');
  return {
    // Entra matches addresses without regard to case, so the window must too.
    address: (tenantKey, address) => mac('address', `${tenantKey}\n${address.toLowerCase()}`),
    clientIp: (ip) => mac('ip', ip),
  };
}
