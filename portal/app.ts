// The guest portal as an Express app (no listening here: see server.ts). Routes stay thin: tenant and link rules
// come from shared/, resending from the ResendService, pages from pages/.
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import express, { type NextFunction, type Request, type Response } from 'express';
import type { Logger } from 'pino';
import { h, type VNode } from 'preact';
import { parseAddress, type AddressHome } from '../shared/address.ts';
import { findLink, urlOnHosts, type LinkDefinition, type LinkKind } from '../shared/links.ts';
import { parseTenant } from '../shared/tenant.ts';
import { findTenant, linkTenant, type PortalConfig, type TenantConfig } from './config.ts';
import { CSRF_FIELD, createCsrf } from './csrf.ts';
import { LANGS, messages, negotiateLang } from './i18n/index.ts';
import { createMetrics } from './metrics.ts';
import { portalHelmet, precomputeHeaders } from './security-headers.ts';
import { renderPage, type View } from './pages/layout.tsx';
import { CardPage, HomePage, MessagePage, OutboxPage, TenantList, type OutboxEmailView } from './pages/simple.tsx';
import { TenantPage, type AdviceView, type LinkView } from './pages/tenant.tsx';
import type { ResendService } from './resend/index.ts';

export type { ResendAcceptResult, ResendService } from './resend/index.ts';

/** An email the demo's emulated Microsoft sent; only these fields are shown. */
export type OutboxEmail = OutboxEmailView;

export interface AppDeps {
  config: PortalConfig;
  logger: Logger;
  now?: () => Date;
  resend?: ResendService;
  demo?: { outbox(): readonly OutboxEmail[] };
}

const ACCOUNT_KINDS: readonly AddressHome[] = ['google', 'microsoft-account', 'other'];
const PUBLIC_DIR = fileURLToPath(new URL('./public/', import.meta.url));
const VERSION = readVersion();
const BODY_LIMIT = '4kb';

declare module 'express-serve-static-core' {
  interface Request {
    id?: string;
    view?: View;
  }
}

