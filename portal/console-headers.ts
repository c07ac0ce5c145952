// The admin console's own header set (/admin and everything under it except the API). The guest pages run no script
// at all; the console is a script application that talks to Microsoft from the browser, so it gets a policy of its
// own, built from helmet like the guest set and replayed the same way (security-headers.ts):
//   script-src 'self'          the Vite bundle only: no inline script, no eval, nothing from another origin
//   connect-src                the portal (admin API), the sign-in authority's origin (msal-browser's discovery and
//                              token redemption) and Graph (reads with the admin's delegated token) — nothing more
//   no Cross-Origin-Opener-Policy: /admin/ is also msal-browser 5's redirect bridge page (the redirect URI), which
//                              must not be served with COOP (Microsoft's "Set up the redirect bridge page in MSAL
//                              Browser": a COOP header swaps the browsing context group and cuts the bridge off)
// Everything else matches the guest pages: no framing, no referrer, no plug-ins, no base-uri, no forms to elsewhere.
import helmet from 'helmet';
import type { BrowserEndpoints } from './config/browser-endpoints.ts';

export function consoleHelmet(endpoints: BrowserEndpoints) {
  const origins = [...new Set([new URL(endpoints.loginBaseUrl).origin, new URL(endpoints.graphBaseUrl).origin])];
  return helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'none'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'"],
        connectSrc: ["'self'", ...origins],
        formAction: ["'none'"],
        frameAncestors: ["'none'"],
        baseUri: ["'none'"],
      },
    },
    crossOriginOpenerPolicy: false,
    strictTransportSecurity: false, // set by the app, only when the request really arrived over TLS
    referrerPolicy: { policy: 'no-referrer' },
  });
}

/** The paths that get the console's headers: the app and its assets, not the admin API (JSON, guest set). */
export function isConsolePath(path: string): boolean {
  return path === '/admin' || (path.startsWith('/admin/') && !path.startsWith('/admin/api/') && path !== '/admin/api');
}
