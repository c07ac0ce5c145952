// The catalogue of tenant-specific sign-in links (facts file, section 2). Each kind is one entry: a name, a sentence
// for people, the hosts it may ever point at, and a builder that declines with a reason instead of guessing.
import { myAppsUrl } from './myapps-link.ts';
import { isGuid, normaliseDomainName, type Tenant } from './tenant.ts';

export type LinkKind =
  | 'myapps' // https://myapps.microsoft.com/?tenantid=<guid> or https://myapps.microsoft.com/<domain>
  | 'myaccount' // https://myaccount.microsoft.com/?tenantId=<tenant>
  | 'azure-portal' // https://portal.azure.com/<tenant>
  | 'entra' // https://entra.microsoft.com/<tenant>
  | 'teams' // https://teams.microsoft.com/?tenantId=<tenant>
  | 'app' // https://myapps.microsoft.com/signin/<appId>?tenantId=<tenant>   (needs appId)
  | 'sharepoint' // https://<name>.sharepoint.com/sites/...                    (needs sharepointUrl)
  | 'authorize'; // https://login.microsoftonline.com/<tenant>/oauth2/v2.0/authorize?... (needs clientId, redirectUri)

export interface LinkOptions {
  loginHint?: string;
  appId?: string;
  sharepointUrl?: string;
  clientId?: string;
  redirectUri?: string;
  scope?: string;
}

export interface LinkDefinition {
  readonly kind: LinkKind;
  readonly name: string; // "My Apps"
  readonly description: string; // one sentence for people
  readonly acceptsLoginHint: boolean;
  /** Hosts this kind may ever point at (exact host names; a leading dot means "any sub-domain of", e.g. `.sharepoint.com`). */
  readonly hosts: readonly string[];
  build(tenant: Tenant, options?: LinkOptions): LinkBuildResult;
}

export type LinkBuildResult =
  | { ok: true; url: string }
  | { ok: false; reason: 'missing-option' | 'invalid-option' | 'requires-guid'; problem: LinkProblem; message: string };

/** Exactly what stopped a link from being built: the key the portal's catalogues translate (`reason` groups them). */
export type LinkProblem =
  | 'missing-app-id'
  | 'missing-sharepoint-url'
  | 'missing-client-id'
  | 'missing-redirect-uri'
  | 'login-hint'
  | 'unsafe'
  | 'tenant'
  | 'teams-needs-guid'
  | 'app-id'
  | 'sharepoint-url'
  | 'sharepoint-https'
  | 'sharepoint-credentials'
  | 'sharepoint-host'
  | 'client-id'
  | 'redirect-uri'
  | 'redirect-https'
  | 'scope'
  | 'unknown-kind';

/** What a problem's sentence may name: the link kind asked for (`unknown-kind` only). */
export interface LinkProblemDetail {
  kind: string;
}

/** One sentence per problem; every catalogue (this English one, the portal's others) has exactly these keys. */
export type LinkMessages = Readonly<Record<LinkProblem, (detail: LinkProblemDetail) => string>>;

/** The English sentences: what `message` carries (extension, logs, the portal's English catalogue). */
export const LINK_MESSAGES: LinkMessages = {
  'missing-app-id': () => 'This link needs the application (client) ID (appId).',
  'missing-sharepoint-url': () => 'This link needs the SharePoint site address (sharepointUrl).',
  'missing-client-id': () => 'This link needs the application (client) ID (clientId).',
  'missing-redirect-uri': () => 'This link needs the application’s redirect URI (redirectUri).',
  'login-hint': () => 'The sign-in name must be a single address without spaces, at most 256 characters.',
  unsafe: () => 'The link could not be built safely.',
  tenant: () => 'The tenant is not a valid tenant ID or domain.',
  'teams-needs-guid': () => 'Teams links need the tenant ID (a GUID), not a domain name.',
  'app-id': () => 'The application ID must be a GUID such as 00000000-0000-0000-0000-000000000000.',
  'sharepoint-url': () => 'The SharePoint address must be a full https:// address.',
  'sharepoint-https': () => 'The SharePoint address must start with https://.',
  'sharepoint-credentials': () => 'The SharePoint address must not contain a user name, password or port.',
  'sharepoint-host': () => 'The SharePoint address must be on <name>.sharepoint.com.',
  'client-id': () => 'The client ID must be a GUID.',
  'redirect-uri': () => 'The redirect URI must be a full address.',
  'redirect-https': () => 'The redirect URI must be an https:// address (or http://localhost).',
  scope: () => 'The scope must be a space-separated list of scopes.',
  'unknown-kind': ({ kind }) => `Unknown link kind "${kind}".`,
};

