// GET /v1.0/roleManagement/directory/roleAssignments (rbacapplication-list-roleassignments.md): one assignment per
// (user, role) at tenant scope "/", `$filter` on roleDefinitionId / principalId (eq), `$expand=roleDefinition`
// (with an optional inner `$select`), paged with `$top`. Application permission: RoleManagement.Read.Directory or
// higher.
import { graphError, odataContext, requireRole, type GraphCall, type GraphResponse } from './graph-call.ts';
import { roleTemplateId } from './directory-roles.ts';

const ROLE_READ_ROLES = ['RoleManagement.Read.Directory', 'RoleManagement.Read.All', 'Directory.Read.All', 'RoleManagement.ReadWrite.Directory', 'Directory.ReadWrite.All'];
const DEFAULT_PAGE = 100;

interface Assignment {
  id: string;
  principalId: string;
  roleDefinitionId: string;
  roleName: string;
}

function assignments(call: GraphCall): Assignment[] {
  return call.caller.tenant.users.flatMap((user) =>
    user.directoryRoles.map((name) => {
      const roleDefinitionId = roleTemplateId(name);
      // Graph's assignment ids are opaque strings; derived here so they are stable across calls.
      return { id: `${roleDefinitionId.slice(0, 8)}${user.id}`, principalId: user.id, roleDefinitionId, roleName: name };
    }),
  );
}

/** Only `roleDefinitionId eq '…'` / `principalId eq '…'` (joined by `and`): what Graph supports on this list. */
function parseFilter(raw: string | null): ((a: Assignment) => boolean) | 'unsupported' {
  if (raw === null) return () => true;
  const clauses = raw.split(/\s+and\s+/i).map((clause) => /^\s*(roleDefinitionId|principalId)\s+eq\s+'([^']*)'\s*$/i.exec(clause));
  if (clauses.some((c) => !c)) return 'unsupported';
  return (a) => clauses.every((c) => (c![1]!.toLowerCase() === 'principalid' ? a.principalId : a.roleDefinitionId).toLowerCase() === c![2]!.toLowerCase());
}

export function listRoleAssignments(call: GraphCall): GraphResponse {
  const denied = requireRole(call, ROLE_READ_ROLES);
  if (denied) return denied;
  const filter = parseFilter(call.query.get('$filter'));
  if (filter === 'unsupported') return graphError(call, 400, 'BadRequest', 'Invalid filter clause');
  const expand = call.query.get('$expand');
  if (expand !== null && !/^roleDefinition(\(\$select=[\w,]+\))?$/.test(expand.replace(/\s/g, ''))) {
    return graphError(call, 400, 'BadRequest', `Parsing OData Select and Expand failed: Could not find a property named '${expand}'.`);
  }
  const top = call.query.get('$top');
  const pageSize = top === null ? DEFAULT_PAGE : Number(top);
  if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > 999) return graphError(call, 400, 'BadRequest', `Invalid page size specified: '${top}'.`);
  const offset = Number(call.query.get('$skiptoken') ?? 0) || 0;
  const all = assignments(call).filter(filter);
  const page = all.slice(offset, offset + pageSize);
  const body: Record<string, unknown> = { '@odata.context': odataContext(call, 'roleManagement/directory/roleAssignments') };
  if (offset + pageSize < all.length) {
    const query = new URLSearchParams(call.query);
    query.set('$skiptoken', String(offset + pageSize));
    body['@odata.nextLink'] = `${call.origin}/${call.version}/roleManagement/directory/roleAssignments?${query.toString().replaceAll('+', '%20')}`;
  }
  body.value = page.map((a) => ({
    id: a.id,
    principalId: a.principalId,
    roleDefinitionId: a.roleDefinitionId,
    directoryScopeId: '/',
    ...(expand ? { roleDefinition: { id: a.roleDefinitionId, templateId: a.roleDefinitionId, displayName: a.roleName, isBuiltIn: true } } : {}),
  }));
  return { status: 200, body };
}
