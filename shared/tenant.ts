// Tenant identifiers as people type them: a GUID, name.onmicrosoft.com, or a verified custom domain.
// parseTenant never throws; it declines with a reason and a message a person can act on.
// IDN → punycode uses the WHATWG URL parser (`new URL('https://' + host).hostname`), which browsers, jsdom and
// Node all implement (UTS #46 mapping + punycode); no node: import, so this also runs in the content script.

export type TenantKind = 'guid' | 'onmicrosoft' | 'domain';

/** A validated, normalised tenant: `value` is lower-case (GUID) or lower-case punycode (domains), no trailing dot. */
export interface Tenant {
  readonly kind: TenantKind;
  readonly value: string;
}

export type TenantRejectReason =
  | 'empty'
  | 'reserved' // common, organizations, consumers
  | 'ip-address'
  | 'has-port'
  | 'has-path'
  | 'has-userinfo'
  | 'has-scheme'
  | 'label-too-long' // > 63
  | 'name-too-long' // > 253
  | 'invalid-characters'
  | 'single-label'; // "contoso" alone is not a tenant

export type TenantParseResult =
  | { ok: true; tenant: Tenant }
  | { ok: false; reason: TenantRejectReason; message: string };

/** Path segments that address "any tenant" rather than one: never a tenant of their own. */
export const RESERVED_TENANT_NAMES: readonly string[] = ['common', 'organizations', 'consumers'];

/**
 * The tenant id of personal Microsoft accounts (the `tid` of MSA tokens; Microsoft's v2 protocol docs say to use
 * `domain_hint=consumers` for it): `consumers` under another name, so never a host tenant.
 */
export const CONSUMER_TENANT_ID = '9188040d-6c67-4c5b-b112-36a304b66dad';

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const SCHEME = /^[a-z][a-z0-9+.-]*:\/\//i;
const KNOWN_SCHEME = /^(?:https?|ftp|mailto|javascript|data|file|ws|wss):/i;
const LDH_LABEL = /^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/;
const NUMERIC_LABEL = /^(?:\d+|0x[0-9a-f]*)$/i;
// Longer than any name could be even before IDN mapping; stops work on pasted megabytes early.
const MAX_RAW_LENGTH = 1024;

/** True when `value` is a GUID in the 8-4-4-4-12 form (any case, no braces). */
export function isGuid(value: string): boolean {
  return GUID.test(value);
}

export type DomainNameResult =
  | { ok: true; domain: string }
  | { ok: false; reason: Exclude<TenantRejectReason, 'reserved' | 'single-label'>; message: string };

