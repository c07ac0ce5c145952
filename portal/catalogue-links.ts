// A configured tenant's catalogue links (shared/links.ts), built for that tenant and re-checked against each link's
// own hosts before the portal shows or redirects to one.
import { findLink, urlOnHosts, type LinkDefinition, type LinkKind } from '../shared/links.ts';
import { linkTenant, type TenantConfig } from './config/index.ts';
import type { View } from './pages/layout.tsx';
import type { LinkView } from './pages/tenant.tsx';

/** The link definition for `kind` when this tenant offers it. */
export function offeredLink(tenant: TenantConfig, kind: string): LinkDefinition | undefined {
  const def = findLink(kind);
  return def && tenant.links.includes(def.kind) ? def : undefined;
}

/** Builds a catalogue link and re-checks the result against the catalogue's own hosts (fail closed). */
export function catalogueUrl(tenant: TenantConfig, def: LinkDefinition, loginHint?: string): string | undefined {
  const built = def.build(linkTenant(tenant), {
    ...(loginHint ? { loginHint } : {}),
    ...(tenant.appId ? { appId: tenant.appId } : {}),
    ...(tenant.sharepointUrl ? { sharepointUrl: tenant.sharepointUrl } : {}),
  });
  if (!built.ok) return undefined;
  return urlOnHosts(built.url, def.hosts) ? built.url : undefined;
}

export function myAppsUrl(tenant: TenantConfig, loginHint?: string): string {
  const def = findLink('myapps');
  const url = def ? catalogueUrl(tenant, def, def.acceptsLoginHint ? loginHint : undefined) : undefined;
  return url ?? 'https://myapps.microsoft.com/';
}

/** The tenant's links as the landing page lists them (in the language of `v`). */
export function tenantLinks(tenant: TenantConfig, v: View): LinkView[] {
  const out: LinkView[] = [];
  for (const kind of tenant.links) {
    const def = findLink(kind);
    const url = def ? catalogueUrl(tenant, def) : undefined;
    if (!def || !url) continue;
    out.push({ kind: def.kind, name: v.m.linkNames[def.kind], description: v.m.linkDescriptions[def.kind], url });
  }
  return out;
}
