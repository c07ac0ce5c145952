// The admin console's entry. /admin/ is both the app and msal-browser's redirect URI: a sign-in answer that arrives in a
// popup or a frame (msal-browser 5's redirect bridge) is handed to the window that asked for it; otherwise the app
// starts (a redirect-flow answer in the address bar is read by the app's own handleRedirectPromise).
import { render } from 'preact';
import { App } from './App.tsx';
import './console.css';

const hasAuthAnswer = /[#&?](code|error)=/.test(location.hash + location.search);
const inFrameOrPopup = window.top !== window.self || Boolean(window.opener);

if (hasAuthAnswer && inFrameOrPopup) {
  void import('@azure/msal-browser/redirect-bridge').then((bridge) => bridge.broadcastResponseToMainFrame());
} else {
  const root = document.getElementById('app');
  if (root) render(<App />, root);
}
