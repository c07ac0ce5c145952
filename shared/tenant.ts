// Tenant identifiers as people type them: a GUID, name.onmicrosoft.com, or a verified custom domain.
// CONTRACT (implementation pending): parseTenant never throws; it declines with a reason.

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

export function parseTenant(input: string): TenantParseResult {
  void input;
  throw new Error('parseTenant: implementation pending');
}
