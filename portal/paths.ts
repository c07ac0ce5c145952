// Where the portal finds its files, run from source (tsx: this file is portal/paths.ts) or from the bundle
// (dist/portal/*.mjs: entries and chunks side by side, see build.ts). Only this module looks at import.meta.url, so a
// built dist/ works wherever it is copied, as long as package.json sits two levels above it (the package root).
import { fileURLToPath } from 'node:url';

const here = new URL('.', import.meta.url);
/** True when running from the bundle in dist/portal/. */
export const BUNDLED = import.meta.url.endsWith('.mjs');

export const PORTAL_PATHS = {
  /** The guest pages' stylesheet and other static files (copied next to the bundle by build.ts). */
  publicDir: fileURLToPath(new URL('./public/', here)),
  /** The admin console's Vite build (written by `npm run build:console`). */
  consoleDir: fileURLToPath(new URL(BUNDLED ? './console/' : '../dist/portal/console/', here)),
  /** The package's package.json (its version is reported by /healthz). */
  packageJson: fileURLToPath(new URL(BUNDLED ? '../../package.json' : '../package.json', here)),
  /** The demo entry (demo/main.ts): loaded only when the configuration asks for the demo. */
  demoEntry: new URL(BUNDLED ? './demo.mjs' : '../demo/main.ts', here).href,
  /** `npm run health` in demo mode (demo/health.ts): loaded only when nothing is configured. */
  demoHealthEntry: new URL(BUNDLED ? './demo-health.mjs' : '../demo/health.ts', here).href,
};
