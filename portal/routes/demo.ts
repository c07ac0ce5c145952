// Demo mode only: the invitation emails the in-process emulator "sent" (HTML, or JSON for tests and scripts).
import type { Express } from 'express';
import { h } from 'preact';
import type { RouteContext } from '../http/context.ts';
import { wantsJson } from '../http/query.ts';
import { sendPage } from '../http/send.ts';
import { OutboxPage } from '../pages/simple.tsx';

export function registerDemoRoutes(app: Express, ctx: RouteContext): void {
  const { config, deps, view } = ctx;
  app.get('/demo/outbox', (req, res, next) => {
    if (config.mode !== 'demo' || !deps.demo) return next();
    const emails = [...deps.demo.outbox()].reverse();
    res.set('Cache-Control', 'no-store');
    if (wantsJson(req)) return res.json({ emails });
    const tenantName = (id: string | undefined) => config.tenants.find((t) => t.tenantId === id)?.displayName ?? id ?? '—';
    sendPage(res, 200, h(OutboxPage, { view: view(req), emails, tenantName }));
  });
}
