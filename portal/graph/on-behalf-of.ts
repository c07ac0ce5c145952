// Microsoft Graph On-Behalf-Of the signed-in admin (issue 9: "every write goes through the admin API, which calls Graph
// on behalf of the admin"). The admin's bearer token for the portal's own API is traded with msal-node's OBO grant for
// a delegated Graph token, so Entra's own checks decide what the admin may do (their directory roles, the tenant's
// invite settings, the delegated permissions consented to the portal app) — the portal's application permissions
// never stand in for an admin's missing right.
//
// Tokens live only in msal's in-memory cache (keyed by the assertion): never stored, never logged. One confidential
// client per tenant, created on first use and kept by the factory, not by the module (tests get fresh ones).
import type { ConfidentialClientApplication } from '@azure/msal-node';
import type { AuthenticationProvider, Client } from '@microsoft/microsoft-graph-client';
import type { TenantConfig } from '../config/index.ts';
import type { GraphBudget } from './budget.ts';
import { createAppTokenClient, createGraphClient, type GraphEndpoints } from './client.ts';

const GRAPH_DEFAULT_SCOPE = 'https://graph.microsoft.com/.default';

export interface OnBehalfOfGraph {
  /** A delegated Graph access token for the admin whose API token `assertion` is (msal caches it per assertion). */
  token(tenant: TenantConfig, assertion: string): Promise<string>;
  /**
   * A graph-client Client acting as that admin (same middleware chain as the app-only client: no hidden retries).
   * With `budget`, every request first takes from the tenant's shared Graph budget (callers that don't take it
   * themselves: the admin API's own calls).
   */
  client(tenant: TenantConfig, assertion: string, options?: { budget?: GraphBudget }): Client;
}

/** `budget`: the tenants' shared Graph budget (graph/budgeted.ts) — each call takes from it, a Retry-After pauses the tenant. */
export function createOnBehalfOfGraph(endpoints: GraphEndpoints, options: { timeoutMs?: number; budget?: GraphBudget; now?: () => number } = {}): OnBehalfOfGraph {
  const apps = new Map<string, ConfidentialClientApplication>();
  const appFor = (tenant: TenantConfig) => {
    let app = apps.get(tenant.key);
    if (!app) {
      app = createAppTokenClient(tenant, endpoints);
      apps.set(tenant.key, app);
    }
    return app;
  };
  const token = async (tenant: TenantConfig, assertion: string) => {
    const result = await appFor(tenant).acquireTokenOnBehalfOf({ oboAssertion: assertion, scopes: [GRAPH_DEFAULT_SCOPE] });
    if (!result?.accessToken) throw new Error('the token endpoint returned no On-Behalf-Of token');
    return result.accessToken;
  };
  return {
    token,
    client(tenant, assertion, clientOptions = {}) {
      const provider: AuthenticationProvider = { getAccessToken: () => token(tenant, assertion) };
      const budget = clientOptions.budget ?? options.budget;
      return createGraphClient(provider, endpoints, options.timeoutMs, budget && { budget, tenantKey: tenant.key, now: options.now ?? Date.now });
    },
  };
}
