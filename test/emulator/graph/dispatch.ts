// Routes one GraphCall to its handler. Shared by the Express adapter (index.ts) and `$batch` (batch.ts).
import { graphError, type GraphCall, type GraphResponse } from './graph-call.ts';
import { appIdKey, getApplication } from './applications.ts';
import { postInvitation } from './invitations.ts';
import { getAuthorizationPolicy, getEmailMethodConfiguration, listConditionalAccessPolicies, listSubscribedSkus } from './policies.ts';
import { listRoleAssignments } from './role-assignments.ts';
import { convertExternalToInternal, deleteUser, getDeletedItem, getOrganization, listDeletedUsers, listMemberOf, patchUser, restoreDeletedItem } from './user-lifecycle.ts';
import { getUser, listUsers } from './users.ts';

export type BatchRunner = (call: GraphCall) => Promise<GraphResponse>;

function methodNotAllowed(call: GraphCall): GraphResponse {
  return graphError(call, 405, 'Request_BadRequest', 'Specified HTTP method is not allowed for the request target.');
}

const KNOWN_PATHS = [['users', '*'], ['invitations'], ['policies', 'authorizationPolicy'], ['identity', 'conditionalAccess', 'policies'], ['subscribedSkus'], ['$batch'],
  ['policies', 'authenticationMethodsPolicy', 'authenticationMethodConfigurations', 'email'], ['roleManagement', 'directory', 'roleAssignments'],
  ['users', '*', 'memberOf'], ['users', '*', 'convertExternalToInternalMemberUser'], ['directory', 'deletedItems', '*', 'restore'], ['organization']];

/** The first segment that leaves every known path ('*' = any id). */
function unknownSegment(segments: string[]): string {
  for (let i = 0; i < segments.length; i++) {
    const stillKnown = KNOWN_PATHS.some((path) => path.length > i && path.slice(0, i + 1).every((part, j) => part === '*' || part === segments[j]));
    if (!stillKnown) return segments[i]!;
  }
  return segments.at(-1) ?? '';
}

/** `segments` excludes the version: ['users', 'abc']. */
export async function dispatchGraphCall(call: GraphCall, runBatch: BatchRunner): Promise<GraphResponse> {
  const [resource, ...rest] = call.segments;
  const joined = call.segments.join('/');
  const method = call.method.toUpperCase();

  if (call.version === 'beta') {
    // The emulator serves /beta only for what has no v1.0 equivalent (real-behaviour §5: the conversion is beta only).
    if (resource === 'users' && rest.length === 2 && rest[1] === 'convertExternalToInternalMemberUser') return method === 'POST' ? convertExternalToInternal(call, rest[0]!) : methodNotAllowed(call);
    return graphError(call, 404, 'NotFound', 'The emulator serves Microsoft Graph v1.0, and /beta only for convertExternalToInternalMemberUser.');
  }
  if (resource === 'users' && rest.length === 0) return method === 'GET' ? listUsers(call) : methodNotAllowed(call);
  if (resource === 'users' && rest.length === 1) {
    if (method === 'GET') return getUser(call, rest[0]!);
    if (method === 'DELETE') return deleteUser(call, rest[0]!);
    if (method === 'PATCH') return patchUser(call, rest[0]!);
    return methodNotAllowed(call);
  }
  if (resource === 'users' && rest.length === 2 && rest[1] === 'memberOf') return method === 'GET' ? listMemberOf(call, rest[0]!) : methodNotAllowed(call);
  if (joined === 'directory/deletedItems/microsoft.graph.user') return method === 'GET' ? listDeletedUsers(call) : methodNotAllowed(call);
  if (resource === 'directory' && rest[0] === 'deletedItems' && rest.length === 2) return method === 'GET' ? getDeletedItem(call, rest[1]!) : methodNotAllowed(call);
  if (resource === 'directory' && rest[0] === 'deletedItems' && rest.length === 3 && rest[2] === 'restore') return method === 'POST' ? restoreDeletedItem(call, rest[1]!) : methodNotAllowed(call);
  if (joined === 'organization') return method === 'GET' ? getOrganization(call) : methodNotAllowed(call);
  if (resource === 'invitations' && rest.length === 0) return method === 'POST' ? postInvitation(call) : methodNotAllowed(call);
  if (joined === 'policies/authorizationPolicy') return method === 'GET' ? getAuthorizationPolicy(call) : methodNotAllowed(call);
  if (joined === 'identity/conditionalAccess/policies') return method === 'GET' ? listConditionalAccessPolicies(call) : methodNotAllowed(call);
  if (joined === 'subscribedSkus') return method === 'GET' ? listSubscribedSkus(call) : methodNotAllowed(call);
  if (joined === 'policies/authenticationMethodsPolicy/authenticationMethodConfigurations/email') return method === 'GET' ? getEmailMethodConfiguration(call) : methodNotAllowed(call);
  if (joined === 'roleManagement/directory/roleAssignments') return method === 'GET' ? listRoleAssignments(call) : methodNotAllowed(call);
  const appId = rest.length === 0 && resource ? appIdKey(resource) : undefined;
  if (appId) return method === 'GET' ? getApplication(call, appId) : methodNotAllowed(call);
  if (joined === '$batch') return method === 'POST' ? runBatch(call) : methodNotAllowed(call);

  // What Graph answers for a path segment it does not know.
  return graphError(call, 400, 'BadRequest', `Resource not found for the segment '${unknownSegment(call.segments)}'.`);
}
