// The one manifest for Chrome/Edge and Firefox. Least privilege: `storage` plus host access to
// login.microsoftonline.com only (test/extension/manifest.test.ts pins this on the built output).
import { defineManifest } from '@crxjs/vite-plugin';
import pkg from '../package.json' with { type: 'json' };

export type TargetBrowser = 'chrome' | 'firefox';

export const SIGN_IN_MATCH = 'https://login.microsoftonline.com/*';
export const GECKO_ID = 'guestpass@guestpass.dev';

// Store listings and the toolbar need icons; they are static files from public/icons/.
const ICONS = { 16: 'icons/icon-16.png', 32: 'icons/icon-32.png', 48: 'icons/icon-48.png', 128: 'icons/icon-128.png' };

export function manifestFor(browser: TargetBrowser) {
  return defineManifest({
    manifest_version: 3,
    name: '__MSG_extName__',
    short_name: 'guestpass',
    description: '__MSG_extDescription__',
    version: pkg.version,
    default_locale: 'en',
    icons: ICONS,
    permissions: ['storage'],
    host_permissions: [SIGN_IN_MATCH],
    background:
      browser === 'firefox'
        ? { scripts: ['src/worker/service-worker.ts'] }
        : { service_worker: 'src/worker/service-worker.ts', type: 'module' },
    content_scripts: [
      {
        matches: [SIGN_IN_MATCH],
        js: ['src/content-script/signin.iife.ts'],
        run_at: 'document_start',
        all_frames: false,
      },
    ],
    action: { default_popup: 'src/pages/popup/index.html', default_title: '__MSG_extName__', default_icon: ICONS },
    options_ui: { page: 'src/pages/options/index.html', open_in_tab: true },
    storage: { managed_schema: 'managed_schema.json' },
    ...(browser === 'firefox'
      ? { browser_specific_settings: { gecko: { id: GECKO_ID, strict_min_version: '128.0', data_collection_permissions: { required: ['none'] } } } }
      : { minimum_chrome_version: '120' }),
  });
}
