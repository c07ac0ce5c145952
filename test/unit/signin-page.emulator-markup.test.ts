// The classifier against the Entra emulator's own page renderers (test/emulator/login/pages): the browser suites
// drive the extension against these pages, so classifier and emulator must agree on every state.
import { describe, expect, it } from 'vitest';
import { htmlDocument, jsdomWindow } from './support/dom.ts';
import { classifySignInPage } from '../../shared/signin-page.ts';
import { renderConvergedPasscode, renderConvergedUsername } from '../emulator/login/pages/converged.ts';
import { renderFluentUsername } from '../emulator/login/pages/fluent.ts';
import { renderErrorPage } from '../emulator/login/pages/error-page.ts';
import type { UsernameView } from '../emulator/login/pages/view.ts';
import { STRINGS, type Locale } from '../emulator/login/strings.ts';

const LOCALES: Locale[] = ['en-US', 'ja-JP'];
const RENDERERS = { converged: renderConvergedUsername, fluent: renderFluentUsername };

function usernameView(locale: Locale, authoritySegment: string, error?: (s: (typeof STRINGS)[Locale]) => string): UsernameView {
  const strings = STRINGS[locale];
  return {
    kind: 'username',
    locale,
    strings,
    authoritySegment,
    requestId: 'req-1',
    username: 'jane.doe@gmail.com',
    error: error?.(strings),
    unknownUsernameMessage: strings.accountNotFound,
  };
}

function classify(html: string, segment: string) {
  const url = `https://login.microsoftonline.com/${segment}/login`;
  return classifySignInPage(htmlDocument(html, url));
}

describe.each(Object.entries(RENDERERS))('the emulator’s %s markup', (_name, render) => {
  it.each(LOCALES)('%s: the unknown-account error at /common/ is account-not-found, with the typed address', (locale) => {
    const html = render(usernameView(locale, 'common', (s) => s.accountNotFound));
    expect(classify(html, 'common')).toMatchObject({ state: 'account-not-found', username: 'jane.doe@gmail.com' });
  });

  it.each(LOCALES)('%s: the error at the tenant endpoint is an unknown-address state (its wording only where confirmed)', (locale) => {
    const html = render(usernameView(locale, 'ezaz2281.onmicrosoft.com', (s) => s.usernameMayBeIncorrect));
    // English wording is confirmed by the references; the emulator's Japanese one is not, so structure alone speaks.
    expect(classify(html, 'ezaz2281.onmicrosoft.com')).toMatchObject({ state: locale === 'en-US' ? 'username-may-be-incorrect' : 'unrecognised-username-error' });
  });

  it.each(LOCALES)('%s: the page without an error shows nothing to act on', (locale) => {
    expect(classify(render(usernameView(locale, 'common')), 'common')).toEqual({ state: 'none', reason: 'no-error-shown' });
  });

  it.each(LOCALES)('%s: the (old-reading) throttling message is not mistaken for "not found": it is unrecognised', (locale) => {
    expect(classify(render(usernameView(locale, 'common', (s) => s.throttled)), 'common')).toMatchObject({ state: 'unrecognised-username-error' });
  });
});

describe('the emulator’s other pages', () => {
  it.each(LOCALES)('%s: the AADSTS50020 error page gives the code', (locale) => {
    const html = renderErrorPage({ code: 50020, message: 'User account does not exist in tenant.', locale, now: new Date(0) });
    expect(classify(html, 'ezaz2281.onmicrosoft.com')).toMatchObject({ state: 'aadsts-error', code: 50020 });
  });

  it('the passcode step without an error shows nothing to act on', () => {
    const strings = STRINGS['en-US'];
    const html = renderConvergedPasscode({ kind: 'passcode', locale: 'en-US', strings, authoritySegment: 'ezaz2281.onmicrosoft.com', requestId: 'r', username: 'jane.doe@gmail.com', flowToken: 'f' });
    expect(classify(html, 'ezaz2281.onmicrosoft.com')).toEqual({ state: 'none', reason: 'no-error-shown' });
  });
});