export function createApp(deps: AppDeps): express.Express {
  const { config, logger } = deps;
  const app = express();
  const metrics = createMetrics();
  const publicOrigin = new URL(config.publicBaseUrl).origin;
  const csrf = createCsrf({ secret: config.secret, secureCookie: publicOrigin.startsWith('https:') });
  /** Rendered landing pages split around the form token, per tenant and language (bounded by configuration). */
  const landingCache = new Map<string, LandingPage>();
  /** One read-only view per language, shared by every request in it (pages only read it). */
  const views = new Map<string, View>();
  for (const lang of LANGS) views.set(lang, Object.freeze({ m: messages(lang), lang, demo: config.mode === 'demo' }));
  /** Exact identifiers (key, GUID, domain) → tenant: the common case skips parsing; anything else goes through parseTenant. */
  const tenantIndex = new Map<string, TenantConfig>();
  for (const t of config.tenants) for (const id of [t.key, t.tenantId, t.domain]) if (id) tenantIndex.set(id, t);

  app.disable('x-powered-by');
  app.set('trust proxy', config.trustProxy);
  app.set('etag', false); // pages are small and some carry per-visitor tokens

  // The per-request line carries only these fixed fields (no headers, bodies or queries), so it skips the redaction
  // pass every other line gets; what it may contain is decided here, not by path patterns.
  const requestLog = logger.child({}, { redact: [] });
  // Helmet's headers, recorded once and replayed per request (same names, values and order: security-headers.ts).
  const securityHeaders = precomputeHeaders(portalHelmet());

  // One middleware for what every request gets (a router layer per concern costs measurably at this size):
  // request id first, so every later line (and the response) carries it; one 'finish' listener that logs the request
  // and counts it in the metrics; the security headers; the language.
  app.use((req, res, next) => {
    const incoming = req.headers['x-request-id'];
    req.id = typeof incoming === 'string' && /^[A-Za-z0-9._-]{8,64}$/.test(incoming) ? incoming : randomUUID();
    res.setHeader('X-Request-Id', req.id);
    const start = process.hrtime.bigint();
    res.on('finish', () => {
      const ns = Number(process.hrtime.bigint() - start);
      metrics.observe(req, res, ns / 1e9);
      requestLog.info(
        {
          reqId: req.id,
          method: req.method,
          path: req.path.slice(0, 200), // the path only: queries can carry addresses
          status: res.statusCode,
          ms: ns / 1e6,
        },
        'request',
      );
    });
    if (req.secure) res.setHeader('Strict-Transport-Security', 'max-age=31536000; includeSubDomains');
    const lang = negotiateLang(req.headers['accept-language'], query(req).lang);
    req.view = views.get(lang) ?? { m: messages(lang), lang, demo: config.mode === 'demo' };
    res.setHeader('Content-Language', lang);
    res.setHeader('Vary', 'Accept-Language'); // the first middleware: nothing has set Vary yet (later res.vary() appends)
    securityHeaders.apply(res);
    next();
  });

  app.use('/assets', express.static(PUBLIC_DIR, { index: false, maxAge: '1h', fallthrough: true }));

  // --- operations -------------------------------------------------------------------------------------------------
  app.get('/healthz', (_req, res) => {
    res.set('Cache-Control', 'no-store').json({ status: 'ok', mode: config.mode, tenants: config.tenants.length, version: VERSION });
  });
  app.get('/metrics', async (_req, res) => {
    res.set('Content-Type', metrics.registry.contentType).send(await metrics.registry.metrics());
  });

  // --- pages ------------------------------------------------------------------------------------------------------
  app.get('/', (req, res) => {
    if (config.tenants.length === 1) return res.redirect(302, `/t/${config.tenants[0]!.key}`);
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
        advice = { state: 'error', message: parsed.message };
        status = 400;
      }
    } else if (account && (ACCOUNT_KINDS as readonly string[]).includes(account)) {
      advice = { state: 'advice', home: account as AddressHome, myAppsUrl: myAppsUrl(tenant) };
    }
    const path = `/t/${tenant.key}`;
    const available = resendAvailable(tenant);
    let csrfToken = '';
    if (available) {
      const issued = csrf.issue(req.get('cookie'));
      // Nothing else sets cookies on this route: a plain setHeader is what res.append would end up doing.
      if (issued.setCookie) res.setHeader('Set-Cookie', issued.setCookie);
      csrfToken = issued.token;
    }
    res.setHeader('Cache-Control', 'no-store');
    const render = (token: string) =>
      renderPage(
        h(TenantPage, {
          view: v,
          tenant,
          path,
          bookmarkUrl: `${config.publicBaseUrl}${path}`,
          links: tenantLinks(tenant, v),
          advice,
          email: email?.slice(0, 320),
          resend: available ? { available: true, csrfToken: token } : { available: false, ...(tenant.contact ? { contact: tenant.contact } : {}) },
        }),
      );
    if (advice || email) return sendHtml(res, status, render(csrfToken));
    // The plain landing page is the same for everyone but the form token: render it once per tenant and language.
    const cacheKey = `${tenant.key}\n${v.lang}`;
    let landing = landingCache.get(cacheKey);
    if (!landing) {
      const parts = render(TOKEN_SLOT).split(TOKEN_SLOT);
      landing = { parts, bytes: parts.reduce((n, part) => n + Buffer.byteLength(part), 0) };
      landingCache.set(cacheKey, landing);
    }
    const html = landing.parts.join(csrfToken);
    sendHtml(res, status, html, landing.bytes + (landing.parts.length - 1) * Buffer.byteLength(csrfToken));
  });

  app.get('/t/:tenant/go/:kind', (req, res) => {
    const tenant = tenantOr404(req, res);
    if (!tenant) return;
    const v = view(req);
    const def = offeredLink(tenant, String(req.params.kind));
    if (!def) return linkNotFound(req, res, tenant);
    const rawHint = query(req).login_hint;
    let loginHint: string | undefined;
    if (rawHint !== undefined) {
      const hint = singleQuery(rawHint);
      const parsed = hint === undefined ? undefined : parseAddress(hint);
      if (!parsed || !parsed.ok) {
        return sendMessage(req, res, 400, v.m.badHintTitle, parsed?.message ?? v.m.emailRequired, tenant);
      }
      if (def.acceptsLoginHint) loginHint = parsed.address;
    }
    const url = catalogueUrl(tenant, def, loginHint);
    if (!url) return linkNotFound(req, res, tenant);
    res.set('Cache-Control', 'no-store').redirect(302, url);
  });

  app.get('/t/:tenant/qr/:file', async (req, res) => {
    const tenant = tenantOr404(req, res);
    if (!tenant) return;
    const match = /^([a-z-]{1,32})\.svg$/.exec(String(req.params.file));
    // `page` is the landing page itself (for the printable card); every other name is a catalogue link.
    let target: string | undefined;
    if (match?.[1] === 'page') target = `${config.publicBaseUrl}/t/${tenant.key}`;
    else if (match) {
      const def = offeredLink(tenant, match[1]!);
      target = def ? catalogueUrl(tenant, def) : undefined;
    }
    if (!target) return linkNotFound(req, res, tenant);
    const svg = await (await loadQrCode()).toString(target, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
    res.set({ 'Content-Type': 'image/svg+xml; charset=utf-8', 'Cache-Control': 'public, max-age=3600' }).send(svg);
  });

  app.get('/t/:tenant/card', (req, res) => {
    const tenant = tenantOr404(req, res);
    if (!tenant) return;
    sendPage(
      res,
      200,
      h(CardPage, {
        view: view(req),
        tenant,
        bookmarkUrl: `${config.publicBaseUrl}/t/${tenant.key}`,
        qrPath: `/t/${tenant.key}/qr/page.svg`,
      }),
    );
  });

  // --- lost invitation --------------------------------------------------------------------------------------------
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

    const result = await deps.resend.accept({ tenantKey: tenant.key, email, clientIp: req.ip ?? 'unknown' });
    switch (result.outcome) {
      case 'accepted': {
        // Identical answer for every syntactically valid address: nobody learns who is a guest.
        const text = m.resendAccepted({ tenant: tenant.displayName });
        const signInUrl = myAppsUrl(tenant);
        if (wantsJson(req)) return res.status(202).json({ status: 'accepted', message: text, signInUrl });
        return sendPage(
          res,
          202,
          h(
            MessagePage,
            { view: view(req), title: m.resendAcceptedTitle, text },
            h('p', null, `${m.alreadyAccepted} `, h('a', { href: signInUrl, class: 'button primary' }, m.openMyApps({ tenant: tenant.displayName }))),
            backLink(req, tenant),
          ),
        );
      }
      case 'invalid-address':
        return sendMessage(req, res, 400, m.invalidAddressTitle, result.message, tenant, { reason: result.reason });
      case 'rate-limited': {
        const seconds = Math.max(1, Math.ceil(result.retryAfterSeconds));
        res.set('Retry-After', String(seconds));
        return sendMessage(req, res, 429, m.rateLimitedTitle, m.rateLimited({ minutes: Math.ceil(seconds / 60) }), tenant, {
          retryAfterSeconds: seconds,
        });
      }
    }
  });

  // --- demo -------------------------------------------------------------------------------------------------------
  app.get('/demo/outbox', (req, res, next) => {
    if (config.mode !== 'demo' || !deps.demo) return next();
    const emails = [...deps.demo.outbox()].reverse();
    res.set('Cache-Control', 'no-store');
    if (wantsJson(req)) return res.json({ emails });
    const tenantName = (id: string | undefined) => config.tenants.find((t) => t.tenantId === id)?.displayName ?? id ?? '—';
    sendPage(res, 200, h(OutboxPage, { view: view(req), emails, tenantName }));
  });

  // --- fall-through and errors ------------------------------------------------------------------------------------
  app.use((req, res) => {
    const { m } = view(req);
    sendMessage(req, res, 404, m.notFoundTitle, m.notFoundText);
  });

  app.use((error: unknown, req: Request, res: Response, _next: NextFunction) => {
    const { m } = view(req);
    const e = error as { type?: string; status?: number; statusCode?: number };
    const status = e.status ?? e.statusCode ?? 500;
    if (res.headersSent) return;
    if (status >= 400 && status < 500) {
      // body-parser's errors: malformed JSON, too large, unsupported charset/encoding.
      const text =
        e.type === 'entity.parse.failed'
          ? m.malformedJson
          : e.type === 'entity.too.large'
            ? m.payloadTooLarge
            : e.type === 'charset.unsupported' || e.type === 'encoding.unsupported'
              ? m.unsupportedMediaType
              : m.badRequestTitle;
      const code = e.type === 'charset.unsupported' || e.type === 'encoding.unsupported' ? 415 : status;
      return sendMessage(req, res, code, m.badRequestTitle, text);
    }
    logger.error({ reqId: req.id, err: error }, 'unhandled error');
    sendMessage(req, res, 500, m.serverErrorTitle, m.serverError);
  });

  return app;

  // --- helpers (closures over config) -----------------------------------------------------------------------------

  function view(req: Request): View {
    return req.view ?? { m: messages('en'), lang: 'en', demo: config.mode === 'demo' };
  }

  function resendAvailable(tenant: TenantConfig): boolean {
    return Boolean(deps.resend && tenant.credentials);
  }

  function tenantOr404(req: Request, res: Response): TenantConfig | undefined {
    const segment = String(req.params.tenant ?? '');
    const tenant = tenantIndex.get(segment.toLowerCase()) ?? findTenant(config.tenants, segment);
    if (tenant) return tenant;
    const { m } = view(req);
    const shown = segment.length > 80 ? `${segment.slice(0, 80)}…` : segment;
    const parsed = parseTenant(segment);
    const text = parsed.ok ? m.tenantNotFound({ tenant: shown }) : m.tenantMalformed({ tenant: shown, reason: parsed.message });
    sendMessage(req, res, 404, m.tenantNotFoundTitle, text, undefined, undefined, h(TenantList, { view: view(req), tenants: config.tenants }));
    return undefined;
  }

  function offeredLink(tenant: TenantConfig, kind: string): LinkDefinition | undefined {
    const def = findLink(kind);
    return def && tenant.links.includes(def.kind) ? def : undefined;
  }

  /** Builds a catalogue link and re-checks the result against the catalogue's own hosts (fail closed). */
  function catalogueUrl(tenant: TenantConfig, def: LinkDefinition, loginHint?: string): string | undefined {
    const built = def.build(linkTenant(tenant), {
      ...(loginHint ? { loginHint } : {}),
      ...(tenant.appId ? { appId: tenant.appId } : {}),
      ...(tenant.sharepointUrl ? { sharepointUrl: tenant.sharepointUrl } : {}),
    });
    if (!built.ok) return undefined;
    return urlOnHosts(built.url, def.hosts) ? built.url : undefined;
  }

  function myAppsUrl(tenant: TenantConfig, loginHint?: string): string {
    const def = findLink('myapps');
    const url = def ? catalogueUrl(tenant, def, def.acceptsLoginHint ? loginHint : undefined) : undefined;
    return url ?? 'https://myapps.microsoft.com/';
  }

  function tenantLinks(tenant: TenantConfig, v: View): LinkView[] {
    const out: LinkView[] = [];
    for (const kind of tenant.links) {
      const def = findLink(kind);
      const url = def ? catalogueUrl(tenant, def) : undefined;
      if (!def || !url) continue;
      out.push({ kind: def.kind, name: def.name, description: v.m.linkDescriptions[def.kind as LinkKind] ?? def.description, url });
    }
    return out;
  }

  function linkNotFound(req: Request, res: Response, tenant: TenantConfig): void {
    const { m } = view(req);
    const kind = String(req.params.kind ?? req.params.file ?? '').slice(0, 40);
    sendMessage(req, res, 404, m.linkNotFoundTitle, m.linkNotFound({ kind, tenant: tenant.displayName }), tenant);
  }

  function backLink(req: Request, tenant: TenantConfig): VNode {
    return h('p', null, h('a', { href: `/t/${tenant.key}` }, view(req).m.backToTenant({ tenant: tenant.displayName })));
  }

  /** An HTML message page, or `{ error|status, message }` JSON for clients that asked for JSON. */
  function sendMessage(
    req: Request,
    res: Response,
    status: number,
    title: string,
    text: string,
    tenant?: TenantConfig,
    extra?: Record<string, unknown>,
    more?: VNode<any>,
  ): void {
    if (wantsJson(req)) {
      res.status(status).json({ status: status < 400 ? 'ok' : 'error', title, message: text, ...extra });
      return;
    }
    sendPage(
      res,
      status,
      h(MessagePage, { view: view(req), title, text, kind: status >= 400 ? 'error' : 'info' }, more ?? null, tenant ? backLink(req, tenant) : null),
    );
  }
}

