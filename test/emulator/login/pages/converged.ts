// The Knockout-era "ConvergedSignIn" page (facts §1a): PageID/LocLC meta, an inline `$Config={...}` blob ending in
// `//]]>`, data-bind attributes, `input[name=loginfmt]#i0116[type=email]`, Next `#idSIButton9`, `#usernameError`
// (hidden until needed; the input then gets class `has-error`), `.alert-error` for the passcode step's errors.
import { escapeHtml as e, scriptJson } from '../html.ts';
import { pageConfig, type PasscodeView, type UsernameView } from './view.ts';

export const SIGN_IN_SCRIPT_PATH = '/emulator-assets/signin.js';

function head(view: UsernameView | PasscodeView, pgid: string, title: string): string {
  return `<head>
<title>${e(title)}</title>
<meta http-equiv="Content-Type" content="text/html; charset=UTF-8">
<meta http-equiv="X-UA-Compatible" content="IE=edge">
<meta name="viewport" content="width=device-width, initial-scale=1.0, maximum-scale=2.0, user-scalable=yes">
<meta http-equiv="Pragma" content="no-cache">
<meta http-equiv="Expires" content="-1">
<meta name="PageID" content="${e(pgid)}" />
<meta name="SiteID" content="" />
<meta name="ReqLC" content="${view.locale === 'ja-JP' ? 1041 : 1033}" />
<meta name="LocLC" content="${e(view.locale)}" />
<meta name="referrer" content="origin" />
<meta name="format-detection" content="telephone=no" />
<meta name="robots" content="none" />
<script type="text/javascript">//<![CDATA[
$Config=${scriptJson(pageConfig(view, pgid))};
//]]></script>
<style>body{font-family:"Segoe UI",sans-serif;background:#f2f2f2}#lightbox{background:#fff;max-width:440px;margin:48px auto;padding:44px}.error{color:#e81123}.has-error{border-color:#e81123}.alert-error{color:#e81123}input.form-control{width:100%;padding:6px 0;border:0;border-bottom:1px solid #666}[hidden]{display:none!important}</style>
</head>`;
}

function shell(inner: string, view: UsernameView | PasscodeView, action: string): string {
  return `<body data-bind="defineGlobals: ServerData, bodyCssClass" class="cb">
<div>
<form name="f1" id="i0281" novalidate="novalidate" spellcheck="false" method="post" target="_top" autocomplete="off" data-bind="autoSubmit: forceSubmit, attr: { action: postUrl }" action="${e(action)}">
<div class="login-paginated-page" data-bind="component: { name: 'master-page', publicMethods: masterPageMethods, params: { serverData: svr, showButtons: svr.fShowButtons } }">
<div id="lightboxTemplateContainer" data-bind="component: { name: 'lightbox-template', params: { serverData: svr, showHeader: $page.showHeader() } }">
<div id="lightbox" data-bind="animationEnd: $page.paginationControlHelper.animationEnd, externalCss: { 'sign-in-box': true }" class="sign-in-box ext-sign-in-box fade-in-lightbox">
<div class="logo" role="banner" data-bind="component: { name: 'logo-control' }"><span class="logo-text">Microsoft</span></div>
<div role="main">
${inner}
</div>
</div>
</div>
</div>
<input type="hidden" name="ctx" value="${e(view.requestId)}">
<input type="hidden" name="flowToken" value="${e(view.kind === 'passcode' ? view.flowToken : '')}">
<input type="hidden" name="hpgrequestid" value="">
</form>
</div>
<script type="text/javascript" src="${SIGN_IN_SCRIPT_PATH}"></script>
</body>`;
}

export function renderConvergedUsername(view: UsernameView): string {
  const s = view.strings;
  const errorAttrs = view.error ? '' : ' hidden';
  const inputClass = `form-control ltr_override input ext-input text-box ext-text-box${view.error ? ' has-error ext-has-error' : ''}`;
  const inner = `<div class="pagination-view animate slide-in-next" data-bind="css: { 'zero-opacity': hidePaginatedView() }, component: { name: 'login-paginated-username-view-agent' }">
<div data-viewid="1" data-showfedcredbutton="true">
<div id="loginHeader" class="row title ext-title" data-bind="externalCss: { 'title': true }"><div role="heading" aria-level="1" data-bind="text: str['WF_STR_HeaderDefault_Title']">${e(s.signInHeading)}</div></div>
<div class="row">
<div role="alert" aria-live="assertive">
<div id="usernameError" class="error ext-error" data-bind="externalCss: { 'error': true }, htmlWithBindings: usernameTextbox.error"${errorAttrs}>${view.error ? e(view.error) : ''}</div>
</div>
<div class="form-group col-md-24">
<div class="placeholderContainer" data-bind="component: { name: 'placeholder-textbox-field', publicMethods: usernameTextbox.placeholderTextboxMethods, params: { serverData: svr, hintText: str['CT_PWD_STR_Email_Example'] } }">
<input type="email" name="loginfmt" id="i0116" maxlength="113" lang="en" class="${inputClass}" aria-required="true" data-report-event="Signin_Email_Phone_Skype" data-report-trigger="click" data-report-value="Email_Phone_Skype_Entry" data-bind="textInput: usernameTextbox.value, ariaDescribedBy: ['loginHeader', 'usernameError'], hasFocusEx: usernameTextbox.focused, externalCss: { 'input': true, 'text-box': true, 'has-error': usernameTextbox.error }" aria-label="${e(s.usernamePlaceholder)}" placeholder="${e(s.usernamePlaceholder)}" aria-describedby="loginHeader usernameError" value="${e(view.username)}"${view.error ? ' aria-invalid="true"' : ''}>
</div>
</div>
</div>
<div class="position-buttons"><div class="row"><div class="col-xs-24 no-padding-left-right button-container" data-bind="visible: isPrimaryButtonVisible">
<div class="inline-block button-item ext-button-item" data-bind="component: { name: 'footer-buttons-field' }">
<input type="submit" id="idSIButton9" class="win-button button_primary high-contrast-overrides button ext-button primary ext-primary" data-report-event="Signin_Submit" data-report-trigger="click" data-report-value="Submit" data-bind="attr: primaryButtonAttributes, externalCss: { 'button': true, 'primary': true }, value: primaryButtonText() || str['CT_PWD_STR_SignIn_Button_Next']" value="${e(s.next)}">
</div></div></div></div>
</div>
</div>`;
  return `<!DOCTYPE html>\n<html dir="ltr" class="" lang="${e(s.htmlLang)}">\n${head(view, 'ConvergedSignIn', s.title)}\n${shell(inner, view, `/${view.authoritySegment}/login`)}\n</html>`;
}

