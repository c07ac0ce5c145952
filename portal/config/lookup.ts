// Finding configured tenants at run time (the configuration itself is validated once, at start-up).
import { parseTenant, type Tenant } from '../../shared/tenant.ts';
import type { TenantConfig } from './types.ts';

/** A tenant for building catalogue links: the GUID when known (some clients need it), else the domain. */
export function linkTenant(tenant: TenantConfig): Tenant {
  const parsed = parseTenant(tenant.tenantId ?? tenant.domain ?? tenant.key);
  if (!parsed.ok) throw new Error(`tenant ${tenant.key} was validated at start-up but no longer parses`);
  return parsed.tenant;
}

/** The configured tenant a URL segment names (its key, GUID or domain, in any case), if any. */
export function findTenant(tenants: readonly TenantConfig[], segment: string): TenantConfig | undefined {
  const parsed = parseTenant(segment);
  if (!parsed.ok) return undefined;
  const value = parsed.tenant.value;
  return tenants.find((t) => t.key === value || t.tenantId === value || t.domain === value);
}
