// The last two handlers: 404 for anything no route took, and body-parser errors as 4xx message pages. Anything else
// is logged with the request id and answered with a plain 500 page (no stack trace).
import type { Express, NextFunction, Request, Response } from 'express';
import type { RouteContext } from './context.ts';

export function registerFallbacks(app: Express, ctx: RouteContext): void {
  const { logger, view, sendMessage } = ctx;

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
}
