// Where the admin console (in the browser) reaches Microsoft: the sign-in authority's base and Graph. One answer for
// the console's configuration and its Content-Security-Policy, so the two can never disagree.
import type { PortalConfig } from './types.ts';

export const MICROSOFT_LOGIN_BASE_URL = 'https://login.microsoftonline.com';
export const MICROSOFT_GRAPH_BASE_URL = 'https://graph.microsoft.com';

export interface BrowserEndpoints {
  /** e.g. https://login.microsoftonline.com (authority = `${loginBaseUrl}/${tenantId}`) */
  loginBaseUrl: string;
  /** e.g. https://graph.microsoft.com */
  graphBaseUrl: string;
}

export function browserEndpoints(config: Pick<PortalConfig, 'graph' | 'browser'>): BrowserEndpoints {
  const chosen = config.browser ?? config.graph;
  return { loginBaseUrl: chosen.loginBaseUrl.replace(/\/+$/, ''), graphBaseUrl: chosen.graphBaseUrl.replace(/\/+$/, '') };
}