/** Normalise a bare DNS name (IDN → lower-case punycode, one trailing dot dropped) and check label/name limits. */
export function normaliseDomainName(input: string): DomainNameResult {
  const raw = input.trim();
  if (raw === '') return { ok: false, reason: 'empty', message: 'Enter a domain name.' };
  if (raw.length > MAX_RAW_LENGTH) return { ok: false, reason: 'name-too-long', message: 'That name is longer than 253 characters.' };
  if (SCHEME.test(raw) || KNOWN_SCHEME.test(raw)) {
    return { ok: false, reason: 'has-scheme', message: 'Enter only the name, without "https://" or another scheme.' };
  }
  if (raw.includes('@')) {
    return { ok: false, reason: 'has-userinfo', message: 'Enter the organisation’s domain, not an email address or "user@" prefix.' };
  }
  if (/[/\\?#]/.test(raw)) return { ok: false, reason: 'has-path', message: 'Enter only the name, without a path, "?" or "#".' };
  if (raw.startsWith('[') || (raw.match(/:/g) ?? []).length >= 2) {
    return { ok: false, reason: 'ip-address', message: 'An IP address is not a tenant: enter a domain name or tenant ID.' };
  }
  if (raw.includes(':')) return { ok: false, reason: 'has-port', message: 'Enter only the name, without a ":port".' };
  if (/[\s\u0000-\u001f\u007f]/.test(raw)) {
    return { ok: false, reason: 'invalid-characters', message: 'The name contains spaces or control characters.' };
  }
  // The URL parser would decode "%74" into "t": a typed name never needs escapes, so refuse rather than decode.
  if (raw.includes('%')) return { ok: false, reason: 'invalid-characters', message: 'The name contains "%".' };
  const withoutDot = raw.endsWith('.') ? raw.slice(0, -1) : raw;
  const lastLabel = withoutDot.slice(withoutDot.lastIndexOf('.') + 1);
  // The URL parser would turn "10.1" or "0x7f.1" into an IPv4 address; say so instead.
  if (withoutDot !== '' && NUMERIC_LABEL.test(lastLabel)) {
    return { ok: false, reason: 'ip-address', message: 'An IP address is not a tenant: enter a domain name or tenant ID.' };
  }
  let host: string;
  try {
    host = new URL(`https://${withoutDot}/`).hostname;
  } catch {
    return { ok: false, reason: 'invalid-characters', message: 'That is not a valid domain name.' };
  }
  // IDN mapping can itself produce a trailing dot (e.g. from an ideographic full stop).
  if (host.endsWith('.') && !withoutDot.endsWith('.')) host = host.slice(0, -1);
  if (host.startsWith('[') || /^\d+\.\d+\.\d+\.\d+$/.test(host)) {
    return { ok: false, reason: 'ip-address', message: 'An IP address is not a tenant: enter a domain name or tenant ID.' };
  }
  if (host.length > 253) return { ok: false, reason: 'name-too-long', message: 'That name is longer than 253 characters.' };
  const labels = host.split('.');
  for (const label of labels) {
    if (label.length > 63) {
      return { ok: false, reason: 'label-too-long', message: 'One part of that name (between dots) is longer than 63 characters.' };
    }
    if (!LDH_LABEL.test(label)) {
      return { ok: false, reason: 'invalid-characters', message: 'A domain name may contain only letters, digits and hyphens between dots.' };
    }
  }
  return { ok: true, domain: host };
}

/** Parse what a person typed into a validated tenant (GUID, name.onmicrosoft.com or verified domain), or decline with a reason. */
export function parseTenant(input: string): TenantParseResult {
  if (typeof input !== 'string') return { ok: false, reason: 'empty', message: 'Enter a tenant ID or domain.' };
  const raw = input.trim();
  if (raw === '') return { ok: false, reason: 'empty', message: 'Enter a tenant ID or domain.' };
  if (isGuid(raw)) {
    const value = raw.toLowerCase();
    if (value === CONSUMER_TENANT_ID) {
      return { ok: false, reason: 'reserved', message: 'That ID is Microsoft’s tenant for personal accounts, not an organisation.' };
    }
    return { ok: true, tenant: { kind: 'guid', value } };
  }
  const bare = raw.replace(/\.$/, '').toLowerCase();
  if (RESERVED_TENANT_NAMES.includes(bare)) {
    return {
      ok: false,
      reason: 'reserved',
      message: `"${bare}" stands for any organisation, not one: enter the organisation’s tenant ID or domain.`,
    };
  }
  const domain = normaliseDomainName(raw);
  if (!domain.ok) {
    const message = domain.reason === 'empty' ? 'Enter a tenant ID or domain.' : domain.message;
    return { ok: false, reason: domain.reason, message };
  }
  const value = domain.domain;
  const labels = value.split('.');
  if (labels.length < 2) {
    return {
      ok: false,
      reason: 'single-label',
      message: `"${value}" is not a full domain: try "${value}.onmicrosoft.com" or the organisation’s own domain.`,
    };
  }
  if (RESERVED_TENANT_NAMES.includes(value)) {
    return { ok: false, reason: 'reserved', message: `"${value}" stands for any organisation, not one.` };
  }
  if (value === 'onmicrosoft.com') {
    return { ok: false, reason: 'reserved', message: 'Enter the organisation’s name in front: "name.onmicrosoft.com".' };
  }
  const kind: TenantKind = labels.length === 3 && value.endsWith('.onmicrosoft.com') ? 'onmicrosoft' : 'domain';
  return { ok: true, tenant: { kind, value } };
}

/** True when two tenants are the same identifier (both already normalised). */
export function sameTenant(a: Tenant, b: Tenant): boolean {
  return a.value === b.value;
}
