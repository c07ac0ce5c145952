// Vite build of the admin console (a Preact single-page app served by the portal at /admin/). `portal/console/build.ts`
// runs it for `npm run build:console`, `npm run build:portal` (and so `npm start`) and `npm test`.
import { fileURLToPath } from 'node:url';
import type { InlineConfig } from 'vite';

export const CONSOLE_ROOT = fileURLToPath(new URL('.', import.meta.url));

export function consoleViteConfig(outDir: string): InlineConfig {
  return {
    root: CONSOLE_ROOT,
    configFile: false,
    logLevel: 'warn',
    base: '/admin/',
    publicDir: false,
    oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
    build: {
      outDir,
      emptyOutDir: true,
      target: 'es2022',
      minify: true,
      sourcemap: false,
      // No inline module-preload polyfill: the console's CSP is `script-src 'self'` (no inline script at all).
      modulePreload: { polyfill: false },
      assetsInlineLimit: 0, // nothing as data: URLs (the CSP has no data: sources)
      rollupOptions: { input: fileURLToPath(new URL('./index.html', import.meta.url)) },
    },
  };
}
