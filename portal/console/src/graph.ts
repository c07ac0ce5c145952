// Reads straight from Microsoft Graph with the admin's delegated token (@microsoft/microsoft-graph-client works in the
// browser); Graph's own permission checks apply to the admin. Writes never go this way: they go through the admin API.
import { Client } from '@microsoft/microsoft-graph-client';
import { GRAPH_READ_SCOPES, type Session } from './auth.ts';

export function graphClient(session: Session): Client {
  return Client.init({
    baseUrl: `${(session.tenant.graphBaseUrl ?? 'https://graph.microsoft.com').replace(/\/+$/, '')}/`,
    defaultVersion: 'v1.0',
    authProvider: (done) => {
      session.token(GRAPH_READ_SCOPES).then(
        (token) => done(null, token),
        (error: unknown) => done(error, null),
      );
    },
  });
}

export interface GraphGuest {
  id: string;
  displayName?: string | null;
  mail?: string | null;
  userPrincipalName?: string;
  externalUserState?: string | null;
  externalUserStateChangeDateTime?: string | null;
  createdDateTime?: string | null;
  signInActivity?: { lastSignInDateTime?: string | null } | null;
}

export interface GuestPage {
  guests: GraphGuest[];
  count?: number;
  nextLink?: string;
  /** Last sign-in could not be read (needs AuditLog.Read.All and Entra ID P1/P2): shown, not hidden. */
  signInUnavailable?: string;
}

export type GuestFilter = 'pending' | 'accepted' | 'all';

const SELECT = ['id', 'displayName', 'mail', 'userPrincipalName', 'externalUserState', 'externalUserStateChangeDateTime', 'createdDateTime'];
export const PAGE_SIZE = 50;

/** Characters that would end or escape the quoted $search term. */
function searchTerm(text: string): string {
  return text.replace(/["\\]/g, ' ').trim().slice(0, 100);
}

/**
 * One page of guests: `$filter` by state, `$search` by name or address, `$select` only what is shown, `$top`, and
 * `$count` with `ConsistencyLevel: eventual` (an advanced query: the total, and search at all). The next page is
 * Graph's own `@odata.nextLink`, used as given.
 */
export async function guestPage(client: Client, options: { filter: GuestFilter; search: string; nextLink?: string; withSignIn: boolean }): Promise<GuestPage> {
  const request = options.nextLink ? client.api(options.nextLink) : buildRequest(client, options);
  request.header('ConsistencyLevel', 'eventual');
  try {
    const body = (await request.get()) as { value?: GraphGuest[]; '@odata.count'?: number; '@odata.nextLink'?: string };
    return { guests: body.value ?? [], count: body['@odata.count'], nextLink: body['@odata.nextLink'] };
  } catch (error) {
    const status = (error as { statusCode?: number }).statusCode;
    if (options.withSignIn && (status === 403 || status === 400)) {
      const page = await guestPage(client, { ...options, nextLink: undefined, withSignIn: false });
      return { ...page, signInUnavailable: (error as Error).message };
    }
    throw error;
  }
}

function buildRequest(client: Client, options: { filter: GuestFilter; search: string; withSignIn: boolean }) {
  const filters = ["userType eq 'Guest'"];
  if (options.filter === 'pending') filters.push("externalUserState eq 'PendingAcceptance'");
  if (options.filter === 'accepted') filters.push("externalUserState eq 'Accepted'");
  const request = client
    .api('/users')
    .select(options.withSignIn ? [...SELECT, 'signInActivity'] : SELECT)
    .filter(filters.join(' and '))
    .top(PAGE_SIZE)
    .count(true);
  const term = searchTerm(options.search);
  if (term) request.search(`"displayName:${term}" OR "mail:${term}"`);
  return request;
}
