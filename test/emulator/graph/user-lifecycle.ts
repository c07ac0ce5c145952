// What a quarterly guest review and a conversion do to a user (issue 12), as Graph does it:
// - DELETE /users/{id} (User.ReadWrite.All): the user moves to directory/deletedItems for 30 days, leaving its groups;
// - GET /directory/deletedItems/microsoft.graph.user, GET /directory/deletedItems/{id}, and
//   POST /directory/deletedItems/{id}/restore (User.ReadWrite.All): back with its groups, within 30 days;
// - GET /users/{id}/memberOf (User.Read.All or GroupMember.Read.All): the user's direct groups;
// - PATCH /users/{id} (User.ReadWrite.All): `mail`, `otherMails`, `usageLocation`, `displayName`;
// - POST /beta/users/{id}/convertExternalToInternalMemberUser (User-ConvertToInternal.ReadWrite.All or
//   User.ReadWrite.All; real-behaviour §5): the guest becomes an internal member with a new UPN on a verified domain
//   and a password; answers a conversionUserDetails; groups are kept.
// - GET /organization (verifiedDomains), which the conversion's UPN must end with.
// Delegated calls (a signed-in admin, On-Behalf-Of) to the writes also need the admin's directory role: User
// Administrator (or Global / Privileged Authentication Administrator; Helpdesk Administrator for the PATCH).
import type { DeletedUser, DirectoryUser, EmulatedTenant } from '../directory.ts';
import { graphError, odataContext, requireDirectoryRole, requireRole, USER_ADMIN_ROLES, type GraphCall, type GraphResponse } from './graph-call.ts';
import { USER_READ_ROLES, findUser } from './users.ts';
import { projectUser } from './user-projection.ts';

const USER_WRITE_ROLES = ['User.ReadWrite.All', 'Directory.ReadWrite.All'];
const CONVERT_ROLES = ['User-ConvertToInternal.ReadWrite.All', 'User.ReadWrite.All'];
const MEMBER_OF_ROLES = [...USER_READ_ROLES, 'GroupMember.Read.All'];
/** organization-get.md, application: Organization.Read.All (least), Directory.Read.All, and their ReadWrite. */
const ORGANIZATION_ROLES = ['Organization.Read.All', 'Directory.Read.All', 'Organization.ReadWrite.All', 'Directory.ReadWrite.All'];
/** Updating a non-admin user's mail/otherMails: User Administrator, or Helpdesk Administrator (re-invite's first step). */
const PATCH_ROLES = [...USER_ADMIN_ROLES, 'Helpdesk Administrator'];
const DAY = 24 * 3600_000;
const RETENTION_DAYS = 30;

function notFound(call: GraphCall, id: string): GraphResponse {
  return graphError(call, 404, 'Request_ResourceNotFound', `Resource '${id}' does not exist or one of its queried reference-property objects are not present.`);
}

/** Deleted users still restorable; older ones are purged (permanently deleted) as Entra does after 30 days. */
function restorable(call: GraphCall): DeletedUser[] {
  const tenant = call.caller.tenant;
  const cutoff = call.state.now().getTime() - RETENTION_DAYS * DAY;
  tenant.deletedUsers = (tenant.deletedUsers ?? []).filter((d) => Date.parse(d.deletedDateTime) > cutoff);
  return tenant.deletedUsers;
}

const USER_JSON_FIELDS = ['id', 'displayName', 'mail', 'userPrincipalName', 'userType', 'externalUserState', 'createdDateTime'];

function deletedJson(d: DeletedUser): Record<string, unknown> {
  return { '@odata.type': '#microsoft.graph.user', ...projectUser(d.user, USER_JSON_FIELDS), deletedDateTime: d.deletedDateTime };
}

export function deleteUser(call: GraphCall, idOrUpn: string): GraphResponse {
  const denied = requireRole(call, USER_WRITE_ROLES) ?? requireDirectoryRole(call, USER_ADMIN_ROLES);
  if (denied) return denied;
  const tenant = call.caller.tenant;
  const user = findUser(call, idOrUpn);
  if (!user) return notFound(call, idOrUpn);
  const groupIds = (tenant.groups ?? []).filter((g) => g.memberIds.includes(user.id)).map((g) => g.id);
  for (const group of tenant.groups ?? []) group.memberIds = group.memberIds.filter((id) => id !== user.id);
  tenant.users.splice(tenant.users.indexOf(user), 1);
  restorable(call);
  tenant.deletedUsers!.push({ user, deletedDateTime: call.state.now().toISOString(), groupIds });
  return { status: 204 };
}

export function listDeletedUsers(call: GraphCall): GraphResponse {
  const denied = requireRole(call, USER_READ_ROLES);
  if (denied) return denied;
  return { status: 200, body: { '@odata.context': odataContext(call, 'directoryObjects'), value: restorable(call).map(deletedJson) } };
}

