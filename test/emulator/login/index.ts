// The login.microsoftonline.com side: discovery, tokens, the sign-in pages and redemption.
import { readFileSync } from 'node:fs';
import express from 'express';
import type { EmulatorState } from '../directory.ts';
import type { ScenarioHolder } from '../scenario.ts';
import { createCredentialTypeRouter } from './credential-type.ts';
import { createDiscoveryRouter } from './discovery.ts';
import { createLogoutRouter } from './logout.ts';
import { SIGN_IN_SCRIPT_PATH } from './pages/converged.ts';
import { createRedeemRouter } from './redeem.ts';
import { createSignInFlowRouter } from './sign-in-flow.ts';
import type { LoginStore } from './store.ts';
import { createTokenRouter } from './token-endpoint.ts';
import type { SigningKeys } from './tokens.ts';

export interface LoginDeps {
  state: EmulatorState;
  keys: SigningKeys;
  store: LoginStore;
  scenario: ScenarioHolder;
  /** The emulator's own origin (https://127.0.0.1:<port>), used when a request's Host is not one we know. */
  origin: () => string;
}

const SIGN_IN_SCRIPT = readFileSync(new URL('./assets/signin.js', import.meta.url), 'utf8');

/** Endpoints a single-page app (msal-browser, e.g. the portal's admin console) calls cross-origin. */
const CORS_PATHS = /\/(\.well-known\/openid-configuration|discovery\/|oauth2\/(v2\.0\/)?token$)/;

export function createLoginRouter(deps: LoginDeps): express.Router {
  const router = express.Router();
  router.use((req, res, next) => {
    if (!CORS_PATHS.test(req.path)) return next();
    res.set('Access-Control-Allow-Origin', '*');
    if (req.method !== 'OPTIONS') return next();
    res
      .set('Access-Control-Allow-Methods', 'GET, POST, OPTIONS')
      .set('Access-Control-Allow-Headers', req.get('access-control-request-headers') ?? 'Content-Type')
      .set('Access-Control-Max-Age', '86400')
      .status(204)
      .end();
  });
  router.get(SIGN_IN_SCRIPT_PATH, (_req, res) => {
    res.type('text/javascript').set('Cache-Control', 'no-cache').send(SIGN_IN_SCRIPT);
  });
  router.use(createRedeemRouter(deps));
  router.use(createDiscoveryRouter(deps));
  router.use(createTokenRouter(deps));
  router.use(createCredentialTypeRouter(deps));
  router.use(createLogoutRouter(deps));
  router.use(createSignInFlowRouter(deps));
  return router;
}
