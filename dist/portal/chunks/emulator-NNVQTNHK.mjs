import {
  DEMO_PEOPLE,
  DEMO_PORTAL_APP,
  DEMO_TENANT,
  DEMO_WEB_APP,
  PARTNER_TENANT
} from "./chunk-NE5AUWOP.mjs";
import {
  DEFAULT_CERT_DIR,
  ensureEmulatorTls,
  publishOnce
} from "./chunk-LHOQIK6G.mjs";

// test/emulator/index.ts
import { join } from "node:path";
import express11 from "express";

// test/emulator/faults.ts
import { randomUUID } from "node:crypto";
var FAULTS_LOCALS_KEY = "emulatorFaults";
function faultControllerOf(res) {
  return res.locals[FAULTS_LOCALS_KEY];
}
function seededRandom(seed) {
  let a = seed >>> 0;
  return () => {
    a = a + 1831565813 >>> 0;
    let t = a;
    t = Math.imul(t ^ t >>> 15, t | 1);
    t ^= t + Math.imul(t ^ t >>> 7, t | 61);
    return ((t ^ t >>> 14) >>> 0) / 4294967296;
  };
}
function matches(route, key) {
  if (typeof route === "string") return key.startsWith(route);
  route.lastIndex = 0;
  return route.test(key);
}
var STATUS_CODES = {
  429: { code: "TooManyRequests", message: "Too many requests. Please retry again later." },
  500: { code: "InternalServerError", message: "An internal server error occurred." },
  502: { code: "BadGateway", message: "Bad gateway." },
  503: { code: "ServiceUnavailable", message: "The service is temporarily unavailable. Please retry again later." },
  504: { code: "GatewayTimeout", message: "The gateway timed out." }
};
function faultErrorBody(status, requestId, clientRequestId) {
  const known = STATUS_CODES[status] ?? { code: "UnknownError", message: `Injected status ${status}.` };
  return {
    error: {
      code: known.code,
      message: known.message,
      innerError: { date: (/* @__PURE__ */ new Date()).toISOString().slice(0, 19), "request-id": requestId, "client-request-id": clientRequestId }
    }
  };
}
var MALFORMED_BODY = '{"@odata.context":"https://graph.microsoft.com/v1.0/$metadata#users","value":[{"id":"';
function loseResponse(req, res, fault) {
  const realEnd = res.end.bind(res);
  res.write = (() => true);
  res.end = (() => {
    if (fault.status === void 0) {
      req.socket.destroy();
      return res;
    }
    const requestId = randomUUID();
    const clientRequestId = req.get("client-request-id") ?? requestId;
    for (const name of res.getHeaderNames()) res.removeHeader(name);
    res.statusCode = fault.status;
    res.setHeader("Content-Type", "application/json");
    res.setHeader("request-id", requestId);
    res.setHeader("client-request-id", clientRequestId);
    if (fault.retryAfterSeconds !== void 0) res.setHeader("Retry-After", String(fault.retryAfterSeconds));
    return realEnd(JSON.stringify(faultErrorBody(fault.status, requestId, clientRequestId)));
  });
}
function createFaultController(options = {}) {
  let rules = [];
  let totalFired = 0;
  const random = seededRandom(options.seed ?? 1);
  const decide = (routeKey) => {
    for (const active of rules) {
      if (active.remaining <= 0 || !matches(active.rule.route, routeKey)) continue;
      if (active.rule.probability !== void 0 && random() >= active.rule.probability) continue;
      active.remaining--;
      active.fired++;
      totalFired++;
      return active.rule.fault;
    }
    return null;
  };
  const controller = {
    decide,
    middleware(req, res, next) {
      res.locals[FAULTS_LOCALS_KEY] = controller;
      const fault = decide(`${req.method.toUpperCase()} ${req.originalUrl}`);
      if (!fault) {
        next();
        return;
      }
      switch (fault.kind) {
        case "delay": {
          const onClose = () => clearTimeout(timer);
          const timer = setTimeout(() => {
            req.socket.off("close", onClose);
            if (!req.socket.destroyed) next();
          }, fault.ms);
          req.socket.once("close", onClose);
          return;
        }
        case "cut":
          req.socket.destroy();
          return;
        case "malformed":
          res.status(200).type("application/json").send(MALFORMED_BODY);
          return;
        case "lostResponse":
          loseResponse(req, res, fault);
          next();
          return;
        case "status": {
          const requestId = randomUUID();
          const clientRequestId = req.get("client-request-id") ?? requestId;
          res.set("request-id", requestId).set("client-request-id", clientRequestId);
          if (fault.retryAfterSeconds !== void 0) res.set("Retry-After", String(fault.retryAfterSeconds));
          res.status(fault.status).json(fault.body ?? faultErrorBody(fault.status, requestId, clientRequestId));
          return;
        }
      }
    },
    inject(rule) {
      if (rule.probability !== void 0 && !(rule.probability >= 0 && rule.probability <= 1)) {
        throw new RangeError(`FaultRule.probability must be within 0..1, got ${rule.probability}`);
      }
      if (rule.times !== void 0 && !(Number.isInteger(rule.times) && rule.times >= 0)) {
        throw new RangeError(`FaultRule.times must be a non-negative integer, got ${rule.times}`);
      }
      const active = { rule, remaining: rule.times ?? Number.POSITIVE_INFINITY, fired: 0 };
      rules.push(active);
      return {
        remove: () => {
          rules = rules.filter((r) => r !== active);
        },
        fired: () => active.fired
      };
    },
    clear() {
      rules = [];
      totalFired = 0;
    },
    fired: () => totalFired
  };
  return controller;
}

// test/emulator/graph/index.ts
import express from "express";

// test/emulator/graph/graph-call.ts
import { randomUUID as randomUUID2 } from "node:crypto";
function newRequestIds(clientRequestId) {
  const requestId = randomUUID2();
  return { requestId, clientRequestId: clientRequestId?.trim() || requestId };
}
function graphError(ids, status, code, message, headers) {
  return {
    status,
    headers,
    body: {
      error: {
        code,
        message,
        innerError: {
          date: (/* @__PURE__ */ new Date()).toISOString().slice(0, 19),
          "request-id": ids.requestId,
          "client-request-id": ids.clientRequestId
        }
      }
    }
  };
}
var INSUFFICIENT_PRIVILEGES = "Insufficient privileges to complete the operation.";
function requireRole(call, accepted) {
  if (call.caller.roles.some((role) => accepted.includes(role))) return null;
  return graphError(call, 403, "Authorization_RequestDenied", INSUFFICIENT_PRIVILEGES);
}
function odataContext(call, fragment) {
  return `https://graph.microsoft.com/${call.version}/$metadata#${fragment}`;
}

