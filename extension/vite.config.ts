// Vite + @crxjs/vite-plugin build of the extension. `extension/build.ts` runs it for both browsers;
// `npx vite build -c extension/vite.config.ts` builds the Chrome/Edge target alone.
import { fileURLToPath } from 'node:url';
import { crx } from '@crxjs/vite-plugin';
import { defineConfig, type InlineConfig } from 'vite';
import { manifestFor, type TargetBrowser } from './manifest.config.ts';

export const EXTENSION_ROOT = fileURLToPath(new URL('.', import.meta.url));
export const OUT_DIRS: Record<TargetBrowser, string> = {
  chrome: fileURLToPath(new URL('./dist', import.meta.url)),
  firefox: fileURLToPath(new URL('./dist-firefox', import.meta.url)),
};

export function extensionConfig(browser: TargetBrowser): InlineConfig {
  return {
    root: EXTENSION_ROOT,
    configFile: false,
    logLevel: 'warn',
    publicDir: fileURLToPath(new URL('./public', import.meta.url)),
    oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
    plugins: [crx({ manifest: manifestFor(browser), browser })],
    build: {
      outDir: OUT_DIRS[browser],
      emptyOutDir: true,
      target: browser === 'firefox' ? 'firefox128' : 'chrome120',
      minify: true,
      sourcemap: false,
      modulePreload: false, // no inline preload polyfill: the extension pages' CSP forbids inline scripts
    },
  };
}

export default defineConfig(extensionConfig('chrome'));
