// GUESTPASS_TENANTS: the tenants served, as a JSON array inline or in a file. Each entry is checked field by field
// (messages name `GUESTPASS_TENANTS[i].field`); secrets are refused here, they belong in the environment.
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { z } from 'zod';
import { findLink, urlOnHosts, type LinkKind } from '../../shared/links.ts';
import { parseTenant } from '../../shared/tenant.ts';
import { envSuffix, readCredentials } from './credentials.ts';
import { ConfigError, GUID, type TenantConfig } from './types.ts';
import { normaliseDomain } from '../access-requests/policy.ts';
import { ACCESS_POLICY_MODES, DEFAULT_ACCESS_SETTINGS, WEBHOOK_KINDS, type AccessPolicyMode, type AccessRequestSettings } from '../access-requests/types.ts';

/** The link kinds a tenant offers when its entry names none (app/sharepoint are added when their option is set). */
export const DEFAULT_LINKS: readonly LinkKind[] = ['myapps', 'myaccount', 'teams', 'azure-portal', 'entra'];

const tenantEntrySchema = z.strictObject({
  tenantId: z.string().optional(),
  domain: z.string().optional(),
  displayName: z.string().trim().min(1, 'is required').max(120, 'is longer than 120 characters'),
  links: z.array(z.string()).optional(),
  invitationMessage: z.string().max(1000, 'is longer than 1000 characters').optional(),
  appId: z.string().optional(),
  sharepointUrl: z.string().optional(),
  contact: z.string().max(200, 'is longer than 200 characters').optional(),
  clientId: z.string().optional(),
  certificatePath: z.string().optional(),
  privateKeyPath: z.string().optional(),
  accessRequests: z
    .strictObject({
      policy: z.enum(ACCESS_POLICY_MODES as [AccessPolicyMode, ...AccessPolicyMode[]], { message: 'must be "off", "approval" or "pre-approved"' }).optional(),
      locked: z.boolean().optional(),
      preApprovedDomains: z.array(z.string()).max(500, 'lists more than 500 domains').optional(),
      dailyCap: z.number().int().min(0).max(10_000).optional(),
      blockedDomains: z.array(z.string()).max(5000, 'lists more than 5000 domains').optional(),
      expireAfterDays: z.number().int().min(1).max(365).optional(),
      deleteAfterDays: z.number().int().min(1).max(3650).optional(),
      webhook: z.strictObject({ url: z.string().optional(), kind: z.enum(WEBHOOK_KINDS, { message: 'must be "slack", "teams-workflows" or "generic"' }) }).optional(),
    })
    .optional(),
});

export function readTenants(env: Record<string, string | undefined>, cwd: string): TenantConfig[] {
  const raw = env.GUESTPASS_TENANTS?.trim();
  if (!raw) return [];
  const key = 'GUESTPASS_TENANTS';
  let text = raw;
  let where = key;
  if (!raw.startsWith('[')) {
    const path = resolve(cwd, raw);
    if (!existsSync(path)) throw new ConfigError(key, `is neither a JSON array nor an existing file (looked for ${path})`);
    text = readFileSync(path, 'utf8');
    where = `${key} (${path})`;
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new ConfigError(where, `is not valid JSON: ${(error as Error).message}`);
  }
  if (!Array.isArray(json)) throw new ConfigError(where, 'must be a JSON array of tenants');

  const tenants = json.map((entry, index) => readTenant(entry, `${key}[${index}]`, env, cwd));
  const seen = new Map<string, string>();
  tenants.forEach((t, index) => {
    for (const id of new Set([t.key, t.tenantId, t.domain])) {
      if (!id) continue;
      const other = seen.get(id);
      if (other) throw new ConfigError(`${key}[${index}]`, `names tenant ${id} again (already configured in ${other})`);
      seen.set(id, `${key}[${index}]`);
    }
  });
  return tenants;
}

function readTenant(entry: unknown, where: string, env: Record<string, string | undefined>, cwd: string): TenantConfig {
  if (entry && typeof entry === 'object' && 'clientSecret' in entry) {
    throw new ConfigError(
      `${where}.clientSecret`,
      'secrets do not belong in the tenants list; set GUESTPASS_GRAPH_SECRET_<TENANT> in the environment instead',
    );
  }
  const parsed = tenantEntrySchema.safeParse(entry);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const path = issue.path.length ? `${where}.${issue.path.join('.')}` : where;
    const message =
      issue.code === 'unrecognized_keys' ? `has unknown field(s) ${issue.keys.join(', ')}` : issue.message;
    throw new ConfigError(path, message);
  }
  const t = parsed.data;
  if (!t.tenantId && !t.domain) throw new ConfigError(where, 'needs a tenantId (GUID) or a domain');

  let tenantId: string | undefined;
  if (t.tenantId !== undefined) {
    const r = parseTenant(t.tenantId);
    if (!r.ok || r.tenant.kind !== 'guid') {
      throw new ConfigError(`${where}.tenantId`, `must be the tenant's GUID, got "${t.tenantId}"`);
    }
    tenantId = r.tenant.value;
  }
  let domain: string | undefined;
  if (t.domain !== undefined) {
    const r = parseTenant(t.domain);
    if (!r.ok) throw new ConfigError(`${where}.domain`, r.message);
    if (r.tenant.kind === 'guid') throw new ConfigError(`${where}.domain`, 'is a GUID; put it in tenantId');
    domain = r.tenant.value;
  }
  const key = (domain ?? tenantId)!;

  let links: LinkKind[];
  if (t.links) {
    links = [];
    t.links.forEach((kind, i) => {
      const def = findLink(kind);
      if (!def) throw new ConfigError(`${where}.links[${i}]`, `"${kind}" is not a known link kind`);
      if (!links.includes(def.kind)) links.push(def.kind);
    });
  } else {
    // Teams links need the tenant's GUID: offered by default only when the entry has one.
    links = DEFAULT_LINKS.filter((kind) => kind !== 'teams' || tenantId);
    if (t.appId) links.push('app');
    if (t.sharepointUrl) links.push('sharepoint');
  }
  if (links.includes('authorize')) {
    throw new ConfigError(`${where}.links`, '"authorize" links need an app and redirect URI; they are not offered to guests');
  }
  checkLinksBuild(links, (tenantId ?? domain)!, t, where, Boolean(t.links));

  const credentials = readCredentials(key, t, where, env, cwd);

  return {
    key,
    ...(tenantId ? { tenantId } : {}),
    ...(domain ? { domain } : {}),
    displayName: t.displayName,
    links,
    ...(t.invitationMessage ? { invitationMessage: t.invitationMessage } : {}),
    ...(t.appId ? { appId: t.appId.toLowerCase() } : {}),
    ...(t.sharepointUrl ? { sharepointUrl: t.sharepointUrl } : {}),
    ...(t.contact ? { contact: t.contact } : {}),
    ...(credentials ? { credentials } : {}),
    ...(t.accessRequests ? { accessRequests: readAccessRequests(t.accessRequests, `${where}.accessRequests`, key, env) } : {}),
  };
}

