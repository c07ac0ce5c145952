// The demo's tenants: the emulator's two tenants (and, on request, the free-tier third one of the health check), served
// with the demo app registrations, Graph pointed at the local emulator.
import { DEMO_CONSOLE_USERS, DEMO_PEOPLE, DEMO_PORTAL_APP, DEMO_TENANT, DEMO_WEB_APP, PARTNER_PORTAL_APP, PARTNER_TENANT } from '../test/emulator/demo-tenant.ts';
import { FREE_TENANT } from '../test/emulator/free-tenant.ts';
import { MICROSOFT_GRAPH_BASE_URL, MICROSOFT_LOGIN_BASE_URL } from '../portal/config/browser-endpoints.ts';
import { DEFAULT_LINKS, type PortalConfig, type TenantConfig } from '../portal/config/index.ts';
import { DEFAULT_ACCESS_SETTINGS } from '../portal/access-requests/types.ts';

/** `freeTier`: also the free-tier tenant (no P1, email passcode off), registered with the demo portal app. */
export function withDemoTenants(config: PortalConfig, emulatorOrigin: string, options: { freeTier?: boolean } = {}): PortalConfig {
  const apps = { [DEMO_TENANT.id]: DEMO_PORTAL_APP, [PARTNER_TENANT.id]: PARTNER_PORTAL_APP, [FREE_TENANT.id]: DEMO_PORTAL_APP };
  const tenants: TenantConfig[] = [DEMO_TENANT, PARTNER_TENANT, ...(options.freeTier ? [FREE_TENANT] : [])].map((t) => ({
    key: t.domain,
    tenantId: t.id,
    domain: t.domain,
    displayName: t.displayName,
    links: [...DEFAULT_LINKS, 'app'],
    appId: DEMO_WEB_APP.clientId,
    contact: `the demo administrator (${DEMO_PEOPLE.guestInviterMember})`,
    // Each tenant has its own portal app registration (and secret), as a real deployment does.
    credentials: { clientId: apps[t.id]!.clientId, clientSecret: apps[t.id]!.clientSecret },
    // Access requests on, for trying both paths: approval, and addresses at example.org invited at once (5 a day).
    accessRequests: { ...DEFAULT_ACCESS_SETTINGS, policy: { mode: 'pre-approved', preApprovedDomains: ['example.org'], dailyCap: 5, blockedDomains: ['spam.example'] } },
  }));
  return {
    ...config,
    mode: 'demo',
    tenants,
    graph: { loginBaseUrl: emulatorOrigin, graphBaseUrl: emulatorOrigin },
    // The console runs in a browser: it signs in at Microsoft's host names, which `npm run try:console` (or the README's
    // host mapping) points at the emulator; msal-browser accepts only https authorities.
    browser: { loginBaseUrl: MICROSOFT_LOGIN_BASE_URL, graphBaseUrl: MICROSOFT_GRAPH_BASE_URL },
  };
}

/** Addresses worth trying on the demo tenant page, with what happens. */
export const DEMO_ADDRESSES_TO_TRY: readonly { address: string; what: string }[] = [
  { address: DEMO_PEOPLE.pendingOutlookGuest, what: 'pending guest: the invitation is sent again (see /demo/outbox)' },
  { address: DEMO_PEOPLE.acceptedGmailGuest, what: 'accepted Gmail guest: same answer, no email; advice shows the Gmail steps' },
  { address: DEMO_PEOPLE.longPendingGuest, what: 'pending for 45 days: sent again' },
  { address: 'nobody@example.com', what: 'not a guest: the same answer, and nothing is sent' },
  { address: 'jane+test@gmail.com', what: 'rejected: Microsoft Entra does not support + in addresses' },
  { address: 'new.partner@contoso-vendor.com', what: '"Ask for access": waits for an approver in the console (Access requests)' },
  { address: 'new.colleague@example.org', what: '"Ask for access": example.org is pre-approved, invited at once (5 a day)' },
];

/** Who can sign in to the admin console in the demo (emulated directory accounts; the password page asks for these). */
export const DEMO_CONSOLE_SIGN_INS: readonly { username: string; password: string; what: string }[] = [
  { ...DEMO_CONSOLE_USERS.admin, what: 'Guestpass.Admin of the demo tenant: sees and steers everything' },
  { ...DEMO_CONSOLE_USERS.approver, what: 'Guestpass.Approver: access requests only' },
  { ...DEMO_CONSOLE_USERS.member, what: 'member without a guestpass role: refused with an explanation' },
  { ...DEMO_CONSOLE_USERS.partnerAdmin, what: 'Guestpass.Admin of the partner tenant' },
];
