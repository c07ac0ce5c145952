// The username page as Microsoft serves it (real-behaviour §1): an empty, hidden body holding only scripts, a
// `<noscript>` that leads to /jsdisabled, and a `$Config` of a few dozen plausible keys — including
// `"sErrorCode":"50058"` and `"arrValErrs":["50058"]` on an ordinary first load, with no error shown. The form
// (either markup) is built after load by the page's own script (assets/signin.js), which also inserts and removes
// the error node. The emulator's own keys are the `str` strings, `iUsernameError` and `sMarkup`.
import { randomUUID } from 'node:crypto';
import { escapeHtml as e, scriptJson } from '../html.ts';
import { SIGN_IN_SCRIPT_PATH } from './converged.ts';
import type { UsernameView } from './view.ts';

/** Which username error the script shows as soon as it has built the page (a server-side re-check said so). */
export type UsernameErrorKind = 'not-found' | 'may-be-incorrect' | 'invalid';
const ERROR_CODES: Record<UsernameErrorKind, number> = { 'not-found': 1, 'may-be-incorrect': 2, invalid: 3 };

export interface CapturedUsernameView extends UsernameView {
  markup: 'converged' | 'fluent';
  errorKind?: UsernameErrorKind;
}

const LOGIN = 'https://login.microsoftonline.com';

function capturedConfig(view: CapturedUsernameView) {
  const s = view.strings;
  const base = `/${view.authoritySegment}`;
  const lcid = view.locale === 'ja-JP' ? 1041 : 1033;
  const ids = { correlationId: randomUUID(), sessionId: randomUUID() };
  return {
    fShowPersistentCookiesWarning: false,
    urlMsaSignUp: `https://login.live.com/oauth20_authorize.srf?lc=${lcid}&mkt=${view.locale}&signup=1`,
    urlMsaLogout: 'https://login.live.com/logout.srf?iframed_by=https%3a%2f%2flogin.microsoftonline.com',
    urlOtherIdpForget: 'https://login.live.com/forgetme.srf?iframed_by=https%3a%2f%2flogin.microsoftonline.com',
    showCantAccessAccountLink: true,
    fEnableShowResendCode: true,
    iShowResendCodeDelay: 90000,
    fUseInlinePhoneNumber: true,
    fDetectBrowserCapabilities: true,
    urlSessionState: `${LOGIN}/common/DeviceCodeStatus`,
    urlResetPassword: `https://passwordreset.microsoftonline.com/?ru=${encodeURIComponent(`${LOGIN}${base}/reprocess`)}`,
    urlGetCredentialType: `${base}/GetCredentialType?mkt=${view.locale}`,
    urlGetOneTimeCode: `${LOGIN}/common/GetOneTimeCode`,
    urlLogout: `${LOGIN}/common/uxlogout`,
    urlForget: `${LOGIN}/forgetuser`,
    urlDisambigRename: 'https://go.microsoft.com/fwlink/p/?LinkID=733247',
    urlDssoStatus: `${LOGIN}/common/instrumentation/dssostatus`,
    urlFidoHelp: 'https://go.microsoft.com/fwlink/?LinkId=2037012',
    urlPostAad: `${base}/login`,
    urlPost: `${base}/login`,
    urlNoCookies: `${LOGIN}/cookiesdisabled`,
    urlAadSignup: `https://signup.microsoft.com/signup?origin=ests&culture=${view.locale}`,
    fCBShowSignUp: true,
    fKMSIEnabled: false,
    iLoginMode: 1,
    fAllowPhoneSignIn: true,
    fAllowPhoneInput: true,
    fAllowSkypeNameLogin: true,
    iMaxPollErrors: 5,
    iPollingTimeout: 300,
    srsSuccess: true,
    fShowSwitchUser: true,
    // real-behaviour §1: present on an ordinary first load, with no error shown.
    arrValErrs: ['50058'],
    sErrorCode: '50058',
    sErrTxt: '',
    sResetPasswordPrefillParam: 'username',
    fSwitchDisambig: true,
    iRemoteNgcPollingType: 2,
    fUseNewNoPasswordTypes: true,
    sCloudInstanceName: 'microsoftonline.com',
    fShowSignInOptionsAsButton: true,
    fUpdateLoginHint: true,
    sPOST_Username: view.username,
    sFT: '',
    sFTName: 'flowToken',
    sCtx: view.requestId,
    iPawnIcon: 0,
    sUnauthSessionID: randomUUID(),
    country: 'US',
    hpgid: 1104,
    pgid: 'ConvergedSignIn',
    apiCanary: randomUUID().replace(/-/g, ''),
    canary: randomUUID().replace(/-/g, ''),
    ...ids,
    locale: { mkt: view.locale, lcid },
    slMaxRetry: 2,
    slReportFailure: true,
    serverDetails: { slc: 'ProdSlices', dc: 'EMULATOR', ri: 'emulator-000', ver: { v: [2, 1, 19000, 3] }, rt: new Date().toISOString(), et: 20 },
    // The emulator's own keys, read by assets/signin.js.
    sMarkup: view.markup,
    iUsernameError: view.errorKind ? ERROR_CODES[view.errorKind] : 0,
    str: {
      title: s.signInHeading,
      placeholder: s.usernamePlaceholder,
      next: s.next,
      back: s.back,
      passwordLabel: s.passwordLabel,
      notFound: s.accountNotFound,
      notFoundLink: s.accountNotFoundLink,
      mayBeIncorrect: s.usernameMayBeIncorrect,
      invalid: s.enterValidUsername,
      genericError: s.genericError,
      accountTypeHeading: s.accountTypeHeading,
      workOrSchool: s.workOrSchoolAccount,
      personal: s.personalAccount,
    },
  };
}

