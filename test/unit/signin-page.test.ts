import { describe, expect, it } from 'vitest';
import { htmlDocument, jsdomWindow } from './support/dom.ts';
import { classifySignInPage, errorWatch, mayShowError, readTypedUsername, SIGN_IN_SELECTORS, SIGN_IN_TEXT_PATTERNS } from '../../shared/signin-page.ts';
import { GENERIC_URL, ORGANIZATIONS_URL, readSignInFixture, SIGN_IN_FIXTURES, TENANT_URL } from '../fixtures/signin/manifest.ts';

function load(file: string, url: string): Document {
  return htmlDocument(readSignInFixture(file), url);
}

describe('each sign-in page fixture is classified as a guest would experience it', () => {
  it.each(SIGN_IN_FIXTURES.map((f) => [f.shows, f] as const))('%s', (_shows, f) => {
    const doc = load(f.file, f.url);
    const result = classifySignInPage(doc); // URL taken from the document
    expect(result.state).toBe(f.expected);
    if (result.state === 'none') expect(result.reason).toBe(f.reason);
    if (result.state === 'aadsts-error') expect(result.code).toBe(f.code);
    if ('username' in result) expect(result.username).toBe(f.username);
    if (f.username !== undefined) expect(readTypedUsername(doc)).toBe(f.username);
  });
});

describe('structure finds the error; only confirmed wording tells the two unknown-address messages apart', () => {
  // Real-behaviour reference §2: the message depends on the typed address's domain, not on the endpoint.
  it('"couldn’t find" (en, ja) is account-not-found wherever it shows; words no reference confirms are unrecognised', () => {
    for (const file of ['converged-en-account-not-found.html', 'converged-ja-account-not-found.html', 'fluent-ja-account-not-found.html']) {
      for (const url of [GENERIC_URL, ORGANIZATIONS_URL, TENANT_URL]) expect(classifySignInPage(load(file, url)).state, `${file} ${url}`).toBe('account-not-found');
    }
    for (const url of [GENERIC_URL, ORGANIZATIONS_URL, TENANT_URL]) {
      expect(classifySignInPage(load('converged-de-untranslated.html', url)).state).toBe('unrecognised-username-error');
    }
  });

  it('"may be incorrect" at /common/ is its own state (a work account at an Entra domain), not "not found"', () => {
    const doc = load('converged-en-username-may-be-incorrect.html', GENERIC_URL);
    expect(classifySignInPage(doc, { url: TENANT_URL })).toMatchObject({ state: 'username-may-be-incorrect', signal: 'usernameError+text@tenant-endpoint' });
    expect(classifySignInPage(doc, { url: GENERIC_URL })).toMatchObject({ state: 'username-may-be-incorrect', signal: 'usernameError+text@generic-endpoint' });
  });

  it('with no usable URL the English or Japanese text decides, and unknown text is not guessed', () => {
    expect(classifySignInPage(load('converged-ja-account-not-found.html', 'about:blank'))).toMatchObject({ state: 'account-not-found', signal: 'usernameError+text' });
    expect(classifySignInPage(load('converged-en-username-may-be-incorrect.html', 'about:blank'))).toMatchObject({ state: 'username-may-be-incorrect', signal: 'usernameError+text' });
    expect(classifySignInPage(load('converged-de-untranslated.html', 'about:blank'))).toEqual({ state: 'none', reason: 'unrecognised-error' });
    // /consumers/ cannot be rerouted, so only its words could say more
    expect(classifySignInPage(load('converged-de-untranslated.html', 'https://login.microsoftonline.com/consumers/login'))).toEqual({ state: 'none', reason: 'unrecognised-error' });
  });

  it('the personal-account error is told apart by its text, even at a generic endpoint', () => {
    expect(classifySignInPage(load('converged-en-personal-account.html', GENERIC_URL))).toMatchObject({ state: 'personal-account-not-allowed', username: 'sam@outlook.com' });
  });

  it('an AADSTS code shown in the username error container wins over the container', () => {
    const doc = load('converged-en-account-not-found.html', GENERIC_URL);
    doc.querySelector('#usernameError')!.textContent = 'AADSTS90072: The external account that the user signs in with doesn’t exist on the tenant.';
    expect(classifySignInPage(doc)).toEqual({ state: 'aadsts-error', code: 90072, signal: 'AADSTS90072@#usernameError' });
  });

  it('an AADSTS code anywhere in the visible page counts; one hidden in a script or a hidden element does not', () => {
    const doc = load('converged-en-no-error.html', GENERIC_URL);
    const script = doc.createElement('script');
    script.textContent = 'var s = "AADSTS50034";';
    doc.body.append(script);
    const hidden = doc.createElement('div');
    hidden.hidden = true;
    hidden.textContent = 'AADSTS50020';
    doc.body.append(hidden);
    expect(classifySignInPage(doc)).toEqual({ state: 'none', reason: 'no-error-shown' });
    const shown = doc.createElement('p');
    shown.textContent = 'Error code AADSTS50034 occurred.';
    doc.body.append(shown);
    expect(classifySignInPage(doc)).toEqual({ state: 'aadsts-error', code: 50034, signal: 'AADSTS50034@page-text' });
  });
});

