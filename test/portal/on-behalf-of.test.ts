// The portal's On-Behalf-Of Graph factory against the emulator (real msal-node OBO grant, real graph-client): what
// the admin may do is decided by Entra for that admin, not by the portal's own application permissions.
import { decodeJwt } from 'jose';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createOnBehalfOfGraph } from '../../portal/graph/on-behalf-of.ts';
import { findTenant } from '../../portal/config/index.ts';
import { DEMO_CONSOLE_USERS, DEMO_PORTAL_APP, DEMO_TENANT } from '../emulator/demo-tenant.ts';
import { startEmulator, type Emulator } from '../emulator/index.ts';
import { DEMO_USER_IDS } from '../emulator/seed.ts';
import { portalConfig } from '../resend/support.ts';
import { consoleAccessToken } from '../support/console-token.ts';

const PORTAL = 'http://127.0.0.1:4000';
let emulator: Emulator;
beforeAll(async () => {
  emulator = await startEmulator({ portalUrl: PORTAL });
});
afterAll(async () => {
  await emulator?.stop();
});
beforeEach(() => emulator.reset());

function demoTenant() {
  const config = portalConfig(emulator);
  return { graph: config.graph, tenant: findTenant(config.tenants, DEMO_TENANT.domain)! };
}

describe('Graph On-Behalf-Of the signed-in admin', () => {
  it('the delegated token names the admin (oid, upn), and an invitation sent with it reaches the guest', async () => {
    const { graph, tenant } = demoTenant();
    const assertion = await consoleAccessToken(emulator, PORTAL, DEMO_CONSOLE_USERS.admin);
    const obo = createOnBehalfOfGraph(graph);
    const claims = decodeJwt(await obo.token(tenant, assertion));
    expect(claims).toMatchObject({ oid: DEMO_USER_IDS.consoleAdmin, upn: DEMO_CONSOLE_USERS.admin.username, appid: DEMO_PORTAL_APP.clientId });
    await obo.client(tenant, assertion).api('/invitations').post({ invitedUserEmailAddress: 'obo.guest@example.org', inviteRedirectUrl: `${PORTAL}/t/${DEMO_TENANT.domain}`, sendInvitationMessage: true });
    expect(emulator.outbox().map((m) => m.to)).toEqual(['obo.guest@example.org']);
  });

  it('when only admins and Guest Inviters may invite, a member\'s invitation is refused by Graph (403), though the portal app may invite', async () => {
    const { graph, tenant } = demoTenant();
    emulator.state.findTenant(DEMO_TENANT.id)!.authorizationPolicy.allowInvitesFrom = 'adminsAndGuestInviters';
    const assertion = await consoleAccessToken(emulator, PORTAL, DEMO_CONSOLE_USERS.member);
    const call = createOnBehalfOfGraph(graph).client(tenant, assertion).api('/invitations').post({ invitedUserEmailAddress: 'x@example.org', inviteRedirectUrl: PORTAL, sendInvitationMessage: true });
    await expect(call).rejects.toMatchObject({ statusCode: 403 });
    expect(emulator.outbox()).toEqual([]);
  });

  it('an assertion that is not a token for the portal\'s API is refused by the token endpoint (no Graph call made)', async () => {
    const { graph, tenant } = demoTenant();
    await expect(createOnBehalfOfGraph(graph).token(tenant, 'not-a-token')).rejects.toThrow(/AADSTS/);
  });
});
