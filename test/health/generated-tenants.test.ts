// A generated tenant with a random subset of the B2B problems yields exactly those findings (fast-check), read
// over HTTPS from the emulator with the portal's own Graph client.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkTenantHealth } from '../../portal/health/index.ts';
import type { CheckId, Severity } from '../../portal/health/types.ts';
import { DEMO_PORTAL_APP } from '../emulator/demo-tenant.ts';
import { HEALTH_PROBLEMS, tenantWithProblems, type HealthProblem } from '../emulator/health-tenants.ts';
import { startEmulator, type Emulator } from '../emulator/index.ts';

let emulator: Emulator;
beforeAll(async () => {
  emulator = await startEmulator();
});
afterAll(() => emulator.stop());

function expected(problems: ReadonlySet<HealthProblem>): Record<CheckId, Severity> {
  const has = (p: HealthProblem) => problems.has(p);
  return {
    'who-may-invite': has('guests-invite-guests') ? 'warning' : 'ok',
    'guest-access-level': 'info',
    'email-one-time-passcode': has('email-otp-disabled') ? 'warning' : 'ok',
    'guest-mfa': has('no-p1') ? 'critical' : has('mfa-report-only') ? 'warning' : 'ok',
    'usage-location': has('licensed-without-location') ? 'warning' : 'ok',
    'pending-invitations': has('old-pending-invitation') ? 'warning' : 'ok',
    'stale-guests': has('no-p1') ? 'info' : has('stale-guest') || has('never-signed-in-guest') ? 'warning' : 'ok',
    'guest-directory-roles': has('guest-with-privileged-role') ? 'critical' : has('guest-with-role') ? 'warning' : 'ok',
  };
}

describe('generated tenants', () => {
  it('a tenant with a random subset of the problems gets exactly the findings for those problems', async () => {
    await fc.assert(
      fc.asyncProperty(fc.subarray([...HEALTH_PROBLEMS]), async (list) => {
        const problems = new Set(list);
        const tenant = tenantWithProblems(problems, emulator.state.now());
        emulator.state.tenants.push(tenant);
        const report = await checkTenantHealth(
          { key: tenant.domains[0]!, tenantId: tenant.id, displayName: tenant.displayName, links: [], credentials: { clientId: DEMO_PORTAL_APP.clientId, clientSecret: DEMO_PORTAL_APP.clientSecret } },
          { loginBaseUrl: emulator.loginBaseUrl, graphBaseUrl: emulator.graphBaseUrl },
          { reader: { sleep: async () => {} } },
        );
        expect(Object.fromEntries(report.findings.map((f) => [f.id, f.severity]))).toEqual(expected(problems));
        const access = report.findings.find((f) => f.id === 'guest-access-level')!;
        expect(access.title.includes('same access as members')).toBe(problems.has('guest-access-same-as-members'));
        expect(report.complete).toBe(true);
      }),
      { numRuns: 16 },
    );
  }, 120_000);
});
