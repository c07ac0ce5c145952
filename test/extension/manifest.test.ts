// Pins what the BUILT extension asks for (npm test builds before vitest runs).
import { readdirSync, readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';

const dist = (p: string) => new URL(`../../extension/dist/${p}`, import.meta.url);
const firefox = (p: string) => new URL(`../../extension/dist-firefox/${p}`, import.meta.url);
const read = (u: URL) => JSON.parse(readFileSync(u, 'utf8'));

describe('built manifest (extension/dist)', () => {
  const manifest = read(dist('manifest.json'));

  it('asks for storage and login.microsoftonline.com only', () => {
    expect(manifest.manifest_version).toBe(3);
    expect(manifest.permissions).toEqual(['storage']);
    expect(manifest.host_permissions).toEqual(['https://login.microsoftonline.com/*']);
    expect(manifest.optional_permissions).toBeUndefined();
    expect(manifest.optional_host_permissions).toBeUndefined();
    expect(manifest.externally_connectable).toBeUndefined();
    expect(manifest.web_accessible_resources ?? []).toEqual([]);
    expect(manifest.content_security_policy).toBeUndefined(); // the MV3 default: no remote code
  });

  it('runs one self-contained content script at document_start on the sign-in host only', () => {
    expect(manifest.content_scripts).toHaveLength(1);
    const [cs] = manifest.content_scripts;
    expect(cs.matches).toEqual(['https://login.microsoftonline.com/*']);
    expect(cs.run_at).toBe('document_start');
    expect(cs.js).toHaveLength(1);
    const code = readFileSync(dist(cs.js[0]), 'utf8');
    expect(code).not.toMatch(/\bimport\s*\(|^import |chrome\.runtime\.getURL/m); // no loader, no dynamic import
    expect(code).not.toContain('preact');
  });

  it('ships every icon it names, so the toolbar and store listings show one', () => {
    const sizes = Object.keys(manifest.icons);
    expect(sizes).toEqual(['16', '32', '48', '128']);
    for (const path of Object.values(manifest.icons) as string[]) {
      const png = readFileSync(dist(path));
      expect(png.subarray(1, 4).toString('latin1'), path).toBe('PNG');
    }
    expect(manifest.action.default_icon).toEqual(manifest.icons);
  });

  it('ships the managed-policy schema and five UI languages', () => {
    expect(manifest.storage.managed_schema).toBe('managed_schema.json');
    const schema = read(dist('managed_schema.json'));
    expect(Object.keys(schema.properties)).toEqual(['mode', 'learning', 'tenants']);
    expect(manifest.default_locale).toBe('en');
    const locales = readdirSync(dist('_locales')).sort();
    expect(locales).toEqual(['de', 'en', 'es', 'fr', 'ja']);
    const keys = Object.keys(read(dist('_locales/en/messages.json'))).sort();
    for (const l of locales) expect(Object.keys(read(dist(`_locales/${l}/messages.json`))).sort(), l).toEqual(keys);
  });

  it('no built file refers to a remote script', () => {
    const files = readdirSync(dist(''), { recursive: true, withFileTypes: false }) as string[];
    for (const f of files.filter((f) => /\.(js|html)$/.test(f))) {
      expect(readFileSync(dist(f), 'utf8'), f).not.toMatch(/<script[^>]+src=["']https?:|importScripts\(["']https?:/);
    }
  });

  it('the content script stays small (gzip, reported by the benchmark; a hard ceiling here)', () => {
    const code = readFileSync(dist(manifest.content_scripts[0].js[0]));
    expect(gzipSync(code).length).toBeLessThan(8 * 1024);
  });
});

describe('Firefox build and store packages', () => {
  it('the Firefox manifest has a gecko id and background scripts, with the same permissions', () => {
    const m = read(firefox('manifest.json'));
    expect(m.browser_specific_settings.gecko.id).toBe('guestpass@guestpass.dev');
    expect(m.background.scripts).toHaveLength(1);
    expect(m.background.service_worker).toBeUndefined();
    expect(m.permissions).toEqual(['storage']);
    expect(m.host_permissions).toEqual(['https://login.microsoftonline.com/*']);
  });

  it('zips for Chrome/Edge and Firefox have manifest.json at their root', () => {
    const dir = new URL('../../extension/packages/', import.meta.url);
    const zips = readdirSync(dir).filter((f) => f.endsWith('.zip')).sort();
    expect(zips.some((z) => z.startsWith('guestpass-chrome-edge-'))).toBe(true);
    expect(zips.some((z) => z.startsWith('guestpass-firefox-'))).toBe(true);
    for (const z of zips) {
      const files = unzipSync(readFileSync(new URL(z, dir)));
      expect(Object.keys(files), z).toContain('manifest.json');
      expect(Object.keys(files).some((f) => f.startsWith('.vite/')), z).toBe(false);
    }
  });
});
