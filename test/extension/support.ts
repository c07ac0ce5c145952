// Test helpers for the extension's unit suites: in-memory storage areas and the real _locales strings.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { StorageArea } from '../../extension/src/common/settings.ts';

export function memoryArea(initial: Record<string, unknown> = {}): StorageArea & { data: Record<string, unknown> } {
  const data: Record<string, unknown> = structuredClone(initial);
  return {
    data,
    async get(keys) {
      if (keys == null) return structuredClone(data);
      const list = Array.isArray(keys) ? keys : [keys];
      const out: Record<string, unknown> = {};
      for (const k of list) if (k in data) out[k] = structuredClone(data[k]);
      return out;
    },
    async set(items) {
      Object.assign(data, structuredClone(items));
    },
    async remove(keys) {
      for (const k of Array.isArray(keys) ? keys : [keys]) delete data[k];
    },
  };
}

/** A managed area that behaves like Firefox without a policy: get() rejects. */
export const rejectingArea: StorageArea = {
  get: () => Promise.reject(new Error('Managed storage manifest not found')),
};

// Resolved as a path: under the jsdom environment the global URL is jsdom's.
const LOCALES = join(dirname(fileURLToPath(import.meta.url)), '../../extension/_locales');

/** chrome.i18n.getMessage over the shipped messages.json of one locale (positional $1…$9). */
export function translator(locale = 'en') {
  const messages = JSON.parse(readFileSync(join(LOCALES, locale, 'messages.json'), 'utf8')) as Record<
    string,
    { message: string }
  >;
  return (key: string, subs?: string[]): string => {
    if (key === '@@ui_locale') return locale;
    const m = messages[key]?.message;
    if (m === undefined) return '';
    return m.replace(/\$(\d)/g, (_, n: string) => subs?.[Number(n) - 1] ?? '');
  };
}

/** Tick the microtask queue so MutationObserver callbacks and resolved promises have run. */
export const settle = () => new Promise((r) => setTimeout(r, 0));
