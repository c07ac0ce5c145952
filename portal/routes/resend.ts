// "Lost your invitation?": the form (CSRF token) or same-origin JSON post that hands an address to the resend service.
import express, { type Express } from 'express';
import { h } from 'preact';
import { myAppsUrl } from '../catalogue-links.ts';
import { CSRF_FIELD } from '../csrf.ts';
import { clientKey } from '../http/client-key.ts';
import type { RouteContext } from '../http/context.ts';
import { wantsJson } from '../http/query.ts';
import { sendPage } from '../http/send.ts';
import { MessagePage } from '../pages/simple.tsx';

const BODY_LIMIT = '4kb';

export function registerResendRoutes(app: Express, ctx: RouteContext): void {
  const { deps, logger, csrf, publicOrigin, view, tenantOr404, resendAvailable, sendMessage, backLink } = ctx;
  const formBody = express.urlencoded({ extended: false, limit: BODY_LIMIT, parameterLimit: 10 });
  const jsonBody = express.json({ limit: BODY_LIMIT, strict: true });

  app.post('/t/:tenant/resend', formBody, jsonBody, async (req, res) => {
    const tenant = tenantOr404(req, res);
    if (!tenant) return;
    const { m } = view(req);
    res.set('Cache-Control', 'no-store');
    if (!deps.resend || !resendAvailable(tenant)) {
      // 409 Conflict: the request is well-formed, but this tenant's current set-up (no Graph credentials) can't
      // carry it out; it will work once an admin configures them. Not 5xx: nothing is broken; not 404: the page exists.
      return sendMessage(req, res, 409, m.resendUnavailableTitle, m.resendUnavailable({ tenant: tenant.displayName, contact: tenant.contact }), tenant);
    }
    const body = (req.body ?? {}) as Record<string, unknown>;
    if (req.is('application/x-www-form-urlencoded')) {
      const check = csrf.verify(req.get('cookie'), body[CSRF_FIELD]);
      if (!check.ok) {
        logger.warn({ reqId: req.id, reason: check.reason }, 'resend form rejected: CSRF token');
        return sendMessage(req, res, 403, m.formExpiredTitle, m.formExpired, tenant);
      }
    } else if (req.is('application/json')) {
      // Browsers always send Origin on cross-origin fetches; only the portal's own origin may post JSON here.
      if (req.get('origin') !== publicOrigin) {
        logger.warn({ reqId: req.id }, 'resend JSON rejected: Origin');
        return sendMessage(req, res, 403, m.forbiddenOriginTitle, m.forbiddenOrigin, tenant);
      }
    } else {
      return sendMessage(req, res, 415, m.badRequestTitle, m.unsupportedMediaType, tenant);
    }
    const email = typeof body.email === 'string' ? body.email.trim() : '';
    if (!email) return sendMessage(req, res, 400, m.invalidAddressTitle, m.emailRequired, tenant);

    const result = await deps.resend.accept({ tenantKey: tenant.key, email, clientIp: clientKey(req.ip) });
    switch (result.outcome) {
      case 'accepted': {
        // Identical answer for every syntactically valid address: nobody learns who is a guest.
        const text = m.resendAccepted({ tenant: tenant.displayName });
        const signInUrl = myAppsUrl(tenant);
        if (wantsJson(req)) return res.status(202).json({ status: 'accepted', message: text, hint: m.spamHint, signInUrl });
        return sendPage(
          res,
          202,
          h(
            MessagePage,
            { view: view(req), title: m.resendAcceptedTitle, text, fallbackHere: `${view(req).base}/t/${tenant.key}` },
            h('p', null, m.spamHint),
            h('p', { class: 'hint' }, m.nationalCloudsHint),
            h('p', null, `${m.alreadyAccepted} `, h('a', { href: signInUrl, class: 'button primary' }, m.openMyApps({ tenant: tenant.displayName }))),
            backLink(req, tenant),
          ),
        );
      }
      case 'invalid-address':
        return sendMessage(req, res, 400, m.invalidAddressTitle, m.addressProblems[result.problem]({ character: result.character ?? '' }), tenant, {
          reason: result.reason,
          problem: result.problem,
        });
      case 'rate-limited': {
        const seconds = Math.max(1, Math.ceil(result.retryAfterSeconds));
        res.set('Retry-After', String(seconds));
        return sendMessage(req, res, 429, m.rateLimitedTitle, m.rateLimited({ minutes: Math.ceil(seconds / 60) }), tenant, {
          retryAfterSeconds: seconds,
        });
      }
    }
  });
}
