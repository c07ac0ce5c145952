// Sign-out: back to the app's post_logout_redirect_uri when it is one of the apps' registered redirect URIs (never
// an arbitrary address); the emulator keeps no session cookie, so there is nothing else to end.
import express from 'express';
import { registeredRedirectUris } from './spa-redemption.ts';
import type { EmulatorState } from '../directory.ts';
import { pickLocale } from './strings.ts';

export function createLogoutRouter(deps: { state: EmulatorState }): express.Router {
  const router = express.Router();
  for (const path of ['/:tenant/oauth2/v2.0/logout', '/:tenant/oauth2/logout']) {
    router.get(path, (req, res) => {
      const q = req.query as Record<string, unknown>;
      const target = typeof q.post_logout_redirect_uri === 'string' ? q.post_logout_redirect_uri : undefined;
      const registered = target !== undefined && deps.state.tenants.some((t) => t.apps.some((a) => registeredRedirectUris(a).includes(target)));
      if (target && registered) {
        res.redirect(302, target);
        return;
      }
      const ja = pickLocale(q.mkt, q.ui_locales) === 'ja-JP';
      res
        .type('html')
        .send(`<!DOCTYPE html><html lang="${ja ? 'ja' : 'en'}"><head><meta charset="utf-8"><title>Sign out</title><meta name="PageID" content="SignOut" /></head><body><h1 id="signedOut">${ja ? 'サインアウトしました' : 'You signed out of your account'}</h1></body></html>`);
    });
  }
  return router;
}
