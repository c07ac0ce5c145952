// Run-time changes to app registrations, as an admin makes them in the Entra admin center: add or remove a client
// secret (rotation, expiry) and grant or revoke admin consent. For tests (the Emulator object) and for people (the
// control API: /_emulator/tenants/<tenant>/apps/<clientId>/…). Changes last until reset().
import { randomBytes, randomUUID } from 'node:crypto';
import express from 'express';
import { z } from 'zod';
import type { AppRegistration, PasswordCredential } from './directory.ts';
import type { FullEmulatorState } from './state.ts';

export interface AppAdministration {
  /** Adds a client secret; `endDateTime` defaults to two years from now. Returns the new secret's value once. */
  addSecret(tenant: string, clientId: string, options?: { endDateTime?: string; displayName?: string }): { keyId: string; secretText: string; endDateTime: string };
  /** Removes a secret by key id (`primary` = the seeded one). */
  removeSecret(tenant: string, clientId: string, keyId: string): void;
  /** Sets when the seeded (`primary`) secret expires. */
  expirePrimarySecret(tenant: string, clientId: string, endDateTime: string): void;
  /** Replaces the admin-consented Graph permissions (application and/or delegated); [] revokes consent. */
  setConsent(tenant: string, clientId: string, consent: { application?: string[]; delegated?: string[] }): void;
  router: express.Router;
}

export class UnknownApp extends Error {}

const secretBody = z.strictObject({ endDateTime: z.iso.datetime().optional(), displayName: z.string().max(100).optional() });
const consentBody = z.strictObject({ application: z.array(z.string().max(100)).max(50).optional(), delegated: z.array(z.string().max(100)).max(50).optional() });
const expiryBody = z.strictObject({ endDateTime: z.iso.datetime() });

export function createAppAdministration(state: FullEmulatorState): AppAdministration {
  function find(tenantId: string, clientId: string): AppRegistration {
    const tenant = state.findTenant(tenantId);
    const app = tenant?.apps.find((a) => a.clientId.toLowerCase() === clientId.toLowerCase());
    if (!app) throw new UnknownApp(`no app ${clientId} in tenant ${tenantId}`);
    return app;
  }

  const admin: Omit<AppAdministration, 'router'> = {
    addSecret(tenant, clientId, options = {}) {
      const app = find(tenant, clientId);
      const now = state.now();
      const credential: PasswordCredential = {
        keyId: randomUUID(),
        displayName: options.displayName ?? 'rotated',
        secretText: `emu~${randomBytes(24).toString('base64url')}`,
        startDateTime: now.toISOString(),
        endDateTime: options.endDateTime ?? new Date(now.getTime() + 730 * 86_400_000).toISOString(),
      };
      (app.passwordCredentials ??= []).push(credential);
      return { keyId: credential.keyId, secretText: credential.secretText, endDateTime: credential.endDateTime };
    },
    removeSecret(tenant, clientId, keyId) {
      const app = find(tenant, clientId);
      if (keyId === 'primary') {
        delete app.clientSecret;
        delete app.clientSecretEndDateTime;
        return;
      }
      app.passwordCredentials = (app.passwordCredentials ?? []).filter((c) => c.keyId !== keyId);
    },
    expirePrimarySecret(tenant, clientId, endDateTime) {
      find(tenant, clientId).clientSecretEndDateTime = endDateTime;
    },
    setConsent(tenant, clientId, consent) {
      const app = find(tenant, clientId);
      if (consent.application) app.graphApplicationPermissions = [...consent.application];
      if (consent.delegated) app.graphDelegatedPermissions = [...consent.delegated];
    },
  };

  const router = express.Router();
  const run = (res: express.Response, action: () => unknown) => {
    try {
      const result = action();
      if (result === undefined) res.status(204).end();
      else res.json(result);
    } catch (error) {
      if (!(error instanceof UnknownApp)) throw error;
      res.status(404).json({ error: 'not_found', error_description: error.message });
    }
  };
  const invalid = (res: express.Response, error: z.ZodError) =>
    res.status(400).json({ error: 'invalid_request', issues: error.issues.map((i) => `${i.path.join('.') || '(body)'}: ${i.message}`) });

  router.post('/:tenant/apps/:clientId/secrets', (req, res) => {
    const body = secretBody.safeParse(req.body ?? {});
    if (!body.success) return void invalid(res, body.error);
    run(res, () => admin.addSecret(req.params.tenant, req.params.clientId, body.data));
  });
  router.delete('/:tenant/apps/:clientId/secrets/:keyId', (req, res) => {
    run(res, () => admin.removeSecret(req.params.tenant, req.params.clientId, req.params.keyId));
  });
  router.put('/:tenant/apps/:clientId/secrets/primary/expiry', (req, res) => {
    const body = expiryBody.safeParse(req.body ?? {});
    if (!body.success) return void invalid(res, body.error);
    run(res, () => admin.expirePrimarySecret(req.params.tenant, req.params.clientId, body.data.endDateTime));
  });
  router.put('/:tenant/apps/:clientId/consent', (req, res) => {
    const body = consentBody.safeParse(req.body ?? {});
    if (!body.success) return void invalid(res, body.error);
    run(res, () => admin.setConsent(req.params.tenant, req.params.clientId, body.data));
  });
  return { ...admin, router };
}
