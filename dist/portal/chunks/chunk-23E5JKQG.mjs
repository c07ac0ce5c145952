// shared/tenant-core.ts
var SAY_ENTER_DOMAIN = 0;
var SAY_TOO_LONG = 1;
var SAY_SCHEME = 2;
var SAY_USERINFO = 3;
var SAY_PATH = 4;
var SAY_IP = 5;
var SAY_PORT = 6;
var SAY_SPACES = 7;
var SAY_PERCENT = 8;
var SAY_NOT_A_DOMAIN = 9;
var SAY_LABEL_TOO_LONG = 10;
var SAY_LDH = 11;
var SAY_ENTER_TENANT = 12;
var SAY_CONSUMER_ID = 13;
var SAY_RESERVED_BARE = 14;
var SAY_SINGLE_LABEL = 15;
var SAY_RESERVED_VALUE = 16;
var SAY_ONMICROSOFT_ALONE = 17;
var RESERVED_TENANT_NAMES = ["common", "organizations", "consumers"];
var CONSUMER_TENANT_ID = "9188040d-6c67-4c5b-b112-36a304b66dad";
var SPACE_OR_CONTROL = /[\s\u0000-\u001f\u007f]/;
var GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
var SCHEME = /^[a-z][a-z0-9+.-]*:\/\//i;
var KNOWN_SCHEME = /^(?:https?|ftp|mailto|javascript|data|file|ws|wss):/i;
var LDH_LABEL = /^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/;
var NUMERIC_LABEL = /^(?:\d+|0x[0-9a-f]*)$/i;
var MAX_RAW_LENGTH = 1024;
function isGuid(value) {
  return GUID.test(value);
}
var no = (reason, say) => ({ ok: false, reason, say });
function checkDomainName(input) {
  const raw = input.trim();
  if (raw === "") return no("empty", SAY_ENTER_DOMAIN);
  if (raw.length > MAX_RAW_LENGTH) return no("name-too-long", SAY_TOO_LONG);
  if (SCHEME.test(raw) || KNOWN_SCHEME.test(raw)) return no("has-scheme", SAY_SCHEME);
  if (raw.includes("@")) return no("has-userinfo", SAY_USERINFO);
  if (/[/\\?#]/.test(raw)) return no("has-path", SAY_PATH);
  if (raw.startsWith("[") || (raw.match(/:/g) ?? []).length >= 2) return no("ip-address", SAY_IP);
  if (raw.includes(":")) return no("has-port", SAY_PORT);
  if (SPACE_OR_CONTROL.test(raw)) return no("invalid-characters", SAY_SPACES);
  if (raw.includes("%")) return no("invalid-characters", SAY_PERCENT);
  const withoutDot = raw.endsWith(".") ? raw.slice(0, -1) : raw;
  const lastLabel = withoutDot.slice(withoutDot.lastIndexOf(".") + 1);
  if (withoutDot !== "" && NUMERIC_LABEL.test(lastLabel)) return no("ip-address", SAY_IP);
  let host;
  try {
    host = new URL(`https://${withoutDot}/`).hostname;
  } catch {
    return no("invalid-characters", SAY_NOT_A_DOMAIN);
  }
  if (host.endsWith(".") && !withoutDot.endsWith(".")) host = host.slice(0, -1);
  if (host.startsWith("[") || /^\d+\.\d+\.\d+\.\d+$/.test(host)) return no("ip-address", SAY_IP);
  if (host.length > 253) return no("name-too-long", SAY_TOO_LONG);
  for (const label of host.split(".")) {
    if (label.length > 63) return no("label-too-long", SAY_LABEL_TOO_LONG);
    if (!LDH_LABEL.test(label)) return no("invalid-characters", SAY_LDH);
  }
  return { ok: true, domain: host };
}
function checkTenant(input) {
  if (typeof input !== "string") return { ok: false, reason: "empty", say: SAY_ENTER_TENANT };
  const raw = input.trim();
  if (raw === "") return { ok: false, reason: "empty", say: SAY_ENTER_TENANT };
  if (isGuid(raw)) {
    const value2 = raw.toLowerCase();
    if (value2 === CONSUMER_TENANT_ID) return { ok: false, reason: "reserved", say: SAY_CONSUMER_ID };
    return { ok: true, tenant: { kind: "guid", value: value2 } };
  }
  const bare = raw.replace(/\.$/, "").toLowerCase();
  if (RESERVED_TENANT_NAMES.includes(bare)) return { ok: false, reason: "reserved", say: SAY_RESERVED_BARE, value: bare };
  const domain = checkDomainName(raw);
  if (!domain.ok) return { ok: false, reason: domain.reason, say: domain.reason === "empty" ? SAY_ENTER_TENANT : domain.say };
  const value = domain.domain;
  const labels = value.split(".");
  if (labels.length < 2) return { ok: false, reason: "single-label", say: SAY_SINGLE_LABEL, value };
  if (RESERVED_TENANT_NAMES.includes(value)) return { ok: false, reason: "reserved", say: SAY_RESERVED_VALUE, value };
  if (value === "onmicrosoft.com") return { ok: false, reason: "reserved", say: SAY_ONMICROSOFT_ALONE };
  const kind = labels.length === 3 && value.endsWith(".onmicrosoft.com") ? "onmicrosoft" : "domain";
  return { ok: true, tenant: { kind, value } };
}

// shared/myapps-link.ts
function myAppsUrl(tenantValue) {
  return isGuid(tenantValue) ? `https://myapps.microsoft.com/?tenantid=${tenantValue}` : `https://myapps.microsoft.com/${tenantValue}`;
}

// shared/tenant.ts
var IP_MESSAGE = "An IP address is not a tenant: enter a domain name or tenant ID.";
var MESSAGES = {
  [SAY_ENTER_DOMAIN]: () => "Enter a domain name.",
  [SAY_TOO_LONG]: () => "That name is longer than 253 characters.",
  [SAY_SCHEME]: () => 'Enter only the name, without "https://" or another scheme.',
  [SAY_USERINFO]: () => 'Enter the organisation\u2019s domain, not an email address or "user@" prefix.',
  [SAY_PATH]: () => 'Enter only the name, without a path, "?" or "#".',
  [SAY_IP]: () => IP_MESSAGE,
  [SAY_PORT]: () => 'Enter only the name, without a ":port".',
  [SAY_SPACES]: () => "The name contains spaces or control characters.",
  [SAY_PERCENT]: () => 'The name contains "%".',
  [SAY_NOT_A_DOMAIN]: () => "That is not a valid domain name.",
  [SAY_LABEL_TOO_LONG]: () => "One part of that name (between dots) is longer than 63 characters.",
  [SAY_LDH]: () => "A domain name may contain only letters, digits and hyphens between dots.",
  [SAY_ENTER_TENANT]: () => "Enter a tenant ID or domain.",
  [SAY_CONSUMER_ID]: () => "That ID is Microsoft\u2019s tenant for personal accounts, not an organisation.",
  [SAY_RESERVED_BARE]: (v) => `"${v}" stands for any organisation, not one: enter the organisation\u2019s tenant ID or domain.`,
  [SAY_SINGLE_LABEL]: (v) => `"${v}" is not a full domain: try "${v}.onmicrosoft.com" or the organisation\u2019s own domain.`,
  [SAY_RESERVED_VALUE]: (v) => `"${v}" stands for any organisation, not one.`,
  [SAY_ONMICROSOFT_ALONE]: () => 'Enter the organisation\u2019s name in front: "name.onmicrosoft.com".'
};
function normaliseDomainName(input) {
  const r = checkDomainName(input);
  return r.ok ? r : { ok: false, reason: r.reason, message: MESSAGES[r.say]("") };
}
function parseTenant(input) {
  const r = checkTenant(input);
  return r.ok ? r : { ok: false, reason: r.reason, message: MESSAGES[r.say](r.value ?? "") };
}

// shared/links.ts
var SHAREPOINT_SUFFIX = ".sharepoint.com";
var MAX_LOGIN_HINT = 256;
function missing(option, what) {
  return { ok: false, reason: "missing-option", message: `This link needs ${what} (${option}).` };
}
function invalid(message) {
  return { ok: false, reason: "invalid-option", message };
}
function checkLoginHint(hint) {
  if (hint === void 0) return { ok: true };
  const value = hint.trim();
  if (value === "") return { ok: true };
  if (value.length > MAX_LOGIN_HINT || /[\s\u0000-\u001f\u007f]/.test(value)) {
    return { ok: false, result: invalid("The sign-in name must be a single address without spaces, at most 256 characters.") };
  }
  return { ok: true, hint: value };
}
function tenantSegment(tenant) {
  if (tenant.kind === "guid") return isGuid(tenant.value) ? tenant.value.toLowerCase() : void 0;
  const d = normaliseDomainName(tenant.value);
  return d.ok && d.domain === tenant.value && d.domain.includes(".") ? d.domain : void 0;
}
function finish(def, url) {
  return urlOnHosts(url, def.hosts) ? { ok: true, url } : invalid("The link could not be built safely.");
}
function withTenant(build) {
  return (tenant, options = {}) => {
    const segment = tenantSegment(tenant);
    if (segment === void 0) return invalid("The tenant is not a valid tenant ID or domain.");
    return build(segment, options);
  };
}
var myapps = {
  kind: "myapps",
  name: "My Apps",
  description: "The organisation\u2019s app launcher; signing in here lands you in this organisation, not your own.",
  acceptsLoginHint: false,
  hosts: ["myapps.microsoft.com"],
  build: withTenant((t) => finish(myapps, myAppsUrl(t)))
};
var myaccount = {
  kind: "myaccount",
  name: "My Account",
  description: "Your account page in this organisation: sign-in methods, devices and organisations you belong to.",
  acceptsLoginHint: false,
  hosts: ["myaccount.microsoft.com"],
  build: withTenant((t) => finish(myaccount, `https://myaccount.microsoft.com/?tenantId=${t}`))
};
var azurePortal = {
  kind: "azure-portal",
  name: "Azure portal",
  description: "The Azure portal, opened directly in this organisation\u2019s directory.",
  acceptsLoginHint: false,
  hosts: ["portal.azure.com"],
  build: withTenant((t) => finish(azurePortal, `https://portal.azure.com/${t}`))
};
var entra = {
  kind: "entra",
  name: "Microsoft Entra admin center",
  description: "The Entra admin center, opened directly in this organisation\u2019s directory.",
  acceptsLoginHint: false,
  hosts: ["entra.microsoft.com"],
  build: withTenant((t) => finish(entra, `https://entra.microsoft.com/${t}`))
};
var teams = {
  kind: "teams",
  name: "Microsoft Teams",
  description: "Teams in this organisation; afterwards it also appears in the Teams organisation picker.",
  acceptsLoginHint: false,
  hosts: ["teams.microsoft.com"],
  build: withTenant(
    (t) => isGuid(t) ? finish(teams, `https://teams.microsoft.com/?tenantId=${t}`) : { ok: false, reason: "requires-guid", message: "Teams links need the tenant ID (a GUID), not a domain name." }
  )
};
var app = {
  kind: "app",
  name: "One application",
  description: "Signs you straight in to one application of this organisation.",
  acceptsLoginHint: false,
  hosts: ["myapps.microsoft.com"],
  build: withTenant((t, o) => {
    if (!o.appId?.trim()) return missing("appId", "the application (client) ID");
    const appId = o.appId.trim();
    if (!isGuid(appId)) return invalid("The application ID must be a GUID such as 00000000-0000-0000-0000-000000000000.");
    return finish(app, `https://myapps.microsoft.com/signin/${appId.toLowerCase()}?tenantId=${t}`);
  })
};
var sharepoint = {
  kind: "sharepoint",
  name: "SharePoint site",
  description: "A SharePoint site of this organisation; its address already tells Microsoft which organisation it is.",
  acceptsLoginHint: false,
  hosts: [SHAREPOINT_SUFFIX],
  build: (tenant, o = {}) => {
    void tenant;
    const raw = o.sharepointUrl?.trim();
    if (!raw) return missing("sharepointUrl", "the SharePoint site address");
    let url;
    try {
      url = new URL(raw);
    } catch {
      return invalid("The SharePoint address must be a full https:// address.");
    }
    if (url.protocol !== "https:") return invalid("The SharePoint address must start with https://.");
    if (url.username || url.password || url.port) return invalid("The SharePoint address must not contain a user name, password or port.");
    const host = url.hostname;
    const name = host.slice(0, -SHAREPOINT_SUFFIX.length);
    if (!host.endsWith(SHAREPOINT_SUFFIX) || !/^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/.test(name)) {
      return invalid("The SharePoint address must be on <name>.sharepoint.com.");
    }
    return finish(sharepoint, url.href);
  }
};
var authorize = {
  kind: "authorize",
  name: "OAuth sign-in (authorize endpoint)",
  description: "Starts an application\u2019s sign-in at this organisation\u2019s own endpoint, as Microsoft requires for guests.",
  acceptsLoginHint: true,
  hosts: ["login.microsoftonline.com"],
  build: withTenant((t, o) => {
    if (!o.clientId?.trim()) return missing("clientId", "the application (client) ID");
    if (!o.redirectUri?.trim()) return missing("redirectUri", "the application\u2019s redirect URI");
    const clientId = o.clientId.trim();
    if (!isGuid(clientId)) return invalid("The client ID must be a GUID.");
    let redirect;
    try {
      redirect = new URL(o.redirectUri.trim());
    } catch {
      return invalid("The redirect URI must be a full address.");
    }
    const loopback = redirect.protocol === "http:" && ["localhost", "127.0.0.1", "[::1]"].includes(redirect.hostname);
    if (redirect.protocol !== "https:" && !loopback || redirect.username || redirect.password) {
      return invalid("The redirect URI must be an https:// address (or http://localhost).");
    }
    const hint = checkLoginHint(o.loginHint);
    if (!hint.ok) return hint.result;
    const scope = (o.scope ?? "openid profile").trim().replace(/\s+/g, " ");
    if (scope === "" || scope.length > 1024) return invalid("The scope must be a space-separated list of scopes.");
    const query = [
      `client_id=${clientId.toLowerCase()}`,
      "response_type=code",
      `redirect_uri=${encodeURIComponent(redirect.href)}`,
      `scope=${encodeURIComponent(scope)}`,
      ...hint.hint ? [`login_hint=${encodeURIComponent(hint.hint)}`] : []
    ].join("&");
    return finish(authorize, `https://login.microsoftonline.com/${t}/oauth2/v2.0/authorize?${query}`);
  })
};
var LINK_CATALOGUE = [myapps, myaccount, teams, app, sharepoint, azurePortal, entra, authorize];
function findLink(kind) {
  return LINK_CATALOGUE.find((def) => def.kind === kind);
}
function buildLink(kind, tenant, options) {
  const def = findLink(kind);
  if (!def) return { ok: false, reason: "invalid-option", message: `Unknown link kind "${String(kind)}".` };
  return def.build(tenant, options);
}
function urlOnHosts(url, hosts) {
  let parsed;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (parsed.protocol !== "https:" || parsed.username || parsed.password || parsed.port) return false;
  const host = parsed.hostname;
  return hosts.some(
    (allowed) => allowed.startsWith(".") ? host.endsWith(allowed) && host.length > allowed.length : host === allowed
  );
}

// portal/config.ts
import { existsSync, readFileSync } from "node:fs";
import { resolve } from "node:path";
import { parseEnv } from "node:util";
import { z } from "zod";
var ConfigError = class extends Error {
  constructor(key, message) {
    super(`Configuration error in ${key}: ${message}`);
    this.key = key;
    this.name = "ConfigError";
  }
  key;
};
var DEFAULT_LINKS = ["myapps", "myaccount", "teams", "azure-portal", "entra"];
var LOG_LEVELS = ["fatal", "error", "warn", "info", "debug", "trace", "silent"];
function envSuffix(key) {
  return key.toUpperCase().replace(/[^A-Z0-9]/g, "_");
}
var positiveInt = (fallback) => z.string().optional().transform((v, ctx) => {
  if (v === void 0 || v.trim() === "") return fallback;
  const n = Number(v);
  if (!Number.isInteger(n) || n <= 0) {
    ctx.addIssue({ code: "custom", message: `must be a positive whole number, got "${v}"` });
    return z.NEVER;
  }
  return n;
});
var httpsUrl = (fallback) => z.string().optional().transform((v, ctx) => {
  const raw = v === void 0 || v.trim() === "" ? fallback : v.trim();
  let url;
  try {
    url = new URL(raw);
  } catch {
    ctx.addIssue({ code: "custom", message: `must be an absolute https URL, got "${raw}"` });
    return z.NEVER;
  }
  if (url.protocol !== "https:") {
    ctx.addIssue({ code: "custom", message: `must use https, got "${raw}"` });
    return z.NEVER;
  }
  return url.origin + url.pathname.replace(/\/+$/, "");
});
var envSchema = z.object({
  PORT: z.string().optional().transform((v, ctx) => {
    if (v === void 0 || v.trim() === "") return 3e3;
    const n = Number(v);
    if (!Number.isInteger(n) || n < 0 || n > 65535) {
      ctx.addIssue({ code: "custom", message: `must be a port number 0\u201365535, got "${v}"` });
      return z.NEVER;
    }
    return n;
  }),
  HOST: z.string().optional().transform((v) => v && v.trim() ? v.trim() : "127.0.0.1"),
  LOG_LEVEL: z.string().optional().transform((v, ctx) => {
    const level = v && v.trim() ? v.trim().toLowerCase() : "info";
    if (!LOG_LEVELS.includes(level)) {
      ctx.addIssue({ code: "custom", message: `must be one of ${LOG_LEVELS.join(", ")}, got "${v}"` });
      return z.NEVER;
    }
    return level;
  }),
  GUESTPASS_DATABASE: z.string().optional().transform((v) => v && v.trim() ? v.trim() : "./data/guestpass.sqlite"),
  GUESTPASS_RESEND_WINDOW_MINUTES: positiveInt(60),
  GUESTPASS_RATE_PER_IP_PER_HOUR: positiveInt(20),
  GUESTPASS_RATE_PER_ADDRESS_PER_HOUR: positiveInt(3),
  GUESTPASS_RATE_PER_TENANT_PER_HOUR: positiveInt(500),
  GUESTPASS_LOGIN_BASE_URL: httpsUrl("https://login.microsoftonline.com"),
  GUESTPASS_GRAPH_BASE_URL: httpsUrl("https://graph.microsoft.com"),
  GUESTPASS_TRUST_PROXY: z.string().optional().transform((v, ctx) => {
    if (v === void 0 || v.trim() === "" || v === "false") return false;
    if (v === "true") return true;
    const n = Number(v);
    if (Number.isInteger(n) && n >= 0) return n;
    ctx.addIssue({ code: "custom", message: `must be true, false or a number of proxy hops, got "${v}"` });
    return z.NEVER;
  })
});
var tenantEntrySchema = z.strictObject({
  tenantId: z.string().optional(),
  domain: z.string().optional(),
  displayName: z.string().trim().min(1, "is required").max(120, "is longer than 120 characters"),
  links: z.array(z.string()).optional(),
  invitationMessage: z.string().max(1e3, "is longer than 1000 characters").optional(),
  appId: z.string().optional(),
  sharepointUrl: z.string().optional(),
  contact: z.string().max(200, "is longer than 200 characters").optional(),
  clientId: z.string().optional(),
  certificatePath: z.string().optional(),
  privateKeyPath: z.string().optional()
});
var GUID2 = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
function loadConfig(env = process.env, options = {}) {
  const cwd = options.cwd ?? process.cwd();
  const merged = { ...readEnvFile(env, cwd, options.envFile ?? true), ...definedOnly(env) };
  const parsed = envSchema.safeParse(merged);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ConfigError(String(issue.path[0] ?? "environment"), issue.message);
  }
  const e = parsed.data;
  const tenants = readTenants(merged, cwd);
  const mode = tenants.length === 0 ? "demo" : "live";
  const publicBaseUrlRaw = merged.GUESTPASS_PUBLIC_URL?.trim();
  const publicBaseUrl = publicBaseUrlRaw ? validatePublicUrl(publicBaseUrlRaw) : `http://${e.HOST === "0.0.0.0" || e.HOST === "::" ? "127.0.0.1" : hostForUrl(e.HOST)}:${e.PORT}`;
  const secret = merged.GUESTPASS_SECRET;
  let effectiveSecret;
  if (secret !== void 0 && secret !== "") {
    if (secret.length < 32) throw new ConfigError("GUESTPASS_SECRET", "must be at least 32 characters long");
    effectiveSecret = secret;
  } else if (mode === "demo") {
    effectiveSecret = (options.randomSecret ?? randomHex)();
  } else {
    throw new ConfigError(
      "GUESTPASS_SECRET",
      "is required when tenants are configured (32+ random characters, e.g. `openssl rand -hex 32`); it signs the form tokens"
    );
  }
  return {
    mode,
    port: e.PORT,
    host: e.HOST,
    publicBaseUrl,
    publicBaseUrlExplicit: Boolean(publicBaseUrlRaw),
    logLevel: e.LOG_LEVEL,
    databasePath: resolve(cwd, e.GUESTPASS_DATABASE),
    resendWindowMinutes: e.GUESTPASS_RESEND_WINDOW_MINUTES,
    rateLimits: {
      perIpPerHour: e.GUESTPASS_RATE_PER_IP_PER_HOUR,
      perAddressPerHour: e.GUESTPASS_RATE_PER_ADDRESS_PER_HOUR,
      perTenantPerHour: e.GUESTPASS_RATE_PER_TENANT_PER_HOUR
    },
    graph: { loginBaseUrl: e.GUESTPASS_LOGIN_BASE_URL, graphBaseUrl: e.GUESTPASS_GRAPH_BASE_URL },
    tenants,
    secret: effectiveSecret,
    trustProxy: e.GUESTPASS_TRUST_PROXY
  };
}
function linkTenant(tenant) {
  const parsed = parseTenant(tenant.tenantId ?? tenant.domain ?? tenant.key);
  if (!parsed.ok) throw new Error(`tenant ${tenant.key} was validated at start-up but no longer parses`);
  return parsed.tenant;
}
function findTenant(tenants, segment) {
  const parsed = parseTenant(segment);
  if (!parsed.ok) return void 0;
  const value = parsed.tenant.value;
  return tenants.find((t) => t.key === value || t.tenantId === value || t.domain === value);
}
function readTenants(env, cwd) {
  const raw = env.GUESTPASS_TENANTS?.trim();
  if (!raw) return [];
  const key = "GUESTPASS_TENANTS";
  let text = raw;
  let where = key;
  if (!raw.startsWith("[")) {
    const path = resolve(cwd, raw);
    if (!existsSync(path)) throw new ConfigError(key, `is neither a JSON array nor an existing file (looked for ${path})`);
    text = readFileSync(path, "utf8");
    where = `${key} (${path})`;
  }
  let json;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new ConfigError(where, `is not valid JSON: ${error.message}`);
  }
  if (!Array.isArray(json)) throw new ConfigError(where, "must be a JSON array of tenants");
  const tenants = json.map((entry, index) => readTenant(entry, `${key}[${index}]`, env, cwd));
  const seen = /* @__PURE__ */ new Map();
  tenants.forEach((t, index) => {
    for (const id of /* @__PURE__ */ new Set([t.key, t.tenantId, t.domain])) {
      if (!id) continue;
      const other = seen.get(id);
      if (other) throw new ConfigError(`${key}[${index}]`, `names tenant ${id} again (already configured in ${other})`);
      seen.set(id, `${key}[${index}]`);
    }
  });
  return tenants;
}
function readTenant(entry, where, env, cwd) {
  if (entry && typeof entry === "object" && "clientSecret" in entry) {
    throw new ConfigError(
      `${where}.clientSecret`,
      "secrets do not belong in the tenants list; set GUESTPASS_GRAPH_SECRET_<TENANT> in the environment instead"
    );
  }
  const parsed = tenantEntrySchema.safeParse(entry);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const path = issue.path.length ? `${where}.${issue.path.join(".")}` : where;
    const message = issue.code === "unrecognized_keys" ? `has unknown field(s) ${issue.keys.join(", ")}` : issue.message;
    throw new ConfigError(path, message);
  }
  const t = parsed.data;
  if (!t.tenantId && !t.domain) throw new ConfigError(where, "needs a tenantId (GUID) or a domain");
  let tenantId;
  if (t.tenantId !== void 0) {
    const r = parseTenant(t.tenantId);
    if (!r.ok || r.tenant.kind !== "guid") {
      throw new ConfigError(`${where}.tenantId`, `must be the tenant's GUID, got "${t.tenantId}"`);
    }
    tenantId = r.tenant.value;
  }
  let domain;
  if (t.domain !== void 0) {
    const r = parseTenant(t.domain);
    if (!r.ok) throw new ConfigError(`${where}.domain`, r.message);
    if (r.tenant.kind === "guid") throw new ConfigError(`${where}.domain`, "is a GUID; put it in tenantId");
    domain = r.tenant.value;
  }
  const key = domain ?? tenantId;
  let links;
  if (t.links) {
    links = [];
    t.links.forEach((kind, i) => {
      const def = findLink(kind);
      if (!def) throw new ConfigError(`${where}.links[${i}]`, `"${kind}" is not a known link kind`);
      if (!links.includes(def.kind)) links.push(def.kind);
    });
  } else {
    links = [...DEFAULT_LINKS];
    if (t.appId) links.push("app");
    if (t.sharepointUrl) links.push("sharepoint");
  }
  if (links.includes("app") && !t.appId) throw new ConfigError(`${where}.appId`, 'is required for the "app" link');
  if (links.includes("sharepoint") && !t.sharepointUrl) {
    throw new ConfigError(`${where}.sharepointUrl`, 'is required for the "sharepoint" link');
  }
  if (links.includes("authorize")) {
    throw new ConfigError(`${where}.links`, '"authorize" links need an app and redirect URI; they are not offered to guests');
  }
  if (t.appId !== void 0 && !GUID2.test(t.appId)) throw new ConfigError(`${where}.appId`, "must be an application GUID");
  const suffix = envSuffix(key);
  const clientId = env[`GUESTPASS_GRAPH_CLIENT_ID_${suffix}`]?.trim() || t.clientId;
  const clientSecret = env[`GUESTPASS_GRAPH_SECRET_${suffix}`] || void 0;
  const certificatePath = env[`GUESTPASS_GRAPH_CERTIFICATE_${suffix}`]?.trim() || t.certificatePath;
  const privateKeyPath = env[`GUESTPASS_GRAPH_PRIVATE_KEY_${suffix}`]?.trim() || t.privateKeyPath;
  let credentials;
  if (clientId || clientSecret || certificatePath || privateKeyPath) {
    const idKey = `GUESTPASS_GRAPH_CLIENT_ID_${suffix}`;
    if (!clientId) throw new ConfigError(idKey, `is required when Graph credentials are given for ${key}`);
    if (!GUID2.test(clientId)) throw new ConfigError(t.clientId === clientId ? `${where}.clientId` : idKey, "must be an application (client) GUID");
    if (!clientSecret && !certificatePath) {
      throw new ConfigError(
        `GUESTPASS_GRAPH_SECRET_${suffix}`,
        `is required for ${key} (or GUESTPASS_GRAPH_CERTIFICATE_${suffix} with a certificate path)`
      );
    }
    for (const [name, path] of [
      [`GUESTPASS_GRAPH_CERTIFICATE_${suffix}`, certificatePath],
      [`GUESTPASS_GRAPH_PRIVATE_KEY_${suffix}`, privateKeyPath]
    ]) {
      if (path && !existsSync(resolve(cwd, path))) throw new ConfigError(name, `file not found: ${resolve(cwd, path)}`);
    }
    credentials = {
      clientId: clientId.toLowerCase(),
      ...clientSecret ? { clientSecret } : {},
      ...certificatePath ? { certificatePath: resolve(cwd, certificatePath) } : {},
      ...privateKeyPath ? { privateKeyPath: resolve(cwd, privateKeyPath) } : {}
    };
  }
  return {
    key,
    ...tenantId ? { tenantId } : {},
    ...domain ? { domain } : {},
    displayName: t.displayName,
    links,
    ...t.invitationMessage ? { invitationMessage: t.invitationMessage } : {},
    ...t.appId ? { appId: t.appId.toLowerCase() } : {},
    ...t.sharepointUrl ? { sharepointUrl: t.sharepointUrl } : {},
    ...t.contact ? { contact: t.contact } : {},
    ...credentials ? { credentials } : {}
  };
}
function validatePublicUrl(raw) {
  let url;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError("GUESTPASS_PUBLIC_URL", `must be an absolute http(s) URL, got "${raw}"`);
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") {
    throw new ConfigError("GUESTPASS_PUBLIC_URL", `must be an http(s) URL, got "${raw}"`);
  }
  if (url.search || url.hash || url.username || url.password) {
    throw new ConfigError("GUESTPASS_PUBLIC_URL", "must not carry a query, fragment or credentials");
  }
  return url.origin + url.pathname.replace(/\/+$/, "");
}
function readEnvFile(env, cwd, enabled) {
  if (!enabled) return {};
  const explicit = env.GUESTPASS_ENV_FILE;
  const path = resolve(cwd, explicit ?? ".env");
  if (!existsSync(path)) {
    if (explicit) throw new ConfigError("GUESTPASS_ENV_FILE", `file not found: ${path}`);
    return {};
  }
  return definedOnly(parseEnv(readFileSync(path, "utf8")));
}
function definedOnly(env) {
  const out = {};
  for (const [k, v] of Object.entries(env)) if (v !== void 0) out[k] = v;
  return out;
}
function hostForUrl(host) {
  return host.includes(":") ? `[${host}]` : host;
}
function randomHex() {
  return crypto.getRandomValues(new Uint8Array(32)).reduce((s, b) => s + b.toString(16).padStart(2, "0"), "");
}