export function renderConvergedPasscode(view: PasscodeView): string {
  const s = view.strings;
  if (view.credential === 'password') return renderConvergedPassword(view);
  const inner = `<div class="pagination-view animate slide-in-next" data-bind="component: { name: 'one-time-code-view' }">
<div class="identityBanner" data-bind="component: { name: 'identity-banner-control', params: { userTileText: displayName } }">
<div id="displayName" class="identity" data-bind="text: unsafe_displayName, attr: { 'title': unsafe_displayName }" title="${e(view.username)}">${e(view.username)}</div>
</div>
<div id="idDiv_SAOTCC_Title" class="row title ext-title" role="heading" aria-level="1">${e(s.enterCodeHeading)}</div>
<div class="row"><div id="idDiv_SAOTCC_Description" class="row text-body" data-bind="text: str['OTC_Description']">${e(s.codeSentTo(view.username))}</div></div>
<div class="row">
<div role="alert" aria-live="assertive">
<div id="idSpan_SAOTCC_Error_OTC" class="alert alert-error error ext-error" data-bind="visible: otcError"${view.error ? '' : ' hidden'}>${view.error ? e(view.error) : ''}</div>
</div>
<div class="form-group col-md-24">
<input type="tel" name="otc" id="idTxtBx_SAOTCC_OTC" maxlength="8" autocomplete="one-time-code" class="form-control input ext-input text-box ext-text-box${view.error ? ' has-error' : ''}" aria-required="true" placeholder="${e(s.codePlaceholder)}" aria-label="${e(s.codePlaceholder)}" data-bind="textInput: otc, hasFocus: true" value="">
</div>
</div>
<div class="position-buttons"><div class="row"><div class="col-xs-24 button-container">
<div class="inline-block button-item ext-button-item">
<input type="submit" id="idSIButton9" class="win-button button_primary button ext-button primary ext-primary" data-bind="value: str['CT_PWD_STR_SignIn_Button']" value="${e(s.signIn)}">
</div></div></div></div>
</div>`;
  return `<!DOCTYPE html>\n<html dir="ltr" class="" lang="${e(s.htmlLang)}">\n${head(view, 'ConvergedOneTimeCode', s.title)}\n${shell(inner, view, `/${view.authoritySegment}/otc`)}\n</html>`;
}

/** The password step (ConvergedSignIn's password view: `#i0118`, field `passwd`); posted to the same step URL. */
function renderConvergedPassword(view: PasscodeView): string {
  const s = view.strings;
  const inner = `<div class="pagination-view animate slide-in-next" data-bind="component: { name: 'login-paginated-password-view' }">
<div class="identityBanner"><div id="displayName" class="identity" title="${e(view.username)}">${e(view.username)}</div></div>
<div id="loginHeader" class="row title ext-title" role="heading" aria-level="1">${e(s.enterPasswordHeading)}</div>
<div class="row">
<div role="alert" aria-live="assertive">
<div id="passwordError" class="alert alert-error error ext-error"${view.error ? '' : ' hidden'}>${view.error ? e(view.error) : ''}</div>
</div>
<div class="form-group col-md-24">
<input type="password" name="passwd" id="i0118" autocomplete="current-password" class="form-control input ext-input text-box ext-text-box${view.error ? ' has-error' : ''}" aria-required="true" placeholder="${e(s.passwordPlaceholder)}" aria-label="${e(s.passwordPlaceholder)}" value="">
</div>
</div>
<div class="position-buttons"><div class="row"><div class="col-xs-24 button-container">
<div class="inline-block button-item ext-button-item">
<input type="submit" id="idSIButton9" class="win-button button_primary button ext-button primary ext-primary" value="${e(s.signIn)}">
</div></div></div></div>
</div>`;
  return `<!DOCTYPE html>\n<html dir="ltr" class="" lang="${e(s.htmlLang)}">\n${head(view, 'ConvergedSignIn', s.title)}\n${shell(inner, view, `/${view.authoritySegment}/otc`)}\n</html>`;
}