describe('declining', () => {
  it('a hidden or empty error container is no error', () => {
    const doc = load('converged-en-account-not-found.html', GENERIC_URL);
    doc.querySelector('#usernameError')!.setAttribute('style', 'display:none');
    doc.querySelector('#i0116')!.classList.remove('has-error');
    expect(classifySignInPage(doc)).toEqual({ state: 'none', reason: 'no-error-shown' });
  });

  it('the has-error class on loginfmt alone still marks a username error, but without words it is unrecognised', () => {
    const doc = load('converged-en-account-not-found.html', GENERIC_URL);
    doc.querySelector('#usernameError')!.remove();
    expect(classifySignInPage(doc)).toMatchObject({ state: 'unrecognised-username-error', signal: 'loginfmt.has-error@generic-endpoint' });
  });

  it('a Fluent username marked invalid without any text is an unrecognised username error', () => {
    const doc = load('fluent-en-no-error.html', GENERIC_URL);
    const input = doc.querySelector<HTMLInputElement>('#usernameEntry')!;
    input.value = 'jane.doe@gmail.com';
    input.setAttribute('aria-invalid', 'true');
    expect(classifySignInPage(doc)).toMatchObject({ state: 'unrecognised-username-error', signal: 'usernameEntry-invalid@generic-endpoint', username: 'jane.doe@gmail.com' });
  });

  it('a message no reference confirms (e.g. a throttling text) is never taken for "not found"', () => {
    const doc = load('converged-en-account-not-found.html', GENERIC_URL);
    doc.querySelector('#usernameError')!.textContent = "We've received too many requests. Please wait a moment and try again.";
    expect(classifySignInPage(doc)).toMatchObject({ state: 'unrecognised-username-error' });
  });

  it('an error outside the username step (e.g. a wrong code) is unrecognised, not a username state', () => {
    const doc = load('converged-en-password-step.html', TENANT_URL);
    const box = doc.createElement('div');
    box.className = 'alert alert-error';
    box.textContent = "That code didn't work.";
    doc.body.append(box);
    expect(classifySignInPage(doc)).toEqual({ state: 'none', reason: 'unrecognised-error' });
  });

  it('Microsoft’s markup on another host, or no Microsoft markup on the right host, is not a sign-in page', () => {
    expect(classifySignInPage(load('converged-en-account-not-found.html', 'https://login.microsoftonline.com.evil.example/common/login'))).toEqual({ state: 'none', reason: 'not-a-sign-in-page' });
    expect(classifySignInPage(load('plain-page.html', GENERIC_URL))).toEqual({ state: 'none', reason: 'not-a-sign-in-page' });
  });

  it('a sub-tree root works as well as the document', () => {
    const doc = load('converged-en-account-not-found.html', GENERIC_URL);
    expect(classifySignInPage(doc.querySelector('form')!)).toMatchObject({ state: 'account-not-found', username: 'jane.doe@gmail.com' });
  });
});

