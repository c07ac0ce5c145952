// Send the *same* sign-in request to the host tenant instead of /common/. CONTRACT (implementation pending).
import type { Tenant } from './tenant.ts';

/** The only hosts a rewrite may ever produce. */
export const SIGN_IN_HOSTS: readonly string[] = ['login.microsoftonline.com'];

export type RewriteDeclineReason =
  | 'not-a-url'
  | 'host-not-allowed'
  | 'consumers-endpoint'
  | 'already-tenant-specific'
  | 'unsupported-path' // not an authorize / SAML / WS-Fed path we understand
  | 'opaque-request'; // e.g. a posted form (/common/login, /common/reprocess) whose context cannot be rebuilt

export type RewriteResult =
  | { action: 'reroute'; url: string }
  | { action: 'fallback'; url: string; reason: RewriteDeclineReason } // url = tenant's My Apps link
  | { action: 'none'; reason: RewriteDeclineReason };

export interface RewriteOptions {
  loginHint?: string; // the address the guest typed
}

export function rewriteAuthority(url: string, tenant: Tenant, options?: RewriteOptions): RewriteResult {
  void url; void tenant; void options;
  throw new Error('rewriteAuthority: implementation pending');
}

/** Which tenant segment (if any) a sign-in URL addresses: 'common' | 'organizations' | 'consumers' | a tenant | none. */
export type AuthoritySegment =
  | { kind: 'common' | 'organizations' | 'consumers' }
  | { kind: 'tenant'; tenant: Tenant }
  | { kind: 'none' };

export function authorityOf(url: string): AuthoritySegment {
  void url;
  throw new Error('authorityOf: implementation pending');
}

/** Learn a tenant from a tenant-specific sign-in URL or a redemption link (/redeem?rd=…tenant=…). */
export type LearnResult =
  | { action: 'learn'; tenant: Tenant; source: 'tenant-url' | 'redemption-link' }
  | { action: 'none'; reason: 'not-a-url' | 'host-not-allowed' | 'generic-endpoint' | 'no-tenant' | 'invalid-tenant' };

export function learnTenantFromUrl(url: string): LearnResult {
  void url;
  throw new Error('learnTenantFromUrl: implementation pending');
}
