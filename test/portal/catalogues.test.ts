// The portal's catalogues against shared/'s problem keys: every language has a sentence for every address, tenant and
// link problem. The `Messages` type makes this a compile error (npm test typechecks first); the @ts-expect-error lines
// below prove it, and the runtime checks catch a catalogue that escaped the type (a cast).
import { describe, expect, it } from 'vitest';
import { CATALOGUES, LANGS, type Messages } from '../../portal/i18n/index.ts';
import { ADDRESS_MESSAGES, type AddressProblem } from '../../shared/address.ts';
import { LINK_MESSAGES } from '../../shared/links.ts';
import { TENANT_MESSAGES } from '../../shared/tenant.ts';

/** A problem table seen generically: key → sentence for a detail carrying every parameter any problem names. */
type Sayings = Record<string, (detail: typeof DETAIL) => string>;
const DETAIL = { character: '#', value: 'contoso', kind: 'x' };

describe('the catalogues', () => {
  it('a catalogue missing one problem sentence does not compile', () => {
    const { plus: _plus, ...withoutPlus } = CATALOGUES.de.addressProblems;
    // @ts-expect-error — 'plus' is missing: every AddressProblem needs a sentence
    const incomplete: Messages['addressProblems'] = withoutPlus;
    // @ts-expect-error — a key shared/ does not have is not a problem
    const misspelt: Messages['tenantProblems'] = { ...CATALOGUES.de.tenantProblems, 'ip-adress': () => '' };
    const unknown: AddressProblem[] = [];
    // @ts-expect-error — problems are a closed set
    unknown.push('no-such-problem');
    expect(Object.keys(incomplete)).not.toContain('plus');
    expect(misspelt).toBeDefined();
  });

  for (const lang of LANGS) {
    it(`${lang} has exactly shared/'s keys, each a non-empty sentence of its own`, () => {
      const m = CATALOGUES[lang];
      for (const [mine, english] of [
        [m.addressProblems, ADDRESS_MESSAGES],
        [m.tenantProblems, TENANT_MESSAGES],
        [m.linkProblems, LINK_MESSAGES],
      ] as unknown as [Sayings, Sayings][]) {
        expect(Object.keys(mine).sort()).toEqual(Object.keys(english).sort());
        for (const [key, say] of Object.entries(mine)) {
          const text = say(DETAIL);
          expect(text.length, key).toBeGreaterThan(5);
          const en = english[key]!(DETAIL);
          if (lang === 'en') expect(text, key).toBe(en);
          else expect(text, `${lang} ${key} is still English`).not.toBe(en);
        }
      }
    });
  }
});
