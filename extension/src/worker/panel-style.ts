// The in-page panel's style sheet. It lives with the service worker, which hands it to the sign-in page in the
// load-time snapshot: most pages never show the panel, so the content script does not carry it.

export const PANEL_CSS =
  ':host{all:initial}' +
  'section{position:fixed;z-index:2147483647;top:16px;left:50%;transform:translateX(-50%);width:min(440px,calc(100vw - 32px));' +
  'box-sizing:border-box;padding:20px 24px;background:#fff;color:#1b1b1b;border:1px solid #8a8886;border-radius:4px;' +
  'box-shadow:0 4px 16px rgba(0,0,0,.2);font:15px/1.4 system-ui,-apple-system,"Segoe UI",sans-serif}' +
  'h2{font-size:17px;margin:0 0 8px}p{margin:0 0 12px}ul{list-style:none;margin:0 0 12px;padding:0}li{margin:0 0 6px}' +
  'button,a{font:inherit;color:#1b1b1b}li button{width:100%;text-align:start;padding:8px 12px;background:#f3f2f1;' +
  'border:1px solid #8a8886;border-radius:2px;cursor:pointer}li button:hover{background:#e1dfdd}' +
  'button:focus-visible,a:focus-visible{outline:2px solid #1b1b1b;outline-offset:2px}' +
  '.row{display:flex;gap:12px;align-items:center;flex-wrap:wrap}.row button{background:none;border:0;text-decoration:underline;cursor:pointer;padding:0}';