export function getDeletedItem(call: GraphCall, id: string): GraphResponse {
  const denied = requireRole(call, USER_READ_ROLES);
  if (denied) return denied;
  const found = restorable(call).find((d) => d.user.id.toLowerCase() === id.toLowerCase());
  return found ? { status: 200, body: { '@odata.context': odataContext(call, 'directoryObjects/$entity'), ...deletedJson(found) } } : notFound(call, id);
}

export function restoreDeletedItem(call: GraphCall, id: string): GraphResponse {
  const denied = requireRole(call, USER_WRITE_ROLES) ?? requireDirectoryRole(call, USER_ADMIN_ROLES);
  if (denied) return denied;
  const tenant = call.caller.tenant;
  const deleted = restorable(call);
  const found = deleted.find((d) => d.user.id.toLowerCase() === id.toLowerCase());
  if (!found) return notFound(call, id);
  if (tenant.users.some((u) => u.userPrincipalName.toLowerCase() === found.user.userPrincipalName.toLowerCase())) {
    return graphError(call, 400, 'Request_BadRequest', 'Another object with the same value for property userPrincipalName already exists.');
  }
  deleted.splice(deleted.indexOf(found), 1);
  tenant.users.push(found.user);
  for (const group of tenant.groups ?? []) if (found.groupIds.includes(group.id) && !group.memberIds.includes(found.user.id)) group.memberIds.push(found.user.id);
  return { status: 200, body: { '@odata.context': odataContext(call, 'directoryObjects/$entity'), '@odata.type': '#microsoft.graph.user', ...projectUser(found.user, USER_JSON_FIELDS) } };
}

export function listMemberOf(call: GraphCall, idOrUpn: string): GraphResponse {
  const denied = requireRole(call, MEMBER_OF_ROLES);
  if (denied) return denied;
  const user = findUser(call, idOrUpn);
  if (!user) return notFound(call, idOrUpn);
  const groups = (call.caller.tenant.groups ?? []).filter((g) => g.memberIds.includes(user.id));
  return {
    status: 200,
    body: {
      '@odata.context': odataContext(call, 'directoryObjects'),
      value: groups.map((g) => ({ '@odata.type': '#microsoft.graph.group', id: g.id, displayName: g.displayName, mailEnabled: g.mailEnabled, securityEnabled: g.securityEnabled, groupTypes: g.mailEnabled ? ['Unified'] : [] })),
    },
  };
}

const PATCHABLE = new Set(['mail', 'otherMails', 'usageLocation', 'displayName']);
const ADDRESS = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function patchUser(call: GraphCall, idOrUpn: string): GraphResponse {
  const denied = requireRole(call, USER_WRITE_ROLES) ?? requireDirectoryRole(call, PATCH_ROLES);
  if (denied) return denied;
  const user = findUser(call, idOrUpn);
  if (!user) return notFound(call, idOrUpn);
  const body = call.body;
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return graphError(call, 400, 'BadRequest', 'Empty Payload. JSON content expected.');
  const entries = Object.entries(body as Record<string, unknown>);
  for (const [name, value] of entries) {
    if (!PATCHABLE.has(name)) return graphError(call, 400, 'Request_BadRequest', `The emulator does not update the property '${name}'.`);
    if (name === 'otherMails' && !(Array.isArray(value) && value.every((v) => typeof v === 'string' && ADDRESS.test(v)))) {
      return graphError(call, 400, 'Request_BadRequest', "Invalid value specified for property 'otherMails' of resource 'User'.");
    }
    if (name === 'mail' && !(value === null || (typeof value === 'string' && ADDRESS.test(value)))) {
      return graphError(call, 400, 'Request_BadRequest', "Invalid value specified for property 'mail' of resource 'User'.");
    }
    if (name === 'usageLocation' && !(value === null || (typeof value === 'string' && /^[A-Z]{2}$/.test(value)))) {
      return graphError(call, 400, 'Request_BadRequest', "Invalid value specified for property 'usageLocation' of resource 'User'.");
    }
    if (name === 'displayName' && !(typeof value === 'string' && value.trim() !== '')) {
      return graphError(call, 400, 'Request_BadRequest', "Invalid value specified for property 'displayName' of resource 'User'.");
    }
  }
  for (const [name, value] of entries) {
    if (name === 'otherMails') user.otherMails = [...(value as string[])];
    else if (name === 'mail') {
      user.mail = value as string | null;
      if (user.mail && !user.proxyAddresses.some((p) => p.toLowerCase() === `smtp:${user.mail!.toLowerCase()}`)) {
        user.proxyAddresses = [`SMTP:${user.mail}`, ...user.proxyAddresses.map((p) => `smtp:${p.slice(5)}`)];
      }
    } else if (name === 'usageLocation') user.usageLocation = value as string | null;
    else if (name === 'displayName') user.displayName = value as string;
  }
  return { status: 204 };
}

