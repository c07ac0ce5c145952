// Tenant identifiers as people type them: a GUID, name.onmicrosoft.com, or a verified custom domain.
// parseTenant never throws; it declines with a reason and a message a person can act on.
// IDN → punycode uses the WHATWG URL parser (`new URL('https://' + host).hostname`), which browsers, jsdom and
// Node all implement (UTS #46 mapping + punycode); no node: import, so it runs in every extension context.
// The checks live in tenant-core.ts (reason only, what the service worker's decisions need); this module adds
// the sentences for people.
import {
  checkDomainName,
  checkTenant,
  SAY_CONSUMER_ID,
  SAY_ENTER_DOMAIN,
  SAY_ENTER_TENANT,
  SAY_IP,
  SAY_LABEL_TOO_LONG,
  SAY_LDH,
  SAY_NOT_A_DOMAIN,
  SAY_ONMICROSOFT_ALONE,
  SAY_PATH,
  SAY_PERCENT,
  SAY_PORT,
  SAY_RESERVED_BARE,
  SAY_RESERVED_VALUE,
  SAY_SCHEME,
  SAY_SINGLE_LABEL,
  SAY_SPACES,
  SAY_TOO_LONG,
  SAY_USERINFO,
  type Say,
  type Tenant,
  type TenantRejectReason,
} from './tenant-core.ts';

export { CONSUMER_TENANT_ID, isGuid, RESERVED_TENANT_NAMES } from './tenant-core.ts';
export type { Tenant, TenantKind, TenantRejectReason } from './tenant-core.ts';

export type TenantParseResult =
  | { ok: true; tenant: Tenant }
  | { ok: false; reason: TenantRejectReason; message: string };

export type DomainNameResult =
  | { ok: true; domain: string }
  | { ok: false; reason: Exclude<TenantRejectReason, 'reserved' | 'single-label'>; message: string };

const IP_MESSAGE = 'An IP address is not a tenant: enter a domain name or tenant ID.';

/** The sentence for each decline (`value`: the normalised name the decline is about, where it has one). */
const MESSAGES: Record<Say, (value: string) => string> = {
  [SAY_ENTER_DOMAIN]: () => 'Enter a domain name.',
  [SAY_TOO_LONG]: () => 'That name is longer than 253 characters.',
  [SAY_SCHEME]: () => 'Enter only the name, without "https://" or another scheme.',
  [SAY_USERINFO]: () => 'Enter the organisation’s domain, not an email address or "user@" prefix.',
  [SAY_PATH]: () => 'Enter only the name, without a path, "?" or "#".',
  [SAY_IP]: () => IP_MESSAGE,
  [SAY_PORT]: () => 'Enter only the name, without a ":port".',
  [SAY_SPACES]: () => 'The name contains spaces or control characters.',
  [SAY_PERCENT]: () => 'The name contains "%".',
  [SAY_NOT_A_DOMAIN]: () => 'That is not a valid domain name.',
  [SAY_LABEL_TOO_LONG]: () => 'One part of that name (between dots) is longer than 63 characters.',
  [SAY_LDH]: () => 'A domain name may contain only letters, digits and hyphens between dots.',
  [SAY_ENTER_TENANT]: () => 'Enter a tenant ID or domain.',
  [SAY_CONSUMER_ID]: () => 'That ID is Microsoft’s tenant for personal accounts, not an organisation.',
  [SAY_RESERVED_BARE]: (v) => `"${v}" stands for any organisation, not one: enter the organisation’s tenant ID or domain.`,
  [SAY_SINGLE_LABEL]: (v) => `"${v}" is not a full domain: try "${v}.onmicrosoft.com" or the organisation’s own domain.`,
  [SAY_RESERVED_VALUE]: (v) => `"${v}" stands for any organisation, not one.`,
  [SAY_ONMICROSOFT_ALONE]: () => 'Enter the organisation’s name in front: "name.onmicrosoft.com".',
};

/** Normalise a bare DNS name (IDN → lower-case punycode, one trailing dot dropped) and check label/name limits. */
export function normaliseDomainName(input: string): DomainNameResult {
  const r = checkDomainName(input);
  return r.ok ? r : { ok: false, reason: r.reason, message: MESSAGES[r.say]!('') };
}

/** Parse what a person typed into a validated tenant (GUID, name.onmicrosoft.com or verified domain), or decline with a reason. */
export function parseTenant(input: string): TenantParseResult {
  const r = checkTenant(input);
  return r.ok ? r : { ok: false, reason: r.reason, message: MESSAGES[r.say]!(r.value ?? '') };
}

/** True when two tenants are the same identifier (both already normalised). */
export function sameTenant(a: Tenant, b: Tenant): boolean {
  return a.value === b.value;
}
