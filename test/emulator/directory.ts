// The emulator's data model: tenants, their users (guests and members), app registrations and settings.
// Shapes follow Microsoft Graph v1.0 resources (facts file, section 3) so Graph answers can be projected from them.
// CONTRACT shared by the login side (test/emulator/login/*) and the Graph side (test/emulator/graph/*).

export type ExternalUserState = 'PendingAcceptance' | 'Accepted' | null;

export interface ObjectIdentity {
  signInType: 'userPrincipalName' | 'emailAddress' | 'federated';
  /** 'ExternalAzureAD' | 'MicrosoftAccount' | 'google.com' | 'mail' (email OTP) | the host's domain before redemption */
  issuer: string;
  issuerAssignedId: string | null;
}

export interface DirectoryUser {
  id: string; // GUID
  displayName: string;
  mail: string | null;
  otherMails: string[];
  proxyAddresses: string[]; // 'SMTP:addr' primary, 'smtp:addr' secondary
  userPrincipalName: string; // guests: email_domain#EXT#@tenant.onmicrosoft.com
  userType: 'Guest' | 'Member';
  externalUserState: ExternalUserState;
  externalUserStateChangeDateTime: string | null; // ISO
  creationType: 'Invitation' | null;
  usageLocation: string | null;
  identities: ObjectIdentity[];
  createdDateTime: string; // ISO
  signInActivity: { lastSignInDateTime: string | null; lastNonInteractiveSignInDateTime?: string | null } | null;
  /** Licences assigned directly or through groups (user resource: `assignedLicenses`). */
  assignedLicenses?: { skuId: string; disabledPlans: string[] }[];
  /** Group-based licences, including those that could not be assigned (`state: 'Error'`, e.g. no usage location). */
  licenseAssignmentStates?: { skuId: string; state: 'Active' | 'ActiveWithError' | 'Error'; error: string; assignedByGroup: string | null }[];
  /** Directory role names held, e.g. 'Guest Inviter'. */
  directoryRoles: string[];
  /** Emulator-only: how this person authenticates at home ('google' → email OTP/Google, 'msa', 'otp', 'entra'). */
  homeIdp: 'google' | 'msa' | 'otp' | 'entra';
  /** Emulator-only: a member with a password signs in with it (password page) instead of an emailed passcode. */
  password?: string;
}

/** A client secret (Graph `passwordCredential`): works until endDateTime. `secretText` is only ever shown once. */
export interface PasswordCredential {
  keyId: string;
  displayName: string;
  secretText: string;
  startDateTime: string; // ISO
  endDateTime: string; // ISO
}

/** What an app registration's "Expose an API" and manifest say about the API it protects. */
export interface ExposedApi {
  /** Application ID URIs, e.g. `api://<clientId>`. */
  identifierUris: string[];
  /** Delegated scopes (`oauth2PermissionScopes[].value`), e.g. `Guestpass.Manage`. */
  scopes: string[];
  /** Manifest `api.requestedAccessTokenVersion`: null/1 → v1 access tokens (Entra's default), 2 → v2. */
  requestedAccessTokenVersion: 1 | 2 | null;
}

export interface AppRegistration {
  displayName: string;
  clientId: string; // GUID
  /** Confidential client secret; absent for public (SPA) clients. */
  clientSecret?: string;
  /** PEM public key / certificate for client-assertion (certificate) credentials. */
  certificatePem?: string;
  /** When `clientSecret` stops working (ISO); absent = it does not expire. Expired → AADSTS7000222. */
  clientSecretEndDateTime?: string;
  /** Further client secrets (rotation: add a new one, switch, remove the old one). */
  passwordCredentials?: PasswordCredential[];
  /** When `certificatePem` expires (ISO), as Graph's keyCredentials report it. */
  certificateEndDateTime?: string;
  /** Microsoft Graph application permissions granted with admin consent (appear in the token's `roles`). */
  graphApplicationPermissions: string[];
  /** Microsoft Graph delegated permissions granted with admin consent (an On-Behalf-Of `.default` token's `scp`). */
  graphDelegatedPermissions?: string[];
  /** Web platform redirect URIs (confidential redemption). */
  redirectUris: string[];
  /** SPA platform redirect URIs: browser redemption with PKCE and no client secret. */
  spaRedirectUris?: string[];
  /** The API this app exposes, if any. */
  api?: ExposedApi;
  /** App roles defined on the app (`appRoles[].value`, for users). */
  appRoles?: string[];
  /** App role assignments on its service principal: user object id → role values (they appear in `roles`). */
  appRoleAssignments?: Record<string, string[]>;
}

