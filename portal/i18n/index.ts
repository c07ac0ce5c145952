// Language choice: `?lang=` (so the language switch works with JavaScript off), else Accept-Language, else English.
// To add a language: add `<code>.ts` typed as `Messages` and list it in CATALOGUES (the extension's five languages).
import { de } from './de.ts';
import { en, type Messages } from './en.ts';
import { es } from './es.ts';
import { fr } from './fr.ts';
import { ja } from './ja.ts';

export type { Messages } from './en.ts';

export const CATALOGUES = { en, de, fr, es, ja } as const satisfies Record<string, Messages>;
export type Lang = keyof typeof CATALOGUES;
export const LANGS = Object.keys(CATALOGUES) as Lang[];

/** The supported language a tag names (`fr`, `fr-CA`, `JA-jp` …), or undefined. */
export function langOf(tag: unknown): Lang | undefined {
  if (typeof tag !== 'string') return undefined;
  const base = tag.trim().toLowerCase().split('-')[0] ?? '';
  return Object.hasOwn(CATALOGUES, base) ? (base as Lang) : undefined;
}

/** Picks the best supported language from an Accept-Language header (q-values honoured, region ignored). */
export function negotiateLang(acceptLanguage: string | undefined, override?: unknown): Lang {
  const chosen = langOf(override);
  if (chosen) return chosen;
  if (!acceptLanguage) return 'en';
  const ranked = acceptLanguage
    .slice(0, 512) // a header is not a place for an essay
    .split(',')
    .map((part, index) => {
      const [tag = '', ...params] = part.trim().split(';');
      const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
      const weight = q ? Number(q.slice(2)) : 1;
      return { lang: langOf(tag), weight: Number.isFinite(weight) ? weight : 0, index };
    })
    .filter((r) => r.weight > 0 && r.lang !== undefined)
    .sort((a, b) => b.weight - a.weight || a.index - b.index);
  return ranked[0]?.lang ?? 'en';
}

export function messages(lang: Lang): Messages {
  return CATALOGUES[lang];
}