// test/emulator/graph/batch.ts
var MAX_BATCH_REQUESTS = 20;
var CutConnection = class extends Error {
};
function readInnerRequests(call) {
  const body = call.body;
  if (typeof body !== "object" || body === null || !Array.isArray(body.requests)) {
    return graphError(call, 400, "BadRequest", "Invalid batch payload format.");
  }
  if (body.requests.length > MAX_BATCH_REQUESTS) {
    return graphError(call, 400, "BadRequest", `Limit of ${MAX_BATCH_REQUESTS} requests per batch exceeded.`);
  }
  const seen = /* @__PURE__ */ new Set();
  const requests = [];
  for (const raw of body.requests) {
    const r = typeof raw === "object" && raw !== null ? raw : {};
    const id = typeof r.id === "string" || typeof r.id === "number" ? String(r.id) : "";
    if (id === "" || typeof r.method !== "string" || typeof r.url !== "string") {
      return graphError(call, 400, "BadRequest", "Invalid batch payload format: each request needs id, method and url.");
    }
    if (seen.has(id)) return graphError(call, 400, "BadRequest", `Batch request id '${id}' is duplicated.`);
    seen.add(id);
    const headers = {};
    if (typeof r.headers === "object" && r.headers !== null) {
      for (const [name, value] of Object.entries(r.headers)) headers[name.toLowerCase()] = String(value);
    }
    requests.push({ id, method: r.method.toUpperCase(), url: r.url, headers, body: r.body });
  }
  return requests;
}
function splitInnerUrl(url, version) {
  if (/^[a-z]+:\/\//i.test(url)) return null;
  const [rawPath = "", query = ""] = url.replace(/^\//, "").split(/\?(.*)/s);
  try {
    const segments = rawPath.split("/").filter((s) => s !== "").map((s) => decodeURIComponent(s));
    if (segments[0] === version) segments.shift();
    const path = rawPath.startsWith(`${version}/`) ? rawPath.slice(version.length + 1) : rawPath;
    return { segments, query: new URLSearchParams(query), path: query ? `${path}?${query}` : path };
  } catch {
    return null;
  }
}
async function applyInnerFault(fault, ids, run) {
  switch (fault.kind) {
    case "status":
      return {
        status: fault.status,
        headers: fault.retryAfterSeconds !== void 0 ? { "Retry-After": String(fault.retryAfterSeconds) } : {},
        body: fault.body ?? faultErrorBody(fault.status, ids.requestId, ids.clientRequestId)
      };
    case "delay":
      await new Promise((resolve) => setTimeout(resolve, fault.ms));
      return run();
    case "malformed":
      return { status: 200, rawBody: MALFORMED_BODY };
    case "cut":
      throw new CutConnection();
    case "lostResponse": {
      await run();
      if (fault.status === void 0) throw new CutConnection();
      return {
        status: fault.status,
        headers: fault.retryAfterSeconds !== void 0 ? { "Retry-After": String(fault.retryAfterSeconds) } : {},
        body: faultErrorBody(fault.status, ids.requestId, ids.clientRequestId)
      };
    }
  }
}
async function runBatch(call, dispatch, faults) {
  const requests = readInnerRequests(call);
  if (!Array.isArray(requests)) return requests;
  const responses = [];
  for (const inner of requests) {
    const ids = newRequestIds(inner.headers["client-request-id"]);
    const split = splitInnerUrl(inner.url, call.version);
    let response;
    if (!split) {
      response = graphError(ids, 400, "BadRequest", `Invalid request URL '${inner.url}'.`);
    } else {
      const innerCall = {
        ...call,
        method: inner.method,
        segments: split.segments,
        query: split.query,
        headers: inner.headers,
        body: inner.body,
        requestId: ids.requestId,
        clientRequestId: ids.clientRequestId
      };
      const run = async () => {
        if (split.segments[0] === "$batch") return graphError(ids, 400, "BadRequest", "Nested batch requests are not supported.");
        return dispatch(innerCall);
      };
      const routeKey = `${inner.method} /${call.version}/${split.path}`;
      const fault = faults?.decide(routeKey) ?? null;
      response = fault ? await applyInnerFault(fault, ids, run) : await run();
    }
    responses.push({
      id: inner.id,
      status: response.status,
      headers: { "Content-Type": "application/json", ...response.headers },
      body: response.rawBody ?? response.body
    });
  }
  return { status: 200, body: { responses } };
}

// test/emulator/graph/invitations.ts
import { randomBytes as randomBytes2, randomUUID as randomUUID4 } from "node:crypto";

// test/emulator/state.ts
import { randomBytes, randomUUID as randomUUID3 } from "node:crypto";
var DEFAULT_BEHAVIOUR = {
  reinvitePendingGuest: "resend",
  reinviteRedeemedUser: "no-email"
};
function createEmulatorState(options = {}) {
  const now = options.now ?? (() => /* @__PURE__ */ new Date());
  const state = {
    tenants: [],
    outbox: [],
    requestLog: [],
    invitations: [],
    msaAccounts: /* @__PURE__ */ new Set(),
    behaviour: { ...DEFAULT_BEHAVIOUR, ...options.behaviour },
    now,
    findTenant(idOrDomain) {
      const key = idOrDomain.trim().toLowerCase().replace(/\.$/, "");
      if (!key) return void 0;
      return state.tenants.find((t) => t.id.toLowerCase() === key || t.domains.some((d) => d.toLowerCase() === key));
    }
  };
  return state;
}
function buildInviteRedeemUrl(tenantId, invitationId, ticket) {
  const rd = `https://invitations.microsoft.com/redeem/?tenant=${tenantId}&user=${invitationId}&ticket=${encodeURIComponent(ticket)}&ver=2.0`;
  return `https://login.microsoftonline.com/redeem?rd=${encodeURIComponent(rd)}`;
}
function recordInvitation(state, input) {
  const id = input.id ?? randomUUID3();
  const ticket = input.ticket ?? randomBytes(24).toString("base64url");
  const record = {
    id,
    tenantId: input.tenantId,
    invitedUserId: input.invitedUserId,
    invitedUserEmailAddress: input.invitedUserEmailAddress,
    ticket,
    inviteRedirectUrl: input.inviteRedirectUrl,
    inviteRedeemUrl: buildInviteRedeemUrl(input.tenantId, id, ticket),
    createdDateTime: state.now().toISOString()
  };
  state.invitations.push(record);
  return record;
}
function isFullEmulatorState(state) {
  return Array.isArray(state.invitations) && state.msaAccounts instanceof Set;
}

// test/emulator/graph/invitations.ts
var INVITE_ROLES = ["User.Invite.All", "User.ReadWrite.All", "Directory.ReadWrite.All"];
var RESET_REDEMPTION_ROLES = ["User.ReadWrite.All", "Directory.ReadWrite.All"];
var fallbackStores = /* @__PURE__ */ new WeakMap();
function registryOf(state) {
  if (isFullEmulatorState(state)) return state.invitations;
  let store = fallbackStores.get(state);
  if (!store) {
    store = [];
    fallbackStores.set(state, store);
  }
  return store;
}
function rememberInvitation(state, input) {
  if (isFullEmulatorState(state)) return recordInvitation(state, input);
  const id = randomUUID4();
  const ticket = randomBytes2(24).toString("base64url");
  const record = { ...input, id, ticket, inviteRedeemUrl: buildInviteRedeemUrl(input.tenantId, id, ticket), createdDateTime: state.now().toISOString() };
  registryOf(state).push(record);
  return record;
}
var SIMPLE_ADDRESS = /^[A-Za-z0-9._%'-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+$/;
var UNSUPPORTED_ADDRESS_CHARACTERS = /[+#!&*\/=?^`{|}~]/;
function readRequest(call) {
  const body = call.body;
  if (typeof body !== "object" || body === null || Array.isArray(body)) {
    return graphError(call, 400, "BadRequest", "Write requests (excluding DELETE) must contain the Content-Type header declaration.");
  }
  const b = body;
  const missing = ["invitedUserEmailAddress", "inviteRedirectUrl"].filter((key) => typeof b[key] !== "string" || b[key].trim() === "");
  if (missing.length > 0) {
    return graphError(call, 400, "BadRequest", `The request is missing required property: ${missing.join(", ")}.`);
  }
  const info = typeof b.invitedUserMessageInfo === "object" && b.invitedUserMessageInfo !== null ? b.invitedUserMessageInfo : {};
  const invitedUser = typeof b.invitedUser === "object" && b.invitedUser !== null ? b.invitedUser : {};
  const userType = b.invitedUserType ?? "Guest";
  if (userType !== "Guest" && userType !== "Member") {
    return graphError(call, 400, "BadRequest", `Invalid value '${String(userType)}' for invitedUserType.`);
  }
  return {
    invitedUserEmailAddress: b.invitedUserEmailAddress.trim(),
    inviteRedirectUrl: b.inviteRedirectUrl.trim(),
    invitedUserDisplayName: typeof b.invitedUserDisplayName === "string" ? b.invitedUserDisplayName : null,
    sendInvitationMessage: b.sendInvitationMessage === true,
    customizedMessageBody: typeof info.customizedMessageBody === "string" ? info.customizedMessageBody : null,
    messageLanguage: typeof info.messageLanguage === "string" ? info.messageLanguage : null,
    ccRecipients: Array.isArray(info.ccRecipients) ? info.ccRecipients : [],
    invitedUserType: userType,
    resetRedemption: b.resetRedemption === true,
    invitedUserId: typeof invitedUser.id === "string" ? invitedUser.id : null
  };
}
var fold = (s) => s.toLowerCase();
function findUserByAddress(tenant, address) {
  const wanted = fold(address);
  return tenant.users.find(
    (user) => fold(user.userPrincipalName) === wanted || user.mail !== null && fold(user.mail) === wanted || user.otherMails.some((mail) => fold(mail) === wanted) || user.proxyAddresses.some((proxy) => fold(proxy.replace(/^smtp:/i, "")) === wanted)
  );
}
function homeIdpFor(address) {
  const domain = address.split("@")[1].toLowerCase();
  if (domain === "gmail.com" || domain === "googlemail.com") return "google";
  if (/^(outlook|hotmail|live|msn)\.[a-z.]+$/.test(domain)) return "msa";
  return "otp";
}
function createGuest(state, tenant, request) {
  const address = request.invitedUserEmailAddress;
  const initialDomain = tenant.domains[0];
  const userPrincipalName = `${address.toLowerCase().replace("@", "_")}#EXT#@${initialDomain}`;
  const now = state.now().toISOString();
  const user = {
    id: randomUUID4(),
    displayName: request.invitedUserDisplayName ?? address.split("@")[0],
    mail: address,
    otherMails: [],
    proxyAddresses: [`SMTP:${address}`],
    userPrincipalName,
    userType: request.invitedUserType,
    externalUserState: "PendingAcceptance",
    externalUserStateChangeDateTime: now,
    creationType: "Invitation",
    usageLocation: null,
    // Before redemption the identity's issuer is the host's domain (user-properties.md).
    identities: [{ signInType: "userPrincipalName", issuer: initialDomain, issuerAssignedId: userPrincipalName }],
    createdDateTime: now,
    signInActivity: null,
    directoryRoles: [],
    homeIdp: homeIdpFor(address)
  };
  tenant.users.push(user);
  return user;
}
function isRedeemed(user) {
  return user.externalUserState !== "PendingAcceptance";
}
function resetRedemption(call, request) {
  const denied = requireRole(call, RESET_REDEMPTION_ROLES);
  if (denied) return denied;
  const user = call.caller.tenant.users.find((u) => fold(u.id) === fold(request.invitedUserId ?? ""));
  if (!user) {
    return graphError(call, 404, "Request_ResourceNotFound", `Resource '${request.invitedUserId ?? ""}' does not exist or one of its queried reference-property objects are not present.`);
  }
  const address = fold(request.invitedUserEmailAddress);
  if (!(user.mail !== null && fold(user.mail) === address) && !user.otherMails.some((mail) => fold(mail) === address)) {
    return graphError(call, 400, "BadRequest", "The email you\u2019re using to invite this user doesn\u2019t match any emails on the user object.");
  }
  if (user.directoryRoles.length > 0) {
    return graphError(call, 403, "Authorization_RequestDenied", INSUFFICIENT_PRIVILEGES);
  }
  const now = call.state.now().toISOString();
  const initialDomain = call.caller.tenant.domains[0];
  user.mail = request.invitedUserEmailAddress;
  user.externalUserState = "PendingAcceptance";
  user.externalUserStateChangeDateTime = now;
  user.identities = [{ signInType: "userPrincipalName", issuer: initialDomain, issuerAssignedId: user.userPrincipalName }];
  return user;
}
function postInvitation(call) {
  const denied = requireRole(call, INVITE_ROLES);
  if (denied) return denied;
  const tenant = call.caller.tenant;
  if (!tenant.invitationsEnabled || tenant.authorizationPolicy.allowInvitesFrom === "none") {
    return graphError(call, 403, "Forbidden", "Guest invitations not allowed for your company. Contact your company administrator for more details.");
  }
  const request = readRequest(call);
  if ("status" in request) return request;
  const address = request.invitedUserEmailAddress;
  if (UNSUPPORTED_ADDRESS_CHARACTERS.test(address)) {
    return graphError(
      call,
      400,
      "BadRequest",
      `The invited user email address '${address}' contains characters that are not supported. Plus symbols and other special characters aren't supported in email addresses.`
    );
  }
  if (!SIMPLE_ADDRESS.test(address)) {
    return graphError(call, 400, "BadRequest", `The invited user email address '${address}' is not valid.`);
  }
  if (!/^https?:\/\/[^\s]+$/i.test(request.inviteRedirectUrl)) {
    return graphError(call, 400, "BadRequest", `The inviteRedirectUrl '${request.inviteRedirectUrl}' is not a valid absolute URL.`);
  }
  let user;
  let sendEmail;
  if (request.resetRedemption) {
    if (!request.invitedUserId) return graphError(call, 400, "BadRequest", "resetRedemption requires invitedUser.id.");
    const reset = resetRedemption(call, request);
    if ("status" in reset) return reset;
    user = reset;
    sendEmail = request.sendInvitationMessage;
  } else {
    const existing = findUserByAddress(tenant, address);
    if (!existing) {
      user = createGuest(call.state, tenant, request);
      sendEmail = request.sendInvitationMessage;
    } else if (!isRedeemed(existing)) {
      user = existing;
      sendEmail = request.sendInvitationMessage && call.state.behaviour.reinvitePendingGuest === "resend";
    } else {
      user = existing;
      sendEmail = request.sendInvitationMessage && call.state.behaviour.reinviteRedeemedUser === "email";
    }
  }
  const { id, inviteRedeemUrl } = rememberInvitation(call.state, {
    tenantId: tenant.id,
    invitedUserId: user.id,
    invitedUserEmailAddress: address,
    inviteRedirectUrl: request.inviteRedirectUrl
  });
  const now = call.state.now().toISOString();
  if (sendEmail) {
    const email = {
      id: randomUUID4(),
      tenantId: tenant.id,
      to: address,
      invitedUserId: user.id,
      invitationId: id,
      inviteRedeemUrl,
      inviteRedirectUrl: request.inviteRedirectUrl,
      customizedMessageBody: request.customizedMessageBody,
      sentAt: now
    };
    call.state.outbox.push(email);
  }
  return {
    status: 201,
    body: {
      "@odata.context": odataContext(call, "invitations/$entity"),
      id,
      inviteRedeemUrl,
      invitedUserDisplayName: request.invitedUserDisplayName,
      invitedUserType: user.userType,
      invitedUserEmailAddress: address,
      sendInvitationMessage: request.sendInvitationMessage,
      resetRedemption: request.resetRedemption,
      inviteRedirectUrl: request.inviteRedirectUrl,
      status: isRedeemed(user) ? "Completed" : "PendingAcceptance",
      invitedUserMessageInfo: {
        messageLanguage: request.messageLanguage,
        ccRecipients: request.ccRecipients,
        customizedMessageBody: request.customizedMessageBody
      },
      invitedUser: { id: user.id }
    }
  };
}

// test/emulator/graph/policies.ts
var POLICY_READ_ROLES = ["Policy.Read.All", "Policy.ReadWrite.Authorization", "Directory.Read.All", "Directory.ReadWrite.All"];
var CONDITIONAL_ACCESS_READ_ROLES = ["Policy.Read.All", "Policy.ReadWrite.ConditionalAccess"];
var SKU_READ_ROLES = ["Organization.Read.All", "Organization.ReadWrite.All", "Directory.Read.All", "Directory.ReadWrite.All", "LicenseAssignment.Read.All"];
var AUTHORIZATION_POLICY_ID = "authorizationPolicy";
function getAuthorizationPolicy(call) {
  const denied = requireRole(call, POLICY_READ_ROLES);
  if (denied) return denied;
  const policy = call.caller.tenant.authorizationPolicy;
  return {
    status: 200,
    body: {
      "@odata.context": odataContext(call, "policies/authorizationPolicy/$entity"),
      id: AUTHORIZATION_POLICY_ID,
      displayName: "Authorization Policy",
      description: "Used to manage authorization related settings across the company.",
      allowInvitesFrom: policy.allowInvitesFrom,
      allowedToSignUpEmailBasedSubscriptions: true,
      allowedToUseSSPR: true,
      allowEmailVerifiedUsersToJoinOrganization: false,
      allowUserConsentForRiskyApps: null,
      blockMsolPowerShell: false,
      guestUserRoleId: "10dae51f-b6af-4016-8d66-8c2a99b929b3",
      defaultUserRolePermissions: {
        allowedToCreateApps: true,
        allowedToCreateSecurityGroups: true,
        allowedToCreateTenants: true,
        allowedToReadBitlockerKeysForOwnedDevice: true,
        allowedToReadOtherUsers: true,
        permissionGrantPoliciesAssigned: []
      }
    }
  };
}
function listConditionalAccessPolicies(call) {
  const denied = requireRole(call, CONDITIONAL_ACCESS_READ_ROLES);
  if (denied) return denied;
  return {
    status: 200,
    body: {
      "@odata.context": odataContext(call, "identity/conditionalAccess/policies"),
      value: call.caller.tenant.conditionalAccessPolicies.map((policy) => structuredClone(policy))
    }
  };
}
function listSubscribedSkus(call) {
  const denied = requireRole(call, SKU_READ_ROLES);
  if (denied) return denied;
  const tenantId = call.caller.tenant.id;
  return {
    status: 200,
    body: {
      "@odata.context": odataContext(call, "subscribedSkus"),
      value: call.caller.tenant.subscribedSkus.map((sku) => ({
        // Graph's subscribedSku id is "<tenant id>_<sku id>".
        id: `${tenantId}_${sku.skuId}`,
        capabilityStatus: "Enabled",
        appliesTo: "User",
        ...structuredClone(sku),
        prepaidUnits: { enabled: sku.prepaidUnits.enabled, suspended: 0, warning: 0, lockedOut: 0 }
      }))
    }
  };
}

// test/emulator/graph/odata-filter.ts
var FilterSyntaxError = class extends Error {
};
var FilterUnsupportedError = class extends Error {
};
function tokenize(source) {
  const tokens = [];
  let i = 0;
  while (i < source.length) {
    const ch = source[i];
    if (/\s/.test(ch)) {
      i++;
    } else if (ch === "'") {
      const start = i;
      let value = "";
      i++;
      for (; ; ) {
        if (i >= source.length) throw new FilterSyntaxError(`Syntax error: unterminated string literal at position ${start} in '${source}'.`);
        if (source[i] === "'") {
          if (source[i + 1] === "'") {
            value += "'";
            i += 2;
            continue;
          }
          i++;
          break;
        }
        value += source[i];
        i++;
      }
      tokens.push({ type: "string", value, at: start });
    } else if (ch === "(" || ch === ")" || ch === "," || ch === ":" || ch === "/") {
      tokens.push({ type: "punct", text: ch, at: i });
      i++;
    } else if (/[A-Za-z_]/.test(ch)) {
      const start = i;
      while (i < source.length && /[A-Za-z0-9_.]/.test(source[i])) i++;
      tokens.push({ type: "ident", text: source.slice(start, i), at: start });
    } else {
      throw new FilterSyntaxError(`Syntax error: character '${ch}' is not valid at position ${i} in '${source}'.`);
    }
  }
  tokens.push({ type: "end", at: source.length });
  return tokens;
}
var COMPARISON_OPERATORS = /* @__PURE__ */ new Set(["eq", "ne", "gt", "ge", "lt", "le"]);
var Parser = class {
  constructor(tokens, source) {
    this.tokens = tokens;
    this.source = source;
  }
  tokens;
  source;
  position = 0;
  parse() {
    const node = this.orExpression();
    const next = this.peek();
    if (next.type !== "end") this.fail(next);
    return node;
  }
  peek() {
    return this.tokens[this.position];
  }
  take() {
    return this.tokens[this.position++];
  }
  fail(token) {
    throw new FilterSyntaxError(`Syntax error at position ${token.at} in '${this.source}'.`);
  }
  isKeyword(token, word) {
    return token.type === "ident" && token.text.toLowerCase() === word;
  }
  expectPunct(text) {
    const token = this.take();
    if (token.type !== "punct" || token.text !== text) this.fail(token);
  }
  expectIdent() {
    const token = this.take();
    if (token.type !== "ident") this.fail(token);
    return token.text;
  }
  orExpression() {
    let left = this.andExpression();
    while (this.isKeyword(this.peek(), "or")) {
      this.take();
      left = { kind: "or", left, right: this.andExpression() };
    }
    return left;
  }
  andExpression() {
    let left = this.unary();
    while (this.isKeyword(this.peek(), "and")) {
      this.take();
      left = { kind: "and", left, right: this.unary() };
    }
    return left;
  }
  unary() {
    if (this.isKeyword(this.peek(), "not")) {
      this.take();
      return { kind: "not", operand: this.unary() };
    }
    return this.primary();
  }
  primary() {
    const token = this.peek();
    if (token.type === "punct" && token.text === "(") {
      this.take();
      const inner = this.orExpression();
      this.expectPunct(")");
      return inner;
    }
    if (token.type !== "ident") this.fail(token);
    const name = this.expectIdent();
    const next = this.peek();
    if (next.type === "punct" && next.text === "(") return this.functionCall(name);
    if (next.type === "punct" && next.text === "/") return this.lambda(name);
    return this.comparison(name);
  }
  functionCall(name) {
    const lower = name.toLowerCase();
    if (lower !== "startswith" && lower !== "endswith") {
      throw new FilterUnsupportedError(`Unsupported Query. The function '${name}' is not supported.`);
    }
    this.expectPunct("(");
    const property = this.expectIdent();
    this.expectPunct(",");
    const value = this.stringLiteral();
    this.expectPunct(")");
    return { kind: "function", name: lower === "startswith" ? "startsWith" : "endsWith", property, value };
  }
  lambda(property) {
    this.expectPunct("/");
    const operator = this.expectIdent();
    if (operator.toLowerCase() !== "any") {
      throw new FilterUnsupportedError(`Unsupported Query. Only 'any' lambdas are supported on '${property}'.`);
    }
    this.expectPunct("(");
    const variable = this.expectIdent();
    this.expectPunct(":");
    const head2 = this.expectIdent();
    let node;
    if (head2 === variable) {
      const op = this.expectIdent().toLowerCase();
      if (op !== "eq") throw new FilterUnsupportedError(`Unsupported Query. Operator '${op}' is not supported inside 'any'.`);
      node = { kind: "any", property, op: "eq", value: this.stringLiteral() };
    } else {
      const lower = head2.toLowerCase();
      if (lower !== "startswith" && lower !== "endswith") this.fail(this.tokens[this.position - 1]);
      this.expectPunct("(");
      if (this.expectIdent() !== variable) this.fail(this.tokens[this.position - 1]);
      this.expectPunct(",");
      const value = this.stringLiteral();
      this.expectPunct(")");
      node = { kind: "any", property, op: lower === "startswith" ? "startsWith" : "endsWith", value };
    }
    this.expectPunct(")");
    return node;
  }
  comparison(property) {
    const opToken = this.take();
    if (opToken.type !== "ident") this.fail(opToken);
    const op = opToken.text.toLowerCase();
    if (op === "in") {
      this.expectPunct("(");
      const values = [this.literal()];
      while (this.peek().type === "punct" && this.peek().text === ",") {
        this.take();
        values.push(this.literal());
      }
      this.expectPunct(")");
      return { kind: "in", property, values };
    }
    if (!COMPARISON_OPERATORS.has(op)) this.fail(opToken);
    const value = this.literal();
    if (op !== "eq" && op !== "ne") {
      throw new FilterUnsupportedError(`Unsupported or invalid query filter clause specified for property '${property}' of resource 'User'.`);
    }
    return { kind: "compare", op, property, value };
  }
  literal() {
    const token = this.take();
    if (token.type === "string") return token.value;
    if (token.type === "ident") {
      const word = token.text.toLowerCase();
      if (word === "null") return null;
      if (word === "true") return true;
      if (word === "false") return false;
    }
    this.fail(token);
  }
  stringLiteral() {
    const token = this.take();
    if (token.type !== "string") this.fail(token);
    return token.value;
  }
};
function parseFilter(source) {
  if (source.trim() === "") throw new FilterSyntaxError("Invalid filter clause: the filter is empty.");
  return new Parser(tokenize(source), source).parse();
}
var SCALAR_PROPERTIES = {
  mail: { startsWith: true, endsWith: true },
  userPrincipalName: { startsWith: true, endsWith: true },
  displayName: { startsWith: true, endsWith: false },
  userType: { startsWith: false, endsWith: false },
  externalUserState: { startsWith: false, endsWith: false },
  creationType: { startsWith: false, endsWith: false },
  id: { startsWith: false, endsWith: false },
  usageLocation: { startsWith: true, endsWith: false }
};
var COLLECTION_PROPERTIES = /* @__PURE__ */ new Set(["otherMails", "proxyAddresses"]);
function unsupportedProperty(property) {
  return new FilterUnsupportedError(`Unsupported or invalid query filter clause specified for property '${property}' of resource 'User'.`);
}
function scalar(property) {
  if (Object.hasOwn(SCALAR_PROPERTIES, property)) return property;
  throw unsupportedProperty(property);
}
function analyzeFilter(node) {
  const advanced = /* @__PURE__ */ new Set();
  const visit = (n) => {
    switch (n.kind) {
      case "and":
      case "or":
        visit(n.left);
        visit(n.right);
        return;
      case "not":
        advanced.add("not");
        visit(n.operand);
        return;
      case "compare":
        scalar(n.property);
        if (n.op === "ne") advanced.add("ne");
        return;
      case "in":
        scalar(n.property);
        return;
      case "function": {
        const rules = SCALAR_PROPERTIES[scalar(n.property)];
        if (n.name === "startsWith" && !rules.startsWith) throw unsupportedProperty(n.property);
        if (n.name === "endsWith") {
          if (!rules.endsWith) throw unsupportedProperty(n.property);
          advanced.add("endsWith");
        }
        return;
      }
      case "any":
        if (!COLLECTION_PROPERTIES.has(n.property)) throw unsupportedProperty(n.property);
        if (n.op === "endsWith") advanced.add("endsWith");
        return;
    }
  };
  visit(node);
  return { advancedOperators: [...advanced] };
}
var fold2 = (value) => value.toLowerCase();
function scalarValue(user, property) {
  return user[property];
}
function equals(actual, expected) {
  if (expected === null || actual === null) return actual === expected;
  if (typeof expected !== "string") return false;
  return fold2(actual) === fold2(expected);
}
function matchesFilter(user, node) {
  switch (node.kind) {
    case "and":
      return matchesFilter(user, node.left) && matchesFilter(user, node.right);
    case "or":
      return matchesFilter(user, node.left) || matchesFilter(user, node.right);
    case "not":
      return !matchesFilter(user, node.operand);
    case "compare": {
      const same = equals(scalarValue(user, scalar(node.property)), node.value);
      return node.op === "eq" ? same : !same;
    }
    case "in": {
      const actual = scalarValue(user, scalar(node.property));
      return node.values.some((value) => equals(actual, value));
    }
    case "function": {
      const actual = scalarValue(user, scalar(node.property));
      if (actual === null) return false;
      return node.name === "startsWith" ? fold2(actual).startsWith(fold2(node.value)) : fold2(actual).endsWith(fold2(node.value));
    }
    case "any": {
      const values = node.property === "otherMails" ? user.otherMails : user.proxyAddresses;
      const wanted = fold2(node.value);
      return values.some((value) => {
        const v = fold2(value);
        if (node.op === "eq") return v === wanted;
        return node.op === "startsWith" ? v.startsWith(wanted) : v.endsWith(wanted);
      });
    }
  }
}

// test/emulator/graph/user-projection.ts
var PROPERTY_READERS = {
  id: (u) => u.id,
  accountEnabled: () => true,
  businessPhones: () => [],
  createdDateTime: (u) => u.createdDateTime,
  creationType: (u) => u.creationType,
  displayName: (u) => u.displayName,
  externalUserState: (u) => u.externalUserState,
  externalUserStateChangeDateTime: (u) => u.externalUserStateChangeDateTime,
  givenName: () => null,
  identities: (u) => u.identities.map((identity) => ({ ...identity })),
  jobTitle: () => null,
  mail: (u) => u.mail,
  mobilePhone: () => null,
  officeLocation: () => null,
  otherMails: (u) => [...u.otherMails],
  preferredLanguage: () => null,
  proxyAddresses: (u) => [...u.proxyAddresses],
  signInActivity: (u) => u.signInActivity ? { ...u.signInActivity } : null,
  surname: () => null,
  usageLocation: (u) => u.usageLocation,
  userPrincipalName: (u) => u.userPrincipalName,
  userType: (u) => u.userType
};
var DEFAULT_PROPERTIES = [
  "businessPhones",
  "displayName",
  "givenName",
  "jobTitle",
  "mail",
  "mobilePhone",
  "officeLocation",
  "preferredLanguage",
  "surname",
  "userPrincipalName",
  "id"
];
var CANONICAL_NAMES = new Map(Object.keys(PROPERTY_READERS).map((name) => [name.toLowerCase(), name]));
var SIGN_IN_ACTIVITY_ROLES = ["AuditLog.Read.All"];
function tenantHasPremium(tenant) {
  return tenant.subscribedSkus.some(
    (sku) => sku.skuPartNumber.startsWith("AAD_PREMIUM") || sku.servicePlans.some((plan) => plan.servicePlanName.startsWith("AAD_PREMIUM"))
  );
}
function parseSelect(call) {
  const raw = call.query.get("$select");
  if (raw === null) return { properties: DEFAULT_PROPERTIES };
  const names = raw.split(",").map((name) => name.trim()).filter((name) => name !== "");
  const properties = ["id"];
  for (const name of names) {
    const canonical = CANONICAL_NAMES.get(name.toLowerCase());
    if (!canonical) {
      return { error: graphError(call, 400, "Request_BadRequest", `Could not find a property named '${name}' on type 'microsoft.graph.user'.`) };
    }
    if (!properties.includes(canonical)) properties.push(canonical);
  }
  if (properties.includes("signInActivity")) {
    if (!call.caller.roles.some((role) => SIGN_IN_ACTIVITY_ROLES.includes(role))) {
      return { error: graphError(call, 403, "Authorization_RequestDenied", INSUFFICIENT_PRIVILEGES) };
    }
    if (!tenantHasPremium(call.caller.tenant)) {
      return {
        error: graphError(call, 403, "Authentication_RequestFromNonPremiumTenantOrB2CTenant", "Neither tenant is B2C or tenant doesn't have premium license")
      };
    }
  }
  return { properties };
}
function projectUser(user, properties) {
  const json = {};
  for (const name of properties) json[name] = PROPERTY_READERS[name](user);
  return json;
}
function selectContext(properties, explicit) {
  return explicit ? `users(${properties.join(",")})` : "users";
}

// test/emulator/graph/users.ts
var USER_READ_ROLES = ["User.Read.All", "User.ReadWrite.All", "Directory.Read.All", "Directory.ReadWrite.All"];
var DEFAULT_PAGE_SIZE = 100;
var ADVANCED_QUERY_HINT = "because the required parameters might be missing. Try adding $count=true query parameter and ConsistencyLevel:eventual header. Refer to https://aka.ms/graph-docs/advanced-queries for more information";
function isAdvancedRequest(call) {
  return call.headers["consistencylevel"]?.toLowerCase() === "eventual" && call.query.get("$count")?.toLowerCase() === "true";
}
function parsePageSize(call) {
  const raw = call.query.get("$top");
  if (raw === null) return DEFAULT_PAGE_SIZE;
  const size = /^\d+$/.test(raw) ? Number(raw) : NaN;
  if (!Number.isInteger(size) || size < 1 || size > 999) {
    return graphError(call, 400, "Request_BadRequest", `Invalid page size specified: '${raw}'. Must be between 1 and 999 inclusive.`);
  }
  return size;
}
function encodeSkipToken(offset) {
  return Buffer.from(JSON.stringify({ emulatorOffset: offset })).toString("base64url");
}
function decodeSkipToken(token) {
  try {
    const parsed = JSON.parse(Buffer.from(token, "base64url").toString("utf8"));
    const offset = parsed.emulatorOffset;
    return typeof offset === "number" && Number.isInteger(offset) && offset >= 0 ? offset : null;
  } catch {
    return null;
  }
}
function nextLink(call, offset) {
  const parts = [];
  for (const [key, value] of call.query) {
    if (key === "$skiptoken") continue;
    parts.push(`${key}=${encodeURIComponent(value)}`);
  }
  parts.push(`$skiptoken=${encodeSkipToken(offset)}`);
  return `${call.origin}/${call.version}/users?${parts.join("&")}`;
}
var ORDERABLE = {
  displayname: (u) => u.displayName.toLowerCase(),
  userprincipalname: (u) => u.userPrincipalName.toLowerCase(),
  createddatetime: (u) => u.createdDateTime
};
function parseOrderBy(call) {
  const raw = call.query.get("$orderby");
  if (raw === null) return null;
  const match = /^\s*(\w+)(?:\s+(asc|desc))?\s*$/i.exec(raw);
  const key = match ? ORDERABLE[match[1].toLowerCase()] : void 0;
  if (!match || !key) return graphError(call, 400, "Request_UnsupportedQuery", `Unsupported sort property '${raw}' for '$orderby'.`);
  const direction = match[2]?.toLowerCase() === "desc" ? -1 : 1;
  return (a, b) => key(a) < key(b) ? -direction : key(a) > key(b) ? direction : 0;
}
function parseSearch(call, raw) {
  const clauses = raw.split(/\s+(AND|OR)\s+/);
  const terms = [];
  const joins = [];
  for (const [index, clause] of clauses.entries()) {
    if (index % 2 === 1) {
      joins.push(clause);
      continue;
    }
    const match = /^"(displayName|mail|userPrincipalName):([^"]+)"$/i.exec(clause.trim());
    if (!match) return graphError(call, 400, "Request_UnsupportedQuery", `Syntax error: '${clause}' is not a supported $search clause.`);
    terms.push({ property: match[1].toLowerCase(), term: match[2].toLowerCase() });
  }
  const hit = (user, { property, term }) => {
    const value = (property === "mail" ? user.mail : property === "displayname" ? user.displayName : user.userPrincipalName) ?? "";
    return value.toLowerCase().split(/[^a-z0-9]+/).some((word) => word.startsWith(term)) || value.toLowerCase().startsWith(term);
  };
  return (user) => {
    let result = hit(user, terms[0]);
    joins.forEach((join2, i) => {
      result = join2 === "AND" ? result && hit(user, terms[i + 1]) : result || hit(user, terms[i + 1]);
    });
    return result;
  };
}
function isResponse(value) {
  return typeof value === "object" && value !== null && "status" in value;
}
function listUsers(call) {
  const denied = requireRole(call, USER_READ_ROLES);
  if (denied) return denied;
  if (call.query.has("$expand")) return graphError(call, 400, "Request_UnsupportedQuery", "Unsupported Query.");
  let filter = null;
  const advancedReasons = [];
  const rawFilter = call.query.get("$filter");
  if (rawFilter !== null) {
    try {
      filter = parseFilter(rawFilter);
      for (const op of analyzeFilter(filter).advancedOperators) advancedReasons.push(`Operator '${op}' is not supported ${ADVANCED_QUERY_HINT}`);
    } catch (error) {
      if (error instanceof FilterSyntaxError) return graphError(call, 400, "BadRequest", `Invalid filter clause: ${error.message}`);
      if (error instanceof FilterUnsupportedError) return graphError(call, 400, "Request_UnsupportedQuery", error.message);
      throw error;
    }
  }
  const rawSearch = call.query.get("$search");
  if (rawSearch !== null) {
    advancedReasons.push("Request with $search query parameter only works through MSGraph with a special request header: 'ConsistencyLevel: eventual'");
  }
  if (call.query.has("$count")) advancedReasons.push("Unsupported Query.");
  if (call.query.has("$orderby") && rawFilter !== null) advancedReasons.push("Unsupported Query.");
  if (advancedReasons.length > 0 && !isAdvancedRequest(call)) {
    return graphError(call, 400, "Request_UnsupportedQuery", advancedReasons[0]);
  }
  const pageSize = parsePageSize(call);
  if (isResponse(pageSize)) return pageSize;
  const selection = parseSelect(call);
  if ("error" in selection) return selection.error;
  const order = parseOrderBy(call);
  if (isResponse(order)) return order;
  const search = rawSearch === null ? null : parseSearch(call, rawSearch.trim());
  if (isResponse(search)) return search;
  let offset = 0;
  const skipToken = call.query.get("$skiptoken");
  if (skipToken !== null) {
    const decoded = decodeSkipToken(skipToken);
    if (decoded === null) return graphError(call, 400, "Request_BadRequest", "The specified page token value has expired or is invalid.");
    offset = decoded;
  }
  let matches2 = call.caller.tenant.users.filter((user) => (filter ? matchesFilter(user, filter) : true) && (search ? search(user) : true));
  if (order) matches2 = [...matches2].sort(order);
  const page3 = matches2.slice(offset, offset + pageSize);
  const body = {
    "@odata.context": odataContext(call, selectContext(selection.properties, call.query.has("$select")))
  };
  if (call.query.get("$count")?.toLowerCase() === "true") body["@odata.count"] = matches2.length;
  if (offset + pageSize < matches2.length) body["@odata.nextLink"] = nextLink(call, offset + pageSize);
  body.value = page3.map((user) => projectUser(user, selection.properties));
  return { status: 200, body };
}
function findUser(call, idOrUpn) {
  const wanted = idOrUpn.toLowerCase();
  return call.caller.tenant.users.find((user) => user.id.toLowerCase() === wanted || user.userPrincipalName.toLowerCase() === wanted);
}
function getUser(call, idOrUpn) {
  const denied = requireRole(call, USER_READ_ROLES);
  if (denied) return denied;
  const selection = parseSelect(call);
  if ("error" in selection) return selection.error;
  const user = findUser(call, idOrUpn);
  if (!user) {
    return graphError(
      call,
      404,
      "Request_ResourceNotFound",
      `Resource '${idOrUpn}' does not exist or one of its queried reference-property objects are not present.`
    );
  }
  const body = {
    "@odata.context": odataContext(call, `${selectContext(selection.properties, call.query.has("$select"))}/$entity`),
    ...projectUser(user, selection.properties)
  };
  return { status: 200, body };
}

// test/emulator/graph/dispatch.ts
function methodNotAllowed(call) {
  return graphError(call, 405, "Request_BadRequest", "Specified HTTP method is not allowed for the request target.");
}
var KNOWN_PATHS = [["users", "*"], ["invitations"], ["policies", "authorizationPolicy"], ["identity", "conditionalAccess", "policies"], ["subscribedSkus"], ["$batch"]];
function unknownSegment(segments) {
  for (let i = 0; i < segments.length; i++) {
    const stillKnown = KNOWN_PATHS.some((path) => path.length > i && path.slice(0, i + 1).every((part, j) => part === "*" || part === segments[j]));
    if (!stillKnown) return segments[i];
  }
  return segments.at(-1) ?? "";
}
async function dispatchGraphCall(call, runBatch2) {
  const [resource, ...rest] = call.segments;
  const joined = call.segments.join("/");
  const method = call.method.toUpperCase();
  if (resource === "users" && rest.length === 0) return method === "GET" ? listUsers(call) : methodNotAllowed(call);
  if (resource === "users" && rest.length === 1) return method === "GET" ? getUser(call, rest[0]) : methodNotAllowed(call);
  if (resource === "invitations" && rest.length === 0) return method === "POST" ? postInvitation(call) : methodNotAllowed(call);
  if (joined === "policies/authorizationPolicy") return method === "GET" ? getAuthorizationPolicy(call) : methodNotAllowed(call);
  if (joined === "identity/conditionalAccess/policies") return method === "GET" ? listConditionalAccessPolicies(call) : methodNotAllowed(call);
  if (joined === "subscribedSkus") return method === "GET" ? listSubscribedSkus(call) : methodNotAllowed(call);
  if (joined === "$batch") return method === "POST" ? runBatch2(call) : methodNotAllowed(call);
  return graphError(call, 400, "BadRequest", `Resource not found for the segment '${unknownSegment(call.segments)}'.`);
}

// test/emulator/graph/index.ts
var GRAPH_JSON = "application/json;odata.metadata=minimal;odata.streaming=true;IEEE754Compatible=false;charset=utf-8";
var MAX_BODY_BYTES = 4 * 1024 * 1024;
var WWW_AUTHENTICATE = 'Bearer realm="", authorization_uri="https://login.microsoftonline.com/common/oauth2/authorize", client_id="00000003-0000-0000-c000-000000000000"';
var BadJson = class extends Error {
};
async function readJsonBody(req) {
  if (req.body !== void 0) return req.body;
  const chunks = [];
  let size = 0;
  for await (const chunk of req) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) throw new BadJson("payload too large");
    chunks.push(chunk);
  }
  const text = Buffer.concat(chunks).toString("utf8");
  if (text.trim() === "") return void 0;
  try {
    return JSON.parse(text);
  } catch {
    throw new BadJson("not JSON");
  }
}
function send(res, response) {
  res.status(response.status);
  for (const [name, value] of Object.entries(response.headers ?? {})) res.set(name, value);
  if (response.rawBody !== void 0) {
    res.type("application/json").send(response.rawBody);
  } else if (response.body === void 0) {
    res.end();
  } else {
    res.set("Content-Type", GRAPH_JSON).send(JSON.stringify(response.body));
  }
}
function decodeSegments(path) {
  try {
    return path.split("/").filter((segment) => segment !== "").map((segment) => decodeURIComponent(segment));
  } catch {
    return null;
  }
}
function lowerCaseHeaders(req) {
  const headers = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (value !== void 0) headers[name.toLowerCase()] = Array.isArray(value) ? value.join(", ") : value;
  }
  return headers;
}
function createGraphHandler(ctx) {
  const router = express.Router();
  router.use(async (req, res, next) => {
    const versioned = /^\/(v1\.0|beta)(?:\/|$)(.*)$/.exec(req.path);
    if (!versioned) {
      next();
      return;
    }
    const ids = newRequestIds(req.get("client-request-id"));
    res.set("request-id", ids.requestId).set("client-request-id", ids.clientRequestId);
    res.set("Access-Control-Allow-Origin", "*").set("Access-Control-Expose-Headers", "request-id, client-request-id, Retry-After, Location");
    if (req.method === "OPTIONS") {
      res.set("Access-Control-Allow-Methods", "GET, POST, PATCH, PUT, DELETE, OPTIONS").set("Access-Control-Allow-Headers", req.get("access-control-request-headers") ?? "Authorization, Content-Type, ConsistencyLevel, client-request-id").set("Access-Control-Max-Age", "3600").status(204).end();
      return;
    }
    try {
      const version = versioned[1];
      if (version === "beta") {
        send(res, graphError(ids, 404, "NotFound", "The emulator serves Microsoft Graph v1.0 only; guestpass does not use /beta."));
        return;
      }
      const authorization = req.get("authorization") ?? "";
      const token = /^Bearer\s+(\S+)$/i.exec(authorization)?.[1];
      if (!token) {
        send(res, graphError(ids, 401, "InvalidAuthenticationToken", "Access token is empty.", { "WWW-Authenticate": WWW_AUTHENTICATE }));
        return;
      }
      const verified = await ctx.verifyAccessToken(token);
      const tenant = verified ? ctx.state.findTenant(verified.tenantId) : void 0;
      if (!verified || !tenant) {
        send(res, graphError(ids, 401, "InvalidAuthenticationToken", "Access token validation failure.", { "WWW-Authenticate": WWW_AUTHENTICATE }));
        return;
      }
      res.locals.appId = verified.appId;
      const segments = decodeSegments(versioned[2] ?? "");
      if (!segments) {
        send(res, graphError(ids, 400, "BadRequest", `Invalid request URL '${req.path}'.`));
        return;
      }
      let body;
      try {
        body = ["POST", "PATCH", "PUT"].includes(req.method) ? await readJsonBody(req) : void 0;
      } catch (error) {
        if (!(error instanceof BadJson)) throw error;
        send(res, graphError(ids, 400, "BadRequest", "Unable to read JSON request payload. Please ensure Content-Type header is set and payload is of valid JSON format."));
        return;
      }
      const queryStart = req.originalUrl.indexOf("?");
      const call = {
        method: req.method,
        segments,
        version,
        query: new URLSearchParams(queryStart === -1 ? "" : req.originalUrl.slice(queryStart + 1)),
        headers: lowerCaseHeaders(req),
        body,
        origin: `${req.protocol}://${req.get("host") ?? "graph.microsoft.com"}`,
        requestId: ids.requestId,
        clientRequestId: ids.clientRequestId,
        caller: { tenant, appId: verified.appId, roles: verified.roles },
        state: ctx.state
      };
      const faults = faultControllerOf(res);
      const dispatch = (c) => dispatchGraphCall(c, (b) => runBatch(b, dispatch, faults));
      send(res, await dispatch(call));
    } catch (error) {
      if (error instanceof CutConnection) {
        req.socket.destroy();
        return;
      }
      send(res, graphError(ids, 500, "UnknownError", "The emulator failed to handle this request."));
      console.error("[graph emulator]", error);
    }
  });
  return router;
}