export function renderCapturedUsername(view: CapturedUsernameView): string {
  const s = view.strings;
  return `<!DOCTYPE html>
<html dir="ltr" class="" lang="${e(s.htmlLang)}">
<head>
<title>${e(s.title)}</title>
<meta http-equiv="Content-Type" content="text/html; charset=UTF-8">
<meta http-equiv="X-UA-Compatible" content="IE=edge">
<meta name="viewport" content="width=device-width, initial-scale=1.0, maximum-scale=2.0, user-scalable=yes">
<meta http-equiv="Pragma" content="no-cache">
<meta http-equiv="Expires" content="-1">
<noscript><meta http-equiv="Refresh" content="0; URL=${LOGIN}/jsdisabled" /></noscript>
<meta name="PageID" content="ConvergedSignIn" />
<meta name="SiteID" content="" />
<meta name="ReqLC" content="${view.locale === 'ja-JP' ? 1041 : 1033}" />
<meta name="LocLC" content="${e(view.locale)}" />
<meta name="referrer" content="origin" />
<meta name="format-detection" content="telephone=no" />
<meta name="robots" content="none" />
<script type="text/javascript">//<![CDATA[
$Config=${scriptJson(capturedConfig(view))};
//]]></script>
<style>body{font-family:"Segoe UI",sans-serif;background:#f2f2f2}#lightbox,#root{background:#fff;max-width:440px;margin:48px auto;padding:44px}.error,[role=alert]{color:#e81123}.has-error{border-color:#e81123}input.form-control{width:100%;padding:6px 0;border:0;border-bottom:1px solid #666}.moveOffScreen{position:fixed;bottom:0;right:0;height:0!important;width:0!important;overflow:hidden;opacity:0;filter:alpha(opacity=0)}.tile{display:block;padding:12px;border:1px solid #ccc;margin:8px 0;cursor:pointer}</style>
</head>
<body data-bind="defineGlobals: ServerData, bodyCssClass" class="cb" style="display: none">
<script type="text/javascript" src="${SIGN_IN_SCRIPT_PATH}"></script>
</body>
</html>`;
}

/** Where `<noscript>` leads: Microsoft's page for browsers without JavaScript. */
export function renderJsDisabled(view: Pick<UsernameView, 'strings' | 'locale'>): string {
  return `<!DOCTYPE html>
<html dir="ltr" lang="${e(view.strings.htmlLang)}"><head><meta charset="utf-8"><title>${e(view.strings.title)}</title><meta name="PageID" content="JsDisabled" /><meta name="LocLC" content="${e(view.locale)}" /></head>
<body><div id="lightbox"><div role="heading" aria-level="1">JavaScript required</div><p id="jsDisabledMessage">Your browser does not support JavaScript or it is turned off. To sign in, use a browser that supports JavaScript, or turn it on.</p></div></body></html>`;
}
