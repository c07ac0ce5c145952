// `npm run build:portal` (also run by `npm start` through `prestart`): the portal as ESM bundles in dist/portal, run
// by plain node. Plain node skips tsx's loader (a second thread and its transform cache: ~40 MB of RSS and slower
// start). Four entries: main.mjs (the live portal: never imports the emulator, runs on the production dependencies),
// demo.mjs (demo/main.ts: emulator + portal, loaded by main.mjs only in demo mode), health.mjs (`npm run health`,
// production dependencies only) and demo-health.mjs (demo/health.ts, loaded by health.mjs only in demo mode). Dynamic imports become
// separate chunks, so the resend feature is only read from disk when it is used. Entries and chunks sit side by
// side, with public/ copied next to them: the live portal finds its files relative to itself (portal/paths.ts), so
// dist/ can be copied anywhere (with package.json two levels up). node_modules stay external.
import { cpSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const ROOT = resolve(import.meta.dirname, '..');
export const PORTAL_DIST = join(ROOT, 'dist', 'portal');

interface EsbuildPlugin {
  name: string;
  setup(build: {
    onLoad(options: { filter: RegExp }, callback: (args: { path: string }) => { contents: string; loader: string } | undefined): void;
  }): void;
}
interface Esbuild {
  build(options: Record<string, unknown>): Promise<{ warnings: { text: string }[]; outputFiles: { path: string; contents: Uint8Array }[] }>;
}

/**
 * esbuild comes with tsx, a dev dependency: build where the development dependencies are installed, then run dist/
 * on production dependencies only (portal/README.md, "Running in production").
 */
function loadEsbuild(): Esbuild {
  const here = createRequire(import.meta.url);
  try {
    return here('esbuild') as Esbuild;
  } catch {
    return createRequire(here.resolve('tsx'))('esbuild') as Esbuild;
  }
}

/**
 * The emulator's files (test/, demo bundle only) find their neighbours (certificates, page assets) through
 * `import.meta.url`: each keeps its own source location in the bundle, so those paths mean what they mean under tsx.
 * The portal's own files do not (portal/paths.ts resolves them next to the bundle).
 */
const keepSourceLocation: EsbuildPlugin = {
  name: 'keep-source-location',
  setup(build) {
    build.onLoad({ filter: /\.tsx?$/ }, (args) => {
      if (!args.path.startsWith(join(ROOT, 'test') + '/')) return undefined;
      const source = readFileSync(args.path, 'utf8');
      if (!source.includes('import.meta.')) return { contents: source, loader: args.path.endsWith('x') ? 'tsx' : 'ts' };
      const url = JSON.stringify(pathToFileURL(args.path).href);
      const contents = source
        .replaceAll('import.meta.url', url)
        .replaceAll('import.meta.dirname', JSON.stringify(resolve(args.path, '..')))
        .replaceAll('import.meta.filename', JSON.stringify(args.path));
      return { contents, loader: args.path.endsWith('x') ? 'tsx' : 'ts' };
    });
  },
};

/**
 * Writes each output file through a temporary name and a rename, and leaves older chunks in place (their names carry a
 * content hash): a portal already running from an earlier build can still load its lazily imported chunks, and a
 * parallel build or start never reads half a file.
 */
export async function buildPortal(outDir: string = PORTAL_DIST): Promise<string> {
  const result = await loadEsbuild().build({
    entryPoints: {
      main: join(ROOT, 'portal', 'main.ts'),
      demo: join(ROOT, 'demo', 'main.ts'),
      health: join(ROOT, 'portal', 'health', 'main.ts'),
      'demo-health': join(ROOT, 'demo', 'health.ts'),
    },
    bundle: true,
    splitting: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    jsx: 'automatic',
    jsxImportSource: 'preact',
    outdir: outDir,
    outExtension: { '.js': '.mjs' },
    chunkNames: '[name]-[hash]', // beside the entries: every file of the bundle has the same import.meta.url directory
    sourcemap: 'linked',
    write: false,
    plugins: [keepSourceLocation],
    logLevel: 'silent',
  });
  for (const warning of result.warnings) process.stderr.write(`build:portal warning: ${warning.text}\n`);
  // Chunks first, the entries last: once an entry is replaced, everything it imports is already there.
  const isEntry = (path: string) => ['/main.mjs', '/demo.mjs', '/health.mjs', '/demo-health.mjs'].some((entry) => path.endsWith(entry));
  const files = [...result.outputFiles].sort((a, b) => Number(isEntry(a.path)) - Number(isEntry(b.path)));
  for (const file of files) {
    mkdirSync(dirname(file.path), { recursive: true });
    const tmp = `${file.path}.${process.pid}.tmp`;
    writeFileSync(tmp, file.contents);
    renameSync(tmp, file.path);
  }
  cpSync(join(ROOT, 'portal', 'public'), join(outDir, 'public'), { recursive: true });
  pruneOldChunks(outDir, new Set(files.map((f) => f.path)));
  return join(outDir, 'main.mjs');
}

/** Chunks of earlier builds, once no portal started within the last day can still need them. */
function pruneOldChunks(dir: string, current: ReadonlySet<string>): void {
  const dayAgo = Date.now() - 86_400_000;
  for (const name of readdirSync(dir)) {
    if (!/-[A-Z0-9]{8}\.mjs(\.map)?$/.test(name)) continue; // chunks only (name-HASH.mjs): not entries, public/, console/
    const path = join(dir, name);
    if (!current.has(path) && statSync(path).mtimeMs < dayAgo) rmSync(path, { force: true });
  }
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.filename)) {
  const started = performance.now();
  const entry = await buildPortal(process.argv[2] ? resolve(process.argv[2]) : PORTAL_DIST);
  process.stderr.write(`build:portal: ${entry} (${Math.round(performance.now() - started)} ms)\n`);
}