// test/emulator/login/index.ts
import { readFileSync as readFileSync2 } from "node:fs";
import express8 from "express";

// test/emulator/login/credential-type.ts
import { randomUUID as randomUUID5 } from "node:crypto";
import express2 from "express";

// test/emulator/login/accounts.ts
import { createHash } from "node:crypto";

// test/emulator/login/authority.ts
var CONSUMERS_TENANT_ID = "9188040d-6c67-4c5b-b112-36a304b66dad";
var GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
var DNS_NAME = /^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/i;
function resolveAuthority(state, segment) {
  const lower = segment.toLowerCase();
  if (lower === "common" || lower === "organizations" || lower === "consumers") return { kind: "generic", name: lower };
  const tenant = state.findTenant(segment);
  if (tenant) return { kind: "tenant", tenant, segment };
  return { kind: "unknown", segment, malformed: !GUID.test(segment) && !DNS_NAME.test(segment) };
}
function requestOrigin(host, fallbackOrigin) {
  if (!host) return fallbackOrigin;
  const name = host.replace(/:\d+$/, "").toLowerCase();
  const known = ["login.microsoftonline.com", "graph.microsoft.com", "myapps.microsoft.com", "localhost", "127.0.0.1"];
  if (!known.includes(name) || !/^[a-z0-9.\-]+(:\d{1,5})?$/i.test(host)) return fallbackOrigin;
  return `https://${host.toLowerCase()}`;
}

// test/emulator/login/accounts.ts
function addressesOf(user) {
  return [user.userPrincipalName, user.mail ?? "", ...user.otherMails, ...user.proxyAddresses.map((p) => p.replace(/^smtp:/i, ""))].filter(Boolean).map((a) => a.toLowerCase());
}
function findUserInTenant(tenant, address) {
  const a = address.trim().toLowerCase();
  return tenant.users.find((u) => addressesOf(u).includes(a));
}
function findHomeAccount(state, address) {
  for (const tenant of state.tenants) {
    const user = findUserInTenant(tenant, address);
    if (user && user.userType === "Member") return { tenant, user };
  }
  return void 0;
}
function hasPersonalAccount(state, address) {
  return isFullEmulatorState(state) && state.msaAccounts.has(address.trim().toLowerCase());
}
function lookUpAccount(state, address, tenant) {
  if (tenant) {
    const user = findUserInTenant(tenant, address);
    return user ? { result: 0, account: { kind: "tenant-user", tenant, user } } : { result: 1 };
  }
  const home = findHomeAccount(state, address);
  const msa = hasPersonalAccount(state, address);
  if (home && msa) return { result: 6, account: { kind: "tenant-user", ...home } };
  if (home) return { result: 0, account: { kind: "tenant-user", ...home } };
  if (msa) return { result: 5, account: { kind: "msa", address: address.trim().toLowerCase() } };
  return { result: 1 };
}
function idpOf(user, tenant) {
  if (user.userType === "Member") return `https://sts.windows.net/${tenant.id}/`;
  return { google: "google.com", msa: "live.com", otp: "mail", entra: "https://sts.windows.net/" }[user.homeIdp];
}
function msaObjectId(address) {
  const h = createHash("sha256").update(`msa:${address}`).digest("hex");
  return `00000000-0000-0000-${h.slice(0, 4)}-${h.slice(4, 16)}`;
}
function signedInAs(account, username) {
  if (account.kind === "msa") {
    return { username, displayName: username, objectId: msaObjectId(account.address), tenantId: CONSUMERS_TENANT_ID, idp: "live.com" };
  }
  return {
    username,
    displayName: account.user.displayName,
    objectId: account.user.id,
    tenantId: account.tenant.id,
    idp: account.user.userType === "Guest" ? idpOf(account.user, account.tenant) : void 0
  };
}

