// GetCredentialType's EstsProperties.DomainType for a typed address (real-behaviour §3): 3 Managed for a verified
// domain of an emulated tenant, 2 Consumer for the big personal-mail domains, 1 Unknown for everything else.
// (Federated 4 and CloudFederated 5 are not emulated.) The unknown-address message follows from it (§2).
import type { EmulatorState } from '../directory.ts';

export type DomainType = 1 | 2 | 3 | 4 | 5;

const CONSUMER_DOMAINS = new Set([
  'gmail.com', 'googlemail.com', 'outlook.com', 'hotmail.com', 'live.com', 'msn.com', 'yahoo.com', 'yahoo.co.jp', 'icloud.com', 'aol.com',
]);

export function domainTypeOf(state: EmulatorState, address: string): DomainType {
  const domain = address.trim().split('@')[1]?.toLowerCase().replace(/\.$/, '') ?? '';
  if (state.tenants.some((t) => t.domains.some((d) => d.toLowerCase() === domain))) return 3;
  if (CONSUMER_DOMAINS.has(domain)) return 2;
  return 1;
}

/** real-behaviour §2: an unknown user at an Entra-verified domain gets "may be incorrect", anyone else "couldn't find". */
export function isEntraDomainType(type: DomainType): boolean {
  return type === 3 || type === 4 || type === 5;
}
