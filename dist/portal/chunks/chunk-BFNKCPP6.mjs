// portal/graph/client.ts
import { ConfidentialClientApplication } from "@azure/msal-node";
import {
  AuthenticationHandler,
  Client,
  TelemetryHandler
} from "@microsoft/microsoft-graph-client";
import { X509Certificate } from "node:crypto";
import { readFileSync } from "node:fs";
var MICROSOFT_LOGIN_HOST = "login.microsoftonline.com";
var GRAPH_DEFAULT_SCOPE = "https://graph.microsoft.com/.default";
var MissingCredentialsError = class extends Error {
  constructor(tenantKey) {
    super(`tenant ${tenantKey} has no Graph credentials (client id plus secret or certificate)`);
    this.name = "MissingCredentialsError";
  }
};
function certificateCredential(certificatePath, privateKeyPath) {
  const certificatePem = readFileSync(certificatePath, "utf8");
  const keyPem = privateKeyPath ? readFileSync(privateKeyPath, "utf8") : certificatePem;
  const certificate = new X509Certificate(certificatePem);
  const privateKey = /-----BEGIN [A-Z ]*PRIVATE KEY-----[\s\S]+?-----END [A-Z ]*PRIVATE KEY-----/.exec(keyPem)?.[0];
  if (!privateKey) throw new Error(`no PEM private key found in ${privateKeyPath ?? certificatePath}`);
  const publicPem = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/.exec(certificatePem)[0];
  return {
    thumbprintSha256: certificate.fingerprint256.replaceAll(":", "").toLowerCase(),
    privateKey,
    x5c: publicPem
  };
}
function createAppTokenClient(tenant, endpoints) {
  const credentials = tenant.credentials;
  if (!credentials || !credentials.clientSecret && !credentials.certificatePath) throw new MissingCredentialsError(tenant.key);
  const loginHost = new URL(endpoints.loginBaseUrl).host;
  const auth = {
    clientId: credentials.clientId,
    authority: `${endpoints.loginBaseUrl}/${tenant.tenantId ?? tenant.domain ?? tenant.key}`,
    // A stand-in login host (the emulator) is not in msal's cloud list: declare it so msal reads its metadata.
    ...new URL(endpoints.loginBaseUrl).hostname === MICROSOFT_LOGIN_HOST ? {} : { knownAuthorities: [loginHost] }
  };
  if (credentials.clientSecret) auth.clientSecret = credentials.clientSecret;
  else auth.clientCertificate = certificateCredential(credentials.certificatePath, credentials.privateKeyPath);
  return new ConfidentialClientApplication({ auth });
}
function msalAuthProvider(app) {
  let inFlight;
  const acquire = async () => {
    const result = await app.acquireTokenByClientCredential({ scopes: [GRAPH_DEFAULT_SCOPE] });
    if (!result?.accessToken) throw new Error("the token endpoint returned no access token");
    return result.accessToken;
  };
  return {
    getAccessToken() {
      inFlight ??= acquire().finally(() => {
        inFlight = void 0;
      });
      return inFlight;
    }
  };
}
var NETWORK_ERROR = {
  /** Nothing reached the server (refused, DNS, TLS): the request was certainly not processed. */
  notSent: "GuestpassNetworkNotSent",
  /** No answer within the timeout: the request may have been processed. */
  timeout: "GuestpassTimeout",
  /** The connection broke after the request was written: the request may have been processed. */
  cut: "GuestpassConnectionCut"
};
var NOT_SENT_CODES = /* @__PURE__ */ new Set([
  "ECONNREFUSED",
  "ENOTFOUND",
  "EAI_AGAIN",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "ERR_TLS_CERT_ALTNAME_INVALID",
  "DEPTH_ZERO_SELF_SIGNED_CERT",
  "UNABLE_TO_VERIFY_LEAF_SIGNATURE",
  "SELF_SIGNED_CERT_IN_CHAIN",
  "CERT_HAS_EXPIRED",
  "UND_ERR_CONNECT_TIMEOUT"
]);
function errorChainCode(error) {
  let current = error;
  for (let depth = 0; depth < 5 && current && typeof current === "object"; depth++) {
    const code = current.code;
    if (typeof code === "string") return code;
    current = current.cause;
  }
  return void 0;
}
var TimedFetchHandler = class {
  constructor(timeoutMs) {
    this.timeoutMs = timeoutMs;
  }
  timeoutMs;
  async execute(context) {
    try {
      context.response = await fetch(context.request, { ...context.options, signal: AbortSignal.timeout(this.timeoutMs) });
    } catch (error) {
      const code = errorChainCode(error);
      const name = error?.name;
      const renamed = new Error(`${error?.message ?? String(error)}${code ? ` (${code})` : ""}`);
      renamed.name = name === "TimeoutError" || name === "AbortError" ? NETWORK_ERROR.timeout : code && NOT_SENT_CODES.has(code) ? NETWORK_ERROR.notSent : NETWORK_ERROR.cut;
      throw renamed;
    }
  }
};
function createGraphClient(authProvider, endpoints, timeoutMs = 1e4) {
  const graphHost = new URL(endpoints.graphBaseUrl).hostname;
  return Client.initWithMiddleware({
    baseUrl: endpoints.graphBaseUrl,
    // graph-client attaches the bearer token only to Microsoft's Graph hosts and to customHosts.
    customHosts: /* @__PURE__ */ new Set([graphHost]),
    // No RetryHandler (nor RedirectHandler): graph-client's default chain retries 429/503 up to 3 times on its
    // own, which would multiply with the worker's retries (up to 3 × N calls per attempt), hide throttling from
    // the per-tenant budget, and — worst — re-send a POST /invitations whose outcome the worker must decide
    // about itself (at most one email per window). The worker's retry policy is the only one.
    middleware: [new AuthenticationHandler(authProvider), new TelemetryHandler(), new TimedFetchHandler(timeoutMs)]
  });
}

export {
  MissingCredentialsError,
  createAppTokenClient,
  msalAuthProvider,
  NETWORK_ERROR,
  TimedFetchHandler,
  createGraphClient
};
//# sourceMappingURL=chunk-BFNKCPP6.mjs.map
