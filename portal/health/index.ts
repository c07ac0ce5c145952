// The health check for a configured tenant, with the portal's own app-only Graph client (portal/graph/client.ts):
// the console, the admin API and `npm run health` all call this, so they see the same thing.
import type { TenantConfig } from '../config/index.ts';
import type { GraphBudget } from '../graph/budget.ts';
import { createAppTokenClient, createGraphClient, msalAuthProvider, type GraphEndpoints } from '../graph/client.ts';
import { runHealthCheck, type HealthCheckInput } from './run.ts';
import type { HealthReport } from './types.ts';

export { exitCodeOf, HealthCheckFailed } from './run.ts';
export { reportToCsv, reportToJson } from './export.ts';
export type { Finding, HealthReport, Severity } from './types.ts';

export function checkTenantHealth(
  tenant: TenantConfig,
  endpoints: GraphEndpoints,
  options: Omit<HealthCheckInput, 'client' | 'tenant'> & {
    /** The tenant's shared Graph budget: every request takes from it, a Retry-After pauses the whole tenant. */
    budget?: GraphBudget;
  } = {},
): Promise<HealthReport> {
  const { budget, ...input } = options;
  const now = options.now ?? Date.now;
  // Throws MissingCredentialsError for a tenant without Graph credentials (the caller says so).
  const client = createGraphClient(msalAuthProvider(createAppTokenClient(tenant, endpoints)), endpoints, 30_000, budget && { budget, tenantKey: tenant.key, now });
  return runHealthCheck({ ...input, client, tenant: { key: tenant.key, ...(tenant.tenantId ? { id: tenant.tenantId } : {}), displayName: tenant.displayName } });
}
