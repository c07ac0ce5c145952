// Factories for app-only Microsoft Graph access: one msal ConfidentialClientApplication per tenant (it caches
// the app token until shortly before expiry) and a graph-client Client whose auth provider asks msal.
import { ConfidentialClientApplication, type Configuration } from '@azure/msal-node';
import {
  AuthenticationHandler,
  Client,
  TelemetryHandler,
  type AuthenticationProvider,
  type Context,
  type Middleware,
} from '@microsoft/microsoft-graph-client';
import { X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { TenantConfig } from '../config/index.ts';
import { GraphBudgetHandler, type BudgetedGraphOptions } from './budgeted.ts';

export interface GraphEndpoints {
  loginBaseUrl: string;
  graphBaseUrl: string;
}

const MICROSOFT_LOGIN_HOST = 'login.microsoftonline.com';
const GRAPH_DEFAULT_SCOPE = 'https://graph.microsoft.com/.default';

/** Thrown before any request when a tenant has no usable Graph credentials (the worker dead-letters the job). */
export class MissingCredentialsError extends Error {
  constructor(tenantKey: string) {
    super(`tenant ${tenantKey} has no Graph credentials (client id plus secret or certificate)`);
    this.name = 'MissingCredentialsError';
  }
}

/** A certificate credential as msal wants it: SHA-256 thumbprint, PEM private key and the public chain (x5c). */
function certificateCredential(certificatePath: string, privateKeyPath: string | undefined) {
  const certificatePem = readFileSync(certificatePath, 'utf8');
  const keyPem = privateKeyPath ? readFileSync(privateKeyPath, 'utf8') : certificatePem;
  const certificate = new X509Certificate(certificatePem);
  const privateKey = /-----BEGIN [A-Z ]*PRIVATE KEY-----[\s\S]+?-----END [A-Z ]*PRIVATE KEY-----/.exec(keyPem)?.[0];
  if (!privateKey) throw new Error(`no PEM private key found in ${privateKeyPath ?? certificatePath}`);
  const publicPem = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/.exec(certificatePem)![0];
  return {
    thumbprintSha256: certificate.fingerprint256.replaceAll(':', '').toLowerCase(),
    privateKey,
    x5c: publicPem,
  };
}

/** One confidential client per tenant; its in-memory token cache is what keeps token requests rare. */
export function createAppTokenClient(tenant: TenantConfig, endpoints: GraphEndpoints): ConfidentialClientApplication {
  const credentials = tenant.credentials;
  if (!credentials || (!credentials.clientSecret && !credentials.certificatePath)) throw new MissingCredentialsError(tenant.key);
  const loginHost = new URL(endpoints.loginBaseUrl).host;
  const auth: Configuration['auth'] = {
    clientId: credentials.clientId,
    authority: `${endpoints.loginBaseUrl}/${tenant.tenantId ?? tenant.domain ?? tenant.key}`,
    // A stand-in login host (the emulator) is not in msal's cloud list: declare it so msal reads its metadata.
    ...(new URL(endpoints.loginBaseUrl).hostname === MICROSOFT_LOGIN_HOST ? {} : { knownAuthorities: [loginHost] }),
  };
  if (credentials.clientSecret) auth.clientSecret = credentials.clientSecret;
  else auth.clientCertificate = certificateCredential(credentials.certificatePath!, credentials.privateKeyPath);
  return new ConfidentialClientApplication({ auth });
}

/**
 * graph-client's auth provider: an app-only token from msal (cached; msal refreshes it when it nears expiry).
 * Concurrent callers share one acquisition, so a cold start with several jobs asks the token endpoint once.
 */
export function msalAuthProvider(app: ConfidentialClientApplication): AuthenticationProvider {
  let inFlight: Promise<string> | undefined;
  const acquire = async () => {
    const result = await app.acquireTokenByClientCredential({ scopes: [GRAPH_DEFAULT_SCOPE] });
    if (!result?.accessToken) throw new Error('the token endpoint returned no access token');
    return result.accessToken;
  };
  return {
    getAccessToken() {
      inFlight ??= acquire().finally(() => {
        inFlight = undefined;
      });
      return inFlight;
    },
  };
}

/** Error names the fetch handler gives network failures; graph-client keeps `name` as GraphError.code. */
export const NETWORK_ERROR = {
  /** Nothing reached the server (refused, DNS, TLS): the request was certainly not processed. */
  notSent: 'GuestpassNetworkNotSent',
  /** No answer within the timeout: the request may have been processed. */
  timeout: 'GuestpassTimeout',
  /** The connection broke after the request was written: the request may have been processed. */
  cut: 'GuestpassConnectionCut',
} as const;

const NOT_SENT_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'ERR_TLS_CERT_ALTNAME_INVALID',
  'DEPTH_ZERO_SELF_SIGNED_CERT', 'UNABLE_TO_VERIFY_LEAF_SIGNATURE', 'SELF_SIGNED_CERT_IN_CHAIN', 'CERT_HAS_EXPIRED', 'UND_ERR_CONNECT_TIMEOUT']);

function errorChainCode(error: unknown): string | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current && typeof current === 'object'; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string') return code;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

/**
 * The last link of the chain (instead of graph-client's HTTPMessageHandler): fetch with a request timeout, and
 * network errors renamed by what they imply — graph-client wraps them in a GraphError that drops the cause but
 * keeps the name, and the worker must know whether a POST /invitations could have been processed.
 */
export class TimedFetchHandler implements Middleware {
  constructor(private readonly timeoutMs: number) {}

  async execute(context: Context): Promise<void> {
    try {
      context.response = await fetch(context.request, { ...context.options, signal: AbortSignal.timeout(this.timeoutMs) } as RequestInit);
    } catch (error) {
      const code = errorChainCode(error);
      const name = (error as { name?: string })?.name;
      const renamed = new Error(`${(error as Error)?.message ?? String(error)}${code ? ` (${code})` : ''}`);
      renamed.name =
        name === 'TimeoutError' || name === 'AbortError'
          ? NETWORK_ERROR.timeout
          : code && NOT_SENT_CODES.has(code)
            ? NETWORK_ERROR.notSent
            : NETWORK_ERROR.cut;
      throw renamed;
    }
  }
}

/**
 * `budget`: the tenant's shared Graph budget as a middleware (graph/budgeted.ts): each request takes from it, and a
 * Retry-After pauses the tenant for every instance and feature. Every client the portal builds passes one.
 */
export function createGraphClient(authProvider: AuthenticationProvider, endpoints: GraphEndpoints, timeoutMs = 10_000, budget?: BudgetedGraphOptions): Client {
  const graphHost = new URL(endpoints.graphBaseUrl).hostname;
  return Client.initWithMiddleware({
    baseUrl: endpoints.graphBaseUrl,
    // graph-client attaches the bearer token only to Microsoft's Graph hosts and to customHosts.
    customHosts: new Set([graphHost]),
    // No RetryHandler (nor RedirectHandler): graph-client's default chain retries 429/503 up to 3 times on its
    // own, which would multiply with the worker's retries (up to 3 × N calls per attempt), hide throttling from
    // the per-tenant budget, and — worst — re-send a POST /invitations whose outcome the worker must decide
    // about itself (at most one email per window). The worker's retry policy is the only one.
    middleware: [
      new AuthenticationHandler(authProvider),
      new TelemetryHandler(),
      ...(budget ? [new GraphBudgetHandler(budget)] : []),
      new TimedFetchHandler(timeoutMs),
    ],
  });
}
