// A public URL with a path prefix (GUESTPASS_PUBLIC_URL=https://example.com/guests/): the proxy passes the path on
// unchanged, and the portal answers only under the prefix. The prefix is taken off the URL once, here, so every route
// stays written as `/t/:tenant`…; pages, redirects and cookies put it back (View.base, basePathOf). Anything outside
// the prefix is a 404 — the portal never answers for paths that belong to another application on the same host.
import type { RequestHandler } from 'express';
import type { RouteContext } from './context.ts';

export function underBasePath(basePath: string, ctx: Pick<RouteContext, 'view' | 'sendMessage'>): RequestHandler {
  return (req, res, next) => {
    const url = req.url;
    if (url.startsWith(basePath) && (url.length === basePath.length || url[basePath.length] === '/' || url[basePath.length] === '?')) {
      const rest = url.slice(basePath.length);
      req.url = rest.startsWith('/') ? rest : `/${rest}`;
      return next();
    }
    const { m } = ctx.view(req);
    ctx.sendMessage(req, res, 404, m.notFoundTitle, m.notFoundText);
  };
}
