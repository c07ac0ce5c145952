// POST /{authority}/GetCredentialType: the realm lookup the sign-in page makes after "Next" (facts §1d).
// `originalRequest` (the page's `sCtx`) tells which authority the page is for: generic or a tenant.
import { randomBytes, randomUUID } from 'node:crypto';
import express from 'express';
import type { EmulatorState } from '../directory.ts';
import type { ScenarioHolder } from '../scenario.ts';
import { lookUpAccount } from './accounts.ts';
import { domainTypeOf } from './domain-type.ts';
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
    const captured = deps.state.behaviour.signInPage === 'captured';
    // real-behaviour §3: a throttled lookup has no verdict (IfExistsResult 2, Throttled); ordinary answers carry
    // ThrottleStatus 1 (AadThrottled) with their verdict. The facts reading: verdict 1 and ThrottleStatus 1 only when
    // throttled, 0 otherwise.
    const { result } = throttled ? { result: captured ? (2 as const) : (1 as const) } : lookUpAccount(deps.state, username, tenant);
    const exists = result === 0 || result === 5 || result === 6;
    res.set('Cache-Control', 'no-store').json({
      Username: username,
      Display: username,
      IfExistsResult: result,
      IsUnmanaged: false,
      ThrottleStatus: captured || throttled ? 1 : 0,
      Credentials: { PrefCredential: exists ? 1 : 0, HasPassword: exists, RemoteNgcParams: null, FidoParams: null, SasParams: null, CertAuthParams: null, GoogleParams: null, FacebookParams: null },
      EstsProperties: { UserTenantBranding: null, DomainType: domainTypeOf(deps.state, username) },
      FlowToken: randomBytes(48).toString('base64url'),
      IsSignupDisallowed: true,
      apiCanary: randomUUID().replace(/-/g, ''),
    });
  });
  return router;
}
