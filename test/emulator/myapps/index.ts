// A tiny stand-in for myapps.microsoft.com: enough for browser tests to see where a sign-in ended up.
// `/` (and `/<domain>`) shows "My Apps — <tenant>"; `/signin-oidc` shows the `code` and `state` it received.
import express from 'express';
import type { EmulatorState } from '../directory.ts';
import { escapeHtml } from '../login/html.ts';

function page(title: string, body: string): string {
  return `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head><body>${body}</body></html>`;
}

export function createMyAppsRouter(deps: { state: EmulatorState }): express.Router {
  const router = express.Router();
  const showResult = (params: Record<string, unknown>, res: express.Response) => {
    const text = (k: string) => (typeof params[k] === 'string' ? (params[k] as string) : '');
    res.type('html').send(
      page(
        'My Apps — signed in',
        `<h1>My Apps — sign-in result</h1>
<dl><dt>code</dt><dd id="code">${escapeHtml(text('code'))}</dd>
<dt>state</dt><dd id="state">${escapeHtml(text('state'))}</dd>
<dt>error</dt><dd id="error">${escapeHtml(text('error'))}</dd>
<dt>error_description</dt><dd id="error_description">${escapeHtml(text('error_description'))}</dd></dl>`,
      ),
    );
  };
  router.get('/signin-oidc', (req, res) => showResult(req.query as Record<string, unknown>, res));
  router.post('/signin-oidc', express.urlencoded({ extended: false, limit: '64kb' }), (req, res) => showResult((req.body ?? {}) as Record<string, unknown>, res));
  router.get(['/', '/:tenant'], (req, res) => {
    const q = req.query as Record<string, unknown>;
    const raw = (typeof q.tenantid === 'string' && q.tenantid) || (typeof q.tenantId === 'string' && q.tenantId) || (req.params as { tenant?: string }).tenant || '';
    const tenant = raw ? deps.state.findTenant(raw) : undefined;
    const label = tenant ? tenant.displayName : raw || 'no tenant';
    res.type('html').send(page(`My Apps — ${label}`, `<h1 id="tenant" data-tenant-id="${escapeHtml(tenant?.id ?? '')}">My Apps — ${escapeHtml(label)}</h1>`));
  });
  return router;
}