/** Entra's password rule: 8–256 characters with three of lower case, upper case, digits and symbols. */
export function passwordIsComplex(password: string): boolean {
  const classes = [/[a-z]/, /[A-Z]/, /\d/, /[^A-Za-z0-9]/].filter((re) => re.test(password)).length;
  return password.length >= 8 && password.length <= 256 && classes >= 3;
}

/** Redeemed with a home identity (not a member of this directory, not still pending). */
function externallyAuthenticated(user: DirectoryUser, tenant: EmulatedTenant): boolean {
  return user.identities.some((i) => i.signInType === 'federated' && !tenant.domains.includes(i.issuer));
}

export function convertExternalToInternal(call: GraphCall, idOrUpn: string): GraphResponse {
  const denied = requireRole(call, CONVERT_ROLES) ?? requireDirectoryRole(call, USER_ADMIN_ROLES);
  if (denied) return denied;
  const tenant = call.caller.tenant;
  const user = findUser(call, idOrUpn);
  if (!user) return notFound(call, idOrUpn);
  if (!externallyAuthenticated(user, tenant)) {
    return graphError(call, 400, 'Request_BadRequest', 'The user is not an externally authenticated user and cannot be converted.');
  }
  const body = (typeof call.body === 'object' && call.body !== null ? call.body : {}) as Record<string, unknown>;
  const upn = typeof body.userPrincipalName === 'string' ? body.userPrincipalName.trim() : '';
  const profile = (typeof body.passwordProfile === 'object' && body.passwordProfile !== null ? body.passwordProfile : {}) as Record<string, unknown>;
  const password = typeof profile.password === 'string' ? profile.password : '';
  const mail = body.mail === undefined ? undefined : body.mail;
  const at = upn.lastIndexOf('@');
  if (at < 1 || !/^[A-Za-z0-9._'-]+$/.test(upn.slice(0, at))) return graphError(call, 400, 'Request_BadRequest', "Invalid value specified for property 'userPrincipalName' of resource 'User'.");
  const domain = upn.slice(at + 1).toLowerCase();
  if (!tenant.domains.some((d) => d.toLowerCase() === domain)) {
    return graphError(call, 400, 'Request_BadRequest', 'The domain portion of the userPrincipalName property is invalid. You must use one of the verified domain names in your organization.');
  }
  if (tenant.users.some((u) => u !== user && u.userPrincipalName.toLowerCase() === upn.toLowerCase())) {
    return graphError(call, 400, 'Request_BadRequest', 'Another object with the same value for property userPrincipalName already exists.');
  }
  if (!passwordIsComplex(password)) return graphError(call, 400, 'Request_BadRequest', 'The specified password does not comply with password complexity requirements. Please provide a different password.');
  if (mail !== undefined && !(typeof mail === 'string' && ADDRESS.test(mail))) return graphError(call, 400, 'Request_BadRequest', "Invalid value specified for property 'mail' of resource 'User'.");

  const now = call.state.now().toISOString();
  user.userType = 'Member';
  user.userPrincipalName = upn;
  user.externalUserState = null;
  user.externalUserStateChangeDateTime = null;
  user.creationType = null;
  user.identities = [{ signInType: 'userPrincipalName', issuer: tenant.domains[0]!, issuerAssignedId: upn }];
  user.homeIdp = 'entra';
  if (typeof mail === 'string') {
    user.mail = mail;
    user.proxyAddresses = [`SMTP:${mail}`, ...user.proxyAddresses.filter((p) => p.toLowerCase() !== `smtp:${mail.toLowerCase()}`).map((p) => `smtp:${p.slice(5)}`)];
  }
  return {
    status: 200,
    body: {
      '@odata.context': odataContext(call, 'microsoft.graph.conversionUserDetails'),
      displayName: user.displayName,
      userPrincipalName: user.userPrincipalName,
      mail: user.mail,
      convertedToInternalUserDateTime: now,
    },
  };
}

export function getOrganization(call: GraphCall): GraphResponse {
  const denied = requireRole(call, ORGANIZATION_ROLES);
  if (denied) return denied;
  const tenant = call.caller.tenant;
  return {
    status: 200,
    body: {
      '@odata.context': odataContext(call, 'organization'),
      value: [
        {
          id: tenant.id,
          displayName: tenant.displayName,
          verifiedDomains: tenant.domains.map((name, i) => ({ name, type: 'Managed', isDefault: i === 0, isInitial: i === 0, capabilities: 'Email, OfficeCommunicationsOnline' })),
        },
      ],
    },
  };
}
