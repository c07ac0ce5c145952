// POST /{authority}/GetCredentialType: the realm lookup the sign-in page makes after "Next" (facts §1d).
// `originalRequest` (the page's `sCtx`) tells which authority the page is for: generic or a tenant.
import { randomUUID } from 'node:crypto';
import express from 'express';
import type { EmulatorState } from '../directory.ts';
import type { ScenarioHolder } from '../scenario.ts';
import { lookUpAccount } from './accounts.ts';
import type { LoginStore } from './store.ts';

export function createCredentialTypeRouter(deps: { state: EmulatorState; store: LoginStore; scenario: ScenarioHolder }): express.Router {
  const router = express.Router();
  router.post('/:tenant/GetCredentialType', express.json({ type: () => true, limit: '16kb' }), (req, res) => {
    const body = (req.body ?? {}) as Record<string, unknown>;
    const username = typeof body.username === 'string' ? body.username.trim() : '';
    if (!username || username.length > 320) {
      res.status(400).json({ error: 'invalid_request', error_description: 'username is required (at most 320 characters).' });
      return;
    }
    const request = deps.store.getRequest(typeof body.originalRequest === 'string' ? body.originalRequest : undefined);
    const tenant = request?.tenantId ? (deps.state.findTenant(request.tenantId) ?? null) : null;
    const throttled = deps.scenario.current().throttleCredentialLookups === true;
    // A throttled answer gives no verdict about the account; which IfExistsResult comes with it is UNCONFIRMED.
    const { result } = throttled ? { result: 1 as const } : lookUpAccount(deps.state, username, tenant);
    const domain = username.split('@')[1]?.toLowerCase() ?? '';
    const managed = deps.state.tenants.some((t) => t.domains.some((d) => d.toLowerCase() === domain));
    res.set('Cache-Control', 'no-store').json({
      Username: username,
      Display: username,
      IfExistsResult: result,
      IsUnmanaged: false,
      ThrottleStatus: throttled ? 1 : 0,
      Credentials: { PrefCredential: result === 1 ? 0 : 1, HasPassword: result !== 1, RemoteNgcParams: null, FidoParams: null, SasParams: null, CertAuthParams: null, GoogleParams: null, FacebookParams: null },
      // DomainType: 3 managed (a verified domain of an emulated tenant), 1 unknown.
      EstsProperties: { UserTenantBranding: null, DomainType: managed ? 3 : 1 },
      IsSignupDisallowed: true,
      apiCanary: randomUUID(),
    });
  });
  return router;
}
