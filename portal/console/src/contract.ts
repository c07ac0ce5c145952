// What the console expects from the portal's admin API (routes/admin-api.ts). Every field the console shows is read
// defensively: an API that answers less shows less, never breaks a view.

/** `GET /admin/api/config` (public): the tenants an admin may sign in to, and how. */
export interface ConsoleTenant {
  key: string;
  displayName: string;
  tenantId: string;
  /** The portal's app registration in that tenant (the console signs in with it: SPA platform). */
  clientId: string;
  /** `https://login.microsoftonline.com/<tenantId>`: the tenant's own authority, never `common`. */
  authority: string;
  /** `api://<clientId>/Guestpass.Manage`: the admin API's delegated scope. */
  scope: string;
  /** Graph as the browser reaches it (default https://graph.microsoft.com). */
  graphBaseUrl?: string;
  /** The catalogue link kinds the tenant offers (shared/links.ts); default: the ones every tenant has. */
  links?: string[];
  domain?: string;
  appId?: string;
  sharepointUrl?: string;
}

export interface ConsoleConfig {
  tenants: ConsoleTenant[];
  /** Graph as the browser reaches it, for every tenant (a tenant's own value wins). */
  graphBaseUrl?: string;
}

/** RFC 9457 problem details, as the admin API answers every refusal. */
export interface Problem {
  type?: string;
  title?: string;
  status?: number;
  detail?: string;
}

export const ROLE_ADMIN = 'Guestpass.Admin';
export const ROLE_APPROVER = 'Guestpass.Approver';