/** conditionalAccessGuestsOrExternalUsers: `guestOrExternalUserTypes` is ONE comma-separated string in Graph. */
export interface GuestsOrExternalUsers {
  guestOrExternalUserTypes: string;
  externalTenants: { '@odata.type': string; membershipKind: 'all' | 'enumerated' | 'unknownFutureValue'; members?: string[] };
}

/** Every guest or external user type Conditional Access knows (conditionalaccessguestsorexternalusers.md). */
export const ALL_GUEST_OR_EXTERNAL_USER_TYPES =
  'internalGuest,b2bCollaborationGuest,b2bCollaborationMember,b2bDirectConnectUser,otherExternalUser,serviceProvider';

export interface ConditionalAccessPolicy {
  id: string;
  displayName: string;
  state: 'enabled' | 'disabled' | 'enabledForReportingButNotEnforced';
  conditions: {
    users: {
      /** `true` is the emulator's shorthand for every guest/external type (served in Graph's object shape). */
      includeGuestsOrExternalUsers: boolean | GuestsOrExternalUsers | null;
      excludeGuestsOrExternalUsers?: GuestsOrExternalUsers | null;
      /** 'All', 'None', 'GuestsOrExternalUsers' or user ids. */
      includeUsers?: string[];
      excludeUsers?: string[];
    };
    applications: { includeApplications: string[] };
  };
  grantControls: { operator?: 'OR' | 'AND'; builtInControls: string[]; authenticationStrength?: { id: string; displayName: string } | null };
}

/** A group (security or Microsoft 365) and its direct members (user ids). */
export interface DirectoryGroup {
  id: string;
  displayName: string;
  mailEnabled: boolean;
  securityEnabled: boolean;
  memberIds: string[];
}

/** A deleted user, kept for 30 days in `directory/deletedItems` (restorable until then). */
export interface DeletedUser {
  user: DirectoryUser;
  deletedDateTime: string; // ISO
  /** The groups the user was a direct member of (a restore puts them back). */
  groupIds: string[];
}

export interface SubscribedSku {
  skuId: string;
  skuPartNumber: string; // e.g. 'AAD_PREMIUM' (P1)
  /** Graph's subscribedSku.servicePlans[].provisioningStatus: Success (default), Disabled, PendingInput, … */
  servicePlans: { servicePlanName: string; provisioningStatus?: string }[];
  /** Enabled (default), Warning (grace period), Suspended, LockedOut, Deleted — the order a lapsing licence goes. */
  capabilityStatus?: 'Enabled' | 'Warning' | 'Suspended' | 'LockedOut' | 'Deleted';
  consumedUnits: number;
  prepaidUnits: { enabled: number };
}

export interface EmulatedTenant {
  id: string; // tenant GUID
  displayName: string;
  /** Verified domains; the first is the initial `*.onmicrosoft.com` domain. */
  domains: string[];
  users: DirectoryUser[];
  apps: AppRegistration[];
  conditionalAccessPolicies: ConditionalAccessPolicy[];
  subscribedSkus: SubscribedSku[];
  authorizationPolicy: {
    allowInvitesFrom: 'none' | 'adminsAndGuestInviters' | 'adminsGuestInvitersAndAllMembers' | 'everyone';
    /** Guest access level (role template id); absent = limited access, Entra's default. */
    guestUserRoleId?: string;
  };
  /** authenticationMethodsPolicy email configuration `allowExternalIdToUseEmailOtp`; absent = 'default'. */
  emailOtpForExternalUsers?: 'default' | 'enabled' | 'disabled';
  groups?: DirectoryGroup[];
  deletedUsers?: DeletedUser[];
  /** Whether B2B invitations are enabled at all (app-only invitations fail when disabled). */
  invitationsEnabled: boolean;
}

