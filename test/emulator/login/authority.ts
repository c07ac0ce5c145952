// Which directory a path's first segment addresses: a generic endpoint (common / organizations / consumers),
// an emulated tenant (by GUID or verified domain), or neither (facts §2, §4).
import type { EmulatedTenant, EmulatorState } from '../directory.ts';

/** The tenant id Microsoft uses for personal (MSA) accounts. */
export const CONSUMERS_TENANT_ID = '9188040d-6c67-4c5b-b112-36a304b66dad';

export type AuthorityResolution =
  | { kind: 'generic'; name: 'common' | 'organizations' | 'consumers' }
  | { kind: 'tenant'; tenant: EmulatedTenant; segment: string }
  | { kind: 'unknown'; segment: string; malformed: boolean };

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DNS_NAME = /^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/i;

export function resolveAuthority(state: EmulatorState, segment: string): AuthorityResolution {
  const lower = segment.toLowerCase();
  if (lower === 'common' || lower === 'organizations' || lower === 'consumers') return { kind: 'generic', name: lower };
  const tenant = state.findTenant(segment);
  if (tenant) return { kind: 'tenant', tenant, segment };
  return { kind: 'unknown', segment, malformed: !GUID.test(segment) && !DNS_NAME.test(segment) };
}

/** The host names this emulator answers for; a request's Host outside this list is not echoed into documents. */
export function requestOrigin(host: string | undefined, fallbackOrigin: string): string {
  if (!host) return fallbackOrigin;
  const name = host.replace(/:\d+$/, '').toLowerCase();
  const known = ['login.microsoftonline.com', 'graph.microsoft.com', 'myapps.microsoft.com', 'localhost', '127.0.0.1'];
  if (!known.includes(name) || !/^[a-z0-9.\-]+(:\d{1,5})?$/i.test(host)) return fallbackOrigin;
  return `https://${host.toLowerCase()}`;
}
