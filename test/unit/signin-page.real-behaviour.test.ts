// The classifier on the page states the real-behaviour reference describes (fixtures in
// test/fixtures/signin/real-pages.ts, each naming its paragraph): structure and ids decide; text only breaks the
// tie between the two confirmed unknown-address messages.
import { describe, expect, it } from 'vitest';
import { htmlDocument } from './support/dom.ts';
import { classifySignInPage, signInStep } from '../../shared/signin-page.ts';
import {
  accountTypeViewBody,
  builtPage,
  fluentPasswordStepBody,
  passwordStepBody,
  REAL_TEXT,
  servedPage,
  usernameErrorNode,
  usernameStepBody,
} from '../fixtures/signin/real-pages.ts';
import { GENERIC_URL, TENANT_URL } from '../fixtures/signin/manifest.ts';

const GMAIL = 'jane.doe@gmail.com';
const doc = (html: string, url = GENERIC_URL) => htmlDocument(html, url);

describe('the page as served and as built (real-behaviour §1)', () => {
  it('the served page — empty hidden body, $Config with sErrorCode 50058 on a clean load — shows no error', () => {
    expect(classifySignInPage(doc(servedPage()))).toEqual({ state: 'none', reason: 'no-error-shown' });
  });

  it('the built username step with the hidden off-screen #i0118 is the username step, with no error', () => {
    const d = doc(builtPage(usernameStepBody()));
    expect(signInStep(d)).toBe('username');
    expect(classifySignInPage(d)).toEqual({ state: 'none', reason: 'no-error-shown' });
  });

  it.each(['error ext-error', 'col-md-24 error ext-error'])('"couldn’t find" with its link inside #usernameError (class %s) is account-not-found', (errorClass) => {
    const d = doc(builtPage(usernameStepBody({ value: GMAIL, errorHtml: REAL_TEXT.notFoundHtml, errorClass })));
    expect(classifySignInPage(d)).toEqual({ state: 'account-not-found', signal: 'usernameError+text@generic-endpoint', username: GMAIL });
  });

  it('while the body is still hidden, an error inside it is not shown', () => {
    const html = builtPage(usernameStepBody({ value: GMAIL, errorHtml: REAL_TEXT.notFoundHtml })).replace('<body class="cb">', '<body class="cb" style="display: none">');
    expect(classifySignInPage(doc(html))).toEqual({ state: 'none', reason: 'no-error-shown' });
  });

  it('the error node inserted, removed and inserted again: the state follows it', () => {
    const d = doc(builtPage(usernameStepBody({ value: GMAIL })));
    const alert = d.querySelector('[role=alert]')!;
    expect(classifySignInPage(d).state).toBe('none');
    alert.innerHTML = usernameErrorNode(REAL_TEXT.notFoundHtml);
    expect(classifySignInPage(d).state).toBe('account-not-found');
    alert.innerHTML = '';
    expect(classifySignInPage(d)).toEqual({ state: 'none', reason: 'no-error-shown' });
    d.querySelector<HTMLInputElement>('#i0116')!.value = 'lee.partner@gmail.com';
    alert.innerHTML = usernameErrorNode(REAL_TEXT.notFoundHtml);
    expect(classifySignInPage(d)).toMatchObject({ state: 'account-not-found', username: 'lee.partner@gmail.com' });
  });
});

describe('which unknown-address message (real-behaviour §2)', () => {
  it('"This username may be incorrect" at /common is a work account at an Entra domain, not "not found"', () => {
    const d = doc(builtPage(usernameStepBody({ value: 'someone@beyondkey.com', errorHtml: REAL_TEXT.mayBeIncorrect })));
    expect(classifySignInPage(d)).toMatchObject({ state: 'username-may-be-incorrect', username: 'someone@beyondkey.com' });
  });

  it('a message in a language no reference confirms is an unrecognised username error (offered, never automatic)', () => {
    const d = doc(builtPage(usernameStepBody({ value: GMAIL, errorHtml: 'Wir konnten kein Konto mit diesem Benutzernamen finden.' })));
    expect(classifySignInPage(d)).toMatchObject({ state: 'unrecognised-username-error', username: GMAIL });
  });

  it('"Enter a valid email address" after a bare name is not an unknown address', () => {
    const d = doc(builtPage(usernameStepBody({ value: 'jane', errorHtml: REAL_TEXT.invalid })));
    expect(classifySignInPage(d)).toEqual({ state: 'none', reason: 'unrecognised-error' });
  });
});

describe('never the password step (real-behaviour §1)', () => {
  it('a wrong password (#passwordError, visible #i0118) is no username state, at /common or a tenant', () => {
    for (const url of [GENERIC_URL, TENANT_URL]) {
      const d = doc(builtPage(passwordStepBody({ identity: 'sam@contoso.com', errorHtml: REAL_TEXT.wrongPasswordHtml })), url);
      expect(signInStep(d)).toBe('password');
      expect(classifySignInPage(d).state).toBe('none');
    }
  });

  it('even with a stale username error left in the page, a visible password input means it is not the username step', () => {
    const html = builtPage(passwordStepBody({ identity: 'sam@contoso.com', errorHtml: REAL_TEXT.wrongPasswordHtml }) + usernameErrorNode(REAL_TEXT.notFoundHtml));
    expect(classifySignInPage(doc(html))).toEqual({ state: 'none', reason: 'not-the-username-step' });
  });

  it('the Fluent password step with its error in the live region is no username state, even with a hidden username entry', () => {
    const body = fluentPasswordStepBody({ identity: 'sam@contoso.com', errorHtml: 'Your account or password is incorrect.' });
    expect(classifySignInPage(doc(builtPage(body))).state).toBe('none');
    const withEntry = body.replace('<main>', '<main><input id="usernameEntry" style="display: none" value="sam@contoso.com">');
    expect(classifySignInPage(doc(builtPage(withEntry)))).toEqual({ state: 'none', reason: 'not-the-username-step' });
  });
});

describe('throttling (real-behaviour §3)', () => {
  it('the account-type view shown instead of an error text is nothing to act on', () => {
    expect(classifySignInPage(doc(builtPage(accountTypeViewBody())))).toEqual({ state: 'none', reason: 'no-error-shown' });
  });
});