const SHAREPOINT_SUFFIX = '.sharepoint.com';
const MAX_LOGIN_HINT = 256;

function decline(reason: 'missing-option' | 'invalid-option' | 'requires-guid', problem: LinkProblem, kind = ''): LinkBuildResult {
  return { ok: false, reason, problem, message: LINK_MESSAGES[problem]({ kind }) };
}

const missing = (problem: LinkProblem) => decline('missing-option', problem);
const invalid = (problem: LinkProblem) => decline('invalid-option', problem);

/** A login_hint is a user name, not markup or a second URL: printable, no spaces, bounded. */
function checkLoginHint(hint: string | undefined): { ok: true; hint?: string } | { ok: false; result: LinkBuildResult } {
  if (hint === undefined) return { ok: true };
  const value = hint.trim();
  if (value === '') return { ok: true };
  if (value.length > MAX_LOGIN_HINT || /[\s\u0000-\u001f\u007f]/.test(value)) {
    return { ok: false, result: invalid('login-hint') };
  }
  return { ok: true, hint: value };
}

/** Re-check a tenant passed in by hand: a built link must never carry anything but a validated identifier. */
function tenantSegment(tenant: Tenant): string | undefined {
  if (tenant.kind === 'guid') return isGuid(tenant.value) ? tenant.value.toLowerCase() : undefined;
  const d = normaliseDomainName(tenant.value);
  return d.ok && d.domain === tenant.value && d.domain.includes('.') ? d.domain : undefined;
}

/** Build, then prove the result is on the entry's hosts (fail closed if a builder ever went wrong). */
function finish(def: Pick<LinkDefinition, 'hosts'>, url: string): LinkBuildResult {
  return urlOnHosts(url, def.hosts) ? { ok: true, url } : invalid('unsafe');
}

function withTenant(build: (tenant: string, options: LinkOptions) => LinkBuildResult) {
  return (tenant: Tenant, options: LinkOptions = {}): LinkBuildResult => {
    const segment = tenantSegment(tenant);
    if (segment === undefined) return invalid('tenant');
    return build(segment, options);
  };
}

const myapps: LinkDefinition = {
  kind: 'myapps',
  name: 'My Apps',
  description: 'The organisation’s app launcher; signing in here lands you in this organisation, not your own.',
  acceptsLoginHint: false,
  hosts: ['myapps.microsoft.com'],
  build: withTenant((t) => finish(myapps, myAppsUrl(t))),
};

const myaccount: LinkDefinition = {
  kind: 'myaccount',
  name: 'My Account',
  description: 'Your account page in this organisation: sign-in methods, devices and organisations you belong to.',
  acceptsLoginHint: false,
  hosts: ['myaccount.microsoft.com'],
  build: withTenant((t) => finish(myaccount, `https://myaccount.microsoft.com/?tenantId=${t}`)),
};

const azurePortal: LinkDefinition = {
  kind: 'azure-portal',
  name: 'Azure portal',
  description: 'The Azure portal, opened directly in this organisation’s directory.',
  acceptsLoginHint: false,
  hosts: ['portal.azure.com'],
  build: withTenant((t) => finish(azurePortal, `https://portal.azure.com/${t}`)),
};

const entra: LinkDefinition = {
  kind: 'entra',
  name: 'Microsoft Entra admin center',
  description: 'The Entra admin center, opened directly in this organisation’s directory.',
  acceptsLoginHint: false,
  hosts: ['entra.microsoft.com'],
  build: withTenant((t) => finish(entra, `https://entra.microsoft.com/${t}`)),
};

const teams: LinkDefinition = {
  kind: 'teams',
  name: 'Microsoft Teams',
  description: 'Teams in this organisation; afterwards it also appears in the Teams organisation picker.',
  acceptsLoginHint: false,
  hosts: ['teams.microsoft.com'],
  build: withTenant((t) =>
    isGuid(t)
      ? finish(teams, `https://teams.microsoft.com/?tenantId=${t}`)
      : decline('requires-guid', 'teams-needs-guid'),
  ),
};

const app: LinkDefinition = {
  kind: 'app',
  name: 'One application',
  description: 'Signs you straight in to one application of this organisation.',
  acceptsLoginHint: false,
  hosts: ['myapps.microsoft.com'],
  build: withTenant((t, o) => {
    if (!o.appId?.trim()) return missing('missing-app-id');
    const appId = o.appId.trim();
    if (!isGuid(appId)) return invalid('app-id');
    return finish(app, `https://myapps.microsoft.com/signin/${appId.toLowerCase()}?tenantId=${t}`);
  }),
};

