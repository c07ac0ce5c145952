// Test-side factories: the REAL msal-node (client credentials) and the REAL microsoft-graph-client 3.0.7, pointed
// at the emulator the way the portal points them at Microsoft. Nothing here is a singleton.
import { ConfidentialClientApplication } from '@azure/msal-node';
import {
  AuthenticationHandler,
  Client,
  HTTPMessageHandler,
  type AuthenticationProvider,
} from '@microsoft/microsoft-graph-client';

export interface AppCredentials {
  tenantId: string;
  clientId: string;
  clientSecret: string;
}

export const GRAPH_DEFAULT_SCOPE = 'https://graph.microsoft.com/.default';

/** App-only tokens from the emulator's token endpoint through msal-node. */
export function createAppTokenProvider(loginBaseUrl: string, app: AppCredentials): AuthenticationProvider {
  const msal = new ConfidentialClientApplication({
    auth: {
      clientId: app.clientId,
      clientSecret: app.clientSecret,
      authority: `${loginBaseUrl}/${app.tenantId}`,
      // msal-node only trusts Microsoft's hosts by default; the emulator's host:port is declared like a B2C host.
      knownAuthorities: [new URL(loginBaseUrl).host],
    },
  });
  return {
    async getAccessToken(): Promise<string> {
      const result = await msal.acquireTokenByClientCredential({ scopes: [GRAPH_DEFAULT_SCOPE] });
      if (!result?.accessToken) throw new Error('msal-node returned no access token');
      return result.accessToken;
    },
  };
}

export interface GraphClientOptions {
  /**
   * false: no RetryHandler (a 429/503 reaches the caller at once). Default true: graph-client's default chain,
   * whose RetryHandler retries 429/503/504 up to 3 times, waiting Retry-After seconds (or 3 s with back-off).
   */
  retry?: boolean;
}

/** graph-client against the emulator: `customHosts` so the bearer token is attached to 127.0.0.1 too. */
export function createGraphClient(graphBaseUrl: string, authProvider: AuthenticationProvider, options: GraphClientOptions = {}): Client {
  const customHosts = new Set([new URL(graphBaseUrl).hostname]);
  if (options.retry === false) {
    const auth = new AuthenticationHandler(authProvider);
    auth.setNext(new HTTPMessageHandler());
    return Client.initWithMiddleware({ middleware: auth, baseUrl: graphBaseUrl, customHosts, defaultVersion: 'v1.0' });
  }
  return Client.initWithMiddleware({ authProvider, baseUrl: graphBaseUrl, customHosts, defaultVersion: 'v1.0' });
}
