// The newer Fluent/React markup (facts §1a, confirmed for login.live.com; UNCONFIRMED for Entra), selected by
// scenario.markup = 'fluent': `input#usernameEntry`, `button[data-testid=primaryButton]`, errors in
// `div[role=alert]`, `[data-testid=identityBanner]`. No `loginfmt`/`i0116`/`#usernameError` here, on purpose:
// detection that relies on one id alone fails against this variant.
import { escapeHtml as e, scriptJson } from '../html.ts';
import { SIGN_IN_SCRIPT_PATH } from './converged.ts';
import { pageConfig, type PasscodeView, type UsernameView } from './view.ts';

function document(view: UsernameView | PasscodeView, pgid: string, action: string, inner: string): string {
  const s = view.strings;
  return `<!DOCTYPE html>
<html dir="ltr" lang="${e(s.htmlLang)}">
<head>
<meta charset="utf-8">
<title>${e(s.title)}</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="PageID" content="${e(pgid)}" />
<meta name="LocLC" content="${e(view.locale)}" />
<meta name="robots" content="none" />
<script type="text/javascript">//<![CDATA[
$Config=${scriptJson({ ...pageConfig(view, pgid), fFluent: true })};
//]]></script>
<style>body{font-family:"Segoe UI Variable","Segoe UI",sans-serif;background:#f5f5f5}#root{max-width:440px;margin:48px auto;background:#fff;border-radius:8px;padding:36px}[role=alert]{color:#c50f1f}[hidden]{display:none!important}</style>
</head>
<body>
<div id="root" data-testid="appRoot">
<form method="post" action="${e(action)}" novalidate data-testid="signInForm">
<div data-testid="logo"><span>Microsoft</span></div>
${inner}
<input type="hidden" name="ctx" value="${e(view.requestId)}">
<input type="hidden" name="flowToken" value="${e(view.kind === 'passcode' ? view.flowToken : '')}">
<div data-testid="viewFooter"><a href="#" data-testid="signInOptions">Sign-in options</a></div>
</form>
</div>
<script type="text/javascript" src="${SIGN_IN_SCRIPT_PATH}"></script>
</body>
</html>`;
}

export function renderFluentUsername(view: UsernameView): string {
  const s = view.strings;
  const inner = `<h1 data-testid="title">${e(s.signInHeading)}</h1>
<div data-testid="inputField">
<input id="usernameEntry" name="username" type="email" autocomplete="username" aria-label="${e(s.usernamePlaceholder)}" placeholder="${e(s.usernamePlaceholder)}" aria-describedby="usernameEntryError" value="${e(view.username)}"${view.error ? ' aria-invalid="true"' : ''}>
</div>
<div id="usernameEntryError" role="alert" aria-live="assertive" data-testid="usernameEntryError"${view.error ? '' : ' hidden'}>${view.error ? e(view.error) : ''}</div>
<div data-testid="buttons"><button type="submit" data-testid="primaryButton">${e(s.next)}</button></div>`;
  return document(view, 'ConvergedSignIn', `/${view.authoritySegment}/login`, inner);
}

export function renderFluentPasscode(view: PasscodeView): string {
  const s = view.strings;
  if (view.credential === 'password') {
    const inner = `<div data-testid="identityBanner"><span data-testid="identityBannerText">${e(view.username)}</span></div>
<h1 data-testid="title">${e(s.enterPasswordHeading)}</h1>
<div data-testid="inputField">
<input id="passwordEntry" name="passwd" type="password" autocomplete="current-password" aria-label="${e(s.passwordPlaceholder)}" placeholder="${e(s.passwordPlaceholder)}" value=""${view.error ? ' aria-invalid="true"' : ''}>
</div>
<div role="alert" aria-live="assertive" data-testid="passwordError"${view.error ? '' : ' hidden'}>${view.error ? e(view.error) : ''}</div>
<div data-testid="buttons"><button type="submit" data-testid="primaryButton">${e(s.signIn)}</button></div>`;
    return document(view, 'ConvergedSignIn', `/${view.authoritySegment}/otc`, inner);
  }
  const inner = `<div data-testid="identityBanner"><span data-testid="identityBannerText">${e(view.username)}</span></div>
<h1 data-testid="title">${e(s.enterCodeHeading)}</h1>
<p data-testid="description">${e(s.codeSentTo(view.username))}</p>
<div data-testid="inputField">
<input id="codeEntry" name="otc" type="tel" inputmode="numeric" autocomplete="one-time-code" maxlength="8" aria-label="${e(s.codePlaceholder)}" placeholder="${e(s.codePlaceholder)}" value=""${view.error ? ' aria-invalid="true"' : ''}>
</div>
<div role="alert" aria-live="assertive" data-testid="codeEntryError"${view.error ? '' : ' hidden'}>${view.error ? e(view.error) : ''}</div>
<div data-testid="buttons"><button type="submit" data-testid="primaryButton">${e(s.signIn)}</button></div>`;
  return document(view, 'ConvergedOneTimeCode', `/${view.authoritySegment}/otc`, inner);
}