// shared/address.ts
var MAX_ADDRESS = 254;
var MAX_LOCAL = 64;
var LOCAL_CHARS = /^[A-Za-z0-9._'-]+$/;
var GOOGLE = /* @__PURE__ */ new Set(["gmail.com", "googlemail.com"]);
var MSA_BRANDED = /^(?:hotmail|live)\.(?:com|net|[a-z]{2}|(?:co|com)\.[a-z]{2})$/;
var MSA_EXACT = /* @__PURE__ */ new Set(["outlook.com", "msn.com"]);
function reject(reason, message) {
  return { ok: false, reason, message };
}
function parseAddress(input) {
  if (typeof input !== "string") return reject("empty", "Enter your email address.");
  const raw = input.trim();
  if (raw === "") return reject("empty", "Enter your email address.");
  if (raw.length > MAX_ADDRESS * 4) return reject("too-long", "An email address can be at most 254 characters long.");
  const at = raw.lastIndexOf("@");
  if (at === -1) return reject("malformed", "Enter a full email address, such as name@example.com.");
  const local = raw.slice(0, at);
  const rawDomain = raw.slice(at + 1);
  if (local === "" || rawDomain === "") return reject("malformed", "Enter a full email address, such as name@example.com.");
  if (local.includes("@")) return reject("malformed", 'An email address contains exactly one "@".');
  if (local.length > MAX_LOCAL) return reject("too-long", 'The part before "@" can be at most 64 characters long.');
  if (local.includes("+")) {
    return reject(
      "plus-not-supported",
      'Microsoft Entra does not accept "+" in invited addresses. Use the address without the "+\u2026" part (for example name@gmail.com).'
    );
  }
  if (/\s/.test(local)) return reject("malformed", "An email address cannot contain spaces.");
  if (!LOCAL_CHARS.test(local)) {
    const bad = [...local].find((ch) => !/[A-Za-z0-9._'-]/.test(ch)) ?? "";
    return reject("malformed", `Microsoft Entra does not accept the character "${bad}" in invited addresses.`);
  }
  if (local.startsWith(".") || local.endsWith(".") || local.includes("..")) {
    return reject("malformed", 'The part before "@" cannot start or end with a dot, or contain two dots in a row.');
  }
  if (rawDomain.endsWith(".")) return reject("malformed", 'The domain after "@" cannot end with a dot.');
  const domain = normaliseDomainName(rawDomain);
  if (!domain.ok) {
    return domain.reason === "name-too-long" || domain.reason === "label-too-long" ? reject("too-long", 'The domain after "@" is too long.') : reject("malformed", 'The part after "@" must be a domain name, such as example.com.');
  }
  if (!domain.domain.includes(".")) return reject("malformed", 'The part after "@" must be a full domain name, such as example.com.');
  const address = `${local}@${domain.domain}`;
  if (address.length > MAX_ADDRESS) return reject("too-long", "An email address can be at most 254 characters long.");
  return { ok: true, address, local, domain: domain.domain, home: classifyAddressHome(domain.domain) };
}
function classifyAddressHome(domain) {
  const d = domain.trim().toLowerCase().replace(/\.$/, "");
  if (GOOGLE.has(d)) return "google";
  if (MSA_EXACT.has(d) || MSA_BRANDED.test(d)) return "microsoft-account";
  return "other";
}

export {
  parseTenant,
  findLink,
  buildLink,
  urlOnHosts,
  ConfigError,
  DEFAULT_LINKS,
  loadConfig,
  linkTenant,
  findTenant,
  parseAddress
};
//# sourceMappingURL=chunk-23E5JKQG.mjs.map
