// `npm run build:console`: the admin console into dist/portal/console (served at /admin/ by routes/admin-console.ts).
// Vite writes into a fresh temporary folder; the hashed assets are then copied next to the ones already served and
// index.html is replaced last with a rename, so a portal serving an earlier build never sees half a build and a page
// it already sent can still load its (older, differently hashed) scripts.
import { cpSync, existsSync, mkdirSync, mkdtempSync, renameSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';
import { consoleViteConfig } from './vite.config.ts';

export const CONSOLE_DIST = fileURLToPath(new URL('../../dist/portal/console/', import.meta.url));

export async function buildConsole(outDir: string = CONSOLE_DIST): Promise<string> {
  mkdirSync(outDir, { recursive: true });
  const staging = mkdtempSync(join(resolve(outDir, '..'), '.console-build-'));
  try {
    await build(consoleViteConfig(staging));
    cpSync(join(staging, 'assets'), join(outDir, 'assets'), { recursive: true, force: false, errorOnExist: false });
    const index = join(outDir, 'index.html');
    renameSync(join(staging, 'index.html'), `${index}.${process.pid}.tmp`);
    renameSync(`${index}.${process.pid}.tmp`, index);
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
  return outDir;
}

export function consoleBuilt(outDir: string = CONSOLE_DIST): boolean {
  return existsSync(join(outDir, 'index.html'));
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const started = performance.now();
  const out = await buildConsole(process.argv[2] ? resolve(process.argv[2]) : CONSOLE_DIST);
  process.stderr.write(`build:console: ${out} (${Math.round(performance.now() - started)} ms)\n`);
}
