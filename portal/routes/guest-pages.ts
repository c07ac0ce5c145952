// The guest pages: the tenant list (`/`) and each tenant's landing page with account advice and the resend form.
import type { Express } from 'express';
import { h } from 'preact';
import { parseAddress, type AddressHome } from '../../shared/address.ts';
import { myAppsUrl, tenantLinks } from '../catalogue-links.ts';
import { basePathOf } from '../config/index.ts';
import type { RouteContext } from '../http/context.ts';
import { createTokenPageCache } from '../http/page-cache.ts';
import { query, singleQuery } from '../http/query.ts';
import { sendHtml, sendPage } from '../http/send.ts';
import { renderPage } from '../pages/layout.tsx';
import { HomePage } from '../pages/simple.tsx';
import { TenantPage, type AdviceView } from '../pages/tenant.tsx';

const ACCOUNT_KINDS: readonly AddressHome[] = ['google', 'microsoft-account', 'other'];

export function registerGuestPageRoutes(app: Express, ctx: RouteContext): void {
  const { config, csrf, view, tenantOr404, resendAvailable } = ctx;
  const base = basePathOf(config.publicBaseUrl);
  /** Rendered landing pages split around the form token, per tenant and language. */
  const landingCache = createTokenPageCache();

  app.get('/', (req, res) => {
    if (config.tenants.length === 1) return res.redirect(302, `${base}/t/${config.tenants[0]!.key}`);
    sendPage(res, 200, h(HomePage, { view: view(req), tenants: config.tenants }));
  });

  app.get('/t/:tenant', (req, res) => {
    const tenant = tenantOr404(req, res);
    if (!tenant) return;
    const v = view(req);
    const q = query(req);
    const email = singleQuery(q.email);
    const account = singleQuery(q.account);
    let advice: AdviceView | undefined;
    let status = 200;
    if (email !== undefined && email.trim() !== '') {
      const parsed = parseAddress(email);
      if (parsed.ok) {
        advice = { state: 'advice', home: parsed.home, myAppsUrl: myAppsUrl(tenant, parsed.address) };
      } else {
        advice = { state: 'error', problem: parsed.problem, ...(parsed.character ? { character: parsed.character } : {}) };
        status = 400;
      }
    } else if (account && (ACCOUNT_KINDS as readonly string[]).includes(account)) {
      advice = { state: 'advice', home: account as AddressHome, myAppsUrl: myAppsUrl(tenant) };
    }
    const path = `${base}/t/${tenant.key}`;
    const available = resendAvailable(tenant);
    let csrfToken = '';
    if (available) {
      const issued = csrf.issue(req.get('cookie'));
      // Nothing else sets cookies on this route: a plain setHeader is what res.append would end up doing.
      if (issued.setCookie) res.setHeader('Set-Cookie', issued.setCookie);
      csrfToken = issued.token;
    }
    res.setHeader('Cache-Control', 'no-store');
    // From memory (the worker keeps policy and invite setting fresh): nothing is looked up per request.
    const requestState = ctx.deps.accessRequests?.availability(tenant);
    const accessRequests = requestState === 'open' || requestState === 'invites-off' ? requestState : undefined;
    const render = (token: string) =>
      renderPage(
        h(TenantPage, {
          view: v,
          tenant,
          path,
          bookmarkUrl: `${config.publicBaseUrl}/t/${tenant.key}`,
          links: tenantLinks(tenant, v),
          advice,
          email: email?.slice(0, 320),
          ...(advice && !email ? { account } : {}),
          resend: available ? { available: true, csrfToken: token } : { available: false, ...(tenant.contact ? { contact: tenant.contact } : {}) },
          ...(accessRequests ? { accessRequests } : {}),
        }),
      );
    if (advice || email) return sendHtml(res, status, render(csrfToken));
    // The plain landing page is the same for everyone but the form token: render it once per tenant and language.
    landingCache.send(res, status, `${tenant.key}\n${v.lang}${v.chosen ? '!' : ''}\n${accessRequests ?? ''}`, csrfToken, render);
  });
}