// test/emulator/login/credential-type.ts
function createCredentialTypeRouter(deps) {
  const router = express2.Router();
  router.post("/:tenant/GetCredentialType", express2.json({ type: () => true, limit: "16kb" }), (req, res) => {
    const body = req.body ?? {};
    const username = typeof body.username === "string" ? body.username.trim() : "";
    if (!username || username.length > 320) {
      res.status(400).json({ error: "invalid_request", error_description: "username is required (at most 320 characters)." });
      return;
    }
    const request = deps.store.getRequest(typeof body.originalRequest === "string" ? body.originalRequest : void 0);
    const tenant = request?.tenantId ? deps.state.findTenant(request.tenantId) ?? null : null;
    const throttled = deps.scenario.current().throttleCredentialLookups === true;
    const { result } = throttled ? { result: 1 } : lookUpAccount(deps.state, username, tenant);
    const domain = username.split("@")[1]?.toLowerCase() ?? "";
    const managed = deps.state.tenants.some((t) => t.domains.some((d) => d.toLowerCase() === domain));
    res.set("Cache-Control", "no-store").json({
      Username: username,
      Display: username,
      IfExistsResult: result,
      IsUnmanaged: false,
      ThrottleStatus: throttled ? 1 : 0,
      Credentials: { PrefCredential: result === 1 ? 0 : 1, HasPassword: result !== 1, RemoteNgcParams: null, FidoParams: null, SasParams: null, CertAuthParams: null, GoogleParams: null, FacebookParams: null },
      // DomainType: 3 managed (a verified domain of an emulated tenant), 1 unknown.
      EstsProperties: { UserTenantBranding: null, DomainType: managed ? 3 : 1 },
      IsSignupDisallowed: true,
      apiCanary: randomUUID5()
    });
  });
  return router;
}

// test/emulator/login/discovery.ts
import express3 from "express";

// test/emulator/login/aadsts.ts
import { randomUUID as randomUUID6 } from "node:crypto";
function aadstsJson(error, code, message, now) {
  const traceId = randomUUID6();
  const correlationId = randomUUID6();
  const timestamp = now.toISOString().replace("T", " ").replace(/\.\d+Z$/, "Z");
  return {
    error,
    error_description: `AADSTS${code}: ${message}\r
Trace ID: ${traceId}\r
Correlation ID: ${correlationId}\r
Timestamp: ${timestamp}`,
    error_codes: [code],
    timestamp,
    trace_id: traceId,
    correlation_id: correlationId,
    error_uri: `https://login.microsoftonline.com/error?code=${code}`
  };
}
var MESSAGES = {
  tenantNotFound: (tenant) => `Tenant '${tenant}' not found. Check to make sure you have the correct tenant ID and are signing into the correct cloud.`,
  tenantIdentifierInvalid: (tenant) => `Specified tenant identifier '${tenant}' is neither a valid DNS name, nor a valid external domain.`,
  appNotFound: (clientId, tenantName) => `Application with identifier '${clientId}' was not found in the directory '${tenantName}'. This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant. You may have sent your authentication request to the wrong tenant.`,
  invalidSecret: (clientId) => `Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID, for a secret added to app '${clientId}'.`,
  missingCredential: () => `The request body must contain the following parameter: 'client_assertion' or 'client_secret'.`,
  invalidAssertionSignature: () => `Client assertion contains an invalid signature.`,
  assertionRejected: (why) => `Client assertion failed validation: ${why}.`,
  redirectMismatch: (redirectUri, clientId) => `The redirect URI '${redirectUri}' specified in the request does not match the redirect URIs configured for the application '${clientId}'. Make sure the redirect URI sent in the request matches one added to your application in the Azure portal.`,
  invalidScope: (scope) => `The provided value for the input parameter 'scope' is not valid. The scope '${scope}' is not valid.`,
  missingParameter: (name) => `The request body must contain the following parameter: '${name}'.`,
  unsupportedGrant: (grant) => `The provided value for the input parameter 'grant_type' is not valid. Unsupported grant type '${grant}'.`,
  codeExpired: () => `The provided authorization code or refresh token has expired due to inactivity. Send a new interactive authorization request for this user and resource.`,
  codeRedeemed: () => `The provided value for the 'code' parameter is not valid. The code has already been used or is not valid.`,
  pkceMismatch: () => `The Code_Verifier does not match the code_challenge supplied in the authorization request.`,
  pkceMissing: () => `The code_verifier parameter is required because the authorization request contained a code_challenge.`,
  /** facts §1c */
  userUnauthorized: (email, idp, tenantName, appId, appName) => `User account '${email}' from identity provider '${idp}' does not exist in tenant '${tenantName}' and cannot access the application '${appId}'(${appName}) in that tenant. The account needs to be added as an external user in the tenant first. Sign out and sign in again with a different Azure Active Directory user account.`,
  userNotFound: (email, tenantName) => `The user account ${email} does not exist in the '${tenantName}' directory. To sign into this application, the account must be added to the directory.`,
  passThroughUserMfa: (email, tenantName) => `User account '${email}' from identity provider 'live.com' does not exist in tenant '${tenantName}' and cannot access the application. The external account that the user signs in with doesn't exist on the tenant that they signed into; so the user can't satisfy the MFA requirements for the tenant. The account must be added as an external user in the tenant first.`,
  externalUserNotAdded: (email, idp, tenantName, appId, appName) => `User account '${email}' from identity provider '${idp}' doesn't exist in tenant '${tenantName}' and can't access the application '${appId}'(${appName}) in that tenant. This account needs to be added as an external user in the tenant first.`
};

// test/emulator/login/discovery.ts
var CLAIMS = ["sub", "iss", "cloud_instance_name", "cloud_instance_host_name", "cloud_graph_host_name", "msgraph_host", "aud", "exp", "iat", "auth_time", "acr", "nonce", "preferred_username", "name", "tid", "ver", "at_hash", "c_hash", "email"];
function resolveOr400(deps, req, res) {
  const segment = String(req.params.tenant);
  const resolved = resolveAuthority(deps.state, segment);
  if (resolved.kind === "unknown") {
    const body = resolved.malformed ? aadstsJson("invalid_request", 900023, MESSAGES.tenantIdentifierInvalid(segment), deps.state.now()) : aadstsJson("invalid_request", 90002, MESSAGES.tenantNotFound(segment), deps.state.now());
    res.status(400).json(body);
    return void 0;
  }
  if (resolved.kind === "generic") {
    return { segment: resolved.name, tenantId: resolved.name === "consumers" ? CONSUMERS_TENANT_ID : null, generic: resolved.name };
  }
  return { segment: resolved.tenant.id, tenantId: resolved.tenant.id, generic: null };
}
function createDiscoveryRouter(deps) {
  const router = express3.Router();
  router.get("/:tenant/v2.0/.well-known/openid-configuration", (req, res) => {
    const r = resolveOr400(deps, req, res);
    if (!r) return;
    const o = requestOrigin(req.headers.host, deps.origin());
    const seg = r.generic ?? r.tenantId;
    const issuerTenant = r.tenantId ?? "{tenantid}";
    res.json({
      token_endpoint: `${o}/${seg}/oauth2/v2.0/token`,
      token_endpoint_auth_methods_supported: ["client_secret_post", "private_key_jwt", "client_secret_basic"],
      jwks_uri: `${o}/${seg}/discovery/v2.0/keys`,
      response_modes_supported: ["query", "fragment", "form_post"],
      subject_types_supported: ["pairwise"],
      id_token_signing_alg_values_supported: ["RS256"],
      response_types_supported: ["code", "id_token", "code id_token", "id_token token"],
      scopes_supported: ["openid", "profile", "email", "offline_access"],
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
      tenant_region_scope: r.generic ? null : "EU",
      cloud_instance_name: "microsoftonline.com",
      cloud_graph_host_name: "graph.windows.net",
      msgraph_host: "graph.microsoft.com",
      rbac_url: "https://pas.windows.net"
    });
  });
  router.get("/:tenant/.well-known/openid-configuration", (req, res) => {
    const r = resolveOr400(deps, req, res);
    if (!r) return;
    const o = requestOrigin(req.headers.host, deps.origin());
    const seg = r.generic ?? r.tenantId;
    res.json({
      token_endpoint: `${o}/${seg}/oauth2/token`,
      token_endpoint_auth_methods_supported: ["client_secret_post", "private_key_jwt", "client_secret_basic"],
      jwks_uri: `${o}/common/discovery/keys`,
      response_modes_supported: ["query", "fragment", "form_post"],
      subject_types_supported: ["pairwise"],
      id_token_signing_alg_values_supported: ["RS256"],
      response_types_supported: ["code", "id_token", "code id_token", "token id_token", "token"],
      scopes_supported: ["openid"],
      issuer: `https://sts.windows.net/${r.tenantId ?? "{tenantid}"}/`,
      microsoft_multi_refresh_token: true,
      authorization_endpoint: `${o}/${seg}/oauth2/authorize`,
      http_logout_supported: true,
      frontchannel_logout_supported: true,
      end_session_endpoint: `${o}/${seg}/oauth2/logout`,
      claims_supported: CLAIMS,
      check_session_iframe: `${o}/${seg}/oauth2/checksession`,
      userinfo_endpoint: `${o}/${seg}/openid/userinfo`,
      tenant_region_scope: r.generic ? null : "EU",
      cloud_instance_name: "microsoftonline.com",
      cloud_graph_host_name: "graph.windows.net",
      msgraph_host: "graph.microsoft.com",
      rbac_url: "https://pas.windows.net"
    });
  });
  const keys = (req, res) => {
    if (!resolveOr400(deps, req, res)) return;
    res.json({ keys: [{ kty: deps.keys.publicJwk.kty, use: "sig", kid: deps.keys.kid, x5t: deps.keys.kid, n: deps.keys.publicJwk.n, e: deps.keys.publicJwk.e, alg: "RS256", issuer: `https://login.microsoftonline.com/${String(req.params.tenant)}/v2.0` }] });
  };
  router.get("/:tenant/discovery/v2.0/keys", keys);
  router.get("/:tenant/discovery/keys", keys);
  router.get("/common/discovery/instance", (req, res) => {
    const o = requestOrigin(req.headers.host, deps.origin());
    const host = new URL(o).host;
    res.json({
      tenant_discovery_endpoint: `${o}/common/v2.0/.well-known/openid-configuration`,
      "api-version": "1.1",
      metadata: [{ preferred_network: host, preferred_cache: host, aliases: [host] }]
    });
  });
  return router;
}

// test/emulator/login/logout.ts
import express4 from "express";

// test/emulator/login/strings.ts
var EN = {
  htmlLang: "en",
  title: "Sign in to your account",
  signInHeading: "Sign in",
  usernamePlaceholder: "Email, phone, or Skype",
  next: "Next",
  back: "Back",
  signIn: "Sign in",
  accountNotFound: "We couldn't find an account with that username. Try another, or get a new Microsoft account.",
  usernameMayBeIncorrect: "This username may be incorrect. Make sure you typed it correctly. Otherwise, contact your admin.",
  enterValidUsername: "Enter a valid email address, phone number, or Skype name.",
  throttled: "We've received too many requests. Please wait a moment and try again.",
  enterCodeHeading: "Enter code",
  codeSentTo: (a) => `We just sent a code to ${a}`,
  codePlaceholder: "Code",
  wrongCode: "That code didn't work. Check the code and try again.",
  expiredCode: "That code has expired. Go back and request a new code.",
  errorHeading: "Sign in",
  consentHeading: "Review permissions",
  consentIntro: (t) => `${t} would like to:`,
  consentPermissions: "Permissions requested by: Sign you in and read your profile (name, email address, photo).",
  accept: "Accept",
  cancel: "Cancel",
  invalidInvitation: "This invitation link isn't valid. Ask the person who invited you for a new invitation.",
  genericError: "Something went wrong. Please try again."
};
var JA = {
  htmlLang: "ja",
  title: "\u30A2\u30AB\u30A6\u30F3\u30C8\u306B\u30B5\u30A4\u30F3\u30A4\u30F3",
  signInHeading: "\u30B5\u30A4\u30F3\u30A4\u30F3",
  usernamePlaceholder: "\u30E1\u30FC\u30EB\u3001\u96FB\u8A71\u3001Skype",
  next: "\u6B21\u3078",
  back: "\u623B\u308B",
  signIn: "\u30B5\u30A4\u30F3\u30A4\u30F3",
  // facts §1b: verbatim (University of Tokyo UTAC FAQ copy).
  accountNotFound: "\u305D\u306E\u30E6\u30FC\u30B6\u30FC\u540D\u306E\u30A2\u30AB\u30A6\u30F3\u30C8\u304C\u898B\u3064\u304B\u308A\u307E\u305B\u3093\u3067\u3057\u305F\u3002\u5225\u306E\u30E6\u30FC\u30B6\u30FC\u540D\u3092\u5165\u529B\u3059\u308B\u304B\u3001\u65B0\u3057\u3044 Microsoft \u30A2\u30AB\u30A6\u30F3\u30C8\u3092\u53D6\u5F97\u3057\u3066\u304F\u3060\u3055\u3044",
  usernameMayBeIncorrect: "\u3053\u306E\u30E6\u30FC\u30B6\u30FC\u540D\u306F\u6B63\u3057\u304F\u306A\u3044\u53EF\u80FD\u6027\u304C\u3042\u308A\u307E\u3059\u3002\u6B63\u3057\u304F\u5165\u529B\u3057\u305F\u3053\u3068\u3092\u78BA\u8A8D\u3057\u3066\u304F\u3060\u3055\u3044\u3002\u305D\u308C\u3067\u3082\u554F\u984C\u304C\u89E3\u6C7A\u3057\u306A\u3044\u5834\u5408\u306F\u3001\u7BA1\u7406\u8005\u306B\u554F\u3044\u5408\u308F\u305B\u3066\u304F\u3060\u3055\u3044\u3002",
  enterValidUsername: "\u6709\u52B9\u306A\u30E1\u30FC\u30EB \u30A2\u30C9\u30EC\u30B9\u3001\u96FB\u8A71\u756A\u53F7\u3001\u307E\u305F\u306F Skype \u540D\u3092\u5165\u529B\u3057\u3066\u304F\u3060\u3055\u3044\u3002",
  throttled: "\u8981\u6C42\u304C\u591A\u3059\u304E\u307E\u3059\u3002\u3057\u3070\u3089\u304F\u5F85\u3063\u3066\u304B\u3089\u3082\u3046\u4E00\u5EA6\u304A\u8A66\u3057\u304F\u3060\u3055\u3044\u3002",
  enterCodeHeading: "\u30B3\u30FC\u30C9\u306E\u5165\u529B",
  codeSentTo: (a) => `${a} \u306B\u30B3\u30FC\u30C9\u3092\u9001\u4FE1\u3057\u307E\u3057\u305F`,
  codePlaceholder: "\u30B3\u30FC\u30C9",
  wrongCode: "\u305D\u306E\u30B3\u30FC\u30C9\u306F\u6B63\u3057\u304F\u3042\u308A\u307E\u305B\u3093\u3002\u30B3\u30FC\u30C9\u3092\u78BA\u8A8D\u3057\u3066\u3001\u3082\u3046\u4E00\u5EA6\u304A\u8A66\u3057\u304F\u3060\u3055\u3044\u3002",
  expiredCode: "\u305D\u306E\u30B3\u30FC\u30C9\u306F\u6709\u52B9\u671F\u9650\u304C\u5207\u308C\u3066\u3044\u307E\u3059\u3002\u623B\u3063\u3066\u65B0\u3057\u3044\u30B3\u30FC\u30C9\u3092\u8981\u6C42\u3057\u3066\u304F\u3060\u3055\u3044\u3002",
  errorHeading: "\u30B5\u30A4\u30F3\u30A4\u30F3",
  consentHeading: "\u30A2\u30AF\u30BB\u30B9\u8A31\u53EF\u306E\u78BA\u8A8D",
  consentIntro: (t) => `${t} \u306F\u6B21\u306E\u3053\u3068\u3092\u6C42\u3081\u3066\u3044\u307E\u3059:`,
  consentPermissions: "\u8981\u6C42\u3055\u308C\u3066\u3044\u308B\u30A2\u30AF\u30BB\u30B9\u8A31\u53EF: \u30B5\u30A4\u30F3\u30A4\u30F3\u3068\u30D7\u30ED\u30D5\u30A1\u30A4\u30EB (\u540D\u524D\u3001\u30E1\u30FC\u30EB \u30A2\u30C9\u30EC\u30B9\u3001\u5199\u771F) \u306E\u8AAD\u307F\u53D6\u308A\u3002",
  accept: "\u627F\u8AFE",
  cancel: "\u30AD\u30E3\u30F3\u30BB\u30EB",
  invalidInvitation: "\u3053\u306E\u62DB\u5F85\u30EA\u30F3\u30AF\u306F\u7121\u52B9\u3067\u3059\u3002\u62DB\u5F85\u3057\u305F\u4EBA\u306B\u65B0\u3057\u3044\u62DB\u5F85\u3092\u4F9D\u983C\u3057\u3066\u304F\u3060\u3055\u3044\u3002",
  genericError: "\u554F\u984C\u304C\u767A\u751F\u3057\u307E\u3057\u305F\u3002\u3082\u3046\u4E00\u5EA6\u304A\u8A66\u3057\u304F\u3060\u3055\u3044\u3002"
};
var STRINGS = { "en-US": EN, "ja-JP": JA };
function pickLocale(mkt, uiLocales) {
  for (const value of [mkt, uiLocales]) {
    if (typeof value !== "string" || !value.trim()) continue;
    const first = value.trim().split(/[\s,]+/)[0].toLowerCase();
    return first === "ja" || first.startsWith("ja-") ? "ja-JP" : "en-US";
  }
  return "en-US";
}

// test/emulator/login/logout.ts
function createLogoutRouter(deps) {
  const router = express4.Router();
  for (const path of ["/:tenant/oauth2/v2.0/logout", "/:tenant/oauth2/logout"]) {
    router.get(path, (req, res) => {
      const q = req.query;
      const target = typeof q.post_logout_redirect_uri === "string" ? q.post_logout_redirect_uri : void 0;
      const registered = target !== void 0 && deps.state.tenants.some((t) => t.apps.some((a) => a.redirectUris.includes(target)));
      if (target && registered) {
        res.redirect(302, target);
        return;
      }
      const ja = pickLocale(q.mkt, q.ui_locales) === "ja-JP";
      res.type("html").send(`<!DOCTYPE html><html lang="${ja ? "ja" : "en"}"><head><meta charset="utf-8"><title>Sign out</title><meta name="PageID" content="SignOut" /></head><body><h1 id="signedOut">${ja ? "\u30B5\u30A4\u30F3\u30A2\u30A6\u30C8\u3057\u307E\u3057\u305F" : "You signed out of your account"}</h1></body></html>`);
    });
  }
  return router;
}

// test/emulator/login/html.ts
function escapeHtml(value) {
  return value.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]);
}
function scriptJson(value) {
  return JSON.stringify(value).replace(/</g, "\\u003c").replace(/>/g, "\\u003e").replace(/&/g, "\\u0026").replace(/\u2028/g, "\\u2028").replace(/\u2029/g, "\\u2029");
}

