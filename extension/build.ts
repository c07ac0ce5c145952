// `npm run build:extension`: Chrome/Edge build into extension/dist, Firefox build into extension/dist-firefox,
// and store zips of both into extension/packages. Vite runs programmatically; fflate zips.
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { zipSync, type Zippable } from 'fflate';
import { build } from 'vite';
import { extensionConfig, OUT_DIRS } from './vite.config.ts';
import type { TargetBrowser } from './manifest.config.ts';

const PACKAGES = fileURLToPath(new URL('./packages', import.meta.url));

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

/** Zip with manifest.json at the root and a fixed timestamp, so the same sources give the same bytes. */
export function zipFolder(dir: string): Uint8Array {
  const files: Zippable = {};
  for (const path of filesUnder(dir).sort()) {
    if (path.includes(`${join(dir, '.vite')}`)) continue; // vite's own build manifest is not part of the extension
    files[relative(dir, path).split('\\').join('/')] = [readFileSync(path), { mtime: new Date('2026-01-01T00:00:00Z') }];
  }
  return zipSync(files, { level: 9 });
}

export async function buildExtension(browsers: TargetBrowser[] = ['chrome', 'firefox']): Promise<string[]> {
  const version = (JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }).version;
  mkdirSync(PACKAGES, { recursive: true });
  const written: string[] = [];
  for (const browser of browsers) {
    await build(extensionConfig(browser));
    const zipName = browser === 'chrome' ? `guestpass-chrome-edge-${version}.zip` : `guestpass-firefox-${version}.zip`;
    const zipPath = join(PACKAGES, zipName);
    writeFileSync(zipPath, zipFolder(OUT_DIRS[browser]));
    written.push(OUT_DIRS[browser], zipPath);
  }
  return written;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const started = Date.now();
  buildExtension().then(
    (paths) => {
      for (const p of paths) console.log(`  ${relative(process.cwd(), p)}`);
      console.log(`extension built in ${Date.now() - started} ms`);
    },
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
}
