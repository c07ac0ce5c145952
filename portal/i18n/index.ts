// Language choice: `?lang=` (so a language link works with JavaScript off), else Accept-Language, else English.
// To add a language: add `<code>.ts` typed as `Messages` and list it in CATALOGUES.
import { de } from './de.ts';
import { en, type Messages } from './en.ts';

export type { Messages } from './en.ts';

export const CATALOGUES = { en, de } as const satisfies Record<string, Messages>;
export type Lang = keyof typeof CATALOGUES;
export const LANGS = Object.keys(CATALOGUES) as Lang[];

function isLang(value: string): value is Lang {
  return Object.hasOwn(CATALOGUES, value);
}

/** Picks the best supported language from an Accept-Language header (q-values honoured, region ignored). */
export function negotiateLang(acceptLanguage: string | undefined, override?: unknown): Lang {
  if (typeof override === 'string' && isLang(override)) return override;
  if (!acceptLanguage) return 'en';
  const ranked = acceptLanguage
    .slice(0, 512) // a header is not a place for an essay
    .split(',')
    .map((part, index) => {
      const [tag = '', ...params] = part.trim().split(';');
      const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
      const weight = q ? Number(q.slice(2)) : 1;
      return { base: tag.trim().toLowerCase().split('-')[0] ?? '', weight: Number.isFinite(weight) ? weight : 0, index };
    })
    .filter((r) => r.weight > 0)
    .sort((a, b) => b.weight - a.weight || a.index - b.index);
  return ranked.find((r) => isLang(r.base))?.base as Lang | undefined ?? 'en';
}

export function messages(lang: Lang): Messages {
  return CATALOGUES[lang];
}
