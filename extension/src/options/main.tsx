import { render } from 'preact';
import { Options } from './Options.tsx';

document.documentElement.lang = chrome.i18n.getUILanguage();
document.title = chrome.i18n.getMessage('extName');
render(
  <Options
    local={chrome.storage.local}
    managed={chrome.storage.managed}
    t={(key, subs) => chrome.i18n.getMessage(key, subs)}
    now={Date.now}
  />,
  document.getElementById('app')!,
);
