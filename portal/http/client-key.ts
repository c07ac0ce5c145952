// The client a per-IP rate limit counts: an IPv4 address, or the /64 an IPv6 address is in. One IPv6 subscriber or
// host usually holds a whole /64 (RFC 6177 / RFC 7421: SLAAC and privacy addresses are chosen freely inside it), so
// counting single IPv6 addresses would give a client 2^64 buckets. IPv4-mapped IPv6 (`::ffff:203.0.113.7`, what a
// dual-stack socket reports for an IPv4 peer) is the IPv4 address it carries.
import ipaddr from 'ipaddr.js';

export function clientKey(ip: string | undefined): string {
  if (!ip || !ipaddr.isValid(ip)) return 'unknown';
  const addr = ipaddr.process(ip);
  if (addr.kind() === 'ipv4') return addr.toString();
  const bytes = addr.toByteArray().slice(0, 8).concat([0, 0, 0, 0, 0, 0, 0, 0]);
  return `${ipaddr.fromByteArray(bytes).toString()}/64`;
}
