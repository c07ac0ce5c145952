// The options page's refusals come as problem keys (shared's tenant problems and the page's own) and are shown from
// _locales: every locale has a sentence for every key, in its own language, naming the value where English does.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { TENANT_MESSAGES } from '../../shared/tenant.ts';
import type { OptionsProblem } from '../../extension/src/worker/tenant-store.ts';

const LOCALES = ['en', 'de', 'fr', 'es', 'ja'] as const;
const read = (locale: string) =>
  JSON.parse(readFileSync(new URL(`../../extension/_locales/${locale}/messages.json`, import.meta.url), 'utf8')) as Record<string, { message: string }>;

/** Every OptionsProblem, listed so that a new one without an entry here does not compile. */
const PROBLEMS: Record<OptionsProblem, true> = {
  ...(Object.fromEntries(Object.keys(TENANT_MESSAGES).map((k) => [k, true])) as Record<keyof typeof TENANT_MESSAGES, true>),
  'portal-url': true,
  'tenant-gone': true,
};

describe('options-page problems in _locales', () => {
  const en = read('en');
  for (const locale of LOCALES) {
    it(`${locale} has a sentence for every problem`, () => {
      const messages = read(locale);
      for (const problem of Object.keys(PROBLEMS)) {
        const key = `problem_${problem.replaceAll('-', '_')}`;
        const text = messages[key]?.message;
        expect(text, key).toBeTruthy();
        expect(text!.includes('$1'), key).toBe(en[key]!.message.includes('$1'));
        if (locale !== 'en') expect(text, `${locale} ${key}`).not.toBe(en[key]!.message);
      }
    });
  }

  it('English says what shared/ says', () => {
    for (const [problem, say] of Object.entries(TENANT_MESSAGES)) {
      expect(en[`problem_${problem.replaceAll('-', '_')}`]!.message).toBe(say({ value: '$1' }));
    }
  });
});
