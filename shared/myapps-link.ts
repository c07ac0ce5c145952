// The tenant's My Apps address: the one catalogue link the in-page chooser's decisions need (its fallback when a
// request cannot be rebuilt; decided in the service worker), kept apart from links.ts so the catalogue stays out.
import { isGuid } from './tenant-core.ts';

/** My Apps for an already validated tenant value: `?tenantid=<guid>` for a GUID, `/<domain>` for a domain. */
export function myAppsUrl(tenantValue: string): string {
  return isGuid(tenantValue) ? `https://myapps.microsoft.com/?tenantid=${tenantValue}` : `https://myapps.microsoft.com/${tenantValue}`;
}
