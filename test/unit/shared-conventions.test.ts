// shared/ runs in the extension's content script as well as in Node: no I/O, no dependencies, no node: imports,
// and every exported function says in one line what it does.
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const dir = new URL('../../shared/', import.meta.url);
const files = readdirSync(dir).filter((f) => f.endsWith('.ts'));

describe('the pure core in shared/', () => {
  it('has the seven modules (the lean tenant core and My Apps link split out for the content script)', () => {
    expect(files.sort()).toEqual(['address.ts', 'authority-rewrite.ts', 'links.ts', 'myapps-link.ts', 'signin-page.ts', 'tenant-core.ts', 'tenant.ts']);
  });

  it.each(files)('%s imports only sibling shared modules', (file) => {
    const text = readFileSync(new URL(file, dir), 'utf8');
    const specifiers = [...text.matchAll(/\bfrom\s+['"]([^'"]+)['"]|\bimport\s*\(\s*['"]([^'"]+)['"]/g)].map((m) => m[1] ?? m[2]);
    for (const s of specifiers) expect(s, `${file} imports ${s}`).toMatch(/^\.\/[a-z-]+\.ts$/);
    expect(text).not.toMatch(/\b(?:require|process|fetch|XMLHttpRequest|localStorage|chrome\.)\b\s*[.(]/);
  });

  it.each(files)('%s documents every exported function in a comment right above it', (file) => {
    const lines = readFileSync(new URL(file, dir), 'utf8').split('\n');
    lines.forEach((line, i) => {
      if (/^export function /.test(line)) expect(lines[i - 1], `${file}:${i + 1} ${line}`).toMatch(/^\/\*\*.*\*\/$|^ \*\/$/);
    });
  });
});