// test/emulator/login/pages/view.ts
function pageConfig(view, pgid) {
  const base = `/${view.authoritySegment}`;
  return {
    pgid,
    sCtx: view.requestId,
    sFT: view.kind === "passcode" ? view.flowToken : "",
    urlGetCredentialType: `${base}/GetCredentialType?mkt=${view.locale}`,
    urlPost: view.kind === "passcode" ? `${base}/otc` : `${base}/login`,
    lcid: view.locale === "ja-JP" ? 1041 : 1033,
    locale: { mkt: view.locale, lcid: view.locale === "ja-JP" ? 1041 : 1033 },
    str: {
      unknownUsername: view.kind === "username" ? view.unknownUsernameMessage : "",
      enterValidUsername: view.strings.enterValidUsername,
      throttled: view.strings.throttled,
      genericError: view.strings.genericError
    },
    fIsEmulator: true
  };
}

// test/emulator/login/pages/converged.ts
var SIGN_IN_SCRIPT_PATH = "/emulator-assets/signin.js";
function head(view, pgid, title) {
  return `<head>
<title>${escapeHtml(title)}</title>
<meta http-equiv="Content-Type" content="text/html; charset=UTF-8">
<meta http-equiv="X-UA-Compatible" content="IE=edge">
<meta name="viewport" content="width=device-width, initial-scale=1.0, maximum-scale=2.0, user-scalable=yes">
<meta http-equiv="Pragma" content="no-cache">
<meta http-equiv="Expires" content="-1">
<meta name="PageID" content="${escapeHtml(pgid)}" />
<meta name="SiteID" content="" />
<meta name="ReqLC" content="${view.locale === "ja-JP" ? 1041 : 1033}" />
<meta name="LocLC" content="${escapeHtml(view.locale)}" />
<meta name="referrer" content="origin" />
<meta name="format-detection" content="telephone=no" />
<meta name="robots" content="none" />
<script type="text/javascript">//<![CDATA[
$Config=${scriptJson(pageConfig(view, pgid))};
//]]></script>
<style>body{font-family:"Segoe UI",sans-serif;background:#f2f2f2}#lightbox{background:#fff;max-width:440px;margin:48px auto;padding:44px}.error{color:#e81123}.has-error{border-color:#e81123}.alert-error{color:#e81123}input.form-control{width:100%;padding:6px 0;border:0;border-bottom:1px solid #666}[hidden]{display:none!important}</style>
</head>`;
}
function shell(inner, view, action) {
  return `<body data-bind="defineGlobals: ServerData, bodyCssClass" class="cb">
<div>
<form name="f1" id="i0281" novalidate="novalidate" spellcheck="false" method="post" target="_top" autocomplete="off" data-bind="autoSubmit: forceSubmit, attr: { action: postUrl }" action="${escapeHtml(action)}">
<div class="login-paginated-page" data-bind="component: { name: 'master-page', publicMethods: masterPageMethods, params: { serverData: svr, showButtons: svr.fShowButtons } }">
<div id="lightboxTemplateContainer" data-bind="component: { name: 'lightbox-template', params: { serverData: svr, showHeader: $page.showHeader() } }">
<div id="lightbox" data-bind="animationEnd: $page.paginationControlHelper.animationEnd, externalCss: { 'sign-in-box': true }" class="sign-in-box ext-sign-in-box fade-in-lightbox">
<div class="logo" role="banner" data-bind="component: { name: 'logo-control' }"><span class="logo-text">Microsoft</span></div>
<div role="main">
${inner}
</div>
</div>
</div>
</div>
<input type="hidden" name="ctx" value="${escapeHtml(view.requestId)}">
<input type="hidden" name="flowToken" value="${escapeHtml(view.kind === "passcode" ? view.flowToken : "")}">
<input type="hidden" name="hpgrequestid" value="">
</form>
</div>
<script type="text/javascript" src="${SIGN_IN_SCRIPT_PATH}"></script>
</body>`;
}
function renderConvergedUsername(view) {
  const s = view.strings;
  const errorAttrs = view.error ? "" : " hidden";
  const inputClass = `form-control ltr_override input ext-input text-box ext-text-box${view.error ? " has-error ext-has-error" : ""}`;
  const inner = `<div class="pagination-view animate slide-in-next" data-bind="css: { 'zero-opacity': hidePaginatedView() }, component: { name: 'login-paginated-username-view-agent' }">
<div data-viewid="1" data-showfedcredbutton="true">
<div id="loginHeader" class="row title ext-title" data-bind="externalCss: { 'title': true }"><div role="heading" aria-level="1" data-bind="text: str['WF_STR_HeaderDefault_Title']">${escapeHtml(s.signInHeading)}</div></div>
<div class="row">
<div role="alert" aria-live="assertive">
<div id="usernameError" class="error ext-error" data-bind="externalCss: { 'error': true }, htmlWithBindings: usernameTextbox.error"${errorAttrs}>${view.error ? escapeHtml(view.error) : ""}</div>
</div>
<div class="form-group col-md-24">
<div class="placeholderContainer" data-bind="component: { name: 'placeholder-textbox-field', publicMethods: usernameTextbox.placeholderTextboxMethods, params: { serverData: svr, hintText: str['CT_PWD_STR_Email_Example'] } }">
<input type="email" name="loginfmt" id="i0116" maxlength="113" lang="en" class="${inputClass}" aria-required="true" data-report-event="Signin_Email_Phone_Skype" data-report-trigger="click" data-report-value="Email_Phone_Skype_Entry" data-bind="textInput: usernameTextbox.value, ariaDescribedBy: ['loginHeader', 'usernameError'], hasFocusEx: usernameTextbox.focused, externalCss: { 'input': true, 'text-box': true, 'has-error': usernameTextbox.error }" aria-label="${escapeHtml(s.usernamePlaceholder)}" placeholder="${escapeHtml(s.usernamePlaceholder)}" aria-describedby="loginHeader usernameError" value="${escapeHtml(view.username)}"${view.error ? ' aria-invalid="true"' : ""}>
</div>
</div>
</div>
<div class="position-buttons"><div class="row"><div class="col-xs-24 no-padding-left-right button-container" data-bind="visible: isPrimaryButtonVisible">
<div class="inline-block button-item ext-button-item" data-bind="component: { name: 'footer-buttons-field' }">
<input type="submit" id="idSIButton9" class="win-button button_primary high-contrast-overrides button ext-button primary ext-primary" data-report-event="Signin_Submit" data-report-trigger="click" data-report-value="Submit" data-bind="attr: primaryButtonAttributes, externalCss: { 'button': true, 'primary': true }, value: primaryButtonText() || str['CT_PWD_STR_SignIn_Button_Next']" value="${escapeHtml(s.next)}">
</div></div></div></div>
</div>
</div>`;
  return `<!DOCTYPE html>
<html dir="ltr" class="" lang="${escapeHtml(s.htmlLang)}">
${head(view, "ConvergedSignIn", s.title)}
${shell(inner, view, `/${view.authoritySegment}/login`)}
</html>`;
}
function renderConvergedPasscode(view) {
  const s = view.strings;
  const inner = `<div class="pagination-view animate slide-in-next" data-bind="component: { name: 'one-time-code-view' }">
<div class="identityBanner" data-bind="component: { name: 'identity-banner-control', params: { userTileText: displayName } }">
<div id="displayName" class="identity" data-bind="text: unsafe_displayName, attr: { 'title': unsafe_displayName }" title="${escapeHtml(view.username)}">${escapeHtml(view.username)}</div>
</div>
<div id="idDiv_SAOTCC_Title" class="row title ext-title" role="heading" aria-level="1">${escapeHtml(s.enterCodeHeading)}</div>
<div class="row"><div id="idDiv_SAOTCC_Description" class="row text-body" data-bind="text: str['OTC_Description']">${escapeHtml(s.codeSentTo(view.username))}</div></div>
<div class="row">
<div role="alert" aria-live="assertive">
<div id="idSpan_SAOTCC_Error_OTC" class="alert alert-error error ext-error" data-bind="visible: otcError"${view.error ? "" : " hidden"}>${view.error ? escapeHtml(view.error) : ""}</div>
</div>
<div class="form-group col-md-24">
<input type="tel" name="otc" id="idTxtBx_SAOTCC_OTC" maxlength="8" autocomplete="one-time-code" class="form-control input ext-input text-box ext-text-box${view.error ? " has-error" : ""}" aria-required="true" placeholder="${escapeHtml(s.codePlaceholder)}" aria-label="${escapeHtml(s.codePlaceholder)}" data-bind="textInput: otc, hasFocus: true" value="">
</div>
</div>
<div class="position-buttons"><div class="row"><div class="col-xs-24 button-container">
<div class="inline-block button-item ext-button-item">
<input type="submit" id="idSIButton9" class="win-button button_primary button ext-button primary ext-primary" data-bind="value: str['CT_PWD_STR_SignIn_Button']" value="${escapeHtml(s.signIn)}">
</div></div></div></div>
</div>`;
  return `<!DOCTYPE html>
<html dir="ltr" class="" lang="${escapeHtml(s.htmlLang)}">
${head(view, "ConvergedOneTimeCode", s.title)}
${shell(inner, view, `/${view.authoritySegment}/otc`)}
</html>`;
}

// test/emulator/login/redeem.ts
import express6 from "express";

// test/emulator/login/sign-in-flow.ts
import { randomUUID as randomUUID8 } from "node:crypto";
import express5 from "express";

// test/emulator/seed.ts
var DAY = 24 * 36e5;
var DEMO_USER_IDS = {
  conceptsUser: "11111111-2281-4a00-8000-000000000001",
  janeDoe: "11111111-2281-4a00-8000-000000000002",
  samVendor: "11111111-2281-4a00-8000-000000000003",
  oldInvite: "11111111-2281-4a00-8000-000000000004",
  dormantPartner: "11111111-2281-4a00-8000-000000000005",
  kibria: "11111111-2281-4a00-8000-000000000006",
  leePartnerInPartnerTenant: "22222222-0001-4a00-8000-000000000001",
  partnerAdmin: "22222222-0001-4a00-8000-000000000002"
};
var DEMO_INVITATIONS = {
  conceptsUser: { id: "33333333-2281-4a00-8000-000000000001", ticket: "demo-ticket-concepts-user" },
  oldInvite: { id: "33333333-2281-4a00-8000-000000000004", ticket: "demo-ticket-old-invite" }
};
var AAD_PREMIUM_SKU_ID = "078d2b04-f1bd-4111-bbd4-b4b1b354cef4";
function guestUserPrincipalName(address, tenantDomain) {
  return `${address.toLowerCase().replace("@", "_")}#EXT#@${tenantDomain}`;
}
function redeemedIdentity(homeIdp, address) {
  const issuer = { google: "google.com", msa: "MicrosoftAccount", otp: "mail", entra: "ExternalAzureAD" }[homeIdp];
  return { signInType: "federated", issuer, issuerAssignedId: homeIdp === "entra" ? null : address };
}
function guest(tenantDomain, now, seed) {
  const at = (days) => new Date(now.getTime() - days * DAY).toISOString();
  const upn = guestUserPrincipalName(seed.address, tenantDomain);
  const hostIdentity = { signInType: "userPrincipalName", issuer: tenantDomain, issuerAssignedId: upn };
  const accepted = seed.state === "Accepted";
  return {
    id: seed.id,
    displayName: seed.displayName,
    mail: seed.address,
    otherMails: [],
    proxyAddresses: [`SMTP:${seed.address}`],
    userPrincipalName: upn,
    userType: "Guest",
    externalUserState: seed.state,
    externalUserStateChangeDateTime: at(accepted ? seed.acceptedDaysAgo ?? seed.invitedDaysAgo : seed.invitedDaysAgo),
    creationType: "Invitation",
    usageLocation: seed.usageLocation,
    identities: accepted ? [hostIdentity, redeemedIdentity(seed.homeIdp, seed.address)] : [hostIdentity],
    createdDateTime: at(seed.invitedDaysAgo),
    signInActivity: seed.lastSignInDaysAgo == null ? null : { lastSignInDateTime: at(seed.lastSignInDaysAgo) },
    directoryRoles: [],
    homeIdp: seed.homeIdp
  };
}
function member(tenantDomain, now, m) {
  const upn = `${m.localPart}@${tenantDomain}`;
  const at = (days) => new Date(now.getTime() - days * DAY).toISOString();
  return {
    id: m.id,
    displayName: m.displayName,
    mail: upn,
    otherMails: [],
    proxyAddresses: [`SMTP:${upn}`],
    userPrincipalName: upn,
    userType: "Member",
    externalUserState: null,
    externalUserStateChangeDateTime: null,
    creationType: null,
    usageLocation: "BD",
    identities: [{ signInType: "userPrincipalName", issuer: tenantDomain, issuerAssignedId: upn }],
    createdDateTime: at(m.createdDaysAgo),
    signInActivity: { lastSignInDateTime: at(m.lastSignInDaysAgo) },
    directoryRoles: m.roles,
    homeIdp: "entra"
  };
}
function demoTenants(now) {
  const demoDomain = DEMO_TENANT.domain;
  const demo = {
    id: DEMO_TENANT.id,
    displayName: DEMO_TENANT.displayName,
    domains: [demoDomain],
    users: [
      guest(demoDomain, now, { id: DEMO_USER_IDS.conceptsUser, displayName: "Concepts User", address: DEMO_PEOPLE.pendingOutlookGuest, homeIdp: "msa", state: "PendingAcceptance", invitedDaysAgo: 3, usageLocation: "US" }),
      guest(demoDomain, now, { id: DEMO_USER_IDS.janeDoe, displayName: "Jane Doe", address: DEMO_PEOPLE.acceptedGmailGuest, homeIdp: "google", state: "Accepted", invitedDaysAgo: 30, acceptedDaysAgo: 29, lastSignInDaysAgo: 2, usageLocation: "GB" }),
      guest(demoDomain, now, { id: DEMO_USER_IDS.samVendor, displayName: "Sam Vendor", address: DEMO_PEOPLE.noUsageLocationGuest, homeIdp: "otp", state: "Accepted", invitedDaysAgo: 60, acceptedDaysAgo: 59, lastSignInDaysAgo: 10, usageLocation: null }),
      guest(demoDomain, now, { id: DEMO_USER_IDS.oldInvite, displayName: "Old Invite", address: DEMO_PEOPLE.longPendingGuest, homeIdp: "otp", state: "PendingAcceptance", invitedDaysAgo: 45, usageLocation: "US" }),
      guest(demoDomain, now, { id: DEMO_USER_IDS.dormantPartner, displayName: "Dormant Partner", address: DEMO_PEOPLE.dormantGuest, homeIdp: "google", state: "Accepted", invitedDaysAgo: 400, acceptedDaysAgo: 399, lastSignInDaysAgo: 200, usageLocation: "DE" }),
      member(demoDomain, now, { id: DEMO_USER_IDS.kibria, displayName: "Kibria", localPart: DEMO_PEOPLE.guestInviterMember.split("@")[0], roles: ["Guest Inviter"], createdDaysAgo: 500, lastSignInDaysAgo: 1 })
    ],
    apps: [
      {
        displayName: "guestpass portal (demo)",
        clientId: DEMO_PORTAL_APP.clientId,
        clientSecret: DEMO_PORTAL_APP.clientSecret,
        graphApplicationPermissions: [...DEMO_PORTAL_APP.graphApplicationPermissions],
        redirectUris: []
      },
      { displayName: "guestpass web sign-in (demo)", clientId: DEMO_WEB_APP.clientId, graphApplicationPermissions: [], redirectUris: [DEMO_WEB_APP.redirectUri] }
    ],
    conditionalAccessPolicies: [
      {
        id: "44444444-2281-4a00-8000-000000000001",
        displayName: "MFA for Guest Users",
        state: "enabled",
        conditions: { users: { includeGuestsOrExternalUsers: true }, applications: { includeApplications: ["All"] } },
        grantControls: { builtInControls: ["mfa"] }
      }
    ],
    subscribedSkus: [
      {
        skuId: AAD_PREMIUM_SKU_ID,
        skuPartNumber: "AAD_PREMIUM",
        servicePlans: [{ servicePlanName: "AAD_PREMIUM" }, { servicePlanName: "MFA_PREMIUM" }],
        consumedUnits: 1,
        prepaidUnits: { enabled: 25 }
      }
    ],
    authorizationPolicy: { allowInvitesFrom: "everyone" },
    invitationsEnabled: true
  };
  const partnerDomain = PARTNER_TENANT.domain;
  const partner = {
    id: PARTNER_TENANT.id,
    displayName: PARTNER_TENANT.displayName,
    domains: [partnerDomain],
    users: [
      guest(partnerDomain, now, { id: DEMO_USER_IDS.leePartnerInPartnerTenant, displayName: "Lee Partner", address: DEMO_PEOPLE.partnerOnlyGuest, homeIdp: "google", state: "Accepted", invitedDaysAgo: 20, acceptedDaysAgo: 19, lastSignInDaysAgo: 5, usageLocation: "US" }),
      member(partnerDomain, now, { id: DEMO_USER_IDS.partnerAdmin, displayName: "Partner Admin", localPart: "admin", roles: ["Global Administrator"], createdDaysAgo: 300, lastSignInDaysAgo: 3 })
    ],
    apps: [{ displayName: "guestpass web sign-in (demo)", clientId: DEMO_WEB_APP.clientId, graphApplicationPermissions: [], redirectUris: [DEMO_WEB_APP.redirectUri] }],
    conditionalAccessPolicies: [],
    subscribedSkus: [],
    authorizationPolicy: { allowInvitesFrom: "adminsAndGuestInviters" },
    invitationsEnabled: true
  };
  return [demo, partner];
}
function applySeed(state, seed) {
  state.tenants.splice(0, state.tenants.length);
  state.invitations.splice(0, state.invitations.length);
  state.msaAccounts.clear();
  if (seed === "empty") return;
  const now = state.now();
  state.tenants.push(...demoTenants(now));
  state.msaAccounts.add(DEMO_PEOPLE.pendingOutlookGuest);
  const myApps = `https://myapps.microsoft.com/?tenantid=${DEMO_TENANT.id}`;
  for (const [key, userId, address] of [
    ["conceptsUser", DEMO_USER_IDS.conceptsUser, DEMO_PEOPLE.pendingOutlookGuest],
    ["oldInvite", DEMO_USER_IDS.oldInvite, DEMO_PEOPLE.longPendingGuest]
  ]) {
    recordInvitation(state, { ...DEMO_INVITATIONS[key], tenantId: DEMO_TENANT.id, invitedUserId: userId, invitedUserEmailAddress: address, inviteRedirectUrl: myApps });
  }
}

