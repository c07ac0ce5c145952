// The public part of the configuration the admin console needs before anyone signs in (`GET /admin/api/config`): per
// tenant with a portal app registration, its key and name, the app's client id, the tenant's OWN authority (never
// `common`: an admin of one tenant signs in there and nowhere else) and the admin API's scope. No secrets, nothing a
// tenant's own sign-in page would not show anyway.
import { browserEndpoints } from './config/browser-endpoints.ts';
import type { PortalConfig } from './config/index.ts';

/** The delegated scope the portal app exposes for its admin API (admin guide: Expose an API). */
export const ADMIN_API_SCOPE_NAME = 'Guestpass.Manage';

export interface ConsoleTenantConfig {
  key: string;
  displayName: string;
  tenantId: string;
  clientId: string;
  authority: string;
  scope: string;
  graphBaseUrl: string;
  links: string[];
  domain?: string;
  appId?: string;
  sharepointUrl?: string;
}

export function consoleTenants(config: Pick<PortalConfig, 'tenants' | 'graph' | 'browser'>): ConsoleTenantConfig[] {
  const { loginBaseUrl, graphBaseUrl } = browserEndpoints(config);
  return config.tenants.flatMap((t) => {
    const clientId = t.credentials?.clientId;
    const tenantId = t.tenantId;
    // The console needs the tenant's GUID (tokens name it in `tid`) and the portal's app registration there.
    if (!clientId || !tenantId) return [];
    return [
      {
        key: t.key,
        displayName: t.displayName,
        tenantId,
        clientId,
        authority: `${loginBaseUrl}/${tenantId}`,
        scope: `api://${clientId}/${ADMIN_API_SCOPE_NAME}`,
        graphBaseUrl,
        links: [...t.links],
        ...(t.domain ? { domain: t.domain } : {}),
        ...(t.appId ? { appId: t.appId } : {}),
        ...(t.sharepointUrl ? { sharepointUrl: t.sharepointUrl } : {}),
      },
    ];
  });
}
