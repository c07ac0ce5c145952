// Fixed identifiers of the emulator's demo data (documented in README). Seeded from the guide's example tenant.

export const DEMO_TENANT = {
  id: '7f3c2281-b2b0-4e5a-9c1d-3e8f5a6b2281',
  domain: 'ezaz2281.onmicrosoft.com',
  displayName: 'Ezaz Labs (demo)',
} as const;

/** A second tenant, so multi-tenant behaviour (chooser, wrong first tenant) can be shown and tested. */
export const PARTNER_TENANT = {
  id: '0c5e1f4a-6d2b-4a8e-8f3c-b2b0fab20001',
  domain: 'fabrikampartners.onmicrosoft.com',
  displayName: 'Fabrikam Partners (demo)',
} as const;

/** The admin console's API: delegated scope and app roles every portal app registration defines (issue 9). */
export const PORTAL_API = {
  scope: 'Guestpass.Manage',
  roles: { admin: 'Guestpass.Admin', approver: 'Guestpass.Approver' },
} as const;

/** Graph delegated permissions the portal app is consented for: console reads (browser) and On-Behalf-Of writes. */
export const PORTAL_DELEGATED_PERMISSIONS = [
  'User.Read', 'User.Read.All', 'User.Invite.All', 'AuditLog.Read.All', 'Application.Read.All',
  // The lifecycle actions (issue 12), On-Behalf-Of the admin: remove / restore / re-invite, convert, verified domains.
  'User.ReadWrite.All', 'User-ConvertToInternal.ReadWrite.All', 'Organization.Read.All',
] as const;

/**
 * The portal's app registration in the demo tenant: confidential client for app-only Graph, the API the admin console
 * calls (`api://<clientId>/Guestpass.Manage`, v2 tokens), the console's SPA redirect URI and the two app roles.
 */
export const DEMO_PORTAL_APP = {
  clientId: '5a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d',
  clientSecret: 'demo-only-secret-not-a-real-credential',
  graphApplicationPermissions: ['User.Invite.All', 'User.Read.All'],
} as const;

/** The portal's app registration in the partner tenant (its own app and secret: one registration per tenant). */
export const PARTNER_PORTAL_APP = {
  clientId: '5a1b2c3d-4e5f-4a6b-8c7d-fab200000001',
  clientSecret: 'demo-only-partner-secret-not-a-real-credential',
  graphApplicationPermissions: ['User.Invite.All', 'User.Read.All'],
} as const;

/**
 * Console sign-ins (members with a password: the emulator's sign-in page asks for it instead of a passcode).
 * Demo credentials of an emulated directory, printed by `npm start`; they open nothing real.
 */
export const DEMO_CONSOLE_USERS = {
  /** Guestpass.Admin in the demo tenant. */
  admin: { id: '11111111-2281-4a00-8000-0000000000a1', username: 'admin@ezaz2281.onmicrosoft.com', displayName: 'Demo Admin', password: 'demo-admin-2281' },
  /** Guestpass.Approver in the demo tenant. */
  approver: { id: '11111111-2281-4a00-8000-0000000000a2', username: 'approver@ezaz2281.onmicrosoft.com', displayName: 'Demo Approver', password: 'demo-approver-2281' },
  /** A member of the demo tenant without any guestpass role. */
  member: { id: '11111111-2281-4a00-8000-0000000000a3', username: 'member@ezaz2281.onmicrosoft.com', displayName: 'Demo Member', password: 'demo-member-2281' },
  /** Guestpass.Admin in the partner tenant (and its Global Administrator). */
  partnerAdmin: { id: '22222222-0001-4a00-8000-000000000002', username: 'admin@fabrikampartners.onmicrosoft.com', displayName: 'Partner Admin', password: 'demo-partner-admin' },
  /** Guestpass.Admin in the free-tier tenant (and its Global Administrator): its B2B health page in the console. */
  freeAdmin: { id: '33333333-0003-4a00-8000-000000000002', username: 'admin@northwindfree.onmicrosoft.com', displayName: 'Free Admin', password: 'demo-free-admin' },
} as const;

/** A browser app registered in both tenants, used for sign-in flows (authorization code + PKCE). */
export const DEMO_WEB_APP = {
  clientId: 'c0ffee00-b2b0-4c0d-9e57-000000000001',
  redirectUri: 'https://myapps.microsoft.com/signin-oidc',
} as const;

/** Seeded people (addresses are fixed so tests and the README can name them). */
export const DEMO_PEOPLE = {
  pendingOutlookGuest: 'conceptsuser@outlook.com', // Concepts User, PendingAcceptance
  acceptedGmailGuest: 'jane.doe@gmail.com', // Accepted, identity google.com
  noUsageLocationGuest: 'sam.vendor@contoso-vendor.com', // Accepted, usageLocation null
  longPendingGuest: 'old.invite@yahoo.com', // PendingAcceptance for 45 days
  dormantGuest: 'dormant.partner@gmail.com', // Accepted, last sign-in 200 days ago
  guestInviterMember: 'kibria@ezaz2281.onmicrosoft.com', // Member with the Guest Inviter role
  /** Guest of the partner tenant only (not of the demo tenant). */
  partnerOnlyGuest: 'lee.partner@gmail.com',
} as const;