// test/emulator/login/pages/error-page.ts
import { randomUUID as randomUUID7 } from "node:crypto";
var TITLE = {
  "en-US": { heading: "Sign in", trouble: "Sorry, but we\u2019re having trouble signing you in.", details: "Troubleshooting details" },
  "ja-JP": { heading: "\u30B5\u30A4\u30F3\u30A4\u30F3", trouble: "\u7533\u3057\u8A33\u3054\u3056\u3044\u307E\u305B\u3093\u304C\u3001\u30B5\u30A4\u30F3\u30A4\u30F3\u4E2D\u306B\u554F\u984C\u304C\u767A\u751F\u3057\u307E\u3057\u305F\u3002", details: "\u30C8\u30E9\u30D6\u30EB\u30B7\u30E5\u30FC\u30C6\u30A3\u30F3\u30B0\u306E\u8A73\u7D30" }
};
function renderErrorPage(input) {
  const t = TITLE[input.locale];
  const full = `AADSTS${input.code}: ${input.message}`;
  const requestId = randomUUID7();
  const correlationId = randomUUID7();
  const timestamp = input.now.toISOString().replace(/\.\d+Z$/, "Z");
  const config = { pgid: "ConvergedError", iErrorCode: input.code, sErrorCode: String(input.code), strServiceExceptionMessage: full, sessionId: requestId, correlationId, locale: { mkt: input.locale } };
  return `<!DOCTYPE html>
<html dir="ltr" class="" lang="${input.locale === "ja-JP" ? "ja" : "en"}">
<head>
<title>${escapeHtml(t.heading)}</title>
<meta http-equiv="Content-Type" content="text/html; charset=UTF-8">
<meta name="PageID" content="ConvergedError" />
<meta name="LocLC" content="${escapeHtml(input.locale)}" />
<meta name="robots" content="none" />
<script type="text/javascript">//<![CDATA[
$Config=${scriptJson(config)};
//]]></script>
<style>body{font-family:"Segoe UI",sans-serif;background:#f2f2f2}#lightbox{background:#fff;max-width:440px;margin:48px auto;padding:44px}</style>
</head>
<body data-bind="defineGlobals: ServerData, bodyCssClass" class="cb">
<div id="lightbox" class="sign-in-box ext-sign-in-box">
<div class="logo" role="banner"><span class="logo-text">Microsoft</span></div>
<div role="main">
<div id="loginHeader" class="row title ext-title" role="heading" aria-level="1">${escapeHtml(t.heading)}</div>
<div class="row text-title" id="errorTitle">${escapeHtml(t.trouble)}</div>
<div class="row text-body"><div id="service_exception_message" class="text-block-body overflow-hidden ext-text-block-body" data-bind="text: svr.strServiceExceptionMessage">${escapeHtml(full)}</div></div>
<div id="idTroubleshootingDetails" class="debug-details-banner" data-bind="visible: showDebugDetails">
<div class="debug-details-header">${escapeHtml(t.details)}</div>
<div><span class="bold">Request Id:</span> <span id="requestId">${requestId}</span></div>
<div><span class="bold">Correlation Id:</span> <span id="correlationId">${correlationId}</span></div>
<div><span class="bold">Timestamp:</span> <span id="timestamp">${timestamp}</span></div>
<div><span class="bold">Message:</span> <span id="errorMessage">${escapeHtml(full)}</span></div>
</div>
</div>
</div>
</body>
</html>`;
}

// test/emulator/login/pages/fluent.ts
function document(view, pgid, action, inner) {
  const s = view.strings;
  return `<!DOCTYPE html>
<html dir="ltr" lang="${escapeHtml(s.htmlLang)}">
<head>
<meta charset="utf-8">
<title>${escapeHtml(s.title)}</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="PageID" content="${escapeHtml(pgid)}" />
<meta name="LocLC" content="${escapeHtml(view.locale)}" />
<meta name="robots" content="none" />
<script type="text/javascript">//<![CDATA[
$Config=${scriptJson({ ...pageConfig(view, pgid), fFluent: true })};
//]]></script>
<style>body{font-family:"Segoe UI Variable","Segoe UI",sans-serif;background:#f5f5f5}#root{max-width:440px;margin:48px auto;background:#fff;border-radius:8px;padding:36px}[role=alert]{color:#c50f1f}[hidden]{display:none!important}</style>
</head>
<body>
<div id="root" data-testid="appRoot">
<form method="post" action="${escapeHtml(action)}" novalidate data-testid="signInForm">
<div data-testid="logo"><span>Microsoft</span></div>
${inner}
<input type="hidden" name="ctx" value="${escapeHtml(view.requestId)}">
<input type="hidden" name="flowToken" value="${escapeHtml(view.kind === "passcode" ? view.flowToken : "")}">
<div data-testid="viewFooter"><a href="#" data-testid="signInOptions">Sign-in options</a></div>
</form>
</div>
<script type="text/javascript" src="${SIGN_IN_SCRIPT_PATH}"></script>
</body>
</html>`;
}
function renderFluentUsername(view) {
  const s = view.strings;
  const inner = `<h1 data-testid="title">${escapeHtml(s.signInHeading)}</h1>
<div data-testid="inputField">
<input id="usernameEntry" name="username" type="email" autocomplete="username" aria-label="${escapeHtml(s.usernamePlaceholder)}" placeholder="${escapeHtml(s.usernamePlaceholder)}" aria-describedby="usernameEntryError" value="${escapeHtml(view.username)}"${view.error ? ' aria-invalid="true"' : ""}>
</div>
<div id="usernameEntryError" role="alert" aria-live="assertive" data-testid="usernameEntryError"${view.error ? "" : " hidden"}>${view.error ? escapeHtml(view.error) : ""}</div>
<div data-testid="buttons"><button type="submit" data-testid="primaryButton">${escapeHtml(s.next)}</button></div>`;
  return document(view, "ConvergedSignIn", `/${view.authoritySegment}/login`, inner);
}
function renderFluentPasscode(view) {
  const s = view.strings;
  const inner = `<div data-testid="identityBanner"><span data-testid="identityBannerText">${escapeHtml(view.username)}</span></div>
<h1 data-testid="title">${escapeHtml(s.enterCodeHeading)}</h1>
<p data-testid="description">${escapeHtml(s.codeSentTo(view.username))}</p>
<div data-testid="inputField">
<input id="codeEntry" name="otc" type="tel" inputmode="numeric" autocomplete="one-time-code" maxlength="8" aria-label="${escapeHtml(s.codePlaceholder)}" placeholder="${escapeHtml(s.codePlaceholder)}" value=""${view.error ? ' aria-invalid="true"' : ""}>
</div>
<div role="alert" aria-live="assertive" data-testid="codeEntryError"${view.error ? "" : " hidden"}>${view.error ? escapeHtml(view.error) : ""}</div>
<div data-testid="buttons"><button type="submit" data-testid="primaryButton">${escapeHtml(s.signIn)}</button></div>`;
  return document(view, "ConvergedOneTimeCode", `/${view.authoritySegment}/otc`, inner);
}

// test/emulator/login/sign-in-flow.ts
var str = (q, k) => typeof q[k] === "string" && q[k].length > 0 ? q[k] : void 0;
function sendError(res, status, code, message, locale, now) {
  res.status(status).type("html").set("Cache-Control", "no-store").send(renderErrorPage({ code, message, locale, now }));
}
function findAppFor(state, clientId, tenant) {
  const id = clientId.toLowerCase();
  for (const t of tenant ? [tenant] : state.tenants) {
    const app = t.apps.find((a) => a.clientId.toLowerCase() === id);
    if (app) return { app, tenant: t };
  }
  return void 0;
}
function identityProviderOf(state, address) {
  const domain = address.split("@")[1]?.toLowerCase() ?? "";
  if (domain === "gmail.com" || domain === "googlemail.com") return "google.com";
  if (/^(outlook|hotmail|live|msn)\./.test(domain)) return "live.com";
  const home = state.tenants.find((t) => t.domains.some((d) => d.toLowerCase() === domain));
  return home ? `https://sts.windows.net/${home.id}/` : "mail";
}
function forcedErrorMessage(state, code, username, request) {
  const tenant = request.tenantId && state.findTenant(request.tenantId) || findAppFor(state, request.clientId, null)?.tenant;
  const tenantName = tenant?.displayName ?? request.authoritySegment;
  const app = findAppFor(state, request.clientId, tenant ?? null)?.app;
  const idp = identityProviderOf(state, username);
  switch (code) {
    case 50020:
      return MESSAGES.userUnauthorized(username, idp, tenantName, request.clientId, app?.displayName ?? request.clientId);
    case 50034:
      return MESSAGES.userNotFound(username, tenantName);
    case 90072:
      return MESSAGES.passThroughUserMfa(username, tenantName);
    default:
      return MESSAGES.externalUserNotAdded(username, idp, tenantName, request.clientId, app?.displayName ?? request.clientId);
  }
}
function createSignInFlowRouter(deps) {
  const router = express5.Router();
  const form = express5.urlencoded({ extended: false, limit: "64kb" });
  const now = () => deps.state.now();
  function strings(locale) {
    return STRINGS[locale];
  }
  function renderUsername(res, request, username, error, status = 200) {
    const s = strings(request.locale);
    const view = {
      kind: "username",
      locale: request.locale,
      strings: s,
      authoritySegment: request.authoritySegment,
      requestId: request.id,
      username,
      error,
      unknownUsernameMessage: request.tenantId ? s.usernameMayBeIncorrect : s.accountNotFound
    };
    const html = deps.scenario.current().markup === "fluent" ? renderFluentUsername(view) : renderConvergedUsername(view);
    res.status(status).type("html").set("Cache-Control", "no-store").send(html);
  }
  function renderPasscode(res, request, username, flowToken, error) {
    const view = { kind: "passcode", locale: request.locale, strings: strings(request.locale), authoritySegment: request.authoritySegment, requestId: request.id, username, flowToken, error };
    const html = deps.scenario.current().markup === "fluent" ? renderFluentPasscode(view) : renderConvergedPasscode(view);
    res.status(error ? 400 : 200).type("html").set("Cache-Control", "no-store").send(html);
  }
  function forcedError(res, request, username) {
    const forced = deps.scenario.current().forcedError;
    if (!forced) return false;
    if (forced.address && forced.address.trim().toLowerCase() !== username.trim().toLowerCase()) return false;
    sendError(res, 400, forced.code, forcedErrorMessage(deps.state, forced.code, username, request), request.locale, now());
    return true;
  }
  function continueToPasscode(res, request, username) {
    const flowToken = deps.store.startFlow(request.id, username);
    deps.store.issuePasscode(username);
    renderPasscode(res, request, username, flowToken);
  }
  function authorize(protocol) {
    return (req, res) => {
      const q = req.query;
      const locale = pickLocale(q.mkt, q.ui_locales);
      const segment = String(req.params.tenant);
      const authority = resolveAuthority(deps.state, segment);
      if (authority.kind === "unknown") {
        sendError(res, 400, authority.malformed ? 900023 : 90002, authority.malformed ? MESSAGES.tenantIdentifierInvalid(segment) : MESSAGES.tenantNotFound(segment), locale, now());
        return;
      }
      const tenant = authority.kind === "tenant" ? authority.tenant : null;
      let clientId;
      let redirectUri;
      let responseType = "code";
      let responseMode = "query";
      if (protocol === "saml2" || protocol === "wsfed") {
        if (protocol === "saml2" && !str(q, "SAMLRequest")) {
          sendError(res, 400, 750054, "SAMLRequest or SAMLResponse must be present as query string parameters in HTTP request for SAML Redirect binding.", locale, now());
          return;
        }
        if (protocol === "wsfed" && !str(q, "wtrealm") && !str(q, "wa")) {
          sendError(res, 400, 900144, MESSAGES.missingParameter("wtrealm"), locale, now());
          return;
        }
        clientId = str(q, "wtrealm") ?? "saml";
        redirectUri = str(q, "wreply") ?? "";
      } else {
        clientId = str(q, "client_id");
        if (!clientId) {
          sendError(res, 400, 900144, MESSAGES.missingParameter("client_id"), locale, now());
          return;
        }
        const found = findAppFor(deps.state, clientId, tenant);
        if (!found) {
          sendError(res, 400, 700016, MESSAGES.appNotFound(clientId, tenant ? tenant.domains[0] ?? tenant.id : segment), locale, now());
          return;
        }
        redirectUri = str(q, "redirect_uri") ?? (found.app.redirectUris.length === 1 ? found.app.redirectUris[0] : void 0);
        if (!redirectUri || !found.app.redirectUris.includes(redirectUri)) {
          sendError(res, 400, 50011, MESSAGES.redirectMismatch(redirectUri ?? "", clientId), locale, now());
          return;
        }
        responseType = str(q, "response_type") ?? "";
        if (!responseType.split(" ").includes("code")) {
          sendError(res, 400, 900144, responseType ? `The provided value for the input parameter 'response_type' is not allowed for this request. Expected value: 'code'.` : MESSAGES.missingParameter("response_type"), locale, now());
          return;
        }
        const mode = str(q, "response_mode") ?? "query";
        if (mode !== "query" && mode !== "fragment" && mode !== "form_post") {
          sendError(res, 400, 900144, `The provided value for the input parameter 'response_mode' is not valid: '${mode}'.`, locale, now());
          return;
        }
        responseMode = mode;
        const method = str(q, "code_challenge_method");
        if (method && method !== "S256" && method !== "plain") {
          sendError(res, 400, 5e3, `The code_challenge_method '${method}' is not supported.`, locale, now());
          return;
        }
      }
      const request = deps.store.saveRequest({
        authoritySegment: authority.kind === "generic" ? authority.name : segment,
        tenantId: tenant?.id ?? null,
        protocol,
        clientId,
        redirectUri,
        responseType,
        responseMode,
        scope: str(q, "scope") ?? "openid",
        state: str(q, "state"),
        nonce: str(q, "nonce"),
        codeChallenge: str(q, "code_challenge"),
        codeChallengeMethod: str(q, "code_challenge") ? str(q, "code_challenge_method") ?? "plain" : void 0,
        // An address is at most 320 characters (64@255); anything longer cannot be one and is not echoed.
        loginHint: (str(q, "login_hint")?.length ?? 0) <= 320 ? str(q, "login_hint") : void 0,
        locale
      });
      const hint = request.loginHint?.trim() ?? "";
      if (hint && tenant && lookUpAccount(deps.state, hint, tenant).result === 0) {
        if (forcedError(res, request, hint)) return;
        continueToPasscode(res, request, hint);
        return;
      }
      renderUsername(res, request, hint);
    };
  }
  for (const path of ["/:tenant/oauth2/v2.0/authorize", "/:tenant/oauth2/authorize"]) {
    router.get(path, authorize(path.includes("v2.0") ? "oauth2-v2" : "oauth2-v1"));
  }
  router.get("/:tenant/saml2", authorize("saml2"));
  router.get("/:tenant/wsfed", authorize("wsfed"));
  router.post("/:tenant/login", form, (req, res) => {
    const body = req.body ?? {};
    const request = deps.store.getRequest(str(body, "ctx"));
    if (!request) {
      sendError(res, 400, 900561, "The sign-in request could not be found or has expired. Start the sign-in again from the application.", "en-US", now());
      return;
    }
    const username = (str(body, "loginfmt") ?? str(body, "username") ?? "").trim();
    const s = strings(request.locale);
    if (!username || username.indexOf("@") < 1) {
      renderUsername(res, request, username, s.enterValidUsername, 400);
      return;
    }
    if (forcedError(res, request, username)) return;
    const tenant = request.tenantId ? deps.state.findTenant(request.tenantId) ?? null : null;
    const { result } = lookUpAccount(deps.state, username, tenant);
    if (result === 1) {
      renderUsername(res, request, username, tenant ? s.usernameMayBeIncorrect : s.accountNotFound, 400);
      return;
    }
    continueToPasscode(res, request, username);
  });
  router.post("/:tenant/otc", form, (req, res) => {
    const body = req.body ?? {};
    const flowToken = str(body, "flowToken");
    const flow = deps.store.getFlow(flowToken);
    const request = flow ? deps.store.getRequest(flow.requestId) : void 0;
    if (!flow || !request || !flowToken) {
      sendError(res, 400, 900561, "The sign-in request could not be found or has expired. Start the sign-in again from the application.", "en-US", now());
      return;
    }
    const s = strings(request.locale);
    const outcome = deps.store.checkPasscode(flow.username, str(body, "otc") ?? "");
    if (outcome !== "ok") {
      renderPasscode(res, request, flow.username, flowToken, outcome === "expired" ? s.expiredCode : s.wrongCode);
      return;
    }
    const tenant = request.tenantId ? deps.state.findTenant(request.tenantId) ?? null : null;
    const { account } = lookUpAccount(deps.state, flow.username, tenant);
    if (!account) {
      renderUsername(res, request, flow.username, tenant ? s.usernameMayBeIncorrect : s.accountNotFound, 400);
      return;
    }
    recordSignIn(deps.state, account);
    finish(res, request, account, flow.username);
  });
  function finish(res, request, account, username) {
    if (request.protocol === "saml2" || request.protocol === "wsfed") {
      res.type("html").send(`<!DOCTYPE html><html lang="en"><head><title>Signed in</title></head><body><h1 id="signedIn">Signed in as ${escapeHtml(username)}</h1><p>The emulator does not build ${request.protocol === "saml2" ? "SAML" : "WS-Federation"} responses.</p></body></html>`);
      return;
    }
    const code = deps.store.issueCode(request, signedInAs(account, username));
    const params = new URLSearchParams({ code });
    if (request.state !== void 0) params.set("state", request.state);
    params.set("session_state", randomUUID8());
    if (request.responseMode === "form_post") {
      const inputs = [...params].map(([k, v]) => `<input type="hidden" name="${escapeHtml(k)}" value="${escapeHtml(v)}">`).join("");
      res.type("html").send(`<!DOCTYPE html><html lang="en"><head><title>Working...</title></head><body><form method="POST" name="hiddenform" action="${escapeHtml(request.redirectUri)}">${inputs}<noscript><p>Script is disabled. Click Submit to continue.</p><input type="submit" value="Submit"></noscript></form><script>document.forms[0].submit()</script></body></html>`);
      return;
    }
    const separator = request.responseMode === "fragment" ? "#" : request.redirectUri.includes("?") ? "&" : "?";
    res.redirect(302, `${request.redirectUri}${separator}${params}`);
  }
  return router;
}
function recordSignIn(state, account) {
  if (account.kind !== "tenant-user") return;
  const user = account.user;
  user.signInActivity = { lastSignInDateTime: state.now().toISOString() };
  if (user.userType === "Guest" && user.externalUserState === "PendingAcceptance") markAccepted(state, user);
}
function markAccepted(state, user) {
  user.externalUserState = "Accepted";
  user.externalUserStateChangeDateTime = state.now().toISOString();
  const address = user.mail ?? user.otherMails[0] ?? user.userPrincipalName;
  const redeemed = redeemedIdentity(user.homeIdp, address);
  if (!user.identities.some((i) => i.issuer === redeemed.issuer)) user.identities.push(redeemed);
}

