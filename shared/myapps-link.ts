// The tenant's My Apps address: the one catalogue link the sign-in page's content script needs (its fallback when
// a request cannot be rebuilt), kept apart from links.ts so the whole catalogue does not ship with the page.
import { isGuid } from './tenant-core.ts';

/** My Apps for an already validated tenant value: `?tenantid=<guid>` for a GUID, `/<domain>` for a domain. */
export function myAppsUrl(tenantValue: string): string {
  return isGuid(tenantValue) ? `https://myapps.microsoft.com/?tenantid=${tenantValue}` : `https://myapps.microsoft.com/${tenantValue}`;
}
