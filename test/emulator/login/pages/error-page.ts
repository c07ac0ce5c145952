// Microsoft's sign-in error page ("ConvergedError"): the AADSTS message in `#service_exception_message`
// (facts §1a, §1c), plus the troubleshooting details block the real page shows.
import { randomUUID } from 'node:crypto';
import { escapeHtml as e, scriptJson } from '../html.ts';
import type { Locale } from '../strings.ts';

const TITLE: Record<Locale, { heading: string; trouble: string; details: string }> = {
  'en-US': { heading: 'Sign in', trouble: 'Sorry, but we’re having trouble signing you in.', details: 'Troubleshooting details' },
  'ja-JP': { heading: 'サインイン', trouble: '申し訳ございませんが、サインイン中に問題が発生しました。', details: 'トラブルシューティングの詳細' },
};

export interface ErrorPageInput {
  code: number;
  /** Message after `AADSTS<code>: `. */
  message: string;
  locale: Locale;
  now: Date;
}

export function renderErrorPage(input: ErrorPageInput): string {
  const t = TITLE[input.locale];
  const full = `AADSTS${input.code}: ${input.message}`;
  const requestId = randomUUID();
  const correlationId = randomUUID();
  const timestamp = input.now.toISOString().replace(/\.\d+Z$/, 'Z');
  const config = { pgid: 'ConvergedError', iErrorCode: input.code, sErrorCode: String(input.code), strServiceExceptionMessage: full, sessionId: requestId, correlationId, locale: { mkt: input.locale } };
  return `<!DOCTYPE html>
<html dir="ltr" class="" lang="${input.locale === 'ja-JP' ? 'ja' : 'en'}">
<head>
<title>${e(t.heading)}</title>
<meta http-equiv="Content-Type" content="text/html; charset=UTF-8">
<meta name="PageID" content="ConvergedError" />
<meta name="LocLC" content="${e(input.locale)}" />
<meta name="robots" content="none" />
<script type="text/javascript">//<![CDATA[
$Config=${scriptJson(config)};
//]]></script>
<style>body{font-family:"Segoe UI",sans-serif;background:#f2f2f2}#lightbox{background:#fff;max-width:440px;margin:48px auto;padding:44px}</style>
</head>
<body data-bind="defineGlobals: ServerData, bodyCssClass" class="cb">
<div id="lightbox" class="sign-in-box ext-sign-in-box">
<div class="logo" role="banner"><span class="logo-text">Microsoft</span></div>
<div role="main">
<div id="loginHeader" class="row title ext-title" role="heading" aria-level="1">${e(t.heading)}</div>
<div class="row text-title" id="errorTitle">${e(t.trouble)}</div>
<div class="row text-body"><div id="service_exception_message" class="text-block-body overflow-hidden ext-text-block-body" data-bind="text: svr.strServiceExceptionMessage">${e(full)}</div></div>
<div id="idTroubleshootingDetails" class="debug-details-banner" data-bind="visible: showDebugDetails">
<div class="debug-details-header">${e(t.details)}</div>
<div><span class="bold">Request Id:</span> <span id="requestId">${requestId}</span></div>
<div><span class="bold">Correlation Id:</span> <span id="correlationId">${correlationId}</span></div>
<div><span class="bold">Timestamp:</span> <span id="timestamp">${timestamp}</span></div>
<div><span class="bold">Message:</span> <span id="errorMessage">${e(full)}</span></div>
</div>
</div>
</div>
</body>
</html>`;
}