// test/emulator/login/redeem.ts
function lookUpRedemption(state, rd) {
  if (typeof rd !== "string" || !rd) return { ok: false, reason: "missing-rd" };
  let url;
  try {
    url = new URL(rd);
  } catch {
    return { ok: false, reason: "not-an-invitation-url" };
  }
  if (url.protocol !== "https:" || url.hostname.toLowerCase() !== "invitations.microsoft.com" || !/^\/redeem\/?$/i.test(url.pathname)) {
    return { ok: false, reason: "not-an-invitation-url" };
  }
  const tenant = url.searchParams.get("tenant");
  const user = url.searchParams.get("user");
  const ticket = url.searchParams.get("ticket");
  if (!tenant || !user || !ticket) return { ok: false, reason: "missing-parameters" };
  const registry = isFullEmulatorState(state) ? state.invitations : [];
  const invitation = registry.find((i) => i.id.toLowerCase() === user.toLowerCase() && i.tenantId.toLowerCase() === tenant.toLowerCase());
  if (!invitation) return { ok: false, reason: "unknown-invitation" };
  if (invitation.ticket !== ticket) return { ok: false, reason: "wrong-ticket" };
  const t = state.findTenant(invitation.tenantId);
  if (!t?.users.some((u) => u.id === invitation.invitedUserId)) return { ok: false, reason: "user-gone" };
  return { ok: true, invitation };
}
function page(locale, pgid, title, body) {
  return `<!DOCTYPE html>
<html dir="ltr" lang="${locale === "ja-JP" ? "ja" : "en"}">
<head><meta charset="utf-8"><title>${escapeHtml(title)}</title><meta name="PageID" content="${escapeHtml(pgid)}" /><meta name="LocLC" content="${escapeHtml(locale)}" />
<style>body{font-family:"Segoe UI",sans-serif;background:#f2f2f2}#lightbox{background:#fff;max-width:440px;margin:48px auto;padding:44px}</style></head>
<body><div id="lightbox" class="sign-in-box"><div class="logo" role="banner"><span class="logo-text">Microsoft</span></div><div role="main">
${body}
</div></div></body></html>`;
}
function invalid(res, locale, reason) {
  const s = STRINGS[locale];
  res.status(reason === "user-gone" ? 410 : 400).type("html").set("Cache-Control", "no-store").send(page(locale, "ConvergedError", s.errorHeading, `<div role="heading" aria-level="1" class="row title">${escapeHtml(s.errorHeading)}</div><div id="service_exception_message" class="row text-body" data-reason="${escapeHtml(reason)}">${escapeHtml(s.invalidInvitation)}</div>`));
}
function createRedeemRouter(deps) {
  const router = express6.Router();
  router.get("/redeem", (req, res) => {
    const q = req.query;
    const locale = pickLocale(q.mkt, q.ui_locales);
    const found = lookUpRedemption(deps.state, q.rd);
    if (!found.ok) {
      invalid(res, locale, found.reason);
      return;
    }
    const { invitation } = found;
    const tenant = deps.state.findTenant(invitation.tenantId);
    const user = tenant.users.find((u) => u.id === invitation.invitedUserId);
    if (user.externalUserState === "Accepted") {
      res.redirect(302, invitation.inviteRedirectUrl || `https://myapps.microsoft.com/?tenantid=${tenant.id}`);
      return;
    }
    const s = STRINGS[locale];
    res.type("html").set("Cache-Control", "no-store").send(
      page(
        locale,
        "Consent",
        s.consentHeading,
        `<div class="identityBanner"><div id="displayName" class="identity">${escapeHtml(invitation.invitedUserEmailAddress)}</div></div>
<div role="heading" aria-level="1" class="row title" id="consentHeader">${escapeHtml(s.consentHeading)}</div>
<div class="row text-body"><p id="consentIntro">${escapeHtml(s.consentIntro(tenant.displayName))}</p><p id="consentPermissions">${escapeHtml(s.consentPermissions)}</p></div>
<form method="post" action="/redeem" id="consentForm">
<input type="hidden" name="rd" value="${escapeHtml(String(q.rd))}">
<input type="hidden" name="mkt" value="${escapeHtml(locale)}">
<input type="submit" id="idBtn_Back" name="action" value="${escapeHtml(s.cancel)}" formaction="/redeem/cancel">
<input type="submit" id="idBtn_Accept" name="action" value="${escapeHtml(s.accept)}">
</form>`
      )
    );
  });
  const form = express6.urlencoded({ extended: false, limit: "16kb" });
  router.post("/redeem", form, (req, res) => {
    const body = req.body ?? {};
    const locale = pickLocale(body.mkt, void 0);
    const found = lookUpRedemption(deps.state, body.rd);
    if (!found.ok) {
      invalid(res, locale, found.reason);
      return;
    }
    const tenant = deps.state.findTenant(found.invitation.tenantId);
    const user = tenant.users.find((u) => u.id === found.invitation.invitedUserId);
    if (user.externalUserState !== "Accepted") markAccepted(deps.state, user);
    res.redirect(302, found.invitation.inviteRedirectUrl || `https://myapps.microsoft.com/?tenantid=${tenant.id}`);
  });
  router.post("/redeem/cancel", form, (req, res) => {
    const locale = pickLocale((req.body ?? {}).mkt, void 0);
    res.type("html").send(page(locale, "ConsentDeclined", STRINGS[locale].consentHeading, `<div id="consentDeclined" class="row text-body">The invitation was not accepted. You can open the invitation link again at any time.</div>`));
  });
  return router;
}

// test/emulator/login/token-endpoint.ts
import { createHash as createHash2, X509Certificate } from "node:crypto";
import express7 from "express";
import { decodeProtectedHeader, importSPKI, importX509, jwtVerify as jwtVerify2 } from "jose";

// test/emulator/login/tokens.ts
import { randomUUID as randomUUID9 } from "node:crypto";
import { existsSync, readFileSync, unlinkSync } from "node:fs";
import { calculateJwkThumbprint, decodeJwt, exportJWK, generateKeyPair, importJWK, jwtVerify, SignJWT } from "jose";
var GRAPH_RESOURCE = "https://graph.microsoft.com";
var GRAPH_APP_ID = "00000003-0000-0000-c000-000000000000";
async function loadOrCreateKeyPair(cacheFile) {
  if (cacheFile) {
    for (let attempt = 0; attempt < 2; attempt++) {
      try {
        const jwk = JSON.parse(readFileSync(cacheFile, "utf8"));
        const privateKey = await importJWK(jwk, "RS256");
        const { d: _d, p: _p, q: _q, dp: _dp, dq: _dq, qi: _qi, ...publicJwk } = jwk;
        return { privateKey, publicKey: await importJWK({ ...publicJwk, ext: true }, "RS256") };
      } catch {
        if (existsSync(cacheFile) && attempt === 0) {
          try {
            unlinkSync(cacheFile);
          } catch {
          }
        }
        const pair = await generateKeyPair("RS256", { extractable: true });
        publishOnce(cacheFile, JSON.stringify(await exportJWK(pair.privateKey)));
      }
    }
  }
  return generateKeyPair("RS256", { extractable: true });
}
async function createSigningKeys(options = {}) {
  const { privateKey, publicKey } = await loadOrCreateKeyPair(options.cacheFile);
  const jwk = await exportJWK(publicKey);
  const kid = await calculateJwkThumbprint(jwk);
  return {
    kid,
    publicJwk: { ...jwk, kid, use: "sig", alg: "RS256" },
    async sign(claims, { lifetimeSeconds, now, type = "JWT" }) {
      const iat = Math.floor(now.getTime() / 1e3);
      return new SignJWT({ ...claims }).setProtectedHeader({ alg: "RS256", typ: type, kid, x5t: kid }).setIssuedAt(iat).setNotBefore(iat).setExpirationTime(iat + lifetimeSeconds).setJti(randomUUID9()).sign(privateKey);
    },
    async verify(token, { audience, now }) {
      try {
        const { payload } = await jwtVerify(token, publicKey, { algorithms: ["RS256"], audience, currentDate: now, clockTolerance: 60 });
        return payload;
      } catch {
        return null;
      }
    }
  };
}
function peekClaims(token) {
  try {
    return decodeJwt(token);
  } catch {
    return void 0;
  }
}
function createAccessTokenVerifier(keys, now) {
  return async (token) => {
    const claims = await keys.verify(token, { audience: [GRAPH_RESOURCE, GRAPH_APP_ID], now: now() });
    if (!claims) return null;
    const tid = typeof claims.tid === "string" ? claims.tid : void 0;
    const appId = typeof claims.appid === "string" ? claims.appid : typeof claims.azp === "string" ? claims.azp : void 0;
    if (!tid || !appId || claims.iss !== `https://sts.windows.net/${tid}/`) return null;
    const roles = Array.isArray(claims.roles) ? claims.roles.filter((r) => typeof r === "string") : [];
    return { tenantId: tid, appId, roles };
  };
}

