// A public URL with a path prefix (GUESTPASS_PUBLIC_URL=https://example.com/guests/): the proxy passes the path on
// unchanged, and the portal answers only under the prefix. The prefix is taken off the URL once, first thing, so every
// later middleware and route sees `/t/:tenant`, `/admin/`…; pages, redirects and cookies put it back (View.base,
// basePathOf). Anything outside the prefix is a 404 (with the usual headers) — the portal never answers for paths that
// belong to another application on the same host.
import type { Request, RequestHandler } from 'express';
import type { RouteContext } from './context.ts';

const OUTSIDE = Symbol('outside the base path');

/** First middleware: strips the prefix, or marks the request as outside it. */
export function stripBasePath(basePath: string): RequestHandler {
  return (req, _res, next) => {
    const url = req.url;
    const after = url[basePath.length];
    if (url.startsWith(basePath) && (after === undefined || after === '/' || after === '?')) {
      const rest = url.slice(basePath.length);
      req.url = rest.startsWith('/') ? rest : `/${rest}`;
    } else {
      (req as Request & { [OUTSIDE]?: true })[OUTSIDE] = true;
    }
    next();
  };
}

/** After the request context (headers, language): answers 404 for a request outside the prefix. */
export function rejectOutsideBasePath(ctx: Pick<RouteContext, 'view' | 'sendMessage'>): RequestHandler {
  return (req, res, next) => {
    if (!(req as Request & { [OUTSIDE]?: true })[OUTSIDE]) return next();
    const { m } = ctx.view(req);
    ctx.sendMessage(req, res, 404, m.notFoundTitle, m.notFoundText);
  };
}