const sharepoint: LinkDefinition = {
  kind: 'sharepoint',
  name: 'SharePoint site',
  description: 'A SharePoint site of this organisation; its address already tells Microsoft which organisation it is.',
  acceptsLoginHint: false,
  hosts: [SHAREPOINT_SUFFIX],
  build: (tenant, o = {}) => {
    void tenant; // a *.sharepoint.com address is tenant-scoped by itself
    const raw = o.sharepointUrl?.trim();
    if (!raw) return missing('missing-sharepoint-url');
    let url: URL;
    try {
      url = new URL(raw);
    } catch {
      return invalid('sharepoint-url');
    }
    if (url.protocol !== 'https:') return invalid('sharepoint-https');
    if (url.username || url.password || url.port) return invalid('sharepoint-credentials');
    const host = url.hostname;
    const name = host.slice(0, -SHAREPOINT_SUFFIX.length);
    if (!host.endsWith(SHAREPOINT_SUFFIX) || !/^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/.test(name)) {
      return invalid('sharepoint-host');
    }
    return finish(sharepoint, url.href);
  },
};

const authorize: LinkDefinition = {
  kind: 'authorize',
  name: 'OAuth sign-in (authorize endpoint)',
  description: 'Starts an application’s sign-in at this organisation’s own endpoint, as Microsoft requires for guests.',
  acceptsLoginHint: true,
  hosts: ['login.microsoftonline.com'],
  build: withTenant((t, o) => {
    if (!o.clientId?.trim()) return missing('missing-client-id');
    if (!o.redirectUri?.trim()) return missing('missing-redirect-uri');
    const clientId = o.clientId.trim();
    if (!isGuid(clientId)) return invalid('client-id');
    let redirect: URL;
    try {
      redirect = new URL(o.redirectUri.trim());
    } catch {
      return invalid('redirect-uri');
    }
    const loopback = redirect.protocol === 'http:' && ['localhost', '127.0.0.1', '[::1]'].includes(redirect.hostname);
    if ((redirect.protocol !== 'https:' && !loopback) || redirect.username || redirect.password) {
      return invalid('redirect-https');
    }
    const hint = checkLoginHint(o.loginHint);
    if (!hint.ok) return hint.result;
    const scope = (o.scope ?? 'openid profile').trim().replace(/\s+/g, ' ');
    if (scope === '' || scope.length > 1024) return invalid('scope');
    const query = [
      `client_id=${clientId.toLowerCase()}`,
      'response_type=code',
      `redirect_uri=${encodeURIComponent(redirect.href)}`,
      `scope=${encodeURIComponent(scope)}`,
      ...(hint.hint ? [`login_hint=${encodeURIComponent(hint.hint)}`] : []),
    ].join('&');
    return finish(authorize, `https://login.microsoftonline.com/${t}/oauth2/v2.0/authorize?${query}`);
  }),
};

/** Every link kind, in the order people should see them. */
export const LINK_CATALOGUE: readonly LinkDefinition[] = [myapps, myaccount, teams, app, sharepoint, azurePortal, entra, authorize];

/** The catalogue entry for a kind (any string, e.g. from a query), or undefined. */
export function findLink(kind: string): LinkDefinition | undefined {
  return LINK_CATALOGUE.find((def) => def.kind === kind);
}

/** Convenience: build a catalogue link or decline. */
export function buildLink(kind: LinkKind, tenant: Tenant, options?: LinkOptions): LinkBuildResult {
  const def = findLink(kind);
  if (!def) return decline('invalid-option', 'unknown-kind', String(kind));
  return def.build(tenant, options);
}

/** True when `url` is https, has no user info or port, and its host is one of `hosts` (leading dot = sub-domains). */
export function urlOnHosts(url: string, hosts: readonly string[]): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (parsed.protocol !== 'https:' || parsed.username || parsed.password || parsed.port) return false;
  const host = parsed.hostname;
  return hosts.some((allowed) =>
    allowed.startsWith('.') ? host.endsWith(allowed) && host.length > allowed.length : host === allowed,
  );
}

/** True when `url` points at a host some catalogue entry may produce: the portal's proof of "no open redirect". */
export function isCatalogueUrl(url: string): boolean {
  return LINK_CATALOGUE.some((def) => urlOnHosts(url, def.hosts));
}
