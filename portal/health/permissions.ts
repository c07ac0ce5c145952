// The Microsoft Graph APPLICATION permissions the health check reads with (the portal's own app-only credentials),
// each with what it lets the portal do. portal/README.md lists the same table.
export const HEALTH_PERMISSIONS = {
  users: { permission: 'User.Read.All', allows: 'read every user’s profile: guests, their state, usage location, licences' },
  signInActivity: { permission: 'AuditLog.Read.All', allows: 'read users’ sign-in activity (last sign-in) and the audit logs' },
  policies: { permission: 'Policy.Read.All', allows: 'read the tenant’s policies: who may invite, guest access level, Conditional Access' },
  emailOtp: { permission: 'Policy.Read.AuthenticationMethod', allows: 'read the authentication methods policy (email one-time passcode for guests)' },
  licences: { permission: 'LicenseAssignment.Read.All', allows: 'read the tenant’s subscriptions (is Entra ID P1 there?)' },
  roles: { permission: 'RoleManagement.Read.Directory', allows: 'read who holds which directory role' },
} as const;

export type HealthRead = keyof typeof HEALTH_PERMISSIONS;
