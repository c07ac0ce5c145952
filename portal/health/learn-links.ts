// The only links a finding may carry: Microsoft Learn articles for each fix (documented pages, never admin-center
// blade URLs, which change without notice).
export const LEARN_LINKS = {
  externalCollaborationSettings: 'https://learn.microsoft.com/entra/external-id/external-collaboration-settings-configure',
  emailOneTimePasscode: 'https://learn.microsoft.com/entra/external-id/one-time-passcode',
  guestMfa: 'https://learn.microsoft.com/entra/external-id/b2b-tutorial-require-mfa',
  usageLocation: 'https://learn.microsoft.com/entra/fundamentals/license-users-groups',
  resendInvitation: 'https://learn.microsoft.com/entra/external-id/add-users-administrator',
  inactiveAccounts: 'https://learn.microsoft.com/entra/identity/monitoring-health/howto-manage-inactive-user-accounts',
  roleBestPractices: 'https://learn.microsoft.com/entra/identity/role-based-access-control/best-practices',
  graphPermissions: 'https://learn.microsoft.com/graph/permissions-reference',
  grantAdminConsent: 'https://learn.microsoft.com/entra/identity/enterprise-apps/grant-admin-consent',
} as const;

export type LearnLink = (typeof LEARN_LINKS)[keyof typeof LEARN_LINKS];
