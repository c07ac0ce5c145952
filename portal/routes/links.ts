// Sharing links: redirects to a tenant's catalogue links, their QR codes, and the printable card.
import type { Express, Request, Response } from 'express';
import { h } from 'preact';
import { parseAddress } from '../../shared/address.ts';
import { catalogueUrl, offeredLink } from '../catalogue-links.ts';
import { basePathOf, type TenantConfig } from '../config/index.ts';
import type { RouteContext } from '../http/context.ts';
import { query, singleQuery } from '../http/query.ts';
import { sendPage } from '../http/send.ts';
import { CardPage } from '../pages/simple.tsx';

export function registerLinkRoutes(app: Express, ctx: RouteContext): void {
  const { config, view, tenantOr404, sendMessage } = ctx;

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
        const text = parsed ? v.m.addressProblems[parsed.problem]({ character: parsed.character ?? '' }) : v.m.emailRequired;
        return sendMessage(req, res, 400, v.m.badHintTitle, text, tenant);
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
        qrPath: `${basePathOf(config.publicBaseUrl)}/t/${tenant.key}/qr/page.svg`,
      }),
    );
  });

  function linkNotFound(req: Request, res: Response, tenant: TenantConfig): void {
    const { m } = view(req);
    const kind = String(req.params.kind ?? req.params.file ?? '').slice(0, 40);
    sendMessage(req, res, 404, m.linkNotFoundTitle, m.linkNotFound({ kind, tenant: tenant.displayName }), tenant);
  }
}

/** qrcode is loaded with the first QR request: most visits never ask for one. */
let qrCode: Promise<typeof import('qrcode')> | undefined;
const loadQrCode = () => (qrCode ??= import('qrcode').then((m) => (m as { default?: typeof import('qrcode') }).default ?? m));
