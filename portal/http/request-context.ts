// The one middleware every request passes (a router layer per concern costs measurably at this size): request id
// first, so every later line (and the response) carries it; one 'finish' listener that logs the request and counts it
// in the metrics; HSTS on HTTPS; the security headers; the language and its read-only view.
import { randomUUID } from 'node:crypto';
import type { Request, RequestHandler } from 'express';
import type { Logger } from 'pino';
import { basePathOf, type PortalConfig } from '../config/index.ts';
import { langOf, LANGS, messages, negotiateLang, type Lang } from '../i18n/index.ts';
import type { PortalMetrics } from '../metrics.ts';
import { pageAddress, type View } from '../pages/layout.tsx';
import { browserEndpoints } from '../config/browser-endpoints.ts';
import { consoleHelmet, isConsolePath } from '../console-headers.ts';
import { portalHelmet, precomputeHeaders } from '../security-headers.ts';
import { query } from './query.ts';

declare module 'express-serve-static-core' {
  interface Request {
    id?: string;
    view?: View;
  }
}

/** The request's view (set by the middleware; English for anything answered before it ran). */
export function createViewLookup(config: PortalConfig): (req: Request) => View {
  const fallback: View = Object.freeze({
    m: messages('en'),
    lang: 'en',
    demo: config.mode === 'demo',
    base: basePathOf(config.publicBaseUrl),
    chosen: false,
  });
  return (req) => req.view ?? fallback;
}

export function requestContext(options: { config: PortalConfig; logger: Logger; metrics: PortalMetrics }): RequestHandler {
  const { config, logger, metrics } = options;
  /** One read-only view per language and way of choosing it (`?lang=` or not), shared by every request in it. */
  const views = new Map<string, View>();
  const base = basePathOf(config.publicBaseUrl);
  const viewKey = (lang: Lang, chosen: boolean) => `${lang}${chosen ? '!' : ''}`;
  for (const lang of LANGS) {
    for (const chosen of [false, true]) {
      views.set(viewKey(lang, chosen), Object.freeze({ m: messages(lang), lang, demo: config.mode === 'demo', base, chosen }));
    }
  }
  // The per-request line carries only these fixed fields (no headers, bodies or queries), so it skips the redaction
  // pass every other line gets; what it may contain is decided here, not by path patterns.
  const requestLog = logger.child({}, { redact: [] });
  const httpsPublic = config.publicBaseUrl.startsWith('https:');
  // Helmet's headers, recorded once and replayed per request (same names, values and order: security-headers.ts).
  const securityHeaders = precomputeHeaders(portalHelmet());
  // The admin console (a script application) has its own set: console-headers.ts.
  const consoleHeaders = precomputeHeaders(consoleHelmet(browserEndpoints(config)));

  return (req, res, next) => {
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
    // HSTS only for an https public URL, on a request a trusted proxy (GUESTPASS_TRUST_PROXY) says arrived over TLS.
    if (httpsPublic && req.secure) res.setHeader('Strict-Transport-Security', 'max-age=31536000; includeSubDomains');
    const q = query(req);
    const lang = negotiateLang(req.headers['accept-language'], q.lang);
    const shared = views.get(viewKey(lang, langOf(q.lang) !== undefined))!;
    // GET pages link to themselves in the other languages (under the path prefix, which is off req.path by now);
    // the answer to a POST has no address of its own.
    req.view = req.method === 'GET' || req.method === 'HEAD' ? { ...shared, here: base + pageAddress(req.path, q) } : shared;
    res.setHeader('Content-Language', lang);
    res.setHeader('Vary', 'Accept-Language'); // the first middleware: nothing has set Vary yet (later res.vary() appends)
    (isConsolePath(req.path) ? consoleHeaders : securityHeaders).apply(res);
    next();
  };
}