type AccessRequestsEntry = NonNullable<z.infer<typeof tenantEntrySchema>['accessRequests']>;

/** A tenant's access-request settings: domains normalised (a bad one names its index), the webhook address checked. */
function readAccessRequests(a: AccessRequestsEntry, where: string, tenantKey: string, env: Record<string, string | undefined>): AccessRequestSettings {
  const domains = (list: string[] | undefined, key: string) =>
    [...new Set((list ?? []).map((value, i) => {
      const d = normaliseDomain(value);
      if (!d) throw new ConfigError(`${where}.${key}[${i}]`, `"${value}" is not a domain name (write contoso.com)`);
      return d;
    }))];
  const d = DEFAULT_ACCESS_SETTINGS;
  const settings: AccessRequestSettings = {
    policy: {
      mode: a.policy ?? d.policy.mode,
      preApprovedDomains: domains(a.preApprovedDomains, 'preApprovedDomains'),
      dailyCap: a.dailyCap ?? d.policy.dailyCap,
      blockedDomains: domains(a.blockedDomains, 'blockedDomains'),
    },
    locked: a.locked ?? d.locked,
    expireAfterDays: a.expireAfterDays ?? d.expireAfterDays,
    deleteAfterDays: a.deleteAfterDays ?? d.deleteAfterDays,
  };
  if (a.webhook) {
    // A Slack or Teams webhook address is a secret (whoever has it can post): the environment's wins over the file.
    const envName = `GUESTPASS_ACCESS_WEBHOOK_URL_${envSuffix(tenantKey)}`;
    const raw = env[envName]?.trim() || a.webhook.url;
    const urlKey = env[envName]?.trim() ? envName : `${where}.webhook.url`;
    if (!raw) throw new ConfigError(`${where}.webhook.url`, `is required (or set ${envName})`);
    let url: URL;
    try {
      url = new URL(raw);
    } catch {
      throw new ConfigError(urlKey, 'is not an absolute URL');
    }
    const loopback = ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname);
    if (url.protocol !== 'https:' && !(url.protocol === 'http:' && loopback)) throw new ConfigError(urlKey, 'must be https (http only for localhost)');
    if (url.username || url.password) throw new ConfigError(urlKey, 'must not carry a user name or password');
    settings.webhook = { url: url.href, kind: a.webhook.kind };
  }
  return settings;
}

/**
 * Every link the tenant offers is built once at start-up, with the catalogue's own builder and host check, so a link
 * the portal could not build (Teams without the tenant GUID, a SharePoint address off *.sharepoint.com, an appId that
 * is no GUID) stops the start with the entry and key to fix instead of silently vanishing from the page. Options that
 * are given are checked even when no offered link uses them.
 */
function checkLinksBuild(
  links: readonly LinkKind[],
  tenantValue: string,
  t: { appId?: string | undefined; sharepointUrl?: string | undefined; links?: string[] | undefined },
  where: string,
  listed: boolean,
): void {
  const parsed = parseTenant(tenantValue);
  if (!parsed.ok) throw new ConfigError(where, parsed.message);
  const options = { ...(t.appId !== undefined ? { appId: t.appId } : {}), ...(t.sharepointUrl !== undefined ? { sharepointUrl: t.sharepointUrl } : {}) };
  const kinds = new Set<LinkKind>(links);
  if (t.appId !== undefined) kinds.add('app');
  if (t.sharepointUrl !== undefined) kinds.add('sharepoint');
  for (const kind of kinds) {
    const def = findLink(kind)!;
    const built = def.build(parsed.tenant, options);
    const keyOf = (): string => {
      if (kind === 'app') return `${where}.appId`;
      if (kind === 'sharepoint') return `${where}.sharepointUrl`;
      if (built.ok || built.reason !== 'requires-guid') return `${where}.links`;
      return listed ? `${where}.links[${t.links!.findIndex((k) => findLink(k)?.kind === kind)}]` : `${where}.tenantId`;
    };
    if (!built.ok) {
      const fix = built.reason === 'requires-guid' ? ` Add the tenant's GUID as tenantId, or leave "${kind}" out of links.` : '';
      throw new ConfigError(keyOf(), `the "${kind}" link cannot be built for this tenant: ${built.message}${fix}`);
    }
    if (!urlOnHosts(built.url, def.hosts)) throw new ConfigError(keyOf(), `the "${kind}" link would leave ${def.hosts.join(', ')}`);
  }
}
