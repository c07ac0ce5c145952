// The admin console's static files (a Vite build, portal/console/): /admin/ is the app and also msal-browser's redirect
// URI (exactly `<public-url>/admin/`), /admin/<view> are its client-side routes, /admin/assets/* the hashed bundles.
// The API under /admin/api/ is routes/admin-api.ts. Headers: console-headers.ts (applied in http/request-context.ts).
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import express, { type Express, type Response } from 'express';
import { basePathOf } from '../config/index.ts';
import { consoleTenants } from '../console-config.ts';
import type { RouteContext } from '../http/context.ts';
import { PORTAL_PATHS } from '../paths.ts';

/** Where `npm run build:console` writes (portal/console/build.ts); tests may serve another build. */
export const DEFAULT_CONSOLE_DIR = PORTAL_PATHS.consoleDir;

/** The console's client-side routes (portal/console/src/routes.ts): each answers with the app. */
const VIEW_PATH = /^\/admin(?:\/[a-z][a-z-]{0,30})?\/?$/;

export function registerAdminConsoleRoutes(app: Express, ctx: RouteContext, consoleDir: string | URL = DEFAULT_CONSOLE_DIR): void {
  const dir = consoleDir instanceof URL ? consoleDir.pathname : consoleDir;
  const base = basePathOf(ctx.config.publicBaseUrl);
  const index = loadIndex(join(dir, 'index.html'), base);

  // The console's public configuration (contract: portal/console/src/contract.ts). Registered after the admin API, so
  // routes/admin-api.ts may answer it instead once it does.
  const tenants = JSON.stringify({ tenants: consoleTenants(ctx.config) });
  app.get('/admin/api/config', (_req, res) => {
    res.set({ 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-cache' }).send(tenants);
  });

  // Hashed file names: a changed file gets a new name, so browsers may keep each one for good.
  app.use(
    '/admin/assets',
    express.static(join(dir, 'assets'), { index: false, immutable: true, maxAge: '365d', fallthrough: true, etag: false }),
  );

  app.get(VIEW_PATH, (req, res, next) => {
    // Exactly `/admin/` is the registered redirect URI; `/admin` alone is sent there (Express routing ignores the slash).
    if (req.path === '/admin') return res.set('Cache-Control', 'no-cache').redirect(301, `${base}/admin/`);
    if (req.path.startsWith('/admin/api') || req.path.startsWith('/admin/assets')) return next();
    const html = index.current();
    if (!html) return notBuilt(res, ctx);
    // Always revalidated: the page names the current bundle. No store of the URL's query/fragment (auth responses).
    res.set({ 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-cache', 'Content-Length': String(html.length) });
    res.status(200).end(req.method === 'HEAD' ? undefined : html);
  });
}

function notBuilt(res: Response, ctx: RouteContext): void {
  ctx.logger.error('admin console requested but not built: run `npm run build:console`');
  res
    .status(503)
    .set({ 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store', 'Retry-After': '60' })
    .send('The admin console is not built on this server. Run `npm run build:console` (npm start does it).\n');
}

/**
 * index.html, re-read when a new build replaced it (so a rebuild does not need a restart). The build addresses its
 * assets as `/admin/…` (Vite's `base`); behind a public URL with a path prefix they are put under the prefix here.
 */
function loadIndex(path: string, base: string): { current(): Buffer | undefined } {
  let cached: { mtimeMs: number; body: Buffer } | undefined;
  return {
    current() {
      let mtimeMs: number;
      try {
        mtimeMs = statSync(path).mtimeMs;
      } catch {
        return undefined;
      }
      if (!cached || cached.mtimeMs !== mtimeMs) {
        const html = readFileSync(path, 'utf8');
        cached = { mtimeMs, body: Buffer.from(base ? html.replaceAll('="/admin/', `="${base}/admin/`) : html) };
      }
      return cached.body;
    },
  };
}
