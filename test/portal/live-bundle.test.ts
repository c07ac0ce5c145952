// Product code never depends on test code: portal/, extension/ and shared/ import nothing from test/ (or demo/), the live bundle
// (dist/portal/main.mjs and everything it can load) carries no emulator code and loads only production dependencies,
// and every production dependency is one the portal uses.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildPortal } from '../../portal/build.ts';

const ROOT = resolve(import.meta.dirname, '..', '..');
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { dependencies: Record<string, string>; devDependencies: Record<string, string> };
const PRODUCTION = new Set(Object.keys(pkg.dependencies));

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === 'node_modules' ? [] : sourceFiles(path);
    return /\.(ts|tsx)$/.test(name) ? [path] : [];
  });
}

/** Every module specifier a file imports (static, dynamic with a literal, re-exports). */
function specifiers(source: string): string[] {
  const out: string[] = [];
  for (const m of source.matchAll(/(?:^|[\s;])(?:import|export)\s[^'"`;]*?from\s*['"]([^'"]+)['"]|import\s*\(\s*['"]([^'"]+)['"]\s*\)|^import\s+['"]([^'"]+)['"]/gm)) {
    out.push((m[1] ?? m[2] ?? m[3])!);
  }
  return out;
}

const packageOf = (spec: string) => (spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0]!);
const isBare = (spec: string) => !spec.startsWith('.') && !spec.startsWith('/') && !spec.startsWith('node:');

/** main.mjs and every file of the bundle it can load, following relative imports. */
function liveBundle(entry: string): Map<string, string> {
  const files = new Map<string, string>();
  const visit = (path: string) => {
    if (files.has(path)) return;
    const source = readFileSync(path, 'utf8');
    files.set(path, source);
    for (const spec of specifiers(source)) if (spec.startsWith('.')) visit(resolve(dirname(path), spec));
  };
  visit(entry);
  return files;
}

describe('product code and test code', () => {
  it('portal/, extension/ and shared/ import nothing from test/ or demo/', () => {
    const offenders: string[] = [];
    for (const file of ['portal', 'extension', 'shared'].flatMap((dir) => sourceFiles(join(ROOT, dir)))) {
      for (const spec of specifiers(readFileSync(file, 'utf8'))) {
        if (!spec.startsWith('.')) continue;
        const target = relative(ROOT, resolve(dirname(file), spec));
        if (target.startsWith('test/') || target.startsWith('demo/')) offenders.push(`${relative(ROOT, file)} → ${spec}`);
      }
    }
    expect(offenders).toEqual([]);
  });

  describe('the live bundle', () => {
    let files: Map<string, string>;
    beforeAll(async () => {
      files = liveBundle(await buildPortal());
    });

    it('contains no emulator or demo code', () => {
      expect(files.size).toBeGreaterThan(1); // main.mjs and its lazily loaded chunks (resend, Graph client)
      for (const [path, source] of files) {
        expect(source, path).not.toMatch(/test\/emulator|createEmulatorApp|DEMO_PORTAL_APP|demo-only-secret|@peculiar\/x509|withDemoTenants/);
        expect(path.endsWith('demo.mjs'), path).toBe(false);
      }
    });

    it('loads only production dependencies', () => {
      const used = new Set<string>();
      for (const source of files.values()) for (const spec of specifiers(source)) if (isBare(spec)) used.add(packageOf(spec));
      expect([...used].filter((name) => !PRODUCTION.has(name))).toEqual([]);
    });
  });

  it('lists as production dependencies only packages the portal imports (emulator-only and unused ones are dev or gone)', () => {
    const imported = new Set<string>();
    for (const file of sourceFiles(join(ROOT, 'portal'))) {
      if (file.startsWith(join(ROOT, 'portal', 'console') + '/') || file.endsWith('/build.ts')) continue; // build tools
      for (const spec of specifiers(readFileSync(file, 'utf8'))) if (isBare(spec)) imported.add(packageOf(spec));
    }
    expect([...PRODUCTION].filter((name) => !imported.has(name))).toEqual([]);
    expect(pkg.devDependencies['@peculiar/x509']).toBeDefined(); // the emulator's certificates
    expect(PRODUCTION.has('express-rate-limit')).toBe(false);
  });
});