// test/emulator/login/token-endpoint.ts
var ACCESS_TOKEN_LIFETIME = 3599;
var OIDC_SCOPES = /* @__PURE__ */ new Set(["openid", "profile", "email", "offline_access"]);
var ASSERTION_TYPE = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";
var TokenError = class extends Error {
  constructor(status, error, code, message) {
    super(message);
    this.status = status;
    this.error = error;
    this.code = code;
  }
  status;
  error;
  code;
};
function param(body, name) {
  const v = body[name];
  return typeof v === "string" && v.length > 0 ? v : void 0;
}
function basicCredentials(req) {
  const header = req.headers.authorization;
  if (!header?.startsWith("Basic ")) return void 0;
  const decoded = Buffer.from(header.slice(6), "base64").toString("utf8");
  const i = decoded.indexOf(":");
  if (i < 0) return void 0;
  return { clientId: decodeURIComponent(decoded.slice(0, i)), secret: decodeURIComponent(decoded.slice(i + 1)) };
}
function thumbprint(certPem, algorithm) {
  return createHash2(algorithm).update(new X509Certificate(certPem).raw).digest("base64url");
}
async function verifyClientAssertion(app, assertion, tokenPath) {
  if (!app.certificatePem) throw new TokenError(401, "invalid_client", 700027, MESSAGES.assertionRejected("no certificate is registered for this application"));
  let header;
  try {
    header = decodeProtectedHeader(assertion);
  } catch {
    throw new TokenError(401, "invalid_client", 700027, MESSAGES.assertionRejected("the assertion is not a JWT"));
  }
  const alg = header.alg;
  if (alg !== "RS256" && alg !== "PS256" && alg !== "ES256") throw new TokenError(401, "invalid_client", 700027, MESSAGES.assertionRejected(`unsupported alg '${String(alg)}'`));
  const isCertificate = app.certificatePem.includes("BEGIN CERTIFICATE");
  if (isCertificate) {
    if (typeof header["x5t#S256"] === "string" && header["x5t#S256"] !== thumbprint(app.certificatePem, "sha256")) {
      throw new TokenError(401, "invalid_client", 700027, MESSAGES.assertionRejected("the certificate thumbprint (x5t#S256) does not match a registered certificate"));
    }
    if (typeof header.x5t === "string" && header.x5t !== thumbprint(app.certificatePem, "sha1")) {
      throw new TokenError(401, "invalid_client", 700027, MESSAGES.assertionRejected("the certificate thumbprint (x5t) does not match a registered certificate"));
    }
  }
  const key = isCertificate ? await importX509(app.certificatePem, alg) : await importSPKI(app.certificatePem, alg);
  let payload;
  try {
    ({ payload } = await jwtVerify2(assertion, key, { algorithms: [alg], issuer: app.clientId, subject: app.clientId, clockTolerance: 300 }));
  } catch (error) {
    const code = error.code;
    if (code === "ERR_JWS_SIGNATURE_VERIFICATION_FAILED") throw new TokenError(401, "invalid_client", 700027, MESSAGES.invalidAssertionSignature());
    throw new TokenError(401, "invalid_client", 700027, MESSAGES.assertionRejected(error.message));
  }
  const audiences = Array.isArray(payload.aud) ? payload.aud : [payload.aud];
  const audOk = audiences.some((a) => {
    try {
      return typeof a === "string" && new URL(a).pathname.toLowerCase() === tokenPath.toLowerCase();
    } catch {
      return false;
    }
  });
  if (!audOk) throw new TokenError(401, "invalid_client", 700027, MESSAGES.assertionRejected("the audience (aud) is not this token endpoint"));
}
async function authenticateClient(req, body, app, required) {
  const basic = basicCredentials(req);
  const secret = param(body, "client_secret") ?? basic?.secret;
  const assertion = param(body, "client_assertion");
  if (assertion) {
    if (param(body, "client_assertion_type") !== ASSERTION_TYPE) throw new TokenError(400, "invalid_request", 90014, MESSAGES.missingParameter("client_assertion_type"));
    await verifyClientAssertion(app, assertion, req.baseUrl + req.path);
    return;
  }
  if (secret !== void 0) {
    if (!app.clientSecret || secret !== app.clientSecret) throw new TokenError(401, "invalid_client", 7000215, MESSAGES.invalidSecret(app.clientId));
    return;
  }
  if (required || app.clientSecret || app.certificatePem) {
    if (app.clientSecret || app.certificatePem) throw new TokenError(401, "invalid_client", 7000218, MESSAGES.missingCredential());
  }
}
function findApp(tenant, clientId) {
  const app = tenant.apps.find((a) => a.clientId.toLowerCase() === clientId.toLowerCase());
  if (!app) throw new TokenError(400, "unauthorized_client", 700016, MESSAGES.appNotFound(clientId, tenant.domains[0] ?? tenant.id));
  return app;
}
function graphDefaultScope(scope) {
  if (!scope) return false;
  const resourceScopes = scope.split(/\s+/).filter((s) => s && !OIDC_SCOPES.has(s));
  return resourceScopes.length === 1 && [`${GRAPH_RESOURCE}/.default`, `${GRAPH_APP_ID}/.default`, `${GRAPH_RESOURCE}//.default`].includes(resourceScopes[0].toLowerCase());
}
async function clientCredentials(deps, req, body, tenant) {
  const clientId = param(body, "client_id") ?? basicCredentials(req)?.clientId;
  if (!clientId) throw new TokenError(400, "invalid_request", 900144, MESSAGES.missingParameter("client_id"));
  const app = findApp(tenant, clientId);
  if (!app.clientSecret && !app.certificatePem) throw new TokenError(401, "invalid_client", 7000218, MESSAGES.missingCredential());
  await authenticateClient(req, body, app, true);
  const scope = param(body, "scope");
  if (!graphDefaultScope(scope)) throw new TokenError(400, "invalid_scope", 1002012, MESSAGES.invalidScope(scope ?? ""));
  const now = deps.state.now();
  const accessToken = await deps.keys.sign(
    {
      aud: GRAPH_RESOURCE,
      iss: `https://sts.windows.net/${tenant.id}/`,
      app_displayname: app.displayName,
      appid: app.clientId,
      appidacr: param(body, "client_assertion") ? "2" : "1",
      idp: `https://sts.windows.net/${tenant.id}/`,
      idtyp: "app",
      oid: app.clientId,
      roles: [...app.graphApplicationPermissions],
      sub: app.clientId,
      tid: tenant.id,
      ver: "1.0"
    },
    { lifetimeSeconds: ACCESS_TOKEN_LIFETIME, now }
  );
  return { token_type: "Bearer", expires_in: ACCESS_TOKEN_LIFETIME, ext_expires_in: ACCESS_TOKEN_LIFETIME, access_token: accessToken };
}
function pkceMatches(verifier, challenge, method) {
  if (method === "plain") return verifier === challenge;
  return createHash2("sha256").update(verifier).digest("base64url") === challenge;
}
async function authorizationCode(deps, req, body) {
  const code = param(body, "code");
  if (!code) throw new TokenError(400, "invalid_request", 900144, MESSAGES.missingParameter("code"));
  const issued = deps.store.takeCode(code);
  if (issued === "expired") throw new TokenError(400, "invalid_grant", 70008, MESSAGES.codeExpired());
  if (!issued) throw new TokenError(400, "invalid_grant", 54005, MESSAGES.codeRedeemed());
  const { request, account } = issued;
  const clientId = param(body, "client_id") ?? basicCredentials(req)?.clientId;
  if (clientId?.toLowerCase() !== request.clientId.toLowerCase()) throw new TokenError(400, "invalid_grant", 70002, "The client_id does not match the one the code was issued to.");
  if (param(body, "redirect_uri") !== request.redirectUri) throw new TokenError(400, "invalid_grant", 50148, MESSAGES.redirectMismatch(param(body, "redirect_uri") ?? "", request.clientId));
  const tenant = deps.state.findTenant(account.tenantId) ?? deps.state.tenants.find((t) => t.apps.some((a) => a.clientId === request.clientId));
  if (tenant) await authenticateClient(req, body, findApp(tenant, request.clientId), false);
  if (request.codeChallenge) {
    const verifier = param(body, "code_verifier");
    if (!verifier) throw new TokenError(400, "invalid_grant", 50148, MESSAGES.pkceMissing());
    if (!pkceMatches(verifier, request.codeChallenge, request.codeChallengeMethod ?? "plain")) throw new TokenError(400, "invalid_grant", 501481, MESSAGES.pkceMismatch());
  }
  return issueUserTokens(deps, tenant, request, account, request.scope);
}
async function refreshToken(deps, req, body) {
  const token = param(body, "refresh_token");
  if (!token) throw new TokenError(400, "invalid_request", 900144, MESSAGES.missingParameter("refresh_token"));
  const grant = deps.store.takeRefreshToken(token);
  if (!grant) throw new TokenError(400, "invalid_grant", 9002313, "Invalid request. Request is malformed or invalid: the refresh token is unknown, expired or already used.");
  const clientId = param(body, "client_id") ?? basicCredentials(req)?.clientId;
  if (clientId?.toLowerCase() !== grant.request.clientId.toLowerCase()) throw new TokenError(400, "invalid_grant", 7e4, "The refresh token was issued to a different client.");
  const tenant = deps.state.findTenant(grant.account.tenantId) ?? deps.state.tenants.find((t) => t.apps.some((a) => a.clientId === grant.request.clientId));
  if (tenant) await authenticateClient(req, body, findApp(tenant, grant.request.clientId), false);
  return issueUserTokens(deps, tenant, grant.request, grant.account, param(body, "scope") ?? grant.request.scope);
}
async function issueUserTokens(deps, tenant, request, account, scope) {
  const now = deps.state.now();
  const iss = `https://login.microsoftonline.com/${account.tenantId}/v2.0`;
  const scopes = scope.split(/\s+/).filter(Boolean);
  const sub = createHash2("sha256").update(`${account.objectId}:${request.clientId}`).digest("base64url").slice(0, 43);
  const idToken = await deps.keys.sign(
    {
      aud: request.clientId,
      iss,
      ...account.idp ? { idp: account.idp } : {},
      name: account.displayName,
      ...request.nonce ? { nonce: request.nonce } : {},
      oid: account.objectId,
      preferred_username: account.username,
      email: account.username,
      sub,
      tid: account.tenantId,
      ver: "2.0"
    },
    { lifetimeSeconds: 3600, now }
  );
  const resourceScopes = scopes.filter((s) => !OIDC_SCOPES.has(s));
  const accessToken = await delegatedAccessToken(deps, tenant, request.clientId, account, resourceScopes, sub, now);
  const refreshToken2 = scopes.includes("offline_access") ? deps.store.issueRefreshToken(request, account) : void 0;
  const clientInfo = Buffer.from(JSON.stringify({ uid: account.objectId, utid: account.tenantId })).toString("base64url");
  return {
    token_type: "Bearer",
    scope: scopes.filter((s) => s !== "offline_access").join(" ") || "openid",
    expires_in: ACCESS_TOKEN_LIFETIME,
    ext_expires_in: ACCESS_TOKEN_LIFETIME,
    access_token: accessToken,
    ...refreshToken2 ? { refresh_token: refreshToken2 } : {},
    id_token: idToken,
    client_info: clientInfo
  };
}
var ROLE_TEMPLATE_IDS = {
  "Global Administrator": "62e90394-69f5-4237-9190-012177145e10",
  "User Administrator": "fe930be7-5e62-47db-91af-98c3a49a38b1",
  "Guest Inviter": "95e79109-95c0-4d8e-aee3-d01accf2d47b",
  "Helpdesk Administrator": "729827e3-9c14-49f7-bb1b-9608f156bbb8"
};
async function delegatedAccessToken(deps, tenant, clientId, account, resourceScopes, sub, now) {
  const user = deps.state.findTenant(account.tenantId)?.users.find((u) => u.id === account.objectId);
  const wids = (user?.directoryRoles ?? []).map((r) => ROLE_TEMPLATE_IDS[r]).filter((id) => Boolean(id));
  const resource = resourceScopes.length ? resourceScopes[0].slice(0, Math.max(0, resourceScopes[0].lastIndexOf("/"))) : "";
  const isGraph = !resource || resource.toLowerCase() === GRAPH_RESOURCE || resource.toLowerCase() === GRAPH_APP_ID;
  if (!isGraph) {
    const appId = resource.replace(/^api:\/\//i, "").toLowerCase();
    const api = (tenant ?? deps.state.findTenant(account.tenantId))?.apps.find((a) => a.clientId.toLowerCase() === appId);
    if (!api) throw new TokenError(400, "invalid_resource", 500011, `The resource principal named ${resource} was not found in the tenant named ${tenant?.displayName ?? account.tenantId}. This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant. You might have sent your authentication request to the wrong tenant.`);
    return deps.keys.sign(
      {
        aud: api.clientId,
        iss: `https://login.microsoftonline.com/${account.tenantId}/v2.0`,
        azp: clientId,
        azpacr: "0",
        ...account.idp ? { idp: account.idp } : {},
        name: account.displayName,
        oid: account.objectId,
        preferred_username: account.username,
        scp: resourceScopes.map((s) => s.slice(s.lastIndexOf("/") + 1)).join(" "),
        sub,
        tid: account.tenantId,
        ...wids.length ? { wids } : {},
        ver: "2.0"
      },
      { lifetimeSeconds: ACCESS_TOKEN_LIFETIME, now }
    );
  }
  return deps.keys.sign(
    {
      aud: GRAPH_RESOURCE,
      iss: `https://sts.windows.net/${account.tenantId}/`,
      appid: clientId,
      ...account.idp ? { idp: account.idp } : {},
      name: account.displayName,
      oid: account.objectId,
      scp: (resourceScopes.length ? resourceScopes.map((s) => s.slice(s.lastIndexOf("/") + 1)) : ["openid", "profile", "User.Read"]).join(" "),
      sub,
      tid: account.tenantId,
      unique_name: account.username,
      upn: account.username,
      ...wids.length ? { wids } : {},
      ver: "1.0"
    },
    { lifetimeSeconds: ACCESS_TOKEN_LIFETIME, now }
  );
}
function createTokenRouter(deps) {
  const router = express7.Router();
  const parse = express7.urlencoded({ extended: false, limit: "64kb" });
  const handle = async (req, res) => {
    res.setHeader("Cache-Control", "no-store, no-cache");
    res.setHeader("Pragma", "no-cache");
    const body = req.body ?? {};
    const segment = String(req.params.tenant);
    try {
      const authority = resolveAuthority(deps.state, segment);
      if (authority.kind === "unknown") {
        throw new TokenError(400, "invalid_request", authority.malformed ? 900023 : 90002, authority.malformed ? MESSAGES.tenantIdentifierInvalid(segment) : MESSAGES.tenantNotFound(segment));
      }
      const grant = param(body, "grant_type");
      if (!grant) throw new TokenError(400, "invalid_request", 900144, MESSAGES.missingParameter("grant_type"));
      if (grant === "client_credentials") {
        if (authority.kind !== "tenant") {
          throw new TokenError(400, "invalid_request", 90009, `Application is requesting a token for itself. This scenario is supported only if resource is specified using the GUID based App Identifier. Use a tenant-specific authority instead of '${segment}'.`);
        }
        res.json(await clientCredentials(deps, req, body, authority.tenant));
        return;
      }
      if (grant === "authorization_code") {
        res.json(await authorizationCode(deps, req, body));
        return;
      }
      if (grant === "refresh_token") {
        res.json(await refreshToken(deps, req, body));
        return;
      }
      throw new TokenError(400, "unsupported_grant_type", 70003, MESSAGES.unsupportedGrant(grant));
    } catch (error) {
      if (error instanceof TokenError) {
        res.status(error.status).json(aadstsJson(error.error, error.code, error.message, deps.state.now()));
        return;
      }
      throw error;
    }
  };
  router.post("/:tenant/oauth2/v2.0/token", parse, handle);
  router.post("/:tenant/oauth2/token", parse, handle);
  return router;
}

// test/emulator/login/index.ts
var SIGN_IN_SCRIPT = readFileSync2(new URL("./assets/signin.js", "file:///work/main/test/emulator/login/index.ts"), "utf8");
var CORS_PATHS = /\/(\.well-known\/openid-configuration|discovery\/|oauth2\/(v2\.0\/)?token$)/;
function createLoginRouter(deps) {
  const router = express8.Router();
  router.use((req, res, next) => {
    if (!CORS_PATHS.test(req.path)) return next();
    res.set("Access-Control-Allow-Origin", "*");
    if (req.method !== "OPTIONS") return next();
    res.set("Access-Control-Allow-Methods", "GET, POST, OPTIONS").set("Access-Control-Allow-Headers", req.get("access-control-request-headers") ?? "Content-Type").set("Access-Control-Max-Age", "86400").status(204).end();
  });
  router.get(SIGN_IN_SCRIPT_PATH, (_req, res) => {
    res.type("text/javascript").set("Cache-Control", "no-cache").send(SIGN_IN_SCRIPT);
  });
  router.use(createRedeemRouter(deps));
  router.use(createDiscoveryRouter(deps));
  router.use(createTokenRouter(deps));
  router.use(createCredentialTypeRouter(deps));
  router.use(createLogoutRouter(deps));
  router.use(createSignInFlowRouter(deps));
  return router;
}

// test/emulator/login/store.ts
import { randomBytes as randomBytes3, randomInt } from "node:crypto";
var PASSCODE_LIFETIME_MS = 30 * 6e4;
var CODE_LIFETIME_MS = 10 * 6e4;
var REQUEST_LIFETIME_MS = 60 * 6e4;
function createLoginStore(now) {
  const requests = /* @__PURE__ */ new Map();
  const passcodes = /* @__PURE__ */ new Map();
  const codes = /* @__PURE__ */ new Map();
  const lastSent = /* @__PURE__ */ new Map();
  const flows = /* @__PURE__ */ new Map();
  const refreshTokens = /* @__PURE__ */ new Map();
  const key = (address) => address.trim().toLowerCase();
  const t = () => now().getTime();
  return {
    saveRequest(request) {
      const saved = { ...request, id: randomBytes3(18).toString("base64url"), createdAt: t() };
      requests.set(saved.id, saved);
      return saved;
    },
    getRequest(id) {
      if (!id) return void 0;
      const r = requests.get(id);
      if (!r || t() - r.createdAt > REQUEST_LIFETIME_MS) return void 0;
      return r;
    },
    startFlow(requestId, username) {
      const token = randomBytes3(24).toString("base64url");
      flows.set(token, { requestId, username });
      return token;
    },
    getFlow(token) {
      return token ? flows.get(token) : void 0;
    },
    issuePasscode(address) {
      const code = String(randomInt(0, 1e8)).padStart(8, "0");
      passcodes.set(key(address), { code, expiresAt: t() + PASSCODE_LIFETIME_MS, attempts: 0 });
      lastSent.set(key(address), code);
      return code;
    },
    lastPasscode(address) {
      return lastSent.get(key(address));
    },
    checkPasscode(address, code) {
      const record = passcodes.get(key(address));
      if (!record) return "none";
      if (t() > record.expiresAt) return "expired";
      record.attempts++;
      if (record.attempts > 10 || record.code !== code.trim()) return "wrong";
      passcodes.delete(key(address));
      return "ok";
    },
    issueCode(request, account) {
      const code = `1.${randomBytes3(32).toString("base64url")}`;
      codes.set(code, { request, account, expiresAt: t() + CODE_LIFETIME_MS });
      return code;
    },
    takeCode(code) {
      const issued = codes.get(code);
      if (!issued) return void 0;
      codes.delete(code);
      return t() > issued.expiresAt ? "expired" : issued;
    },
    issueRefreshToken(request, account) {
      const token = `0.${randomBytes3(48).toString("base64url")}`;
      refreshTokens.set(token, { request, account, expiresAt: t() + 24 * 36e5 });
      return token;
    },
    takeRefreshToken(token) {
      const grant = refreshTokens.get(token);
      refreshTokens.delete(token);
      if (!grant || t() > grant.expiresAt) return void 0;
      return { request: grant.request, account: grant.account };
    },
    clear() {
      refreshTokens.clear();
      requests.clear();
      passcodes.clear();
      codes.clear();
      lastSent.clear();
      flows.clear();
    }
  };
}

// test/emulator/myapps/index.ts
import express9 from "express";
function page2(title, body) {
  return `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head><body>${body}</body></html>`;
}
function createMyAppsRouter(deps) {
  const router = express9.Router();
  const showResult = (params, res) => {
    const text = (k) => typeof params[k] === "string" ? params[k] : "";
    res.type("html").send(
      page2(
        "My Apps \u2014 signed in",
        `<h1>My Apps \u2014 sign-in result</h1>
<dl><dt>code</dt><dd id="code">${escapeHtml(text("code"))}</dd>
<dt>state</dt><dd id="state">${escapeHtml(text("state"))}</dd>
<dt>error</dt><dd id="error">${escapeHtml(text("error"))}</dd>
<dt>error_description</dt><dd id="error_description">${escapeHtml(text("error_description"))}</dd></dl>`
      )
    );
  };
  router.get("/signin-oidc", (req, res) => showResult(req.query, res));
  router.post("/signin-oidc", express9.urlencoded({ extended: false, limit: "64kb" }), (req, res) => showResult(req.body ?? {}, res));
  router.get(["/", "/:tenant"], (req, res) => {
    const q = req.query;
    const raw = typeof q.tenantid === "string" && q.tenantid || typeof q.tenantId === "string" && q.tenantId || req.params.tenant || "";
    const tenant = raw ? deps.state.findTenant(raw) : void 0;
    const label = tenant ? tenant.displayName : raw || "no tenant";
    res.type("html").send(page2(`My Apps \u2014 ${label}`, `<h1 id="tenant" data-tenant-id="${escapeHtml(tenant?.id ?? "")}">My Apps \u2014 ${escapeHtml(label)}</h1>`));
  });
  return router;
}

// test/emulator/scenario.ts
import { z } from "zod";
function defaultScenario() {
  return { markup: "converged" };
}
var scenarioPatchSchema = z.object({
  markup: z.enum(["converged", "fluent"]).optional(),
  forcedError: z.object({
    code: z.union([z.literal(50020), z.literal(50034), z.literal(90072), z.literal(16e3)]),
    address: z.string().min(3).max(320).optional()
  }).strict().nullable().optional(),
  throttleCredentialLookups: z.boolean().optional()
}).strict();
function createScenarioHolder() {
  let scenario = defaultScenario();
  return {
    current: () => scenario,
    set(patch) {
      const next = { ...scenario };
      if ("markup" in patch && patch.markup) next.markup = patch.markup;
      if ("throttleCredentialLookups" in patch) {
        if (patch.throttleCredentialLookups) next.throttleCredentialLookups = true;
        else delete next.throttleCredentialLookups;
      }
      if ("forcedError" in patch) {
        if (patch.forcedError) next.forcedError = { ...patch.forcedError };
        else delete next.forcedError;
      }
      scenario = next;
    },
    reset() {
      scenario = defaultScenario();
    }
  };
}

// test/emulator/server.ts
import { createServer } from "node:https";
import express10 from "express";
var MAX_LOG_ENTRIES = 1e4;
function hostName(req) {
  return (req.headers.host ?? "").replace(/:\d+$/, "").toLowerCase();
}
function isGraphRequest(req) {
  return hostName(req) === "graph.microsoft.com" || /^\/(v1\.0|beta)(\/|$)/.test(req.path);
}
function isMyAppsRequest(req) {
  return hostName(req) === "myapps.microsoft.com";
}
function requestLog(state) {
  return (req, res, next) => {
    const startedAt = state.now().toISOString();
    res.on("finish", () => {
      const entry = { at: startedAt, host: req.headers.host ?? "", method: req.method, path: req.originalUrl, status: res.statusCode };
      const auth = req.headers.authorization;
      if (auth?.startsWith("Bearer ")) {
        const claims = peekClaims(auth.slice(7));
        const appId = claims?.appid ?? claims?.azp;
        if (typeof appId === "string") entry.appId = appId;
      }
      state.requestLog.push(entry);
      if (state.requestLog.length > MAX_LOG_ENTRIES) state.requestLog.splice(0, state.requestLog.length - MAX_LOG_ENTRIES);
    });
    next();
  };
}
function createEmulatorApp(parts) {
  const app = express10();
  app.disable("x-powered-by");
  app.set("etag", false);
  app.use("/_emulator", parts.control);
  app.use(requestLog(parts.state));
  app.use(parts.faultMiddleware);
  app.use((req, res, next) => isGraphRequest(req) ? parts.graph(req, res, next) : next());
  app.use((req, res, next) => isMyAppsRequest(req) ? parts.myApps(req, res, next) : next());
  app.use(parts.login);
  app.use((req, res) => {
    res.status(404).type("text/plain").send(`Not found: ${req.method} ${req.path}`);
  });
  app.use((error, req, res, next) => {
    void next;
    const status = error.status ?? error.statusCode ?? 500;
    if (res.headersSent) {
      res.end();
      return;
    }
    const safe = status >= 400 && status < 500 ? status : 500;
    if (safe === 500) console.error(`emulator: ${req.method} ${req.path} failed:`, error);
    res.status(safe).json({ error: safe === 500 ? "server_error" : "invalid_request", error_description: safe === 500 ? "The emulator failed to answer this request." : error.message });
  });
  return app;
}
async function listenHttps(app, tls, port, host) {
  const server = createServer({ key: tls.key, cert: tls.cert, ALPNProtocols: ["http/1.1"] }, app);
  const sockets = /* @__PURE__ */ new Set();
  server.on("connection", (socket) => {
    sockets.add(socket);
    socket.once("close", () => sockets.delete(socket));
  });
  await new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const actualPort = server.address().port;
  return {
    server,
    port: actualPort,
    close: () => new Promise((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
      for (const socket of sockets) socket.destroy();
    })
  };
}

// test/emulator/index.ts
function createControlRouter(emulator) {
  const router = express11.Router();
  router.use(express11.json({ limit: "16kb" }));
  router.get("/scenario", (_req, res) => {
    res.json(emulator().scenario());
  });
  router.post("/scenario", (req, res) => {
    const parsed = scenarioPatchSchema.safeParse(req.body ?? {});
    if (!parsed.success) {
      res.status(400).json({ error: "invalid_scenario", issues: parsed.error.issues.map((i) => `${i.path.join(".") || "(body)"}: ${i.message}`) });
      return;
    }
    emulator().setScenario(parsed.data);
    res.json(emulator().scenario());
  });
  router.get("/outbox", (_req, res) => {
    res.json(emulator().outbox());
  });
  router.get("/requests", (_req, res) => {
    res.json(emulator().requests());
  });
  router.get("/otp", (req, res) => {
    const address = typeof req.query.address === "string" ? req.query.address : "";
    const code = address ? emulator().lastOtp(address) : void 0;
    if (!code) {
      res.status(404).json({ error: "no_passcode", error_description: `No passcode was sent to '${address}'.` });
      return;
    }
    res.json({ address, code });
  });
  router.post("/reset", (_req, res) => {
    emulator().reset();
    res.status(204).end();
  });
  return router;
}
async function startEmulator(options = {}) {
  const tls = await ensureEmulatorTls({ dir: options.certDir });
  const now = options.now ?? (() => /* @__PURE__ */ new Date());
  const seed = options.seed ?? "demo";
  const state = createEmulatorState({ now, behaviour: options.behaviour });
  applySeed(state, seed);
  const keys = await createSigningKeys({ cacheFile: join(options.certDir ?? DEFAULT_CERT_DIR, "signing-key.json") });
  const store = createLoginStore(now);
  const scenario = createScenarioHolder();
  const faults = createFaultController();
  let origin = "";
  let emulator;
  const graph = createGraphHandler({ state, verifyAccessToken: createAccessTokenVerifier(keys, now) });
  const app = createEmulatorApp({
    state,
    control: createControlRouter(() => emulator),
    faultMiddleware: faults.middleware,
    graph,
    myApps: createMyAppsRouter({ state }),
    login: createLoginRouter({ state, keys, store, scenario, origin: () => origin })
  });
  const running = await listenHttps(app, { key: tls.leafKeyPem, cert: tls.leafCertPem }, options.port ?? 0, options.host ?? "127.0.0.1");
  const host = options.host ?? "127.0.0.1";
  const reachable = host === "0.0.0.0" || host === "::" ? "127.0.0.1" : host;
  origin = `https://${reachable.includes(":") ? `[${reachable}]` : reachable}:${running.port}`;
  emulator = {
    port: running.port,
    origin,
    loginBaseUrl: origin,
    graphBaseUrl: origin,
    caCertPath: tls.caCertPath,
    spki: tls.spki,
    state,
    outbox: () => [...state.outbox],
    requests: () => [...state.requestLog],
    faults,
    scenario: () => scenario.current(),
    setScenario: (s) => scenario.set(s),
    lastOtp: (address) => store.lastPasscode(address),
    reset() {
      applySeed(state, seed);
      state.outbox.splice(0, state.outbox.length);
      state.requestLog.splice(0, state.requestLog.length);
      state.behaviour = { ...DEFAULT_BEHAVIOUR, ...options.behaviour };
      store.clear();
      scenario.reset();
      faults.clear();
    },
    stop: () => running.close()
  };
  return emulator;
}
export {
  startEmulator
};
//# sourceMappingURL=emulator-NNVQTNHK.mjs.map
