// The security headers every response gets, from helmet, computed once at start-up instead of per request.
// Helmet's middlewares are a chain of closures that each set one header; with this configuration every value is
// static (the CSP has no nonce, nothing depends on the request), so the portal records what helmet sets once and
// replays it — exactly the same names, values and order — in one loop. HSTS is not here: it depends on the
// request (set only over TLS, in app.ts).
import type { IncomingMessage, ServerResponse } from 'node:http';
import helmet from 'helmet';

type HeaderStep = { set: string; value: string | number | readonly string[] } | { remove: string };

export interface SecurityHeaders {
  apply(res: ServerResponse): void;
}

/** Helmet's options for the portal: no inline scripts or styles anywhere, no framing, no referrer. */
export function portalHelmet() {
  return helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'none'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        baseUri: ["'none'"],
      },
    },
    strictTransportSecurity: false, // set by the app, only when the request really arrived over TLS
    referrerPolicy: { policy: 'no-referrer' },
  });
}

type Middleware = ReturnType<typeof helmet>;

/**
 * Records the headers a middleware sets on a blank response and returns a replay of them. Fails (throws) rather than
 * replaying something partial when the middleware does anything but set/remove headers and call next synchronously.
 */
export function precomputeHeaders(middleware: Middleware): SecurityHeaders {
  const steps: HeaderStep[] = [];
  const recorder = {
    setHeader(name: string, value: string | number | readonly string[]) {
      steps.push({ set: name, value });
      return recorder;
    },
    removeHeader(name: string) {
      steps.push({ remove: name });
    },
  };
  let done = false;
  middleware({} as IncomingMessage, recorder as unknown as ServerResponse, (err?: unknown) => {
    if (err) throw err instanceof Error ? err : new Error(String(err));
    done = true;
  });
  if (!done) throw new Error('security headers: the middleware did not finish synchronously; cannot precompute');
  const frozen = Object.freeze(steps.map((s) => Object.freeze(s)));
  return {
    apply(res) {
      for (const step of frozen) {
        if ('set' in step) res.setHeader(step.set, step.value);
        else res.removeHeader(step.remove);
      }
    },
  };
}
