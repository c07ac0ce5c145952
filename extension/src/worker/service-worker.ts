// MV3 service worker (Firefox: background script). Decides for the sign-in page and is the only writer of the
// stores (the options page and popup send their changes here); no network.
import { createMessageHandler, createQueue } from './handle-message.ts';

const queue = createQueue();
const handler = createMessageHandler({
  local: chrome.storage.local,
  managed: chrome.storage.managed,
  session: chrome.storage.session,
  now: Date.now,
  openOptions: () => chrome.runtime.openOptionsPage(),
  // Queued behind the current message, ahead of any later one.
  later: (job) => void queue(job).catch(() => {}),
  pagesOrigin: chrome.runtime.getURL(''),
  // A tab that navigated away has no listener any more: nothing to do then.
  push: (tabId, message) => void chrome.tabs.sendMessage(tabId, message).catch(() => {}),
});

chrome.runtime.onMessage.addListener((message, sender, sendResponse) => {
  // Only our own content scripts and pages: never another extension or a web page.
  if (sender.id !== chrome.runtime.id) return false;
  const from = { tabId: sender.tab?.id, url: sender.url };
  queue(() => handler.handle(message, from)).then(sendResponse, (e: unknown) =>
    sendResponse({ ok: false, reason: e instanceof Error ? e.message : 'error' }),
  );
  return true; // answer asynchronously
});

chrome.storage.onChanged.addListener((_changes, area) => {
  if (area === 'local') handler.settingsChanged();
  if (area === 'managed') handler.policyChanged();
});

// A closed tab's sign-in memory is no longer needed (tabs.onRemoved needs no permission).
chrome.tabs.onRemoved.addListener((tabId) => void handler.tabClosed(tabId));
