// OpenID Connect discovery and signing keys (facts §4 "OpenID document"). Endpoint URLs use the request's own
// origin, so Node clients at https://127.0.0.1:<port> and browsers at https://login.microsoftonline.com both
// get endpoints they can reach; the issuer is always Microsoft's real one, as in tokens.
import express, { type Request, type Response } from 'express';
import type { EmulatorState } from '../directory.ts';
import { aadstsJson, MESSAGES } from './aadsts.ts';
import { CONSUMERS_TENANT_ID, requestOrigin, resolveAuthority } from './authority.ts';
import type { SigningKeys } from './tokens.ts';

export interface DiscoveryDeps {
  state: EmulatorState;
  keys: SigningKeys;
  origin: () => string;
}

const CLAIMS = ['sub', 'iss', 'cloud_instance_name', 'cloud_instance_host_name', 'cloud_graph_host_name', 'msgraph_host', 'aud', 'exp', 'iat', 'auth_time', 'acr', 'nonce', 'preferred_username', 'name', 'tid', 'ver', 'at_hash', 'c_hash', 'email'];

/** Answer 400 with the AADSTS JSON for an unknown or malformed tenant; otherwise the path segment and tenant id. */
function resolveOr400(deps: DiscoveryDeps, req: Request, res: Response): { segment: string; tenantId: string | null; generic: string | null } | undefined {
  const segment = String(req.params.tenant);
  const resolved = resolveAuthority(deps.state, segment);
  if (resolved.kind === 'unknown') {
    const body = resolved.malformed
      ? aadstsJson('invalid_request', 900023, MESSAGES.tenantIdentifierInvalid(segment), deps.state.now())
      : aadstsJson('invalid_request', 90002, MESSAGES.tenantNotFound(segment), deps.state.now());
    res.status(400).json(body);
    return undefined;
  }
  if (resolved.kind === 'generic') {
    return { segment: resolved.name, tenantId: resolved.name === 'consumers' ? CONSUMERS_TENANT_ID : null, generic: resolved.name };
  }
  return { segment: resolved.tenant.id, tenantId: resolved.tenant.id, generic: null };
}

export function createDiscoveryRouter(deps: DiscoveryDeps): express.Router {
  const router = express.Router();

  router.get('/:tenant/v2.0/.well-known/openid-configuration', (req, res) => {
    const r = resolveOr400(deps, req, res);
    if (!r) return;
    const o = requestOrigin(req.headers.host, deps.origin());
    // Generic endpoints keep their name in URLs; a domain is answered with the tenant's GUID (as Microsoft does).
    const seg = r.generic ?? r.tenantId!;
    const issuerTenant = r.tenantId ?? '{tenantid}';
    res.json({
      token_endpoint: `${o}/${seg}/oauth2/v2.0/token`,
      token_endpoint_auth_methods_supported: ['client_secret_post', 'private_key_jwt', 'client_secret_basic'],
      jwks_uri: `${o}/${seg}/discovery/v2.0/keys`,
      response_modes_supported: ['query', 'fragment', 'form_post'],
      subject_types_supported: ['pairwise'],
      id_token_signing_alg_values_supported: ['RS256'],
      response_types_supported: ['code', 'id_token', 'code id_token', 'id_token token'],
      scopes_supported: ['openid', 'profile', 'email', 'offline_access'],
      issuer: `https://login.microsoftonline.com/${issuerTenant}/v2.0`,
      request_uri_parameter_supported: false,
      userinfo_endpoint: `${o}/oidc/userinfo`,
      authorization_endpoint: `${o}/${seg}/oauth2/v2.0/authorize`,
      device_authorization_endpoint: `${o}/${seg}/oauth2/v2.0/devicecode`,
      http_logout_supported: true,
      frontchannel_logout_supported: true,
      end_session_endpoint: `${o}/${seg}/oauth2/v2.0/logout`,
      claims_supported: CLAIMS,
      kerberos_endpoint: `${o}/${seg}/kerberos`,
      tenant_region_scope: r.generic ? null : 'EU',
      cloud_instance_name: 'microsoftonline.com',
      cloud_graph_host_name: 'graph.windows.net',
      msgraph_host: 'graph.microsoft.com',
      rbac_url: 'https://pas.windows.net',
    });
  });

  // v1 document: issuer https://sts.windows.net/<guid>/ (facts §4).
  router.get('/:tenant/.well-known/openid-configuration', (req, res) => {
    const r = resolveOr400(deps, req, res);
    if (!r) return;
    const o = requestOrigin(req.headers.host, deps.origin());
    const seg = r.generic ?? r.tenantId!;
    res.json({
      token_endpoint: `${o}/${seg}/oauth2/token`,
      token_endpoint_auth_methods_supported: ['client_secret_post', 'private_key_jwt', 'client_secret_basic'],
      jwks_uri: `${o}/common/discovery/keys`,
      response_modes_supported: ['query', 'fragment', 'form_post'],
      subject_types_supported: ['pairwise'],
      id_token_signing_alg_values_supported: ['RS256'],
      response_types_supported: ['code', 'id_token', 'code id_token', 'token id_token', 'token'],
      scopes_supported: ['openid'],
      issuer: `https://sts.windows.net/${r.tenantId ?? '{tenantid}'}/`,
      microsoft_multi_refresh_token: true,
      authorization_endpoint: `${o}/${seg}/oauth2/authorize`,
      http_logout_supported: true,
      frontchannel_logout_supported: true,
      end_session_endpoint: `${o}/${seg}/oauth2/logout`,
      claims_supported: CLAIMS,
      check_session_iframe: `${o}/${seg}/oauth2/checksession`,
      userinfo_endpoint: `${o}/${seg}/openid/userinfo`,
      tenant_region_scope: r.generic ? null : 'EU',
      cloud_instance_name: 'microsoftonline.com',
      cloud_graph_host_name: 'graph.windows.net',
      msgraph_host: 'graph.microsoft.com',
      rbac_url: 'https://pas.windows.net',
    });
  });

  const keys = (req: Request, res: Response) => {
    if (!resolveOr400(deps, req, res)) return;
    res.json({ keys: [{ kty: deps.keys.publicJwk.kty, use: 'sig', kid: deps.keys.kid, x5t: deps.keys.kid, n: deps.keys.publicJwk.n, e: deps.keys.publicJwk.e, alg: 'RS256', issuer: `https://login.microsoftonline.com/${String(req.params.tenant)}/v2.0` }] });
  };
  router.get('/:tenant/discovery/v2.0/keys', keys);
  router.get('/:tenant/discovery/keys', keys);

  // Instance discovery (msal asks this only for authorities it does not know; answered for completeness).
  router.get('/common/discovery/instance', (req, res) => {
    const o = requestOrigin(req.headers.host, deps.origin());
    const host = new URL(o).host;
    res.json({
      tenant_discovery_endpoint: `${o}/common/v2.0/.well-known/openid-configuration`,
      'api-version': '1.1',
      metadata: [{ preferred_network: host, preferred_cache: host, aliases: [host] }],
    });
  });

  return router;
}
