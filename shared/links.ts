// The catalogue of tenant-specific sign-in links (facts file, section 2). CONTRACT (implementation pending).
import type { Tenant } from './tenant.ts';

export type LinkKind =
  | 'myapps' // https://myapps.microsoft.com/?tenantid=<guid> or https://myapps.microsoft.com/<domain>
  | 'myaccount' // https://myaccount.microsoft.com/?tenantId=<tenant>
  | 'azure-portal' // https://portal.azure.com/<tenant>
  | 'entra' // https://entra.microsoft.com/<tenant>
  | 'teams' // https://teams.microsoft.com/?tenantId=<tenant>
  | 'app' // https://myapps.microsoft.com/signin/<appId>?tenantId=<tenant>   (needs appId)
  | 'sharepoint' // https://<name>.sharepoint.com/sites/...                    (needs sharepointUrl)
  | 'authorize'; // https://login.microsoftonline.com/<tenant>/oauth2/v2.0/authorize?... (needs clientId, redirectUri)

export interface LinkOptions {
  loginHint?: string;
  appId?: string;
  sharepointUrl?: string;
  clientId?: string;
  redirectUri?: string;
  scope?: string;
}

export interface LinkDefinition {
  readonly kind: LinkKind;
  readonly name: string; // "My Apps"
  readonly description: string; // one sentence for people
  readonly acceptsLoginHint: boolean;
  /** Hosts this kind may ever point at (exact host names; sharepoint: suffix `.sharepoint.com`). */
  readonly hosts: readonly string[];
  build(tenant: Tenant, options?: LinkOptions): LinkBuildResult;
}

export type LinkBuildResult =
  | { ok: true; url: string }
  | { ok: false; reason: 'missing-option' | 'invalid-option' | 'requires-guid'; message: string };

export const LINK_CATALOGUE: readonly LinkDefinition[] = [];

export function findLink(kind: string): LinkDefinition | undefined {
  void kind;
  throw new Error('findLink: implementation pending');
}

/** Convenience: build a catalogue link or decline. */
export function buildLink(kind: LinkKind, tenant: Tenant, options?: LinkOptions): LinkBuildResult {
  void kind; void tenant; void options;
  throw new Error('buildLink: implementation pending');
}
