// test/emulator/demo-tenant.ts
var DEMO_TENANT = {
  id: "7f3c2281-b2b0-4e5a-9c1d-3e8f5a6b2281",
  domain: "ezaz2281.onmicrosoft.com",
  displayName: "Ezaz Labs (demo)"
};
var PARTNER_TENANT = {
  id: "0c5e1f4a-6d2b-4a8e-8f3c-b2b0fab20001",
  domain: "fabrikampartners.onmicrosoft.com",
  displayName: "Fabrikam Partners (demo)"
};
var DEMO_PORTAL_APP = {
  clientId: "5a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d",
  clientSecret: "demo-only-secret-not-a-real-credential",
  graphApplicationPermissions: ["User.Invite.All", "User.Read.All"]
};
var DEMO_WEB_APP = {
  clientId: "c0ffee00-b2b0-4c0d-9e57-000000000001",
  redirectUri: "https://myapps.microsoft.com/signin-oidc"
};
var DEMO_PEOPLE = {
  pendingOutlookGuest: "conceptsuser@outlook.com",
  // Concepts User, PendingAcceptance
  acceptedGmailGuest: "jane.doe@gmail.com",
  // Accepted, identity google.com
  noUsageLocationGuest: "sam.vendor@contoso-vendor.com",
  // Accepted, usageLocation null
  longPendingGuest: "old.invite@yahoo.com",
  // PendingAcceptance for 45 days
  dormantGuest: "dormant.partner@gmail.com",
  // Accepted, last sign-in 200 days ago
  guestInviterMember: "kibria@ezaz2281.onmicrosoft.com",
  // Member with the Guest Inviter role
  /** Guest of the partner tenant only (not of the demo tenant). */
  partnerOnlyGuest: "lee.partner@gmail.com"
};

export {
  DEMO_TENANT,
  PARTNER_TENANT,
  DEMO_PORTAL_APP,
  DEMO_WEB_APP,
  DEMO_PEOPLE
};
//# sourceMappingURL=chunk-NE5AUWOP.mjs.map
