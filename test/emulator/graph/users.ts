// GET /v1.0/users and GET /v1.0/users/{id | userPrincipalName} (facts §3 "Finding guests by email").
import type { DirectoryUser } from '../directory.ts';
import { graphError, odataContext, requireRole, type GraphCall, type GraphResponse } from './graph-call.ts';
import {
  analyzeFilter,
  FilterSyntaxError,
  FilterUnsupportedError,
  matchesFilter,
  parseFilter,
  type FilterNode,
} from './odata-filter.ts';
import { parseSelect, projectUser, selectContext } from './user-projection.ts';
import { isReplicating } from '../state.ts';

/** Application permissions that can read users (user-list.md: User.Read.All least privileged). */
export const USER_READ_ROLES = ['User.Read.All', 'User.ReadWrite.All', 'Directory.Read.All', 'Directory.ReadWrite.All'];
/** Delegated permissions that can read other users (user-list.md: User.ReadBasic.All least privileged). */
export const USER_READ_SCOPES = ['User.ReadBasic.All', ...USER_READ_ROLES];

const DEFAULT_PAGE_SIZE = 100;
/** user-list.md: with signInActivity selected (or filtered on), a page holds at most 120 users, whatever `$top` says. */
export const SIGN_IN_ACTIVITY_PAGE_LIMIT = 120;
const ADVANCED_QUERY_HINT =
  'because the required parameters might be missing. Try adding $count=true query parameter and ConsistencyLevel:eventual header. Refer to https://aka.ms/graph-docs/advanced-queries for more information';

/** Advanced queries (aad-advanced-queries.md) need the header AND $count=true. */
function isAdvancedRequest(call: GraphCall): boolean {
  return call.headers['consistencylevel']?.toLowerCase() === 'eventual' && call.query.get('$count')?.toLowerCase() === 'true';
}

function parsePageSize(call: GraphCall): number | GraphResponse {
  const raw = call.query.get('$top');
  if (raw === null) return DEFAULT_PAGE_SIZE;
  const size = /^\d+$/.test(raw) ? Number(raw) : NaN;
  if (!Number.isInteger(size) || size < 1 || size > 999) {
    return graphError(call, 400, 'Request_BadRequest', `Invalid page size specified: '${raw}'. Must be between 1 and 999 inclusive.`);
  }
  return size;
}

function encodeSkipToken(offset: number): string {
  return Buffer.from(JSON.stringify({ emulatorOffset: offset })).toString('base64url');
}

function decodeSkipToken(token: string): number | null {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
    const offset = (parsed as { emulatorOffset?: unknown }).emulatorOffset;
    return typeof offset === 'number' && Number.isInteger(offset) && offset >= 0 ? offset : null;
  } catch {
    return null;
  }
}

function nextLink(call: GraphCall, offset: number): string {
  const parts: string[] = [];
  for (const [key, value] of call.query) {
    if (key === '$skiptoken') continue;
    parts.push(`${key}=${encodeURIComponent(value)}`);
  }
  parts.push(`$skiptoken=${encodeSkipToken(offset)}`);
  return `${call.origin}/${call.version}/users?${parts.join('&')}`;
}

type Orderer = (a: DirectoryUser, b: DirectoryUser) => number;
const ORDERABLE: Record<string, (u: DirectoryUser) => string> = {
  displayname: (u) => u.displayName.toLowerCase(),
  userprincipalname: (u) => u.userPrincipalName.toLowerCase(),
  createddatetime: (u) => u.createdDateTime,
};

function parseOrderBy(call: GraphCall): Orderer | null | GraphResponse {
  const raw = call.query.get('$orderby');
  if (raw === null) return null;
  const match = /^\s*(\w+)(?:\s+(asc|desc))?\s*$/i.exec(raw);
  const key = match ? ORDERABLE[match[1]!.toLowerCase()] : undefined;
  if (!match || !key) return graphError(call, 400, 'Request_UnsupportedQuery', `Unsupported sort property '${raw}' for '$orderby'.`);
  const direction = match[2]?.toLowerCase() === 'desc' ? -1 : 1;
  return (a, b) => (key(a) < key(b) ? -direction : key(a) > key(b) ? direction : 0);
}

/** `$search="displayName:jane" OR "mail:jane"` — tokenized prefix match, as the directory search does. */
function parseSearch(call: GraphCall, raw: string): ((u: DirectoryUser) => boolean) | GraphResponse {
  const clauses = raw.split(/\s+(AND|OR)\s+/);
  const terms: { property: string; term: string }[] = [];
  const joins: string[] = [];
  for (const [index, clause] of clauses.entries()) {
    if (index % 2 === 1) {
      joins.push(clause);
      continue;
    }
    const match = /^"(displayName|mail|userPrincipalName):([^"]+)"$/i.exec(clause.trim());
    if (!match) return graphError(call, 400, 'Request_UnsupportedQuery', `Syntax error: '${clause}' is not a supported $search clause.`);
    terms.push({ property: match[1]!.toLowerCase(), term: match[2]!.toLowerCase() });
  }
  const hit = (user: DirectoryUser, { property, term }: { property: string; term: string }): boolean => {
    const value = (property === 'mail' ? user.mail : property === 'displayname' ? user.displayName : user.userPrincipalName) ?? '';
    return value.toLowerCase().split(/[^a-z0-9]+/).some((word) => word.startsWith(term)) || value.toLowerCase().startsWith(term);
  };
  return (user) => {
    let result = hit(user, terms[0]!);
    joins.forEach((join, i) => {
      result = join === 'AND' ? result && hit(user, terms[i + 1]!) : result || hit(user, terms[i + 1]!);
    });
    return result;
  };
}

