// The emulator's `$filter` subset (facts §3 "Finding guests by email"): parse, check against Graph's rules,
// evaluate. Contract tests through the real graph-client live in graph-users.test.ts.
import { describe, expect, it } from 'vitest';
import type { DirectoryUser } from './directory.ts';
import { analyzeFilter, FilterSyntaxError, FilterUnsupportedError, matchesFilter, parseFilter } from './graph/odata-filter.ts';

function user(overrides: Partial<DirectoryUser>): DirectoryUser {
  return {
    id: '00000000-0000-4000-8000-000000000001',
    displayName: 'Jane Doe',
    mail: 'jane.doe@gmail.com',
    otherMails: [],
    proxyAddresses: ['SMTP:jane.doe@gmail.com'],
    userPrincipalName: 'jane.doe_gmail.com#EXT#@contoso.onmicrosoft.com',
    userType: 'Guest',
    externalUserState: 'PendingAcceptance',
    externalUserStateChangeDateTime: null,
    creationType: 'Invitation',
    usageLocation: null,
    identities: [],
    createdDateTime: '2026-01-01T00:00:00Z',
    signInActivity: null,
    directoryRoles: [],
    homeIdp: 'google',
    ...overrides,
  };
}

const matches = (filter: string, u: DirectoryUser): boolean => {
  const node = parseFilter(filter);
  analyzeFilter(node);
  return matchesFilter(u, node);
};

describe('§3 $filter: the lookups guestpass sends', () => {
  it('mail eq matches whatever the case of the stored or queried address', () => {
    expect(matches("mail eq 'JANE.DOE@Gmail.com'", user({}))).toBe(true);
    expect(matches("mail eq 'john@gmail.com'", user({}))).toBe(false);
  });

  it('otherMails/any and proxyAddresses/any find an address held as an alias (SMTP: prefix in any case)', () => {
    const aliasHolder = user({ mail: 'primary@contoso.com', otherMails: ['Alias@Example.com'], proxyAddresses: ['SMTP:primary@contoso.com', 'smtp:second@contoso.com'] });
    expect(matches("otherMails/any(x:x eq 'alias@example.com')", aliasHolder)).toBe(true);
    expect(matches("proxyAddresses/any(x:x eq 'SMTP:second@contoso.com')", aliasHolder)).toBe(true);
    expect(matches("proxyAddresses/any(a:a eq 'smtp:PRIMARY@contoso.com')", aliasHolder)).toBe(true);
    expect(matches("proxyAddresses/any(x:x eq 'SMTP:nobody@contoso.com')", aliasHolder)).toBe(false);
  });

  it("Microsoft's suggested existence check (or-chain) and guest-state filters combine with and/or/parentheses", () => {
    const filter =
      "userType eq 'Guest' and externalUserState eq 'PendingAcceptance' and creationType eq 'Invitation' and " +
      "(userPrincipalName eq 'jane.doe@gmail.com' or mail eq 'jane.doe@gmail.com' or proxyAddresses/any(x:x eq 'SMTP:jane.doe@gmail.com') or otherMails/any(x:x eq 'jane.doe@gmail.com'))";
    expect(matches(filter, user({}))).toBe(true);
    expect(matches(filter, user({ externalUserState: 'Accepted' }))).toBe(false);
    expect(matches(filter, user({ userType: 'Member', externalUserState: null }))).toBe(false);
  });

  it('and binds tighter than or, as OData defines', () => {
    // a or (b and c): true because a is true
    expect(matches("mail eq 'jane.doe@gmail.com' or userType eq 'Member' and creationType eq null", user({}))).toBe(true);
    // (a or b) and c: false because c is false
    expect(matches("(mail eq 'jane.doe@gmail.com' or userType eq 'Member') and creationType eq null", user({}))).toBe(false);
  });

  it("an address with an apostrophe is written with a doubled quote (o''brien)", () => {
    expect(matches("mail eq 'o''brien@example.com'", user({ mail: "O'Brien@example.com" }))).toBe(true);
  });

  it('in, startsWith and the advanced operators ne / not / endsWith evaluate and are reported as advanced', () => {
    expect(matches("externalUserState in ('PendingAcceptance', 'Accepted')", user({}))).toBe(true);
    expect(matches("startsWith(mail, 'jane')", user({}))).toBe(true);
    expect(analyzeFilter(parseFilter("startsWith(mail,'jane')")).advancedOperators).toEqual([]);
    expect(analyzeFilter(parseFilter("mail ne 'x' and not(userType eq 'Member')")).advancedOperators.sort()).toEqual(['ne', 'not']);
    expect(analyzeFilter(parseFilter("endsWith(mail,'@gmail.com')")).advancedOperators).toEqual(['endsWith']);
    expect(analyzeFilter(parseFilter("proxyAddresses/any(x:endsWith(x,'@gmail.com'))")).advancedOperators).toEqual(['endsWith']);
  });
});

describe('§3 $filter: what Graph refuses', () => {
  it.each([
    ["mail eq"],
    ["mail eq 'unterminated"],
    ["(mail eq 'a'"],
    ["mail eq 'a' and"],
    ["mail = 'a'"],
    ["otherMails/any(x:y eq 'a')"],
  ])('malformed %s is a syntax error (400 BadRequest)', (filter) => {
    expect(() => parseFilter(filter)).toThrow(FilterSyntaxError);
  });

  it.each([
    ["city eq 'Dhaka'"],
    ["endsWith(displayName,'Doe')"],
    ["identities/any(x:x eq 'a')"],
    ["createdDateTime gt '2026-01-01'"],
    ["contains(mail,'jane')"],
    ["otherMails/all(x:x eq 'a')"],
  ])('%s is outside the supported subset (400 Request_UnsupportedQuery)', (filter) => {
    expect(() => analyzeFilter(parseFilter(filter))).toThrow(FilterUnsupportedError);
  });
});