describe('errorWatch: mayShowError cheap enough for every DOM change', () => {
  it('answers as mayShowError on every fixture page', () => {
    for (const f of SIGN_IN_FIXTURES) {
      const doc = load(f.file, f.url);
      expect(errorWatch(doc)(), f.file).toBe(mayShowError(doc));
    }
  });

  it('follows one document through the changes that show and hide errors, in either markup', () => {
    const doc = htmlDocument(
      '<html><head><meta name="PageID" content="ConvergedSignIn"></head><body><div role="alert"></div><input name="loginfmt" id="i0116"><input id="usernameEntry"></body></html>',
    );
    const watch = errorWatch(doc);
    const alert = doc.querySelector('[role=alert]')!;
    const both = () => [watch(), mayShowError(doc)];
    expect(both()).toEqual([false, false]); // built, no error
    alert.textContent = '  \n ';
    expect(both()).toEqual([false, false]); // whitespace only: not :empty, and still no text
    alert.innerHTML = '<!-- ko if: error --><!-- /ko -->';
    expect(both()).toEqual([false, false]); // Knockout's comments only
    alert.innerHTML = '<span>This username may be incorrect.</span>';
    expect(both()).toEqual([true, true]); // Fluent: text in the live region
    alert.innerHTML = '';
    const changes: [() => void, () => void][] = [
      [() => alert.insertAdjacentHTML('beforeend', '<div id="usernameError"></div>'), () => doc.getElementById('usernameError')!.remove()],
      [() => doc.getElementById('i0116')!.classList.add('has-error'), () => doc.getElementById('i0116')!.classList.remove('has-error')],
      [() => doc.getElementById('usernameEntry')!.setAttribute('aria-invalid', 'true'), () => doc.getElementById('usernameEntry')!.removeAttribute('aria-invalid')],
      [() => doc.body.insertAdjacentHTML('beforeend', '<p class="alert-error" id="ae"></p>'), () => doc.getElementById('ae')!.remove()],
      [() => doc.body.insertAdjacentHTML('beforeend', '<p id="service_exception_message"></p>'), () => doc.getElementById('service_exception_message')!.remove()],
      [() => doc.querySelector('meta')!.setAttribute('content', 'ConvergedError'), () => doc.querySelector('meta')!.setAttribute('content', 'ConvergedSignIn')],
    ];
    for (const [show, hide] of changes) {
      show();
      expect(both()).toEqual([true, true]);
      hide();
      expect(both()).toEqual([false, false]);
    }
  });
});

describe('readTypedUsername', () => {
  it('reads what the guest typed into loginfmt even after the page changed it', () => {
    const doc = load('converged-en-no-error.html', GENERIC_URL);
    expect(readTypedUsername(doc)).toBeUndefined();
    doc.querySelector<HTMLInputElement>('input[name=loginfmt]')!.value = '  jane.doe@gmail.com ';
    expect(readTypedUsername(doc)).toBe('jane.doe@gmail.com');
  });

  it('falls back to the identity banner of the Fluent markup, and ignores values with spaces', () => {
    const doc = load('fluent-en-no-error.html', GENERIC_URL);
    doc.querySelector<HTMLInputElement>('#usernameEntry')!.value = 'not an address';
    const banner = doc.createElement('div');
    banner.setAttribute('data-testid', 'identityBanner');
    banner.textContent = 'lee.partner@gmail.com';
    doc.body.append(banner);
    expect(readTypedUsername(doc)).toBe('lee.partner@gmail.com');
  });
});

describe('the signature module', () => {
  it('names the documented selectors and patterns', () => {
    expect(SIGN_IN_SELECTORS.usernameInput).toContain('loginfmt');
    expect(SIGN_IN_SELECTORS.usernameInput).toContain('#i0116');
    expect(SIGN_IN_SELECTORS.nextButton).toBe('#idSIButton9');
    expect(SIGN_IN_SELECTORS.usernameError).toBe('#usernameError');
    expect(SIGN_IN_SELECTORS.fluentUsernameInput).toContain('usernameEntry');
    expect(SIGN_IN_SELECTORS.serviceException).toBe('#service_exception_message');
    expect(SIGN_IN_TEXT_PATTERNS.accountNotFound.some((p) => p.test('We couldn’t find an account with that username.'))).toBe(true);
  });

  it('every selector in it is valid CSS for the DOM', () => {
    const doc = htmlDocument('');
    for (const [name, value] of Object.entries(SIGN_IN_SELECTORS)) {
      if (typeof value !== 'string' || name.startsWith('pageId') || name === 'configMarker' || name === 'hasErrorClass') continue;
      expect(() => doc.querySelectorAll(value), name).not.toThrow();
    }
  });
});
