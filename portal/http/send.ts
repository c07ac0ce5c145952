// How the portal answers with a page: rendered HTML written in one go, and the message page (or JSON) used for
// every error and notice.
import type { Request, Response } from 'express';
import { h, type VNode } from 'preact';
import type { TenantConfig } from '../config/index.ts';
import { localHref, renderPage, type View } from '../pages/layout.tsx';
import { MessagePage } from '../pages/simple.tsx';
import { wantsJson } from './query.ts';

export function sendPage(res: Response, status: number, node: VNode<any>): void {
  sendHtml(res, status, renderPage(node));
}

/**
 * Sends a page with explicit headers and the page itself: res.send would copy a page over 1 KB into a Buffer, which
 * Node then writes as a separate chunk after the header block; a string goes out in one write with the headers, and
 * an already encoded buffer (page-cache.ts) is written as it is. Same headers as res.send without ETag (off for this
 * app); Node drops the body of a HEAD answer.
 */
export function sendHtml(res: Response, status: number, html: string | Buffer): void {
  res.statusCode = status;
  res.setHeader('Content-Type', 'text/html; charset=utf-8');
  res.setHeader('Content-Length', typeof html === 'string' ? Buffer.byteLength(html) : html.length);
  res.end(html);
}

/** Message pages and back links, bound to how the app finds a request's view. */
export interface Responder {
  /** An HTML message page, or `{ error|status, message }` JSON for clients that asked for JSON. */
  sendMessage(
    req: Request,
    res: Response,
    status: number,
    title: string,
    text: string,
    tenant?: TenantConfig,
    extra?: Record<string, unknown>,
    more?: VNode<any>,
  ): void;
  backLink(req: Request, tenant: TenantConfig): VNode;
}

export function createResponder(view: (req: Request) => View): Responder {
  function backLink(req: Request, tenant: TenantConfig): VNode {
    const v = view(req);
    return h('p', null, h('a', { href: localHref(v, `${v.base}/t/${tenant.key}`) }, v.m.backToTenant({ tenant: tenant.displayName })));
  }
  return {
    backLink,
    sendMessage(req, res, status, title, text, tenant, extra, more) {
      if (wantsJson(req)) {
        res.status(status).json({ status: status < 400 ? 'ok' : 'error', title, message: text, ...extra });
        return;
      }
      sendPage(
        res,
        status,
        h(
          MessagePage,
          { view: view(req), title, text, kind: status >= 400 ? 'error' : 'info', ...(tenant ? { fallbackHere: `${view(req).base}/t/${tenant.key}` } : {}) },
          more ?? null,
          tenant ? backLink(req, tenant) : null,
        ),
      );
    },
  };
}
