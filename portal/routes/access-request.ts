// "Not invited yet? Ask for access": GET the form, POST it (form + CSRF token, or same-origin JSON). Every valid
// request gets the same 202 answer — new address, pending guest, accepted guest or blocked domain — because nothing is
// looked up here: the record is stored and the worker (access-requests/index.ts) finds out what it is.
import express, { type Express, type Request, type Response } from 'express';
import { h } from 'preact';
import { basePathOf, type TenantConfig } from '../config/index.ts';
import { CSRF_FIELD } from '../csrf.ts';
import { clientKey } from '../http/client-key.ts';
import type { RouteContext } from '../http/context.ts';
import { wantsJson } from '../http/query.ts';
import { sendPage } from '../http/send.ts';
import { FIELD_LIMITS, type AccessRequestResult, type RequestField } from '../access-requests/service.ts';
import { RequestPage, type RequestFormView } from '../pages/access-request.tsx';
import { MessagePage } from '../pages/simple.tsx';

const BODY_LIMIT = '8kb';
const FIELDS: readonly RequestField[] = ['email', 'name', 'organisation', 'reason', 'sponsor'];

export function registerAccessRequestRoutes(app: Express, ctx: RouteContext): void {
  const { deps, logger, csrf, publicOrigin, view, tenantOr404, sendMessage, backLink, config } = ctx;
  const formBody = express.urlencoded({ extended: false, limit: BODY_LIMIT, parameterLimit: 10 });
  const jsonBody = express.json({ limit: BODY_LIMIT, strict: true });
  const base = basePathOf(config.publicBaseUrl);
  const pathOf = (tenant: TenantConfig) => `${base}/t/${tenant.key}`;

  /** Why there is no form (in the page's language), or undefined when requests are open. */
  const closedNotice = (req: Request, tenant: TenantConfig): string | undefined => {
    const { m } = view(req);
    const state = deps.accessRequests?.availability(tenant) ?? 'unavailable';
    if (state === 'open') return undefined;
    if (state === 'invites-off') return m.requestsInvitesOff({ tenant: tenant.displayName, contact: tenant.contact });
    return m.requestsOff({ tenant: tenant.displayName, contact: tenant.contact });
  };

  const renderForm = (req: Request, res: Response, status: number, tenant: TenantConfig, form: Omit<RequestFormView, 'csrfToken'> = {}) => {
    const issued = csrf.issue(req.get('cookie'));
    if (issued.setCookie) res.setHeader('Set-Cookie', issued.setCookie);
    const settings = deps.accessRequests!.settings(tenant);
    sendPage(
      res,
      status,
      h(RequestPage, {
        view: view(req),
        tenant,
        path: pathOf(tenant),
        form: { ...form, csrfToken: issued.token },
        expireDays: settings.expireAfterDays,
        deleteDays: settings.deleteAfterDays,
        limits: FIELD_LIMITS,
      }),
    );
  };

  app.get('/t/:tenant/request', (req, res) => {
    const tenant = tenantOr404(req, res);
    if (!tenant) return;
    res.set('Cache-Control', 'no-store');
    const notice = closedNotice(req, tenant);
    if (notice || !deps.accessRequests) {
      const settings = deps.accessRequests?.settings(tenant);
      return sendPage(
        res,
        200,
        h(RequestPage, {
          view: view(req),
          tenant,
          path: pathOf(tenant),
          form: { notice: notice ?? '' },
          expireDays: settings?.expireAfterDays ?? 0,
          deleteDays: settings?.deleteAfterDays ?? 0,
          limits: FIELD_LIMITS,
        }),
      );
    }
    renderForm(req, res, 200, tenant);
  });

  app.post('/t/:tenant/request', formBody, jsonBody, async (req, res) => {
    const tenant = tenantOr404(req, res);
    if (!tenant) return;
    const { m } = view(req);
    res.set('Cache-Control', 'no-store');
    const notice = closedNotice(req, tenant);
    if (notice || !deps.accessRequests) return sendMessage(req, res, 409, m.requestsUnavailableTitle, notice ?? '', tenant);
    const body = (req.body ?? {}) as Record<string, unknown>;
    const json = req.is('application/json');
    if (req.is('application/x-www-form-urlencoded')) {
      const check = csrf.verify(req.get('cookie'), body[CSRF_FIELD]);
      if (!check.ok) {
        logger.warn({ reqId: req.id, reason: check.reason }, 'access request form rejected: CSRF token');
        return sendMessage(req, res, 403, m.formExpiredTitle, m.formExpired, tenant);
      }
    } else if (json) {
      if (req.get('origin') !== publicOrigin) {
        logger.warn({ reqId: req.id }, 'access request JSON rejected: Origin');
        return sendMessage(req, res, 403, m.forbiddenOriginTitle, m.forbiddenOrigin, tenant);
      }
    } else {
      return sendMessage(req, res, 415, m.badRequestTitle, m.unsupportedMediaType, tenant);
    }
    const text = (field: RequestField) => (typeof body[field] === 'string' ? (body[field] as string) : '');
    const email = text('email').trim();
    if (!email) return invalid({ outcome: 'invalid', field: 'email', problem: 'missing' });

    const result = await deps.accessRequests.service.submit({
      tenantKey: tenant.key,
      email,
      name: text('name'),
      organisation: text('organisation'),
      reason: text('reason'),
      sponsor: text('sponsor'),
      lang: view(req).lang,
      clientIp: clientKey(req.ip),
    });
    switch (result.outcome) {
      case 'accepted': {
        // The same answer for every valid request: nobody learns who is a guest, or which domains are blocked.
        const answer = m.requestAccepted({ tenant: tenant.displayName });
        if (wantsJson(req)) return res.status(202).json({ status: 'accepted', message: answer, hint: m.spamHint });
        return sendPage(
          res,
          202,
          h(
            MessagePage,
            { view: view(req), title: m.requestAcceptedTitle, text: answer, fallbackHere: `${pathOf(tenant)}/request` },
            h('p', null, m.spamHint),
            h('p', { class: 'hint' }, m.nationalCloudsHint),
            backLink(req, tenant),
          ),
        );
      }
      case 'invalid':
        return invalid(result);
      case 'rate-limited': {
        const seconds = Math.max(1, Math.ceil(result.retryAfterSeconds));
        res.set('Retry-After', String(seconds));
        return sendMessage(req, res, 429, m.rateLimitedTitle, m.rateLimited({ minutes: Math.ceil(seconds / 60) }), tenant, { retryAfterSeconds: seconds });
      }
    }

    /** 400: the form again with what was typed and the problem under its field (or a JSON problem). */
    function invalid(r: Extract<AccessRequestResult, { outcome: 'invalid' }>) {
      const message =
        r.problem === 'missing'
          ? r.field === 'email'
            ? m.emailRequired
            : m.requestMissing
          : r.problem === 'too-long'
            ? m.requestTooLong({ max: FIELD_LIMITS[r.field as keyof typeof FIELD_LIMITS] })
            : m.addressProblems[r.problem]({ character: r.character ?? '' });
      if (json) return sendMessage(req, res, 400, m.requestErrorTitle, message, tenant, { field: r.field, problem: r.problem });
      const values = Object.fromEntries(FIELDS.map((f) => [f, text(f).slice(0, 2000)]));
      renderForm(req, res, 400, tenant!, { values, errors: { [r.field]: message } });
    }
  });
}
