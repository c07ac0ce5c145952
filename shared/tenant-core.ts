// The lean core of tenant parsing: the same checks as tenant.ts, but declines carry only a reason and the index of
// the sentence for people (`say`), never the sentence itself. The service worker's decisions need the verdict only;
// tenant.ts wraps these with the English messages for the options page and the portal.

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

/**
 * Which sentence tenant.ts shows for a decline: a number, so no text ships with the core.
 * tenant.ts keys its English messages by these.
 */
export type Say = number;
export const SAY_ENTER_DOMAIN = 0;
export const SAY_TOO_LONG = 1;
export const SAY_SCHEME = 2;
export const SAY_USERINFO = 3;
export const SAY_PATH = 4;
export const SAY_IP = 5;
export const SAY_PORT = 6;
export const SAY_SPACES = 7;
export const SAY_PERCENT = 8;
export const SAY_NOT_A_DOMAIN = 9;
export const SAY_LABEL_TOO_LONG = 10;
export const SAY_LDH = 11;
export const SAY_ENTER_TENANT = 12;
export const SAY_CONSUMER_ID = 13;
export const SAY_RESERVED_BARE = 14;
export const SAY_SINGLE_LABEL = 15;
export const SAY_RESERVED_VALUE = 16;
export const SAY_ONMICROSOFT_ALONE = 17;

export type DomainCheck =
  | { ok: true; domain: string }
  | { ok: false; reason: Exclude<TenantRejectReason, 'reserved' | 'single-label'>; say: Say };

export type TenantCheck = { ok: true; tenant: Tenant } | { ok: false; reason: TenantRejectReason; say: Say; value?: string };

/** Path segments that address "any tenant" rather than one: never a tenant of their own. */
export const RESERVED_TENANT_NAMES: readonly string[] = ['common', 'organizations', 'consumers'];

/**
 * The tenant id of personal Microsoft accounts (the `tid` of MSA tokens; Microsoft's v2 protocol docs say to use
 * `domain_hint=consumers` for it): `consumers` under another name, so never a host tenant.
 */
export const CONSUMER_TENANT_ID = '9188040d-6c67-4c5b-b112-36a304b66dad';

/** Whitespace or a control character: never part of a name, an address or a login hint. */
export const SPACE_OR_CONTROL = /[\s\u0000-\u001f\u007f]/;
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

type DomainReason = Exclude<TenantRejectReason, 'reserved' | 'single-label'>;
const no = (reason: DomainReason, say: Say): DomainCheck => ({ ok: false, reason, say });

/** Normalise a bare DNS name (IDN → lower-case punycode, one trailing dot dropped) and check label/name limits. */
export function checkDomainName(input: string): DomainCheck {
  const raw = input.trim();
  if (raw === '') return no('empty', SAY_ENTER_DOMAIN);
  if (raw.length > MAX_RAW_LENGTH) return no('name-too-long', SAY_TOO_LONG);
  if (SCHEME.test(raw) || KNOWN_SCHEME.test(raw)) return no('has-scheme', SAY_SCHEME);
  if (raw.includes('@')) return no('has-userinfo', SAY_USERINFO);
  if (/[/\\?#]/.test(raw)) return no('has-path', SAY_PATH);
  if (raw.startsWith('[') || (raw.match(/:/g) ?? []).length >= 2) return no('ip-address', SAY_IP);
  if (raw.includes(':')) return no('has-port', SAY_PORT);
  if (SPACE_OR_CONTROL.test(raw)) return no('invalid-characters', SAY_SPACES);
  // The URL parser would decode "%74" into "t": a typed name never needs escapes, so refuse rather than decode.
  if (raw.includes('%')) return no('invalid-characters', SAY_PERCENT);
  const withoutDot = raw.endsWith('.') ? raw.slice(0, -1) : raw;
  const lastLabel = withoutDot.slice(withoutDot.lastIndexOf('.') + 1);
  // The URL parser would turn "10.1" or "0x7f.1" into an IPv4 address; say so instead.
  if (withoutDot !== '' && NUMERIC_LABEL.test(lastLabel)) return no('ip-address', SAY_IP);
  let host: string;
  try {
    host = new URL(`https://${withoutDot}/`).hostname;
  } catch {
    return no('invalid-characters', SAY_NOT_A_DOMAIN);
  }
  // IDN mapping can itself produce a trailing dot (e.g. from an ideographic full stop).
  if (host.endsWith('.') && !withoutDot.endsWith('.')) host = host.slice(0, -1);
  if (host.startsWith('[') || /^\d+\.\d+\.\d+\.\d+$/.test(host)) return no('ip-address', SAY_IP);
  if (host.length > 253) return no('name-too-long', SAY_TOO_LONG);
  for (const label of host.split('.')) {
    if (label.length > 63) return no('label-too-long', SAY_LABEL_TOO_LONG);
    if (!LDH_LABEL.test(label)) return no('invalid-characters', SAY_LDH);
  }
  return { ok: true, domain: host };
}

/** Parse what a person typed into a validated tenant (GUID, name.onmicrosoft.com or verified domain), or decline with a reason. */
export function checkTenant(input: string): TenantCheck {
  if (typeof input !== 'string') return { ok: false, reason: 'empty', say: SAY_ENTER_TENANT };
  const raw = input.trim();
  if (raw === '') return { ok: false, reason: 'empty', say: SAY_ENTER_TENANT };
  if (isGuid(raw)) {
    const value = raw.toLowerCase();
    if (value === CONSUMER_TENANT_ID) return { ok: false, reason: 'reserved', say: SAY_CONSUMER_ID };
    return { ok: true, tenant: { kind: 'guid', value } };
  }
  const bare = raw.replace(/\.$/, '').toLowerCase();
  if (RESERVED_TENANT_NAMES.includes(bare)) return { ok: false, reason: 'reserved', say: SAY_RESERVED_BARE, value: bare };
  const domain = checkDomainName(raw);
  if (!domain.ok) return { ok: false, reason: domain.reason, say: domain.reason === 'empty' ? SAY_ENTER_TENANT : domain.say };
  const value = domain.domain;
  const labels = value.split('.');
  if (labels.length < 2) return { ok: false, reason: 'single-label', say: SAY_SINGLE_LABEL, value };
  if (RESERVED_TENANT_NAMES.includes(value)) return { ok: false, reason: 'reserved', say: SAY_RESERVED_VALUE, value };
  if (value === 'onmicrosoft.com') return { ok: false, reason: 'reserved', say: SAY_ONMICROSOFT_ALONE };
  const kind: TenantKind = labels.length === 3 && value.endsWith('.onmicrosoft.com') ? 'onmicrosoft' : 'domain';
  return { ok: true, tenant: { kind, value } };
}
