// Content script for https://login.microsoftonline.com/* at document_start. Built by crxjs as one
// self-contained IIFE (no loader, nothing web-accessible). It only detects and acts; the service worker decides.
import { guardSignInPage } from './guard.ts';

guardSignInPage({
  doc: document,
  url: () => location.href,
  navigate: (url, replace) => (replace ? location.replace(url) : location.assign(url)),
  // The worker may be restarting; an unanswered question means "do nothing", never a guess.
  ask: (message) => chrome.runtime.sendMessage(message).catch(() => undefined),
  // Only the worker sends to tabs (sender.tab is unset for it); a snapshot it pushes replaces a provisional one.
  onPush: (listener) =>
    chrome.runtime.onMessage.addListener((message: { type?: string; snapshot?: unknown }, sender) => {
      if (sender.id === chrome.runtime.id && !sender.tab && message?.type === 'snapshot') listener(message.snapshot);
    }),
  t: (key, subs) => chrome.i18n.getMessage(key, subs),
});