function sendPage(res: Response, status: number, node: VNode<any>): void {
  sendHtml(res, status, renderPage(node));
}

/**
 * Sends a page with explicit headers and the string itself: res.send would copy a page over 1 KB into a Buffer, which
 * Node then writes as a separate chunk after the header block; a string goes out in one write with the headers.
 * Same headers as res.send without ETag (off for this app); Node drops the body of a HEAD answer.
 */
function sendHtml(res: Response, status: number, html: string, bytes = Buffer.byteLength(html)): void {
  res.statusCode = status;
  res.setHeader('Content-Type', 'text/html; charset=utf-8');
  res.setHeader('Content-Length', bytes);
  res.end(html);
}

/** qrcode is loaded with the first QR request: most visits never ask for one. */
let qrCode: Promise<typeof import('qrcode')> | undefined;
const loadQrCode = () => (qrCode ??= import('qrcode').then((m) => (m as { default?: typeof import('qrcode') }).default ?? m));

/** A cached landing page: the parts around the form token and their size in bytes (the token is ASCII). */
interface LandingPage {
  parts: string[];
  bytes: number;
}

/** Stands in for the per-visitor form token in cached pages; never produced by a real token (base64url, no `~`). */
const TOKEN_SLOT = '~gp-csrf-token~';

function wantsJson(req: Request): boolean {
  return req.accepts(['html', 'json']) === 'json';
}

const NO_QUERY: Record<string, unknown> = Object.freeze({});

/** The parsed query string. Express 5 re-parses `req.query` on every read, so a URL without `?` skips it. */
function query(req: Request): Record<string, unknown> {
  return req.url.includes('?') ? (req.query as Record<string, unknown>) : NO_QUERY;
}

function singleQuery(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  return undefined;
}

function readVersion(): string {
  try {
    const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version?: string };
    return pkg.version ?? '0.0.0';
  } catch {
    return '0.0.0';
  }
}
