// The health check against the emulator's three demo tenants (real msal-node + graph-client over HTTPS): each
// shows exactly its planted findings; missing permissions and a missing P1 are findings, not failures.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TenantConfig } from '../../portal/config/index.ts';
import { checkTenantHealth, exitCodeOf, type HealthReport } from '../../portal/health/index.ts';
import { DEMO_PORTAL_APP, DEMO_TENANT, PARTNER_TENANT } from '../emulator/demo-tenant.ts';
import { FREE_TENANT } from '../emulator/free-tenant.ts';
import { startEmulator, type Emulator } from '../emulator/index.ts';
import { PLANTED_FINDINGS } from '../emulator/seed-health.ts';

let emulator: Emulator;
beforeAll(async () => {
  emulator = await startEmulator();
});
afterAll(() => emulator.stop());

function tenantConfig(t: { id: string; domain: string; displayName: string }, clientId: string = DEMO_PORTAL_APP.clientId, clientSecret: string = DEMO_PORTAL_APP.clientSecret): TenantConfig {
  return { key: t.domain, tenantId: t.id, domain: t.domain, displayName: t.displayName, links: [], credentials: { clientId, clientSecret } };
}

async function check(t: { id: string; domain: string; displayName: string }, clientId?: string, clientSecret?: string): Promise<HealthReport> {
  const endpoints = { loginBaseUrl: emulator.loginBaseUrl, graphBaseUrl: emulator.graphBaseUrl };
  return checkTenantHealth(tenantConfig(t, clientId, clientSecret), endpoints, { reader: { sleep: async () => {} } });
}

const severities = (report: HealthReport) => Object.fromEntries(report.findings.map((f) => [f.id, f.severity]));

/** Registers an app with exactly these permissions in a tenant. */
function appWith(tenantId: string, permissions: string[]): { clientId: string; clientSecret: string } {
  const app = { clientId: crypto.randomUUID(), clientSecret: `secret-${crypto.randomUUID()}` };
  emulator.state.findTenant(tenantId)!.apps.push({ displayName: 'health test app', ...app, graphApplicationPermissions: permissions, redirectUris: [] });
  return app;
}

describe('the health check on the demo tenants', () => {
  it('the demo tenant shows its planted problems: guests inviting guests, report-only MFA, usage location, old invitation, stale guests, a guest with a role', async () => {
    const report = await check(DEMO_TENANT);
    expect(severities(report)).toEqual(PLANTED_FINDINGS.demo);
    const byId = Object.fromEntries(report.findings.map((f) => [f.id, f]));
    expect(byId['who-may-invite']!.title).toBe('Guests can invite other guests');
    expect(byId['who-may-invite']!.evidence.counts.guestInviterRoleHolders).toBe(1);
    expect(byId['guest-mfa']!.title).toContain('report-only');
    expect(byId['usage-location']!.evidence.counts).toEqual({ guestsWithoutUsageLocation: 2, licensedOrWaiting: 1 });
    expect(byId['usage-location']!.evidence.examples[0]).toContain('lic.nolocation@fabrikam-consult.com');
    expect(byId['pending-invitations']!.evidence.counts).toEqual({ pending: 2, olderThanThreshold: 1 });
    expect(byId['pending-invitations']!.evidence.examples).toEqual([expect.stringMatching(/^Old Invite <old\.invite@yahoo\.com> — pending 45 days$/)]);
    expect(byId['stale-guests']!.evidence.counts).toEqual({ staleGuests: 1, neverSignedIn: 1 });
    expect(byId['guest-directory-roles']!.evidence.examples).toEqual(['Role Guest <role.guest@contoso-audit.com> — Reports Reader']);
    for (const f of report.findings) expect(f.learnMore).toMatch(/^https:\/\/learn\.microsoft\.com\//);
    expect(report.guests).toMatchObject({ pending: 2, stale: 1, neverSignedIn: 1, pendingByAge: { under7Days: 1, from30To90Days: 1 } });
    expect(report.complete).toBe(true);
    expect(exitCodeOf(report)).toBe(1);
    expect(report.graphRequests).toBe(6);
  });

  it('the partner tenant is clean: nothing above info', async () => {
    const report = await check(PARTNER_TENANT);
    expect(severities(report)).toEqual(PLANTED_FINDINGS.partner);
    expect(report.findings.filter((f) => f.severity === 'warning' || f.severity === 'critical')).toEqual([]);
    expect(severities(report)['guest-mfa']).toBe('ok');
    expect(report.findings.find((f) => f.id === 'guest-access-level')!.title).toContain('restricted');
    expect(exitCodeOf(report)).toBe(0);
  });

  it('the free-tier tenant: the guest-MFA policy is not enforced without P1 (critical), email OTP off, sign-in activity unavailable (a finding, not a failure)', async () => {
    const report = await check(FREE_TENANT);
    expect(severities(report)).toEqual(PLANTED_FINDINGS.free);
    expect(report.findings.find((f) => f.id === 'stale-guests')!.title).toContain('no Microsoft Entra ID P1');
    expect(report.guests?.stale).toBeNull();
    expect(report.complete).toBe(true);
    expect(exitCodeOf(report)).toBe(2);
  });

  it('without AuditLog.Read.All the stale-guest check names the permission; the rest still runs', async () => {
    const app = appWith(DEMO_TENANT.id, ['User.Read.All', 'Policy.Read.All', 'Policy.Read.AuthenticationMethod', 'LicenseAssignment.Read.All', 'RoleManagement.Read.Directory']);
    const report = await check(DEMO_TENANT, app.clientId, app.clientSecret);
    const stale = report.findings.find((f) => f.id === 'stale-guests')!;
    expect(stale).toMatchObject({ severity: 'warning', missingPermission: 'AuditLog.Read.All' });
    expect(stale.fix.join(' ')).toContain('AuditLog.Read.All');
    expect(severities(report)['pending-invitations']).toBe('warning');
    expect(report.complete).toBe(true);
  });

  it('with only User.Read.All the policy checks name the permissions to grant; the guest checks still run', async () => {
    const app = appWith(DEMO_TENANT.id, ['User.Read.All']);
    const report = await check(DEMO_TENANT, app.clientId, app.clientSecret);
    const missing = Object.fromEntries(report.findings.map((f) => [f.id, f.missingPermission]));
    expect(missing).toEqual({
      'who-may-invite': 'Policy.Read.All',
      'guest-access-level': 'Policy.Read.All',
      'email-one-time-passcode': 'Policy.Read.AuthenticationMethod',
      'guest-mfa': 'Policy.Read.All',
      'usage-location': undefined,
      'pending-invitations': undefined,
      'stale-guests': 'AuditLog.Read.All',
      'guest-directory-roles': 'RoleManagement.Read.Directory',
    });
    expect(severities(report)['usage-location']).toBe('warning');
    expect(exitCodeOf(report)).toBe(1);
  });

  it('wrong credentials: the check cannot run (HealthCheckFailed), it does not report a clean tenant', async () => {
    await expect(check(DEMO_TENANT, DEMO_PORTAL_APP.clientId, 'wrong-secret')).rejects.toThrow(/nothing could be read/);
  });
});