function isResponse(value: unknown): value is GraphResponse {
  return typeof value === 'object' && value !== null && 'status' in value;
}

export function listUsers(call: GraphCall): GraphResponse {
  const denied = requireRole(call, USER_READ_ROLES, USER_READ_SCOPES);
  if (denied) return denied;
  if (call.query.has('$expand')) return graphError(call, 400, 'Request_UnsupportedQuery', 'Unsupported Query.');

  let filter: FilterNode | null = null;
  const advancedReasons: string[] = [];
  const rawFilter = call.query.get('$filter');
  if (rawFilter !== null) {
    try {
      filter = parseFilter(rawFilter);
      for (const op of analyzeFilter(filter).advancedOperators) advancedReasons.push(`Operator '${op}' is not supported ${ADVANCED_QUERY_HINT}`);
    } catch (error) {
      if (error instanceof FilterSyntaxError) return graphError(call, 400, 'BadRequest', `Invalid filter clause: ${error.message}`);
      if (error instanceof FilterUnsupportedError) return graphError(call, 400, 'Request_UnsupportedQuery', error.message);
      throw error;
    }
  }
  const rawSearch = call.query.get('$search');
  if (rawSearch !== null) {
    advancedReasons.push("Request with $search query parameter only works through MSGraph with a special request header: 'ConsistencyLevel: eventual'");
  }
  if (call.query.has('$count')) advancedReasons.push('Unsupported Query.');
  if (call.query.has('$orderby') && rawFilter !== null) advancedReasons.push('Unsupported Query.');
  if (advancedReasons.length > 0 && !isAdvancedRequest(call)) {
    return graphError(call, 400, 'Request_UnsupportedQuery', advancedReasons[0]!);
  }

  const askedPageSize = parsePageSize(call);
  if (isResponse(askedPageSize)) return askedPageSize;
  const selection = parseSelect(call);
  if ('error' in selection) return selection.error;
  const pageSize = selection.properties.includes('signInActivity') ? Math.min(askedPageSize, SIGN_IN_ACTIVITY_PAGE_LIMIT) : askedPageSize;
  const order = parseOrderBy(call);
  if (isResponse(order)) return order;
  const search = rawSearch === null ? null : parseSearch(call, rawSearch.trim());
  if (isResponse(search)) return search;

  let offset = 0;
  const skipToken = call.query.get('$skiptoken');
  if (skipToken !== null) {
    const decoded = decodeSkipToken(skipToken);
    if (decoded === null) return graphError(call, 400, 'Request_BadRequest', 'The specified page token value has expired or is invalid.');
    offset = decoded;
  }

  let matches = call.caller.tenant.users.filter(
    (user) => (filter ? matchesFilter(user, filter) && !isReplicating(call.state, user) : true) && (search ? search(user) : true),
  );
  if (order) matches = [...matches].sort(order);
  const page = matches.slice(offset, offset + pageSize);

  const body: Record<string, unknown> = {
    '@odata.context': odataContext(call, selectContext(selection.properties, call.query.has('$select'))),
  };
  if (call.query.get('$count')?.toLowerCase() === 'true') body['@odata.count'] = matches.length;
  if (offset + pageSize < matches.length) body['@odata.nextLink'] = nextLink(call, offset + pageSize);
  body.value = page.map((user) => projectUser(user, selection.properties));
  return { status: 200, body };
}

export function findUser(call: GraphCall, idOrUpn: string): DirectoryUser | undefined {
  const wanted = idOrUpn.toLowerCase();
  return call.caller.tenant.users.find((user) => user.id.toLowerCase() === wanted || user.userPrincipalName.toLowerCase() === wanted);
}

export function getUser(call: GraphCall, idOrUpn: string): GraphResponse {
  const denied = requireRole(call, USER_READ_ROLES, USER_READ_SCOPES);
  if (denied) return denied;
  const selection = parseSelect(call);
  if ('error' in selection) return selection.error;
  const user = findUser(call, idOrUpn);
  if (user && isReplicating(call.state, user)) {
    // real-behaviour §5: right after POST /invitations a read can miss the new object (code from §5; the message
    // is Graph's ordinary not-found wording, the captured one is not in the references).
    return graphError(call, 404, 'Directory_ObjectNotFound', `Resource '${idOrUpn}' does not exist or one of its queried reference-property objects are not present.`);
  }
  if (!user) {
    return graphError(
      call,
      404,
      'Request_ResourceNotFound',
      `Resource '${idOrUpn}' does not exist or one of its queried reference-property objects are not present.`,
    );
  }
  const body = {
    '@odata.context': odataContext(call, `${selectContext(selection.properties, call.query.has('$select'))}/$entity`),
    ...projectUser(user, selection.properties),
  };
  return { status: 200, body };
}
