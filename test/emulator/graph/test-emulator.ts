// Starts the whole emulator (startEmulator: HTTPS, CA, login + Graph) for the Graph contract tests and adds what
// those tests need: extra app registrations with chosen Graph permissions, and ready-made clients.
import { randomBytes, randomUUID } from 'node:crypto';
import type { Client } from '@microsoft/microsoft-graph-client';
import { DEMO_PORTAL_APP, DEMO_TENANT } from '../demo-tenant.ts';
import type { DirectoryUser, EmulatedTenant, EmulatorState } from '../directory.ts';
import type { FaultController } from '../faults.ts';
import { startEmulator } from '../index.ts';
import { createAppTokenProvider, createGraphClient, type AppCredentials, type GraphClientOptions } from './test-clients.ts';

export interface GraphTestEmulator {
  graphBaseUrl: string;
  loginBaseUrl: string;
  state: EmulatorState;
  faults: FaultController;
  demoTenant: EmulatedTenant;
  /** DEMO_PORTAL_APP: User.Invite.All + User.Read.All. */
  portalApp: AppCredentials;
  /** Registers a confidential app in a tenant with exactly these Graph application permissions. */
  addApp(permissions: string[], tenantId?: string): AppCredentials;
  client(app: AppCredentials, options?: GraphClientOptions): Client;
  /** Moves the emulator's clock forward (replication lag, expiry) without waiting. */
  advanceClock(ms: number): void;
  close(): Promise<void>;
}

export async function startGraphTestEmulator(): Promise<GraphTestEmulator> {
  let offset = 0;
  const emulator = await startEmulator({ now: () => new Date(Date.now() + offset) });
  const demoTenant = emulator.state.findTenant(DEMO_TENANT.id);
  if (!demoTenant) throw new Error('the emulator did not seed the demo tenant');
  return {
    graphBaseUrl: emulator.graphBaseUrl,
    loginBaseUrl: emulator.loginBaseUrl,
    state: emulator.state,
    faults: emulator.faults,
    demoTenant,
    portalApp: { tenantId: DEMO_TENANT.id, clientId: DEMO_PORTAL_APP.clientId, clientSecret: DEMO_PORTAL_APP.clientSecret },
    addApp(permissions, tenantId = DEMO_TENANT.id) {
      const tenant = emulator.state.findTenant(tenantId);
      if (!tenant) throw new Error(`no tenant ${tenantId}`);
      const app = { tenantId: tenant.id, clientId: randomUUID(), clientSecret: randomBytes(18).toString('base64url') };
      tenant.apps.push({
        displayName: `test app (${permissions.join(', ') || 'no permissions'})`,
        clientId: app.clientId,
        clientSecret: app.clientSecret,
        graphApplicationPermissions: [...permissions],
        redirectUris: [],
      });
      return app;
    },
    client(app, options) {
      return createGraphClient(emulator.graphBaseUrl, createAppTokenProvider(emulator.loginBaseUrl, app), options);
    },
    advanceClock(ms) {
      offset += ms;
    },
    close: () => emulator.stop(),
  };
}

let counter = 0;
/** A fresh, valid address per call, so tests never depend on each other's directory changes. */
export function uniqueAddress(domain = 'example.com'): string {
  counter++;
  return `guest.${Date.now().toString(36)}.${counter}.${randomBytes(3).toString('hex')}@${domain}`;
}

/** Adds a guest straight into the directory (what an earlier invitation would have left behind). */
export function addGuest(tenant: EmulatedTenant, address: string, overrides: Partial<DirectoryUser> = {}): DirectoryUser {
  const upn = `${address.toLowerCase().replace('@', '_')}#EXT#@${tenant.domains[0]}`;
  const user: DirectoryUser = {
    id: randomUUID(),
    displayName: address.split('@')[0]!,
    mail: address,
    otherMails: [],
    proxyAddresses: [`SMTP:${address}`],
    userPrincipalName: upn,
    userType: 'Guest',
    externalUserState: 'PendingAcceptance',
    externalUserStateChangeDateTime: new Date().toISOString(),
    creationType: 'Invitation',
    usageLocation: null,
    identities: [{ signInType: 'userPrincipalName', issuer: tenant.domains[0]!, issuerAssignedId: upn }],
    createdDateTime: new Date().toISOString(),
    signInActivity: null,
    directoryRoles: [],
    homeIdp: 'otp',
    ...overrides,
  };
  tenant.users.push(user);
  return user;
}