/** An invitation email the emulated Microsoft "sent". */
export interface OutboxEmail {
  id: string;
  tenantId: string;
  to: string;
  invitedUserId: string;
  invitationId: string;
  inviteRedeemUrl: string;
  inviteRedirectUrl: string;
  customizedMessageBody: string | null;
  /** invitedUserMessageInfo.messageLanguage and invitedUserDisplayName as posted (optional: older records lack them). */
  messageLanguage?: string | null;
  invitedUserDisplayName?: string | null;
  /** The signed-in user who invited (delegated token, e.g. On-Behalf-Of an admin); null for the app itself. */
  invitedBy?: string | null;
  sentAt: string; // ISO
}

export interface RequestLogEntry {
  at: string; // ISO
  host: string; // the Host header as received
  method: string;
  path: string; // path + query
  status: number;
  /** For Graph: the application (client id) from the bearer token, when one was presented. */
  appId?: string;
}

/**
 * Switches for behaviour the facts file marks UNCONFIRMED. Defaults are the conservative reading;
 * every switch names its facts-file section. Documented in one place: this interface + test/emulator/README.md.
 */
export interface EmulatorBehaviour {
  /** facts §3 "Resend": POST /invitations for an existing *pending* guest. 'resend' (default): same invitedUser.id, email sent again. 'silent': same user, no email. */
  reinvitePendingGuest: 'resend' | 'silent';
  /** facts §3 "Resend" (customize-invitation-api.md: "won't receive an invitation"): existing accepted guest or member. 'no-email' (default) | 'email'. */
  reinviteRedeemedUser: 'no-email' | 'email';
  /**
   * facts §5.5 "Custom messages are dropped when the inviter … is a service principal": every Graph caller here is
   * an application, so 'dropped' (default) sends the email without customizedMessageBody; 'kept' is the old reading.
   */
  appInvitationMessage: 'dropped' | 'kept';
  /**
   * real-behaviour §5 "Replication lag": a guest created by POST /invitations is missing from `$filter` results
   * (and GET /users/{id} answers 404 Directory_ObjectNotFound) for this long on the emulator's clock. 0 = at once.
   */
  replicationLagMs: number;
  /**
   * The sign-in side. 'captured' (default) follows the real-behaviour reference §1–§4: the page served with an empty
   * hidden body and built by its script, the unknown-address message chosen by the typed domain's DomainType at every
   * endpoint, GetCredentialType's ThrottleStatus 1 on ordinary answers and the account-type view for answers without
   * a verdict, AADSTS50020 naming live.com for a Gmail address. 'facts' is the old reading from the facts file
   * (server-rendered visible form, message by endpoint, ThrottleStatus 0, a "too many requests" text, google.com).
   */
  signInPage: 'captured' | 'facts';
}

/** The whole in-memory world of one emulator instance. */
export interface EmulatorState {
  tenants: EmulatedTenant[];
  outbox: OutboxEmail[];
  requestLog: RequestLogEntry[];
  behaviour: EmulatorBehaviour;
  now(): Date;
  /** By tenant GUID or any verified domain, case-insensitive. */
  findTenant(idOrDomain: string): EmulatedTenant | undefined;
}

/** What the Graph side needs from the rest of the emulator. */
export interface GraphContext {
  state: EmulatorState;
  /** Validates a bearer token issued by the emulator's token endpoint (signature, audience https://graph.microsoft.com, expiry). */
  verifyAccessToken(token: string): Promise<VerifiedGraphToken | null>;
}

/** A verified Graph token: app-only (`roles`) or delegated (`scopes` and the signed-in user's object id). */
export interface VerifiedGraphToken {
  tenantId: string;
  appId: string;
  roles: string[];
  /** Delegated tokens only: the `scp` values. */
  scopes?: string[];
  /** Delegated tokens only: the user (`oid`). */
  userId?: string;
}
